/*
 * When a save fails (the folder is gone, the disk is full), the screen must
 * say so until a save works again, no count may be lost, and quitting must
 * offer another place for the session.
 */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/stat.h>

#include "screen_util.h"
#include "base/error.h"
#include "store/session_file.h"

struct fixture {
	char dir[64];
	char gone[80];
	char env_state[128];
	struct hs *h;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/handsup-savefail-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->gone, sizeof f->gone, "%s.gone", f->dir);
	snprintf(f->env_state, sizeof f->env_state, "HANDSUP_STATE_DIR=%s",
		 f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->h)
		hs_free(f->h);
	su_rm_rf(f->dir);
	su_rm_rf(f->gone);
	free(f);
	return 0;
}

static void expect_counts(const char *path, long v1, long v2)
{
	struct session s;
	struct error err;
	assert_int_equal(session_load(&s, path, &err), 0);
	assert_int_equal(tally_get(&s.tally, 0, 0), v1);
	assert_int_equal(tally_get(&s.tally, 0, 1), v2);
	session_free(&s);
}

/* Starts a session on the built-in deck and counts one hand on item 1. */
static struct hs *start_counting(struct fixture *f, char *path, size_t cap)
{
	const char *argv[] = {"handsup", "--no-groups", "--name", "savefail",
			      NULL};
	const char *env[] = {f->env_state, NULL};
	struct hs *h = hs_start(24, 80, argv, env);
	assert_non_null(h);
	assert_int_equal(hs_wait_frame(h), 1);
	assert_int_not_equal(hs_key(h, HS_KEY_RIGHT), -1);
	assert_int_not_equal(hs_key(h, '1'), -1);
	su_session_path(f->dir, path, cap);
	expect_counts(path, 1, 0);
	assert_false(hs_screen_contains(h, "NOT SAVED"));
	return h;
}

static void test_folder_removed_then_back(void **state)
{
	struct fixture *f = *state;
	char path[512];
	f->h = start_counting(f, path, sizeof path);
	/* The folder disappears under the running session. */
	assert_int_equal(rename(f->dir, f->gone), 0);
	assert_int_not_equal(hs_key(f->h, '1'), -1);
	assert_true(hs_screen_contains(f->h, "NOT SAVED"));
	assert_int_not_equal(hs_key(f->h, '2'), -1);
	/* The warning stays through later changes, and the counts show. */
	assert_true(hs_screen_contains(f->h, "NOT SAVED"));
	assert_true(hs_screen_contains(f->h, "2 (67%)") ||
		    hs_screen_contains(f->h, "67%"));
	/* Room again: the next change saves everything, warning gone. */
	assert_int_equal(rename(f->gone, f->dir), 0);
	assert_int_not_equal(hs_key(f->h, '1'), -1);
	assert_false(hs_screen_contains(f->h, "NOT SAVED"));
	expect_counts(path, 3, 1);
}

static void test_file_size_limit(void **state)
{
	struct fixture *f = *state;
	char path[512];
	f->h = start_counting(f, path, sizeof path);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	/* A disk that is full, as far as this process can tell. */
	struct rlimit old, tiny;
	assert_int_equal(prlimit(hs_pid(f->h), RLIMIT_FSIZE, NULL, &old), 0);
	tiny = old;
	tiny.rlim_cur = 16;
	assert_int_equal(prlimit(hs_pid(f->h), RLIMIT_FSIZE, &tiny, NULL), 0);
	assert_int_not_equal(hs_key(f->h, '1'), -1);
	assert_int_not_equal(hs_key(f->h, '2'), -1);
	assert_true(hs_screen_contains(f->h, "NOT SAVED"));
	/* At 80 columns the reason shows whole; the path gives way. */
	assert_true(hs_screen_contains(f->h, "NOT SAVED: File too large."));
	/* The old file is whole, not truncated or half-written. */
	expect_counts(path, 1, 0);
	struct stat during;
	assert_int_equal(stat(path, &during), 0);
	assert_int_equal(during.st_size, before.st_size);
	assert_int_equal(prlimit(hs_pid(f->h), RLIMIT_FSIZE, &old, NULL), 0);
	assert_int_not_equal(hs_key(f->h, '2'), -1);
	assert_false(hs_screen_contains(f->h, "NOT SAVED"));
	expect_counts(path, 2, 2);
}

static void test_quit_offers_another_path(void **state)
{
	struct fixture *f = *state;
	char path[512], rescue[160];
	f->h = start_counting(f, path, sizeof path);
	assert_int_equal(rename(f->dir, f->gone), 0);
	assert_int_not_equal(hs_key(f->h, '2'), -1);
	assert_int_not_equal(hs_key(f->h, 'q'), -1);
	/* After the screen is given back, handsup asks where to write. */
	assert_int_not_equal(hs_key(f->h, 'y'), -1);
	assert_true(hs_screen_contains(f->h, "could not be saved"));
	assert_true(hs_screen_contains(f->h, "another path"));
	snprintf(rescue, sizeof rescue, "%s/rescued.session", f->gone);
	char line[200];
	snprintf(line, sizeof line, "%s\r", rescue);
	assert_int_equal(hs_send(f->h, line), 0);
	int status = 0;
	assert_int_not_equal(hs_finish(f->h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(hs_screen_contains(f->h, "handsup: session written to"));
	assert_true(hs_terminal_restored(f->h));
	expect_counts(rescue, 1, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_folder_removed_then_back,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_size_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_quit_offers_another_path,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
