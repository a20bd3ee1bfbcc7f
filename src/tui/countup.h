/*
 * countup: the phones' count-up step as the summary and closing screens
 * show it -- how many voters chose View 1 on 0, 1, ... N of the deck's N
 * items, a bar each, mostly View 1 against mostly View 2, and each
 * group's -- in the rows a screen gives it.  Only for a session with
 * ballots whose views mean the same on every item; never while the
 * results are hidden from the room.
 */
#ifndef HANDSUP_TUI_COUNTUP_H
#define HANDSUP_TUI_COUNTUP_H

#include <stdbool.h>

struct app;

/* Whether the screens show a count-up for this session. */
bool countup_shown(const struct app *a);

/*
 * The rows the count-up would take in w columns with at most maxh rows:
 * all of it when that fits, else fewer bar rows (in more columns), then
 * the heading and the line of mostly View 1 and View 2 alone, then that
 * line alone; 0 when not shown or not one row fits.
 */
int countup_rows(const struct app *a, int w, int maxh);

/* Draws it at (y, x), w columns and h rows (h from countup_rows). */
void countup_draw(const struct app *a, int y, int x, int w, int h);

#endif
