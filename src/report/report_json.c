/*
 * JSON for an aggregate, and the views array that the documents share
 * (one session's document is report_json_session.c).
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/divide.h"
#include "core/session.h"

/* A count, or null where that side does not have the item. */
static int json_count(FILE *out, const char *key, const int64_t *counts, int v)
{
	if (fprintf(out, ", \"%s\": ", key) < 0)
		return -1;
	return (counts ? fprintf(out, "%" PRId64, counts[v])
		       : fputs("null", out)) < 0
		       ? -1
		       : 0;
}

int report_json_views(FILE *out, const char *indent, char *const *labels,
		      const int64_t *counts, int n, bool compared,
		      const int64_t *cmp, const int64_t *rest)
{
	int pct[TALLY_MAX_VIEWS], cpct[TALLY_MAX_VIEWS] = {0},
				  rpct[TALLY_MAX_VIEWS] = {0};
	bool counted, ccounted = false, rcounted = false;

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	tally_percent64(counts, n, pct);
	counted = report_sum(counts, n) > 0;
	if (cmp) {
		tally_percent64(cmp, n, cpct);
		ccounted = report_sum(cmp, n) > 0;
	}
	if (rest) {
		tally_percent64(rest, n, rpct);
		rcounted = report_sum(rest, n) > 0;
	}
	if (fputc('[', out) == EOF)
		return -1;
	for (int v = 0; v < n; v++) {
		if (fprintf(out, "%s\n%s{\"number\": %d, \"label\": ",
			    v ? "," : "", indent, v + 1) < 0 ||
		    report_put_json(out, report_view_label(labels, v)) ||
		    fprintf(out, ", \"count\": %" PRId64 ", \"percent\": ",
			    counts[v]) < 0 ||
		    report_put_figure(out, REPORT_JSON, counted, pct[v]) ||
		    (compared &&
		     (json_count(out, "compare_count", cmp, v) ||
		      fputs(", \"compare_percent\": ", out) == EOF ||
		      report_put_figure(out, REPORT_JSON, ccounted, cpct[v]) ||
		      json_count(out, "rest_count", rest, v) ||
		      fputs(", \"rest_percent\": ", out) == EOF ||
		      report_put_figure(out, REPORT_JSON, rcounted,
					rpct[v]))) ||
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

/* null, not 0 or false, where one side did not count the item. */
static int json_compare(FILE *out, const char *indent, const struct agg_cmp *ci)
{
	bool both = ci->counted && ci->rest_counted;

	if (fprintf(out,
		    ",\n%s\"compare\": {\"present\": %s, \"counted\": %s, "
		    "\"rest_present\": %s, \"view1_percent\": ",
		    indent, ci->present ? "true" : "false",
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

static int json_leaning(FILE *out, const int64_t *counts, int n)
{
	int lv = tally_leaning_of(counts, n);

	return (lv < 0 ? fputs("null", out) == EOF
		       : fprintf(out, "%d", lv + 1) < 0)
		       ? -1
		       : 0;
}

/* One group's sums over the sessions that have it, and its comparison. */
static int json_group(FILE *out, const struct report_agg *a,
		      const struct agg_item *it, int g)
{
	const struct agg_sums *gs = &it->groups[g];
	struct agg_cmp ci;

	report_agg_cmp_sums(gs, it->nviews, &ci);
	if (fputs("\n      {\"name\": ", out) == EOF ||
	    report_put_json(out, a->groups[g]) ||
	    fprintf(out, ", \"sessions\": %d, \"counted\": %d, \"leaning\": ",
		    gs->nsessions, gs->ncounted) < 0 ||
	    json_leaning(out, gs->totals, it->nviews) ||
	    fprintf(out, ", \"total\": %" PRId64,
		    report_sum(gs->totals, it->nviews)) < 0 ||
	    (a->cmp_at >= 0 && json_compare(out, "       ", &ci)) ||
	    fputs(",\n       \"views\": ", out) == EOF ||
	    report_json_views(out, "        ", it->labels, gs->totals,
			      it->nviews, a->cmp_at >= 0,
			      gs->in_cmp ? gs->cmp : NULL,
			      gs->in_rest ? gs->rest : NULL) ||
	    fputc('}', out) == EOF)
		return -1;
	return 0;
}

static int json_groups(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int n = 0;

	if (fputc('[', out) == EOF)
		return -1;
	for (int g = 0; g < a->ngroups; g++) {
		if (it->groups[g].nsessions == 0)
			continue;
		if ((n++ && fputc(',', out) == EOF) ||
		    json_group(out, a, it, g))
			return -1;
	}
	return fputc(']', out) == EOF ? -1 : 0;
}

static int json_divide(FILE *out, const struct report_agg *a, int i)
{
	struct report_divide d;

	report_agg_divide(a, i, &d);
	if (d.gap < 0)
		return fputs("null", out) == EOF ? -1 : 0;
	if (fprintf(out, "{\"points\": %d, \"groups\": [", d.gap) < 0 ||
	    report_put_json(out, d.a) || fputs(", ", out) == EOF ||
	    report_put_json(out, d.b) || fputs("]}", out) == EOF)
		return -1;
	return 0;
}

static int json_swing(FILE *out, const struct report_agg *a, int i, int r)
{
	struct swing sw;

	if (r == 0)
		return fputs("null", out) == EOF ? -1 : 0;
	report_agg_swing(a, i, r, &sw);
	return report_json_swing(out, &sw, a->items[i].nviews);
}

int report_json_swing(FILE *out, const struct swing *sw, int n)
{
	if (fputs("{\"points\": ", out) == EOF ||
	    (!sw->known && fputs("null", out) == EOF))
		return -1;
	for (int v = 0; sw->known && v < n; v++)
		if (fprintf(out, "%s%d", v ? ", " : "[", sw->points[v]) < 0)
			return -1;
	if ((sw->known && fputc(']', out) == EOF) ||
	    fprintf(out, ", \"changed\": %lld}", (long long)sw->changed) < 0)
		return -1;
	return 0;
}

/* Each round over the sessions that reached it, with its swing. */
static int json_rounds(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];

	if (fputc('[', out) == EOF)
		return -1;
	for (int r = 0; r < it->nrounds; r++) {
		const struct agg_round *ar = &it->rounds[r];

		if (fprintf(out,
			    "%s\n      {\"round\": %d, \"sessions\": %d, "
			    "\"counted\": %d, \"leaning\": ",
			    r ? "," : "", r + 1, ar->nsessions,
			    ar->ncounted) < 0 ||
		    json_leaning(out, ar->counts, it->nviews) ||
		    fprintf(out, ", \"total\": %" PRId64 ", \"swing\": ",
			    report_sum(ar->counts, it->nviews)) < 0 ||
		    json_swing(out, a, i, r) ||
		    fputs(",\n       \"views\": ", out) == EOF ||
		    report_json_views(out, "        ", it->labels, ar->counts,
				      it->nviews, false, NULL, NULL) ||
		    fputc('}', out) == EOF)
			return -1;
	}
	return fputc(']', out) == EOF ? -1 : 0;
}

static int json_item(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int lv = tally_leaning_of(it->totals, it->nviews);
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
		    report_sum(it->totals, it->nviews)) < 0)
		return -1;
	if (it->ncounted == 0
		    ? fputs("null", out) == EOF
		    : (fprintf(out, "{\"min\": %d, \"min_session\": ",
			       it->min_pct) < 0 ||
		       report_put_json(out, it->min_name) ||
		       fprintf(out, ", \"max\": %d, \"max_session\": ",
			       it->max_pct) < 0 ||
		       report_put_json(out, it->max_name) ||
		       fputc('}', out) == EOF))
		return -1;
	if (a->cmp_at >= 0 && json_compare(out, "     ", &ci))
		return -1;
	if (fputs(",\n     \"views\": ", out) == EOF ||
	    report_json_views(out, "      ", it->labels, it->totals, it->nviews,
			      a->cmp_at >= 0, it->in_cmp ? it->cmp : NULL,
			      it->in_rest ? it->rest : NULL) ||
	    fputs(",\n     \"groups\": ", out) == EOF ||
	    json_groups(out, a, i) ||
	    fputs(",\n     \"divide\": ", out) == EOF ||
	    json_divide(out, a, i) ||
	    fputs(",\n     \"rounds\": ", out) == EOF ||
	    json_rounds(out, a, i) || fputc('}', out) == EOF)
		return -1;
	return 0;
}

int report_json_agg(FILE *out, const struct report_agg *a)
{
	int64_t totals[TALLY_MAX_VIEWS];
	int ntot = report_agg_totals(a, totals);

	if (fputs("{\n  \"format\": \"handsup-aggregate\",\n  \"version\": 2,\n"
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
	    (a->cmp_at >= 0 ? json_session(out, &a->cmp)
			    : fputs("null", out) == EOF) ||
	    fputs(",\n  \"percent_base\": \"hands\",\n  \"groups\": [", out) ==
		    EOF)
		return -1;
	for (int g = 0; g < a->ngroups; g++)
		if (fprintf(out, "%s{\"number\": %d, \"name\": ", g ? ", " : "",
			    g + 1) < 0 ||
		    report_put_json(out, a->groups[g]) ||
		    fputc('}', out) == EOF)
			return -1;
	if (fputs("],\n  \"items\": [", out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++)
		if (json_item(out, a, i))
			return -1;
	if (fputs("\n  ],\n  \"totals\": ", out) == EOF ||
	    (a->totals ? report_json_views(out, "      ", NULL, totals, ntot,
					   false, NULL, NULL)
		       : fputs("null", out) == EOF) ||
	    report_countup_agg(out, a, REPORT_JSON) ||
	    fputs("\n}\n", out) == EOF)
		return -1;
	return 0;
}
