/*
 * What each line of a deck means: fields, items and their checks, and
 * the error list they fill.  The driver that calls them is deck.c.
 */
#include "core/deck_int.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/text.h"
#include "core/deck.h"

static int raw_append(struct deck_parser *p, const char *s, size_t n)
{
	if (p->raw_len + n + 1 > p->raw_cap) {
		size_t cap = p->raw_cap ? p->raw_cap : 256;
		char *r;
		while (cap < p->raw_len + n + 1)
			cap *= 2;
		r = realloc(p->raw, cap);
		if (!r)
			return deck_oom(p);
		p->raw = r;
		p->raw_cap = cap;
	}
	memcpy(p->raw + p->raw_len, s, n);
	p->raw_len += n;
	p->raw[p->raw_len] = '\0';
	return 0;
}

/*
 * Sanitises each paragraph on its own so the "\n" between them stays,
 * in the parser's scratch buffer (every byte may become a 3-byte U+FFFD),
 * and returns a copy of just the size it needs.
 */
static char *sanitize_paras(struct deck_parser *p, const char *s, size_t len)
{
	size_t o = 0, i = 0;
	if (p->clean_cap < len * 3 + 1) {
		char *c = realloc(p->clean, len * 3 + 1);
		if (!c)
			return NULL;
		p->clean = c;
		p->clean_cap = len * 3 + 1;
	}
	char *out = p->clean;
	for (;;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;
		o += text_sanitize_into(s + i, end - i, out + o,
					len * 3 + 1 - o);
		if (!nl)
			break;
		out[o++] = '\n';
		i = end + 1;
	}
	out[o] = '\0';
	char *copy = malloc(o + 1);
	if (copy)
		memcpy(copy, out, o + 1);
	return copy;
}

/* How many bytes of s to quote in a message: at most max, cut between
 * code points so the message stays valid UTF-8. */
static size_t quote_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static char *trim(char *s)
{
	size_t n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* One more problem with a groups list, when there is room to keep it. */
static void group_error(struct error *errs, int max, int *nerrs,
			const char *msg)
{
	if (*nerrs < max)
		error_set(&errs[*nerrs], 0, "%s", msg);
	(*nerrs)++;
}

int deck_groups_from(const char *list, char **groups, int *n,
		     struct error *errs, int max, int *nerrs)
{
	char *all = strdup(list), *s = all;

	*n = *nerrs = 0;
	if (!all) {
		group_error(errs, max, nerrs, "out of memory");
		return -1;
	}
	for (char *next = s; next; s = next) {
		char *bar = strchr(s, '|'), *name;
		next = bar ? bar + 1 : NULL;
		if (bar)
			*bar = '\0';
		name = trim(s);
		bool dup = false;
		for (int g = 0; g < *n; g++)
			dup = dup || strcmp(groups[g], name) == 0;
		if (*name == '\0') {
			group_error(errs, max, nerrs, "empty group name");
		} else if (*n == DECK_MAX_GROUPS) {
			char msg[40];
			snprintf(msg, sizeof msg, "more than %d groups",
				 DECK_MAX_GROUPS);
			group_error(errs, max, nerrs, msg);
			break;
		} else if (dup) {
			group_error(errs, max, nerrs, "duplicate group name");
		} else if (!(groups[*n] = strdup(name))) {
			group_error(errs, max, nerrs, "out of memory");
			break;
		} else {
			(*n)++;
		}
	}
	free(all);
	return *nerrs ? -1 : 0;
}

/* Every bad name is reported and left out; the good ones stay. */
static void split_groups(struct deck_parser *p, const char *all)
{
	struct error errs[DECK_MAX_GROUPS + 2];
	int nerrs, max = (int)(sizeof errs / sizeof errs[0]);

	deck_groups_from(all, p->d->groups, &p->d->ngroups, errs, max, &nerrs);
	for (int k = 0; k < nerrs && k < max; k++)
		if (strcmp(errs[k].msg, "out of memory") == 0)
			deck_oom(p);
		else
			deck_fail(p, p->field_line, "%s", errs[k].msg);
}

/* The number a label gives its view (see deck.h); here, beside the
 * labels' own checks.  At most 9 digits are read. */
long deck_named_view(const char *l, size_t n)
{
	static const char word[] = "view ";
	size_t k = sizeof word - 1, i;
	long x = 0;

	if (n <= k)
		return 0;
	for (i = 0; i < k; i++)
		if ((l[i] | 0x20) != word[i])
			return 0;
	for (i = k; i < n && i < k + 9 && l[i] >= '0' && l[i] <= '9'; i++)
		x = x * 10 + (l[i] - '0');
	if (i == k || (i < n && l[i] >= '0' && l[i] <= '9'))
		return i == k ? 0 : -1;
	return x;
}

/* "labels: A | B": one short name per view, checked as the item closes. */
static void split_labels(struct deck_parser *p, char *all)
{
	struct deck_item *it = p->item;
	char *s = all;
	int n = 0;

	for (;;) {
		char *bar = strchr(s, '|'), *name;
		if (bar)
			*bar = '\0';
		name = trim(s);
		if (n == DECK_MAX_VIEWS) {
			deck_fail(p, p->field_line, "more than %d labels",
				  DECK_MAX_VIEWS);
			return;
		}
		long named = deck_named_view(name, strlen(name));
		if (*name == '\0')
			deck_fail(p, p->field_line, "empty label");
		else if (text_width(name) > DECK_MAX_LABEL)
			deck_fail(p, p->field_line,
				  "label %d is longer than %d columns", n + 1,
				  DECK_MAX_LABEL);
		else if (named != 0 && named != n + 1)
			deck_fail(p, p->field_line,
				  "label %d names another view", n + 1);
		else if (!(it->labels[n] = strdup(name)))
			deck_oom(p);
		n++;
		if (!bar)
			return;
		s = bar + 1;
	}
}

/* "same-views: yes" or "no". */
static int set_flag(struct deck_parser *p, const char *s)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0) {
		*p->flag = s[0] == 'y';
		return 0;
	}
	return deck_fail(p, p->field_line, "'%s' is yes or no", p->name);
}

/*
 * Reports and the aggregate of many sessions find an item by its heading,
 * so two items with one heading would have their counts mixed up.
 */
static int check_heading(struct deck_parser *p)
{
	const struct deck *d = p->d;
	const char *h = p->item->heading;
	uint32_t hash = 2166136261u; /* FNV-1a, 32 bits */
	for (const char *c = h; *c; c++)
		hash = (hash ^ (unsigned char)*c) * 16777619u;
	p->heading_hash[p->item - d->items] = hash;

	for (const struct deck_item *it = d->items; it < p->item; it++) {
		size_t n;

		/* An empty heading was reported and left NULL. */
		if (!it->heading || p->heading_hash[it - d->items] != hash ||
		    strcmp(it->heading, h) != 0)
			continue;
		n = quote_len(h, 60);
		return deck_fail(
			p, p->field_line,
			"duplicate heading '%.*s%s' (first at line %d)", (int)n,
			h, h[n] ? "..." : "", it->line);
	}
	return 0;
}

/* Stores the field being collected, now that no continuation follows. */
int deck_end_field(struct deck_parser *p)
{
	char *s;

	if (!p->open)
		return 0;
	p->open = false;
	p->para = false;
	if (p->raw_len == 0) {
		if (p->kind == DECK_KIND_HEADING)
			return deck_fail(p, p->field_line, "empty heading");
		return deck_fail(p, p->field_line, "empty value for '%s'",
				 p->name);
	}
	s = sanitize_paras(p, p->raw, p->raw_len);
	p->raw_len = 0;
	if (!s)
		return deck_oom(p);
	if (p->kind == DECK_KIND_GROUPS || p->kind == DECK_KIND_LABELS ||
	    p->kind == DECK_KIND_FLAG) {
		int rc = 0;
		if (p->kind == DECK_KIND_GROUPS)
			split_groups(p, s);
		else if (p->kind == DECK_KIND_LABELS)
			split_labels(p, s);
		else
			rc = set_flag(p, s);
		free(s);
		return rc;
	}
	*p->target = s;
	if (p->kind == DECK_KIND_HEADING)
		return check_heading(p);
	return 0;
}

static void begin_field(struct deck_parser *p, char **target,
			enum deck_field_kind kind, const char *name)
{
	p->target = target;
	p->kind = kind;
	p->name = name;
	p->field_line = p->lineno;
	p->open = true;
	p->para = false;
	p->raw_len = 0;
}

int deck_close_item(struct deck_parser *p)
{
	struct deck_item *it = p->item;

	p->item = NULL;
	if (!it)
		return 0;
	if (p->item_bad)
		return 0;
	if (it->nviews == 0)
		return deck_fail(p, it->line, "item has no views");
	if (it->nviews == 1)
		return deck_fail(p, it->line, "item has only one view");
	int nl = 0;
	while (nl < DECK_MAX_VIEWS && it->labels[nl])
		nl++;
	if (p->labels_seen && nl != it->nviews)
		return deck_fail(p, p->labels_line, "%d labels for %d views",
				 nl, it->nviews);
	return 0;
}

int deck_heading(struct deck_parser *p, const char *rest, size_t n)
{
	struct deck *d = p->d;

	deck_close_item(p);
	/* Said once: the items that follow are read as if it were there. */
	if (!(p->header_seen & DECK_TITLE_SEEN)) {
		p->header_seen |= DECK_TITLE_SEEN;
		deck_fail(p, p->lineno, "missing title");
	}
	if (d->nitems == DECK_MAX_ITEMS) {
		/* The rest is most likely more items, each one more error. */
		deck_fail(p, p->lineno, "more than %d items", DECK_MAX_ITEMS);
		p->stop = true;
		return -1;
	}
	if ((size_t)d->nitems == p->items_cap) {
		size_t cap = p->items_cap ? p->items_cap * 2 : 16;
		struct deck_item *it = realloc(d->items, cap * sizeof *it);
		if (!it)
			return deck_oom(p);
		d->items = it;
		p->items_cap = cap;
	}
	p->item = &d->items[d->nitems++];
	memset(p->item, 0, sizeof *p->item);
	p->item->line = p->lineno;
	p->item_bad = false;
	p->item_many = false;
	p->note_seen = false;
	p->labels_seen = false;
	begin_field(p, &p->item->heading, DECK_KIND_HEADING, "heading");
	return raw_append(p, rest, n);
}

static int view_field(struct deck_parser *p, int v)
{
	struct deck_item *it = p->item;

	if (!it)
		return deck_fail(p, p->lineno, "view outside an item");
	if (v <= it->nviews)
		return deck_fail(p, p->lineno, "duplicate field '%d'", v);
	/* "7:" is one view too many only after six; before that it is out
	 * of order like any other gap. */
	if (v > DECK_MAX_VIEWS && it->nviews == DECK_MAX_VIEWS) {
		if (p->item_many)
			return -1;
		p->item_many = true;
		return deck_fail(p, it->line, "item has more than %d views",
				 DECK_MAX_VIEWS);
	}
	if (v > it->nviews + 1)
		return deck_fail(p, p->lineno,
				 "view %d out of order (expected %d)", v,
				 it->nviews + 1);
	static const char *const names[DECK_MAX_VIEWS] = {"1", "2", "3",
							  "4", "5", "6"};

	it->nviews++;
	begin_field(p, &it->views[v - 1], DECK_KIND_PARAS, names[v - 1]);
	return 0;
}

static const struct {
	const char *name;
	size_t off;
	enum deck_field_kind kind;
} header_fields[] = {
	{"title", offsetof(struct deck, title), DECK_KIND_LINE},
	{"subtitle", offsetof(struct deck, subtitle), DECK_KIND_LINE},
	{"source", offsetof(struct deck, source), DECK_KIND_LINE},
	{"intro", offsetof(struct deck, intro), DECK_KIND_PARAS},
};

/*
 * A field of the item being read (a view, note or labels): 0 when it
 * began, -1 when refused, 1 when name is no item field.
 */
static int item_field(struct deck_parser *p, const char *name)
{
	if (name[0] >= '1' && name[0] <= '9' && name[1] == '\0')
		return view_field(p, name[0] - '0') < 0 ? -1 : 0;
	bool note = strcmp(name, "note") == 0;
	if (!note && strcmp(name, "labels") != 0)
		return 1;
	bool *seen = note ? &p->note_seen : &p->labels_seen;
	if (!p->item)
		return deck_fail(p, p->lineno, "%s outside an item", name);
	if (*seen)
		return deck_fail(p, p->lineno, "duplicate field '%s'", name);
	*seen = true;
	if (note) {
		begin_field(p, &p->item->note, DECK_KIND_PARAS, "note");
	} else {
		p->labels_line = p->lineno;
		begin_field(p, NULL, DECK_KIND_LABELS, "labels");
	}
	return 0;
}

/* A field that must come before the first item, once. */
static int once_before_items(struct deck_parser *p, const char *name,
			     bool *seen)
{
	if (p->d->nitems > 0)
		return deck_fail(p, p->lineno,
				 "'%s' must come before the first item", name);
	if (*seen)
		return deck_fail(p, p->lineno, "duplicate field '%s'", name);
	*seen = true;
	return 0;
}

/* The deck's own fields: groups, same-views, closing, title and such. */
static int deck_own_field(struct deck_parser *p, const char *name)
{
	struct deck *d = p->d;
	if (strcmp(name, "same-views") == 0) {
		if (once_before_items(p, name, &p->same_seen))
			return -1;
		p->flag = &d->same_views;
		begin_field(p, NULL, DECK_KIND_FLAG, "same-views");
	} else if (strcmp(name, "groups") == 0) {
		if (once_before_items(p, name, &p->groups_seen))
			return -1;
		/* No target: the groups are split into d->groups as the
		 * field ends. */
		begin_field(p, NULL, DECK_KIND_GROUPS, "groups");
	} else if (strcmp(name, "closing") == 0) {
		if (p->closing_seen)
			return deck_fail(p, p->lineno,
					 "duplicate field 'closing'");
		p->closing_seen = true;
		deck_close_item(p);
		begin_field(p, &d->closing, DECK_KIND_PARAS, "closing");
	} else {
		size_t i, n = sizeof header_fields / sizeof header_fields[0];

		for (i = 0; i < n; i++)
			if (strcmp(name, header_fields[i].name) == 0)
				break;
		if (i == n)
			return deck_fail(p, p->lineno, "unknown field '%s'",
					 name);
		bool seen = p->header_seen & (1u << i);
		if (once_before_items(p, name, &seen))
			return -1;
		p->header_seen |= 1u << i;
		begin_field(p, (char **)((char *)d + header_fields[i].off),
			    header_fields[i].kind, header_fields[i].name);
	}
	return 0;
}

/* A "name: value" line.  The name is plain ASCII, so it may be quoted in
 * messages as it is. */
int deck_field(struct deck_parser *p, const char *name, const char *val,
	       size_t vlen)
{
	int rc = item_field(p, name);
	if (rc > 0)
		rc = deck_own_field(p, name);
	return rc < 0 ? -1 : raw_append(p, val, vlen);
}

int deck_continuation(struct deck_parser *p, const char *s, size_t n)
{
	if (!p->open)
		return deck_fail(p, p->lineno,
				 "continuation line with no field above it");
	if (n == 1 && s[0] == '.') {
		if (p->kind != DECK_KIND_PARAS)
			return deck_fail(p, p->lineno,
					 "paragraph break not allowed in '%s'",
					 p->name);
		/* Leading and repeated breaks make no empty paragraphs. */
		p->para = p->raw_len > 0;
		return 0;
	}
	if (p->raw_len > 0 && raw_append(p, p->para ? "\n" : " ", 1) < 0)
		return -1;
	p->para = false;
	return raw_append(p, s, n);
}

int deck_fail(struct deck_parser *p, int line, const char *fmt, ...)
{
	struct error e;
	va_list ap;

	p->failed = true;
	if (p->item)
		p->item_bad = true;
	if (p->stop || (line > 0 && line == p->muted_line))
		return -1;
	if (p->max < 1) {
		p->stop = true;
		return -1;
	}
	e.file = NULL;
	e.line = line;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	if (p->nerrs > 0 && p->errs[p->nerrs - 1].line == line &&
	    strcmp(p->errs[p->nerrs - 1].msg, e.msg) == 0)
		return -1;
	if (p->nerrs == p->max) {
		struct error *last = &p->errs[p->max - 1];

		/* Every error so far is on this line or above it, so the
		 * entry stays last once the others are sorted. */
		last->line = p->lineno;
		snprintf(last->msg, sizeof last->msg,
			 "too many errors, stopping here");
		p->overflow = true;
		p->stop = true;
		return -1;
	}
	p->errs[p->nerrs++] = e;
	return -1;
}

int deck_oom(struct deck_parser *p)
{
	p->muted_line = 0;
	deck_fail(p, p->lineno, "out of memory");
	p->stop = true;
	return -1;
}
