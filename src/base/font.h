/*
 * font: a pixel font five pixels high for large type -- the letters A-Z
 * (lower case is set as upper case), the digits, and the punctuation a
 * heading uses -- with the measuring and word wrapping of text set in it.
 * Pure: it says which pixels are on; drawing them is the terminal's job.
 *
 * Glyphs have their own widths (M and W are wider than I), and one blank
 * pixel column follows every glyph but the last.  The digits are all
 * three pixels wide, so that numbers keep their columns.
 */
#ifndef HANDSUP_FONT_H
#define HANDSUP_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/text_wrap.h"

#define FONT_HEIGHT 5

struct font_glyph {
	int width;		       /* pixels */
	const char *rows[FONT_HEIGHT]; /* '#' for a pixel that is on */
};

/*
 * The glyph of code point cp, or NULL when the font lacks it.  Lower case
 * letters get their upper case glyph; typographic quotes, dashes and the
 * ellipsis get glyphs of their own.
 */
const struct font_glyph *font_glyph(unsigned cp);

/* Whether the pixel at column x, row y of g is on (false outside it). */
bool font_pixel(const struct font_glyph *g, int x, int y);

/*
 * Width in pixels of s[0..len) set in the font, blank columns between
 * glyphs included; -1 when s holds a character the font lacks.
 */
int font_width(const char *s, size_t len);

/*
 * Word-wraps s into lines at most width pixels wide, breaking at spaces
 * and at newlines; each line's width is in pixels.  Stores at most max
 * lines and returns how many the whole text needs; 0 when the text cannot
 * be set at that width (empty, a character the font lacks, or a word
 * wider than a line), so that the caller sets it in normal type instead
 * of losing any of it.
 */
size_t font_wrap(const char *s, int width, struct text_line *lines, size_t max);

#endif
