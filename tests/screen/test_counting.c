/*
 * Counting as the facilitator does it: a hand per key, the selected view
 * adjusted, typed counts, undo and redo, clearing an item.  Every check
 * reads the chart off the screen on the frame that follows the key, so a
 * count that is saved but not yet drawn counts as wrong.
 */
#include "screen_util.h"

/* The marker sits on the selected view's bar. */
static int selected_bar(struct hs *h)
{
	int row, col;
	if (!hs_find(h, "▶ View", &row, &col))
		return -1;
	/* The first marker is the one beside the view's text; the chart's
	 * labels are further down, so look from the bottom. */
	int found = -1;
	for (int r = hs_rows(h) - 2; r > 0 && found < 0; r--) {
		char *t = hs_row_text(h, r);
		const char *m = strstr(t, "▶ View ");
		if (m && strstr(t, "%"))
			found = m[strlen("▶ View ")] - '1';
		free(t);
	}
	return found;
}

static void test_number_keys_add_a_hand(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	SU_EXPECT2(h, 0, 0);
	/* Each key shows its hand on the very next frame. */
	su_press(h, '1');
	SU_EXPECT2(h, 1, 0);
	su_press(h, '2');
	SU_EXPECT2(h, 1, 1);
	su_press(h, '2');
	SU_EXPECT2(h, 1, 2);
	su_press(h, '1');
	SU_EXPECT2(h, 2, 2);
	/* A view this item does not have changes nothing. */
	su_press(h, '3');
	su_press(h, '6');
	SU_EXPECT2(h, 2, 2);
	for (int i = 0; i < 9; i++)
		su_press(h, '1');
	SU_EXPECT2(h, 11, 2);
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 0, 0), 11);
	assert_int_equal(tally_get(&s.tally, 0, 1), 2);
	session_free(&s);
	su_end(&r);
}

static void test_select_and_adjust(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(selected_bar(h), 0);
	su_press(h, '+');
	su_press(h, '=');
	SU_EXPECT2(h, 2, 0);
	su_press(h, HS_KEY_TAB);
	assert_int_equal(selected_bar(h), 1);
	su_press(h, '+');
	SU_EXPECT2(h, 2, 1);
	su_press(h, HS_KEY_UP);
	assert_int_equal(selected_bar(h), 0);
	su_press(h, '-');
	SU_EXPECT2(h, 1, 1);
	su_press(h, HS_KEY_DOWN);
	assert_int_equal(selected_bar(h), 1);
	su_press(h, HS_KEY_BTAB);
	assert_int_equal(selected_bar(h), 0);
	/* No count goes below zero, however often '-' is pressed. */
	su_press(h, '-');
	SU_EXPECT2(h, 0, 1);
	su_press(h, '-');
	su_press(h, '-');
	SU_EXPECT2(h, 0, 1);
	su_press(h, '+');
	SU_EXPECT2(h, 1, 1);
	su_quit(&r);
	su_end(&r);
}

static void test_typed_counts(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_ENTER);
	su_expect(h, "View 1 count:");
	su_presses(h, "129");
	su_expect(h, "129");
	su_press(h, HS_KEY_BACKSPACE);
	su_press(h, '7');
	/* Nothing counts before Enter. */
	SU_EXPECT2(h, 0, 0);
	su_press(h, HS_KEY_ENTER);
	su_expect_not(h, "View 1 count:");
	SU_EXPECT2(h, 127, 0);

	/* 'c' types for the selected view; Escape leaves it as it was. */
	su_press(h, HS_KEY_TAB);
	su_press(h, 'c');
	su_expect(h, "View 2 count:");
	su_presses(h, "55");
	su_press(h, HS_KEY_ESC);
	su_expect_not(h, "View 2 count:");
	SU_EXPECT2(h, 127, 0);
	assert_true(hs_running(h));

	su_press(h, 'c');
	su_presses(h, "73");
	su_press(h, HS_KEY_ENTER);
	SU_EXPECT2(h, 127, 73);
	/* Typing replaces the count, down as well as up. */
	su_press(h, HS_KEY_ENTER);
	su_press(h, '0');
	su_press(h, HS_KEY_ENTER);
	SU_EXPECT2(h, 127, 0);
	/* A seventh digit is refused, and the entry says why. */
	su_press(h, 'c');
	su_presses(h, "1234567");
	su_expect(h, "View 2 count: 123456_   6 digits at most");
	su_press(h, HS_KEY_BACKSPACE);
	su_expect(h, "View 2 count: 12345_   Enter sets");
	su_press(h, HS_KEY_ESC);
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 0, 0), 127);
	assert_int_equal(tally_get(&s.tally, 0, 1), 0);
	session_free(&s);
	su_end(&r);
}

static void test_undo_redo(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "112");
	SU_EXPECT2(h, 2, 1);
	su_press(h, 'u');
	SU_EXPECT2(h, 2, 0);
	su_press(h, 'u');
	SU_EXPECT2(h, 1, 0);
	su_press(h, 'r');
	SU_EXPECT2(h, 2, 0);
	su_press(h, HS_CTRL('r'));
	SU_EXPECT2(h, 2, 1);
	/* Nothing left to redo. */
	su_press(h, 'r');
	SU_EXPECT2(h, 2, 1);

	/* Undo reaches back to another item and shows it. */
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "22");
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "4 / 7");
	su_press(h, 'u');
	su_expect(h, "2 / 7");
	SU_EXPECT2(h, 0, 1);
	su_press(h, 'u');
	su_press(h, 'u');
	su_expect(h, "1 / 7");
	SU_EXPECT2(h, 2, 0);
	/* A new change drops what could be redone. */
	su_press(h, '1');
	SU_EXPECT2(h, 3, 0);
	su_press(h, 'r');
	SU_EXPECT2(h, 3, 0);
	su_expect(h, "1 / 7");
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 0, 0), 3);
	assert_int_equal(tally_get(&s.tally, 0, 1), 0);
	assert_int_equal(tally_get(&s.tally, 1, 1), 0);
	session_free(&s);
	su_end(&r);
}

static void test_reset_item(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "11122");
	su_press(h, 'x');
	su_expect(h, "Clear every count of this item? y / n");
	/* 'n' keeps the counts. */
	su_press(h, 'n');
	su_expect_not(h, "Clear every count");
	SU_EXPECT2(h, 3, 2);
	/* Escape cancels too. */
	su_press(h, 'x');
	su_press(h, HS_KEY_ESC);
	SU_EXPECT2(h, 3, 2);
	su_press(h, 'x');
	su_press(h, 'y');
	SU_EXPECT2(h, 0, 0);
	su_press(h, 'u');
	SU_EXPECT2(h, 3, 2);
	su_press(h, 'r');
	SU_EXPECT2(h, 0, 0);
	su_press(h, 'u');
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 0, 0), 3);
	assert_int_equal(tally_get(&s.tally, 0, 1), 2);
	session_free(&s);
	su_end(&r);
}

/* Three views: the shares are rounded so that they still make 100. */
static void test_percentages_add_up(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const argv[] = {
		"handsup", "--no-groups",	   "--name",
		"three",   "content/starter.deck", NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Releases");
	SU_EXPECT3(h, 0, 0, 0);
	su_press(h, '1');
	SU_EXPECT3(h, 1, 0, 0);
	su_press(h, '2');
	SU_EXPECT3(h, 1, 1, 0);
	su_press(h, '3');
	SU_EXPECT3(h, 1, 1, 1);
	su_press(h, '3');
	su_press(h, '3');
	su_press(h, '3');
	SU_EXPECT3(h, 1, 1, 4);
	su_press(h, '2');
	SU_EXPECT3(h, 1, 2, 4);
	/* 1/7, 2/7, 4/7 all have large remainders; the last key selected
	 * view 2, so the typed count is its. */
	su_press(h, HS_KEY_ENTER);
	su_presses(h, "100");
	su_press(h, HS_KEY_ENTER);
	SU_EXPECT3(h, 1, 100, 4);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_keys_add_a_hand),
		cmocka_unit_test(test_select_and_adjust),
		cmocka_unit_test(test_typed_counts),
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_reset_item),
		cmocka_unit_test(test_percentages_add_up),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
