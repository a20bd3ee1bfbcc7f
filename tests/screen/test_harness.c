/*
 * Tests of the screen-test harness itself, run against fake_app.c (a small
 * curses program that follows the same frame protocol as handsup), so the
 * harness is known to work before any handsup screen test relies on it.
 */
#include "harness.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static char fake_bin[512];
static char golden_dir[256];

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Builds the stand-in program, with the same compiler as the tests but
 * none of their sanitiser flags: it is a fixture, not a subject. */
static int build_fake(void **state)
{
	(void)state;
	const char *build = getenv("BUILD");
	const char *cc = getenv("CC");
	snprintf(fake_bin, sizeof fake_bin, "%s/tests/fake_app",
		 build && *build ? build : "build");
	/* Built under a private name and renamed into place, because another
	 * run of this test may be executing the old one (ETXTBSY). */
	char tmp[600], cmd[2048];
	snprintf(tmp, sizeof tmp, "%s.%ld", fake_bin, (long)getpid());
	snprintf(cmd, sizeof cmd,
		 "%s -std=c11 -Wall -Wextra -D_XOPEN_SOURCE=700 "
		 "-D_DEFAULT_SOURCE -DNCURSES_WIDECHAR=1 -o '%s' "
		 "tests/screen/fake_app.c "
		 "$(pkg-config --libs ncursesw 2>/dev/null || "
		 "echo -lncursesw -ltinfo)",
		 cc && *cc ? cc : "cc", tmp);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot build fake_app: %s\n", cmd);
		return -1;
	}
	if (rename(tmp, fake_bin) != 0) {
		fprintf(stderr, "rename %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	if (setenv("HANDSUP_BIN", fake_bin, 1) != 0)
		return -1;
	/* The child must not see these, whatever the test process has. */
	if (setenv("LINES", "5", 1) != 0 || setenv("COLUMNS", "7", 1) != 0)
		return -1;
	snprintf(golden_dir, sizeof golden_dir, "/tmp/hs-golden-XXXXXX");
	if (!mkdtemp(golden_dir))
		return -1;
	return setenv("HANDSUP_GOLDEN_DIR", golden_dir, 1);
}

static int remove_golden_dir(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", golden_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct hs *start_fake(const char *const env[])
{
	static const char *const argv[] = {"handsup", NULL};
	struct hs *h = hs_start(24, 80, argv, env);
	assert_non_null(h);
	assert_int_equal(hs_wait_frame(h), 1);
	return h;
}

static void quit(struct hs *h)
{
	int status;
	assert_int_equal(hs_send(h, "q"), 0);
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	hs_free(h);
}

static void test_start_shows_first_frame(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	assert_true(hs_screen_contains(h, "frame 1"));
	/* LINES and COLUMNS of the test process must not leak in. */
	assert_true(hs_screen_contains(h, "size: 24x80"));
	assert_true(hs_screen_contains(h, "term: xterm-256color lc: C.UTF-8"));
	assert_int_equal(hs_row_find(h, "bottom"), 23);
	assert_true(hs_altscreen(h));
	assert_true(hs_running(h));
	assert_true(hs_pid(h) > 0);
	char *text = hs_screen_text(h);
	size_t lines = 0;
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 24);
	/* Trailing blanks trimmed; every row present even if empty. */
	assert_non_null(strstr(text, "frame 1\nkey: none\n"));
	assert_non_null(strstr(text, "\n\n\nbottom\n"));
	free(text);
	quit(h);
}

static void test_env_set_and_unset(void **state)
{
	(void)state;
	static const char *const env[] = {"FAKE_ENV=hello", "TERM", NULL};
	struct hs *h = hs_start(24, 80, NULL, env);
	assert_non_null(h);
	/* TERM unset: curses cannot start, which the harness reports. */
	hs_set_quiet(h, true);
	assert_int_equal(hs_wait_frame(h), -1);
	hs_free(h);

	static const char *const env2[] = {"FAKE_ENV=hello", NULL};
	h = start_fake(env2);
	assert_true(hs_screen_contains(h, "env: hello"));
	quit(h);
}

static void test_named_keys(void **state)
{
	(void)state;
	static const struct {
		int key;
		const char *name;
	} keys[] = {
		{HS_KEY_RIGHT, "KEY_RIGHT"},
		{HS_KEY_LEFT, "KEY_LEFT"},
		{HS_KEY_UP, "KEY_UP"},
		{HS_KEY_DOWN, "KEY_DOWN"},
		{HS_KEY_PGUP, "KEY_PPAGE"},
		{HS_KEY_PGDN, "KEY_NPAGE"},
		{HS_KEY_HOME, "KEY_HOME"},
		{HS_KEY_END, "KEY_END"},
		{HS_KEY_DELETE, "KEY_DC"},
		{HS_KEY_F(5), "KEY_F(5)"},
		{HS_KEY_F(1), "KEY_F(1)"},
		{HS_KEY_TAB, "^I"},
		{HS_KEY_BTAB, "KEY_BTAB"},
		{HS_KEY_ENTER, "^J"},
		{HS_KEY_BACKSPACE, "KEY_BACKSPACE"},
		{HS_KEY_ESC, "^["},
		{HS_CTRL('l'), "^L"},
		{'a', "a"},
	};
	struct hs *h = start_fake(NULL);
	int frame = 1;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char want[64];
		snprintf(want, sizeof want, "key: %s", keys[i].name);
		assert_int_equal(hs_key(h, keys[i].key), ++frame);
		if (!hs_screen_contains(h, want)) {
			hs_dump(h, want);
			fail_msg("key %zu: \"%s\" not shown", i, want);
		}
	}
	quit(h);
}

static void test_raw_keys_and_typing(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	assert_int_equal(hs_keys(h, "\x1b[6~"), 2);
	assert_true(hs_screen_contains(h, "key: KEY_NPAGE"));
	assert_int_equal(hs_type(h, "ab"), 4);
	assert_true(hs_screen_contains(h, "key: b"));
	assert_true(hs_screen_contains(h, "frame 4"));
	quit(h);
}

static void test_wide_characters(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	int row, col;
	assert_true(hs_find(h, "wide: \xe6\x97\xa5\xe6\x9c\xac|", &row, &col));
	assert_int_equal(row, 4);
	assert_int_equal(col, 0);
	/* Each of the two characters takes two cells. */
	assert_true(hs_find(h, "|", &row, &col));
	assert_int_equal(col, 10);
	struct hs_cell cell;
	assert_true(hs_cell(h, 4, 6, &cell));
	assert_string_equal(cell.text, "\xe6\x97\xa5");
	assert_int_equal(cell.width, 2);
	assert_true(hs_cell(h, 4, 8, &cell));
	assert_string_equal(cell.text, "\xe6\x9c\xac");
	char *line = hs_row_text(h, 4);
	assert_string_equal(line, "wide: \xe6\x97\xa5\xe6\x9c\xac|");
	free(line);
	assert_null(hs_row_text(h, 24));
	quit(h);
}

static void test_attributes_and_colour(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	int row, col;
	struct hs_cell cell;
	assert_true(hs_find(h, "bold", &row, &col));
	assert_true(hs_cell(h, row, col, &cell));
	assert_true(cell.bold);
	assert_false(cell.reverse);
	assert_true(hs_find(h, "rev", &row, &col));
	assert_true(hs_cell(h, row, col, &cell));
	assert_true(cell.reverse);
	assert_false(cell.bold);
	assert_true(hs_find(h, "red", &row, &col));
	assert_true(hs_cell(h, row, col, &cell));
	assert_int_equal(cell.fg, 1);
	assert_int_equal(cell.bg, HS_COLOR_DEFAULT);
	assert_true(hs_screen_has_color(h));
	assert_false(hs_cell(h, 24, 0, &cell));
	quit(h);

	static const char *const mono[] = {"NO_COLOR=1", NULL};
	h = start_fake(mono);
	assert_false(hs_screen_has_color(h));
	assert_true(hs_find(h, "red", &row, &col));
	assert_true(hs_cell(h, row, col, &cell));
	assert_int_equal(cell.fg, HS_COLOR_DEFAULT);
	quit(h);
}

static void test_resize(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	assert_int_equal(hs_rows(h), 12);
	assert_int_equal(hs_cols(h), 40);
	assert_true(hs_screen_contains(h, "size: 12x40"));
	assert_true(hs_screen_contains(h, "key: resize"));
	assert_int_equal(hs_row_find(h, "bottom"), 11);
	char *text = hs_screen_text(h);
	size_t lines = 0;
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 12);
	free(text);

	assert_int_not_equal(hs_resize(h, 24, 80), -1);
	assert_true(hs_screen_contains(h, "size: 24x80"));
	assert_int_equal(hs_row_find(h, "bottom"), 23);
	assert_int_equal(hs_row_find(h, "size: 12x40"), -1);
	quit(h);
}

static void test_quit_restores_terminal(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	assert_true(hs_altscreen(h));
	/* While curses runs, the terminal is in its modes: not restored. */
	assert_false(hs_terminal_restored(h));
	int status;
	assert_int_equal(hs_send(h, "q"), 0);
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_false(hs_running(h));
	assert_false(hs_altscreen(h));
	if (!hs_terminal_restored(h))
		fail_msg("not restored: %s", hs_restore_problem(h));
	assert_string_equal(hs_restore_problem(h), "");
	/* Back on the normal screen, which the app never drew on. */
	assert_false(hs_screen_contains(h, "frame"));
	hs_free(h);
}

static void test_exit_without_endwin_is_caught(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	int status;
	assert_int_equal(hs_send(h, "x"), 0);
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_false(hs_terminal_restored(h));
	assert_string_equal(hs_restore_problem(h),
			    "still on the alternate screen");
	hs_free(h);
}

static void test_golden_pass_and_update(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	char *diff;
	/* No golden yet: a mismatch that says how to create one. */
	assert_int_equal(hs_compare_golden(h, "first", &diff), 1);
	assert_non_null(strstr(diff, "no golden file"));
	free(diff);

	assert_int_equal(setenv("HANDSUP_UPDATE_GOLDEN", "1", 1), 0);
	hs_expect_golden(h, "first");
	assert_int_equal(unsetenv("HANDSUP_UPDATE_GOLDEN"), 0);

	char path[512];
	snprintf(path, sizeof path, "%s/first.actual", golden_dir);
	assert_int_equal(access(path, F_OK), -1);
	hs_expect_golden(h, "first");
	assert_int_equal(hs_compare_golden(h, "first", NULL), 0);
	quit(h);
}

static void test_golden_mismatch_writes_actual(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	assert_int_equal(setenv("HANDSUP_UPDATE_GOLDEN", "1", 1), 0);
	assert_int_equal(hs_compare_golden(h, "second", NULL), 0);
	assert_int_equal(unsetenv("HANDSUP_UPDATE_GOLDEN"), 0);

	assert_int_equal(hs_key(h, HS_KEY_DOWN), 2);
	char *diff;
	assert_int_equal(hs_compare_golden(h, "second", &diff), 1);
	assert_non_null(strstr(diff, "line 1\n"));
	assert_non_null(strstr(diff, "expected |frame 1|"));
	assert_non_null(strstr(diff, "actual   |frame 2|"));
	assert_non_null(strstr(diff, "expected |key: none|"));
	assert_non_null(strstr(diff, "actual   |key: KEY_DOWN|"));
	/* Only differing lines are listed. */
	assert_null(strstr(diff, "size:"));
	free(diff);

	char path[512];
	snprintf(path, sizeof path, "%s/second.actual", golden_dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *text = hs_screen_text(h);
	assert_string_equal(buf, text);
	free(text);

	/* Once the screen matches again, the stale .actual goes away. */
	assert_int_equal(setenv("HANDSUP_UPDATE_GOLDEN", "1", 1), 0);
	assert_int_equal(hs_compare_golden(h, "second", NULL), 0);
	assert_int_equal(unsetenv("HANDSUP_UPDATE_GOLDEN"), 0);
	assert_int_equal(access(path, F_OK), -1);
	quit(h);
}

static void test_hangup(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	hs_set_quiet(h, true);
	hs_hangup(h);
	assert_int_equal(hs_send(h, "q"), -1);
	int status;
	/* Gone by itself, not killed at the deadline. */
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_false(hs_running(h));
	assert_int_equal(hs_send(h, "q"), -1);
	hs_free(h);
}

static void test_crash_is_reported_not_hung(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	hs_set_quiet(h, true);
	long long t0 = now_ms();
	assert_int_equal(hs_keys(h, "c"), -1);
	assert_true(now_ms() - t0 < 2000);
	assert_non_null(
		strstr(hs_error(h), "exited while waiting for frame 2"));
	assert_non_null(strstr(hs_error(h), "killed by signal 11"));
	assert_non_null(strstr(hs_error(h), "frame 1"));
	int status;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
	/* Once it is gone, sending fails at once too. */
	assert_int_equal(hs_key(h, 'a'), -1);
	hs_free(h);
}

static void test_kill_9(void **state)
{
	(void)state;
	struct hs *h = start_fake(NULL);
	hs_set_quiet(h, true);
	assert_int_equal(kill(hs_pid(h), SIGKILL), 0);
	long long t0 = now_ms();
	assert_int_equal(hs_wait_frame(h), -1);
	assert_true(now_ms() - t0 < 2000);
	int status;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	hs_free(h);
}

static void test_early_exit_shows_message_and_status(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--fail", NULL};
	struct hs *h = hs_start(24, 80, argv, NULL);
	assert_non_null(h);
	hs_set_quiet(h, true);
	assert_int_equal(hs_wait_frame(h), -1);
	assert_non_null(strstr(hs_error(h), "exit status 2"));
	assert_non_null(strstr(hs_error(h), "fake_app: failing as asked"));
	assert_true(hs_screen_contains(h, "fake_app: failing as asked"));
	int status;
	int rc = hs_finish(h, &status);
	assert_int_equal(rc, status);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	hs_free(h);
}

static void test_missing_binary(void **state)
{
	(void)state;
	static const char *const argv[] = {"/nonexistent/handsup", NULL};
	struct hs *h = hs_start(24, 80, argv, NULL);
	assert_non_null(h);
	hs_set_quiet(h, true);
	assert_int_equal(hs_wait_frame(h), -1);
	assert_non_null(strstr(hs_error(h), "exit status 127"));
	assert_true(hs_screen_contains(h, "/nonexistent/handsup"));
	hs_free(h);
}

static void test_hang_times_out_and_is_killed(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup", "--hang", NULL};
	struct hs *h = hs_start(24, 80, argv, NULL);
	assert_non_null(h);
	hs_set_quiet(h, true);
	hs_set_timeout(h, 200);
	long long t0 = now_ms();
	assert_int_equal(hs_wait_frame(h), -1);
	long long took = now_ms() - t0;
	assert_true(took >= 200 && took < 2000);
	assert_non_null(strstr(hs_error(h), "no frame 1 within 200 ms"));
	int status;
	assert_int_equal(hs_finish(h, &status), -1);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	hs_free(h);
}

static void test_many_frames_in_a_row(void **state)
{
	(void)state;
	/* A race between the pipe and the pty would show up here as a
	 * screen one frame behind. */
	struct hs *h = start_fake(NULL);
	for (int i = 2; i <= 200; i++) {
		assert_int_equal(hs_key(h, i % 2 ? HS_KEY_UP : HS_KEY_DOWN), i);
		char want[32];
		snprintf(want, sizeof want, "frame %d", i);
		assert_int_equal(hs_row_find(h, want), 0);
	}
	quit(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_shows_first_frame),
		cmocka_unit_test(test_env_set_and_unset),
		cmocka_unit_test(test_named_keys),
		cmocka_unit_test(test_raw_keys_and_typing),
		cmocka_unit_test(test_wide_characters),
		cmocka_unit_test(test_attributes_and_colour),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_quit_restores_terminal),
		cmocka_unit_test(test_exit_without_endwin_is_caught),
		cmocka_unit_test(test_golden_pass_and_update),
		cmocka_unit_test(test_golden_mismatch_writes_actual),
		cmocka_unit_test(test_hangup),
		cmocka_unit_test(test_crash_is_reported_not_hung),
		cmocka_unit_test(test_kill_9),
		cmocka_unit_test(test_early_exit_shows_message_and_status),
		cmocka_unit_test(test_missing_binary),
		cmocka_unit_test(test_hang_times_out_and_is_killed),
		cmocka_unit_test(test_many_frames_in_a_row),
	};
	return cmocka_run_group_tests(tests, build_fake, remove_golden_dir);
}
