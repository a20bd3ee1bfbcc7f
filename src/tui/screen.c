#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/chart.h"
#include "core/deck.h"
#include "core/session.h"
#include "core/tally.h"
#include "base/text.h"

struct screen_ops {
	void (*draw)(const struct app *a, int y, int h);
	bool (*key)(struct app *a, enum action act, int arg);
	const char *hint;
};

static const struct screen_ops ops_title = {
	screen_title_draw, screen_title_key,
	"? help  Right/PgDn/Space begin  q quit"};
static const struct screen_ops ops_item = {
	screen_item_draw, screen_item_key,
	"? help  1-6 hand  Tab select  +/- adjust  Enter type  u undo"};
static const struct screen_ops ops_summary = {
	screen_summary_draw, screen_summary_key,
	"? help  Up/Down scroll  Left back  Right closing  e export"};
static const struct screen_ops ops_closing = {
	screen_closing_draw, screen_closing_key,
	"? help  e export  Left back  s summary  q quit"};

static const struct screen_ops *current_ops(const struct app *a)
{
	if (app_pos(a) == 0)
		return &ops_title;
	if (app_item(a) >= 0)
		return &ops_item;
	if (app_pos(a) == app_pos_summary(a))
		return &ops_summary;
	return &ops_closing;
}

int screen_margin(void)
{
	int c = ui_cols();
	return c >= 120 ? 6 : c >= 60 ? 2 : 1;
}

/* ---- wrapped text --------------------------------------------------------- */

/* In ASCII mode text is transliterated before it is measured. */
static char *displayable(const char *s)
{
	size_t n = strlen(s);
	char *buf = malloc(n * 3 + 1);
	if (buf == NULL)
		return NULL;
	if (ui_ascii())
		text_to_ascii(s, buf, n * 3 + 1);
	else
		memcpy(buf, s, n + 1);
	return buf;
}

int screen_wrap_rows(const char *s, int w)
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

int screen_wrap(int y, int x, int w, int maxrows, enum ui_role role,
		const char *s, bool centre)
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
			strncat(line, ui_ascii() ? "~" : "…",
				sizeof line - strlen(line) - 1);
		}
		if (centre)
			ui_text_centre(y + r, x, w, role, line);
		else
			ui_text(y + r, x, w, role, line);
	}
	free(t);
	return rows;
}

/* ---- totals --------------------------------------------------------------- */

int screen_totals(const struct app *a, int y, int h)
{
	long totals[TALLY_MAX_VIEWS];
	int n = app_max_views(a);
	for (int v = 0; v < n; v++)
		totals[v] = tally_view_total(&a->sess->tally, v);
	if (h < n)
		n = h;
	struct chart_bar bars[TALLY_MAX_VIEWS];
	int m = screen_margin();
	int labw = 8, cntw = 0;
	char labs[TALLY_MAX_VIEWS][32];
	chart_layout(totals, n, 1, bars); /* for the percentages */
	for (int v = 0; v < n; v++) {
		int w = chart_label(labs[v], sizeof labs[v], totals[v],
				    bars[v].pct);
		cntw = w > cntw ? w : cntw;
	}
	int barw = ui_cols() - 2 * m - labw - cntw - 1;
	if (barw < 4)
		barw = 4;
	chart_layout(totals, n, barw, bars);
	for (int v = 0; v < n; v++) {
		ui_text(y + v, m, labw, (enum ui_role)(ROLE_VIEW1 + v),
			deck_view_label(v));
		ui_bar(y + v, m + labw, v, bars[v].full, bars[v].eighths);
		/* Right-aligned, so the counts line up in a column. */
		int lw = (int)strlen(labs[v]);
		ui_text(y + v, m + labw + barw + 1 + cntw - lw, lw, ROLE_NORMAL,
			labs[v]);
	}
	return n;
}

/* ---- frame: top bar, body, status line ----------------------------------- */

static void draw_topbar(const struct app *a)
{
	int w = ui_cols();
	char pos[48];
	int item = app_item(a);
	if (item >= 0)
		/* Padded, so the title does not jump as hands are counted. */
		snprintf(pos, sizeof pos, " %4ld %s   %d / %d ",
			 tally_item_total(&a->sess->tally, item),
			 tally_item_total(&a->sess->tally, item) == 1 ? "hand"
								      : "hands",
			 item + 1, app_nitems(a));
	else if (app_pos(a) == 0)
		snprintf(pos, sizeof pos, " Title ");
	else if (app_pos(a) == app_pos_summary(a))
		snprintf(pos, sizeof pos, " Summary ");
	else
		snprintf(pos, sizeof pos, " Closing ");
	ui_fill(0, 0, w, ROLE_TOPBAR);
	const char *warn = app_save_failed(a) ? " NOT SAVED " : "";
	int right = (int)strlen(pos) + (int)strlen(warn);
	ui_text_clip(0, 1, w - right - 2, ROLE_TOPBAR, a->deck->title);
	int x = w - right;
	if (*warn)
		x += ui_text(0, x, w - x, ROLE_WARNING, warn);
	ui_text(0, x, w - x, ROLE_TOPBAR, pos);
}

/*
 * Key hints are separated by two spaces; those that do not fit are left
 * out whole, since "Ente..." tells a facilitator nothing.
 */
static void draw_hints(int y, int w, const char *hints)
{
	char buf[256];
	size_t len = 1;
	buf[0] = ' ';
	buf[1] = '\0';
	while (*hints) {
		const char *end = strstr(hints, "  ");
		size_t n = end ? (size_t)(end - hints) : strlen(hints);
		size_t sep = len > 1 ? 2 : 0;
		if (len + sep + n >= sizeof buf)
			break;
		char next[256];
		memcpy(next, buf, len);
		memcpy(next + len, "  ", sep);
		memcpy(next + len + sep, hints, n);
		next[len + sep + n] = '\0';
		if (text_width(next) > w)
			break;
		memcpy(buf, next, len + sep + n + 1);
		len += sep + n;
		hints += n;
		while (*hints == ' ')
			hints++;
	}
	ui_text(y, 0, w, ROLE_STATUS, buf);
}

static void draw_status(const struct app *a)
{
	int y = ui_rows() - 1, w = ui_cols();
	char buf[320];
	enum ui_role role = ROLE_STATUS;
	if (a->ask == ASK_QUIT) {
		snprintf(buf, sizeof buf, " Quit? Every count is saved. y / n");
		role = ROLE_WARNING;
	} else if (a->ask == ASK_RESET) {
		snprintf(buf, sizeof buf,
			 " Clear every count of this item? y / n");
		role = ROLE_WARNING;
	} else if (a->entry) {
		snprintf(buf, sizeof buf,
			 " %s count: %s_   Enter sets, Esc cancels",
			 deck_view_label(a->selected), a->typed);
	} else if (a->message[0]) {
		snprintf(buf, sizeof buf, " %s", a->message);
	} else if (app_save_failed(a)) {
		snprintf(buf, sizeof buf,
			 " NOT SAVED: %s. Counts are kept; every change "
			 "retries.",
			 a->save_error);
		role = ROLE_WARNING;
	} else {
		ui_fill(y, 0, w, role);
		draw_hints(y, w, current_ops(a)->hint);
		return;
	}
	ui_fill(y, 0, w, role);
	ui_text_clip(y, 0, w, role, buf);
}

static void draw_too_small(const struct app *a)
{
	int w = ui_cols(), h = ui_rows();
	char need[80];
	snprintf(need, sizeof need, "at least %d x %d, now %d x %d",
		 UI_MIN_COLS, UI_MIN_ROWS, w, h);
	int y = h / 2 - 1;
	if (y < 0)
		y = 0;
	y += screen_wrap(y, 0, w, h - y, ROLE_WARNING,
			 "Make the terminal larger", true);
	y += screen_wrap(y, 0, w, h - y, ROLE_NORMAL, need, true);
	/* q still works here, so its question must be seen too. */
	if (a->ask == ASK_QUIT)
		screen_wrap(y + 1, 0, w, h - y - 1, ROLE_WARNING, "Quit? y / n",
			    true);
}

void screen_draw(const struct app *a)
{
	if (a->blank)
		return;
	if (ui_too_small()) {
		draw_too_small(a);
		return;
	}
	int h = ui_rows() - 2;
	draw_topbar(a);
	current_ops(a)->draw(a, 1, h);
	if (a->help)
		screen_help_draw(a, 1, h);
	else if (a->note)
		screen_note_draw(a, 1, h);
	draw_status(a);
}

/* ---- keys ---------------------------------------------------------------- */

void screen_key(struct app *a, int key)
{
	int arg = 0;
	enum key_mode mode = app_key_mode(a);
	enum action act = keys_lookup(mode, key, &arg);
	a->message[0] = '\0';
	/*
	 * On the too-small screen only what it shows may act: the quit
	 * question and its answer.  Typing a count there would be blind.
	 */
	bool small = ui_too_small();
	if (small && mode == KEYMODE_ENTRY && act != ACT_CANCEL)
		return;
	if (!app_modal(a, act, arg)) {
		if (small && act != ACT_QUIT && act != ACT_REDRAW)
			return;
		if (!current_ops(a)->key(a, act, arg))
			app_common(a, act);
	}
	if (a->repaint) {
		a->repaint = false;
		ui_repaint();
	}
}
