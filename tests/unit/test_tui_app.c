/*
 * app: every change is on disk before app returns (save before draw), and
 * the modal states (blank, question, typing, help) take keys first.
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

#include "app/app.h"
#include "core/deck.h"
#include "core/session.h"
#include "core/tally.h"

static const char deck_text[] = "title: App Test\n"
				"== One\n1: a\n2: b\n"
				"note: Ask the room first.\n"
				"== Two\n1: c\n2: d\n3: e\n";

struct fixture {
	char dir[64];
	char path[128];
	struct deck deck;
	struct session sess;
	struct app app;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct deck_error derr;
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/handsup-app-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.session", f->dir);
	if (deck_parse(&f->deck, deck_text, strlen(deck_text), &derr) != 0)
		return -1;
	if (session_from_deck(&f->sess, &f->deck, "(embedded)", "t",
			      1795772112) != 0)
		return -1;
	app_init(&f->app, &f->deck, &f->sess, f->path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	unlink(f->path);
	rmdir(f->dir);
	session_free(&f->sess);
	deck_free(&f->deck);
	free(f);
	return 0;
}

/* What a later resume would see. */
static long on_disk(const struct fixture *f, int item, int view, int *pos)
{
	struct session s;
	struct session_error err;
	assert_int_equal(session_load(&s, f->path, &err), 0);
	long c = tally_get(&s.tally, item, view);
	if (pos)
		*pos = s.current;
	session_free(&s);
	return c;
}

static void test_counts_are_saved_before_return(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int pos;
	app_common(a, ACT_NEXT);
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

static void test_typing_a_count(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 2);
	app_select(a, 2);
	assert_int_equal(a->selected, 2);
	app_begin_entry(a);
	assert_int_equal(app_key_mode(a), KEYMODE_ENTRY);
	/* Leading zeros go, Backspace erases, six digits at most. */
	static const int digits[] = {0, 4, 2, 9};
	for (size_t i = 0; i < 4; i++)
		assert_true(app_modal(a, ACT_DIGIT, digits[i]));
	assert_string_equal(a->typed, "429");
	assert_true(app_modal(a, ACT_ERASE, 0));
	assert_true(app_modal(a, ACT_CONFIRM, 0));
	assert_false(a->entry);
	assert_int_equal(on_disk(f, 1, 2, NULL), 42);
	/* Escape leaves the count as it was. */
	app_begin_entry(a);
	app_modal(a, ACT_DIGIT, 7);
	app_modal(a, ACT_CANCEL, 0);
	assert_int_equal(on_disk(f, 1, 2, NULL), 42);
}

static void test_undo_goes_to_the_item_and_says_so(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_vote(a, 0, 1);
	app_goto(a, 2);
	app_common(a, ACT_UNDO);
	assert_int_equal(app_item(a), 0);
	assert_string_equal(a->message, "Undone: View 1 1 -> 0 (item 1)");
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	app_common(a, ACT_REDO);
	assert_int_equal(on_disk(f, 0, 0, NULL), 1);
	app_common(a, ACT_REDO);
	assert_string_equal(a->message, "Nothing to redo");
}

static void test_questions_need_a_yes(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_vote(a, 0, 5);
	app_ask(a, ASK_RESET);
	/* A stray key (a clicker's PageDown) is a no. */
	assert_true(app_modal(a, ACT_NEXT, 0));
	assert_int_equal(a->ask, ASK_NONE);
	assert_int_equal(on_disk(f, 0, 0, NULL), 5);
	app_ask(a, ASK_RESET);
	assert_true(app_modal(a, ACT_CONFIRM, 0));
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	app_common(a, ACT_QUIT);
	assert_int_equal(app_key_mode(a), KEYMODE_ASK);
	assert_true(app_modal(a, ACT_CANCEL, 0));
	assert_false(a->quit);
	app_common(a, ACT_QUIT);
	assert_true(app_modal(a, ACT_CONFIRM, 0));
	assert_true(a->quit);
}

static void test_blank_help_and_note(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_common(a, ACT_BLANK);
	/* Any key only unblanks. */
	assert_true(app_modal(a, ACT_NEXT, 0));
	assert_false(a->blank);
	assert_int_equal(app_pos(a), 0);
	app_common(a, ACT_HELP);
	assert_true(a->help);
	assert_true(app_modal(a, ACT_CANCEL, 0));
	assert_false(a->help);
	/* Another key closes the help and still acts. */
	app_common(a, ACT_HELP);
	assert_false(app_modal(a, ACT_NEXT, 0));
	assert_false(a->help);
	app_goto(a, 1);
	app_toggle_note(a);
	assert_true(a->note);
	app_common(a, ACT_NEXT);
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
	app_common(a, ACT_NEXT);
	assert_int_equal(app_pos(a), app_pos_closing(a));
	app_common(a, ACT_FIRST);
	assert_int_equal(app_pos(a), 1);
	app_common(a, ACT_LAST);
	assert_int_equal(app_pos(a), 2);
	app_common(a, ACT_SUMMARY);
	assert_int_equal(app_pos(a), app_pos_summary(a));
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
		cmocka_unit_test_setup_teardown(test_typing_a_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_undo_goes_to_the_item_and_says_so, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_questions_need_a_yes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_blank_help_and_note, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_positions_and_scroll_are_clamped, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_failed_save_warns_until_one_works, setup,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
