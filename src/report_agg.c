/*
 * report_agg: many sessions of one deck added up, item by item, with the
 * spread between sessions and, optionally, one session set against the
 * rest.  The sums are gathered once (struct agg) and then written in the
 * requested format by report_agg_out.c.
 */
#include "report.h"
#include "report_agg.h"

#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "tally.h"
#include "text.h"

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/*
 * Sessions of one deck list their items in the same order, so the item at
 * the same position is tried first; the search only runs for decks that
 * were edited between workshops.
 */
static int find_item(const struct agg *a, const char *heading, int hint)
{
	if (hint < a->nitems && same_text(a->items[hint].heading, heading))
		return hint;
	for (int i = 0; i < a->nitems; i++)
		if (same_text(a->items[i].heading, heading))
			return i;
	return -1;
}

static int add_item(struct agg *a, const struct session_item *si)
{
	if (a->nitems == a->cap) {
		int cap = a->cap ? a->cap * 2 : 16;
		struct agg_item *p = realloc(a->items, sizeof *p * (size_t)cap);

		if (!p)
			return -1;
		a->items = p;
		a->cap = cap;
	}
	struct agg_item *it = &a->items[a->nitems];

	memset(it, 0, sizeof *it);
	it->heading = si->heading;
	it->labels = si->labels;
	return a->nitems++;
}

/* Adds session s; is_cmp marks the session being compared. */
static int add_session(struct agg *a, const struct session *s, bool is_cmp,
		       const char *name)
{
	for (int i = 0; i < s->nitems; i++) {
		const struct session_item *si = &s->items[i];
		int k = find_item(a, si->heading, i);
		long c[TALLY_MAX_VIEWS] = {0}, total = 0;
		int n = si->nviews < TALLY_MAX_VIEWS ? si->nviews
						     : TALLY_MAX_VIEWS;

		if (k < 0 && (k = add_item(a, si)) < 0)
			return -1;
		struct agg_item *it = &a->items[k];

		if (n > it->nviews) {
			it->nviews = n;
			it->labels = si->labels;
		}
		for (int v = 0; v < n; v++) {
			c[v] = tally_get(&s->tally, i, v);
			total += c[v];
			it->totals[v] += c[v];
			if (is_cmp)
				it->cmp[v] += c[v];
			else
				it->rest[v] += c[v];
		}
		it->nsessions++;
		if (is_cmp)
			it->in_cmp = true;
		if (total == 0)
			continue;

		int pct[TALLY_MAX_VIEWS];

		tally_percent(c, n, pct);
		if (it->ncounted == 0 || pct[0] < it->min_pct) {
			it->min_pct = pct[0];
			it->min_name = name;
		}
		if (it->ncounted == 0 || pct[0] > it->max_pct) {
			it->max_pct = pct[0];
			it->max_name = name;
		}
		it->ncounted++;
	}
	if (a->nsessions == 0 || s->started < a->first)
		a->first = s->started;
	if (a->nsessions == 0 || s->started > a->last)
		a->last = s->started;
	a->nsessions++;
	return 0;
}

/* Copies s into buf for an error message: sanitised and cut to fit. */
static const char *clean(const char *s, char *buf, size_t cap)
{
	text_sanitize_into(s ? s : "", strlen(s ? s : ""), buf, cap);
	return buf;
}

static int wrong_deck(const struct session *ref, const struct session *s,
		      const char *name, struct report_error *err)
{
	char file[100], theirs[72], ours[72];

	if (same_text(ref->deck_title, s->deck_title))
		return 0;
	if (err)
		snprintf(err->msg, sizeof err->msg,
			 "%s: is a session of another deck (\"%s\"), not "
			 "\"%s\"",
			 clean(name ? name : "(session)", file, sizeof file),
			 clean(s->deck_title, theirs, sizeof theirs),
			 clean(ref->deck_title, ours, sizeof ours));
	return -1;
}

int report_aggregate(FILE *out, const struct session *const *sessions,
		     const char *const *names, size_t n,
		     const struct session *compare, const char *compare_name,
		     enum report_format fmt, struct report_error *err)
{
	struct agg a;
	int rc = -1;

	memset(&a, 0, sizeof a);
	if (err)
		err->msg[0] = '\0';
	if (n == 0) {
		if (err)
			snprintf(err->msg, sizeof err->msg, "no sessions");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (wrong_deck(sessions[0], sessions[i], names ? names[i] : NULL,
			       err))
			return -1;
	if (compare &&
	    wrong_deck(sessions[0], compare, compare_name, err))
		return -1;

	a.ref = sessions[0];
	a.sessions = sessions;
	a.names = names;
	a.nrest = n;
	a.compare = compare;
	a.compare_name = compare_name;
	for (size_t i = 0; i < n; i++) {
		const char *nm = sessions[i]->name ? sessions[i]->name : "";

		if (add_session(&a, sessions[i], false, nm))
			goto oom;
	}
	if (compare && add_session(&a, compare, true,
				   compare->name ? compare->name : ""))
		goto oom;

	rc = report_agg_write(out, &a, fmt);
	if (rc == 0 && fflush(out) == EOF)
		rc = -1;
	if (rc || ferror(out)) {
		rc = -1;
		if (err)
			snprintf(err->msg, sizeof err->msg, "write error");
	}
	free(a.items);
	return rc;
oom:
	free(a.items);
	if (err)
		snprintf(err->msg, sizeof err->msg, "out of memory");
	return -1;
}
