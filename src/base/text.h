/*
 * text: strict UTF-8 decoding, sanitising and display width.  Pure: no
 * curses, no I/O, no allocation per glyph.  Wrapping is in text_wrap.h.
 *
 * Widths come from wcwidth(3), so the caller must have set LC_CTYPE to a
 * UTF-8 locale for non-ASCII text to measure right; in any other locale
 * every non-ASCII code point counts as one column (it is shown as '?').
 */
#ifndef HANDSUP_TEXT_H
#define HANDSUP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_REPLACEMENT 0xFFFDu

/*
 * Decodes one code point from s[0..len).  Returns the number of bytes used
 * (at least 1 when len > 0) and stores the code point in *cp.  Overlong
 * forms, surrogates, values above U+10FFFF and truncated sequences decode
 * as TEXT_REPLACEMENT consuming one byte.  *ok (if not NULL) is false then.
 */
size_t text_decode(const char *s, size_t len, unsigned *cp, bool *ok);

/* Encodes cp as UTF-8 into out (room for 4 bytes); returns the length. */
size_t text_encode(unsigned cp, char *out);

/*
 * True if s[0..len) is valid UTF-8 with no NUL byte.  On failure *bad (if
 * not NULL) is the byte offset of the first bad byte.
 */
bool text_utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * True for code points that must never reach a terminal or an output file
 * as they are: C0 and C1 controls, DEL, and the bidirectional controls
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), plus U+2028
 * and U+2029.
 */
bool text_is_unsafe(unsigned cp);

/*
 * Returns a newly allocated, NUL-terminated copy of s[0..len) that is safe
 * to show: invalid UTF-8 and unsafe code points become U+FFFD, except that
 * a tab becomes one space.  The code points that only style or join emoji
 * are left out -- U+FE0E, U+FE0F, the skin-tone modifiers U+1F3FB..U+1F3FF
 * and a U+200D (ZWJ) that follows an emoji -- because terminals that draw
 * such a sequence as one glyph disagree with wcwidth and leave stale cells;
 * without them every terminal draws the plain emoji one after another
 * (a ZWJ inside a script's word stays).  Returns NULL only when out of
 * memory.
 */
char *text_sanitize(const char *s, size_t len);

/*
 * Same as text_sanitize, but into buf of size cap (always NUL-terminated,
 * cut at a code point boundary).  Returns the length written.
 */
size_t text_sanitize_into(const char *s, size_t len, char *buf, size_t cap);

/*
 * Copies s into buf (size cap, always terminated) as 7-bit ASCII for a
 * terminal that cannot show UTF-8: typographic quotes, dashes, ellipsis,
 * arrows and non-breaking spaces get their ASCII look-alikes, Latin-1
 * letters lose their accents, combining marks are dropped, anything else
 * non-ASCII becomes '?'.  A look-alike that does not fit whole is left
 * out.  Returns the length written.
 */
size_t text_to_ascii(const char *s, char *buf, size_t cap);

/*
 * Columns taken by one code point: 0 for combining marks, 2 for wide.  0
 * also for U+200D and the emoji style code points that text_sanitize
 * leaves out, so a string measures the same before and after it.
 */
int text_cp_width(unsigned cp);

/* Columns taken by the NUL-terminated string s (unsafe code points: 1). */
int text_width(const char *s);

/* Whether a locale's codeset (nl_langinfo(CODESET)) is UTF-8. */
bool text_utf8_codeset(const char *codeset);

/* Columns taken by s[0..len). */
int text_width_n(const char *s, size_t len);

#endif
