/* Unit tests of chart: bar lengths, eighths, splits and labels. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/chart.h"
#include "core/tally.h"

static uint32_t rng_state = 88172645u;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static long eighths_of(const struct chart_bar *b)
{
	return (long)b->full * 8 + b->eighths;
}

static void test_layout_full_width(void **state)
{
	long c[] = {0, 42, 0};
	struct chart_bar b[3];

	(void)state;
	chart_layout(c, 3, 40, b);
	assert_int_equal(b[1].full, 40);
	assert_int_equal(b[1].eighths, 0);
	assert_int_equal(b[1].pct, 100);
	assert_int_equal(b[1].count, 42);
	assert_int_equal(eighths_of(&b[0]), 0);
	assert_int_equal(eighths_of(&b[2]), 0);
	assert_int_equal(b[0].pct, 0);
}

static void test_layout_halves_and_thirds(void **state)
{
	long half[] = {5, 5};
	long third[] = {1, 2};
	struct chart_bar b[2];

	(void)state;
	chart_layout(half, 2, 10, b);
	assert_int_equal(b[0].full, 5);
	assert_int_equal(b[0].eighths, 0);
	assert_int_equal(b[0].pct, 50);
	assert_int_equal(b[1].pct, 50);

	/* 1/3 of 10 cells = 26.67 eighths -> 27 = 3 cells + 3 eighths. */
	chart_layout(third, 2, 10, b);
	assert_int_equal(b[0].full, 3);
	assert_int_equal(b[0].eighths, 3);
	/* 2/3 of 80 eighths = 53.33 -> 53 = 6 cells + 5 eighths. */
	assert_int_equal(b[1].full, 6);
	assert_int_equal(b[1].eighths, 5);
	assert_int_equal(b[0].pct, 33);
	assert_int_equal(b[1].pct, 67);
}

static void test_layout_rounding(void **state)
{
	struct chart_bar b[2];

	(void)state;
	/* 1/16 of one cell is exactly half an eighth: rounds up. */
	chart_layout((long[]){1, 15}, 2, 1, b);
	assert_int_equal(eighths_of(&b[0]), 1);
	assert_int_equal(eighths_of(&b[1]), 8); /* 7.5 -> 8: a full cell */
	assert_int_equal(b[1].full, 1);
	assert_int_equal(b[1].eighths, 0);

	/* 3/32 of a cell is 0.75 eighth -> 1; 29/32 is 7.25 -> 7. */
	chart_layout((long[]){3, 29}, 2, 1, b);
	assert_int_equal(eighths_of(&b[0]), 1);
	assert_int_equal(eighths_of(&b[1]), 7);

	/* 1/5 of 3 cells = 4.8 eighths -> 5; 4/5 = 19.2 -> 19. */
	chart_layout((long[]){1, 4}, 2, 3, b);
	assert_int_equal(b[0].full, 0);
	assert_int_equal(b[0].eighths, 5);
	assert_int_equal(b[1].full, 2);
	assert_int_equal(b[1].eighths, 3);
}

static void test_layout_min_eighth(void **state)
{
	struct chart_bar b[3];

	(void)state;
	chart_layout((long[]){1, TALLY_MAX_COUNT, 0}, 3, 10, b);
	assert_int_equal(b[0].full, 0);
	assert_int_equal(b[0].eighths, 1);
	assert_int_equal(b[0].pct, 0);
	assert_int_equal(b[1].full, 10);
	assert_int_equal(eighths_of(&b[2]), 0);
}

static void test_layout_random(void **state)
{
	long c[TALLY_MAX_VIEWS];
	struct chart_bar b[TALLY_MAX_VIEWS];

	(void)state;
	for (int round = 0; round < 20000; round++) {
		int n = 2 + (int)(rng() % (TALLY_MAX_VIEWS - 1));
		int width = (int)(rng() % 300);
		long total = 0;
		int pct = 0;

		for (int i = 0; i < n; i++) {
			c[i] = (long)(rng() % (round % 2 ? 50u : 1000000u));
			total += c[i];
		}
		chart_layout(c, n, width, b);
		for (int i = 0; i < n; i++) {
			long want, exact8 = c[i] * width * 8 * 2;

			pct += b[i].pct;
			assert_true(b[i].eighths >= 0 && b[i].eighths < 8);
			assert_int_equal(b[i].count, c[i]);
			if (total == 0 || width == 0) {
				assert_int_equal(eighths_of(&b[i]), 0);
				continue;
			}
			/* round(x) = floor((2x + 1) / 2) with x = c*w*8/total
			 */
			want = (exact8 + total) / (2 * total);
			if (want == 0 && c[i] > 0)
				want = 1;
			assert_int_equal(eighths_of(&b[i]), want);
			assert_true(eighths_of(&b[i]) <= (long)width * 8);
		}
		assert_int_equal(pct, total ? 100 : 0);
	}
}

static void test_layout_huge(void **state)
{
	struct chart_bar b[TALLY_MAX_VIEWS];
	long maxed[TALLY_MAX_VIEWS];
	long wild[] = {LONG_MAX, LONG_MAX, 1, 0};

	(void)state;
	for (int i = 0; i < TALLY_MAX_VIEWS; i++)
		maxed[i] = TALLY_MAX_COUNT;
	maxed[0] = 1;
	chart_layout(maxed, TALLY_MAX_VIEWS, 1000, b);
	assert_int_equal(eighths_of(&b[0]), 1);
	/* 999999 / 4999996 of 8000 eighths = 1600.0003 -> 1600 */
	for (int i = 1; i < TALLY_MAX_VIEWS; i++) {
		assert_int_equal(b[i].full, 200);
		assert_int_equal(b[i].eighths, 0);
		assert_int_equal(b[i].pct, 20);
	}
	assert_int_equal(b[0].pct, 0);

	chart_layout(maxed, TALLY_MAX_VIEWS, INT_MAX, b);
	assert_true(b[1].full > 0 && b[1].full <= INT_MAX / 5 + 1);

	/* Far beyond any room: halves, no overflow, minimum still kept. */
	chart_layout(wild, 4, 1000, b);
	assert_int_equal(b[0].full, 500);
	assert_int_equal(b[1].full, 500);
	assert_int_equal(eighths_of(&b[2]), 1);
	assert_int_equal(eighths_of(&b[3]), 0);
	assert_int_equal(b[0].pct + b[1].pct + b[2].pct + b[3].pct, 100);
}

static void test_layout_narrow(void **state)
{
	struct chart_bar b[2];

	(void)state;
	chart_layout((long[]){3, 1}, 2, 0, b);
	assert_int_equal(eighths_of(&b[0]), 0);
	assert_int_equal(eighths_of(&b[1]), 0);
	assert_int_equal(b[0].pct, 75);
	assert_int_equal(b[1].pct, 25);
	chart_layout((long[]){3, 1}, 2, -7, b);
	assert_int_equal(eighths_of(&b[0]), 0);

	chart_layout((long[]){3, 1}, 2, 1, b);
	assert_int_equal(eighths_of(&b[0]), 6);
	assert_int_equal(eighths_of(&b[1]), 2);
	chart_layout((long[]){1, 0}, 2, 1, b);
	assert_int_equal(b[0].full, 1);
	assert_int_equal(b[0].eighths, 0);

	chart_layout((long[]){0, 0}, 2, 20, b);
	assert_int_equal(eighths_of(&b[0]) + eighths_of(&b[1]), 0);
	assert_int_equal(b[0].pct + b[1].pct, 0);

	/* Negative counts (never from tally) count as nothing. */
	chart_layout((long[]){-4, 2}, 2, 10, b);
	assert_int_equal(eighths_of(&b[0]), 0);
	assert_int_equal(b[1].full, 10);

	chart_layout(NULL, 2, 10, b);
	chart_layout((long[]){1}, 1, 10, NULL);
}

static int sum_cells(const int *cells, int n)
{
	int s = 0;

	for (int i = 0; i < n; i++)
		s += cells[i];
	return s;
}

static void test_split_known(void **state)
{
	int cells[6];

	(void)state;
	chart_split((long[]){1, 1, 1}, 3, 10, cells);
	assert_int_equal(cells[0], 4);
	assert_int_equal(cells[1], 3);
	assert_int_equal(cells[2], 3);

	chart_split((long[]){3, 1}, 2, 8, cells);
	assert_int_equal(cells[0], 6);
	assert_int_equal(cells[1], 2);

	chart_split((long[]){0, 0, 0}, 3, 10, cells);
	assert_int_equal(sum_cells(cells, 3), 0);

	chart_split((long[]){0, 9}, 2, 10, cells);
	assert_int_equal(cells[0], 0);
	assert_int_equal(cells[1], 10);
}

static void test_split_minimum(void **state)
{
	int cells[6];

	(void)state;
	/* 1 of 1000 in 10 cells is 0.01 cell: it still gets one. */
	chart_split((long[]){999, 1}, 2, 10, cells);
	assert_int_equal(cells[0], 9);
	assert_int_equal(cells[1], 1);

	/* Taken from the largest segment, not the first. */
	chart_split((long[]){300, 600, 1, 1}, 4, 10, cells);
	assert_int_equal(cells[0], 3);
	assert_int_equal(cells[1], 5);
	assert_int_equal(cells[2], 1);
	assert_int_equal(cells[3], 1);

	/* Exactly as many cells as counted segments: one each. */
	chart_split((long[]){1000, 1, 0, 1}, 4, 3, cells);
	assert_int_equal(cells[0], 1);
	assert_int_equal(cells[1], 1);
	assert_int_equal(cells[2], 0);
	assert_int_equal(cells[3], 1);

	/* Too few cells for all: plain largest remainder, still sums. */
	chart_split((long[]){1000, 1, 1}, 3, 2, cells);
	assert_int_equal(cells[0], 2);
	assert_int_equal(sum_cells(cells, 3), 2);
}

static void test_split_random(void **state)
{
	long c[TALLY_MAX_VIEWS];
	int cells[TALLY_MAX_VIEWS];

	(void)state;
	for (int round = 0; round < 20000; round++) {
		int n = 2 + (int)(rng() % (TALLY_MAX_VIEWS - 1));
		int width = (int)(rng() % 200);
		int nonzero = 0;
		long total = 0;

		for (int i = 0; i < n; i++) {
			/* Often zero or tiny next to a big one. */
			uint32_t r = rng();

			c[i] = r % 4 == 0   ? 0
			       : r % 4 == 1 ? (long)(r % 3)
					    : (long)(r % (TALLY_MAX_COUNT + 1));
			total += c[i];
			nonzero += c[i] > 0;
		}
		chart_split(c, n, width, cells);
		assert_int_equal(sum_cells(cells, n), total ? width : 0);
		for (int i = 0; i < n; i++) {
			assert_true(cells[i] >= 0);
			if (c[i] == 0)
				assert_int_equal(cells[i], 0);
			else if (width >= nonzero)
				assert_true(cells[i] >= 1);
		}
	}
}

static void test_split_edges(void **state)
{
	int cells[3] = {7, 7, 7};

	(void)state;
	chart_split((long[]){5, 3}, 2, 0, cells);
	assert_int_equal(cells[0], 0);
	assert_int_equal(cells[1], 0);
	chart_split((long[]){5, 3}, 2, -3, cells);
	assert_int_equal(cells[0] + cells[1], 0);
	chart_split((long[]){5, 3}, 2, 1, cells);
	assert_int_equal(cells[0], 1);
	assert_int_equal(cells[1], 0);
	chart_split((long[]){LONG_MAX, LONG_MAX, 1}, 3, 1000, cells);
	assert_int_equal(sum_cells(cells, 3), 1000);
	assert_int_equal(cells[2], 1);
	chart_split(NULL, 3, 10, cells);
	chart_split((long[]){1}, 1, 10, NULL);
}

static void test_label(void **state)
{
	char buf[32];
	char tiny[5];

	(void)state;
	assert_int_equal(chart_label(buf, sizeof buf, 12, 60), 8);
	assert_string_equal(buf, "12 (60%)");
	assert_int_equal(chart_label(buf, sizeof buf, 0, 0), 6);
	assert_string_equal(buf, "0 (0%)");
	assert_int_equal(chart_label(buf, sizeof buf, TALLY_MAX_COUNT, 100),
			 13);
	assert_string_equal(buf, "999999 (100%)");
	assert_int_equal(chart_label(tiny, sizeof tiny, 12, 60), 4);
	assert_string_equal(tiny, "12 (");
	assert_int_equal(chart_label(buf, 0, 12, 60), 0);
	assert_int_equal(chart_label(NULL, 10, 12, 60), 0);
}

static void test_plain(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(chart_plain(buf, sizeof buf, 3, 8, '#'), 8);
	assert_string_equal(buf, "###     ");
	assert_int_equal(chart_plain(buf, sizeof buf, 0, 4, '#'), 4);
	assert_string_equal(buf, "    ");
	assert_int_equal(chart_plain(buf, sizeof buf, 5, 5, '='), 5);
	assert_string_equal(buf, "=====");
	assert_int_equal(chart_plain(buf, sizeof buf, 3, 0, '#'), 3);
	assert_string_equal(buf, "###");
	assert_int_equal(chart_plain(buf, sizeof buf, -2, 2, '#'), 2);
	assert_string_equal(buf, "  ");
	/* Clamped to the buffer, always terminated. */
	assert_int_equal(chart_plain(buf, sizeof buf, 10, 40, '#'), 15);
	assert_string_equal(buf, "##########     ");
	assert_int_equal(chart_plain(buf, sizeof buf, 40, 40, '#'), 15);
	assert_string_equal(buf, "###############");
	assert_int_equal(chart_plain(buf, 1, 4, 4, '#'), 0);
	assert_string_equal(buf, "");
	assert_int_equal(chart_plain(buf, 0, 4, 4, '#'), 0);
	assert_int_equal(chart_plain(NULL, 8, 4, 4, '#'), 0);
}

/* The pieces together, as the text report uses them. */
static void test_report_row(void **state)
{
	long c[] = {12, 8};
	int cells[2];
	struct chart_bar b[2];
	char bar[64], label[32];

	(void)state;
	chart_layout(c, 2, 20, b);
	chart_split(c, 2, 20, cells);
	chart_plain(bar, sizeof bar, b[0].full, 20, '#');
	chart_label(label, sizeof label, b[0].count, b[0].pct);
	assert_string_equal(bar, "############        ");
	assert_string_equal(label, "12 (60%)");
	assert_int_equal(cells[0], 12);
	assert_int_equal(cells[1], 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_full_width),
		cmocka_unit_test(test_layout_halves_and_thirds),
		cmocka_unit_test(test_layout_rounding),
		cmocka_unit_test(test_layout_min_eighth),
		cmocka_unit_test(test_layout_random),
		cmocka_unit_test(test_layout_huge),
		cmocka_unit_test(test_layout_narrow),
		cmocka_unit_test(test_split_known),
		cmocka_unit_test(test_split_minimum),
		cmocka_unit_test(test_split_random),
		cmocka_unit_test(test_split_edges),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_report_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
