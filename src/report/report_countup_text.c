/*
 * The count-up step in the text and Markdown reports: how many voters
 * chose View 1 on 0, 1, ... N of the deck's N items, with a bar per
 * number of items, mostly View 1 against mostly View 2, and each
 * group's.  Only figures: never a ballot, never an id.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

#define ROW_INDENT "    "
#define BAR_MAX	   40
#define NAME_MAX_W 20

/* Shares of counts[0..n) in whole percents that add up to 100; pct NULL
 * when out of memory. */
static int *shares(const int64_t *counts, int n)
{
	long *small = malloc((size_t)n * sizeof *small);
	int *pct = malloc((size_t)n * sizeof *pct);

	if (small && pct) {
		tally_narrow(counts, n, small);
		tally_apportion(small, n, 100, pct);
	} else {
		free(pct);
		pct = NULL;
	}
	free(small);
	return pct;
}

static int digits(int64_t v)
{
	int d = 1;

	for (; v >= 10; v /= 10)
		d++;
	return d;
}

/* "Count-up: View 1 on how many of the 4 items", and for many
 * sessions how many were added up. */
static int text_heading(FILE *out, const struct report_countup *c, bool md)
{
	if (fprintf(out, md ? "\n## Count-up: View 1 on how many of the %d items\n"
			    : "\nCount-up: View 1 on how many of the %d items\n",
		    c->nitems) < 0)
		return -1;
	if (c->agg &&
	    fprintf(out, md ? "\nAdded up over %d session%s of %d items.\n"
			    : "Added up over %d session%s of %d items\n",
		    c->nsessions, c->nsessions == 1 ? "" : "s", c->nitems) < 0)
		return -1;
	return 0;
}

/* "11 phones voted, 1 did not; mostly View 1: 6, ..." */
static int summary_words(char *buf, size_t cap,
			 const struct report_countup_sum *s)
{
	return snprintf(buf, cap,
			"%" PRId64 " phone%s voted, %" PRId64
			" did not; mostly View 1: %" PRId64
			", mostly View 2: %" PRId64 ", even: %" PRId64,
			s->voters, s->voters == 1 ? "" : "s", s->silent,
			s->mostly1, s->mostly2, s->even);
}

static int text_rows(FILE *out, const struct report_countup *c)
{
	const int64_t *row = report_countup_row(c, 0);
	int64_t voters = c->sum[0].voters, most = 0;
	int *pct = shares(row, c->nitems + 1);
	int cw = digits(voters) > 6 ? digits(voters) : 6, rc = 0;
	int lw = 6 + digits(c->nitems); /* "12 items" */
	int bar = REPORT_WIDTH - 4 - lw - 2 - cw - 2 - 4 - 2;

	if (!pct)
		return -1;
	if (bar > BAR_MAX)
		bar = BAR_MAX;
	for (int k = 0; k <= c->nitems; k++)
		most = row[k] > most ? row[k] : most;
	if (fprintf(out, "\n%s%-*s  %*s\n", ROW_INDENT, lw, "View 1 on", cw,
		    "People") < 0)
		rc = -1;
	for (int k = 0; !rc && k <= c->nitems; k++) {
		char label[32];
		/* Longest row full: the shape is what the room reads. */
		int cells = most ? (int)((row[k] * bar + most / 2) / most) : 0;

		if (cells == 0 && row[k] > 0)
			cells = 1;
		snprintf(label, sizeof label, "%d item%s", k, k == 1 ? "" : "s");
		if (fprintf(out, "%s%-*s  %*" PRId64 "  ", ROW_INDENT, lw,
			    label, cw, row[k]) < 0 ||
		    report_put_figure(out, REPORT_TEXT, voters > 0, pct[k]) ||
		    (cells && fprintf(out, "  %.*s", cells,
				      "########################################") < 0) ||
		    fputc('\n', out) == EOF)
			rc = -1;
	}
	free(pct);
	return rc;
}

/* The name column of the groups' tables. */
static int name_width(const struct report_countup *c)
{
	int w = 5; /* "Group" */

	for (int g = 0; g < c->ngroups; g++)
		if (c->has[g] && text_width(c->groups[g]) > w)
			w = text_width(c->groups[g]);
	return w < NAME_MAX_W ? w : NAME_MAX_W;
}

static int text_group_sums(FILE *out, const struct report_countup *c, int nw)
{
	if (fprintf(out, "\n%s%-*s  Voters  Mostly View 1  Mostly View 2  Even  "
			 "Silent\n",
		    ROW_INDENT, nw, "Group") < 0)
		return -1;
	for (int g = 0; g < c->ngroups; g++) {
		const struct report_countup_sum *s = &c->sum[1 + g];

		if (!c->has[g])
			continue;
		if (fputs(ROW_INDENT, out) == EOF ||
		    report_text_fit(out, c->groups[g], nw, true) ||
		    fprintf(out,
			    "  %6" PRId64 "  %13" PRId64 "  %13" PRId64
			    "  %4" PRId64 "  %6" PRId64 "\n",
			    s->voters, s->mostly1, s->mostly2, s->even,
			    s->silent) < 0)
			return -1;
	}
	return 0;
}

/* Column k's width in the groups' table of items: its number and its
 * largest count. */
static int k_width(const struct report_countup *c, int k)
{
	int w = digits(k);

	for (int g = 0; g < c->ngroups; g++)
		if (c->has[g] && digits(report_countup_row(c, 1 + g)[k]) > w)
			w = digits(report_countup_row(c, 1 + g)[k]);
	return w;
}

/* Each group's voters by the number of items, when the columns fit. */
static int text_group_items(FILE *out, const struct report_countup *c, int nw)
{
	int width = (int)strlen(ROW_INDENT) + nw;

	for (int k = 0; k <= c->nitems; k++)
		width += 2 + k_width(c, k);
	if (width > REPORT_WIDTH)
		return fprintf(out, "%s(each group's voters by items: see the CSV "
				    "or JSON report)\n",
			       ROW_INDENT) < 0
			       ? -1
			       : 0;
	if (fprintf(out, "\n%s%-*s", ROW_INDENT, nw, "View 1 on (items)") < 0)
		return -1;
	for (int k = 0; k <= c->nitems; k++)
		if (fprintf(out, "  %*d", k_width(c, k), k) < 0)
			return -1;
	for (int g = 0; g < c->ngroups; g++) {
		if (!c->has[g])
			continue;
		if (fprintf(out, "\n%s", ROW_INDENT) < 0 ||
		    report_text_fit(out, c->groups[g], nw, true))
			return -1;
		for (int k = 0; k <= c->nitems; k++)
			if (fprintf(out, "  %*" PRId64, k_width(c, k),
				    report_countup_row(c, 1 + g)[k]) < 0)
				return -1;
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

int report_text_countup(FILE *out, const struct report_countup *c)
{
	char words[256];
	int nw = name_width(c);

	summary_words(words, sizeof words, &c->sum[0]);
	if (text_heading(out, c, false) ||
	    report_text_wrap(out, ROW_INDENT, words) || text_rows(out, c))
		return -1;
	if (c->ngroups == 0)
		return 0;
	/* "View 1 on (items)" heads the name column of the second table. */
	if (nw < 17)
		nw = 17;
	return text_group_sums(out, c, nw) || text_group_items(out, c, nw)
		       ? -1
		       : 0;
}

/* ---- Markdown ----------------------------------------------------------- */

static int md_rows(FILE *out, const struct report_countup *c)
{
	const int64_t *row = report_countup_row(c, 0);
	int *pct = shares(row, c->nitems + 1), rc = 0;

	if (!pct)
		return -1;
	if (fputs("\n| View 1 on | People | Share |\n|:---|---:|---:|\n", out) ==
	    EOF)
		rc = -1;
	for (int k = 0; !rc && k <= c->nitems; k++)
		if (fprintf(out, "| %d item%s | %" PRId64 " | ", k,
			    k == 1 ? "" : "s", row[k]) < 0 ||
		    report_put_figure(out, REPORT_MD, c->sum[0].voters > 0,
				      pct[k]) ||
		    fputs(" |\n", out) == EOF)
			rc = -1;
	free(pct);
	return rc;
}

static int md_groups(FILE *out, const struct report_countup *c)
{
	if (fputs("\n| Group | Voters | Mostly View 1 | Mostly View 2 | Even | "
		  "Silent |",
		  out) == EOF)
		return -1;
	for (int k = 0; k <= c->nitems; k++)
		if (fprintf(out, " %d |", k) < 0)
			return -1;
	if (fputs("\n|:---|---:|---:|---:|---:|---:|", out) == EOF)
		return -1;
	for (int k = 0; k <= c->nitems; k++)
		if (fputs("---:|", out) == EOF)
			return -1;
	for (int g = 0; g < c->ngroups; g++) {
		const struct report_countup_sum *s = &c->sum[1 + g];

		if (!c->has[g])
			continue;
		if (fputs("\n| ", out) == EOF ||
		    report_put_md(out, c->groups[g]) ||
		    fprintf(out,
			    " | %" PRId64 " | %" PRId64 " | %" PRId64
			    " | %" PRId64 " | %" PRId64 " |",
			    s->voters, s->mostly1, s->mostly2, s->even,
			    s->silent) < 0)
			return -1;
		for (int k = 0; k <= c->nitems; k++)
			if (fprintf(out, " %" PRId64 " |",
				    report_countup_row(c, 1 + g)[k]) < 0)
				return -1;
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

int report_md_countup(FILE *out, const struct report_countup *c)
{
	char words[256];

	summary_words(words, sizeof words, &c->sum[0]);
	if (text_heading(out, c, true) || fprintf(out, "\n%s.\n", words) < 0 ||
	    md_rows(out, c))
		return -1;
	return c->ngroups > 0 ? md_groups(out, c) : 0;
}
