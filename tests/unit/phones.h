/*
 * phones: a room of phones voting at once on loopback, for the load test
 * (test_server_load.c) and for make bench (tests/bench_phones.c).
 *
 * The server is net/server on 127.0.0.1, port 0, with an application in
 * memory: core/ballot behind struct server_app, where a save is counted,
 * not written.  Each phone has its own address (127.0.0.2, .3, ...:
 * loopback answers all of 127/8), as phones on a room's network do, so
 * that the limits per address are not what is met.  Even phones bring
 * a ballot cookie of their own; odd ones come without, open the page
 * first and keep the cookie the server sets, as a vote counts only
 * with a cookie.  Nothing here sleeps or reads the clock: the loop
 * waits on descriptors, with a bound on a stuck run.
 */
#ifndef HANDSUP_TESTS_PHONES_H
#define HANDSUP_TESTS_PHONES_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/ballot.h"
#include "net/server.h"

#define PHONES_MAX  250
#define PHONES_CODE "R4nD0mC0de"
/* The one item open for votes, and its views. */
#define PHONES_ITEM  0
#define PHONES_VIEWS 3

/* The application behind the server: ballots, and what was asked. */
struct phones_app {
	struct ballots bs;
	struct page_shown shown;
	long calls;    /* vote callbacks */
	long saves;    /* ... answered SERVER_SAVED */
	long long now; /* the rate limit's clock, in ms */
};

struct phone {
	char id[BALLOT_ID_MAX + 1]; /* "" until the server sets one */
	bool cookie_set;	    /* the last answer set a cookie */
	bool given;		    /* the server set its cookie, once */
	int status;		    /* the last answer's, 0: none */
	int fd;			    /* -1 between votes */
	char out[512];
	size_t out_len, sent;
	char in[4096];
	size_t got;
};

struct phones {
	struct phones_app app;
	struct server *s;
	int n;
	struct phone phone[PHONES_MAX];
	struct pollfd pfd[PHONES_MAX + 1];
};

/*
 * Starts the server and n phones (1..PHONES_MAX), none connected yet.
 * Returns 0, or -1 with why (cap bytes) saying what failed.
 */
int phones_start(struct phones *p, int n, char *why, size_t cap);

/*
 * Every phone votes view[k] (1-based) on PHONES_ITEM at once (those
 * without a cookie open the page first, all at once): n connections
 * opened, n POSTs sent, and the server run from poll()
 * until every phone has its whole answer.  Each phone's status and
 * cookie are kept.  Returns 0, or -1 with why when a socket call
 * failed or the run stopped moving.
 */
int phones_vote(struct phones *p, const int *view, char *why, size_t cap);

void phones_stop(struct phones *p);

#endif
