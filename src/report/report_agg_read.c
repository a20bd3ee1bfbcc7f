/*
 * report_agg_read: what the format files read from an aggregate once it
 * is whole -- totals, the compared session against the rest, each
 * item's divide, and the rows of its tables of groups and rounds.  The
 * sums themselves are gathered by report_agg.c.
 */
#include "report/report_int.h"

#include <stdio.h>
#include <string.h>

#include "core/divide.h"

int report_agg_totals(const struct report_agg *a, int64_t *totals)
{
	int n = 0;

	memset(totals, 0, sizeof *totals * TALLY_MAX_VIEWS);
	for (int i = 0; i < a->nitems; i++) {
		if (a->items[i].nviews > n)
			n = a->items[i].nviews;
		for (int v = 0; v < a->items[i].nviews; v++)
			totals[v] += a->items[i].totals[v];
	}
	return n;
}

/* The compared session against the rest, from their sums of n views. */
static void cmp_of(const int64_t *cmp, const int64_t *rest, bool in_cmp,
		   bool in_rest, int n, struct agg_cmp *ci)
{
	int cl = tally_leaning_of(cmp, n);
	int rl = tally_leaning_of(rest, n);

	ci->present = in_cmp;
	ci->rest_present = in_rest;
	ci->counted = in_cmp && report_sum(cmp, n) > 0;
	ci->rest_counted = in_rest && report_sum(rest, n) > 0;
	tally_percent64(cmp, n, ci->cpct);
	tally_percent64(rest, n, ci->rpct);
	ci->diff = ci->cpct[0] - ci->rpct[0];
	ci->other_way = ci->counted && ci->rest_counted && cl >= 0 && rl >= 0 &&
			cl != rl;
}

void report_agg_cmp(const struct agg_item *it, struct agg_cmp *ci)
{
	cmp_of(it->cmp, it->rest, it->in_cmp, it->in_rest, it->nviews, ci);
}

void report_agg_cmp_sums(const struct agg_sums *g, int n, struct agg_cmp *ci)
{
	cmp_of(g->cmp, g->rest, g->in_cmp, g->in_rest, n, ci);
}

void report_agg_divide(const struct report_agg *a, int i,
		       struct report_divide *d)
{
	const struct agg_item *it = &a->items[i];
	int pct[REPORT_MAX_GROUPS][TALLY_MAX_VIEWS] = {{0}};
	bool counted[REPORT_MAX_GROUPS] = {false};
	struct divide dv;

	memset(d, 0, sizeof *d);
	d->item = i;
	d->heading = it->heading;
	d->labels = it->labels;
	d->votes = a->votes;
	d->n = it->nviews;
	for (int g = 0; g < a->ngroups; g++) {
		tally_percent64(it->groups[g].totals, it->nviews, pct[g]);
		counted[g] = report_sum(it->groups[g].totals, it->nviews) > 0;
	}
	divide_widest((const int(*)[TALLY_MAX_VIEWS])pct, counted, a->ngroups,
		      it->nviews, &dv);
	d->gap = dv.gap;
	if (dv.gap < 0)
		return;
	d->a = a->groups[dv.a];
	d->b = a->groups[dv.b];
	memcpy(d->ca, it->groups[dv.a].totals, sizeof d->ca);
	memcpy(d->cb, it->groups[dv.b].totals, sizeof d->cb);
}

bool report_agg_group_row(const struct report_agg *a, int i, int k,
			  struct report_row *row)
{
	const struct agg_item *it = &a->items[i];
	const struct agg_sums *g = &it->groups[k];
	struct agg_cmp ci;

	memset(row, 0, sizeof *row);
	if (g->nsessions == 0)
		return false;
	row->name = a->groups[k];
	report_split_of(&row->sp, g->totals, it->nviews, 0, false);
	row->sp.votes = a->votes;
	report_agg_cmp_sums(g, it->nviews, &ci);
	row->cmp_known = ci.counted && ci.rest_counted;
	row->cmp = ci.diff;
	return true;
}

int report_agg_group_totals(const struct report_agg *a, int ntot,
			    struct report_row *rows)
{
	int n = 0;

	for (int g = 0; g < a->ngroups; g++) {
		int64_t c[TALLY_MAX_VIEWS] = {0};
		bool seen = false;

		for (int i = 0; i < a->nitems; i++) {
			const struct agg_sums *gs = &a->items[i].groups[g];

			seen |= gs->nsessions > 0;
			for (int v = 0; v < a->items[i].nviews && v < ntot; v++)
				c[v] += gs->totals[v];
		}
		if (!seen)
			continue;
		memset(&rows[n], 0, sizeof rows[n]);
		rows[n].name = a->groups[g];
		report_split_of(&rows[n].sp, c, ntot, 0, false);
		rows[n++].sp.votes = a->votes;
	}
	return n;
}

/* Row r of an item's table of rounds: the sums, named with their
 * sessions into name[cap]. */
void report_agg_round_row(const struct report_agg *a, int i, int r,
			  struct report_row *row, char *name, size_t cap)
{
	const struct agg_item *it = &a->items[i];
	const struct agg_round *ar = &it->rounds[r];

	memset(row, 0, sizeof *row);
	snprintf(name, cap, "Round %d (%d %s)", r + 1, ar->nsessions,
		 ar->nsessions == 1 ? "session" : "sessions");
	row->name = name;
	report_split_of(&row->sp, ar->counts, it->nviews, 0, false);
	row->sp.votes = a->votes;
}

/* "1 of 1 sessions" tells nothing, and "(1 counted)" of one session
 * only what its figures show. */
const char *report_agg_sessions_words(char *buf, size_t cap,
				      const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];

	if (a->nsess == 1)
		snprintf(buf, cap, "in 1 session");
	else
		snprintf(buf, cap, "in %d of %d sessions (%d counted)",
			 it->nsessions, (int)a->nsess, it->ncounted);
	return buf;
}

void report_agg_swing(const struct report_agg *a, int i, int r,
		      struct swing *sw)
{
	const struct agg_item *it = &a->items[i];
	const struct agg_round *ar = &it->rounds[r];

	divide_swing(ar->before, ar->counts, it->nviews, sw);
	sw->changed = ar->changed;
}

const char *report_agg_groups_words(char *buf, size_t cap,
				    const struct report_agg *a)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int g = 0; g < a->ngroups && k < cap; g++) {
		int w = snprintf(buf + k, cap - k, "%s%s", g ? ", " : "",
				 a->groups[g]);

		k += w < 0 ? 0 : (size_t)w;
	}
	return buf;
}

int report_agg_group_rows(const struct report_agg *a, int i,
			  struct report_row *rows)
{
	int n = 0;

	for (int k = 0; k < a->ngroups; k++)
		n += report_agg_group_row(a, i, k, &rows[n]);
	return n;
}
