/*
 * The item's note, for the facilitator, shown only when asked for (i):
 * in a box between the heading and the views' texts, in rows the item
 * screen planned for it, so that the heading, the views and the chart
 * stay in sight.  A body without those rows gets the note over its foot
 * instead: the line of hands and the groups' split go under it first,
 * the chart only for a long note, the heading and the views never.  i
 * again or another screen hides it.
 */
#include "tui/screen.h"

#include <stdio.h>

#include "app/app.h"
#include "core/deck.h"
#include "tui/term.h"
#include "tui/widgets.h"

/* A box of rows of text (borders outside them) from row by. */
static void note_box(const char *note, int by, int x, int w, int rows)
{
	for (int r = by; r < by + rows + 2; r++)
		draw_fill(r, x - 1, w + 2, ROLE_NORMAL);
	draw_box(by, x, rows + 2, w, ROLE_DIM);
	draw_text(by, x + 2, w - 4, ROLE_DIM, " Note (i hides it) ");
	widget_wrap(by + 1, x + 2, w - 4, rows, ROLE_NORMAL, note, false);
}

void screen_note_draw(const struct tui *t, const struct item_plan *l, int y,
		      int h)
{
	const struct app *a = t->app;
	int item = app_item(a);
	if (item < 0 || a->deck->items[item].note == NULL || l->w < 10)
		return;
	const char *note = a->deck->items[item].note;
	if (l->note_box > 0) {
		note_box(note, l->note_y, l->text_x, l->text_w,
			 l->note_box - 2);
		return;
	}
	/* No rows of its own: at the foot, as high as it needs. */
	int rows = widget_wrap_rows(note, l->w - 4);
	if (rows > h - 2)
		rows = h - 2;
	if (rows >= 1) {
		note_box(note, y + h - rows - 2, l->m, l->w, rows);
		return;
	}
	char line[300];
	snprintf(line, sizeof line, "Note: %s", note);
	for (char *p = line; *p; p++)
		if (*p == '\n')
			*p = ' ';
	draw_fill(y + h - 1, 0, term_cols(), ROLE_NORMAL);
	draw_text_clip(y + h - 1, l->m, l->w, ROLE_KEY, line);
}
