/*
 * The session file reader.  Strict on purpose: a file that does not read
 * back exactly is refused with its line number rather than half-loaded,
 * because a silently dropped count cannot be told apart from a real one.
 */
#include "core/session_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/text.h"
#include "core/deck.h"
#include "core/session.h"

/* Bounds memory for hostile input; a real deck has far fewer items. */
#define SESSION_MAX_ITEMS 1000

enum {
	HAVE_NAME = 1 << 0,
	HAVE_STARTED = 1 << 1,
	HAVE_TITLE = 1 << 2,
	HAVE_SOURCE = 1 << 3,
	HAVE_PATH = 1 << 4,
	HAVE_HASH = 1 << 5,
	HAVE_CURRENT = 1 << 6,
	/* Format 2 only. */
	HAVE_SAME = 1 << 7,
	HAVE_BASE = 1 << 8,
	HAVE_HEADCOUNT = 1 << 9,
	HAVE_ACTIVE = 1 << 10,
	HAVE_HIDDEN = 1 << 11,
	HAVE_BLANK = 1 << 12,
	HAVE_REQUIRED = HAVE_NAME | HAVE_STARTED | HAVE_TITLE | HAVE_PATH |
			HAVE_HASH | HAVE_CURRENT,
	HAVE_V2 = HAVE_SAME | HAVE_BASE | HAVE_HEADCOUNT | HAVE_ACTIVE |
		  HAVE_HIDDEN | HAVE_BLANK,
};

static const struct {
	const char *key;
	unsigned bit;
} header_keys[] = {
	{"name", HAVE_NAME},	       {"started", HAVE_STARTED},
	{"deck-title", HAVE_TITLE},    {"deck-source", HAVE_SOURCE},
	{"deck-path", HAVE_PATH},      {"deck-hash", HAVE_HASH},
	{"current", HAVE_CURRENT},     {"same-views", HAVE_SAME},
	{"percent-base", HAVE_BASE},   {"headcount", HAVE_HEADCOUNT},
	{"active-group", HAVE_ACTIVE}, {"hidden", HAVE_HIDDEN},
	{"blank", HAVE_BLANK},
};

/* The counts of one "view:" (format 1) or "count:" line (format 2). */
struct counts {
	int item, round, view;
	long c[TALLY_MAX_GROUPS];
};

struct parser {
	struct session *s;
	struct error *err;
	int version;
	int line;
	unsigned have;
	int item_line;		     /* line of the last "item:" */
	int current_line;	     /* line of "current:" */
	size_t cap;		     /* items allocated */
	int *item_lines;	     /* parallel to s->items */
	bool texts[TALLY_MAX_VIEWS]; /* of the item being read */
	int next_round;		     /* the "count:" line expected next: */
	int next_view;		     /* round and view, 0-based */
	struct counts *counts;
	size_t ncounts, counts_cap;
	long headcount[TALLY_MAX_GROUPS];
	long active;
};

__attribute__((format(printf, 3, 4))) static int
fail(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
	va_end(ap);
	p->err->file = NULL;
	p->err->line = line;
	return -1;
}

/* Digits only, no sign, at most max (>= 0).  Rejects empty input, and
 * checks before each step so that no number of digits can overflow. */
static bool parse_count(const char *v, size_t n, long max, long *out)
{
	if (n == 0)
		return false;
	long x = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		int d = v[i] - '0';
		/* max - d < 0 would divide to 0, letting a digit past a max
		 * below 9 through. */
		if (d > max || x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*out = x;
	return true;
}

static bool parse_hash(const char *v, size_t n, uint64_t *out)
{
	if (n != 16)
		return false;
	uint64_t h = 0;
	for (size_t i = 0; i < n; i++) {
		int d;
		if (v[i] >= '0' && v[i] <= '9')
			d = v[i] - '0';
		else if (v[i] >= 'a' && v[i] <= 'f')
			d = v[i] - 'a' + 10;
		else
			return false;
		h = h << 4 | (uint64_t)d;
	}
	*out = h;
	return true;
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (the
 * "days from civil" arithmetic): plain integer maths, so the reader needs
 * neither timegm, which POSIX only gained in 2024, nor the TZ variable.
 * The year is shifted to start in March, so the leap day ends a year.
 */
static long long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;				    /* 0..399 */
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
	return (long long)era * 146097 + doe - 719468;
}

static bool leap_year(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DDTHH:MM:SSZ", a real calendar time in UTC. */
static bool parse_time(const char *v, size_t n, time_t *out)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	static const int mdays[12] = {31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	if (n != sizeof shape - 1)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool digit = v[i] >= '0' && v[i] <= '9';
		if (shape[i] == 'd' ? !digit : v[i] != shape[i])
			return false;
	}
	long f[6];
	static const int at[6] = {0, 5, 8, 11, 14, 17};
	static const int width[6] = {4, 2, 2, 2, 2, 2};
	for (int i = 0; i < 6; i++)
		parse_count(v + at[i], (size_t)width[i], 9999, &f[i]);
	long y = f[0], mo = f[1], d = f[2];
	/* The writer cannot go below 1970, so neither may the reader; a
	 * date like 02-30 or a leap second is not one the writer makes. */
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap_year(y)) || f[3] > 23 ||
	    f[4] > 59 || f[5] > 59)
		return false;
	long long t = days_from_civil(y, mo, d) * 86400 + f[3] * 3600 +
		      f[4] * 60 + f[5];
	/* A 32-bit time_t ends in 2038. */
	if ((long long)(time_t)t != t)
		return false;
	*out = (time_t)t;
	return true;
}

/* The key as text safe to put in a message. */
static const char *shown(const char *k, size_t n, char *buf, size_t cap)
{
	if (n > 40)
		n = 40;
	text_sanitize_into(k, n, buf, cap);
	return buf;
}

static int store(struct parser *p, char **dst, const char *v, size_t n)
{
	char *c = text_sanitize(v, n);
	if (!c)
		return fail(p, p->line, "out of memory");
	free(*dst);
	*dst = c;
	return 0;
}

/* The value of a yes/no key. */
static int yes_no(struct parser *p, const char *v, size_t n, bool *out)
{
	if ((n == 3 && !memcmp(v, "yes", 3)) ||
	    (n == 2 && !memcmp(v, "no", 2))) {
		*out = n == 3;
		return 0;
	}
	return fail(p, p->line, "want yes or no");
}

static int v2_header(struct parser *p, unsigned bit, const char *v, size_t n)
{
	struct session *s = p->s;
	switch (bit) {
	case HAVE_SAME:
		return yes_no(p, v, n, &s->same_views);
	case HAVE_HIDDEN:
		return yes_no(p, v, n, &s->hidden);
	case HAVE_BLANK:
		if (n == 5 && !memcmp(v, "black", 5))
			s->blank = BLANK_BLACK;
		else if (n == 5 && !memcmp(v, "white", 5))
			s->blank = BLANK_WHITE;
		else
			return fail(p, p->line, "want black or white");
		return 0;
	case HAVE_BASE:
		if (n == 5 && !memcmp(v, "hands", 5))
			s->pct_of_room = false;
		else if (n == 4 && !memcmp(v, "room", 4))
			s->pct_of_room = true;
		else
			return fail(p, p->line, "want hands or room");
		return 0;
	case HAVE_HEADCOUNT:
		if (!parse_count(v, n, TALLY_MAX_HEADCOUNT, &p->headcount[0]))
			return fail(p, p->line, "bad headcount (want 0 to %ld)",
				    TALLY_MAX_HEADCOUNT);
		return 0;
	default: /* HAVE_ACTIVE */
		if (!parse_count(v, n, TALLY_MAX_GROUPS, &p->active) ||
		    p->active < 1)
			return fail(p, p->line, "bad active group");
		return 0;
	}
}

static int header(struct parser *p, unsigned bit, const char *v, size_t n)
{
	struct session *s = p->s;
	long x;
	if (bit & HAVE_V2)
		return v2_header(p, bit, v, n);
	switch (bit) {
	case HAVE_NAME:
		return store(p, &s->name, v, n);
	case HAVE_TITLE:
		return store(p, &s->deck_title, v, n);
	case HAVE_SOURCE:
		return store(p, &s->deck_source, v, n);
	case HAVE_PATH:
		return store(p, &s->deck_path, v, n);
	case HAVE_STARTED:
		if (!parse_time(v, n, &s->started))
			return fail(
				p, p->line,
				"bad start time (want YYYY-MM-DDTHH:MM:SSZ)");
		return 0;
	case HAVE_HASH:
		if (!parse_hash(v, n, &s->deck_hash))
			return fail(
				p, p->line,
				"bad deck hash (want 16 lowercase hex digits)");
		return 0;
	default: /* HAVE_CURRENT */
		if (!parse_count(v, n, TALLY_MAX_COUNT, &x))
			return fail(p, p->line, "bad current position");
		s->current = (int)x;
		p->current_line = p->line;
		return 0;
	}
}

/* "group: HEADCOUNT NAME", format 2, before the first item. */
static int group(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	char buf[64];
	if (s->nitems > 0)
		return fail(p, p->line,
			    "'group' must come before the first item");
	if (s->ngroups == TALLY_MAX_GROUPS)
		return fail(p, p->line, "more than %d groups",
			    TALLY_MAX_GROUPS);
	const char *sp = memchr(v, ' ', n);
	size_t digits = sp ? (size_t)(sp - v) : n;
	long hc;
	if (!parse_count(v, digits, TALLY_MAX_HEADCOUNT, &hc))
		return fail(p, p->line, "bad headcount (want 0 to %ld)",
			    TALLY_MAX_HEADCOUNT);
	if (!sp || digits + 1 == n)
		return fail(p, p->line, "empty group name");
	const char *name = sp + 1;
	size_t len = n - digits - 1;
	for (int g = 0; g < s->ngroups; g++)
		if (strlen(s->groups[g]) == len &&
		    !memcmp(s->groups[g], name, len))
			return fail(p, p->line, "duplicate group '%s'",
				    shown(name, len, buf, sizeof buf));
	p->headcount[s->ngroups] = hc;
	return store(p, &s->groups[s->ngroups++], name, len);
}

/* Checks what must hold once the header or an item is complete. */
static int close_item(struct parser *p)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return 0;
	const struct session_item *it = &s->items[s->nitems - 1];
	if (it->nviews < 2)
		return fail(p, p->item_line,
			    "item has %d view(s); an item needs 2 to %d",
			    it->nviews, TALLY_MAX_VIEWS);
	if (p->version >= 2 && p->next_view != 0)
		return fail(p, p->line, "round %d lacks the count of view %d",
			    p->next_round + 1, p->next_view + 1);
	if (p->version >= 2 && p->next_round == 0)
		return fail(p, p->item_line, "item has no 'count' lines");
	return 0;
}

static int check_header(struct parser *p)
{
	struct session *s = p->s;
	if ((p->have & HAVE_REQUIRED) != HAVE_REQUIRED) {
		for (size_t i = 0; i < sizeof header_keys / sizeof *header_keys;
		     i++)
			if ((HAVE_REQUIRED & header_keys[i].bit) &&
			    !(p->have & header_keys[i].bit))
				return fail(p, p->line,
					    "missing '%s' before this line",
					    header_keys[i].key);
	}
	if (s->ngroups > 0 && (p->have & HAVE_HEADCOUNT))
		return fail(p, p->line,
			    "'headcount' with groups: each group has its own");
	if (s->ngroups > 0 && !(p->have & HAVE_ACTIVE))
		return fail(p, p->line,
			    "missing 'active-group' before this line");
	if (s->ngroups == 0 && (p->have & HAVE_ACTIVE))
		return fail(p, p->line, "'active-group' without groups");
	if (p->active > s->ngroups)
		return fail(p, p->line, "active group %ld of %d groups",
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
		return fail(p, p->line, "out of memory");
	s->items = it;
	int *lines = realloc(p->item_lines, cap * sizeof *lines);
	if (!lines)
		return fail(p, p->line, "out of memory");
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
static int check_repeats(struct parser *p)
{
	char buf[64];
	const struct session *s = p->s;
	size_t *from = malloc(((size_t)s->nitems + 1) * sizeof *from);
	if (!from)
		return fail(p, p->line, "out of memory");
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
				rc = fail(p, p->item_lines[j],
					  "item '%s' repeats the one at line "
					  "%d",
					  shown(s->items[j].heading,
						strlen(s->items[j].heading),
						buf, sizeof buf),
					  p->item_lines[i]);
	free(from);
	return rc;
}

static int item(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (check_header(p) || close_item(p))
		return -1;
	if (s->nitems >= SESSION_MAX_ITEMS)
		return fail(p, p->line, "too many items (at most %d)",
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
		return fail(p, p->line, "empty heading");
	memset(&s->items[s->nitems], 0, sizeof *s->items);
	p->item_lines[s->nitems] = p->line;
	s->nitems++;
	p->item_line = p->line;
	p->next_round = p->next_view = 0;
	memset(p->texts, 0, sizeof p->texts);
	return store(p, &s->items[s->nitems - 1].heading, v, n);
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
	return fail(p, p->line, "view %d is labelled '%s', expected '%s'",
		    v + 1, shown(l, n, buf, sizeof buf), deck_view_label(v));
}

/* Room for one more line of counts; NULL when out of memory. */
static struct counts *add_counts(struct parser *p)
{
	if (p->ncounts == p->counts_cap) {
		size_t cap = p->counts_cap ? p->counts_cap * 2 : 32;
		struct counts *c = realloc(p->counts, cap * sizeof *c);
		if (!c) {
			fail(p, p->line, "out of memory");
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
static int view(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return fail(p, p->line, "'view' before the first item");
	struct session_item *it = &s->items[s->nitems - 1];
	if (it->nviews == TALLY_MAX_VIEWS)
		return fail(p, p->line, "more than %d views in one item",
			    TALLY_MAX_VIEWS);
	if (p->version >= 2 && (p->next_round > 0 || p->next_view > 0))
		return fail(p, p->line, "'view' after the item's counts");
	size_t skip = 0;
	long count = 0;
	if (p->version == 1) {
		const char *sp = memchr(v, ' ', n);
		size_t digits = sp ? (size_t)(sp - v) : n;
		if (!parse_count(v, digits, TALLY_MAX_COUNT, &count))
			return fail(p, p->line, "bad count (want 0 to %ld)",
				    TALLY_MAX_COUNT);
		skip = sp ? digits + 1 : n;
	}
	if (check_label(p, it->nviews, v + skip, n - skip) ||
	    store(p, &it->labels[it->nviews], v + skip, n - skip))
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
static int text(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	struct session_item *it = s->nitems ? &s->items[s->nitems - 1] : NULL;
	if (!it || it->nviews == 0)
		return fail(p, p->line, "'text' before its view");
	if (p->next_round > 0 || p->next_view > 0)
		return fail(p, p->line, "'text' after the item's counts");
	if (p->texts[it->nviews - 1])
		return fail(p, p->line, "view %d has two texts", it->nviews);
	p->texts[it->nviews - 1] = true;
	return store(p, &it->texts[it->nviews - 1], v, n);
}

/* The next space-separated number of v[*pos..n), within 0..max. */
static bool next_number(const char *v, size_t n, size_t *pos, long max,
			long *out)
{
	size_t k = *pos, end = k;
	while (end < n && v[end] != ' ')
		end++;
	if (!parse_count(v + k, end - k, max, out))
		return false;
	*pos = end < n ? end + 1 : end;
	return true;
}

/* Format 2: "count: ROUND VIEW N..." for every group, rounds in order. */
static int count(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return fail(p, p->line, "'count' before the first item");
	const struct session_item *it = &s->items[s->nitems - 1];
	size_t pos = 0;
	long r, view;
	if (!next_number(v, n, &pos, TALLY_MAX_ROUNDS, &r) ||
	    !next_number(v, n, &pos, TALLY_MAX_VIEWS, &view))
		return fail(p, p->line,
			    "bad 'count' (want ROUND VIEW COUNT...)");
	if (r != p->next_round + 1 || view != p->next_view + 1)
		return fail(p, p->line,
			    "count of round %ld view %ld where round %d view "
			    "%d belongs",
			    r, view, p->next_round + 1, p->next_view + 1);
	if (view > it->nviews)
		return fail(p, p->line, "view %ld of %d", view, it->nviews);
	struct counts *c = add_counts(p);
	if (!c)
		return -1;
	c->round = (int)r - 1;
	c->view = (int)view - 1;
	int ng = s->ngroups > 0 ? s->ngroups : 1;
	for (int g = 0; g < ng; g++)
		if (!next_number(v, n, &pos, TALLY_MAX_COUNT, &c->c[g]))
			return fail(
				p, p->line,
				"want %d count%s of 0 to %ld after the view",
				ng, ng == 1 ? "" : "s", TALLY_MAX_COUNT);
	if (pos < n)
		return fail(p, p->line, "more counts than the %d group%s", ng,
			    ng == 1 ? "" : "s");
	if (++p->next_view == it->nviews) {
		p->next_view = 0;
		p->next_round++;
	}
	return 0;
}

static int first_line(struct parser *p, const char *l, size_t n)
{
	static const char magic[] = SESSION_MAGIC " ";
	size_t m = sizeof magic - 1;
	long version;
	if (n <= m || memcmp(l, magic, m) != 0 ||
	    !parse_count(l + m, n - m, 999999999, &version))
		return fail(p, 1, "not a handsup session file");
	/* Written as the writer writes it: "01" is no version of ours. */
	if (version < 1 || version > SESSION_VERSION || l[m] == '0')
		return fail(p, 1, "unsupported session version %.*s",
			    (int)(n - m < 12 ? n - m : 12), l + m);
	p->version = (int)version;
	p->s->version = p->version;
	/* Format 1 had no "same-views" key and always showed the totals. */
	p->s->same_views = p->version == 1;
	return 0;
}

/* A key of the header; -1 after a mistake, 1 when key is no header key. */
static int header_key(struct parser *p, const char *l, size_t klen,
		      const char *v, size_t vlen)
{
	for (size_t i = 0; i < sizeof header_keys / sizeof *header_keys; i++) {
		const char *k = header_keys[i].key;
		if (strlen(k) != klen || memcmp(l, k, klen) != 0)
			continue;
		if ((header_keys[i].bit & HAVE_V2) && p->version < 2)
			return 1;
		if (p->s->nitems > 0)
			return fail(p, p->line,
				    "'%s' must come before the first item", k);
		if (p->have & header_keys[i].bit)
			return fail(p, p->line, "duplicate '%s'", k);
		p->have |= header_keys[i].bit;
		return header(p, header_keys[i].bit, v, vlen);
	}
	return 1;
}

static bool is_key(const char *l, size_t klen, const char *key)
{
	return strlen(key) == klen && memcmp(l, key, klen) == 0;
}

static int key_line(struct parser *p, const char *l, size_t n)
{
	char buf[64];
	const char *colon = memchr(l, ':', n);
	if (!colon)
		return fail(p, p->line, "expected 'key: value', found '%s'",
			    shown(l, n, buf, sizeof buf));
	size_t klen = (size_t)(colon - l);
	const char *v = colon + 1;
	size_t vlen = n - klen - 1;
	if (vlen > 0 && *v == ' ') {
		v++;
		vlen--;
	}
	if (is_key(l, klen, "item"))
		return item(p, v, vlen);
	if (is_key(l, klen, "view"))
		return view(p, v, vlen);
	if (p->version >= 2 && is_key(l, klen, "text"))
		return text(p, v, vlen);
	if (p->version >= 2 && is_key(l, klen, "count"))
		return count(p, v, vlen);
	if (p->version >= 2 && is_key(l, klen, "group"))
		return group(p, v, vlen);
	int rc = header_key(p, l, klen, v, vlen);
	if (rc <= 0)
		return rc;
	return fail(p, p->line, "unknown key '%s'",
		    shown(l, klen, buf, sizeof buf));
}

/* At the "end" line: the file is whole, and its position is a screen. */
static int check_end(struct parser *p)
{
	struct session *s = p->s;
	if (check_header(p) || close_item(p))
		return -1;
	if (s->nitems == 0)
		return fail(p, p->line, "no items");
	if (check_repeats(p))
		return -1;
	/* Title, the items, the summary and the closing screen. */
	if (s->current > s->nitems + 2)
		return fail(p, p->current_line,
			    "current screen %d is beyond the last (%d)",
			    s->current, s->nitems + 2);
	return 0;
}

static int parse_lines(struct parser *p, const char *text, size_t len)
{
	bool ended = false;
	size_t pos = 0;
	if (len == 0)
		return fail(p, 0, "empty file");
	while (pos < len) {
		const char *l = text + pos;
		const char *nl = memchr(l, '\n', len - pos);
		p->line++;
		/* Every line the writer makes ends in a newline. */
		if (!nl && ended)
			return fail(p, p->line, "text after the 'end' line");
		if (!nl)
			break;
		size_t n = (size_t)(nl - l);
		pos += n + 1;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (ended)
			return fail(p, p->line, "text after the 'end' line");
		if (!text_utf8_valid(l, n, NULL))
			return fail(p, p->line, "invalid UTF-8");
		if (p->line == 1) {
			if (first_line(p, l, n))
				return -1;
		} else if (n == 3 && !memcmp(l, "end", 3)) {
			if (check_end(p))
				return -1;
			ended = true;
		} else if (key_line(p, l, n)) {
			return -1;
		}
	}
	if (!ended)
		return fail(p, 0, "truncated: no end line");
	return 0;
}

static int build_tally(struct parser *p)
{
	struct session *s = p->s;
	int *nv = malloc((size_t)s->nitems * sizeof *nv);
	if (!nv)
		return fail(p, 0, "out of memory");
	for (int i = 0; i < s->nitems; i++)
		nv[i] = s->items[i].nviews;
	int rc = tally_init(&s->tally, s->nitems, nv, s->ngroups);
	free(nv);
	if (rc != 0)
		return fail(p, 0, "out of memory");
	for (size_t k = 0; k < p->ncounts; k++) {
		const struct counts *c = &p->counts[k];
		for (int g = 0; g < s->tally.ngroups; g++)
			if (!tally_load(&s->tally, c->item, c->round, g,
					c->view, c->c[g]))
				return fail(p, 0, "out of memory");
	}
	for (int g = 0; g < s->tally.ngroups; g++)
		tally_set_headcount(&s->tally, g, p->headcount[g]);
	s->active = p->active > 0 ? (int)p->active - 1 : 0;
	return 0;
}

int session_parse(struct session *s, const char *text, size_t len,
		  struct error *err)
{
	struct parser p = {.s = s, .err = err};
	memset(s, 0, sizeof *s);
	err->file = NULL;
	err->line = 0;
	err->msg[0] = '\0';
	int rc = parse_lines(&p, text, len);
	if (rc == 0)
		rc = build_tally(&p);
	free(p.counts);
	free(p.item_lines);
	if (rc != 0)
		session_free(s);
	return rc;
}
