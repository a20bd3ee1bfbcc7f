/*
 * Tests of session_value_count: a count within its maximum reads, one
 * past it does not, for maxima of every shape (below 10, a power of ten,
 * all nines, the largest long), and no number of digits overflows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/session_value.h"

static bool reads(const char *v, long max, long *out)
{
	return session_value_count(v, strlen(v), max, out);
}

static void test_count_bounds(void **state)
{
	(void)state;
	static const long maxima[] = {
		0,	1,	    5,	      9,	   10,	    11,
		99,	100,	    101,      9999,	   999999L, 1000000L,
		99999L, 999999999L, LONG_MAX, LONG_MAX - 1};
	char buf[64];
	long x;

	for (size_t k = 0; k < sizeof maxima / sizeof *maxima; k++) {
		long max = maxima[k];

		snprintf(buf, sizeof buf, "%ld", max);
		assert_true(reads(buf, max, &x));
		assert_int_equal(x, max);
		if (max > 0) {
			snprintf(buf, sizeof buf, "%ld", max - 1);
			assert_true(reads(buf, max, &x));
			assert_int_equal(x, max - 1);
		}
		if (max < LONG_MAX) {
			snprintf(buf, sizeof buf, "%ld", max + 1);
			assert_false(reads(buf, max, &x));
		}
		/* Ten times the maximum, and the maximum with a digit more. */
		snprintf(buf, sizeof buf, "%ld0", max);
		assert_true(!reads(buf, max, &x) || max == 0);
		snprintf(buf, sizeof buf, "%ld9", max);
		assert_false(reads(buf, max, &x));
	}
	assert_true(reads("0000000000000000000000000000007", 9, &x));
	assert_int_equal(x, 7);
	assert_false(reads("99999999999999999999999999999999", LONG_MAX, &x));
	assert_false(reads("9223372036854775808", LONG_MAX, &x));
	assert_false(reads("", 10, &x));
	assert_false(reads("-1", 10, &x));
	assert_false(reads("+1", 10, &x));
	assert_false(reads("1 ", 10, &x));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
