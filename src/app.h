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

#include "keys.h"

struct deck;
struct session;

enum app_ask { ASK_NONE, ASK_QUIT, ASK_RESET };

struct app {
	const struct deck *deck;    /* what is shown; never NULL */
	struct session *sess;       /* counts and position; never NULL */
	const char *path;           /* the session file */
	const char *export_dir;     /* where 'e' writes; NULL: "." */
	int pos;                    /* 0 title, 1..n items, n+1 summary,
	                               n+2 closing */
	int selected;               /* selected view on an item screen */
	int scroll;                 /* first row shown on the summary */
	bool help;                  /* the help overlay is open */
	bool blank;                 /* the screen is blanked */
	enum app_ask ask;           /* an open yes/no question */
	bool entry;                 /* a count is being typed */
	char typed[8];              /* the digits typed so far */
	bool save_failed;           /* the last save failed: warn until one works */
	char save_error[240];
	char message[240];          /* one-shot status line text */
	bool quit;                  /* leave the event loop */
};

void app_init(struct app *a, const struct deck *d, struct session *s,
	      const char *path);

/* Screen positions. */
int app_nitems(const struct app *a);
int app_pos_summary(const struct app *a);
int app_pos_closing(const struct app *a);
int app_pos_last(const struct app *a);
/* The item shown at pos, or -1 when pos is not an item screen. */
int app_item(const struct app *a);

/* The input mode the keys table should use now. */
enum key_mode app_key_mode(const struct app *a);

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

/* Writes the text report and CSV; the status line shows both paths. */
void app_export(struct app *a);

/* Saves now.  Returns true on success (and clears the warning). */
bool app_save(struct app *a);

/* Sets the one-shot status message (printf-style). */
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
