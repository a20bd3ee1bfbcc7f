/*
 * The audience view (handsup follow): a second handsup in a terminal of
 * its own follows the facilitator's session, as a projector would show
 * it.  Each test runs the facilitator and a follower in one state
 * folder, presses keys in the facilitator, and reads the follower's
 * screen: moving between items, counts, hide, blank and white; nothing
 * of the facilitator's own (notes, help, hints, questions, digits,
 * messages); the facilitator's marker; the end of the session; and the
 * follower's refusals.
 */
#include "screen_util.h"

#include <fcntl.h>
#include <sys/stat.h>

static const char *const follow_argv[] = {"handsup", "follow", NULL};

/* A follower in the run's state folder, its first frame seen. */
static struct hs *start_follower(struct su_run *r, const char *const argv[])
{
	struct hs *h = hs_start(24, 80, argv, r->env);
	assert_non_null(h);
	su_track(su_tracked_dirs, su_tracked_hs, NULL, h, true);
	if (hs_wait_frame(h) == -1)
		fail_msg("the follower showed nothing: %s", hs_error(h));
	return h;
}

static void forget(struct hs *h)
{
	su_track(su_tracked_dirs, su_tracked_hs, NULL, h, false);
	hs_free(h);
}

static bool screen_empty(struct hs *h)
{
	char *t = hs_screen_text(h);
	bool empty = strspn(t, "\n") == strlen(t);
	free(t);
	return empty;
}

/* The facilitator and a follower that it knows of. */
static struct hs *start_both(struct su_run *r, struct hs **fol)
{
	static const char *const env[] = {"NO_COLOR=1", NULL};
	struct hs *fac = su_start_default(r, 24, 80, env);
	*fol = start_follower(r, follow_argv);
	su_until(fac, "AUDIENCE VIEW", true);
	return fac;
}

/* The follower quits with q at once, no question, the terminal as it was. */
static void quit_follower(struct hs *fol)
{
	int status = 0;
	assert_int_equal(hs_send(fol, "q"), 0);
	assert_int_not_equal(hs_finish(fol, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	if (!hs_terminal_restored(fol))
		fail_msg("terminal not restored: %s", hs_restore_problem(fol));
	forget(fol);
}

/* How often a process has gone to sleep (Linux), -1 if unknown. */
static long sleeps(int pid)
{
	char path[64], line[128];
	long n = -1;
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* Whether a process is asleep now ('S' in /proc/PID/stat). */
static bool asleep(int pid)
{
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool ok = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	/* "PID (COMM) S ...": the state follows the last ')'. */
	const char *p = ok ? strrchr(line, ')') : NULL;
	return p && p[1] == ' ' && p[2] == 'S';
}

/*
 * sleeps() once the process has gone back to sleep and stayed there:
 * a screen that shows a frame does not mean that its process has
 * returned to poll() yet, and that return is one more sleep.
 */
static long settled_sleeps(int pid)
{
	long n = sleeps(pid);
	for (int i = 0; i < 200 && n >= 0; i++) {
		usleep(10000);
		long m = sleeps(pid);
		if (m == n && asleep(pid))
			return n;
		n = m;
	}
	return n;
}

static void test_moves_and_counts(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *fol;
	struct hs *fac = start_both(&r, &fol);
	/* The title screen, without the facilitator's hints. */
	su_expect(fol, "The Widening Divide");
	su_expect_not(fol, "q quit");
	su_expect_not(fol, "AUDIENCE VIEW");
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "Regarding the Scope", true);
	su_presses(fac, "112");
	su_until_chart(fol, 2, 1);
	su_expect(fol, "3 hands");
	su_expect(fol, "1 / 7");
	su_expect_not(fol, "1-6 hand");
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "Regarding Sales Training Design", true);
	su_expect(fol, "2 / 7");
	su_press(fac, '2');
	su_until_chart(fol, 0, 1);
	su_press(fac, HS_KEY_LEFT);
	su_until_chart(fol, 2, 1);
	su_press(fac, 's');
	su_until(fol, "Summary", true);
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "Closing", true);
	su_press(fac, HS_KEY_HOME);
	su_until(fol, "1 / 7", true);
	su_press(fac, 't');
	su_until(fol, "Seven competing viewpoints", true);
	quit_follower(fol);
	/* The facilitator's screen knows the view has gone. */
	su_until(fac, "AUDIENCE VIEW", false);
	su_quit(&r);
	su_end(&r);
}

/*
 * The facilitator's own: the note, help, a count being typed, a
 * question, a message.  A key in the follower redraws it (F5), so its
 * screen is read after whatever the facilitator shows.
 */
static void test_facilitator_only(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *fol;
	struct hs *fac = start_both(&r, &fol);
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "Regarding the Scope", true);
	long before = settled_sleeps(hs_pid(fol));
	su_press(fac, 'i');
	su_expect(fac, "individual rep");
	su_press(fac, '?');
	su_expect(fac, "this help");
	su_press(fac, HS_KEY_ESC);
	su_press(fac, HS_KEY_ENTER);
	su_press(fac, '7');
	su_expect(fac, "count: 7_");
	/* Nothing was saved: the follower slept through it all. */
	if (before >= 0)
		assert_int_equal(sleeps(hs_pid(fol)), before);
	su_press(fol, HS_KEY_F(5));
	su_expect_not(fol, "individual rep");
	su_expect_not(fol, "this help");
	su_expect_not(fol, "count:");
	su_press(fac, HS_KEY_ESC);
	su_press(fac, 'q');
	su_expect(fac, "Quit?");
	su_press(fol, HS_KEY_F(5));
	su_expect_not(fol, "Quit?");
	su_press(fac, 'n');
	su_press(fac, 'h');
	su_expect(fac, "h reveals them");
	su_until(fol, "Results are hidden", true);
	su_expect_not(fol, "h reveals");
	su_expect_not(fol, "HIDDEN");
	/* The follower's keys count nothing and move nothing. */
	su_press(fol, '1');
	su_press(fol, HS_KEY_RIGHT);
	su_press(fol, 'h');
	su_expect(fol, "Results are hidden");
	su_expect(fol, "Regarding the Scope");
	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_item_total(&s.tally, 0), 0);
	assert_int_equal(s.current, 1);
	assert_true(s.hidden);
	session_free(&s);
	quit_follower(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	su_quit(&r);
	su_end(&r);
}

static void test_hide_blank_white(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *fol;
	struct hs *fac = start_both(&r, &fol);
	su_press(fac, HS_KEY_RIGHT);
	su_presses(fac, "12");
	su_until_chart(fol, 1, 1);
	su_press(fac, 'h');
	su_until(fol, "Results are hidden from the room", true);
	su_expect_not(fol, "2 hands");
	su_expect_not(fol, "%");
	su_press(fac, '1');
	su_press(fac, 'h');
	su_until_chart(fol, 2, 1);
	su_press(fac, 'b');
	while (!screen_empty(fol))
		if (hs_wait_frame(fol) == -1)
			fail_msg("the follower never went black");
	/* Any key brings the facilitator's screen back, and the room's. */
	su_press(fac, 'b');
	su_until_chart(fol, 2, 1);
	su_press(fac, 'w');
	for (;;) {
		struct hs_cell c;
		assert_true(hs_cell(fol, 12, 40, &c));
		if (c.reverse && screen_empty(fol))
			break;
		if (hs_wait_frame(fol) == -1)
			fail_msg("the follower never went white");
	}
	su_press(fac, 'b');
	su_until_chart(fol, 2, 1);
	quit_follower(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	su_quit(&r);
	su_end(&r);
}

/* Counted by group: the room sees which group raises its hands. */
static void test_groups(void **state)
{
	(void)state;
	struct su_run r;
	static const char *const argv[] = {"handsup", "--name", "by group",
					   NULL};
	static const char *const env[] = {"NO_COLOR=1", NULL};
	struct hs *fac = su_start(&r, 24, 80, argv, env);
	struct hs *fol = start_follower(&r, follow_argv);
	su_until(fac, "AUDIENCE VIEW", true);
	su_press(fac, HS_KEY_RIGHT);
	su_presses(fac, "112");
	su_until(fol, "3 hands", true);
	/* The facilitator's keys are named on the facilitator's screen
	 * (its banner is narrowed by the note beside the item here). */
	su_expect(fac, "(p: headcount)");
	su_expect_not(fol, "g next");
	su_expect_not(fol, "(p: headcount)");
	su_expect(fol, "group 1 of 4");
	su_press(fac, 'g');
	su_until(fol, "COUNTING: Product Marketing", true);
	su_expect(fol, "Sales Training");
	su_expect(fol, "67%  33%     3");
	su_press(fac, '2');
	su_until(fol, "4 hands", true);
	bool found = false;
	for (int row = 1; row < hs_rows(fol) - 1 && !found; row++) {
		char *t = hs_row_text(fol, row);
		found = strstr(t, "Product Marketing") &&
			!strstr(t, "COUNTING") && strstr(t, "0% 100%     1");
		free(t);
	}
	if (!found) {
		hs_dump(fol, "Product Marketing");
		fail_msg("no split row for Product Marketing");
	}
	quit_follower(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	su_quit(&r);
	su_end(&r);
}

/*
 * With an audience view, the facilitator's screen shows the item's note
 * beside the item, unasked; the room never sees it, nor what to press.
 */
static void check_note_beside(int rows, int cols)
{
	struct su_run r;
	static const char *const env[] = {"NO_COLOR=1", NULL};
	struct hs *fac = su_start_default(&r, rows, cols, env);
	su_expect(fac, "Press Right");
	su_expect_not(fac, "individual rep");
	struct hs *fol = start_follower(&r, follow_argv);
	su_until(fac, "AUDIENCE VIEW", true);
	su_expect_not(fol, "Press Right");
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "1 / 7", true);
	su_expect(fac, "Note");
	su_expect(fac, "individual rep");
	su_expect_not(fol, "individual rep");
	/* The note sits in a column of its own, right of the chart. */
	int nrow, ncol, vrow, vcol;
	assert_true(hs_find(fac, "individual", &nrow, &ncol));
	assert_true(hs_find(fac, "View 1", &vrow, &vcol));
	assert_true(ncol > cols / 2);
	assert_true(vcol < ncol);
	/* Moving on: the next item's note, beside it. */
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "2 / 7", true);
	su_expect(fac, "Ask someone from each side");
	su_expect_not(fac, "individual rep");
	/* Without the audience view, the note is back behind i. */
	quit_follower(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	su_expect_not(fac, "Ask someone from each side");
	su_quit(&r);
	su_end(&r);
}

static void test_note_beside(void **state)
{
	(void)state;
	check_note_beside(24, 80);
	check_note_beside(48, 160);
}

/* The facilitator quits: the follower says so and leaves, cleanly. */
static void check_ended(struct hs *fol)
{
	int status = 0;
	assert_int_not_equal(hs_finish(fol, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	if (!hs_terminal_restored(fol))
		fail_msg("terminal not restored: %s", hs_restore_problem(fol));
	su_expect(fol, "The session has ended. It is saved in /tmp/hs-screen-");
	forget(fol);
}

static void test_facilitator_quits(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *fol;
	struct hs *fac = start_both(&r, &fol);
	su_press(fac, HS_KEY_RIGHT);
	su_until(fol, "Regarding the Scope", true);
	su_quit(&r);
	check_ended(fol);
	/* The view left no file of its own behind. */
	DIR *d = opendir(r.dir);
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".follow."))
			fail_msg("left behind: %s", e->d_name);
	closedir(d);
	su_end(&r);
}

static void test_facilitator_killed(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *fol;
	struct hs *fac = start_both(&r, &fol);
	kill(hs_pid(fac), SIGKILL);
	hs_finish(fac, NULL);
	check_ended(fol);
	su_end(&r);
}

/* A follower killed outright: its file stays but does not count. */
static void test_follower_killed(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *fol;
	struct hs *fac = start_both(&r, &fol);
	kill(hs_pid(fol), SIGKILL);
	hs_finish(fol, NULL);
	forget(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	/* Named by its file, a new one follows again. */
	char path[512];
	su_session_path(r.dir, path, sizeof path);
	const char *argv[] = {"handsup", "follow", path, NULL};
	fol = start_follower(&r, argv);
	su_until(fac, "AUDIENCE VIEW", true);
	quit_follower(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	/* And by its name, as resume takes it. */
	const char *by_name[] = {"handsup", "follow", "screen test", NULL};
	fol = start_follower(&r, by_name);
	su_until(fac, "AUDIENCE VIEW", true);
	quit_follower(fol);
	su_until(fac, "AUDIENCE VIEW", false);
	su_quit(&r);
	su_end(&r);
}

/* Starts argv, which must exit with status, showing text. */
static void expect_refusal(struct su_run *r, const char *const argv[], int want,
			   const char *text)
{
	struct hs *h = hs_start(24, 80, argv, r->env);
	assert_non_null(h);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) != want || !hs_screen_contains(h, text)) {
		hs_dump(h, text);
		fail_msg("exit %d, wanted %d with \"%s\"", WEXITSTATUS(status),
			 want, text);
	}
	hs_free(h);
}

static void test_refusals(void **state)
{
	(void)state;
	struct su_run r;
	memset(&r, 0, sizeof r);
	su_mkdtemp(r.dir, sizeof r.dir);
	snprintf(r.state_env, sizeof r.state_env, "HANDSUP_STATE_DIR=%s",
		 r.dir);
	r.env[0] = r.state_env;
	expect_refusal(&r, follow_argv, 1,
		       "handsup: no session is open in another handsup");
	char bad[128], closed[128];
	snprintf(bad, sizeof bad, "%s/bad.session", r.dir);
	FILE *f = fopen(bad, "w");
	assert_non_null(f);
	fputs("handsup-session 2\nthis is not a session\n", f);
	fclose(f);
	const char *bad_argv[] = {"handsup", "follow", bad, NULL};
	char want[160];
	snprintf(want, sizeof want, "%s:2:", bad);
	expect_refusal(&r, bad_argv, 65, want);
	/* A session nobody runs now: nothing to follow. */
	snprintf(closed, sizeof closed, "%s/none.session", r.dir);
	const char *missing[] = {"handsup", "follow", closed, NULL};
	expect_refusal(&r, missing, 66, "no such session file");
	const char *opt[] = {"handsup", "follow", "--groups", "A|B", NULL};
	expect_refusal(&r, opt, 64, "not for it");
	/* The timer is the facilitator's: the room sees the item. */
	const char *timer[] = {"handsup", "follow", "--timer", "2m", NULL};
	expect_refusal(&r, timer, 64, "--timer are not for it");
	su_end(&r);
}

/* A session saved and closed is not followed: it would never move. */
static void test_closed_session(void **state)
{
	(void)state;
	struct su_run r;
	su_start_default(&r, 24, 80, NULL);
	su_quit(&r);
	su_forget(&r);
	char path[512];
	su_session_path(r.dir, path, sizeof path);
	const char *argv[] = {"handsup", "follow", path, NULL};
	expect_refusal(&r, argv, 1, "not open in");
	expect_refusal(&r, follow_argv, 1, "no session is open");
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moves_and_counts),
		cmocka_unit_test(test_facilitator_only),
		cmocka_unit_test(test_hide_blank_white),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_note_beside),
		cmocka_unit_test(test_facilitator_quits),
		cmocka_unit_test(test_facilitator_killed),
		cmocka_unit_test(test_follower_killed),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_closed_session),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
