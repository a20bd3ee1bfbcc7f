/*
 * The item screen's layout while phones vote: every view's text whole
 * beside the QR code (or the code gives way to the URL as text), the
 * lines below the code's column as wide as the screen, the phones'
 * counts kept with the URL when the code does not fit, the groups left
 * out of the split marked, and the summary's heading whole at 40 x 12.
 * The phones are not needed: the server listens on loopback and nobody
 * joins.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../phone_client.h"
#include "screen_util.h"

/* The built-in deck with voting open on loopback, and extra options. */
static struct hs *start_voting(struct su_run *r, int rows, int cols,
			       const char *const opts[])
{
	static char listen[32];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", phone_free_port());
	const char *argv[16] = {"handsup", "--name", "layout", "--listen",
				listen};
	int n = 5;
	for (int i = 0; opts && opts[i] && n < 15; i++)
		argv[n++] = opts[i];
	argv[n] = NULL;
	struct hs *h = su_start(r, rows, cols, argv, NULL);
	su_until(h, "http://127.0.0.1:", true);
	return h;
}

/* Whether any row but the top bar shows a cut ("…"). */
static bool cut_below_top(struct hs *h)
{
	for (int row = 1; row < hs_rows(h); row++) {
		char cells[1024];
		su_cells(h, row, 0, hs_cols(h), cells, sizeof cells);
		if (strstr(cells, "…"))
			return true;
	}
	return false;
}

/* The column where text starts on the screen, or -1. */
static int col_of(struct hs *h, const char *text)
{
	int row, col;
	return hs_find(h, text, &row, &col) ? col : -1;
}

/*
 * Items 1 to 7 in turn: no view's text cut, the phones' counts on the
 * screen, whether beside the code or with the URL at the foot.
 */
static void walk_items(int rows, int cols, const char *const opts[],
		       const char *what)
{
	struct su_run r;
	struct hs *h = start_voting(&r, rows, cols, opts);
	for (int item = 1; item <= 7; item++) {
		su_press(h, HS_KEY_RIGHT);
		char pos[16];
		snprintf(pos, sizeof pos, "%d / 7", item);
		su_expect(h, pos);
		su_expect(h, "0 joined, 0 voted");
		if (cut_below_top(h)) {
			hs_dump(h, what);
			fail_msg("%s, item %d: a text is cut", what, item);
		}
	}
	su_quit(&r);
	su_end(&r);
}

static void test_views_whole_80x24(void **state)
{
	(void)state;
	static const char *const groups[] = {NULL};
	static const char *const none[] = {"--no-groups", NULL};
	static const char *const timer[] = {"--timer", "2m", NULL};
	static const char *const both[] = {"--no-groups", "--timer", "2m",
					   NULL};
	walk_items(24, 80, groups, "80x24 groups");
	walk_items(24, 80, none, "80x24 no groups");
	walk_items(24, 80, timer, "80x24 groups, timer");
	walk_items(24, 80, both, "80x24 no groups, timer");
}

static void test_views_whole_160x48(void **state)
{
	(void)state;
	static const char *const groups[] = {NULL};
	static const char *const none[] = {"--no-groups", NULL};
	static const char *const timer[] = {"--timer", "2m", NULL};
	walk_items(48, 160, groups, "160x48 groups");
	walk_items(48, 160, none, "160x48 no groups");
	walk_items(48, 160, timer, "160x48 groups, timer");
}

/*
 * Item 3's views at 80 x 24 with groups fit whole beside the code once
 * the blank rows give way: the code stays, the texts end in full.
 */
static void test_item3_beside_code(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = start_voting(&r, 24, 80, NULL);
	for (int i = 0; i < 3; i++)
		su_press(h, HS_KEY_RIGHT);
	su_expect(h, "3 / 7");
	su_expect(h, "enablement");
	su_expect(h, "actions.");
	su_expect(h, "team.");
	su_expect_not(h, "enablement…");
	/* The address in the column at the right, under its code. */
	if (col_of(h, "http://") < 40) {
		hs_dump(h, "the code's column");
		fail_msg("the URL is not in the column beside the item");
	}
	su_quit(&r);
	su_end(&r);
}

/*
 * Below the code's column, the swing and the line of hands take the
 * whole width: neither is cut at the left part's width.
 */
static void test_foot_wide_below_code(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const opts[] = {"--no-groups", "--headcount", "25",
					   NULL};
	struct hs *h = start_voting(&r, 24, 80, opts);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "11111");
	su_press(h, 'n');
	su_press(h, 'y');
	su_presses(h, "1222");
	su_press(h, '2');
	su_expect(h, "Round 2: View 1 -80, View 2 +80 points; at least 4 "
		     "changed their minds");
	su_expect(h, "5 of 25 people raised a hand, 20 raised none; % of "
		     "the hands");
	/* The code is still beside the item, above them. */
	if (col_of(h, "joined") < 40) {
		hs_dump(h, "the code's column");
		fail_msg("the phones' column is not beside the item");
	}
	su_quit(&r);
	su_end(&r);
}

/* Without the code (--ascii), the counts stand with the URL. */
static void test_ascii_counts_with_url(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const opts[] = {"--ascii", NULL};
	struct hs *h = start_voting(&r, 24, 80, opts);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "1 / 7");
	su_expect(h, "0 joined, 0 voted");
	int row, col, crow, ccol;
	assert_true(hs_find(h, "http://", &row, &col));
	assert_true(hs_find(h, "0 joined", &crow, &ccol));
	assert_int_equal(row, crow);
	su_quit(&r);
	su_end(&r);
}

/*
 * At 40 x 12 the split shows the counted group, the room, and says how
 * many groups it left out; counting another group keeps it shown.
 */
static void test_hidden_groups_marked_40x12(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = start_voting(&r, 12, 40, NULL);
	for (int i = 0; i < 3; i++)
		su_press(h, HS_KEY_RIGHT);
	su_expect(h, "3 / 7");
	su_expect(h, "Room");
	su_expect(h, "+2 groups");
	su_presses(h, "ggg");
	su_expect(h, "COUNTING: Sales Leadership");
	su_expect(h, "Sales Leader…");
	su_expect(h, "+2 groups");
	su_quit(&r);
	su_end(&r);
}

/* The summary's heading at 40 x 12: whole, in its shorter form. */
static void test_summary_heading_40x12(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const argv[] = {"handsup", "--name", "layout", NULL};
	struct hs *h = su_start(&r, 12, 40, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 's');
	su_expect(h, "How far apart the groups are");
	su_expect_not(h, "widest f");
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_views_whole_80x24),
		cmocka_unit_test(test_views_whole_160x48),
		cmocka_unit_test(test_item3_beside_code),
		cmocka_unit_test(test_foot_wide_below_code),
		cmocka_unit_test(test_ascii_counts_with_url),
		cmocka_unit_test(test_hidden_groups_marked_40x12),
		cmocka_unit_test(test_summary_heading_40x12),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
