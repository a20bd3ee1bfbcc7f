/*
 * The phones' count-up on screen: a session of four items with ballots
 * and groups, resumed on the summary and on the closing screen, shows how
 * many people chose View 1 on 0 to 4 items, mostly View 1 against mostly
 * View 2, and each group's; at 80 x 24 and at 40 x 12, and not at all
 * while the results are hidden or when the deck's views differ from item
 * to item.
 */
#include "screen_util.h"

/* tests/report/phones.session with its current screen and its deck
 * (gone, so that the session's own wording is shown) set. */
static void write_session(const char *dir, int current, bool same_views,
			  char *path, size_t cap)
{
	size_t len;
	FILE *in = fopen("tests/report/phones.session", "r");
	assert_non_null(in);
	char *text = calloc(1, 16384);
	assert_non_null(text);
	len = fread(text, 1, 16383, in);
	fclose(in);
	assert_true(len > 0 && len < 16383);
	char *out = calloc(1, 17000), *at = out;
	assert_non_null(out);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "deck-path: ", 11))
			at += sprintf(at, "deck-path: %s/gone.deck\n", dir);
		else if (!strncmp(line, "current: ", 9))
			at += sprintf(at, "current: %d\n", current);
		else if (!strncmp(line, "same-views: ", 12))
			at += sprintf(at, "same-views: %s\n",
				      same_views ? "yes" : "no");
		else
			at += sprintf(at, "%s\n", line);
	}
	su_write_file(dir, "phones.session", out, path, cap);
	free(out);
	free(text);
}

static struct hs *resume_in(struct su_run *r, int rows, int cols, int current,
			    bool same_views, bool colour)
{
	char path[300];
	static const char *const mono[] = {"NO_COLOR=1", NULL};
	static const char *const env[] = {"NO_COLOR", NULL};

	memset(r, 0, sizeof *r);
	su_mkdtemp(r->dir, sizeof r->dir);
	snprintf(r->state_env, sizeof r->state_env, "HANDSUP_STATE_DIR=%s",
		 r->dir);
	write_session(r->dir, current, same_views, path, sizeof path);
	/* The session has a phones code: voting reopens, on loopback. */
	const char *argv[] = {"handsup",     "resume", "--listen",
			      "127.0.0.1:0", path,     NULL};
	return su_launch(r, rows, cols, argv, colour ? env : mono);
}

static struct hs *resume(struct su_run *r, int rows, int cols, int current,
			 bool same_views)
{
	return resume_in(r, rows, cols, current, same_views, false);
}

/* The join URL's message names a port of the moment: a redraw (Ctrl-L)
 * puts the key hints back, so that the screen is the same every run. */
static void settle(struct hs *h)
{
	su_press(h, 'L' & 0x1f);
	su_expect_not(h, "Phones: http");
}

static void expect_countup(struct hs *h)
{
	su_expect(h, "Count-up: View 1 on how many of 4 items");
	/* 12 phones joined, 2 of them never voted: the heading says so,
	 * as the report does, rather than "10 phones". */
	su_expect(h, "10 phones voted, 2 did not");
	/* Every figure in one style: its name, a colon, the number. */
	su_expect(h,
		  "Mostly View 1: 6   Mostly View 2: 3   Even: 1   Silent: 2");
	/* Each group: its sums, then its voters by the number of items. */
	su_expect(h, "Group              Mostly 1  Mostly 2  Even  Silent"
		     "   View 1 on 0 1 2 3 4");
	su_expect(h, "Product Marketing         1         1     1       0"
		     "             0 2 1 0 0");
	su_expect(h, "Sales Leadership          2         0     0       1"
		     "             0 0 0 0 2");
}

static void test_summary_80x24(void **state)
{
	(void)state;
	struct su_run r;
	/* In colour, so that the golden file shows the bars as blocks. */
	struct hs *h = resume_in(&r, 24, 80, 5, true, true);
	settle(h);
	su_expect(h, "How far apart the groups are");
	expect_countup(h);
	/* The list, the count-up and the room's totals, with its bars. */
	hs_expect_golden(h, "countup-summary");
	su_quit(&r);
	su_end(&r);
}

static void test_closing_80x24(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = resume(&r, 24, 80, 6, true);
	settle(h);
	su_expect(h, "Are the groups aligned?");
	su_expect(h, "The room over all items:");
	expect_countup(h);
	hs_expect_golden(h, "countup-closing");
	/* Back to the summary and forth again: the same count-up. */
	su_press(h, 's');
	expect_countup(h);
	su_quit(&r);
	su_end(&r);
}

/* At 40 x 12 the count-up shrinks to its line of sums, and nothing
 * spills over the list, the totals or the status line. */
static void test_small(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = resume(&r, 12, 40, 5, true);
	settle(h);
	su_expect(h, "Mostly View 1: 6  Mostly View 2: 3");
	su_expect(h, "Room totals over all items");
	hs_expect_golden(h, "countup-summary-40x12");
	su_quit(&r);
	su_end(&r);
	h = resume(&r, 12, 40, 6, true);
	settle(h);
	su_expect(h, "Mostly View 1: 6");
	hs_expect_golden(h, "countup-closing-40x12");
	su_quit(&r);
	su_end(&r);
}

/*
 * On a narrow screen with rows to spare the heading keeps who voted in
 * a shorter form, "10 of 12 voted", never a bare "10 phones".
 */
static void test_narrow_heading(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = resume(&r, 30, 40, 5, true);
	settle(h);
	su_expect(h, "10 of 12 voted");
	su_expect_not(h, "10 phones");
	su_expect(h, "Mostly View 1: 6  Mostly View 2: 3");
	hs_expect_golden(h, "countup-summary-40x30");
	su_quit(&r);
	su_end(&r);
}

/* Hidden results hide the count-up too; showing them brings it back. */
static void test_hidden(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = resume(&r, 24, 80, 5, true);
	settle(h);
	su_press(h, 'h');
	su_expect_not(h, "Count-up");
	su_expect_not(h, "Mostly View 1");
	su_press(h, 'h');
	expect_countup(h);
	su_press(h, HS_KEY_RIGHT); /* the closing screen */
	su_expect(h, "Are the groups aligned?");
	su_press(h, 'h');
	su_expect_not(h, "Count-up");
	su_quit(&r);
	su_end(&r);
}

/* Views that mean something else on each item: no count-up at all. */
static void test_views_differ(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = resume(&r, 24, 80, 5, false);
	settle(h);
	su_expect(h, "How far apart the groups are");
	su_expect_not(h, "Count-up");
	su_expect_not(h, "Mostly View 1");
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Are the groups aligned?");
	su_expect_not(h, "Count-up");
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_80x24),
		cmocka_unit_test(test_closing_80x24),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_narrow_heading),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_views_differ),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
