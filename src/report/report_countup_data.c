/*
 * The count-up step in the CSV and JSON reports.  CSV keeps one table:
 * the count-up's rows follow the items' with the same columns, an empty
 * item_no, "voters" as their percentage base, and the view column saying
 * what was counted ("View 1 on 3 items", "Mostly View 1").  Only figures:
 * never a ballot, never an id.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/session.h"

/* The leading fields, up to the item's: the session's or the deck's. */
static int csv_lead(FILE *out, const struct session *s, const char *when,
		    const struct report_agg *a)
{
	if (s)
		return report_put_csv(out, s->name) ||
			       fprintf(out, ",%s,", when) < 0 ||
			       report_put_csv(out, s->deck_title) ||
			       fputs(",,", out) == EOF
		       ? -1
		       : 0;
	return report_put_csv(out, a->title) || fputs(",,", out) == EOF ? -1
									: 0;
}

/*
 * One row: k >= 0 for "View 1 on k items", else what names (a summary's
 * figure); pct < 0 leaves its share empty; g the group's row or -1.
 */
static int csv_row(FILE *out, const struct report_countup *c,
		   const struct session *s, const char *when,
		   const struct report_agg *a, int k, const char *what,
		   int64_t count, int pct, int g)
{
	char item[48], view[48];

	snprintf(item, sizeof item, "Count-up of %d items", c->nitems);
	if (k >= 0)
		snprintf(view, sizeof view, "View 1 on %d item%s", k,
			 k == 1 ? "" : "s");
	if (csv_lead(out, s, when, a) || report_put_csv(out, item) ||
	    fputc(',', out) == EOF || (k >= 0 && fprintf(out, "%d", k) < 0) ||
	    fputc(',', out) == EOF ||
	    report_put_csv(out, k >= 0 ? view : what) ||
	    fprintf(out, ",%" PRId64 ",", count) < 0 ||
	    report_put_figure(out, REPORT_CSV, pct >= 0, pct))
		return -1;
	const char *group = g >= 0 ? c->groups[g] : NULL;
	if (s)
		return fputc(',', out) == EOF ||
			       (group && report_put_csv(out, group)) ||
			       fputs(",,,voters,\r\n", out) == EOF
		       ? -1
		       : 0;
	return fprintf(out, ",%d,%d,,,,", c->nsessions, c->nsessions) < 0 ||
		       (a->cmp_at >= 0 && fputs(",,,,,,,", out) == EOF) ||
		       fputc(',', out) == EOF ||
		       (group && report_put_csv(out, group)) ||
		       fputs(",,,\r\n", out) == EOF
	       ? -1
	       : 0;
}

/* Row `row` of c (0: everyone; 1 + g: group g): by items, then sums. */
static int csv_block(FILE *out, const struct report_countup *c,
		     const struct session *s, const char *when,
		     const struct report_agg *a, int row)
{
	const int64_t *by = report_countup_row(c, row);
	const struct report_countup_sum *sm = &c->sum[row];
	int n = c->nitems + 1, g = row - 1, rc = 0;
	long *small = malloc((size_t)(n > 3 ? n : 3) * sizeof *small);
	int *pct = malloc((size_t)(n > 3 ? n : 3) * sizeof *pct);

	if (!small || !pct)
		rc = -1;
	if (!rc) {
		tally_narrow(by, n, small);
		tally_apportion(small, n, 100, pct);
	}
	for (int k = 0; !rc && k < n; k++)
		rc = csv_row(out, c, s, when, a, k, NULL, by[k],
			     sm->voters > 0 ? pct[k] : -1, g);
	if (!rc) {
		long three[3] = {(long)sm->mostly1, (long)sm->mostly2,
				 (long)sm->even};
		bool any = sm->voters > 0;

		tally_apportion(three, 3, 100, pct);
		rc = csv_row(out, c, s, when, a, -1, "Mostly View 1",
			     sm->mostly1, any ? pct[0] : -1, g) ||
		     csv_row(out, c, s, when, a, -1, "Mostly View 2",
			     sm->mostly2, any ? pct[1] : -1, g) ||
		     csv_row(out, c, s, when, a, -1, "Even", sm->even,
			     any ? pct[2] : -1, g) ||
		     csv_row(out, c, s, when, a, -1, "Did not vote",
			     sm->silent, -1, g);
	}
	free(small);
	free(pct);
	return rc ? -1 : 0;
}

int report_csv_countup(FILE *out, const struct report_countup *c,
		       const struct session *s, const struct report_agg *a)
{
	char when[40] = "";

	if (s)
		report_time(when, sizeof when, s->started, true);
	if (csv_block(out, c, s, when, a, 0))
		return -1;
	for (int g = 0; g < c->ngroups; g++)
		if (c->has[g] && csv_block(out, c, s, when, a, 1 + g))
			return -1;
	return 0;
}

/* ---- JSON --------------------------------------------------------------- */

/* "voters": ..., "by_items": [...]: one row's figures. */
static int json_figures(FILE *out, const struct report_countup *c, int row)
{
	const struct report_countup_sum *sm = &c->sum[row];
	const int64_t *by = report_countup_row(c, row);

	if (fprintf(out,
		    "\"voters\": %" PRId64 ", \"silent\": %" PRId64
		    ", \"mostly_view1\": %" PRId64 ", \"mostly_view2\": %" PRId64
		    ", \"even\": %" PRId64 ", \"by_items\": [",
		    sm->voters, sm->silent, sm->mostly1, sm->mostly2,
		    sm->even) < 0)
		return -1;
	for (int k = 0; k <= c->nitems; k++)
		if (fprintf(out, "%s%" PRId64, k ? ", " : "", by[k]) < 0)
			return -1;
	return fputc(']', out) == EOF ? -1 : 0;
}

int report_json_countup(FILE *out, const char *indent,
			const struct report_countup *c)
{
	bool first = true;

	if (fprintf(out, "{\"items\": %d, \"sessions\": %d, ", c->nitems,
		    c->nsessions) < 0 ||
	    json_figures(out, c, 0) || fputs(", \"groups\": [", out) == EOF)
		return -1;
	for (int g = 0; g < c->ngroups; g++) {
		if (!c->has[g])
			continue;
		if (fprintf(out, "%s\n%s  {\"name\": ", first ? "" : ",",
			    indent) < 0 ||
		    report_put_json(out, c->groups[g]) ||
		    fputs(", ", out) == EOF || json_figures(out, c, 1 + g) ||
		    fputc('}', out) == EOF)
			return -1;
		first = false;
	}
	return fputs("]}", out) == EOF ? -1 : 0;
}
