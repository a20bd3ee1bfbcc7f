#include "base/font.h"

#include <string.h>

#include "base/text.h"

/*
 * The glyphs, drawn as they look.  Most letters are three pixels wide,
 * which is the narrowest that keeps them apart; M, W and N need more.
 * The digits are the ones the chart's large counts have always used.
 */
static const struct font_glyph letters[26] = {
	{3, {".#.", "#.#", "###", "#.#", "#.#"}},	    /* A */
	{3, {"##.", "#.#", "##.", "#.#", "##."}},	    /* B */
	{3, {".##", "#..", "#..", "#..", ".##"}},	    /* C */
	{3, {"##.", "#.#", "#.#", "#.#", "##."}},	    /* D */
	{3, {"###", "#..", "##.", "#..", "###"}},	    /* E */
	{3, {"###", "#..", "##.", "#..", "#.."}},	    /* F */
	{3, {".##", "#..", "#.#", "#.#", ".##"}},	    /* G */
	{3, {"#.#", "#.#", "###", "#.#", "#.#"}},	    /* H */
	{3, {"###", ".#.", ".#.", ".#.", "###"}},	    /* I */
	{3, {"..#", "..#", "..#", "#.#", ".#."}},	    /* J */
	{3, {"#.#", "#.#", "##.", "#.#", "#.#"}},	    /* K */
	{3, {"#..", "#..", "#..", "#..", "###"}},	    /* L */
	{5, {"#...#", "##.##", "#.#.#", "#...#", "#...#"}}, /* M */
	{4, {"#..#", "##.#", "#.##", "#..#", "#..#"}},	    /* N */
	{3, {".#.", "#.#", "#.#", "#.#", ".#."}},	    /* O */
	{3, {"##.", "#.#", "##.", "#..", "#.."}},	    /* P */
	{3, {".#.", "#.#", "#.#", "##.", ".##"}},	    /* Q */
	{3, {"##.", "#.#", "##.", "#.#", "#.#"}},	    /* R */
	{3, {".##", "#..", ".#.", "..#", "##."}},	    /* S */
	{3, {"###", ".#.", ".#.", ".#.", ".#."}},	    /* T */
	{3, {"#.#", "#.#", "#.#", "#.#", "###"}},	    /* U */
	{3, {"#.#", "#.#", "#.#", "#.#", ".#."}},	    /* V */
	{5, {"#...#", "#...#", "#.#.#", "##.##", "#...#"}}, /* W */
	{3, {"#.#", "#.#", ".#.", "#.#", "#.#"}},	    /* X */
	{3, {"#.#", "#.#", ".#.", ".#.", ".#."}},	    /* Y */
	{3, {"###", "..#", ".#.", "#..", "###"}},	    /* Z */
};

static const struct font_glyph digits[10] = {
	{3, {"###", "#.#", "#.#", "#.#", "###"}},
	{3, {".#.", "##.", ".#.", ".#.", "###"}},
	{3, {"###", "..#", "###", "#..", "###"}},
	{3, {"###", "..#", "###", "..#", "###"}},
	{3, {"#.#", "#.#", "###", "..#", "..#"}},
	{3, {"###", "#..", "###", "..#", "###"}},
	{3, {"###", "#..", "###", "#.#", "###"}},
	{3, {"###", "..#", "..#", "..#", "..#"}},
	{3, {"###", "#.#", "###", "#.#", "###"}},
	{3, {"###", "#.#", "###", "..#", "###"}},
};

struct punct {
	unsigned cp;
	struct font_glyph g;
};

static const struct punct puncts[] = {
	{' ', {2, {"..", "..", "..", "..", ".."}}},
	{'.', {1, {".", ".", ".", ".", "#"}}},
	{',', {2, {"..", "..", "..", ".#", "#."}}},
	{':', {1, {".", "#", ".", "#", "."}}},
	{';', {2, {"..", ".#", "..", ".#", "#."}}},
	{'\'', {1, {"#", "#", ".", ".", "."}}},
	{'"', {3, {"#.#", "#.#", "...", "...", "..."}}},
	{'?', {3, {"##.", "..#", ".#.", "...", ".#."}}},
	{'!', {1, {"#", "#", "#", ".", "#"}}},
	{'-', {3, {"...", "...", "###", "...", "..."}}},
	{'+', {3, {"...", ".#.", "###", ".#.", "..."}}},
	{'=', {3, {"...", "###", "...", "###", "..."}}},
	{'/', {3, {"..#", "..#", ".#.", "#..", "#.."}}},
	{'(', {2, {".#", "#.", "#.", "#.", ".#"}}},
	{')', {2, {"#.", ".#", ".#", ".#", "#."}}},
	{'&', {4, {".#..", "#.#.", ".#..", "#.#.", ".#.#"}}},
	{'%', {3, {"#.#", "..#", ".#.", "#..", "#.#"}}},
	{'#', {5, {".#.#.", "#####", ".#.#.", "#####", ".#.#."}}},
	{0x2018, {1, {"#", "#", ".", ".", "."}}},		      /* ‘ */
	{0x2019, {1, {"#", "#", ".", ".", "."}}},		      /* ’ */
	{0x201C, {3, {"#.#", "#.#", "...", "...", "..."}}},	      /* “ */
	{0x201D, {3, {"#.#", "#.#", "...", "...", "..."}}},	      /* ” */
	{0x2013, {3, {"...", "...", "###", "...", "..."}}},	      /* – */
	{0x2014, {5, {".....", ".....", "#####", ".....", "....."}}}, /* — */
	{0x2026, {5, {".....", ".....", ".....", ".....", "#.#.#"}}}, /* … */
	{0x00A0, {2, {"..", "..", "..", "..", ".."}}}, /* no-break space */
};

const struct font_glyph *font_glyph(unsigned cp)
{
	if (cp >= 'a' && cp <= 'z')
		cp -= 'a' - 'A';
	if (cp >= 'A' && cp <= 'Z')
		return &letters[cp - 'A'];
	if (cp >= '0' && cp <= '9')
		return &digits[cp - '0'];
	for (size_t i = 0; i < sizeof puncts / sizeof puncts[0]; i++)
		if (puncts[i].cp == cp)
			return &puncts[i].g;
	return NULL;
}

bool font_pixel(const struct font_glyph *g, int x, int y)
{
	return g && x >= 0 && x < g->width && y >= 0 && y < FONT_HEIGHT &&
	       g->rows[y][x] == '#';
}

int font_width(const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += text_decode(s + i, len - i, &cp, NULL);
		const struct font_glyph *g = font_glyph(cp);
		if (g == NULL)
			return -1;
		w += (w > 0 ? 1 : 0) + g->width;
	}
	return w;
}

static void put(struct text_line *lines, size_t max, size_t k, size_t off,
		size_t len, int width)
{
	if (lines && k < max) {
		lines[k].off = off;
		lines[k].len = len;
		lines[k].width = width;
	}
}

/* The end of the word (or run of spaces) that starts at i. */
static size_t token_end(const char *s, size_t i)
{
	bool space = s[i] == ' ';
	while (s[i] && s[i] != '\n' && (s[i] == ' ') == space)
		i++;
	return i;
}

size_t font_wrap(const char *s, int width, struct text_line *lines, size_t max)
{
	size_t n = strlen(s), k = 0, start = 0, end = 0;
	if (n == 0 || width < 1)
		return 0;
	int lw = 0; /* the width of s[start..end), the line so far */
	bool words = false;
	for (size_t i = 0; i <= n;) {
		if (i == n || s[i] == '\n') {
			put(lines, max, k++, start, end - start, lw);
			start = end = ++i;
			lw = 0;
			continue;
		}
		size_t e = token_end(s, i);
		if (s[i] == ' ') {
			i = e; /* spaces count only between words */
			continue;
		}
		int ww = font_width(s + i, e - i);
		if (ww < 0 || ww > width)
			return 0;
		if (end == start)
			start = i; /* a line never starts with spaces */
		words = true;
		int with = font_width(s + start, e - start);
		if (end > start && with > width) {
			put(lines, max, k++, start, end - start, lw);
			start = i;
			with = ww;
		}
		end = e;
		lw = with;
		i = e;
	}
	return words ? k : 0; /* blanks alone would show nothing at all */
}
