/*
 * The closing screen: with groups, the answer to the article's question
 * -- are the groups aligned? -- in the room's own numbers; the deck's
 * closing text; and, when its views mean the same on every item, the
 * room's totals and, when phones voted, their count-up (tui/countup.c).
 */
#include "tui/screen.h"

#include <stdio.h>

#include "app/app.h"
#include "core/deck.h"
#include "core/divide.h"
#include "core/session.h"
#include "tui/big.h"
#include "tui/countup.h"
#include "tui/room.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* "No: on 5 of 7 items the groups are more than 20 points apart." */
static void answer(const struct app *a, char *buf, size_t cap, char *widest,
		   size_t wcap)
{
	struct divide_answer ans;
	divide_session(app_tally(a), a->aligned, &ans);
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
	room_pair_text(a, ans.widest, &ans.d, 0, pair, sizeof pair);
	snprintf(widest, wcap, "Widest: %s. %s",
		 a->sess->items[ans.widest].heading, pair);
}

/* The question and its answer, with the widest divide below. */
struct closing_answer {
	char yes_no[200], widest[600];
	int q_big, a_big; /* rows in large type, 0 for normal type */
};

static void answer_text(const struct app *a, struct closing_answer *c)
{
	if (a->sess->hidden) {
		snprintf(c->yes_no, sizeof c->yes_no,
			 "Hidden from the room for now.");
		c->widest[0] = '\0';
	} else {
		answer(a, c->yes_no, sizeof c->yes_no, c->widest,
		       sizeof c->widest);
	}
}

static const char question[] = "Are the groups aligned?";

/* The answer block in normal type; returns the rows it took. */
static int draw_answer(const struct closing_answer *c, int row, int x, int w,
		       int rows)
{
	int used = widget_wrap(row, x, w, 1, ROLE_HEADING, question, false);
	used += widget_wrap(row + used, x, w, 2, ROLE_KEY, c->yes_no, false);
	/* The widest divide ends on its points, what the room waits for:
	 * it takes the rows it needs before the closing text does. */
	if (c->widest[0] && rows - used > 0)
		used += widget_wrap(row + used, x, w, rows - used, ROLE_NORMAL,
				    c->widest, false);
	return used + 1;
}

/* The rows of the answer block in normal type, with the blank below. */
static int answer_rows(const struct closing_answer *c, int w)
{
	int yes_no = widget_wrap_rows(c->yes_no, w);
	int widest = c->widest[0] ? widget_wrap_rows(c->widest, w) : 0;
	return 1 + (yes_no < 2 ? yes_no : 2) + widest + 1;
}

/* The same on a room's screen: the question and the answer in large
 * type, centred, when they fit. */
static int draw_answer_big(const struct closing_answer *c, int row, int x,
			   int w, int rows)
{
	int used = big_text_draw(row, x, w, ROLE_HEADING, question, 1, true);
	used += 1;
	if (c->a_big > 0)
		used += big_text_draw(row + used, x, w, ROLE_KEY, c->yes_no, 2,
				      true);
	else
		used += widget_wrap(row + used, x, w, 2, ROLE_KEY, c->yes_no,
				    true);
	used += 1;
	if (c->widest[0] && rows - used > 1)
		used += widget_wrap(row + used, x, w, rows - used - 1,
				    ROLE_NORMAL, c->widest, true);
	return used + 1;
}

/* Where the closing screen's parts go. */
struct closing_plan {
	int m, w, ix, iw;
	int ans;       /* rows of the answer block (0: no groups) */
	bool ans_big;  /* ... its question in large type */
	int text;      /* rows of the closing text */
	bool text_big; /* ... set in large type */
	int each;      /* rows of a bar of the totals */
	int countup;   /* rows of the phones' count-up, below the totals */
	bool squeezed; /* ... none fit: its one line at the foot instead */
	int top;
};

static void plan(const struct app *a, const struct closing_answer *c,
		 const char *text, int y, int h, struct closing_plan *p)
{
	bool large = widget_large();
	int nv = a->sess->same_views ? app_max_views(a) : -1;
	p->m = widget_margin();
	p->w = term_cols() - 2 * p->m;
	p->iw = large ? widget_measure(p->w, true) : p->w > 100 ? 100 : p->w;
	p->ix = (term_cols() - p->iw) / 2;
	p->each = large ? 3 : 1;
	p->ans = a->sess->ngroups > 0 ? answer_rows(c, p->iw) : 0;
	p->ans_big = p->ans && large && c->q_big;
	if (p->ans_big)
		p->ans = c->q_big + (c->a_big ? c->a_big : 2) + 5;
	int totals = nv > 0 ? nv * p->each + 1 : nv;
	p->text = widget_wrap_rows(text, p->iw);
	p->text_big = false;
	int big = large ? big_text_rows(text, p->w, 8) : 0;
	if (big > 0 && p->ans + big + totals + 5 <= h) {
		p->text = big;
		p->text_big = true;
	}
	int need = p->text + totals + 3 + p->ans;
	if (large && need + 3 <= h)
		need += 3; /* the blank rows that set the parts apart */
	/* The phones' count-up before taller bars: it says more. */
	p->countup = countup_rows(a, p->w, h - need - 1);
	if (p->countup > 0)
		need += p->countup + 1;
	p->squeezed = p->countup == 0 && countup_rows(a, p->w, 1) == 1;
	/* The room's totals take the height that is left, up to bars of
	 * five rows. */
	if (large && nv > 0 && need < h) {
		int each = 3 + (h - need) / nv;
		p->each = each > 5 ? 5 : each;
		need += nv * (p->each - 3);
		if (need + nv - 1 <= h)
			need += nv - 1; /* a blank row between the bars */
	}
	p->top = y + 1 + (need < h ? (h - need) / 3 : 0);
}

/* The rows below the closing text kept for the totals (nv views, or -1
 * for none), out of rows: none when they would not fit anyway. */
static int keep_below(int nv, int rows)
{
	if (nv < 0)
		return 1;
	return rows - 1 >= nv + 2 ? nv + 2 : 0;
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	const struct deck *d = a->deck;
	const char *text = d->closing ? d->closing : "Thank you.";
	struct closing_answer c;
	answer_text(a, &c);
	c.q_big = big_text_rows(question, term_cols() - 2 * widget_margin(), 1);
	c.a_big = big_text_rows(c.yes_no, term_cols() - 2 * widget_margin(), 2);
	struct closing_plan p;
	plan(a, &c, text, y, h, &p);
	int nv = a->sess->same_views ? app_max_views(a) : -1;
	int end = y + h, row = p.top;
	bool large = widget_large();
	if (p.squeezed) {
		/* The rest gives way to the count-up's line of sums. */
		countup_draw(a, --end, p.m, p.w, 1);
		end--;
	}
	if (p.ans_big)
		row += draw_answer_big(&c, row, p.m, p.w, end - row - 2);
	else if (p.ans > 0 && end - row - 2 >= 2)
		row += draw_answer(&c, row, p.ix, p.iw, end - row);
	if (p.text_big)
		row += big_text_draw(row, p.m, p.w, ROLE_HEADING, text, 8,
				     true) +
		       1;
	else
		row += widget_wrap(row, p.ix, p.iw,
				   end - row - keep_below(nv, end - row),
				   ROLE_HEADING, text, false);
	row += large ? 2 : 1;
	/* The totals leave the count-up its rows (and one above it). */
	int cu = p.countup > 0 ? p.countup + 1 : 0;
	if (nv > 0 && end - row - cu >= nv * p.each + 1) {
		draw_text(row++, p.m, p.w, ROLE_DIM,
			  "The room over all items:");
		row += widget_totals_tall(a, row, end - row - cu, p.each);
	} else if (nv > 0 && end - row - cu >= nv + 1) {
		draw_text(row++, p.m, p.w, ROLE_DIM,
			  "The room over all items:");
		row += widget_totals(a, row, end - row - cu);
	}
	if (p.countup > 0 && end - row - 1 >= 1)
		countup_draw(a, row + 1, p.m, p.w,
			     countup_rows(a, p.w, end - row - 1));
}

const struct screen screen_closing = {
	draw,
	NULL, /* no keys of its own */
	"? help  e export  Left back  s summary  q quit",
};
