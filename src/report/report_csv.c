/* CSV (RFC 4180, UTF-8) for one session and for an aggregate. */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/divide.h"
#include "core/session.h"

/* The row of one view: today's columns, then group .. headcount. */
static int session_row(FILE *out, const struct session *s, const char *when,
		       int i, int r, int g, const struct report_split *sp,
		       int v)
{
	const struct session_item *it = &s->items[i];

	if (report_put_csv(out, s->name) || fprintf(out, ",%s,", when) < 0 ||
	    report_put_csv(out, s->deck_title) ||
	    fprintf(out, ",%d,", i + 1) < 0 ||
	    report_put_csv(out, it->heading) ||
	    fprintf(out, ",%d,", v + 1) < 0 ||
	    report_put_csv(out, it->labels[v]) ||
	    fprintf(out, ",%" PRId64 ",", sp->counts[v]) < 0 ||
	    report_put_figure(out, REPORT_CSV, sp->hands > 0, sp->pct[v]) ||
	    fputc(',', out) == EOF ||
	    (g >= 0 && report_put_csv(out, s->groups[g])) ||
	    fprintf(out, ",%d,", r + 1) < 0 ||
	    report_put_csv(out, it->texts[v]) ||
	    fprintf(out, ",%s,", sp->of_room ? "room" : "hands") < 0 ||
	    (sp->headcount > 0 &&
	     fprintf(out, "%" PRId64, sp->headcount) < 0) ||
	    fputs("\r\n", out) == EOF)
		return -1;
	return 0;
}

/* Item i's rows: each round's, the room's and then each group's. */
static int session_item(FILE *out, const struct session *s, const char *when,
			int i)
{
	int nr = tally_rounds(&s->tally, i);

	for (int r = 0; r < nr; r++)
		for (int g = -1; g < s->ngroups; g++) {
			struct report_split sp;

			report_split_session(&sp, s, i, r, g);
			for (int v = 0; v < sp.n; v++)
				if (session_row(out, s, when, i, r, g, &sp, v))
					return -1;
		}
	return 0;
}

int report_csv_session(FILE *out, const struct session *s)
{
	char when[40];

	report_time(when, sizeof when, s->started, true);
	if (fputs("session,started,deck,item_no,item,view_no,view,count,"
		  "percent,group,round,view_text,percent_base,headcount\r\n",
		  out) == EOF)
		return -1;
	for (int i = 0; i < s->nitems; i++)
		if (session_item(out, s, when, i))
			return -1;
	return report_countup_session(out, s, REPORT_CSV);
}

/* A count, or an empty field where that side does not have the item. */
static int csv_count(FILE *out, bool present, int64_t count)
{
	return present && fprintf(out, "%" PRId64, count) < 0 ? -1 : 0;
}

/*
 * The compare_* to leans_other_way cells of view v, from the compared
 * session's and the rest's sums.  A count of a side without the item, a
 * share of hands not counted, and a difference or leaning without both
 * sides, stay empty: a 0 or a "no" would claim what nobody counted.
 */
static int compare_cells(FILE *out, const struct report_agg *a,
			 const int64_t *cmp, const int64_t *rest,
			 const struct agg_cmp *ci, int v)
{
	bool both = ci->counted && ci->rest_counted;

	if (fputc(',', out) == EOF ||
	    report_put_csv(out, a->cmp.name) ||
	    fputc(',', out) == EOF || csv_count(out, ci->present, cmp[v]) ||
	    fputc(',', out) == EOF ||
	    report_put_figure(out, REPORT_CSV, ci->counted, ci->cpct[v]) ||
	    fputc(',', out) == EOF ||
	    csv_count(out, ci->rest_present, rest[v]) ||
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

/* deck to counted: the columns every row of an aggregate has. */
static int agg_cells(FILE *out, const struct report_agg *a, int i, int v,
		     int64_t count, bool counted, int pct, int nsessions,
		     int ncounted)
{
	const struct agg_item *it = &a->items[i];

	if (report_put_csv(out, a->title) || fprintf(out, ",%d,", i + 1) < 0 ||
	    report_put_csv(out, it->heading) ||
	    fprintf(out, ",%d,", v + 1) < 0 ||
	    report_put_csv(out, it->labels[v]) ||
	    fprintf(out, ",%" PRId64 ",", count) < 0 ||
	    report_put_figure(out, REPORT_CSV, counted, pct) ||
	    fprintf(out, ",%d,%d,", nsessions, ncounted) < 0)
		return -1;
	return 0;
}

/* The room's rows, as before, with the four new columns empty. */
static int agg_room_rows(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int pct[TALLY_MAX_VIEWS];
	struct agg_cmp ci;

	tally_percent64(it->totals, it->nviews, pct);
	report_agg_cmp(it, &ci);
	for (int v = 0; v < it->nviews; v++) {
		if (agg_cells(out, a, i, v, it->totals[v], it->ncounted > 0,
			      pct[v], it->nsessions, it->ncounted))
			return -1;
		if (it->ncounted > 0 &&
		    (fprintf(out, "%d,", it->min_pct) < 0 ||
		     report_put_csv(out, it->min_name) ||
		     fprintf(out, ",%d,", it->max_pct) < 0 ||
		     report_put_csv(out, it->max_name)))
			return -1;
		if (it->ncounted == 0 && fputs(",,,", out) == EOF)
			return -1;
		if (a->cmp_at >= 0 &&
		    compare_cells(out, a, it->cmp, it->rest, &ci, v))
			return -1;
		if (fputs(",,,,\r\n", out) == EOF)
			return -1;
	}
	return 0;
}

/* Each group's rows: its sums, and with --compare its comparison. */
static int agg_group_rows(FILE *out, const struct report_agg *a, int i, int g)
{
	const struct agg_item *it = &a->items[i];
	const struct agg_sums *gs = &it->groups[g];
	int pct[TALLY_MAX_VIEWS];
	struct agg_cmp ci;

	if (gs->nsessions == 0)
		return 0;
	tally_percent64(gs->totals, it->nviews, pct);
	report_agg_cmp_sums(gs, it->nviews, &ci);
	for (int v = 0; v < it->nviews; v++) {
		if (agg_cells(out, a, i, v, gs->totals[v], gs->ncounted > 0,
			      pct[v], gs->nsessions, gs->ncounted) ||
		    fputs(",,,", out) == EOF ||
		    (a->cmp_at >= 0 &&
		     compare_cells(out, a, gs->cmp, gs->rest, &ci, v)) ||
		    fputc(',', out) == EOF ||
		    report_put_csv(out, a->groups[g]) ||
		    fputs(",,,\r\n", out) == EOF)
			return -1;
	}
	return 0;
}

/* Each round's rows, with the swing from the round before. */
static int agg_round_rows(FILE *out, const struct report_agg *a, int i, int r)
{
	const struct agg_item *it = &a->items[i];
	const struct agg_round *ar = &it->rounds[r];
	int pct[TALLY_MAX_VIEWS];
	struct swing sw = {false, {0}, 0};

	tally_percent64(ar->counts, it->nviews, pct);
	if (r > 0)
		report_agg_swing(a, i, r, &sw);
	for (int v = 0; v < it->nviews; v++) {
		if (agg_cells(out, a, i, v, ar->counts[v], ar->ncounted > 0,
			      pct[v], ar->nsessions, ar->ncounted) ||
		    fputs(",,,", out) == EOF ||
		    (a->cmp_at >= 0 && fputs(",,,,,,,", out) == EOF) ||
		    fprintf(out, ",,%d,", r + 1) < 0 ||
		    report_put_figure(out, REPORT_CSV, sw.known,
				      sw.points[v]) ||
		    fputc(',', out) == EOF ||
		    (r > 0 &&
		     fprintf(out, "%lld", (long long)sw.changed) < 0) ||
		    fputs("\r\n", out) == EOF)
			return -1;
	}
	return 0;
}

int report_csv_agg(FILE *out, const struct report_agg *a)
{
	if (fputs("deck,item_no,item,view_no,view,count,percent,sessions,"
		  "counted,view1_min,view1_min_session,view1_max,"
		  "view1_max_session",
		  out) == EOF ||
	    (a->cmp_at >= 0 &&
	     fputs(",compare_session,compare_count,compare_percent,"
		   "rest_count,rest_percent,difference,leans_other_way",
		   out) == EOF) ||
	    fputs(",group,round,swing,changed_minds\r\n", out) == EOF)
		return -1;
	for (int i = 0; i < a->nitems; i++) {
		if (agg_room_rows(out, a, i))
			return -1;
		for (int g = 0; g < a->ngroups; g++)
			if (agg_group_rows(out, a, i, g))
				return -1;
		for (int r = 0;
		     a->items[i].nrounds > 1 && r < a->items[i].nrounds; r++)
			if (agg_round_rows(out, a, i, r))
				return -1;
	}
	return report_countup_agg(out, a, REPORT_CSV);
}
