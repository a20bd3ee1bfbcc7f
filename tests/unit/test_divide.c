/*
 * Unit tests of divide: the gap between two groups, an item's widest
 * pair, the swing between rounds and the session's answer, each worked
 * out by hand from the percentages the screen shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/divide.h"
#include "core/tally.h"

/* A tally of items with the given views, counted in ngroups groups. */
static struct tally grouped(int nitems, const int *nviews, int ngroups)
{
	struct tally t;

	assert_int_equal(tally_init(&t, nitems, nviews, ngroups), 0);
	return t;
}

/* Sets group g's counts of an item's current round. */
static void counts(struct tally *t, int item, int g, const long *c, int n)
{
	for (int v = 0; v < n; v++)
		tally_load(t, item, tally_rounds(t, item) - 1, g, v, c[v]);
}

static void assert_divide(const struct divide *d, int gap, int a, int b)
{
	if (d->gap != gap || d->a != a || d->b != b)
		fail_msg("divide %d (%d, %d), want %d (%d, %d)", d->gap, d->a,
			 d->b, gap, a, b);
}

static void test_gap(void **state)
{
	(void)state;
	/* Two views: the difference of the View 1 shares. */
	assert_int_equal(divide_gap((int[]){80, 20}, (int[]){25, 75}, 2), 55);
	assert_int_equal(divide_gap((int[]){25, 75}, (int[]){80, 20}, 2), 55);
	assert_int_equal(divide_gap((int[]){50, 50}, (int[]){50, 50}, 2), 0);
	assert_int_equal(divide_gap((int[]){100, 0}, (int[]){0, 100}, 2), 100);
	/* Three views: half the sum of the differences. */
	assert_int_equal(
		divide_gap((int[]){50, 30, 20}, (int[]){20, 20, 60}, 3), 40);
	assert_int_equal(divide_gap((int[]){100, 0, 0}, (int[]){0, 0, 100}, 3),
			 100);
	assert_int_equal(divide_gap((int[]){34, 33, 33}, (int[]){0, 50, 50}, 3),
			 34);
	assert_int_equal(divide_gap((int[]){1}, (int[]){2}, 0), 0);
}

/* 8 of 10 against 1 of 4: the "55 points apart". */
static void test_two_views(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 2);
	struct divide d;

	(void)state;
	counts(&t, 0, 0, (long[]){8, 2}, 2);
	counts(&t, 0, 1, (long[]){1, 3}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, 55, 0, 1);
	tally_free(&t);
}

static void test_three_views(void **state)
{
	int nv[] = {3};
	struct tally t = grouped(1, nv, 3);
	struct divide d;

	(void)state;
	/* 50/30/20, 20/20/60, 34/33/33: 40, 16 and 27 points apart. */
	counts(&t, 0, 0, (long[]){5, 3, 2}, 3);
	counts(&t, 0, 1, (long[]){2, 2, 6}, 3);
	counts(&t, 0, 2, (long[]){1, 1, 1}, 3);
	divide_item(&t, 0, &d);
	assert_divide(&d, 40, 0, 1);
	/* Without the second group, the first and third: 16. */
	counts(&t, 0, 1, (long[]){0, 0, 0}, 3);
	divide_item(&t, 0, &d);
	assert_divide(&d, 16, 0, 2);
	tally_free(&t);
}

/* A group that raised no hand has no split: it is left out. */
static void test_empty_groups_skipped(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 4);
	struct divide d;

	(void)state;
	counts(&t, 0, 1, (long[]){3, 1}, 2);
	counts(&t, 0, 3, (long[]){1, 1}, 2);
	divide_item(&t, 0, &d);
	/* 75 against 50; the empty groups 0 and 2 (0% of all) are not 75
	 * points from group 1. */
	assert_divide(&d, 25, 1, 3);
	tally_free(&t);
}

/* One group, or only one that counted: no divide at all. */
static void test_single_group(void **state)
{
	int nv[] = {2, 2};
	struct tally t = grouped(2, nv, 1);
	struct divide d;

	(void)state;
	counts(&t, 0, 0, (long[]){7, 3}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, -1, -1, -1);
	tally_free(&t);

	t = grouped(2, nv, 3);
	counts(&t, 0, 2, (long[]){7, 3}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, -1, -1, -1);
	/* An item out of range has no divide either. */
	divide_item(&t, 5, &d);
	assert_divide(&d, -1, -1, -1);
	divide_item(&t, -1, &d);
	assert_divide(&d, -1, -1, -1);
	tally_free(&t);
}

static void test_zero_counts(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 3);
	struct divide d;

	(void)state;
	/* Nothing counted anywhere. */
	divide_item(&t, 0, &d);
	assert_divide(&d, -1, -1, -1);
	/* Zero in one view of each: all or nothing, 100 points apart. */
	counts(&t, 0, 0, (long[]){5, 0}, 2);
	counts(&t, 0, 1, (long[]){0, 9}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, 100, 0, 1);
	/* Two groups that agree entirely are 0 apart: a divide of 0. */
	counts(&t, 0, 1, (long[]){2, 0}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, 0, 0, 1);
	tally_free(&t);
}

/* On a tie, the pair that comes first in the groups' order. */
static void test_ties(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 4);
	struct divide d;
	static const int pct[4][TALLY_MAX_VIEWS] = {
		{100, 0}, {100, 0}, {0, 100}, {0, 100}};
	bool all[4] = {true, true, true, true};
	bool no_first[4] = {false, true, true, true};

	(void)state;
	/* (0,2), (0,3), (1,2) and (1,3) are all 100 apart. */
	divide_widest(pct, all, 4, 2, &d);
	assert_divide(&d, 100, 0, 2);
	divide_widest(pct, no_first, 4, 2, &d);
	assert_divide(&d, 100, 1, 2);
	divide_widest(pct, all, 0, 2, &d);
	assert_divide(&d, -1, -1, -1);

	/* The same through a tally: 80, 80, 30, 30. */
	counts(&t, 0, 0, (long[]){4, 1}, 2);
	counts(&t, 0, 1, (long[]){8, 2}, 2);
	counts(&t, 0, 2, (long[]){3, 7}, 2);
	counts(&t, 0, 3, (long[]){6, 14}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, 50, 0, 2);
	/* Three views: each of 100/0/0, 0/100/0 and 0/0/100 is 100 from
	 * the others, and the first pair wins. */
	int nv3[] = {3};
	struct tally u = grouped(1, nv3, 3);
	counts(&u, 0, 0, (long[]){5, 0, 0}, 3);
	counts(&u, 0, 1, (long[]){0, 5, 0}, 3);
	counts(&u, 0, 2, (long[]){0, 0, 5}, 3);
	divide_item(&u, 0, &d);
	assert_divide(&d, 100, 0, 1);
	/* 60/40/0, 40/60/0, 0/0/100: 20, 100 and 100 apart. */
	counts(&u, 0, 0, (long[]){3, 2, 0}, 3);
	counts(&u, 0, 1, (long[]){2, 3, 0}, 3);
	counts(&u, 0, 2, (long[]){0, 0, 4}, 3);
	divide_item(&u, 0, &d);
	assert_divide(&d, 100, 0, 2);
	tally_free(&u);
	tally_free(&t);
}

/*
 * The gap is taken from the percentages shown, by largest remainder:
 * 1 of 3 against 2 of 3 is 33% against 67%, 34 points (not 33.3), and
 * 1/1/1 shows 34/33/33, so against 0/1/1 (0/50/50) the gap is 34.
 */
static void test_gap_from_shown_percentages(void **state)
{
	int nv2[] = {2}, nv3[] = {3};
	struct tally t = grouped(1, nv2, 2);
	struct divide d;

	(void)state;
	counts(&t, 0, 0, (long[]){1, 2}, 2);
	counts(&t, 0, 1, (long[]){2, 1}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, 34, 0, 1);
	tally_free(&t);

	t = grouped(1, nv3, 2);
	counts(&t, 0, 0, (long[]){1, 1, 1}, 3);
	counts(&t, 0, 1, (long[]){0, 1, 1}, 3);
	divide_item(&t, 0, &d);
	assert_divide(&d, 34, 0, 1);
	/* 2/2/1 shows 40/40/20, 1/1/1 34/33/33: (6 + 7 + 13) / 2 = 13. */
	counts(&t, 0, 0, (long[]){2, 2, 1}, 3);
	counts(&t, 0, 1, (long[]){1, 1, 1}, 3);
	divide_item(&t, 0, &d);
	assert_divide(&d, 13, 0, 1);
	tally_free(&t);
}

/* The divide is the current round's; earlier rounds do not count. */
static void test_divide_of_current_round(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 2);
	struct divide d;

	(void)state;
	counts(&t, 0, 0, (long[]){9, 1}, 2);
	counts(&t, 0, 1, (long[]){1, 9}, 2);
	assert_true(tally_new_round(&t, 0));
	divide_item(&t, 0, &d);
	assert_divide(&d, -1, -1, -1);
	counts(&t, 0, 0, (long[]){6, 4}, 2);
	counts(&t, 0, 1, (long[]){4, 6}, 2);
	divide_item(&t, 0, &d);
	assert_divide(&d, 20, 0, 1);
	tally_free(&t);
}

static void test_session_answer(void **state)
{
	int nv[] = {2, 2, 2, 2, 3};
	struct tally t = grouped(5, nv, 3);
	struct divide_answer ans;

	(void)state;
	/* Nothing counted: no item, no widest. */
	divide_session(&t, 20, &ans);
	assert_int_equal(ans.counted, 0);
	assert_int_equal(ans.apart, 0);
	assert_int_equal(ans.widest, -1);
	assert_divide(&ans.d, -1, -1, -1);

	counts(&t, 0, 0, (long[]){8, 2}, 2); /* 80 */
	counts(&t, 0, 1, (long[]){1, 3}, 2); /* 25: 55 apart */
	counts(&t, 1, 1, (long[]){6, 4}, 2); /* 60 */
	counts(&t, 1, 2, (long[]){4, 6}, 2); /* 40: 20, not above 20 */
	counts(&t, 2, 2, (long[]){9, 0}, 2); /* one group only */
	counts(&t, 3, 0, (long[]){1, 9}, 2); /* 10 */
	counts(&t, 3, 2, (long[]){9, 1}, 2); /* 90: 80 apart */
	counts(&t, 4, 0, (long[]){1, 1, 1}, 3);
	counts(&t, 4, 1, (long[]){1, 1, 1}, 3); /* 0 apart */
	divide_session(&t, 20, &ans);
	assert_int_equal(ans.counted, 4);
	assert_int_equal(ans.apart, 2);
	assert_int_equal(ans.widest, 3);
	assert_divide(&ans.d, 80, 0, 2);

	divide_session(&t, 19, &ans);
	assert_int_equal(ans.apart, 3);
	divide_session(&t, 0, &ans);
	assert_int_equal(ans.apart, 3);
	divide_session(&t, 80, &ans);
	assert_int_equal(ans.apart, 0);
	assert_int_equal(ans.widest, 3);
	divide_session(&t, 100, &ans);
	assert_int_equal(ans.apart, 0);

	/* Two items as wide: the first is the widest. */
	counts(&t, 1, 1, (long[]){1, 9}, 2);
	counts(&t, 1, 2, (long[]){9, 1}, 2);
	divide_session(&t, 20, &ans);
	assert_int_equal(ans.widest, 1);
	assert_divide(&ans.d, 80, 1, 2);
	assert_int_equal(ans.apart, 3);
	tally_free(&t);

	/* Without groups nothing is ever counted apart. */
	t = grouped(2, nv, 1);
	counts(&t, 0, 0, (long[]){8, 2}, 2);
	divide_session(&t, 20, &ans);
	assert_int_equal(ans.counted, 0);
	assert_int_equal(ans.widest, -1);
	tally_free(&t);
}

static void test_swing_arithmetic(void **state)
{
	struct swing s;

	(void)state;
	/* 10/10 -> 15/5: five moved from View 2 to View 1. */
	divide_swing((int64_t[]){10, 10}, (int64_t[]){15, 5}, 2, &s);
	assert_true(s.known);
	assert_int_equal(s.points[0], 25);
	assert_int_equal(s.points[1], -25);
	assert_int_equal(s.changed, 5);
	/* 10/10 -> 12/12: four more hands, nobody had to change. */
	divide_swing((int64_t[]){10, 10}, (int64_t[]){12, 12}, 2, &s);
	assert_true(s.known);
	assert_int_equal(s.points[0], 0);
	assert_int_equal(s.points[1], 0);
	assert_int_equal(s.changed, 0);
	/* 10/0 -> 0/15: ten changed at least, five came in. */
	divide_swing((int64_t[]){10, 0}, (int64_t[]){0, 15}, 2, &s);
	assert_int_equal(s.points[0], -100);
	assert_int_equal(s.points[1], 100);
	assert_int_equal(s.changed, 10);
	/* 10/10 -> 11/10: one more hand. */
	divide_swing((int64_t[]){10, 10}, (int64_t[]){11, 10}, 2, &s);
	assert_int_equal(s.changed, 0);
	assert_int_equal(s.points[0], 2); /* 50 -> 52 */
	/* 3/2 -> 2/4: one moved, one came in. */
	divide_swing((int64_t[]){3, 2}, (int64_t[]){2, 4}, 2, &s);
	assert_int_equal(s.changed, 1);
	assert_int_equal(s.points[0], -27); /* 60 -> 33 */
	assert_int_equal(s.points[1], 27);
	/* 20 -> 10 hands, all still on View 1: people left, none changed. */
	divide_swing((int64_t[]){20, 0}, (int64_t[]){10, 0}, 2, &s);
	assert_int_equal(s.changed, 0);
	assert_int_equal(s.points[0], 0);
	/* Three views: 10/5/5 -> 5/10/10 (50/25/25 -> 20/40/40). */
	divide_swing((int64_t[]){10, 5, 5}, (int64_t[]){5, 10, 10}, 3, &s);
	assert_int_equal(s.changed, 5);
	assert_int_equal(s.points[0], -30);
	assert_int_equal(s.points[1], 15);
	assert_int_equal(s.points[2], 15);
	/* 6/0/0 -> 0/3/3: all six changed. */
	divide_swing((int64_t[]){6, 0, 0}, (int64_t[]){0, 3, 3}, 3, &s);
	assert_int_equal(s.changed, 6);
	/* Points from the shown percentages: 33/67 -> 67/33. */
	divide_swing((int64_t[]){1, 2}, (int64_t[]){2, 1}, 2, &s);
	assert_int_equal(s.points[0], 34);
	assert_int_equal(s.points[1], -34);
	assert_int_equal(s.changed, 1);
	/* Sums over many sessions are exact in 64 bits. */
	divide_swing((int64_t[]){INT64_C(3000000000), INT64_C(1000000000)},
		     (int64_t[]){INT64_C(1000000000), INT64_C(3000000000)}, 2,
		     &s);
	assert_int_equal(s.points[0], -50);
	assert_true(s.changed == INT64_C(2000000000));
}

/* A round without hands has no split to swing from or to. */
static void test_swing_unknown(void **state)
{
	struct swing s;

	(void)state;
	divide_swing((int64_t[]){0, 0}, (int64_t[]){5, 5}, 2, &s);
	assert_false(s.known);
	assert_int_equal(s.points[0], 0);
	assert_int_equal(s.points[1], 0);
	assert_int_equal(s.changed, 0);
	divide_swing((int64_t[]){3, 7}, (int64_t[]){0, 0}, 2, &s);
	assert_false(s.known);
	assert_int_equal(s.points[0], 0);
	assert_int_equal(s.changed, 0);
	divide_swing((int64_t[]){0, 0}, (int64_t[]){0, 0}, 2, &s);
	assert_false(s.known);
	assert_int_equal(s.changed, 0);
}

/* The swing of a tally's item: the room's counts of its last two rounds. */
static void test_item_swing(void **state)
{
	int nv[] = {2, 2};
	struct tally t = grouped(2, nv, 2);
	struct swing s;

	(void)state;
	/* One round only: nothing to swing from. */
	counts(&t, 0, 0, (long[]){6, 4}, 2);
	counts(&t, 0, 1, (long[]){4, 6}, 2);
	divide_item_swing(&t, 0, &s);
	assert_false(s.known);
	assert_int_equal(s.changed, 0);
	/* Round 2 with no hands yet. */
	assert_true(tally_new_round(&t, 0));
	divide_item_swing(&t, 0, &s);
	assert_false(s.known);
	/* Room 10/10 -> 15/5, whichever group the hands are in. */
	counts(&t, 0, 0, (long[]){10, 0}, 2);
	counts(&t, 0, 1, (long[]){5, 5}, 2);
	divide_item_swing(&t, 0, &s);
	assert_true(s.known);
	assert_int_equal(s.points[0], 25);
	assert_int_equal(s.points[1], -25);
	assert_int_equal(s.changed, 5);
	/* Round 3 against round 2 (15/5 -> 0/15), not round 1. */
	assert_true(tally_new_round(&t, 0));
	counts(&t, 0, 1, (long[]){0, 15}, 2);
	divide_item_swing(&t, 0, &s);
	assert_true(s.known);
	assert_int_equal(s.points[0], -75);
	assert_int_equal(s.changed, 15 - 5);
	/* Other items and bad indices. */
	divide_item_swing(&t, 1, &s);
	assert_false(s.known);
	divide_item_swing(&t, 7, &s);
	assert_false(s.known);
	tally_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_two_views),
		cmocka_unit_test(test_three_views),
		cmocka_unit_test(test_empty_groups_skipped),
		cmocka_unit_test(test_single_group),
		cmocka_unit_test(test_zero_counts),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_gap_from_shown_percentages),
		cmocka_unit_test(test_divide_of_current_round),
		cmocka_unit_test(test_session_answer),
		cmocka_unit_test(test_swing_arithmetic),
		cmocka_unit_test(test_swing_unknown),
		cmocka_unit_test(test_item_swing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
