/*
 * The text report's tables of groups and rounds: one row per group (or
 * round) with each view's count and share, the hands, and those who
 * raised no hand; then the divide or the swing in words.  80 columns.
 */
#include "report/report_int.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/divide.h"
#include "core/session.h"

#define INDENT	   "    "
#define NAME_MAX   20
#define NAME_MIN   8
#define LABEL_CELL 12 /* the widest cell, for a label */
#define SHARE_W	   4  /* " 75%" */
#define CMP_TITLE  "Compared"
#define NO_HAND_W  7 /* "No hand", "No vote" */

struct table {
	int n;	      /* views */
	int name;     /* width of the name column */
	int count;    /* digits of the widest count; 0: shares only */
	int cell;     /* width of a view's cell */
	int hands;    /* width of the hands column */
	bool no_hand; /* a column for those who raised no hand */
	bool cmp;     /* a column for the compared session */
	bool votes;   /* "Votes" and "No vote" */
};

static int digits(int64_t v)
{
	int d = 1;

	for (; v >= 10; v /= 10)
		d++;
	return d;
}

/* The no-hand column is as wide as a view's, and its title. */
static int no_hand_width(const struct table *t)
{
	return t->cell > NO_HAND_W ? t->cell : NO_HAND_W;
}

static int table_width(const struct table *t)
{
	int w = (int)strlen(INDENT) + t->name + t->n * (2 + t->cell) + 2 +
		t->hands;

	if (t->no_hand)
		w += 2 + no_hand_width(t);
	if (t->cmp)
		w += 2 + (int)strlen(CMP_TITLE);
	return w;
}

/* Cells wide enough for the views' labels, when the width allows. */
static void table_cells(struct table *t, char *const *labels)
{
	int want = t->count + 1 + SHARE_W;

	t->cell = want;
	for (int v = 0; v < t->n; v++) {
		int w = text_width(report_view_label(labels, v));

		if (w > t->cell)
			t->cell = w < LABEL_CELL ? w : LABEL_CELL;
	}
	if (table_width(t) > REPORT_WIDTH)
		t->cell = want;
	if (table_width(t) > REPORT_WIDTH) {
		t->count = 0; /* shares only; the counts are in the CSV */
		t->cell = 6;
	}
	while (table_width(t) > REPORT_WIDTH && t->name > NAME_MIN)
		t->name--;
}

static void table_fit(struct table *t, const char *title, char *const *labels,
		      const struct report_row *rows, int nrows, int n,
		      bool compared)
{
	memset(t, 0, sizeof *t);
	t->n = n;
	t->cmp = compared;
	t->name = text_width(title);
	t->hands = 5; /* "Hands", "Votes" */
	for (int k = 0; k < nrows; k++) {
		const struct report_split *sp = &rows[k].sp;
		int w = text_width(rows[k].name);

		t->votes |= sp->votes;
		if (w > t->name)
			t->name = w < NAME_MAX ? w : NAME_MAX;
		if (digits(sp->hands) > t->hands)
			t->hands = digits(sp->hands);
		for (int v = 0; v < sp->n; v++)
			if (digits(sp->counts[v]) > t->count)
				t->count = digits(sp->counts[v]);
		if (sp->headcount > 0) {
			t->no_hand = true;
			if (digits(sp->no_hand) > t->count)
				t->count = digits(sp->no_hand);
		}
	}
	table_cells(t, labels);
}

/* s right-aligned in width columns, cut with an ellipsis if need be. */
static int put_right(FILE *out, const char *s, int width)
{
	int w = text_width(s);

	if (w < width && fprintf(out, "%*s", width - w, "") < 0)
		return -1;
	return report_text_fit(out, s, width, false);
}

static int table_head(FILE *out, const struct table *t, const char *title,
		      char *const *labels)
{
	if (fprintf(out, "%s", INDENT) < 0 ||
	    report_text_fit(out, title, t->name, true))
		return -1;
	for (int v = 0; v < t->n; v++)
		if (fputs("  ", out) == EOF ||
		    put_right(out, report_view_label(labels, v), t->cell))
			return -1;
	if (fprintf(out, "  %*s", t->hands, t->votes ? "Votes" : "Hands") < 0 ||
	    (t->no_hand && fprintf(out, "  %*s", no_hand_width(t),
				   report_no_hand_words(t->votes)) < 0) ||
	    (t->cmp && fprintf(out, "  %s", CMP_TITLE) < 0))
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

enum share { SHARE, NO_SHARE, BLANK };

/* One cell, right-aligned: a count (or "-") and its share, "-" or
 * nothing after it. */
static size_t cell(char *buf, size_t cap, const struct table *t, int width,
		   bool has_count, int64_t count, enum share how, int pct)
{
	char share[16] = "   -", in[64];
	int n;

	if (how == SHARE)
		snprintf(share, sizeof share, "%3d%%", pct);
	if (how == BLANK && has_count)
		snprintf(in, sizeof in, "%" PRId64, count);
	else if (t->count == 0 || (how == BLANK && !has_count))
		snprintf(in, sizeof in, "%s", has_count ? share : "-");
	else if (has_count)
		snprintf(in, sizeof in, "%*" PRId64 " %s", t->count, count,
			 share);
	else
		snprintf(in, sizeof in, "%*s %s", t->count, "-", share);
	n = snprintf(buf, cap, "  %*s", width, in);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

/* Those who raised no hand: a share only when the shares are of them. */
static size_t no_hand_cell(char *buf, size_t cap, const struct table *t,
			   const struct report_split *sp)
{
	enum share how = !sp->of_room	 ? BLANK
			 : sp->hands > 0 ? SHARE
					 : NO_SHARE;

	if (sp->headcount == 0)
		return cell(buf, cap, t, no_hand_width(t), false, 0, BLANK, 0);
	return cell(buf, cap, t, no_hand_width(t), true, sp->no_hand, how,
		    sp->pct[sp->n]);
}

static int table_row(FILE *out, const struct table *t,
		     const struct report_row *row)
{
	const struct report_split *sp = &row->sp;
	char buf[256];
	size_t k = 0;
	int cw = (int)strlen(CMP_TITLE);

	for (int v = 0; v < t->n; v++)
		k += cell(buf + k, sizeof buf - k, t, t->cell,
			  v<sp->n, sp->counts[v], sp->hands> 0 && v < sp->n
				  ? SHARE
				  : NO_SHARE,
			  sp->pct[v]);
	k += (size_t)snprintf(buf + k, sizeof buf - k, "  %*" PRId64, t->hands,
			      sp->hands);
	if (t->no_hand)
		k += no_hand_cell(buf + k, sizeof buf - k, t, sp);
	if (t->cmp && !row->cmp_known)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "  %*s", cw,
				      "-");
	else if (t->cmp)
		k += (size_t)snprintf(buf + k, sizeof buf - k, "  %+*d", cw,
				      row->cmp);
	while (k > 0 && buf[k - 1] == ' ')
		buf[--k] = '\0';
	if (fprintf(out, "%s", INDENT) < 0 ||
	    report_text_fit(out, row->name, t->name, true) ||
	    fprintf(out, "%s\n", buf) < 0)
		return -1;
	return 0;
}

int report_text_table(FILE *out, const char *title, char *const *labels, int n,
		      const struct report_row *rows, int nrows, bool compared)
{
	struct table t;

	table_fit(&t, title, labels, rows, nrows, n, compared);
	if (fputc('\n', out) == EOF || table_head(out, &t, title, labels))
		return -1;
	for (int k = 0; k < nrows; k++)
		if (table_row(out, &t, &rows[k]))
			return -1;
	return 0;
}

/* The groups of a session's item, its last round, and the divide. */
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
	if (report_text_table(out, "Group", s->items[i].labels,
			      s->items[i].nviews, rows, s->ngroups, false))
		return -1;
	report_divide_session(&d, s, i);
	return report_text_wrap(out, INDENT "Divide: ",
				report_divide_words(words, sizeof words, &d));
}

/* Every round of a session's item, and each swing from the one before. */
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
	if (report_text_table(out, "Round", s->items[i].labels,
			      s->items[i].nviews, rows, nr, false))
		return -1;
	for (int r = 1; r < nr; r++) {
		struct swing sw;

		divide_swing(rows[r - 1].sp.counts, rows[r].sp.counts,
			     rows[r].sp.n, &sw);
		report_swing_words(words, sizeof words, r, &sw,
				   s->items[i].labels, rows[r].sp.n,
				   s->pct_of_room, rows[r].sp.votes, 0);
		if (report_text_wrap(out, INDENT, words))
			return -1;
	}
	return 0;
}

int report_text_session_extra(FILE *out, const struct session *s, int i)
{
	if (s->ngroups > 0 && session_groups(out, s, i))
		return -1;
	if (tally_rounds(&s->tally, i) > 1 && session_rounds(out, s, i))
		return -1;
	return 0;
}

int report_text_rank(FILE *out, struct report_divide *d, int n)
{
	char prefix[24], words[1024];

	report_divide_rank(d, n);
	if (fputs("\nThe divide, widest first\n", out) == EOF)
		return -1;
	for (int k = 0; k < n; k++) {
		snprintf(prefix, sizeof prefix, "%4d. ", d[k].item + 1);
		if (report_text_wrap(out, prefix, d[k].heading) ||
		    report_text_wrap(
			    out, "      ",
			    report_divide_words(words, sizeof words, &d[k])))
			return -1;
	}
	return 0;
}

int report_text_session_rank(FILE *out, const struct session *s)
{
	struct report_divide *d = report_session_divides(s);
	int rc;

	if (!d)
		return -1;
	rc = report_text_rank(out, d, s->nitems);
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
	if (report_text_table(out, "Group", a->items[i].labels,
			      a->items[i].nviews, rows, n, a->cmp_at >= 0))
		return -1;
	report_agg_divide(a, i, &d);
	return report_text_wrap(out, INDENT "Divide: ",
				report_divide_words(words, sizeof words, &d));
}

static int agg_rounds(FILE *out, const struct report_agg *a, int i)
{
	const struct agg_item *it = &a->items[i];
	struct report_row rows[TALLY_MAX_ROUNDS];
	char names[TALLY_MAX_ROUNDS][32], words[1024];

	for (int r = 0; r < it->nrounds; r++)
		report_agg_round_row(a, i, r, &rows[r], names[r],
				     sizeof names[r]);
	if (report_text_table(out, "Round", it->labels, it->nviews, rows,
			      it->nrounds, false))
		return -1;
	for (int r = 1; r < it->nrounds; r++) {
		struct swing sw;

		report_agg_swing(a, i, r, &sw);
		report_swing_words(words, sizeof words, r, &sw, it->labels,
				   it->nviews, false, a->votes,
				   it->rounds[r].nsessions);
		if (report_text_wrap(out, INDENT, words))
			return -1;
	}
	return 0;
}

int report_text_agg_extra(FILE *out, const struct report_agg *a, int i)
{
	if (a->ngroups > 0 && agg_groups(out, a, i))
		return -1;
	if (a->items[i].nrounds > 1 && agg_rounds(out, a, i))
		return -1;
	return 0;
}

int report_text_agg_rank(FILE *out, const struct report_agg *a)
{
	struct report_divide *d = calloc((size_t)a->nitems, sizeof *d);
	int rc;

	if (!d)
		return -1;
	for (int i = 0; i < a->nitems; i++)
		report_agg_divide(a, i, &d[i]);
	rc = report_text_rank(out, d, a->nitems);
	free(d);
	return rc;
}
