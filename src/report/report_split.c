/*
 * The rows every format shows for groups and rounds: counts with their
 * shares of the right base, and the divide in words.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/divide.h"
#include "core/session.h"

void report_split_of(struct report_split *sp, const int64_t *counts, int n,
		     int64_t headcount, bool room_base)
{
	long small[REPORT_COLS] = {0};
	int64_t all[REPORT_COLS] = {0};

	memset(sp, 0, sizeof *sp);
	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	sp->n = n;
	for (int v = 0; v < n; v++) {
		sp->counts[v] = all[v] = counts[v] > 0 ? counts[v] : 0;
		sp->hands += sp->counts[v];
	}
	sp->headcount = headcount > 0 ? headcount : 0;
	if (sp->headcount >= sp->hands)
		sp->no_hand = sp->headcount - sp->hands;
	sp->of_room =
		room_base && sp->headcount > 0 && sp->headcount >= sp->hands;
	all[n] = sp->of_room ? sp->no_hand : 0;
	tally_narrow(all, n + 1, small);
	tally_percent(small, n + sp->of_room, sp->pct);
}

void report_split_session(struct report_split *sp, const struct session *s,
			  int i, int r, int g)
{
	const struct tally *t = &s->tally;
	int64_t c[TALLY_MAX_VIEWS] = {0};
	int n = s->items[i].nviews < TALLY_MAX_VIEWS ? s->items[i].nviews
						     : TALLY_MAX_VIEWS;
	long hc;

	for (int v = 0; v < n; v++) {
		if (g >= 0) {
			c[v] = tally_cell(t, i, r, g, v);
			continue;
		}
		for (int k = 0; k < t->ngroups; k++)
			c[v] += tally_cell(t, i, r, k, v);
	}
	hc = g >= 0 ? tally_headcount(t, g) : tally_room_headcount(t);
	report_split_of(sp, c, n, hc, s->pct_of_room);
	sp->votes = report_votes(s);
}

bool report_votes(const struct session *s)
{
	return s->ballots != NULL;
}

const char *report_no_hand_words(bool votes)
{
	return votes ? REPORT_NO_VOTE : REPORT_NO_HAND;
}

const char *report_base_words(bool of_room, bool votes)
{
	if (of_room)
		return "of everyone in the room";
	return votes ? "of the votes" : "of the hands raised";
}

bool report_says_base(const struct session *s)
{
	return s->version != 1;
}

bool report_shows_totals(const struct session *s)
{
	return s->version == 1 || s->same_views;
}

void report_divide_session(struct report_divide *d, const struct session *s,
			   int i)
{
	struct divide dv;
	int r = tally_rounds(&s->tally, i) - 1;

	memset(d, 0, sizeof *d);
	d->item = i;
	d->heading = s->items[i].heading;
	d->labels = s->items[i].labels;
	d->n = s->items[i].nviews < TALLY_MAX_VIEWS ? s->items[i].nviews
						    : TALLY_MAX_VIEWS;
	d->gap = -1;
	d->of_room = s->pct_of_room;
	d->votes = report_votes(s);
	if (s->ngroups < 2)
		return;
	divide_item(&s->tally, i, &dv);
	d->gap = dv.gap;
	if (dv.gap < 0)
		return;
	d->a = s->groups[dv.a];
	d->b = s->groups[dv.b];
	for (int v = 0; v < d->n; v++) {
		d->ca[v] = tally_cell(&s->tally, i, r, dv.a, v);
		d->cb[v] = tally_cell(&s->tally, i, r, dv.b, v);
	}
}

const char *report_divide_words(char *buf, size_t cap,
				const struct report_divide *d)
{
	int pa[TALLY_MAX_VIEWS] = {0}, pb[TALLY_MAX_VIEWS] = {0};
	int at = 0;

	if (d->gap < 0) {
		snprintf(buf, cap, "none; fewer than two groups %s",
			 d->votes ? "voted" : "raised hands");
		return buf;
	}
	tally_percent64(d->ca, d->n, pa);
	tally_percent64(d->cb, d->n, pb);
	for (int v = 1; v < d->n; v++)
		if (abs(pa[v] - pb[v]) > abs(pa[at] - pb[at]))
			at = v;
	snprintf(buf, cap, "%d %s between %s (%d%% %s) and %s (%d%% %s)%s",
		 d->gap, d->gap == 1 ? "point" : "points", d->a, pa[at],
		 report_view_label(d->labels, at), d->b, pb[at],
		 report_view_label(d->labels, at),
		 !d->of_room ? ""
		 : d->votes  ? ", as shares of the votes"
			     : ", as shares of the hands raised");
	return buf;
}

static int by_gap(const void *x, const void *y)
{
	const struct report_divide *a = x, *b = y;

	if (a->gap != b->gap)
		return a->gap > b->gap ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

void report_divide_rank(struct report_divide *d, int n)
{
	if (n > 1)
		qsort(d, (size_t)n, sizeof *d, by_gap);
}

const char *report_swing_words(char *buf, size_t cap, int round,
			       const struct swing *sw, char *const *labels,
			       int n, bool of_room, bool votes, int nsessions)
{
	const char *of = !of_room ? ""
			 : votes  ? " of the votes"
				  : " of the hands raised";
	size_t k = 0;
	int w;

	if (nsessions > 0)
		w = snprintf(buf, cap,
			     "Swing to round %d, over the %d %s that reached "
			     "it: ",
			     round + 1, nsessions,
			     nsessions == 1 ? "session" : "sessions");
	else
		w = snprintf(buf, cap, "Swing to round %d: ", round + 1);
	k = w < 0 ? 0 : (size_t)w;
	for (int v = 0; sw->known && v < n && k < cap; v++) {
		w = snprintf(buf + k, cap - k, "%s%s %+d", v ? ", " : "",
			     report_view_label(labels, v), sw->points[v]);
		k += w < 0 ? 0 : (size_t)w;
	}
	if (k >= cap)
		return buf;
	if (!sw->known)
		snprintf(buf + k, cap - k, "not known, a round has no %s",
			 votes ? "votes" : "hands");
	else if (sw->changed == 0)
		snprintf(buf + k, cap - k,
			 " points%s; nobody need have changed their mind", of);
	else
		snprintf(buf + k, cap - k,
			 " points%s; at least %lld %s changed %s", of,
			 (long long)sw->changed,
			 sw->changed == 1 ? "person" : "people",
			 sw->changed == 1 ? "their mind" : "their minds");
	return buf;
}

const char *report_groups_words(char *buf, size_t cap, const struct session *s)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int g = 0; g < s->ngroups && k < cap; g++) {
		long n = tally_headcount(&s->tally, g);
		int w = snprintf(buf + k, cap - k, "%s%s", g ? ", " : "",
				 s->groups[g]);

		k += w < 0 ? 0 : (size_t)w;
		if (n > 0 && k < cap) {
			w = snprintf(buf + k, cap - k, " (%ld %s)", n,
				     n == 1 ? "person" : "people");
			k += w < 0 ? 0 : (size_t)w;
		}
	}
	return buf;
}

const char *report_hands_words(char *buf, size_t cap,
			       const struct report_split *sp, int round,
			       int nrounds)
{
	char word[40];
	size_t k = 0;
	int w = 0;

	if (nrounds > 1)
		w = snprintf(buf, cap, "Round %d: ", round + 1);
	k += w < 0 ? 0 : (size_t)w;
	if (k < cap)
		w = snprintf(buf + k, cap - k, "%" PRId64 " %s%s", sp->hands,
			     sp->votes ? "vote" : "hand",
			     sp->hands == 1 ? "" : "s");
	k += w < 0 ? 0 : (size_t)w;
	if (k < cap && sp->headcount > 0 && sp->hands <= sp->headcount)
		w = snprintf(buf + k, cap - k,
			     ", %" PRId64 " %s (headcount %" PRId64 ")",
			     sp->no_hand,
			     sp->votes ? "did not vote" : "raised no hand",
			     sp->headcount);
	else if (k < cap && sp->headcount > 0)
		w = snprintf(buf + k, cap - k,
			     ", %" PRId64 " more than the headcount (%" PRId64
			     ")",
			     sp->hands - sp->headcount, sp->headcount);
	else
		w = 0;
	k += w < 0 ? 0 : (size_t)w;
	if (k < cap)
		snprintf(buf + k, cap - k, ", %s",
			 report_leaning(word, sizeof word, sp->counts, sp->n));
	return buf;
}

int report_group_totals(const struct session *s, int ntot,
			struct report_row *rows)
{
	memset(rows, 0, sizeof *rows * (size_t)s->ngroups);
	for (int g = 0; g < s->ngroups; g++) {
		int64_t c[TALLY_MAX_VIEWS] = {0};

		for (int i = 0; i < s->nitems; i++)
			for (int v = 0; v < s->items[i].nviews && v < ntot; v++)
				c[v] += tally_group_get(&s->tally, i, g, v);
		rows[g].name = s->groups[g];
		report_split_of(&rows[g].sp, c, ntot, 0, false);
		rows[g].sp.votes = report_votes(s);
	}
	return s->ngroups;
}

struct report_divide *report_session_divides(const struct session *s)
{
	struct report_divide *d = calloc((size_t)s->nitems, sizeof *d);

	for (int i = 0; d && i < s->nitems; i++)
		report_divide_session(&d[i], s, i);
	return d;
}
