/*
 * The themes as the room sees them: every cell's colours read back from
 * the terminal, and the contrast of each pair computed from xterm's
 * palette, on the title, item, summary, closing and help screens; bars
 * as painted cells; and the theme that --theme auto picks from the
 * terminal's answer.
 */
#include <math.h>

#include "screen_util.h"

/* xterm's 256 colours: its 16 defaults, the 6x6x6 cube, the greys. */
static void rgb_of(int n, double rgb[3])
{
	static const unsigned char base[16][3] = {
		{0, 0, 0},	 {205, 0, 0},	{0, 205, 0},   {205, 205, 0},
		{0, 0, 238},	 {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},	{0, 255, 0},   {255, 255, 0},
		{92, 92, 255},	 {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	int v[3];
	if (n < 16) {
		for (int i = 0; i < 3; i++)
			v[i] = base[n][i];
	} else if (n < 232) {
		n -= 16;
		v[0] = level[n / 36];
		v[1] = level[n / 6 % 6];
		v[2] = level[n % 6];
	} else {
		v[0] = v[1] = v[2] = 8 + 10 * (n - 232);
	}
	for (int i = 0; i < 3; i++)
		rgb[i] = v[i] / 255.0;
}

static double luminance(int n)
{
	double c[3];
	rgb_of(n, c);
	for (int i = 0; i < 3; i++)
		c[i] = c[i] <= 0.04045 ? c[i] / 12.92
				       : pow((c[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* WCAG 2's contrast ratio of two palette colours. */
static double contrast(int a, int b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* A block or shade glyph is a mark, not text: 3:1 is its need. */
static bool is_block(const char *t)
{
	return (unsigned char)t[0] == 0xe2 && (unsigned char)t[1] == 0x96 &&
	       (unsigned char)t[2] >= 0x80 && (unsigned char)t[2] <= 0x9f;
}

/* The most common background: what the theme paints the screen with. */
static int paper(struct hs *h)
{
	static int count[256];
	memset(count, 0, sizeof count);
	for (int r = 0; r < hs_rows(h); r++)
		for (int c = 0; c < hs_cols(h); c++) {
			struct hs_cell cell;
			if (hs_cell(h, r, c, &cell) && cell.bg >= 0 &&
			    cell.bg < 256)
				count[cell.bg]++;
		}
	int best = 0;
	for (int i = 1; i < 256; i++)
		if (count[i] > count[best])
			best = i;
	return best;
}

/* Whether row is painted in one colour from its first cell to its last. */
static bool edge_to_edge(struct hs *h, int row, int pap)
{
	struct hs_cell a, b;
	return hs_cell(h, row, 0, &a) && hs_cell(h, row, hs_cols(h) - 1, &b) &&
	       a.bg == b.bg && a.bg != pap;
}

/*
 * Every cell of the screen, in a colour theme: its colours are the
 * theme's own (never the terminal's default, which the room's window
 * may make anything), text has 4.5:1 against its background, and marks
 * (bars, large digits) 3:1 against the screen's paper.  Returns the
 * lowest ratio of text seen.
 */
static double check_contrast(struct hs *h, const char *what, int want_paper)
{
	int pap = paper(h), bad = 0;
	double lowest = 99;
	assert_int_equal(pap, want_paper);
	for (int r = 0; r < hs_rows(h); r++)
		for (int c = 0; c < hs_cols(h); c++) {
			struct hs_cell cell;
			assert_true(hs_cell(h, r, c, &cell));
			if (cell.fg < 0 || cell.bg < 0 || cell.fg > 255 ||
			    cell.bg > 255) {
				fprintf(stderr,
					"%s: (%d,%d) default or RGB colour %d "
					"on %d\n",
					what, r, c, cell.fg, cell.bg);
				bad++;
				continue;
			}
			bool painted = !cell.text[0] && cell.fg == cell.bg;
			/* xterm draws bold text in 0-7 in their bright 8-15. */
			int fg = cell.fg < 8 && cell.bold ? cell.fg + 8
							  : cell.fg;
			double ratio = painted ? contrast(cell.bg, pap)
					       : contrast(fg, cell.bg);
			double need =
				painted || is_block(cell.text) ? 3.0 : 4.5;
			if (!cell.text[0] && !painted) {
				/* A block of colour (a banner) must stand out
				 * from the paper, unless it runs edge to edge
				 * (the top bar, the status line). */
				if (cell.bg == pap || edge_to_edge(h, r, pap))
					continue;
				ratio = contrast(cell.bg, pap);
				need = 3.0;
			}
			if (cell.text[0] && !is_block(cell.text) &&
			    ratio < lowest)
				lowest = ratio;
			if (ratio < need) {
				fprintf(stderr,
					"%s: (%d,%d) '%s' %d on %d: %.2f:1, "
					"needs %.1f\n",
					what, r, c, cell.text, cell.fg, cell.bg,
					ratio, need);
				bad++;
			}
		}
	if (bad)
		hs_dump(h, what);
	assert_int_equal(bad, 0);
	return lowest;
}

/* Title, item with counts, help, summary, closing: each checked. */
static void walk(struct hs *h, const char *theme, int want_paper)
{
	char what[64];
	snprintf(what, sizeof what, "%s title", theme);
	check_contrast(h, what, want_paper);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1122212");
	snprintf(what, sizeof what, "%s item", theme);
	double low = check_contrast(h, what, want_paper);
	fprintf(stderr, "%s: lowest text contrast %.2f:1\n", what, low);
	su_press(h, '?');
	snprintf(what, sizeof what, "%s help", theme);
	check_contrast(h, what, want_paper);
	su_press(h, '?');
	su_press(h, 's');
	snprintf(what, sizeof what, "%s summary", theme);
	check_contrast(h, what, want_paper);
	su_press(h, HS_KEY_RIGHT);
	snprintf(what, sizeof what, "%s closing", theme);
	check_contrast(h, what, want_paper);
}

static void test_dark(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--theme", "dark",
					   "--name",  "t",	 NULL};
	struct su_run r;
	/* A white window: the theme paints its own black. */
	struct hs *h =
		su_start_on(&r, "rgb:ffff/ffff/ffff", 24, 80, argv, NULL);
	walk(h, "dark", 16);
	su_quit(&r);
	su_end(&r);
}

static void test_light(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--theme", "light",
					   "--name",  "t",	 NULL};
	struct su_run r;
	struct hs *h =
		su_start_on(&r, "rgb:0000/0000/0000", 24, 80, argv, NULL);
	walk(h, "light", 231);
	su_quit(&r);
	su_end(&r);
}

static void test_room_size(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--theme", "light",
					   "--name",  "t",	 NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 48, 160, argv, NULL);
	walk(h, "light 160x48", 231);
	su_quit(&r);
	su_end(&r);
}

/*
 * Waits until the screen's paper is want (the terminal's answer redraws
 * the first frame in a frame of its own, which may or may not have come
 * in with the first); false if it never is.
 */
static bool until_paper(struct hs *h, int want)
{
	while (paper(h) != want)
		if (hs_wait_frame(h) == -1)
			return false;
	return true;
}

/* Sends key and waits until text shows, frames counted or not. */
static void key_until(struct hs *h, int key, const char *text)
{
	assert_int_not_equal(hs_send_key(h, key), -1);
	while (!hs_screen_contains(h, text))
		if (hs_wait_frame(h) == -1) {
			hs_dump(h, text);
			fail_msg("\"%s\" never came", text);
		}
}

/*
 * xterm's own terminal type has 8 colours: dark from those, painted
 * black, at the same contrast; light cannot be had and is mono.
 */
static void test_eight_colours(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--theme", "dark",
					   "--name",  "t",	 NULL};
	static const char *const auto_argv[] = {"handsup", "--name", "t", NULL};
	static const char *const xterm[] = {"TERM=xterm", NULL};
	struct su_run r;
	struct hs *h =
		su_start_on(&r, "rgb:ffff/ffff/ffff", 24, 80, argv, xterm);
	walk(h, "dark, 8 colours", 0);
	su_quit(&r);
	su_end(&r);

	h = su_start_on(&r, "rgb:ffff/ffff/ffff", 24, 80, auto_argv, xterm);
	/* The answer (a light window, light needs 256 colours: mono) is
	 * drawn in a frame of its own: wait for what it shows, and for
	 * what each key shows, rather than for frame numbers. */
	while (hs_screen_has_color(h))
		assert_int_not_equal(hs_wait_frame(h), -1);
	key_until(h, HS_KEY_RIGHT, "0 hands");
	key_until(h, '1', "1 hand");
	key_until(h, '2', "2 hands");
	assert_false(hs_screen_has_color(h));
	key_until(h, 'T', "Theme dark"); /* mono -> dark */
	assert_int_equal(paper(h), 0);
	key_until(h, 'T',
		  "Theme light: this terminal has too few colours; now mono");
	su_quit(&r);
	su_end(&r);
}

/* auto: a light terminal gets light, one that does not say gets dark. */
static void test_auto(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--name", "t", NULL};
	struct su_run r;
	struct hs *h =
		su_start_on(&r, "rgb:ffff/ffff/ffff", 24, 80, argv, NULL);
	assert_true(until_paper(h, 231));
	/* The answer was no key: no screen moved, and its letters (the 'c'
	 * that ends a device-attributes answer, for one) did nothing. */
	assert_int_equal(hs_row_find(h, "Title"), 0);
	su_expect_not(h, "Counting keys");
	key_until(h, HS_KEY_RIGHT, "0 hands");
	su_quit(&r);
	su_end(&r);

	h = su_start_on(&r, "rgb:1e1e/1e1e/2020", 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(paper(h), 16);
	su_quit(&r);
	su_end(&r);

	/* libvterm answers only DA1: dark, at once. */
	h = su_start(&r, 24, 80, argv, NULL);
	assert_int_equal(paper(h), 16);
	su_quit(&r);
	su_end(&r);

	/* NO_COLOR: mono, the terminal's own colours. */
	static const char *const nc[] = {"NO_COLOR=1", NULL};
	h = su_start_on(&r, "rgb:ffff/ffff/ffff", 24, 80, argv, nc);
	su_press(h, HS_KEY_RIGHT);
	assert_false(hs_screen_has_color(h));
	su_quit(&r);
	su_end(&r);
}

/* T: dark, light, mono, dark; the status line says which. */
static void test_cycle(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--theme", "dark",
					   "--name",  "t",	 NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	assert_int_equal(paper(h), 16);
	su_press(h, 'T');
	su_expect(h, "Theme light");
	assert_int_equal(paper(h), 231);
	su_press(h, 'T');
	su_expect(h, "Theme mono");
	assert_false(hs_screen_has_color(h));
	su_press(h, 'T');
	su_expect(h, "Theme dark");
	assert_int_equal(paper(h), 16);
	/* Nothing was counted by it. */
	su_expect(h, "2 hands");
	su_quit(&r);
	su_end(&r);
}

/* The first column of a bar on row; -1 if none. */
static int bar_start(struct hs *h, int row)
{
	for (int c = 0; c < hs_cols(h); c++) {
		struct hs_cell cell;
		assert_true(hs_cell(h, row, c, &cell));
		if (!cell.text[0] && cell.bg >= 0 && cell.bg == cell.fg &&
		    cell.bg != paper(h))
			return c;
	}
	return -1;
}

/*
 * Bars are cells painted in the view's colour: no glyph in them, so no
 * seam between stacked rows; the bar ends in one eighth block in the
 * view's colour, or (--bars full) in a whole cell; --bars ascii draws
 * characters.
 */
static void test_solid_bars(void **state)
{
	(void)state;
	static const char *const blocks[] = {"handsup",	    "--theme", "dark",
					     "--no-groups", "--name",  "t",
					     NULL};
	static const char *const full[] = {"handsup", "--theme", "dark",
					   "--bars",  "full",	 "--no-groups",
					   "--name",  "t",	 NULL};
	static const char *const ascii[] = {"handsup",	   "--bars", "ascii",
					    "--no-groups", "--name", "t",
					    NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, blocks, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1121"); /* 3 : 1, so bars end inside a cell */
	int rows = 0, eighths = 0;
	for (int row = 1; row < 23; row++) {
		int c = bar_start(h, row);
		if (c < 0)
			continue;
		rows++;
		struct hs_cell first, cell;
		assert_true(hs_cell(h, row, c, &first));
		while (hs_cell(h, row, c, &cell) && !cell.text[0] &&
		       cell.bg == first.bg)
			c++;
		/* The view's colour: 214 for view 1, 117 for view 2. */
		assert_true(first.bg == 214 || first.bg == 117);
		if (is_block(cell.text)) {
			assert_int_equal(cell.fg, first.bg);
			eighths++;
		}
	}
	assert_true(rows >= 4);
	assert_true(eighths >= 2);
	su_quit(&r);
	su_end(&r);

	h = su_start(&r, 24, 80, full, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1121");
	char *t = hs_screen_text(h);
	assert_null(strstr(t, "\u258f")); /* no eighth blocks at all */
	assert_null(strstr(t, "\u258c"));
	assert_non_null(strstr(t, "\u2588"));
	free(t);
	su_quit(&r);
	su_end(&r);

	h = su_start(&r, 24, 80, ascii, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1121");
	su_expect(h, "####");
	su_expect(h, "====");
	su_quit(&r);
	su_end(&r);
}

/* A misspelt theme or bar style: said plainly, and no screen opened. */
static void expect_refused(const char *const argv[], const char *msg)
{
	struct hs *h = hs_start(24, 80, argv, NULL);
	assert_non_null(h);
	int st;
	hs_finish(h, &st);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 64);
	if (!hs_screen_contains(h, msg))
		hs_dump(h, msg);
	assert_true(hs_screen_contains(h, msg));
	assert_false(hs_altscreen(h));
	hs_free(h);
}

static void test_bad_options(void **state)
{
	(void)state;
	static const char *const theme[] = {"handsup", "--theme", "pink", NULL};
	static const char *const bars[] = {"handsup", "--bars", "auto", NULL};
	expect_refused(theme,
		       "--theme takes auto, dark, light or mono, not 'pink'");
	expect_refused(bars, "--bars takes blocks, full or ascii, not 'auto'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dark),
		cmocka_unit_test(test_light),
		cmocka_unit_test(test_room_size),
		cmocka_unit_test(test_auto),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_solid_bars),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_eight_colours),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
