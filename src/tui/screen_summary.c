/*
 * The summary screen: every item's split as one bar and which way the room
 * leans on each; with groups, the items ranked by how far apart the
 * groups are.  Below, when the deck's views mean the same on every item,
 * the room's totals over all items (the article's "count up" step),
 * and above them, when phones voted, how many people chose View 1 on
 * how many items (tui/countup.c).
 */
#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "core/chart.h"
#include "core/deck.h"
#include "core/divide.h"
#include "core/session.h"
#include "tui/big.h"
#include "tui/countup.h"
#include "tui/room.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* Where the list of items goes, shared by drawing and scrolling. */
struct summary_layout {
	int list_y, list_h, step, shown, totals_h;
	int head_rows;	 /* the heading: 1, or large type's rows */
	int head_top;	 /* blank rows above it, apart from the top bar */
	int bar_rows;	 /* rows of an item's bar */
	int totals_each; /* rows of a bar of the totals */
	int countup_h;	 /* the phones' count-up, above the totals */
	int countup_gap; /* ... and the blank row below it (0 or 1) */
	int more_row;	 /* the "more v" mark's row, from the last item's */
};

/* The heading, in w columns: a shorter one where the whole does not
 * fit, rather than a cut. */
static const char *heading(const struct app *a, int w)
{
	static const char *const forms[2][2] = {
		{"How the room split, item by item", "How the room split"},
		{"How far apart the groups are, widest first",
		 "How far apart the groups are"},
	};
	const char *const *f = forms[a->sess->ngroups > 0];
	return text_width(f[0]) <= w ? f[0] : f[1];
}

/*
 * On a room's screen the list takes the height: a large heading when the
 * list still shows every item, thicker bars with a blank row between
 * items, taller totals.
 */
static void layout_large(const struct app *a, struct summary_layout *l)
{
	int n = a->sess->nitems;
	int big = big_text_rows(heading(a, term_cols() - 2 * widget_margin()),
				term_cols() - 2 * widget_margin(), 2);
	int per = a->sess->ngroups > 0 ? 3 : 4;
	if (big > 0 && l->list_h - big >= n * per) {
		l->head_rows = big;
		/* Large type against the top bar reads as part of it. */
		l->head_top = l->list_h - big - 1 >= n * per ? 1 : 0;
		l->list_y += big - 1 + l->head_top;
		l->list_h -= big - 1 + l->head_top;
	}
	int t = l->list_h / (n > 0 ? n : 1) - 1;
	if (a->sess->ngroups == 0 && t >= 2) {
		l->bar_rows = t < 3 ? t : 3;
		l->step = l->bar_rows + 1;
		l->more_row = l->step - 1;
	} else if (a->sess->ngroups > 0 && t >= 2) {
		l->step = 3;
		l->more_row = 2;
	}
}

/*
 * The phones' count-up goes below the list, whose blank row (for "more
 * v") stays above it: the list keeps a row an item, up to half of its
 * rows, and the count-up takes the rest, with a blank row before the
 * totals when there is one to spare.
 */
static void summary_countup(const struct app *a, int n,
			    struct summary_layout *l)
{
	int keep = n < l->list_h / 2 ? n : l->list_h / 2;
	int avail = l->list_h - (keep > 0 ? keep : 1);
	int w = term_cols() - 2 * widget_margin();

	l->countup_h = l->countup_gap = 0;
	if (avail < 1)
		return;
	l->countup_gap = avail >= 3;
	l->countup_h = countup_rows(a, w, avail - l->countup_gap);
	if (l->countup_h == 0)
		l->countup_gap = 0;
	l->list_h -= l->countup_h + l->countup_gap;
}

static void layout(const struct app *a, int y, int h, struct summary_layout *l)
{
	int n = a->sess->nitems, nv = app_max_views(a);
	bool large = widget_large();
	/* The totals keep their place at the bottom; items scroll above.
	 * Totals over items whose views mean different things mean
	 * nothing: only a deck that says its views align has them. */
	l->totals_each = large ? 2 : 1;
	l->totals_h = a->sess->same_views ? nv * l->totals_each + 2 : 0;
	l->head_rows = 1;
	l->head_top = 0;
	l->bar_rows = 1;
	l->list_y = y + 2;
	l->list_h = h - 2 - l->totals_h - (l->totals_h ? 1 : 0);
	if (l->list_h < 1) {
		/* No room for the totals; keep a row below for "more v". */
		l->list_h = h - 3;
		l->totals_h = 0;
	}
	summary_countup(a, n, l);
	/* Two rows an item when they fit: the heading gets a second line. */
	l->step = l->list_h >= 2 * n ? 2 : 1;
	l->more_row = 1;
	/* One row an item, more items than rows and no totals below: the
	 * last row is kept for "more v", which would otherwise fall below
	 * the body.  (Above the totals it takes the blank row.) */
	if (l->step == 1 && n > l->list_h && l->list_h > 1 && !l->totals_h)
		l->list_h--;
	if (large)
		layout_large(a, l);
	l->shown = l->list_h / l->step;
	if (l->shown < 1)
		l->shown = 1;
}

static int last_scroll(const struct app *a, int h)
{
	struct summary_layout l;
	layout(a, 1, h, &l);
	int last = a->sess->nitems - l.shown;
	return last > 0 ? last : 0;
}

static void draw_row(const struct app *a, int item, int y, int x, int w,
		     int rows, int bar_rows)
{
	const struct tally *t = app_tally(a);
	const struct session_item *si = &a->sess->items[item];
	char num[16], lean[40];
	int headw = w / 2, leanw = 14;
	/* Beside a thick bar, the heading sits level with its middle. */
	int hr = widget_wrap_rows(si->heading, headw - 5);
	int ty =
		bar_rows > 1 ? y + (bar_rows - (hr < rows ? hr : rows)) / 2 : y;
	int mid = y + (bar_rows - 1) / 2;
	snprintf(num, sizeof num, "%3d", item + 1);
	draw_text(ty, x, 4, ROLE_DIM, num);
	widget_wrap(ty, x + 4, headw - 5, rows, ROLE_NORMAL, si->heading,
		    false);
	int bx = x + headw, bw = w - (bx - x) - leanw - 1;
	if (!tally_item_counted(t, item)) {
		/* Cut short, "not counted yet" would read as something else. */
		draw_text(mid, bx, bw, ROLE_DIM,
			  bw >= 15 ? "not counted yet" : "-");
		return;
	}
	long counts[TALLY_MAX_VIEWS];
	int cells[TALLY_MAX_VIEWS];
	for (int v = 0; v < si->nviews; v++)
		counts[v] = tally_get(t, item, v);
	chart_split(counts, si->nviews, bw, cells);
	for (int r = 0; r < bar_rows; r++) {
		int cx = bx;
		for (int v = 0; v < si->nviews; v++)
			cx += draw_bar(y + r, cx, v, cells[v], 0);
	}
	int l = tally_leaning(t, item), pct[TALLY_MAX_VIEWS];
	tally_percent(counts, si->nviews, pct);
	if (l < 0)
		snprintf(lean, sizeof lean, "tied");
	else
		snprintf(lean, sizeof lean, "%s %d%%", si->labels[l], pct[l]);
	draw_text(mid, x + w - leanw, leanw,
		  l < 0 ? ROLE_DIM : (enum role)(ROLE_VIEW1 + l), lean);
}

/*
 * With groups: the item's divide and the two groups furthest apart, on a
 * second row when there is one.
 */
static void draw_ranked(const struct app *a, int item, int y, int x, int w,
			int rows)
{
	const struct session_item *si = &a->sess->items[item];
	struct divide d;
	char num[16], gap[24], pair[300];
	divide_item(app_tally(a), item, &d);
	snprintf(num, sizeof num, "%3d", item + 1);
	draw_text(y, x, 4, ROLE_DIM, num);
	if (d.gap < 0)
		snprintf(gap, sizeof gap, "-");
	else
		snprintf(gap, sizeof gap, "%d pts", d.gap);
	int gw = 8;
	draw_text_clip(y, x + 4, w - 4 - gw - 1, ROLE_NORMAL, si->heading);
	draw_text(y, x + w - gw, gw, d.gap < 0 ? ROLE_DIM : ROLE_KEY, gap);
	if (rows < 2)
		return;
	if (d.gap < 0)
		snprintf(pair, sizeof pair, "not counted by two groups yet");
	else
		room_pair_text(a, item, &d, w - 4, pair, sizeof pair);
	draw_text_clip(y + 1, x + 4, w - 4, ROLE_DIM, pair);
}

/* An item's number and heading, its results hidden from the room. */
static void draw_hidden_row(const struct app *a, int item, int y, int x, int w)
{
	char num[16];
	snprintf(num, sizeof num, "%3d", item + 1);
	draw_text(y, x, 4, ROLE_DIM, num);
	draw_text_clip(y, x + 4, w - 4 - 8, ROLE_NORMAL,
		       a->sess->items[item].heading);
	draw_text(y, x + w - 7, 7, ROLE_DIM, "hidden");
}

/* Items by divide, widest first; those without one last, in order. */
static void rank(const struct app *a, int *order)
{
	int n = a->sess->nitems, gap[DECK_MAX_ITEMS];
	for (int i = 0; i < n; i++) {
		struct divide d;
		divide_item(app_tally(a), i, &d);
		gap[i] = d.gap;
		order[i] = i;
	}
	/* Insertion sort: stable, and a deck has a few hundred items. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && gap[order[j]] > gap[order[j - 1]];
		     j--) {
			int k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
}

/* The heading, large or not, and the column's header. */
static void draw_heading(const struct app *a, int y, int m, int w,
			 const struct summary_layout *l)
{
	bool groups = a->sess->ngroups > 0;
	const char *col = groups ? "divide" : "leans to";
	int colw = groups ? 8 : 14;
	/* In one row the column's header takes its width from the title. */
	const char *head = heading(a, l->head_rows > 1 ? w : w - 1 - colw);
	if (l->head_rows > 1)
		big_text_draw(y, m, w, ROLE_HEADING, head, 2, false);
	else
		draw_text_clip(y, m, w, ROLE_HEADING, head);
	/* The column's header shares the title's (last) row when there is
	 * room, so that the row below is free for the scroll marks. */
	if (text_width(head) + 1 + colw <= w || l->head_rows > 1)
		draw_text(y + l->head_rows - 1, m + w - colw, colw, ROLE_DIM,
			  col);
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	int m = widget_margin(), w = term_cols() - 2 * m;
	int n = a->sess->nitems;
	struct summary_layout l;
	layout(a, y, h, &l);
	bool groups = a->sess->ngroups > 0;
	draw_heading(a, y + l.head_top, m, w, &l);
	int first = a->scroll, order[DECK_MAX_ITEMS];
	if (first > last_scroll(a, h))
		first = last_scroll(a, h);
	/* Hidden results keep the deck's order: a ranking would tell. */
	bool hidden = a->sess->hidden;
	if (groups && !hidden)
		rank(a, order);
	for (int i = 0; i < l.shown && first + i < n; i++) {
		int row = l.list_y + i * l.step;
		if (hidden)
			draw_hidden_row(a, first + i, row, m, w);
		else if (groups)
			draw_ranked(a, order[first + i], row, m, w,
				    l.step < 2 ? 1 : 2);
		else
			draw_row(a, first + i, row, m, w,
				 l.bar_rows > 1 ? l.bar_rows : l.step,
				 l.bar_rows);
	}
	if (first > 0)
		draw_text(l.list_y - 1, m + w - 8, 8, ROLE_DIM, "more ^");
	if (first + l.shown < n)
		draw_text(l.list_y + (l.shown - 1) * l.step + l.more_row,
			  m + w - 8, 8, ROLE_DIM, "more v");
	int ty = y + h - l.totals_h;
	if (l.countup_h > 0)
		countup_draw(a, ty - l.countup_gap - l.countup_h, m, w,
			     l.countup_h);
	if (l.totals_h == 0)
		return;
	draw_text(ty, m, w, ROLE_HEADING, "Room totals over all items");
	widget_totals_tall(a, ty + 1, l.totals_h - 1, l.totals_each);
}

static enum input_result key(struct tui *t, enum action act, int arg)
{
	struct app *a = t->app;
	(void)arg;
	int h = term_rows() - 2, last = last_scroll(a, h);
	struct summary_layout l;
	layout(a, 1, h, &l);
	if (act == ACT_SEL_NEXT)
		app_scroll(a, 1, last);
	else if (act == ACT_SEL_PREV)
		app_scroll(a, -1, last);
	/* A clicker has only next and previous: they page through a long
	 * list before they leave the summary. */
	else if (act == ACT_NEXT && a->scroll < last)
		app_scroll(a, l.shown, last);
	else if (act == ACT_PREV && a->scroll > 0)
		app_scroll(a, -l.shown, last);
	else
		return INPUT_IGNORED;
	return INPUT_HANDLED;
}

const struct screen screen_summary = {
	draw,
	key,
	"? help  Up/Down scroll  Left back  Right closing  e export",
};
