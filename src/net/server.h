/*
 * server: the phones' HTTP server, on libmicrohttpd in external-poll
 * mode.  It never starts a thread: the caller puts server_fd in its own
 * poll() (for POLLIN), waits at most server_timeout, and calls
 * server_run when the descriptor is ready or the time is up.
 *
 * It binds only where it is told, serves only the built-in pages of
 * page.h under the session's code, and asks the application, through
 * struct server_app, what the room sees and what each ballot did.  A
 * group or a vote is answered only after its callback has returned:
 * the application saves the ballot before it returns SERVER_SAVED, so
 * a phone told "saved" has a ballot on disk.  Every request goes
 * through policy.h first (limits: 413, 429, 431, 503), and nothing in
 * a request waits for another: a slow phone holds only its connection.
 */
#ifndef HANDSUP_SERVER_H
#define HANDSUP_SERVER_H

#include "net/page.h"
#include "net/policy.h"

struct error;
struct server;

/* What the application answers to a group or a vote. */
enum server_answer {
	SERVER_SAVED,	/* done and saved: the phone is sent back to its page */
	SERVER_CLOSED,	/* voting is not open there (409, with a message) */
	SERVER_REFUSED, /* not a group, view or item the deck has (400) */
	SERVER_FAILED,	/* could not save (503): the phone may try again */
	SERVER_FULL,	/* no room for another ballot (503, with a message) */
};

struct server_app {
	void *ctx;
	/* What the projector shows now; strings only needed until return. */
	void (*shown)(void *ctx, struct page_shown *out);
	/*
	 * What the ballot id has: its group (0-based, -1 none) and its
	 * view (1-based, 0 none) on item and round.  An unknown id has
	 * neither.
	 */
	void (*ballot)(void *ctx, const char *id, int item, int round,
		       int *group, int *view);
	/* Sets the ballot's group (0-based); saved before SERVER_SAVED. */
	enum server_answer (*group)(void *ctx, const char *id, int group);
	/* The ballot's vote (all 0-based but view); saved likewise. */
	enum server_answer (*vote)(void *ctx, const char *id, int item,
				   int round, int view);
	/*
	 * A phone opened the page with ballot id (made for it if it had
	 * none): the application counts it as joined, saved before
	 * SERVER_SAVED, so that "phones joined" counts phones that have not
	 * voted yet.  SERVER_FULL: no room for another ballot.  NULL: a
	 * ballot is made by its first group or vote only.
	 */
	enum server_answer (*join)(void *ctx, const char *id);
	/*
	 * Whether id is a ballot already.  With it, each address may make
	 * only limits.ballots_per_address ballots (429 past them, with a
	 * message); NULL: no such limit.  join and known may be NULL, the
	 * other callbacks not.
	 */
	bool (*known)(void *ctx, const char *id);
};

struct server_config {
	/* "ADDR:PORT": an IPv4 address, or "[IPv6]:PORT"; port 0 picks one. */
	const char *listen;
	const char *code; /* the session's code (policy_code_valid) */
	struct policy_limits limits;
	/* The clock of the rate limit, in ms; NULL: CLOCK_MONOTONIC. */
	long long (*now_ms)(void *ctx);
	void *clock_ctx;
};

/*
 * Binds and listens.  Returns 0 with *out set, or -1 with err saying
 * why in words a facilitator can act on ("cannot listen on ...: address
 * already in use").
 */
int server_start(struct server **out, const struct server_config *cfg,
		 const struct server_app *app, struct error *err);
void server_stop(struct server *s);

/* The port listened on (the one chosen when 0 was asked). */
int server_port(const struct server *s);

/* The descriptor to poll for POLLIN: libmicrohttpd's epoll descriptor. */
int server_fd(const struct server *s);

/*
 * Milliseconds until server_run must be called even with nothing to
 * read (a connection's timeout), or -1 when only the descriptor matters.
 */
int server_timeout(const struct server *s);

/* Does what is ready: accepts, reads, answers, closes. Never blocks. */
void server_run(struct server *s);

#endif
