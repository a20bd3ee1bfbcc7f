/*
 * The closing screen: with groups, the answer to the article's question
 * -- are the groups aligned? -- in the room's own numbers; the deck's
 * closing text; and, when its views mean the same on every item, the
 * room's totals.
 */
#include "tui/screen.h"

#include <stdio.h>

#include "app/app.h"
#include "core/deck.h"
#include "core/divide.h"
#include "core/session.h"
#include "tui/room.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* "No: on 5 of 7 items the groups are more than 20 points apart." */
static void answer(const struct app *a, char *buf, size_t cap, char *widest,
		   size_t wcap)
{
	struct divide_answer ans;
	divide_session(&a->sess->tally, a->aligned, &ans);
	widest[0] = '\0';
	if (ans.counted == 0) {
		snprintf(buf, cap,
			 "Not yet: no item has hands from two groups.");
		return;
	}
	if (ans.apart == 0)
		snprintf(buf, cap,
			 "Yes: on all %d item%s counted, the groups are within "
			 "%d points.",
			 ans.counted, ans.counted == 1 ? "" : "s", a->aligned);
	else
		snprintf(buf, cap,
			 "No: on %d of %d item%s the groups are more than %d "
			 "points apart.",
			 ans.apart, ans.counted, ans.counted == 1 ? "" : "s",
			 a->aligned);
	char pair[300];
	room_pair_text(a, ans.widest, &ans.d, pair, sizeof pair);
	snprintf(widest, wcap, "Widest: %s. %s",
		 a->sess->items[ans.widest].heading, pair);
}

/* The answer block; returns the rows it took. */
static int draw_answer(const struct app *a, int row, int x, int w, int rows)
{
	char yes_no[200], widest[600];
	if (a->sess->ngroups == 0 || rows < 2)
		return 0;
	if (a->sess->hidden) {
		snprintf(yes_no, sizeof yes_no,
			 "Hidden from the room for now.");
		widest[0] = '\0';
	} else {
		answer(a, yes_no, sizeof yes_no, widest, sizeof widest);
	}
	int used = widget_wrap(row, x, w, 1, ROLE_HEADING,
			       "Are the groups aligned?", false);
	used += widget_wrap(row + used, x, w, 2, ROLE_KEY, yes_no, false);
	if (widest[0] && rows - used > 1)
		used += widget_wrap(row + used, x, w, rows - used - 1,
				    ROLE_NORMAL, widest, false);
	return used + 1;
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	const struct deck *d = a->deck;
	int m = widget_margin(), w = term_cols() - 2 * m;
	int iw = w > 100 ? 100 : w, ix = (term_cols() - iw) / 2;
	int nv = a->sess->same_views ? app_max_views(a) : -1;
	int end = y + h, row = y + 1;
	const char *text = d->closing ? d->closing : "Thank you.";
	int rows = widget_wrap_rows(text, iw);
	int ans = a->sess->ngroups > 0 ? 5 : 0;
	if (rows + nv + 4 + ans < h)
		row = y + (h - rows - nv - 4 - ans) / 3 + 1;
	row += draw_answer(a, row, ix, iw, end - row - 2);
	row += widget_wrap(row, ix, iw, end - row - nv - 2, ROLE_HEADING, text,
			   false);
	row++;
	if (nv > 0 && end - row >= nv + 1) {
		draw_text(row++, m, w, ROLE_DIM, "The room over all items:");
		widget_totals(a, row, end - row);
	}
}

const struct screen screen_closing = {
	draw,
	NULL, /* no keys of its own */
	"? help  e export  Left back  s summary  q quit",
};
