/*
 * The screens a room sees, as golden files: title, an item before and
 * after counting, the help, the summary, the closing text, and the quit
 * question with both answers.
 */
#include "screen_util.h"

static void test_title(void **state)
{
	(void)state;
	struct su_run r;
	/* The built-in deck as it comes, with the room's groups. */
	static const char *const argv[] = {"handsup", "--name", "screen test",
					   NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	hs_expect_golden(h, "title");
	assert_int_equal(hs_row_find(h, "Title"), 0);
	su_expect(h, "Press Right, PageDown or Space to begin");
	/* The session name is not for the room. */
	su_expect_not(h, "screen test");
	assert_true(hs_altscreen(h));
	su_quit(&r);
	su_end(&r);
}

static void test_item_before_and_after_counting(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	hs_expect_golden(h, "item1-empty");
	su_expect_not(h, "screen test");

	SU_EXPECT2(h, 0, 0);

	su_presses(h, "1111112222");
	hs_expect_golden(h, "item1-counted");
	SU_EXPECT2(h, 6, 4); /* and so 60% and 40% exactly */
	su_quit(&r);
	su_end(&r);
}

static void test_help_overlay(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "112");
	su_press(h, '?');
	/* Every key the man page lists has its line in the help. */
	static const char *const keys[] = {
		"Right PgDn Space",
		"Left PgUp Bksp",
		"Home / End",
		"title screen",
		"summary",
		"1-6",
		"S-Tab",
		"+ = -",
		"Enter c",
		"undo",
		"r Ctrl-R",
		"clear this item",
		"export",
		"b . / w",
		"hide / show results",
		"g / G",
		"headcount",
		"% of hands",
		"new round",
		"? F1",
		"F5 Ctrl-L",
		"quit",
		"Esc",
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		su_expect(h, keys[i]);
	/* Escape closes it and the item is as it was. */
	su_press(h, HS_KEY_ESC);
	su_expect_not(h, "Keys");
	SU_EXPECT2(h, 2, 1);
	/* '?' toggles it, F1 opens it; 'h' is hide now, not help. */
	su_press(h, '?');
	su_expect(h, "Keys");
	su_press(h, '?');
	su_expect_not(h, "Keys");
	su_press(h, HS_KEY_F(1));
	su_expect(h, "Keys");
	su_press(h, HS_KEY_ESC);
	su_expect_not(h, "Keys");
	/* Over the summary, whose rows stop short of the box's sides. */
	su_press(h, 's');
	su_press(h, '?');
	hs_expect_golden(h, "help");
	su_quit(&r);
	su_end(&r);
}

/*
 * The box keeps a blank column on either side, so that the text under it
 * does not run into its border: a stray selection marker or comma beside
 * the box reads as part of the help.
 */
static void test_help_box_stands_apart(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "112");
	su_press(h, '?');
	int top, left, bottom, right;
	assert_true(hs_find(h, "┌", &top, &left));
	assert_true(hs_find(h, "┘", &bottom, &right));
	for (int row = top; row <= bottom; row++) {
		struct hs_cell c;
		assert_true(hs_cell(h, row, left - 1, &c));
		if (c.text[0] != '\0') {
			hs_dump(h, "help");
			fail_msg("'%s' left of the box on row %d", c.text, row);
		}
		if (hs_cell(h, row, right + 1, &c) && c.text[0] != '\0') {
			hs_dump(h, "help");
			fail_msg("'%s' right of the box on row %d", c.text,
				 row);
		}
	}
	su_quit(&r);
	su_end(&r);
}

static void test_summary_and_closing(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "111222222"); /* item 1: 3 / 6 */
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1111"); /* item 2: 4 / 0 */
	su_press(h, HS_KEY_END);
	su_presses(h, "12"); /* item 7: 1 / 1 */
	su_press(h, 's');
	hs_expect_golden(h, "summary");
	assert_int_equal(hs_row_find(h, "Summary"), 0);
	/* The article's "count up": each view's total over all items, on
	 * the rows that follow the heading. */
	int totals = hs_row_find(h, "Room totals over all items");
	assert_true(totals > 0);
	assert_int_equal(hs_row_find(h, "8 (53%)"), totals + 1);
	assert_int_equal(hs_row_find(h, "7 (47%)"), totals + 2);
	su_expect(h, "View 2 67%");
	su_expect(h, "View 1 100%");
	su_expect(h, "not counted yet");

	su_press(h, HS_KEY_RIGHT);
	hs_expect_golden(h, "closing");
	assert_int_equal(hs_row_find(h, "Closing"), 0);
	su_expect(h, "The room over all items:");
	su_expect(h, "8 (53%)");
	/* The closing is the last screen: Right stays there. */
	su_press(h, HS_KEY_RIGHT);
	assert_int_equal(hs_row_find(h, "Closing"), 0);
	su_press(h, HS_KEY_LEFT);
	assert_int_equal(hs_row_find(h, "Summary"), 0);
	su_quit(&r);
	su_end(&r);
}

static void test_quit_yes_saves(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1222");
	su_press(h, 'q');
	hs_expect_golden(h, "quit-question");
	su_answer_quit(&r);
	/* The path and the command to resume are left on the terminal. */
	char path[512];
	su_session_path(r.dir, path, sizeof path);
	su_expect(h, "handsup resume");

	struct session s;
	su_load(r.dir, &s);
	assert_string_equal(s.name, "screen test");
	assert_int_equal(s.current, 2);
	assert_int_equal(tally_get(&s.tally, 1, 0), 1);
	assert_int_equal(tally_get(&s.tally, 1, 1), 3);
	assert_int_equal(tally_get(&s.tally, 0, 0), 0);
	session_free(&s);
	su_end(&r);
}

static void test_quit_no_keeps_running(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, '1');
	su_press(h, 'q');
	su_expect(h, "Quit?");
	su_press(h, 'n');
	su_expect_not(h, "Quit?");
	assert_true(hs_running(h));
	assert_true(hs_altscreen(h));
	su_expect(h, "1 / 7");
	/* Escape is a "no" as well, and the session goes on counting. */
	su_press(h, 'q');
	su_press(h, HS_KEY_ESC);
	su_expect_not(h, "Quit?");
	assert_true(hs_running(h));
	su_press(h, '1');
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	assert_int_equal(su_read_chart(h, counts, pcts, SU_MAX_BARS), 2);
	assert_int_equal(counts[0], 2);
	su_quit(&r);
	su_end(&r);
}

static bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, needle) != NULL;
}

/* 'e' writes the report and the CSV into --out, never over a file. */
static void test_export(void **state)
{
	(void)state;
	char out[64];
	su_mkdtemp(out, sizeof out);
	const char *argv[] = {"handsup", "--name", "export me",
			      "--out",	 out,	   NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1112");
	su_press(h, 'e');
	char txt[128], csv[128], txt2[128], csv2[128];
	snprintf(txt, sizeof txt, "%s/export-me.txt", out);
	snprintf(csv, sizeof csv, "%s/export-me.csv", out);
	snprintf(txt2, sizeof txt2, "%s/export-me-2.txt", out);
	snprintf(csv2, sizeof csv2, "%s/export-me-2.csv", out);
	char *first = hs_row_text(h, 23);
	assert_int_equal(access(txt, R_OK), 0);
	assert_true(file_has(csv, "Regarding the Scope of Sales Training"));
	/* A second export goes beside the first. */
	su_press(h, '2');
	su_press(h, 'e');
	char *second = hs_row_text(h, 23);
	assert_int_equal(access(txt2, R_OK), 0);
	assert_int_equal(access(csv2, R_OK), 0);
	/* The status line shows both files, whole, even from a folder of
	 * ordinary length. */
	const char *want[2][2] = {{"export-me.txt", "export-me.csv"},
				  {"export-me-2.txt", "export-me-2.csv"}};
	char *status[2] = {first, second};
	for (int i = 0; i < 2; i++)
		if (!strstr(status[i], want[i][0]) ||
		    !strstr(status[i], want[i][1]) || strstr(status[i], "…"))
			fail_msg("export %d: status line reads \"%s\"", i + 1,
				 status[i]);
	free(first);
	free(second);
	/* The message goes with the next key, and the screen is the item. */
	su_press(h, HS_KEY_F(5));
	su_expect_not(h, "Exported");
	su_expect(h, "1 / 7");
	su_quit(&r);
	su_end(&r);
	su_rm_rf(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_item_before_and_after_counting),
		cmocka_unit_test(test_help_overlay),
		cmocka_unit_test(test_help_box_stands_apart),
		cmocka_unit_test(test_summary_and_closing),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_quit_yes_saves),
		cmocka_unit_test(test_quit_no_keeps_running),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
