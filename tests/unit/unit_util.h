/*
 * Helpers shared by the unit tests: where the source tree is (for golden
 * files and sample sessions), a whole file, and a random generator.
 */
#ifndef HANDSUP_TESTS_UNIT_UTIL_H
#define HANDSUP_TESTS_UNIT_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The source tree: from __FILE__ of the test (whose path ends in tail),
 * else ".", unless HANDSUP_SRCDIR says otherwise. */
static inline void unit_find_root(char *root, size_t cap, const char *file,
				  const char *tail)
{
	size_t n = strlen(file), t = strlen(tail);

	snprintf(root, cap, ".");
	if (n > t && !strcmp(&file[n - t], tail))
		snprintf(root, cap, "%.*s", (int)(n - t - 1), file);
	const char *env = getenv("HANDSUP_SRCDIR");
	if (env)
		snprintf(root, cap, "%s", env);
}

/* A whole file, NUL-terminated (length in *len if not NULL), or NULL. */
static inline char *unit_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/*
 * xorshift32 from a fixed seed: the same inputs at every run, so a
 * failure that random input finds once is found every time.  One state
 * per test program.
 */
static inline uint32_t unit_rng(void)
{
	static uint32_t state = 2463534242u;
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

#endif
