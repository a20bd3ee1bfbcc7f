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
#include "tui/qr_view.h"
#include "tui/room.h"
#include "tui/term.h"
#include "tui/widgets.h"

static int text_rows(const struct item_plan *l, int n)
{
	int rows = l->head_rows + l->head_gap + l->note_box + l->note_gap +
		   l->banner + l->chart_gap + l->panel_gap +
		   l->panel * l->panel_each + l->info + l->swing;
	if (!l->list)
		return rows;
	for (int v = 0; v < n; v++)
		rows += 1 + l->view_rows[v] + (v > 0 ? l->gap : 0);
	return rows;
}

/* The heading as normal text, at most three rows, over the texts. */
static void head_normal(struct item_plan *l, const char *heading)
{
	l->head_big = false;
	l->head_rows = widget_wrap_rows(heading, l->text_w);
	if (l->head_rows > 3)
		l->head_rows = 3;
}

/*
 * One step of giving way when space runs short; false when none is left.
 * With keep, only blank rows, the banner's and the groups' thickness and
 * the heading's large type give way: nothing that the screen says.
 */
static bool give_way(struct item_plan *l, int n, const char *heading, bool keep)
{
	int big = 0;
	for (int v = 1; v < n; v++)
		if (l->view_rows[v] > l->view_rows[big])
			big = v;
	if (l->note_gap)
		l->note_gap = 0;
	else if (l->gap)
		l->gap = 0;
	else if (l->head_big)
		head_normal(l, heading);
	else if (l->panel_each > 1)
		l->panel_each = 1;
	else if (l->banner > 1)
		l->banner = 1;
	else if (l->note_box && l->panel_gap)
		l->panel_gap = 0; /* the note asked for: blanks before text */
	else if (l->note_box && l->chart_gap)
		l->chart_gap = 0;
	else if (!keep && l->list && l->view_rows[big] > 0)
		l->view_rows[big]--;
	else if (!keep && l->list)
		l->list = false;
	else if (l->panel_gap)
		l->panel_gap = 0;
	else if (l->head_gap)
		l->head_gap = 0;
	else if (l->chart_gap)
		l->chart_gap = 0;
	else if (keep)
		return false;
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

/* The note's column: a third of the width, from 80 columns up. */
static void plan_note(const struct deck_item *it, int cols, bool note,
		      struct item_plan *l)
{
	l->note_w = 0;
	if (!note || it->note == NULL || cols < 80)
		return;
	l->note_w = cols / 3 < 48 ? cols / 3 : 48;
	l->w -= l->note_w + 3;
	l->note_x = l->m + l->w + 3;
}

/* The heading, in large type on a room's screen when it fits in two
 * lines (three on a tall one), and the views' texts' measure. */
static void plan_text(const struct deck_item *it, int h, int cols, int rows,
		      struct item_plan *l)
{
	bool large = widget_large_for(cols, rows);
	l->text_w = widget_measure(l->w - 2, large) + 2;
	l->text_x = l->m + (l->w - l->text_w) / 2;
	l->pct_big = large;
	head_normal(l, it->heading);
	int big = large ? big_text_rows(it->heading, l->w, h >= 44 ? 3 : 2) : 0;
	if (big > 0) {
		l->head_big = true;
		l->head_rows = big;
	}
}

void screen_item_plan(const struct app *a, int item, int y, int h, int cols,
		      struct item_plan *l)
{
	/* The body and the two lines of the frame: the whole terminal. */
	screen_item_plan_note(a, item, y, h, cols, h + 2, false, l);
}

/*
 * Gives the chart as much height as the rest leaves (thicker bars read
 * better from the back of the room); when space runs short, blank rows
 * and large type give way, so that every view's text stays whole (a room
 * voting by hand reads them all).  When that is not enough, the text
 * gives way: blank lines, then the longest view text loses rows, then the
 * list of views (the chart names them too), then the groups other than
 * the active one, then heading rows.  Returns whether all the text is
 * kept.
 */
static bool plan_body(const struct app *a, int item, int y, int h, int cols,
		      int rows, bool note, int box, struct item_plan *l)
{
	const struct deck_item *it = &a->deck->items[item];
	int n = it->nviews;
	memset(l, 0, sizeof *l);
	l->m = widget_margin_for(cols);
	l->w = cols - 2 * l->m;
	plan_note(it, cols, note, l);
	plan_text(it, h, cols, rows, l);
	l->head_gap = 1;
	for (int v = 0; v < n; v++)
		l->view_rows[v] = widget_wrap_rows(it->views[v], l->text_w - 2);
	l->gap = 1;
	l->list = true;
	/* Said when it is not plain: without a headcount or groups, the
	 * percentages can only be of the hands, which the top bar counts. */
	l->info = a->sess->ngroups > 0 || app_people(a, -1) > 0 ||
		  a->sess->pct_of_room;
	l->chart_gap = 1;
	l->swing = tally_rounds(app_tally(a), item) > 1;
	if (a->sess->ngroups > 0) {
		/* Taller on a large screen, so the room sees it too. */
		l->banner = h >= 40 ? 3 : 1;
		l->panel = room_panel_rows(a);
		l->panel_gap = 1;
		l->panel_each = h >= 40 ? 2 : 1;
	}
	/* The note's box: its text and two borders, and a blank above. */
	l->note_box = box > 0 ? box + 2 : 0;
	l->note_gap = box > 0;
	struct item_plan all = *l;
	while (text_rows(l, n) + n > h && give_way(l, n, it->heading, true))
		;
	bool kept = text_rows(l, n) + n <= h;
	if (!kept)
		*l = all;
	while (text_rows(l, n) + n > h && give_way(l, n, it->heading, false))
		;
	/* Right below the heading, unless a blank row is spare. */
	l->note_y = l->note_box ? y + l->head_rows + l->note_gap : 0;
	int above = l->head_rows + l->head_gap + l->note_box + l->note_gap +
		    l->banner + l->chart_gap;
	for (int v = 0; l->list && v < n; v++)
		above += 1 + l->view_rows[v] + (v > 0 ? l->gap : 0);
	place_chart(l, n, y + above, h - text_rows(l, n));
	return kept;
}

void screen_item_plan_note(const struct app *a, int item, int y, int h,
			   int cols, int rows, bool note, struct item_plan *l)
{
	plan_body(a, item, y, h, cols, rows, note, 0, l);
}

/* Whether l shows all that base does, but for blank rows and the bars'
 * thickness. */
static bool keeps_all(const struct item_plan *base, const struct item_plan *l,
		      int n, int h)
{
	if (text_rows(l, n) + n > h || l->head_rows != base->head_rows ||
	    l->head_big != base->head_big || l->list != base->list ||
	    l->panel != base->panel || l->info != base->info ||
	    l->swing != base->swing)
		return false;
	for (int v = 0; v < n; v++)
		if (l->view_rows[v] != base->view_rows[v])
			return false;
	return true;
}

void screen_item_plan_box(const struct app *a, int item, int y, int h, int cols,
			  int rows, struct item_plan *l)
{
	const struct deck_item *it = &a->deck->items[item];
	struct item_plan base;
	plan_body(a, item, y, h, cols, rows, false, 0, &base);
	/* Inside the box: a border and a blank on either side. */
	int want = it->note ? widget_wrap_rows(it->note, base.text_w - 4) : 0;
	/* Over the foot (screen_note_draw), from the chart down, the note
	 * is as wide as the body: what it would show of the note there. */
	int foot = it->note ? widget_wrap_rows(it->note, base.w - 4) : 0;
	if (foot > y + h - base.chart_y - 2)
		foot = y + h - base.chart_y - 2;
	for (int box = want < h ? want : h; box > 0; box--) {
		plan_body(a, item, y, h, cols, rows, false, box, l);
		/* A box that cuts the note short only if the foot would
		 * show no more of it. */
		if (keeps_all(&base, l, it->nviews, h) &&
		    (box == want || box >= foot))
			return;
	}
	*l = base;
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
	bool big;     /* counts in large digits, with the percentage beside */
	bool big_pct; /* ... and the percentage in large digits too */
};

/* The blank between a large count and its large percentage. */
static int pct_gap(int scale)
{
	return 2 * scale;
}

/* The widest count label: large digits and percentage, or "12 (60%)". */
static int count_width(const struct chart_cols *c)
{
	int w = 0;
	for (int v = 0; v < c->n; v++) {
		char lab[48];
		int cw = chart_label(lab, sizeof lab, c->counts[v],
				     c->bars[v].pct);
		if (c->big && c->big_pct)
			cw = big_width(c->nums[v], c->scale) +
			     pct_gap(c->scale) +
			     big_width(c->pcts[v], c->scale);
		else if (c->big)
			cw = big_width(c->nums[v], c->scale) + 1 +
			     (int)strlen(c->pcts[v]);
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
	c->n = app_shares(a, item, tally_rounds(app_tally(a), item) - 1, group,
			  &sh);
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
	int most = c->scale;
	c->big = l->bar_h >= 3;
	/* On a room's screen the percentage is as large as the count. */
	c->big_pct = l->pct_big && big_width("0%", 1) > 0;
	for (;;) {
		c->cntw = count_width(c);
		if (!c->big ||
		    l->w - c->labw - c->cntw - 1 >= (l->w - c->labw) / 2)
			break;
		if (c->scale > 1)
			c->scale--;
		else if (c->big_pct) {
			/* A plain percentage before smaller counts. */
			c->big_pct = false;
			c->scale = most;
		} else
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
	draw_view_marker(mid, l->m, v == a->selected);
	draw_text_clip(mid, l->m + 2, c->labw - 3, role,
		       a->sess->items[item].labels[v]);
	int used = 0, bx = l->m + c->labw;
	for (int r = 0; r < l->bar_h; r++) {
		used = draw_bar(top + r, bx, v, c->bars[v].full,
				c->bars[v].eighths);
		/* The blank after the bar in the view's role, as the gaps of
		 * its digits are: a count key then changes colours only where
		 * the digits do, and curses need not switch to the screen's
		 * own role and back around each single blank. */
		draw_fill(top + r, bx + used, l->m + l->w - bx - used, role);
	}
	/* The count follows the bar, where the eye already is. */
	int x = l->m + c->labw + used + 1;
	int drawn = 0, by = mid - (big_rows(c->scale) - 1) / 2;
	if (c->big)
		drawn = big_draw(by, x, role, c->nums[v], c->scale);
	if (drawn > 0 && c->big_pct) {
		big_draw(by, x + drawn + pct_gap(c->scale), role, c->pcts[v],
			 c->scale);
	} else if (drawn > 0) {
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

/* The heading and the views' texts; returns the row below them. */
static int draw_texts(const struct app *a, int item, int y,
		      const struct item_plan *l)
{
	const struct deck_item *it = &a->deck->items[item];
	int row = y, tx = l->text_x, tw = l->text_w;
	/* The large heading is centred over the centred texts. */
	if (l->head_big)
		row += big_text_draw(row, l->m, l->w, ROLE_HEADING, it->heading,
				     3, true);
	else
		row += widget_wrap(row, tx, tw, l->head_rows, ROLE_HEADING,
				   it->heading, false);
	row += l->note_gap + l->note_box + l->head_gap;
	for (int v = 0; l->list && v < it->nviews; v++) {
		if (v > 0)
			row += l->gap;
		enum role role = (enum role)(ROLE_VIEW1 + v);
		draw_view_marker(row, tx, v == a->selected);
		draw_text(row, tx + 2, tw - 2, role,
			  a->sess->items[item].labels[v]);
		row++;
		row += widget_wrap(row, tx + 2, tw - 2, l->view_rows[v],
				   ROLE_NORMAL, it->views[v], false);
	}
	return row;
}

/*
 * The note beside the item, for the facilitator alone (an audience view
 * shows the room the item): a rule, a dim heading, the text below it.
 */
static void draw_note(const struct deck_item *it, int y, int h,
		      const struct item_plan *l)
{
	if (l->note_w == 0)
		return;
	for (int r = y; r < y + h; r++)
		draw_text(r, l->note_x - 2, 1, ROLE_DIM,
			  draw_ascii() ? "|" : "│");
	draw_text(y, l->note_x, l->note_w, ROLE_DIM, "Note");
	widget_wrap(y + 2, l->note_x, l->note_w, h - 2, ROLE_NORMAL, it->note,
		    false);
}

/*
 * The chart, the groups' split, the swing and the line of hands; the
 * lines below the phones' column (from row past on) run across the
 * whole screen, unless a note's column stands beside them.
 */
static void draw_results(const struct app *a, int item,
			 const struct item_plan *l, int y, int h, bool hints,
			 int past)
{
	draw_chart(a, item, l);
	int below = below_chart(l, y, h) + l->panel_gap;
	below += room_panel(a, item, below, l->m, l->w,
			    l->panel * l->panel_each, l->panel_each);
	int wide = l->note_w ? l->w : term_cols() - 2 * l->m;
	if (l->swing)
		below += room_swing(a, item, below, l->m,
				    below >= past ? wide : l->w);
	if (l->info)
		room_info(a, item, below, l->m, below >= past ? wide : l->w,
			  hints);
}

/*
 * The phones' column beside the item, as wide as the rows allow, while
 * the item keeps all its text beside it: the heading, every view's text
 * whole (a room voting by hand reads them), the groups, the lines of
 * hands and swing; only blank rows, the chart's thickness and large
 * type give way to the code.  Else a smaller code; else none (0), and
 * the URL goes at the foot as text.
 */
static int phones_width(const struct tui *t, int item, int y, int h)
{
	const struct app *a = t->app;
	int cols = term_cols();
	struct item_plan l;
	for (int qw = qr_view_width(t, cols, h); qw > 0;
	     qw = qr_view_width_under(t, cols, h, qw))
		if (plan_body(a, item, y, h, cols - qw, term_rows(),
			      t->followed, 0, &l))
			return qw;
	return 0;
}

/*
 * Without the code, the URL and the phones' counts at the foot: one row,
 * or two when they do not fit side by side and the item loses nothing
 * to the second.  Returns the rows they take from the body's h.
 */
static int phones_foot(const struct tui *t, int item, int y, int h)
{
	if (!qr_view_url(t) || h <= 6)
		return 0;
	int rows = qr_view_foot_rows(t, item, term_cols());
	if (rows > 1) {
		const struct app *a = t->app;
		struct item_plan one, two;
		screen_item_plan_note(a, item, y, h - 1, term_cols(),
				      term_rows(), t->followed, &one);
		screen_item_plan_note(a, item, y, h - 2, term_cols(),
				      term_rows(), t->followed, &two);
		if (!keeps_all(&one, &two, a->deck->items[item].nviews, h - 2))
			rows = 1;
	}
	qr_view_foot(t, item, y + h - rows, rows, 0, term_cols());
	return rows;
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	int item = app_item(a);
	struct item_plan l;
	/* A room's screen by the terminal's size, not the body's: a band
	 * below the item (a timer) does not turn its large type off. */
	int qw = phones_width(t, item, y, h);
	if (!qw)
		h -= phones_foot(t, item, y, h);
	screen_item_plan_note(a, item, y, h, term_cols() - qw, term_rows(),
			      t->followed, &l);
	/* The note asked for, when no column beside the item shows it. */
	bool note = a->note && !t->audience && l.note_w == 0 &&
		    a->deck->items[item].note != NULL;
	if (note)
		screen_item_plan_box(a, item, y, h, term_cols() - qw,
				     term_rows(), &l);
	int past = y;
	if (qw)
		past = qr_view_draw(t, item, y, h, term_cols() - qw + 1,
				    qw - 2);
	draw_note(&a->deck->items[item], y, h, &l);
	int row = draw_texts(a, item, y, &l);
	if (l.banner)
		room_banner(a, row, l.m, l.w, l.banner, !t->audience);
	if (a->sess->hidden)
		/* The room sees that counting goes on, not how it goes. */
		widget_wrap(l.chart_y + (l.chart_rows - 1) / 2, l.m, l.w, 1,
			    ROLE_DIM, "Results are hidden from the room", true);
	else
		draw_results(a, item, &l, y, h, !t->audience, past);
	if (note)
		screen_note_draw(t, &l, l.chart_y, y + h - l.chart_y);
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
