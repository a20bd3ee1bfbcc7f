/*
 * divide: how far apart the groups of a room are on an item, and how the
 * room moved between two rounds.  Pure arithmetic.
 *
 * Shares are the percentages the screen shows (tally_percent: largest
 * remainder, summing to 100), so every figure agrees with what the room
 * reads.  The gap between two groups is half the sum over views of the
 * absolute differences of their shares, in points: with two views, the
 * difference of their View 1 shares.  An item's divide is its largest
 * gap between two groups that both raised hands, and the pair that has
 * it; on a tie, the pair that comes first in the groups' order.
 */
#ifndef HANDSUP_DIVIDE_H
#define HANDSUP_DIVIDE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/tally.h"

struct divide {
	int gap;  /* points 0..100; -1 when fewer than two groups counted */
	int a, b; /* the two groups furthest apart, a < b; -1 without */
};

/* Half the sum of |pa[v] - pb[v]| over n views. */
int divide_gap(const int *pa, const int *pb, int n);

/*
 * The widest gap among groups[0..ngroups) that counted[g] says raised
 * hands, from their shares pct[g][0..nviews).
 */
void divide_widest(const int (*pct)[TALLY_MAX_VIEWS], const bool *counted,
		   int ngroups, int nviews, struct divide *d);

/* The divide of a tally's item, on its current round. */
void divide_item(const struct tally *t, int item, struct divide *d);

struct swing {
	bool known;		     /* both rounds have hands */
	int points[TALLY_MAX_VIEWS]; /* each view's share after - before */
	int64_t changed; /* at least this many people changed their minds */
};

/*
 * The swing from before[] to after[] (the room's counts of two rounds):
 * the change of each view's share in points, and the fewest people who
 * must have changed their minds, (sum of |change of count| - |change of
 * the total|) / 2: a hand that moved from one view to another changes
 * two counts but not the total.
 */
void divide_swing(const int64_t *before, const int64_t *after, int n,
		  struct swing *s);

/* The swing of a tally's item from its previous round to its current. */
void divide_item_swing(const struct tally *t, int item, struct swing *s);

/* The answer to "are the groups aligned?" over a tally's items. */
struct divide_answer {
	int counted;	 /* items where two groups or more raised hands */
	int apart;	 /* ... and whose divide is above the threshold */
	int widest;	 /* the item with the widest divide, or -1 */
	struct divide d; /* ... and its divide */
};

void divide_session(const struct tally *t, int threshold,
		    struct divide_answer *ans);

#endif
