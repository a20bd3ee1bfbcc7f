#include "core/divide.h"

#include <stdlib.h>

int divide_gap(const int *pa, const int *pb, int n)
{
	int sum = 0;
	for (int v = 0; v < n; v++)
		sum += abs(pa[v] - pb[v]);
	/* Both sum to 100, so the differences add up to an even number. */
	return sum / 2;
}

void divide_widest(const int (*pct)[TALLY_MAX_VIEWS], const bool *counted,
		   int ngroups, int nviews, struct divide *d)
{
	d->gap = -1;
	d->a = d->b = -1;
	for (int a = 0; a < ngroups; a++)
		for (int b = a + 1; b < ngroups; b++) {
			if (!counted[a] || !counted[b])
				continue;
			int gap = divide_gap(pct[a], pct[b], nviews);
			if (gap > d->gap) {
				d->gap = gap;
				d->a = a;
				d->b = b;
			}
		}
}

void divide_item(const struct tally *t, int item, struct divide *d)
{
	int pct[TALLY_MAX_GROUPS][TALLY_MAX_VIEWS] = {{0}};
	bool counted[TALLY_MAX_GROUPS] = {false};
	int n = item >= 0 && item < t->nitems ? t->items[item].nviews : 0;
	for (int g = 0; g < t->ngroups; g++) {
		long c[TALLY_MAX_VIEWS];
		for (int v = 0; v < n; v++)
			c[v] = tally_group_get(t, item, g, v);
		tally_percent(c, n, pct[g]);
		counted[g] = tally_group_total(t, item, g) > 0;
	}
	divide_widest((const int(*)[TALLY_MAX_VIEWS])pct, counted, t->ngroups,
		      n, d);
}

/* The shares of c[0..n) and their total. */
static void shares(const int64_t *c, int n, int *pct, int64_t *total)
{
	*total = 0;
	for (int v = 0; v < n; v++)
		*total += c[v] > 0 ? c[v] : 0;
	tally_percent64(c, n, pct);
}

void divide_swing(const int64_t *before, const int64_t *after, int n,
		  struct swing *s)
{
	int pb[TALLY_MAX_VIEWS], pa[TALLY_MAX_VIEWS];
	int64_t tb, ta, moved = 0;
	shares(before, n, pb, &tb);
	shares(after, n, pa, &ta);
	s->known = tb > 0 && ta > 0;
	for (int v = 0; v < n; v++) {
		s->points[v] = s->known ? pa[v] - pb[v] : 0;
		int64_t d = after[v] - before[v];
		moved += d < 0 ? -d : d;
	}
	int64_t dt = ta - tb;
	s->changed = (moved - (dt < 0 ? -dt : dt)) / 2;
}

void divide_item_swing(const struct tally *t, int item, struct swing *s)
{
	int64_t before[TALLY_MAX_VIEWS] = {0}, after[TALLY_MAX_VIEWS] = {0};
	int r = tally_rounds(t, item), n = 0;
	if (r >= 2) {
		long b[TALLY_MAX_VIEWS], a[TALLY_MAX_VIEWS];
		n = tally_room(t, item, r - 2, b);
		tally_room(t, item, r - 1, a);
		for (int v = 0; v < n; v++) {
			before[v] = b[v];
			after[v] = a[v];
		}
	}
	divide_swing(before, after, n, s);
	s->known = s->known && r >= 2;
}

void divide_session(const struct tally *t, int threshold,
		    struct divide_answer *ans)
{
	ans->counted = ans->apart = 0;
	ans->widest = -1;
	ans->d.gap = -1;
	ans->d.a = ans->d.b = -1;
	for (int i = 0; i < t->nitems; i++) {
		struct divide d;
		divide_item(t, i, &d);
		if (d.gap < 0)
			continue;
		ans->counted++;
		ans->apart += d.gap > threshold;
		if (d.gap > ans->d.gap) {
			ans->widest = i;
			ans->d = d;
		}
	}
}
