/*
 * app: the application's state and every change to it.  Each change that
 * touches the session (a count, the current screen) is saved to disk
 * before it returns, so what the next frame shows is already on disk
 * ("save before draw").  No curses here: screens read this state to draw
 * and call these functions to change it.
 */
#ifndef HANDSUP_APP_H
#define HANDSUP_APP_H

#include <stdbool.h>

#include "tui/keys.h"

struct deck;
struct session;

enum app_ask { ASK_NONE, ASK_QUIT, ASK_RESET };

struct app {
	const struct deck *deck; /* what is shown; never NULL */
	struct session *sess;	 /* counts and the current screen
	                               (sess->current: 0 title, 1..n items,
	                               n+1 summary, n+2 closing) */
	const char *path;	 /* the session file */
	const char *export_dir;	 /* where 'e' writes; NULL: "." */
	int selected;		 /* selected view on an item screen */
	int scroll;		 /* first row shown on the summary */
	bool help;		 /* the help overlay is open */
	bool blank;		 /* the screen is blanked */
	bool note;		 /* the item's facilitator note is shown */
	enum app_ask ask;	 /* an open yes/no question */
	bool entry;		 /* a count is being typed */
	char typed[8];		 /* the digits typed so far */
	char save_error[240];	 /* why the last save failed; "" if it
	                               worked (the warning stays until then) */
	char message[240];	 /* one-shot status line text */
	bool repaint;		 /* repaint every cell on the next frame */
	bool quit;		 /* leave the event loop */
};

void app_init(struct app *a, const struct deck *d, struct session *s,
	      const char *path);

/* Screen positions. */
int app_pos(const struct app *a);
int app_nitems(const struct app *a);
int app_pos_summary(const struct app *a);
int app_pos_closing(const struct app *a);
/* The item shown, or -1 when the current screen is not an item screen. */
int app_item(const struct app *a);
/* The most views any item has. */
int app_max_views(const struct app *a);

/* The input mode the keys table should use now. */
enum key_mode app_key_mode(const struct app *a);

/*
 * The states that take a key before any screen does: the blanked
 * screen, an open question, a count being typed, the help overlay.
 * Returns true when the action was used up by one of them.
 */
bool app_modal(struct app *a, enum action act, int arg);

/* Actions that mean the same on every screen (moving, undo, quit...). */
void app_common(struct app *a, enum action act);

/* Moves to a position (clamped) and saves it. */
void app_goto(struct app *a, int pos);

/* Count changes on the current item; each saves.  view is 0-based. */
void app_vote(struct app *a, int view, long delta);
void app_set_count(struct app *a, int view, long value);
void app_reset_item(struct app *a);
void app_undo(struct app *a);
void app_redo(struct app *a);

/* Select a view on the current item (wraps). */
void app_select(struct app *a, int delta);
/* Start typing a count for the selected view. */
void app_begin_entry(struct app *a);
/* Open a yes/no question. */
void app_ask(struct app *a, enum app_ask q);
/* Show or hide the current item's facilitator note. */
void app_toggle_note(struct app *a);
/* Scroll the summary by delta rows, within 0..last. */
void app_scroll(struct app *a, int delta, int last);

/* Writes the text report and CSV; the status line shows both paths. */
void app_export(struct app *a);

/* Saves now.  Returns true on success (and clears the warning). */
bool app_save(struct app *a);
bool app_save_failed(const struct app *a);

/* Sets the one-shot status message (printf-style). */
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
