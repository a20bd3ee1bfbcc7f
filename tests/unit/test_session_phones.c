/*
 * Format 3: the phones' code and ballots in a session file, and the
 * counts that add their votes to the hands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "core/ballot.h"
#include "core/session.h"
#include "core/session_parse.h"
#include "core/tally.h"
#include "store/session_dir.h"

#define HEAD(v)                                                                \
	"handsup-session " v "\nname: n\nstarted: 2026-11-27T09:35:12Z\n"      \
	"deck-title: t\ndeck-path: /p\ndeck-hash: 0123456789abcdef\n"          \
	"current: 1\npercent-base: hands\n"
#define GROUPS "group: 0 Sales\ngroup: 0 Marketing\nactive-group: 1\n"
/* Two items: the first with two rounds, hands in both groups. */
#define ITEMS                                                                  \
	"item: h\nview: a\nview: b\n"                                          \
	"count: 1 1 1 2\ncount: 1 2 3 4\ncount: 2 1 0 0\ncount: 2 2 0 5\n"     \
	"item: g\nview: x\nview: y\nview: z\n"                                 \
	"count: 1 1 0 0\ncount: 1 2 0 0\ncount: 1 3 0 0\n"

static const char good[] =
	HEAD("3") "phones: K7Q2M9XA\n"
		  "phones-url: http://10.0.0.5:8080/K7Q2M9XA\n" GROUPS ITEMS
		  "ballot: aaaaaaaaaaaa 1 1.1=2 1.2=1 2.1=3\n"
		  "ballot: bbbbbbbbbbbb 2 1.1=2\n"
		  "ballot: cccccccccccc -\n"
		  "end\n";

static void test_read_and_count(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	assert_int_equal(session_parse(&s, good, strlen(good), &err), 0);
	assert_int_equal(s.version, 3);
	assert_string_equal(s.phones, "K7Q2M9XA");
	assert_string_equal(s.phones_url, "http://10.0.0.5:8080/K7Q2M9XA");
	assert_non_null(s.ballots);
	assert_int_equal(ballots_joined(s.ballots), 3);
	/* The hands are the hands alone. */
	assert_int_equal(tally_cell(&s.tally, 0, 0, 0, 1), 3);
	struct tally t = {0};
	assert_int_equal(session_counts(&s, &t), 0);
	/* Round 1 of item 1: both phones chose b, one per group. */
	assert_int_equal(tally_cell(&t, 0, 0, 0, 1), 4);
	assert_int_equal(tally_cell(&t, 0, 0, 1, 1), 5);
	assert_int_equal(tally_cell(&t, 0, 0, 0, 0), 1);
	/* Round 2: the first phone chose a. */
	assert_int_equal(tally_cell(&t, 0, 1, 0, 0), 1);
	assert_int_equal(tally_rounds(&t, 0), 2);
	assert_int_equal(tally_cell(&t, 1, 0, 0, 2), 1);
	assert_int_equal(tally_item_total(&t, 1), 1);
	/* The hands' undo history is not the counts'. */
	assert_false(tally_can_undo(&t));
	tally_free(&t);
	session_free(&s);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct session s, u;
	struct error err;
	assert_int_equal(session_parse(&s, good, strlen(good), &err), 0);
	size_t len;
	char *text = session_format(&s, &len);
	assert_non_null(text);
	assert_string_equal(text, good);
	/* A vote cast afterwards is written and read back. */
	struct ballot_open open = {true, 1, 0};
	assert_int_equal(ballots_set_group(s.ballots, "cccccccccccc", 1),
			 BALLOT_OK);
	assert_int_equal(
		ballots_vote(s.ballots, "cccccccccccc", 1, 0, 1, &open),
		BALLOT_OK);
	free(text);
	text = session_format(&s, &len);
	assert_non_null(strstr(text, "\nballot: cccccccccccc 2 2.1=1\n"));
	assert_int_equal(session_parse(&u, text, len, &err), 0);
	assert_int_equal(ballot_view(u.ballots,
				     ballots_find(u.ballots, "cccccccccccc"), 1,
				     0),
			 1);
	free(text);
	session_free(&u);
	session_free(&s);
}

/* Without phones the file is format 2, as every earlier release reads. */
static void test_no_phones_is_format2(void **state)
{
	(void)state;
	static const char v2[] = HEAD("2") GROUPS ITEMS "end\n";
	struct session s;
	struct error err;
	assert_int_equal(session_parse(&s, v2, strlen(v2), &err), 0);
	assert_null(s.phones);
	assert_null(s.ballots);
	char *text = session_format(&s, NULL);
	assert_string_equal(text, v2);
	struct tally t = {0};
	assert_int_equal(session_counts(&s, &t), 0);
	assert_int_equal(tally_cell(&t, 0, 1, 1, 1), 5);
	tally_free(&t);
	free(text);
	session_free(&s);
}

/* The resume list counts an item that only phones voted on. */
static void test_listed_with_phones(void **state)
{
	(void)state;
	char dir[] = "/tmp/handsup-phones-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/x.session", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(good, f);
	assert_int_equal(fclose(f), 0);
	struct session_summary *list;
	size_t n;
	assert_int_equal(session_list(dir, &list, &n), 0);
	assert_int_equal(n, 1);
	/* Item 1 has hands; item 2 only the first phone's vote. */
	assert_int_equal(list[0].counted, 2);
	session_list_free(list, n);
	unlink(path);
	rmdir(dir);
}

struct bad {
	const char *text;
	int line;
	const char *msg;
};

static void test_refused(void **state)
{
	(void)state;
	static const struct bad cases[] = {
		{HEAD("2") "phones: K7Q2M9XA\n" GROUPS ITEMS "end\n", 9,
		 "unknown key 'phones'"},
		{HEAD("3") "phones: K7Q\n" ITEMS "end\n", 9, "bad phones code"},
		{HEAD("3") "phones: K7Q2M9X!\n" ITEMS "end\n", 9,
		 "bad phones code"},
		{HEAD("3") GROUPS ITEMS "ballot: aaaaaaaaaaaa 1\nend\n", 26,
		 "'ballot' without 'phones'"},
		{HEAD("3") "phones: K7Q2M9XA\nballot: aaaaaaaaaaaa -\n" ITEMS
			   "end\n",
		 10, "'ballot' before the first item"},
		{HEAD("3") "phones: K7Q2M9XA\n" GROUPS ITEMS
			   "ballot: aaaaaaaaaaaa 1\nitem: k\nend\n",
		 28, "only ballots after a ballot"},
		{HEAD("3") "phones: K7Q2M9XA\n" GROUPS ITEMS
			   "ballot: aaaaaaaaaaaa 1 2.2=1\nend\n",
		 0, "ballot aaaaaaaaaaaa votes on round 2 of item 2"},
		{HEAD("3") "phones: K7Q2M9XA\n" GROUPS ITEMS
			   "ballot: aaaaaaaaaaaa - 1.1=1\nend\n",
		 0, "votes without a group"},
		{HEAD("3") "phones: K7Q2M9XA\n" GROUPS ITEMS
			   "ballot: aaaaaaaaaaaa 3\nend\n",
		 27, "group"},
		{HEAD("4") ITEMS "end\n", 1, "unsupported session version"},
		{HEAD("3") "phones-url: http://10.0.0.5:8080/K7Q2M9XA\n"
			   "phones: K7Q2M9XA\n" ITEMS "end\n",
		 9, "bad phones-url"},
		{HEAD("3") "phones: K7Q2M9XA\n"
			   "phones-url: http://10.0.0.5:8080/OTHERCODE\n" ITEMS
			   "end\n",
		 10, "bad phones-url"},
		{HEAD("3") "phones: K7Q2M9XA\n"
			   "phones-url: "
			   "http://10.0.0.5:8080/\x1b[2J/K7Q2M9XA\n" ITEMS
			   "end\n",
		 10, "bad phones-url"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct session s;
		struct error err;
		const char *t = cases[k].text;
		assert_int_equal(session_parse(&s, t, strlen(t), &err), -1);
		if (err.line != cases[k].line || !strstr(err.msg, cases[k].msg))
			fail_msg("case %zu: line %d: %s", k, err.line, err.msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_and_count),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_no_phones_is_format2),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_listed_with_phones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
