#include "tui/qr_view.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/phones.h"
#include "net/qr.h"
#include "tui/draw.h"
#include "tui/phones.h"
#include "tui/term.h"
#include "tui/tui.h"
#include "tui/widgets.h"

/* The narrowest the screen beside the code may be. */
#define REST_MIN 44

static const struct qr *code_of(const struct tui *t)
{
	if (!t->phones || !phones_shown(t->phones) || draw_ascii())
		return NULL;
	return &t->phones->qr;
}

/*
 * Cells per module across: 2 on a room's screen (a module is then two
 * cells wide and one tall), else 1 (one wide, half a cell tall); 0 when
 * even that does not fit.  Three rows below the code: URL and counts.
 */
static int scale(const struct qr *q, int cols, int body)
{
	if (cols - 2 * q->size - 3 >= 80 && body >= q->size + 3)
		return 2;
	if (cols - q->size - 3 >= REST_MIN && body >= (q->size + 1) / 2 + 3)
		return 1;
	return 0;
}

int qr_view_width(const struct tui *t, int cols, int rows)
{
	return qr_view_width_under(t, cols, rows, cols + 1);
}

int qr_view_width_under(const struct tui *t, int cols, int rows, int under)
{
	const struct qr *q = code_of(t);
	for (int k = q ? scale(q, cols, rows) : 0; k > 0; k--)
		if (k * q->size + 3 < under)
			return k * q->size + 3;
	return 0;
}

/* The code: black modules on white, the quiet zone white too. */
static int draw_code(const struct qr *q, int k, int y, int x)
{
	if (k == 2) {
		for (int my = 0; my < q->size; my++)
			for (int mx = 0; mx < q->size; mx++) {
				bool d = qr_dark(q, mx, my);
				draw_cell(y + my, x + 2 * mx, ROLE_PAPER, d, d);
				draw_cell(y + my, x + 2 * mx + 1, ROLE_PAPER, d,
					  d);
			}
		return q->size;
	}
	int rows = qr_rows(q);
	for (int r = 0; r < rows; r++)
		for (int mx = 0; mx < q->size; mx++)
			draw_cell(y + r, x + mx, ROLE_PAPER,
				  qr_dark(q, mx, 2 * r),
				  qr_dark(q, mx, 2 * r + 1));
	return rows;
}

/* "3 joined, 2 voted" on an item (>= 0), else "3 phones joined". */
static void count_line(const struct tui *t, int item, char *line, size_t cap)
{
	struct app_phone_count n = app_phones_count(t->app, item);
	if (item >= 0)
		snprintf(line, cap, "%d joined, %ld voted", n.joined, n.voted);
	else
		snprintf(line, cap, "%d %s joined", n.joined,
			 n.joined == 1 ? "phone" : "phones");
}

/*
 * The URL under the code, centred; too long for the column, it breaks
 * after its last slash, so the code stands whole on a line of its own.
 */
static int draw_url(const char *url, int row, int x, int w)
{
	const char *code = strrchr(url, '/');
	if ((int)strlen(url) <= w || !code) {
		draw_text_centre(row, x, w, ROLE_NORMAL, url);
		return 1;
	}
	char head[96];
	snprintf(head, sizeof head, "%.*s", (int)(code + 1 - url), url);
	draw_text_centre(row, x, w, ROLE_NORMAL, head);
	draw_text_centre(row + 1, x, w, ROLE_NORMAL, code + 1);
	return 2;
}

int qr_view_draw(const struct tui *t, int item, int y, int h, int x, int w)
{
	const struct qr *q = code_of(t);
	int k = q ? scale(q, term_cols(), h) : 0;
	/* The scale the column's width was given for (qr_view_width_under
	 * may have chosen a smaller one than the rows allow). */
	if (q && (w - 1) / q->size < k)
		k = (w - 1) / q->size;
	if (k < 1 || w < 3)
		return y;
	int cw = k * q->size, cx = x + (w - cw) / 2;
	int row = y + draw_code(q, k, y, cx);
	row += draw_url(t->phones->url, row, x, w);
	char line[80];
	count_line(t, item, line, sizeof line);
	if (row < y + h)
		draw_text_centre(row++, x, w, ROLE_DIM, line);
	return row;
}

/* The blanks between the URL and the counts on one row. */
#define FOOT_GAP 3

int qr_view_foot_rows(const struct tui *t, int item, int w)
{
	const char *url = qr_view_url(t);
	if (!url)
		return 0;
	char line[80];
	count_line(t, item, line, sizeof line);
	int need = (int)strlen(url) + FOOT_GAP + (int)strlen(line);
	return need <= w ? 1 : 2;
}

int qr_view_foot(const struct tui *t, int item, int y, int rows, int x, int w)
{
	const char *url = qr_view_url(t);
	if (!url || rows < 1)
		return 0;
	char line[80];
	count_line(t, item, line, sizeof line);
	int uw = (int)strlen(url), cw = (int)strlen(line);
	if (uw + FOOT_GAP + cw <= w) {
		/* Both on one row, centred as one. */
		int ux = x + (w - uw - FOOT_GAP - cw) / 2;
		draw_text(y, ux, uw, ROLE_NORMAL, url);
		draw_text(y, ux + uw + FOOT_GAP, cw, ROLE_DIM, line);
		return 1;
	}
	draw_text_centre(y, x, w, ROLE_NORMAL, url);
	if (rows < 2)
		return 1;
	draw_text_centre(y + 1, x, w, ROLE_DIM, line);
	return 2;
}

const char *qr_view_url(const struct tui *t)
{
	return t->phones && phones_shown(t->phones) ? t->phones->url : NULL;
}
