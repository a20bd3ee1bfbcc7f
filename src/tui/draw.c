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
#include "tui/theme.h"

/* ---- roles and glyphs ---------------------------------------------------- */

/*
 * Bar fills.  With colour every bar is cells painted in its view's
 * colour; without colour each view gets its own pattern, so the split
 * still reads on a monochrome projector (the first view is painted in
 * reverse video).  The eighth blocks give sub-cell lengths.
 */
static const char *const fill_mono[6] = {" ", "░", "▒", "▓", "▚", "▞"};
static const char *const fill_ascii[6] = {"#", "=", "*", "+", "%", "@"};
static const char *const eighth[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

static bool use_ascii;
static enum theme theme_used = THEME_DARK;
static enum bars bar_style = BARS_BLOCKS;

bool draw_ascii(void)
{
	return use_ascii;
}

static const char *const theme_names[] = {"auto", "dark", "light", "mono"};
static const char *const bars_names[] = {"auto", "blocks", "full", "ascii"};

static int find_name(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int draw_theme_parse(const char *name)
{
	return find_name(theme_names, 4, name);
}

int draw_bars_parse(const char *name)
{
	return find_name(bars_names, 4, name);
}

const char *draw_theme_name(enum theme t)
{
	return theme_names[t];
}

enum theme draw_theme(void)
{
	return theme_used;
}

void draw_init(enum theme theme, enum bars bars, bool ascii)
{
	use_ascii = ascii;
	bar_style = ascii ? BARS_ASCII : bars == BARS_AUTO ? BARS_BLOCKS : bars;
	theme_used = theme_start(theme);
}

/* ---- drawing ------------------------------------------------------------- */

void draw_role(enum role r)
{
	attrset((attr_t)theme_attr(r));
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
	/* A patterned bar cannot end in an eighth of another pattern, and
	 * some fonts draw eighth blocks badly: whole cells, rounded. */
	bool whole = bar_style != BARS_BLOCKS || (!theme_colour() && view > 0);
	if (whole && eighths >= 4)
		full++;
	enum role role = (enum role)(ROLE_VIEW1 + view);
	const char *fill = fill_ascii[view];
	if (bar_style != BARS_ASCII) {
		fill = theme_colour() ? " " : fill_mono[view];
		attrset((attr_t)(theme_colour() || view == 0
					 ? theme_solid(role)
					 : theme_attr(role)));
	} else {
		draw_role(role);
	}
	int cells = 0;
	for (; cells < full && x + cells < COLS; cells++)
		mvaddstr(y, x + cells, fill);
	draw_role(role);
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
		/* The role's own background: large type on a warning block
		 * keeps the block whole. */
		draw_role(role);
		mvaddch(y, x, ' ');
		draw_role(ROLE_NORMAL);
		return;
	}
	if (draw_ascii()) {
		draw_role(role);
		mvaddch(y, x, '#');
	} else if (top && bottom) {
		attrset((attr_t)theme_solid(role));
		mvaddch(y, x, ' ');
	} else if (bottom) {
		draw_role(role);
		mvaddstr(y, x, "▄");
	} else {
		/*
		 * The upper half: the colour behind, the lower half a block in
		 * the background's colour.  Terminals draw block glyphs from
		 * the font, which often stop a pixel short of the cell's top:
		 * a glyph that must reach it (an upper half) leaves a seam in
		 * the letter; a background always reaches it.
		 */
		attrset((attr_t)theme_upper(role));
		mvaddstr(y, x, "▄");
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

void draw_view_marker(int y, int x, bool selected)
{
	/* Unselected, a blank in the marker's own role: moving the
	 * selection then sends the two cells without a change of
	 * attributes between them.  Without colour that role is reverse
	 * video, whose blank is a solid block as loud as the marker: the
	 * unselected cell is then a plain blank. */
	if (selected)
		draw_text(y, x, 1, ROLE_SELECTED, draw_marker());
	else
		draw_fill(y, x, 1,
			  theme_colour() ? ROLE_SELECTED : ROLE_NORMAL);
}

const char *draw_marker(void)
{
	return draw_ascii() ? ">" : "▶";
}
