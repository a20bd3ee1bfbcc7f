/*
 * Counting by group, as a facilitator runs the built-in deck: the group
 * being counted named on screen, every group's split and the room's, the
 * headcount and its warning, a second round with its swing, the summary
 * ranked by divide and the closing answer, and a grouped two-round
 * session that survives a resume.
 */
#include "screen_util.h"

static const char *const grouped_argv[] = {"handsup", "--name", "by group",
					   NULL};

/*
 * The split row of a group (or "Room"): its percentages and hands as
 * printed after the bar.  Returns false when no row names it.
 */
static bool group_row(struct hs *h, const char *name, int pct[2], long *hands)
{
	for (int r = 1; r < hs_rows(h) - 1; r++) {
		char *t = hs_row_text(h, r);
		const char *at = strstr(t, name);
		/* The banner names the active group too: skip it. */
		if (!at || strstr(t, "COUNTING")) {
			free(t);
			continue;
		}
		/* No hands: no shares either, and a 0 at the end. */
		if (strstr(at, "not counted yet") && !strchr(at, '%')) {
			const char *end = t + strlen(t);
			while (end > at && end[-1] == ' ')
				end--;
			pct[0] = pct[1] = 0;
			*hands = end > at && end[-1] == '0' ? 0 : -1;
			free(t);
			return *hands == 0;
		}
		if (!strchr(at, '%')) {
			free(t);
			continue;
		}
		const char *p = strchr(at, '%');
		while (p > at && p[-1] >= '0' && p[-1] <= '9')
			p--;
		int n = sscanf(p, "%d%% %d%% %ld", &pct[0], &pct[1], hands);
		free(t);
		return n == 3;
	}
	return false;
}

static void expect_group(struct hs *h, const char *name, int p1, int p2,
			 long hands)
{
	int pct[2];
	long n;
	if (!group_row(h, name, pct, &n)) {
		hs_dump(h, name);
		fail_msg("no split row for %s", name);
	}
	if (pct[0] != p1 || pct[1] != p2 || n != hands) {
		hs_dump(h, name);
		fail_msg("%s: %d%% %d%% %ld hands, expected %d%% %d%% %ld",
			 name, pct[0], pct[1], n, p1, p2, hands);
	}
}

/* Counts on item 1: ST 3-1, PM 0-2, SO (none), SL 1-3. */
static void count_four_groups(struct hs *h)
{
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "COUNTING: Sales Training");
	su_presses(h, "1112");
	su_press(h, 'g');
	su_expect(h, "COUNTING: Product Marketing");
	su_presses(h, "22");
	su_press(h, 'g');
	su_press(h, 'g');
	su_expect(h, "COUNTING: Sales Leadership");
	su_presses(h, "1222");
}

static void check_four_groups(struct hs *h)
{
	expect_group(h, "Sales Training", 75, 25, 4);
	expect_group(h, "Product Marketing", 0, 100, 2);
	expect_group(h, "Sales Operations", 0, 0, 0);
	expect_group(h, "Sales Leadership", 25, 75, 4);
	expect_group(h, "Room", 40, 60, 10);
	/* The top bar counts the whole room. */
	assert_int_equal(hs_row_find(h, "10 hands"), 0);
}

static void test_counting_by_group_80x24(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, grouped_argv, NULL);
	count_four_groups(h);
	check_four_groups(h);
	/* The chart is the active group's: Sales Leadership, 1 and 3. */
	su_expect(h, "1 (25%)");
	su_expect(h, "3 (75%)");
	/* G goes back; the banner follows, and so do the hands. */
	su_press(h, 'G');
	su_expect(h, "COUNTING: Sales Operations");
	su_press(h, '1');
	expect_group(h, "Sales Operations", 100, 0, 1);
	/* Undo says whose hand it was. */
	su_press(h, 'u');
	su_expect(h, "Undone: Sales Operations: View 1 1 -> 0 (item 1)");
	expect_group(h, "Sales Operations", 0, 0, 0);
	/* A typed count is the active group's. */
	su_press(h, 'c');
	su_expect(h, "Sales Operations, View 1 count:");
	su_presses(h, "7");
	su_press(h, HS_KEY_ENTER);
	expect_group(h, "Sales Operations", 100, 0, 7);
	expect_group(h, "Room", 65, 35, 17);
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(s.ngroups, 4);
	assert_int_equal(tally_group_get(&s.tally, 0, 0, 0), 3);
	assert_int_equal(tally_group_get(&s.tally, 0, 2, 0), 7);
	assert_int_equal(tally_group_get(&s.tally, 0, 3, 1), 3);
	assert_int_equal(tally_get(&s.tally, 0, 0), 11);
	assert_int_equal(s.active, 2);
	session_free(&s);
	su_end(&r);
}

static void test_counting_by_group_160x48(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start(&r, 48, 160, grouped_argv, NULL);
	count_four_groups(h);
	check_four_groups(h);
	/* The views' texts still fit, and the chart's counts are large. */
	su_expect(h, "Sales training’s role is to scale the right behaviors");
	su_expect_not(h, "3 (75%)");
	su_expect(h, "75%");
	/* The banner is three rows tall: the rows around it are the
	 * group's colour too, not blank screen. */
	int row, col;
	assert_true(hs_find(h, "COUNTING: Sales Leadership", &row, &col));
	struct hs_cell above, here;
	assert_true(hs_cell(h, row - 1, col, &above));
	assert_true(hs_cell(h, row, col, &here));
	assert_int_equal(above.bg, here.bg);
	su_quit(&r);
	su_end(&r);
}

static void test_small_screen_keeps_the_group(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start(&r, 12, 40, grouped_argv, NULL);
	count_four_groups(h);
	/* The group being counted and the room always stay in view. */
	su_expect(h, "COUNTING: Sales Leadership");
	expect_group(h, "Room", 40, 60, 10);
	su_quit(&r);
	su_end(&r);
}

/* The chart's counts and percentages as read off the screen. */
static void expect_chart(struct hs *h, long c1, int p1, long c2, int p2)
{
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	int n = su_read_chart(h, counts, pcts, SU_MAX_BARS);
	if (n != 2 || counts[0] != c1 || pcts[0] != p1 || counts[1] != c2 ||
	    pcts[1] != p2) {
		hs_dump(h, "chart");
		fail_msg("chart: %d bars, %ld (%d%%) %ld (%d%%)", n, counts[0],
			 pcts[0], counts[1], pcts[1]);
	}
}

static void test_headcount_and_warning(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const argv[] = {
		"handsup",     "--name", "heads", "--no-groups",
		"--headcount", "12",	 NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1112");
	su_expect(h, "4 of 12 people raised a hand, 8 raised none");
	su_expect(h, "% of the hands");
	expect_chart(h, 3, 75, 1, 25);
	/* % of everyone in the room: 3 of 12 is 25%. */
	su_press(h, '%');
	su_expect(h, "Percentages of everyone in the room");
	expect_chart(h, 3, 25, 1, 8);
	/* More hands than people: said plainly; the counts stay. */
	su_press(h, 'p');
	su_expect(h, "Headcount: _");
	su_press(h, '3');
	su_press(h, HS_KEY_ENTER);
	su_expect(h, "4 hands but only 3 people");
	expect_chart(h, 3, 75, 1, 25);
	/* A headcount of 0 is no headcount. */
	su_press(h, 'p');
	su_press(h, '0');
	su_press(h, HS_KEY_ENTER);
	su_expect(h, "A headcount is 1 to 99999");
	su_quit(&r);
	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_room_headcount(&s.tally), 3);
	assert_true(s.pct_of_room);
	session_free(&s);
	su_end(&r);
}

static void test_group_keys_without_groups(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'g');
	su_expect(h, "No groups: the room is counted as one");
	/* n before anything is counted is refused, and says why. */
	su_press(h, 'n');
	su_expect(h, "Count this round first");
	su_expect_not(h, "Start round 2");
	/* % without a headcount asks for one. */
	su_press(h, '%');
	su_expect(h, "Give a headcount first (p)");
	su_quit(&r);
	su_end(&r);
}

static void test_second_round_and_swing(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "11111112"); /* 7 to 1 */
	su_press(h, 'n');
	su_expect(h, "Start round 2 of this item? Round 1 is kept. y / n");
	/* A stray key is a no. */
	su_press(h, HS_KEY_PGDN);
	su_expect_not(h, "Start round 2");
	assert_int_equal(hs_row_find(h, "1 / 7"), 0);
	su_press(h, 'n');
	su_press(h, 'y');
	su_expect(h, "Round 2: count again");
	SU_EXPECT2(h, 0, 0);
	su_presses(h, "11112222"); /* 4 to 4 */
	SU_EXPECT2(h, 4, 4);
	su_expect(h, "Round 2: View 1 -38, View 2 +38 points; at least 3 "
		     "changed their minds");
	/* Undo stops at the round's start until asked twice. */
	for (int i = 0; i < 8; i++)
		su_press(h, 'u');
	SU_EXPECT2(h, 0, 0);
	su_press(h, 'u');
	su_expect(h, "u again removes round 2 of item 1");
	SU_EXPECT2(h, 0, 0);
	su_press(h, 'u');
	su_expect(h, "Undone: round 2 of item 1 removed");
	SU_EXPECT2(h, 7, 1);
	su_quit(&r);
	su_end(&r);
}

static void test_summary_ranked_and_closing_answer(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, grouped_argv, NULL);
	/* Item 1: ST 4-0 vs SL 1-3: 75 points.  Item 2: ST 2-2 vs SL 2-2. */
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1111");
	su_press(h, 'G');
	su_presses(h, "1222");
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1122");
	su_press(h, 'g');
	su_presses(h, "1122");
	su_press(h, 's');
	su_expect(h, "How far apart the groups are, widest first");
	int first = hs_row_find(h, "Regarding the Scope of Sales Training");
	int second = hs_row_find(h, "Regarding Sales Training Design");
	assert_true(first > 0 && second > first);
	su_expect(h, "75 pts");
	su_expect(h, "Sales Training 100% View 1, Sales Leadership 25% View 1: "
		     "75 points apart");
	su_expect(h, "0 pts");
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Are the groups aligned?");
	su_expect(h, "No: on 1 of 2 items the groups are more than 20 points "
		     "apart.");
	su_expect(h, "Widest: Regarding the Scope of Sales Training.");
	su_quit(&r);

	/* --aligned moves the bar: at 80 points these groups are aligned. */
	static const char *const argv[] = {"handsup", "resume",	  "--aligned",
					   "80",      "by group", NULL};
	h = su_launch(&r, 24, 80, argv, NULL);
	su_expect(h, "Yes: on all 2 items counted, the groups are within 80 "
		     "points.");
	su_quit(&r);
	su_end(&r);
}

/*
 * The summary's second row names the two groups furthest apart.  Where
 * the whole sentence is too wide it drops the points, which the row
 * above shows, then shortens both names, to their initials at the
 * narrowest: never the figures.
 */
static void test_summary_pair_fits(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, grouped_argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "gg1g2"); /* Sales Operations 1-0, Sales Leadership 0-1 */
	su_press(h, 's');
	su_expect(h, "100 pts");
	int row = hs_row_find(h, "Sales Operations 100% View 1, Sales "
				 "Leadership 0% View 1");
	assert_true(row > 0);
	char *text = hs_row_text(h, row);
	assert_null(strstr(text, "…"));
	free(text);
	assert_int_not_equal(hs_resize(h, 30, 62), -1);
	su_until(h, "Sales Operatio. 100% View 1, Sales Leadersh. 0% View 1",
		 true);
	su_expect(h, "100 pts");
	/* Narrower still, the names' initials: cut, both are "Sales.". */
	assert_int_not_equal(hs_resize(h, 30, 44), -1);
	su_until(h, "SO 100% View 1, SL 0% View 1", true);
	/* The short heading, and room for the column's header beside it. */
	row = hs_row_find(h, "How far apart the groups are");
	assert_true(row > 0);
	text = hs_row_text(h, row);
	assert_non_null(strstr(text, "divide"));
	free(text);
	su_quit(&r);
	su_end(&r);
}

static void test_resume_grouped_two_rounds(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, grouped_argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "112");
	su_press(h, 'g');
	su_press(h, 'p');
	su_presses(h, "9");
	su_press(h, HS_KEY_ENTER);
	su_presses(h, "22");
	su_press(h, 'n');
	su_press(h, 'y');
	su_presses(h, "1");
	su_press(h, 'g');
	su_presses(h, "1");
	/* Killed, not quit: nothing is saved after this point. */
	kill(hs_pid(h), SIGKILL);
	int status;
	hs_finish(h, &status);
	su_forget(&r);

	static const char *const argv[] = {"handsup", "resume", "by group",
					   NULL};
	h = su_launch(&r, 24, 80, argv, NULL);
	su_expect(h, "COUNTING: Sales Operations");
	expect_group(h, "Sales Training", 0, 0, 0);
	expect_group(h, "Product Marketing", 100, 0, 1);
	expect_group(h, "Sales Operations", 100, 0, 1);
	su_expect(h, "Round 2: View 1 +60, View 2 -60 points");
	su_quit(&r);
	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_rounds(&s.tally, 0), 2);
	assert_int_equal(tally_cell(&s.tally, 0, 0, 0, 0), 2);
	assert_int_equal(tally_cell(&s.tally, 0, 0, 1, 1), 2);
	assert_int_equal(tally_headcount(&s.tally, 1), 9);
	session_free(&s);
	su_end(&r);
}

/* A deck edited to other groups: the session keeps counting its own. */
static void test_resume_after_the_groups_changed(void **state)
{
	(void)state;
	struct su_run r;
	char deck[128];
	static const char text[] = "title: T\ngroups: Alpha | Beta\n"
				   "== One\n1: a\n2: b\n";
	memset(&r, 0, sizeof r);
	su_mkdtemp(r.dir, sizeof r.dir);
	snprintf(r.state_env, sizeof r.state_env, "HANDSUP_STATE_DIR=%s",
		 r.dir);
	su_write_file(r.dir, "t.deck", text, deck, sizeof deck);
	const char *argv[] = {"handsup", "--name", "edited", deck, NULL};
	struct hs *h = su_launch(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	su_quit(&r);
	su_forget(&r);
	su_write_file(r.dir, "t.deck",
		      "title: T\ngroups: Alpha | Gamma\n== One\n1: a\n2: b\n",
		      deck, sizeof deck);
	static const char *const again[] = {"handsup", "resume", "edited",
					    NULL};
	h = su_launch(&r, 24, 80, again, NULL);
	assert_true(hs_screen_contains(h, "has changed"));
	assert_int_equal(hs_send(h, "y\r"), 0);
	assert_int_not_equal(hs_wait_frame(h), -1);
	su_expect(h, "The deck's groups changed: counting the session's "
		     "(Alpha, Beta)");
	su_expect(h, "COUNTING: Alpha");
	su_press(h, 'g');
	su_expect(h, "COUNTING: Beta");
	expect_group(h, "Alpha", 50, 50, 2);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counting_by_group_80x24),
		cmocka_unit_test(test_counting_by_group_160x48),
		cmocka_unit_test(test_small_screen_keeps_the_group),
		cmocka_unit_test(test_headcount_and_warning),
		cmocka_unit_test(test_group_keys_without_groups),
		cmocka_unit_test(test_second_round_and_swing),
		cmocka_unit_test(test_summary_ranked_and_closing_answer),
		cmocka_unit_test(test_summary_pair_fits),
		cmocka_unit_test(test_resume_grouped_two_rounds),
		cmocka_unit_test(test_resume_after_the_groups_changed),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
