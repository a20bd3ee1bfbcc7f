/*
 * Markdown tables of groups and rounds, the divide, the swings and the
 * ranking: the text report's, as GitHub and GitLab render them.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/divide.h"
#include "core/session.h"

/* "8 (89%)", "0 (-)" where nothing was counted, or the count alone. */
static int md_cell(FILE *out, int64_t count, bool share, bool known, int pct)
{
	if (fprintf(out, " %" PRId64, count) < 0)
		return -1;
	if (share && (fputs(" (", out) == EOF ||
		      report_put_figure(out, REPORT_MD, known, pct) ||
		      fputc(')', out) == EOF))
		return -1;
	return fputs(" |", out) == EOF ? -1 : 0;
}

static int md_head(FILE *out, const char *title, char *const *labels, int n,
		   bool no_hand, bool compared, bool votes)
{
	if (fprintf(out, "| %s |", title) < 0)
		return -1;
	for (int v = 0; v < n; v++)
		if (fputc(' ', out) == EOF ||
		    report_put_md(out, report_view_label(labels, v)) ||
		    fputs(" |", out) == EOF)
			return -1;
	if (fputs(votes ? " Votes |" : " Hands |", out) == EOF ||
	    (no_hand &&
	     fprintf(out, " %s |", report_no_hand_words(votes)) < 0) ||
	    (compared && fputs(" Compared |", out) == EOF) ||
	    fputs("\n|:---|", out) == EOF)
		return -1;
	for (int v = 0; v < n + 1 + no_hand + compared; v++)
		if (fputs("---:|", out) == EOF)
			return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

static int md_row(FILE *out, const struct report_row *row, int n, bool no_hand,
		  bool compared)
{
	const struct report_split *sp = &row->sp;
	bool counted = sp->hands > 0;

	if (fputs("| ", out) == EOF || report_put_md(out, row->name) ||
	    fputs(" |", out) == EOF)
		return -1;
	for (int v = 0; v < n; v++)
		if (md_cell(out, v < sp->n ? sp->counts[v] : 0, true,
			    counted && v < sp->n, sp->pct[v]))
			return -1;
	if (fprintf(out, " %" PRId64 " |", sp->hands) < 0)
		return -1;
	if (no_hand && sp->headcount == 0 && fputs(" - |", out) == EOF)
		return -1;
	if (no_hand && sp->headcount > 0 &&
	    md_cell(out, sp->no_hand, sp->of_room, counted, sp->pct[sp->n]))
		return -1;
	if (compared && (fputc(' ', out) == EOF ||
			 (row->cmp_known ? fprintf(out, "%+d", row->cmp) < 0
					 : fputc('-', out) == EOF) ||
			 fputs(" |", out) == EOF))
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

int report_md_table(FILE *out, const char *title, char *const *labels, int n,
		    const struct report_row *rows, int nrows, bool compared)
{
	bool no_hand = false, votes = false;

	for (int k = 0; k < nrows; k++) {
		no_hand |= rows[k].sp.headcount > 0;
		votes |= rows[k].sp.votes;
	}
	if (md_head(out, title, labels, n, no_hand, compared, votes))
		return -1;
	for (int k = 0; k < nrows; k++)
		if (md_row(out, &rows[k], n, no_hand, compared))
			return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

/* A paragraph "Divide: ..." or "Swing to ...", escaped, with its end. */
static int md_para(FILE *out, const char *lead, const char *words)
{
	if (fputs(lead, out) == EOF || report_put_md(out, words) ||
	    fputs(".\n\n", out) == EOF)
		return -1;
	return 0;
}

static int session_groups(FILE *out, const struct session *s, int i)
{
	struct report_row rows[TALLY_MAX_GROUPS];
	struct report_divide d;
	int r = tally_rounds(&s->tally, i) - 1;
	char words[1024];

	memset(rows, 0, sizeof rows);
	for (int g = 0; g < s->ngroups; g++) {
		rows[g].name = s->groups[g];
		report_split_session(&rows[g].sp, s, i, r, g);
	}
	if (report_md_table(out, "Group", s->items[i].labels,
			    s->items[i].nviews, rows, s->ngroups, false))
		return -1;
	report_divide_session(&d, s, i);
	return md_para(
		out, "Divide: ", report_divide_words(words, sizeof words, &d));
}

static int session_rounds(FILE *out, const struct session *s, int i)
{
	struct report_row rows[TALLY_MAX_ROUNDS];
	char names[TALLY_MAX_ROUNDS][16], words[1024];
	int nr = tally_rounds(&s->tally, i);

	memset(rows, 0, sizeof rows);
	for (int r = 0; r < nr; r++) {
		snprintf(names[r], sizeof names[r], "Round %d", r + 1);
		rows[r].name = names[r];
		report_split_session(&rows[r].sp, s, i, r, -1);
	}
	if (report_md_table(out, "Round", s->items[i].labels,
			    s->items[i].nviews, rows, nr, false))
		return -1;
	for (int r = 1; r < nr; r++) {
		struct swing sw;

		divide_swing(rows[r - 1].sp.counts, rows[r].sp.counts,
			     rows[r].sp.n, &sw);
		if (md_para(out, "",
			    report_swing_words(words, sizeof words, r, &sw,
					       s->items[i].labels, rows[r].sp.n,
					       s->pct_of_room, rows[r].sp.votes,
					       0)))
			return -1;
	}
	return 0;
}

int report_md_session_extra(FILE *out, const struct session *s, int i)
{
	if (s->ngroups > 0 && session_groups(out, s, i))
		return -1;
	if (tally_rounds(&s->tally, i) > 1 && session_rounds(out, s, i))
		return -1;
	return 0;
}

int report_md_rank(FILE *out, struct report_divide *d, int n)
{
	char words[1024];

	report_divide_rank(d, n);
	if (fputs("## The divide, widest first\n\n", out) == EOF)
		return -1;
	for (int k = 0; k < n; k++)
		if (fprintf(out, "%d. ", k + 1) < 0 ||
		    report_put_md(out, d[k].heading) ||
		    fprintf(out, " (item %d): ", d[k].item + 1) < 0 ||
		    report_put_md(out, report_divide_words(words, sizeof words,
							   &d[k])) ||
		    fputs(".\n", out) == EOF)
			return -1;
	return 0;
}

int report_md_session_rank(FILE *out, const struct session *s)
{
	struct report_divide *d = report_session_divides(s);
	int rc;

	if (!d)
		return -1;
	rc = report_md_rank(out, d, s->nitems);
	free(d);
	return rc;
}

static int agg_groups(FILE *out, const struct report_agg *a, int i)
{
	struct report_row rows[REPORT_MAX_GROUPS];
	struct report_divide d;
	char words[1024];
	int n = report_agg_group_rows(a, i, rows);

	if (n == 0)
		return 0;
	if (report_md_table(out, "Group", a->items[i].labels,
			    a->items[i].nviews, rows, n, a->cmp_at >= 0))
		return -1;
	report_agg_divide(a, i, &d);
	return md_para(
		out, "Divide: ", report_divide_words(words, sizeof words, &d));
}

static int agg_rounds(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	struct report_row rows[TALLY_MAX_ROUNDS];
	char names[TALLY_MAX_ROUNDS][32], words[1024];

	for (int r = 0; r < it->nrounds; r++)
		report_agg_round_row(a, i, r, &rows[r], names[r],
				     sizeof names[r]);
	if (report_md_table(out, "Round", it->labels, it->nviews, rows,
			    it->nrounds, false))
		return -1;
	for (int r = 1; r < it->nrounds; r++) {
		struct swing sw;

		report_agg_swing(a, i, r, &sw);
		if (md_para(out, "",
			    report_swing_words(words, sizeof words, r, &sw,
					       it->labels, it->nviews, false,
					       a->votes,
					       it->rounds[r].nsessions)))
			return -1;
	}
	return 0;
}

int report_md_agg_extra(FILE *out, const struct report_agg *a, int i)
{
	if (a->ngroups > 0 && agg_groups(out, a, i))
		return -1;
	if (a->items[i].nrounds > 1 && agg_rounds(out, a, i))
		return -1;
	return 0;
}

int report_md_agg_rank(FILE *out, const struct report_agg *a)
{
	struct report_divide *d = calloc((size_t)a->nitems, sizeof *d);
	int rc;

	if (!d)
		return -1;
	for (int i = 0; i < a->nitems; i++)
		report_agg_divide(a, i, &d[i]);
	rc = report_md_rank(out, d, a->nitems);
	free(d);
	return rc;
}
