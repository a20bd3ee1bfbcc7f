/*
 * The summary screen: every item's split as one bar, which way the room
 * leans on each, and the room's totals over all items (the article's
 * "count up" step).
 */
#include "screen.h"

#include <stdio.h>

#include "app.h"
#include "chart.h"
#include "deck.h"
#include "session.h"
#include "tally.h"
#include "text.h"

static int max_views(const struct app *a)
{
	int n = 2;
	for (int i = 0; i < a->sess->nitems; i++)
		if (a->sess->items[i].nviews > n)
			n = a->sess->items[i].nviews;
	return n;
}

static void draw_row(const struct app *a, int item, int y, int x, int w)
{
	const struct tally *t = &a->sess->tally;
	const struct session_item *si = &a->sess->items[item];
	char num[16], lean[40];
	snprintf(num, sizeof num, "%3d", item + 1);
	ui_text(y, x, 4, ROLE_DIM, num);
	int headw = w / 2, leanw = 14;
	ui_text_clip(y, x + 4, headw - 5, ROLE_NORMAL, si->heading);
	int bx = x + headw, bw = w - (bx - x) - leanw - 1;
	if (!tally_item_counted(t, item)) {
		/* Cut short, "not counted yet" would read as something else. */
		ui_text(y, bx, bw, ROLE_DIM, bw >= 15 ? "not counted yet" : "-");
		return;
	}
	long counts[TALLY_MAX_VIEWS];
	int cells[TALLY_MAX_VIEWS];
	for (int v = 0; v < si->nviews; v++)
		counts[v] = tally_get(t, item, v);
	chart_split(counts, si->nviews, bw, cells);
	int cx = bx;
	for (int v = 0; v < si->nviews; v++)
		cx += ui_bar(y, cx, v, cells[v], 0);
	int l = tally_leaning(t, item), pct[TALLY_MAX_VIEWS];
	tally_percent(counts, si->nviews, pct);
	if (l < 0)
		snprintf(lean, sizeof lean, "tied");
	else
		snprintf(lean, sizeof lean, "%s %d%%", si->labels[l], pct[l]);
	ui_text(y, x + w - leanw, leanw,
		l < 0 ? ROLE_DIM : (enum ui_role)(ROLE_VIEW1 + l), lean);
}

void screen_summary_draw(const struct app *a, int y, int h)
{
	int m = screen_margin(), w = ui_cols() - 2 * m;
	int n = a->sess->nitems, nv = max_views(a);
	static const char head[] = "How the room split, item by item";
	ui_text(y, m, w, ROLE_HEADING, head);
	/* The column's header shares the title's row when there is room, so
	 * that the row below is free for the scroll marks. */
	if ((int)sizeof head + 14 <= w)
		ui_text(y, m + w - 14, 14, ROLE_DIM, "leans to");
	/* The totals keep their place at the bottom; items scroll above. */
	int totals_h = nv + 2;
	int list_y = y + 2, list_h = h - 2 - totals_h - 1;
	if (list_h < 1) {
		list_h = h - 2;
		totals_h = 0;
	}
	int step = list_h >= 2 * n ? 2 : 1;
	int shown = list_h / step;
	int first = a->scroll;
	if (first > n - shown)
		first = n - shown > 0 ? n - shown : 0;
	for (int i = 0; i < shown && first + i < n; i++)
		draw_row(a, first + i, list_y + i * step, m, w);
	if (first > 0)
		ui_text(list_y - 1, m + w - 8, 8, ROLE_DIM, "more ^");
	if (first + shown < n)
		ui_text(list_y + shown * step - (step - 1), m + w - 8, 8,
			ROLE_DIM, "more v");
	if (totals_h == 0)
		return;
	int ty = y + h - totals_h;
	ui_text(ty, m, w, ROLE_HEADING, "Room totals over all items");
	screen_totals(a, ty + 1, totals_h - 1);
}

bool screen_summary_key(struct app *a, enum action act, int arg)
{
	(void)arg;
	if (act == ACT_SEL_NEXT && a->scroll < a->sess->nitems - 1) {
		a->scroll++;
		return true;
	}
	if (act == ACT_SEL_PREV && a->scroll > 0) {
		a->scroll--;
		return true;
	}
	return act == ACT_SEL_NEXT || act == ACT_SEL_PREV;
}
