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
	/* Blank and hidden are saved: an audience view follows them. */
	app_blank(a, BLANK_WHITE);
	struct session s;
	struct error err;
	assert_int_equal(session_load(&s, f->path, &err), 0);
	assert_int_equal(s.blank, BLANK_WHITE);
	session_free(&s);
	app_blank(a, BLANK_OFF);
	assert_int_equal(a->sess->blank, BLANK_OFF);
	app_toggle_hidden(a);
	assert_int_equal(session_load(&s, f->path, &err), 0);
	assert_true(s.hidden);
	session_free(&s);
	app_toggle_hidden(a);
	assert_false(a->sess->hidden);
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

/* ---- groups, headcounts, the percentage base, rounds ------------------- */

static char g1[] = "Sales Training", g2[] = "Product Marketing",
	    g3[] = "Sales Leadership";
static char *const three_groups[] = {g1, g2, g3};

/* The fixture's deck counted in three groups. */
static int setup_groups(void **state)
{
	return setup_with(state, three_groups, 3);
}

/* The session a later resume would see; the caller frees it. */
static void load_disk(const struct fixture *f, struct session *s)
{
	struct error err;
	assert_int_equal(session_load(s, f->path, &err), 0);
}

/* One count on disk: item, round, group and view. */
static long disk_cell(const struct fixture *f, int item, int round, int group,
		      int view)
{
	struct session s;
	load_disk(f, &s);
	long c = tally_cell(&s.tally, item, round, group, view);
	session_free(&s);
	return c;
}

static int disk_rounds(const struct fixture *f, int item)
{
	struct session s;
	load_disk(f, &s);
	int r = tally_rounds(&s.tally, item);
	session_free(&s);
	return r;
}

static int disk_active(const struct fixture *f)
{
	struct session s;
	load_disk(f, &s);
	int g = s.active;
	session_free(&s);
	return g;
}

static void test_counting_by_active_group(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct tally *t = &a->sess->tally;
	app_goto(a, 1);
	assert_int_equal(a->sess->active, 0);
	app_vote(a, 0, 1);
	assert_int_equal(disk_cell(f, 0, 0, 0, 0), 1);
	app_next_group(a, 1);
	app_vote(a, 0, 2);
	app_vote(a, 1, 1);
	assert_int_equal(tally_group_get(t, 0, 0, 0), 1);
	assert_int_equal(tally_group_get(t, 0, 1, 0), 2);
	assert_int_equal(tally_group_get(t, 0, 1, 1), 1);
	assert_int_equal(tally_group_get(t, 0, 2, 0), 0);
	assert_int_equal(disk_cell(f, 0, 0, 1, 0), 2);
	assert_int_equal(disk_cell(f, 0, 0, 1, 1), 1);
	assert_int_equal(disk_cell(f, 0, 0, 0, 1), 0);
	/* The room is the sum of the groups. */
	assert_int_equal(on_disk(f, 0, 0, NULL), 3);
	assert_int_equal(on_disk(f, 0, 1, NULL), 1);
	/* A typed count goes to the active group too. */
	app_set_count(a, 1, 5);
	assert_string_equal(a->message, "Product Marketing: View 2 set to 5");
	assert_int_equal(disk_cell(f, 0, 0, 1, 1), 5);
	assert_int_equal(disk_cell(f, 0, 0, 0, 1), 0);
	app_next_group(a, 1);
	app_vote(a, 1, -1);
	assert_string_equal(a->message,
			    "Sales Leadership: View 2 is already at zero");
	assert_int_equal(on_disk(f, 0, 1, NULL), 5);
	app_vote(a, 3, 1);
	assert_string_equal(a->message, "This item has 2 views");
}

static void test_group_keys_wrap(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_next_group(a, -1);
	assert_int_equal(a->sess->active, 2);
	assert_string_equal(a->message, "Counting Sales Leadership");
	assert_int_equal(disk_active(f), 2);
	app_next_group(a, 1);
	assert_int_equal(a->sess->active, 0);
	assert_string_equal(a->message, "Counting Sales Training");
	assert_int_equal(disk_active(f), 0);
	app_next_group(a, 1);
	app_next_group(a, 1);
	assert_string_equal(a->message, "Counting Sales Leadership");
	app_next_group(a, 1);
	assert_int_equal(a->sess->active, 0);
	app_next_group(a, -1);
	app_next_group(a, -1);
	assert_int_equal(a->sess->active, 1);
	assert_int_equal(disk_active(f), 1);
}

static void test_group_keys_without_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_next_group(a, 1);
	assert_string_equal(a->message,
			    "No groups: the room is counted as one");
	assert_int_equal(a->sess->active, 0);
	app_next_group(a, -1);
	assert_int_equal(a->sess->active, 0);
	assert_int_equal(disk_active(f), 0);
}

static void test_headcount_per_group(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct session s;
	app_goto(a, 1);
	/* None, or one too large to be real, is refused. */
	static const long bad[] = {0, -3, TALLY_MAX_HEADCOUNT + 1};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		a->message[0] = '\0';
		app_set_headcount(a, bad[i]);
		assert_string_equal(a->message, "A headcount is 1 to 99999");
		assert_int_equal(app_people(a, -1), 0);
	}
	app_set_headcount(a, 12);
	assert_string_equal(a->message,
			    "Sales Training: 12 people (room: 2 groups to go)");
	app_next_group(a, 1);
	app_set_headcount(a, 30);
	assert_string_equal(
		a->message,
		"Product Marketing: 30 people (room: 1 group to go)");
	assert_int_equal(app_people(a, 0), 12);
	assert_int_equal(app_people(a, 1), 30);
	assert_int_equal(app_people(a, 2), 0);
	/* Two groups have hands but no size: the room's is not known. */
	assert_int_equal(app_people(a, -1), 0);
	load_disk(f, &s);
	assert_int_equal(tally_headcount(&s.tally, 0), 12);
	assert_int_equal(tally_headcount(&s.tally, 1), 30);
	assert_int_equal(tally_headcount(&s.tally, 2), 0);
	session_free(&s);
	/* A new one replaces the group's; a refused one leaves it. */
	app_set_headcount(a, TALLY_MAX_HEADCOUNT);
	app_set_headcount(a, 0);
	assert_int_equal(app_people(a, 1), TALLY_MAX_HEADCOUNT);
	load_disk(f, &s);
	assert_int_equal(tally_headcount(&s.tally, 1), TALLY_MAX_HEADCOUNT);
	assert_int_equal(tally_room_headcount(&s.tally), 0);
	session_free(&s);
	/* The last group's makes the room's. */
	app_next_group(a, 1);
	app_set_headcount(a, 5);
	assert_string_equal(a->message,
			    "Sales Leadership: 5 people (room 100016)");
	assert_int_equal(app_people(a, -1), TALLY_MAX_HEADCOUNT + 12 + 5);
	load_disk(f, &s);
	assert_int_equal(tally_room_headcount(&s.tally),
			 TALLY_MAX_HEADCOUNT + 12 + 5);
	session_free(&s);
}

static void test_headcount_of_the_room(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct session s;
	app_goto(a, 1);
	app_set_headcount(a, 25);
	assert_string_equal(a->message, "Headcount: 25 people");
	assert_int_equal(app_people(a, -1), 25);
	load_disk(f, &s);
	assert_int_equal(tally_room_headcount(&s.tally), 25);
	session_free(&s);
	app_set_headcount(a, 100000);
	assert_int_equal(app_people(a, -1), 25);
}

static void test_percent_base(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct session s;
	app_goto(a, 1);
	app_toggle_base(a);
	assert_string_equal(a->message, "Give a headcount first (p)");
	assert_false(a->sess->pct_of_room);
	app_set_headcount(a, 20);
	app_toggle_base(a);
	assert_string_equal(a->message, "Percentages of everyone in the room");
	assert_true(a->sess->pct_of_room);
	load_disk(f, &s);
	assert_true(s.pct_of_room);
	session_free(&s);
	app_toggle_base(a);
	assert_string_equal(a->message, "Percentages of the hands raised");
	load_disk(f, &s);
	assert_false(s.pct_of_room);
	session_free(&s);
}

static void test_percent_base_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_toggle_base(a);
	assert_false(a->sess->pct_of_room);
	/* One group's headcount does not give the room one. */
	app_next_group(a, -1);
	app_set_headcount(a, 8);
	app_toggle_base(a);
	assert_false(a->sess->pct_of_room);
	assert_string_equal(a->message,
			    "Give every group a headcount first (p)");
	/* Every group's does. */
	for (int g = 0; g < 2; g++) {
		app_next_group(a, 1);
		app_set_headcount(a, 4);
	}
	app_toggle_base(a);
	assert_true(a->sess->pct_of_room);
}

static void assert_shares(const struct app_shares *sh, long hands, long people,
			  long none, bool of_room, int p0, int p1)
{
	if (sh->hands != hands || sh->people != people || sh->none != none ||
	    sh->of_room != of_room || sh->pct[0] != p0 || sh->pct[1] != p1)
		fail_msg("hands %ld people %ld none %ld of_room %d pct %d/%d",
			 sh->hands, sh->people, sh->none, sh->of_room,
			 sh->pct[0], sh->pct[1]);
}

static void test_shares_of_the_room(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct app_shares sh;
	app_goto(a, 1);
	app_vote(a, 0, 6);
	app_vote(a, 1, 4);
	/* No headcount: of the hands, and no one known to be left out. */
	assert_int_equal(app_shares(a, 0, 0, -1, &sh), 2);
	assert_int_equal(sh.counts[0], 6);
	assert_int_equal(sh.counts[1], 4);
	assert_shares(&sh, 10, 0, -1, false, 60, 40);
	/* Percentages of the room only with a headcount to hold them. */
	a->sess->pct_of_room = true;
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 10, 0, -1, false, 60, 40);
	app_set_headcount(a, 20);
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 10, 20, 10, true, 30, 20);
	app_shares(a, 0, 0, 0, &sh); /* group 0 is the room here */
	assert_shares(&sh, 10, 20, 10, true, 30, 20);
	/* Of the hands: the same people, other percentages. */
	app_toggle_base(a);
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 10, 20, 10, false, 60, 40);
	app_toggle_base(a);
	/* Nothing counted: everyone raised no hand. */
	assert_int_equal(app_shares(a, 1, 0, -1, &sh), 3);
	assert_shares(&sh, 0, 20, 20, true, 0, 0);
	assert_int_equal(sh.pct[2], 0);
	/* Every person counted: of the room is of the hands. */
	app_set_count(a, 0, 16);
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 20, 20, 0, true, 80, 20);
	/* More hands than people: the percentages fall back to the hands
	 * (17 and 4 of 21), the counts stay as counted. */
	app_vote(a, 0, 1);
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 21, 20, -1, false, 81, 19);
	assert_int_equal(sh.counts[0], 17);
	assert_true(a->sess->pct_of_room);
	assert_int_equal(on_disk(f, 0, 0, NULL), 17);
}

static void test_shares_of_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct app_shares sh;
	app_goto(a, 1);
	app_set_headcount(a, 10);
	app_vote(a, 0, 3);
	app_vote(a, 1, 1);
	app_next_group(a, 1);
	app_vote(a, 0, 1);
	app_vote(a, 1, 3);
	/* Group 1 has hands but no headcount: the room has none yet, so
	 * its shares are of the hands, and % is refused. */
	app_toggle_base(a);
	assert_false(a->sess->pct_of_room);
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 8, 0, -1, false, 50, 50);
	app_set_headcount(a, 6);
	app_next_group(a, 1);
	app_set_headcount(a, 4);
	app_toggle_base(a);
	assert_true(a->sess->pct_of_room);
	/* Group 0: 3 and 1 of 10 people. */
	app_shares(a, 0, 0, 0, &sh);
	assert_shares(&sh, 4, 10, 6, true, 30, 10);
	/* Group 1: 1 and 3 of 6. */
	app_shares(a, 0, 0, 1, &sh);
	assert_shares(&sh, 4, 6, 2, true, 17, 50);
	/* Group 2 raised nothing: all 4 raised no hand. */
	app_shares(a, 0, 0, 2, &sh);
	assert_shares(&sh, 0, 4, 4, true, 0, 0);
	/* The room: 4 and 4 of 20. */
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 8, 20, 12, true, 20, 20);
	/* An earlier round keeps its shares. */
	app_new_round(a);
	app_vote(a, 1, 1);
	app_shares(a, 0, 0, -1, &sh);
	assert_shares(&sh, 8, 20, 12, true, 20, 20);
	app_shares(a, 0, 1, -1, &sh);
	assert_shares(&sh, 1, 20, 19, true, 0, 5);
}

static void test_undo_across_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int pos;
	app_goto(a, 1);
	app_vote(a, 0, 1);
	app_next_group(a, 1);
	app_vote(a, 1, 1);
	app_goto(a, 2);
	app_undo(a);
	assert_string_equal(
		a->message,
		"Undone: Product Marketing: View 2 1 -> 0 (item 1)");
	assert_int_equal(disk_cell(f, 0, 0, 1, 1), 0);
	on_disk(f, 0, 0, &pos);
	assert_int_equal(pos, 1);
	app_undo(a);
	assert_string_equal(a->message,
			    "Undone: Sales Training: View 1 1 -> 0 (item 1)");
	assert_int_equal(disk_cell(f, 0, 0, 0, 0), 0);
	app_undo(a);
	assert_string_equal(a->message, "Nothing to undo");
	app_redo(a);
	assert_string_equal(a->message,
			    "Redone: Sales Training: View 1 0 -> 1 (item 1)");
	assert_int_equal(disk_cell(f, 0, 0, 0, 0), 1);
	app_redo(a);
	assert_string_equal(
		a->message,
		"Redone: Product Marketing: View 2 0 -> 1 (item 1)");
	assert_int_equal(disk_cell(f, 0, 0, 1, 1), 1);
	/* A typed count, undone. */
	app_goto(a, 2);
	app_set_count(a, 2, 7);
	app_undo(a);
	assert_string_equal(
		a->message,
		"Undone: Product Marketing: View 3 7 -> 0 (item 2)");
	assert_int_equal(disk_cell(f, 1, 0, 1, 2), 0);
}

/*
 * Clearing an item clears every group at once, and its undo and redo
 * say so, not the change of one group's view.
 */
static void test_undo_of_a_clear_across_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_vote(a, 0, 2);
	app_next_group(a, 1);
	app_vote(a, 1, 3);
	app_ask(a, ASK_RESET);
	app_answer(a, true);
	assert_string_equal(a->message, "Counts cleared (u undoes)");
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	assert_int_equal(on_disk(f, 0, 1, NULL), 0);
	app_undo(a);
	assert_string_equal(a->message, "Undone: all 2 views (item 1)");
	assert_int_equal(disk_cell(f, 0, 0, 0, 0), 2);
	assert_int_equal(disk_cell(f, 0, 0, 1, 1), 3);
	app_redo(a);
	assert_string_equal(a->message, "Redone: all 2 views (item 1)");
	assert_int_equal(on_disk(f, 0, 0, NULL), 0);
	assert_int_equal(on_disk(f, 0, 1, NULL), 0);
	/* A clear of the one group with hands names the group. */
	app_undo(a);
	app_vote(a, 1, -3);
	app_reset_item(a);
	app_undo(a);
	assert_string_equal(a->message,
			    "Undone: Sales Training: View 1 0 -> 2 (item 1)");
}

static void test_new_round(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	/* Nothing counted: no round to compare with. */
	assert_false(app_can_start_round(a));
	assert_string_equal(a->message, "Count this round first: a new round "
					"compares with it");
	app_ask(a, ASK_ROUND);
	app_answer(a, true);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 1);
	app_vote(a, 0, 3);
	app_ask(a, ASK_ROUND);
	app_answer(a, false);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 1);
	app_ask(a, ASK_ROUND);
	app_answer(a, true);
	assert_string_equal(a->message, "Round 2: count again");
	assert_int_equal(disk_rounds(f, 0), 2);
	assert_int_equal(disk_rounds(f, 1), 1);
	app_vote(a, 1, 2);
	assert_int_equal(disk_cell(f, 0, 1, 0, 1), 2);
	assert_int_equal(disk_cell(f, 0, 0, 0, 0), 3);
	/* Up to TALLY_MAX_ROUNDS, then refused with a reason. */
	for (int r = 2; r < TALLY_MAX_ROUNDS; r++) {
		app_new_round(a);
		app_vote(a, 0, 1);
	}
	assert_int_equal(disk_rounds(f, 0), TALLY_MAX_ROUNDS);
	assert_false(app_can_start_round(a));
	assert_string_equal(a->message,
			    "This item has 9 rounds, the most there can be");
	app_new_round(a);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), TALLY_MAX_ROUNDS);
	/* Not on other screens. */
	app_goto(a, 0);
	assert_false(app_can_start_round(a));
}

/* Undo stops once at a round's start, then removes the round. */
static void test_undo_stops_at_a_round(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	int pos;
	app_goto(a, 1);
	app_vote(a, 0, 3);
	app_new_round(a);
	app_vote(a, 1, 2);
	app_goto(a, 2);
	app_undo(a);
	assert_string_equal(a->message, "Undone: View 2 2 -> 0 (item 1)");
	assert_int_equal(disk_cell(f, 0, 1, 0, 1), 0);
	/* From another screen: it goes to the item, as every undo does, and
	 * asks; the view selected there (3 of 3) is not one of item 1's. */
	app_goto(a, 2);
	app_select(a, 1);
	assert_int_equal(a->selected, 2);
	app_undo(a);
	assert_string_equal(a->message, "u again removes round 2 of item 1");
	assert_int_equal(app_item(a), 0);
	assert_int_equal(a->selected, 0);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 2);
	assert_int_equal(disk_rounds(f, 0), 2);
	on_disk(f, 0, 0, &pos);
	assert_int_equal(pos, 1);
	app_undo(a);
	assert_string_equal(a->message, "Undone: round 2 of item 1 removed");
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 1);
	assert_int_equal(disk_rounds(f, 0), 1);
	assert_int_equal(on_disk(f, 0, 0, NULL), 3);
	/* Redo does not ask. */
	app_redo(a);
	assert_string_equal(a->message,
			    "Redone: round 2 of item 1 started again");
	assert_int_equal(disk_rounds(f, 0), 2);
	app_redo(a);
	assert_string_equal(a->message, "Redone: View 2 0 -> 2 (item 1)");
	assert_int_equal(disk_cell(f, 0, 1, 0, 1), 2);
	/* A count between the two u's asks again. */
	app_undo(a);
	app_undo(a);
	assert_true(a->undo_armed);
	app_vote(a, 0, 1);
	assert_false(a->undo_armed);
	app_undo(a);
	assert_string_equal(a->message, "Undone: View 1 1 -> 0 (item 1)");
	app_undo(a);
	assert_string_equal(a->message, "u again removes round 2 of item 1");
	assert_int_equal(disk_rounds(f, 0), 2);
	app_undo(a);
	assert_int_equal(disk_rounds(f, 0), 1);
	app_undo(a);
	assert_string_equal(a->message, "Undone: View 1 3 -> 0 (item 1)");
}

static void test_undo_stops_at_a_round_with_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	app_goto(a, 1);
	app_next_group(a, 1);
	app_vote(a, 0, 3);
	app_new_round(a);
	app_next_group(a, 1);
	app_vote(a, 1, 2);
	app_undo(a);
	assert_string_equal(a->message,
			    "Undone: Sales Leadership: View 2 2 -> 0 (item 1)");
	app_undo(a);
	assert_string_equal(a->message, "u again removes round 2 of item 1");
	/* Switching the group in between asks again. */
	app_next_group(a, -1);
	assert_false(a->undo_armed);
	app_undo(a);
	assert_string_equal(a->message, "u again removes round 2 of item 1");
	assert_int_equal(disk_rounds(f, 0), 2);
	app_undo(a);
	assert_string_equal(a->message, "Undone: round 2 of item 1 removed");
	assert_int_equal(disk_rounds(f, 0), 1);
	assert_int_equal(disk_cell(f, 0, 0, 1, 0), 3);
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
		cmocka_unit_test_setup_teardown(test_counting_by_active_group,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(test_group_keys_wrap,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(test_group_keys_without_groups,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_headcount_per_group,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(test_headcount_of_the_room,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_percent_base, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_percent_base_groups,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(test_shares_of_the_room, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_shares_of_groups,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(test_undo_across_groups,
						setup_groups, teardown),
		cmocka_unit_test_setup_teardown(
			test_undo_of_a_clear_across_groups, setup_groups,
			teardown),
		cmocka_unit_test_setup_teardown(test_new_round, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_undo_stops_at_a_round,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_undo_stops_at_a_round_with_groups, setup_groups,
			teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
