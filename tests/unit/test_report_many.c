/*
 * A report over many session files, as `handsup report` reads them (one
 * loader, the strings that repeat kept from file to file, an aggregate
 * that keeps nothing per session), against the same files each loaded
 * on its own with session_load and added up by report_aggregate: every
 * format the same, byte for byte, when one file of many has an edited
 * heading, another an edited label, another a hostile name or heading.
 * A file of another deck is refused with the same message both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "unit/report_fixture.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"
#include "core/session.h"
#include "core/tally.h"
#include "report/report.h"
#include "store/session_file.h"

#define FILES 60

static char dir[64];
static char *paths[FILES];

static void replace(char **field, const char *text)
{
	free(*field);
	*field = strdup(text);
	assert_non_null(*field);
}

/*
 * Session k of the grouped sample, its counts varied: file 20 has an
 * edited heading, 30 an edited label, 40 control and bidi characters in
 * its name and a heading, 45 a title of another deck when other_deck.
 */
static void write_session(int k, bool other_deck)
{
	struct session s;
	char name[64], path[160];
	size_t len;

	load(&s, "grouped");
	snprintf(name, sizeof name, "Workshop %d", k + 1);
	replace(&s.name, name);
	for (int i = 0; i < s.nitems; i++)
		for (int g = 0; g < s.tally.ngroups; g++)
			for (int v = 0; v < s.items[i].nviews; v++)
				tally_load(&s.tally, i,
					   tally_rounds(&s.tally, i) - 1, g, v,
					   (k * 7 + i * 3 + g * 5 + v) % 11);
	if (k == 20)
		replace(&s.items[1].heading, "Regarding Design, edited");
	if (k == 30)
		replace(&s.items[0].labels[1], "View 2 (scale)");
	if (k == 40) {
		replace(&s.name, "Evil \x1b[2J\xe2\x80\xae name");
		replace(&s.items[2].heading, "Bidi \xe2\x81\xa6 heading\x07");
	}
	if (k == 45 && other_deck)
		replace(&s.deck_title, "Another deck");
	char *text = session_format(&s, &len);
	assert_non_null(text);
	snprintf(path, sizeof path, "%s/w%02d.session", dir, k);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(text);
	session_free(&s);
	free(paths[k]);
	paths[k] = strdup(path);
	assert_non_null(paths[k]);
}

/* As handsup report does it; the output, or NULL with *err set. */
static char *through_loader(int fmt, struct error *err)
{
	struct session_loader *l = session_loader_new();
	struct report_agg *a = report_agg_new_for(fmt);
	struct buf b;
	int rc = 0;

	assert_non_null(l);
	assert_non_null(a);
	for (int k = 0; k < FILES && !rc; k++) {
		const struct session *s;
		struct file_id id;

		assert_int_equal(session_loader_read(l, paths[k], &id, err), 0);
		assert_int_equal(session_loader_parse(l, &s, err), 0);
		rc = report_agg_add(a, s, paths[k], false, err);
	}
	if (!rc) {
		rc = report_agg_write(buf_open(&b), a, fmt, err);
		buf_close(&b);
	}
	session_loader_free(l);
	report_agg_free(a);
	if (rc) {
		assert_int_equal(rc, REPORT_AGG_EDECK);
		return NULL;
	}
	return b.data;
}

/* Each file loaded on its own and every session held at once. */
static char *one_by_one(int fmt, struct error *err)
{
	struct session s[FILES];
	const struct session *p[FILES];
	struct buf b;

	for (int k = 0; k < FILES; k++) {
		assert_int_equal(session_load(&s[k], paths[k], err), 0);
		p[k] = &s[k];
	}
	int rc = report_aggregate(buf_open(&b), p, (const char *const *)paths,
				  FILES, NULL, NULL, fmt, err);
	buf_close(&b);
	for (int k = 0; k < FILES; k++)
		session_free(&s[k]);
	if (rc) {
		free(b.data);
		assert_int_equal(rc, REPORT_AGG_EDECK);
		return NULL;
	}
	return b.data;
}

static void test_one_file_differs(void **state)
{
	(void)state;
	static const int fmts[] = {REPORT_TEXT, REPORT_CSV, REPORT_MD,
				   REPORT_JSON};
	struct error e1, e2;

	for (int k = 0; k < FILES; k++)
		write_session(k, false);
	for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
		char *got = through_loader(fmts[f], &e1);
		char *want = one_by_one(fmts[f], &e2);

		assert_non_null(got);
		assert_non_null(want);
		assert_string_equal(got, want);
		/* The edited heading is an item of its own, in this file
		 * only: the files after it have the heading before it. */
		assert_non_null(strstr(got, "Regarding Design, edited"));
		if (fmts[f] != REPORT_JSON) {
			assert_null(strstr(got, "\x1b"));
			assert_null(strstr(got, "\xe2\x80\xae"));
			assert_null(strstr(got, "\xe2\x81\xa6"));
			assert_null(strstr(got, "\x07"));
		}
		free(got);
		free(want);
	}
}

static void test_another_deck_refused(void **state)
{
	(void)state;
	struct error e1, e2;

	for (int k = 0; k < FILES; k++)
		write_session(k, true);
	assert_null(through_loader(REPORT_CSV, &e1));
	assert_null(one_by_one(REPORT_CSV, &e2));
	assert_string_equal(e1.msg, e2.msg);
	assert_non_null(strstr(e1.msg, "w45.session: is a session of another "
				       "deck (\"Another deck\")"));
}

/* An aggregate made for CSV keeps no session list, so it cannot write
 * the JSON document, which lists them; it says so rather than guess. */
static void test_made_for_one_format(void **state)
{
	(void)state;
	struct session s;
	struct error err;
	struct buf b;
	struct report_agg *a = report_agg_new_for(REPORT_CSV);

	load(&s, "grouped");
	assert_non_null(a);
	assert_int_equal(report_agg_add(a, &s, "g.session", false, &err), 0);
	assert_true(report_agg_writes(a, REPORT_TEXT));
	assert_false(report_agg_writes(a, REPORT_JSON));
	assert_int_equal(report_agg_write(buf_open(&b), a, REPORT_JSON, &err),
			 REPORT_AGG_EINVAL);
	buf_close(&b);
	assert_int_equal(b.len, 0);
	free(b.data);
	report_agg_free(a);
	session_free(&s);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/handsup-many-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	for (int k = 0; k < FILES; k++)
		free(paths[k]);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	unit_find_root(root, sizeof root, __FILE__,
		       "tests/unit/test_report_many.c");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_file_differs),
		cmocka_unit_test(test_another_deck_refused),
		cmocka_unit_test(test_made_for_one_format),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
