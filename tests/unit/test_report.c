/*
 * Reports: golden files for every format, one session and many; the
 * shape of the text (80 columns), shares that add up, escaping, refusal
 * of another deck's session, and export's no-overwrite rule.  CSV and
 * JSON are read back by Python's own parsers (tests/report/check_formats.py).
 *
 * HANDSUP_UPDATE_GOLDEN=1 rewrites the golden files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "unit/report_fixture.h"

#include <dirent.h>
#include <stdbool.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"
#include "core/session.h"
#include "core/tally.h"
#include "base/text.h"
#include "base/error.h"
#include "base/safe.h"
#include "core/session_parse.h"

static const char *const exts[] = {"txt", "csv", "md", "json"};

static void test_golden_single(void **state)
{
	static const char *const names[] = {"article", "intl"};
	(void)state;

	for (size_t k = 0; k < 2; k++) {
		struct session s;

		load(&s, names[k]);
		for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
			struct buf b;
			char gname[64];

			assert_int_equal(report_write(buf_open(&b), &s, fmt),
					 0);
			buf_close(&b);
			snprintf(gname, sizeof gname, "%s.%s", names[k],
				 exts[fmt]);
			golden(gname, b.data, b.len);
			if (fmt == REPORT_TEXT)
				check_text_shape(b.data);
			if (fmt == REPORT_CSV)
				check_csv_sums(b.data);
			free(b.data);
		}
		session_free(&s);
	}
}

/* The text report is the same under LANG=C: it measures as UTF-8. */
static void test_any_locale(void **state)
{
	struct session s;
	struct buf b;
	(void)state;

	load(&s, "intl");
	setlocale(LC_ALL, "C");
	assert_int_equal(report_write(buf_open(&b), &s, REPORT_TEXT), 0);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	buf_close(&b);
	golden("intl.txt", b.data, b.len);
	free(b.data);
	session_free(&s);
}

/* The three workshops of the article's deck, in a fixed order. */
struct trio {
	struct session s[3];
	const struct session *p[3];
	const char *names[3];
};

static void trio_load(struct trio *t)
{
	static const char *const n[] = {"article", "globex", "initech"};

	for (int i = 0; i < 3; i++) {
		load(&t->s[i], n[i]);
		t->p[i] = &t->s[i];
		t->names[i] = n[i];
	}
}

static void trio_free(struct trio *t)
{
	for (int i = 0; i < 3; i++)
		session_free(&t->s[i]);
}

static char *aggregate(const struct session *const *p, const char *const *names,
		       size_t n, const struct session *cmp, int fmt)
{
	struct buf b;
	struct error err;

	if (report_aggregate(buf_open(&b), p, names, n, cmp,
			     cmp ? "globex" : NULL, fmt, &err))
		fail_msg("report_aggregate: %s", err.msg);
	buf_close(&b);
	return b.data;
}

static void test_golden_aggregate(void **state)
{
	struct trio t;
	(void)state;

	trio_load(&t);
	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		char gname[64];
		char *out = aggregate(t.p, t.names, 3, NULL, fmt);

		snprintf(gname, sizeof gname, "aggregate.%s", exts[fmt]);
		golden(gname, out, strlen(out));
		if (fmt == REPORT_TEXT)
			check_text_shape(out);
		if (fmt == REPORT_CSV)
			check_csv_sums(out);
		free(out);

		/* Globex set against Acme and Initech. */
		const struct session *rest[2] = {&t.s[0], &t.s[2]};
		const char *rnames[2] = {"article", "initech"};

		out = aggregate(rest, rnames, 2, &t.s[1], fmt);
		snprintf(gname, sizeof gname, "compare.%s", exts[fmt]);
		golden(gname, out, strlen(out));
		if (fmt == REPORT_TEXT)
			check_text_shape(out);
		free(out);
	}
	trio_free(&t);
}

static void test_aggregate_figures(void **state)
{
	struct trio t;
	(void)state;

	trio_load(&t);
	char *out = aggregate(t.p, t.names, 3, NULL, REPORT_TEXT);

	/* Item 1: 12+2+30 and 8+9+1 hands. */
	assert_non_null(strstr(out, "    View 1     44   71%"));
	assert_non_null(strstr(out, "62 hands in 3 of 3 sessions (3 counted)"));
	/* Globex 2 of 11 = 18%, Initech 30 of 31 = 97%. */
	assert_non_null(strstr(out, "lowest:   18% in Globex enablement team"));
	assert_non_null(strstr(out, "highest:  97% in Initech"));
	/* Initech's deck had no "Value" item: counted over the other two. */
	assert_non_null(strstr(out, "in 2 of 3 sessions"));
	/* Item 2 is counted only at Initech (3 to 3), Globex (4 to 4). */
	assert_non_null(strstr(out, "14 hands in 3 of 3 sessions (2 counted)"));
	free(out);

	const struct session *rest[2] = {&t.s[0], &t.s[2]};
	const char *rnames[2] = {"article", "initech"};

	out = aggregate(rest, rnames, 2, &t.s[1], REPORT_TEXT);
	assert_non_null(strstr(out, "Compared: Globex enablement team"));
	/* Globex 18% on View 1; Acme and Initech pooled 42 of 51 = 82%. */
	assert_non_null(strstr(out, "Compared: View 1 18% vs 82% in the rest, "
				    "-64 points, leans the other way"));
	free(out);
	trio_free(&t);
}

static void test_other_deck_refused(void **state)
{
	struct session a, b;
	struct error err;
	struct buf buf;
	(void)state;

	load(&a, "article");
	load(&b, "intl");
	const struct session *p[2] = {&a, &b};
	const char *names[2] = {"x/article.session", "y/intl.session"};

	assert_int_equal(report_aggregate(buf_open(&buf), p, names, 2, NULL,
					  NULL, REPORT_TEXT, &err),
			 -1);
	buf_close(&buf);
	assert_int_equal(buf.len, 0);
	free(buf.data);
	assert_non_null(strstr(err.msg, "y/intl.session: is a session of "
					"another deck (\""));
	assert_non_null(strstr(err.msg, "\"), not \"The Widening Divide: Two"));

	/* The same for the compared session. */
	assert_int_equal(report_aggregate(buf_open(&buf), p, names, 1, &b,
					  "cmp\x1b[31m.session", REPORT_CSV,
					  &err),
			 -1);
	buf_close(&buf);
	free(buf.data);
	assert_non_null(strstr(err.msg, "cmp"));
	assert_null(strchr(err.msg, '\x1b'));
	session_free(&a);
	session_free(&b);
}

/* Odd but valid sessions still give tidy text and shares that add up. */
static void test_edge_shapes(void **state)
{
	static const char text[] =
		"handsup-session 1\nname: \nstarted: 1970-01-01T00:00:00Z\n"
		"deck-title: T\ndeck-path: (embedded)\n"
		"deck-hash: 0000000000000000\ncurrent: 0\nitem: =\n"
		"view: 0 \nview: 999999 a\n"
		"view: 999999 "
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
		"\n"
		"view: 1 c\nview: 0 d\nview: 7 e\n"
		"item: "
		"東京東京東京東京東京東京東京東京東京東京東京東京東京東京東京"
		"東京東京東京東京東京東京東京東京東京東京東京東京\n"
		"view: 0 x\nview: 0 y\nend\n";
	struct session s;
	struct error serr;
	(void)state;

	if (session_parse(&s, text, sizeof text - 1, &serr))
		fail_msg("line %d: %s", serr.line, serr.msg);
	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		struct buf b;

		assert_int_equal(report_write(buf_open(&b), &s, fmt), 0);
		buf_close(&b);
		if (fmt == REPORT_TEXT) {
			check_text_shape(b.data);
			assert_non_null(strstr(b.data, "bbbbbbbb\xe2\x80\xa6"));
			assert_non_null(strstr(b.data, "1 of 2 items counted"));
		}
		if (fmt == REPORT_CSV)
			check_csv_sums(b.data);
		free(b.data);
	}
	session_free(&s);
}

/* A session from its items: "heading|count label|count label..." each. */
static void make_session(struct session *s, const char *name,
			 const char *const *items, int n)
{
	char text[8192];
	size_t k = 0;
	struct error err;

	k += (size_t)snprintf(text + k, sizeof text - k,
			      "handsup-session 1\nname: %s\n"
			      "started: 2026-01-01T00:00:00Z\n"
			      "deck-title: T\ndeck-path: (embedded)\n"
			      "deck-hash: 0000000000000000\ncurrent: 0\n",
			      name);
	for (int i = 0; i < n; i++) {
		char item[512], *save = NULL;

		snprintf(item, sizeof item, "%s", items[i]);
		k += (size_t)snprintf(text + k, sizeof text - k, "item: %s\n",
				      strtok_r(item, "|", &save));
		for (char *v; (v = strtok_r(NULL, "|", &save));)
			k += (size_t)snprintf(text + k, sizeof text - k,
					      "view: %s\n", v);
	}
	k += (size_t)snprintf(text + k, sizeof text - k, "end\n");
	assert_true(k < sizeof text);
	if (session_parse(s, text, k, &err))
		fail_msg("line %d: %s", err.line, err.msg);
}

/*
 * Two items with one heading stay two items in the aggregate: a session's
 * item takes the first aggregate item with its heading that the session
 * has not taken yet.
 */
static void test_duplicate_headings(void **state)
{
	static const char *const a[] = {"Same|10 a|7 b", "Same|3 a|14 b"};
	static const char *const b[] = {"Same|1 a|1 b", "Same|0 a|5 b"};
	/* An edited deck: the first "Same" is gone, "Other" is new. */
	static const char *const c[] = {"Other|1 a|0 b", "Same|2 a|0 b"};
	struct session s[3];
	const struct session *p[3] = {&s[0], &s[1], &s[2]};
	const char *names[3] = {"a", "b", "c"};
	(void)state;

	make_session(&s[0], "A", a, 2);
	make_session(&s[1], "B", b, 2);
	make_session(&s[2], "C", c, 2);
	char *out = aggregate(p, names, 2, NULL, REPORT_TEXT);

	assert_non_null(strstr(out, "19 hands in 2 of 2 sessions"));
	assert_non_null(strstr(out, "22 hands in 2 of 2 sessions"));
	assert_null(strstr(out, "in 4 of"));
	check_text_shape(out);
	free(out);

	out = aggregate(p, names, 3, NULL, REPORT_TEXT);
	assert_non_null(strstr(out, "1. Same\n"));
	assert_non_null(strstr(out, "21 hands in 3 of 3 sessions"));
	assert_non_null(strstr(out, "2. Same\n"));
	assert_non_null(strstr(out, "22 hands in 2 of 3 sessions"));
	assert_non_null(strstr(out, "3. Other\n"));
	assert_non_null(strstr(out, "1 hand in 1 of 3 sessions"));
	free(out);
	for (int i = 0; i < 3; i++)
		session_free(&s[i]);
}

/*
 * Where one side did not count an item, no format shows a figure for it:
 * no share, no difference, no leaning (null in JSON, empty in CSV, "-" in
 * text and Markdown), so that nobody reads "no difference" into it.  A
 * side that does not have the item at all (a deck edited between the
 * workshops) has no count either: null or empty, never 0.
 */
static void test_compare_not_counted(void **state)
{
	static const char *const a[] = {
		"Both|3 a|1 b", "Rest only|2 a|2 b", "Compared only|0 a|0 b",
		"Nobody|0 a|0 b", "Not compared|1 a|4 b"};
	static const char *const c[] = {
		"Both|1 a|3 b",		 "Rest only|0 a|0 b",
		"Compared only|5 a|0 b", "Nobody|0 a|0 b",
		"New|2 a|1 b",		 "New, not counted|0 a|0 b"};
	struct session s[2];
	const struct session *p[1] = {&s[0]};
	const char *names[1] = {"a"};
	(void)state;

	make_session(&s[0], "A", a, 5);
	make_session(&s[1], "C", c, 6);
	for (int fmt = REPORT_TEXT; fmt <= REPORT_JSON; fmt++) {
		char gname[64];
		char *out = aggregate(p, names, 1, &s[1], fmt);

		snprintf(gname, sizeof gname, "compare-uncounted.%s",
			 exts[fmt]);
		golden(gname, out, strlen(out));
		if (fmt == REPORT_TEXT) {
			check_text_shape(out);
			assert_non_null(strstr(
				out, "Compared: View 1 25% vs 75% in the rest, "
				     "-50 points, leans the other way\n"));
			assert_non_null(strstr(out, "Compared: not counted\n"));
			assert_non_null(strstr(
				out, "View 1 100%; the rest did not count"));
			assert_non_null(
				strstr(out, "Compared: not in that session\n"));
			assert_non_null(strstr(out, "Compared: View 1 67%; not "
						    "in the other sessions\n"));
			assert_non_null(strstr(out,
					       "Compared: not counted; not "
					       "in the other sessions\n"));
			assert_null(strstr(out, "+0 points"));
		}
		if (fmt == REPORT_JSON) {
			/* Only item 1 has both sides: one difference. */
			assert_non_null(strstr(out, "\"difference\": -50"));
			assert_null(strstr(out, "\"difference\": 0"));
			/* A 0 share only where a side counted the item. */
			assert_null(strstr(out, "view1_percent\": 0"));
			assert_null(strstr(out, "rest_percent\": 0"));
			assert_non_null(strstr(
				out,
				"\"count\": 0, \"percent\": null, "
				"\"compare_count\": 0, \"compare_percent\": "
				"null, \"rest_count\": 0, \"rest_percent\": "
				"null}"));
			assert_non_null(strstr(
				out,
				"\"counted\": false, \"rest_present\": true, "
				"\"view1_percent\": null, "
				"\"rest_view1_percent\": 50, \"difference\": "
				"null, \"leans_other_way\": null}"));
			/* No count, not 0, for a side without the item. */
			assert_non_null(strstr(
				out,
				"\"count\": 1, \"percent\": 20, "
				"\"compare_count\": null, "
				"\"compare_percent\": null, "
				"\"rest_count\": 1, \"rest_percent\": 20}"));
			assert_non_null(strstr(out,
					       "\"count\": 2, \"percent\": 67, "
					       "\"compare_count\": 2, "
					       "\"compare_percent\": 67, "
					       "\"rest_count\": null, "
					       "\"rest_percent\": null}"));
			assert_non_null(strstr(out, "\"rest_present\": false"));
		}
		if (fmt == REPORT_CSV) {
			check_csv_sums(out);
			/* Nobody: no share, no min/max, no comparison; no
			 * groups or rounds (the last four fields). */
			assert_non_null(strstr(
				out, ",4,Nobody,1,a,0,,2,0,,,,,C,0,,0,,,,,,,\r\n"));
			assert_null(strstr(out, ",no,,,,\r\n"));
			/* No count for a side without the item. */
			assert_non_null(strstr(out,
					       ",5,Not compared,1,a,1,20,1,1,"
					       "20,A,20,A,C,,,1,20,,,,,,\r\n"));
			assert_non_null(strstr(
				out, ",6,New,1,a,2,67,1,1,67,C,67,C,C,2,67,,,,"
				     ",,,,\r\n"));
			assert_non_null(strstr(
				out, ",7,\"New, not counted\",2,b,0,,1,0,"
				     ",,,,C,0,,,,,,,,,\r\n"));
		}
		if (fmt == REPORT_MD) {
			assert_non_null(strstr(out, "| a | 0 | - | - | - |"));
			assert_non_null(strstr(out,
					       "Compared: not in the other "
					       "sessions."));
			assert_null(strstr(out, "+0 points"));
		}
		free(out);
	}
	session_free(&s[0]);
	session_free(&s[1]);
}

/* Text of any length is wrapped whole, never cut after so many lines. */
static void test_wrap_any_length(void **state)
{
	size_t cap = 1200 * 9 + 1, k = 0;
	char *text = malloc(cap);
	struct buf b;
	(void)state;

	assert_non_null(text);
	for (int w = 1; w <= 1200; w++)
		k += (size_t)snprintf(text + k, cap - k, "%sw%07d",
				      w > 1 ? " " : "", w);
	assert_int_equal(report_text_wrap(buf_open(&b), "1. ", text), 0);
	buf_close(&b);
	check_text_shape(b.data);
	assert_non_null(strstr(b.data, "1. w0000001 "));
	assert_non_null(strstr(b.data, " w0001200\n"));
	size_t lines = 0;
	for (const char *q = b.data; *q; q++)
		lines += *q == '\n';
	assert_true(lines > 64);
	free(b.data);
	free(text);
}

/* Six views, each leaned to by an item: the "Items:" line is wrapped. */
static void test_six_views_fit(void **state)
{
	static const char *const items[] = {
		"One|1 a|0 b|0 c|0 d|0 e|0 f",	 "Two|0 a|1 b|0 c|0 d|0 e|0 f",
		"Three|0 a|0 b|1 c|0 d|0 e|0 f", "Four|0 a|0 b|0 c|1 d|0 e|0 f",
		"Five|0 a|0 b|0 c|0 d|1 e|0 f",	 "Six|0 a|0 b|0 c|0 d|0 e|1 f",
	};
	struct session s;
	struct buf b;
	(void)state;

	make_session(&s, "Six", items, 6);
	assert_int_equal(report_write(buf_open(&b), &s, REPORT_TEXT), 0);
	buf_close(&b);
	check_text_shape(b.data);
	assert_non_null(strstr(b.data, "Items:   1 to View 1, 1 to View 2,"));
	assert_non_null(strstr(b.data, "1 to View 6, 0 tied, 0 not counted\n"));
	free(b.data);
	session_free(&s);
}

static void test_escaping(void **state)
{
	struct buf b;
	(void)state;

	/* ESC, a bidi override, a C1 control and a bad byte: all replaced. */
	const char *nasty = "a\x1b[31mb\xe2\x80\xae"
			    "c\xc2\x85"
			    "d\xff|e,\"f\"";
	FILE *f = buf_open(&b);

	assert_int_equal(safe_put(f, nasty, strlen(nasty)), 0);
	fputc('\n', f);
	assert_int_equal(report_put_csv(f, nasty), 0);
	fputc('\n', f);
	assert_int_equal(report_put_json(f, "q\"b\\s\x01\x1f"), 0);
	fputc('\n', f);
	assert_int_equal(report_put_md(f, "a|b *c* [d](e) <f> `g` $h$ ~i~"), 0);
	fputc('\n', f);
	assert_int_equal(report_put_json(f, NULL), 0);
	buf_close(&b);
	const char *want =
		"a\xef\xbf\xbd[31mb\xef\xbf\xbd"
		"c\xef\xbf\xbd"
		"d\xef\xbf\xbd|e,\"f\"\n"
		"\"a\xef\xbf\xbd[31mb\xef\xbf\xbd"
		"c\xef\xbf\xbd"
		"d\xef\xbf\xbd|e,\"\"f\"\"\"\n"
		"\"q\\\"b\\\\s\\u0001\\u001f\"\n"
		"a\\|b \\*c\\* \\[d\\](e) \\<f\\> \\`g\\` \\$h\\$ \\~i\\~\n"
		"null";
	assert_string_equal(b.data, want);
	free(b.data);
}

/* Cells a spreadsheet would run as formulas stay text (OWASP). */
static void test_csv_formulas_stay_text(void **state)
{
	struct buf b;
	(void)state;
	FILE *f = buf_open(&b);
	static const char *const cells[] = {"=1+1",     "+SUM(A1)", "-2+3",
					    "@cmd",     "\tx",       "\ry",
					    "a=b",      "View -1",  "",
					    "=HYPERLINK(\"x\",\"y\")"};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		assert_int_equal(report_put_csv(f, cells[i]), 0);
		fputc('\n', f);
	}
	buf_close(&b);
	assert_string_equal(b.data, "\"'=1+1\"\n"
				    "\"'+SUM(A1)\"\n"
				    "\"'-2+3\"\n"
				    "\"'@cmd\"\n"
				    "\"' x\"\n"
				    "\"'\xef\xbf\xbdy\"\n"
				    "a=b\n"
				    "View -1\n"
				    "\n"
				    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\n");
	free(b.data);
}

static void test_slug_and_formats(void **state)
{
	char buf[64];
	(void)state;

	report_slug("Acme sales kickoff, \"Q4\" | day 1", buf, sizeof buf);
	assert_string_equal(buf, "acme-sales-kickoff-q4-day-1");
	report_slug("../../etc/passwd", buf, sizeof buf);
	assert_string_equal(buf, "etc-passwd");
	report_slug("東京", buf, sizeof buf);
	assert_string_equal(buf, "session");
	report_slug(NULL, buf, sizeof buf);
	assert_string_equal(buf, "session");
	assert_int_equal(report_format_parse("markdown"), REPORT_MD);
	assert_int_equal(report_format_parse("json"), REPORT_JSON);
	assert_int_equal(report_format_parse("xml"), -1);
	assert_string_equal(report_format_ext(REPORT_TEXT), "txt");
	report_time(buf, sizeof buf, 1795772112, false);
	assert_string_equal(buf, "2026-11-27 09:35 UTC");
	report_time(buf, sizeof buf, 1795772112, true);
	assert_string_equal(buf, "2026-11-27T09:35:12Z");
}

static void test_write_error(void **state)
{
	struct session s;
	(void)state;

	FILE *f = fopen("/dev/full", "w");
	if (!f) {
		print_message("skipped: /dev/full cannot be opened\n");
		skip();
	}
	load(&s, "article");
	assert_int_equal(report_write(f, &s, REPORT_TEXT), -1);
	fclose(f);
	session_free(&s);
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wx");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_export_never_overwrites(void **state)
{
	char dir[] = "/tmp/handsup-report-XXXXXX", p[512];
	char *paths[2];
	struct error err;
	struct session s;
	const char *base = "acme-sales-kickoff-q4-day-1";
	(void)state;

	assert_non_null(mkdtemp(dir));
	load(&s, "article");
	/* Half of the first pair and the CSV of the third already exist. */
	snprintf(p, sizeof p, "%s/%s.txt", dir, base);
	put_file(p, "keep me\n");
	snprintf(p, sizeof p, "%s/%s-3.csv", dir, base);
	put_file(p, "keep me too\n");

	assert_int_equal(report_export(&s, dir, paths, &err), 0);
	snprintf(p, sizeof p, "%s/%s-2.txt", dir, base);
	assert_string_equal(paths[0], p);
	snprintf(p, sizeof p, "%s/%s-2.csv", dir, base);
	assert_string_equal(paths[1], p);
	char *txt = unit_slurp(paths[0], NULL);
	assert_non_null(strstr(txt, "6 of 7 items counted"));
	free(txt);
	free(paths[0]);
	free(paths[1]);

	/* Next: -3 is half taken, so the pair moves on to -4 as a whole. */
	assert_int_equal(report_export(&s, dir, paths, &err), 0);
	snprintf(p, sizeof p, "%s/%s-4.txt", dir, base);
	assert_string_equal(paths[0], p);
	snprintf(p, sizeof p, "%s/%s-3.txt", dir, base);
	assert_int_equal(access(p, F_OK), -1);

	/* The files that were there are untouched. */
	snprintf(p, sizeof p, "%s/%s.txt", dir, base);
	char *kept = unit_slurp(p, NULL);
	assert_string_equal(kept, "keep me\n");
	free(kept);
	snprintf(p, sizeof p, "%s/%s-3.csv", dir, base);
	kept = unit_slurp(p, NULL);
	assert_string_equal(kept, "keep me too\n");
	free(kept);
	free(paths[0]);
	free(paths[1]);

	/* A folder that cannot be written: an error, nothing created. */
	snprintf(p, sizeof p, "%s/missing", dir);
	assert_int_equal(report_export(&s, p, paths, &err), -1);
	assert_null(paths[0]);
	assert_non_null(strstr(err.msg, "missing"));
	/* Named in the message with no control, C1 or bidi code point. */
	snprintf(p, sizeof p, "%s/no\x1b[2J\xc2\x9b\xe2\x80\xaeway", dir);
	assert_int_equal(report_export(&s, p, paths, &err), -1);
	assert_non_null(strstr(err.msg, "way/"));
	assert_null(strchr(err.msg, '\x1b'));
	assert_null(strstr(err.msg, "\xc2\x9b"));
	assert_null(strstr(err.msg, "\xe2\x80\xae"));
	session_free(&s);

	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
			files++;
		}
	closedir(d);
	rmdir(dir);
	assert_int_equal(files, 6); /* 2 kept, pairs -2 and -4 */
}

static void write_report(const char *path, const struct session *s, int fmt)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(report_write(f, s, fmt), 0);
	assert_int_equal(fclose(f), 0);
}

static void write_expect(FILE *f, char kind, const long (*c)[TALLY_MAX_VIEWS],
			 const int *nv, int n)
{
	for (int i = 0; i < n; i++) {
		int pct[TALLY_MAX_VIEWS];

		tally_percent(c[i], nv[i], pct);
		for (int v = 0; v < nv[i]; v++)
			fprintf(f, "%c\t%d\t%d\t%ld\t%d\n", kind, i + 1,
				v + 1, c[i][v], pct[v]);
	}
}

static void test_python_reads_back(void **state)
{
	char dir[] = "/tmp/handsup-check-XXXXXX", cmd[8192], p[6][600];
	static const char *const files[] = {"s.csv",  "s.json", "a.csv",
					    "a.json", "expect", "i.json"};
	struct trio t;
	(void)state;

	if (system("python3 -c 'import csv, json' >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	for (int i = 0; i < 6; i++)
		snprintf(p[i], sizeof p[i], "%s/%s", dir, files[i]);
	trio_load(&t);
	write_report(p[0], &t.s[0], REPORT_CSV);
	write_report(p[1], &t.s[0], REPORT_JSON);

	/* The expected figures, computed here from the sessions themselves. */
	long a[16][TALLY_MAX_VIEWS] = {{0}};
	int anv[16];
	FILE *f = fopen(p[4], "w");
	struct session *s0 = &t.s[0];

	assert_non_null(f);
	for (int i = 0; i < s0->nitems; i++)
		anv[i] = s0->items[i].nviews;
	for (int k = 0; k < 3; k++)
		for (int j = 0; j < t.s[k].nitems; j++)
			for (int i = 0; i < s0->nitems; i++)
				if (!strcmp(t.s[k].items[j].heading,
					    s0->items[i].heading))
					for (int v = 0; v < anv[i]; v++)
						a[i][v] += tally_get(
							&t.s[k].tally, j, v);
	expect_session(f, s0);
	write_expect(f, 'A', (const long(*)[TALLY_MAX_VIEWS])a, anv,
		     s0->nitems);
	assert_int_equal(fclose(f), 0);

	for (int k = 2; k <= 3; k++) {
		char *out = aggregate(t.p, t.names, 3, NULL,
				      k == 2 ? REPORT_CSV : REPORT_JSON);
		f = fopen(p[k], "w");
		assert_non_null(f);
		fputs(out, f);
		assert_int_equal(fclose(f), 0);
		free(out);
	}
	snprintf(cmd, sizeof cmd,
		 "python3 '%s/tests/report/check_formats.py' '%s' "
		 "session-csv '%s' session-json '%s' agg-csv '%s' "
		 "agg-json '%s'",
		 root, p[4], p[0], p[1], p[2], p[3]);
	int rc = system(cmd);

	/* The international session's JSON parses too (own figures). */
	struct session intl;
	load(&intl, "intl");
	write_report(p[5], &intl, REPORT_JSON);
	session_free(&intl);
	snprintf(cmd, sizeof cmd,
		 "python3 -c 'import json,sys; d=json.load(open(sys.argv[1],"
		 " encoding=\"utf-8\")); assert d[\"items\"][2][\"views\"][0]"
		 "[\"count\"] == 999999' '%s'",
		 p[5]);
	int rc2 = system(cmd);

	for (int i = 0; i < 6; i++)
		unlink(p[i]);
	rmdir(dir);
	trio_free(&t);
	assert_int_equal(rc, 0);
	assert_int_equal(rc2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_single),
		cmocka_unit_test(test_any_locale),
		cmocka_unit_test(test_golden_aggregate),
		cmocka_unit_test(test_aggregate_figures),
		cmocka_unit_test(test_other_deck_refused),
		cmocka_unit_test(test_edge_shapes),
		cmocka_unit_test(test_duplicate_headings),
		cmocka_unit_test(test_compare_not_counted),
		cmocka_unit_test(test_wrap_any_length),
		cmocka_unit_test(test_six_views_fit),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_csv_formulas_stay_text),
		cmocka_unit_test(test_slug_and_formats),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_export_never_overwrites),
		cmocka_unit_test(test_python_reads_back),
	};

	/* Widths of CJK and accented text need a UTF-8 locale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	unit_find_root(root, sizeof root, __FILE__, "tests/unit/test_report.c");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
