/*
 * What the report tests share: the sample sessions of tests/report/, a
 * report written into memory, golden files (HANDSUP_UPDATE_GOLDEN=1
 * rewrites them), and the shape of a text report.
 */
#ifndef HANDSUP_TESTS_REPORT_FIXTURE_H
#define HANDSUP_TESTS_REPORT_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/text.h"
#include "core/session.h"
#include "core/session_parse.h"
#include "unit/unit_util.h"

static char root[4096]; /* the source tree, found from __FILE__ */

static inline void load(struct session *s, const char *name)
{
	char path[4200];
	struct error err;
	size_t len = 0;

	snprintf(path, sizeof path, "%s/tests/report/%s.session", root, name);
	char *text = unit_slurp(path, &len);
	assert_non_null(text);
	if (session_parse(s, text, len, &err))
		fail_msg("%s:%d: %s", path, err.line, err.msg);
	free(text);
}

/* Runs a report into memory. */
struct buf {
	char *data;
	size_t len;
	FILE *f;
};

static inline FILE *buf_open(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->f = open_memstream(&b->data, &b->len);
	assert_non_null(b->f);
	return b->f;
}

static inline void buf_close(struct buf *b)
{
	assert_int_equal(fclose(b->f), 0);
}

static inline void golden(const char *name, const char *text, size_t len)
{
	char path[4200], actual[4300];
	const char *upd = getenv("HANDSUP_UPDATE_GOLDEN");

	snprintf(path, sizeof path, "%s/tests/report/golden/%s", root, name);
	snprintf(actual, sizeof actual, "%s.actual", path);
	if (upd && !strcmp(upd, "1")) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(text, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
		return;
	}
	size_t glen;
	char *want = unit_slurp(path, &glen);
	if (want && glen == len && !memcmp(want, text, len)) {
		unlink(actual);
		free(want);
		return;
	}
	free(want);
	FILE *f = fopen(actual, "wb");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	fail_msg("%s differs (or is missing); see %s", path, actual);
}

/* Every line of a text report fits 80 columns and has no trailing space. */
static inline void check_text_shape(const char *text)
{
	int lineno = 1;

	for (const char *p = text; *p; lineno++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int w = text_width_n(p, n);

		if (w > 80)
			fail_msg("line %d is %d columns: %.*s", lineno, w,
				 (int)n, p);
		if (n > 0 && p[n - 1] == ' ')
			fail_msg("line %d ends in a space", lineno);
		p += n + (nl != NULL);
	}
}

/*
 * Reads a report's CSV from the right (the last two fields, count and
 * percent, are plain numbers) and checks each item's shares add to 100,
 * or to 0 for an item nobody counted.  view_no restarts at 1 per item.
 */
static inline void check_csv_sums(const char *csv, int view_col_from_end)
{
	long count_sum = 0;
	int pct_sum = 0, items = 0;
	const char *line = strstr(csv, "\r\n");

	assert_non_null(line);
	for (line += 2; *line; line = strstr(line, "\r\n") + 2) {
		const char *end = strstr(line, "\r\n");
		char row[2048];
		char *f[64];
		int nf = 0;

		assert_non_null(end);
		snprintf(row, sizeof row, "%.*s", (int)(end - line), line);
		/* An RFC 4180 split: quoted fields may hold commas. */
		for (char *q = row, *o = row; nf < 64;) {
			bool quoted = *q == '"';

			f[nf++] = o;
			q += quoted;
			while (*q && (quoted || *q != ',')) {
				if (quoted && *q == '"') {
					if (q[1] != '"') {
						quoted = false;
						q++;
						continue;
					}
					q++;
				}
				*o++ = *q++;
			}
			if (!*q) {
				*o = '\0';
				break;
			}
			*o++ = '\0';
			q++;
		}
		int view_no = atoi(f[nf - view_col_from_end]);
		long count = atol(f[nf - view_col_from_end + 2]);
		int pct = atoi(f[nf - view_col_from_end + 3]);

		if (view_no == 1 && items++ > 0) {
			assert_int_equal(pct_sum, count_sum ? 100 : 0);
			pct_sum = 0;
			count_sum = 0;
		}
		pct_sum += pct;
		count_sum += count;
	}
	assert_int_equal(pct_sum, count_sum ? 100 : 0);
	assert_true(items > 0);
}

#endif
