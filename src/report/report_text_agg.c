/*
 * The text report of an aggregate: many sessions of one deck added up,
 * per group and per round, in 80 columns.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/deck.h"

/* One line built in buf, cut to the report's width. */
static int text_line(FILE *out, const char *buf)
{
	if (report_text_fit(out, buf, REPORT_WIDTH, false) ||
	    fputc('\n', out) == EOF)
		return -1;
	return 0;
}

static int text_item(FILE *out, const struct report_agg *a, int i,
		     const struct report_cols *cols)
{
	const struct agg_item *it = &a->items[i];
	char buf[512], lean[40], prefix[24], in[64];
	int64_t total = report_sum(it->totals, it->nviews);
	struct agg_cmp ci;

	snprintf(prefix, sizeof prefix, "%d. ", i + 1);
	if (fputc('\n', out) == EOF ||
	    report_text_wrap(out, prefix, it->heading) ||
	    report_text_views(out, cols, it->labels, it->totals, it->nviews))
		return -1;
	snprintf(buf, sizeof buf, "    %" PRId64 " %s%s %s, %s", total,
		 a->votes ? "vote" : "hand", total == 1 ? "" : "s",
		 report_agg_sessions_words(in, sizeof in, a, i),
		 report_leaning(lean, sizeof lean, it->totals, it->nviews));
	if (text_line(out, buf))
		return -1;
	if (it->ncounted > 0) {
		snprintf(buf, sizeof buf,
			 "    View 1 share, lowest:  %3d%% in %s", it->min_pct,
			 it->min_name);
		if (text_line(out, buf))
			return -1;
		snprintf(buf, sizeof buf,
			 "    View 1 share, highest: %3d%% in %s", it->max_pct,
			 it->max_name);
		if (text_line(out, buf))
			return -1;
	}
	if (a->cmp_at < 0)
		return 0;
	report_agg_cmp(it, &ci);
	if (!ci.present)
		snprintf(buf, sizeof buf, "    Compared: not in that session");
	else if (!ci.rest_present && !ci.counted)
		snprintf(
			buf, sizeof buf,
			"    Compared: not counted; not in the other sessions");
	else if (!ci.rest_present)
		snprintf(buf, sizeof buf,
			 "    Compared: View 1 %d%%; not in the other sessions",
			 ci.cpct[0]);
	else if (!ci.counted)
		snprintf(buf, sizeof buf, "    Compared: not counted");
	else if (!ci.rest_counted)
		snprintf(buf, sizeof buf,
			 "    Compared: View 1 %d%%; the rest did not count it",
			 ci.cpct[0]);
	else
		snprintf(buf, sizeof buf,
			 "    Compared: View 1 %d%% vs %d%% in the rest, %+d "
			 "points%s",
			 ci.cpct[0], ci.rpct[0], ci.diff,
			 ci.other_way ? ", leans the other way" : "");
	return text_line(out, buf);
}

/* "Groups:   A, B, C" and the base, unless every session is of format 1. */
static int agg_base(FILE *out, const struct report_agg *a)
{
	char buf[2048];

	if (a->all_v1)
		return 0;
	if (a->ngroups > 0 &&
	    report_text_wrap(out, "Groups:   ",
			     report_agg_groups_words(buf, sizeof buf, a)))
		return -1;
	return fprintf(out, "Percentages: %s\n",
		       report_base_words(false, a->votes)) < 0
		       ? -1
		       : 0;
}

static int agg_head(FILE *out, const struct report_agg *a)
{
	char buf[512], from[40], to[40];

	report_time(from, sizeof from, a->first, false);
	report_time(to, sizeof to, a->last, false);
	if (report_text_wrap(out, "", a->title) ||
	    (a->source && report_text_wrap(out, "Source:   ", a->source)))
		return -1;
	if (fprintf(out, "Sessions: %d, from %s\n", (int)a->nsess, from) < 0 ||
	    ((int)a->nsess > 1 && fprintf(out, "          to   %s\n", to) < 0))
		return -1;
	if (a->cmp_at >= 0) {
		snprintf(buf, sizeof buf, "Compared: %s (with the other %zu)",
			 a->cmp.name, a->nsess - 1);
		if (text_line(out, buf))
			return -1;
	}
	return agg_base(out, a);
}

/* The totals over all items, and each group's, when they mean something. */
static int agg_totals(FILE *out, const struct report_agg *a,
		      const struct report_cols *cols, const int64_t *totals,
		      int ntot)
{
	struct report_row rows[REPORT_MAX_GROUPS];

	if (fputs("\nTotals over all items and sessions\n", out) == EOF ||
	    report_text_views(out, cols, NULL, totals, ntot))
		return -1;
	if (a->ngroups == 0)
		return 0;
	return report_text_table(out, "Group", NULL, ntot, rows,
				 report_agg_group_totals(a, ntot, rows), false);
}

int report_text_agg(FILE *out, const struct report_agg *a)
{
	struct report_cols cols;
	int64_t totals[TALLY_MAX_VIEWS];
	int ntot = report_agg_totals(a, totals);

	report_cols_init(&cols);
	for (int i = 0; i < a->nitems; i++)
		for (int v = 0; v < a->items[i].nviews; v++)
			report_cols_fit(&cols, a->items[i].labels[v],
					a->items[i].totals[v]);
	for (int v = 0; a->totals && v < ntot; v++)
		report_cols_fit(&cols, deck_view_label(v), totals[v]);
	report_cols_done(&cols);
	if (agg_head(out, a))
		return -1;
	for (int i = 0; i < a->nitems; i++)
		if (text_item(out, a, i, &cols) ||
		    report_text_agg_extra(out, a, i))
			return -1;
	if ((a->totals && agg_totals(out, a, &cols, totals, ntot)) ||
	    fputs("\nWhere the rooms lean\n", out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++) {
		const struct agg_item *it = &a->items[i];

		if (report_text_lean_row(out, i, it->heading, it->totals,
					 it->nviews))
			return -1;
	}
	if (a->totals && report_text_overall(out, totals, ntot))
		return -1;
	if (a->ngroups > 0 && report_text_agg_rank(out, a))
		return -1;
	return report_countup_agg(out, a, REPORT_TEXT);
}
