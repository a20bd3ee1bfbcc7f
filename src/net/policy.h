/*
 * policy: what a phone may send, and how much of it.  Pure: the time is
 * handed in, nothing is read or written.  Every function answers with
 * the HTTP status the request gets, so that the server only carries out
 * what the policy decides.
 *
 * The routes, under the session's code (CODE, made by the caller):
 *
 *     GET  /CODE          the page: the join page, or the item to vote on
 *     GET  /CODE/state    what the page's script polls: "ITEM ROUND OPEN"
 *     POST /CODE/group    form group=N: the ballot's group, then 303
 *     POST /CODE/vote     form item=I&round=R&view=V: the vote, then 303
 *
 * HEAD is taken wherever GET is.  Any other path, a wrong code, a query
 * string, a trailing slash, "..": 404.  A known path with another
 * method: 405.
 */
#ifndef HANDSUP_POLICY_H
#define HANDSUP_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ballot.h"

/* The HTTP statuses a request can get. */
enum {
	POLICY_OK = 200,
	POLICY_SEE_OTHER = 303,
	POLICY_BAD_REQUEST = 400,
	POLICY_NOT_FOUND = 404,
	POLICY_BAD_METHOD = 405,
	POLICY_CONFLICT = 409,
	POLICY_TOO_LARGE = 413,
	POLICY_TOO_MANY = 429,
	POLICY_HEADERS_TOO_LARGE = 431,
	POLICY_UNAVAILABLE = 503,
};

/* A session code: POLICY_CODE_MIN..POLICY_CODE_MAX of A-Z a-z 0-9. */
#define POLICY_CODE_MIN 6
#define POLICY_CODE_MAX 32
/* The ballot cookie's name, and its value's bounds (a ballot id). */
#define POLICY_COOKIE "handsup"
#define POLICY_ID_MIN BALLOT_ID_MIN
#define POLICY_ID_MAX BALLOT_ID_MAX
/* A form field's value: a small whole number. */
#define POLICY_FIELD_MAX 4
/* Addresses whose connections and rate are followed at once. */
#define POLICY_MAX_PEERS 256

enum policy_route {
	ROUTE_NONE,
	ROUTE_PAGE,
	ROUTE_STATE,
	ROUTE_GROUP,
	ROUTE_VOTE,
};

struct policy_limits {
	size_t body_max;     /* bytes of a form body: 413 past it */
	size_t header_max;   /* bytes of the request line and headers: 431 */
	int per_address;     /* open connections of one address: 503 past */
	int total;	     /* open connections in all: 503 past */
	int burst;	     /* requests an address may make at once */
	int per_second;	     /* ... and again each second after: 429 */
	int timeout_seconds; /* an idle or slow connection is closed */
	/* Ballots one address may make in a session: a phone that lost
	 * its cookie (a private tab closed) gets another, a script that
	 * makes up ids does not get a room of them.  0: no limit. */
	int ballots_per_address;
};

/* The limits handsup runs with. */
void policy_defaults(struct policy_limits *l);

/* Whether s is a well-formed session code. */
bool policy_code_valid(const char *s);

/*
 * The route of method and path under code, in *route: 200, 404 (any
 * path that is not a route, *route ROUTE_NONE) or 405 (*route set).
 */
int policy_route(const char *method, const char *path, const char *code,
		 enum policy_route *route);

/* A form's fields; -1 where absent. */
struct policy_form {
	int group, item, round, view;
};

/*
 * Reads an application/x-www-form-urlencoded body (len bytes, not
 * NUL-terminated) for route: only that route's fields, each once, each
 * a number of 1 to POLICY_FIELD_MAX digits (percent-encoded or not),
 * every one the route needs.  200 with *f filled, 400, or 413 past
 * limits->body_max.
 */
int policy_form(enum policy_route route, const char *body, size_t len,
		const struct policy_limits *limits, struct policy_form *f);

/*
 * Finds the ballot cookie in a Cookie header (NULL: none).  200 with
 * the id copied into id (POLICY_ID_MAX + 1 bytes), or "" when the
 * header has no ballot cookie; 400 when the header is too long, ends
 * in a separator, or has a ballot cookie that is not an id or is given
 * twice.  Other cookies are skipped whatever they hold.
 */
int policy_cookie(const char *header, char *id);

/*
 * Percent-decodes s[0..len) into out (cap bytes, NUL-terminated): "+"
 * is a space, "%XX" two hex digits.  Returns the length, or -1 for a
 * bad escape, a NUL byte decoded, or no room.
 */
long policy_decode(const char *s, size_t len, char *out, size_t cap);

/* One address followed: its open connections and its tokens. */
struct policy_peer {
	unsigned char addr[16];
	unsigned char len; /* 0: a free slot */
	int open;
	double tokens;
	long long at_ms; /* when tokens were last filled */
};

struct policy_peers {
	struct policy_limits limits;
	int open; /* connections in all */
	struct policy_peer peer[POLICY_MAX_PEERS];
};

void policy_peers_init(struct policy_peers *p, const struct policy_limits *l);

/*
 * A connection from addr (len bytes: 4 for IPv4, 16 for IPv6) opened or
 * closed.  Opening returns the peer's slot, or -1 when every slot is an
 * address with open connections (the server refuses the connection).
 */
int policy_open(struct policy_peers *p, const unsigned char *addr, size_t len,
		long long now_ms);
void policy_close(struct policy_peers *p, int slot);

/*
 * A request on a connection of slot at now_ms: 200, 503 when the
 * address or everyone has more connections open than the limits allow,
 * or 429 when the address has no token left (a token bucket of burst
 * tokens, filled at per_second).
 */
int policy_admit(struct policy_peers *p, int slot, long long now_ms);

/*
 * An address as it is followed, into key (16 bytes): IPv4 as its 4
 * bytes, an IPv4-mapped IPv6 address as that IPv4 address (one phone is
 * one address whichever way it connects), and any other IPv6 address
 * whole: on the room's own network all phones share one /64.  Returns
 * the key's length; 0 for a length that is neither 4 nor 16.
 */
size_t policy_key(const unsigned char *addr, size_t len, unsigned char *key);

/* The addresses that made ballots, and how many each: kept for the
 * whole run, never given to another address. */
#define POLICY_MAX_MAKERS BALLOT_MAX
struct policy_maker {
	unsigned char addr[16];
	unsigned char len;
	int made;
};
struct policy_makers {
	int n;
	struct policy_maker m[POLICY_MAX_MAKERS];
};

/*
 * Whether the address (a policy_key) may make one more ballot: 200, or
 * 429 once it has made limits->ballots_per_address of them, or when
 * POLICY_MAX_MAKERS other addresses have.
 */
int policy_may_make(const struct policy_makers *m,
		    const struct policy_limits *limits,
		    const unsigned char *addr, size_t len);
/* The address made a ballot. */
void policy_made(struct policy_makers *m, const unsigned char *addr,
		 size_t len);

#endif
