/*
 * The session file reader.  Strict on purpose: a file that does not read
 * back exactly is refused with its line number rather than half-loaded,
 * because a silently dropped count cannot be told apart from a real one.
 * This is its driver: lines, header keys and the end; the item lines are
 * session_items.c.
 */
#include "core/session_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/text.h"
#include "core/session.h"
#include "core/session_int.h"
#include "core/session_value.h"

/* The value of a yes/no key. */
static int yes_no(struct parser *p, const char *v, size_t n, bool *out)
{
	if ((n == 3 && !memcmp(v, "yes", 3)) ||
	    (n == 2 && !memcmp(v, "no", 2))) {
		*out = n == 3;
		return 0;
	}
	return session_fail(p, p->line, "want yes or no");
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
			return session_fail(p, p->line, "want black or white");
		return 0;
	case HAVE_BASE:
		if (n == 5 && !memcmp(v, "hands", 5))
			s->pct_of_room = false;
		else if (n == 4 && !memcmp(v, "room", 4))
			s->pct_of_room = true;
		else
			return session_fail(p, p->line, "want hands or room");
		return 0;
	case HAVE_HEADCOUNT:
		if (!session_value_count(v, n, TALLY_MAX_HEADCOUNT,
					 &p->headcount[0]))
			return session_fail(p, p->line,
					    "bad headcount (want 0 to %ld)",
					    TALLY_MAX_HEADCOUNT);
		return 0;
	default: /* HAVE_ACTIVE */
		if (!session_value_count(v, n, TALLY_MAX_GROUPS, &p->active) ||
		    p->active < 1)
			return session_fail(p, p->line, "bad active group");
		return 0;
	}
}

/* "phones: CODE", format 3: the join code that phones vote under. */
static int phones(struct parser *p, const char *v, size_t n)
{
	bool ok = n >= SESSION_CODE_MIN && n <= SESSION_CODE_MAX;
	for (size_t i = 0; ok && i < n; i++)
		ok = (v[i] >= 'A' && v[i] <= 'Z') ||
		     (v[i] >= 'a' && v[i] <= 'z') ||
		     (v[i] >= '0' && v[i] <= '9');
	if (!ok)
		return session_fail(p, p->line,
				    "bad phones code (want %d to %d letters "
				    "and digits)",
				    SESSION_CODE_MIN, SESSION_CODE_MAX);
	p->s->phones = strndup(v, n);
	return p->s->phones ? 0 : session_fail(p, 0, "out of memory");
}

/*
 * "phones-url: http://ADDR:PORT/CODE", format 3, while voting is open:
 * printable ASCII only, no space, ending in the phones code.
 */
static int phones_url(struct parser *p, const char *v, size_t n)
{
	bool ok = n > 7 && n < 128 && !memcmp(v, "http://", 7) && p->s->phones;
	for (size_t i = 0; ok && i < n; i++)
		ok = v[i] > ' ' && v[i] < 127;
	size_t c = p->s->phones ? strlen(p->s->phones) : 0;
	if (!ok || n <= c || memcmp(v + n - c, p->s->phones, c) != 0 ||
	    v[n - c - 1] != '/')
		return session_fail(p, p->line,
				    "bad phones-url (want http://ADDR:PORT/"
				    "CODE after 'phones')");
	p->s->phones_url = strndup(v, n);
	return p->s->phones_url ? 0 : session_fail(p, 0, "out of memory");
}

static int header(struct parser *p, unsigned bit, const char *v, size_t n)
{
	struct session *s = p->s;
	long x;
	if (bit & HAVE_V2)
		return v2_header(p, bit, v, n);
	if (bit == HAVE_PHONES)
		return phones(p, v, n);
	if (bit == HAVE_PHONES_URL)
		return phones_url(p, v, n);
	switch (bit) {
	case HAVE_NAME:
		return session_store(p, SLOT_NAME, &s->name, v, n);
	case HAVE_TITLE:
		return session_store(p, SLOT_TITLE, &s->deck_title, v, n);
	case HAVE_SOURCE:
		return session_store(p, SLOT_SOURCE, &s->deck_source, v, n);
	case HAVE_PATH:
		return session_store(p, SLOT_PATH, &s->deck_path, v, n);
	case HAVE_STARTED:
		if (!session_value_time(v, n, &s->started))
			return session_fail(
				p, p->line,
				"bad start time (want YYYY-MM-DDTHH:MM:SSZ)");
		return 0;
	case HAVE_HASH:
		if (!session_value_hash(v, n, &s->deck_hash))
			return session_fail(
				p, p->line,
				"bad deck hash (want 16 lowercase hex digits)");
		return 0;
	default: /* HAVE_CURRENT */
		if (!session_value_count(v, n, TALLY_MAX_COUNT, &x))
			return session_fail(p, p->line, "bad current position");
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
		return session_fail(p, p->line,
				    "'group' must come before the first item");
	if (s->ngroups == TALLY_MAX_GROUPS)
		return session_fail(p, p->line, "more than %d groups",
				    TALLY_MAX_GROUPS);
	const char *sp = memchr(v, ' ', n);
	size_t digits = sp ? (size_t)(sp - v) : n;
	long hc;
	if (!session_value_count(v, digits, TALLY_MAX_HEADCOUNT, &hc))
		return session_fail(p, p->line, "bad headcount (want 0 to %ld)",
				    TALLY_MAX_HEADCOUNT);
	if (!sp || digits + 1 == n)
		return session_fail(p, p->line, "empty group name");
	const char *name = sp + 1;
	size_t len = n - digits - 1;
	for (int g = 0; g < s->ngroups; g++)
		if (strlen(s->groups[g]) == len &&
		    !memcmp(s->groups[g], name, len))
			return session_fail(
				p, p->line, "duplicate group '%s'",
				session_shown(name, len, buf, sizeof buf));
	p->headcount[s->ngroups] = hc;
	s->ngroups++;
	return session_store(p, SLOT_GROUP + (size_t)s->ngroups - 1,
			     &s->groups[s->ngroups - 1], name, len);
}

static int first_line(struct parser *p, const char *l, size_t n)
{
	static const char magic[] = SESSION_MAGIC " ";
	size_t m = sizeof magic - 1;
	long version;
	if (n <= m || memcmp(l, magic, m) != 0 ||
	    !session_value_count(l + m, n - m, 999999999, &version))
		return session_fail(p, 1, "not a handsup session file");
	/* Written as the writer writes it: "01" is no version of ours. */
	if (version < 1 || version > SESSION_VERSION || l[m] == '0')
		return session_fail(p, 1, "unsupported session version %.*s",
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
	for (size_t i = 0; i < session_nkeys; i++) {
		const char *k = session_keys[i].key;
		if (strlen(k) != klen || memcmp(l, k, klen) != 0)
			continue;
		if ((session_keys[i].bit & HAVE_V2) && p->version < 2)
			return 1;
		if ((session_keys[i].bit & HAVE_V3) && p->version < 3)
			return 1;
		if (p->s->nitems > 0)
			return session_fail(
				p, p->line,
				"'%s' must come before the first item", k);
		if (p->have & session_keys[i].bit)
			return session_fail(p, p->line, "duplicate '%s'", k);
		p->have |= session_keys[i].bit;
		return header(p, session_keys[i].bit, v, vlen);
	}
	return 1;
}

static bool is_key(const char *l, size_t klen, const char *key)
{
	return strlen(key) == klen && memcmp(l, key, klen) == 0;
}

/*
 * "ballot: ...", format 3: after the last item, under a phones code.
 * The first one closes the items and opens the ballot box.
 */
static int ballot_line(struct parser *p, const char *v, size_t n)
{
	struct session *s = p->s;
	if (!s->phones)
		return session_fail(p, p->line, "'ballot' without 'phones'");
	if (!s->ballots) {
		if (session_close_item(p))
			return -1;
		if (s->nitems == 0)
			return session_fail(p, p->line,
					    "'ballot' before the first item");
		if (session_open_ballots(s))
			return session_fail(p, 0, "out of memory");
	}
	return ballots_parse_line(s->ballots, v, n, p->line, p->err);
}

static int key_line(struct parser *p, const char *l, size_t n)
{
	char buf[64];
	const char *colon = memchr(l, ':', n);
	if (!colon)
		return session_fail(p, p->line,
				    "expected 'key: value', found '%s'",
				    session_shown(l, n, buf, sizeof buf));
	size_t klen = (size_t)(colon - l);
	const char *v = colon + 1;
	size_t vlen = n - klen - 1;
	if (vlen > 0 && *v == ' ') {
		v++;
		vlen--;
	}
	if (p->s->ballots && !is_key(l, klen, "ballot"))
		return session_fail(p, p->line, "only ballots after a ballot");
	if (p->version >= 3 && is_key(l, klen, "ballot"))
		return ballot_line(p, v, vlen);
	if (is_key(l, klen, "item"))
		return session_item(p, v, vlen);
	if (is_key(l, klen, "view"))
		return session_view(p, v, vlen);
	if (p->version >= 2 && is_key(l, klen, "text"))
		return session_text(p, v, vlen);
	if (p->version >= 2 && is_key(l, klen, "count"))
		return session_count(p, v, vlen);
	if (p->version >= 2 && is_key(l, klen, "group"))
		return group(p, v, vlen);
	int rc = header_key(p, l, klen, v, vlen);
	if (rc <= 0)
		return rc;
	return session_fail(p, p->line, "unknown key '%s'",
			    session_shown(l, klen, buf, sizeof buf));
}

/* At the "end" line: the file is whole, and its position is a screen. */
static int check_end(struct parser *p)
{
	struct session *s = p->s;
	if (session_check_header(p) || session_close_item(p))
		return -1;
	if (s->nitems == 0)
		return session_fail(p, p->line, "no items");
	if (session_check_repeats(p))
		return -1;
	/* Title, the items, the summary and the closing screen. */
	if (s->current > s->nitems + 2)
		return session_fail(p, p->current_line,
				    "current screen %d is beyond the last (%d)",
				    s->current, s->nitems + 2);
	return 0;
}

static int parse_lines(struct parser *p, const char *text, size_t len)
{
	bool ended = false;
	size_t pos = 0, bad = len;
	if (len == 0)
		return session_fail(p, 0, "empty file");
	/*
	 * The whole text is checked at once, which is much cheaper than line
	 * by line; a line is refused as before when the first bad byte is in
	 * it, so every error before that line still comes first.
	 */
	if (text_utf8_valid(text, len, &bad))
		bad = len;
	while (pos < len) {
		const char *l = text + pos;
		const char *nl = memchr(l, '\n', len - pos);
		p->line++;
		/* Every line the writer makes ends in a newline. */
		if (!nl && ended)
			return session_fail(p, p->line,
					    "text after the 'end' line");
		if (!nl)
			break;
		size_t n = (size_t)(nl - l);
		pos += n + 1;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (ended)
			return session_fail(p, p->line,
					    "text after the 'end' line");
		if (bad < pos)
			return session_fail(p, p->line,
					    text[bad] == '\0'
						    ? "a NUL byte: binary data"
						    : "invalid UTF-8");
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
		return session_fail(p, 0, "truncated: no end line");
	return 0;
}

static int build_tally(struct parser *p)
{
	struct session *s = p->s;
	int *nv = malloc((size_t)s->nitems * sizeof *nv);
	if (!nv)
		return session_fail(p, 0, "out of memory");
	for (int i = 0; i < s->nitems; i++)
		nv[i] = s->items[i].nviews;
	int rc = p->reader ? tally_reuse(&s->tally, s->nitems, nv, s->ngroups)
			   : tally_init(&s->tally, s->nitems, nv, s->ngroups);
	free(nv);
	if (rc != 0)
		return session_fail(p, 0, "out of memory");
	for (size_t k = 0; k < p->ncounts; k++) {
		const struct counts *c = &p->counts[k];
		for (int g = 0; g < s->tally.ngroups; g++)
			if (!tally_load(&s->tally, c->item, c->round, g,
					c->view, c->c[g]))
				return session_fail(p, 0, "out of memory");
	}
	for (int g = 0; g < s->tally.ngroups; g++)
		tally_set_headcount(&s->tally, g, p->headcount[g]);
	s->active = p->active > 0 ? (int)p->active - 1 : 0;
	return 0;
}

/*
 * Every ballot's vote is on a round that the hands' record has, and in
 * a group: the screen opens voting only there.
 */
static int check_ballots(struct parser *p)
{
	const struct session *s = p->s;
	const struct ballots *bs = s->ballots;
	for (int k = 0; bs && k < bs->n; k++) {
		const struct ballot *b = &bs->b[k];
		for (int i = 0; i < bs->nitems; i++)
			for (int r = 0; r < TALLY_MAX_ROUNDS; r++) {
				if (ballot_view(bs, b, i, r) == 0)
					continue;
				if (r >= tally_rounds(&s->tally, i))
					return session_fail(
						p, 0,
						"ballot %s votes on round %d "
						"of item %d, which has %d",
						b->id, r + 1, i + 1,
						tally_rounds(&s->tally, i));
				if (b->group < 0)
					return session_fail(
						p, 0,
						"ballot %s votes without a "
						"group",
						b->id);
			}
	}
	return 0;
}

static int parse(struct parser *p, const char *text, size_t len)
{
	p->err->file = NULL;
	p->err->line = 0;
	p->err->msg[0] = '\0';
	/* A byte order mark, as an editor may add, is no part of the text. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	int rc = parse_lines(p, text, len);
	if (rc == 0)
		rc = build_tally(p);
	if (rc == 0)
		rc = check_ballots(p);
	return rc;
}

int session_parse(struct session *s, const char *text, size_t len,
		  struct error *err)
{
	struct parser p = {.s = s, .err = err};
	memset(s, 0, sizeof *s);
	int rc = parse(&p, text, len);
	free(p.counts);
	free(p.item_lines);
	if (rc != 0)
		session_free(s);
	return rc;
}

struct session_reader *session_reader_new(void)
{
	struct session_reader *r = calloc(1, sizeof *r);
	if (r && !(r->s = calloc(1, sizeof *r->s))) {
		free(r);
		r = NULL;
	}
	return r;
}

/*
 * The session is emptied but for its items array, and its strings stay
 * in the slots: the parse takes those whose bytes have not changed.
 */
int session_reader_parse(struct session_reader *r, const char *text, size_t len,
			 const struct session **out, struct error *err)
{
	struct session *s = r->s;
	struct session_item *items = s->items;
	struct tally tally = s->tally; /* reused if the next has its shape */
	free(s->phones);
	free(s->phones_url);
	if (s->ballots)
		ballots_free(s->ballots);
	free(s->ballots);
	memset(s, 0, sizeof *s);
	s->items = items;
	s->tally = tally;
	struct parser p = {.s = s,
			   .reader = r,
			   .err = err,
			   .cap = r->items_cap,
			   .item_lines = r->item_lines,
			   .counts = r->counts,
			   .counts_cap = r->counts_cap};
	int rc = parse(&p, text, len);
	r->items_cap = p.cap;
	r->item_lines = p.item_lines;
	r->counts = p.counts;
	r->counts_cap = p.counts_cap;
	*out = rc == 0 ? s : NULL;
	return rc;
}

void session_reader_free(struct session_reader *r)
{
	if (!r)
		return;
	for (size_t k = 0; k < r->nslots; k++)
		free(r->slots[k].str);
	free(r->slots);
	tally_free(&r->s->tally);
	free(r->s->phones);
	free(r->s->phones_url);
	if (r->s->ballots)
		ballots_free(r->s->ballots);
	free(r->s->ballots);
	free(r->s->items);
	free(r->s);
	free(r->item_lines);
	free(r->counts);
	free(r);
}
