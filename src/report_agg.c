/*
 * report_agg: many sessions of one deck added up, item by item, with the
 * spread between sessions and, optionally, one session set against the
 * rest.  The sums are gathered here (struct report_agg) and written in
 * the requested format by report_agg_out.c.
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

	if (a)
		a->cmp_at = -1;
	return a;
}

void report_agg_free(struct report_agg *a)
{
	if (!a)
		return;
	for (int i = 0; i < a->nitems; i++) {
		free(a->items[i].heading);
		for (int v = 0; v < TALLY_MAX_VIEWS; v++)
			free(a->items[i].labels[v]);
	}
	for (size_t k = 0; k < a->nsess; k++) {
		free(a->sess[k].name);
		free(a->sess[k].file);
	}
	free(a->items);
	free(a->sess);
	free(a->title);
	free(a->source);
	free(a);
}

/*
 * Sessions of one deck list their items in the same order, so the item at
 * the same position is tried first; the search only runs for decks that
 * were edited between workshops.
 */
static int find_item(const struct report_agg *a, const char *heading, int hint)
{
	if (hint < a->nitems && same_text(a->items[hint].heading, heading))
		return hint;
	for (int i = 0; i < a->nitems; i++)
		if (same_text(a->items[i].heading, heading))
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
	return oom ? -1 : a->nitems++;
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

static void add_counts(struct agg_item *it, const long *c, int n, bool is_cmp,
                       size_t at)
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
	if (total == 0)
		return;
	tally_percent(c, n, pct);
	if (it->ncounted == 0 || pct[0] < it->min_pct) {
		it->min_pct = pct[0];
		it->min_at = at;
	}
	if (it->ncounted == 0 || pct[0] > it->max_pct) {
		it->max_pct = pct[0];
		it->max_at = at;
	}
	it->ncounted++;
}

/* Copies s into buf for an error message: sanitised and cut to fit. */
static const char *clean(const char *s, char *buf, size_t cap)
{
	text_sanitize_into(s ? s : "", strlen(s ? s : ""), buf, cap);
	return buf;
}

static void set_oom(struct report_error *err)
{
	if (err)
		snprintf(err->msg, sizeof err->msg, "out of memory");
}

static int add_session(struct report_agg *a, const struct session *s,
                       const char *name, bool is_cmp)
{
	bool oom = false;
	struct agg_session *as;

	if (a->nsess == 0) {
		a->title = copy(s->deck_title ? s->deck_title : "", &oom);
		a->source = copy(s->deck_source, &oom);
		a->hash = s->deck_hash;
		if (oom)
			return -1;
	}
	if (a->nsess == a->sess_cap) {
		size_t cap = a->sess_cap ? a->sess_cap * 2 : 64;
		struct agg_session *p = realloc(a->sess, sizeof *p * cap);

		if (!p)
			return -1;
		a->sess = p;
		a->sess_cap = cap;
	}
	as = &a->sess[a->nsess];
	as->name = copy(s->name ? s->name : "", &oom);
	as->file = copy(name, &oom);
	as->started = s->started;
	if (oom) {
		free(as->name);
		free(as->file);
		return -1;
	}
	if (a->nsess == 0 || s->started < a->first)
		a->first = s->started;
	if (a->nsess == 0 || s->started > a->last)
		a->last = s->started;
	if (is_cmp)
		a->cmp_at = (long)a->nsess;
	a->nsess++;

	for (int i = 0; i < s->nitems; i++) {
		const struct session_item *si = &s->items[i];
		int k = find_item(a, si->heading, i);
		long c[TALLY_MAX_VIEWS] = {0};
		int n =
		    si->nviews < TALLY_MAX_VIEWS ? si->nviews : TALLY_MAX_VIEWS;

		if (k < 0 && (k = add_item(a, si->heading)) < 0)
			return -1;
		if (n > a->items[k].nviews && take_labels(&a->items[k], si, n))
			return -1;
		for (int v = 0; v < n; v++)
			c[v] = tally_get(&s->tally, i, v);
		add_counts(&a->items[k], c, n, is_cmp, a->nsess - 1);
	}
	return 0;
}

int report_agg_add(struct report_agg *a, const struct session *s,
                   const char *name, bool compare, struct report_error *err)
{
	char file[100], theirs[72], ours[72];

	if (a->nsess > 0 && !same_text(a->title, s->deck_title)) {
		if (err)
			snprintf(
			    err->msg, sizeof err->msg,
			    "%s: is a session of another deck (\"%s\"), "
			    "not \"%s\"",
			    clean(name ? name : "(session)", file, sizeof file),
			    clean(s->deck_title, theirs, sizeof theirs),
			    clean(a->title, ours, sizeof ours));
		return -1;
	}
	if (compare && a->cmp_at >= 0) {
		if (err)
			snprintf(err->msg, sizeof err->msg,
			         "only one session can be compared");
		return -1;
	}
	if (add_session(a, s, name, compare)) {
		set_oom(err);
		return -1;
	}
	return 0;
}

int report_agg_write(FILE *out, const struct report_agg *a,
                     enum report_format fmt, struct report_error *err)
{
	if (a->nsess == 0 || (a->cmp_at >= 0 && a->nsess < 2)) {
		if (err)
			snprintf(err->msg, sizeof err->msg, "no sessions");
		return -1;
	}
	struct report_locale loc;

	report_locale_enter(&loc);
	int rc = report_agg_emit(out, a, fmt);

	report_locale_leave(&loc);
	if (rc || fflush(out) == EOF || ferror(out)) {
		if (err)
			snprintf(err->msg, sizeof err->msg, "write error");
		return -1;
	}
	return 0;
}

int report_aggregate(FILE *out, const struct session *const *sessions,
                     const char *const *names, size_t n,
                     const struct session *compare, const char *compare_name,
                     enum report_format fmt, struct report_error *err)
{
	struct report_agg *a = report_agg_new();
	int rc = -1;

	if (err)
		err->msg[0] = '\0';
	if (!a) {
		set_oom(err);
		return -1;
	}
	/* Refuse another deck before any output, whatever its position. */
	for (size_t i = 0; i < n; i++)
		if (report_agg_add(a, sessions[i], names ? names[i] : NULL,
		                   false, err))
			goto out;
	if (compare && report_agg_add(a, compare, compare_name, true, err))
		goto out;
	rc = report_agg_write(out, a, fmt, err);
out:
	report_agg_free(a);
	return rc;
}
