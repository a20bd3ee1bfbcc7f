/*
 * The JSON document of one session (format version 2): the room's
 * counts, each group's, every round with its swing, the divide, and
 * the base of the percentages.  Field names are in handsup(1).
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/divide.h"
#include "core/session.h"

static int json_number(FILE *out, bool known, int64_t v)
{
	return (known ? fprintf(out, "%" PRId64, v) : fputs("null", out)) < 0
		       ? -1
		       : 0;
}

/*
 * What every split has: "total", "leaning", "headcount", "no_hand",
 * "no_hand_percent", "percent_base", each after a comma.
 */
static int json_split_head(FILE *out, const struct report_split *sp)
{
	int lv = tally_leaning_of(sp->counts, sp->n);

	if (fprintf(out, ", \"total\": %" PRId64 ", \"leaning\": ", sp->hands) <
		    0 ||
	    json_number(out, lv >= 0, lv + 1) ||
	    fputs(", \"headcount\": ", out) == EOF ||
	    json_number(out, sp->headcount > 0, sp->headcount) ||
	    fputs(", \"no_hand\": ", out) == EOF ||
	    json_number(out, sp->headcount > 0, sp->no_hand) ||
	    fputs(", \"no_hand_percent\": ", out) == EOF ||
	    report_put_figure(out, REPORT_JSON, sp->of_room && sp->hands > 0,
			      sp->pct[sp->n]) ||
	    fprintf(out, ", \"percent_base\": \"%s\"",
		    sp->of_room ? "room" : "hands") < 0)
		return -1;
	return 0;
}

/* [{"number": 1, "count": 8, "percent": 89}, ...] on one line. */
static int json_counts(FILE *out, const struct report_split *sp)
{
	if (fputc('[', out) == EOF)
		return -1;
	for (int v = 0; v < sp->n; v++)
		if (fprintf(out,
			    "%s{\"number\": %d, \"count\": %" PRId64
			    ", \"percent\": ",
			    v ? ", " : "", v + 1, sp->counts[v]) < 0 ||
		    report_put_figure(out, REPORT_JSON, sp->hands > 0,
				      sp->pct[v]) ||
		    fputc('}', out) == EOF)
			return -1;
	return fputc(']', out) == EOF ? -1 : 0;
}

/* The "groups" array of item i in round r, one group a line. */
static int json_groups(FILE *out, const struct session *s, int i, int r,
		       const char *indent)
{
	if (fputc('[', out) == EOF)
		return -1;
	for (int g = 0; g < s->ngroups; g++) {
		struct report_split sp;

		report_split_session(&sp, s, i, r, g);
		if (fprintf(out, "%s\n%s{\"name\": ", g ? "," : "", indent) <
			    0 ||
		    report_put_json(out, s->groups[g]) ||
		    json_split_head(out, &sp) ||
		    fputs(", \"views\": ", out) == EOF ||
		    json_counts(out, &sp) || fputc('}', out) == EOF)
			return -1;
	}
	return fputc(']', out) == EOF ? -1 : 0;
}

static int json_swing(FILE *out, const struct session *s, int i, int r)
{
	struct report_split a, b;
	struct swing sw;

	if (r == 0)
		return fputs("null", out) == EOF ? -1 : 0;
	report_split_session(&a, s, i, r - 1, -1);
	report_split_session(&b, s, i, r, -1);
	divide_swing(a.counts, b.counts, b.n, &sw);
	return report_json_swing(out, &sw, b.n);
}

static int json_rounds(FILE *out, const struct session *s, int i)
{
	int nr = tally_rounds(&s->tally, i);

	if (fputc('[', out) == EOF)
		return -1;
	for (int r = 0; r < nr; r++) {
		struct report_split sp;

		report_split_session(&sp, s, i, r, -1);
		if (fprintf(out, "%s\n      {\"round\": %d", r ? "," : "",
			    r + 1) < 0 ||
		    json_split_head(out, &sp) ||
		    fputs(",\n       \"views\": ", out) == EOF ||
		    json_counts(out, &sp) ||
		    fputs(",\n       \"groups\": ", out) == EOF ||
		    json_groups(out, s, i, r, "        ") ||
		    fputs(",\n       \"swing\": ", out) == EOF ||
		    json_swing(out, s, i, r) || fputc('}', out) == EOF)
			return -1;
	}
	return fputc(']', out) == EOF ? -1 : 0;
}

/* The room's views of the last round, with their labels and texts. */
static int json_views(FILE *out, const struct session *s, int i,
		      const struct report_split *sp)
{
	const struct session_item *it = &s->items[i];

	if (fputc('[', out) == EOF)
		return -1;
	for (int v = 0; v < sp->n; v++)
		if (fprintf(out, "%s\n      {\"number\": %d, \"label\": ",
			    v ? "," : "", v + 1) < 0 ||
		    report_put_json(out, report_view_label(it->labels, v)) ||
		    fputs(", \"text\": ", out) == EOF ||
		    report_put_json(out, it->texts[v]) ||
		    fprintf(out, ", \"count\": %" PRId64 ", \"percent\": ",
			    sp->counts[v]) < 0 ||
		    report_put_figure(out, REPORT_JSON, sp->hands > 0,
				      sp->pct[v]) ||
		    fputc('}', out) == EOF)
			return -1;
	return fputc(']', out) == EOF ? -1 : 0;
}

static int json_divide(FILE *out, const struct session *s, int i)
{
	struct report_divide d;

	report_divide_session(&d, s, i);
	if (d.gap < 0)
		return fputs("null", out) == EOF ? -1 : 0;
	if (fprintf(out, "{\"points\": %d, \"groups\": [", d.gap) < 0 ||
	    report_put_json(out, d.a) || fputs(", ", out) == EOF ||
	    report_put_json(out, d.b) || fputs("]}", out) == EOF)
		return -1;
	return 0;
}

static int json_item(FILE *out, const struct session *s, int i)
{
	struct report_split sp;
	int r = tally_rounds(&s->tally, i) - 1;

	report_split_session(&sp, s, i, r, -1);
	if (fprintf(out, "%s\n    {\"number\": %d, \"heading\": ", i ? "," : "",
		    i + 1) < 0 ||
	    report_put_json(out, s->items[i].heading) ||
	    json_split_head(out, &sp) ||
	    fputs(",\n     \"views\": ", out) == EOF ||
	    json_views(out, s, i, &sp) ||
	    fputs(",\n     \"groups\": ", out) == EOF ||
	    json_groups(out, s, i, r, "      ") ||
	    fputs(",\n     \"divide\": ", out) == EOF ||
	    json_divide(out, s, i) ||
	    fputs(",\n     \"rounds\": ", out) == EOF ||
	    json_rounds(out, s, i) || fputc('}', out) == EOF)
		return -1;
	return 0;
}

/* "percent_base" to "groups": how the room was counted. */
static int json_room(FILE *out, const struct session *s)
{
	long hc = tally_room_headcount(&s->tally);

	if (fprintf(out,
		    "  \"percent_base\": \"%s\",\n  \"same_views\": %s,\n"
		    "  \"headcount\": ",
		    s->pct_of_room ? "room" : "hands",
		    s->same_views ? "true" : "false") < 0 ||
	    json_number(out, hc > 0, hc) ||
	    fputs(",\n  \"groups\": [", out) == EOF)
		return -1;
	for (int g = 0; g < s->ngroups; g++) {
		long n = tally_headcount(&s->tally, g);

		if (fprintf(out, "%s\n    {\"number\": %d, \"name\": ",
			    g ? "," : "", g + 1) < 0 ||
		    report_put_json(out, s->groups[g]) ||
		    fputs(", \"headcount\": ", out) == EOF ||
		    json_number(out, n > 0, n) || fputc('}', out) == EOF)
			return -1;
	}
	return fputs(s->ngroups ? "\n  ],\n" : "],\n", out) == EOF ? -1 : 0;
}

int report_json_session(FILE *out, const struct session *s)
{
	int64_t totals[TALLY_MAX_VIEWS];
	char when[40];
	int ntot = report_view_totals(s, totals);

	report_time(when, sizeof when, s->started, true);
	if (fputs("{\n  \"format\": \"handsup-report\",\n  \"version\": 2,\n"
		  "  \"session\": {\"name\": ",
		  out) == EOF ||
	    report_put_json(out, s->name ? s->name : "") ||
	    fprintf(out, ", \"started\": \"%s\"},\n  \"deck\": {\"title\": ",
		    when) < 0 ||
	    report_put_json(out, s->deck_title ? s->deck_title : "") ||
	    fputs(", \"source\": ", out) == EOF ||
	    report_put_json(out, s->deck_source) ||
	    fprintf(out, ", \"hash\": \"%016llx\"},\n",
		    (unsigned long long)s->deck_hash) < 0 ||
	    json_room(out, s) || fputs("  \"items\": [", out) == EOF)
		return -1;
	for (int i = 0; i < s->nitems; i++)
		if (json_item(out, s, i))
			return -1;
	if (fputs("\n  ],\n  \"totals\": ", out) == EOF ||
	    (report_shows_totals(s)
		     ? report_json_views(out, "    ", NULL, totals, ntot, false,
					 NULL, NULL)
		     : fputs("null", out) == EOF) ||
	    report_countup_session(out, s, REPORT_JSON) ||
	    fputs("\n}\n", out) == EOF)
		return -1;
	return 0;
}
