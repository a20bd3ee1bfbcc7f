/*
 * A new session's start: the lock is held and the session's file is in
 * place from the first frame (it holds no count yet, so it is written
 * without a sync; the first change is saved as every later one), so an
 * audience view and a resume find it.  Killed on the title screen, the
 * session resumes, and its stale lock blocks nothing.
 */
#include <signal.h>

#include "store/session_lock.h"

#include "screen_util.h"

static void test_file_and_lock_from_the_first_frame(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	char path[512];
	su_session_path(r.dir, path, sizeof path);
	assert_int_equal(session_lock_held(path), 1);
	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(s.current, 0);
	assert_int_equal(tally_get(&s.tally, 0, 0), 0);
	session_free(&s);
	su_press(h, HS_KEY_RIGHT);
	su_press(h, '1');
	su_load(r.dir, &s);
	assert_int_equal(s.current, 1);
	assert_int_equal(tally_get(&s.tally, 0, 0), 1);
	session_free(&s);
	su_quit(&r);
	assert_int_equal(session_lock_held(path), 0);
	su_end(&r);
}

static void test_killed_on_the_title_screen(void **state)
{
	(void)state;
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_expect(h, "to begin");
	char path[512];
	su_session_path(r.dir, path, sizeof path);
	assert_int_equal(kill(hs_pid(h), SIGKILL), 0);
	hs_finish(h, NULL);
	su_forget(&r);
	assert_int_equal(session_lock_held(path), 0);
	/* It resumes where it was, and counts as any session. */
	const char *argv[] = {"handsup", "resume", path, NULL};
	h = su_launch(&r, 24, 80, argv, NULL);
	su_expect(h, "to begin");
	su_press(h, HS_KEY_RIGHT);
	su_press(h, '2');
	SU_EXPECT2(h, 0, 1);
	su_quit(&r);
	struct session s;
	su_load(r.dir, &s);
	assert_int_equal(tally_get(&s.tally, 0, 1), 1);
	session_free(&s);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_and_lock_from_the_first_frame),
		cmocka_unit_test(test_killed_on_the_title_screen),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
