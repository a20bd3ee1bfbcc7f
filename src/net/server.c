#include "net/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>

#include "base/error.h"
#include "net/mhd.h"

struct server {
	struct MHD_Daemon *d;
	struct server_app app;
	struct server_config cfg;
	char code[POLICY_CODE_MAX + 1];
	struct policy_peers peers;
	struct policy_makers makers;
	int port;
};

/* Bytes of a body too large read, and dropped, before its connection is
 * closed; a shorter one gets its 413 at its end. */
#define SKIP_MAX 65536

/* One request's state, from its headers to its answer. */
struct request {
	int status; /* decided before the body (0: not yet) */
	enum policy_route route;
	int slot; /* its connection's address among the peers, or -1 */
	char id[POLICY_ID_MAX + 1];
	bool new_id; /* made for this request: sent in a cookie */
	size_t len;
	bool too_big;
	size_t skipped; /* bytes of the body read past the limit */
	char body[];	/* limits.body_max + 1 */
};

static long long now_ms(const struct server *s)
{
	if (s->cfg.now_ms)
		return s->cfg.now_ms(s->cfg.clock_ctx);
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A new ballot id: 16 random bytes as 22 characters of base64url. */
static int new_id(char *id)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char r[16];
	if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r)
		return -1;
	unsigned bits = 0, acc = 0;
	int n = 0;
	for (size_t i = 0; i < sizeof r; i++) {
		acc = acc << 8 | r[i];
		for (bits += 8; bits >= 6; bits -= 6)
			id[n++] = b64[(acc >> (bits - 6)) & 63];
	}
	if (bits)
		id[n++] = b64[(acc << (6 - bits)) & 63];
	id[n] = '\0';
	return 0;
}

/* ---- answers ------------------------------------------------------- */

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; "
			  "script-src 'unsafe-inline'; connect-src 'self'; "
			  "form-action 'self'; frame-ancestors 'none'";

static enum MHD_Result send_body(struct server *s, struct MHD_Connection *c,
				 struct request *rq, int status,
				 const char *type, const char *body, size_t len)
{
	struct MHD_Response *r = mhd.create_response_from_buffer(
		len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	mhd.add_response_header(r, "Content-Type", type);
	mhd.add_response_header(r, "Cache-Control", "no-store");
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
	mhd.add_response_header(r, "Content-Security-Policy", csp);
	if (status == POLICY_SEE_OTHER) {
		char to[POLICY_CODE_MAX + 2];
		snprintf(to, sizeof to, "/%s", s->code);
		mhd.add_response_header(r, "Location", to);
	}
	if (status == POLICY_BAD_METHOD)
		mhd.add_response_header(r, "Allow",
					rq && (rq->route == ROUTE_VOTE ||
					       rq->route == ROUTE_GROUP)
						? "POST"
						: "GET, HEAD");
	if (status == POLICY_TOO_MANY)
		mhd.add_response_header(r, "Retry-After", "1");
	if (rq && rq->new_id) {
		/* Only for this session's pages, for a week, so that a
		 * workshop resumed another day keeps its phones; never
		 * readable by script.  Lax, not Strict: a phone that follows
		 * a link to the page from elsewhere still sends it, and
		 * keeps its ballot, while forms from elsewhere do not. */
		char cookie[160];
		snprintf(cookie, sizeof cookie,
			 "%s=%s; Path=/%s; Max-Age=604800; HttpOnly; "
			 "SameSite=Lax",
			 POLICY_COOKIE, rq->id, s->code);
		mhd.add_response_header(r, "Set-Cookie", cookie);
	}
	/* Refused requests end their connection: no second try on it. */
	if (status >= 400)
		mhd.add_response_header(r, "Connection", "close");
	enum MHD_Result ok = mhd.queue_response(c, (unsigned)status, r);
	mhd.destroy_response(r);
	return ok;
}

/* The plain text answer of an error: nothing about the session in it. */
static enum MHD_Result send_plain(struct server *s, struct MHD_Connection *c,
				  struct request *rq, int status)
{
	static const struct {
		int status;
		const char *text;
	} texts[] = {
		{400, "Bad request\n"},	       {404, "Not found\n"},
		{405, "Method not allowed\n"}, {413, "Request too large\n"},
		{429, "Too many requests\n"},  {431, "Headers too large\n"},
		{503, "Busy: try again\n"},
	};
	const char *t = "Error\n";
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i].status == status)
			t = texts[i].text;
	return send_body(s, c, rq, status, "text/plain; charset=utf-8", t,
			 strlen(t));
}

static enum MHD_Result send_page(struct server *s, struct MHD_Connection *c,
				 struct request *rq, int status, struct page *p)
{
	enum MHD_Result ok =
		p->failed ? send_plain(s, c, rq, POLICY_UNAVAILABLE)
			  : send_body(s, c, rq, status,
				      status == 200 && rq->route == ROUTE_STATE
					      ? "text/plain; charset=utf-8"
					      : "text/html; charset=utf-8",
				      p->s ? p->s : "", p->len);
	page_free(p);
	return ok;
}

static void shown(struct server *s, struct page_shown *sh)
{
	memset(sh, 0, sizeof *sh);
	sh->item = -1;
	sh->ngroups = 1;
	s->app.shown(s->app.ctx, sh);
	if (sh->nviews < 0 || sh->nviews > TALLY_MAX_VIEWS)
		sh->nviews = 0;
	if (sh->ngroups < 1 || sh->ngroups > TALLY_MAX_GROUPS)
		sh->ngroups = 1;
}

/*
 * Whether the request may go on to its ballot: one the id has, or a new
 * one its address may still make (*fresh then), each address making at
 * most limits.ballots_per_address.  Without the application's known
 * callback every id may.
 */
static bool may_make(struct server *s, const struct request *rq, bool *fresh)
{
	*fresh = s->app.known && !s->app.known(s->app.ctx, rq->id);
	if (!*fresh)
		return true;
	if (rq->slot < 0 || rq->slot >= POLICY_MAX_PEERS)
		return false;
	const struct policy_peer *e = &s->peers.peer[rq->slot];
	return policy_may_make(&s->makers, &s->cfg.limits, e->addr, e->len) ==
	       POLICY_OK;
}

/* Charges a ballot made for the request to its address. */
static void made(struct server *s, const struct request *rq, bool fresh)
{
	if (fresh && s->app.known(s->app.ctx, rq->id))
		policy_made(&s->makers, s->peers.peer[rq->slot].addr,
			    s->peers.peer[rq->slot].len);
}

static enum MHD_Result box_full(struct server *s, struct MHD_Connection *c,
				struct request *rq, struct page *p)
{
	page_message(p, s->code, "No more phones can join this vote.");
	return send_page(s, c, rq, POLICY_UNAVAILABLE, p);
}

static enum MHD_Result
too_many_ballots(struct server *s, struct MHD_Connection *c, struct request *rq)
{
	struct page p;
	page_init(&p);
	page_message(&p, s->code,
		     "This network address has made as many ballots as a "
		     "phone may. Vote from the browser that first opened "
		     "this page.");
	return send_page(s, c, rq, POLICY_TOO_MANY, &p);
}

static enum MHD_Result answer_get(struct server *s, struct MHD_Connection *c,
				  struct request *rq)
{
	struct page_shown sh;
	struct page p;
	shown(s, &sh);
	page_init(&p);
	/*
	 * A phone has joined when it comes back with the cookie it was
	 * given: a request without one (a phone that keeps no cookies, a
	 * script) makes no ballot, so it cannot fill the room with them.
	 */
	enum server_answer a = SERVER_SAVED;
	bool fresh = false;
	if (s->app.join && !rq->new_id) {
		if (may_make(s, rq, &fresh)) {
			a = s->app.join(s->app.ctx, rq->id);
			made(s, rq, fresh);
		} else if (rq->route != ROUTE_STATE) {
			return too_many_ballots(s, c, rq);
		}
	}
	if (rq->route == ROUTE_STATE) {
		page_state(&p, &sh);
		return send_page(s, c, rq, POLICY_OK, &p);
	}
	if (a == SERVER_FAILED)
		return send_plain(s, c, rq, POLICY_UNAVAILABLE);
	if (a == SERVER_FULL || a == SERVER_REFUSED)
		return box_full(s, c, rq, &p);
	int group = -1, view = 0;
	s->app.ballot(s->app.ctx, rq->id, sh.item, sh.round, &group, &view);
	page_ballot(&p, s->code, &sh, group, view);
	return send_page(s, c, rq, POLICY_OK, &p);
}

/*
 * Why a group or a vote was refused as late: a vote from the page of
 * an earlier round, while the item is open again in a new one, is
 * asked again rather than told that voting closed.
 */
static const char *refusal(struct server *s, enum policy_route route,
			   const struct policy_form *f)
{
	if (route == ROUTE_GROUP)
		return "Your group is already set.";
	struct page_shown sh;
	shown(s, &sh);
	if (sh.open && sh.item == f->item - 1 && sh.round > f->round - 1)
		return "A new round of this item has started: vote again.";
	return "Voting on that item has closed.";
}

static enum MHD_Result answer_post(struct server *s, struct MHD_Connection *c,
				   struct request *rq)
{
	struct policy_form f;
	int st = rq->too_big ? POLICY_TOO_LARGE
			     : policy_form(rq->route, rq->body, rq->len,
					   &s->cfg.limits, &f);
	if (st != POLICY_OK)
		return send_plain(s, c, rq, st);
	/* A vote or a group counts only on the ballot of the cookie the
	 * page set: without it, every tap would be another ballot. */
	if (rq->new_id) {
		struct page p;
		page_init(&p);
		page_message(&p, s->code,
			     "This phone did not send back the page's cookie. "
			     "Allow cookies for this address, then open it "
			     "again: the cookie keeps your vote yours, and "
			     "anonymous.");
		return send_page(s, c, rq, POLICY_BAD_REQUEST, &p);
	}
	bool fresh;
	if (!may_make(s, rq, &fresh))
		return too_many_ballots(s, c, rq);
	enum server_answer a =
		rq->route == ROUTE_GROUP
			? s->app.group(s->app.ctx, rq->id, f.group - 1)
			: s->app.vote(s->app.ctx, rq->id, f.item - 1,
				      f.round - 1, f.view);
	made(s, rq, fresh);
	if (a == SERVER_SAVED)
		return send_body(s, c, rq, POLICY_SEE_OTHER,
				 "text/plain; charset=utf-8", "", 0);
	if (a == SERVER_REFUSED)
		return send_plain(s, c, rq, POLICY_BAD_REQUEST);
	if (a == SERVER_FAILED)
		return send_plain(s, c, rq, POLICY_UNAVAILABLE);
	struct page p;
	page_init(&p);
	if (a == SERVER_FULL)
		return box_full(s, c, rq, &p);
	page_message(&p, s->code, refusal(s, rq->route, &f));
	return send_page(s, c, rq, POLICY_CONFLICT, &p);
}

/* ---- the request's headers ----------------------------------------- */

struct header_sum {
	size_t bytes;
	int args;
};

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind,
				  const char *key, const char *value)
{
	struct header_sum *h = cls;
	if (kind == MHD_GET_ARGUMENT_KIND)
		h->args++;
	else
		h->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/*
 * What the headers alone decide: the limits first (so that a flood
 * costs no parsing), then the route, the query, the cookie and, for a
 * form, its type and announced size.  0 when the request goes on.
 */
static int judge(struct server *s, struct MHD_Connection *c, const char *url,
		 const char *method, struct request *rq, int slot)
{
	int st = policy_admit(&s->peers, slot, now_ms(s));
	if (st != POLICY_OK)
		return st;
	struct header_sum h = {strlen(url) + strlen(method) + 12, 0};
	mhd.get_connection_values(c, MHD_HEADER_KIND | MHD_GET_ARGUMENT_KIND,
				  add_header, &h);
	if (h.bytes > s->cfg.limits.header_max)
		return POLICY_HEADERS_TOO_LARGE;
	/* No page takes a query: with one, no path is a page. */
	if (h.args > 0)
		return POLICY_NOT_FOUND;
	st = policy_route(method, url, s->code, &rq->route);
	if (st != POLICY_OK)
		return st;
	const char *cookie =
		mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	if (policy_cookie(cookie, rq->id) != POLICY_OK)
		return POLICY_BAD_REQUEST;
	if (rq->route != ROUTE_GROUP && rq->route != ROUTE_VOTE)
		return 0;
	const char *type =
		mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	static const char form[] = "application/x-www-form-urlencoded";
	if (type == NULL || strncasecmp(type, form, sizeof form - 1) != 0 ||
	    (type[sizeof form - 1] != '\0' && type[sizeof form - 1] != ';'))
		return POLICY_BAD_REQUEST;
	const char *length = mhd.lookup_connection_value(c, MHD_HEADER_KIND,
							 "Content-Length");
	if (length && strtoull(length, NULL, 10) > s->cfg.limits.body_max)
		return POLICY_TOO_LARGE;
	return 0;
}

static intptr_t slot_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		mhd.get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci && ci->socket_context ? (intptr_t)ci->socket_context - 1 : -1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct request *rq = *con_cls;
	(void)version;
	if (rq == NULL) {
		rq = calloc(1, sizeof *rq + s->cfg.limits.body_max + 1);
		if (rq == NULL)
			return MHD_NO;
		*con_cls = rq;
		rq->slot = (int)slot_of(c);
		rq->status = judge(s, c, url, method, rq, rq->slot);
		if (rq->status)
			return send_plain(s, c, rq, rq->status);
		if (rq->id[0] == '\0') {
			if (new_id(rq->id) != 0)
				return send_plain(s, c, rq, POLICY_UNAVAILABLE);
			rq->new_id = true;
		}
		if (rq->route == ROUTE_PAGE || rq->route == ROUTE_STATE)
			return answer_get(s, c, rq);
		return MHD_YES; /* the form's body comes next */
	}
	if (*upload_size > 0) {
		size_t room = s->cfg.limits.body_max - rq->len;
		if (*upload_size > room || rq->too_big) {
			/* Past the limit the body is read on, so the phone
			 * gets its 413 at the end, but only so far: a body
			 * with no end in sight has its connection closed. */
			rq->too_big = true;
			rq->skipped += *upload_size;
			*upload_size = 0;
			return rq->skipped > SKIP_MAX ? MHD_NO : MHD_YES;
		}
		memcpy(rq->body + rq->len, upload, *upload_size);
		rq->len += *upload_size;
		*upload_size = 0;
		return MHD_YES;
	}
	return answer_post(s, c, rq);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	free(*con_cls);
	*con_cls = NULL;
}

/* Each connection's address is followed from its opening to its end. */
static void on_connection(void *cls, struct MHD_Connection *c, void **sock,
			  enum MHD_ConnectionNotificationCode what)
{
	struct server *s = cls;
	if (what == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (*sock)
			policy_close(&s->peers, (int)((intptr_t)*sock - 1));
		*sock = NULL;
		return;
	}
	const union MHD_ConnectionInfo *ci =
		mhd.get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	unsigned char key[16];
	size_t len = 0;
	if (sa && sa->sa_family == AF_INET)
		len = policy_key(
			(const unsigned char *)&((const struct sockaddr_in *)sa)
				->sin_addr,
			4, key);
	else if (sa && sa->sa_family == AF_INET6)
		len = policy_key(
			((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr,
			16, key);
	/* Followed by its key: IPv4 in IPv6 as the IPv4 address. */
	int slot = len ? policy_open(&s->peers, key, len, now_ms(s)) : -1;
	/* No slot: every request on it is refused by policy_admit. */
	*sock = slot < 0 ? NULL : (void *)(intptr_t)(slot + 1);
}

/* ---- the daemon ---------------------------------------------------- */

/* "ADDR:PORT" or "[ADDR]:PORT" into ss; -1 when it is neither. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss,
			socklen_t *len)
{
	char host[64];
	const char *colon = listen ? strrchr(listen, ':') : NULL;
	if (colon == NULL || colon == listen ||
	    (size_t)(colon - listen) >= sizeof host)
		return -1;
	char *end;
	errno = 0;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (colon[1] < '0' || colon[1] > '9' || *end || errno || port > 65535)
		return -1;
	size_t n = (size_t)(colon - listen);
	bool v6 = listen[0] == '[' && listen[n - 1] == ']';
	memcpy(host, listen + v6, n - 2 * v6);
	host[n - 2 * v6] = '\0';
	memset(ss, 0, sizeof *ss);
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*len = sizeof *a;
		return inet_pton(AF_INET6, host, &a->sin6_addr) == 1 ? 6 : -1;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	*len = sizeof *a;
	return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 4 : -1;
}

/* The port bound, from the listening socket itself. */
static int bound_port(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *di =
		mhd.get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	if (di == NULL ||
	    getsockname(di->listen_fd, (struct sockaddr *)&ss, &len) != 0)
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/*
 * The path is taken as sent, never percent-decoded: no route has a
 * byte that needs an escape, and libmicrohttpd's own decoding turns
 * "/CODE%00junk" into "/CODE", a page for any path that starts with
 * the code.  An escaped path is no route: 404.
 */
static size_t as_sent(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static struct MHD_Daemon *start(struct server *s, struct sockaddr *sa, bool v6)
{
	const struct policy_limits *l = &s->cfg.limits;
	/* libmicrohttpd's own limits sit above ours, which answer first:
	 * past them it refuses a connection without a word.  The address
	 * is not shared (no SO_REUSEPORT): a port taken by another program
	 * is an error the facilitator is told of. */
	unsigned flags = MHD_USE_EPOLL | (v6 ? MHD_USE_IPv6 : 0);
	return mhd.start_daemon(
		flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)(l->total + 16),
		MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned)(l->per_address + 4), MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)l->timeout_seconds,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)(l->header_max * 2 + l->body_max + 8192),
		MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		MHD_OPTION_UNESCAPE_CALLBACK, as_sent, NULL, MHD_OPTION_END);
}

int server_start(struct server **out, const struct server_config *cfg,
		 const struct server_app *app, struct error *err)
{
	struct sockaddr_storage ss;
	socklen_t len;
	*out = NULL;
	if (mhd_load(err) != 0)
		return -1;
	int family = parse_listen(cfg->listen, &ss, &len);
	if (family < 0) {
		error_set(err, 0,
			  "cannot listen on '%.64s': not "
			  "ADDR:PORT, such as 192.168.1.10:8080",
			  cfg->listen ? cfg->listen : "");
		return -1;
	}
	if (!policy_code_valid(cfg->code) || cfg->limits.body_max == 0 ||
	    cfg->limits.total < 1 || cfg->limits.per_address < 1 ||
	    !app->shown || !app->ballot || !app->group || !app->vote) {
		error_set(err, 0,
			  "a session code, limits and the application's "
			  "callbacks are needed to listen");
		return -1;
	}
	struct server *s = calloc(1, sizeof *s);
	if (s == NULL) {
		error_set(err, 0, "out of memory");
		return -1;
	}
	s->app = *app;
	s->cfg = *cfg;
	snprintf(s->code, sizeof s->code, "%s", cfg->code);
	policy_peers_init(&s->peers, &cfg->limits);
	errno = 0;
	s->d = start(s, (struct sockaddr *)&ss, family == 6);
	if (s->d == NULL) {
		int e = errno ? errno : EADDRNOTAVAIL;
		error_errno(err, "cannot listen on", cfg->listen, e);
		free(s);
		return -1;
	}
	s->port = bound_port(s->d);
	*out = s;
	return 0;
}

void server_stop(struct server *s)
{
	if (s == NULL)
		return;
	mhd.stop_daemon(s->d);
	free(s);
}

int server_port(const struct server *s)
{
	return s->port;
}

int server_fd(const struct server *s)
{
	const union MHD_DaemonInfo *di =
		mhd.get_daemon_info(s->d, MHD_DAEMON_INFO_EPOLL_FD);
	return di ? di->epoll_fd : -1;
}

int server_timeout(const struct server *s)
{
	MHD_UNSIGNED_LONG_LONG ms;
	if (mhd.get_timeout(s->d, &ms) != MHD_YES)
		return -1;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

void server_run(struct server *s)
{
	mhd.run(s->d);
}
