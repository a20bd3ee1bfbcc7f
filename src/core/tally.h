/*
 * tally: the room's counts per item, view, group and round, the
 * headcount of each group, and undo and redo.  Pure: no I/O.  Counts
 * never go below zero.
 *
 * Without groups a tally has one group, which is the room.  With groups
 * the room is always the sum of the groups: it is never stored.  Each
 * item has one round or more; counting happens in its last round, the
 * current one, and earlier rounds are kept as they were.
 */
#ifndef HANDSUP_TALLY_H
#define HANDSUP_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TALLY_MAX_VIEWS	    6
#define TALLY_MAX_GROUPS    8
#define TALLY_MAX_ROUNDS    9
#define TALLY_MAX_COUNT	    999999L
#define TALLY_MAX_HEADCOUNT 99999L
#define TALLY_UNDO_DEPTH    512

/* One item's counts: per round, a row of views per group. */
struct tally_item {
	int nviews;  /* 2..TALLY_MAX_VIEWS */
	int nrounds; /* 1..TALLY_MAX_ROUNDS */
	long (*round)[TALLY_MAX_GROUPS][TALLY_MAX_VIEWS]; /* [nrounds] */
};

/*
 * One undoable change.  TALLY_COUNTS: the counts of one group in one
 * round, before and after.  TALLY_ROUND: a round was started.  A change
 * joined to the one before it is undone and redone with it (clearing an
 * item changes every group at once).
 */
enum tally_kind { TALLY_COUNTS, TALLY_ROUND };

struct tally_change {
	enum tally_kind kind;
	bool joined;
	int item, round, group;
	long before[TALLY_MAX_VIEWS];
	long after[TALLY_MAX_VIEWS];
};

struct tally {
	int nitems;
	int ngroups; /* 1..TALLY_MAX_GROUPS; 1 means no groups */
	struct tally_item *items;
	long headcount[TALLY_MAX_GROUPS]; /* 0: not given */
	struct tally_change *hist;	  /* ring of TALLY_UNDO_DEPTH, made on
	                                     the first change */
	size_t hist_len;   /* changes that can be undone+redone */
	size_t hist_pos;   /* changes currently applied */
	size_t hist_start; /* ring start */
};

/*
 * Returns 0, or -1 when out of memory (or nitems < 0, or nviews NULL with
 * items); t is then still safe to pass to tally_free.  All counts start
 * at zero, each item with one round.  View counts are clamped to
 * 0..TALLY_MAX_VIEWS, ngroups to 1..TALLY_MAX_GROUPS.
 */
int tally_init(struct tally *t, int nitems, const int *nviews, int ngroups);
void tally_free(struct tally *t);

/*
 * t, a tally from tally_init (or an empty one), made again as tally_init
 * would make it; when the items and their views are the same as before,
 * in the memory it already has (a reader of many session files of one
 * deck builds one tally per file).  Returns as tally_init.
 */
int tally_reuse(struct tally *t, int nitems, const int *nviews, int ngroups);

/* The number of rounds of an item (1 for an item out of range). */
int tally_rounds(const struct tally *t, int item);

/* A count of any round and group; 0 out of range. */
long tally_cell(const struct tally *t, int item, int round, int group,
		int view);

/* The room's count of a view in the item's current round. */
long tally_get(const struct tally *t, int item, int view);

/* One group's count of a view in the item's current round. */
long tally_group_get(const struct tally *t, int item, int group, int view);

/*
 * Sets a group's count in the current round (clamped to
 * 0..TALLY_MAX_COUNT) as one undoable change.  Returns true if the count
 * changed.  Out-of-range item, group or view: false.
 */
bool tally_set(struct tally *t, int item, int group, int view, long value);

/* Adds delta (may be negative; the result is clamped) as one change. */
bool tally_add(struct tally *t, int item, int group, int view, long delta);

/* Sets every count of the item's current round to zero as one change. */
bool tally_reset_item(struct tally *t, int item);

/*
 * Starts a new round of an item, as one undoable change.  False when the
 * item has TALLY_MAX_ROUNDS already, or nothing is counted in its current
 * round (a second round of nothing compares nothing).
 */
bool tally_new_round(struct tally *t, int item);

/*
 * Starts a new round as tally_new_round does, whatever is counted: for a
 * caller that counts votes of its own (phones) beside the tally's.
 */
bool tally_add_round(struct tally *t, int item);

/*
 * Sets a count of any round (clamped) without recording history, for
 * loading a saved session before any change is made; rounds up to round
 * are added as needed.  Returns false when out of range or out of memory.
 */
bool tally_load(struct tally *t, int item, int round, int group, int view,
		long value);

/*
 * Undo / redo the last change (with the changes joined to it).  Return
 * the item touched, or -1 if none.
 */
int tally_undo(struct tally *t);
int tally_redo(struct tally *t);
bool tally_can_undo(const struct tally *t);
bool tally_can_redo(const struct tally *t);

/*
 * The change that tally_undo / tally_redo would apply first (the last of
 * a joined run for undo, the first for redo), or NULL.
 */
const struct tally_change *tally_undo_peek(const struct tally *t);
const struct tally_change *tally_redo_peek(const struct tally *t);

/* The room's hands on an item's current round. */
long tally_item_total(const struct tally *t, int item);

/* One group's hands on an item's current round. */
long tally_group_total(const struct tally *t, int item, int group);

/* The room's counts of an item's round into counts[] (nviews of them). */
int tally_room(const struct tally *t, int item, int round, long *counts);

/* Sum of view v over all items that have that view, current rounds. */
long tally_view_total(const struct tally *t, int view);

/* True once any count of the item's current round is above zero. */
bool tally_item_counted(const struct tally *t, int item);

/*
 * Headcounts.  A group's is 0 when not given; the room's is the sum of
 * the groups' once every group has one, and 0 (not known) until then.
 * tally_set_headcount clamps to 0..TALLY_MAX_HEADCOUNT and is not an
 * undoable change.
 */
void tally_set_headcount(struct tally *t, int group, long n);
long tally_headcount(const struct tally *t, int group);
long tally_room_headcount(const struct tally *t);

/*
 * The view an item leans to in its current round: the index of the
 * largest count, or -1 when nothing is counted or the top counts tie.
 */
int tally_leaning(const struct tally *t, int item);

/* The same rule over any array of counts (int64_t: sums over many
 * sessions, exact; narrowing them could make a tie). */
int tally_leaning_of(const int64_t *counts, int n);

/*
 * Percentages of counts[0..n) by the largest-remainder method, so that
 * they sum to exactly 100 (all zero when the total is zero).  Ties in the
 * remainder go to the earlier view.
 */
void tally_percent(const long *counts, int n, int *pct);

/*
 * Copies int64_t sums (over many sessions) into longs, shifted right
 * together until each fits (a long may be 32 bits), which keeps their
 * shares; tally_percent64 is tally_percent of such sums.
 */
void tally_narrow(const int64_t *in, int n, long *out);
void tally_percent64(const int64_t *counts, int n, int *pct);

/*
 * The same method for any number of units: out[0..n) receives shares of
 * units that add up to exactly units (all zero when the total is zero or
 * units <= 0).  Negative counts count as zero.  tally_percent is this with
 * 100 units; chart_split uses it for cells.
 */
void tally_apportion(const long *counts, int n, int units, int *out);

/*
 * For exact shares of large counts: tally_share_shift gives the smallest
 * right shift of the counts after which their total times units fits in
 * 64 bits (zero for any count a room produces), and tally_share_of a
 * count shifted so, negative counts as zero.
 */
unsigned tally_share_shift(const long *counts, int n, uint64_t units);
uint64_t tally_share_of(long count, unsigned shift);

#endif
