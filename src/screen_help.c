/* The help overlay: every key, from the one key table. */
#include "screen.h"

#include <string.h>

#include "app.h"
#include "text.h"

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
		int nw = text_width(rows[i]->name), hw = text_width(rows[i]->help);
		*namew = nw > *namew ? nw : *namew;
		*helpw = hw > *helpw ? hw : *helpw;
	}
}

void screen_help_draw(const struct app *a, int y, int h)
{
	(void)a;
	const struct key_binding *rows[64];
	int n = help_rows(rows, 64);
	/* One column if it fits, else two side by side. */
	int cols = n + 5 <= h ? 1 : 2;
	int per = (n + cols - 1) / cols;
	int namew[2], helpw[2], bw = 4 + (cols - 1) * 3;
	for (int c = 0; c < cols; c++) {
		int to = (c + 1) * per < n ? (c + 1) * per : n;
		widths(rows, c * per, to, &namew[c], &helpw[c]);
		bw += namew[c] + 2 + helpw[c];
	}
	int bh = per + 5;
	if (bw < 56)
		bw = 56;
	if (bw > ui_cols())
		bw = ui_cols();
	if (bh > h)
		bh = h;
	int bx = (ui_cols() - bw) / 2, by = y + (h - bh) / 2;
	/* A blank margin, so the screen below does not run into the box. */
	for (int r = by - 1; r <= by + bh; r++)
		if (r >= y && r < y + h)
			ui_fill(r, bx - 1, bw + 2, ROLE_NORMAL);
	ui_box(by, bx, bh, bw, ROLE_KEY);
	ui_text_centre(by, bx, bw, ROLE_KEY, " Keys ");
	int inner = bw - 4;
	for (int i = 0; i < n; i++) {
		int c = i / per, r = i % per, row = by + 1 + r;
		int x = bx + 2 + (c ? namew[0] + 2 + helpw[0] + 3 : 0);
		int cw = c ? bx + bw - 2 - x : namew[0] + 2 + helpw[0];
		if (row >= by + bh - 3) {
			/* Say that keys are missing rather than hide them. */
			ui_text_clip(by + bh - 4, bx + 2, inner, ROLE_WARNING,
				     "More keys: enlarge the terminal");
			continue;
		}
		ui_text(row, x, namew[c], ROLE_KEY, rows[i]->name);
		ui_text_clip(row, x + namew[c] + 2, cw - namew[c] - 2,
			     ROLE_NORMAL, rows[i]->help);
	}
	ui_text_clip(by + bh - 3, bx + 2, inner, ROLE_DIM,
		     "Typing a count: 0-9, Bksp, Enter sets, Esc cancels");
	ui_text_clip(by + bh - 2, bx + 2, inner, ROLE_DIM,
		     "Esc or ? closes this help");
}
