/* The title screen: the deck's title, source and intro, and how to begin. */
#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/session.h"
#include "core/deck.h"
#include "tui/term.h"
#include "tui/widgets.h"

static void draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	const struct deck *d = a->deck;
	int m = widget_margin(), w = term_cols() - 2 * m;
	/* Long lines are hard to follow on a projector: keep the intro narrow. */
	int iw = w > 100 ? 100 : w, ix = (term_cols() - iw) / 2;
	int need = widget_wrap_rows(d->title, w) + 1 +
		   (d->subtitle ? widget_wrap_rows(d->subtitle, w) : 0) +
		   (d->source ? widget_wrap_rows(d->source, w) : 0) + 1 +
		   (a->sess->ngroups > 0 ? 2 : 0) +
		   (d->intro ? widget_wrap_rows(d->intro, iw) : 0) + 2;
	int row = y + (need < h ? (h - need) / 3 : 0), end = y + h;
	row += widget_wrap(row, m, w, 3, ROLE_TITLE, d->title, true);
	row++;
	if (d->subtitle)
		row += widget_wrap(row, m, w, 3, ROLE_HEADING, d->subtitle,
				   true);
	if (d->source)
		row += widget_wrap(row, m, w, 3, ROLE_DIM, d->source, true);
	/* The session's groups: the deck's, or --groups'. */
	if (a->sess->ngroups > 0 && end - row > 3) {
		char line[512] = "In the room: ";
		for (int g = 0; g < a->sess->ngroups; g++) {
			size_t len = strlen(line);
			snprintf(line + len, sizeof line - len, "%s%s",
				 g ? ", " : "", a->sess->groups[g]);
		}
		row += widget_wrap(row, m, w, 2, ROLE_DIM, line, true);
	}
	row++;
	if (d->intro && end - row > 2)
		row += widget_wrap(row, ix, iw, end - row - 2, ROLE_NORMAL,
				   d->intro, false);
	if (end - row >= 2)
		draw_text_centre(end - 1, m, w, ROLE_KEY,
				 "Press Right, PageDown or Space to begin");
}

const struct screen screen_title = {
	draw,
	NULL, /* no keys of its own */
	"? help  Right/PgDn/Space begin  q quit",
};
