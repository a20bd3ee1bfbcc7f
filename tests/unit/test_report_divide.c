/*
 * Reports of sessions counted by group and in rounds: golden files of
 * every format, the per-group splits and the divide, rounds and swings,
 * the base of the percentages and those who raised no hand, and totals
 * only where the views mean the same on every item.
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

/* One session's report in one format, into memory (caller frees). */
static char *export(const struct session *s, int fmt)
{
	struct buf b;

	assert_int_equal(report_write(buf_open(&b), s, fmt), 0);
	buf_close(&b);
	return b.data;
}

/* A sample session with one line of its text replaced. */
static void load_edited(struct session *s, const char *name, const char *from,
			const char *to)
{
	char path[4200];
	struct error err;
	size_t len = 0;

	snprintf(path, sizeof path, "%s/tests/report/%s.session", root, name);
	char *text = unit_slurp(path, &len);
	assert_non_null(text);
	char *at = strstr(text, from);
	assert_non_null(at);
	size_t cap = len + strlen(to) + 1;
	char *out = malloc(cap);
	assert_non_null(out);
	snprintf(out, cap, "%.*s%s%s", (int)(at - text), text, to,
		 at + strlen(from));
	if (session_parse(s, out, strlen(out), &err))
		fail_msg("%s:%d: %s", path, err.line, err.msg);
	free(out);
	free(text);
}

static void test_golden(void **state)
{
	static const char *const names[] = {"grouped", "room"};
	(void)state;

	for (size_t k = 0; k < 2; k++) {
		struct session s;

		load(&s, names[k]);
		for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
			char gname[64];
			char *out = export(&s, fmt);

			snprintf(gname, sizeof gname, "%s.%s", names[k],
				 exts[fmt]);
			golden(gname, out, strlen(out));
			if (fmt == REPORT_TEXT)
				check_text_shape(out);
			if (fmt == REPORT_CSV)
				check_csv_sums(out);
			free(out);
		}
		session_free(&s);
	}
}

/* The groups' splits, the divide and its ranking, the base. */
static void test_text_groups(void **state)
{
	struct session s;
	(void)state;

	load(&s, "grouped");
	char *out = export(&s, REPORT_TEXT);

	assert_non_null(strstr(out, "Percentages: of the hands raised\n"));
	assert_non_null(strstr(out, "Groups:  Sales Training (9 people), "));
	assert_non_null(strstr(out, "Headcount: 24\n"));
	/* Item 2: Sales Operations raised no hand, so no share. */
	assert_non_null(strstr(out, "    Sales Operations   0    -  0    -  "
				    "    0        5\n"));
	assert_non_null(strstr(out, "Divide: 75 points between Product "
				    "Marketing (100% View 1) and Sales\n"));
	assert_non_null(strstr(out, "Divide: none; fewer than two groups"));
	/* Ranked widest first: item 2 (75), then 1 and 4 (67 each). */
	const char *rank = strstr(out, "The divide, widest first\n");
	assert_non_null(rank);
	const char *i2 = strstr(rank, "   2. "), *i1 = strstr(rank, "   1. ");
	const char *i4 = strstr(rank, "   4. "), *i3 = strstr(rank, "   3. ");
	assert_true(i2 && i1 && i4 && i3 && i2 < i1 && i1 < i4 && i4 < i3);
	/* The views mean the same on every item: totals, per group too. */
	assert_non_null(strstr(out, "Totals over all items\n"));
	assert_non_null(strstr(out, "    Sales Training     15  55%  11  41%"));
	/* More hands than the headcount: said, and counted as counted. */
	assert_non_null(strstr(out, "25 hands, 1 more than the headcount (24)"));
	free(out);
	session_free(&s);
}

/* Two rounds: each round's counts and the swing between them. */
static void test_text_rounds(void **state)
{
	struct session s;
	(void)state;

	load(&s, "grouped");
	char *out = export(&s, REPORT_TEXT);

	/* 14:10 then 16:8 -- 58% to 67% of 24 hands: at least 2 moved. */
	assert_non_null(strstr(out, "Round 2: 24 hands, 0 raised no hand"));
	assert_non_null(strstr(out, "    Round 1  14  58%  10  42%     24"));
	assert_non_null(strstr(out, "    Round 2  16  67%   8  33%     24"));
	assert_non_null(strstr(out, "Swing to round 2: View 1 +9, View 2 -9 "
				    "points; at least 2 people changed\n"));
	/* Items of one round have no table of rounds. */
	const char *first = strstr(out, "    Round 1 ");
	assert_non_null(first);
	assert_null(strstr(first + 1, "    Round 1 "));
	free(out);
	session_free(&s);
}

/* Of everyone in the room: a "No hand" row, shares that include it. */
static void test_text_room_base(void **state)
{
	struct session s;
	(void)state;

	load(&s, "room");
	char *out = export(&s, REPORT_TEXT);

	assert_non_null(strstr(out, "Percentages: of everyone in the room\n"));
	/* 17 and 6 of 30: 57% and 20%, 7 raised no hand, 23%. */
	assert_non_null(strstr(out, "    Knew why        17   57%"));
	assert_non_null(strstr(out, "    No hand          7   23%"));
	/* 35 hands of 30: shares of the hands, and a warning. */
	assert_non_null(strstr(out, "    Routine         20   57%"));
	assert_non_null(strstr(out, "35 hands, 5 more than the headcount (30)"));
	/* Nobody raised a hand: no "No hand" row, no share. */
	assert_non_null(strstr(out, "    View 2           0     -\n    0 hands"));
	/* Views that differ from item to item: no totals over items. */
	assert_null(strstr(out, "Totals over all items"));
	assert_null(strstr(out, "Overall:"));
	assert_null(strstr(out, "Items:"));
	assert_null(strstr(out, "The divide"));
	free(out);
	session_free(&s);

	/* With groups and the room base, a group's no-hand share. */
	load_edited(&s, "grouped", "percent-base: hands", "percent-base: room");
	out = export(&s, REPORT_TEXT);
	check_text_shape(out);
	/* Item 2, Product Marketing: 5 of 6 to View 1, 1 raised no hand. */
	assert_non_null(strstr(out, "    Product Marketing  5  83%  0   0%"
				    "      5   1  17%\n"));
	free(out);
	session_free(&s);
}

/* Six views, eight groups with long names, big counts: 80 columns. */
static void test_text_wide(void **state)
{
	static const char text[] =
		"handsup-session 2\nname: W\nstarted: 2026-01-01T00:00:00Z\n"
		"deck-title: T\ndeck-path: (embedded)\n"
		"deck-hash: 0000000000000000\ncurrent: 0\n"
		"percent-base: room\n"
		"group: 99999 A group with a very long name indeed\n"
		"group: 0 B\ngroup: 5 C\ngroup: 5 D\ngroup: 5 E\n"
		"group: 5 F\ngroup: 5 G\ngroup: 5 東京東京東京東京東京東京\n"
		"active-group: 1\n"
		"item: Six\nview: A rather long label\nview: b\nview: c\n"
		"view: d\nview: e\nview: f\n"
		"count: 1 1 999999 1 1 1 1 1 1 1\ncount: 1 2 1 1 1 1 1 1 1 1\n"
		"count: 1 3 1 1 1 1 1 1 1 1\ncount: 1 4 1 1 1 1 1 1 1 1\n"
		"count: 1 5 1 1 1 1 1 1 1 1\ncount: 1 6 1 1 1 1 1 1 1 1\n"
		"count: 2 1 5 1 1 1 1 1 1 1\ncount: 2 2 1 1 1 1 1 1 1 1\n"
		"count: 2 3 1 1 1 1 1 1 1 1\ncount: 2 4 1 1 1 1 1 1 1 1\n"
		"count: 2 5 1 1 1 1 1 1 1 1\ncount: 2 6 1 1 1 1 1 1 1 1\n"
		"end\n";
	struct session s;
	struct error err;
	(void)state;

	if (session_parse(&s, text, sizeof text - 1, &err))
		fail_msg("line %d: %s", err.line, err.msg);
	char *out = export(&s, REPORT_TEXT);
	check_text_shape(out);
	/* Shares only, names cut: the counts are in the CSV. */
	assert_non_null(strstr(out, "    A group wit…      0%"));
	assert_non_null(strstr(out, "Swing to round 2:"));
	free(out);
	session_free(&s);
}

/* One row per item, view, group and round, and the room's. */
static void test_csv_rows(void **state)
{
	struct session s;
	(void)state;

	load(&s, "grouped");
	char *out = export(&s, REPORT_CSV);

	assert_non_null(strstr(out, "percent,group,round,view_text,"
				    "percent_base,headcount\r\n"));
	/* The room's row of round 1 (no group), with the view's text. */
	assert_non_null(strstr(out, ",1,Regarding the Scope of Sales Training,"
				    "1,View 1,14,58,,1,Sales training’s role "
				    "is to focus on improving the skills of "
				    "the sales force.,hands,24\r\n"));
	/* A group's row of round 2; a text with a comma is quoted. */
	assert_non_null(strstr(out, ",2,View 2,0,0,Sales Leadership,2,\"Sales "
				    "training’s role is to scale"));
	/* A group that raised no hand: no share; a view without text. */
	assert_non_null(strstr(out, ",1,View 1,0,,Sales Operations,1,Sales "
				    "training decisions"));
	assert_non_null(strstr(out, ",3,Not sure,1,11,Sales Training,1,,hands,"
				    "9\r\n"));
	size_t rows = 0;
	for (const char *q = out; (q = strstr(q, "\r\n")); q += 2)
		rows++;
	/* Header; item 1: 2 rounds x 5 x 2; items 2, 3: 5 x 2; item 4: 5 x 3. */
	assert_int_equal(rows, 1 + 20 + 10 + 10 + 15);
	free(out);
	session_free(&s);

	load(&s, "room");
	out = export(&s, REPORT_CSV);
	/* Of the room: 12 of 30; an over-count falls back to the hands. */
	assert_non_null(strstr(out, ",1,Knew why,12,40,,1,We knew what we were "
				    "building and why.,room,30\r\n"));
	assert_non_null(strstr(out, ",1,Routine,20,57,,1,,hands,30\r\n"));
	free(out);
	session_free(&s);
}

/* Markdown: the text report's tables, escaped. */
static void test_md_tables(void **state)
{
	struct session s;
	(void)state;

	load(&s, "grouped");
	char *out = export(&s, REPORT_MD);

	assert_non_null(strstr(out, "- Percentages: of the hands raised\n"));
	assert_non_null(strstr(out, "| Group | View 1 | View 2 | Hands | "
				    "No hand |\n|:---|---:|---:|---:|---:|\n"
				    "| Sales Training | 8 (89%) | 1 (11%) | 9 "
				    "| 0 |\n"));
	assert_non_null(strstr(out, "| Sales Operations | 0 (-) | 0 (-) | 0 "
				    "| 5 |\n"));
	assert_non_null(strstr(out, "| Round 2 | 16 (67%) | 8 (33%) | 24 "
				    "| 0 |\n"));
	assert_non_null(strstr(out, "\nSwing to round 2: View 1 +9, View 2 -9 "
				    "points; at least 2 people changed their "
				    "minds.\n"));
	assert_non_null(strstr(out, "## The divide, widest first\n\n1. "
				    "Regarding Sales Training Design and "
				    "Delivery (item 2): 75 points between"));
	free(out);
	session_free(&s);

	load(&s, "room");
	out = export(&s, REPORT_MD);
	assert_non_null(strstr(out, "| No hand | 7 | 23% |\n"));
	assert_non_null(strstr(out, "| Round 1 | 12 (40%) | 10 (33%) | 22 "
				    "| 8 (27%) |\n"));
	assert_non_null(strstr(out, "-19 points of the hands raised; at "));
	assert_null(strstr(out, "Totals"));
	assert_null(strstr(out, "Overall"));
	free(out);
	session_free(&s);

	/* A group's name is text for Markdown: "|" and "*" escaped. */
	load_edited(&s, "grouped", "group: 6 Product Marketing",
		    "group: 6 Product | *Marketing*");
	out = export(&s, REPORT_MD);
	assert_non_null(strstr(out, "| Product \\| \\*Marketing\\* | 2 (33%)"));
	free(out);
	session_free(&s);
}

/* JSON, format version 2: the base, the groups, the divide, rounds. */
static void test_json_fields(void **state)
{
	struct session s;
	(void)state;

	load(&s, "grouped");
	char *out = export(&s, REPORT_JSON);

	assert_non_null(strstr(out, "\"version\": 2,\n"));
	assert_non_null(strstr(out, "\"percent_base\": \"hands\",\n  "
				    "\"same_views\": true,\n  \"headcount\": "
				    "24,\n"));
	assert_non_null(strstr(out, "{\"number\": 4, \"name\": \"Sales "
				    "Leadership\", \"headcount\": 4}"));
	assert_non_null(strstr(out, "\"divide\": {\"points\": 75, "
				    "\"groups\": [\"Product Marketing\", "
				    "\"Sales Leadership\"]}"));
	assert_non_null(strstr(out, "\"divide\": null"));
	assert_non_null(strstr(out, "\"swing\": {\"points\": [9, -9], "
				    "\"changed\": 2}}]}"));
	/* A group that raised no hand: no leaning, no shares. */
	assert_non_null(strstr(out, "{\"name\": \"Sales Operations\", "
				    "\"total\": 0, \"leaning\": null, "
				    "\"headcount\": 5, \"no_hand\": 5"));
	free(out);
	session_free(&s);

	load(&s, "room");
	out = export(&s, REPORT_JSON);
	assert_non_null(strstr(out, "\"groups\": [],\n"));
	assert_non_null(strstr(out, "\"no_hand\": 7, \"no_hand_percent\": "
				    "23, \"percent_base\": \"room\""));
	assert_non_null(strstr(out, "\"totals\": null\n}\n"));
	free(out);
	session_free(&s);
}

/* The exports read back with Python's csv and json modules. */
static void test_python_reads_back(void **state)
{
	static const char *const names[] = {"grouped", "room"};
	char dir[] = "/tmp/handsup-divide-XXXXXX", cmd[8192];
	char csv[600], json[600], exp[600];
	(void)state;

	if (system("python3 -c 'import csv, json' >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(csv, sizeof csv, "%s/s.csv", dir);
	snprintf(json, sizeof json, "%s/s.json", dir);
	snprintf(exp, sizeof exp, "%s/expect", dir);
	for (size_t k = 0; k < 2; k++) {
		struct session s;
		FILE *f;

		load(&s, names[k]);
		for (int fmt = REPORT_CSV; fmt <= REPORT_JSON; fmt += 2) {
			char *out = export(&s, fmt);

			f = fopen(fmt == REPORT_CSV ? csv : json, "w");
			assert_non_null(f);
			fputs(out, f);
			assert_int_equal(fclose(f), 0);
			free(out);
		}
		assert_non_null(f = fopen(exp, "w"));
		expect_session(f, &s);
		assert_int_equal(fclose(f), 0);
		session_free(&s);
		snprintf(cmd, sizeof cmd,
			 "python3 '%s/tests/report/check_formats.py' '%s' "
			 "session-csv '%s' session-json '%s'",
			 root, exp, csv, json);
		assert_int_equal(system(cmd), 0);
	}
	unlink(csv);
	unlink(json);
	unlink(exp);
	rmdir(dir);
}

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
static const int agg_formats[] = {REPORT_TEXT, REPORT_MD};

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

	assert_non_null(strstr(out, "Groups:   Sales Training, Product "
				    "Marketing, Sales Operations, Sales "
				    "Leadership,\n          Customer Success\n"));
	/* Product Marketing: 2:4 at Hooli (round 2) and 1:6 at Initrode. */
	assert_non_null(strstr(out, "    Product Marketing   3  23%  10  77%"
				    "     13\n"));
	assert_non_null(strstr(out, "Divide: 77 points between Product "
				    "Marketing (23% View 1) and Sales\n"));
	/* Round 2 of item 1 only at Hooli: its swing against its round 1. */
	assert_non_null(strstr(out, "    Round 1 (3 sessions)  34  57%  26  43%"
				    "     60\n    Round 2 (1 session)   16  67%"
				    "   8  33%     24\n    Swing to round 2: "
				    "View 1 +9, View 2 -9 points; at least 2"));
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
	assert_int_equal(report_agg_write(buf_open(&b2), agg, REPORT_CSV,
					  &err),
			 REPORT_AGG_OK);
	buf_close(&b2);
	/* Nothing of the refused session was added: 36 + 36 hands. */
	assert_non_null(strstr(b2.data, "T,1,One,1,View 1,72,82,2,2,"));
	free(b2.data);
	report_agg_free(agg);
	for (int i = 0; i < 3; i++)
		session_free(&s[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_text_groups),
		cmocka_unit_test(test_text_rounds),
		cmocka_unit_test(test_text_room_base),
		cmocka_unit_test(test_text_wide),
		cmocka_unit_test(test_csv_rows),
		cmocka_unit_test(test_md_tables),
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_agg_golden),
		cmocka_unit_test(test_agg_text),
		cmocka_unit_test(test_agg_md),
		cmocka_unit_test(test_agg_group_cap),
		cmocka_unit_test(test_python_reads_back),
	};

	/* Widths of CJK and accented text need a UTF-8 locale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	unit_find_root(root, sizeof root, __FILE__,
		       "tests/unit/test_report_divide.c");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
