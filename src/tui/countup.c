/*
 * The count-up on screen.  The figures come from the ballots
 * (ballots_distribution, core/ballot.c); the layout gives up detail as
 * the rows run out, in this order: each group's line, bar rows (the
 * numbers of items go into more columns), the heading, until the one
 * line of mostly View 1 against mostly View 2 is left.
 */
#include "tui/countup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "core/ballot.h"
#include "core/session.h"
#include "tui/draw.h"

/* A bar's entry: "  3 " and its count, beside the bar. */
#define ENTRY_MIN 12

bool countup_shown(const struct app *a)
{
	const struct session *s = a->sess;

	return s->ballots && s->same_views && s->ballots->nitems > 0 &&
	       !s->hidden;
}

static int digits(long v)
{
	int d = 1;

	for (; v >= 10; v /= 10)
		d++;
	return d;
}

/* Rows of bars for n + 1 entries in columns of at least ENTRY_MIN. */
static int bar_rows_for(int n, int w, int cols_wanted)
{
	int cols = w / ENTRY_MIN;

	if (cols < 1)
		cols = 1;
	if (cols > cols_wanted)
		cols = cols_wanted;
	return (n + 1 + cols - 1) / cols;
}

/* What fits in maxh rows: the rows taken, of bars, and of groups. */
struct plan {
	int rows, bars, groups;
};

/*
 * Heading, the line of sums, a row of bars per number of items and a
 * line per group when they fit; else the bars in more columns, to keep
 * the groups; else the room's bars alone; else the heading and the
 * sums; else the sums.  plan(rows) of what plan(maxh) took is the same
 * plan, so that drawing in those rows lays out what was measured.
 */
static void plan(const struct app *a, int w, int maxh, struct plan *p)
{
	int n = a->sess->ballots->nitems;
	/* The groups' table: a header and a row per group. */
	int groups = a->sess->ngroups > 0 ? a->sess->ngroups + 1 : 0;
	int one = bar_rows_for(n, w, 1), least = bar_rows_for(n, w, n + 1);

	*p = (struct plan){0, 0, 0};
	if (2 + one + groups <= maxh)
		*p = (struct plan){2 + one + groups, one, groups};
	else if (groups && 2 + least + groups <= maxh)
		*p = (struct plan){maxh, maxh - 2 - groups, groups};
	else if (2 + one <= maxh)
		*p = (struct plan){2 + one, one, 0};
	else if (2 + least <= maxh)
		*p = (struct plan){maxh, maxh - 2, 0};
	else
		p->rows = maxh >= 2 ? 2 : maxh;
}

int countup_rows(const struct app *a, int w, int maxh)
{
	struct plan p;

	if (!countup_shown(a) || maxh < 1 || w < 10)
		return 0;
	plan(a, w, maxh, &p);
	return p.rows;
}

/*
 * "Mostly View 1: 6   Mostly View 2: 3   Even: 1   Silent: 2": each
 * figure in one form, its name, a colon, the number.  Narrow, the gaps
 * shrink, then "Mostly" goes, then Silent (the heading says who did not
 * vote), then Even.
 */
static void draw_sums(int y, int x, int w, const struct ballot_summary *s)
{
	char buf[96];
	int used = 0;
	bool wide = w >= 34;
	int gap = w >= 60 ? 3 : 2;

	snprintf(buf, sizeof buf, wide ? "Mostly View 1: %ld" : "View 1: %ld",
		 s->mostly1);
	used += draw_text(y, x + used, w - used, ROLE_VIEW1, buf) + gap;
	snprintf(buf, sizeof buf, wide ? "Mostly View 2: %ld" : "View 2: %ld",
		 s->mostly2);
	if (used < w)
		used += draw_text(y, x + used, w - used,
				  (enum role)(ROLE_VIEW1 + 1), buf) +
			gap;
	/* Whole or not at all: a cut figure would read as another. */
	snprintf(buf, sizeof buf, "Even: %ld", s->even);
	if (used + (int)strlen(buf) > w)
		return;
	used += draw_text(y, x + used, w - used, ROLE_DIM, buf) + gap;
	snprintf(buf, sizeof buf, "Silent: %ld", s->silent);
	if (used + (int)strlen(buf) <= w)
		draw_text(y, x + used, w - used, ROLE_DIM, buf);
}

/* One entry: the number of items, a bar in View 1's role, the count. */
static void draw_entry(int y, int x, int w, int k, long count, long most,
		       int kw)
{
	char num[24];
	int cw = digits(most) + 1;

	if (kw > 8)
		kw = 8;
	int barw = w - kw - 1 - cw - 1;

	snprintf(num, sizeof num, "%*d", kw, k);
	draw_text(y, x, kw, ROLE_DIM, num);
	int cells = 0, eighths = 0;
	if (most > 0 && barw > 0) {
		long e = count * barw * 8 / most;
		cells = (int)(e / 8);
		eighths = (int)(e % 8);
		if (cells == 0 && eighths == 0 && count > 0)
			eighths = 1;
	}
	int used = cells || eighths ? draw_bar(y, x + kw + 1, 0, cells, eighths)
				    : 0;
	snprintf(num, sizeof num, "%ld", count);
	draw_text(y, x + kw + 1 + used + 1, cw, ROLE_NORMAL, num);
}

static void draw_bars(int y, int x, int w, int rows, const long *by_k, int n)
{
	long most = 0;
	int cols = (n + 1 + rows - 1) / rows, kw = digits(n);

	for (int k = 0; k <= n; k++)
		most = by_k[k] > most ? by_k[k] : most;
	int cw = w / cols;
	for (int k = 0; k <= n; k++)
		draw_entry(y + k % rows, x + (k / rows) * cw,
			   cw - (k / rows + 1 < cols ? 2 : 0), k, by_k[k], most,
			   kw);
}

/*
 * Who voted, as the report says it ("10 phones voted, 2 did not"), in
 * form k of the shorter ones for narrower screens; "10 phones" alone
 * would read as all of those that joined.  0 when there is no form k.
 */
static int voted_words(char *buf, size_t cap, int k,
		       const struct ballot_summary *s)
{
	const char *ph = s->voters == 1 ? "phone" : "phones";

	if (s->silent == 0 && k == 0)
		return snprintf(buf, cap, "%ld %s voted", s->voters, ph);
	if (s->silent == 0 && k == 1)
		return snprintf(buf, cap, "%ld voted", s->voters);
	if (k == 0)
		return snprintf(buf, cap, "%ld %s voted, %ld did not",
				s->voters, ph, s->silent);
	if (k == 1)
		return snprintf(buf, cap, "%ld voted, %ld did not", s->voters,
				s->silent);
	if (k == 2 && s->silent > 0)
		return snprintf(buf, cap, "%ld of %ld voted", s->voters,
				s->voters + s->silent);
	return 0;
}

static void draw_heading(int y, int x, int w, int n,
			 const struct ballot_summary *s)
{
	char buf[96], voted[80];
	int vw = 0;

	snprintf(buf, sizeof buf, "Count-up: View 1 on how many of %d items",
		 n);
	/* The longest form that leaves the heading 20 columns. */
	for (int k = 0; (vw = voted_words(voted, sizeof voted, k, s)) > 0; k++)
		if (w - vw - 2 >= 20)
			break;
	if (vw > 0) {
		draw_text_clip(y, x, w - vw - 2, ROLE_HEADING, buf);
		draw_text(y, x + w - vw, vw, ROLE_DIM, voted);
	} else {
		draw_text_clip(y, x, w, ROLE_HEADING, buf);
	}
}

/* Column widths of the groups' table; by items only when it fits. */
struct group_cols {
	int name, kw;
	bool by_items;
};

static const char sums_head[] = "  Mostly 1  Mostly 2  Even  Silent";

static void group_cols(const struct app *a, int w, long *by_k,
		       struct group_cols *c)
{
	const struct ballots *bs = a->sess->ballots;
	int n = bs->nitems;
	long most = n;

	c->name = 5; /* "Group" */
	for (int g = 0; g < a->sess->ngroups; g++) {
		struct ballot_summary s;
		int gw = text_width(session_group_name(a->sess, g));

		c->name = gw > c->name ? gw : c->name;
		ballots_distribution(bs, g, by_k, (size_t)n + 1, &s);
		for (int k = 0; k <= n; k++)
			most = by_k[k] > most ? by_k[k] : most;
	}
	if (c->name > w / 3)
		c->name = w / 3;
	/* A column per number of items, as wide as its largest figure. */
	c->kw = digits(most) < 8 ? digits(most) : 8;
	int need = c->name + (int)strlen(sums_head) + 3 + 10 +
		   (n + 1) * (c->kw + 1) - 1;
	c->by_items = need <= w;
}

/* A header, then per group its sums and, room allowing, its voters by
 * the number of items they chose View 1 on. */
static void draw_groups(const struct app *a, int y, int x, int w, long *by_k)
{
	const struct ballots *bs = a->sess->ballots;
	int n = bs->nitems;
	struct group_cols c;
	char buf[64];

	group_cols(a, w, by_k, &c);
	if (c.kw > 8)
		c.kw = 8;
	int kx = x + c.name + (int)strlen(sums_head) + 3;
	draw_text(y, x, c.name, ROLE_DIM, "Group");
	draw_text(y, x + c.name, w - c.name, ROLE_DIM, sums_head);
	if (c.by_items) {
		draw_text(y, kx, 10, ROLE_DIM, "View 1 on");
		for (int k = 0; k <= n; k++) {
			snprintf(buf, sizeof buf, "%*d", c.kw, k);
			draw_text(y, kx + 10 + k * (c.kw + 1), c.kw, ROLE_DIM,
				  buf);
		}
	}
	for (int g = 0; g < a->sess->ngroups; g++) {
		struct ballot_summary s;
		int row = y + 1 + g;

		ballots_distribution(bs, g, by_k, (size_t)n + 1, &s);
		draw_text_clip(row, x, c.name, ROLE_NORMAL,
			       session_group_name(a->sess, g));
		snprintf(buf, sizeof buf, "  %8ld  %8ld  %4ld  %6ld", s.mostly1,
			 s.mostly2, s.even, s.silent);
		draw_text(row, x + c.name, w - c.name, ROLE_NORMAL, buf);
		for (int k = 0; c.by_items && k <= n; k++) {
			snprintf(buf, sizeof buf, "%*ld", c.kw, by_k[k]);
			draw_text(row, kx + 10 + k * (c.kw + 1), c.kw,
				  ROLE_NORMAL, buf);
		}
	}
}

void countup_draw(const struct app *a, int y, int x, int w, int h)
{
	const struct ballots *bs = a->sess->ballots;
	int n;
	struct ballot_summary sum;

	if (h < 1 || !countup_shown(a))
		return;
	n = bs->nitems;
	long *by_k = malloc(((size_t)n + 1) * sizeof *by_k);
	if (!by_k)
		return;
	ballots_distribution(bs, BALLOT_ALL_GROUPS, by_k, (size_t)n + 1, &sum);
	if (h == 1) {
		draw_sums(y, x, w, &sum);
		free(by_k);
		return;
	}
	struct plan p;
	plan(a, w, h, &p);
	draw_heading(y, x, w, n, &sum);
	draw_sums(y + 1, x, w, &sum);
	if (p.bars > 0)
		draw_bars(y + 2, x, w, p.bars, by_k, n);
	if (p.groups > 0)
		draw_groups(a, y + 2 + p.bars, x, w, by_k);
	free(by_k);
}
