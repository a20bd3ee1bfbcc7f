/* The help overlay: every key, from the one key table. */
#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* Rows worth listing: the first row of each group in normal mode. */
static int help_rows(const struct key_binding **rows, int cap)
{
	size_t n;
	const struct key_binding *t = keys_table(&n);
	int k = 0;
	for (size_t i = 0; i < n && k < cap; i++)
		if (t[i].mode == KEYMODE_NORMAL && t[i].name)
			rows[k++] = &t[i];
	return k;
}

/* Widest key name and help text among rows[from..to). */
static void widths(const struct key_binding **rows, int from, int to,
		   int *namew, int *helpw)
{
	*namew = *helpw = 0;
	for (int i = from; i < to; i++) {
		int nw = text_width(rows[i]->name),
		    hw = text_width(rows[i]->help);
		*namew = nw > *namew ? nw : *namew;
		*helpw = hw > *helpw ? hw : *helpw;
	}
}

/* Where the box goes and what fits in it. */
struct help_layout {
	const struct key_binding *rows[64];
	int n, per; /* rows, and rows per column */
	int shown;  /* rows shown per column */
	bool cut;   /* some keys did not fit: they are paged */
	int pages;  /* pages of keys, 1 when they all fit */
	int foot;   /* rows of advice below the keys */
	int namew[2], helpw[2];
	int bx, by, bw, bh;
};

/* Two columns when one is too tall and two are not too wide. */
static void columns(struct help_layout *l, int h)
{
	widths(l->rows, 0, l->n, &l->namew[0], &l->helpw[0]);
	l->per = l->n;
	l->bw = 4 + l->namew[0] + 2 + l->helpw[0];
	if (l->n + 5 <= h)
		return;
	int half = (l->n + 1) / 2, nw[2], hw[2];
	widths(l->rows, 0, half, &nw[0], &hw[0]);
	widths(l->rows, half, l->n, &nw[1], &hw[1]);
	int w2 = 4 + nw[0] + 2 + hw[0] + 3 + nw[1] + 2 + hw[1];
	if (w2 > term_cols())
		return;
	l->per = half;
	l->bw = w2;
	for (int c = 0; c < 2; c++) {
		l->namew[c] = nw[c];
		l->helpw[c] = hw[c];
	}
}

static void help_layout(struct help_layout *l, int y, int h)
{
	l->n = help_rows(l->rows, 64);
	columns(l, h);
	/* Rows for keys: the box also holds two lines of text, a blank line
	 * and its borders; a line says when keys had to be left out. */
	l->shown = l->per;
	l->cut = l->per > h - 5;
	/* Short of room, keys matter more than the two lines of advice. */
	l->foot = l->cut ? 0 : 3;
	if (l->cut)
		l->shown = h - 3;
	if (l->shown < 0)
		l->shown = 0;
	l->pages =
		l->cut && l->shown > 0 ? (l->per + l->shown - 1) / l->shown : 1;
	l->bh = l->shown + (l->cut ? 1 : 0) + l->foot + 2;
	if (l->bw < 56)
		l->bw = 56;
	if (l->bw > term_cols())
		l->bw = term_cols();
	if (l->bh > h)
		l->bh = h;
	l->bx = (term_cols() - l->bw) / 2;
	l->by = y + (h - l->bh) / 2;
}

int screen_help_pages(int h)
{
	struct help_layout l;
	help_layout(&l, 0, h);
	return l.pages;
}

/* The last row of a cut help: what ? does next, and the page. */
static void draw_more(const struct help_layout *l, int page)
{
	char line[64];
	if (page + 1 < l->pages)
		snprintf(line, sizeof line, "? more keys %d/%d  Esc closes",
			 page + 1, l->pages);
	else
		snprintf(line, sizeof line, "? or Esc closes  %d/%d", page + 1,
			 l->pages);
	draw_text_clip(l->by + 1 + l->shown, l->bx + 2, l->bw - 4, ROLE_WARNING,
		       line);
}

void screen_help_draw(const struct tui *t, int y, int h)
{
	struct help_layout l;
	help_layout(&l, y, h);
	/* A resize may leave fewer pages than the one shown. */
	int page = t->help_page < l.pages ? t->help_page : l.pages - 1;
	int first = page * l.shown;
	/* A page's keys only as wide as its own: more room for what they
	 * do, in a box as narrow as a small terminal. */
	for (int c = 0; l.cut && c * l.per < l.n && c < 2; c++) {
		int from = c * l.per + first, to = from + l.shown, w;
		if (to > (c + 1) * l.per)
			to = (c + 1) * l.per;
		widths(l.rows, from, to < l.n ? to : l.n, &l.namew[c], &w);
	}
	/* A blank margin, so the screen below does not run into the box. */
	for (int r = l.by - 1; r <= l.by + l.bh; r++)
		if (r >= y && r < y + h)
			draw_fill(r, l.bx - 1, l.bw + 2, ROLE_NORMAL);
	draw_box(l.by, l.bx, l.bh, l.bw, ROLE_KEY);
	draw_text_centre(l.by, l.bx, l.bw, ROLE_KEY, " Keys ");
	int inner = l.bw - 4, right = l.bx + l.bw - 2;
	for (int i = 0; i < l.n; i++) {
		int c = i / l.per, r = i % l.per - first;
		if (r < 0 || r >= l.shown)
			continue;
		int x = l.bx + 2 + (c ? l.namew[0] + 2 + l.helpw[0] + 3 : 0);
		draw_text_clip(l.by + 1 + r, x, right - x, ROLE_KEY,
			       l.rows[i]->name);
		int hx = x + l.namew[c] + 2;
		if (hx < right)
			draw_text_clip(l.by + 1 + r, hx, right - hx,
				       ROLE_NORMAL, l.rows[i]->help);
	}
	if (l.cut) {
		draw_more(&l, page);
		return;
	}
	draw_text_clip(l.by + l.bh - 3, l.bx + 2, inner, ROLE_DIM,
		       "Typing a count: 0-9, Bksp, Enter sets, Esc cancels");
	draw_text_clip(l.by + l.bh - 2, l.bx + 2, inner, ROLE_DIM,
		       "Esc or ? closes this help");
}
