/* The closing screen: the deck's closing question and the room's totals. */
#include "tui/screen.h"

#include "app/app.h"
#include "core/deck.h"
#include "core/session.h"

void screen_closing_draw(const struct app *a, int y, int h)
{
	const struct deck *d = a->deck;
	int m = screen_margin(), w = ui_cols() - 2 * m;
	int iw = w > 100 ? 100 : w, ix = (ui_cols() - iw) / 2;
	int nv = 2;
	for (int i = 0; i < a->sess->nitems; i++)
		if (a->sess->items[i].nviews > nv)
			nv = a->sess->items[i].nviews;
	int end = y + h, row = y + 1;
	const char *text = d->closing ? d->closing : "Thank you.";
	int rows = screen_wrap_rows(text, iw);
	if (rows + nv + 4 < h)
		row = y + (h - rows - nv - 4) / 3 + 1;
	row += screen_wrap(row, ix, iw, end - row - nv - 2, ROLE_HEADING, text,
			   false);
	row++;
	if (end - row >= nv + 1) {
		ui_text(row++, m, w, ROLE_DIM, "The room over all items:");
		screen_totals(a, row, end - row);
	}
}

bool screen_closing_key(struct app *a, enum action act, int arg)
{
	(void)a;
	(void)act;
	(void)arg;
	return false;
}
