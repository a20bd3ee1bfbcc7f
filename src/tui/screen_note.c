/*
 * The note overlay: the item's prompt for the facilitator, shown only
 * when asked for (i), over the views' texts and never over the chart,
 * which the room keeps reading; i again or another screen hides it.
 */
#include "tui/screen.h"

#include <stdio.h>

#include "app/app.h"
#include "core/deck.h"
#include "tui/term.h"
#include "tui/widgets.h"

void screen_note_draw(const struct tui *t, int y, int h)
{
	const struct app *a = t->app;
	int item = app_item(a);
	if (item < 0 || a->deck->items[item].note == NULL)
		return;
	const char *note = a->deck->items[item].note;
	int m = widget_margin(), w = term_cols() - 2 * m;
	if (w < 10)
		return;
	/* Between the heading's first row and the chart, never over it;
	 * below a heading in large type, which a box would cut in two. */
	struct item_plan l;
	screen_item_plan(a, item, y, h, term_cols(), &l);
	int by = y + (l.head_big ? l.head_rows : 1), below = l.chart_y - 1;
	int rows = widget_wrap_rows(note, w - 4);
	if (rows > below - by - 2)
		rows = below - by - 2;
	if (rows < 1) {
		/* No room for a box: one line over the heading. */
		draw_fill(y, 0, term_cols(), ROLE_NORMAL);
		char line[300];
		snprintf(line, sizeof line, "Note: %s", note);
		for (char *p = line; *p; p++)
			if (*p == '\n')
				*p = ' ';
		draw_text_clip(y, m, w, ROLE_KEY, line);
		return;
	}
	int bh = rows + 2;
	for (int r = by; r <= by + bh && r < below; r++)
		draw_fill(r, m - 1, w + 2, ROLE_NORMAL);
	draw_box(by, m, bh, w, ROLE_DIM);
	draw_text(by, m + 2, w - 4, ROLE_DIM, " Note (i hides it) ");
	widget_wrap(by + 1, m + 2, w - 4, rows, ROLE_NORMAL, note, false);
}
