/*
 * The phones' count-up in reports: golden files of a session with
 * ballots and groups in every format, and of an aggregate of decks of
 * four and three items; the figures read back; every count in a report
 * is the hands with the ballots' votes; no ballot id reaches a report;
 * a deck whose views differ from item to item has no count-up.
 *
 * HANDSUP_UPDATE_GOLDEN=1 rewrites the golden files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "unit/report_fixture.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "core/session.h"
#include "core/tally.h"
#include "report/report.h"

static const char *const exts[] = {"txt", "csv", "md", "json"};

static char *report_of(const struct session *s, int fmt)
{
	struct buf b;

	assert_int_equal(report_write(buf_open(&b), s, fmt), 0);
	buf_close(&b);
	return b.data;
}

static void test_golden_session(void **state)
{
	struct session s;
	(void)state;

	load(&s, "phones");
	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		char gname[64], *text = report_of(&s, fmt);

		snprintf(gname, sizeof gname, "phones.%s", exts[fmt]);
		golden(gname, text, strlen(text));
		if (fmt == REPORT_TEXT)
			check_text_shape(text);
		/* Figures only: no ballot's id in any format. */
		assert_null(strstr(text, "Xk9Lm2Qp"));
		assert_null(strstr(text, "K7Q2M9XA"));
		free(text);
	}
	session_free(&s);
}

static char *agg_of(const char *const *names, size_t n, int fmt)
{
	struct session s[4];
	const struct session *ps[4];
	struct error err;
	struct buf b;

	for (size_t k = 0; k < n; k++) {
		load(&s[k], names[k]);
		ps[k] = &s[k];
	}
	assert_int_equal(report_aggregate(buf_open(&b), ps, names, n, NULL,
					  NULL, fmt, &err),
			 REPORT_AGG_OK);
	buf_close(&b);
	for (size_t k = 0; k < n; k++)
		session_free(&s[k]);
	return b.data;
}

static void test_golden_aggregate(void **state)
{
	/* Two decks' lengths: their count-ups stay apart; a session
	 * without phones adds nothing to them. */
	static const char *const names[] = {"phones", "grouped", "phones3",
					    "phones"};
	(void)state;

	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		char gname[64], *text = agg_of(names, 4, fmt);

		snprintf(gname, sizeof gname, "phones-aggregate.%s", exts[fmt]);
		golden(gname, text, strlen(text));
		if (fmt == REPORT_TEXT)
			check_text_shape(text);
		assert_null(strstr(text, "Xk9Lm2Qp"));
		free(text);
	}
}

/* The figures themselves, as the Python side reads them back. */
static void test_figures_read_back(void **state)
{
	static const char *const names[] = {"phones", "phones3", "phones"};
	char dir[] = "/tmp/handsup-countup-XXXXXX", path[2][64], cmd[8400];
	struct session s;
	(void)state;

	assert_non_null(mkdtemp(dir));
	load(&s, "phones");
	for (int k = 0; k < 2; k++) {
		char *text = k ? agg_of(names, 3, REPORT_JSON)
			       : report_of(&s, REPORT_JSON);
		snprintf(path[k], sizeof path[k], "%s/%d.json", dir, k);
		FILE *f = fopen(path[k], "w");
		assert_non_null(f);
		fputs(text, f);
		assert_int_equal(fclose(f), 0);
		free(text);
	}
	session_free(&s);
	/* By items and group, as worked out by hand from the ballots. */
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import json,sys\n"
		 "one = json.load(open(sys.argv[1]))[\"countup\"]\n"
		 "agg = json.load(open(sys.argv[2]))[\"countup\"]\n"
		 "assert one[\"items\"] == 4 and one[\"by_items\"] == "
		 "[1, 3, 1, 2, 3], one\n"
		 "assert (one[\"voters\"], one[\"silent\"], "
		 "one[\"mostly_view1\"],"
		 " one[\"mostly_view2\"], one[\"even\"]) == (10, 2, 6, 3, 1)\n"
		 "g = {x[\"name\"]: x[\"by_items\"] for x in one[\"groups\"]}\n"
		 "assert g[\"Product Marketing\"] == [0, 2, 1, 0, 0], g\n"
		 "assert [c[\"items\"] for c in agg] == [4, 3], agg\n"
		 "assert agg[0][\"sessions\"] == 2 and agg[0][\"voters\"] == "
		 "20\n"
		 "assert agg[0][\"by_items\"] == [2, 6, 2, 4, 6], agg[0]\n"
		 "assert agg[1][\"by_items\"] == [1, 1, 0, 1], agg[1]\n"
		 "' '%s' '%s'",
		 path[0], path[1]);
	int rc = system(cmd);
	unlink(path[0]);
	unlink(path[1]);
	rmdir(dir);
	assert_int_equal(rc, 0);
}

/*
 * s with each from[k] replaced by to[k], as many times as it occurs
 * (caller frees).
 */
static char *replaced(const char *s, const char *const *from,
		      const char *const *to, size_t n)
{
	char *out = strdup(s);

	assert_non_null(out);
	for (size_t k = 0; k < n; k++) {
		size_t fl = strlen(from[k]), tl = strlen(to[k]), count = 0;

		for (const char *at = out; (at = strstr(at, from[k])); at += fl)
			count++;
		char *next = malloc(strlen(out) + count * tl + 1), *w = next;
		assert_non_null(next);
		const char *at = out, *hit;
		for (; (hit = strstr(at, from[k])); at = hit + fl) {
			memcpy(w, at, (size_t)(hit - at));
			w += hit - at;
			memcpy(w, to[k], tl);
			w += tl;
		}
		strcpy(w, at);
		free(out);
		out = next;
	}
	return out;
}

/* What the text and Markdown reports call the counts once phones vote,
 * as the screens do. */
static const char *const hand_words[] = {"of the hands raised", " hands, ",
					 " raised no hand ", "Hands",
					 "No hand"};
static const char *const vote_words[] = {"of the votes", " votes, ",
					 " did not vote ", "Votes", "No vote"};

/*
 * Every count of a report with ballots is that of the same session
 * whose hands are session_counts' and which has no ballots: its report
 * is the other's, up to the count-up, but for the words of text and
 * Markdown, which call the counts votes once phones vote.
 */
static void test_reports_count_ballots(void **state)
{
	struct session s, hands;
	(void)state;

	load(&s, "phones");
	load(&hands, "phones");
	struct tally t = {0};
	assert_int_equal(session_counts(&s, &t), 0);
	tally_free(&hands.tally);
	hands.tally = t;
	ballots_free(hands.ballots);
	free(hands.ballots);
	hands.ballots = NULL;
	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		char *with = report_of(&s, fmt),
		     *without = report_of(&hands, fmt);
		const char *mark = fmt == REPORT_CSV ? ",Count-up of 4 items,"
				   : fmt == REPORT_JSON ? ",\n  \"countup\""
				   : fmt == REPORT_MD	? "\n## Count-up"
							: "\nCount-up";
		/* CSV and JSON are the same bytes. */
		if (fmt == REPORT_TEXT || fmt == REPORT_MD) {
			char *words =
				replaced(without, hand_words, vote_words, 5);
			free(without);
			without = words;
		}
		const char *at = strstr(with, mark);

		assert_non_null(at);
		if (fmt == REPORT_CSV)
			while (at > with && at[-1] != '\n')
				at--;
		size_t n = (size_t)(at - with);
		assert_true(strlen(without) >= n);
		assert_memory_equal(with, without, n);
		assert_null(strstr(without, mark));
		free(with);
		free(without);
	}
	/* The hands alone are not what the report shows. */
	assert_true(tally_view_total(&s.tally, 0) <
		    tally_view_total(&hands.tally, 0));
	session_free(&hands);
	session_free(&s);
}

/*
 * Once phones vote, the text and Markdown reports call the counts votes,
 * as the screen does ("N votes; % of the votes"): "33 votes", "15 did
 * not vote", the tables' "Votes" and "No vote", the base "of the votes".
 */
static void test_phones_say_votes(void **state)
{
	struct session s;
	(void)state;

	load(&s, "phones");
	char *text = report_of(&s, REPORT_TEXT), *md = report_of(&s, REPORT_MD);
	assert_non_null(strstr(text, "Percentages: of the votes\n"));
	assert_non_null(strstr(text, "    Round 2: 33 votes, 9 more than the "
				     "headcount (24), leans to View 1\n"));
	assert_non_null(strstr(text, "    9 votes, 15 did not vote (headcount "
				     "24), leans to View 1\n"));
	assert_non_null(strstr(text, "View 2  Votes  No vote\n"));
	assert_non_null(strstr(md, "- Percentages: of the votes\n"));
	assert_non_null(strstr(md, "\n9 votes, 15 did not vote (headcount "
				   "24), leans to View 1.\n"));
	assert_non_null(strstr(md, "| View 2 | Votes | No vote |\n"));
	for (size_t k = 0; k < 5; k++) {
		assert_null(strstr(text, hand_words[k]));
		assert_null(strstr(md, hand_words[k]));
	}
	free(text);
	free(md);
	session_free(&s);

	/* Shares of the room: the divide and the swing are of the votes. */
	load_edited(&s, "phones", "percent-base: hands", "percent-base: room");
	text = report_of(&s, REPORT_TEXT);
	assert_non_null(strstr(text, "Percentages: of everyone in the room\n"));
	assert_non_null(strstr(text, "as shares of the votes"));
	assert_non_null(strstr(text, "View 2 -9 points of the votes; "));
	assert_non_null(strstr(text, "    No vote "));
	assert_null(strstr(text, "hands raised"));
	free(text);
	session_free(&s);

	/* An aggregate with a session with phones: votes too. */
	load(&s, "phones");
	const struct session *one[] = {&s};
	struct buf b;
	struct error err;
	assert_int_equal(report_aggregate(buf_open(&b), one, NULL, 1, NULL,
					  NULL, REPORT_TEXT, &err),
			 0);
	buf_close(&b);
	assert_non_null(strstr(b.data, "Percentages: of the votes\n"));
	assert_non_null(strstr(b.data, "    33 votes in 1 session, "));
	assert_non_null(strstr(b.data, "View 2  Votes\n"));
	free(b.data);
	session_free(&s);
}

/* The aggregate counts ballots too: its totals are the counted ones. */
static void test_aggregate_counts_ballots(void **state)
{
	struct session s;
	struct tally t = {0};
	(void)state;

	load(&s, "phones");
	assert_int_equal(session_counts(&s, &t), 0);
	char *text = agg_of((const char *const[]){"phones"}, 1, REPORT_CSV);
	char want[256];
	/* The first row: item 1, View 1, over every session. */
	snprintf(want, sizeof want,
		 "Training,1,Regarding the Scope of Sales Training,1,View "
		 "1,%ld,",
		 tally_get(&t, 0, 0));
	assert_non_null(strstr(text, want));
	assert_true(tally_get(&t, 0, 0) > tally_get(&s.tally, 0, 0));
	free(text);
	tally_free(&t);
	session_free(&s);
}

/*
 * An aggregate of one session says "in 1 session", never "in 1 of 1
 * sessions (1 counted)"; of more, how many have the item, as before.
 */
static void test_aggregate_sessions_words(void **state)
{
	static const char *const two[] = {"phones", "phones"};
	static const int fmts[] = {REPORT_TEXT, REPORT_MD};
	(void)state;

	for (int f = 0; f < 2; f++) {
		char *text = agg_of(two, 1, fmts[f]);

		assert_non_null(strstr(text, " votes in 1 session, "));
		assert_null(strstr(text, "1 of 1"));
		assert_null(strstr(text, "sessions ("));
		free(text);
		text = agg_of(two, 2, fmts[f]);
		assert_non_null(strstr(text, " votes in 2 of 2 sessions (2 "
					     "counted), "));
		free(text);
	}
}

/* Views that mean something else on each item: no count-up at all. */
static void test_no_countup_without_same_views(void **state)
{
	struct session s;
	(void)state;

	load_edited(&s, "phones", "same-views: yes", "same-views: no");
	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		char *text = report_of(&s, fmt);

		assert_null(strstr(text, "ount-up"));
		assert_null(strstr(text, "countup"));
		free(text);
	}
	session_free(&s);
}

/* The e key's pair of files carries the count-up in both. */
static void test_export_carries_countup(void **state)
{
	char dir[] = "/tmp/handsup-countup-XXXXXX";
	struct session s;
	struct error err;
	char *paths[2];
	(void)state;

	assert_non_null(mkdtemp(dir));
	load(&s, "phones");
	assert_int_equal(report_export(&s, dir, paths, &err), 0);
	for (int k = 0; k < 2; k++) {
		size_t len;
		char *text = unit_slurp(paths[k], &len);

		assert_non_null(text);
		assert_non_null(strstr(text, k ? ",View 1 on 4 items,3,30,"
					       : "    4 items       3   30%"));
		assert_null(strstr(text, "Xk9Lm2Qp"));
		free(text);
		unlink(paths[k]);
		free(paths[k]);
	}
	rmdir(dir);
	session_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_session),
		cmocka_unit_test(test_golden_aggregate),
		cmocka_unit_test(test_figures_read_back),
		cmocka_unit_test(test_reports_count_ballots),
		cmocka_unit_test(test_phones_say_votes),
		cmocka_unit_test(test_aggregate_counts_ballots),
		cmocka_unit_test(test_aggregate_sessions_words),
		cmocka_unit_test(test_no_countup_without_same_views),
		cmocka_unit_test(test_export_carries_countup),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	unit_find_root(root, sizeof root, __FILE__,
		       "tests/unit/test_report_countup.c");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
