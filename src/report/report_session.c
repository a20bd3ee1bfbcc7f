/* report_session: one session's report in each of the four formats. */
#include "report/report.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/deck.h"
#include "core/session.h"
#include "core/tally.h"

/* The counts of one item, copied out of the tally. */
static int item_counts(const struct session *s, int i, int64_t *counts)
{
	int n = s->items[i].nviews;

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	for (int v = 0; v < n; v++)
		counts[v] = tally_get(&s->tally, i, v);
	return n;
}

/* Totals of each view over all items; returns the number of views. */
static int view_totals(const struct session *s, int64_t *totals)
{
	int n = 0;

	for (int i = 0; i < s->nitems; i++)
		if (s->items[i].nviews > n)
			n = s->items[i].nviews;
	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	for (int v = 0; v < n; v++)
		totals[v] = tally_view_total(&s->tally, v);
	return n;
}

static int counted_items(const struct session *s)
{
	int k = 0;

	for (int i = 0; i < s->nitems; i++)
		k += tally_item_counted(&s->tally, i);
	return k;
}

/*
 * "Items:   3 to View 1, 2 to View 2, 1 tied, 0 not counted", broken
 * between phrases so that six views still fit the report's width.
 */
static int items_line(FILE *out, const int *leans, int ntot, int tied,
		      int uncounted)
{
	static const char prefix[] = "Items:   ";
	char phrase[TALLY_MAX_VIEWS + 2][48];
	int np = 0, indent = (int)strlen(prefix), col = indent;

	for (int v = 0; v < ntot; v++)
		if (v < 2 || leans[v])
			snprintf(phrase[np++], sizeof phrase[0], "%d to %s",
				 leans[v], deck_view_label(v));
	snprintf(phrase[np++], sizeof phrase[0], "%d tied", tied);
	snprintf(phrase[np++], sizeof phrase[0], "%d not counted", uncounted);
	if (fputs(prefix, out) == EOF)
		return -1;
	for (int k = 0; k < np; k++) {
		bool comma = k + 1 < np;
		int w = (int)strlen(phrase[k]) + comma;

		if (k > 0 && col + 1 + w > REPORT_WIDTH) {
			if (fprintf(out, "\n%*s", indent, "") < 0)
				return -1;
			col = indent;
		} else if (k > 0) {
			if (fputc(' ', out) == EOF)
				return -1;
			col++;
		}
		if (fputs(phrase[k], out) == EOF ||
		    (comma && fputc(',', out) == EOF))
			return -1;
		col += w;
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

static int write_text(FILE *out, const struct session *s)
{
	struct report_cols cols;
	int64_t counts[TALLY_MAX_VIEWS], totals[TALLY_MAX_VIEWS];
	char when[40], lean[40], prefix[24];
	int ntot = view_totals(s, totals);
	int leans[TALLY_MAX_VIEWS] = {0}, tied = 0, uncounted = 0;

	report_cols_init(&cols);
	for (int i = 0; i < s->nitems; i++) {
		int n = item_counts(s, i, counts);

		for (int v = 0; v < n; v++)
			report_cols_fit(&cols, s->items[i].labels[v],
					counts[v]);
	}
	for (int v = 0; v < ntot; v++)
		report_cols_fit(&cols, deck_view_label(v), totals[v]);
	report_cols_done(&cols);

	report_time(when, sizeof when, s->started, false);
	if (report_text_wrap(out, "", s->deck_title ? s->deck_title : "") ||
	    (s->deck_source &&
	     report_text_wrap(out, "Source:  ", s->deck_source)) ||
	    report_text_wrap(out, "Session: ", s->name ? s->name : "") ||
	    fprintf(out, "Started: %s\n", when) < 0 ||
	    fprintf(out, "%d of %d items counted\n", counted_items(s),
		    s->nitems) < 0)
		return -1;

	for (int i = 0; i < s->nitems; i++) {
		int n = item_counts(s, i, counts);
		long total = tally_item_total(&s->tally, i);
		int lv = report_leaning_of(counts, n);

		if (total == 0)
			uncounted++;
		else if (lv < 0)
			tied++;
		else
			leans[lv]++;
		snprintf(prefix, sizeof prefix, "%d. ", i + 1);
		if (fputc('\n', out) == EOF ||
		    report_text_wrap(out, prefix, s->items[i].heading) ||
		    report_text_views(out, &cols, s->items[i].labels, counts,
				      n) ||
		    fprintf(out, "    %ld %s, %s\n", total,
			    total == 1 ? "hand" : "hands",
			    report_leaning(lean, sizeof lean, counts, n)) < 0)
			return -1;
	}

	if (fputs("\nTotals over all items\n", out) == EOF ||
	    report_text_views(out, &cols, NULL, totals, ntot))
		return -1;

	if (fputs("\nWhere the room leans\n", out) == EOF)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int n = item_counts(s, i, counts);
		int w = snprintf(prefix, sizeof prefix, "%4d. ", i + 1);

		if (fputs(prefix, out) == EOF ||
		    report_text_fit(out, s->items[i].heading,
				    REPORT_WIDTH - w - 2 - 15, true) ||
		    fprintf(out, "  %s\n",
			    report_leaning(lean, sizeof lean, counts, n)) < 0)
			return -1;
	}
	if (fprintf(out, "Overall: %s\n",
		    report_leaning(lean, sizeof lean, totals, ntot)) < 0)
		return -1;
	return items_line(out, leans, ntot, tied, uncounted);
}

static int write_csv(FILE *out, const struct session *s)
{
	int64_t counts[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	char when[40];

	report_time(when, sizeof when, s->started, true);
	if (fputs("session,started,deck,item_no,item,view_no,view,count,"
		  "percent\r\n",
		  out) == EOF)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int n = item_counts(s, i, counts);
		bool counted = tally_item_total(&s->tally, i) > 0;

		report_percent(counts, n, pct);
		for (int v = 0; v < n; v++) {
			if (report_put_csv(out, s->name) ||
			    fprintf(out, ",%s,", when) < 0 ||
			    report_put_csv(out, s->deck_title) ||
			    fprintf(out, ",%d,", i + 1) < 0 ||
			    report_put_csv(out, s->items[i].heading) ||
			    fprintf(out, ",%d,", v + 1) < 0 ||
			    report_put_csv(out, s->items[i].labels[v]) ||
			    fprintf(out, ",%" PRId64 ",", counts[v]) < 0 ||
			    report_put_figure(out, REPORT_CSV, counted,
					      pct[v]) ||
			    fputs("\r\n", out) == EOF)
				return -1;
		}
	}
	return 0;
}

/* A Markdown table of view rows; labels NULL means "View N". */
static int md_table(FILE *out, char *const *labels, const int64_t *counts,
		    int n)
{
	int pct[TALLY_MAX_VIEWS];
	int64_t total = 0;

	report_percent(counts, n, pct);
	for (int v = 0; v < n; v++)
		total += counts[v];
	if (fputs("| View | Count | Share |\n|:---|---:|---:|\n", out) == EOF)
		return -1;
	for (int v = 0; v < n; v++) {
		if (fputs("| ", out) == EOF ||
		    report_put_md(out,
				  labels ? labels[v] : deck_view_label(v)) ||
		    fprintf(out, " | %" PRId64 " | ", counts[v]) < 0 ||
		    report_put_figure(out, REPORT_MD, total > 0, pct[v]) ||
		    fputs(" |\n", out) == EOF)
			return -1;
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

static int write_md(FILE *out, const struct session *s)
{
	int64_t counts[TALLY_MAX_VIEWS], totals[TALLY_MAX_VIEWS];
	char when[40], lean[40];
	int ntot = view_totals(s, totals);

	report_time(when, sizeof when, s->started, false);
	if (fputs("# ", out) == EOF || report_put_md(out, s->deck_title) ||
	    fputs("\n\n", out) == EOF)
		return -1;
	if (s->deck_source &&
	    (fputs("- Source: ", out) == EOF ||
	     report_put_md(out, s->deck_source) || fputc('\n', out) == EOF))
		return -1;
	if (fputs("- Session: ", out) == EOF || report_put_md(out, s->name) ||
	    fprintf(out, "\n- Started: %s\n- %d of %d items counted\n\n", when,
		    counted_items(s), s->nitems) < 0)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int n = item_counts(s, i, counts);

		if (fprintf(out, "## %d. ", i + 1) < 0 ||
		    report_put_md(out, s->items[i].heading) ||
		    fputs("\n\n", out) == EOF ||
		    md_table(out, s->items[i].labels, counts, n) ||
		    fprintf(out, "%ld %s, %s.\n\n",
			    tally_item_total(&s->tally, i),
			    tally_item_total(&s->tally, i) == 1 ? "hand"
								: "hands",
			    report_leaning(lean, sizeof lean, counts, n)) < 0)
			return -1;
	}
	if (fputs("## Totals over all items\n\n", out) == EOF ||
	    md_table(out, NULL, totals, ntot) ||
	    fprintf(out, "Overall: %s.\n",
		    report_leaning(lean, sizeof lean, totals, ntot)) < 0)
		return -1;
	return 0;
}

static int write_json(FILE *out, const struct session *s)
{
	int64_t counts[TALLY_MAX_VIEWS], totals[TALLY_MAX_VIEWS];
	char when[40];
	int ntot = view_totals(s, totals);

	report_time(when, sizeof when, s->started, true);
	if (fputs("{\n  \"format\": \"handsup-report\",\n  \"version\": 1,\n"
		  "  \"session\": {\"name\": ",
		  out) == EOF ||
	    report_put_json(out, s->name ? s->name : "") ||
	    fprintf(out, ", \"started\": \"%s\"},\n  \"deck\": {\"title\": ",
		    when) < 0 ||
	    report_put_json(out, s->deck_title ? s->deck_title : "") ||
	    fputs(", \"source\": ", out) == EOF ||
	    report_put_json(out, s->deck_source) ||
	    fprintf(out, ", \"hash\": \"%016llx\"},\n  \"items\": [",
		    (unsigned long long)s->deck_hash) < 0)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int n = item_counts(s, i, counts);
		int lv = report_leaning_of(counts, n);

		if (fprintf(out, "%s\n    {\"number\": %d, \"heading\": ",
			    i ? "," : "", i + 1) < 0 ||
		    report_put_json(out, s->items[i].heading) ||
		    fputs(", \"leaning\": ", out) == EOF ||
		    (lv < 0 ? fputs("null", out) == EOF
			    : fprintf(out, "%d", lv + 1) < 0) ||
		    fprintf(out, ", \"total\": %ld,\n     \"views\": ",
			    tally_item_total(&s->tally, i)) < 0 ||
		    report_json_views(out, "      ", s->items[i].labels, counts,
				      n, false, NULL, NULL) ||
		    fputs("}", out) == EOF)
			return -1;
	}
	if (fputs("\n  ],\n  \"totals\": ", out) == EOF ||
	    report_json_views(out, "    ", NULL, totals, ntot, false, NULL,
			      NULL) ||
	    fputs("\n}\n", out) == EOF)
		return -1;
	return 0;
}

int report_write(FILE *out, const struct session *s, enum report_format fmt)
{
	struct report_locale loc;
	int rc, e;

	report_locale_enter(&loc);
	errno = 0;
	switch (fmt) {
	case REPORT_CSV:
		rc = write_csv(out, s);
		break;
	case REPORT_MD:
		rc = write_md(out, s);
		break;
	case REPORT_JSON:
		rc = write_json(out, s);
		break;
	case REPORT_TEXT:
	default:
		rc = write_text(out, s);
		break;
	}
	e = errno; /* of the failed write, for the caller */
	report_locale_leave(&loc);
	if (rc == 0 && fflush(out) == EOF) {
		rc = -1;
		e = errno;
	}
	if (rc || ferror(out)) {
		errno = e ? e : EIO;
		return -1;
	}
	return 0;
}
