/*
 * The discussion timer (--timer) as the facilitator drives it and the
 * room reads it: d starts and pauses, D resets, the time left in large
 * digits, the warning colour in the last seconds, "Time is up" at zero,
 * a bell only with --timer-bell, a timer of its own for every item, and
 * clear refusals of durations that make no sense.
 *
 * The time is the test's: the program reads its clock from a pipe
 * (HANDSUP_CLOCK_FD), where "+N" moves it on N seconds and draws a
 * frame, so nothing here waits on the real clock.
 */
#include "screen_util.h"

#include <fcntl.h>

struct clocked {
	struct su_run r;
	int clock; /* write end: "+N\n" moves the program's time on */
};

/* Starts argv with a test clock on descriptor 4 and waits for frame 1. */
static struct hs *start_clocked(struct clocked *c, int rows, int cols,
				const char *const argv[])
{
	int p[2];
	memset(c, 0, sizeof *c);
	assert_int_equal(pipe(p), 0);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	su_mkdtemp(c->r.dir, sizeof c->r.dir);
	snprintf(c->r.state_env, sizeof c->r.state_env, "HANDSUP_STATE_DIR=%s",
		 c->r.dir);
	c->r.env[0] = c->r.state_env;
	c->r.env[1] = "HANDSUP_CLOCK_FD=4";
	c->r.env[2] = NULL;
	c->r.h = hs_start_fd(rows, cols, argv, c->r.env, p[0]);
	close(p[0]);
	c->clock = p[1];
	assert_non_null(c->r.h);
	su_track(su_tracked_dirs, su_tracked_hs, NULL, c->r.h, true);
	assert_int_not_equal(hs_wait_frame(c->r.h), -1);
	return c->r.h;
}

/* The built-in deck with --timer DURATION (and more options). */
static struct hs *start_timer(struct clocked *c, int rows, int cols,
			      const char *duration, const char *more)
{
	const char *argv[] = {"handsup", "--name", "clocked run", "--no-groups",
			      "--timer", duration, more,	  NULL};
	return start_clocked(c, rows, cols, argv);
}

/* Moves the program's clock on by seconds and waits for its frame. */
static void advance(struct clocked *c, int seconds)
{
	char line[32];
	int n = snprintf(line, sizeof line, "+%d\n", seconds);
	assert_int_equal(write(c->clock, line, (size_t)n), n);
	if (hs_wait_frame(c->r.h) == -1)
		fail_msg("no frame after %s", line);
}

static void end_clocked(struct clocked *c)
{
	su_quit(&c->r);
	close(c->clock);
	su_end(&c->r);
}

/* No text and not painted (large type is cells painted in a colour). */
static bool blank_cell(struct hs *h, int row, int col)
{
	struct hs_cell cell;
	return !hs_cell(h, row, col, &cell) ||
	       ((cell.text[0] == '\0' || strcmp(cell.text, " ") == 0) &&
		!su_cell_painted(h, row, col));
}

/* Large digits on an ASCII terminal, drawn as on a seven-segment display. */
static const char *const ascii_digits[10][3] = {
	{" _ ", "| |", "|_|"}, {"   ", "  |", "  |"}, {" _ ", " _|", "|_ "},
	{" _ ", " _|", " _|"}, {"   ", "|_|", "  |"}, {" _ ", "|_ ", " _|"},
	{" _ ", "|_ ", "|_|"}, {" _ ", "  |", "  |"}, {" _ ", "|_|", "|_|"},
	{" _ ", "|_|", " _|"},
};

/* A large digit at (row, col) in either form, or -1. */
static int big_digit(struct hs *h, int row, int col, int scale)
{
	int d = su_big_digit(h, row, col, scale);
	if (d >= 0 || scale != 1 || col < 0)
		return d;
	char rows[3][16];
	for (int r = 0; r < 3; r++)
		su_cells(h, row + r, col, 3, rows[r], sizeof rows[r]);
	for (d = 0; d < 10; d++)
		if (!strcmp(rows[0], ascii_digits[d][0]) &&
		    !strcmp(rows[1], ascii_digits[d][1]) &&
		    !strcmp(rows[2], ascii_digits[d][2]))
			return d;
	return -1;
}

/* The large "M:SS" at scale with its top row at top: seconds, or -1. */
static int read_big_time(struct hs *h, int top, int scale)
{
	int x = -1;
	for (int c = 0; c < hs_cols(h) && x < 0; c++)
		for (int r = 0; r < su_big_rows(scale) && x < 0; r++)
			if (!blank_cell(h, top + r, c))
				x = c;
	/* A digit may begin with blank columns (a 1 in ASCII does). */
	for (int back = 1;
	     back <= 2 && x - back >= 0 && big_digit(h, top, x, scale) < 0;
	     back++)
		if (big_digit(h, top, x - back, scale) >= 0)
			x -= back;
	int min = 0, digits = 0, d;
	for (; x >= 0 && (d = big_digit(h, top, x, scale)) >= 0;
	     x += 4 * scale, digits++)
		min = min * 10 + d;
	if (digits == 0)
		return -1;
	/* The colon, one pixel wide with a pixel's gap after it. */
	x += 2 * scale;
	int s1 = big_digit(h, top, x, scale);
	int s2 = big_digit(h, top, x + 4 * scale, scale);
	if (s1 < 0 || s2 < 0)
		return -1;
	return min * 60 + s1 * 10 + s2;
}

/* The row of the timer's label ("Discussion ..." or time is up), or -1. */
static int label_row(struct hs *h)
{
	int row = hs_row_find(h, "Discussion");
	return row >= 0 ? row : hs_row_find(h, "Time is up");
}

/* The time the band shows in large digits, in seconds; fails if none. */
static int shown_time(struct hs *h)
{
	int row = label_row(h);
	if (row < 0) {
		hs_dump(h, "no timer");
		fail_msg("no timer on the screen");
	}
	for (int scale = 2; scale >= 1; scale--) {
		if (row + su_big_rows(scale) >= hs_rows(h))
			continue;
		int t = read_big_time(h, row + 1, scale);
		if (t >= 0)
			return t;
	}
	hs_dump(h, "unreadable timer");
	fail_msg("the timer's digits cannot be read");
	return -1;
}

static void expect_time(struct hs *h, int seconds, const char *state)
{
	int got = shown_time(h);
	if (got != seconds) {
		hs_dump(h, "timer");
		fail_msg("timer shows %d:%02d, want %d:%02d", got / 60,
			 got % 60, seconds / 60, seconds % 60);
	}
	su_expect(h, state);
}

static void test_start_pause_reset(void **state)
{
	(void)state;
	struct clocked c;
	struct hs *h = start_timer(&c, 24, 80, "1m30s", NULL);
	/* The title screen has no timer. */
	su_expect_not(h, "Discussion");
	su_press(h, HS_KEY_RIGHT);
	expect_time(h, 90, "Discussion d starts");
	/* Not started: time passes, the timer does not. */
	advance(&c, 7);
	expect_time(h, 90, "d starts");
	su_press(h, 'd');
	expect_time(h, 90, "Discussion running");
	advance(&c, 1);
	expect_time(h, 89, "running");
	advance(&c, 30);
	expect_time(h, 59, "running");
	su_press(h, 'd');
	expect_time(h, 59, "Discussion paused");
	advance(&c, 10);
	expect_time(h, 59, "paused");
	su_press(h, 'd');
	advance(&c, 5);
	expect_time(h, 54, "running");
	su_press(h, 'D');
	expect_time(h, 90, "d starts");
	advance(&c, 10);
	expect_time(h, 90, "d starts");
	/* The counting keys still count under a timer. */
	su_presses(h, "112");
	SU_EXPECT2(h, 2, 1);
	end_clocked(&c);
}

/* Whether two cells are drawn alike (colour and attributes). */
static bool same_look(const struct hs_cell *a, const struct hs_cell *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->bold == b->bold &&
	       a->reverse == b->reverse;
}

/* The look of the first cell of text. */
static struct hs_cell look_of(struct hs *h, const char *text)
{
	int row, col;
	struct hs_cell cell;
	if (!hs_find(h, text, &row, &col)) {
		hs_dump(h, text);
		fail_msg("\"%s\" is not shown", text);
	}
	assert_true(hs_cell(h, row, col, &cell));
	return cell;
}

/* The warning colour, as the quit question's line wears it. */
static struct hs_cell warning_look(struct hs *h)
{
	su_press(h, 'q');
	struct hs_cell w = look_of(h, "Quit?");
	su_press(h, 'n');
	return w;
}

static void check_warning(const char *more)
{
	struct clocked c;
	struct hs *h = start_timer(&c, 24, 80, "20s", more);
	su_press(h, HS_KEY_RIGHT);
	struct hs_cell warn = warning_look(h);
	su_press(h, 'd');
	advance(&c, 4);
	expect_time(h, 16, "running");
	struct hs_cell calm = look_of(h, "Discussion");
	assert_false(same_look(&calm, &warn));
	advance(&c, 1);
	expect_time(h, 15, "running");
	struct hs_cell late = look_of(h, "Discussion");
	assert_true(same_look(&late, &warn));
	/* Paused in the last seconds, it keeps the warning colour. */
	su_press(h, 'd');
	late = look_of(h, "Discussion");
	assert_true(same_look(&late, &warn));
	su_press(h, 'd');
	advance(&c, 14);
	expect_time(h, 1, "running");
	advance(&c, 1);
	expect_time(h, 0, "Time is up");
	struct hs_cell up = look_of(h, "Time is up");
	assert_true(same_look(&up, &warn));
	/* Past zero it stays at zero; d does not start it again. */
	advance(&c, 30);
	su_press(h, 'd');
	expect_time(h, 0, "Time is up");
	/* No bell without --timer-bell. */
	assert_int_equal(hs_bells(h), 0);
	su_press(h, 'D');
	expect_time(h, 20, "d starts");
	late = look_of(h, "Discussion");
	assert_false(same_look(&late, &warn));
	end_clocked(&c);
}

static void test_warning_and_time_up(void **state)
{
	(void)state;
	check_warning(NULL);
}

/* Without colour the warning is still a look of its own. */
static void test_warning_mono(void **state)
{
	(void)state;
	check_warning("--mono");
}

static void test_bell_once(void **state)
{
	(void)state;
	struct clocked c;
	struct hs *h = start_timer(&c, 24, 80, "3s", "--timer-bell");
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'd');
	advance(&c, 2);
	assert_int_equal(hs_bells(h), 0);
	advance(&c, 1);
	su_expect(h, "Time is up");
	assert_int_equal(hs_bells(h), 1);
	advance(&c, 5);
	su_press(h, 'x'); /* any frame at all: the bell is not repeated */
	su_press(h, 'n');
	assert_int_equal(hs_bells(h), 1);
	/* Reset and run again: a new zero rings again. */
	su_press(h, 'D');
	su_press(h, 'd');
	advance(&c, 3);
	assert_int_equal(hs_bells(h), 2);
	end_clocked(&c);
}

static void test_each_item_its_own(void **state)
{
	(void)state;
	struct clocked c;
	struct hs *h = start_timer(&c, 24, 80, "60s", NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'd');
	advance(&c, 10);
	expect_time(h, 50, "running");
	/* The next item starts from the full time, not running. */
	su_press(h, HS_KEY_RIGHT);
	expect_time(h, 60, "d starts");
	advance(&c, 5);
	expect_time(h, 60, "d starts");
	/* Back: what was left, paused since the item was left. */
	su_press(h, HS_KEY_LEFT);
	expect_time(h, 50, "paused");
	advance(&c, 5);
	expect_time(h, 50, "paused");
	su_press(h, 'd');
	advance(&c, 5);
	expect_time(h, 45, "running");
	/* The summary has no timer, and d there does nothing. */
	su_press(h, 's');
	su_expect_not(h, "Discussion");
	su_press(h, 'd');
	su_press(h, 'D');
	su_expect_not(h, "Discussion");
	advance(&c, 20);
	su_press(h, HS_KEY_HOME);
	expect_time(h, 45, "paused");
	end_clocked(&c);
}

static void test_sizes(void **state)
{
	(void)state;
	struct clocked c;
	struct hs *h = start_timer(&c, 12, 40, "2m", NULL);
	su_press(h, HS_KEY_RIGHT);
	/* The smallest terminal: one line of text. */
	su_expect(h, "Discussion 2:00  d starts");
	su_press(h, 'd');
	advance(&c, 75);
	su_expect(h, "Discussion 0:45  running");
	/* Larger: large digits, then larger ones. */
	assert_int_not_equal(hs_resize(h, 24, 80), -1);
	expect_time(h, 45, "running");
	assert_int_not_equal(hs_resize(h, 50, 160), -1);
	int row = label_row(h);
	assert_int_equal(read_big_time(h, row + 1, 2), 45);
	advance(&c, 45);
	su_expect(h, "Time is up");
	expect_time(h, 0, "Time is up");
	/* The chart still fits above the band. */
	su_press(h, '1');
	SU_EXPECT2(h, 1, 0);
	end_clocked(&c);
}

static void test_ascii(void **state)
{
	(void)state;
	struct clocked c;
	struct hs *h = start_timer(&c, 24, 80, "75s", "--ascii");
	su_press(h, HS_KEY_RIGHT);
	expect_time(h, 75, "d starts");
	end_clocked(&c);
}

/*
 * The real clock: a running timer draws frames by itself, with no key
 * and no line of a test clock.  Waited for as frames, never timed.
 */
static void test_real_clock_ticks(void **state)
{
	(void)state;
	struct su_run r;
	const char *argv[] = {"handsup", "--name", "real clock", "--no-groups",
			      "--timer", "2m",	   NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, 'd');
	assert_int_not_equal(hs_wait_frame(h), -1);
	int t = shown_time(h);
	if (t < 110 || t > 119)
		fail_msg("after a tick the timer shows %d s", t);
	su_expect(h, "running");
	su_quit(&r);
	su_end(&r);
}

static void test_no_timer_without_option(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect_not(h, "Discussion");
	su_press(h, 'd');
	su_expect(h, "A discussion timer needs --timer");
	su_expect_not(h, "Discussion");
	/* The help lists the keys all the same. */
	su_press(h, '?');
	su_expect(h, "timer: run / reset");
	su_press(h, HS_KEY_ESC);
	su_quit(&r);
	su_end(&r);
}

/* argv exits 64 before any frame, saying want. */
static void expect_usage(const char *const argv[], const char *want)
{
	struct hs *h = hs_start(24, 80, argv, NULL);
	assert_non_null(h);
	hs_set_quiet(h, true);
	assert_int_equal(hs_wait_frame(h), -1);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 64);
	if (!hs_screen_contains(h, want)) {
		hs_dump(h, "refused option");
		fail_msg("expected \"%s\"", want);
	}
	hs_free(h);
}

static void test_bad_durations(void **state)
{
	(void)state;
	static const struct {
		const char *arg, *want;
	} bad[] = {
		{"0", "handsup: --timer 0: not a duration; write it as 90s, "
		      "2m or 1m30s"},
		{"", "handsup: --timer: a duration is needed"},
		{"5x", "handsup: --timer 5x: not a duration"},
		{"0s", "handsup: --timer 0s: the duration must be more than "
		       "zero"},
		{"100m", "handsup: --timer 100m: the duration is at most 99 "
			 "minutes"},
		{"99999999999999999999s", "at most 99 minutes"},
		{"1m75s", "seconds after minutes are 0 to 59"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *run[] = {"handsup", "--timer", bad[i].arg, NULL};
		expect_usage(run, bad[i].want);
		const char *resume[] = {"handsup", "resume", "--timer",
					bad[i].arg, NULL};
		expect_usage(resume, bad[i].want);
	}
	const char *bell[] = {"handsup", "--timer-bell", NULL};
	expect_usage(bell, "handsup: --timer-bell needs --timer DURATION");
	const char *missing[] = {"handsup", "--timer", NULL};
	expect_usage(missing, "missing value for '--timer'");
}

static void test_resume_with_timer(void **state)
{
	(void)state;
	struct clocked c;
	struct hs *h = start_timer(&c, 24, 80, "40s", NULL);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, '1');
	su_press(h, 'd');
	advance(&c, 10);
	expect_time(h, 30, "running");
	su_quit(&c.r);
	close(c.clock);
	/* A clock, not a count: the session file knows nothing of it. */
	char path[512];
	su_session_path(c.r.dir, path, sizeof path);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[512];
	while (fgets(line, sizeof line, f))
		if (strstr(line, "timer") || strstr(line, "Discussion"))
			fail_msg("the session records the timer: %s", line);
	fclose(f);
	su_forget(&c.r);
	/* Resumed with a timer: it starts afresh. */
	char dir[64];
	memcpy(dir, c.r.dir, sizeof dir);
	struct clocked c2;
	const char *argv[] = {"handsup", "resume", "--timer",
			      "25s",	 path,	   NULL};
	h = start_clocked(&c2, 24, 80, argv);
	su_expect(h, "Regarding the Scope");
	expect_time(h, 25, "d starts");
	SU_EXPECT2(h, 1, 0);
	end_clocked(&c2);
	su_rm_rf(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_pause_reset),
		cmocka_unit_test(test_warning_and_time_up),
		cmocka_unit_test(test_warning_mono),
		cmocka_unit_test(test_bell_once),
		cmocka_unit_test(test_each_item_its_own),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_real_clock_ticks),
		cmocka_unit_test(test_no_timer_without_option),
		cmocka_unit_test(test_bad_durations),
		cmocka_unit_test(test_resume_with_timer),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
