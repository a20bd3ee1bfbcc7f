#include "tui/room.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "core/chart.h"
#include "core/divide.h"
#include "core/session.h"
#include "core/tally.h"
#include "tui/draw.h"

void room_banner(const struct app *a, int y, int x, int w, int rows, bool keys)
{
	const struct session *s = a->sess;
	char line[200];
	snprintf(line, sizeof line, " %s COUNTING: %s ", draw_marker(),
		 session_group_name(s, s->active));
	for (int r = 0; r < rows; r++)
		draw_fill(y + r, x, w, ROLE_GROUP);
	y += (rows - 1) / 2;
	int used = draw_text_clip(y, x, w, ROLE_GROUP, line);
	char where[48];
	int n = snprintf(where, sizeof where, "group %d of %d%s ",
			 s->active + 1, s->ngroups, keys ? ", g next" : "");
	if (used + n + 1 <= w)
		draw_text(y, x + w - n, n, ROLE_GROUP, where);
}

int room_panel_rows(const struct app *a)
{
	return a->sess->ngroups > 0 ? a->sess->ngroups + 1 : 0;
}

/*
 * The widest group name, for the column of names: up to a quarter of the
 * width, or more on a narrow screen while six cells of bar are left.
 */
static int name_width(const struct app *a, int item, int w)
{
	int nw = 4; /* "Room" */
	for (int g = 0; g < a->sess->ngroups; g++) {
		int gw = text_width(session_group_name(a->sess, g));
		nw = gw > nw ? gw : nw;
	}
	int room = w - (5 * a->sess->items[item].nviews + 6) - 3 - 6;
	int cap = room > w / 4 ? room : w / 4;
	return nw < cap ? nw : cap;
}

/* One split bar: the group's (or the room's, group -1) views in a row,
 * then each view's share in its own colour and the hands raised. */
static void split_row(const struct app *a, int item, int group, int y, int x,
		      int w, int rows, int nw, int hw)
{
	struct app_shares sh;
	int n = app_shares(a, item, tally_rounds(app_tally(a), item) - 1, group,
			   &sh);
	int mid = y + (rows - 1) / 2;
	if (group == a->sess->active && a->sess->ngroups > 0)
		draw_text(mid, x, 2, ROLE_SELECTED, draw_marker());
	draw_text_clip(mid, x + 2, nw, group < 0 ? ROLE_HEADING : ROLE_NORMAL,
		       group < 0 ? "Room" : session_group_name(a->sess, group));
	int tw = 5 * n + 1 + hw, bx = x + 2 + nw + 1;
	int bw = w - (bx - x) - tw - 1;
	if (bw < 4)
		bw = 4;
	long units[TALLY_MAX_VIEWS + 1];
	int cells[TALLY_MAX_VIEWS + 1];
	memcpy(units, sh.counts, sizeof sh.counts);
	units[n] = sh.of_room ? sh.none : 0;
	chart_split(units, n + 1, bw, cells);
	for (int r = 0; r < rows; r++)
		for (int v = 0, cx = bx; v < n; v++)
			cx += draw_bar(y + r, cx, v, cells[v], 0);
	/* Cut short, "not counted yet" would read as something else. */
	if (sh.hands == 0)
		draw_text(mid, bx, bw, ROLE_DIM,
			  bw >= 15 ? "not counted yet" : "-");
	int tx = bx + bw + 1;
	for (int v = 0; v < n; v++) {
		char pct[8];
		/* No hands, no shares: a 0% would read as "nobody chose it". */
		if (sh.hands == 0)
			snprintf(pct, sizeof pct, "    -");
		else
			snprintf(pct, sizeof pct, "%4d%%", sh.pct[v]);
		draw_text(mid, tx + 5 * v, 5, (enum role)(ROLE_VIEW1 + v), pct);
	}
	char hands[24];
	snprintf(hands, sizeof hands, " %*ld", hw, sh.hands);
	draw_text(mid, tx + 5 * n, hw + 1, ROLE_NORMAL, hands);
}

/*
 * "+2 groups" in the column of names: the groups that no row shows, on
 * a row of its own, or (with only the active group's row and the room's)
 * beside "Room" as "+2", where it fits.
 */
static void hidden_mark(int hidden, int y, int x, int nw, int rows, bool beside)
{
	char line[40];
	if (beside)
		snprintf(line, sizeof line, "+%d", hidden);
	else
		snprintf(line, sizeof line, "+%d group%s", hidden,
			 hidden == 1 ? "" : "s");
	int off = beside ? 5 : 0, lw = (int)strlen(line);
	if (beside && off + lw > nw)
		return;
	draw_text_clip(y + (rows - 1) / 2, x + 2 + off, nw - off, ROLE_DIM,
		       line);
}

int room_panel(const struct app *a, int item, int y, int x, int w, int rows,
	       int rows_each)
{
	const struct session *s = a->sess;
	int nw = name_width(a, item, w), used = 0;
	/* The room has the most hands: its count sets the column, so no
	 * group's count is ever cut. */
	int hw = 5;
	for (long h = tally_item_total(app_tally(a), item); h >= 100000;
	     h /= 10)
		hw++;
	if (rows_each < 1)
		rows_each = 1;
	/* The active group and the room always; the others while they
	 * fit, and when some do not, a row that says how many. */
	int spare = rows / rows_each - 2;
	int hidden = s->ngroups - 1 - (spare > 0 ? spare : 0);
	bool row = hidden > 0 && spare > 0;
	if (row)
		hidden = s->ngroups - 1 - --spare;
	for (int g = 0; g < s->ngroups && used + 2 * rows_each <= rows; g++) {
		if (g != s->active && spare-- <= 0)
			continue;
		split_row(a, item, g, y + used, x, w, rows_each, nw, hw);
		used += rows_each;
	}
	if (row) {
		hidden_mark(hidden, y + used, x, nw, rows_each, false);
		used += rows_each;
	}
	if (used + rows_each <= rows) {
		split_row(a, item, -1, y + used, x, w, rows_each, nw, hw);
		if (hidden > 0 && !row)
			hidden_mark(hidden, y + used, x, nw, rows_each, true);
		used += rows_each;
	}
	return used;
}

void room_info(const struct app *a, int item, int y, int x, int w, bool keys)
{
	struct app_shares sh;
	app_shares(a, item, tally_rounds(app_tally(a), item) - 1, -1, &sh);
	char line[240];
	enum role role = ROLE_DIM;
	/* With phones, a count is a vote, by hand or by phone. */
	bool votes = a->sess->ballots != NULL;
	const char *unit = votes ? "vote" : "hand";
	if (sh.people > 0 && sh.none < 0) {
		snprintf(line, sizeof line, "%ld %ss but only %ld people%s",
			 sh.hands, unit, sh.people,
			 keys ? ": check the count or the headcount (p)" : "");
		role = ROLE_WARNING;
	} else if (sh.people > 0) {
		snprintf(line, sizeof line,
			 "%ld of %ld people %s, %ld %s; %% of %s", sh.hands,
			 sh.people, votes ? "voted" : "raised a hand", sh.none,
			 votes ? "did not" : "raised none",
			 sh.of_room ? "everyone in the room"
			 : votes    ? "the votes"
				    : "the hands");
	} else {
		snprintf(line, sizeof line, "%ld %s%s; %% of the %s%s",
			 sh.hands, unit, sh.hands == 1 ? "" : "s",
			 votes ? "votes" : "hands raised",
			 keys ? " (p: headcount)" : "");
	}
	draw_text_clip(y, x, w, role, line);
}

int room_swing(const struct app *a, int item, int y, int x, int w)
{
	int rounds = tally_rounds(app_tally(a), item);
	if (rounds < 2)
		return 0;
	struct swing sw;
	divide_item_swing(app_tally(a), item, &sw);
	char line[240];
	size_t k = (size_t)snprintf(line, sizeof line, "Round %d: ", rounds);
	if (!sw.known) {
		snprintf(line + k, sizeof line - k,
			 "count again; the swing from round %d shows here",
			 rounds - 1);
	} else {
		const struct session_item *it = &a->sess->items[item];
		for (int v = 0; v < it->nviews && k < sizeof line; v++)
			k += (size_t)snprintf(line + k, sizeof line - k,
					      "%s%s %+d", v ? ", " : "",
					      it->labels[v], sw.points[v]);
		if (k < sizeof line)
			snprintf(line + k, sizeof line - k,
				 " points; at least %lld changed their minds",
				 (long long)sw.changed);
	}
	draw_text_clip(y, x, w, ROLE_KEY, line);
	return 1;
}

/*
 * Group g's shares of its hands on the item's current round: the divide
 * is measured on these, whatever base the screen's percentages use.
 */
static void hand_shares(const struct app *a, int item, int g, int *pct)
{
	struct app_shares sh;
	app_shares(a, item, tally_rounds(app_tally(a), item) - 1, g, &sh);
	tally_percent(sh.counts, sh.n, pct);
}

/* The view with the largest share (the first of equal ones). */
static int top_view(const int *pct, int n)
{
	int best = 0;
	for (int v = 1; v < n; v++)
		best = pct[v] > pct[best] ? v : best;
	return best;
}

/*
 * name cut to width columns, a full stop marking the cut: "Sales Op."
 * (ASCII, whatever the terminal).
 */
static const char *short_name(const char *name, int width, char *buf,
			      size_t cap)
{
	if (text_width(name) <= width)
		return name;
	size_t keep = text_fit(name, width - 1, NULL);
	while (keep > 0 && name[keep - 1] == ' ')
		keep--;
	snprintf(buf, cap, "%.*s.", (int)keep, name);
	return buf;
}

/* The first letter of each of name's words: "Sales Operations", "SO". */
static const char *initials(const char *name, char *buf, size_t cap)
{
	size_t n = 0;
	for (const char *p = name; *p && n + 5 < cap;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		/* The whole of a letter that UTF-8 writes in several bytes. */
		size_t k = 1;
		while (((unsigned char)p[k] & 0xC0) == 0x80)
			k++;
		memcpy(buf + n, p, k);
		n += k;
		p += strcspn(p, " ");
	}
	buf[n] = '\0';
	return buf;
}

/* The narrowest a shortened group name may be and still tell. */
#define NAME_MIN 8

void room_pair_text(const struct app *a, int item, const struct divide *d,
		    int width, char *buf, size_t cap)
{
	int n = a->sess->items[item].nviews;
	int pa[TALLY_MAX_VIEWS], pb[TALLY_MAX_VIEWS];
	hand_shares(a, item, d->a, pa);
	hand_shares(a, item, d->b, pb);
	/* Two views: both sides by View 1's share, whose gap this is. */
	int va = n > 2 ? top_view(pa, n) : 0, vb = n > 2 ? top_view(pb, n) : 0;
	char *const *labels = a->sess->items[item].labels;
	const char *na = session_group_name(a->sess, d->a);
	const char *nb = session_group_name(a->sess, d->b);
	char pts[40];
	snprintf(pts, sizeof pts, ": %d point%s apart", d->gap,
		 d->gap == 1 ? "" : "s");
	snprintf(buf, cap, "%s %d%% %s, %s %d%% %s%s", na, pa[va], labels[va],
		 nb, pb[vb], labels[vb], pts);
	if (width <= 0 || text_width(buf) <= width)
		return;
	/* Too wide: the points go first, for the caller shows them beside
	 * it, then the names are shortened alike, the figures never. */
	snprintf(buf, cap, "%d%% %s, %d%% %s", pa[va], labels[va], pb[vb],
		 labels[vb]);
	int room = width - text_width(buf) - 2, wa = text_width(na),
	    wb = text_width(nb);
	if (wa + wb > room && room >= 2 * NAME_MIN) {
		int half = room / 2;
		if (wa <= half)
			wb = room - wa;
		else if (wb <= half)
			wa = room - wb;
		else
			wa = half, wb = room - half;
	}
	char sa[128], sb[128];
	const char *ta = short_name(na, wa, sa, sizeof sa);
	const char *tb = short_name(nb, wb, sb, sizeof sb);
	/* Narrower still, or cut alike ("Sales." and "Sales.") so that they
	 * tell nothing: their words' initials, "SO" and "SL". */
	bool narrow =
		text_width(na) + text_width(nb) > room && room < 2 * NAME_MIN;
	if (narrow || (strcmp(ta, tb) == 0 && strcmp(na, nb) != 0)) {
		ta = initials(na, sa, sizeof sa);
		tb = initials(nb, sb, sizeof sb);
	}
	snprintf(buf, cap, "%s %d%% %s, %s %d%% %s", ta, pa[va], labels[va], tb,
		 pb[vb], labels[vb]);
}
