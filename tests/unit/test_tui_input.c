/*
 * input: what each action does, whatever key it came from -- the modal
 * states (blank, question, typing, help) take it first, then the
 * screen's own keys, then the keys common to every screen.
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
#include "tui/input.h"
#include "tui/tui.h"

static void test_typing_a_count(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct tui tt = {.app = a}, *t = &tt;
	app_goto(a, 2);
	app_select(a, 2);
	assert_int_equal(a->selected, 2);
	assert_int_equal(input_action(t, ACT_ENTRY, 0), INPUT_HANDLED);
	assert_int_equal(input_mode(t), KEYMODE_ENTRY);
	/* Leading zeros go, Backspace erases, six digits at most. */
	static const int digits[] = {0, 4, 2, 9};
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(input_action(t, ACT_DIGIT, digits[i]),
				 INPUT_HANDLED);
	assert_string_equal(t->typed, "429");
	input_action(t, ACT_ERASE, 0);
	input_action(t, ACT_CONFIRM, 0);
	assert_false(t->entry);
	assert_int_equal(on_disk(f, 1, 2, NULL), 42);
	/* Escape leaves the count as it was. */
	input_action(t, ACT_ENTRY, 0);
	input_action(t, ACT_DIGIT, 7);
	input_action(t, ACT_CANCEL, 0);
	assert_false(t->entry);
	assert_int_equal(on_disk(f, 1, 2, NULL), 42);
}

static void test_questions_need_a_yes(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct tui tt = {.app = a}, *t = &tt;
	app_goto(a, 1);
	app_vote(a, 0, 5);
	input_action(t, ACT_RESET, 0);
	assert_int_equal(input_mode(t), KEYMODE_ASK);
	/* A stray key (a clicker's PageDown) is a no, and does nothing else. */
	assert_int_equal(input_action(t, ACT_NEXT, 0), INPUT_HANDLED);
	assert_int_equal(a->ask, ASK_NONE);
	assert_int_equal(app_pos(a), 1);
	assert_int_equal(on_disk(f, 0, 0, NULL), 5);
	input_action(t, ACT_RESET, 0);
	input_action(t, ACT_CONFIRM, 0);
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	input_action(t, ACT_QUIT, 0);
	assert_int_equal(input_mode(t), KEYMODE_ASK);
	assert_int_equal(input_action(t, ACT_CANCEL, 0), INPUT_HANDLED);
	input_action(t, ACT_QUIT, 0);
	assert_int_equal(input_action(t, ACT_REDRAW, 0), INPUT_REDRAW);
	assert_int_equal(input_mode(t), KEYMODE_ASK);
	assert_int_equal(input_action(t, ACT_CONFIRM, 0), INPUT_QUIT);
}

static void test_blank_help_and_note(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct tui tt = {.app = a}, *t = &tt;
	input_action(t, ACT_BLANK, 0);
	assert_int_equal(a->sess->blank, BLANK_BLACK);
	/* Any key only unblanks. */
	assert_int_equal(input_action(t, ACT_NEXT, 0), INPUT_HANDLED);
	assert_int_equal(a->sess->blank, BLANK_OFF);
	input_action(t, ACT_WHITE, 0);
	assert_int_equal(a->sess->blank, BLANK_WHITE);
	input_action(t, ACT_CANCEL, 0);
	assert_int_equal(a->sess->blank, BLANK_OFF);
	input_action(t, ACT_HIDE, 0);
	assert_true(a->sess->hidden);
	input_action(t, ACT_HIDE, 0);
	assert_false(a->sess->hidden);
	assert_int_equal(app_pos(a), 0);
	input_action(t, ACT_HELP, 0);
	assert_true(t->help);
	input_action(t, ACT_CANCEL, 0);
	assert_false(t->help);
	assert_int_equal(app_pos(a), 0);
	/* Another key closes the help and still acts. */
	input_action(t, ACT_HELP, 0);
	input_action(t, ACT_NEXT, 0);
	assert_false(t->help);
	assert_int_equal(app_pos(a), 1);
	input_action(t, ACT_NOTE, 0);
	assert_true(a->note);
	input_action(t, ACT_NEXT, 0);
	assert_false(a->note);
	/* Counting keys say where they work. */
	app_goto(a, 0);
	input_action(t, ACT_VOTE, 0);
	assert_string_equal(a->message,
			    "Counting keys work on an item's screen");
	assert_int_equal(input_action(t, ACT_REDRAW, 0), INPUT_REDRAW);
	assert_int_equal(input_action(t, ACT_NONE, 0), INPUT_IGNORED);
}

static void test_moving_keys_are_clamped(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct tui tt = {.app = a}, *t = &tt;
	app_goto(a, 99);
	input_action(t, ACT_NEXT, 0);
	assert_int_equal(app_pos(a), app_pos_closing(a));
	input_action(t, ACT_FIRST, 0);
	assert_int_equal(app_pos(a), 1);
	input_action(t, ACT_LAST, 0);
	assert_int_equal(app_pos(a), 2);
	input_action(t, ACT_SUMMARY, 0);
	assert_int_equal(app_pos(a), app_pos_summary(a));
	input_action(t, ACT_TITLE, 0);
	assert_int_equal(app_pos(a), 0);
	app_goto(a, 1);
	input_action(t, ACT_VOTE, 1);
	input_action(t, ACT_UNDO, 0);
	assert_string_equal(a->message, "Undone: View 2 1 -> 0 (item 1)");
	input_action(t, ACT_REDO, 0);
	assert_int_equal(on_disk(f, 0, 1, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_typing_a_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_questions_need_a_yes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_help_and_note, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_moving_keys_are_clamped,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
