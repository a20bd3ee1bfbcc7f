/*
 * session: the record of one workshop run and its file on disk.
 *
 * A session holds everything needed to resume and to report without the
 * deck: the deck's identity, each item's heading and view labels, the
 * current position, and every count (in a struct tally).  Pure: its text form is
 * made by session_format and read by session_parse (session_parse.h);
 * store/ puts it on disk.
 */
#ifndef HANDSUP_SESSION_H
#define HANDSUP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/ballot.h"
#include "core/tally.h"

struct deck;

#define SESSION_MAGIC "handsup-session"
/* The newest format, written when phones vote (ballots); a session
 * without them is written as format 2, and 1 still reads. */
#define SESSION_VERSION 3
#define SESSION_EXT	".session"
/* A phones code: this many letters and digits (net/policy's bounds). */
#define SESSION_CODE_MIN 6
#define SESSION_CODE_MAX 32

struct session_item {
	char *heading;
	int nviews;
	char *labels[TALLY_MAX_VIEWS]; /* short names: "View 1", "Skills" */
	char *texts[TALLY_MAX_VIEWS];  /* the views' text, or NULL */
};

/* What the room sees instead of the screen, after b, . or w. */
enum session_blank { BLANK_OFF, BLANK_BLACK, BLANK_WHITE };

struct session {
	char *name;
	time_t started; /* UTC seconds */
	char *deck_title;
	char *deck_source; /* may be NULL */
	char *deck_path;   /* absolute path, or "(embedded)" */
	uint64_t deck_hash;
	int current; /* screen position: 0 title, 1..n items, ... */
	int nitems;
	struct session_item *items;
	/* The groups counted apart (0: the room as one); the tally has
	 * max(1, ngroups) groups.  active is the one hands go to. */
	int ngroups;
	char *groups[TALLY_MAX_GROUPS];
	int active;
	bool same_views;  /* views mean the same on every item: totals */
	bool pct_of_room; /* percentages of the headcount, not the hands */
	bool hidden;	  /* counts, percentages and bars kept from the room */
	enum session_blank blank;
	int version;	    /* of the file it was read from; 0: new */
	struct tally tally; /* the hands counted */
	/* Phone voting: its join code (NULL: never opened) and the
	 * anonymous ballots (NULL until the first phone joins). */
	char *phones;
	struct ballots *ballots;
	/* While voting is open, the URL phones join at, for an audience
	 * view to show; NULL when closed. */
	char *phones_url;
};

struct error;

/*
 * Builds a fresh session for a deck: the deck's labels (else "View N")
 * and view texts, zero counts, and groups[0..ngroups) counted apart
 * (ngroups 0: the room as one; at most TALLY_MAX_GROUPS).  name may be
 * NULL (then it is made from started in local time, "2026-11-27 09:35");
 * deck_path NULL means "(embedded)".  Returns 0, or -1 when out of memory
 * or the deck has no items or an item outside 2..6 views.
 */
int session_from_deck(struct session *s, const struct deck *d,
		      const char *deck_path, const char *name, time_t started,
		      char *const *groups, int ngroups);

void session_free(struct session *s);

/* The most views any item has (0 without items). */
int session_max_views(const struct session *s);

/*
 * Opens the session's ballot box for its items and groups, if it has
 * none yet.  Returns 0, or -1 when out of memory.
 */
int session_open_ballots(struct session *s);

/*
 * The counts that the room's screens and reports show: the hands, and
 * the phones' votes added to them when there are ballots.  out is a
 * tally from tally_init (or zeroed); s->tally itself when there are no
 * ballots is the caller's choice.  Returns 0, or -1 when out of memory.
 */
int session_counts(const struct session *s, struct tally *out);

/* The name of group g: the group's, or "Room" without groups. */
const char *session_group_name(const struct session *s, int g);

/*
 * Writes the session's text form to a string (caller frees); NULL: OOM.
 * Every string is sanitised on the way out, so no value can hold a
 * newline.  A start time outside 1970..9999 is clamped into it.
 */
char *session_format(const struct session *s, size_t *len);

#endif
