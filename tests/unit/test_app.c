/*
 * app, the model: every change is on disk before app returns (save before
 * draw), and operations clamp what they are given.  No terminal here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app_fixture.h"

static void test_counts_are_saved_before_return(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int pos;
	app_goto(a, app_pos(a) + 1);
	assert_int_equal(app_item(a), 0);
	on_disk(f, 0, 0, &pos);
	assert_int_equal(pos, 1);
	app_vote(a, 1, 1);
	app_vote(a, 1, 1);
	assert_int_equal(on_disk(f, 0, 1, NULL), 2);
	assert_int_equal(a->selected, 1);
	app_vote(a, 0, -1);
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	assert_non_null(strstr(a->message, "already at zero"));
	app_vote(a, 2, 1); /* item One has two views */
	assert_non_null(strstr(a->message, "2 views"));
}

static void test_undo_goes_to_the_item_and_says_so(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_vote(a, 0, 1);
	app_goto(a, 2);
	app_undo(a);
	assert_int_equal(app_item(a), 0);
	assert_string_equal(a->message, "Undone: View 1 1 -> 0 (item 1)");
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	app_redo(a);
	assert_int_equal(on_disk(f, 0, 0, NULL), 1);
	app_redo(a);
	assert_string_equal(a->message, "Nothing to redo");
}

/*
 * Undo at a round's start only goes to the item and asks for a second u;
 * the item it shows is the saved position, as after any move.
 */
static void test_undo_stops_at_a_round_and_saves_the_move(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int pos;
	app_goto(a, 1);
	app_vote(a, 0, 1);
	app_new_round(a);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 2);
	app_goto(a, 2);
	app_select(a, 2); /* item Two's third view: item One has two */
	app_undo(a);
	assert_true(a->undo_armed);
	assert_int_equal(app_item(a), 0);
	assert_int_equal(a->selected, 0);
	assert_string_equal(a->message, "u again removes round 2 of item 1");
	assert_int_equal(on_disk(f, 0, 0, &pos), 0);
	assert_int_equal(pos, 1);
	app_undo(a);
	assert_false(a->undo_armed);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 1);
	assert_int_equal(on_disk(f, 0, 0, &pos), 1);
	assert_int_equal(pos, 1);
}

static void test_questions_need_a_yes(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_vote(a, 0, 5);
	app_ask(a, ASK_RESET);
	app_answer(a, false);
	assert_int_equal(a->ask, ASK_NONE);
	assert_int_equal(on_disk(f, 0, 0, NULL), 5);
	app_ask(a, ASK_RESET);
	app_answer(a, true);
	assert_int_equal(a->ask, ASK_NONE);
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	/* Quitting is the caller's to do: a yes only closes the question. */
	app_ask(a, ASK_QUIT);
	app_answer(a, true);
	assert_int_equal(a->ask, ASK_NONE);
}

static void test_blank_and_note(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_blank(a, true);
	assert_true(a->blank);
	app_blank(a, false);
	assert_false(a->blank);
	app_goto(a, 1);
	app_toggle_note(a);
	assert_true(a->note);
	app_goto(a, 2);
	assert_false(a->note);
	app_toggle_note(a);
	assert_string_equal(a->message, "This item has no note");
	/* Undo and redo move to the item they change, and close the note. */
	app_goto(a, 1);
	app_vote(a, 0, 1);
	app_toggle_note(a);
	assert_true(a->note);
	app_undo(a);
	assert_int_equal(app_item(a), 0);
	assert_false(a->note);
}

static void test_positions_and_scroll_are_clamped(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 99);
	assert_int_equal(app_pos(a), app_pos_closing(a));
	app_goto(a, -3);
	assert_int_equal(app_pos(a), 0);
	app_goto(a, app_pos_summary(a));
	app_scroll(a, 5, 1);
	assert_int_equal(a->scroll, 1);
	app_scroll(a, -5, 1);
	assert_int_equal(a->scroll, 0);
	assert_int_equal(app_max_views(a), 3);
}

static void test_failed_save_warns_until_one_works(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	char moved[160];
	app_goto(a, 1);
	snprintf(moved, sizeof moved, "%s.gone", f->dir);
	assert_int_equal(rename(f->dir, moved), 0);
	app_vote(a, 0, 1);
	assert_true(app_save_failed(a));
	app_vote(a, 0, 1);
	assert_true(app_save_failed(a));
	/* The counts stay in memory meanwhile. */
	assert_int_equal(tally_get(&a->sess->tally, 0, 0), 2);
	assert_int_equal(rename(moved, f->dir), 0);
	app_vote(a, 1, 1);
	assert_false(app_save_failed(a));
	assert_int_equal(on_disk(f, 0, 0, NULL), 2);
	assert_int_equal(on_disk(f, 0, 1, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_counts_are_saved_before_return, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_undo_goes_to_the_item_and_says_so, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_undo_stops_at_a_round_and_saves_the_move, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_questions_need_a_yes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_and_note, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_positions_and_scroll_are_clamped, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_failed_save_warns_until_one_works, setup,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
