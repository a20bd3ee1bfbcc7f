/*
 * The load test of the phones' server: 200 phones, each from its own
 * loopback address, vote at once, and every ballot is counted exactly
 * once; then each changes its vote, and the counts move rather than
 * add.  The room is tests/unit/phones.c: net/server driven from the
 * test's own poll() through server_fd, server_timeout and server_run,
 * with core/ballot behind it.  No test sleeps or reads the time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/ballot.h"
#include "phones.h"

#define PHONES 200

static struct phones *room;

static int setup(void **state)
{
	char why[256];
	(void)state;
	room = calloc(1, sizeof *room);
	if (room == NULL || phones_start(room, PHONES, why, sizeof why) != 0) {
		fprintf(stderr, "phones_start: %s\n", room ? why : "no memory");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	phones_stop(room);
	free(room);
	return 0;
}

static void vote_all(const int *view)
{
	char why[256];
	if (phones_vote(room, view, why, sizeof why) != 0)
		fail_msg("phones_vote: %s", why);
	for (int k = 0; k < PHONES; k++)
		if (room->phone[k].status != 303)
			fail_msg("phone %d: status %d:\n%s", k,
				 room->phone[k].status, room->phone[k].in);
}

/* Each view's count on the open item, as the screen would add them. */
static void expect_counts(const int *view)
{
	long want[PHONES_VIEWS] = {0};
	struct ballot_counts c;
	for (int k = 0; k < PHONES; k++)
		want[view[k] - 1]++;
	ballots_counts(&room->app.bs, PHONES_ITEM, 0, &c);
	assert_int_equal(c.voted, PHONES);
	for (int v = 0; v < PHONES_VIEWS; v++)
		assert_int_equal(c.room[v], want[v]);
	/* Nothing on the item that was not open, nor in another round. */
	ballots_counts(&room->app.bs, PHONES_ITEM + 1, 0, &c);
	assert_int_equal(c.voted, 0);
	ballots_counts(&room->app.bs, PHONES_ITEM, 1, &c);
	assert_int_equal(c.voted, 0);
}

/* Every phone's ballot is its own, with the view it sent. */
static void expect_ballots(const int *view)
{
	assert_int_equal(ballots_joined(&room->app.bs), PHONES);
	for (int k = 0; k < PHONES; k++) {
		const struct phone *ph = &room->phone[k];
		const struct ballot *b = ballots_find(&room->app.bs, ph->id);
		if (b == NULL)
			fail_msg("phone %d: no ballot '%s'", k, ph->id);
		assert_int_equal(ballot_view(&room->app.bs, b, PHONES_ITEM, 0),
				 view[k]);
		for (int j = 0; j < k; j++)
			if (strcmp(room->phone[j].id, ph->id) == 0)
				fail_msg("phones %d and %d share '%s'", j, k,
					 ph->id);
	}
}

/* 200 at once: 200 answers of 303, 200 ballots of one vote each. */
static void test_two_hundred_at_once(void **state)
{
	(void)state;
	int view[PHONES];
	for (int k = 0; k < PHONES; k++)
		view[k] = 1 + (k * 7 / 3) % PHONES_VIEWS;
	vote_all(view);
	assert_int_equal(room->app.calls, PHONES);
	assert_int_equal(room->app.saves, PHONES);
	/* The phones without a cookie were given one; the others kept theirs. */
	for (int k = 0; k < PHONES; k++) {
		assert_int_equal(room->phone[k].given, k % 2 == 1);
		assert_true(ballot_id_valid(room->phone[k].id));
	}
	expect_ballots(view);
	expect_counts(view);
}

/* Each phone changes its vote: the counts move, the ballots stay 200. */
static void test_every_phone_changes(void **state)
{
	(void)state;
	int first[PHONES], then[PHONES];
	for (int k = 0; k < PHONES; k++) {
		first[k] = 1 + k % PHONES_VIEWS;
		then[k] = 1 + (k + 1 + k % 2) % PHONES_VIEWS;
	}
	vote_all(first);
	expect_counts(first);
	vote_all(then);
	for (int k = 0; k < PHONES; k++) {
		assert_int_not_equal(first[k], then[k]);
		assert_false(room->phone[k].cookie_set);
	}
	assert_int_equal(room->app.saves, 2 * PHONES);
	expect_ballots(then);
	expect_counts(then);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_hundred_at_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_every_phone_changes, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
