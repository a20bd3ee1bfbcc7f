#include "tui/big.h"

#include <curses.h>
#include <string.h>

/*
 * Large digits come from a 3 x 5 pixel font.  Each cell shows two pixels
 * stacked (half blocks), so at scale s a digit is 3s cells wide and
 * (5s + 1) / 2 rows high.
 */
static const unsigned char font[10][5] = {
	{7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7},
	{5, 5, 7, 1, 1}, {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1},
	{7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
};

/* ASCII terminals get scale 1 only, as on a seven-segment display. */
static const char *const big_ascii[10][3] = {
	{" _ ", "| |", "|_|"}, {"   ", "  |", "  |"}, {" _ ", " _|", "|_ "},
	{" _ ", " _|", " _|"}, {"   ", "|_|", "  |"}, {" _ ", "|_ ", " _|"},
	{" _ ", "|_ ", "|_|"}, {" _ ", "  |", "  |"}, {" _ ", "|_|", "|_|"},
	{" _ ", "|_|", " _|"},
};

static bool pixel(int d, int px, int py, int scale)
{
	px /= scale;
	py /= scale;
	return py < 5 && (font[d][py] >> (2 - px) & 1);
}

int big_rows(int scale)
{
	return (5 * scale + 1) / 2;
}

int big_width(const char *digits, int scale)
{
	size_t n = strlen(digits);
	if (n == 0 || strspn(digits, "0123456789") != n || scale < 1 ||
	    (draw_ascii() && scale > 1))
		return 0;
	return (int)n * 4 * scale - scale;
}

int big_draw(int y, int x, enum role role, const char *digits, int scale)
{
	static const char *const half[4] = {" ", "▄", "▀", "█"};
	int w = big_width(digits, scale), rows = big_rows(scale);
	if (w == 0 || x + w > COLS || y < 0 || y + rows > LINES)
		return 0;
	draw_role(role);
	for (size_t i = 0; digits[i]; i++) {
		int d = digits[i] - '0', dx = x + (int)i * 4 * scale;
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < 3 * scale; c++) {
				if (draw_ascii()) {
					mvaddnstr(y + r, dx + c,
						  big_ascii[d][r] + c, 1);
					continue;
				}
				int top = pixel(d, c, 2 * r, scale);
				int bot = pixel(d, c, 2 * r + 1, scale);
				mvaddstr(y + r, dx + c, half[top * 2 + bot]);
			}
	}
	draw_role(ROLE_NORMAL);
	return w;
}
