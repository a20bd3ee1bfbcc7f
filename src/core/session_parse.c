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
	HAVE_REQUIRED = HAVE_NAME | HAVE_STARTED | HAVE_TITLE | HAVE_PATH |
			HAVE_HASH | HAVE_CURRENT,
};

static const struct {
	const char *key;
	unsigned bit;
} header_keys[] = {
	{"name", HAVE_NAME},	    {"started", HAVE_STARTED},
	{"deck-title", HAVE_TITLE}, {"deck-source", HAVE_SOURCE},
	{"deck-path", HAVE_PATH},   {"deck-hash", HAVE_HASH},
	{"current", HAVE_CURRENT},
};

struct parser {
	struct session *s;
	struct error *err;
	int line;
	unsigned have;
	int item_line;			 /* line of the last "item:" */
	size_t cap;			 /* items allocated */
	long (*counts)[TALLY_MAX_VIEWS]; /* parallel to s->items */
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
		if (x > (max - d) / 10)
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

static int header(struct parser *p, unsigned bit, const char *v, size_t n)
{
	struct session *s = p->s;
	long x;
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
		return 0;
	}
}

/* Checks what must hold once the header or an item is complete. */
static int close_item(struct parser *p)
{
	struct session *s = p->s;
	if (s->nitems > 0 && s->items[s->nitems - 1].nviews < 2)
		return fail(p, p->item_line,
			    "item has %d view(s); an item needs 2 to %d",
			    s->items[s->nitems - 1].nviews, TALLY_MAX_VIEWS);
	return 0;
}

static int check_header(struct parser *p)
{
	if ((p->have & HAVE_REQUIRED) == HAVE_REQUIRED)
		return 0;
	for (size_t i = 0; i < sizeof header_keys / sizeof *header_keys; i++)
		if ((HAVE_REQUIRED & header_keys[i].bit) &&
		    !(p->have & header_keys[i].bit))
			return fail(p, p->line, "missing '%s' before this line",
				    header_keys[i].key);
	return 0;
}

static int item(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (check_header(p) || close_item(p))
		return -1;
	if (s->nitems >= SESSION_MAX_ITEMS)
		return fail(p, p->line, "too many items (at most %d)",
			    SESSION_MAX_ITEMS);
	if ((size_t)s->nitems == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct session_item *it = realloc(s->items, cap * sizeof *it);
		if (!it)
			return fail(p, p->line, "out of memory");
		s->items = it;
		long(*c)[TALLY_MAX_VIEWS] = realloc(p->counts, cap * sizeof *c);
		if (!c)
			return fail(p, p->line, "out of memory");
		p->counts = c;
		p->cap = cap;
	}
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
	memset(p->counts[s->nitems], 0, sizeof *p->counts);
	s->nitems++;
	p->item_line = p->line;
	return store(p, &s->items[s->nitems - 1].heading, v, n);
}

/*
 * The number a label gives its view, as in "View 3" or "view 3 (price)";
 * 0 for a label that names none ("Not sure", "", ...).  At most 9 digits
 * are read, which no real label reaches.
 */
static long named_view(const char *l, size_t n)
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

/*
 * A label that names a view by its number must name this one: reports put
 * the counts of the N-th line under view N, so a hand-edited file with
 * "View 1", "View 3", "View 2" would show counts under the wrong view.
 * Other labels ("Not sure", a translation) are names for display.
 */
static int check_label(struct parser *p, int v, const char *l, size_t n)
{
	char buf[64];
	long named = named_view(l, n);

	if (named == 0 || named == v + 1)
		return 0;
	return fail(p, p->line, "view %d is labelled '%s', expected '%s'",
		    v + 1, shown(l, n, buf, sizeof buf), deck_view_label(v));
}

static int view(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (s->nitems == 0)
		return fail(p, p->line, "'view' before the first item");
	struct session_item *it = &s->items[s->nitems - 1];
	if (it->nviews == TALLY_MAX_VIEWS)
		return fail(p, p->line, "more than %d views in one item",
			    TALLY_MAX_VIEWS);
	const char *sp = memchr(v, ' ', n);
	size_t digits = sp ? (size_t)(sp - v) : n;
	long count;
	if (!parse_count(v, digits, TALLY_MAX_COUNT, &count))
		return fail(p, p->line, "bad count (want 0 to %ld)",
			    TALLY_MAX_COUNT);
	size_t skip = sp ? digits + 1 : n;
	if (check_label(p, it->nviews, v + skip, n - skip))
		return -1;
	if (store(p, &it->labels[it->nviews], v + skip, n - skip))
		return -1;
	p->counts[s->nitems - 1][it->nviews++] = count;
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
	if (version != SESSION_VERSION)
		return fail(p, 1, "unsupported session version %ld", version);
	return 0;
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
	if (klen == 4 && !memcmp(l, "item", 4))
		return item(p, v, vlen);
	if (klen == 4 && !memcmp(l, "view", 4))
		return view(p, v, vlen);
	for (size_t i = 0; i < sizeof header_keys / sizeof *header_keys; i++) {
		const char *k = header_keys[i].key;
		if (strlen(k) != klen || memcmp(l, k, klen) != 0)
			continue;
		if (p->s->nitems > 0)
			return fail(p, p->line,
				    "'%s' must come before the first item", k);
		if (p->have & header_keys[i].bit)
			return fail(p, p->line, "duplicate '%s'", k);
		p->have |= header_keys[i].bit;
		return header(p, header_keys[i].bit, v, vlen);
	}
	return fail(p, p->line, "unknown key '%s'",
		    shown(l, klen, buf, sizeof buf));
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
			if (check_header(p) || close_item(p))
				return -1;
			if (p->s->nitems == 0)
				return fail(p, p->line, "no items");
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
	int rc = tally_init(&s->tally, s->nitems, nv);
	free(nv);
	if (rc != 0)
		return fail(p, 0, "out of memory");
	for (int i = 0; i < s->nitems; i++)
		for (int v = 0; v < s->items[i].nviews; v++)
			tally_load(&s->tally, i, v, p->counts[i][v]);
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
	if (rc != 0)
		session_free(s);
	return rc;
}
