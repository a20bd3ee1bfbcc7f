/*
 * Reports of many sessions counted by group and in rounds: golden files,
 * the groups added up by name (at most REPORT_MAX_GROUPS), each round
 * over the sessions that reached it, the divide of the combined groups,
 * and --compare per group; CSV and JSON read back by Python's parsers.
 *
 * HANDSUP_UPDATE_GOLDEN=1 rewrites the golden files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "unit/report_fixture.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/session.h"
#include "report/report.h"

static const char *const exts[] = {"txt", "csv", "md", "json"};

/* The grouped sessions and the article's (format 1, the room only). */
struct three {
	struct session s[3];
	const struct session *p[2];
	const char *names[2];
};

static void three_load(struct three *t)
{
	load(&t->s[0], "grouped");
	load(&t->s[1], "article");
	load(&t->s[2], "grouped2");
	t->p[0] = &t->s[0];
	t->p[1] = &t->s[1];
	t->names[0] = "grouped.session";
	t->names[1] = "article.session";
}

static void three_free(struct three *t)
{
	for (int i = 0; i < 3; i++)
		session_free(&t->s[i]);
}

/* All three added up, or the third set against the first two. */
static char *agg3(const struct three *t, bool compare, int fmt)
{
	const struct session *p[3] = {t->p[0], t->p[1], &t->s[2]};
	const char *names[3] = {t->names[0], t->names[1], "grouped2.session"};
	struct error err;
	struct buf b;

	if (report_aggregate(buf_open(&b), p, names, compare ? 2 : 3,
			     compare ? &t->s[2] : NULL,
			     compare ? "grouped2.session" : NULL, fmt, &err))
		fail_msg("report_aggregate: %s", err.msg);
	buf_close(&b);
	return b.data;
}

/* The formats of an aggregate with golden files. */
static const int agg_formats[] = {REPORT_TEXT, REPORT_CSV, REPORT_MD,
				  REPORT_JSON};

static void test_agg_golden(void **state)
{
	struct three t;
	(void)state;

	three_load(&t);
	for (size_t f = 0; f < sizeof agg_formats / sizeof *agg_formats; f++)
		for (int cmp = 0; cmp < 2; cmp++) {
			int fmt = agg_formats[f];
			char gname[64];
			char *out = agg3(&t, cmp, fmt);

			snprintf(gname, sizeof gname, "grouped-%s.%s",
				 cmp ? "compare" : "aggregate", exts[fmt]);
			golden(gname, out, strlen(out));
			if (fmt == REPORT_TEXT)
				check_text_shape(out);
			if (fmt == REPORT_CSV)
				check_csv_sums(out);
			free(out);
		}
	three_free(&t);
}

/* Sessions added up per group (by name) and per round, the divide of
 * the combined groups, and the compared session's difference per
 * group. */
static void test_agg_text(void **state)
{
	struct three t;
	(void)state;

	three_load(&t);
	char *out = agg3(&t, false, REPORT_TEXT);

	assert_non_null(strstr(out,
			       "Groups:   Sales Training, Product "
			       "Marketing, Sales Operations, Sales "
			       "Leadership,\n          Customer Success\n"));
	/* Product Marketing: 2:4 at Hooli (round 2) and 1:6 at Initrode. */
	assert_non_null(strstr(out, "    Product Marketing   3  23%  10  77%"
				    "     13\n"));
	assert_non_null(strstr(out, "Divide: 77 points between Product "
				    "Marketing (23% View 1) and Sales\n"));
	/* Round 2 of item 1 only at Hooli: its swing against its round 1,
	 * which the line says, as the table's round 1 is over all three. */
	assert_non_null(strstr(out, "    Round 1 (3 sessions)  34  57%  26  43%"
				    "     60\n    Round 2 (1 session)   16  67%"
				    "   8  33%     24\n    Swing to round 2, "
				    "over the 1 session that reached it: "
				    "View 1 +9, View 2 -9\n"));
	/* Item 5 is only in the article's session: no groups there. */
	const char *i5 = strstr(out, "5. Regarding the Value");
	const char *i6 = strstr(out, "6. Regarding Sales Training Strategy");
	assert_true(i5 && i6 && strstr(i5, "    Group ") > i6);
	assert_non_null(strstr(out, "The divide, widest first\n   3. "
				    "Regarding the Role of Sales Training\n"
				    "      100 points between"));
	free(out);

	out = agg3(&t, true, REPORT_TEXT);
	/* Initrode's Product Marketing 1 of 7 on View 1 (14%) against
	 * Hooli's 2 of 6 (33%): -19; Sales Leadership 100% both: +0. */
	assert_non_null(strstr(out, "Hands  Compared\n"));
	assert_non_null(strstr(out, "    Product Marketing   3  23%  10  77%"
				    "     13       -19\n"));
	assert_non_null(strstr(out, "    Sales Leadership    9 100%   0   0%"
				    "      9        +0\n"));
	assert_non_null(strstr(out, "    Sales Training      8  89%   1  11%"
				    "      9         -\n"));
	free(out);

	/* A session whose views differ by item: no totals for any. */
	session_free(&t.s[1]);
	load_edited(&t.s[1], "grouped2", "same-views: yes\n", "");
	out = agg3(&t, false, REPORT_TEXT);
	assert_null(strstr(out, "Totals over all items"));
	assert_null(strstr(out, "Overall:"));
	assert_non_null(strstr(out, "The divide, widest first"));
	free(out);
	three_free(&t);
}

/* Markdown: the same tables, the compared column too. */
static void test_agg_md(void **state)
{
	struct three t;
	(void)state;

	three_load(&t);
	char *out = agg3(&t, true, REPORT_MD);

	assert_non_null(strstr(out, "- Groups: Sales Training, Product "
				    "Marketing, Sales Operations, Sales "
				    "Leadership, Customer Success\n"
				    "- Percentages: of the hands raised\n"));
	assert_non_null(strstr(out, "| Group | View 1 | View 2 | Hands | "
				    "Compared |\n"));
	assert_non_null(strstr(out, "| Product Marketing | 3 (23%) | 10 (77%) "
				    "| 13 | -19 |\n"));
	assert_non_null(strstr(out, "| Round 2 (1 session) | 16 (67%) | 8 "
				    "(33%) | 24 |\n"));
	assert_non_null(strstr(out, "## The divide, widest first\n\n1. "
				    "Regarding the Role of Sales Training "
				    "(item 3): 100 points"));
	free(out);
	three_free(&t);
}

/* CSV: the groups' rows, the rounds' rows, each group's comparison. */
static void test_agg_csv(void **state)
{
	struct three t;
	(void)state;

	three_load(&t);
	char *out = agg3(&t, true, REPORT_CSV);

	assert_non_null(strstr(out, ",leans_other_way,group,round,swing,"
				    "changed_minds\r\n"));
	/* The room's row: the new columns empty. */
	assert_non_null(strstr(out, ",1,View 1,36,60,3,3,50,Initrode "
				    "leadership offsite,67,\"Hooli sales "
				    "summit, by team\",Initrode leadership "
				    "offsite,8,50,28,64,-14,no,,,,\r\n"));
	/* A group's: its sessions, no spread, its comparison. */
	assert_non_null(strstr(out, ",1,View 1,3,23,2,2,,,,,Initrode "
				    "leadership offsite,1,14,2,33,-19,no,"
				    "Product Marketing,,,\r\n"));
	/* A group the compared session does not have: no count there. */
	assert_non_null(strstr(out, ",1,View 1,8,89,1,1,,,,,Initrode "
				    "leadership offsite,,,8,89,,,Sales "
				    "Training,,,\r\n"));
	/* A round's: the swing and the changed minds. */
	assert_non_null(strstr(out, ",1,View 1,16,67,1,1,,,,,,,,,,,,,2,9,2"
				    "\r\n"));
	assert_non_null(strstr(out, ",1,View 1,34,57,3,3,,,,,,,,,,,,,1,,\r\n"));
	free(out);
	three_free(&t);
}

/* JSON, format version 2: groups, the divide, rounds and swings. */
static void test_agg_json(void **state)
{
	struct three t;
	(void)state;

	three_load(&t);
	char *out = agg3(&t, true, REPORT_JSON);

	assert_non_null(strstr(out, "\"version\": 2,\n"));
	assert_non_null(strstr(out, "\"percent_base\": \"hands\",\n  "
				    "\"groups\": [{\"number\": 1, \"name\": "
				    "\"Sales Training\"}, "));
	assert_non_null(strstr(out, "{\"name\": \"Product Marketing\", "
				    "\"sessions\": 2, \"counted\": 2, "
				    "\"leaning\": 2, \"total\": 13,"));
	assert_non_null(strstr(out, "\"view1_percent\": 14, "
				    "\"rest_view1_percent\": 33, "
				    "\"difference\": -19,"));
	assert_non_null(strstr(out, "\"divide\": {\"points\": 77, "
				    "\"groups\": [\"Product Marketing\", "
				    "\"Sales Leadership\"]}"));
	assert_non_null(strstr(out, "{\"round\": 2, \"sessions\": 1, "
				    "\"counted\": 1, \"leaning\": 1, "
				    "\"total\": 24, \"swing\": {\"points\": "
				    "[9, -9], \"changed\": 2},"));
	free(out);

	/* Views that differ by item in one session: no totals. */
	session_free(&t.s[2]);
	load_edited(&t.s[2], "grouped2", "same-views: yes\n", "");
	out = agg3(&t, false, REPORT_JSON);
	assert_non_null(strstr(out, "\"totals\": null\n}\n"));
	free(out);
	three_free(&t);
}

/* A format 2 session with groups[0..n) and one item counted by each. */
static void grouped_session(struct session *s, const char *name,
			    const char *const *groups, int n)
{
	char text[4096];
	size_t k = 0;
	struct error err;

	k += (size_t)snprintf(text + k, sizeof text - k,
			      "handsup-session 2\nname: %s\n"
			      "started: 2026-01-01T00:00:00Z\ndeck-title: T\n"
			      "deck-path: (embedded)\n"
			      "deck-hash: 0000000000000000\ncurrent: 0\n"
			      "percent-base: hands\n",
			      name);
	for (int g = 0; g < n; g++)
		k += (size_t)snprintf(text + k, sizeof text - k,
				      "group: 0 %s\n", groups[g]);
	k += (size_t)snprintf(text + k, sizeof text - k,
			      "%sitem: One\nview: View 1\nview: View 2\n"
			      "count: 1 1",
			      n ? "active-group: 1\n" : "");
	for (int g = 0; g < (n ? n : 1); g++)
		k += (size_t)snprintf(text + k, sizeof text - k, " %d", g + 1);
	k += (size_t)snprintf(text + k, sizeof text - k, "\ncount: 1 2");
	for (int g = 0; g < (n ? n : 1); g++)
		k += (size_t)snprintf(text + k, sizeof text - k, " 1");
	k += (size_t)snprintf(text + k, sizeof text - k, "\nend\n");
	assert_true(k < sizeof text);
	if (session_parse(s, text, k, &err))
		fail_msg("line %d: %s", err.line, err.msg);
}

/* Groups match by name across sessions, up to REPORT_MAX_GROUPS. */
static void test_agg_group_cap(void **state)
{
	static const char *const a[] = {"A", "B", "C", "D", "E", "F", "G", "H"};
	static const char *const b[] = {"H", "G", "I", "J", "K", "L", "M", "N"};
	static const char *const c[] = {"A", "O", "P", "Q"};
	struct session s[3];
	struct error err;
	(void)state;

	grouped_session(&s[0], "a", a, 8);
	grouped_session(&s[1], "b", b, 8);
	grouped_session(&s[2], "c", c, 4);
	struct report_agg *agg = report_agg_new();
	assert_non_null(agg);
	assert_int_equal(report_agg_add(agg, &s[0], "a.session", false, &err),
			 REPORT_AGG_OK);
	/* 8 + 6 new: 14 groups. */
	assert_int_equal(report_agg_add(agg, &s[1], "b.session", false, &err),
			 REPORT_AGG_OK);
	/* O, P and Q would make 17: refused whole, naming the file. */
	assert_int_equal(report_agg_add(agg, &s[2], "c.session", false, &err),
			 REPORT_AGG_EGROUPS);
	assert_non_null(strstr(err.msg, "c.session: group \"O\" is one too "
					"many: a report adds up at most 16"));
	struct buf b2;
	assert_int_equal(report_agg_write(buf_open(&b2), agg, REPORT_CSV, &err),
			 REPORT_AGG_OK);
	buf_close(&b2);
	/* Nothing of the refused session was added: 36 + 36 hands. */
	assert_non_null(strstr(b2.data, "T,1,One,1,View 1,72,82,2,2,"));
	free(b2.data);
	report_agg_free(agg);
	for (int i = 0; i < 3; i++)
		session_free(&s[i]);
}

/* The aggregates read back with Python's csv and json modules. */
static void test_python_reads_back(void **state)
{
	char dir[] = "/tmp/handsup-agg-XXXXXX", cmd[8192];
	char csv[600], exp[600];
	struct three t;
	FILE *f;
	(void)state;

	if (system("python3 -c 'import csv, json' >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(csv, sizeof csv, "%s/a.csv", dir);
	snprintf(exp, sizeof exp, "%s/expect", dir);
	three_load(&t);
	const struct session *all[3] = {&t.s[0], &t.s[1], &t.s[2]};
	assert_non_null(f = fopen(exp, "w"));
	expect_agg(f, all, 3);
	assert_int_equal(fclose(f), 0);
	for (int k = 0; k < 4; k++) {
		int fmt = k % 2 ? REPORT_JSON : REPORT_CSV;
		char *out = agg3(&t, k >= 2, fmt);

		assert_non_null(f = fopen(csv, "w"));
		fputs(out, f);
		assert_int_equal(fclose(f), 0);
		free(out);
		snprintf(cmd, sizeof cmd,
			 "python3 '%s/tests/report/check_formats.py' '%s' "
			 "%s '%s'",
			 root, exp, fmt == REPORT_CSV ? "agg-csv" : "agg-json",
			 csv);
		assert_int_equal(system(cmd), 0);
	}
	three_free(&t);
	unlink(csv);
	unlink(exp);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agg_golden),
		cmocka_unit_test(test_agg_text),
		cmocka_unit_test(test_agg_md),
		cmocka_unit_test(test_agg_csv),
		cmocka_unit_test(test_agg_json),
		cmocka_unit_test(test_agg_group_cap),
		cmocka_unit_test(test_python_reads_back),
	};

	/* Widths of CJK and accented text need a UTF-8 locale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	unit_find_root(root, sizeof root, __FILE__,
		       "tests/unit/test_report_agg.c");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
