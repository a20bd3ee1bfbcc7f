/*
 * screen: one draw and one key function per screen.  A draw function
 * paints the body (rows y .. y+h-1, full width) from the app's state; a
 * key function handles the actions that mean something on its screen and
 * returns false for those it leaves to the shared handling (navigation,
 * undo, quit...).  Screens change the model only through app_*.
 */
#ifndef HANDSUP_SCREEN_H
#define HANDSUP_SCREEN_H

#include <stdbool.h>

#include "tui/keys.h"
#include "tui/ui.h"

struct app;

/* Draws the whole terminal for the app's current state. */
void screen_draw(const struct app *a);

/* Handles one key.  Sets a->quit when the session should end. */
void screen_key(struct app *a, int key);

void screen_title_draw(const struct app *a, int y, int h);
bool screen_title_key(struct app *a, enum action act, int arg);
void screen_item_draw(const struct app *a, int y, int h);
bool screen_item_key(struct app *a, enum action act, int arg);
void screen_summary_draw(const struct app *a, int y, int h);
bool screen_summary_key(struct app *a, enum action act, int arg);
void screen_closing_draw(const struct app *a, int y, int h);
bool screen_closing_key(struct app *a, enum action act, int arg);
/*
 * Overlays, drawn over whatever screen is below them.  Their keys are
 * modal state in app (app_modal): any key closes them.
 */
void screen_help_draw(const struct app *a, int y, int h);
void screen_note_draw(const struct app *a, int y, int h);

/* Shared helpers. */

/* Left margin for the terminal's width: wider terminals get more air. */
int screen_margin(void);

/*
 * Draws s word-wrapped into w columns from row y, at most maxrows rows;
 * if it needs more, the last row shown ends in an ellipsis.  With centre,
 * each row is centred in w.  Returns the rows drawn (0 for NULL).
 */
int screen_wrap(int y, int x, int w, int maxrows, enum ui_role role,
		const char *s, bool centre);

/* How many rows screen_wrap needs for s in w columns. */
int screen_wrap_rows(const char *s, int w);

/* Draws the room's totals per view (one bar each) from row y; rows used. */
int screen_totals(const struct app *a, int y, int h);

/* The first row of the item screen's chart (for overlays to keep off). */
int screen_item_chart_top(const struct app *a, int y, int h);

/* The summary's first row index that still fills the list (for scrolling). */
int screen_summary_last_scroll(const struct app *a, int h);

#endif
