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

#include <stdbool.h>

#include "core/deck.h"
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

/*
 * Where each part of the item screen goes, worked out before anything is
 * drawn: rows of each part, top to bottom, for a body of h rows from
 * row y in cols columns.  Pure arithmetic on the state (the fuzz target
 * checks it at any size).
 */
struct item_plan {
	int m, w; /* margin and text width */
	int head_rows;
	int head_gap;		       /* blank row below the heading */
	int view_rows[DECK_MAX_VIEWS]; /* text rows per view (label extra) */
	int gap;		       /* blank rows between views' texts */
	bool list;	       /* the views' labels and texts above the chart */
	int banner;	       /* rows of the active group's banner */
	int panel, panel_each; /* rows of the groups' split bars */
	int panel_gap;	       /* blank row above them */
	int info, swing;       /* rows of the lines of hands, swing */
	int chart_gap;	       /* blank row above the chart */
	int bar_h, bar_gap;
	int chart_y, chart_rows;
	bool head_big;	    /* the heading is set in large type */
	int text_x, text_w; /* the views' texts: left column, width */
	bool pct_big;	    /* large percentages beside large counts */
	int note_x, note_w; /* the note's column beside the item (w 0: none) */
	int note_y, note_box; /* the note's box below the heading: its first
	                         row and rows, borders included (0: none) */
	int note_gap;	      /* blank row above the box */
};

void screen_item_plan(const struct app *a, int item, int y, int h, int cols,
		      struct item_plan *l);

/*
 * The same on a terminal rows high (which decides whether it is a room's
 * screen, whatever part of it the body takes), with the item's note (if
 * it has one) in a column of its own beside the item when note is true
 * and the width allows: for the facilitator's screen while an audience
 * view shows the room the item.
 */
void screen_item_plan_note(const struct app *a, int item, int y, int h,
			   int cols, int rows, bool note, struct item_plan *l);

/*
 * The same, for the facilitator who asked for the item's note (i), with
 * its box between the heading and the views' texts: the box takes the
 * rows that the blank rows and the chart's thickness give up, as many as
 * the note needs, and never a row of the heading, the views' texts, the
 * groups' split or the lines below it.  Without that room, or when a box
 * would show less of the note than the foot of the body can, note_box is
 * 0 (screen_note_draw then puts the note over the foot of the body).
 */
void screen_item_plan_box(const struct app *a, int item, int y, int h, int cols,
			  int rows, struct item_plan *l);

/*
 * The help overlay, drawn over whatever screen is below it (frame.c); any
 * key closes it (input.c).  i or another screen closes the note.
 */
void screen_help_draw(const struct tui *t, int y, int h);
/*
 * Pages of keys the help has in a body h rows tall: 1 when every key
 * fits; more on a small terminal, where ? shows the next one.
 */
int screen_help_pages(int h);

/*
 * The projector check, on the whole screen: every colour role and bar
 * pattern, the large digits, the smallest text used, and a frame along
 * the edges, with what to do until the frame fills the projection.
 */
void screen_projector_draw(void);

/*
 * The item's note, which the item screen draws while the facilitator asks
 * for it: in the box of l (screen_item_plan_box), or, when the body had
 * no room for one, over the foot of the body from y to y + h, which holds
 * the lines of hands and the groups' split before the chart.
 */
void screen_note_draw(const struct tui *t, const struct item_plan *l, int y,
		      int h);

#endif
