/*
 * Layout and movement: the window changing size under a running session,
 * the too-small request, the chart growing with the terminal, and the keys
 * of a presentation clicker.
 */
#include "screen_util.h"

static char *screen(struct hs *h)
{
	char *t = hs_screen_text(h);
	assert_non_null(t);
	return t;
}

/* Counts on screen, read off the chart. */
static void expect_counts(struct hs *h, long a, long b)
{
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	int n = su_read_chart(h, counts, pcts, SU_MAX_BARS);
	if (n != 2 || counts[0] != a || counts[1] != b) {
		hs_dump(h, "counts");
		fail_msg("expected %ld and %ld", a, b);
	}
}

/* Rows that hold a piece of view v's bar, and the longest run of bar cells
 * on one of them. */
static void bar_size(struct hs *h, const char *glyph, int first_row, int *rows,
		     int *len)
{
	*rows = 0;
	*len = 0;
	for (int r = first_row; r < hs_rows(h) - 1; r++) {
		int run = 0, best = 0;
		for (int c = 0; c < hs_cols(h); c++) {
			struct hs_cell cell;
			hs_cell(h, r, c, &cell);
			/* A bar is cells painted in its colour, or glyphs. */
			bool on = strcmp(cell.text, glyph) == 0 ||
				  su_cell_painted(h, r, c);
			run = on ? run + 1 : 0;
			best = run > best ? run : best;
		}
		/* Large digits use the same block; a bar is longer. */
		if (best > 4) {
			(*rows)++;
			*len = best > *len ? best : *len;
		} else if (*rows > 0) {
			break;
		}
	}
}

static void test_resize_small_and_back(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1112");
	char *before = screen(h);

	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	/* Thin bars carry "COUNT (PCT%)". */
	su_expect(h, "3 (75%)");
	su_expect(h, "1 (25%)");
	su_expect(h, "1 / 7");
	expect_counts(h, 3, 1);
	/* Counting goes on at this size. */
	su_press(h, '2');
	su_expect(h, "2 (40%)");
	su_press(h, 'u');
	su_expect(h, "Undone: View 2 2 -> 1 (item 1)");
	/* The message goes with the next key; then the screen is as before. */
	su_press(h, HS_KEY_F(5));

	assert_int_not_equal(hs_resize(h, 24, 80), -1);
	char *after = screen(h);
	assert_string_equal(before, after);
	free(before);
	free(after);
	su_quit(&r);
	su_end(&r);
}

/* The 40x12 screen as a golden, apart from the resize test above so that
 * a layout change there does not hide whether resizing works. */
static void test_smallest_screen(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 12, 40, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1112");
	/* A key hint cut short ("Ente…") tells the facilitator nothing:
	 * the hints that do not fit are left out whole. */
	char *status = hs_row_text(h, 11);
	if (strstr(status, "…") != NULL) {
		hs_dump(h, "status line");
		fail_msg("a key hint is cut: \"%s\"", status);
	}
	free(status);
	hs_expect_golden(h, "item1-40x12");
	su_quit(&r);
	su_end(&r);
}

/*
 * The summary at the smallest size: whatever is cut must not change its
 * meaning ("not counted yet" cut to "not", the room's totals cut after
 * View 1), and the scroll mark must not land on the column header.
 */
static void test_summary_smallest(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 12, 40, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "122");
	su_press(h, HS_KEY_END);
	su_press(h, '1');
	su_press(h, 's');
	assert_int_equal(hs_row_find(h, "Summary"), 0);
	for (int down = 0; down < 2; down++) {
		for (int row = 1; row < 11; row++) {
			char *t = hs_row_text(h, row);
			size_t n = strlen(t);
			bool cut_not = strstr(t, " not") &&
				       !strstr(t, "not counted yet");
			bool cut_list = n > 0 && t[n - 1] == ',';
			bool mark_on_header =
				strstr(t, "leans") && strstr(t, "more");
			if (cut_not || cut_list || mark_on_header) {
				hs_dump(h, "summary at 40x12");
				fail_msg("row %d reads \"%s\"", row, t);
			}
			free(t);
		}
		for (int i = 0; i < 6; i++)
			su_press(h, HS_KEY_DOWN);
		su_expect(h, "7 Regarding");
	}
	su_quit(&r);
	su_end(&r);
}

static void test_too_small_and_back(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "11222");
	char *before = screen(h);

	assert_int_not_equal(hs_resize(h, 10, 30), -1);
	hs_expect_golden(h, "too-small");
	su_expect(h, "30 x 10");
	assert_true(hs_running(h));
	/* One short way: still too small, and it says so with the new size. */
	assert_int_not_equal(hs_resize(h, 24, 39), -1);
	su_expect(h, "39 x 24");
	assert_int_not_equal(hs_resize(h, 11, 80), -1);
	su_expect(h, "80 x 11");
	/* Just large enough: the session is back. */
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	su_expect(h, "2 / 7");
	su_expect(h, "2 (40%)");
	su_expect(h, "3 (60%)");

	assert_int_not_equal(hs_resize(h, 24, 80), -1);
	char *after = screen(h);
	assert_string_equal(before, after);
	free(before);
	free(after);
	expect_counts(h, 2, 3);
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 1, 0), 2);
	assert_int_equal(tally_get(&s.tally, 1, 1), 3);
	session_free(&s);
	su_end(&r);
}

static void test_large_terminal_large_chart(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "11112");
	int chart = hs_row_find(h, "and tools across");
	assert_true(chart > 0);
	int rows80, len80;
	bar_size(h, "█", chart + 1, &rows80, &len80);
	expect_counts(h, 4, 1);

	assert_int_not_equal(hs_resize(h, 48, 160), -1);
	hs_expect_golden(h, "item1-160x48");
	chart = hs_row_find(h, "across the sales force.");
	assert_true(chart > 0);
	int rows160, len160;
	bar_size(h, "█", chart + 1, &rows160, &len160);
	assert_true(rows160 > rows80);
	assert_true(len160 > len80);
	/* Large digits still, read off the screen. */
	expect_counts(h, 4, 1);
	su_quit(&r);
	su_end(&r);
}

static void test_clicker_navigation(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	assert_int_equal(hs_row_find(h, "Title"), 0);
	su_press(h, HS_KEY_PGDN);
	assert_int_equal(hs_row_find(h, "1 / 7"), 0);
	su_press(h, ' ');
	assert_int_equal(hs_row_find(h, "2 / 7"), 0);
	su_expect(h, "Regarding Sales Training Design and Delivery");
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(hs_row_find(h, "3 / 7"), 0);
	su_press(h, HS_KEY_PGDN);
	assert_int_equal(hs_row_find(h, "4 / 7"), 0);
	su_press(h, HS_KEY_PGUP);
	assert_int_equal(hs_row_find(h, "3 / 7"), 0);
	su_press(h, HS_KEY_LEFT);
	assert_int_equal(hs_row_find(h, "2 / 7"), 0);
	su_press(h, HS_KEY_BACKSPACE);
	assert_int_equal(hs_row_find(h, "1 / 7"), 0);
	su_press(h, HS_KEY_PGUP);
	assert_int_equal(hs_row_find(h, "Title"), 0);
	/* The title is the first screen. */
	su_press(h, HS_KEY_PGUP);
	assert_int_equal(hs_row_find(h, "Title"), 0);

	su_press(h, HS_KEY_END);
	assert_int_equal(hs_row_find(h, "7 / 7"), 0);
	su_expect(h, "Regarding the Need for Sales Training Strategy");
	su_press(h, HS_KEY_HOME);
	assert_int_equal(hs_row_find(h, "1 / 7"), 0);
	su_press(h, 's');
	assert_int_equal(hs_row_find(h, "Summary"), 0);
	su_press(h, 't');
	assert_int_equal(hs_row_find(h, "Title"), 0);
	/* Past the last item: summary, then closing. */
	su_press(h, HS_KEY_END);
	su_press(h, HS_KEY_PGDN);
	assert_int_equal(hs_row_find(h, "Summary"), 0);
	su_press(h, HS_KEY_PGDN);
	assert_int_equal(hs_row_find(h, "Closing"), 0);
	su_press(h, HS_KEY_PGUP);
	su_press(h, HS_KEY_PGUP);
	assert_int_equal(hs_row_find(h, "7 / 7"), 0);
	su_quit(&r);
	su_end(&r);
}

static void test_blank_screen(void **state)
{
	(void)state;
	static const int blankers[] = {'b', '.'};
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	for (size_t i = 0; i < 2; i++) {
		char *before = screen(h);
		su_press(h, blankers[i]);
		char *blank = screen(h);
		for (const char *p = blank; *p; p++)
			if (*p != '\n')
				fail_msg("blank screen shows \"%s\"", blank);
		free(blank);
		su_press(h, 'z');
		char *after = screen(h);
		assert_string_equal(before, after);
		free(after);
		/* The clicker's own blank key brings it back too. */
		su_press(h, blankers[i]);
		su_press(h, blankers[i]);
		after = screen(h);
		assert_string_equal(before, after);
		free(after);
		free(before);
	}
	su_quit(&r);
	su_end(&r);
}

/* F5 and Escape are on most clickers: neither may end the session. */
static void test_f5_escape_never_quit(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "122");
	char *before = screen(h);
	static const int keys[] = {HS_KEY_F(5), HS_KEY_ESC, HS_CTRL('l'),
				   HS_KEY_ESC, HS_KEY_F(5)};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		su_press(h, keys[i]);
		assert_true(hs_running(h));
		assert_true(hs_altscreen(h));
		char *now = screen(h);
		assert_string_equal(before, now);
		free(now);
	}
	free(before);
	/* Also on the title and the closing screen. */
	su_press(h, 't');
	su_press(h, HS_KEY_ESC);
	su_press(h, HS_KEY_F(5));
	assert_int_equal(hs_row_find(h, "Title"), 0);
	su_press(h, 's');
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_ESC);
	su_press(h, HS_KEY_F(5));
	assert_int_equal(hs_row_find(h, "Closing"), 0);
	assert_true(hs_running(h));
	su_quit(&r);
	su_end(&r);
}

/* Ctrl-S must not freeze the screen while keys go on counting unseen. */
static void test_ctrl_s_does_not_freeze(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_CTRL('s'));
	su_press(h, '1');
	su_expect(h, "1 hand ");
	su_press(h, '2');
	su_expect(h, "2 hands");
	su_quit(&r);
	su_end(&r);
}

/* A clicker pages through a long summary before it moves on. */
static void test_clicker_pages_long_summary(void **state)
{
	(void)state;
	char dir[64], deck[128];
	su_mkdtemp(dir, sizeof dir);
	char text[4096] = "title: Long\n";
	for (int i = 1; i <= 30; i++) {
		size_t n = strlen(text);
		snprintf(text + n, sizeof text - n,
			 "== Question %02d\n1: yes\n2: no\n", i);
	}
	su_write_file(dir, "long.deck", text, deck, sizeof deck);
	const char *argv[] = {"handsup", "--name", "long", deck, NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, 's');
	su_expect(h, "Question 01");
	su_expect_not(h, "Question 30");
	int pages = 0;
	while (!hs_screen_contains(h, "Question 30") && pages < 10) {
		su_press(h, HS_KEY_PGDN);
		assert_int_equal(hs_row_find(h, "Summary"), 0);
		pages++;
	}
	assert_true(pages >= 1 && pages < 10);
	/* At the end of the list the next press moves on. */
	su_press(h, HS_KEY_PGDN);
	assert_int_equal(hs_row_find(h, "Closing"), 0);
	su_press(h, HS_KEY_PGUP);
	assert_int_equal(hs_row_find(h, "Summary"), 0);
	su_expect(h, "Question 30");
	for (int i = 0; i < pages; i++)
		su_press(h, HS_KEY_PGUP);
	su_expect(h, "Question 01");
	su_press(h, HS_KEY_PGUP);
	assert_int_equal(hs_row_find(h, "30 / 30"), 0);
	su_quit(&r);
	su_end(&r);
	su_rm_rf(dir);
}

/* Tall and narrow: large digits must not push the counts off screen. */
static void test_tall_narrow_counts_stay(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 45, 40, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "c100");
	su_press(h, HS_KEY_ENTER);
	su_press(h, HS_KEY_TAB);
	su_presses(h, "c12");
	su_press(h, HS_KEY_ENTER);
	SU_EXPECT2(h, 100, 12);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resize_small_and_back),
		cmocka_unit_test(test_smallest_screen),
		cmocka_unit_test(test_summary_smallest),
		cmocka_unit_test(test_too_small_and_back),
		cmocka_unit_test(test_large_terminal_large_chart),
		cmocka_unit_test(test_clicker_navigation),
		cmocka_unit_test(test_blank_screen),
		cmocka_unit_test(test_f5_escape_never_quit),
		cmocka_unit_test(test_ctrl_s_does_not_freeze),
		cmocka_unit_test(test_tall_narrow_counts_stay),
		cmocka_unit_test(test_clicker_pages_long_summary),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
