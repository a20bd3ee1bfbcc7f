/*
 * report_countup: the count-up step of the phones' ballots, for a
 * session's reports and added up over many sessions.  Only sessions with
 * ballots, whose views mean the same on every item, have one, so a report
 * of hands alone does none of this work.
 */
#include "report/report_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/ballot.h"
#include "core/session.h"

bool report_has_countup(const struct session *s)
{
	return s->ballots && s->same_views && s->ballots->nitems > 0;
}

void report_countup_free(struct report_countup *c)
{
	free(c->by_k);
	c->by_k = NULL;
}

static int countup_alloc(struct report_countup *c, int nitems)
{
	memset(c, 0, sizeof *c);
	c->nitems = nitems;
	c->by_k = calloc((size_t)(1 + REPORT_MAX_GROUPS) * (size_t)(nitems + 1),
			 sizeof *c->by_k);
	return c->by_k ? 0 : -1;
}

/* One row (0: everyone, 1 + g: group g) from the ballots. */
static void take_row(struct report_countup *c, const struct ballots *bs,
		     int group, int row, long *tmp)
{
	struct ballot_summary sum;
	int64_t *out = report_countup_row(c, row);

	ballots_distribution(bs, group, tmp, (size_t)c->nitems + 1, &sum);
	for (int k = 0; k <= c->nitems; k++)
		out[k] = tmp[k];
	c->sum[row] = (struct report_countup_sum){
		sum.voters, sum.silent, sum.mostly1, sum.mostly2, sum.even};
}

int report_countup_of(const struct session *s, struct report_countup *c)
{
	const struct ballots *bs = s->ballots;
	int ng = s->ngroups < TALLY_MAX_GROUPS ? s->ngroups : TALLY_MAX_GROUPS;

	if (countup_alloc(c, bs->nitems))
		return -1;
	long *tmp = malloc(((size_t)bs->nitems + 1) * sizeof *tmp);
	if (!tmp) {
		report_countup_free(c);
		return -1;
	}
	c->nsessions = 1;
	take_row(c, bs, BALLOT_ALL_GROUPS, 0, tmp);
	for (int g = 0; g < ng; g++) {
		take_row(c, bs, g, 1 + g, tmp);
		c->groups[g] = session_group_name(s, g);
		c->has[g] = true;
	}
	c->ngroups = ng;
	free(tmp);
	return 0;
}

static void add_row(struct report_countup *into, int to,
		    const struct report_countup *from, int row)
{
	int64_t *a = report_countup_row(into, to);
	const int64_t *b = report_countup_row(from, row);
	struct report_countup_sum *x = &into->sum[to];
	const struct report_countup_sum *y = &from->sum[row];

	for (int k = 0; k <= into->nitems; k++)
		a[k] += b[k];
	x->voters += y->voters;
	x->silent += y->silent;
	x->mostly1 += y->mostly1;
	x->mostly2 += y->mostly2;
	x->even += y->even;
}

/*
 * The aggregate's count-up for decks of n items: found, or made at the
 * end of the list; NULL when out of memory.
 */
static struct report_countup *agg_countup(struct report_agg *a, int n)
{
	for (int k = 0; k < a->ncountups; k++)
		if (a->countups[k].nitems == n)
			return &a->countups[k];
	struct report_countup *p =
		realloc(a->countups, sizeof *p * (size_t)(a->ncountups + 1));
	if (!p)
		return NULL;
	a->countups = p;
	if (countup_alloc(&p[a->ncountups], n))
		return NULL;
	p[a->ncountups].agg = true;
	return &p[a->ncountups++];
}

int report_countup_agg_add(struct report_agg *a, const struct session *s,
			   const int *map)
{
	struct report_countup one, *c;

	if (!report_has_countup(s))
		return 0;
	if (report_countup_of(s, &one))
		return -1;
	if (!(c = agg_countup(a, one.nitems))) {
		report_countup_free(&one);
		return -1;
	}
	add_row(c, 0, &one, 0);
	for (int g = 0; g < one.ngroups; g++) {
		add_row(c, 1 + map[g], &one, 1 + g);
		c->has[map[g]] = true;
		c->groups[map[g]] = a->groups[map[g]];
		if (map[g] + 1 > c->ngroups)
			c->ngroups = map[g] + 1;
	}
	c->nsessions++;
	report_countup_free(&one);
	return 0;
}

int report_counted_view(const struct session *s, struct tally *t,
			struct session *view)
{
	if (session_counts(s, t))
		return -1;
	*view = *s;
	view->tally = *t;
	return 0;
}

static int write_one(FILE *out, const struct report_countup *c,
		     const struct session *s, const struct report_agg *a,
		     enum report_format fmt)
{
	switch (fmt) {
	case REPORT_CSV:
		return report_csv_countup(out, c, s, a);
	case REPORT_MD:
		return report_md_countup(out, c);
	case REPORT_JSON:
		return report_json_countup(out, a ? "    " : "  ", c);
	case REPORT_TEXT:
		break;
	}
	return report_text_countup(out, c);
}

int report_countup_session(FILE *out, const struct session *s,
			   enum report_format fmt)
{
	struct report_countup c;

	if (!report_has_countup(s))
		return 0;
	if (report_countup_of(s, &c))
		return -1;
	int rc = (fmt == REPORT_JSON &&
		  fputs(",\n  \"countup\": ", out) == EOF) ||
		 write_one(out, &c, s, NULL, fmt);
	report_countup_free(&c);
	return rc ? -1 : 0;
}

int report_countup_agg(FILE *out, const struct report_agg *a,
		       enum report_format fmt)
{
	bool json = fmt == REPORT_JSON;

	if (a->ncountups == 0)
		return 0;
	if (json && fputs(",\n  \"countup\": [", out) == EOF)
		return -1;
	for (int k = 0; k < a->ncountups; k++)
		if ((json && fputs(k ? ",\n    " : "\n    ", out) == EOF) ||
		    write_one(out, &a->countups[k], NULL, a, fmt))
			return -1;
	return json && fputs("\n  ]", out) == EOF ? -1 : 0;
}
