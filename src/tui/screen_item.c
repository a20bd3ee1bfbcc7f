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
#include "tui/room.h"
#include "tui/term.h"
#include "tui/widgets.h"

static int text_rows(const struct item_plan *l, int n)
{
	int rows = l->head_rows + l->head_gap + l->banner + l->chart_gap +
		   l->panel_gap + l->panel * l->panel_each + l->info + l->swing;
	if (!l->list)
		return rows;
	for (int v = 0; v < n; v++)
		rows += 1 + l->view_rows[v] + (v > 0 ? l->gap : 0);
	return rows;
}

/* One step of giving way when space runs short; false when none is left. */
static bool give_way(struct item_plan *l, int n)
{
	int big = 0;
	for (int v = 1; v < n; v++)
		if (l->view_rows[v] > l->view_rows[big])
			big = v;
	if (l->gap)
		l->gap = 0;
	else if (l->panel_each > 1)
		l->panel_each = 1;
	else if (l->banner > 1)
		l->banner = 1;
	else if (l->list && l->view_rows[big] > 0)
		l->view_rows[big]--;
	else if (l->list)
		l->list = false;
	else if (l->panel_gap)
		l->panel_gap = 0;
	else if (l->head_gap)
		l->head_gap = 0;
	else if (l->chart_gap)
		l->chart_gap = 0;
	else if (l->panel > 2)
		l->panel--; /* the active group and the room stay */
	else if (l->head_rows > 1)
		l->head_rows--;
	else if (l->swing)
		l->swing = 0;
	else if (l->info)
		l->info = 0;
	else
		return false;
	return true;
}

/* The bars: as thick as the rows left allow, roughly centred in them. */
static void place_chart(struct item_plan *l, int n, int top, int left)
{
	if (left < n)
		left = n;
	/* Bars of two rows or fewer go without a blank row between them:
	 * two thin bars read better than one bar and a gap. */
	l->bar_h = 1;
	for (int bh = 12; bh > 1; bh--)
		if (n * bh + (n - 1) * (bh > 2) <= left) {
			l->bar_h = bh;
			break;
		}
	l->bar_gap = l->bar_h > 2 ? 1 : 0;
	l->chart_rows = n * l->bar_h + (n - 1) * l->bar_gap;
	/* A spare row goes above the chart rather than below it. */
	l->chart_y = top + (left - l->chart_rows + 1) / 2;
}

/*
 * Gives the chart as much height as the rest leaves (thicker bars read
 * better from the back of the room); when space runs short the text gives
 * way first: blank lines, then the longest view text loses rows, then the
 * list of views (the chart names them too), then the groups other than
 * the active one, then heading rows.
 */
void screen_item_plan(const struct app *a, int item, int y, int h, int cols,
		      struct item_plan *l)
{
	const struct deck_item *it = &a->deck->items[item];
	int n = it->nviews;
	memset(l, 0, sizeof *l);
	l->m = widget_margin_for(cols);
	l->w = cols - 2 * l->m;
	l->head_rows = widget_wrap_rows(it->heading, l->w);
	if (l->head_rows > 3)
		l->head_rows = 3;
	l->head_gap = 1;
	for (int v = 0; v < n; v++)
		l->view_rows[v] = widget_wrap_rows(it->views[v], l->w - 2);
	l->gap = 1;
	l->list = true;
	/* Said when it is not plain: without a headcount or groups, the
	 * percentages can only be of the hands, which the top bar counts. */
	l->info = a->sess->ngroups > 0 || app_people(a, -1) > 0 ||
		  a->sess->pct_of_room;
	l->chart_gap = 1;
	l->swing = tally_rounds(&a->sess->tally, item) > 1;
	if (a->sess->ngroups > 0) {
		/* Taller on a large screen, so the room sees it too. */
		l->banner = h >= 40 ? 3 : 1;
		l->panel = room_panel_rows(a);
		l->panel_gap = 1;
		l->panel_each = h >= 40 ? 2 : 1;
	}
	while (text_rows(l, n) + n > h && give_way(l, n))
		;
	int above = l->head_rows + l->head_gap + l->banner + l->chart_gap;
	for (int v = 0; l->list && v < n; v++)
		above += 1 + l->view_rows[v] + (v > 0 ? l->gap : 0);
	place_chart(l, n, y + above, h - text_rows(l, n));
}

/* The first row below the chart, where the groups' bars begin. */
static int below_chart(const struct item_plan *l, int y, int h)
{
	int rest = l->panel_gap + l->panel * l->panel_each + l->info + l->swing;
	int top = l->chart_y + l->chart_rows;
	return top + rest <= y + h ? y + h - rest : top;
}

/* What the chart's columns hold: labels, bars, then counts. */
struct chart_cols {
	long counts[TALLY_MAX_VIEWS + 1]; /* + the people without a hand */
	struct chart_bar bars[TALLY_MAX_VIEWS + 1];
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
			const struct item_plan *l, struct chart_cols *c)
{
	const struct session_item *si = &a->sess->items[item];
	struct app_shares sh;
	int group = a->sess->ngroups > 0 ? a->sess->active : -1;
	c->n = app_shares(a, item, tally_rounds(&a->sess->tally, item) - 1,
			  group, &sh);
	c->labw = 0;
	memcpy(c->counts, sh.counts, sizeof c->counts);
	/* Of the room: the people without a hand take their share too. */
	c->counts[c->n] = sh.of_room ? sh.none : 0;
	chart_layout(c->counts, c->n + 1, 1, c->bars); /* the percentages */
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
	chart_layout(c->counts, c->n + 1, c->barw, c->bars);
}

/* One view's row of the chart: marker, label, bar and its count. */
static void draw_view_row(const struct app *a, int item, int v,
			  const struct item_plan *l, const struct chart_cols *c)
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

static void draw_chart(const struct app *a, int item, const struct item_plan *l)
{
	struct chart_cols c;
	fit_columns(a, item, l, &c);
	for (int v = 0; v < c.n; v++)
		draw_view_row(a, item, v, l, &c);
}

int screen_item_chart_top(const struct app *a, int y, int h)
{
	struct item_plan l;
	screen_item_plan(a, app_item(a), y, h, term_cols(), &l);
	return l.chart_y;
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	int item = app_item(a);
	const struct deck_item *it = &a->deck->items[item];
	struct item_plan l;
	screen_item_plan(a, item, y, h, term_cols(), &l);
	int row = y;
	row += widget_wrap(row, l.m, l.w, l.head_rows, ROLE_HEADING,
			   it->heading, false);
	row += l.head_gap;
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
	if (l.banner)
		room_banner(a, row, l.m, l.w, l.banner);
	if (a->sess->hidden) {
		/* The room sees that counting goes on, not how it goes. */
		widget_wrap(l.chart_y + (l.chart_rows - 1) / 2, l.m, l.w, 1,
			    ROLE_DIM, "Results are hidden from the room", true);
		return;
	}
	draw_chart(a, item, &l);
	int below = below_chart(&l, y, h) + l.panel_gap;
	below += room_panel(a, item, below, l.m, l.w, l.panel * l.panel_each,
			    l.panel_each);
	if (l.swing)
		below += room_swing(a, item, below, l.m, l.w);
	if (l.info)
		room_info(a, item, below, l.m, l.w);
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
		t->entry_for = ENTRY_COUNT;
		t->typed[0] = '\0';
		t->entry_full = false;
		return INPUT_HANDLED;
	case ACT_RESET:
		app_ask(a, ASK_RESET);
		return INPUT_HANDLED;
	case ACT_NOTE:
		app_toggle_note(a);
		return INPUT_HANDLED;
	case ACT_ROUND:
		if (app_can_start_round(a))
			app_ask(a, ASK_ROUND);
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
