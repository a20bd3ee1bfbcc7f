/* The item screen: heading, each view's text, and the live bar chart. */
#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "core/chart.h"
#include "core/deck.h"
#include "core/session.h"
#include "tui/big.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* Where each part goes, worked out before anything is drawn. */
struct item_layout {
	int m, w; /* margin and text width */
	int head_rows;
	int view_rows[DECK_MAX_VIEWS]; /* text rows per view (label extra) */
	int gap;		       /* blank rows between views' texts */
	bool list; /* the views' labels and texts above the chart */
	int bar_h, bar_gap;
	int chart_y, chart_rows;
};

static int text_rows(const struct item_layout *l, int n)
{
	int rows = l->head_rows + 1;
	if (!l->list)
		return rows;
	for (int v = 0; v < n; v++)
		rows += 1 + l->view_rows[v] + (v > 0 ? l->gap : 0);
	return rows;
}

/*
 * Gives the chart as much height as the text leaves (thicker bars read
 * better from the back of the room); when space runs short the text gives
 * way first: blank lines, then the longest view text loses rows.
 */
static void layout(const struct app *a, int item, int y, int h,
		   struct item_layout *l)
{
	const struct deck_item *it = &a->deck->items[item];
	int n = it->nviews;
	memset(l, 0, sizeof *l);
	l->m = widget_margin();
	l->w = term_cols() - 2 * l->m;
	l->head_rows = widget_wrap_rows(it->heading, l->w);
	if (l->head_rows > 3)
		l->head_rows = 3;
	for (int v = 0; v < n; v++)
		l->view_rows[v] = widget_wrap_rows(it->views[v], l->w - 2);
	l->gap = 1;
	l->list = true;
	int min_chart = n;
	/* Space runs short: blank lines go first, then the longest text
	 * loses rows, then the list of views (the chart names them too),
	 * then heading rows. */
	while (text_rows(l, n) + 1 + min_chart > h) {
		if (l->gap) {
			l->gap = 0;
			continue;
		}
		int big = 0;
		for (int v = 1; v < n; v++)
			if (l->view_rows[v] > l->view_rows[big])
				big = v;
		if (l->list && l->view_rows[big] > 0)
			l->view_rows[big]--;
		else if (l->list)
			l->list = false;
		else if (l->head_rows > 1)
			l->head_rows--;
		else
			break;
	}
	int left = h - text_rows(l, n) - 1;
	if (left < n)
		left = n;
	l->bar_h = 1;
	for (int bh = 12; bh > 1; bh--) {
		int need = n * bh + (n - 1);
		if (need <= left) {
			l->bar_h = bh;
			break;
		}
	}
	l->bar_gap = l->bar_h > 1 ? 1 : 0;
	l->chart_rows = n * l->bar_h + (n - 1) * l->bar_gap;
	/* Keep the chart off the text and roughly centred in what is left. */
	l->chart_y = y + h - l->chart_rows - (left - l->chart_rows) / 2;
	if (l->chart_y > y + h - l->chart_rows)
		l->chart_y = y + h - l->chart_rows;
}

/* What the chart's columns hold: labels, bars, then counts. */
struct chart_cols {
	long counts[TALLY_MAX_VIEWS];
	struct chart_bar bars[TALLY_MAX_VIEWS];
	char nums[TALLY_MAX_VIEWS][24], pcts[TALLY_MAX_VIEWS][24];
	int n, labw, cntw, barw, scale;
	bool big; /* counts in large digits, with the percentage beside */
};

/* The widest count label: large digits and percentage, or "12 (60%)". */
static int count_width(const struct chart_cols *c)
{
	int w = 0;
	for (int v = 0; v < c->n; v++) {
		char lab[48];
		int cw = c->big ? big_width(c->nums[v], c->scale) + 1 +
					  (int)strlen(c->pcts[v])
				: chart_label(lab, sizeof lab, c->counts[v],
					      c->bars[v].pct);
		w = cw > w ? cw : w;
	}
	return w;
}

/*
 * Bars of three rows or more carry their count in large digits, with the
 * percentage beside it; thinner bars get the plain "12 (60%)" label.
 * The thicker the bars, the larger the digits; but the counts may not
 * squeeze the bars below half the width, so the digits shrink, down to
 * the plain label.
 */
static void fit_columns(const struct app *a, int item,
			const struct item_layout *l, struct chart_cols *c)
{
	const struct session_item *si = &a->sess->items[item];
	c->n = si->nviews;
	c->labw = 0;
	for (int v = 0; v < c->n; v++)
		c->counts[v] = tally_get(&a->sess->tally, item, v);
	chart_layout(c->counts, c->n, 1, c->bars); /* for the percentages */
	for (int v = 0; v < c->n; v++) {
		int lw = text_width(si->labels[v]);
		c->labw = lw > c->labw ? lw : c->labw;
		snprintf(c->nums[v], sizeof c->nums[v], "%ld", c->counts[v]);
		snprintf(c->pcts[v], sizeof c->pcts[v], "%d%%", c->bars[v].pct);
	}
	/* A label of any length still leaves the bars most of the width. */
	if (c->labw > l->w / 3)
		c->labw = l->w / 3;
	c->labw += 3; /* marker, space, and a space after */
	c->scale = 3;
	while (c->scale > 1 &&
	       (draw_ascii() || l->bar_h < big_rows(c->scale) + 2))
		c->scale--;
	c->big = l->bar_h >= 3;
	for (;;) {
		c->cntw = count_width(c);
		if (!c->big ||
		    l->w - c->labw - c->cntw - 1 >= (l->w - c->labw) / 2)
			break;
		if (c->scale > 1)
			c->scale--;
		else
			c->big = false;
	}
	c->barw = l->w - c->labw - c->cntw - 1;
	if (c->barw < 1)
		c->barw = 1;
	chart_layout(c->counts, c->n, c->barw, c->bars);
}

/* One view's row of the chart: marker, label, bar and its count. */
static void draw_view_row(const struct app *a, int item, int v,
			  const struct item_layout *l,
			  const struct chart_cols *c)
{
	int top = l->chart_y + v * (l->bar_h + l->bar_gap);
	int mid = top + (l->bar_h - 1) / 2;
	enum role role = (enum role)(ROLE_VIEW1 + v);
	if (v == a->selected)
		draw_text(mid, l->m, 2, ROLE_SELECTED, draw_marker());
	draw_text_clip(mid, l->m + 2, c->labw - 3, role,
		       a->sess->items[item].labels[v]);
	int used = 0;
	for (int r = 0; r < l->bar_h; r++)
		used = draw_bar(top + r, l->m + c->labw, v, c->bars[v].full,
				c->bars[v].eighths);
	/* The count follows the bar, where the eye already is. */
	int x = l->m + c->labw + used + 1;
	int drawn = 0;
	if (c->big) {
		int rows = big_rows(c->scale);
		drawn = big_draw(mid - (rows - 1) / 2, x, role, c->nums[v],
				 c->scale);
	}
	if (drawn > 0) {
		draw_text(mid, x + drawn + 1, c->cntw, role, c->pcts[v]);
	} else {
		char lab[48];
		chart_label(lab, sizeof lab, c->counts[v], c->bars[v].pct);
		draw_text(mid, x, c->cntw, role, lab);
	}
}

static void draw_chart(const struct app *a, int item,
		       const struct item_layout *l)
{
	struct chart_cols c;
	fit_columns(a, item, l, &c);
	for (int v = 0; v < c.n; v++)
		draw_view_row(a, item, v, l, &c);
}

int screen_item_chart_top(const struct app *a, int y, int h)
{
	struct item_layout l;
	layout(a, app_item(a), y, h, &l);
	return l.chart_y;
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	int item = app_item(a);
	const struct deck_item *it = &a->deck->items[item];
	struct item_layout l;
	layout(a, item, y, h, &l);
	int row = y;
	row += widget_wrap(row, l.m, l.w, l.head_rows, ROLE_HEADING,
			   it->heading, false);
	row++;
	for (int v = 0; l.list && v < it->nviews; v++) {
		if (v > 0)
			row += l.gap;
		enum role role = (enum role)(ROLE_VIEW1 + v);
		if (v == a->selected)
			draw_text(row, l.m, 2, ROLE_SELECTED, draw_marker());
		draw_text(row, l.m + 2, l.w - 2, role,
			  a->sess->items[item].labels[v]);
		row++;
		row += widget_wrap(row, l.m + 2, l.w - 2, l.view_rows[v],
				   ROLE_NORMAL, it->views[v], false);
	}
	draw_chart(a, item, &l);
}

static enum input_result key(struct tui *t, enum action act, int arg)
{
	struct app *a = t->app;
	switch (act) {
	case ACT_VOTE:
		app_vote(a, arg, 1);
		return INPUT_HANDLED;
	case ACT_INC:
		app_vote(a, a->selected, 1);
		return INPUT_HANDLED;
	case ACT_DEC:
		app_vote(a, a->selected, -1);
		return INPUT_HANDLED;
	case ACT_SEL_NEXT:
		app_select(a, 1);
		return INPUT_HANDLED;
	case ACT_SEL_PREV:
		app_select(a, -1);
		return INPUT_HANDLED;
	case ACT_ENTRY:
		t->entry = true;
		t->typed[0] = '\0';
		return INPUT_HANDLED;
	case ACT_RESET:
		app_ask(a, ASK_RESET);
		return INPUT_HANDLED;
	case ACT_NOTE:
		app_toggle_note(a);
		return INPUT_HANDLED;
	default:
		return INPUT_IGNORED;
	}
}

const struct screen screen_item = {
	draw,
	key,
	"? help  1-6 hand  Tab select  +/- adjust  Enter type  u undo",
};
