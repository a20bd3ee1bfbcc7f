/*
 * Tests of the session reader that a report uses over many files: each
 * parse gives what session_parse gives for the same text, whatever the
 * files before it held, so a string kept from the file before never hides
 * a difference; text that repeats is made once; hostile text is
 * neutralised every time.  And the reader's one check of the whole text
 * for invalid UTF-8 still refuses the line that holds the bad byte, after
 * any mistake on an earlier line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/session.h"
#include "core/session_parse.h"
#include "core/tally.h"
#include "session_same.h"

#define HEAD2(title, source)                                                   \
	"handsup-session 2\nname: Workshop\nstarted: 2026-11-27T09:35:12Z\n"   \
	"deck-title: " title "\n" source "deck-path: (embedded)\n"             \
	"deck-hash: 0123456789abcdef\ncurrent: 1\nsame-views: yes\n"           \
	"percent-base: hands\n"
#define SOURCE "deck-source: Brian Lambert, Forrester \xe2\x80\x99s\n"
#define ITEM2(heading, l1, l2, c1, c2)                                         \
	"item: " heading "\nview: " l1 "\ntext: The first view\nview: " l2     \
	"\ntext: The second view\ncount: 1 1 " c1 "\ncount: 1 2 " c2 "\n"

/*
 * Reads text with r and checks it against session_parse: the same result,
 * the same error, the same session.  Returns the reader's session.
 */
static const struct session *read_same(struct session_reader *r,
				       const char *text)
{
	struct session want;
	const struct session *got;
	struct error e1, e2;
	int rc1 = session_parse(&want, text, strlen(text), &e1);
	int rc2 = session_reader_parse(r, text, strlen(text), &got, &e2);

	assert_int_equal(rc1, rc2);
	if (rc1) {
		assert_null(got);
		assert_int_equal(e1.line, e2.line);
		assert_string_equal(e1.msg, e2.msg);
		return NULL;
	}
	assert_same_session(&want, got);
	session_free(&want);
	return got;
}

static const char file_a[] = HEAD2("The Widening Divide", SOURCE)
	ITEM2("Regarding the Scope", "View 1", "View 2", "6", "20") ITEM2(
		"Regarding the Design", "Skills", "Scale", "1", "1") "end\n";

/* The second file differs from the first in one count only. */
static const char file_a2[] = HEAD2("The Widening Divide", SOURCE)
	ITEM2("Regarding the Scope", "View 1", "View 2", "7", "20") ITEM2(
		"Regarding the Design", "Skills", "Scale", "1", "3") "end\n";

static void test_same_text_made_once(void **state)
{
	(void)state;
	struct session_reader *r = session_reader_new();
	assert_non_null(r);
	const struct session *s = read_same(r, file_a);
	const char *title = s->deck_title, *heading = s->items[1].heading;
	const char *label = s->items[1].labels[0], *text = s->items[0].texts[1];

	s = read_same(r, file_a2);
	/* Kept, not made again: the same strings. */
	assert_ptr_equal(s->deck_title, title);
	assert_ptr_equal(s->items[1].heading, heading);
	assert_ptr_equal(s->items[1].labels[0], label);
	assert_ptr_equal(s->items[0].texts[1], text);
	assert_int_equal(tally_cell(&s->tally, 0, 0, 0, 0), 7);
	assert_int_equal(tally_cell(&s->tally, 1, 0, 0, 1), 3);
	session_reader_free(r);
}

/* Among many files, each field differs in one of them: each is read
 * as it is, and the files after it as they are. */
static void test_a_difference_is_never_hidden(void **state)
{
	(void)state;
	static const char *const files[] = {
		file_a,
		HEAD2("The Widening Divide, edited", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") ITEM2("Regarding the Design", "Skills",
					  "Scale", "1", "1") "end\n",
		file_a2,
		HEAD2("The Widening Divide", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") ITEM2("Regarding the Delivery", "Skills",
					  "Scale", "1", "1") "end\n",
		HEAD2("The Widening Divide", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") ITEM2("Regarding the Design", "Skill",
					  "Scale", "1", "1") "end\n",
		/* Shorter and longer by a byte, and a prefix. */
		HEAD2("The Widening Divid", SOURCE)
			ITEM2("Regarding the Scope!", "View 1", "View 2", "6",
			      "20") ITEM2("Regarding the Design", "Skills",
					  "Scal", "1", "1") "end\n",
		/* No source, one item, different texts. */
		HEAD2("The Widening Divide",
		      "") "item: Regarding the Scope\nview: View 1\nview: View "
			  "2\n"
			  "text: Only the second\ncount: 1 1 6\ncount: 1 2 20\n"
			  "end\n",
		/* Groups, and one file of format 1. */
		HEAD2("The Widening Divide",
		      SOURCE) "group: 9 Sales\ngroup: 4 "
			      "Marketing\nactive-group: 2\n"
			      "item: Regarding the Scope\nview: View 1\nview: "
			      "View 2\n"
			      "count: 1 1 6 1\ncount: 1 2 20 2\n"
			      "end\n",
		"handsup-session 1\nname: Old\nstarted: 2026-11-27T09:35:12Z\n"
		"deck-title: The Widening Divide\ndeck-path: (embedded)\n"
		"deck-hash: 0123456789abcdef\ncurrent: 1\n"
		"item: Regarding the Scope\nview: 3 View 1\nview: 4 View 2\n"
		"end\n",
		HEAD2("The Widening Divide",
		      SOURCE) "group: 9 Sales\ngroup: 5 "
			      "Marketers\nactive-group: 1\n"
			      "item: Regarding the Scope\nview: View 1\nview: "
			      "View 2\n"
			      "count: 1 1 6 1\ncount: 1 2 20 2\n"
			      "end\n",
		file_a,
	};
	struct session_reader *r = session_reader_new();
	assert_non_null(r);
	for (size_t k = 0; k < sizeof files / sizeof *files; k++)
		assert_non_null(read_same(r, files[k]));
	/* And backwards, so that every pair is met both ways round. */
	for (size_t k = sizeof files / sizeof *files; k-- > 0;)
		assert_non_null(read_same(r, files[k]));
	session_reader_free(r);
}

/*
 * Control and bidi characters in a field that repeats are neutralised in
 * every file, not only in the first: text that sanitising changes is not
 * the text of the file, so it is never taken for it.
 */
static void test_hostile_text_neutralised_each_time(void **state)
{
	(void)state;
	static const char hostile[] =
		HEAD2("Evil \x1b[2J\xe2\x80\xae title\x07", SOURCE)
			ITEM2("Head\x1b]0;x\x07ing \xe2\x81\xa6", "View 1",
			      "\tTabbed \xc2\x9b", "6", "20")
				ITEM2("Regarding the Design", "Skills", "Scale",
				      "1", "1") "end\n";
	struct session_reader *r = session_reader_new();
	assert_non_null(r);
	for (int k = 0; k < 3; k++) {
		const struct session *s =
			read_same(r, k == 1 ? file_a : hostile);
		const char *const fields[] = {s->deck_title,
					      s->items[0].heading,
					      s->items[0].labels[1]};

		for (size_t f = 0; f < 3; f++)
			for (const unsigned char *c =
				     (const unsigned char *)fields[f];
			     *c; c++) {
				assert_true(*c >= 0x20 && *c != 0x7f);
				/* No C1 control (U+0080..U+009F), no bidi
				 * control (U+202A..U+202E, U+2066..U+2069). */
				assert_false(c[0] == 0xc2 && c[1] >= 0x80 &&
					     c[1] <= 0x9f);
				assert_false(c[0] == 0xe2 && c[1] == 0x80 &&
					     c[2] >= 0xaa && c[2] <= 0xae);
				assert_false(c[0] == 0xe2 && c[1] == 0x81 &&
					     c[2] >= 0xa6 && c[2] <= 0xa9);
			}
	}
	session_reader_free(r);
}

/* A refused file leaves the reader fit for the next; fewer items after
 * more leave none of the earlier file's behind. */
static void test_after_a_refused_file(void **state)
{
	(void)state;
	static const char *const files[] = {
		file_a,
		HEAD2("The Widening Divide", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") "item: Regarding the Design\nview: View "
				    "1\nview: View 3\n",
		file_a2,
		HEAD2("The Widening Divide", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") ITEM2("Regarding the Scope", "View 1",
					  "View 2", "6", "20") "end\n",
		HEAD2("The Widening Divide", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") "end\n",
		HEAD2("The Widening Divide", SOURCE)
			ITEM2("Regarding the Scope", "View 1", "View 2", "6",
			      "20") "item: Regarding the Design\nview: View "
				    "1\nview: View 2\n"
				    "text: \xc3\x28\ncount: 1 1 1\ncount: 1 2 "
				    "1\nend\n",
		file_a,
	};
	struct session_reader *r = session_reader_new();
	assert_non_null(r);
	for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
		const struct session *s = read_same(r, files[k]);

		assert_true((s != NULL) == (k % 2 == 0 || k == 4));
	}
	session_reader_free(r);
}

/* The whole text is checked for UTF-8 at once; the line with the first
 * bad byte is refused, and only once every line before it has read. */
static void test_invalid_utf8_in_line_order(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int line;
		const char *msg;
	} cases[] = {
		{HEAD2("t", "") "item: h\nview: \xc3\x28\nend\n", 11,
		 "invalid UTF-8"},
		{HEAD2("t", "") "colour: red\nitem: \xff\nend\n", 10,
		 "unknown key 'colour'"},
		{HEAD2("t \xe2\x82", "") "end\n", 4, "invalid UTF-8"},
		{HEAD2("t", "") "item: h\nview: a\r\nview: \xc3\r\nend\n", 12,
		 "invalid UTF-8"},
		/* After the end line, what follows is refused as such. */
		{HEAD2("t", "") ITEM2("h", "a", "b", "1", "2") "end\n\xff\n",
		 18, "after the 'end' line"},
		{HEAD2("t", "") ITEM2("h", "a", "b", "1", "2") "\xff", 0,
		 "truncated"},
	};
	struct session_reader *r = session_reader_new();
	assert_non_null(r);
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct session s;
		struct error err;
		const char *t = cases[k].text;

		assert_int_equal(session_parse(&s, t, strlen(t), &err), -1);
		if (err.line != cases[k].line || !strstr(err.msg, cases[k].msg))
			fail_msg("case %zu: line %d '%s'", k, err.line,
				 err.msg);
		assert_null(read_same(r, t));
	}
	session_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_text_made_once),
		cmocka_unit_test(test_a_difference_is_never_hidden),
		cmocka_unit_test(test_hostile_text_neutralised_each_time),
		cmocka_unit_test(test_after_a_refused_file),
		cmocka_unit_test(test_invalid_utf8_in_line_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
