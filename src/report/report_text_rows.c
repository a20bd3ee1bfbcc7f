/*
 * The text report's building blocks: columns that line up, view rows
 * with plain-character bars, text cut or wrapped to 80 columns.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/safe.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "core/chart.h"

/* Widest label column before labels are cut, and the widest bar. */
#define LABEL_MAX  20
#define BAR_MAX	   40
#define ROW_INDENT "    "

static const char ellipsis[] = "\xe2\x80\xa6";

void report_cols_init(struct report_cols *c)
{
	c->label = 5; /* "Total" */
	c->count = 1;
	c->bar = BAR_MAX;
}

void report_cols_fit(struct report_cols *c, const char *label, int64_t count)
{
	int w = label ? text_width(label) : 0;
	int digits = 1;

	if (w > c->label)
		c->label = w < LABEL_MAX ? w : LABEL_MAX;
	for (int64_t v = count; v >= 10; v /= 10)
		digits++;
	if (digits > c->count)
		c->count = digits;
}

void report_cols_done(struct report_cols *c)
{
	int used =
		(int)strlen(ROW_INDENT) + c->label + 2 + c->count + 2 + 4 + 2;

	c->bar = REPORT_WIDTH - used;
	if (c->bar > BAR_MAX)
		c->bar = BAR_MAX;
	if (c->bar < 10)
		c->bar = 10;
}

int report_text_fit(FILE *out, const char *s, int width, bool pad)
{
	int used;
	size_t fit = text_fit(s, width, &used);

	if (s[fit]) {
		/* Cut one column earlier to make room for the ellipsis. */
		fit = text_fit(s, width - 1, &used);
		if (safe_put(out, s, fit) || fputs(ellipsis, out) == EOF)
			return -1;
		used++;
	} else if (safe_put(out, s, fit)) {
		return -1;
	}
	if (pad && used < width && fprintf(out, "%*s", width - used, "") < 0)
		return -1;
	return 0;
}

int report_text_views(FILE *out, const struct report_cols *c,
		      char *const *labels, const int64_t *counts, int n)
{
	struct report_split sp;

	report_split_of(&sp, counts, n, 0, false);
	return report_text_split(out, c, labels, &sp);
}

int report_text_split(FILE *out, const struct report_cols *c,
		      char *const *labels, const struct report_split *sp)
{
	struct chart_bar bars[REPORT_COLS];
	int64_t all[REPORT_COLS];
	long small[REPORT_COLS] = {0};
	char bar[BAR_MAX + 2];
	/* Nobody raised a hand: no share, and no bar, for the rest. */
	int n = sp->n + (sp->of_room && sp->hands > 0);

	memcpy(all, sp->counts, sizeof sp->counts);
	all[sp->n] = sp->no_hand;
	tally_narrow(all, n, small);
	chart_layout(small, n, c->bar, bars);
	for (int v = 0; v < n; v++) {
		/* Whole cells, rounded to the nearest; a raised hand shows. */
		int cells = bars[v].full + (bars[v].eighths >= 4);
		int len;

		if (cells == 0 && all[v] > 0)
			cells = 1;
		len = chart_plain(bar, sizeof bar, cells, c->bar, '#');
		while (len > 0 && bar[len - 1] == ' ')
			bar[--len] = '\0';
		if (fputs(ROW_INDENT, out) == EOF ||
		    report_text_fit(out,
				    v < sp->n ? report_view_label(labels, v)
					      : report_no_hand_words(sp->votes),
				    c->label, true) ||
		    fprintf(out, "  %*" PRId64 "  ", c->count, all[v]) < 0 ||
		    report_put_figure(out, REPORT_TEXT, sp->hands > 0,
				      sp->pct[v]) ||
		    fprintf(out, "%s%s\n", len ? "  " : "", bar) < 0)
			return -1;
	}
	return 0;
}

int report_text_wrap(FILE *out, const char *prefix, const char *s)
{
	struct text_line local[64], *lines = local;
	int indent = text_width(prefix);
	int width = REPORT_WIDTH - indent;
	size_t n, shown, cap = sizeof local / sizeof local[0];
	bool cut = false;
	int rc = 0;

	if (width < 20)
		width = 20;
	n = text_wrap(s, width, lines, cap);
	if (n > cap) {
		/* Text of any length is shown whole, so a heap array for it. */
		struct text_line *big = malloc(n * sizeof *big);

		if (big) {
			lines = big;
			text_wrap(s, width, lines, n);
		}
	}
	shown = lines != local || n <= cap ? n : cap;
	/* Out of memory only: the last line shown says that more was cut. */
	cut = shown < n;
	/* No trailing blanks: an empty line gets no indent either. */
	size_t plen = strlen(prefix), ptrim = plen;

	while (ptrim > 0 && prefix[ptrim - 1] == ' ')
		ptrim--;
	for (size_t i = 0; i < shown && !rc; i++) {
		const char *line = s + lines[i].off;
		size_t len = lines[i].len;
		bool empty = len == 0, last_cut = cut && i + 1 == shown;

		if (last_cut) {
			size_t fit = text_fit(line, width - 1, NULL);

			len = fit < len ? fit : len;
		}
		if (i == 0 && safe_put(out, prefix, empty ? ptrim : plen))
			rc = -1;
		else if (i > 0 && !empty && fprintf(out, "%*s", indent, "") < 0)
			rc = -1;
		else if (safe_put(out, line, len) ||
			 (last_cut && fputs(ellipsis, out) == EOF) ||
			 fputc('\n', out) == EOF)
			rc = -1;
	}
	if (lines != local)
		free(lines);
	if (rc)
		return -1;
	if (n == 0 && (safe_put(out, prefix, ptrim) || fputc('\n', out) == EOF))
		return -1;
	return 0;
}

/* "   3. Heading ......  leans to View 1", one row of "where ... lean". */
int report_text_lean_row(FILE *out, int i, const char *heading,
			 const int64_t *counts, int n)
{
	char num[24], lean[40];
	int w = snprintf(num, sizeof num, "%4d. ", i + 1);

	if (fputs(num, out) == EOF ||
	    report_text_fit(out, heading, REPORT_WIDTH - w - 2 - 15, true) ||
	    fprintf(out, "  %s\n",
		    report_leaning(lean, sizeof lean, counts, n)) < 0)
		return -1;
	return 0;
}

int report_text_overall(FILE *out, const int64_t *totals, int n)
{
	char lean[40];

	return fprintf(out, "Overall: %s\n",
		       report_leaning(lean, sizeof lean, totals, n)) < 0
		       ? -1
		       : 0;
}
