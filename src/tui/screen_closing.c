/* The closing screen: the deck's closing question and the room's totals. */
#include "tui/screen.h"

#include "app/app.h"
#include "core/deck.h"
#include "tui/term.h"
#include "tui/widgets.h"

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	const struct deck *d = a->deck;
	int m = widget_margin(), w = term_cols() - 2 * m;
	int iw = w > 100 ? 100 : w, ix = (term_cols() - iw) / 2;
	int nv = app_max_views(a);
	int end = y + h, row = y + 1;
	const char *text = d->closing ? d->closing : "Thank you.";
	int rows = widget_wrap_rows(text, iw);
	if (rows + nv + 4 < h)
		row = y + (h - rows - nv - 4) / 3 + 1;
	row += widget_wrap(row, ix, iw, end - row - nv - 2, ROLE_HEADING, text,
			   false);
	row++;
	if (end - row >= nv + 1) {
		draw_text(row++, m, w, ROLE_DIM, "The room over all items:");
		widget_totals(a, row, end - row);
	}
}

const struct screen screen_closing = {
	draw,
	NULL, /* no keys of its own */
	"? help  e export  Left back  s summary  q quit",
};
