/*
 * The projector check, as the facilitator sets up the room: handsup
 * projector on its own, and P on the title screen of a session.
 */
#include "screen_util.h"

/* The frame along the edges: its four corners where the screen ends. */
static void expect_frame(struct hs *h)
{
	int rows = hs_rows(h), cols = hs_cols(h);
	if (!su_cell_is(h, 0, 0, "┌") || !su_cell_is(h, 0, cols - 1, "┐") ||
	    !su_cell_is(h, rows - 1, 0, "└") ||
	    !su_cell_is(h, rows - 1, cols - 1, "┘"))
		hs_dump(h, "frame");
	assert_true(su_cell_is(h, 0, 0, "┌"));
	assert_true(su_cell_is(h, 0, cols - 1, "┐"));
	assert_true(su_cell_is(h, rows - 1, 0, "└"));
	assert_true(su_cell_is(h, rows - 1, cols - 1, "┘"));
}

/* The colour of the painted bar on the row of label "View v"; -1 none. */
static int bar_colour(struct hs *h, int v)
{
	char label[16];
	snprintf(label, sizeof label, "View %d", v);
	int row, col;
	if (!hs_find(h, label, &row, &col))
		return -1;
	for (int c = col + 6; c < hs_cols(h); c++) {
		struct hs_cell cell;
		assert_true(hs_cell(h, row, c, &cell));
		if (!cell.text[0] && cell.bg >= 0 && cell.bg == cell.fg)
			return cell.bg;
	}
	return -1;
}

static void test_check_screen(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "projector", NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	expect_frame(h);
	su_expect(h, "Projector check: 80 x 24, theme dark");
	su_expect(h, "until this frame just fills the projected screen");
	su_expect(h, "Any key returns");
	su_expect(h, "The smallest text");
	/* Every role by name, and six bars in six colours. */
	su_expect(h, "Title");
	su_expect(h, "Warning");
	int colours[6];
	for (int v = 0; v < 6; v++) {
		colours[v] = bar_colour(h, v + 1);
		assert_true(colours[v] >= 16);
		for (int u = 0; u < v; u++)
			assert_int_not_equal(colours[u], colours[v]);
	}
	/* The large digits, 0 to 9. */
	int row, col;
	assert_true(hs_find(h, "█▀█ ▄█", &row, &col));
	/* The frame follows the terminal. */
	assert_int_not_equal(hs_resize(h, 48, 160), -1);
	expect_frame(h);
	su_expect(h, "160 x 48");
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	expect_frame(h);
	su_expect(h, "Make the terminal's font larger");
	/* Any key returns: here, to the shell, with the terminal restored. */
	hs_send_key(h, 'x');
	int st;
	hs_finish(h, &st);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_true(hs_terminal_restored(h));
	su_end(&r);
}

static void test_check_mono_ascii(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "projector", "--mono",
					   "--ascii", NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	assert_true(su_cell_is(h, 0, 0, "+"));
	assert_true(su_cell_is(h, 23, 79, "+"));
	su_expect(h, "theme mono");
	assert_false(hs_screen_has_color(h));
	assert_true(su_screen_ascii(h));
	su_expect(h, "####");
	su_expect(h, "====");
	hs_send_key(h, HS_KEY_ESC);
	int st;
	hs_finish(h, &st);
	assert_int_equal(WEXITSTATUS(st), 0);
	su_end(&r);
}

static void test_check_bad_use(void **state)
{
	(void)state;
	static const char *const deck[] = {"handsup", "projector", "my.deck",
					   NULL};
	static const char *const opt[] = {"handsup", "projector", "--name", "x",
					  NULL};
	const char *const *argvs[] = {deck, opt};
	const char *msgs[] = {"projector takes no deck or session", "--name"};
	for (int i = 0; i < 2; i++) {
		struct hs *h = hs_start(24, 80, argvs[i], NULL);
		assert_non_null(h);
		int st;
		hs_finish(h, &st);
		assert_int_equal(WEXITSTATUS(st), 64);
		if (!hs_screen_contains(h, msgs[i]))
			hs_dump(h, msgs[i]);
		assert_true(hs_screen_contains(h, msgs[i]));
		hs_free(h);
	}
}

/* P on the title screen; any key returns and does nothing else. */
static void test_check_from_title(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, 'P');
	expect_frame(h);
	su_expect(h, "Projector check");
	su_expect_not(h, "The Widening Divide");
	su_press(h, HS_KEY_RIGHT); /* returns, and does not move on */
	su_expect(h, "The Widening Divide");
	su_expect(h, "Press Right");
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'P'); /* not while the room sees an item */
	su_expect(h, "projector check, is on the title screen");
	su_expect(h, "0 hands");
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_screen),
		cmocka_unit_test(test_check_mono_ascii),
		cmocka_unit_test(test_check_bad_use),
		cmocka_unit_test(test_check_from_title),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
