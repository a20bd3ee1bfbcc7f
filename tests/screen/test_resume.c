/*
 * Resuming: the session opens where the room was, with every count, even
 * when the deck file changed or is gone; a session open in one handsup is
 * refused to a second; `handsup resume` lists sessions and opens the one
 * chosen.
 */
#include "screen_util.h"
#include "base/error.h"
#include "store/session_file.h"

struct fixture {
	char dir[64];
	char deck[96];
	char env_state[128];
};

static const char deck_text[] = "title: Resume Test Deck\n"
				"== First question\n"
				"1: Alpha one\n"
				"2: Alpha two\n"
				"== Second question\n"
				"1: Beta one\n"
				"2: Beta two\n"
				"3: Beta three\n";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/handsup-resume-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->deck, sizeof f->deck, "%s/test.deck", f->dir);
	snprintf(f->env_state, sizeof f->env_state, "HANDSUP_STATE_DIR=%s",
		 f->dir);
	write_file(f->deck, deck_text);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	su_rm_rf(f->dir);
	free(f);
	return 0;
}

/* The path of the session file whose name holds part, into path. */
static void find_session(const char *dir, const char *part, char *path,
			 size_t cap)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	path[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n > 8 && strcmp(e->d_name + n - 8, ".session") == 0 &&
		    strstr(e->d_name, part))
			snprintf(path, cap, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	assert_true(path[0] != '\0');
}

static void quit(struct hs *h)
{
	int status = 0;
	assert_int_not_equal(hs_key(h, 'q'), -1);
	assert_int_equal(hs_send(h, "y"), 0);
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(hs_terminal_restored(h));
}

/* Runs a session on the test deck: item 2 gets 3, 0, 2; it quits there. */
static void run_first(struct fixture *f, const char *name, char *path,
		      size_t cap)
{
	const char *argv[] = {"handsup", "--name", name, f->deck, NULL};
	const char *env[] = {f->env_state, NULL};
	struct hs *h = hs_start(12, 40, argv, env);
	assert_non_null(h);
	assert_int_equal(hs_wait_frame(h), 1);
	assert_int_not_equal(hs_key(h, HS_KEY_PGDN), -1);
	assert_int_not_equal(hs_key(h, HS_KEY_PGDN), -1);
	assert_true(hs_screen_contains(h, "2 / 2"));
	for (const char *k = "11133"; *k; k++)
		assert_int_not_equal(hs_key(h, *k), -1);
	assert_true(hs_screen_contains(h, "3 (60%)"));
	quit(h);
	hs_free(h);
	find_session(f->dir, name, path, cap);
}

/* Resumes path and checks it opened on item 2 with its counts. */
static struct hs *resume_ok(struct fixture *f, const char *path)
{
	const char *argv[] = {"handsup", "resume", path, NULL};
	const char *env[] = {f->env_state, NULL};
	struct hs *h = hs_start(12, 40, argv, env);
	assert_non_null(h);
	assert_int_not_equal(hs_wait_frame(h), -1);
	assert_true(hs_screen_contains(h, "2 / 2"));
	assert_true(hs_screen_contains(h, "3 (60%)"));
	assert_true(hs_screen_contains(h, "0 (0%)"));
	assert_true(hs_screen_contains(h, "2 (40%)"));
	return h;
}

static void test_resume_same_deck(void **state)
{
	struct fixture *f = *state;
	char path[256];
	run_first(f, "plain", path, sizeof path);
	struct hs *h = resume_ok(f, path);
	assert_true(hs_screen_contains(h, "Beta three"));
	quit(h);
	hs_free(h);
}

static void test_resume_deck_gone(void **state)
{
	struct fixture *f = *state;
	char path[256];
	run_first(f, "gone", path, sizeof path);
	assert_int_equal(unlink(f->deck), 0);
	struct hs *h = resume_ok(f, path);
	/* Headings and view texts come from the session file (format 2
	 * keeps the wording), and the status line says the deck is gone. */
	assert_true(hs_screen_contains(h, "Second question"));
	assert_true(hs_screen_contains(h, "Beta three"));
	assert_true(hs_screen_contains(h, "missing"));
	quit(h);
	hs_free(h);
}

/* A format 1 file kept no wording: without the deck, none is shown. */
static void test_resume_v1_deck_gone(void **state)
{
	struct fixture *f = *state;
	char path[300];
	snprintf(path, sizeof path, "%s/old.session", f->dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fprintf(out,
		"handsup-session 1\nname: old\n"
		"started: 2026-11-27T09:35:12Z\ndeck-title: Old deck\n"
		"deck-path: %s/gone.deck\ndeck-hash: 0123456789abcdef\n"
		"current: 2\nitem: First question\nview: 1 View 1\n"
		"view: 1 View 2\nitem: Second question\nview: 3 View 1\n"
		"view: 0 View 2\nview: 2 View 3\nend\n",
		f->dir);
	fclose(out);
	struct hs *h = resume_ok(f, path);
	assert_true(hs_screen_contains(h, "Second question"));
	assert_true(hs_screen_contains(h, "view texts not shown"));
	quit(h);
	hs_free(h);
}

static void test_resume_deck_changed(void **state)
{
	struct fixture *f = *state;
	char path[256];
	run_first(f, "changed", path, sizeof path);
	char *changed = strdup(deck_text);
	assert_non_null(changed);
	memcpy(strstr(changed, "Beta three"), "Gamma", 5);
	write_file(f->deck, changed);
	free(changed);

	/* Asked, and told no: nothing opens, exit 65, the file is kept. */
	const char *argv[] = {"handsup", "resume", path, NULL};
	const char *env[] = {f->env_state, NULL};
	struct hs *h = hs_start(12, 40, argv, env);
	assert_non_null(h);
	assert_int_not_equal(hs_wait_frame(h), -1);
	assert_true(hs_screen_contains(h, "has changed"));
	assert_int_equal(hs_send(h, "n\r"), 0);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_int_equal(WEXITSTATUS(status), 65);
	assert_false(hs_altscreen(h));
	hs_free(h);

	/* Asked, and told yes: it opens with the new wording and the counts. */
	h = hs_start(12, 40, argv, env);
	assert_non_null(h);
	assert_int_not_equal(hs_wait_frame(h), -1);
	assert_true(hs_screen_contains(h, "has changed"));
	assert_int_equal(hs_send(h, "y\r"), 0);
	assert_int_not_equal(hs_wait_frame(h), -1);
	assert_true(hs_screen_contains(h, "2 / 2"));
	assert_true(hs_screen_contains(h, "Gamma"));
	assert_true(hs_screen_contains(h, "3 (60%)"));
	quit(h);
	hs_free(h);
}

static void test_second_handsup_refused(void **state)
{
	struct fixture *f = *state;
	char path[256];
	run_first(f, "locked", path, sizeof path);
	struct hs *first = resume_ok(f, path);
	const char *argv[] = {"handsup", "resume", path, NULL};
	const char *env[] = {f->env_state, NULL};
	struct hs *second = hs_start(12, 40, argv, env);
	assert_non_null(second);
	int status = 0;
	assert_int_not_equal(hs_finish(second, &status), -1);
	assert_int_equal(WEXITSTATUS(status), 75);
	assert_true(hs_screen_contains(second, "another handsup"));
	assert_false(hs_altscreen(second));
	hs_free(second);
	/* The first one still runs and still counts. */
	assert_int_not_equal(hs_key(first, '2'), -1);
	assert_true(hs_screen_contains(first, "1 (17%)"));
	quit(first);
	hs_free(first);
}

static void test_resume_list_and_choose(void **state)
{
	struct fixture *f = *state;
	char one[256], two[256];
	run_first(f, "morning", one, sizeof one);
	run_first(f, "afternoon", two, sizeof two);
	/* Make the morning session the older one, whatever the clock did. */
	char cmd[600];
	snprintf(cmd, sizeof cmd, "touch -d '2020-01-01' '%s'", one);
	assert_int_equal(system(cmd), 0);
	const char *argv[] = {"handsup", "resume", NULL};
	const char *env[] = {f->env_state, NULL};
	struct hs *h = hs_start(24, 100, argv, env);
	assert_non_null(h);
	assert_int_not_equal(hs_wait_frame(h), -1);
	int r1 = hs_row_find(h, "afternoon"), r2 = hs_row_find(h, "morning");
	assert_true(r1 >= 0 && r2 > r1);
	assert_true(hs_screen_contains(h, "Resume which?"));
	assert_int_equal(hs_send(h, "2\r"), 0);
	assert_int_not_equal(hs_wait_frame(h), -1);
	assert_true(hs_screen_contains(h, "2 / 2"));
	assert_true(hs_screen_contains(h, "60%"));
	quit(h);
	hs_free(h);
	/* The second row was the morning session: it is the one resumed. */
	struct session s;
	struct error err;
	assert_int_equal(session_load(&s, one, &err), 0);
	assert_string_equal(s.name, "morning");
	session_free(&s);
}

/* In the list, a deck's title cut to its column ends as on the screens. */
static void test_resume_list_cuts_as_the_screens(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 100, NULL);
	su_quit(&r);
	const char *argv[] = {"handsup", "resume", NULL};
	h = su_launch(&r, 24, 100, argv, NULL);
	su_expect(h, "Resume which?");
	su_expect(h, "The Widening Divid…");
	su_expect_not(h, "Divid~");
	assert_int_equal(hs_send(h, "q"), 0);
	su_end(&r);
}

/* A session is found by its name, and one open elsewhere is starred. */
static void test_resume_by_name_and_in_use(void **state)
{
	struct fixture *f = *state;
	char one[256], two[256];
	run_first(f, "morning", one, sizeof one);
	run_first(f, "afternoon", two, sizeof two);
	const char *env[] = {f->env_state, NULL};
	const char *by_name[] = {"handsup", "resume", "morning", NULL};
	struct hs *h = hs_start(12, 40, by_name, env);
	assert_non_null(h);
	assert_int_not_equal(hs_wait_frame(h), -1);
	assert_true(hs_screen_contains(h, "2 / 2"));
	/* While it is open, the list marks it and will not pick it. */
	const char *list[] = {"handsup", "resume", NULL};
	struct hs *l = hs_start(24, 100, list, env);
	assert_non_null(l);
	assert_int_not_equal(hs_wait_frame(l), -1);
	int row = hs_row_find(l, "morning");
	assert_true(row >= 0);
	char *text = hs_row_text(l, row);
	assert_non_null(strchr(text, '*'));
	free(text);
	assert_true(hs_screen_contains(l, "open in another handsup"));
	char pick[8];
	snprintf(pick, sizeof pick, "%d\r", row); /* rows count from 0 */
	assert_int_equal(hs_send(l, pick), 0);
	assert_int_not_equal(hs_wait_frame(l), -1);
	assert_true(hs_screen_contains(l, "handsup: that session is open"));
	assert_int_equal(hs_send(l, "q\r"), 0);
	int status = 0;
	assert_int_not_equal(hs_finish(l, &status), -1);
	assert_int_equal(WEXITSTATUS(status), 1);
	hs_free(l);
	quit(h);
	hs_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resume_same_deck, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_resume_v1_deck_gone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_resume_deck_gone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_resume_deck_changed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_second_handsup_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume_list_and_choose,
						setup, teardown),
		cmocka_unit_test(test_resume_list_cuts_as_the_screens),
		cmocka_unit_test_setup_teardown(test_resume_by_name_and_in_use,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
