/*
 * The room's space: from 120 x 36 up the item's heading is set in large
 * type, the percentages are as large as the counts, the views' texts keep
 * a readable measure, and the title, summary and closing screens use the
 * height.  "Empty" is a row of blanks on the screen's own background; at
 * 160 x 48 no more than half the rows of the title, summary and closing
 * screens may be empty, and no more than a third of the item screen's.
 */
#include "screen_util.h"

#include "base/font.h"

/* Rows that show nothing at all. */
static int empty_rows(struct hs *h)
{
	int n = 0;
	for (int r = 0; r < hs_rows(h); r++) {
		bool empty = true;
		for (int c = 0; c < hs_cols(h) && empty; c++)
			empty = su_cell_blank(h, r, c);
		n += empty;
	}
	return n;
}

static void expect_empty_at_most(struct hs *h, int most, const char *what)
{
	int n = empty_rows(h);
	/* The figure, for the log. */
	print_message("%s: %d of %d rows empty (at most %d)\n", what, n,
		      hs_rows(h), most);
	if (n > most) {
		hs_dump(h, what);
		fail_msg("%s: %d of %d rows are empty, %d at most", what, n,
			 hs_rows(h), most);
	}
}

/* Whether a cell shows the two pixels of large type that top and bot say. */
static bool pixels_are(struct hs *h, int row, int col, bool top, bool bot)
{
	if (top && bot)
		return su_cell_painted(h, row, col);
	if (top || bot)
		return su_cell_shows(h, row, col, top ? "▀" : "▄");
	return su_cell_blank(h, row, col);
}

/* Whether word (in the font's characters) is set in large type, scale 1,
 * from (row, col). */
static bool big_word_at(struct hs *h, int row, int col, const char *word)
{
	for (const char *p = word; *p; p++) {
		const struct font_glyph *g = font_glyph((unsigned char)*p);
		assert_non_null(g);
		for (int r = 0; r < 3; r++)
			for (int x = 0; x < g->width; x++)
				if (!pixels_are(h, row + r, col + x,
						font_pixel(g, x, 2 * r),
						font_pixel(g, x, 2 * r + 1)))
					return false;
		col += g->width + 1;
	}
	return true;
}

/* The row where word is set in large type, or -1. */
static int find_big(struct hs *h, const char *word)
{
	for (int r = 1; r < hs_rows(h) - 3; r++)
		for (int c = 0; c < hs_cols(h); c++)
			if (big_word_at(h, r, c, word))
				return r;
	return -1;
}

static void expect_big(struct hs *h, const char *word)
{
	if (find_big(h, word) < 0) {
		hs_dump(h, word);
		fail_msg("\"%s\" is not on the screen in large type", word);
	}
}

/* The widest line of text from row first to row last, from column col. */
static int text_measure(struct hs *h, int first, int last, int col)
{
	int most = 0;
	for (int r = first; r <= last; r++) {
		int end = col;
		for (int c = col; c < hs_cols(h); c++)
			if (!su_cell_blank(h, r, c))
				end = c + 1;
		most = end - col > most ? end - col : most;
	}
	return most;
}

static void test_item_large(void **state)
{
	(void)state;
	static const int sizes[][2] = {{36, 120}, {48, 160}};
	for (int i = 0; i < 2; i++) {
		struct su_run r;
		struct hs *h =
			su_start_default(&r, sizes[i][0], sizes[i][1], NULL);
		su_press(h, HS_KEY_RIGHT);
		su_presses(h, "1112");
		expect_big(h, "REGARDING");
		expect_big(h, "SCOPE");
		/* Set once, in large type only. */
		su_expect_not(h, "Regarding the Scope");
		/* Large counts, large percentages: none in plain digits. */
		SU_EXPECT2(h, 3, 1);
		su_expect_not(h, "%");
		/* The views' texts in a measure a reader can follow,
		 * centred. */
		int row, col;
		assert_true(hs_find(h, "Sales training’s role is to scale",
				    &row, &col));
		int w = text_measure(h, row, row + 2, col);
		assert_true(w <= 72);
		int left = col, right = hs_cols(h) - col - 72;
		assert_true(left - right <= 8 && right - left <= 8);
		if (sizes[i][1] == 160)
			expect_empty_at_most(h, 16,
					     "item at 160x48, no groups");
		su_quit(&r);
		su_end(&r);
	}
}

/*
 * The item screen with the room's groups and their bars.  (Before any
 * hand the bars have no length, and the rows they will fill are empty
 * until the first count.)
 */
static void test_item_groups_use_height(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--name", "t", NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 48, 160, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	expect_big(h, "REGARDING");
	su_presses(h, "112");
	su_press(h, 'g');
	su_presses(h, "21");
	expect_empty_at_most(h, 16, "item at 160x48, groups");
	su_quit(&r);
	su_end(&r);
}

/*
 * Solid digits: past the end of each bar, where the count is drawn, no
 * full-block glyph (rows of them show a seam between rows); the pixels
 * are cells painted in the view's colour, or reversed without colour.
 */
static void expect_solid_digits(struct hs *h)
{
	static const char *const bar[] = {"█", "▏", "▎", "▍",
					  "▌", "▋", "▊", "▉"};
	int painted = 0;
	for (int r = 1; r < hs_rows(h) - 1; r++) {
		/* Past the bar: painted cells too, and their eighth. */
		int c = 0;
		while (c < hs_cols(h) && !su_cell_painted(h, r, c))
			c++;
		for (bool on = true; on && c < hs_cols(h);) {
			on = su_cell_painted(h, r, c);
			for (size_t g = 0; g < sizeof bar / sizeof bar[0]; g++)
				on = on || su_cell_is(h, r, c, bar[g]);
			c += on;
		}
		for (; c < hs_cols(h); c++) {
			if (su_cell_is(h, r, c, "█")) {
				hs_dump(h, "solid digits");
				fail_msg("a full block at row %d, column %d", r,
					 c);
			}
			painted += su_cell_painted(h, r, c);
		}
	}
	assert_true(painted > 0);
}

static void test_solid_digits(void **state)
{
	(void)state;
	static const char *const mono[] = {"NO_COLOR=1", NULL};
	const char *const *envs[] = {NULL, mono};
	for (int i = 0; i < 2; i++) {
		struct su_run r;
		struct hs *h = su_start_default(&r, 24, 80, envs[i]);
		su_press(h, HS_KEY_RIGHT);
		su_presses(h, "1111112222");
		expect_solid_digits(h);
		SU_EXPECT2(h, 6, 4);
		assert_int_not_equal(hs_resize(h, 48, 160), -1);
		expect_solid_digits(h);
		SU_EXPECT2(h, 6, 4);
		su_quit(&r);
		su_end(&r);
	}
}

/* At 80 x 24 the heading stays in normal type, the percentages plain. */
static void test_item_normal_below(void **state)
{
	(void)state;
	static const int sizes[][2] = {{24, 80}, {35, 160}, {48, 119}};
	for (int i = 0; i < 3; i++) {
		struct su_run r;
		struct hs *h =
			su_start_default(&r, sizes[i][0], sizes[i][1], NULL);
		su_press(h, HS_KEY_RIGHT);
		su_presses(h, "1112");
		su_expect(h, "Regarding the Scope of Sales Training");
		su_expect(h, "75%");
		SU_EXPECT2(h, 3, 1);
		su_quit(&r);
		su_end(&r);
	}
}

/* A heading with a character the font lacks is set in normal type
 * whole, and so is every heading on an ASCII terminal. */
static void test_heading_falls_back(void **state)
{
	(void)state;
	struct su_run r;
	memset(&r, 0, sizeof r);
	su_mkdtemp(r.dir, sizeof r.dir);
	char deck[512];
	su_write_file(r.dir, "cafe.deck",
		      "title: Caf\xc3\xa9\n== Caf\xc3\xa9 or tea?\n1: Coffee\n"
		      "2: Tea\n",
		      deck, sizeof deck);
	snprintf(r.state_env, sizeof r.state_env, "HANDSUP_STATE_DIR=%s",
		 r.dir);
	const char *const argv[] = {"handsup", deck, NULL};
	struct hs *h = su_launch(&r, 48, 160, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Caf\xc3\xa9 or tea?");
	su_quit(&r);
	su_end(&r);

	static const char *const ascii[] = {"LC_ALL=C", NULL};
	h = su_start_default(&r, 48, 160, ascii);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	su_expect(h, "Regarding the Scope of Sales Training");
	su_expect(h, "50%");
	/* Over the views' texts, which keep their measure. */
	int hr, hc, vr, vc;
	assert_true(hs_find(h, "Regarding the Scope", &hr, &hc));
	assert_true(hs_find(h, "View 1", &vr, &vc));
	assert_int_equal(vc, hc + 2);
	assert_true(hc > 20);
	su_quit(&r);
	su_end(&r);
}

/*
 * On a single screen the note stays behind i; on a room's screen its box
 * opens below the large heading, which stays whole.
 */
static void test_note_below_large_heading(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 48, 160, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect_not(h, "Is training about");
	su_press(h, 'i');
	su_expect(h, "Is training about the individual rep");
	int head = find_big(h, "REGARDING");
	assert_true(head > 0);
	int box = hs_row_find(h, "Note (i hides it)");
	assert_true(box >= head + 3);
	su_press(h, 'i');
	su_expect_not(h, "Is training about");
	su_quit(&r);
	su_end(&r);
}

static void test_title_uses_height(void **state)
{
	(void)state;
	static const char *const with_groups[] = {"handsup", "--name", "t",
						  NULL};
	static const char *const no_groups[] = {"handsup", "--name", "t",
						"--no-groups", NULL};
	const char *const *argvs[] = {with_groups, no_groups};
	for (int i = 0; i < 2; i++) {
		struct su_run r;
		struct hs *h = su_start(&r, 48, 160, argvs[i], NULL);
		expect_big(h, "WIDENING");
		su_expect(h, "Press Right, PageDown or Space to begin");
		expect_empty_at_most(h, 24,
				     i == 0 ? "title at 160x48, groups"
					    : "title at 160x48, no groups");
		su_quit(&r);
		su_end(&r);
	}
}

/* Some hands on every item, so that the summary and closing have
 * something to show. */
static void count_items(struct hs *h, bool groups)
{
	for (int i = 0; i < 7; i++) {
		su_press(h, HS_KEY_RIGHT);
		su_presses(h, i % 2 ? "112" : "1222");
		if (groups) {
			su_press(h, 'g');
			su_presses(h, i % 3 ? "11" : "2");
		}
	}
}

static void test_summary_and_closing_use_height(void **state)
{
	(void)state;
	static const char *const with_groups[] = {"handsup", "--name", "t",
						  NULL};
	static const char *const no_groups[] = {"handsup", "--name", "t",
						"--no-groups", NULL};
	const char *const *argvs[] = {with_groups, no_groups};
	for (int i = 0; i < 2; i++) {
		struct su_run r;
		struct hs *h = su_start(&r, 48, 160, argvs[i], NULL);
		count_items(h, i == 0);
		su_press(h, 's');
		expect_empty_at_most(h, 24,
				     i == 0 ? "summary at 160x48, groups"
					    : "summary at 160x48, no groups");
		su_press(h, HS_KEY_RIGHT);
		assert_int_equal(hs_row_find(h, "Closing"), 0);
		expect_empty_at_most(h, 24,
				     i == 0 ? "closing at 160x48, groups"
					    : "closing at 160x48, no groups");
		su_quit(&r);
		su_end(&r);
	}
}

/* The last row that shows text starting with prefix, or -1. */
static int last_row_with(struct hs *h, const char *text)
{
	int last = -1;
	for (int r = 0; r < hs_rows(h); r++) {
		char *t = hs_row_text(h, r);
		if (t && strstr(t, text))
			last = r;
		free(t);
	}
	return last;
}

/* A long summary: "more v" below the last item shown, on a row of its
 * own at every size. */
static void test_summary_scroll_mark(void **state)
{
	(void)state;
	char dir[64], deck[128];
	su_mkdtemp(dir, sizeof dir);
	char text[4096] = "title: Long\n";
	for (int i = 1; i <= 60; i++) {
		size_t n = strlen(text);
		snprintf(text + n, sizeof text - n,
			 "== Question %02d\n1: yes\n2: no\n", i);
	}
	su_write_file(dir, "long.deck", text, deck, sizeof deck);
	static const int sizes[][2] = {{24, 80}, {48, 160}};
	for (int i = 0; i < 2; i++) {
		const char *argv[] = {"handsup", "--name", "long", deck, NULL};
		struct su_run r;
		struct hs *h =
			su_start(&r, sizes[i][0], sizes[i][1], argv, NULL);
		su_press(h, 's');
		int mark = hs_row_find(h, "more v");
		int last = last_row_with(h, "Question");
		if (mark <= last || last < 0) {
			hs_dump(h, "scroll mark");
			fail_msg("\"more v\" on row %d, the last item on %d",
				 mark, last);
		}
		su_quit(&r);
		su_end(&r);
	}
	su_rm_rf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_item_large),
		cmocka_unit_test(test_item_groups_use_height),
		cmocka_unit_test(test_item_normal_below),
		cmocka_unit_test(test_solid_digits),
		cmocka_unit_test(test_heading_falls_back),
		cmocka_unit_test(test_note_below_large_heading),
		cmocka_unit_test(test_title_uses_height),
		cmocka_unit_test(test_summary_and_closing_use_height),
		cmocka_unit_test(test_summary_scroll_mark),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
