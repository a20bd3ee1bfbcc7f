/*
 * widgets: what several screens draw the same way.
 */
#ifndef HANDSUP_WIDGETS_H
#define HANDSUP_WIDGETS_H

#include <stdbool.h>

#include "tui/draw.h"

struct app;

/* Left margin for the terminal's width: wider terminals get more air. */
int widget_margin(void);
/* The same for a width of cols columns. */
int widget_margin_for(int cols);

/*
 * Whether a terminal of cols x rows is a room's screen, 120 x 36 or
 * more: large type, taller bars, texts in a readable measure.
 */
bool widget_large_for(int cols, int rows);
/* The same for the terminal as it is now. */
bool widget_large(void);
/* The columns a text block takes in w: a readable measure when large. */
int widget_measure(int w, bool large);

/*
 * Draws s word-wrapped into w columns from row y, at most maxrows rows;
 * if it needs more, the last row shown ends in an ellipsis.  With centre,
 * each row is centred in w.  Returns the rows drawn (0 for NULL).
 */
int widget_wrap(int y, int x, int w, int maxrows, enum role role, const char *s,
		bool centre);

/* How many rows widget_wrap needs for s in w columns. */
int widget_wrap_rows(const char *s, int w);

/* Draws the room's totals per view (one bar each) from row y; rows used. */
int widget_totals(const struct app *a, int y, int h);
/* The same with bars each rows high (fewer when h is short). */
int widget_totals_tall(const struct app *a, int y, int h, int each);

#endif
