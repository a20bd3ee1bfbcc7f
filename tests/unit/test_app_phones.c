/*
 * The phones' ballots as the model takes them: voting follows the
 * screen, each ballot is saved before the phone is answered, and the
 * room's counts are the hands with the votes added.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "app/phones.h"
#include "app_fixture.h"

#define ID1 "phoneoneAAAA"
#define ID2 "phonetwoBBBB"

/* As the program opens voting: under the session's code. */
static void phones_on(struct app *a)
{
	a->sess->phones = strdup("K7Q2M9XA");
	a->phones_on = true;
}

static struct ballots *disk_ballots(const struct fixture *f, struct session *s)
{
	struct error err;
	assert_int_equal(session_load(s, f->path, &err), 0);
	return s->ballots;
}

static void test_votes_follow_the_screen(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	phones_on(a);
	/* On the title screen nothing is open. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_CLOSED);
	app_goto(a, 1);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_SAVED);
	assert_true(a->phones_changed);
	/* Another item, or a round that is not the current one: closed. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 1, 0, 1), SERVER_CLOSED);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 1, 1), SERVER_CLOSED);
	/* No such view. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 3), SERVER_REFUSED);
	app_vote(a, 0, 1);
	app_vote(a, 0, 1);
	/* The room's counts: 2 hands for a, the phone's vote for b. */
	assert_int_equal(tally_get(app_tally(a), 0, 0), 2);
	assert_int_equal(tally_get(app_tally(a), 0, 1), 1);
	assert_int_equal(tally_get(&a->sess->tally, 0, 1), 0);
	assert_int_equal(app_hands(a, 0), 2);
	assert_int_equal(on_disk(f, 0, 0, NULL), 2); /* hands alone */
	struct app_phone_count n = app_phones_count(a, 0);
	assert_int_equal(n.joined, 1);
	assert_int_equal(n.voted, 1);
	/* Changed, not added. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_SAVED);
	assert_int_equal(tally_get(app_tally(a), 0, 0), 3);
	assert_int_equal(tally_get(app_tally(a), 0, 1), 0);
	/* Clearing the item clears the hands only; undo brings them back. */
	app_reset_item(a);
	assert_non_null(strstr(a->message, "phones' votes stay"));
	assert_int_equal(tally_get(app_tally(a), 0, 0), 1);
	app_undo(a);
	assert_int_equal(tally_get(app_tally(a), 0, 0), 3);
	/* Moving on closes the item; phones off closes everything. */
	app_goto(a, 2);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_CLOSED);
	a->phones_on = false;
	assert_int_equal(sa.vote(sa.ctx, ID1, 1, 0, 2), SERVER_CLOSED);
}

static void test_saved_before_the_answer(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	phones_on(a);
	a->defer = true; /* as in the loop: hands wait, ballots do not */
	app_goto(a, 2);
	assert_int_equal(sa.join(sa.ctx, ID2), SERVER_SAVED);
	assert_int_equal(sa.vote(sa.ctx, ID1, 1, 0, 3), SERVER_SAVED);
	struct session s;
	struct ballots *bs = disk_ballots(f, &s);
	assert_non_null(bs);
	assert_int_equal(ballots_joined(bs), 2);
	assert_int_equal(ballot_view(bs, ballots_find(bs, ID1), 1, 0), 3);
	assert_null(ballots_find(bs, "nobodyCCCCCC"));
	session_free(&s);
	/* The page shows the item with the deck's wording. */
	struct page_shown sh;
	sa.shown(sa.ctx, &sh);
	assert_int_equal(sh.item, 1);
	assert_true(sh.open);
	assert_int_equal(sh.nviews, 3);
	assert_string_equal(sh.views[2], "e");
	/* Each view under the name the projector gives it. */
	assert_string_equal(sh.labels[0], "View 1");
	free(a->sess->items[1].labels[2]);
	a->sess->items[1].labels[2] = strdup("Both");
	sa.shown(sa.ctx, &sh);
	assert_string_equal(sh.labels[2], "Both");
	int g, v;
	sa.ballot(sa.ctx, ID1, 1, 0, &g, &v);
	assert_int_equal(g, 0);
	assert_int_equal(v, 3);
}

static void test_a_round_with_votes(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	phones_on(a);
	app_goto(a, 1);
	/* Only phones voted: a new round may still start. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_SAVED);
	assert_true(app_can_start_round(a));
	app_new_round(a);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 2);
	assert_int_equal(app_voting(a).round, 1);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_CLOSED);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 1, 2), SERVER_SAVED);
	/* Undo cannot take away a round that phones voted in. */
	app_undo(a);
	app_undo(a);
	assert_int_equal(tally_rounds(&a->sess->tally, 0), 2);
	assert_non_null(strstr(a->message, "Phones voted in round 2"));
}

/* A vote whose save fails is taken back: a 503 counts nothing. */
static void test_failed_save_counts_nothing(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	char moved[160];
	phones_on(a);
	app_goto(a, 1);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_SAVED);
	snprintf(moved, sizeof moved, "%s.gone", f->dir);
	assert_int_equal(rename(f->dir, moved), 0);
	/* A new phone: no ballot is left behind. */
	assert_int_equal(sa.vote(sa.ctx, ID2, 0, 0, 2), SERVER_FAILED);
	assert_null(ballots_find(a->sess->ballots, ID2));
	/* A changed vote: the old one stands. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_FAILED);
	assert_int_equal(ballot_view(a->sess->ballots,
				     ballots_find(a->sess->ballots, ID1), 0, 0),
			 1);
	assert_int_equal(tally_get(app_tally(a), 0, 0), 1);
	assert_int_equal(tally_get(app_tally(a), 0, 1), 0);
	assert_true(app_save_failed(a));
	/* A join that cannot be saved is no phone either. */
	assert_int_equal(sa.join(sa.ctx, "joinerDDDDDD"), SERVER_FAILED);
	assert_int_equal(ballots_joined(a->sess->ballots), 1);
	assert_int_equal(rename(moved, f->dir), 0);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_SAVED);
	struct session s;
	struct ballots *bs = disk_ballots(f, &s);
	assert_int_equal(ballots_joined(bs), 1);
	assert_int_equal(ballot_view(bs, ballots_find(bs, ID1), 0, 0), 2);
	session_free(&s);
}

static char ga[] = "Sales", gb[] = "Marketing";
static char *const two[] = {ga, gb};

static int setup_groups(void **state)
{
	return setup_with(state, two, 2);
}

static void test_groups(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	phones_on(a);
	app_goto(a, 1);
	/* A vote needs a group first. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_REFUSED);
	assert_int_equal(sa.group(sa.ctx, ID1, 2), SERVER_REFUSED);
	assert_int_equal(sa.group(sa.ctx, ID1, 1), SERVER_SAVED);
	assert_int_equal(sa.group(sa.ctx, ID1, 0), SERVER_SAVED);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_SAVED);
	/* Once it voted, its votes never move to another group. */
	assert_int_equal(sa.group(sa.ctx, ID1, 1), SERVER_CLOSED);
	assert_int_equal(tally_group_get(app_tally(a), 0, 0, 1), 1);
	assert_int_equal(tally_group_get(app_tally(a), 0, 1, 1), 0);
	int g, v;
	sa.ballot(sa.ctx, ID1, 0, 0, &g, &v);
	assert_int_equal(g, 0);
	assert_int_equal(v, 2);
}

/* The session file's inode: each save is a new file put in place. */
static ino_t file_of(const struct fixture *f)
{
	struct stat st;
	assert_int_equal(stat(f->path, &st), 0);
	return st.st_ino;
}

/*
 * A tap that changes nothing (the group or the view the ballot has) is
 * answered as saved without a save or a frame: a phone tapping away
 * costs the facilitator's loop no sync.
 */
static void test_same_again_saves_nothing(void **state)
{
	struct fixture *f = *state;
	struct app *a = &f->app;
	struct server_app sa = app_phones_server(a);
	phones_on(a);
	app_goto(a, 1);
	assert_int_equal(sa.group(sa.ctx, ID1, 1), SERVER_SAVED);
	ino_t was = file_of(f);
	a->phones_changed = false;
	assert_int_equal(sa.group(sa.ctx, ID1, 1), SERVER_SAVED);
	assert_false(a->phones_changed);
	assert_true(file_of(f) == was);
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_SAVED);
	assert_true(file_of(f) != was);
	was = file_of(f);
	a->phones_changed = false;
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 2), SERVER_SAVED);
	/* The group it has, after its vote: the same, not "already set". */
	assert_int_equal(sa.group(sa.ctx, ID1, 1), SERVER_SAVED);
	assert_false(a->phones_changed);
	assert_true(file_of(f) == was);
	assert_int_equal(tally_group_get(app_tally(a), 0, 1, 1), 1);
	/* A change is saved and drawn. */
	assert_int_equal(sa.vote(sa.ctx, ID1, 0, 0, 1), SERVER_SAVED);
	assert_true(a->phones_changed);
	assert_true(file_of(f) != was);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_votes_follow_the_screen,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_saved_before_the_answer,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_round_with_votes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_counts_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups, setup_groups,
						teardown),
		cmocka_unit_test_setup_teardown(test_same_again_saves_nothing,
						setup_groups, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
