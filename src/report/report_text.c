/*
 * The text report of one session: 80 columns, plain characters, readable
 * in an editor or an e-mail.
 */
#include "report/report_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/deck.h"
#include "core/session.h"

#define ROW_INDENT "    "

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
	struct report_split sp;

	report_cols_init(cols);
	for (int i = 0; i < s->nitems; i++) {
		report_split_session(&sp, s, i, tally_rounds(&s->tally, i) - 1,
				     -1);
		for (int v = 0; v < sp.n; v++)
			report_cols_fit(cols, s->items[i].labels[v],
					sp.counts[v]);
		if (sp.of_room && sp.hands > 0)
			report_cols_fit(cols, report_no_hand_words(sp.votes),
					sp.no_hand);
	}
	for (int v = 0; v < ntot; v++)
		report_cols_fit(cols, deck_view_label(v), totals[v]);
	report_cols_done(cols);
}

/* "Groups:  A (9 people), B, C", the headcount and the base. */
static int session_base(FILE *out, const struct session *s)
{
	char buf[2048];
	long hc = tally_room_headcount(&s->tally);

	if (s->ngroups > 0 &&
	    report_text_wrap(
		    out, "Groups:  ", report_groups_words(buf, sizeof buf, s)))
		return -1;
	if (hc > 0 && fprintf(out, "Headcount: %ld\n", hc) < 0)
		return -1;
	return fprintf(out, "Percentages: %s\n",
		       report_base_words(s->pct_of_room, report_votes(s))) < 0
		       ? -1
		       : 0;
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
	    (report_says_base(s) && session_base(out, s)) ||
	    fprintf(out, "%d of %d items counted\n", report_counted_items(s),
		    s->nitems) < 0)
		return -1;
	return 0;
}

static int hands_line(FILE *out, const struct report_split *sp, int round,
		      int nrounds)
{
	char buf[256];

	return report_text_wrap(
		out, ROW_INDENT,
		report_hands_words(buf, sizeof buf, sp, round, nrounds));
}

/* Item i with its view rows; *lean is the view it leans to (-1 tied,
 * -2 not counted). */
static int session_item(FILE *out, const struct session *s, int i,
			const struct report_cols *cols, int *lean)
{
	struct report_split sp;
	char prefix[24];
	int nr = tally_rounds(&s->tally, i);

	report_split_session(&sp, s, i, nr - 1, -1);
	*lean = sp.hands == 0 ? -2 : tally_leaning_of(sp.counts, sp.n);
	snprintf(prefix, sizeof prefix, "%d. ", i + 1);
	if (fputc('\n', out) == EOF ||
	    report_text_wrap(out, prefix, s->items[i].heading) ||
	    report_text_split(out, cols, s->items[i].labels, &sp) ||
	    hands_line(out, &sp, nr - 1, nr))
		return -1;
	return report_text_session_extra(out, s, i);
}

/* The totals over all items (when the views mean the same on every
 * item), with each group's. */
static int session_totals(FILE *out, const struct session *s,
			  const struct report_cols *cols, const int64_t *totals,
			  int ntot)
{
	struct report_row rows[TALLY_MAX_GROUPS];

	if (fputs("\nTotals over all items\n", out) == EOF ||
	    report_text_views(out, cols, NULL, totals, ntot))
		return -1;
	if (s->ngroups == 0)
		return 0;
	return report_text_table(out, "Group", NULL, ntot, rows,
				 report_group_totals(s, ntot, rows), false);
}

int report_text_session(FILE *out, const struct session *s)
{
	struct report_cols cols;
	int64_t counts[TALLY_MAX_VIEWS], totals[TALLY_MAX_VIEWS];
	int ntot = report_view_totals(s, totals);
	int leans[TALLY_MAX_VIEWS] = {0}, tied = 0, uncounted = 0;
	bool tot = report_shows_totals(s);

	session_cols(s, totals, tot ? ntot : 0, &cols);
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
	if ((tot && session_totals(out, s, &cols, totals, ntot)) ||
	    fputs("\nWhere the room leans\n", out) == EOF)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		int n = report_item_counts(s, i, counts);

		if (report_text_lean_row(out, i, s->items[i].heading, counts,
					 n))
			return -1;
	}
	if (tot && (report_text_overall(out, totals, ntot) ||
		    items_line(out, leans, ntot, tied, uncounted)))
		return -1;
	if (s->ngroups > 0 && report_text_session_rank(out, s))
		return -1;
	return report_countup_session(out, s, REPORT_TEXT);
}
