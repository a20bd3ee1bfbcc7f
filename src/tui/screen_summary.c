/*
 * The summary screen: every item's split as one bar, which way the room
 * leans on each, and the room's totals over all items (the article's
 * "count up" step).
 */
#include "tui/screen.h"

#include <stdio.h>

#include "app/app.h"
#include "core/chart.h"
#include "core/session.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* Where the list of items goes, shared by drawing and scrolling. */
struct summary_layout {
	int list_y, list_h, step, shown, totals_h;
};

static void layout(const struct app *a, int y, int h, struct summary_layout *l)
{
	int n = a->sess->nitems, nv = app_max_views(a);
	/* The totals keep their place at the bottom; items scroll above. */
	l->totals_h = nv + 2;
	l->list_y = y + 2;
	l->list_h = h - 2 - l->totals_h - 1;
	if (l->list_h < 1) {
		/* No room for the totals; keep a row below for "more v". */
		l->list_h = h - 3;
		l->totals_h = 0;
	}
	/* Two rows an item when they fit: the heading gets a second line. */
	l->step = l->list_h >= 2 * n ? 2 : 1;
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
		     int rows)
{
	const struct tally *t = &a->sess->tally;
	const struct session_item *si = &a->sess->items[item];
	char num[16], lean[40];
	snprintf(num, sizeof num, "%3d", item + 1);
	draw_text(y, x, 4, ROLE_DIM, num);
	int headw = w / 2, leanw = 14;
	widget_wrap(y, x + 4, headw - 5, rows, ROLE_NORMAL, si->heading, false);
	int bx = x + headw, bw = w - (bx - x) - leanw - 1;
	if (!tally_item_counted(t, item)) {
		/* Cut short, "not counted yet" would read as something else. */
		draw_text(y, bx, bw, ROLE_DIM,
			  bw >= 15 ? "not counted yet" : "-");
		return;
	}
	long counts[TALLY_MAX_VIEWS];
	int cells[TALLY_MAX_VIEWS];
	for (int v = 0; v < si->nviews; v++)
		counts[v] = tally_get(t, item, v);
	chart_split(counts, si->nviews, bw, cells);
	int cx = bx;
	for (int v = 0; v < si->nviews; v++)
		cx += draw_bar(y, cx, v, cells[v], 0);
	int l = tally_leaning(t, item), pct[TALLY_MAX_VIEWS];
	tally_percent(counts, si->nviews, pct);
	if (l < 0)
		snprintf(lean, sizeof lean, "tied");
	else
		snprintf(lean, sizeof lean, "%s %d%%", si->labels[l], pct[l]);
	draw_text(y, x + w - leanw, leanw,
		  l < 0 ? ROLE_DIM : (enum role)(ROLE_VIEW1 + l), lean);
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	int m = widget_margin(), w = term_cols() - 2 * m;
	int n = a->sess->nitems;
	struct summary_layout l;
	layout(a, y, h, &l);
	static const char head[] = "How the room split, item by item";
	draw_text(y, m, w, ROLE_HEADING, head);
	/* The column's header shares the title's row when there is room, so
	 * that the row below is free for the scroll marks. */
	if ((int)sizeof head + 14 <= w)
		draw_text(y, m + w - 14, 14, ROLE_DIM, "leans to");
	int first = a->scroll;
	if (first > last_scroll(a, h))
		first = last_scroll(a, h);
	for (int i = 0; i < l.shown && first + i < n; i++)
		draw_row(a, first + i, l.list_y + i * l.step, m, w, l.step);
	if (first > 0)
		draw_text(l.list_y - 1, m + w - 8, 8, ROLE_DIM, "more ^");
	if (first + l.shown < n)
		draw_text(l.list_y + l.shown * l.step - (l.step - 1), m + w - 8,
			  8, ROLE_DIM, "more v");
	if (l.totals_h == 0)
		return;
	int ty = y + h - l.totals_h;
	draw_text(ty, m, w, ROLE_HEADING, "Room totals over all items");
	widget_totals(a, ty + 1, l.totals_h - 1);
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
