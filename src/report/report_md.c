/* Markdown for one session and for an aggregate: the text report's tables. */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/session.h"

/* A Markdown table of a split's view rows, and a "No hand" row when its
 * shares are of the headcount; labels NULL means "View N". */
static int md_split(FILE *out, char *const *labels,
		    const struct report_split *sp)
{
	if (fputs("| View | Count | Share |\n|:---|---:|---:|\n", out) == EOF)
		return -1;
	for (int v = 0; v < sp->n + (sp->of_room && sp->hands > 0); v++) {
		if (fputs("| ", out) == EOF ||
		    report_put_md(
			    out, v < sp->n ? report_view_label(labels, v)
					   : report_no_hand_words(sp->votes)) ||
		    fprintf(out, " | %" PRId64 " | ",
			    v < sp->n ? sp->counts[v] : sp->no_hand) < 0 ||
		    report_put_figure(out, REPORT_MD, sp->hands > 0,
				      sp->pct[v]) ||
		    fputs(" |\n", out) == EOF)
			return -1;
	}
	return fputc('\n', out) == EOF ? -1 : 0;
}

static int md_table(FILE *out, char *const *labels, const int64_t *counts,
		    int n)
{
	struct report_split sp;

	report_split_of(&sp, counts, n, 0, false);
	return md_split(out, labels, &sp);
}

/* "- Groups: ...", the headcount and the base, for newer sessions. */
static int md_base(FILE *out, const struct session *s)
{
	char buf[2048];
	long hc = tally_room_headcount(&s->tally);

	if (!report_says_base(s))
		return 0;
	if (s->ngroups > 0 &&
	    (fputs("- Groups: ", out) == EOF ||
	     report_put_md(out, report_groups_words(buf, sizeof buf, s)) ||
	     fputc('\n', out) == EOF))
		return -1;
	if (hc > 0 && fprintf(out, "- Headcount: %ld\n", hc) < 0)
		return -1;
	return fprintf(out, "- Percentages: %s\n",
		       report_base_words(s->pct_of_room, report_votes(s))) < 0
		       ? -1
		       : 0;
}

static int md_head(FILE *out, const struct session *s)
{
	char when[40];

	report_time(when, sizeof when, s->started, false);
	if (fputs("# ", out) == EOF || report_put_md(out, s->deck_title) ||
	    fputs("\n\n", out) == EOF)
		return -1;
	if (s->deck_source &&
	    (fputs("- Source: ", out) == EOF ||
	     report_put_md(out, s->deck_source) || fputc('\n', out) == EOF))
		return -1;
	if (fputs("- Session: ", out) == EOF || report_put_md(out, s->name) ||
	    fprintf(out, "\n- Started: %s\n", when) < 0 || md_base(out, s) ||
	    fprintf(out, "- %d of %d items counted\n\n",
		    report_counted_items(s), s->nitems) < 0)
		return -1;
	return 0;
}

static int md_session_item(FILE *out, const struct session *s, int i)
{
	struct report_split sp;
	char words[256];
	int nr = tally_rounds(&s->tally, i);

	report_split_session(&sp, s, i, nr - 1, -1);
	if (fprintf(out, "## %d. ", i + 1) < 0 ||
	    report_put_md(out, s->items[i].heading) ||
	    fputs("\n\n", out) == EOF ||
	    md_split(out, s->items[i].labels, &sp) ||
	    report_put_md(out, report_hands_words(words, sizeof words, &sp,
						  nr - 1, nr)) ||
	    fputs(".\n\n", out) == EOF)
		return -1;
	return report_md_session_extra(out, s, i);
}

int report_md_session(FILE *out, const struct session *s)
{
	struct report_row rows[TALLY_MAX_GROUPS];
	int64_t totals[TALLY_MAX_VIEWS];
	char lean[40];
	int ntot = report_view_totals(s, totals);

	if (md_head(out, s))
		return -1;
	for (int i = 0; i < s->nitems; i++)
		if (md_session_item(out, s, i))
			return -1;
	if (report_shows_totals(s) &&
	    (fputs("## Totals over all items\n\n", out) == EOF ||
	     md_table(out, NULL, totals, ntot) ||
	     (s->ngroups > 0 &&
	      report_md_table(out, "Group", NULL, ntot, rows,
			      report_group_totals(s, ntot, rows), false)) ||
	     fprintf(out, "Overall: %s.\n",
		     report_leaning(lean, sizeof lean, totals, ntot)) < 0))
		return -1;
	if (s->ngroups > 0 &&
	    ((report_shows_totals(s) && fputc('\n', out) == EOF) ||
	     report_md_session_rank(out, s)))
		return -1;
	return report_countup_session(out, s, REPORT_MD);
}

/* The comparison in the text report's words: no figure without both sides. */
static int md_compare(FILE *out, const struct agg_cmp *ci)
{
	const char *none = !ci->present	       ? "not in that session"
			   : !ci->rest_present ? "not in the other sessions"
			   : !ci->counted      ? "not counted"
			   : !ci->rest_counted ? "the rest did not count it"
					       : NULL;

	if (none)
		return fprintf(out, " Compared: %s.", none) < 0 ? -1 : 0;
	return fprintf(out, " Compared: %+d points on View 1%s.", ci->diff,
		       ci->other_way ? ", leans the other way" : "") < 0
		       ? -1
		       : 0;
}

static int md_item(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	int pct[TALLY_MAX_VIEWS];
	char lean[40], in[64];
	int64_t total = report_sum(it->totals, it->nviews);
	struct agg_cmp ci;

	tally_percent64(it->totals, it->nviews, pct);
	report_agg_cmp(it, &ci);
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
		    fprintf(out, " | %" PRId64 " | ", it->totals[v]) < 0 ||
		    report_put_figure(out, REPORT_MD, it->ncounted > 0,
				      pct[v]) ||
		    fputs(" |", out) == EOF ||
		    (a->cmp_at >= 0 &&
		     (fputc(' ', out) == EOF ||
		      report_put_figure(out, REPORT_MD, ci.counted,
					ci.cpct[v]) ||
		      fputs(" | ", out) == EOF ||
		      report_put_figure(out, REPORT_MD, ci.rest_counted,
					ci.rpct[v]) ||
		      fputs(" |", out) == EOF)) ||
		    fputc('\n', out) == EOF)
			return -1;
	}
	if (fprintf(out, "\n%" PRId64 " %s %s, %s.", total,
		    a->votes ? (total == 1 ? "vote" : "votes")
			     : (total == 1 ? "hand" : "hands"),
		    report_agg_sessions_words(in, sizeof in, a, i),
		    report_leaning(lean, sizeof lean, it->totals, it->nviews)) <
	    0)
		return -1;
	if (it->ncounted > 0 &&
	    (fprintf(out, " View 1 share: lowest %d%% (", it->min_pct) < 0 ||
	     report_put_md(out, it->min_name) ||
	     fprintf(out, "), highest %d%% (", it->max_pct) < 0 ||
	     report_put_md(out, it->max_name) || fputs(").", out) == EOF))
		return -1;
	if (a->cmp_at >= 0 && md_compare(out, &ci))
		return -1;
	return fputs("\n\n", out) == EOF ? -1 : 0;
}

static int md_agg_head(FILE *out, const struct report_agg *a)
{
	char from[40], to[40], buf[2048];

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
	     report_put_md(out, a->cmp.name) ||
	     fprintf(out, " (with the other %zu)\n", a->nsess - 1) < 0))
		return -1;
	if (!a->all_v1 && a->ngroups > 0 &&
	    (fputs("- Groups: ", out) == EOF ||
	     report_put_md(out, report_agg_groups_words(buf, sizeof buf, a)) ||
	     fputc('\n', out) == EOF))
		return -1;
	if (!a->all_v1 && fprintf(out, "- Percentages: %s\n",
				  report_base_words(false, a->votes)) < 0)
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

int report_md_agg(FILE *out, const struct report_agg *a)
{
	struct report_row rows[REPORT_MAX_GROUPS];
	int64_t totals[TALLY_MAX_VIEWS];
	char lean[40];
	int ntot = report_agg_totals(a, totals);

	if (md_agg_head(out, a))
		return -1;
	for (int i = 0; i < a->nitems; i++)
		if (md_item(out, a, i) || report_md_agg_extra(out, a, i))
			return -1;
	if (a->totals &&
	    (fputs("## Totals over all items and sessions\n\n", out) == EOF ||
	     md_table(out, NULL, totals, ntot) ||
	     (a->ngroups > 0 &&
	      report_md_table(out, "Group", NULL, ntot, rows,
			      report_agg_group_totals(a, ntot, rows), false)) ||
	     fprintf(out, "Overall: %s.\n",
		     report_leaning(lean, sizeof lean, totals, ntot)) < 0))
		return -1;
	if (a->ngroups > 0 && ((a->totals && fputc('\n', out) == EOF) ||
			       report_md_agg_rank(out, a)))
		return -1;
	return report_countup_agg(out, a, REPORT_MD);
}
