/*
 * ballot: the anonymous ballots of phones in the room.  Pure: no I/O,
 * no clock, no randomness; ids are made outside and handed in.
 *
 * A ballot is an id (a random string the phone keeps in a cookie), the
 * group it chose (or none) and, per item and round, the view it chose
 * (or none).  A vote is cast or changed only on the item and round
 * whose voting the caller says is open; nothing else of a ballot can
 * change, and a ballot is never removed.
 *
 * The count-up step: a ballot's choice on an item is its vote in the
 * latest round of that item that it voted in.  Over the deck's N items
 * a ballot that voted on V of them chose View 1 on K (0 <= K <= V <= N).
 * It is "mostly View 1" when K > V / 2, "mostly View 2" when its View 2
 * choices are more than V / 2, and "even" otherwise (a tie, or no view
 * with more than half).  A ballot with no vote at all is in none of
 * these: it is counted as "silent" only.
 *
 * The text form is one line per ballot, in the session file's style:
 *
 *     ballot: ID GROUP ITEM.ROUND=VIEW ...
 *
 * GROUP is the 1-based group or "-" for none; ITEM, ROUND and VIEW are
 * 1-based, each ITEM.ROUND at most once.  "ballot: k3J9xQ2mZp8wL0aB -"
 * is a ballot that joined and has not voted.
 */
#ifndef HANDSUP_BALLOT_H
#define HANDSUP_BALLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/tally.h"

struct error;

/* A room's worth and then some; bounds memory for hostile input. */
#define BALLOT_MAX 1000
/* Ids: BALLOT_ID_MIN..BALLOT_ID_MAX characters of A-Z a-z 0-9 - _. */
#define BALLOT_ID_MIN 8
#define BALLOT_ID_MAX 40
/* The items a ballot box takes (a session file's bound). */
#define BALLOT_MAX_ITEMS 1000
/* No group chosen. */
#define BALLOT_NO_GROUP (-1)
/* For ballots_distribution: every ballot, whatever its group. */
#define BALLOT_ALL_GROUPS (-2)

enum ballot_status {
	BALLOT_OK = 0,
	BALLOT_CLOSED,	 /* voting is not open on that item and round */
	BALLOT_BAD_ID,	 /* not an id (length or characters) */
	BALLOT_BAD_VOTE, /* no such item, round, view or group */
	BALLOT_FULL,	 /* BALLOT_MAX ballots already */
	BALLOT_FIXED,	 /* the group cannot change after a vote */
	BALLOT_NO_MEMORY,
};

/* Where voting is open, as the caller (the facilitator's screen) says. */
struct ballot_open {
	bool open;
	int item, round; /* 0-based */
};

struct ballot {
	char id[BALLOT_ID_MAX + 1];
	int group; /* 0-based, or BALLOT_NO_GROUP */
	/* [item * TALLY_MAX_ROUNDS + round]: 0 none, else the 1-based view */
	unsigned char *vote;
};

struct ballots {
	int nitems;
	int ngroups; /* 1: no groups, every ballot is in group 0 */
	int nviews[BALLOT_MAX_ITEMS];
	int n;
	struct ballot *b; /* [BALLOT_MAX], made on the first join */
};

/* The counts of one item and round, as a screen adds them to hands. */
struct ballot_counts {
	long group[TALLY_MAX_GROUPS][TALLY_MAX_VIEWS];
	long nogroup[TALLY_MAX_VIEWS]; /* ballots with no group yet */
	long room[TALLY_MAX_VIEWS];    /* every ballot */
	long voted;		       /* ballots with a vote here */
};

/* The count-up step for one group or for everyone. */
struct ballot_summary {
	long voters;  /* ballots with at least one vote */
	long silent;  /* ballots with none */
	long mostly1; /* View 1 on more than half of the items voted on */
	long mostly2; /* View 2 on more than half */
	long even;    /* voters in neither */
};

/*
 * An empty ballot box for nitems items (nviews[i] views each, 2 to
 * TALLY_MAX_VIEWS) and ngroups groups (1 for none).  Returns 0, or -1 when
 * a figure is out of range.
 */
int ballots_init(struct ballots *bs, int nitems, const int *nviews,
		 int ngroups);
void ballots_free(struct ballots *bs);

/* Whether s is a well-formed ballot id. */
bool ballot_id_valid(const char *s);

/* The ballot with that id, or NULL. */
const struct ballot *ballots_find(const struct ballots *bs, const char *id);

/*
 * The ballot with that id, made (with no group) when it is new.  *out
 * (if not NULL) gets its index.  BALLOT_BAD_ID, BALLOT_FULL,
 * BALLOT_NO_MEMORY or BALLOT_OK.
 */
enum ballot_status ballots_join(struct ballots *bs, const char *id, int *out);

/*
 * Sets the group of a ballot (joined if new): 0..ngroups-1.  Allowed
 * while the ballot has not voted (BALLOT_FIXED after), so that votes
 * never move from one group to another.
 */
enum ballot_status ballots_set_group(struct ballots *bs, const char *id,
				     int group);

/*
 * Casts or changes the ballot's vote (joined if new) on item and round
 * (0-based) for view (1-based).  BALLOT_CLOSED unless open says that
 * voting is open on exactly that item and round.
 */
enum ballot_status ballots_vote(struct ballots *bs, const char *id, int item,
				int round, int view,
				const struct ballot_open *open);

/*
 * A ballot as it was before a change, to put back when the change
 * cannot be saved: a phone told that its vote failed must not have it
 * counted.
 */
struct ballot_mark {
	int n;		 /* ballots before */
	int index;	 /* the ballot's, or -1 when it was not there */
	int group;	 /* its group then */
	int item, round; /* where the change votes, or item -1 */
	int view;	 /* its view there then, 0 none */
};

/* Marks the ballot id (it may not exist yet) before a change there. */
void ballots_mark(const struct ballots *bs, const char *id, int item, int round,
		  struct ballot_mark *m);

/* Puts back what the mark recorded; a ballot made since is removed. */
void ballots_rewind(struct ballots *bs, const struct ballot_mark *m);

/* The ballot's view (1-based) on item and round, or 0. */
int ballot_view(const struct ballots *bs, const struct ballot *b, int item,
		int round);

/* How many phones joined. */
int ballots_joined(const struct ballots *bs);

/* The counts per view and group of item and round; zeros out of range. */
void ballots_counts(const struct ballots *bs, int item, int round,
		    struct ballot_counts *c);

/*
 * The count-up step for group (0-based, BALLOT_NO_GROUP, or
 * BALLOT_ALL_GROUPS): by_k[k] (k = 0..nitems, cap at least nitems + 1)
 * is how many voters chose View 1 on k items, and *sum the rest.
 * Returns 0, or -1 when cap is too small.
 */
int ballots_distribution(const struct ballots *bs, int group, long *by_k,
			 size_t cap, struct ballot_summary *sum);

/*
 * Adds every ballot's votes to t, a tally of the same items (hands, say):
 * a vote counts once, in its ballot's group, on its item and round
 * (rounds are added to t as needed).  A ballot without a group is in
 * group 0 when there is only one; with groups it has no vote (a phone
 * picks its group before it can vote).  Returns 0, or -1 when out of
 * memory or t has fewer items.
 */
int ballots_add_to(const struct ballots *bs, struct tally *t);

/* Writes every ballot's line to f.  Returns 0, or -1 on a write error. */
int ballots_write(const struct ballots *bs, FILE *f);

/*
 * Reads the value of one "ballot:" line (what follows "ballot: ", len
 * bytes, no newline) into bs.  Returns 0, or -1 with err's message set
 * and err->line = line.  Nothing is added on an error.
 */
int ballots_parse_line(struct ballots *bs, const char *value, size_t len,
		       int line, struct error *err);

/*
 * Reads a whole text of "ballot:" lines (as ballots_write makes) into
 * bs; file names it in errors.  Returns 0, or -1 with err set
 * (FILE:LINE).
 */
int ballots_parse(struct ballots *bs, const char *text, size_t len,
		  const char *file, struct error *err);

#endif
