/*
 * Saves held back while the terminal loop runs (app->defer): changes
 * are applied at once, saved once by app_flush, and a failed save is
 * still told by app_save_failed for the frame to show.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "app_fixture.h"

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void test_changes_wait_for_the_flush(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	a->defer = true;
	app_goto(a, 1);
	for (int i = 0; i < 60; i++)
		app_vote(a, 0, 1);
	/* Applied, not yet saved: nothing is on disk until the flush. */
	assert_int_equal(tally_get(&a->sess->tally, 0, 0), 60);
	assert_true(a->unsaved);
	assert_false(exists(f->path));
	assert_true(app_flush(a));
	assert_false(a->unsaved);
	assert_int_equal(on_disk(f, 0, 0, NULL), 60);
	/* A flush with nothing waiting writes nothing. */
	assert_int_equal(unlink(f->path), 0);
	assert_true(app_flush(a));
	assert_false(exists(f->path));
	/* Every key stays its own step of undo. */
	app_undo(a);
	assert_true(app_flush(a));
	assert_int_equal(on_disk(f, 0, 0, NULL), 59);
}

static void test_without_defer_each_change_saves(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_vote(a, 1, 1);
	assert_false(a->unsaved);
	assert_int_equal(on_disk(f, 0, 1, NULL), 1);
}

static void test_a_failed_flush_warns(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	char moved[160];
	a->defer = true;
	app_goto(a, 1);
	snprintf(moved, sizeof moved, "%s.gone", f->dir);
	assert_int_equal(rename(f->dir, moved), 0);
	app_vote(a, 0, 1);
	assert_false(app_save_failed(a)); /* not tried yet */
	assert_false(app_flush(a));
	assert_true(app_save_failed(a));
	/* The next change is retried at the next flush, and clears it. */
	assert_int_equal(rename(moved, f->dir), 0);
	app_vote(a, 0, 1);
	assert_true(app_flush(a));
	assert_false(app_save_failed(a));
	assert_int_equal(on_disk(f, 0, 0, NULL), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_changes_wait_for_the_flush,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_without_defer_each_change_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_flush_warns,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
