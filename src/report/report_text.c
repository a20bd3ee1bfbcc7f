/*
 * The text report, for one session and for an aggregate: 80 columns,
 * plain characters, readable in an editor or an e-mail.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/safe.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "core/chart.h"
#include "core/deck.h"
#include "core/session.h"

/* Widest label column before labels are cut, and the widest bar. */
#define LABEL_MAX  20
#define BAR_MAX	   40
#define ROW_INDENT "    "

static const char ellipsis[] = "\xe2\x80\xa6";

void report_cols_init(struct report_cols *c)
{
	c->label = 5; /* "Total" */
	c->count = 1;
	c->bar = BAR_MAX;
}

void report_cols_fit(struct report_cols *c, const char *label, int64_t count)
{
	int w = label ? text_width(label) : 0;
	int digits = 1;

	if (w > c->label)
		c->label = w < LABEL_MAX ? w : LABEL_MAX;
	for (int64_t v = count; v >= 10; v /= 10)
		digits++;
	if (digits > c->count)
		c->count = digits;
}

void report_cols_done(struct report_cols *c)
{
	int used =
		(int)strlen(ROW_INDENT) + c->label + 2 + c->count + 2 + 4 + 2;

	c->bar = REPORT_WIDTH - used;
	if (c->bar > BAR_MAX)
		c->bar = BAR_MAX;
	if (c->bar < 10)
		c->bar = 10;
}

int report_text_fit(FILE *out, const char *s, int width, bool pad)
{
	int used;
	size_t fit = text_fit(s, width, &used);

	if (s[fit]) {
		/* Cut one column earlier to make room for the ellipsis. */
		fit = text_fit(s, width - 1, &used);
		if (safe_put(out, s, fit) || fputs(ellipsis, out) == EOF)
			return -1;
		used++;
	} else if (safe_put(out, s, fit)) {
		return -1;
	}
	if (pad && used < width && fprintf(out, "%*s", width - used, "") < 0)
		return -1;
	return 0;
}

int report_text_views(FILE *out, const struct report_cols *c,
		      char *const *labels, const int64_t *counts, int n)
{
	struct chart_bar bars[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	long small[TALLY_MAX_VIEWS] = {0};
	char bar[BAR_MAX + 2];

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	tally_narrow(counts, n, small);
	tally_percent(small, n, pct);
	chart_layout(small, n, c->bar, bars);
	bool counted = report_sum(counts, n) > 0;

	for (int v = 0; v < n; v++) {
		/* Whole cells, rounded to the nearest; a raised hand shows. */
		int cells = bars[v].full + (bars[v].eighths >= 4);
		int len;

		if (cells == 0 && counts[v] > 0)
			cells = 1;
		len = chart_plain(bar, sizeof bar, cells, c->bar, '#');
		while (len > 0 && bar[len - 1] == ' ')
			bar[--len] = '\0';
		if (fputs(ROW_INDENT, out) == EOF ||
		    report_text_fit(out, report_view_label(labels, v), c->label,
				    true) ||
		    fprintf(out, "  %*" PRId64 "  ", c->count, counts[v]) < 0 ||
		    report_put_figure(out, REPORT_TEXT, counted, pct[v]) ||
		    fprintf(out, "%s%s\n", len ? "  " : "", bar) < 0)
			return -1;
	}
	return 0;
}

int report_text_wrap(FILE *out, const char *prefix, const char *s)
{
	struct text_line local[64], *lines = local;
	int indent = text_width(prefix);
	int width = REPORT_WIDTH - indent;
	size_t n, shown, cap = sizeof local / sizeof local[0];
	bool cut = false;
	int rc = 0;

	if (width < 20)
		width = 20;
	n = text_wrap(s, width, lines, cap);
	if (n > cap) {
		/* Text of any length is shown whole, so a heap array for it. */
		struct text_line *big = malloc(n * sizeof *big);

		if (big) {
			lines = big;
			text_wrap(s, width, lines, n);
		}
	}
	shown = lines != local || n <= cap ? n : cap;
	/* Out of memory only: the last line shown says that more was cut. */
	cut = shown < n;
	/* No trailing blanks: an empty line gets no indent either. */
	size_t plen = strlen(prefix), ptrim = plen;

	while (ptrim > 0 && prefix[ptrim - 1] == ' ')
		ptrim--;
	for (size_t i = 0; i < shown && !rc; i++) {
		const char *line = s + lines[i].off;
		size_t len = lines[i].len;
		bool empty = len == 0, last_cut = cut && i + 1 == shown;

		if (last_cut) {
			size_t fit = text_fit(line, width - 1, NULL);

			len = fit < len ? fit : len;
		}
		if (i == 0 && safe_put(out, prefix, empty ? ptrim : plen))
			rc = -1;
		else if (i > 0 && !empty && fprintf(out, "%*s", indent, "") < 0)
			rc = -1;
		else if (safe_put(out, line, len) ||
			 (last_cut && fputs(ellipsis, out) == EOF) ||
			 fputc('\n', out) == EOF)
			rc = -1;
	}
	if (lines != local)
		free(lines);
	if (rc)
		return -1;
	if (n == 0 && (safe_put(out, prefix, ptrim) || fputc('\n', out) == EOF))
		return -1;
	return 0;
}

/* "   3. Heading ......  leans to View 1", one row of "where ... lean". */
static int lean_row(FILE *out, int i, const char *heading,
		    const int64_t *counts, int n)
{
	char num[24], lean[40];
	int w = snprintf(num, sizeof num, "%4d. ", i + 1);

	if (fputs(num, out) == EOF ||
	    report_text_fit(out, heading, REPORT_WIDTH - w - 2 - 15, true) ||
	    fprintf(out, "  %s\n",
		    report_leaning(lean, sizeof lean, counts, n)) < 0)
		return -1;
	return 0;
}

static int overall(FILE *out, const int64_t *totals, int n)
{
	char lean[40];

	return fprintf(out, "Overall: %s\n",
		       report_leaning(lean, sizeof lean, totals, n)) < 0
		       ? -1
		       : 0;
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

/* The columns of a session's report fit every label and count in it. */
static void session_cols(const struct session *s, const int64_t *totals,
			 int ntot, struct report_cols *cols)
{
	int64_t counts[TALLY_MAX_VIEWS];

	report_cols_init(cols);
	for (int i = 0; i < s->nitems; i++) {
		int n = report_item_counts(s, i, counts);

		for (int v = 0; v < n; v++)
			report_cols_fit(cols, s->items[i].labels[v], counts[v]);
	}
	for (int v = 0; v < ntot; v++)
		report_cols_fit(cols, deck_view_label(v), totals[v]);
	report_cols_done(cols);
}

static int session_head(FILE *out, const struct session *s)
{
	char when[40];

	report_time(when, sizeof when, s->started, false);
	if (report_text_wrap(out, "", s->deck_title ? s->deck_title : "") ||
	    (s->deck_source &&
	     report_text_wrap(out, "Source:  ", s->deck_source)) ||
	    report_text_wrap(out, "Session: ", s->name ? s->name : "") ||
	    fprintf(out, "Started: %s\n", when) < 0 ||
	    fprintf(out, "%d of %d items counted\n", report_counted_items(s),
		    s->nitems) < 0)
		return -1;
	return 0;
}

/* Item i with its view rows; *lean is the view it leans to (-1 tied,
 * -2 not counted). */
static int session_item(FILE *out, const struct session *s, int i,
			const struct report_cols *cols, int *lean)
{
	int64_t counts[TALLY_MAX_VIEWS];
	char prefix[24], word[40];
	int n = report_item_counts(s, i, counts);
	long total = tally_item_total(&s->tally, i);

	*lean = total == 0 ? -2 : tally_leaning_of(counts, n);
	snprintf(prefix, sizeof prefix, "%d. ", i + 1);
	if (fputc('\n', out) == EOF ||
	    report_text_wrap(out, prefix, s->items[i].heading) ||
	    report_text_views(out, cols, s->items[i].labels, counts, n) ||
	    fprintf(out, "    %ld %s, %s\n", total,
		    total == 1 ? "hand" : "hands",
		    report_leaning(word, sizeof word, counts, n)) < 0)
		return -1;
	return 0;
}

int report_text_session(FILE *out, const struct session *s)
{
	struct report_cols cols;
	int64_t counts[TALLY_MAX_VIEWS], totals[TALLY_MAX_VIEWS];
	int ntot = report_view_totals(s, totals);
	int leans[TALLY_MAX_VIEWS] = {0}, tied = 0, uncounted = 0;

	session_cols(s, totals, ntot, &cols);
	if (session_head(out, s))
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int lv;

		if (session_item(out, s, i, &cols, &lv))
			return -1;
		if (lv == -2)
			uncounted++;
		else if (lv < 0)
			tied++;
		else
			leans[lv]++;
	}
	if (fputs("\nTotals over all items\n", out) == EOF ||
	    report_text_views(out, &cols, NULL, totals, ntot) ||
	    fputs("\nWhere the room leans\n", out) == EOF)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int n = report_item_counts(s, i, counts);

		if (lean_row(out, i, s->items[i].heading, counts, n))
			return -1;
	}
	if (overall(out, totals, ntot))
		return -1;
	return items_line(out, leans, ntot, tied, uncounted);
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
	int64_t total = report_sum(it->totals, it->nviews);
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

int report_text_agg(FILE *out, const struct report_agg *a)
{
	struct report_cols cols;
	int64_t totals[TALLY_MAX_VIEWS];
	char buf[512], from[40], to[40];
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

		if (lean_row(out, i, it->heading, it->totals, it->nviews))
			return -1;
	}
	return overall(out, totals, ntot);
}
