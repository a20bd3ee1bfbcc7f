/*
 * Unit tests of timer: the strict reading of a duration, and the
 * countdown on times handed in (start, pause, reset, what the screen
 * shows, the warning, when the next change is due, the one report of
 * zero).  No clock is read: every time is a number in the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/error.h"
#include "core/timer.h"

static void expect_seconds(const char *s, int want)
{
	struct error err;
	int got = -1;
	if (timer_parse(s, &got, &err) != 0)
		fail_msg("'%s' refused: %s", s, err.msg);
	if (got != want)
		fail_msg("'%s' read as %d s, want %d", s, got, want);
}

static void expect_refused(const char *s, const char *why)
{
	struct error err;
	int got = -7;
	if (timer_parse(s, &got, &err) == 0)
		fail_msg("'%s' taken as %d s", s ? s : "(null)", got);
	assert_int_equal(got, -7);
	if (strstr(err.msg, why) == NULL)
		fail_msg("'%s': message '%s' does not say '%s'",
			 s ? s : "(null)", err.msg, why);
}

static void test_parse_good(void **state)
{
	(void)state;
	expect_seconds("90s", 90);
	expect_seconds("2m", 120);
	expect_seconds("1m30s", 90);
	expect_seconds("1m0s", 60);
	expect_seconds("1s", 1);
	expect_seconds("0m5s", 5);
	expect_seconds("1h", 3600);
	expect_seconds("1h39m", 99 * 60);
	expect_seconds("5940s", TIMER_MAX_SECONDS);
	expect_seconds("99m", TIMER_MAX_SECONDS);
	expect_seconds("007s", 7);
}

static void test_parse_bad(void **state)
{
	(void)state;
	expect_refused(NULL, "needed");
	expect_refused("", "needed");
	expect_refused("0", "not a duration");
	expect_refused("90", "not a duration");
	expect_refused("5x", "not a duration");
	expect_refused("m", "not a duration");
	expect_refused("1m30", "not a duration");
	expect_refused("30s1m", "not a duration");
	expect_refused("1m1m", "not a duration");
	expect_refused(" 90s", "not a duration");
	expect_refused("90s ", "not a duration");
	expect_refused("-5s", "not a duration");
	expect_refused("+5s", "not a duration");
	expect_refused("1.5m", "not a duration");
	expect_refused("1M", "not a duration");
	expect_refused("0s", "more than zero");
	expect_refused("0m0s", "more than zero");
	expect_refused("1m60s", "seconds after minutes are 0 to 59");
	expect_refused("1h60m", "minutes after hours are 0 to 59");
	expect_refused("5941s", "at most 99 minutes");
	expect_refused("100m", "at most 99 minutes");
	expect_refused("2h", "at most 99 minutes");
	expect_refused("99999s", "at most 99 minutes");
	/* Numbers far past any limit must not wrap into a small one. */
	expect_refused("100000s", "at most 99 minutes");
	expect_refused("18446744073709551617s", "at most 99 minutes");
	expect_refused("18446744073709551617h", "at most 99 minutes");
}

static void test_countdown(void **state)
{
	(void)state;
	struct timer t;
	timer_init(&t, 90);
	assert_int_equal(timer_state(&t, 5000), TIMER_READY);
	assert_int_equal(timer_left_s(&t, 5000), 90);
	assert_int_equal(timer_due_ms(&t, 5000), -1);
	timer_toggle(&t, 10000);
	assert_int_equal(timer_state(&t, 10000), TIMER_RUNNING);
	/* Rounded up: 1:30 for the whole first second. */
	assert_int_equal(timer_left_s(&t, 10000), 90);
	assert_int_equal(timer_left_s(&t, 10999), 90);
	assert_int_equal(timer_left_s(&t, 11000), 89);
	assert_int_equal(timer_left_ms(&t, 10250), 89750);
	assert_int_equal(timer_due_ms(&t, 10000), 1000);
	assert_int_equal(timer_due_ms(&t, 10250), 750);
	assert_int_equal(timer_due_ms(&t, 11000), 1000);
	/* A clock seen going back counts as no time run. */
	assert_int_equal(timer_left_s(&t, 9000), 90);
}

static void test_pause_resume_reset(void **state)
{
	(void)state;
	struct timer t;
	timer_init(&t, 60);
	timer_start(&t, 0);
	timer_start(&t, 5000); /* already running: the start stands */
	timer_toggle(&t, 20500);
	assert_int_equal(timer_state(&t, 20500), TIMER_PAUSED);
	assert_int_equal(timer_left_ms(&t, 99000), 39500);
	assert_int_equal(timer_left_s(&t, 99000), 40);
	assert_int_equal(timer_due_ms(&t, 99000), -1);
	timer_pause(&t, 99000); /* paused: nothing changes */
	assert_int_equal(timer_left_ms(&t, 99000), 39500);
	timer_toggle(&t, 100000);
	assert_int_equal(timer_left_ms(&t, 101000), 38500);
	assert_int_equal(timer_due_ms(&t, 101000), 500);
	timer_reset(&t);
	assert_int_equal(timer_state(&t, 101000), TIMER_READY);
	assert_int_equal(timer_left_s(&t, 200000), 60);
	assert_false(t.running);
}

static void test_warning_and_zero(void **state)
{
	(void)state;
	struct timer t;
	timer_init(&t, 20);
	assert_false(timer_warning(&t, 0));
	timer_start(&t, 0);
	assert_false(timer_warning(&t, 4999));
	assert_true(timer_warning(&t, 5000));  /* 0:15 */
	assert_true(timer_warning(&t, 19999)); /* 0:01 */
	assert_false(timer_take_zero(&t, 19999));
	assert_int_equal(timer_state(&t, 20000), TIMER_DONE);
	assert_false(timer_warning(&t, 20000));
	assert_int_equal(timer_left_s(&t, 20000), 0);
	assert_int_equal(timer_due_ms(&t, 20000), -1);
	assert_int_equal(timer_left_ms(&t, 500000), 0);
	/* Zero is told once, however often it is asked. */
	assert_true(timer_take_zero(&t, 25000));
	assert_false(timer_take_zero(&t, 26000));
	/* Done stays done: d does not start it again, D does. */
	timer_toggle(&t, 27000);
	timer_toggle(&t, 28000);
	assert_int_equal(timer_state(&t, 28000), TIMER_DONE);
	timer_reset(&t);
	assert_int_equal(timer_state(&t, 28000), TIMER_READY);
	timer_start(&t, 30000);
	assert_true(timer_take_zero(&t, 50000));
}

static void test_pause_at_zero(void **state)
{
	(void)state;
	struct timer t;
	timer_init(&t, 2);
	timer_start(&t, 0);
	timer_pause(&t, 9000); /* long past zero: it stops at zero */
	assert_int_equal(timer_state(&t, 9000), TIMER_DONE);
	assert_int_equal(timer_left_ms(&t, 9000), 0);
	assert_int_equal(t.used_ms, 2000);
}

static void test_format(void **state)
{
	(void)state;
	char buf[8];
	timer_format(90, buf, sizeof buf);
	assert_string_equal(buf, "1:30");
	timer_format(5, buf, sizeof buf);
	assert_string_equal(buf, "0:05");
	timer_format(0, buf, sizeof buf);
	assert_string_equal(buf, "0:00");
	timer_format(TIMER_MAX_SECONDS, buf, sizeof buf);
	assert_string_equal(buf, "99:00");
	timer_format(-3, buf, sizeof buf);
	assert_string_equal(buf, "0:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_countdown),
		cmocka_unit_test(test_pause_resume_reset),
		cmocka_unit_test(test_warning_and_zero),
		cmocka_unit_test(test_pause_at_zero),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
