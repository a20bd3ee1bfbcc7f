/* Unit tests of deck: the shipped decks, the syntax and every error. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/deck.h"
#include "store/embedded.h"
#include "base/error.h"

static int parse(struct deck *d, const char *s, struct error *e)
{
	return deck_parse(d, s, strlen(s), e);
}

static void test_embedded_deck(void **state)
{
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(deck_parse(&d, (const char *)embedded_deck,
				    embedded_deck_len, &e),
			 0);
	assert_string_equal(d.title, "The Widening Divide: Two Points Of View "
				     "On The Value Of Sales Training");
	assert_non_null(d.subtitle);
	assert_non_null(strstr(d.source, "Brian Lambert"));
	assert_non_null(strstr(d.source, "Forrester Research"));
	assert_non_null(strstr(d.source, "permission"));
	assert_non_null(d.intro);
	assert_non_null(strstr(d.closing, "alignment"));
	assert_int_equal(d.ngroups, 4);
	assert_string_equal(d.groups[0], "Sales Training");
	assert_string_equal(d.groups[3], "Sales Leadership");
	assert_int_equal(d.nitems, 7);
	for (int i = 0; i < d.nitems; i++) {
		assert_int_equal(d.items[i].nviews, 2);
		assert_non_null(d.items[i].heading);
	}
	assert_string_equal(d.items[0].heading,
			    "Regarding the Scope of Sales Training");
	assert_string_equal(d.items[0].views[0],
			    "Sales training\xE2\x80\x99s role is to focus on "
			    "improving the skills of the sales force.");
	assert_string_equal(d.items[1].views[0],
			    "Sales training decisions are about \xE2\x80\x9chow"
			    "\xE2\x80\x9d sales training is designed and "
			    "\xE2\x80\x9cwhat\xE2\x80\x9d approach to take to "
			    "deliver that training.");
	assert_string_equal(d.items[6].heading,
			    "Regarding the Need for Sales Training Strategy");
	/* Parsing does not hash: the loaders do (test_load). */
	assert_true(d.hash == 0);
	deck_free(&d);
	assert_null(d.title);
	assert_null(d.items);
}

static void test_starter_deck(void **state)
{
	static char buf[DECK_MAX_BYTES];
	struct deck d;
	struct error e;
	FILE *f = fopen("content/starter.deck", "rb");
	size_t n;

	(void)state;
	if (!f) {
		print_message("skipped: the source tree is not here\n");
		skip();
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_int_equal(deck_parse(&d, buf, n, &e), 0);
	assert_true(d.nitems >= 3);
	assert_non_null(strchr(d.intro, '\n'));
	assert_non_null(d.closing);
	for (int i = 0; i < d.nitems; i++)
		if (d.items[i].nviews == 3)
			n = 0;
	assert_int_equal(n, 0); /* one item shows three views */
	deck_free(&d);
}

static void test_syntax(void **state)
{
	const char *s = "\xEF\xBB\xBF# comment\r\n"
			"Title: T\r\n"
			"intro: first\r\n"
			" line\r\n"
			"# a comment inside a field\r\n"
			"\tgoes on\r\n"
			"  .\r\n"
			" .\r\n"
			" second\r\n"
			"closing: bye\r\n"
			"\r\n"
			"==   Heading one  \r\n"
			"1: a\tb\r\n"
			"2: \x1b[2Jc\r\n"
			"note: n\r\n"
			"==H2\r\n"
			"1: x\r\n"
			"  .\r\n"
			"  y\r\n"
			"2: z\r\n"
			"3: w";
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(parse(&d, s, &e), 0);
	assert_string_equal(d.title, "T");
	assert_null(d.subtitle);
	assert_null(d.source);
	assert_int_equal(d.ngroups, 0);
	assert_string_equal(d.intro, "first line goes on\nsecond");
	assert_string_equal(d.closing, "bye");
	assert_int_equal(d.nitems, 2);
	assert_string_equal(d.items[0].heading, "Heading one");
	assert_int_equal(d.items[0].line, 12);
	assert_string_equal(d.items[0].views[0], "a b");
	assert_string_equal(d.items[0].views[1], "\xEF\xBF\xBD[2Jc");
	assert_string_equal(d.items[0].note, "n");
	assert_string_equal(d.items[1].heading, "H2");
	assert_int_equal(d.items[1].nviews, 3);
	assert_string_equal(d.items[1].views[0], "x\ny");
	assert_null(d.items[1].note);
	deck_free(&d);
}

static void test_groups_and_closing_after(void **state)
{
	const char *s = "title: T\n"
			"groups: A |  B B|C\n"
			"  | D\n"
			"== H\n1: a\n2: b\n"
			"closing: the\n end\n";
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(parse(&d, s, &e), 0);
	assert_int_equal(d.ngroups, 4);
	assert_string_equal(d.groups[1], "B B");
	assert_string_equal(d.groups[3], "D");
	assert_string_equal(d.closing, "the end");
	deck_free(&d);
}

static void test_labels_and_hash(void **state)
{
	(void)state;
	assert_string_equal(deck_view_label(0), "View 1");
	assert_string_equal(deck_view_label(5), "View 6");
	assert_string_equal(deck_view_label(6), "View ?");
	assert_true(deck_hash_bytes("", 0) == 0xcbf29ce484222325u);
	assert_true(deck_hash_bytes("a", 1) == 0xaf63dc4c8601ec8cu);
	assert_true(deck_hash_bytes("foobar", 6) == 0x85944171f73967e8u);
}

struct bad {
	const char *text;
	size_t len; /* 0: strlen */
	int line;
	const char *msg;
};

#define OK_ITEM "== H\n1: a\n2: b\n"

static const struct bad bad_decks[] = {
	{"", 0, 0, "no items"},
	{"# only a comment\n\n", 0, 0, "no items"},
	{"title: T\n", 0, 0, "no items"},
	{"subtitle: S\n" OK_ITEM, 0, 2, "missing title"},
	{"title: T\nauthor: me\n" OK_ITEM, 0, 2, "unknown field 'author'"},
	{"title: T\ntitle: U\n" OK_ITEM, 0, 2, "duplicate field 'title'"},
	{"title: T\n== H\n1: a\n1: b\n", 0, 4, "duplicate field '1'"},
	{"title: T\n== H\n1: a\n2: b\nnote: x\nnote: y\n", 0, 6,
	 "duplicate field 'note'"},
	{"title: T\n== H\n1: a\n3: b\n", 0, 4,
	 "view 3 out of order (expected 2)"},
	{"title: T\n== H\n2: a\n", 0, 3, "view 2 out of order (expected 1)"},
	{"title: T\n== H\nnote: x\n" OK_ITEM, 0, 2, "item has no views"},
	{"title: T\n" OK_ITEM "== I\n1: a\n", 0, 5, "item has only one view"},
	{"title: T\n\n== H\n1: a\n2: b\n3: c\n4: d\n5: e\n6: f\n7: g\n", 0, 3,
	 "item has more than 6 views"},
	{"title: T\n1: a\n" OK_ITEM, 0, 2, "view outside an item"},
	{"title: T\nnote: a\n" OK_ITEM, 0, 2, "note outside an item"},
	{"title: T\n" OK_ITEM "closing: c\n1: x\n", 0, 6,
	 "view outside an item"},
	{"title: T\n" OK_ITEM "closing: c\nclosing: d\n", 0, 6,
	 "duplicate field 'closing'"},
	{"title: T\n==   \n1: a\n2: b\n", 0, 2, "empty heading"},
	{"title: T\n" OK_ITEM "\n== H\n1: a\n2: b\n", 0, 6,
	 "duplicate heading 'H' (first at line 2)"},
	/* The heading is compared as stored: continued, trimmed, sanitised. */
	{"title: T\n== A\n  b\n1: a\n2: b\n==  A b \n1: a\n2: b\n", 0, 6,
	 "duplicate heading 'A b' (first at line 2)"},
	{"title: T\n== A\x1b\n1: a\n2: b\n== A\x7f\n1: a\n2: b\n", 0, 5,
	 "duplicate heading 'A\xEF\xBF\xBD' (first at line 2)"},
	{"title: T\n== 123456789 123456789 123456789 123456789 123456789 "
	 "1234567\xC3\xA9\xC3\xA9\n1: a\n2: b\n"
	 "== 123456789 123456789 123456789 123456789 123456789 "
	 "1234567\xC3\xA9\xC3\xA9\n1: a\n2: b\n",
	 0, 5,
	 "duplicate heading '123456789 123456789 123456789 123456789 "
	 "123456789 1234567\xC3\xA9...' (first at line 2)"},
	{"title: T\n" OK_ITEM "1: \n", 0, 5, "duplicate field '1'"},
	{"title: T\n== H\n1: a\n2:\n", 0, 4, "empty value for '2'"},
	{"title:\n" OK_ITEM, 0, 1, "empty value for 'title'"},
	{"title: T\n" OK_ITEM "subtitle: S\n", 0, 5,
	 "'subtitle' must come before the first item"},
	{"title: T\n\n\xC3\x28\n", 0, 3, "invalid UTF-8 at byte 11"},
	{"title: T\n== H\n1: a\xED\xA0\x80\n", 0, 3,
	 "invalid UTF-8 at byte 19"},
	{"title: T\n\0" OK_ITEM, 10 + sizeof OK_ITEM - 1, 0, "binary file"},
	{"title: T\n  more\n\n  stray\n" OK_ITEM, 0, 4,
	 "continuation line with no field above it"},
	{" indented first\n", 0, 1, "continuation line with no field above it"},
	{"title: T\n .\n" OK_ITEM, 0, 2,
	 "paragraph break not allowed in 'title'"},
	{"title: T\nthis is prose\n", 0, 2,
	 "expected 'field: value', '== heading' or '# comment'"},
	{"title: T\ngroups: A | | B\n" OK_ITEM, 0, 2, "empty group name"},
	{"title: T\ngroups: A | B | A\n" OK_ITEM, 0, 2, "duplicate group name"},
	{"title: T\ngroups: 1|2|3|4|5|6|7|8|9|10|11|12|13\n" OK_ITEM, 0, 2,
	 "more than 8 groups"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_decks / sizeof bad_decks[0]; i++) {
		const struct bad *b = &bad_decks[i];
		size_t len = b->len ? b->len : strlen(b->text);
		struct deck d;
		struct error e;

		print_message("case %zu: %s\n", i, b->msg);
		assert_int_equal(deck_parse(&d, b->text, len, &e), -1);
		assert_string_equal(e.msg, b->msg);
		assert_int_equal(e.line, b->line);
		assert_null(d.title);
		assert_null(d.items);
		assert_int_equal(d.nitems, 0);
		deck_free(&d);
	}
}

struct want {
	int line;
	const char *msg;
};

static void expect_all(const char *text, int max, const struct want *w, int n)
{
	struct error errs[DECK_MAX_ERRORS + 1];
	struct deck d;
	int got = -1;

	assert_true(max <= DECK_MAX_ERRORS + 1);
	assert_int_equal(
		deck_parse_all(&d, text, strlen(text), errs, max, &got), -1);
	for (int i = 0; i < got && i < n; i++) {
		print_message("error %d: %d: %s\n", i, errs[i].line,
			      errs[i].msg);
		assert_string_equal(errs[i].msg, w[i].msg);
		assert_int_equal(errs[i].line, w[i].line);
	}
	assert_int_equal(got, n);
	assert_null(d.title);
	assert_null(d.items);
}

/* One pass finds every error, each on its line, in line order. */
static void test_all_errors(void **state)
{
	const char *s = "title: T\n"		   /* 1 */
			"author: me\n"		   /* 2 */
			"  and her continuation\n" /* 3 */
			"== A\n"		   /* 4 */
			"1: a\n"		   /* 5 */
			"3: c\n"		   /* 6 */
			"  more of c\n"		   /* 7 */
			"== B\n"		   /* 8 */
			"1: x\n"		   /* 9 */
			"2: y\n"		   /* 10 */
			"2: z\n"		   /* 11 */
			"this is prose\n"	   /* 12 */
			"== C\n"		   /* 13 */
			"1: only one\n"		   /* 14 */
			"== A\n"		   /* 15 */
			"1: a\n"		   /* 16 */
			"2: \xC3\x28\n"		   /* 17 */
			"subtitle: late \xFF\n"	   /* 18 */
			"== D\n"		   /* 19 */
			"1: a\n2: b\n3: c\n4: d\n5: e\n6: f\n"
			"7: g\n"      /* 26 */
			"8: h\n"      /* 27 */
			"  .\n"	      /* 28 */
			"closing:\n"; /* 29 */
	static const struct want w[] = {
		{2, "unknown field 'author'"},
		{6, "view 3 out of order (expected 2)"},
		{11, "duplicate field '2'"},
		{12, "expected 'field: value', '== heading' or '# comment'"},
		{13, "item has only one view"},
		{15, "duplicate heading 'A' (first at line 4)"},
		{17, "invalid UTF-8 at byte 135"},
		{18, "invalid UTF-8 at byte 153"},
		{19, "item has more than 6 views"},
		{29, "empty value for 'closing'"},
	};
	struct deck d;
	struct error e;

	(void)state;
	expect_all(s, DECK_MAX_ERRORS, w, (int)(sizeof w / sizeof w[0]));
	/* deck_parse tells the first of them. */
	assert_int_equal(parse(&d, s, &e), -1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.msg, "unknown field 'author'");
}

/* One mistake is one error, not a cascade of follow-ups. */
static void test_no_cascades(void **state)
{
	static const struct want empty_title[] = {
		{1, "empty value for 'title'"},
		{2, "duplicate field 'title'"},
	};
	static const struct want empty_heading[] = {
		{2, "empty heading"},
		{5, "empty heading"},
	};
	static const struct want missing[] = {
		{1, "missing title"},
		{4, "'title' must come before the first item"},
	};
	static const struct want prose[] = {
		{2, "expected 'field: value', '== heading' or '# comment'"},
		{0, "no items"},
	};
	static const struct want stray[] = {
		{3, "continuation line with no field above it"},
		{6, "paragraph break not allowed in 'subtitle'"},
	};
	static const struct want groups[] = {
		{2, "empty group name"},
		{2, "duplicate group name"},
	};

	(void)state;
	expect_all("title:\ntitle: U\n" OK_ITEM, DECK_MAX_ERRORS, empty_title,
		   2);
	expect_all("title: T\n==\n1: a\n2: b\n==\n1: a\n2: b\n",
		   DECK_MAX_ERRORS, empty_heading, 2);
	expect_all(OK_ITEM "title: T\n== I\n1: a\n2: b\n", DECK_MAX_ERRORS,
		   missing, 2);
	expect_all("title: T\nthis is prose\n  and more\n", DECK_MAX_ERRORS,
		   prose, 2);
	expect_all("title: T\n\n  stray\n  stray\n"
		   "subtitle: S\n .\n  more\n" OK_ITEM,
		   DECK_MAX_ERRORS, stray, 2);
	expect_all("title: T\ngroups: A | | B |  | A\n" OK_ITEM,
		   DECK_MAX_ERRORS, groups, 2);
}

/* Whole-file failures are one error: nothing else is worth reading. */
static void test_all_whole_file(void **state)
{
	static const char bin[] = "title: T\n\0x\nfoo\n";
	struct error errs[4];
	struct deck d;
	char *big = malloc(DECK_MAX_BYTES + 1);
	int n = -1;

	(void)state;
	assert_int_equal(deck_parse_all(&d, bin, sizeof bin - 1, errs, 4, &n),
			 -1);
	assert_int_equal(n, 1);
	assert_int_equal(errs[0].line, 0);
	assert_string_equal(errs[0].msg, "binary file");
	assert_non_null(big);
	memset(big, 'x', DECK_MAX_BYTES + 1);
	assert_int_equal(
		deck_parse_all(&d, big, DECK_MAX_BYTES + 1, errs, 4, &n), -1);
	assert_int_equal(n, 1);
	assert_string_equal(errs[0].msg, "larger than 1 MiB");
	free(big);
	assert_int_equal(deck_parse_all(&d, "title: T\n" OK_ITEM,
					9 + strlen(OK_ITEM), errs, 4, &n),
			 0);
	assert_int_equal(n, 0);
	assert_int_equal(d.nitems, 1);
	deck_free(&d);
}

/* More errors than room: the last entry says so and the parse stops. */
static void test_too_many_errors(void **state)
{
	static const struct want three[] = {
		{2, "unknown field 'a'"},
		{3, "unknown field 'b'"},
		{4, "unknown field 'c'"},
	};
	static const struct want seventh[] = {
		{3, "view 7 out of order (expected 1)"},
	};
	static const struct want cut[] = {
		{2, "unknown field 'a'"},
		{3, "unknown field 'b'"},
		{5, "too many errors, stopping here"},
	};
	char *s = malloc(100 * 16 + 64);
	size_t n = 0;
	struct error errs[DECK_MAX_ERRORS];
	struct deck d;
	int got;

	(void)state;
	expect_all("title: T\na: 1\nb: 2\nc: 3\n" OK_ITEM, 3, three, 3);
	expect_all("title: T\na: 1\nb: 2\nc: 3\nd: 4\n" OK_ITEM, 3, cut, 3);
	/* "7:" alone is out of order, not one view too many. */
	expect_all("title: T\n== B\n7: seven\n" OK_ITEM, DECK_MAX_ERRORS,
		   seventh, 1);

	assert_non_null(s);
	n += (size_t)sprintf(s, "title: T\n");
	for (int i = 0; i < 100; i++)
		n += (size_t)sprintf(s + n, "bad line %d\n", i);
	assert_int_equal(deck_parse_all(&d, s, n, errs, DECK_MAX_ERRORS, &got),
			 -1);
	assert_int_equal(got, DECK_MAX_ERRORS);
	for (int i = 0; i < DECK_MAX_ERRORS - 1; i++)
		assert_int_equal(errs[i].line, i + 2);
	/* Fifty errors are kept whole (lines 2 to 51); the last slot then
	 * says where reading stopped. */
	assert_int_equal(errs[DECK_MAX_ERRORS - 2].line, 51);
	assert_int_equal(errs[DECK_MAX_ERRORS - 1].line, DECK_MAX_ERRORS + 2);
	assert_string_equal(errs[DECK_MAX_ERRORS - 1].msg,
			    "too many errors, stopping here");
	free(s);
}

/* Headings that differ at all, even in case only, are distinct items. */
static void test_distinct_headings(void **state)
{
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(parse(&d,
			       "title: T\n== H\n1: a\n2: b\n== h\n1: a\n2: b\n"
			       "== H.\n1: a\n2: b\n",
			       &e),
			 0);
	assert_int_equal(d.nitems, 3);
	deck_free(&d);
}

/*
 * Field names are ASCII letters whatever the locale.  In a Latin-1 locale
 * <ctype.h> takes the bytes of U+00FA (C3 BA) for two letters, and
 * tolower would turn them into invalid UTF-8 in the message.
 */
static void test_field_names_ignore_locale(void **state)
{
	static const char *const latin1[] = {
		"en_US.ISO-8859-1", "en_US.iso88591", "de_DE.ISO-8859-1",
		"fr_FR.ISO-8859-1", "C.UTF-8",
	};
	struct deck d;
	struct error e;

	(void)state;
	for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
		if (setlocale(LC_CTYPE, latin1[i]))
			break;
	assert_int_equal(parse(&d, "title\xC3\xBA: T\n" OK_ITEM, &e), -1);
	assert_string_equal(e.msg, "expected 'field: value', '== heading' or "
				   "'# comment'");
	assert_int_equal(e.line, 1);
	assert_int_equal(parse(&d, "TiTlE: T\nSUB_x: y\n" OK_ITEM, &e), -1);
	assert_string_equal(e.msg, "unknown field 'sub_x'");
	assert_int_equal(parse(&d, "TITLE: T\n" OK_ITEM, &e), 0);
	assert_string_equal(d.title, "T");
	deck_free(&d);
	setlocale(LC_CTYPE, "C.UTF-8");
}

static void test_limits(void **state)
{
	size_t cap = DECK_MAX_BYTES + 2, n = 0;
	char *buf = malloc(cap);
	struct deck d;
	struct error e;

	(void)state;
	assert_non_null(buf);
	n += (size_t)sprintf(buf, "title: T\n");
	for (int i = 0; i < DECK_MAX_ITEMS; i++)
		n += (size_t)sprintf(buf + n, "== Item %d\n1: a\n2: b\n", i);
	assert_int_equal(deck_parse(&d, buf, n, &e), 0);
	assert_int_equal(d.nitems, DECK_MAX_ITEMS);
	deck_free(&d);

	n += (size_t)sprintf(buf + n, "== One too many\n1: a\n2: b\n");
	assert_int_equal(deck_parse(&d, buf, n, &e), -1);
	assert_string_equal(e.msg, "more than 200 items");
	assert_int_equal(e.line, 2 + 3 * DECK_MAX_ITEMS);

	memset(buf, '#', cap);
	assert_int_equal(deck_parse(&d, buf, DECK_MAX_BYTES + 1, &e), -1);
	assert_string_equal(e.msg, "larger than 1 MiB");
	assert_int_equal(e.line, 0);
	free(buf);
}

/* ---- labels, same-views, groups --------------------------------------- */

static void test_item_labels(void **state)
{
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(parse(&d,
			       "title: T\n"
			       "== H\nlabels: Yes |  No \n1: a\n2: b\n"
			       "== I\n1: c\n2: d\n3: e\n"
			       "labels: View 1|Not sure|\n  view 3 (price)\n"
			       "== J\n1: f\n2: g\n",
			       &e),
			 0);
	assert_string_equal(d.items[0].labels[0], "Yes");
	assert_string_equal(d.items[0].labels[1], "No");
	assert_null(d.items[0].labels[2]);
	/* After the views, and continued on the next line. */
	assert_string_equal(d.items[1].labels[0], "View 1");
	assert_string_equal(d.items[1].labels[1], "Not sure");
	assert_string_equal(d.items[1].labels[2], "view 3 (price)");
	/* An item without labels has none. */
	assert_null(d.items[2].labels[0]);
	assert_null(d.items[2].labels[1]);
	deck_free(&d);

	/* At most 24 columns: 24 letters, or 12 wide characters. */
	assert_int_equal(parse(&d,
			       "title: T\n== H\n"
			       "labels: abcdefghijklmnopqrstuvwx | "
			       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"
			       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"
			       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"
			       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\n"
			       "1: a\n2: b\n",
			       &e),
			 0);
	assert_string_equal(d.items[0].labels[0], "abcdefghijklmnopqrstuvwx");
	deck_free(&d);

	/* Six labels for six views. */
	assert_int_equal(parse(&d,
			       "title: T\n== H\nlabels: a|b|c|d|e|f\n"
			       "1: a\n2: b\n3: c\n4: d\n5: e\n6: f\n",
			       &e),
			 0);
	assert_string_equal(d.items[0].labels[5], "f");
	deck_free(&d);
}

static const struct bad bad_labels[] = {
	{"title: T\n== H\nlabels: A | B | C\n1: a\n2: b\n", 0, 3,
	 "3 labels for 2 views"},
	{"title: T\n== H\n1: a\n2: b\n3: c\nlabels: A | B\n", 0, 6,
	 "2 labels for 3 views"},
	{"title: T\n== H\nlabels: A | \n1: a\n2: b\n", 0, 3, "empty label"},
	{"title: T\n== H\nlabels: | B\n1: a\n2: b\n", 0, 3, "empty label"},
	{"title: T\n== H\nlabels:\n1: a\n2: b\n", 0, 3,
	 "empty value for 'labels'"},
	{"title: T\n== H\nlabels: abcdefghijklmnopqrstuvwxy | B\n"
	 "1: a\n2: b\n",
	 0, 3, "label 1 is longer than 24 columns"},
	{"title: T\n== H\nlabels: A | "
	 "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC"
	 "\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5"
	 "\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\n1: a\n2: b\n",
	 0, 3, "label 2 is longer than 24 columns"},
	{"title: T\n== H\nlabels: View 2 | View 1\n1: a\n2: b\n", 0, 3,
	 "label 1 names another view"},
	{"title: T\n== H\nlabels: Yes | view 3\n1: a\n2: b\n", 0, 3,
	 "label 2 names another view"},
	{"title: T\n== H\nlabels: A | View 12345678901\n1: a\n2: b\n", 0, 3,
	 "label 2 names another view"},
	{"title: T\n== H\nlabels: a|b|c|d|e|f|g\n"
	 "1: a\n2: b\n3: c\n4: d\n5: e\n6: f\n",
	 0, 3, "more than 6 labels"},
	{"title: T\nlabels: A | B\n" OK_ITEM, 0, 2, "labels outside an item"},
	{"title: T\n== H\nlabels: A | B\n1: a\n2: b\nlabels: C | D\n", 0, 6,
	 "duplicate field 'labels'"},
	{"title: T\n== H\nlabels: A |\n .\n B\n1: a\n2: b\n", 0, 4,
	 "paragraph break not allowed in 'labels'"},
	{"title: T\nsame-views: maybe\n" OK_ITEM, 0, 2,
	 "'same-views' is yes or no"},
	{"title: T\nsame-views: Yes please\n" OK_ITEM, 0, 2,
	 "'same-views' is yes or no"},
	{"title: T\nsame-views:\n" OK_ITEM, 0, 2,
	 "empty value for 'same-views'"},
	{"title: T\nsame-views: yes\nsame-views: no\n" OK_ITEM, 0, 3,
	 "duplicate field 'same-views'"},
	{"title: T\n" OK_ITEM "same-views: yes\n", 0, 5,
	 "'same-views' must come before the first item"},
	{"title: T\ngroups: 1|2|3|4|5|6|7|8|9\n" OK_ITEM, 0, 2,
	 "more than 8 groups"},
	{"title: T\ngroups: A | B\n" OK_ITEM "groups: C\n", 0, 6,
	 "'groups' must come before the first item"},
	{"title: T\ngroups: A\ngroups: B\n" OK_ITEM, 0, 3,
	 "duplicate field 'groups'"},
	{"title: T\ngroups:\n" OK_ITEM, 0, 2, "empty value for 'groups'"},
};

static void test_label_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_labels / sizeof bad_labels[0]; i++) {
		const struct bad *b = &bad_labels[i];
		struct deck d;
		struct error e;

		print_message("case %zu: %s\n", i, b->msg);
		assert_int_equal(parse(&d, b->text, &e), -1);
		assert_string_equal(e.msg, b->msg);
		assert_int_equal(e.line, b->line);
		assert_null(d.items);
		deck_free(&d);
	}
}

static void test_same_views(void **state)
{
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(parse(&d, "title: T\nsame-views: yes\n" OK_ITEM, &e),
			 0);
	assert_true(d.same_views);
	deck_free(&d);
	assert_int_equal(parse(&d, "title: T\nSame-Views:  no \n" OK_ITEM, &e),
			 0);
	assert_false(d.same_views);
	deck_free(&d);
	/* Said nowhere: the views of different items are different. */
	assert_int_equal(parse(&d, "title: T\n" OK_ITEM, &e), 0);
	assert_false(d.same_views);
	deck_free(&d);
	/* The article's deck says its views mean the same on every item. */
	assert_int_equal(deck_parse(&d, (const char *)embedded_deck,
				    embedded_deck_len, &e),
			 0);
	assert_true(d.same_views);
	deck_free(&d);
}

/* The most groups a deck may name is the most a tally counts apart. */
static void test_groups_limit(void **state)
{
	struct deck d;
	struct error e;

	(void)state;
	assert_int_equal(DECK_MAX_GROUPS, 8);
	assert_int_equal(
		parse(&d, "title: T\ngroups: 1|2|3|4|5|6|7|8\n" OK_ITEM, &e),
		0);
	assert_int_equal(d.ngroups, 8);
	assert_string_equal(d.groups[7], "8");
	deck_free(&d);
}

static void test_groups_from(void **state)
{
	char *groups[DECK_MAX_GROUPS];
	struct error errs[4];
	int n = -1, nerrs = -1;

	(void)state;
	assert_int_equal(deck_groups_from(" Sales  Ops |Marketing|a", groups,
					  &n, errs, 4, &nerrs),
			 0);
	assert_int_equal(n, 3);
	assert_int_equal(nerrs, 0);
	assert_string_equal(groups[0], "Sales  Ops");
	assert_string_equal(groups[1], "Marketing");
	assert_string_equal(groups[2], "a");
	for (int g = 0; g < n; g++)
		free(groups[g]);

	/* One group is a list of one; names differ in case. */
	assert_int_equal(deck_groups_from("A | a", groups, &n, errs, 4, &nerrs),
			 0);
	assert_int_equal(n, 2);
	for (int g = 0; g < n; g++)
		free(groups[g]);

	assert_int_equal(deck_groups_from("", groups, &n, errs, 4, &nerrs), -1);
	assert_int_equal(n, 0);
	assert_int_equal(nerrs, 1);
	assert_string_equal(errs[0].msg, "empty group name");
	assert_int_equal(errs[0].line, 0);

	/* Every problem is told; the good names are kept. */
	assert_int_equal(
		deck_groups_from("A || B | A", groups, &n, errs, 4, &nerrs),
		-1);
	assert_int_equal(nerrs, 2);
	assert_string_equal(errs[0].msg, "empty group name");
	assert_string_equal(errs[1].msg, "duplicate group name");
	assert_int_equal(n, 2);
	assert_string_equal(groups[0], "A");
	assert_string_equal(groups[1], "B");
	for (int g = 0; g < n; g++)
		free(groups[g]);

	assert_int_equal(deck_groups_from("1|2|3|4|5|6|7|8|9|10", groups, &n,
					  errs, 4, &nerrs),
			 -1);
	assert_int_equal(n, DECK_MAX_GROUPS);
	assert_int_equal(nerrs, 1);
	assert_string_equal(errs[0].msg, "more than 8 groups");
	assert_string_equal(groups[7], "8");
	for (int g = 0; g < n; g++)
		free(groups[g]);

	/* More problems than room: all are counted, max are kept. */
	assert_int_equal(
		deck_groups_from(" | x | | x | ", groups, &n, errs, 2, &nerrs),
		-1);
	assert_int_equal(nerrs, 4);
	assert_int_equal(n, 1);
	assert_string_equal(errs[0].msg, "empty group name");
	assert_string_equal(errs[1].msg, "empty group name");
	free(groups[0]);
	assert_int_equal(deck_groups_from("|", groups, &n, errs, 0, &nerrs),
			 -1);
	assert_int_equal(nerrs, 2);
	assert_int_equal(n, 0);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedded_deck),
		cmocka_unit_test(test_starter_deck),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_groups_and_closing_after),
		cmocka_unit_test(test_labels_and_hash),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_all_errors),
		cmocka_unit_test(test_no_cascades),
		cmocka_unit_test(test_all_whole_file),
		cmocka_unit_test(test_too_many_errors),
		cmocka_unit_test(test_distinct_headings),
		cmocka_unit_test(test_field_names_ignore_locale),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_item_labels),
		cmocka_unit_test(test_label_errors),
		cmocka_unit_test(test_same_views),
		cmocka_unit_test(test_groups_limit),
		cmocka_unit_test(test_groups_from),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
