/* The help overlay: every key, from the one key table. */
#include "tui/screen.h"

#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "tui/draw.h"
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

void screen_help_draw(const struct tui *t, int y, int h)
{
	(void)t;
	const struct key_binding *rows[64];
	int n = help_rows(rows, 64), per = n;
	int namew[2], helpw[2];
	widths(rows, 0, n, &namew[0], &helpw[0]);
	int bw = 4 + namew[0] + 2 + helpw[0];
	/* Two columns when one is too tall and two are not too wide. */
	if (n + 5 > h) {
		int half = (n + 1) / 2, nw[2], hw[2];
		widths(rows, 0, half, &nw[0], &hw[0]);
		widths(rows, half, n, &nw[1], &hw[1]);
		int w2 = 4 + nw[0] + 2 + hw[0] + 3 + nw[1] + 2 + hw[1];
		if (w2 <= term_cols()) {
			per = half;
			bw = w2;
			for (int c = 0; c < 2; c++) {
				namew[c] = nw[c];
				helpw[c] = hw[c];
			}
		}
	}
	/* Rows for keys: the box also holds two lines of text, a blank line
	 * and its borders; a line says when keys had to be left out. */
	int room = h - 5, shown = per;
	bool cut = per > room;
	/* Short of room, keys matter more than the two lines of advice. */
	int foot = cut ? 0 : 3;
	if (cut)
		shown = h - 3;
	if (shown < 0)
		shown = 0;
	int bh = shown + (cut ? 1 : 0) + foot + 2;
	if (bw < 56)
		bw = 56;
	if (bw > term_cols())
		bw = term_cols();
	if (bh > h)
		bh = h;
	int bx = (term_cols() - bw) / 2, by = y + (h - bh) / 2;
	/* A blank margin, so the screen below does not run into the box. */
	for (int r = by - 1; r <= by + bh; r++)
		if (r >= y && r < y + h)
			draw_fill(r, bx - 1, bw + 2, ROLE_NORMAL);
	draw_box(by, bx, bh, bw, ROLE_KEY);
	draw_text_centre(by, bx, bw, ROLE_KEY, " Keys ");
	int inner = bw - 4;
	for (int i = 0; i < n; i++) {
		int c = i / per, r = i % per;
		if (r >= shown)
			continue;
		int x = bx + 2 + (c ? namew[0] + 2 + helpw[0] + 3 : 0);
		int right = bx + bw - 2;
		draw_text_clip(by + 1 + r, x, right - x, ROLE_KEY, rows[i]->name);
		int hx = x + namew[c] + 2;
		if (hx < right)
			draw_text_clip(by + 1 + r, hx, right - hx, ROLE_NORMAL,
				     rows[i]->help);
	}
	if (cut) {
		draw_text_clip(by + 1 + shown, bx + 2, inner, ROLE_WARNING,
			     "More keys: enlarge the terminal");
		return;
	}
	draw_text_clip(by + bh - 3, bx + 2, inner, ROLE_DIM,
		     "Typing a count: 0-9, Bksp, Enter sets, Esc cancels");
	draw_text_clip(by + bh - 2, bx + 2, inner, ROLE_DIM,
		     "Esc or ? closes this help");
}
