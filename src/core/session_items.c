/*
 * The session reader's item lines and the checks made on them, and the
 * reader's errors.  The driver (session_parse.c) calls these; they never
 * call back.
 */
#include "core/session_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/text.h"
#include "core/deck.h"
#include "core/session.h"
#include "core/session_value.h"

const struct session_key session_keys[] = {
	{"name", HAVE_NAME},	       {"started", HAVE_STARTED},
	{"deck-title", HAVE_TITLE},    {"deck-source", HAVE_SOURCE},
	{"deck-path", HAVE_PATH},      {"deck-hash", HAVE_HASH},
	{"current", HAVE_CURRENT},     {"same-views", HAVE_SAME},
	{"percent-base", HAVE_BASE},   {"headcount", HAVE_HEADCOUNT},
	{"active-group", HAVE_ACTIVE}, {"hidden", HAVE_HIDDEN},
	{"blank", HAVE_BLANK},	       {"phones", HAVE_PHONES},
	{"phones-url", HAVE_PHONES_URL},
};

const size_t session_nkeys = sizeof session_keys / sizeof *session_keys;

int session_fail(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
	va_end(ap);
	p->err->file = NULL;
	p->err->line = line;
	return -1;
}

/* The key as text safe to put in a message. */
const char *session_shown(const char *k, size_t n, char *buf, size_t cap)
{
	if (n > 40)
		n = 40;
	text_sanitize_into(k, n, buf, cap);
	return buf;
}

/* Room for slots [0, n) in the reader; -1 out of memory. */
static int grow_slots(struct session_reader *r, size_t n)
{
	if (n <= r->nslots)
		return 0;
	size_t cap = r->nslots ? 2 * r->nslots : 64;
	if (cap < n)
		cap = n;
	struct reader_slot *sl = realloc(r->slots, cap * sizeof *sl);
	if (!sl)
		return -1;
	memset(sl + r->nslots, 0, (cap - r->nslots) * sizeof *sl);
	r->slots = sl;
	r->nslots = cap;
	return 0;
}

/* The reader's string for these bytes: the one it holds when made from
 * the same bytes, else a new one. */
static int reader_store(struct parser *p, size_t slot, char **dst,
			const char *v, size_t n)
{
	struct session_reader *r = p->reader;
	if (grow_slots(r, slot + 1))
		return session_fail(p, p->line, "out of memory");
	struct reader_slot *sl = &r->slots[slot];
	if (!sl->str || !sl->as_read || sl->len != n ||
	    memcmp(sl->str, v, n) != 0) {
		char *c = text_sanitize(v, n);
		if (!c)
			return session_fail(p, p->line, "out of memory");
		free(sl->str);
		sl->str = c;
		sl->len = strlen(c);
		sl->as_read = sl->len == n && memcmp(c, v, n) == 0;
	}
	*dst = sl->str;
	return 0;
}

int session_store(struct parser *p, size_t slot, char **dst, const char *v,
		  size_t n)
{
	if (p->reader)
		return reader_store(p, slot, dst, v, n);
	char *c = text_sanitize(v, n);
	if (!c)
		return session_fail(p, p->line, "out of memory");
	free(*dst);
	*dst = c;
	return 0;
}

/* Checks what must hold once the header or an item is complete. */
int session_close_item(struct parser *p)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return 0;
	const struct session_item *it = &s->items[s->nitems - 1];
	if (it->nviews < 2)
		return session_fail(
			p, p->item_line,
			"item has %d view(s); an item needs 2 to %d",
			it->nviews, TALLY_MAX_VIEWS);
	if (p->version >= 2 && p->next_view != 0)
		return session_fail(p, p->line,
				    "round %d lacks the count of view %d",
				    p->next_round + 1, p->next_view + 1);
	if (p->version >= 2 && p->next_round == 0)
		return session_fail(p, p->item_line,
				    "item has no 'count' lines");
	return 0;
}

int session_check_header(struct parser *p)
{
	struct session *s = p->s;
	if ((p->have & HAVE_REQUIRED) != HAVE_REQUIRED) {
		for (size_t i = 0; i < session_nkeys; i++)
			if ((HAVE_REQUIRED & session_keys[i].bit) &&
			    !(p->have & session_keys[i].bit))
				return session_fail(
					p, p->line,
					"missing '%s' before this line",
					session_keys[i].key);
	}
	if (s->ngroups > 0 && (p->have & HAVE_HEADCOUNT))
		return session_fail(
			p, p->line,
			"'headcount' with groups: each group has its own");
	if (s->ngroups > 0 && !(p->have & HAVE_ACTIVE))
		return session_fail(p, p->line,
				    "missing 'active-group' before this line");
	if (s->ngroups == 0 && (p->have & HAVE_ACTIVE))
		return session_fail(p, p->line,
				    "'active-group' without groups");
	if (p->active > s->ngroups)
		return session_fail(p, p->line, "active group %ld of %d groups",
				    p->active, s->ngroups);
	return 0;
}

/* Room for one more item and its line; -1 when out of memory. */
static int grow_items(struct parser *p)
{
	struct session *s = p->s;
	if ((size_t)s->nitems < p->cap)
		return 0;
	size_t cap = p->cap ? p->cap * 2 : 16;
	struct session_item *it = realloc(s->items, cap * sizeof *it);
	if (!it)
		return session_fail(p, p->line, "out of memory");
	s->items = it;
	int *lines = realloc(p->item_lines, cap * sizeof *lines);
	if (!lines)
		return session_fail(p, p->line, "out of memory");
	p->item_lines = lines;
	p->cap = cap;
	return 0;
}

/* Items i and j hold the same heading, labels and counts; item i's
 * counts lines are [from[i], from[i + 1]) in p->counts. */
static bool same_block(const struct parser *p, const size_t *from, int i, int j)
{
	const struct session_item *a = &p->s->items[i], *b = &p->s->items[j];
	size_t af = from[i], at = from[i + 1], bf = from[j], bt = from[j + 1];
	if (strcmp(a->heading, b->heading) != 0 || a->nviews != b->nviews)
		return false;
	for (int v = 0; v < a->nviews; v++)
		if (strcmp(a->labels[v], b->labels[v]) != 0)
			return false;
	if (at - af != bt - bf)
		return false;
	for (size_t k = 0; k < at - af; k++)
		if (memcmp(p->counts[af + k].c, p->counts[bf + k].c,
			   sizeof p->counts[0].c) != 0)
			return false;
	return true;
}

/*
 * An item block pasted twice would count its hands twice in any report.
 * Two items that only share a heading stay two items, as reports match
 * them in order.  The counts lines are in item order, so where each
 * item's start is found once: comparing two items then costs only their
 * own lines, however many items share a heading.
 */
int session_check_repeats(struct parser *p)
{
	char buf[64];
	const struct session *s = p->s;
	size_t *from = malloc(((size_t)s->nitems + 1) * sizeof *from);
	if (!from)
		return session_fail(p, p->line, "out of memory");
	size_t k = 0;
	for (int i = 0; i <= s->nitems; i++) {
		while (k < p->ncounts && p->counts[k].item < i)
			k++;
		from[i] = k;
	}
	int rc = 0;
	for (int j = 1; rc == 0 && j < s->nitems; j++)
		for (int i = 0; rc == 0 && i < j; i++)
			if (same_block(p, from, i, j))
				rc = session_fail(
					p, p->item_lines[j],
					"item '%s' repeats the one at line "
					"%d",
					session_shown(
						s->items[j].heading,
						strlen(s->items[j].heading),
						buf, sizeof buf),
					p->item_lines[i]);
	free(from);
	return rc;
}

int session_item(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (session_check_header(p) || session_close_item(p))
		return -1;
	if (s->nitems >= SESSION_MAX_ITEMS)
		return session_fail(p, p->line, "too many items (at most %d)",
				    SESSION_MAX_ITEMS);
	if (grow_items(p))
		return -1;
	/*
	 * The deck parser refuses an empty heading; a session must not bring
	 * one in by hand either: reports and the summary would show a blank
	 * line, and aggregates match items by heading.
	 */
	size_t k = 0;
	while (k < n && (v[k] == ' ' || v[k] == '\t'))
		k++;
	if (k == n)
		return session_fail(p, p->line, "empty heading");
	memset(&s->items[s->nitems], 0, sizeof *s->items);
	p->item_lines[s->nitems] = p->line;
	s->nitems++;
	p->item_line = p->line;
	p->next_round = p->next_view = 0;
	memset(p->texts, 0, sizeof p->texts);
	return session_store(p, session_slot_heading(s->nitems - 1),
			     &s->items[s->nitems - 1].heading, v, n);
}

/*
 * A label that names a view by its number must name this one: reports put
 * the counts of the N-th line under view N, so a hand-edited file with
 * "View 1", "View 3", "View 2" would show counts under the wrong view.
 * Other labels ("Not sure", a translation) are names for display.
 */
static int check_label(struct parser *p, int v, const char *l, size_t n)
{
	char buf[64];
	long named = deck_named_view(l, n);

	if (named == 0 || named == v + 1)
		return 0;
	return session_fail(
		p, p->line, "view %d is labelled '%s', expected '%s'", v + 1,
		session_shown(l, n, buf, sizeof buf), deck_view_label(v));
}

/* Room for one more line of counts; NULL when out of memory. */
static struct counts *add_counts(struct parser *p)
{
	if (p->ncounts == p->counts_cap) {
		size_t cap = p->counts_cap ? p->counts_cap * 2 : 32;
		struct counts *c = realloc(p->counts, cap * sizeof *c);
		if (!c) {
			session_fail(p, p->line, "out of memory");
			return NULL;
		}
		p->counts = c;
		p->counts_cap = cap;
	}
	struct counts *c = &p->counts[p->ncounts++];
	memset(c, 0, sizeof *c);
	c->item = p->s->nitems - 1;
	return c;
}

/* Format 1: "view: COUNT LABEL"; format 2: "view: LABEL". */
int session_view(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return session_fail(p, p->line, "'view' before the first item");
	struct session_item *it = &s->items[s->nitems - 1];
	if (it->nviews == TALLY_MAX_VIEWS)
		return session_fail(p, p->line,
				    "more than %d views in one item",
				    TALLY_MAX_VIEWS);
	if (p->version >= 2 && (p->next_round > 0 || p->next_view > 0))
		return session_fail(p, p->line,
				    "'view' after the item's counts");
	size_t skip = 0;
	long count = 0;
	if (p->version == 1) {
		const char *sp = memchr(v, ' ', n);
		size_t digits = sp ? (size_t)(sp - v) : n;
		if (!session_value_count(v, digits, TALLY_MAX_COUNT, &count))
			return session_fail(p, p->line,
					    "bad count (want 0 to %ld)",
					    TALLY_MAX_COUNT);
		skip = sp ? digits + 1 : n;
	}
	if (check_label(p, it->nviews, v + skip, n - skip) ||
	    session_store(p, session_slot_label(s->nitems - 1, it->nviews),
			  &it->labels[it->nviews], v + skip, n - skip))
		return -1;
	if (p->version == 1) {
		struct counts *c = add_counts(p);
		if (!c)
			return -1;
		c->view = it->nviews;
		c->c[0] = count;
	}
	it->nviews++;
	return 0;
}

/* "text: ..." after its view, once: the view's full wording. */
int session_text(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	struct session_item *it = s->nitems ? &s->items[s->nitems - 1] : NULL;
	if (!it || it->nviews == 0)
		return session_fail(p, p->line, "'text' before its view");
	if (p->next_round > 0 || p->next_view > 0)
		return session_fail(p, p->line,
				    "'text' after the item's counts");
	if (p->texts[it->nviews - 1])
		return session_fail(p, p->line, "view %d has two texts",
				    it->nviews);
	p->texts[it->nviews - 1] = true;
	return session_store(p,
			     session_slot_text(s->nitems - 1, it->nviews - 1),
			     &it->texts[it->nviews - 1], v, n);
}

/* Format 2: "count: ROUND VIEW N..." for every group, rounds in order. */
int session_count(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return session_fail(p, p->line,
				    "'count' before the first item");
	const struct session_item *it = &s->items[s->nitems - 1];
	size_t pos = 0;
	long r, view;
	if (!session_value_next(v, n, &pos, TALLY_MAX_ROUNDS, &r) ||
	    !session_value_next(v, n, &pos, TALLY_MAX_VIEWS, &view))
		return session_fail(p, p->line,
				    "bad 'count' (want ROUND VIEW COUNT...)");
	if (r != p->next_round + 1 || view != p->next_view + 1)
		return session_fail(
			p, p->line,
			"count of round %ld view %ld where round %d view "
			"%d belongs",
			r, view, p->next_round + 1, p->next_view + 1);
	if (view > it->nviews)
		return session_fail(p, p->line, "view %ld of %d", view,
				    it->nviews);
	struct counts *c = add_counts(p);
	if (!c)
		return -1;
	c->round = (int)r - 1;
	c->view = (int)view - 1;
	int ng = s->ngroups > 0 ? s->ngroups : 1;
	for (int g = 0; g < ng; g++)
		if (!session_value_next(v, n, &pos, TALLY_MAX_COUNT, &c->c[g]))
			return session_fail(
				p, p->line,
				"want %d count%s of 0 to %ld after the view",
				ng, ng == 1 ? "" : "s", TALLY_MAX_COUNT);
	if (pos < n)
		return session_fail(p, p->line,
				    "more counts than the %d group%s", ng,
				    ng == 1 ? "" : "s");
	if (++p->next_view == it->nviews) {
		p->next_view = 0;
		p->next_round++;
	}
	return 0;
}
