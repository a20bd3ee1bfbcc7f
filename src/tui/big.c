#include "tui/big.h"

#include <curses.h>
#include <string.h>

#include "base/font.h"
#include "base/text.h"

/* ASCII terminals get digits at scale 1 only, as on a seven-segment
 * display. */
static const char *const big_ascii[10][3] = {
	{" _ ", "| |", "|_|"}, {"   ", "  |", "  |"}, {" _ ", " _|", "|_ "},
	{" _ ", " _|", " _|"}, {"   ", "|_|", "  |"}, {" _ ", "|_ ", " _|"},
	{" _ ", "|_ ", "|_|"}, {" _ ", "  |", "  |"}, {" _ ", "|_|", "|_|"},
	{" _ ", "|_|", " _|"},
};

/* The most lines a large text is wrapped into. */
#define BIG_LINES 8

int big_rows(int scale)
{
	return (FONT_HEIGHT * scale + 1) / 2;
}

int big_width(const char *digits, int scale)
{
	size_t n = strlen(digits), num = strspn(digits, "0123456789");
	bool pct = num > 0 && num + 1 == n && digits[num] == '%';
	if (num == 0 || (num != n && !pct) || scale < 1 ||
	    (draw_ascii() && (scale > 1 || pct)))
		return 0;
	return font_width(digits, n) * scale;
}

/* One glyph from (y, x): its pixels, each scale cells wide and scale
 * half rows high, and the blank column after it when gap. */
static int draw_glyph(int y, int x, enum role role, const struct font_glyph *g,
		      int scale, bool gap)
{
	int rows = big_rows(scale), w = (g->width + gap) * scale;
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < w; c++) {
			bool top = font_pixel(g, c / scale, 2 * r / scale);
			bool bot =
				font_pixel(g, c / scale, (2 * r + 1) / scale);
			draw_cell(y + r, x + c, role, top, bot);
		}
	return w;
}

/* Draws s[0..len) in large type, which the caller has measured. */
static int draw_run(int y, int x, enum role role, const char *s, size_t len,
		    int scale)
{
	int used = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += text_decode(s + i, len - i, &cp, NULL);
		const struct font_glyph *g = font_glyph(cp);
		if (g != NULL)
			used += draw_glyph(y, x + used, role, g, scale,
					   i < len);
	}
	return used;
}

int big_draw(int y, int x, enum role role, const char *digits, int scale)
{
	int w = big_width(digits, scale), rows = big_rows(scale);
	if (w == 0 || x < 0 || x + w > COLS || y < 0 || y + rows > LINES)
		return 0;
	if (!draw_ascii())
		return draw_run(y, x, role, digits, strlen(digits), scale);
	draw_role(role);
	for (size_t i = 0; digits[i]; i++)
		for (int r = 0; r < rows; r++)
			mvaddstr(y + r, x + (int)i * 4,
				 big_ascii[digits[i] - '0'][r]);
	draw_role(ROLE_NORMAL);
	return w;
}

/*
 * The narrowest width that sets s in as few lines as w does: lines of
 * even length read better than a long one and a word alone below it.
 */
static int balanced(const char *s, int w)
{
	size_t n = font_wrap(s, w, NULL, 0);
	int lo = 1, hi = w;
	while (n > 1 && lo < hi) {
		int mid = (lo + hi) / 2;
		if (font_wrap(s, mid, NULL, 0) == n)
			hi = mid;
		else
			lo = mid + 1;
	}
	return n > 1 ? hi : w;
}

int big_text_rows(const char *s, int w, int maxlines)
{
	if (s == NULL || draw_ascii() || maxlines < 1)
		return 0;
	size_t n = font_wrap(s, w, NULL, 0);
	if (n == 0 || n > (size_t)maxlines || n > BIG_LINES)
		return 0;
	return (int)n * (big_rows(1) + 1) - 1;
}

int big_text_draw(int y, int x, int w, enum role role, const char *s,
		  int maxlines, bool centre)
{
	int rows = big_text_rows(s, w, maxlines);
	if (rows == 0 || y < 0 || y + rows > LINES || x < 0 || x + w > COLS)
		return 0;
	struct text_line lines[BIG_LINES];
	size_t n = font_wrap(s, balanced(s, w), lines, BIG_LINES);
	for (size_t i = 0; i < n; i++) {
		int lx = x + (centre ? (w - lines[i].width) / 2 : 0);
		draw_run(y + (int)i * (big_rows(1) + 1), lx, role,
			 s + lines[i].off, lines[i].len, 1);
	}
	return rows;
}
