/*
 * Unit tests of ballot: joining, votes cast and changed only where
 * voting is open, the counts a screen adds to hands, the count-up
 * distribution on worked examples, the limits, hostile ids, and the
 * text lines read back strictly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/error.h"
#include "core/ballot.h"

#include "unit_util.h"

static const int views7[7] = {2, 2, 2, 2, 2, 2, 2};
static const int views3[3] = {2, 3, 2};

static struct ballot_open open_at(int item, int round)
{
	struct ballot_open o = {true, item, round};
	return o;
}

static void vote_ok(struct ballots *bs, const char *id, int item, int view)
{
	struct ballot_open o = open_at(item, 0);
	assert_int_equal(ballots_vote(bs, id, item, 0, view, &o), BALLOT_OK);
}

static void test_counts(void **state)
{
	(void)state;
	struct ballots bs;
	struct ballot_counts c;
	assert_int_equal(ballots_init(&bs, 3, views3, 2), 0);
	assert_int_equal(ballots_set_group(&bs, "phone-aaaa", 0), BALLOT_OK);
	assert_int_equal(ballots_set_group(&bs, "phone-bbbb", 1), BALLOT_OK);
	assert_int_equal(ballots_join(&bs, "phone-cccc", NULL), BALLOT_OK);
	vote_ok(&bs, "phone-aaaa", 1, 3);
	vote_ok(&bs, "phone-bbbb", 1, 1);
	vote_ok(&bs, "phone-cccc", 1, 1);
	assert_int_equal(ballots_joined(&bs), 3);
	ballots_counts(&bs, 1, 0, &c);
	assert_int_equal(c.voted, 3);
	assert_int_equal(c.group[0][2], 1);
	assert_int_equal(c.group[1][0], 1);
	assert_int_equal(c.nogroup[0], 1);
	assert_int_equal(c.room[0], 2);
	assert_int_equal(c.room[2], 1);
	ballots_counts(&bs, 0, 0, &c);
	assert_int_equal(c.voted, 0);
	ballots_counts(&bs, 9, 0, &c);
	assert_int_equal(c.voted, 0);
	ballots_free(&bs);
}

static void test_change_vote(void **state)
{
	(void)state;
	struct ballots bs;
	struct ballot_counts c;
	assert_int_equal(ballots_init(&bs, 7, views7, 1), 0);
	vote_ok(&bs, "phone-aaaa", 2, 1);
	vote_ok(&bs, "phone-aaaa", 2, 2);
	vote_ok(&bs, "phone-aaaa", 2, 2);
	ballots_counts(&bs, 2, 0, &c);
	assert_int_equal(c.voted, 1);
	assert_int_equal(c.room[0], 0);
	assert_int_equal(c.room[1], 1);
	assert_int_equal(c.group[0][1], 1);
	/* A second round keeps the first as it was. */
	struct ballot_open o = open_at(2, 1);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 2, 1, 1, &o),
			 BALLOT_OK);
	ballots_counts(&bs, 2, 0, &c);
	assert_int_equal(c.room[1], 1);
	ballots_counts(&bs, 2, 1, &c);
	assert_int_equal(c.room[0], 1);
	const struct ballot *b = ballots_find(&bs, "phone-aaaa");
	assert_non_null(b);
	assert_int_equal(ballot_view(&bs, b, 2, 0), 2);
	assert_int_equal(ballot_view(&bs, b, 2, 1), 1);
	assert_int_equal(ballots_joined(&bs), 1);
	ballots_free(&bs);
}

static void test_closed(void **state)
{
	(void)state;
	struct ballots bs;
	struct ballot_open shut = {false, 1, 0};
	struct ballot_open other = open_at(1, 0);
	assert_int_equal(ballots_init(&bs, 7, views7, 1), 0);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 1, 0, 1, &shut),
			 BALLOT_CLOSED);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 2, 0, 1, &other),
			 BALLOT_CLOSED);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 1, 1, 1, &other),
			 BALLOT_CLOSED);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 1, 0, 1, NULL),
			 BALLOT_CLOSED);
	/* A refused vote joins nobody. */
	assert_int_equal(ballots_joined(&bs), 0);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 1, 0, 3, &other),
			 BALLOT_BAD_VOTE);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 1, 0, 0, &other),
			 BALLOT_BAD_VOTE);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", 7, 0, 1, &other),
			 BALLOT_BAD_VOTE);
	assert_int_equal(ballots_vote(&bs, "phone-aaaa", -1, 0, 1, &other),
			 BALLOT_BAD_VOTE);
	ballots_free(&bs);
}

/* A change taken back: the group, the view, a ballot made by it. */
static void test_mark_rewind(void **state)
{
	(void)state;
	struct ballots bs;
	struct ballot_mark m;
	struct ballot_open open = {true, 2, 0};
	assert_int_equal(ballots_init(&bs, 7, views7, 3), 0);
	ballots_mark(&bs, "rewindAAAAAA", 2, 0, &m);
	assert_int_equal(ballots_set_group(&bs, "rewindAAAAAA", 1), BALLOT_OK);
	ballots_rewind(&bs, &m);
	assert_int_equal(ballots_joined(&bs), 0);
	assert_int_equal(ballots_set_group(&bs, "rewindAAAAAA", 1), BALLOT_OK);
	assert_int_equal(ballots_vote(&bs, "rewindAAAAAA", 2, 0, 1, &open),
			 BALLOT_OK);
	ballots_mark(&bs, "rewindAAAAAA", 2, 0, &m);
	assert_int_equal(ballots_vote(&bs, "rewindAAAAAA", 2, 0, 2, &open),
			 BALLOT_OK);
	ballots_rewind(&bs, &m);
	const struct ballot *b = ballots_find(&bs, "rewindAAAAAA");
	assert_int_equal(ballot_view(&bs, b, 2, 0), 1);
	assert_int_equal(b->group, 1);
	assert_int_equal(ballots_joined(&bs), 1);
	ballots_free(&bs);
}

static void test_group_fixed(void **state)
{
	(void)state;
	struct ballots bs;
	assert_int_equal(ballots_init(&bs, 7, views7, 3), 0);
	assert_int_equal(ballots_set_group(&bs, "phone-aaaa", 3),
			 BALLOT_BAD_VOTE);
	assert_int_equal(ballots_set_group(&bs, "phone-aaaa", 0), BALLOT_OK);
	assert_int_equal(ballots_set_group(&bs, "phone-aaaa", 2), BALLOT_OK);
	vote_ok(&bs, "phone-aaaa", 0, 1);
	assert_int_equal(ballots_set_group(&bs, "phone-aaaa", 1), BALLOT_FIXED);
	assert_int_equal(ballots_set_group(&bs, "phone-aaaa", 2), BALLOT_OK);
	assert_int_equal(ballots_find(&bs, "phone-aaaa")->group, 2);
	ballots_free(&bs);
}

/* One ballot per string: '1', '2' or '.' (no vote) per item. */
static void cast(struct ballots *bs, const char *id, const char *votes,
		 int group)
{
	if (group >= 0)
		assert_int_equal(ballots_set_group(bs, id, group), BALLOT_OK);
	else
		assert_int_equal(ballots_join(bs, id, NULL), BALLOT_OK);
	for (int i = 0; votes[i]; i++)
		if (votes[i] != '.')
			vote_ok(bs, id, i, votes[i] - '0');
}

static void test_distribution(void **state)
{
	(void)state;
	struct ballots bs;
	struct ballot_summary s;
	long k[8];
	assert_int_equal(ballots_init(&bs, 7, views7, 2), 0);
	cast(&bs, "ballot-1", "1111111", 0);  /* 7 of 7: mostly 1 */
	cast(&bs, "ballot-2", "1112222", 0);  /* 3 of 7: mostly 2 */
	cast(&bs, "ballot-3", "1122...", 1);  /* 2 of 4: even */
	cast(&bs, "ballot-4", "12.....", 1);  /* 1 of 2: even */
	cast(&bs, "ballot-5", "1......", 1);  /* 1 of 1: mostly 1 */
	cast(&bs, "ballot-6", ".......", 1);  /* silent */
	cast(&bs, "ballot-7", "2222222", -1); /* 0 of 7, no group */
	assert_int_equal(ballots_distribution(&bs, BALLOT_ALL_GROUPS, k, 8, &s),
			 0);
	long want[8] = {1, 2, 1, 1, 0, 0, 0, 1};
	assert_memory_equal(k, want, sizeof want);
	assert_int_equal(s.voters, 6);
	assert_int_equal(s.silent, 1);
	assert_int_equal(s.mostly1, 2);
	assert_int_equal(s.mostly2, 2);
	assert_int_equal(s.even, 2);

	assert_int_equal(ballots_distribution(&bs, 1, k, 8, &s), 0);
	long want1[8] = {0, 2, 1, 0, 0, 0, 0, 0};
	assert_memory_equal(k, want1, sizeof want1);
	assert_int_equal(s.voters, 3);
	assert_int_equal(s.silent, 1);
	assert_int_equal(s.mostly1, 1);
	assert_int_equal(s.even, 2);

	assert_int_equal(ballots_distribution(&bs, BALLOT_NO_GROUP, k, 8, &s),
			 0);
	assert_int_equal(k[0], 1);
	assert_int_equal(s.mostly2, 1);
	assert_int_equal(ballots_distribution(&bs, 0, k, 7, &s), -1);
	ballots_free(&bs);
}

/* The latest round an item was voted in is the ballot's choice. */
static void test_distribution_rounds(void **state)
{
	(void)state;
	struct ballots bs;
	struct ballot_summary s;
	long k[3];
	assert_int_equal(ballots_init(&bs, 2, views7, 1), 0);
	struct ballot_open r1 = open_at(0, 0), r2 = open_at(0, 1);
	assert_int_equal(ballots_vote(&bs, "ballot-1", 0, 0, 2, &r1),
			 BALLOT_OK);
	assert_int_equal(ballots_vote(&bs, "ballot-1", 0, 1, 1, &r2),
			 BALLOT_OK);
	assert_int_equal(ballots_vote(&bs, "ballot-2", 0, 0, 1, &r1),
			 BALLOT_OK);
	vote_ok(&bs, "ballot-2", 1, 1);
	assert_int_equal(ballots_distribution(&bs, 0, k, 3, &s), 0);
	assert_int_equal(k[0], 0);
	assert_int_equal(k[1], 1);
	assert_int_equal(k[2], 1);
	assert_int_equal(s.mostly1, 2);
	ballots_free(&bs);
}

static void test_ids(void **state)
{
	(void)state;
	static const char *bad[] = {
		"",
		"short",
		"has space1",
		"semi;colon",
		"quote\"id1",
		"tab\tinside",
		"newline\nid",
		"caf\xc3\xa9-id",
		"<script>",
		"../../etc/x",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct ballots bs;
	assert_int_equal(ballots_init(&bs, 7, views7, 1), 0);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_false(ballot_id_valid(bad[i]));
		assert_int_equal(ballots_join(&bs, bad[i], NULL),
				 BALLOT_BAD_ID);
		struct ballot_open o = open_at(0, 0);
		assert_int_equal(ballots_vote(&bs, bad[i], 0, 0, 1, &o),
				 BALLOT_BAD_ID);
		assert_null(ballots_find(&bs, bad[i]));
	}
	assert_false(ballot_id_valid(NULL));
	assert_true(ballot_id_valid("abcdefgh"));
	assert_true(
		ballot_id_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	assert_true(ballot_id_valid("A-Z_a-z_0-9"));
	assert_int_equal(ballots_joined(&bs), 0);
	ballots_free(&bs);
}

static void test_limits(void **state)
{
	(void)state;
	struct ballots bs;
	char id[32];
	assert_int_equal(ballots_init(&bs, 7, views7, 1), 0);
	for (int i = 0; i < BALLOT_MAX; i++) {
		snprintf(id, sizeof id, "ballot-%05d", i);
		assert_int_equal(ballots_join(&bs, id, NULL), BALLOT_OK);
	}
	assert_int_equal(ballots_join(&bs, "one-too-many", NULL), BALLOT_FULL);
	/* The ones already in still vote. */
	vote_ok(&bs, "ballot-00999", 0, 1);
	assert_int_equal(ballots_joined(&bs), BALLOT_MAX);
	ballots_free(&bs);

	int many[BALLOT_MAX_ITEMS + 1];
	for (int i = 0; i <= BALLOT_MAX_ITEMS; i++)
		many[i] = 2;
	assert_int_equal(ballots_init(&bs, BALLOT_MAX_ITEMS + 1, many, 1), -1);
	assert_int_equal(ballots_init(&bs, 2, many, TALLY_MAX_GROUPS + 1), -1);
	assert_int_equal(ballots_init(&bs, 2, many, 0), -1);
	many[1] = TALLY_MAX_VIEWS + 1;
	assert_int_equal(ballots_init(&bs, 2, many, 1), -1);
}

static char *written(const struct ballots *bs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(ballots_write(bs, f), 0);
	fclose(f);
	return buf;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct ballots bs, back;
	struct error err;
	assert_int_equal(ballots_init(&bs, 3, views3, 2), 0);
	cast(&bs, "ballot-1", "131", 0);
	cast(&bs, "ballot-2", ".2.", -1);
	cast(&bs, "ballot-3", "...", 1);
	struct ballot_open o = open_at(2, 4);
	assert_int_equal(ballots_vote(&bs, "ballot-1", 2, 4, 2, &o), BALLOT_OK);
	char *text = written(&bs);
	assert_string_equal(text, "ballot: ballot-1 1 1.1=1 2.1=3 3.1=1 3.5=2\n"
				  "ballot: ballot-2 - 2.1=2\n"
				  "ballot: ballot-3 2\n");
	assert_int_equal(ballots_init(&back, 3, views3, 2), 0);
	if (ballots_parse(&back, text, strlen(text), "s.session", &err) != 0)
		fail_msg("refused: %s", err.msg);
	char *again = written(&back);
	assert_string_equal(text, again);
	assert_int_equal(ballots_joined(&back), 3);
	assert_int_equal(
		ballot_view(&back, ballots_find(&back, "ballot-1"), 2, 4), 2);
	free(text);
	free(again);
	ballots_free(&bs);
	ballots_free(&back);
}

static void expect_bad(const char *text, int line, const char *why)
{
	struct ballots bs;
	struct error err;
	assert_int_equal(ballots_init(&bs, 3, views3, 2), 0);
	if (ballots_parse(&bs, text, strlen(text), "x.session", &err) == 0)
		fail_msg("taken: %s", text);
	if (strstr(err.msg, why) == NULL || err.line != line)
		fail_msg("'%s': %d: %s, want %d: %s", text, err.line, err.msg,
			 line, why);
	assert_string_equal(err.file, "x.session");
	/* Nothing of the bad line stays. */
	assert_int_equal(ballots_joined(&bs), line - 1);
	ballots_free(&bs);
}

static void test_parse_errors(void **state)
{
	(void)state;
	const char *ok = "ballot: ballot-1 1 1.1=2\n";
	char buf[256];
	expect_bad("ballot: ballot-1 1", 1, "newline");
	expect_bad("vote: ballot-1 1\n", 1, "not a ballot line");
	expect_bad("ballot:ballot-1 1\n", 1, "not a ballot line");
	expect_bad("ballot: short 1\n", 1, "8 to 40");
	expect_bad("ballot: bad;id;x 1\n", 1, "A-Z a-z");
	expect_bad("ballot: ballot-1\n", 1, "its group");
	expect_bad("ballot: ballot-1 \n", 1, "8 to 40");
	expect_bad("ballot: ballot-1 3\n", 1, "not 1 to 2");
	expect_bad("ballot: ballot-1 0\n", 1, "not 1 to 2");
	expect_bad("ballot: ballot-1 01\n", 1, "not 1 to 2");
	expect_bad("ballot: ballot-1 1 4.1=1\n", 1, "no such item");
	expect_bad("ballot: ballot-1 1 1.1=3\n", 1, "no such item");
	expect_bad("ballot: ballot-1 1 2.10=1\n", 1, "ITEM.ROUND=VIEW");
	expect_bad("ballot: ballot-1 1 1.1=0\n", 1, "ITEM.ROUND=VIEW");
	expect_bad("ballot: ballot-1 1 1.1=1x\n", 1, "ITEM.ROUND=VIEW");
	expect_bad("ballot: ballot-1 1 1.1\n", 1, "ITEM.ROUND=VIEW");
	expect_bad("ballot: ballot-1 1 -1.1=1\n", 1, "ITEM.ROUND=VIEW");
	expect_bad("ballot: ballot-1 1 99999999999.1=1\n", 1, "ITEM.ROUND");
	expect_bad("ballot: ballot-1 1 1.1=1 1.1=2\n", 1, "twice");
	expect_bad("ballot: ballot-1 1  1.1=1\n", 1, "stray space");
	expect_bad("ballot: ballot-1 1 1.1=1 \n", 1, "stray space");
	snprintf(buf, sizeof buf, "%s%s", ok, ok);
	expect_bad(buf, 2, "given twice");
	snprintf(buf, sizeof buf, "%sballot: ballot-2 1 1.1=1\r\n", ok);
	expect_bad(buf, 2, "ITEM.ROUND=VIEW");
	static const char nul[] = "ballot: ballot-1 1 1.1=1\0\n";
	struct ballots bs;
	struct error err;
	assert_int_equal(ballots_init(&bs, 3, views3, 2), 0);
	assert_int_equal(ballots_parse(&bs, nul, sizeof nul - 1, "n", &err),
			 -1);
	assert_non_null(strstr(err.msg, "NUL"));
	ballots_free(&bs);
}

static void test_parse_limit(void **state)
{
	(void)state;
	struct ballots bs;
	struct error err;
	char line[64];
	assert_int_equal(ballots_init(&bs, 3, views3, 1), 0);
	for (int i = 0; i < BALLOT_MAX; i++) {
		int n = snprintf(line, sizeof line, "ballot-%05d - 1.1=2", i);
		assert_int_equal(
			ballots_parse_line(&bs, line, (size_t)n, i + 1, &err),
			0);
	}
	assert_int_equal(
		ballots_parse_line(&bs, "ballot-x1000 -", 14, 1001, &err), -1);
	assert_non_null(strstr(err.msg, "more than 1000"));
	assert_int_equal(err.line, 1001);
	/* Without groups "-" and "1" both mean the room. */
	assert_int_equal(ballots_find(&bs, "ballot-00007")->group, 0);
	ballots_free(&bs);
}

/*
 * Random lines made of the format's own characters: each is refused
 * whole or taken, and what is taken reads back as it is written.
 */
static void test_random_lines(void **state)
{
	(void)state;
	static const char alphabet[] = "ballot-1234 .=- 5690\t\xff";
	struct ballots bs, back;
	struct error err;
	char line[80];
	int taken = 0;
	assert_int_equal(ballots_init(&bs, 3, views3, 2), 0);
	for (int i = 0; i < 200000; i++) {
		size_t n = (size_t)snprintf(line, sizeof line, "ballot%d ", i);
		size_t extra = unit_rng() % 24;
		for (size_t j = 0; j < extra; j++)
			line[n++] =
				alphabet[unit_rng() % (sizeof alphabet - 1)];
		int before = ballots_joined(&bs);
		int rc = ballots_parse_line(&bs, line, n, 1, &err);
		assert_int_equal(ballots_joined(&bs), before + (rc == 0));
		taken += rc == 0;
		if (ballots_joined(&bs) == BALLOT_MAX)
			break;
	}
	assert_true(taken > 0);
	char *text = written(&bs);
	assert_int_equal(ballots_init(&back, 3, views3, 2), 0);
	if (ballots_parse(&back, text, strlen(text), "r", &err) != 0)
		fail_msg("%d: %s", err.line, err.msg);
	char *again = written(&back);
	assert_string_equal(text, again);
	free(text);
	free(again);
	ballots_free(&bs);
	ballots_free(&back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_change_vote),
		cmocka_unit_test(test_closed),
		cmocka_unit_test(test_mark_rewind),
		cmocka_unit_test(test_group_fixed),
		cmocka_unit_test(test_distribution),
		cmocka_unit_test(test_distribution_rounds),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_limit),
		cmocka_unit_test(test_random_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
