#include "deck.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* How a field's text may be written: title-like fields are one line on
 * screen, so a paragraph break there is a mistake worth reporting. */
enum field_kind { KIND_PARAS, KIND_LINE, KIND_GROUPS, KIND_HEADING };

struct parser {
	struct deck *d;
	struct deck_error *errs;
	int max, nerrs;
	bool failed;
	bool overflow; /* errs[max - 1] says "too many errors" */
	bool stop;     /* nothing sensible can follow: read no more */
	int lineno;
	/* A line with invalid UTF-8 is still read, so that what follows
	 * is understood, but its other errors would only repeat that one. */
	int muted_line;
	/* After a rejected line, its continuation lines are dropped too:
	 * they belong to the rejected field, not to the one above it. */
	bool skipping;
	/* The field being collected; its text is stored when it ends,
	 * because continuation lines may still follow. */
	char **target;
	enum field_kind kind;
	const char *name;
	int field_line;
	bool open;
	bool para; /* a "." line is waiting to become "\n" */
	char *raw;
	size_t raw_len, raw_cap;
	/* Fields seen, even those with an empty value, so that one
	 * mistake is not reported again as a missing or duplicate field. */
	unsigned header_seen; /* bit i: header_fields[i] */
#define TITLE_SEEN 1u	      /* header_fields[0] is the title */
	bool groups_seen, closing_seen, note_seen;
	struct deck_item *item; /* the item being read, or NULL */
	/* A line of the item was rejected: it may have been meant as a
	 * view, so its view count proves nothing. */
	bool item_bad;
	bool item_many; /* "more than 6 views" said once */
	size_t items_cap;
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
fail(struct parser *p, int line, const char *fmt, ...)
{
	struct deck_error e;
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
	e.line = line;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	if (p->nerrs > 0 && p->errs[p->nerrs - 1].line == line &&
	    strcmp(p->errs[p->nerrs - 1].msg, e.msg) == 0)
		return -1;
	if (p->nerrs == p->max) {
		struct deck_error *last = &p->errs[p->max - 1];

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

static int oom(struct parser *p)
{
	p->muted_line = 0;
	fail(p, p->lineno, "out of memory");
	p->stop = true;
	return -1;
}

static int raw_append(struct parser *p, const char *s, size_t n)
{
	if (p->raw_len + n + 1 > p->raw_cap) {
		size_t cap = p->raw_cap ? p->raw_cap : 256;
		char *r;
		while (cap < p->raw_len + n + 1)
			cap *= 2;
		r = realloc(p->raw, cap);
		if (!r)
			return oom(p);
		p->raw = r;
		p->raw_cap = cap;
	}
	memcpy(p->raw + p->raw_len, s, n);
	p->raw_len += n;
	p->raw[p->raw_len] = '\0';
	return 0;
}

/* Sanitises each paragraph on its own so the "\n" between them stays. */
static char *sanitize_paras(const char *s, size_t len)
{
	char *out = malloc(len * 3 + 1);
	size_t o = 0, i = 0;

	if (!out)
		return NULL;
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
	return out;
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

static bool has_group(const struct deck *d, const char *name)
{
	for (int g = 0; g < d->ngroups; g++)
		if (strcmp(d->groups[g], name) == 0)
			return true;
	return false;
}

/* A bad name is reported and left out; the others are still checked. */
static void split_groups(struct parser *p, char *all)
{
	struct deck *d = p->d;
	char *s = all;

	for (;;) {
		char *bar = strchr(s, '|'), *name;
		if (bar)
			*bar = '\0';
		name = trim(s);
		if (*name == '\0') {
			fail(p, p->field_line, "empty group name");
		} else if (d->ngroups == DECK_MAX_GROUPS) {
			fail(p, p->field_line, "more than %d groups",
			     DECK_MAX_GROUPS);
			return;
		} else if (has_group(d, name)) {
			fail(p, p->field_line, "duplicate group name");
		} else {
			d->groups[d->ngroups] = strdup(name);
			if (!d->groups[d->ngroups]) {
				oom(p);
				return;
			}
			d->ngroups++;
		}
		if (!bar)
			return;
		s = bar + 1;
	}
}

/*
 * Reports and the aggregate of many sessions find an item by its heading,
 * so two items with one heading would have their counts mixed up.
 */
static int check_heading(struct parser *p)
{
	const struct deck *d = p->d;
	const char *h = p->item->heading;

	for (const struct deck_item *it = d->items; it < p->item; it++) {
		size_t n;

		/* An empty heading was reported and left NULL. */
		if (!it->heading || strcmp(it->heading, h) != 0)
			continue;
		n = quote_len(h, 60);
		return fail(p, p->field_line,
			    "duplicate heading '%.*s%s' (first at line %d)",
			    (int)n, h, h[n] ? "..." : "", it->line);
	}
	return 0;
}

/* Stores the field being collected, now that no continuation follows. */
static int end_field(struct parser *p)
{
	char *s;

	if (!p->open)
		return 0;
	p->open = false;
	p->para = false;
	if (p->raw_len == 0) {
		if (p->kind == KIND_HEADING)
			return fail(p, p->field_line, "empty heading");
		return fail(p, p->field_line, "empty value for '%s'", p->name);
	}
	s = sanitize_paras(p->raw, p->raw_len);
	p->raw_len = 0;
	if (!s)
		return oom(p);
	if (p->kind == KIND_GROUPS) {
		split_groups(p, s);
		free(s);
		return 0;
	}
	*p->target = s;
	if (p->kind == KIND_HEADING)
		return check_heading(p);
	return 0;
}

static void begin_field(struct parser *p, char **target, enum field_kind kind,
			const char *name)
{
	p->target = target;
	p->kind = kind;
	p->name = name;
	p->field_line = p->lineno;
	p->open = true;
	p->para = false;
	p->raw_len = 0;
}

static int close_item(struct parser *p)
{
	struct deck_item *it = p->item;

	p->item = NULL;
	if (!it)
		return 0;
	if (p->item_bad)
		return 0;
	if (it->nviews == 0)
		return fail(p, it->line, "item has no views");
	if (it->nviews == 1)
		return fail(p, it->line, "item has only one view");
	return 0;
}

static int heading(struct parser *p, const char *rest, size_t n)
{
	struct deck *d = p->d;

	close_item(p);
	/* Said once: the items that follow are read as if it were there. */
	if (!(p->header_seen & TITLE_SEEN)) {
		p->header_seen |= TITLE_SEEN;
		fail(p, p->lineno, "missing title");
	}
	if (d->nitems == DECK_MAX_ITEMS) {
		/* The rest is most likely more items, each one more error. */
		fail(p, p->lineno, "more than %d items", DECK_MAX_ITEMS);
		p->stop = true;
		return -1;
	}
	if ((size_t)d->nitems == p->items_cap) {
		size_t cap = p->items_cap ? p->items_cap * 2 : 16;
		struct deck_item *it = realloc(d->items, cap * sizeof *it);
		if (!it)
			return oom(p);
		d->items = it;
		p->items_cap = cap;
	}
	p->item = &d->items[d->nitems++];
	memset(p->item, 0, sizeof *p->item);
	p->item->line = p->lineno;
	p->item_bad = false;
	p->item_many = false;
	p->note_seen = false;
	begin_field(p, &p->item->heading, KIND_HEADING, "heading");
	return raw_append(p, rest, n);
}

static int view_field(struct parser *p, int v)
{
	struct deck_item *it = p->item;

	if (!it)
		return fail(p, p->lineno, "view outside an item");
	if (v <= it->nviews)
		return fail(p, p->lineno, "duplicate field '%d'", v);
	/* "7:" is one view too many only after six; before that it is out
	 * of order like any other gap. */
	if (v > DECK_MAX_VIEWS && it->nviews == DECK_MAX_VIEWS) {
		if (p->item_many)
			return -1;
		p->item_many = true;
		return fail(p, it->line, "item has more than %d views",
			    DECK_MAX_VIEWS);
	}
	if (v > it->nviews + 1)
		return fail(p, p->lineno, "view %d out of order (expected %d)",
			    v, it->nviews + 1);
	static const char *const names[DECK_MAX_VIEWS] = {"1", "2", "3",
							  "4", "5", "6"};

	it->nviews++;
	begin_field(p, &it->views[v - 1], KIND_PARAS, names[v - 1]);
	return 0;
}

static const struct {
	const char *name;
	size_t off;
	enum field_kind kind;
} header_fields[] = {
	{"title", offsetof(struct deck, title), KIND_LINE},
	{"subtitle", offsetof(struct deck, subtitle), KIND_LINE},
	{"source", offsetof(struct deck, source), KIND_LINE},
	{"intro", offsetof(struct deck, intro), KIND_PARAS},
};

/* A "name: value" line.  The name is plain ASCII, so it may be quoted in
 * messages as it is. */
static int field(struct parser *p, const char *name, const char *val,
		 size_t vlen)
{
	struct deck *d = p->d;

	if (name[0] >= '1' && name[0] <= '9' && name[1] == '\0') {
		if (view_field(p, name[0] - '0') < 0)
			return -1;
	} else if (strcmp(name, "note") == 0) {
		if (!p->item)
			return fail(p, p->lineno, "note outside an item");
		if (p->note_seen)
			return fail(p, p->lineno, "duplicate field 'note'");
		p->note_seen = true;
		begin_field(p, &p->item->note, KIND_PARAS, "note");
	} else if (strcmp(name, "closing") == 0) {
		if (p->closing_seen)
			return fail(p, p->lineno, "duplicate field 'closing'");
		p->closing_seen = true;
		close_item(p);
		begin_field(p, &d->closing, KIND_PARAS, "closing");
	} else if (strcmp(name, "groups") == 0) {
		if (d->nitems > 0)
			return fail(p, p->lineno,
				    "'groups' must come before the first item");
		if (p->groups_seen)
			return fail(p, p->lineno, "duplicate field 'groups'");
		p->groups_seen = true;
		/* No target: the groups are split into d->groups as the
		 * field ends. */
		begin_field(p, NULL, KIND_GROUPS, "groups");
	} else {
		size_t i, n = sizeof header_fields / sizeof header_fields[0];
		char **slot;

		for (i = 0; i < n; i++)
			if (strcmp(name, header_fields[i].name) == 0)
				break;
		if (i == n)
			return fail(p, p->lineno, "unknown field '%s'", name);
		if (d->nitems > 0)
			return fail(p, p->lineno,
				    "'%s' must come before the first item",
				    name);
		slot = (char **)((char *)d + header_fields[i].off);
		if (p->header_seen & (1u << i))
			return fail(p, p->lineno, "duplicate field '%s'", name);
		p->header_seen |= 1u << i;
		begin_field(p, slot, header_fields[i].kind,
			    header_fields[i].name);
	}
	return raw_append(p, val, vlen);
}

static int continuation(struct parser *p, const char *s, size_t n)
{
	if (!p->open)
		return fail(p, p->lineno,
			    "continuation line with no field above it");
	if (n == 1 && s[0] == '.') {
		if (p->kind != KIND_PARAS)
			return fail(p, p->lineno,
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

/* Field names are ASCII whatever the locale: <ctype.h> would let a
 * Latin-1 locale take UTF-8 bytes for letters and change them. */
static bool is_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Reads one line.  A rejected line is reported and skipped, with the
 * continuation lines that belong to it. */
static void parse_line(struct parser *p, const char *s, size_t n)
{
	size_t k = 0;
	char name[24];

	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		if (p->skipping)
			return;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		/* A paragraph break in the wrong field leaves it open:
		 * only that line is dropped. */
		if (continuation(p, s + k, n - k) < 0 && !p->open)
			p->skipping = true;
		return;
	}
	if (n > 0 && s[0] == '#')
		return; /* comments may sit inside a continued field */
	p->skipping = false;
	end_field(p); /* a blank line, or any other, ends a field */
	if (n == 0)
		return;
	if (n >= 2 && s[0] == '=' && s[1] == '=') {
		k = 2;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (heading(p, s + k, n - k) < 0)
			p->skipping = true;
		return;
	}
	while (k < n && (is_ascii_alnum(s[k]) || s[k] == '-' || s[k] == '_'))
		k++;
	if (k == 0 || k >= n || s[k] != ':') {
		fail(p, p->lineno,
		     "expected 'field: value', '== heading' or '# comment'");
		p->skipping = true;
		return;
	}
	if (k >= sizeof name) {
		fail(p, p->lineno, "unknown field '%.*s'",
		     (int)(sizeof name - 1), s);
		p->skipping = true;
		return;
	}
	for (size_t i = 0; i < k; i++)
		name[i] = ascii_lower(s[i]);
	name[k] = '\0';
	k++;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (field(p, name, s + k, n - k) < 0)
		p->skipping = true;
}

static void parse(struct parser *p, const char *text, size_t len)
{
	size_t i = 0;

	/* Whole-file failures: nothing in such a file is worth reading. */
	if (len > DECK_MAX_BYTES) {
		fail(p, 0, "larger than %d MiB",
		     DECK_MAX_BYTES / (1024 * 1024));
		return;
	}
	if (memchr(text, '\0', len)) {
		fail(p, 0, "binary file");
		return;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && !p->stop) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, bad;

		p->lineno++;
		/* A UTF-8 sequence never spans a newline, so checking line
		 * by line finds the same bad bytes as the whole file. */
		if (!text_utf8_valid(text + i, end - i, &bad)) {
			fail(p, p->lineno, "invalid UTF-8 at byte %zu",
			     i + bad + 1);
			p->muted_line = p->lineno;
		}
		parse_line(p, text + i, end - i);
		i = end + 1;
	}
	if (p->stop)
		return;
	end_field(p);
	close_item(p);
	if (p->d->nitems == 0)
		fail(p, 0, "no items");
}

/* Whole-file errors (line 0) go last: they are found at the end. */
static int error_key(const struct deck_error *e)
{
	return e->line > 0 ? e->line : INT_MAX;
}

/* Stable, so that two errors of one line keep the order they were found
 * in; errors about an item's views, found when the item ends, move up to
 * its heading's line. */
static void sort_errors(struct deck_error *errs, int n)
{
	for (int i = 1; i < n; i++) {
		struct deck_error e = errs[i];
		int j = i;

		while (j > 0 && error_key(&errs[j - 1]) > error_key(&e)) {
			errs[j] = errs[j - 1];
			j--;
		}
		errs[j] = e;
	}
}

int deck_parse_all(struct deck *d, const char *text, size_t len,
		   struct deck_error *errs, int max, int *nerrs)
{
	struct parser p;

	memset(d, 0, sizeof *d);
	memset(&p, 0, sizeof p);
	p.d = d;
	p.errs = errs;
	p.max = errs ? max : 0;
	parse(&p, text, len);
	free(p.raw);
	*nerrs = p.nerrs;
	if (p.failed) {
		sort_errors(errs, p.overflow ? p.nerrs - 1 : p.nerrs);
		deck_free(d);
		return -1;
	}
	d->hash = deck_hash_bytes(text, len);
	return 0;
}

int deck_parse(struct deck *d, const char *text, size_t len,
	       struct deck_error *err)
{
	struct deck_error errs[DECK_MAX_ERRORS];
	int n;

	err->line = 0;
	err->msg[0] = '\0';
	if (deck_parse_all(d, text, len, errs, DECK_MAX_ERRORS, &n) == 0)
		return 0;
	if (n > 0)
		*err = errs[0];
	return -1;
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	free(d->title);
	free(d->subtitle);
	free(d->source);
	free(d->intro);
	free(d->closing);
	for (int g = 0; g < d->ngroups; g++)
		free(d->groups[g]);
	for (int i = 0; i < d->nitems; i++) {
		free(d->items[i].heading);
		for (int v = 0; v < d->items[i].nviews; v++)
			free(d->items[i].views[v]);
		free(d->items[i].note);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

const char *deck_view_label(int v)
{
	static const char *const labels[DECK_MAX_VIEWS] = {
		"View 1", "View 2", "View 3", "View 4", "View 5", "View 6",
	};

	if (v < 0 || v >= DECK_MAX_VIEWS)
		return "View ?";
	return labels[v];
}

uint64_t deck_hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}
