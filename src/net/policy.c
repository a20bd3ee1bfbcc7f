#include "net/policy.h"

#include <string.h>

void policy_defaults(struct policy_limits *l)
{
	/* A vote's form is about 30 bytes; a phone's headers under 2 KB. */
	l->body_max = 256;
	l->header_max = 4096;
	l->per_address = 8;
	l->total = 256;
	/* A page, its state every two seconds and a vote now and then. */
	l->burst = 20;
	l->per_second = 5;
	l->timeout_seconds = 15;
	l->ballots_per_address = 4;
}

static bool alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9');
}

bool policy_code_valid(const char *s)
{
	size_t n = 0;
	for (; s && s[n]; n++)
		if (!alnum(s[n]) || n >= POLICY_CODE_MAX)
			return false;
	return n >= POLICY_CODE_MIN;
}

/*
 * Whether path starts with code and where it ends; every byte of the
 * code is looked at whatever the path, so that the time taken says
 * nothing of how much of a guess was right.
 */
static const char *after_code(const char *path, const char *code)
{
	size_t n = strlen(code);
	unsigned diff = 0;
	size_t i = 0;
	for (; i < n; i++) {
		diff |= (unsigned char)(path[i] ^ code[i]);
		if (path[i] == '\0')
			break;
	}
	return diff == 0 && i == n ? path + n : NULL;
}

int policy_route(const char *method, const char *path, const char *code,
		 enum policy_route *route)
{
	static const struct {
		const char *tail;
		enum policy_route route;
		bool post;
	} routes[] = {
		{"", ROUTE_PAGE, false},
		{"/state", ROUTE_STATE, false},
		{"/group", ROUTE_GROUP, true},
		{"/vote", ROUTE_VOTE, true},
	};
	*route = ROUTE_NONE;
	if (method == NULL || path == NULL || !policy_code_valid(code) ||
	    path[0] != '/')
		return POLICY_NOT_FOUND;
	const char *tail = after_code(path + 1, code);
	if (tail == NULL)
		return POLICY_NOT_FOUND;
	for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
		if (strcmp(tail, routes[i].tail) != 0)
			continue;
		*route = routes[i].route;
		bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
		bool ok = routes[i].post ? !strcmp(method, "POST") : get;
		return ok ? POLICY_OK : POLICY_BAD_METHOD;
	}
	return POLICY_NOT_FOUND;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long policy_decode(const char *s, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (len - i < 3 || hex(s[i + 1]) < 0 ||
			    hex(s[i + 2]) < 0)
				return -1;
			c = hex(s[i + 1]) * 16 + hex(s[i + 2]);
			i += 2;
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

/* A field's value: 1 to POLICY_FIELD_MAX digits, no leading zero. */
static int field_value(const char *s, size_t len)
{
	char v[POLICY_FIELD_MAX + 1];
	long n = policy_decode(s, len, v, sizeof v);
	if (n < 1 || v[0] == '0')
		return -1;
	int x = 0;
	for (long i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return x;
}

/* The field named s[0..len) of route, or NULL. */
static int *field(enum policy_route route, const char *s, size_t len,
		  struct policy_form *f)
{
	static const struct {
		const char *name;
		enum policy_route route;
		size_t at;
	} fields[] = {
		{"group", ROUTE_GROUP, offsetof(struct policy_form, group)},
		{"item", ROUTE_VOTE, offsetof(struct policy_form, item)},
		{"round", ROUTE_VOTE, offsetof(struct policy_form, round)},
		{"view", ROUTE_VOTE, offsetof(struct policy_form, view)},
	};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (fields[i].route == route && strlen(fields[i].name) == len &&
		    !memcmp(fields[i].name, s, len))
			return (int *)((char *)f + fields[i].at);
	return NULL;
}

int policy_form(enum policy_route route, const char *body, size_t len,
		const struct policy_limits *limits, struct policy_form *f)
{
	f->group = f->item = f->round = f->view = -1;
	if (len > limits->body_max)
		return POLICY_TOO_LARGE;
	if (route != ROUTE_GROUP && route != ROUTE_VOTE)
		return POLICY_BAD_REQUEST;
	size_t at = 0;
	while (at < len) {
		const char *amp = memchr(body + at, '&', len - at);
		size_t end = amp ? (size_t)(amp - body) : len;
		const char *eq = memchr(body + at, '=', end - at);
		if (eq == NULL)
			return POLICY_BAD_REQUEST;
		size_t name = (size_t)(eq - (body + at));
		int *slot = field(route, body + at, name, f);
		if (slot == NULL || *slot != -1)
			return POLICY_BAD_REQUEST;
		*slot = field_value(eq + 1, end - (at + name + 1));
		if (*slot < 0)
			return POLICY_BAD_REQUEST;
		/* "a=1&" ends in an empty field: refused like any other. */
		if (amp && end + 1 == len)
			return POLICY_BAD_REQUEST;
		at = end + 1;
	}
	bool whole = route == ROUTE_GROUP
			     ? f->group > 0
			     : f->item > 0 && f->round > 0 && f->view > 0;
	return whole ? POLICY_OK : POLICY_BAD_REQUEST;
}

static bool id_char(char c)
{
	return alnum(c) || c == '-' || c == '_';
}

/*
 * One "name=value" at s[0..n): 1 ours (id set), 0 another, -1 ours but
 * not an id.  Another cookie is never judged, whatever it holds (a
 * quoted value, UTF-8, no "=" at all): cookies belong to the host, not
 * to the port, so a phone may bring another program's to this address,
 * and refusing them would lock that phone out of the vote.
 */
static int pair(const char *s, size_t n, char *id)
{
	size_t name = strlen(POLICY_COOKIE);
	if (n <= name || s[name] != '=' || memcmp(s, POLICY_COOKIE, name))
		return 0;
	const char *v = s + name + 1;
	size_t vlen = n - name - 1;
	for (size_t i = 0; i < vlen; i++)
		if (!id_char(v[i]))
			return -1;
	if (vlen < POLICY_ID_MIN || vlen > POLICY_ID_MAX)
		return -1;
	memcpy(id, v, vlen);
	id[vlen] = '\0';
	return 1;
}

int policy_cookie(const char *header, char *id)
{
	id[0] = '\0';
	if (header == NULL)
		return POLICY_OK;
	size_t len = strnlen(header, 4097);
	if (len > 4096)
		return POLICY_BAD_REQUEST;
	int found = 0;
	size_t at = 0;
	while (at < len) {
		const char *semi = memchr(header + at, ';', len - at);
		size_t end = semi ? (size_t)(semi - header) : len;
		int r = pair(header + at, end - at, id);
		if (r < 0 || (r == 1 && found++))
			return POLICY_BAD_REQUEST;
		if (semi == NULL)
			break;
		/* "; " between pairs, as RFC 6265 writes them. */
		at = end + 1;
		while (at < len && header[at] == ' ')
			at++;
		if (at == len)
			return POLICY_BAD_REQUEST;
	}
	if (!found)
		id[0] = '\0';
	return POLICY_OK;
}

void policy_peers_init(struct policy_peers *p, const struct policy_limits *l)
{
	memset(p, 0, sizeof *p);
	p->limits = *l;
}

/*
 * The slot of addr: its own, else a free one, else the one idle the
 * longest (an address with no open connection is forgotten first; its
 * tokens start full again, which is what a new address gets too).
 */
static int slot_for(struct policy_peers *p, const unsigned char *addr,
		    size_t len)
{
	int free_slot = -1, idle = -1;
	for (int i = 0; i < POLICY_MAX_PEERS; i++) {
		struct policy_peer *e = &p->peer[i];
		if (e->len == len && !memcmp(e->addr, addr, len))
			return i;
		if (e->len == 0) {
			if (free_slot < 0)
				free_slot = i;
		} else if (e->open == 0 &&
			   (idle < 0 || e->at_ms < p->peer[idle].at_ms)) {
			idle = i;
		}
	}
	return free_slot >= 0 ? free_slot : idle;
}

int policy_open(struct policy_peers *p, const unsigned char *addr, size_t len,
		long long now_ms)
{
	if (len == 0 || len > sizeof p->peer[0].addr)
		return -1;
	int i = slot_for(p, addr, len);
	if (i < 0)
		return -1;
	struct policy_peer *e = &p->peer[i];
	if (e->len != len || memcmp(e->addr, addr, len)) {
		memset(e, 0, sizeof *e);
		memcpy(e->addr, addr, len);
		e->len = (unsigned char)len;
		e->tokens = p->limits.burst;
		e->at_ms = now_ms;
	}
	e->open++;
	p->open++;
	return i;
}

void policy_close(struct policy_peers *p, int slot)
{
	if (slot < 0 || slot >= POLICY_MAX_PEERS || p->peer[slot].open == 0)
		return;
	p->peer[slot].open--;
	p->open--;
}

int policy_admit(struct policy_peers *p, int slot, long long now_ms)
{
	if (slot < 0 || slot >= POLICY_MAX_PEERS)
		return POLICY_UNAVAILABLE;
	struct policy_peer *e = &p->peer[slot];
	if (p->open > p->limits.total || e->open > p->limits.per_address)
		return POLICY_UNAVAILABLE;
	/* A clock that went back fills nothing; it never takes tokens. */
	if (now_ms > e->at_ms) {
		e->tokens += (double)(now_ms - e->at_ms) *
			     p->limits.per_second / 1000.0;
		if (e->tokens > p->limits.burst)
			e->tokens = p->limits.burst;
	}
	e->at_ms = now_ms;
	if (e->tokens < 1.0)
		return POLICY_TOO_MANY;
	e->tokens -= 1.0;
	return POLICY_OK;
}

size_t policy_key(const unsigned char *addr, size_t len, unsigned char *key)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0,	   0,
						 0, 0, 0, 0, 0xff, 0xff};
	if (len == 4 || (len == 16 && !memcmp(addr, mapped, sizeof mapped))) {
		memcpy(key, addr + len - 4, 4);
		return 4;
	}
	if (len != 16)
		return 0;
	/* Whole: on the room's own network every phone shares the /64. */
	memcpy(key, addr, 16);
	return 16;
}

/* The address's entry among the makers, or -1. */
static int maker(const struct policy_makers *m, const unsigned char *addr,
		 size_t len)
{
	for (int i = 0; i < m->n; i++)
		if (m->m[i].len == len && !memcmp(m->m[i].addr, addr, len))
			return i;
	return -1;
}

int policy_may_make(const struct policy_makers *m,
		    const struct policy_limits *limits,
		    const unsigned char *addr, size_t len)
{
	if (limits->ballots_per_address <= 0)
		return POLICY_OK;
	int i = maker(m, addr, len);
	if (i >= 0 ? m->m[i].made >= limits->ballots_per_address
		   : m->n >= POLICY_MAX_MAKERS || len == 0 || len > 16)
		return POLICY_TOO_MANY;
	return POLICY_OK;
}

void policy_made(struct policy_makers *m, const unsigned char *addr, size_t len)
{
	int i = maker(m, addr, len);
	if (i < 0) {
		if (m->n >= POLICY_MAX_MAKERS || len == 0 || len > 16)
			return;
		i = m->n++;
		memcpy(m->m[i].addr, addr, len);
		m->m[i].len = (unsigned char)len;
	}
	m->m[i].made++;
}
