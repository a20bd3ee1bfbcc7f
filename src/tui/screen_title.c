/* The title screen: the deck's title, source and intro, and how to begin. */
#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/session.h"
#include "core/deck.h"
#include "tui/big.h"
#include "tui/qr_view.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* Where the title screen's parts go. */
struct title_plan {
	int m, w;	/* margin and width of the centred lines */
	int ix, iw;	/* the intro's column and measure */
	int title, sub; /* rows of the title and subtitle */
	bool title_big, sub_big;
	int gap;    /* blank rows between the parts */
	int groups; /* rows of the room's groups, at most 3 */
	int top;    /* the first row */
};

/* "In the room: A, B, C": the session's groups, the deck's or --groups'. */
static void groups_line(const struct session *s, char *line, size_t cap)
{
	snprintf(line, cap, "In the room: ");
	for (int g = 0; g < s->ngroups; g++) {
		size_t len = strlen(line);
		snprintf(line + len, cap - len, "%s%s", g ? ", " : "",
			 s->groups[g]);
	}
}

/* The rows of s in large type when it may be, else in normal type. */
static int text_rows(const char *s, int w, int lines, bool large, bool *big)
{
	int rows = large && s ? big_text_rows(s, w, lines) : 0;
	*big = rows > 0;
	return rows > 0 ? rows : s ? widget_wrap_rows(s, w) : 0;
}

static void plan(const struct app *a, int y, int h, int cols,
		 struct title_plan *p)
{
	const struct deck *d = a->deck;
	bool large = widget_large();
	p->m = widget_margin();
	p->w = cols - 2 * p->m;
	/* Long lines are hard to follow on a projector: keep the intro
	 * narrow. */
	p->iw = large ? widget_measure(p->w, true) : p->w > 100 ? 100 : p->w;
	p->ix = (cols - p->iw) / 2;
	p->title = text_rows(d->title, p->w, 3, large, &p->title_big);
	p->sub = text_rows(d->subtitle, p->w, h >= 44 ? 3 : 2, large,
			   &p->sub_big);
	char line[512];
	groups_line(a->sess, line, sizeof line);
	p->groups = a->sess->ngroups > 0 ? widget_wrap_rows(line, p->w) : 0;
	p->groups = p->groups < 3 ? p->groups : 3;
	int rest = (d->source ? widget_wrap_rows(d->source, p->w) : 0) +
		   p->groups +
		   (d->intro ? widget_wrap_rows(d->intro, p->iw) : 0) + 2;
	/* A room's screen spaces the parts out; a small one keeps them
	 * close, as they always were. */
	p->gap = large ? 2 : 1;
	int need = p->title + p->sub + p->sub_big + rest + 2 * p->gap;
	/* A large subtitle only with air to spare, a large title while
	 * it fits. */
	if (need > h - 6 && p->sub_big)
		p->sub = text_rows(d->subtitle, p->w, 0, false, &p->sub_big);
	if (need > h && p->title_big)
		p->title = text_rows(d->title, p->w, 0, false, &p->title_big);
	need = p->title + p->sub + p->sub_big + rest + 2 * p->gap;
	/* Then the blank rows go, before any line of text. */
	for (; need > h && p->gap > 0; p->gap--)
		need -= 2;
	p->top = y + (need < h ? (h - need) / 3 : 0);
}

/* The title, or the subtitle, in large type or normal. */
static int draw_part(int row, const struct title_plan *p, bool big, int rows,
		     enum role role, const char *s)
{
	if (big)
		return big_text_draw(row, p->m, p->w, role, s, 3, true);
	return widget_wrap(row, p->m, p->w, rows < 3 ? 3 : rows, role, s, true);
}

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	const struct deck *d = a->deck;
	struct title_plan p;
	/* While phones vote, their code and address stand at the right. */
	int qw = qr_view_width(t, term_cols(), h);
	/* Too small a screen for the code: its address at least, on the
	 * last row, before any other text. */
	if (!qw && qr_view_url(t) && h > 4) {
		h--;
		draw_text_centre(y + h, 0, term_cols(), ROLE_NORMAL,
				 qr_view_url(t));
	}
	plan(a, y, h, term_cols() - qw, &p);
	if (qw)
		qr_view_draw(t, -1, y, h, term_cols() - qw + 1, qw - 2);
	int row = p.top, end = y + h, m = p.m, w = p.w;
	row += draw_part(row, &p, p.title_big, 3, ROLE_TITLE, d->title);
	row += p.gap;
	if (d->subtitle)
		row += draw_part(row, &p, p.sub_big, 3, ROLE_HEADING,
				 d->subtitle);
	if (d->subtitle && p.sub_big)
		row++;
	if (d->source)
		row += widget_wrap(row, m, w, 3, ROLE_DIM, d->source, true);
	if (p.groups > 0 && end - row > 3) {
		char line[512];
		groups_line(a->sess, line, sizeof line);
		row += widget_wrap(row, m, w, p.groups, ROLE_DIM, line, true);
	}
	row += p.gap;
	if (d->intro && end - row > 2)
		row += widget_wrap(row, p.ix, p.iw, end - row - 2, ROLE_NORMAL,
				   d->intro, false);
	/* The room is not the one to press it. */
	if (end - row >= 2 && !t->audience)
		draw_text_centre(end - 1, m, w, ROLE_KEY,
				 "Press Right, PageDown or Space to begin");
}

const struct screen screen_title = {
	draw,
	NULL, /* no keys of its own */
	"? help  Right/PgDn/Space begin  q quit",
};
