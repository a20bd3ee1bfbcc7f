/*
 * The drawing half of ui: colour roles with their monochrome column,
 * glyph sets with ASCII fallbacks, and helpers that only ever write
 * sanitised text.
 */
#include "tui/draw.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/text_wrap.h"

/* ---- roles and glyphs ---------------------------------------------------- */

struct role_style {
	short fg, bg;
	attr_t colour; /* attributes with colour */
	attr_t mono;   /* attributes without colour: must stand on their own */
};

static const struct role_style roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
	[ROLE_TOPBAR] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_TITLE] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE},
	[ROLE_HEADING] = {-1, -1, A_BOLD, A_BOLD},
	[ROLE_DIM] = {COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
	[ROLE_KEY] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	[ROLE_STATUS] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
	[ROLE_WARNING] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_SELECTED] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_REVERSE},
	[ROLE_GROUP] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_PAPER] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
	[ROLE_VIEW1 + 0] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
	[ROLE_VIEW1 + 1] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	[ROLE_VIEW1 + 2] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
	[ROLE_VIEW1 + 3] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
	[ROLE_VIEW1 + 4] = {COLOR_BLUE, -1, A_BOLD, A_BOLD},
	[ROLE_VIEW1 + 5] = {COLOR_RED, -1, A_BOLD, A_BOLD},
};

/*
 * Bar fills.  With colour every view is a solid bar in its own colour;
 * without colour each view gets its own pattern, so the split still reads
 * on a monochrome projector.  The eighth blocks give sub-cell lengths.
 */
static const char *const fill_solid[6] = {"█", "█", "█", "█", "█", "█"};
static const char *const fill_mono[6] = {"█", "░", "▒", "▓", "▚", "▞"};
static const char *const fill_ascii[6] = {"#", "=", "*", "+", "%", "@"};
static const char *const eighth[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

static bool use_colour, use_ascii;

bool draw_ascii(void)
{
	return use_ascii;
}

void draw_init(bool mono, bool ascii)
{
	use_ascii = ascii;
	const char *nc = getenv("NO_COLOR");
	use_colour = !mono && !(nc && *nc) && has_colors();
	if (!use_colour)
		return;
	start_color();
	bool dflt = use_default_colors() == OK;
	for (int r = 0; r < ROLE_COUNT; r++) {
		short fg = roles[r].fg, bg = roles[r].bg;
		if (!dflt) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(r + 1), fg, bg);
		/* The same colour behind: a painted cell. */
		init_pair((short)(ROLE_COUNT + r + 1), fg, fg);
	}
}

/* ---- drawing ------------------------------------------------------------- */

void draw_role(enum role r)
{
	if (use_colour)
		attrset(roles[r].colour | COLOR_PAIR(r + 1));
	else
		attrset(roles[r].mono);
}

/* Sanitises (and for ASCII, transliterates) s into buf. */
static const char *prepare(const char *s, char *buf, size_t cap)
{
	if (draw_ascii()) {
		char tmp[1024];
		text_sanitize_into(s, strlen(s), tmp, sizeof tmp);
		text_to_ascii(tmp, buf, cap);
	} else {
		text_sanitize_into(s, strlen(s), buf, cap);
	}
	return buf;
}

static int put_fit(int y, int x, int maxw, enum role role, const char *s)
{
	int used = 0;
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || maxw <= 0)
		return 0;
	if (maxw > COLS - x)
		maxw = COLS - x;
	size_t n = text_fit(s, maxw, &used);
	draw_role(role);
	mvaddnstr(y, x, s, (int)n);
	draw_role(ROLE_NORMAL);
	return used;
}

int draw_text(int y, int x, int maxw, enum role role, const char *s)
{
	char buf[1024];
	return put_fit(y, x, maxw, role, prepare(s, buf, sizeof buf));
}

int draw_text_clip(int y, int x, int maxw, enum role role, const char *s)
{
	char buf[1024];
	prepare(s, buf, sizeof buf);
	if (text_width(buf) <= maxw || maxw < 2)
		return put_fit(y, x, maxw, role, buf);
	/* Cut after a whole word when one ends in the second half. */
	size_t fit = text_fit(buf, maxw - 1, NULL);
	bool at_word_end = buf[fit] == ' ';
	buf[fit] = '\0';
	char *sp = strrchr(buf, ' ');
	if (!at_word_end && sp && (size_t)(sp - buf) > fit / 2) {
		while (sp > buf && sp[-1] == ' ')
			sp--;
		*sp = '\0';
	}
	int used = put_fit(y, x, maxw - 1, role, buf);
	return used + put_fit(y, x + used, 1, role, draw_ascii() ? "~" : "…");
}

void draw_text_centre(int y, int x, int w, enum role role, const char *s)
{
	char buf[1024];
	prepare(s, buf, sizeof buf);
	int tw = text_width(buf);
	int off = tw < w ? (w - tw) / 2 : 0;
	put_fit(y, x + off, w - off, role, buf);
}

void draw_fill(int y, int x, int w, enum role role)
{
	if (y < 0 || y >= LINES)
		return;
	draw_role(role);
	for (int i = 0; i < w && x + i < COLS; i++)
		mvaddch(y, x + i, ' ');
	draw_role(ROLE_NORMAL);
}

int draw_bar(int y, int x, int view, int full, int eighths)
{
	if (view < 0 || view > 5 || y < 0 || y >= LINES)
		return 0;
	const char *const *fill = draw_ascii() ? fill_ascii
				  : use_colour ? fill_solid
					       : fill_mono;
	/* A solid eighth block would end a patterned bar in another
	 * pattern: those bars round to whole cells instead. */
	bool whole = draw_ascii() || (!use_colour && view > 0);
	if (whole && eighths >= 4)
		full++;
	draw_role((enum role)(ROLE_VIEW1 + view));
	int cells = 0;
	for (; cells < full && x + cells < COLS; cells++)
		mvaddstr(y, x + cells, fill[view]);
	if (!whole && eighths > 0 && eighths < 8 && x + cells < COLS) {
		mvaddstr(y, x + cells, eighth[eighths]);
		cells++;
	}
	draw_role(ROLE_NORMAL);
	return cells;
}

void draw_cell(int y, int x, enum role role, bool top, bool bottom)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (!top && !bottom) {
		draw_role(ROLE_NORMAL);
		mvaddch(y, x, ' ');
		return;
	}
	if (draw_ascii()) {
		draw_role(role);
		mvaddch(y, x, '#');
	} else if (top && bottom) {
		if (use_colour && roles[role].fg >= 0)
			attrset(COLOR_PAIR(ROLE_COUNT + role + 1));
		else
			attrset(roles[role].mono | A_REVERSE);
		mvaddch(y, x, ' ');
	} else {
		draw_role(role);
		mvaddstr(y, x, top ? "▀" : "▄");
	}
	draw_role(ROLE_NORMAL);
}

void draw_box(int y, int x, int h, int w, enum role role)
{
	const char *hz = draw_ascii() ? "-" : "─",
		   *vt = draw_ascii() ? "|" : "│";
	const char *c[4] = {"┌", "┐", "└", "┘"};
	if (draw_ascii())
		c[0] = c[1] = c[2] = c[3] = "+";
	for (int r = 0; r < h; r++)
		draw_fill(y + r, x, w, ROLE_NORMAL);
	draw_role(role);
	for (int i = 1; i < w - 1; i++) {
		mvaddstr(y, x + i, hz);
		mvaddstr(y + h - 1, x + i, hz);
	}
	for (int r = 1; r < h - 1; r++) {
		mvaddstr(y + r, x, vt);
		mvaddstr(y + r, x + w - 1, vt);
	}
	mvaddstr(y, x, c[0]);
	mvaddstr(y, x + w - 1, c[1]);
	mvaddstr(y + h - 1, x, c[2]);
	mvaddstr(y + h - 1, x + w - 1, c[3]);
	draw_role(ROLE_NORMAL);
}

const char *draw_marker(void)
{
	return draw_ascii() ? ">" : "▶";
}
