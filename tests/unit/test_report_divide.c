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
	assert_non_null(
		strstr(out, "25 hands, 1 more than the headcount (24)"));
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
	assert_non_null(
		strstr(out, "35 hands, 5 more than the headcount (30)"));
	/* Nobody raised a hand: no "No hand" row, no share. */
	assert_non_null(
		strstr(out, "    View 2           0     -\n    0 hands"));
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

/* An aggregate of sessions s[0..n) in fmt, into memory (caller frees). */
static char *export_agg(const struct session *const *s, size_t n, int fmt)
{
	struct buf b;
	struct error err;

	assert_int_equal(report_aggregate(buf_open(&b), s, NULL, n, NULL, NULL,
					  fmt, &err),
			 0);
	buf_close(&b);
	return b.data;
}

/*
 * The divide names a view by the item's label, as the screen and the
 * tables do: "(33% Skills)", not "(33% View 1)".
 */
static void test_divide_labels(void **state)
{
	struct session s;
	(void)state;

	load(&s, "labels");
	char *out = export(&s, REPORT_TEXT);
	assert_non_null(strstr(out, "Divide: 67 points between Product "
				    "Marketing (33% Skills) and Sales\n"
				    "            Leadership (100% Skills)\n"));
	assert_non_null(strstr(out, "67 points between Product Marketing "
				    "(67% Impact) and Sales Leadership (0%\n"
				    "      Impact)\n"));
	/* An item whose labels are the defaults still says "View 1". */
	assert_non_null(strstr(out, "(100% View 1) and Sales\n"
				    "            Leadership (25% View 1)\n"));
	free(out);
	out = export(&s, REPORT_MD);
	assert_non_null(strstr(out, "Divide: 67 points between Product "
				    "Marketing (33% Skills) and Sales "
				    "Leadership (100% Skills)"));
	assert_null(strstr(out, "(33% View 1)"));
	free(out);

	const struct session *one[] = {&s};
	out = export_agg(one, 1, REPORT_TEXT);
	assert_non_null(strstr(out, "(33% Skills) and Sales"));
	assert_null(strstr(out, "(33% View 1)"));
	free(out);
	out = export_agg(one, 1, REPORT_MD);
	assert_non_null(strstr(out, "(33% Skills) and Sales Leadership "
				    "(100% Skills)"));
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
		cmocka_unit_test(test_divide_labels),
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_python_reads_back),
	};

	/* Widths of CJK and accented text need a UTF-8 locale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	unit_find_root(root, sizeof root, __FILE__,
		       "tests/unit/test_report_divide.c");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
