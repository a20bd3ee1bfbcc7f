/*
 * What the room is shown while the facilitator works: results hidden
 * while hands are still counted, and a screen blanked to black or white.
 */
#include "screen_util.h"

/* Whether any cell of the body shows a percentage or a bar. */
static bool shows_results(struct hs *h)
{
	for (int r = 1; r < hs_rows(h) - 1; r++) {
		char *t = hs_row_text(h, r);
		bool found = strchr(t, '%') || strstr(t, "\u2588");
		free(t);
		if (found)
			return true;
	}
	return false;
}

static void test_hide_and_reveal(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "112");
	assert_true(shows_results(h));
	su_press(h, 'h');
	/* An unmistakable marker for the facilitator; nothing for the room. */
	assert_int_equal(hs_row_find(h, "HIDDEN"), 0);
	su_expect_not(h, "3 hands");
	assert_false(shows_results(h));
	su_expect(h, "Results are hidden from the room");
	/* Counting goes on, blind; typed counts say no number. */
	su_presses(h, "1");
	su_press(h, 'c');
	su_press(h, '5');
	su_press(h, HS_KEY_ENTER);
	su_expect(h, "View 1 set; results hidden");
	su_expect_not(h, "5 (");
	assert_false(shows_results(h));
	/* The summary and closing keep them hidden too. */
	su_press(h, 's');
	assert_false(shows_results(h));
	su_expect(h, "hidden");
	su_press(h, HS_KEY_RIGHT);
	assert_false(shows_results(h));
	su_press(h, HS_KEY_HOME);
	/* h again: the counts as counted. */
	su_press(h, 'h');
	su_expect_not(h, "HIDDEN");
	SU_EXPECT2(h, 5, 1);
	su_quit(&r);
	su_end(&r);
}

static void test_hidden_survives_resume(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	su_press(h, 'h');
	kill(hs_pid(h), SIGKILL);
	int status;
	hs_finish(h, &status);
	su_forget(&r);
	static const char *const argv[] = {"handsup", "resume", "screen test",
					   NULL};
	h = su_launch(&r, 24, 80, argv, NULL);
	assert_int_equal(hs_row_find(h, "HIDDEN"), 0);
	assert_false(shows_results(h));
	su_press(h, 'h');
	SU_EXPECT2(h, 1, 1);
	su_quit(&r);
	struct session s;
	su_load(r.dir, &s);
	assert_false(s.hidden);
	session_free(&s);
	su_end(&r);
}

static void test_blank_black_and_white(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'w');
	/* White: every cell painted, no text. */
	struct hs_cell c;
	assert_true(hs_cell(h, 12, 40, &c));
	int white = c.bg;
	assert_true(white != HS_COLOR_DEFAULT);
	assert_true(hs_cell(h, 0, 0, &c));
	assert_int_equal(c.bg, white);
	assert_true(hs_cell(h, 23, 79, &c));
	assert_int_equal(c.bg, white);
	su_expect_not(h, "Regarding");
	/* Any key brings it back, and does nothing else. */
	su_press(h, '1');
	su_expect(h, "Regarding the Scope");
	SU_EXPECT2(h, 0, 0);
	su_press(h, 'b');
	su_expect_not(h, "Regarding");
	/* Black is painted black, whatever the window's own colour. */
	assert_true(hs_cell(h, 12, 40, &c));
	assert_int_equal(c.bg, 16);
	assert_true(hs_cell(h, 23, 79, &c));
	assert_int_equal(c.bg, 16);
	su_press(h, HS_KEY_PGDN);
	assert_int_equal(hs_row_find(h, "1 / 7"), 0);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hide_and_reveal),
		cmocka_unit_test(test_hidden_survives_resume),
		cmocka_unit_test(test_blank_black_and_white),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
