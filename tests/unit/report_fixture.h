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
#include "core/divide.h"
#include "core/session.h"
#include "core/session_parse.h"
#include "core/tally.h"
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

/* A sample session with one line of its text replaced. */
static inline void load_edited(struct session *s, const char *name,
			       const char *from, const char *to)
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

/* Splits one CSV record (RFC 4180: quoted fields may hold commas) into
 * f[], in place; returns the number of fields. */
static inline int csv_split(char *row, char **f, int max)
{
	int nf = 0;

	for (char *q = row, *o = row; nf < max;) {
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
	return nf;
}

/* The column of a CSV header named name, or -1. */
static inline int csv_column(char **head, int n, const char *name)
{
	for (int k = 0; k < n; k++)
		if (!strcmp(head[k], name))
			return k;
	return -1;
}

struct csv_block {
	long count;
	int pct;
	long headcount;
	bool of_room;
};

/* Shares of the hands add to 100, or to nothing where nobody counted;
 * of the room, to 100 less those who raised no hand. */
static inline void csv_block_check(const struct csv_block *b)
{
	if (b->of_room) {
		assert_true(b->pct <= 100);
		if (b->count == b->headcount)
			assert_int_equal(b->pct, 100);
	} else {
		assert_int_equal(b->pct, b->count ? 100 : 0);
	}
}

/*
 * Checks a report's CSV by its header: each run of rows from view_no 1
 * on (an item, and in a session's export each group and round of it)
 * has shares that add up.
 */
static inline void check_csv_sums(const char *csv)
{
	char head[2048], *h[64];
	const char *line = strstr(csv, "\r\n");
	struct csv_block b = {0, 0, 0, false};
	int blocks = 0;

	assert_non_null(line);
	snprintf(head, sizeof head, "%.*s", (int)(line - csv), csv);
	int nh = csv_split(head, h, 64);
	int cv = csv_column(h, nh, "view_no"), cc = csv_column(h, nh, "count");
	int cp = csv_column(h, nh, "percent");
	int cb = csv_column(h, nh, "percent_base");
	int ch = csv_column(h, nh, "headcount");

	assert_true(cv >= 0 && cc >= 0 && cp >= 0);
	for (line += 2; *line; line = strstr(line, "\r\n") + 2) {
		const char *end = strstr(line, "\r\n");
		char row[4096], *f[64];

		assert_non_null(end);
		snprintf(row, sizeof row, "%.*s", (int)(end - line), line);
		assert_int_equal(csv_split(row, f, 64), nh);
		if (atoi(f[cv]) == 1 && blocks++ > 0) {
			csv_block_check(&b);
			b.count = b.pct = 0;
		}
		b.of_room = cb >= 0 && !strcmp(f[cb], "room");
		b.headcount = ch >= 0 ? atol(f[ch]) : 0;
		b.count += atol(f[cc]);
		b.pct += atoi(f[cp]);
	}
	csv_block_check(&b);
	assert_true(blocks > 0);
}

/* "D" lines: each item's divide (core's divide_item); "W" lines: each
 * later round's swing from the one before (divide_swing). */
static inline void expect_divides(FILE *f, const struct session *s)
{
	const struct tally *t = &s->tally;

	for (int i = 0; i < s->nitems; i++) {
		struct divide d = {-1, -1, -1};

		if (s->ngroups >= 2)
			divide_item(t, i, &d);
		if (d.gap < 0)
			fprintf(f, "D\t%d\t-\t\t\n", i + 1);
		else
			fprintf(f, "D\t%d\t%d\t%s\t%s\n", i + 1, d.gap,
				s->groups[d.a], s->groups[d.b]);
		for (int r = 1; r < tally_rounds(t, i); r++) {
			int64_t a[TALLY_MAX_VIEWS] = {0},
				b[TALLY_MAX_VIEWS] = {0};
			long c[TALLY_MAX_VIEWS];
			struct swing sw;
			int n = tally_room(t, i, r - 1, c);

			for (int v = 0; v < n; v++)
				a[v] = c[v];
			tally_room(t, i, r, c);
			for (int v = 0; v < n; v++)
				b[v] = c[v];
			divide_swing(a, b, n, &sw);
			fprintf(f, "W\t%d\t%d\t%lld\t", i + 1, r + 1,
				(long long)sw.changed);
			for (int v = 0; v < n && sw.known; v++)
				fprintf(f, "%s%d", v ? "," : "", sw.points[v]);
			if (!sw.known)
				fputc('-', f);
			fputc('\n', f);
		}
	}
}

/*
 * The rows a session's CSV export must have, worked out here from the
 * tally with tally_percent alone, as "R" lines for check_formats.py.
 */
static inline void expect_session(FILE *f, const struct session *s)
{
	const struct tally *t = &s->tally;

	for (int i = 0; i < s->nitems; i++)
		for (int r = 0; r < tally_rounds(t, i); r++)
			for (int g = -1; g < s->ngroups; g++) {
				long c[TALLY_MAX_VIEWS + 1] = {0}, hands = 0;
				int pct[TALLY_MAX_VIEWS + 1],
					n = s->items[i].nviews;
				long hc = g < 0 ? tally_room_headcount(t)
						: tally_headcount(t, g);

				for (int v = 0; v < n; v++) {
					for (int k = 0; k < t->ngroups; k++)
						if (g < 0 || k == g)
							c[v] += tally_cell(
								t, i, r, k, v);
					hands += c[v];
				}
				bool room =
					s->pct_of_room && hc > 0 && hc >= hands;
				c[n] = room ? hc - hands : 0;
				tally_percent(c, n + room, pct);
				for (int v = 0; v < n; v++) {
					fprintf(f, "R\t%d\t%d\t%s\t%d\t%ld\t",
						i + 1, r + 1,
						g < 0 ? "" : s->groups[g],
						v + 1, c[v]);
					if (hands > 0)
						fprintf(f, "%d", pct[v]);
					else
						fputc('-', f);
					fprintf(f, "\t%s\t",
						room ? "room" : "hands");
					if (hc > 0)
						fprintf(f, "%ld", hc);
					fputc('\n', f);
				}
			}
	expect_divides(f, s);
	fprintf(f, "T\t%d\n", s->version == 1 || s->same_views);
}

/* One aggregate item's expected sums, gathered by heading. */
struct expect_item {
	const char *heading;
	int nviews, nrounds;
	long room[TALLY_MAX_VIEWS];
	long rounds[TALLY_MAX_ROUNDS][TALLY_MAX_VIEWS];
	const char *gname[16];
	long groups[16][TALLY_MAX_VIEWS];
	int ngroups;
};

static inline void expect_line(FILE *f, const char *kind, int item,
			       const char *which, const long *c, int n)
{
	int pct[TALLY_MAX_VIEWS];
	long total = 0;

	tally_percent(c, n, pct);
	for (int v = 0; v < n; v++)
		total += c[v];
	for (int v = 0; v < n; v++) {
		fprintf(f, "%s\t%d\t%s%s%d\t%ld\t", kind, item,
			which ? which : "", which ? "\t" : "", v + 1, c[v]);
		if (total > 0 || !which)
			fprintf(f, "%d\n", total > 0 ? pct[v] : 0);
		else
			fputs("-\n", f);
	}
}

/* Group g of session s into e's group of that name. */
static inline void expect_group(struct expect_item *e, const struct session *s,
				int i, int g)
{
	const struct tally *t = &s->tally;
	int k = 0, r = tally_rounds(t, i) - 1;

	while (k < e->ngroups && strcmp(e->gname[k], s->groups[g]))
		k++;
	if (k == e->ngroups)
		e->gname[e->ngroups++] = s->groups[g];
	for (int v = 0; v < s->items[i].nviews; v++)
		e->groups[k][v] += tally_cell(t, i, r, g, v);
}

static inline void expect_add(struct expect_item *e, const struct session *s,
			      int i)
{
	const struct tally *t = &s->tally;
	int nr = tally_rounds(t, i);

	if (s->items[i].nviews > e->nviews)
		e->nviews = s->items[i].nviews;
	if (nr > e->nrounds)
		e->nrounds = nr;
	for (int v = 0; v < s->items[i].nviews; v++) {
		e->room[v] += tally_get(t, i, v);
		for (int r = 0; r < nr; r++)
			for (int g = 0; g < t->ngroups; g++)
				e->rounds[r][v] += tally_cell(t, i, r, g, v);
	}
	for (int g = 0; g < s->ngroups; g++)
		expect_group(e, s, i, g);
}

/*
 * The "A", "AG" and "AR" lines of an aggregate of s[0..n) (headings
 * unique within a session), worked out here from the tallies.
 */
static inline void expect_agg(FILE *f, const struct session *const *s, int n)
{
	struct expect_item *e = calloc(64, sizeof *e);
	int ne = 0;

	assert_non_null(e);
	for (int k = 0; k < n; k++)
		for (int i = 0; i < s[k]->nitems; i++) {
			int j = 0;

			while (j < ne &&
			       strcmp(e[j].heading, s[k]->items[i].heading))
				j++;
			assert_true(j < 64);
			if (j == ne)
				e[ne++].heading = s[k]->items[i].heading;
			expect_add(&e[j], s[k], i);
		}
	for (int j = 0; j < ne; j++) {
		expect_line(f, "A", j + 1, NULL, e[j].room, e[j].nviews);
		for (int g = 0; g < e[j].ngroups; g++)
			expect_line(f, "AG", j + 1, e[j].gname[g],
				    e[j].groups[g], e[j].nviews);
		for (int r = 0; e[j].nrounds > 1 && r < e[j].nrounds; r++) {
			char num[16];

			snprintf(num, sizeof num, "%d", r + 1);
			expect_line(f, "AR", j + 1, num, e[j].rounds[r],
				    e[j].nviews);
		}
	}
	free(e);
}

#endif
