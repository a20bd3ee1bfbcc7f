/*
 * session_value: the value parsers of the session format (session_parse).
 */
#ifndef HANDSUP_SESSION_VALUE_H
#define HANDSUP_SESSION_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Digits only, no sign, at most max (>= 0); false for anything else. */
bool session_value_count(const char *v, size_t n, long max, long *out);

/* 16 lowercase hexadecimal digits. */
bool session_value_hash(const char *v, size_t n, uint64_t *out);

/* "YYYY-MM-DDTHH:MM:SSZ", a real calendar time in UTC from 1970 on. */
bool session_value_time(const char *v, size_t n, time_t *out);

/*
 * The next space-separated number of v[*pos..n), within 0..max; *pos
 * moves past it and its space.
 */
bool session_value_next(const char *v, size_t n, size_t *pos, long max,
			long *out);

#endif
