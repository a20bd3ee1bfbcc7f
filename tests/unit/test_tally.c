/* Unit tests of tally: counts, clamping, undo/redo and percentages. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/tally.h"

#include "unit_util.h"

static struct tally fresh(int nitems, const int *nviews)
{
	struct tally t;

	assert_int_equal(tally_init(&t, nitems, nviews, 1), 0);
	return t;
}

static void test_init_zero(void **state)
{
	int nv[] = {2, 3, 6};
	struct tally t = fresh(3, nv);

	(void)state;
	for (int i = 0; i < 3; i++) {
		for (int v = 0; v < nv[i]; v++)
			assert_int_equal(tally_get(&t, i, v), 0);
		assert_int_equal(tally_item_total(&t, i), 0);
		assert_false(tally_item_counted(&t, i));
		assert_int_equal(tally_leaning(&t, i), -1);
	}
	assert_false(tally_can_undo(&t));
	assert_false(tally_can_redo(&t));
	assert_int_equal(tally_undo(&t), -1);
	assert_int_equal(tally_redo(&t), -1);
	tally_free(&t);
	tally_free(&t); /* twice is harmless */
}

static void test_init_edges(void **state)
{
	struct tally t;
	int nv[] = {9, -1};

	(void)state;
	assert_int_equal(tally_init(&t, 0, NULL, 1), 0);
	assert_int_equal(tally_get(&t, 0, 0), 0);
	assert_false(tally_add(&t, 0, 0, 0, 1));
	assert_int_equal(tally_view_total(&t, 0), 0);
	tally_free(&t);

	assert_int_equal(tally_init(&t, -1, nv, 1), -1);
	tally_free(&t);
	assert_int_equal(tally_init(&t, 2, NULL, 1), -1);
	tally_free(&t);
	assert_int_equal(tally_init(NULL, 1, nv, 1), -1);

	/* Out-of-range view counts are clamped, never trusted as indices. */
	assert_int_equal(tally_init(&t, 2, nv, 1), 0);
	assert_int_equal(t.items[0].nviews, TALLY_MAX_VIEWS);
	assert_int_equal(t.items[1].nviews, 0);
	assert_true(tally_set(&t, 0, 0, TALLY_MAX_VIEWS - 1, 4));
	assert_false(tally_set(&t, 0, 0, TALLY_MAX_VIEWS, 4));
	assert_false(tally_set(&t, 1, 0, 0, 4));
	tally_free(&t);
}

static void test_set_add_get(void **state)
{
	int nv[] = {2, 4};
	struct tally t = fresh(2, nv);

	(void)state;
	assert_true(tally_set(&t, 0, 0, 1, 12));
	assert_int_equal(tally_get(&t, 0, 1), 12);
	assert_false(tally_set(&t, 0, 0, 1, 12)); /* no change, no history */
	assert_true(tally_add(&t, 0, 0, 1, 3));
	assert_int_equal(tally_get(&t, 0, 1), 15);
	assert_true(tally_add(&t, 0, 0, 1, -5));
	assert_int_equal(tally_get(&t, 0, 1), 10);
	assert_false(tally_add(&t, 0, 0, 1, 0));
	assert_true(tally_add(&t, 1, 0, 3, 7));
	assert_int_equal(tally_item_total(&t, 0), 10);
	assert_int_equal(tally_item_total(&t, 1), 7);
	assert_true(tally_item_counted(&t, 0));
	assert_true(tally_item_counted(&t, 1));
	/* Four changes were made; the no-ops added nothing to undo. */
	assert_int_equal(t.hist_len, 4);
	tally_free(&t);
}

static void test_bad_indices(void **state)
{
	int nv[] = {2, 3};
	struct tally t = fresh(2, nv);

	(void)state;
	assert_false(tally_set(&t, -1, 0, 0, 1));
	assert_false(tally_set(&t, 2, 0, 0, 1));
	assert_false(tally_set(&t, 0, 0, 2, 1));
	assert_false(tally_set(&t, 0, 0, -1, 1));
	assert_false(tally_add(&t, 5, 0, 0, 1));
	assert_false(tally_add(&t, 0, 0, INT_MAX, 1));
	assert_false(tally_reset_item(&t, 2));
	assert_false(tally_reset_item(&t, -1));
	tally_load(&t, 0, 0, 0, 2, 5);
	tally_load(&t, 9, 0, 0, 0, 5);
	assert_int_equal(tally_get(&t, 0, 2), 0);
	assert_int_equal(tally_get(&t, INT_MIN, 0), 0);
	assert_int_equal(tally_item_total(&t, 3), 0);
	assert_false(tally_item_counted(&t, -2));
	assert_int_equal(tally_leaning(&t, 7), -1);
	assert_int_equal(tally_view_total(&t, -1), 0);
	assert_int_equal(tally_view_total(&t, TALLY_MAX_VIEWS), 0);
	assert_false(tally_can_undo(&t));
	assert_false(tally_can_undo(NULL));
	assert_false(tally_can_redo(NULL));
	assert_int_equal(tally_undo(NULL), -1);
	assert_int_equal(tally_get(NULL, 0, 0), 0);
	tally_free(&t);
	tally_free(NULL);
}

static void test_clamp_zero(void **state)
{
	int nv[] = {2};
	struct tally t = fresh(1, nv);

	(void)state;
	assert_false(tally_add(&t, 0, 0, 0, -1)); /* already zero */
	assert_false(tally_set(&t, 0, 0, 0, -5));
	assert_false(tally_can_undo(&t));
	assert_true(tally_set(&t, 0, 0, 0, 3));
	assert_true(tally_add(&t, 0, 0, 0, -10));
	assert_int_equal(tally_get(&t, 0, 0), 0);
	assert_true(tally_set(&t, 0, 0, 0, 3));
	assert_true(tally_add(&t, 0, 0, 0, LONG_MIN));
	assert_int_equal(tally_get(&t, 0, 0), 0);
	tally_free(&t);
}

static void test_clamp_max(void **state)
{
	int nv[] = {2};
	struct tally t = fresh(1, nv);

	(void)state;
	assert_true(tally_set(&t, 0, 0, 1, TALLY_MAX_COUNT + 1));
	assert_int_equal(tally_get(&t, 0, 1), TALLY_MAX_COUNT);
	assert_false(tally_add(&t, 0, 0, 1, 1));
	assert_false(tally_add(&t, 0, 0, 1, LONG_MAX));
	assert_false(tally_set(&t, 0, 0, 1, LONG_MAX));
	assert_true(tally_add(&t, 0, 0, 1, -1));
	assert_true(tally_add(&t, 0, 0, 1, LONG_MAX));
	assert_int_equal(tally_get(&t, 0, 1), TALLY_MAX_COUNT);
	assert_true(tally_add(&t, 0, 0, 0, TALLY_MAX_COUNT * 3));
	assert_int_equal(tally_get(&t, 0, 0), TALLY_MAX_COUNT);
	tally_load(&t, 0, 0, 0, 0, -4);
	assert_int_equal(tally_get(&t, 0, 0), 0);
	tally_load(&t, 0, 0, 0, 0, LONG_MAX);
	assert_int_equal(tally_get(&t, 0, 0), TALLY_MAX_COUNT);
	tally_free(&t);
}

static void test_undo_redo(void **state)
{
	int nv[] = {2, 3};
	struct tally t = fresh(2, nv);

	(void)state;
	tally_add(&t, 0, 0, 0, 1);
	tally_add(&t, 1, 0, 2, 4);
	tally_add(&t, 0, 0, 1, 2);
	assert_true(tally_can_undo(&t));
	assert_false(tally_can_redo(&t));

	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 1), 0);
	assert_int_equal(tally_undo(&t), 1);
	assert_int_equal(tally_get(&t, 1, 2), 0);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 0);
	assert_int_equal(tally_undo(&t), -1);
	assert_false(tally_can_undo(&t));
	assert_true(tally_can_redo(&t));

	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 1);
	assert_int_equal(tally_redo(&t), 1);
	assert_int_equal(tally_get(&t, 1, 2), 4);
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 1), 2);
	assert_int_equal(tally_redo(&t), -1);
	assert_false(tally_can_redo(&t));

	/* Undo of a clamped change restores the value before, not the delta. */
	tally_set(&t, 0, 0, 0, 5);
	tally_add(&t, 0, 0, 0, -100);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 5);
	tally_free(&t);
}

static void test_redo_tail_dropped(void **state)
{
	int nv[] = {2};
	struct tally t = fresh(1, nv);

	(void)state;
	for (int i = 0; i < 5; i++)
		tally_add(&t, 0, 0, 0, 1);
	tally_undo(&t);
	tally_undo(&t);
	tally_undo(&t);
	assert_int_equal(tally_get(&t, 0, 0), 2);
	assert_true(tally_can_redo(&t));

	/* A no-op does not count as a new change: redo survives it. */
	assert_false(tally_set(&t, 0, 0, 0, 2));
	assert_true(tally_can_redo(&t));

	assert_true(tally_add(&t, 0, 0, 1, 1));
	assert_false(tally_can_redo(&t));
	assert_int_equal(tally_redo(&t), -1);
	assert_int_equal(tally_get(&t, 0, 0), 2);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 1), 0);
	assert_int_equal(tally_get(&t, 0, 0), 2);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 1);
	tally_free(&t);
}

static void test_ring_overflow(void **state)
{
	int nv[] = {2, 2};
	struct tally t = fresh(2, nv);
	const long n = TALLY_UNDO_DEPTH + 100;
	long undone = 0;

	(void)state;
	for (long i = 1; i <= n; i++)
		assert_true(tally_set(&t, (int)(i % 2), 0, 0, i));
	assert_int_equal(t.hist_len, TALLY_UNDO_DEPTH);

	/* Only the most recent TALLY_UNDO_DEPTH changes can be undone. */
	while (tally_undo(&t) >= 0)
		undone++;
	assert_int_equal(undone, TALLY_UNDO_DEPTH);
	/* What is left is the state after the first 100 changes. */
	assert_int_equal(tally_get(&t, 0, 0), 100);
	assert_int_equal(tally_get(&t, 1, 0), 99);

	/* And all of them redo, in order, back to the end. */
	for (long i = 0; i < TALLY_UNDO_DEPTH; i++)
		assert_int_equal(tally_redo(&t), (int)((101 + i) % 2));
	assert_int_equal(tally_get(&t, 0, 0), n);
	assert_int_equal(tally_get(&t, 1, 0), n - 1);
	assert_false(tally_can_redo(&t));

	/* Undo halfway, then a new change drops the tail, ring still sane. */
	for (int i = 0; i < 10; i++)
		tally_undo(&t);
	assert_true(tally_set(&t, 1, 0, 1, 77));
	assert_int_equal(t.hist_len, TALLY_UNDO_DEPTH - 9);
	assert_int_equal(t.hist_pos, t.hist_len);
	assert_int_equal(tally_undo(&t), 1);
	assert_int_equal(tally_get(&t, 1, 1), 0);
	tally_free(&t);
}

static void test_reset_item(void **state)
{
	int nv[] = {3, 2};
	struct tally t = fresh(2, nv);

	(void)state;
	assert_false(tally_reset_item(&t, 0)); /* nothing to reset */
	tally_set(&t, 0, 0, 0, 4);
	tally_set(&t, 0, 0, 1, 5);
	tally_set(&t, 0, 0, 2, 6);
	tally_set(&t, 1, 0, 0, 9);
	assert_true(tally_reset_item(&t, 0));
	assert_int_equal(tally_item_total(&t, 0), 0);
	assert_int_equal(tally_get(&t, 1, 0), 9);
	assert_false(tally_reset_item(&t, 0));

	/* One undo brings back every count of the item at once. */
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 4);
	assert_int_equal(tally_get(&t, 0, 1), 5);
	assert_int_equal(tally_get(&t, 0, 2), 6);
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_item_total(&t, 0), 0);
	tally_free(&t);
}

static void test_load_no_history(void **state)
{
	int nv[] = {2, 2};
	struct tally t = fresh(2, nv);

	(void)state;
	tally_load(&t, 0, 0, 0, 0, 8);
	tally_load(&t, 1, 0, 0, 1, 3);
	assert_int_equal(tally_get(&t, 0, 0), 8);
	assert_int_equal(tally_get(&t, 1, 1), 3);
	assert_false(tally_can_undo(&t));
	assert_true(tally_add(&t, 0, 0, 0, 1));
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 8);
	tally_free(&t);
}

static void test_totals(void **state)
{
	int nv[] = {2, 4, 3};
	struct tally t = fresh(3, nv);

	(void)state;
	tally_load(&t, 0, 0, 0, 0, 1);
	tally_load(&t, 0, 0, 0, 1, 2);
	tally_load(&t, 1, 0, 0, 0, 10);
	tally_load(&t, 1, 0, 0, 1, 20);
	tally_load(&t, 1, 0, 0, 2, 30);
	tally_load(&t, 1, 0, 0, 3, 40);
	tally_load(&t, 2, 0, 0, 2, 300);
	assert_int_equal(tally_view_total(&t, 0), 11);
	assert_int_equal(tally_view_total(&t, 1), 22);
	assert_int_equal(tally_view_total(&t, 2), 330);
	assert_int_equal(tally_view_total(&t, 3), 40);
	assert_int_equal(tally_view_total(&t, 4), 0);
	assert_int_equal(tally_item_total(&t, 1), 100);
	tally_free(&t);
}

static void test_leaning(void **state)
{
	int nv[] = {3};
	struct tally t = fresh(1, nv);
	int64_t a[] = {0, 0, 0};
	int64_t b[] = {2, 5, 5};
	int64_t c[] = {5, 2, 5};
	int64_t d[] = {7, 5, 5};
	int64_t e[] = {0, 0, 1};
	int64_t f[] = {-3, -1, 0};

	(void)state;
	assert_int_equal(tally_leaning_of(a, 3), -1);
	assert_int_equal(tally_leaning_of(b, 3), -1);
	assert_int_equal(tally_leaning_of(c, 3), -1);
	assert_int_equal(tally_leaning_of(d, 3), 0); /* a lower tie is fine */
	assert_int_equal(tally_leaning_of(e, 3), 2);
	assert_int_equal(tally_leaning_of(f, 3), -1);
	assert_int_equal(tally_leaning_of(b, 1), 0);
	assert_int_equal(tally_leaning_of(b, 0), -1);
	assert_int_equal(tally_leaning_of(NULL, 3), -1);

	tally_set(&t, 0, 0, 1, 4);
	assert_int_equal(tally_leaning(&t, 0), 1);
	tally_set(&t, 0, 0, 2, 4);
	assert_int_equal(tally_leaning(&t, 0), -1);
	tally_add(&t, 0, 0, 2, 1);
	assert_int_equal(tally_leaning(&t, 0), 2);
	tally_free(&t);
}

static void check_pct(const long *c, int n, const int *want)
{
	int pct[TALLY_MAX_VIEWS];

	tally_percent(c, n, pct);
	for (int i = 0; i < n; i++)
		assert_int_equal(pct[i], want[i]);
}

static void test_percent_known(void **state)
{
	(void)state;
	check_pct((long[]){1, 1, 1}, 3, (int[]){34, 33, 33});
	check_pct((long[]){2, 1}, 2, (int[]){67, 33});
	check_pct((long[]){1, 2}, 2, (int[]){33, 67});
	check_pct((long[]){0, 0}, 2, (int[]){0, 0});
	check_pct((long[]){1, 0}, 2, (int[]){100, 0});
	check_pct((long[]){0, 7}, 2, (int[]){0, 100});
	check_pct((long[]){1, 1}, 2, (int[]){50, 50});
	check_pct((long[]){3, 3, 3, 3, 3, 3}, 6,
		  (int[]){17, 17, 17, 17, 16, 16});
	check_pct((long[]){1, 1, 1, 1, 1, 1}, 6,
		  (int[]){17, 17, 17, 17, 16, 16});
	check_pct((long[]){1, 999}, 2, (int[]){0, 100});
	check_pct((long[]){1, 199}, 2, (int[]){1, 99});
	check_pct((long[]){-5, 1}, 2, (int[]){0, 100});
	check_pct((long[]){TALLY_MAX_COUNT, TALLY_MAX_COUNT, 1}, 3,
		  (int[]){50, 50, 0});
	/* Far beyond any room: still exact enough, and no overflow. */
	check_pct((long[]){LONG_MAX, LONG_MAX, LONG_MAX}, 3,
		  (int[]){34, 33, 33});
	check_pct((long[]){LONG_MAX, LONG_MAX / 3}, 2, (int[]){75, 25});
}

static void test_percent_random(void **state)
{
	long c[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];

	(void)state;
	for (int round = 0; round < 20000; round++) {
		int n = 2 + (int)(unit_rng() % (TALLY_MAX_VIEWS - 1));
		static const long spreads[] = {5, 1000, TALLY_MAX_COUNT};
		long total = 0, spread = spreads[round % 3];
		int sum = 0;

		for (int i = 0; i < n; i++) {
			c[i] = (long)(unit_rng() % (uint32_t)(spread + 1));
			total += c[i];
		}
		tally_percent(c, n, pct);
		for (int i = 0; i < n; i++)
			sum += pct[i];
		if (total == 0) {
			assert_int_equal(sum, 0);
			continue;
		}
		assert_int_equal(sum, 100);
		for (int i = 0; i < n; i++) {
			long fl = c[i] * 100 / total;
			long ri = c[i] * 100 % total;

			/* Each is its exact share rounded down or up. */
			assert_true(pct[i] == fl || pct[i] == fl + 1);
			if (pct[i] == fl + 1)
				assert_true(ri > 0);
			/* No share rounded down beats one rounded up. */
			for (int j = 0; j < n; j++) {
				long rj = c[j] * 100 % total;

				if (pct[i] != fl + 1 ||
				    pct[j] != c[j] * 100 / total)
					continue;
				assert_true(ri > rj || (ri == rj && i < j));
			}
		}
	}
}

static void test_apportion(void **state)
{
	int out[4] = {9, 9, 9, 9};

	(void)state;
	tally_apportion((long[]){1, 1, 1}, 3, 10, out);
	assert_int_equal(out[0], 4);
	assert_int_equal(out[1], 3);
	assert_int_equal(out[2], 3);
	tally_apportion((long[]){1, 1}, 2, 0, out);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 0);
	tally_apportion((long[]){5, 0, 5}, 3, -3, out);
	assert_int_equal(out[0] + out[1] + out[2], 0);
	tally_apportion((long[]){3, 1}, 2, INT_MAX, out);
	assert_int_equal((long)out[0] + out[1], INT_MAX);
	assert_int_equal(out[1], INT_MAX / 4 + 1); /* remainder 3 beats 1 */
	tally_apportion(NULL, 3, 10, out);
	tally_apportion((long[]){1}, 1, 10, NULL);
}

/* ---- groups, rounds, headcounts ---------------------------------------- */

static struct tally grouped(int nitems, const int *nviews, int ngroups)
{
	struct tally t;

	assert_int_equal(tally_init(&t, nitems, nviews, ngroups), 0);
	return t;
}

static void test_groups_sum_to_the_room(void **state)
{
	int nv[] = {3, 2};
	struct tally t = grouped(2, nv, 3);
	long room[TALLY_MAX_VIEWS];

	(void)state;
	assert_int_equal(t.ngroups, 3);
	assert_true(tally_set(&t, 0, 0, 0, 4));
	assert_true(tally_set(&t, 0, 1, 0, 5));
	assert_true(tally_add(&t, 0, 2, 0, 6));
	assert_true(tally_add(&t, 0, 2, 2, 1));
	assert_true(tally_add(&t, 0, 1, 1, 2));
	assert_int_equal(tally_group_get(&t, 0, 0, 0), 4);
	assert_int_equal(tally_group_get(&t, 0, 1, 0), 5);
	assert_int_equal(tally_group_get(&t, 0, 2, 0), 6);
	assert_int_equal(tally_get(&t, 0, 0), 15);
	assert_int_equal(tally_get(&t, 0, 1), 2);
	assert_int_equal(tally_get(&t, 0, 2), 1);
	assert_int_equal(tally_group_total(&t, 0, 0), 4);
	assert_int_equal(tally_group_total(&t, 0, 1), 7);
	assert_int_equal(tally_group_total(&t, 0, 2), 7);
	assert_int_equal(tally_item_total(&t, 0), 18);
	assert_int_equal(tally_room(&t, 0, 0, room), 3);
	assert_int_equal(room[0], 15);
	assert_int_equal(room[1], 2);
	assert_int_equal(room[2], 1);
	assert_int_equal(tally_view_total(&t, 0), 15);
	assert_int_equal(tally_leaning(&t, 0), 0);
	/* Another group's count does not move with this one's. */
	assert_true(tally_add(&t, 0, 1, 0, -5));
	assert_int_equal(tally_group_get(&t, 0, 0, 0), 4);
	assert_int_equal(tally_get(&t, 0, 0), 10);
	assert_false(tally_add(&t, 0, 1, 0, -1)); /* at zero already */
	/* Each group clamps on its own. */
	assert_true(tally_set(&t, 1, 0, 1, TALLY_MAX_COUNT + 5));
	assert_true(tally_set(&t, 1, 1, 1, TALLY_MAX_COUNT));
	assert_int_equal(tally_group_get(&t, 1, 0, 1), TALLY_MAX_COUNT);
	assert_int_equal(tally_get(&t, 1, 1), 2 * TALLY_MAX_COUNT);
	/* Groups out of range. */
	assert_false(tally_set(&t, 0, 3, 0, 1));
	assert_false(tally_set(&t, 0, -1, 0, 1));
	assert_false(tally_add(&t, 0, TALLY_MAX_GROUPS, 0, 1));
	assert_int_equal(tally_group_get(&t, 0, 3, 0), 0);
	assert_int_equal(tally_group_total(&t, 0, -1), 0);
	assert_int_equal(tally_cell(&t, 0, 0, 3, 0), 0);
	assert_int_equal(tally_cell(&t, 0, 1, 0, 0), 0);
	/* Undo says which group each change was in. */
	const struct tally_change *c = tally_undo_peek(&t);
	assert_non_null(c);
	assert_int_equal(c->kind, TALLY_COUNTS);
	assert_int_equal(c->group, 1);
	assert_int_equal(c->item, 1);
	assert_int_equal(tally_undo(&t), 1);
	assert_int_equal(tally_get(&t, 1, 1), TALLY_MAX_COUNT);
	tally_free(&t);

	/* The number of groups is clamped to 1..TALLY_MAX_GROUPS. */
	t = grouped(2, nv, 0);
	assert_int_equal(t.ngroups, 1);
	tally_free(&t);
	t = grouped(2, nv, -4);
	assert_int_equal(t.ngroups, 1);
	tally_free(&t);
	t = grouped(2, nv, TALLY_MAX_GROUPS + 1);
	assert_int_equal(t.ngroups, TALLY_MAX_GROUPS);
	assert_true(tally_set(&t, 0, TALLY_MAX_GROUPS - 1, 2, 3));
	assert_false(tally_set(&t, 0, TALLY_MAX_GROUPS, 2, 3));
	assert_int_equal(tally_get(&t, 0, 2), 3);
	tally_free(&t);
}

/* Clearing an item clears every group's counts as one step. */
static void test_reset_every_group(void **state)
{
	int nv[] = {2, 2};
	struct tally t = grouped(2, nv, 3);

	(void)state;
	tally_set(&t, 0, 0, 0, 4);
	tally_set(&t, 0, 0, 1, 1);
	tally_set(&t, 0, 2, 1, 7);
	tally_set(&t, 1, 1, 0, 9);
	size_t len = t.hist_len;
	assert_true(tally_reset_item(&t, 0));
	/* One change per group that had hands, joined to the first. */
	assert_int_equal(t.hist_len, len + 2);
	assert_int_equal(tally_item_total(&t, 0), 0);
	assert_int_equal(tally_get(&t, 1, 0), 9);
	assert_false(tally_reset_item(&t, 0));
	assert_true(tally_undo_peek(&t)->joined);
	assert_int_equal(tally_undo_peek(&t)->group, 2);

	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_group_get(&t, 0, 0, 0), 4);
	assert_int_equal(tally_group_get(&t, 0, 0, 1), 1);
	assert_int_equal(tally_group_get(&t, 0, 2, 1), 7);
	assert_int_equal(tally_item_total(&t, 0), 12);
	/* The change before the clear is next, on its own. */
	assert_int_equal(tally_undo_peek(&t)->item, 1);

	assert_false(tally_redo_peek(&t)->joined);
	assert_int_equal(tally_redo_peek(&t)->group, 0);
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_item_total(&t, 0), 0);
	assert_false(tally_can_redo(&t));
	assert_int_equal(tally_get(&t, 1, 0), 9);
	/* Undone again, then the earlier changes one by one. */
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_item_total(&t, 0), 12);
	assert_int_equal(tally_undo(&t), 1);
	assert_int_equal(tally_get(&t, 1, 0), 0);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_group_get(&t, 0, 2, 1), 0);
	assert_int_equal(tally_item_total(&t, 0), 5);
	tally_free(&t);

	/* One group with hands: the clear is a single change. */
	t = grouped(1, nv, 3);
	tally_set(&t, 0, 1, 0, 2);
	len = t.hist_len;
	assert_true(tally_reset_item(&t, 0));
	assert_int_equal(t.hist_len, len + 1);
	assert_false(tally_undo_peek(&t)->joined);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 0), 2);
	tally_free(&t);
}

static void test_rounds(void **state)
{
	int nv[] = {2, 3};
	struct tally t = grouped(2, nv, 2);
	long room[TALLY_MAX_VIEWS];

	(void)state;
	assert_int_equal(tally_rounds(&t, 0), 1);
	assert_int_equal(tally_rounds(&t, 9), 1);
	assert_int_equal(tally_rounds(NULL, 0), 1);
	/* Nothing counted: a second round would compare nothing. */
	assert_false(tally_new_round(&t, 0));
	assert_int_equal(tally_rounds(&t, 0), 1);
	assert_false(tally_can_undo(&t));
	assert_false(tally_new_round(&t, 2));
	assert_false(tally_new_round(&t, -1));

	tally_set(&t, 0, 0, 0, 6);
	tally_set(&t, 0, 1, 1, 4);
	assert_true(tally_new_round(&t, 0));
	assert_int_equal(tally_rounds(&t, 0), 2);
	assert_int_equal(tally_rounds(&t, 1), 1);
	const struct tally_change *c = tally_undo_peek(&t);
	assert_int_equal(c->kind, TALLY_ROUND);
	assert_int_equal(c->item, 0);
	assert_int_equal(c->round, 1);
	/* Counting goes to the new round; the first is kept as it was. */
	assert_int_equal(tally_get(&t, 0, 0), 0);
	assert_false(tally_item_counted(&t, 0));
	assert_false(tally_new_round(&t, 0)); /* round 2 is empty */
	assert_false(tally_reset_item(&t, 0));
	tally_add(&t, 0, 0, 1, 3);
	tally_add(&t, 0, 1, 1, 2);
	assert_int_equal(tally_get(&t, 0, 1), 5);
	assert_int_equal(tally_cell(&t, 0, 0, 0, 0), 6);
	assert_int_equal(tally_cell(&t, 0, 0, 1, 1), 4);
	assert_int_equal(tally_cell(&t, 0, 1, 0, 1), 3);
	assert_int_equal(tally_cell(&t, 0, 2, 0, 1), 0);
	assert_int_equal(tally_cell(&t, 0, -1, 0, 1), 0);
	tally_room(&t, 0, 0, room);
	assert_int_equal(room[0], 6);
	assert_int_equal(room[1], 4);
	tally_room(&t, 0, 1, room);
	assert_int_equal(room[0], 0);
	assert_int_equal(room[1], 5);
	/* Totals and leanings are of the current round. */
	assert_int_equal(tally_item_total(&t, 0), 5);
	assert_int_equal(tally_view_total(&t, 0), 0);
	assert_int_equal(tally_leaning(&t, 0), 1);
	assert_int_equal(tally_undo_peek(&t)->round, 1);

	/* Undo takes the counts of round 2, then round 2 itself. */
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_rounds(&t, 0), 2);
	assert_int_equal(tally_item_total(&t, 0), 0);
	assert_int_equal(tally_undo_peek(&t)->kind, TALLY_ROUND);
	assert_int_equal(tally_undo(&t), 0);
	assert_int_equal(tally_rounds(&t, 0), 1);
	assert_int_equal(tally_get(&t, 0, 0), 6);
	assert_int_equal(tally_get(&t, 0, 1), 4);
	/* And redo brings both back in order. */
	assert_int_equal(tally_redo_peek(&t)->kind, TALLY_ROUND);
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_rounds(&t, 0), 2);
	assert_int_equal(tally_get(&t, 0, 0), 0);
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(tally_get(&t, 0, 1), 5);
	assert_int_equal(tally_cell(&t, 0, 0, 0, 0), 6);
	assert_false(tally_can_redo(&t));

	/* Clearing in round 2 leaves round 1 alone. */
	assert_true(tally_reset_item(&t, 0));
	assert_int_equal(tally_item_total(&t, 0), 0);
	assert_int_equal(tally_cell(&t, 0, 0, 0, 0), 6);
	assert_int_equal(tally_rounds(&t, 0), 2);
	tally_free(&t);
}

static void test_rounds_at_most(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 1);

	(void)state;
	for (int r = 1; r < TALLY_MAX_ROUNDS; r++) {
		assert_true(tally_add(&t, 0, 0, r % 2, r));
		assert_true(tally_new_round(&t, 0));
		assert_int_equal(tally_rounds(&t, 0), r + 1);
	}
	assert_true(tally_add(&t, 0, 0, 0, 1));
	size_t len = t.hist_len;
	assert_false(tally_new_round(&t, 0));
	assert_int_equal(tally_rounds(&t, 0), TALLY_MAX_ROUNDS);
	assert_int_equal(t.hist_len, len);
	/* Every earlier round kept its counts. */
	for (int r = 1; r < TALLY_MAX_ROUNDS; r++)
		assert_int_equal(tally_cell(&t, 0, r - 1, 0, r % 2), r);
	assert_int_equal(tally_cell(&t, 0, TALLY_MAX_ROUNDS - 1, 0, 0), 1);
	/* Undone all the way back, every round goes, and round 1 is left. */
	while (tally_undo(&t) >= 0)
		;
	assert_int_equal(tally_rounds(&t, 0), 1);
	assert_int_equal(tally_item_total(&t, 0), 0);
	while (tally_redo(&t) >= 0)
		;
	assert_int_equal(tally_rounds(&t, 0), TALLY_MAX_ROUNDS);
	assert_int_equal(tally_cell(&t, 0, 4, 0, 1), 5);
	tally_free(&t);
}

static void test_headcounts(void **state)
{
	int nv[] = {2};
	struct tally t = grouped(1, nv, 3);

	(void)state;
	assert_int_equal(tally_room_headcount(&t), 0);
	tally_set_headcount(&t, 0, 12);
	tally_set_headcount(&t, 2, 30);
	assert_int_equal(tally_headcount(&t, 0), 12);
	assert_int_equal(tally_headcount(&t, 1), 0);
	assert_int_equal(tally_headcount(&t, 2), 30);
	/* Group 1 has hands but no size: the room's is not known. */
	assert_int_equal(tally_room_headcount(&t), 0);
	tally_set_headcount(&t, 1, 5);
	assert_int_equal(tally_room_headcount(&t), 47);
	/* Clamped to 0..TALLY_MAX_HEADCOUNT. */
	tally_set_headcount(&t, 1, TALLY_MAX_HEADCOUNT + 1);
	assert_int_equal(tally_headcount(&t, 1), TALLY_MAX_HEADCOUNT);
	tally_set_headcount(&t, 1, LONG_MAX);
	assert_int_equal(tally_headcount(&t, 1), TALLY_MAX_HEADCOUNT);
	assert_int_equal(tally_room_headcount(&t), TALLY_MAX_HEADCOUNT + 42);
	tally_set_headcount(&t, 0, -5);
	assert_int_equal(tally_headcount(&t, 0), 0);
	assert_int_equal(tally_room_headcount(&t), 0);
	/* Groups out of range are ignored. */
	tally_set_headcount(&t, 3, 10);
	tally_set_headcount(&t, -1, 10);
	assert_int_equal(tally_headcount(&t, 3), 0);
	assert_int_equal(tally_headcount(&t, -1), 0);
	assert_int_equal(tally_headcount(NULL, 0), 0);
	assert_int_equal(tally_room_headcount(NULL), 0);
	tally_set_headcount(NULL, 0, 5);
	/* A headcount is not an undoable change. */
	assert_false(tally_can_undo(&t));
	tally_free(&t);

	/* Without groups the room has one headcount. */
	t = grouped(1, nv, 1);
	tally_set_headcount(&t, 0, 25);
	assert_int_equal(tally_room_headcount(&t), 25);
	tally_set_headcount(&t, 1, 25);
	assert_int_equal(tally_room_headcount(&t), 25);
	tally_free(&t);
}

/* Loading a saved session adds the rounds it names. */
static void test_load_grows_rounds(void **state)
{
	int nv[] = {2, 2};
	struct tally t = grouped(2, nv, 2);

	(void)state;
	assert_true(tally_load(&t, 0, 2, 1, 1, 7));
	assert_int_equal(tally_rounds(&t, 0), 3);
	assert_int_equal(tally_rounds(&t, 1), 1);
	assert_int_equal(tally_cell(&t, 0, 2, 1, 1), 7);
	assert_int_equal(tally_cell(&t, 0, 1, 1, 1), 0);
	assert_int_equal(tally_group_get(&t, 0, 1, 1), 7);
	assert_true(tally_load(&t, 0, 0, 0, 0, 3));
	assert_int_equal(tally_rounds(&t, 0), 3);
	assert_int_equal(tally_cell(&t, 0, 0, 0, 0), 3);
	assert_true(tally_load(&t, 1, TALLY_MAX_ROUNDS - 1, 0, 0, 1));
	assert_int_equal(tally_rounds(&t, 1), TALLY_MAX_ROUNDS);
	assert_false(tally_load(&t, 1, TALLY_MAX_ROUNDS, 0, 0, 1));
	assert_false(tally_load(&t, 0, -1, 0, 0, 1));
	assert_false(tally_load(&t, 0, 0, 2, 0, 1));
	assert_false(tally_load(&t, 0, 0, 0, 2, 1));
	assert_int_equal(tally_rounds(&t, 1), TALLY_MAX_ROUNDS);
	assert_false(tally_can_undo(&t));
	/* Counting goes on in the last round loaded. */
	assert_true(tally_add(&t, 0, 0, 0, 2));
	assert_int_equal(tally_cell(&t, 0, 2, 0, 0), 2);
	assert_int_equal(tally_undo_peek(&t)->round, 2);
	/* The most rounds are loaded: no new round. */
	assert_false(tally_new_round(&t, 1));
	assert_true(tally_new_round(&t, 0));
	assert_int_equal(tally_rounds(&t, 0), 4);
	tally_free(&t);
}

/*
 * The ring drops its oldest change when full; a change joined to the
 * dropped one is then undone on its own, and joined runs that are still
 * whole are undone and redone whole.
 */
static void test_ring_overflow_joined(void **state)
{
	int nv[] = {2, 2};
	struct tally t = grouped(2, nv, 3);

	(void)state;
	/* A clear of three groups: three changes, the last two joined. */
	tally_load(&t, 0, 0, 0, 0, 1);
	tally_load(&t, 0, 0, 1, 0, 2);
	tally_load(&t, 0, 0, 2, 0, 3);
	assert_true(tally_reset_item(&t, 0));
	assert_int_equal(t.hist_len, 3);
	/* Changes to item 1, then a clear of two of its groups: one change
	 * more than the ring holds, so the first of the clear above goes. */
	const long n = TALLY_UNDO_DEPTH - 3 - 1 - 2 + 1;
	for (long i = 1; i <= n; i++)
		assert_true(tally_set(&t, 1, 0, 0, i));
	assert_true(tally_set(&t, 1, 2, 1, 5));
	assert_int_equal(t.hist_len, TALLY_UNDO_DEPTH - 1);
	assert_true(tally_reset_item(&t, 1));
	assert_int_equal(t.hist_len, TALLY_UNDO_DEPTH);

	/* The last clear undoes whole. */
	assert_int_equal(tally_undo(&t), 1);
	assert_int_equal(tally_group_get(&t, 1, 0, 0), n);
	assert_int_equal(tally_group_get(&t, 1, 2, 1), 5);
	while (tally_undo_peek(&t) && tally_undo_peek(&t)->item == 1)
		tally_undo(&t);
	assert_int_equal(tally_item_total(&t, 1), 0);
	/* Of the first clear, the two changes left undo as one. */
	assert_int_equal(t.hist_pos, 2);
	assert_true(tally_undo_peek(&t)->joined);
	assert_int_equal(tally_undo(&t), 0);
	assert_false(tally_can_undo(&t));
	assert_int_equal(tally_group_get(&t, 0, 0, 0), 0);
	assert_int_equal(tally_group_get(&t, 0, 1, 0), 2);
	assert_int_equal(tally_group_get(&t, 0, 2, 0), 3);
	/* Redo runs forward the same way: the pair, then one at a time. */
	assert_int_equal(tally_redo(&t), 0);
	assert_int_equal(t.hist_pos, 2);
	assert_int_equal(tally_item_total(&t, 0), 0);
	assert_int_equal(tally_redo(&t), 1);
	assert_int_equal(t.hist_pos, 3);
	while (tally_redo(&t) >= 0)
		;
	assert_int_equal(t.hist_pos, TALLY_UNDO_DEPTH);
	assert_int_equal(tally_item_total(&t, 1), 0);
	/* The clear at the end was redone whole: undo brings both back. */
	assert_int_equal(tally_undo(&t), 1);
	assert_int_equal(tally_item_total(&t, 1), n + 5);
	tally_free(&t);
}

/* A tally made again for the next file: as new, in the same memory when
 * the shape is the same, and made anew when it is not. */
static void test_reuse(void **state)
{
	(void)state;
	struct tally t;
	int nv[2] = {2, 3}, other[2] = {2, 4};
	assert_int_equal(tally_init(&t, 2, nv, 3), 0);
	assert_true(tally_load(&t, 1, 0, 2, 2, 7));
	assert_true(tally_load(&t, 0, 1, 0, 1, 5)); /* a second round */
	tally_set_headcount(&t, 1, 40);
	assert_true(tally_add(&t, 0, 0, 0, 1));
	struct tally_item *items = t.items;
	assert_int_equal(tally_reuse(&t, 2, nv, 2), 0);
	assert_ptr_equal(t.items, items);
	assert_int_equal(t.ngroups, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(tally_rounds(&t, i), 1);
		assert_int_equal(tally_item_total(&t, i), 0);
	}
	assert_int_equal(tally_headcount(&t, 1), 0);
	assert_int_equal(tally_undo(&t), -1); /* nothing to undo */
	assert_int_equal(tally_reuse(&t, 2, other, 1), 0);
	assert_int_equal(t.items[1].nviews, 4);
	assert_true(tally_load(&t, 1, 0, 0, 3, 2));
	assert_int_equal(tally_item_total(&t, 1), 2);
	tally_free(&t);
	/* From an empty tally, as tally_init. */
	memset(&t, 0, sizeof t);
	assert_int_equal(tally_reuse(&t, 2, nv, 1), 0);
	assert_int_equal(t.nitems, 2);
	tally_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_init_zero),
		cmocka_unit_test(test_init_edges),
		cmocka_unit_test(test_set_add_get),
		cmocka_unit_test(test_bad_indices),
		cmocka_unit_test(test_clamp_zero),
		cmocka_unit_test(test_clamp_max),
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_redo_tail_dropped),
		cmocka_unit_test(test_ring_overflow),
		cmocka_unit_test(test_reset_item),
		cmocka_unit_test(test_load_no_history),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_leaning),
		cmocka_unit_test(test_percent_known),
		cmocka_unit_test(test_percent_random),
		cmocka_unit_test(test_apportion),
		cmocka_unit_test(test_groups_sum_to_the_room),
		cmocka_unit_test(test_reset_every_group),
		cmocka_unit_test(test_rounds),
		cmocka_unit_test(test_rounds_at_most),
		cmocka_unit_test(test_headcounts),
		cmocka_unit_test(test_load_grows_rounds),
		cmocka_unit_test(test_ring_overflow_joined),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
