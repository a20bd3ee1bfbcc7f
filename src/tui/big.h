/*
 * big: large type that the back of the room can read -- counts and
 * percentages in the chart, headings and titles -- drawn from the pixel
 * font of base/font.h at any scale, as cells painted in their role's
 * colour (draw_cell), so that stacked cells show no seam.
 */
#ifndef HANDSUP_BIG_H
#define HANDSUP_BIG_H

#include <stdbool.h>

#include "tui/draw.h"

/*
 * Rows that one line of large type takes at scale 1 (three rows high) or
 * more (scale 2: five rows).  A pixel is scale columns wide and half a
 * row high times scale, so the glyphs keep their shape.
 */
int big_rows(int scale);

/*
 * The columns a number (digits, and a trailing '%') would take at scale,
 * or 0 when it cannot be drawn: another character, or a scale above 1 or
 * a '%' in ASCII mode, where digits are drawn with _ and | as on a
 * seven-segment display.
 */
int big_width(const char *digits, int scale);
/* Draws a number from row y; returns the columns used (0: not drawn). */
int big_draw(int y, int x, enum role role, const char *digits, int scale);

/*
 * Text set in large type at scale 1, word-wrapped into w columns, a blank
 * row between lines.  big_text_rows gives the rows it takes, or 0 when it
 * cannot be set in at most maxlines lines (ASCII mode, a character the
 * font lacks, a word wider than w): the caller then draws it in normal
 * type, so no text is ever lost.
 */
int big_text_rows(const char *s, int w, int maxlines);
/* Draws it from row y, each line centred in w when centre; rows used. */
int big_text_draw(int y, int x, int w, enum role role, const char *s,
		  int maxlines, bool centre);

#endif
