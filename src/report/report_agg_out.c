/* report_agg_out: an aggregate as text or Markdown; helpers for all formats. */
#include "report/report_int.h"

#include <inttypes.h>
#include <string.h>

#include "core/deck.h"

int64_t report_agg_sum(const int64_t *c, int n)
{
	int64_t t = 0;

	for (int v = 0; v < n; v++)
		t += c[v];
	return t;
}

int report_agg_totals(const struct report_agg *a, int64_t *totals)
{
	int n = 0;

	memset(totals, 0, sizeof *totals * TALLY_MAX_VIEWS);
	for (int i = 0; i < a->nitems; i++) {
		if (a->items[i].nviews > n)
			n = a->items[i].nviews;
		for (int v = 0; v < a->items[i].nviews; v++)
			totals[v] += a->items[i].totals[v];
	}
	return n;
}

void report_agg_cmp(const struct agg_item *it, struct agg_cmp *ci)
{
	int cl = report_leaning_of(it->cmp, it->nviews);
	int rl = report_leaning_of(it->rest, it->nviews);

	ci->present = it->in_cmp;
	ci->rest_present = it->in_rest;
	ci->counted = it->in_cmp && report_agg_sum(it->cmp, it->nviews) > 0;
	ci->rest_counted =
		it->in_rest && report_agg_sum(it->rest, it->nviews) > 0;
	report_percent(it->cmp, it->nviews, ci->cpct);
	report_percent(it->rest, it->nviews, ci->rpct);
	ci->diff = ci->cpct[0] - ci->rpct[0];
	ci->other_way = ci->counted && ci->rest_counted && cl >= 0 && rl >= 0 &&
			cl != rl;
}

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
	char buf[512], lean[40], prefix[24];
	int64_t total = report_agg_sum(it->totals, it->nviews);
	struct agg_cmp ci;

	snprintf(prefix, sizeof prefix, "%d. ", i + 1);
	if (fputc('\n', out) == EOF ||
	    report_text_wrap(out, prefix, it->heading) ||
	    report_text_views(out, cols, it->labels, it->totals, it->nviews))
		return -1;
	snprintf(buf, sizeof buf,
		 "    %" PRId64 " %s in %d of %d sessions (%d counted), %s",
		 total, total == 1 ? "hand" : "hands", it->nsessions,
		 (int)a->nsess, it->ncounted,
		 report_leaning(lean, sizeof lean, it->totals, it->nviews));
	if (text_line(out, buf))
		return -1;
	if (it->ncounted > 0) {
		snprintf(buf, sizeof buf,
			 "    View 1 share, lowest:  %3d%% in %s", it->min_pct,
			 a->sess[it->min_at].name);
		if (text_line(out, buf))
			return -1;
		snprintf(buf, sizeof buf,
			 "    View 1 share, highest: %3d%% in %s", it->max_pct,
			 a->sess[it->max_at].name);
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

static int write_text(FILE *out, const struct report_agg *a)
{
	struct report_cols cols;
	int64_t totals[TALLY_MAX_VIEWS];
	char buf[512], from[40], to[40], lean[40];
	int ntot = report_agg_totals(a, totals);

	report_cols_init(&cols);
	for (int i = 0; i < a->nitems; i++)
		for (int v = 0; v < a->items[i].nviews; v++)
			report_cols_fit(&cols, a->items[i].labels[v],
					a->items[i].totals[v]);
	for (int v = 0; v < ntot; v++)
		report_cols_fit(&cols, deck_view_label(v), totals[v]);
	report_cols_done(&cols);

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
			 a->sess[a->cmp_at].name, a->nsess - 1);
		if (text_line(out, buf))
			return -1;
	}
	for (int i = 0; i < a->nitems; i++)
		if (text_item(out, a, i, &cols))
			return -1;
	if (fputs("\nTotals over all items and sessions\n", out) == EOF ||
	    report_text_views(out, &cols, NULL, totals, ntot) ||
	    fputs("\nWhere the rooms lean\n", out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++) {
		const struct agg_item *it = &a->items[i];
		int w = snprintf(buf, sizeof buf, "%4d. ", i + 1);

		if (fputs(buf, out) == EOF ||
		    report_text_fit(out, it->heading, REPORT_WIDTH - w - 2 - 15,
				    true) ||
		    fprintf(out, "  %s\n",
			    report_leaning(lean, sizeof lean, it->totals,
					   it->nviews)) < 0)
			return -1;
	}
	return fprintf(out, "Overall: %s\n",
		       report_leaning(lean, sizeof lean, totals, ntot)) < 0
		       ? -1
		       : 0;
}

/* The comparison in the text report's words: no figure without both sides. */
static int md_compare(FILE *out, const struct agg_cmp *ci)
{
	const char *none = !ci->present	       ? "not in that session"
			   : !ci->rest_present ? "not in the other sessions"
			   : !ci->counted      ? "not counted"
			   : !ci->rest_counted ? "the rest did not count it"
					       : NULL;

	if (none)
		return fprintf(out, " Compared: %s.", none) < 0 ? -1 : 0;
	return fprintf(out, " Compared: %+d points on View 1%s.", ci->diff,
		       ci->other_way ? ", leans the other way" : "") < 0
		       ? -1
		       : 0;
}

static int md_item(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int pct[TALLY_MAX_VIEWS];
	char lean[40];
	struct agg_cmp ci;

	report_percent(it->totals, it->nviews, pct);
	report_agg_cmp(it, &ci);
	if (fprintf(out, "## %d. ", i + 1) < 0 ||
	    report_put_md(out, it->heading) ||
	    fputs("\n\n| View | Count | Share |", out) == EOF ||
	    (a->cmp_at >= 0 && fputs(" Compared | Rest |", out) == EOF) ||
	    fputs("\n|:---|---:|---:|", out) == EOF ||
	    (a->cmp_at >= 0 && fputs("---:|---:|", out) == EOF) ||
	    fputc('\n', out) == EOF)
		return -1;
	for (int v = 0; v < it->nviews; v++) {
		if (fputs("| ", out) == EOF ||
		    report_put_md(out, it->labels[v]) ||
		    fprintf(out, " | %" PRId64 " | ", it->totals[v]) < 0 ||
		    report_put_figure(out, REPORT_MD, it->ncounted > 0,
				      pct[v]) ||
		    fputs(" |", out) == EOF ||
		    (a->cmp_at >= 0 &&
		     (fputc(' ', out) == EOF ||
		      report_put_figure(out, REPORT_MD, ci.counted,
					ci.cpct[v]) ||
		      fputs(" | ", out) == EOF ||
		      report_put_figure(out, REPORT_MD, ci.rest_counted,
					ci.rpct[v]) ||
		      fputs(" |", out) == EOF)) ||
		    fputc('\n', out) == EOF)
			return -1;
	}
	if (fprintf(out,
		    "\n%" PRId64
		    " hands in %d of %d sessions (%d counted), %s.",
		    report_agg_sum(it->totals, it->nviews), it->nsessions,
		    (int)a->nsess, it->ncounted,
		    report_leaning(lean, sizeof lean, it->totals, it->nviews)) <
	    0)
		return -1;
	if (it->ncounted > 0 &&
	    (fprintf(out, " View 1 share: lowest %d%% (", it->min_pct) < 0 ||
	     report_put_md(out, a->sess[it->min_at].name) ||
	     fprintf(out, "), highest %d%% (", it->max_pct) < 0 ||
	     report_put_md(out, a->sess[it->max_at].name) ||
	     fputs(").", out) == EOF))
		return -1;
	if (a->cmp_at >= 0 && md_compare(out, &ci))
		return -1;
	return fputs("\n\n", out) == EOF ? -1 : 0;
}

static int write_md(FILE *out, const struct report_agg *a)
{
	int64_t totals[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	char from[40], to[40], lean[40];
	int ntot = report_agg_totals(a, totals);

	report_time(from, sizeof from, a->first, false);
	report_time(to, sizeof to, a->last, false);
	if (fputs("# ", out) == EOF || report_put_md(out, a->title) ||
	    fputs("\n\n", out) == EOF ||
	    (a->source &&
	     (fputs("- Source: ", out) == EOF ||
	      report_put_md(out, a->source) || fputc('\n', out) == EOF)) ||
	    fprintf(out, "- Sessions: %d, from %s to %s\n", (int)a->nsess, from,
		    to) < 0)
		return -1;
	if (a->cmp_at >= 0 &&
	    (fputs("- Compared: ", out) == EOF ||
	     report_put_md(out, a->sess[a->cmp_at].name) ||
	     fprintf(out, " (with the other %zu)\n", a->nsess - 1) < 0))
		return -1;
	if (fputc('\n', out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++)
		if (md_item(out, a, i))
			return -1;
	report_percent(totals, ntot, pct);
	if (fputs("## Totals over all items and sessions\n\n"
		  "| View | Count | Share |\n|:---|---:|---:|\n",
		  out) == EOF)
		return -1;
	for (int v = 0; v < ntot; v++)
		if (fprintf(out, "| %s | %" PRId64 " | ", deck_view_label(v),
			    totals[v]) < 0 ||
		    report_put_figure(out, REPORT_MD,
				      report_agg_sum(totals, ntot) > 0,
				      pct[v]) ||
		    fputs(" |\n", out) == EOF)
			return -1;
	return fprintf(out, "\nOverall: %s.\n",
		       report_leaning(lean, sizeof lean, totals, ntot)) < 0
		       ? -1
		       : 0;
}

int report_agg_emit(FILE *out, const struct report_agg *a,
		    enum report_format fmt)
{
	switch (fmt) {
	case REPORT_CSV:
		return report_agg_csv(out, a);
	case REPORT_MD:
		return write_md(out, a);
	case REPORT_JSON:
		return report_agg_json(out, a);
	case REPORT_TEXT:
		break;
	}
	return write_text(out, a);
}
