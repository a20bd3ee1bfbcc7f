/*
 * Drawing modes and the session's life outside the keyboard: monochrome
 * and ASCII drawing, other decks (three views, hostile text, errors),
 * signals, and resuming a saved session.
 */
#include "screen_util.h"

#include <fcntl.h>
#include <poll.h>

/* The first bar cell of each bar in the chart, top to bottom. */
static int bar_glyphs(struct hs *h, char glyphs[][32], int max)
{
	int n = 0;
	for (int row = 1; row < hs_rows(h) - 1 && n < max; row++) {
		char *t = hs_row_text(h, row);
		char label[16];
		snprintf(label, sizeof label, "View %d ", n + 1);
		bool chart = strstr(t, label) && strchr(t, '%');
		free(t);
		if (!chart)
			continue;
		int col = 0;
		/* The label is the last "View N" on the row before the bar. */
		char digit[2] = {label[5], '\0'};
		for (int c = 0; c + 7 < hs_cols(h); c++)
			if (su_cell_is(h, row, c, "V") &&
			    su_cell_is(h, row, c + 5, digit))
				col = c + 7;
		struct hs_cell cell;
		assert_true(hs_cell(h, row, col, &cell));
		/* A blank in reverse video is a bar the room sees solid. */
		snprintf(glyphs[n], 32, "%s",
			 !cell.text[0] && cell.reverse ? "(reverse)"
						       : cell.text);
		n++;
	}
	return n;
}

static void walk_screens(struct hs *h, void (*check)(struct hs *, const char *))
{
	check(h, "title");
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1112");
	check(h, "item");
	su_press(h, '?');
	check(h, "help");
	su_press(h, HS_KEY_ESC);
	su_press(h, HS_KEY_ENTER);
	check(h, "typing");
	su_press(h, HS_KEY_ESC);
	su_press(h, 's');
	check(h, "summary");
	su_press(h, HS_KEY_RIGHT);
	check(h, "closing");
	su_press(h, HS_KEY_HOME);
	assert_int_not_equal(hs_resize(h, 12, 40), -1);
	check(h, "40x12");
	assert_int_not_equal(hs_resize(h, 10, 30), -1);
	check(h, "too small");
	assert_int_not_equal(hs_resize(h, 24, 80), -1);
}

static void check_no_colour(struct hs *h, const char *what)
{
	if (hs_screen_has_color(h)) {
		hs_dump(h, what);
		fail_msg("colour on the %s screen", what);
	}
}

static void test_monochrome(void **state)
{
	(void)state;
	static const char *const no_color[] = {"NO_COLOR=1", NULL};
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, no_color);
	walk_screens(h, check_no_colour);
	/* Without colour each view keeps a pattern of its own. */
	char g[SU_MAX_BARS][32];
	assert_int_equal(bar_glyphs(h, g, SU_MAX_BARS), 2);
	assert_true(g[0][0] != '\0' && g[1][0] != '\0');
	assert_string_not_equal(g[0], g[1]);
	/* The selected view is still marked. */
	su_expect(h, "▶ View 2");
	su_quit(&r);
	su_end(&r);

	/* --mono does the same; the colour run shows colour at all. */
	static const char *const argv[] = {"handsup", "--mono", "--no-groups",
					   "--name",  "m",	NULL};
	h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	check_no_colour(h, "--mono item");
	assert_int_equal(bar_glyphs(h, g, SU_MAX_BARS), 2);
	assert_string_not_equal(g[0], g[1]);
	su_quit(&r);
	su_end(&r);

	h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "12");
	assert_true(hs_screen_has_color(h));
	su_quit(&r);
	su_end(&r);
}

/* Whether the cells of row from col read text, one character a cell. */
static bool cells_read(struct hs *h, int row, int col, const char *text)
{
	for (int i = 0; text[i]; i++) {
		char one[2] = {text[i], '\0'};
		bool blank = text[i] == ' ' && su_cell_is(h, row, col + i, "");
		if (!blank && !su_cell_is(h, row, col + i, one))
			return false;
	}
	return true;
}

/*
 * In the mono theme the marker before each view's label tells the
 * selected view from the others: the selected one is the marker in
 * reverse video, an unselected one a plain blank, never a block as loud
 * as the marker (in the views' list and in the chart alike).
 */
static void test_mono_view_marker(void **state)
{
	(void)state;
	static const char *const argv[] = {"handsup",	  "--theme", "mono",
					   "--no-groups", "--name",  "m",
					   NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "Regarding the Scope");
	int seen[2] = {0, 0};
	for (int row = 1; row < hs_rows(h) - 1; row++)
		for (int col = 2; col < hs_cols(h) - 6; col++)
			for (int v = 0; v < 2; v++) {
				if (!cells_read(h, row, col,
						v ? "View 2" : "View 1"))
					continue;
				struct hs_cell c;
				assert_true(hs_cell(h, row, col - 2, &c));
				bool sel = v == 0; /* the first is selected */
				if (sel != c.reverse ||
				    sel != su_cell_is(h, row, col - 2, "▶")) {
					hs_dump(h, "view marker");
					fail_msg("view %d's marker at row %d "
						 "reads wrong",
						 v + 1, row);
				}
				seen[v]++;
			}
	/* Each label twice: over its text and beside its bar. */
	assert_int_equal(seen[0], 2);
	assert_int_equal(seen[1], 2);
	su_quit(&r);
	su_end(&r);
}

static void check_ascii(struct hs *h, const char *what)
{
	if (!su_screen_ascii(h)) {
		hs_dump(h, what);
		fail_msg("a character outside ASCII on the %s screen", what);
	}
}

static void test_ascii(void **state)
{
	(void)state;
	static const char *const c_locale[] = {"LC_ALL=C", NULL};
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, c_locale);
	walk_screens(h, check_ascii);
	/* The walk ends on the counted item, both bars drawn. */
	char g[SU_MAX_BARS][32];
	assert_int_equal(bar_glyphs(h, g, SU_MAX_BARS), 2);
	su_quit(&r);
	su_end(&r);

	/* --ascii in a UTF-8 locale, without colour: the golden. */
	static const char *const argv[] = {"handsup", "--ascii", "--no-groups",
					   "--name",  "a",	 NULL};
	static const char *const no_color[] = {"NO_COLOR=1", NULL};
	h = su_start(&r, 24, 80, argv, no_color);
	walk_screens(h, check_ascii);
	hs_expect_golden(h, "item1-ascii-mono");
	assert_int_equal(bar_glyphs(h, g, SU_MAX_BARS), 2);
	assert_string_not_equal(g[0], g[1]);
	su_quit(&r);
	su_end(&r);
}

static void test_three_views(void **state)
{
	(void)state;
	static const char *const argv[] = {
		"handsup", "--no-groups",	   "--name",
		"three",   "content/starter.deck", NULL};
	struct su_run r;
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	su_press(h, HS_KEY_RIGHT);
	/* The facilitator's note is not for the room. */
	su_expect(h, "Planning");
	su_expect_not(h, "Ask for one example");
	su_press(h, HS_KEY_RIGHT);
	su_expect(h, "2 / 3");
	su_presses(h, "123333");
	hs_expect_golden(h, "starter-three-views");
	SU_EXPECT3(h, 1, 1, 4);
	/* Selection runs over all three, and round. */
	su_press(h, HS_KEY_TAB);
	su_expect(h, "▶ View 1");
	su_press(h, HS_KEY_BTAB);
	su_expect(h, "▶ View 3");
	su_quit(&r);
	su_end(&r);
}

static void test_hostile_deck(void **state)
{
	(void)state;
	struct su_run r;
	memset(&r, 0, sizeof r);
	su_mkdtemp(r.dir, sizeof r.dir);
	snprintf(r.state_env, sizeof r.state_env, "HANDSUP_STATE_DIR=%s",
		 r.dir);
	char deck[512];
	su_write_file(r.dir, "hostile.deck",
		      "title: Evil \x1b[2J deck \x1b]0;pwned\x07 end\n"
		      "subtitle: sub \xc2\x9b"
		      "31m red \xe2\x80\xae"
		      "desrever\n"
		      "== Head \xe2\x80\xae"
		      "rev \xc2\x85 nel \x1b[7m inv\n"
		      "1: One \x1b[2J cleared \xc2\x9b"
		      "1;1H home\n"
		      "2: Two \x1b]0;title\x07 tail \xe2\x81\xa6 iso\n",
		      deck, sizeof deck);
	static const char *const no_color[] = {"NO_COLOR=1", NULL};
	const char *argv[] = {"handsup", "--name", "hostile", deck, NULL};
	struct hs *h = su_launch(&r, 24, 80, argv, no_color);
	/* Every control shows as U+FFFD, and the text after it is intact:
	 * had a sequence reached the terminal, its tail would be gone. */
	su_expect(h, "Evil \xef\xbf\xbd[2J deck \xef\xbf\xbd]0;pwned"
		     "\xef\xbf\xbd end");
	su_expect(h, "sub \xef\xbf\xbd"
		     "31m red \xef\xbf\xbd"
		     "desrever");
	assert_false(hs_screen_has_color(h));
	char *text = hs_screen_text(h);
	assert_null(strstr(text, "\xe2\x80\xae"));
	assert_null(strstr(text, "\x1b"));
	free(text);

	su_press(h, HS_KEY_RIGHT);
	su_expect(h,
		  "Head \xef\xbf\xbdrev \xef\xbf\xbd nel \xef\xbf\xbd[7m inv");
	su_expect(h, "One \xef\xbf\xbd[2J cleared \xef\xbf\xbd"
		     "1;1H home");
	su_expect(h,
		  "Two \xef\xbf\xbd]0;title\xef\xbf\xbd tail \xef\xbf\xbd iso");
	su_expect(h, "1 / 1");
	int row, col;
	assert_true(hs_find(h, "inv", &row, &col));
	struct hs_cell c;
	assert_true(hs_cell(h, row, col, &c));
	assert_false(c.reverse);
	su_presses(h, "12");
	assert_false(hs_screen_has_color(h));
	su_press(h, 's');
	su_expect(h, "Head \xef\xbf\xbdrev");
	su_quit(&r);
	su_end(&r);
}

/* Runs handsup with stdin from /dev/null and stdout, stderr into pipes. */
static int run_captured(const char *const argv[], char *out, size_t outcap,
			char *err, size_t errcap)
{
	int po[2], pe[2];
	assert_int_equal(pipe(po), 0);
	assert_int_equal(pipe(pe), 0);
	const char *bin = getenv("HANDSUP_BIN");
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		execv(bin && *bin ? bin : "./handsup", (char *const *)argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	size_t no = 0, ne = 0;
	struct pollfd p[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
	int open_fds = 2;
	while (open_fds > 0 && poll(p, 2, 5000) > 0) {
		for (int i = 0; i < 2; i++) {
			if (!(p[i].revents & (POLLIN | POLLHUP)))
				continue;
			char *buf = i ? err : out;
			size_t *len = i ? &ne : &no;
			size_t cap = i ? errcap : outcap;
			ssize_t k = read(p[i].fd, buf + *len, cap - 1 - *len);
			if (k <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				open_fds--;
			} else {
				*len += (size_t)k;
			}
		}
	}
	out[no] = '\0';
	err[ne] = '\0';
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void test_bad_deck_never_opens_screen(void **state)
{
	(void)state;
	char dir[64], deck[256];
	su_mkdtemp(dir, sizeof dir);
	su_write_file(dir, "bad.deck",
		      "title: Bad\n"
		      "== One\n"
		      "1: a\n"
		      "2: b\n"
		      "this line is wrong\n",
		      deck, sizeof deck);
	char want[512];
	snprintf(want, sizeof want,
		 "%s:5: expected 'field: value', '== heading' or '# comment'",
		 deck);

	/* In a terminal: no frame, the message, the screen never taken. */
	char state_env[128];
	snprintf(state_env, sizeof state_env, "HANDSUP_STATE_DIR=%s", dir);
	const char *env[] = {state_env, NULL};
	const char *argv[] = {"handsup", deck, NULL};
	struct hs *h = hs_start(24, 80, argv, env);
	assert_non_null(h);
	hs_set_quiet(h, true);
	assert_int_equal(hs_wait_frame(h), -1);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 65);
	char start[300];
	snprintf(start, sizeof start, "%s:5: expected", deck);
	assert_int_equal(hs_row_find(h, start), 0);
	assert_false(hs_altscreen(h));
	assert_true(hs_terminal_restored(h));
	hs_free(h);

	/* Captured: the message alone on stderr, nothing at all on stdout
	 * (not even a terminal set-up sequence). */
	char out[4096], err[4096];
	status = run_captured(argv, out, sizeof out, err, sizeof err);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 65);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, want));
	assert_null(strchr(err, '\x1b'));
	/* No session was started for a deck that was refused. */
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		assert_null(strstr(e->d_name, SESSION_EXT));
	closedir(d);
	su_rm_rf(dir);
}

static void count_some(struct hs *h)
{
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1122");
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_RIGHT);
	su_presses(h, "1111122");
	su_expect(h, "3 / 7");
}

static void expect_counted(const char *dir, int current)
{
	struct session s;
	su_load(dir, &s);
	assert_int_equal(s.current, current);
	assert_int_equal(tally_get(&s.tally, 0, 0), 2);
	assert_int_equal(tally_get(&s.tally, 0, 1), 2);
	assert_int_equal(tally_get(&s.tally, 2, 0), 5);
	assert_int_equal(tally_get(&s.tally, 2, 1), 2);
	session_free(&s);
}

static void test_sigterm_saves(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	count_some(h);
	assert_int_equal(kill(hs_pid(h), SIGTERM), 0);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 128 + SIGTERM);
	if (!hs_terminal_restored(h))
		fail_msg("terminal not restored: %s", hs_restore_problem(h));
	expect_counted(r.dir, 3);
	su_end(&r);
}

static void test_sighup_saves(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	count_some(h);
	hs_hangup(h);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 128 + SIGHUP);
	expect_counted(r.dir, 3);
	su_end(&r);
}

/* Ctrl-C in the terminal: saved, status 130, terminal restored. */
static void test_ctrl_c_saves(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	count_some(h);
	assert_int_equal(hs_send_key(h, HS_CTRL('c')), 0);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 128 + SIGINT);
	if (!hs_terminal_restored(h))
		fail_msg("terminal not restored: %s", hs_restore_problem(h));
	expect_counted(r.dir, 3);
	su_end(&r);
}

static void test_resume(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	count_some(h);
	su_quit(&r);
	su_forget(&r);

	char path[512];
	su_session_path(r.dir, path, sizeof path);
	const char *argv[] = {"handsup", "resume", path, NULL};
	h = su_launch(&r, 24, 80, argv, NULL);
	/* Where it stopped, with every count. */
	assert_int_equal(hs_row_find(h, "3 / 7"), 0);
	su_expect(h, "Regarding the Role of Sales Training");
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	assert_int_equal(su_read_chart(h, counts, pcts, SU_MAX_BARS), 2);
	assert_int_equal(counts[0], 5);
	assert_int_equal(counts[1], 2);
	su_press(h, HS_KEY_HOME);
	assert_int_equal(su_read_chart(h, counts, pcts, SU_MAX_BARS), 2);
	assert_int_equal(counts[0], 2);
	assert_int_equal(counts[1], 2);
	/* Counting goes on into the same file. */
	su_press(h, '1');
	su_press(h, HS_KEY_RIGHT);
	su_press(h, HS_KEY_RIGHT);
	su_quit(&r);

	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(s.current, 3);
	assert_int_equal(tally_get(&s.tally, 0, 0), 3);
	assert_int_equal(tally_get(&s.tally, 2, 0), 5);
	session_free(&s);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_monochrome),
		cmocka_unit_test(test_mono_view_marker),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_three_views),
		cmocka_unit_test(test_hostile_deck),
		cmocka_unit_test(test_bad_deck_never_opens_screen),
		cmocka_unit_test(test_sigterm_saves),
		cmocka_unit_test(test_sighup_saves),
		cmocka_unit_test(test_ctrl_c_saves),
		cmocka_unit_test(test_resume),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
