/*
 * The projector check: what the room will see, all at once, before the
 * workshop starts.  A frame along the edges shows whether the terminal
 * fills the projected screen; the six views' bars and the other colour
 * roles show whether a worn projector still tells them apart; the large
 * digits and the smallest text used show whether the back row can read.
 */
#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "tui/big.h"
#include "tui/term.h"
#include "tui/widgets.h"

static const char *const advice[] = {
	"Make the terminal's font larger (Ctrl and + in most terminals, or "
	"its View menu) until this frame just fills the projected screen.",
	"From the back of the room, the six bars must look different, and "
	"the line of smallest text must read.",
	"Any key returns.",
};

/* The colour roles, each named in its own colours. */
static int draw_roles(int y, int x, int w)
{
	static const struct {
		enum role role;
		const char *name;
	} roles[] = {
		{ROLE_TITLE, "Title"},	     {ROLE_HEADING, "Heading"},
		{ROLE_NORMAL, "Text"},	     {ROLE_DIM, "Secondary"},
		{ROLE_KEY, "Key"},	     {ROLE_SELECTED, "Selected"},
		{ROLE_GROUP, " Group "},     {ROLE_STATUS, " Status "},
		{ROLE_WARNING, " Warning "}, {ROLE_ALERT, "Alert"},
	};
	int cx = x, rows = 1;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		int len = (int)strlen(roles[i].name);
		if (cx + len > x + w) {
			cx = x;
			y++;
			rows++;
		}
		cx += draw_text(y, cx, x + w - cx, roles[i].role,
				roles[i].name) +
		      2;
	}
	return rows;
}

/* One bar per view, of lengths that step down, with its label. */
static int draw_bars(int y, int x, int w, int rows_each)
{
	int barw = w - 10;
	for (int v = 0; v < 6; v++) {
		char label[16];
		snprintf(label, sizeof label, "View %d", v + 1);
		int top = y + v * rows_each, full = barw * (12 - v) / 12;
		draw_text(top + (rows_each - 1) / 2, x, 8,
			  (enum role)(ROLE_VIEW1 + v), label);
		for (int r = 0; r < rows_each; r++)
			draw_bar(top + r, x + 9, v, full, 4);
	}
	return 6 * rows_each;
}

void screen_projector_draw(void)
{
	int rows = term_rows(), cols = term_cols();
	draw_box(0, 0, rows, cols, ROLE_KEY);
	char size[64];
	snprintf(size, sizeof size, " Projector check: %d x %d, theme %s ",
		 cols, rows, draw_theme_name(draw_theme()));
	draw_text_centre(0, 0, cols, ROLE_KEY, size);
	int x = 3, w = cols - 6, y = 2, end = rows - 2;
	/* What to do comes first: at 40x12 it may be all there is room for. */
	for (size_t i = 0; i < sizeof advice / sizeof advice[0]; i++)
		y += widget_wrap(y, x, w, end - y,
				 i ? ROLE_NORMAL : ROLE_HEADING, advice[i],
				 false);
	if (end - y < 9)
		return;
	y++;
	y += draw_roles(y, x, w);
	y += widget_wrap(
		     y, x, w, 1, ROLE_DIM,
		     "The smallest text: sources, hints and names of groups "
		     "look like this line.",
		     false) +
	     1;
	/* The digits as large as the chart's largest, the bars as thick as
	 * the rest of the height allows. */
	int left = end - y, scale = left >= 30 ? 3 : left >= 16 ? 2 : 1;
	int spare = left - big_rows(scale) - 1;
	int each = spare >= 12 ? spare / 6 : spare >= 6 ? 1 : 0;
	if (each > 4)
		each = 4;
	if (each > 0)
		y += draw_bars(y, x, w, each) + 1;
	if (end - y < big_rows(scale))
		return;
	int used = big_draw(y, x, ROLE_HEADING, "0123456789", scale);
	if (used == 0)
		used = big_draw(y, x, ROLE_HEADING, "01234", 1);
	int tx = x + used + 4;
	const char *type = big_text_rows("Large type", x + w - tx, 1) > 0
				   ? "Large type"
				   : "Type";
	if (used > 0 && big_text_rows(type, x + w - tx, 1) > 0)
		big_text_draw(y + (big_rows(scale) - big_rows(1)) / 2, tx,
			      x + w - tx, ROLE_TITLE, type, 1, false);
}
