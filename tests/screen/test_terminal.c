/*
 * The terminal handsup is given: one that cannot move the cursor is
 * refused before anything is counted or saved, and the terminal's real
 * size wins over stale LINES and COLUMNS.
 */
#include "screen_util.h"

#include <sys/stat.h>

/* Entries in dir besides . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/*
 * Starts argv in an 80x24 terminal with env, expects it to exit 70
 * without ever drawing a frame, with want on the screen and the state
 * folder still empty.
 */
static void expect_refused(const char *const argv[], const char *const env[],
			   const char *dir, const char *want)
{
	struct hs *h = hs_start(24, 80, argv, env);
	assert_non_null(h);
	hs_set_quiet(h, true);
	assert_int_equal(hs_wait_frame(h), -1);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 70);
	if (!hs_screen_contains(h, want)) {
		hs_dump(h, "refused terminal");
		fail_msg("expected \"%s\"", want);
	}
	assert_false(hs_altscreen(h));
	hs_free(h);
	assert_int_equal(entries(dir), 0);
}

static void test_dumb_terminal_refused(void **state)
{
	(void)state;
	char dir[64], state_env[128];
	su_mkdtemp(dir, sizeof dir);
	snprintf(state_env, sizeof state_env, "HANDSUP_STATE_DIR=%s", dir);
	const char *env[] = {state_env, "TERM=dumb", NULL};
	static const char want[] = "handsup: terminal type 'dumb' cannot "
				   "move the cursor";
	const char *run[] = {"handsup", "--name", "dumb", NULL};
	expect_refused(run, env, dir, want);
	const char *resume[] = {"handsup", "resume", NULL};
	expect_refused(resume, env, dir, want);

	/* A type terminfo does not know is refused the same way. */
	const char *unknown_env[] = {state_env, "TERM=no-such-terminal", NULL};
	expect_refused(run, unknown_env, dir,
		       "handsup: cannot use terminal type 'no-such-terminal'");
	su_rm_rf(dir);
}

/* Any type without "cup" is refused, not only the one named dumb. */
static void test_no_cup_refused(void **state)
{
	(void)state;
	char dir[64], src[256], cmd[600];
	su_mkdtemp(dir, sizeof dir);
	su_write_file(dir, "nocup.ti",
		      "handsup-nocup|a terminal without cursor addressing,\n"
		      "\tam, cols#80, lines#24, bel=^G, clear=\\E[H\\E[2J,\n"
		      "\tcr=\\r, ind=\\n,\n",
		      src, sizeof src);
	snprintf(cmd, sizeof cmd, "tic -o '%s/terminfo' '%s' 2>/dev/null", dir,
		 src);
	if (system(cmd) != 0) {
		su_rm_rf(dir);
		print_message("skipped: tic cannot compile a terminfo entry\n");
		skip();
	}
	unlink(src);
	char state_env[128], terminfo_env[128];
	snprintf(state_env, sizeof state_env, "HANDSUP_STATE_DIR=%s/state",
		 dir);
	snprintf(terminfo_env, sizeof terminfo_env, "TERMINFO=%s/terminfo",
		 dir);
	char sdir[128];
	snprintf(sdir, sizeof sdir, "%s/state", dir);
	assert_int_equal(mkdir(sdir, 0700), 0);
	const char *env[] = {state_env, terminfo_env, "TERM=handsup-nocup",
			     NULL};
	const char *argv[] = {"handsup", NULL};
	expect_refused(argv, env, sdir,
		       "handsup: terminal type 'handsup-nocup' cannot move "
		       "the cursor");
	su_rm_rf(dir);
}

/*
 * LINES=10 and COLUMNS=30 left over from another window: an 80x24
 * terminal still gets the 80x24 title screen, not "too small".
 */
static void test_real_size_wins(void **state)
{
	(void)state;
	static const char *const stale[] = {"LINES=10", "COLUMNS=30", NULL};
	/* The built-in deck as it comes, as the title golden shows it. */
	static const char *const argv[] = {"handsup", "--name", "screen test",
					   NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, stale);
	hs_expect_golden(h, "title");
	assert_int_not_equal(hs_resize(h, 30, 100), -1);
	su_expect(h, "Press Right, PageDown or Space to begin");
	char *last = hs_row_text(h, 29);
	assert_non_null(last);
	assert_non_null(strstr(last, "? help"));
	free(last);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dumb_terminal_refused),
		cmocka_unit_test(test_no_cup_refused),
		cmocka_unit_test(test_real_size_wins),
	};
	return cmocka_run_group_tests_name("terminal", tests, NULL, su_cleanup);
}
