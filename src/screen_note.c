/*
 * The note overlay: the item's prompt for the facilitator, shown only
 * when asked for (i), over the views' texts and never over the chart,
 * which the room keeps reading; i again or another screen hides it.
 */
#include "screen.h"

#include "app.h"
#include "deck.h"

void screen_note_draw(const struct app *a, int y, int h)
{
	int item = app_item(a);
	if (item < 0 || a->deck->items[item].note == NULL)
		return;
	const char *note = a->deck->items[item].note;
	int m = screen_margin(), w = ui_cols() - 2 * m;
	int rows = screen_wrap_rows(note, w - 4);
	if (rows > h / 3)
		rows = h / 3;
	if (rows < 1 || w < 10)
		return;
	/* Under the heading's first row, where the views' texts are. */
	int bh = rows + 2, by = y + 2;
	for (int r = by - 1; r <= by + bh && r < y + h; r++)
		ui_fill(r, m - 1, w + 2, ROLE_NORMAL);
	ui_box(by, m, bh, w, ROLE_DIM);
	ui_text(by, m + 2, w - 4, ROLE_DIM, " Note (i hides it) ");
	screen_wrap(by + 1, m + 2, w - 4, rows, ROLE_NORMAL, note, false);
}
