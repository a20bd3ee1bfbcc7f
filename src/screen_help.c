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

void screen_help_draw(const struct app *a, int y, int h)
{
	(void)a;
	const struct key_binding *rows[64];
	int n = help_rows(rows, 64);
	int namew = 0, helpw = 0;
	for (int i = 0; i < n; i++) {
		int nw = text_width(rows[i]->name), hw = text_width(rows[i]->help);
		namew = nw > namew ? nw : namew;
		helpw = hw > helpw ? hw : helpw;
	}
	int colw = namew + 2 + helpw;
	/* One column if it fits, else two side by side. */
	int cols = n + 5 <= h ? 1 : 2;
	int per = (n + cols - 1) / cols;
	int bw = cols * colw + (cols - 1) * 3 + 4, bh = per + 5;
	if (bw > ui_cols())
		bw = ui_cols();
	if (bh > h)
		bh = h;
	int bx = (ui_cols() - bw) / 2, by = y + (h - bh) / 2;
	ui_box(by, bx, bh, bw, ROLE_KEY);
	ui_text_centre(by, bx, bw, ROLE_KEY, " Keys ");
	int inner = bw - 4;
	int cw = cols == 1 ? inner : (inner - 3) / 2;
	for (int i = 0; i < n; i++) {
		int c = i / per, r = i % per;
		int x = bx + 2 + c * (cw + 3), row = by + 1 + r;
		if (row >= by + bh - 3)
			continue;
		ui_text(row, x, namew, ROLE_KEY, rows[i]->name);
		ui_text_clip(row, x + namew + 2, cw - namew - 2, ROLE_NORMAL,
			     rows[i]->help);
	}
	ui_text_clip(by + bh - 3, bx + 2, inner, ROLE_DIM,
		     "Typing a count: 0-9, Bksp, Enter sets, Esc cancels");
	ui_text_clip(by + bh - 2, bx + 2, inner, ROLE_DIM,
		     "Esc or ? closes this help");
}

bool screen_help_key(struct app *a, enum action act, int arg)
{
	(void)arg;
	a->help = false;
	/* ? and Esc only close the overlay; any other key also acts. */
	return act == ACT_HELP || act == ACT_CANCEL;
}
