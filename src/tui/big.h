/*
 * big: large digits for counts that the back of the room must read,
 * drawn from one 3 x 5 pixel font at any scale.
 */
#ifndef HANDSUP_BIG_H
#define HANDSUP_BIG_H

#include "tui/draw.h"

/*
 * Large digits for counts that the back of the room must read, at scale
 * 1 (three rows high) or more (scale 2: five rows).  ui_big_width gives
 * the columns digits would take, or 0 when they cannot be drawn (a
 * character other than 0-9, or a scale above 1 in ASCII mode, where they
 * are drawn with _ and | as on a seven-segment display).
 */
int big_rows(int scale);
int big_width(const char *digits, int scale);
/* Draws digits from row y; returns the columns used. */
int big_draw(int y, int x, enum role role, const char *digits, int scale);

#endif
