/*
 * report_agg: many sessions of one deck added up, item by item, with the
 * spread between sessions and, optionally, one session set against the
 * rest, per group and per round.  The sums are gathered here (struct
 * report_agg) and written by the format files.
 */
#include "report/report.h"
#include "report/report_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/safe.h"
#include "base/text.h"
#include "core/divide.h"
#include "core/session.h"

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A copy that is safe to write anywhere; NULL stays NULL. */
static char *copy(const char *s, bool *oom)
{
	char *c;

	if (!s)
		return NULL;
	c = text_sanitize(s, strlen(s));
	if (!c)
		*oom = true;
	return c;
}

struct report_agg *report_agg_new(void)
{
	struct report_agg *a = calloc(1, sizeof *a);

	if (a) {
		a->cmp_at = -1;
		a->totals = a->all_v1 = a->list = true;
	}
	return a;
}

struct report_agg *report_agg_new_for(enum report_format fmt)
{
	struct report_agg *a = report_agg_new();

	if (a)
		a->list = fmt == REPORT_JSON;
	return a;
}

bool report_agg_writes(const struct report_agg *a, enum report_format fmt)
{
	return a->list || fmt != REPORT_JSON;
}

void report_agg_free(struct report_agg *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->nitems; i++) {
		free(a->items[i].heading);
		free(a->items[i].min_name);
		free(a->items[i].max_name);
		for (int v = 0; v < TALLY_MAX_VIEWS; v++)
			free(a->items[i].labels[v]);
	}
	for (size_t k = 0; a->sess && k < a->nsess; k++) {
		free(a->sess[k].name);
		free(a->sess[k].file);
	}
	free(a->cmp.name);
	free(a->cmp.file);
	for (int g = 0; g < a->ngroups; g++)
		free(a->groups[g]);
	for (int k = 0; k < a->ncountups; k++)
		report_countup_free(&a->countups[k]);
	free(a->countups);
	tally_free(&a->counted);
	free(a->items);
	free(a->sess);
	free(a->title);
	free(a->source);
	free(a);
}

/*
 * The first item with this heading that session number sess (index + 1)
 * has not taken yet, or -1.  Sessions of one deck list their items in the
 * same order, so the item at the same position is tried first: its chain
 * of earlier items with the same heading (one link when headings are
 * unique) says whether one of those comes first.  The search only runs
 * for decks that were edited between workshops.
 */
static int find_item(const struct report_agg *a, const char *heading, int hint,
		     size_t sess)
{
	if (hint < a->nitems && same_text(a->items[hint].heading, heading)) {
		int first = -1;

		for (int k = hint; k >= 0; k = a->items[k].same_prev)
			if (a->items[k].last_sess != sess)
				first = k;
		if (first >= 0)
			return first;
	}
	for (int i = 0; i < a->nitems; i++)
		if (a->items[i].last_sess != sess &&
		    same_text(a->items[i].heading, heading))
			return i;
	return -1;
}

static int add_item(struct report_agg *a, const char *heading)
{
	bool oom = false;

	if (a->nitems == a->items_cap) {
		int cap = a->items_cap ? a->items_cap * 2 : 16;
		struct agg_item *p = realloc(a->items, sizeof *p * (size_t)cap);

		if (!p)
			return -1;
		a->items = p;
		a->items_cap = cap;
	}
	struct agg_item *it = &a->items[a->nitems];

	memset(it, 0, sizeof *it);
	it->heading = copy(heading ? heading : "", &oom);
	if (oom)
		return -1;
	it->same_prev = -1;
	for (int k = a->nitems - 1; k >= 0; k--)
		if (same_text(a->items[k].heading, it->heading)) {
			it->same_prev = k;
			break;
		}
	return a->nitems++;
}

/* Takes the labels of a session that has more views than seen so far. */
static int take_labels(struct agg_item *it, const struct session_item *si,
		       int n)
{
	bool oom = false;

	for (int v = 0; v < n; v++) {
		char *l = copy(si->labels[v] ? si->labels[v] : "", &oom);

		if (oom)
			return -1;
		free(it->labels[v]);
		it->labels[v] = l;
	}
	it->nviews = n;
	return 0;
}

/* *dst becomes a copy of name; false when out of memory. */
static bool take_name(char **dst, const char *name)
{
	bool oom = false;
	char *c = copy(name, &oom);

	if (oom)
		return false;
	free(*dst);
	*dst = c;
	return true;
}

/*
 * The session's counts of an item into it.  The lowest and the highest
 * View 1 share keep the name of the session that had it first: the name
 * is copied only when a session sets a new extreme, which becomes rarer
 * with every session.  Returns -1 when out of memory.
 */
static int add_counts(struct agg_item *it, const long *c, int n, bool is_cmp,
		      const char *name)
{
	long total = 0;
	int pct[TALLY_MAX_VIEWS];

	for (int v = 0; v < n; v++) {
		total += c[v];
		it->totals[v] += c[v];
		if (is_cmp)
			it->cmp[v] += c[v];
		else
			it->rest[v] += c[v];
	}
	it->nsessions++;
	it->in_cmp |= is_cmp;
	it->in_rest |= !is_cmp;
	if (total == 0)
		return 0;
	tally_percent(c, n, pct);
	if (it->ncounted == 0 || pct[0] < it->min_pct) {
		if (!take_name(&it->min_name, name))
			return -1;
		it->min_pct = pct[0];
	}
	if (it->ncounted == 0 || pct[0] > it->max_pct) {
		if (!take_name(&it->max_name, name))
			return -1;
		it->max_pct = pct[0];
	}
	it->ncounted++;
	return 0;
}

/* The aggregate's group of this name, or -1. */
static int find_group(const struct report_agg *a, const char *name)
{
	for (int g = 0; g < a->ngroups; g++)
		if (same_text(a->groups[g], name))
			return g;
	return -1;
}

/* How many of the session's groups the aggregate does not have yet;
 * *first is the first of them. */
static int new_groups(const struct report_agg *a, const struct session *s,
		      const char **first)
{
	int n = 0;

	for (int g = 0; g < s->ngroups; g++) {
		bool seen = find_group(a, s->groups[g]) >= 0;

		for (int h = 0; h < g && !seen; h++)
			seen = same_text(s->groups[h], s->groups[g]);
		if (!seen && n++ == 0)
			*first = s->groups[g];
	}
	return n;
}

/* The aggregate's index of each of the session's groups, added as
 * needed (report_agg_add made sure that they fit). */
static int map_groups(struct report_agg *a, const struct session *s, int *map)
{
	bool oom = false;

	for (int g = 0; g < s->ngroups; g++) {
		map[g] = find_group(a, s->groups[g]);
		if (map[g] >= 0)
			continue;
		a->groups[a->ngroups] = copy(s->groups[g], &oom);
		if (oom)
			return -1;
		map[g] = a->ngroups++;
	}
	return 0;
}

static void add_sums(struct agg_sums *g, const long *c, int n, bool is_cmp)
{
	long total = 0;

	for (int v = 0; v < n; v++) {
		total += c[v];
		g->totals[v] += c[v];
		if (is_cmp)
			g->cmp[v] += c[v];
		else
			g->rest[v] += c[v];
	}
	g->nsessions++;
	g->ncounted += total > 0;
	g->in_cmp |= is_cmp;
	g->in_rest |= !is_cmp;
}

/* Item i's groups (on its last round) and rounds into aggregate item it. */
static void add_groups_rounds(struct agg_item *it, const struct session *s,
			      int i, const int *map, bool is_cmp)
{
	const struct tally *t = &s->tally;
	int nr = tally_rounds(t, i), n = s->items[i].nviews;
	long c[TALLY_MAX_VIEWS] = {0}, prev[TALLY_MAX_VIEWS] = {0};

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	for (int g = 0; g < s->ngroups; g++) {
		for (int v = 0; v < n; v++)
			c[v] = tally_cell(t, i, nr - 1, g, v);
		add_sums(&it->groups[map[g]], c, n, is_cmp);
	}
	for (int r = 0; r < nr; r++) {
		struct agg_round *ar = &it->rounds[r];
		int64_t b[TALLY_MAX_VIEWS] = {0}, x[TALLY_MAX_VIEWS] = {0};
		struct swing sw;

		tally_room(t, i, r, c);
		for (int v = 0; v < n; v++) {
			ar->counts[v] += x[v] = c[v];
			if (r > 0)
				ar->before[v] += b[v] = prev[v];
			prev[v] = c[v];
		}
		ar->nsessions++;
		ar->ncounted += report_sum(x, n) > 0;
		/* The first round has no swing: nothing to work out. */
		if (r > 0) {
			divide_swing(b, x, n, &sw);
			ar->changed += sw.changed;
		}
	}
	if (nr > it->nrounds)
		it->nrounds = nr;
}

static int add_items(struct report_agg *a, const struct session *s,
		     const int *map, bool is_cmp);

/* The session's name, file and start into as; -1 when out of memory. */
static int keep_session(struct agg_session *as, const struct session *s,
			const char *file)
{
	bool oom = false;

	as->name = copy(s->name ? s->name : "", &oom);
	as->file = copy(file, &oom);
	as->started = s->started;
	if (oom) {
		free(as->name);
		free(as->file);
		as->name = as->file = NULL;
		return -1;
	}
	return 0;
}

/* One more session in the list, when the aggregate keeps it. */
static int list_session(struct report_agg *a, const struct session *s,
			const char *file)
{
	if (!a->list)
		return 0;
	if (a->nsess == a->sess_cap) {
		size_t cap = a->sess_cap ? a->sess_cap * 2 : 64;
		struct agg_session *p = realloc(a->sess, sizeof *p * cap);

		if (!p)
			return -1;
		a->sess = p;
		a->sess_cap = cap;
	}
	return keep_session(&a->sess[a->nsess], s, file);
}

static int add_session(struct report_agg *a, const struct session *s,
		       const char *name, bool is_cmp)
{
	int map[TALLY_MAX_GROUPS];
	bool oom = false;

	if (a->nsess == 0) {
		a->title = copy(s->deck_title ? s->deck_title : "", &oom);
		a->source = copy(s->deck_source, &oom);
		a->hash = s->deck_hash;
		if (oom)
			return -1;
	}
	if ((is_cmp && keep_session(&a->cmp, s, name)) ||
	    list_session(a, s, name))
		return -1;
	if (a->nsess == 0 || s->started < a->first)
		a->first = s->started;
	if (a->nsess == 0 || s->started > a->last)
		a->last = s->started;
	if (is_cmp)
		a->cmp_at = (long)a->nsess;
	a->nsess++;
	a->totals &= report_shows_totals(s);
	a->all_v1 &= s->version == 1;
	a->votes |= report_votes(s);
	if (map_groups(a, s, map) || report_countup_agg_add(a, s, map))
		return -1;

	return add_items(a, s, map, is_cmp);
}

/* Each of the session's items into the aggregate item of its heading. */
static int add_items(struct report_agg *a, const struct session *s,
		     const int *map, bool is_cmp)
{
	for (int i = 0; i < s->nitems; i++) {
		const struct session_item *si = &s->items[i];
		int k = find_item(a, si->heading, i, a->nsess);
		long c[TALLY_MAX_VIEWS] = {0};
		int n = si->nviews < TALLY_MAX_VIEWS ? si->nviews
						     : TALLY_MAX_VIEWS;

		if (k < 0 && (k = add_item(a, si->heading)) < 0)
			return -1;
		a->items[k].last_sess = a->nsess;
		if (n > a->items[k].nviews && take_labels(&a->items[k], si, n))
			return -1;
		for (int v = 0; v < n; v++)
			c[v] = tally_get(&s->tally, i, v);
		if (add_counts(&a->items[k], c, n, is_cmp,
			       s->name ? s->name : ""))
			return -1;
		add_groups_rounds(&a->items[k], s, i, map, is_cmp);
	}
	return 0;
}

int report_agg_add(struct report_agg *a, const struct session *s,
		   const char *name, bool compare, struct error *err)
{
	char file[100], theirs[72], ours[72];

	if (a->nsess > 0 && !same_text(a->title, s->deck_title)) {
		if (err)
			error_set(
				err, 0,
				"%s: is a session of another deck (\"%s\"), "
				"not \"%s\"",
				safe_copy(file, sizeof file,
					  name ? name : "(session)"),
				safe_copy(theirs, sizeof theirs, s->deck_title),
				safe_copy(ours, sizeof ours, a->title));
		return REPORT_AGG_EDECK;
	}
	const char *group = NULL;

	if (a->ngroups + new_groups(a, s, &group) > REPORT_MAX_GROUPS) {
		if (err)
			error_set(err, 0,
				  "%s: group \"%s\" is one too many: a report "
				  "adds up at most %d groups, matched by name",
				  safe_copy(file, sizeof file,
					    name ? name : "(session)"),
				  safe_copy(theirs, sizeof theirs, group),
				  REPORT_MAX_GROUPS);
		return REPORT_AGG_EGROUPS;
	}
	if (compare && a->cmp_at >= 0) {
		if (err)
			error_set(err, 0, "only one session can be compared");
		return REPORT_AGG_EINVAL;
	}
	/* With phones, the sums are of the hands and the ballots; the
	 * counts are made in a tally kept for the next session too. */
	struct session view;

	if (s->ballots) {
		if (report_counted_view(s, &a->counted, &view)) {
			if (err)
				error_set(err, 0, "out of memory");
			return REPORT_AGG_ENOMEM;
		}
		s = &view;
	}
	if (add_session(a, s, name, compare)) {
		if (err)
			error_set(err, 0, "out of memory");
		return REPORT_AGG_ENOMEM;
	}
	return REPORT_AGG_OK;
}

bool report_agg_other_version(const struct report_agg *a,
			      const struct session *s)
{
	return a->nsess > 0 && s->deck_hash != a->hash;
}
