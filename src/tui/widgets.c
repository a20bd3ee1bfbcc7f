/*
 * Pieces that several screens draw: the margin, wrapped text with an
 * ellipsis when it is cut, and the room's totals per view.
 */
#include "tui/widgets.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "core/chart.h"
#include "core/deck.h"
#include "core/session.h"
#include "tui/term.h"

int widget_margin_for(int cols)
{
	return cols >= 120 ? 6 : cols >= 60 ? 2 : 1;
}

int widget_margin(void)
{
	return widget_margin_for(term_cols());
}

bool widget_large_for(int cols, int rows)
{
	return cols >= 120 && rows >= 36;
}

bool widget_large(void)
{
	return widget_large_for(term_cols(), term_rows());
}

int widget_measure(int w, bool large)
{
	/* About 70 characters a line: an eye that reaches the end of one
	 * finds the start of the next. */
	return large && w > 72 ? 72 : w;
}

/* ---- wrapped text --------------------------------------------------------- */

/* In ASCII mode text is transliterated before it is measured. */
static char *displayable(const char *s)
{
	size_t n = strlen(s);
	char *buf = malloc(n * 3 + 1);
	if (buf == NULL)
		return NULL;
	if (draw_ascii())
		text_to_ascii(s, buf, n * 3 + 1);
	else
		memcpy(buf, s, n + 1);
	return buf;
}

int widget_wrap_rows(const char *s, int w)
{
	if (s == NULL || w < 1)
		return 0;
	char *t = displayable(s);
	if (t == NULL)
		return 1;
	int n = (int)text_wrap(t, w, NULL, 0);
	free(t);
	return n;
}

int widget_wrap(int y, int x, int w, int maxrows, enum role role, const char *s,
		bool centre)
{
	if (s == NULL || w < 1 || maxrows < 1)
		return 0;
	char *t = displayable(s);
	if (t == NULL)
		return 0;
	struct text_line lines[64];
	size_t need = text_wrap(t, w, lines, 64);
	size_t have = need < 64 ? need : 64;
	int rows = (int)have < maxrows ? (int)have : maxrows;
	for (int r = 0; r < rows; r++) {
		char line[1024];
		size_t len = lines[r].len < sizeof line - 1 ? lines[r].len
							    : sizeof line - 1;
		memcpy(line, t + lines[r].off, len);
		line[len] = '\0';
		bool last = r == rows - 1 && (size_t)rows < need;
		if (last) {
			/* Make room for the ellipsis that says text is missing,
			 * after a whole word when there is one to cut after. */
			size_t fit = text_fit(line, w - 1, NULL);
			bool cut = line[fit] != '\0' && line[fit] != ' ';
			line[fit] = '\0';
			char *sp = strrchr(line, ' ');
			if (cut && sp && (size_t)(sp - line) > fit / 2) {
				while (sp > line && sp[-1] == ' ')
					sp--;
				*sp = '\0';
			}
			strncat(line, draw_ascii() ? "~" : "…",
				sizeof line - strlen(line) - 1);
		}
		if (centre)
			draw_text_centre(y + r, x, w, role, line);
		else
			draw_text(y + r, x, w, role, line);
	}
	free(t);
	return rows;
}

/* ---- totals --------------------------------------------------------------- */

int widget_totals(const struct app *a, int y, int h)
{
	return widget_totals_tall(a, y, h, 1);
}

int widget_totals_tall(const struct app *a, int y, int h, int each)
{
	if (a->sess->hidden) {
		draw_text(y, widget_margin(), term_cols(), ROLE_DIM,
			  "Totals are hidden from the room");
		return 1;
	}
	long totals[TALLY_MAX_VIEWS];
	int n = app_max_views(a);
	for (int v = 0; v < n; v++)
		totals[v] = tally_view_total(app_tally(a), v);
	if (each < 1)
		each = 1;
	if (n > 0 && h < n * each)
		each = h / n > 0 ? h / n : 1;
	if (h < n)
		n = h;
	struct chart_bar bars[TALLY_MAX_VIEWS];
	int m = widget_margin();
	int labw = 8, cntw = 0;
	char labs[TALLY_MAX_VIEWS][32];
	chart_layout(totals, n, 1, bars); /* for the percentages */
	for (int v = 0; v < n; v++) {
		int w = chart_label(labs[v], sizeof labs[v], totals[v],
				    bars[v].pct);
		cntw = w > cntw ? w : cntw;
	}
	int barw = term_cols() - 2 * m - labw - cntw - 1;
	if (barw < 4)
		barw = 4;
	chart_layout(totals, n, barw, bars);
	/* Bars three rows high or more stand apart by a blank row. */
	int pitch = each + (each >= 3 && h >= n * (each + 1) - 1);
	for (int v = 0; v < n; v++) {
		int top = y + v * pitch, mid = top + (each - 1) / 2;
		draw_text(mid, m, labw, (enum role)(ROLE_VIEW1 + v),
			  deck_view_label(v));
		for (int r = 0; r < each; r++)
			draw_bar(top + r, m + labw, v, bars[v].full,
				 bars[v].eighths);
		/* Right-aligned, so the counts line up in a column. */
		int lw = (int)strlen(labs[v]);
		draw_text(mid, m + labw + barw + 1 + cntw - lw, lw, ROLE_NORMAL,
			  labs[v]);
	}
	return n * pitch - (pitch - each);
}
