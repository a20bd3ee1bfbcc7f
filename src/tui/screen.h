/*
 * screen: the interface every screen implements, a draw and a key
 * function, and the screen for the app's current position.
 *
 * A draw function paints the body (rows y .. y+h-1, full width) from the
 * state; a key function handles the actions that mean something on its
 * screen and returns INPUT_IGNORED for the rest, which input.c handles
 * the same on every screen (moving, undo, quit...).  Screens change the
 * model only through app_*.
 */
#ifndef HANDSUP_SCREEN_H
#define HANDSUP_SCREEN_H

#include "tui/keys.h"
#include "tui/tui.h"

struct app;

struct screen {
	void (*draw)(const struct tui *t, int y, int h);
	/* NULL for a screen without keys of its own. */
	enum input_result (*key)(struct tui *t, enum action act, int arg);
	const char *hint; /* the key hints on the status line */
};

extern const struct screen screen_title, screen_item, screen_summary,
	screen_closing;

/* The screen for the app's current position. */
const struct screen *screen_for(const struct app *a);

/* The first row of the item screen's chart, which overlays keep off. */
int screen_item_chart_top(const struct app *a, int y, int h);

/*
 * Overlays, drawn over whatever screen is below them (frame.c); any key
 * closes the help (input.c), and i or another screen the note.
 */
void screen_help_draw(const struct tui *t, int y, int h);
void screen_note_draw(const struct tui *t, int y, int h);

#endif
