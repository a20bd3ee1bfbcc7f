/*
 * safe: writing text from outside (deck text, paths, names, messages) so
 * that it can never drive a terminal or an editor: every invalid byte and
 * every unsafe code point (see text_is_unsafe) goes out as U+FFFD.  The
 * one place for this job; reports, messages and prompts all use it.
 */
#ifndef HANDSUP_SAFE_H
#define HANDSUP_SAFE_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..len).  Returns 0, or -1 when the stream has failed. */
int safe_put(FILE *out, const char *s, size_t len);

/* The same for a NUL-terminated string. */
int safe_puts(FILE *out, const char *s);

/*
 * Writes s as one shell word, for a command to copy and paste: as it is
 * when it holds only characters that no shell treats specially, else in
 * single quotes.  Returns 0 or -1 as safe_put.
 */
int safe_put_shell(FILE *out, const char *s);

/*
 * Copies s (NULL: "") into buf (size cap, always terminated) sanitised
 * and cut at a code point, for a message.  Returns buf.
 */
const char *safe_copy(char *buf, size_t cap, const char *s);

#endif
