/*
 * text_wrap: word wrap, fitting text into columns, and slugs for file
 * names, all measured by display width (text_width).  Pure.
 */
#ifndef HANDSUP_TEXT_WRAP_H
#define HANDSUP_TEXT_WRAP_H

#include <stddef.h>

/* One wrapped line: a slice of the source string. */
struct text_line {
	size_t off; /* byte offset into the source */
	size_t len; /* bytes, without the trailing space(s) */
	int width;  /* columns */
};

/*
 * Word-wraps s into lines of at most width columns (width >= 1).  Lines
 * break at spaces, and before and after a wide (East Asian) character,
 * as Chinese and Japanese are written without spaces -- but not before
 * closing punctuation such as "。" or ")" nor after an opening bracket
 * such as "「".  A newline in s forces a break (an empty line stays).
 * Only a word wider than the whole line is cut, between code points, and
 * a combining mark stays with its base.  Stores at most max lines and
 * returns how many lines the whole text needs.
 */
size_t text_wrap(const char *s, int width, struct text_line *lines, size_t max);

/*
 * Returns how many bytes of s fit in width columns, cutting between code
 * points (never between a base and its combining marks).  *used (if not
 * NULL) receives the columns those bytes take.
 */
size_t text_fit(const char *s, int width, int *used);

/*
 * A name made safe for a file name: ASCII letters and digits, lower-cased;
 * every run of anything else becomes one '-', with none at either end.
 * Written into out (size cap, always terminated), cut after a whole word
 * when too long (a first word longer than the room is cut where it must
 * be); "session" (cut to fit) when nothing is left.  Returns the length.
 */
size_t text_slug(const char *s, char *out, size_t cap);

#endif
