/* report_agg_out: an aggregate (struct agg) in each of the four formats. */
#include "report_agg.h"

#include <string.h>

static const char *const view_names[TALLY_MAX_VIEWS] = {
    "View 1", "View 2", "View 3", "View 4", "View 5", "View 6",
};

static long sum(const long *c, int n)
{
	long t = 0;

	for (int v = 0; v < n; v++)
		t += c[v];
	return t;
}

static int totals_of(const struct report_agg *a, long *totals)
{
	int n = 0;

	memset(totals, 0, sizeof(long) * TALLY_MAX_VIEWS);
	for (int i = 0; i < a->nitems; i++) {
		if (a->items[i].nviews > n)
			n = a->items[i].nviews;
		for (int v = 0; v < a->items[i].nviews; v++)
			totals[v] += a->items[i].totals[v];
	}
	return n;
}

/* The compared session against the pooled rest, for one item. */
struct cmp_info {
	bool counted;      /* the compared session counted the item */
	bool rest_counted; /* some other session did */
	int cpct[TALLY_MAX_VIEWS], rpct[TALLY_MAX_VIEWS];
	int diff;       /* View 1 share, compared minus rest, in points */
	bool other_way; /* both lean, to different views */
};

static void cmp_of(const struct agg_item *it, struct cmp_info *ci)
{
	int cl = tally_leaning_of(it->cmp, it->nviews);
	int rl = tally_leaning_of(it->rest, it->nviews);

	ci->counted = it->in_cmp && sum(it->cmp, it->nviews) > 0;
	ci->rest_counted = sum(it->rest, it->nviews) > 0;
	tally_percent(it->cmp, it->nviews, ci->cpct);
	tally_percent(it->rest, it->nviews, ci->rpct);
	ci->diff = ci->cpct[0] - ci->rpct[0];
	ci->other_way =
	    ci->counted && ci->rest_counted && cl >= 0 && rl >= 0 && cl != rl;
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
	long total = sum(it->totals, it->nviews);
	struct cmp_info ci;

	snprintf(prefix, sizeof prefix, "%d. ", i + 1);
	if (fputc('\n', out) == EOF ||
	    report_text_wrap(out, prefix, it->heading) ||
	    report_text_views(out, cols, (const char *const *)it->labels,
	                      it->totals, it->nviews))
		return -1;
	snprintf(buf, sizeof buf,
	         "    %ld %s in %d of %d sessions (%d counted), %s", total,
	         total == 1 ? "hand" : "hands", it->nsessions, (int)a->nsess,
	         it->ncounted,
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
	cmp_of(it, &ci);
	if (!it->in_cmp)
		snprintf(buf, sizeof buf, "    Compared: not in that session");
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
	long totals[TALLY_MAX_VIEWS];
	char buf[512], from[40], to[40], lean[40];
	int ntot = totals_of(a, totals);

	report_cols_init(&cols);
	for (int i = 0; i < a->nitems; i++)
		for (int v = 0; v < a->items[i].nviews; v++)
			report_cols_fit(&cols, a->items[i].labels[v],
			                a->items[i].totals[v]);
	for (int v = 0; v < ntot; v++)
		report_cols_fit(&cols, view_names[v], totals[v]);
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
	    report_text_views(out, &cols, view_names, totals, ntot) ||
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

static int write_csv(FILE *out, const struct report_agg *a)
{
	if (fputs("deck,item_no,item,view_no,view,count,percent,sessions,"
	          "counted,view1_min,view1_min_session,view1_max,"
	          "view1_max_session",
	          out) == EOF ||
	    (a->cmp_at >= 0 &&
	     fputs(",compare_session,compare_count,compare_percent,"
	           "rest_count,rest_percent,difference,leans_other_way",
	           out) == EOF) ||
	    fputs("\r\n", out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++) {
		const struct agg_item *it = &a->items[i];
		int pct[TALLY_MAX_VIEWS];
		struct cmp_info ci;

		tally_percent(it->totals, it->nviews, pct);
		cmp_of(it, &ci);
		for (int v = 0; v < it->nviews; v++) {
			if (report_put_csv(out, a->title) ||
			    fprintf(out, ",%d,", i + 1) < 0 ||
			    report_put_csv(out, it->heading) ||
			    fprintf(out, ",%d,", v + 1) < 0 ||
			    report_put_csv(out, it->labels[v]) ||
			    fprintf(out, ",%ld,%d,%d,%d,", it->totals[v],
			            pct[v], it->nsessions, it->ncounted) < 0)
				return -1;
			if (it->ncounted > 0 &&
			    (fprintf(out, "%d,", it->min_pct) < 0 ||
			     report_put_csv(out, a->sess[it->min_at].name) ||
			     fprintf(out, ",%d,", it->max_pct) < 0 ||
			     report_put_csv(out, a->sess[it->max_at].name)))
				return -1;
			if (it->ncounted == 0 && fputs(",,,", out) == EOF)
				return -1;
			if (a->cmp_at >= 0 &&
			    (fputc(',', out) == EOF ||
			     report_put_csv(out, a->sess[a->cmp_at].name) ||
			     fprintf(out, ",%ld,%d,%ld,%d,%d,%s", it->cmp[v],
			             ci.cpct[v], it->rest[v], ci.rpct[v],
			             ci.cpct[v] - ci.rpct[v],
			             ci.other_way ? "yes" : "no") < 0))
				return -1;
			if (fputs("\r\n", out) == EOF)
				return -1;
		}
	}
	return 0;
}

static int md_item(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int pct[TALLY_MAX_VIEWS];
	char lean[40];
	struct cmp_info ci;

	tally_percent(it->totals, it->nviews, pct);
	cmp_of(it, &ci);
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
		    fprintf(out, " | %ld | %d%% |", it->totals[v], pct[v]) <
		        0 ||
		    (a->cmp_at >= 0 && fprintf(out, " %d%% | %d%% |",
		                               ci.cpct[v], ci.rpct[v]) < 0) ||
		    fputc('\n', out) == EOF)
			return -1;
	}
	if (fprintf(out, "\n%ld hands in %d of %d sessions (%d counted), %s.",
	            sum(it->totals, it->nviews), it->nsessions, (int)a->nsess,
	            it->ncounted,
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
	if (a->cmp_at >= 0 && ci.counted && ci.rest_counted &&
	    fprintf(out, " Compared: %+d points on View 1%s.", ci.diff,
	            ci.other_way ? ", leans the other way" : "") < 0)
		return -1;
	return fputs("\n\n", out) == EOF ? -1 : 0;
}

static int write_md(FILE *out, const struct report_agg *a)
{
	long totals[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	char from[40], to[40], lean[40];
	int ntot = totals_of(a, totals);

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
	tally_percent(totals, ntot, pct);
	if (fputs("## Totals over all items and sessions\n\n"
	          "| View | Count | Share |\n|:---|---:|---:|\n",
	          out) == EOF)
		return -1;
	for (int v = 0; v < ntot; v++)
		if (fprintf(out, "| %s | %ld | %d%% |\n", view_names[v],
		            totals[v], pct[v]) < 0)
			return -1;
	return fprintf(out, "\nOverall: %s.\n",
	               report_leaning(lean, sizeof lean, totals, ntot)) < 0
	           ? -1
	           : 0;
}

static int json_views(FILE *out, const struct agg_item *it, const long *c,
                      int n, const struct cmp_info *ci)
{
	int pct[TALLY_MAX_VIEWS];

	tally_percent(c, n, pct);
	if (fputc('[', out) == EOF)
		return -1;
	for (int v = 0; v < n; v++) {
		if (fprintf(out, "%s\n      {\"number\": %d, \"label\": ",
		            v ? "," : "", v + 1) < 0 ||
		    report_put_json(out, it ? it->labels[v] : view_names[v]) ||
		    fprintf(out, ", \"count\": %ld, \"percent\": %d", c[v],
		            pct[v]) < 0 ||
		    (ci && fprintf(out,
		                   ", \"compare_count\": %ld, "
		                   "\"compare_percent\": %d, \"rest_count\": "
		                   "%ld, \"rest_percent\": %d",
		                   it->cmp[v], ci->cpct[v], it->rest[v],
		                   ci->rpct[v]) < 0) ||
		    fputc('}', out) == EOF)
			return -1;
	}
	return fputc(']', out) == EOF ? -1 : 0;
}

static int json_session(FILE *out, const struct agg_session *s)
{
	char when[40];

	report_time(when, sizeof when, s->started, true);
	if (fputs("{\"name\": ", out) == EOF || report_put_json(out, s->name) ||
	    fprintf(out, ", \"started\": \"%s\", \"file\": ", when) < 0 ||
	    report_put_json(out, s->file) || fputc('}', out) == EOF)
		return -1;
	return 0;
}

static int json_item(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int lv = tally_leaning_of(it->totals, it->nviews);
	struct cmp_info ci;

	cmp_of(it, &ci);
	if (fprintf(out, "%s\n    {\"number\": %d, \"heading\": ", i ? "," : "",
	            i + 1) < 0 ||
	    report_put_json(out, it->heading) ||
	    fprintf(out, ", \"sessions\": %d, \"counted\": %d, \"leaning\": ",
	            it->nsessions, it->ncounted) < 0 ||
	    (lv < 0 ? fputs("null", out) == EOF
	            : fprintf(out, "%d", lv + 1) < 0) ||
	    fprintf(out, ", \"total\": %ld,\n     \"view1_share\": ",
	            sum(it->totals, it->nviews)) < 0)
		return -1;
	if (it->ncounted == 0
	        ? fputs("null", out) == EOF
	        : (fprintf(out, "{\"min\": %d, \"min_session\": ",
	                   it->min_pct) < 0 ||
	           report_put_json(out, a->sess[it->min_at].name) ||
	           fprintf(out, ", \"max\": %d, \"max_session\": ",
	                   it->max_pct) < 0 ||
	           report_put_json(out, a->sess[it->max_at].name) ||
	           fputc('}', out) == EOF))
		return -1;
	if (a->cmp_at >= 0 &&
	    fprintf(out,
	            ",\n     \"compare\": {\"present\": %s, \"counted\": %s, "
	            "\"view1_percent\": %d, \"rest_view1_percent\": %d, "
	            "\"difference\": %d, \"leans_other_way\": %s}",
	            it->in_cmp ? "true" : "false",
	            ci.counted ? "true" : "false", ci.cpct[0], ci.rpct[0],
	            ci.diff, ci.other_way ? "true" : "false") < 0)
		return -1;
	if (fputs(",\n     \"views\": ", out) == EOF ||
	    json_views(out, it, it->totals, it->nviews,
	               a->cmp_at >= 0 ? &ci : NULL) ||
	    fputc('}', out) == EOF)
		return -1;
	return 0;
}

static int write_json(FILE *out, const struct report_agg *a)
{
	long totals[TALLY_MAX_VIEWS];
	int ntot = totals_of(a, totals);

	if (fputs("{\n  \"format\": \"handsup-aggregate\",\n  \"version\": 1,\n"
	          "  \"deck\": {\"title\": ",
	          out) == EOF ||
	    report_put_json(out, a->title) ||
	    fputs(", \"source\": ", out) == EOF ||
	    report_put_json(out, a->source) ||
	    fprintf(out, ", \"hash\": \"%016llx\"},\n  \"sessions\": [",
	            (unsigned long long)a->hash) < 0)
		return -1;
	for (size_t k = 0, m = 0; k < a->nsess; k++) {
		if ((long)k == a->cmp_at)
			continue;
		if (fputs(m++ ? ",\n    " : "\n    ", out) == EOF ||
		    json_session(out, &a->sess[k]))
			return -1;
	}
	if (fputs("\n  ],\n  \"compare\": ", out) == EOF ||
	    (a->cmp_at >= 0 ? json_session(out, &a->sess[a->cmp_at])
	                    : fputs("null", out) == EOF) ||
	    fputs(",\n  \"items\": [", out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++)
		if (json_item(out, a, i))
			return -1;
	if (fputs("\n  ],\n  \"totals\": ", out) == EOF ||
	    json_views(out, NULL, totals, ntot, NULL) ||
	    fputs("\n}\n", out) == EOF)
		return -1;
	return 0;
}

int report_agg_emit(FILE *out, const struct report_agg *a,
                    enum report_format fmt)
{
	switch (fmt) {
	case REPORT_CSV:
		return write_csv(out, a);
	case REPORT_MD:
		return write_md(out, a);
	case REPORT_JSON:
		return write_json(out, a);
	case REPORT_TEXT:
		break;
	}
	return write_text(out, a);
}
