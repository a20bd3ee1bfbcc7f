/*
 * app: the application's state and every change to it.  Each change that
 * touches the session (a count, the current screen) is saved to disk
 * before it returns, or, while the terminal loop holds saves back
 * (defer), by app_flush before the next frame: either way what a frame
 * shows is already on disk ("save before draw").  The model knows operations (vote, set, undo,
 * go to, ask, blank...), not keys: the terminal layer turns keys into
 * these calls, and screens read this state to draw.  No curses here.
 */
#ifndef HANDSUP_APP_H
#define HANDSUP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ballot.h"
#include "core/session.h"
#include "core/tally.h"

struct deck;
struct session;

enum app_ask { ASK_NONE, ASK_QUIT, ASK_RESET, ASK_ROUND };

/* A part of a text: len bytes from off. */
struct app_span {
	size_t off, len;
};

struct app {
	const struct deck *deck; /* what is shown; never NULL */
	struct session *sess;	 /* counts and the current screen
	                               (sess->current: 0 title, 1..n items,
	                               n+1 summary, n+2 closing) */
	const char *path;	 /* the session file */
	const char *export_dir;	 /* where 'e' writes; NULL: "." */
	int aligned;		 /* groups further apart than this many
	                            points are not aligned (--aligned) */
	int selected;		 /* selected view on an item screen */
	int scroll;		 /* first row shown on the summary */
	bool note;		 /* the item's facilitator note is shown */
	enum app_ask ask;	 /* an open yes/no question */
	bool undo_armed;      /* u once at a round's start: again undoes it */
	bool defer;	      /* changes wait for app_flush to be saved */
	bool unsaved;	      /* a change waits for app_flush */
	char save_error[300]; /* why the last save failed; "" if it
	                               worked (the warning stays until then) */
	char message[240];    /* one-shot status line text */
	/* The names in message (a group, a view's label), which a narrow
	 * status line shortens first, so that its figures stay whole. */
	struct app_span message_names[2];
	int message_nnames;
	/* Phones (app/phones.h): whether they may vote now, and whether a
	 * ballot changed since the screen last asked. */
	bool phones_on;
	bool phones_changed;
	/* The hands with the phones' votes added (session_counts), while
	 * there are ballots; what every screen shows.  Owned: app_free. */
	struct tally counts;
	bool counts_ok;
};

void app_init(struct app *a, const struct deck *d, struct session *s,
	      const char *path);

/* Frees what the app owns (not the deck or the session). */
void app_free(struct app *a);

/*
 * The counts the room sees: the session's hands, with the phones' votes
 * added when there are ballots.  Never NULL.
 */
const struct tally *app_tally(const struct app *a);

/* The hands alone on an item's current round, phones left out. */
long app_hands(const struct app *a, int item);

/*
 * Where phones may vote: the current round of the item on screen, while
 * phones are on; nowhere on the other screens.
 */
struct ballot_open app_voting(const struct app *a);

/*
 * Saves at once, whatever a->defer says, after a phone's ballot
 * changed: the phone is told "saved" only after this returns true, and
 * the frame that shows the vote comes after it.
 */
bool app_save_ballot(struct app *a);

/* The room's counts again, after ballots changed outside a save (a
 * change taken back because its save failed). */
void app_recount(struct app *a);

/* Screen positions. */
int app_pos(const struct app *a);
int app_nitems(const struct app *a);
int app_pos_summary(const struct app *a);
int app_pos_closing(const struct app *a);
/* The item shown, or -1 when the current screen is not an item screen. */
int app_item(const struct app *a);
/* The most views any item has. */
int app_max_views(const struct app *a);

/* Moves to a position (clamped) and saves it. */
void app_goto(struct app *a, int pos);

/* Count changes on the current item; each saves.  view is 0-based. */
void app_vote(struct app *a, int view, long delta);
void app_set_count(struct app *a, int view, long value);
void app_reset_item(struct app *a);
void app_undo(struct app *a);
void app_redo(struct app *a);

/*
 * The counts of an item's round for a group (-1: the room) as the screen
 * shows them: percentages of the hands raised, or of everyone in the
 * room when the session says so and a headcount holds every hand.
 */
struct app_shares {
	int n; /* views */
	long counts[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	long hands;   /* hands raised */
	long people;  /* the headcount, or 0 when none is given */
	long none;    /* people who raised no hand; -1 without a headcount,
	                below 0 when the hands exceed it */
	bool of_room; /* pct are of the people, not of the hands */
};

int app_shares(const struct app *a, int item, int round, int group,
	       struct app_shares *sh);

/* The headcount of a group (-1: the room's), 0 when none is given. */
long app_people(const struct app *a, int group);

/* Makes the next (delta 1) or previous (-1) group the one counted. */
void app_next_group(struct app *a, int delta);
/* Sets the active group's headcount (the room's, without groups). */
void app_set_headcount(struct app *a, long n);
/* Percentages of the hands raised, or of everyone in the room. */
void app_toggle_base(struct app *a);
/* Whether the current item may get a new round; says why not. */
bool app_can_start_round(struct app *a);
/* Starts a new round of the current item (after ASK_ROUND's yes). */
void app_new_round(struct app *a);

/* Select a view on the current item (wraps). */
void app_select(struct app *a, int delta);
/* Opens a yes/no question. */
void app_ask(struct app *a, enum app_ask q);
/*
 * Closes the open question: yes carries it out (ASK_RESET clears the
 * item; ASK_QUIT is the caller's to carry out), no does nothing.
 */
void app_answer(struct app *a, bool yes);
/* Blanks the screen to black or white, or brings it back (BLANK_OFF). */
void app_blank(struct app *a, enum session_blank how);
/* Hides every count, percentage and bar from the room, or reveals them. */
void app_toggle_hidden(struct app *a);
/* Show or hide the current item's facilitator note. */
void app_toggle_note(struct app *a);
/* Scroll the summary by delta rows, within 0..last. */
void app_scroll(struct app *a, int delta, int last);

/* Writes the text report and CSV; the status line shows both paths. */
void app_export(struct app *a);

/*
 * Saves the session.  Returns true on success (and clears the warning).
 * With a->defer set, only notes that a save is due and returns whether
 * the last save worked: the keys of a burst are then applied together
 * and saved once, by app_flush, which the loop calls before it draws
 * the frame that shows them, so the rule "save before draw" still holds.
 */
bool app_save(struct app *a);
/* Carries out the save that a->defer held back, if any; false when it
 * (or the last save) failed. */
bool app_flush(struct app *a);
bool app_save_failed(const struct app *a);

/* Sets the one-shot status message (printf-style), naming nothing. */
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
