/*
 * Fuzz target for what a phone sends.  The bytes are a request as it
 * comes off the wire: "METHOD PATH VERSION", header lines, a blank line
 * and a body.  They are split here the way libmicrohttpd hands a request
 * to the server (a path, the query apart, header values, the body) and
 * judged by net/policy in the server's order: the route, the ballot
 * cookie, the form.  What policy accepts must be what it promises, and
 * the pages made with the parsed values must keep every outside text
 * from adding markup.  The same bytes then drive the connection and
 * rate limits as a stream of opens, closes, requests and clock steps,
 * checked against a model of the counts.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "net/page.h"
#include "net/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CODE	    "K7Q2M9XA"
#define MAX_HEADERS 16

/* One request, split; every string an exact-size copy. */
struct req {
	char *method, *path, *query;
	int nheaders;
	char *name[MAX_HEADERS], *value[MAX_HEADERS];
	const char *body;
	size_t body_len;
};

static char *copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (c == NULL)
		abort();
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* The line at *at (without its "\r\n" or "\n"); *at moves past it. */
static size_t line(const char *s, size_t len, size_t *at, size_t *n)
{
	const char *nl = memchr(s + *at, '\n', len - *at);
	size_t start = *at, end = nl ? (size_t)(nl - s) : len;
	*n = end - start;
	if (*n > 0 && s[end - 1] == '\r')
		(*n)--;
	*at = nl ? end + 1 : len;
	return start;
}

static void split_line(struct req *r, const char *s, size_t n)
{
	const char *sp = memchr(s, ' ', n);
	size_t m = sp ? (size_t)(sp - s) : n;
	r->method = copy(s, m);
	s += m;
	n -= m;
	if (n > 0) {
		s++;
		n--;
	}
	sp = memchr(s, ' ', n);
	size_t p = sp ? (size_t)(sp - s) : n;
	/* The library gives the path and the query string apart. */
	const char *q = memchr(s, '?', p);
	size_t path = q ? (size_t)(q - s) : p;
	r->path = copy(s, path);
	r->query = q ? copy(q + 1, p - path - 1) : NULL;
}

static void split(struct req *r, const char *s, size_t len)
{
	size_t at = 0, n;
	memset(r, 0, sizeof *r);
	size_t start = line(s, len, &at, &n);
	split_line(r, s + start, n);
	while (at < len) {
		start = line(s, len, &at, &n);
		if (n == 0)
			break;
		const char *colon = memchr(s + start, ':', n);
		if (colon == NULL || r->nheaders == MAX_HEADERS)
			continue;
		size_t k = (size_t)(colon - (s + start)), v = k + 1;
		while (v < n && (s[start + v] == ' ' || s[start + v] == '\t'))
			v++;
		r->name[r->nheaders] = copy(s + start, k);
		r->value[r->nheaders++] = copy(s + start + v, n - v);
	}
	r->body = s + at;
	r->body_len = len - at;
}

static void req_free(struct req *r)
{
	free(r->method);
	free(r->path);
	free(r->query);
	for (int i = 0; i < r->nheaders; i++) {
		free(r->name[i]);
		free(r->value[i]);
	}
}

/* The first header of that name, as the library's lookup gives it. */
static const char *header(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->name[i], name) == 0)
			return r->value[i];
	return NULL;
}

/* ---- the route ----------------------------------------------------- */

static const char *const tails[] = {
	[ROUTE_PAGE] = "",
	[ROUTE_STATE] = "/state",
	[ROUTE_GROUP] = "/group",
	[ROUTE_VOTE] = "/vote",
};

static int check_route(const char *method, const char *path,
		       enum policy_route *route)
{
	int st = policy_route(method, path, CODE, route);
	if ((st == POLICY_NOT_FOUND) != (*route == ROUTE_NONE))
		abort();
	if (st != POLICY_OK && st != POLICY_NOT_FOUND &&
	    st != POLICY_BAD_METHOD)
		abort();
	if (*route == ROUTE_NONE)
		return st;
	/* Only the exact path of a route is one: no prefix, no "..". */
	char want[64];
	snprintf(want, sizeof want, "/%s%s", CODE, tails[*route]);
	if (strcmp(path, want) != 0)
		abort();
	bool post = *route == ROUTE_GROUP || *route == ROUTE_VOTE;
	bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	if ((st == POLICY_OK) != (post ? !strcmp(method, "POST") : get))
		abort();
	return st;
}

/* ---- the cookie ---------------------------------------------------- */

static void check_cookie(const char *h, char *id)
{
	int st = policy_cookie(h, id);
	if (st != POLICY_OK) {
		if (st != POLICY_BAD_REQUEST)
			abort();
		id[0] = '\0';
		return;
	}
	if (h && strlen(h) > 4096)
		abort();
	if (h == NULL || id[0] == '\0')
		return;
	if (!ballot_id_valid(id))
		abort();
	/* The id is a whole cookie's value, named ours. */
	char pair[POLICY_ID_MAX + 16];
	snprintf(pair, sizeof pair, "%s=%s", POLICY_COOKIE, id);
	size_t n = strlen(pair);
	const char *at = strstr(h, pair);
	bool whole = false;
	for (; at && !whole; at = strstr(at + 1, pair))
		whole = (at == h || at[-1] == ' ' || at[-1] == ';') &&
			(at[n] == '\0' || at[n] == ';');
	if (!whole)
		abort();
}

/* ---- the form and percent-decoding --------------------------------- */

static int hexval(char c)
{
	const char *d = "0123456789abcdef", *u = "0123456789ABCDEF";
	const char *p = c ? strchr(d, c) : NULL;
	if (p)
		return (int)(p - d);
	p = c ? strchr(u, c) : NULL;
	return p ? (int)(p - u) : -1;
}

/* A second, plain reading of the same rules, to compare with. */
static long ref_decode(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= len)
				return -1;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		} else if (c == '+') {
			c = ' ';
		}
		if (c == 0 || o + 1 >= cap)
			return -1;
		out[o++] = (char)c;
	}
	if (cap == 0)
		return -1;
	out[o] = '\0';
	return (long)o;
}

static void check_decode(const char *s, size_t len, size_t cap)
{
	char *a = malloc(cap ? cap : 1), *b = malloc(cap ? cap : 1);
	if (a == NULL || b == NULL)
		abort();
	long n = policy_decode(s, len, a, cap);
	long m = ref_decode(s, len, b, cap);
	if (n != m || (n >= 0 && ((size_t)n >= cap || (size_t)n > len ||
				  strlen(a) != (size_t)n || memcmp(a, b, n))))
		abort();
	free(a);
	free(b);
}

static void check_form(enum policy_route route, const char *body, size_t len,
		       const struct policy_limits *l, struct policy_form *f)
{
	int st = policy_form(route, body, len, l, f);
	if ((st == POLICY_TOO_LARGE) != (len > l->body_max))
		abort();
	if (st != POLICY_OK && st != POLICY_BAD_REQUEST &&
	    st != POLICY_TOO_LARGE)
		abort();
	if (st != POLICY_OK) {
		f->group = f->item = f->round = f->view = -1;
		return;
	}
	/* What is read is in range, and reads back the same once written. */
	char again[64];
	struct policy_form g;
	if (route == ROUTE_GROUP) {
		if (f->group < 1 || f->group > 9999 || f->item != -1 ||
		    f->round != -1 || f->view != -1)
			abort();
		snprintf(again, sizeof again, "group=%d", f->group);
	} else if (route == ROUTE_VOTE) {
		if (f->group != -1 || f->item < 1 || f->item > 9999 ||
		    f->round < 1 || f->round > 9999 || f->view < 1 ||
		    f->view > 9999)
			abort();
		snprintf(again, sizeof again, "view=%d&round=%d&item=%d",
			 f->view, f->round, f->item);
	} else {
		abort();
	}
	if (policy_form(route, again, strlen(again), l, &g) != POLICY_OK ||
	    memcmp(f, &g, sizeof g) != 0)
		abort();
}

/* ---- the pages ----------------------------------------------------- */

/* An outside text on a page: escaped, valid UTF-8, nothing unsafe. */
static void check_text(const char *s, size_t len)
{
	struct page p;
	page_init(&p);
	page_text(&p, s, len);
	if (p.failed)
		abort();
	size_t n = p.len;
	if (n && (!text_utf8_valid(p.s, n, NULL) || strpbrk(p.s, "<>\"'")))
		abort();
	for (size_t i = 0; i < n;) {
		unsigned cp;
		i += text_decode(p.s + i, n - i, &cp, NULL);
		if (text_is_unsafe(cp))
			abort();
	}
	page_free(&p);
}

/* How many of each character that makes markup a page has. */
static void marks(const struct page *p, size_t count[4])
{
	memset(count, 0, 4 * sizeof *count);
	for (size_t i = 0; i < p->len; i++) {
		const char *m = strchr("<>\"'", p->s[i]);
		if (p->s[i] && m)
			count[m - "<>\"'"]++;
	}
}

/*
 * The page made with outside texts has exactly the markup of the page
 * made with plain "x" in their place: a text can fill a page, never
 * shape it.
 */
static void same_shape(const struct page_shown *sh, int group, int mine,
		       const char *message)
{
	struct page_shown plain = *sh;
	struct page a, b;
	size_t ca[4], cb[4];
	plain.title = "x";
	plain.heading = "x";
	for (int v = 0; v < TALLY_MAX_VIEWS; v++)
		plain.views[v] = "x";
	for (int g = 0; g < TALLY_MAX_GROUPS; g++)
		plain.groups[g] = "x";
	page_init(&a);
	page_init(&b);
	page_ballot(&a, CODE, sh, group, mine);
	page_ballot(&b, CODE, &plain, group, mine);
	if (a.failed || b.failed || !text_utf8_valid(a.s, a.len, NULL))
		abort();
	marks(&a, ca);
	marks(&b, cb);
	if (memcmp(ca, cb, sizeof ca) != 0)
		abort();
	page_free(&a);
	page_free(&b);
	page_message(&a, CODE, message);
	page_message(&b, CODE, "x");
	marks(&a, ca);
	marks(&b, cb);
	if (a.failed || memcmp(ca, cb, sizeof ca) != 0)
		abort();
	page_free(&a);
	page_free(&b);
}

static void check_state(const struct page_shown *sh)
{
	struct page p;
	char word[8];
	int item, round, end = 0;
	page_init(&p);
	page_state(&p, sh);
	if (p.failed ||
	    sscanf(p.s, "%d %d %7[a-z]%n", &item, &round, word, &end) != 3 ||
	    (size_t)end != p.len ||
	    (strcmp(word, "open") && strcmp(word, "closed")) ||
	    item != (sh->item < 0 ? 0 : sh->item + 1))
		abort();
	page_free(&p);
}

/* The pages this request could be sent, with what it parsed. */
static void pages(const struct req *r, const struct policy_form *f,
		  const char *id, const char *body_text)
{
	struct page_shown sh;
	memset(&sh, 0, sizeof sh);
	const char *host = header(r, "Host");
	sh.title = host ? host : r->path;
	sh.item = f->item > 0 ? f->item - 1 : -1;
	sh.round = f->round > 0 ? f->round - 1 : 0;
	sh.open = id[0] != '\0' || (r->body_len & 1);
	sh.heading = body_text;
	sh.nviews = 2 + r->nheaders % (TALLY_MAX_VIEWS - 1);
	sh.ngroups = 1 + (int)(r->body_len % TALLY_MAX_GROUPS);
	for (int i = 0; i < TALLY_MAX_VIEWS; i++)
		sh.views[i] = i < r->nheaders ? r->value[i] : r->method;
	for (int i = 0; i < TALLY_MAX_GROUPS; i++)
		sh.groups[i] =
			i < r->nheaders ? r->name[r->nheaders - 1 - i] : NULL;
	int group = f->group > 0 ? f->group - 1 : -1;
	same_shape(&sh, group, f->view > 0 ? f->view : 0, body_text);
	check_state(&sh);
	sh.item = -1;
	same_shape(&sh, group, 0, r->path);
	check_state(&sh);
}

/* ---- the limits ---------------------------------------------------- */

#define CONNS 64

/* The peers' counts against a model: opens per address, in all. */
static void check_peers(const struct policy_peers *p, const int *model_open,
			int total)
{
	int sum = 0;
	/* Slots are taken from the first free one: sixteen addresses. */
	for (int i = 0; i < 20; i++) {
		const struct policy_peer *e = &p->peer[i];
		if (e->open < 0 || e->tokens < 0.0 ||
		    e->tokens > p->limits.burst || (e->len == 0 && e->open))
			abort();
		if (e->open != model_open[i])
			abort();
		sum += e->open;
	}
	if (sum != p->open || p->open != total)
		abort();
}

static void limits(const uint8_t *data, size_t size)
{
	struct policy_limits l;
	struct policy_peers *p = malloc(sizeof *p);
	int conn[CONNS], nconn = 0, model[POLICY_MAX_PEERS] = {0};
	long long now = 0;
	if (p == NULL)
		abort();
	policy_defaults(&l);
	l.per_address = 2;
	l.total = 5;
	l.burst = 3;
	l.per_second = 2;
	policy_peers_init(p, &l);
	for (size_t i = 0; i < size && i < 1024; i++) {
		unsigned b = data[i], arg = b >> 2;
		if ((b & 3) == 0 && nconn < CONNS) {
			/* Eight addresses, IPv4 and IPv6: limits are met. */
			unsigned char addr[16] = {0};
			size_t len = arg & 8 ? 16 : 4;
			addr[len - 1] = (unsigned char)(arg & 7);
			int slot = policy_open(p, addr, len, now);
			if (slot < 0 || slot >= 16 ||
			    p->peer[slot].len != len ||
			    memcmp(p->peer[slot].addr, addr, len))
				abort();
			conn[nconn++] = slot;
			model[slot]++;
		} else if ((b & 3) == 1 && nconn > 0) {
			int k = (int)(arg % (unsigned)nconn);
			policy_close(p, conn[k]);
			model[conn[k]]--;
			conn[k] = conn[--nconn];
		} else if ((b & 3) == 2 && nconn > 0) {
			int slot = conn[arg % (unsigned)nconn];
			const struct policy_peer *e = &p->peer[slot];
			double before = e->tokens;
			bool crowded =
				p->open > l.total || e->open > l.per_address;
			int st = policy_admit(p, slot, now);
			if (crowded != (st == POLICY_UNAVAILABLE) ||
			    (st == POLICY_OK && e->tokens > before + l.burst))
				abort();
			if (st != POLICY_OK && st != POLICY_TOO_MANY &&
			    st != POLICY_UNAVAILABLE)
				abort();
		} else if ((b & 3) == 3) {
			/* Mostly forward, now and then back. */
			now += arg & 32 ? -(long long)(arg & 31)
					: (long long)arg * 97;
		}
		check_peers(p, model, nconn);
	}
	free(p);
}

/* ---- the request --------------------------------------------------- */

static void judge(const struct req *r)
{
	struct policy_limits l, tiny;
	struct policy_form f = {-1, -1, -1, -1};
	char id[POLICY_ID_MAX + 1] = "";
	enum policy_route route, decoded_route;
	policy_defaults(&l);
	int st = check_route(r->method, r->path, &route);
	/* The library hands the path over percent-decoded. */
	size_t plen = strlen(r->path);
	char *dec = malloc(plen + 1);
	if (dec == NULL)
		abort();
	if (policy_decode(r->path, plen, dec, plen + 1) >= 0)
		check_route(r->method, dec, &decoded_route);
	free(dec);
	check_cookie(header(r, "Cookie"), id);
	check_decode(r->body, r->body_len, r->body_len + 1);
	check_decode(r->body, r->body_len, POLICY_FIELD_MAX + 1);
	check_decode(r->path, plen, 3);
	/* Every route's form, and a limit small enough to be met. */
	tiny = l;
	tiny.body_max = r->body_len ? (r->body_len * 7) % (r->body_len + 3) : 0;
	for (int rt = ROUTE_NONE; rt <= ROUTE_VOTE; rt++) {
		check_form((enum policy_route)rt, r->body, r->body_len, &tiny,
			   &f);
		check_form((enum policy_route)rt, r->body, r->body_len, &l, &f);
	}
	if (st == POLICY_OK && r->query == NULL)
		check_form(route, r->body, r->body_len, &l, &f);
	else
		f.group = f.item = f.round = f.view = -1;
	if (route != ROUTE_GROUP && route != ROUTE_VOTE)
		f.group = f.item = f.round = f.view = -1;
	check_text(r->body, r->body_len);
	char *text = copy(r->body, r->body_len);
	pages(r, &f, id, text);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	split(&r, (const char *)data, size);
	judge(&r);
	req_free(&r);
	limits(data, size);
	return 0;
}
