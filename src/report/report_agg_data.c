/* report_agg_data: an aggregate as CSV or JSON, for other programs. */
#include "report/report_int.h"

#include <inttypes.h>

/* A count, or an empty field where that side does not have the item. */
static int csv_count(FILE *out, bool present, int64_t count)
{
	return present && fprintf(out, "%" PRId64, count) < 0 ? -1 : 0;
}

/*
 * The compare_* to leans_other_way cells of view v.  A count of a side
 * without the item, a share of hands not counted, and a difference or
 * leaning without both sides, stay empty: a 0 or a "no" would claim what
 * nobody counted.
 */
static int compare_cells(FILE *out, const struct report_agg *a,
			 const struct agg_item *it, const struct agg_cmp *ci,
			 int v)
{
	bool both = ci->counted && ci->rest_counted;

	if (fputc(',', out) == EOF ||
	    report_put_csv(out, a->sess[a->cmp_at].name) ||
	    fputc(',', out) == EOF || csv_count(out, ci->present, it->cmp[v]) ||
	    fputc(',', out) == EOF ||
	    report_put_figure(out, REPORT_CSV, ci->counted, ci->cpct[v]) ||
	    fputc(',', out) == EOF ||
	    csv_count(out, ci->rest_present, it->rest[v]) ||
	    fputc(',', out) == EOF ||
	    report_put_figure(out, REPORT_CSV, ci->rest_counted, ci->rpct[v]) ||
	    fputc(',', out) == EOF ||
	    report_put_figure(out, REPORT_CSV, both,
			      ci->cpct[v] - ci->rpct[v]) ||
	    fprintf(out, ",%s",
		    !both	    ? ""
		    : ci->other_way ? "yes"
				    : "no") < 0)
		return -1;
	return 0;
}

int report_agg_csv(FILE *out, const struct report_agg *a)
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
		struct agg_cmp ci;

		report_percent(it->totals, it->nviews, pct);
		report_agg_cmp(it, &ci);
		bool counted = it->ncounted > 0;

		for (int v = 0; v < it->nviews; v++) {
			if (report_put_csv(out, a->title) ||
			    fprintf(out, ",%d,", i + 1) < 0 ||
			    report_put_csv(out, it->heading) ||
			    fprintf(out, ",%d,", v + 1) < 0 ||
			    report_put_csv(out, it->labels[v]) ||
			    fprintf(out, ",%" PRId64 ",", it->totals[v]) < 0 ||
			    report_put_figure(out, REPORT_CSV, counted,
					      pct[v]) ||
			    fprintf(out, ",%d,%d,", it->nsessions,
				    it->ncounted) < 0)
				return -1;
			if (it->ncounted > 0 &&
			    (fprintf(out, "%d,", it->min_pct) < 0 ||
			     report_put_csv(out, a->sess[it->min_at].name) ||
			     fprintf(out, ",%d,", it->max_pct) < 0 ||
			     report_put_csv(out, a->sess[it->max_at].name)))
				return -1;
			if (it->ncounted == 0 && fputs(",,,", out) == EOF)
				return -1;
			if (a->cmp_at >= 0 && compare_cells(out, a, it, &ci, v))
				return -1;
			if (fputs("\r\n", out) == EOF)
				return -1;
		}
	}
	return 0;
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

/* null, not 0 or false, where one side did not count the item. */
static int json_compare(FILE *out, const struct agg_cmp *ci)
{
	bool both = ci->counted && ci->rest_counted;

	if (fprintf(out,
		    ",\n     \"compare\": {\"present\": %s, \"counted\": %s, "
		    "\"rest_present\": %s, \"view1_percent\": ",
		    ci->present ? "true" : "false",
		    ci->counted ? "true" : "false",
		    ci->rest_present ? "true" : "false") < 0 ||
	    report_put_figure(out, REPORT_JSON, ci->counted, ci->cpct[0]) ||
	    fputs(", \"rest_view1_percent\": ", out) == EOF ||
	    report_put_figure(out, REPORT_JSON, ci->rest_counted,
			      ci->rpct[0]) ||
	    fputs(", \"difference\": ", out) == EOF ||
	    report_put_figure(out, REPORT_JSON, both, ci->diff) ||
	    fprintf(out, ", \"leans_other_way\": %s}",
		    !both	    ? "null"
		    : ci->other_way ? "true"
				    : "false") < 0)
		return -1;
	return 0;
}

static int json_item(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int lv = report_leaning_of(it->totals, it->nviews);
	struct agg_cmp ci;

	report_agg_cmp(it, &ci);
	if (fprintf(out, "%s\n    {\"number\": %d, \"heading\": ", i ? "," : "",
		    i + 1) < 0 ||
	    report_put_json(out, it->heading) ||
	    fprintf(out, ", \"sessions\": %d, \"counted\": %d, \"leaning\": ",
		    it->nsessions, it->ncounted) < 0 ||
	    (lv < 0 ? fputs("null", out) == EOF
		    : fprintf(out, "%d", lv + 1) < 0) ||
	    fprintf(out, ", \"total\": %" PRId64 ",\n     \"view1_share\": ",
		    report_agg_sum(it->totals, it->nviews)) < 0)
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
	if (a->cmp_at >= 0 && json_compare(out, &ci))
		return -1;
	if (fputs(",\n     \"views\": ", out) == EOF ||
	    report_json_views(out, "      ", it->labels, it->totals, it->nviews,
			      a->cmp_at >= 0, it->in_cmp ? it->cmp : NULL,
			      it->in_rest ? it->rest : NULL) ||
	    fputc('}', out) == EOF)
		return -1;
	return 0;
}

int report_agg_json(FILE *out, const struct report_agg *a)
{
	int64_t totals[TALLY_MAX_VIEWS];
	int ntot = report_agg_totals(a, totals);

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
	    report_json_views(out, "      ", NULL, totals, ntot, false, NULL,
			      NULL) ||
	    fputs("\n}\n", out) == EOF)
		return -1;
	return 0;
}
