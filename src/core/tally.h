/*
 * tally: the room's counts per item and view, with undo and redo.
 * Pure: no I/O.  Counts never go below zero.
 */
#ifndef HANDSUP_TALLY_H
#define HANDSUP_TALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TALLY_MAX_VIEWS	 6
#define TALLY_MAX_COUNT	 999999L
#define TALLY_UNDO_DEPTH 512

/* One undoable change: every count of one item before and after. */
struct tally_change {
	int item;
	long before[TALLY_MAX_VIEWS];
	long after[TALLY_MAX_VIEWS];
};

struct tally {
	int nitems;
	int *nviews;			 /* per item, 2..TALLY_MAX_VIEWS */
	long (*counts)[TALLY_MAX_VIEWS]; /* per item */
	struct tally_change *hist;	 /* ring of TALLY_UNDO_DEPTH, made on
	                                    the first change */
	size_t hist_len;		 /* changes that can be undone+redone */
	size_t hist_pos;		 /* changes currently applied */
	size_t hist_start;		 /* ring start */
};

/*
 * Returns 0, or -1 when out of memory (or nitems < 0, or nviews NULL with
 * items); t is then still safe to pass to tally_free.  All counts start
 * at zero.  A view count above TALLY_MAX_VIEWS is clamped to it.
 */
int tally_init(struct tally *t, int nitems, const int *nviews);
void tally_free(struct tally *t);

long tally_get(const struct tally *t, int item, int view);

/*
 * Sets a count (clamped to 0..TALLY_MAX_COUNT) as one undoable change.
 * Returns true if the count changed.  Out-of-range item/view: false.
 */
bool tally_set(struct tally *t, int item, int view, long value);

/* Adds delta (may be negative; the result is clamped) as one change. */
bool tally_add(struct tally *t, int item, int view, long delta);

/* Sets every count of an item to zero as one change. */
bool tally_reset_item(struct tally *t, int item);

/*
 * Sets a count (clamped) without recording history, for loading a saved
 * session before any change is made.
 */
void tally_load(struct tally *t, int item, int view, long value);

/* Undo / redo the last change.  Return the item touched, or -1 if none. */
int tally_undo(struct tally *t);
int tally_redo(struct tally *t);
bool tally_can_undo(const struct tally *t);
/* The item that tally_undo / tally_redo would touch, or -1. */
int tally_undo_item(const struct tally *t);
int tally_redo_item(const struct tally *t);
bool tally_can_redo(const struct tally *t);

long tally_item_total(const struct tally *t, int item);

/* Sum of view v over all items that have that view. */
long tally_view_total(const struct tally *t, int view);

/* True once any count of the item is above zero. */
bool tally_item_counted(const struct tally *t, int item);

/*
 * The view an item leans to: the index of the largest count, or -1 when
 * nothing is counted or the top counts tie.
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
