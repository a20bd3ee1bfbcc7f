/*
 * Fuzz target for the server itself: the bytes are sent as they are on
 * one loopback connection to net/server (libmicrohttpd in external-poll
 * mode, a ballot box behind its callbacks), and the server is run until
 * it has closed the connection or waits for more from the phone.  One
 * server serves every input, as it serves a room; each input comes
 * from an address of its own and an hour after the one before, with an
 * empty ballot box, so that none depends on the ones before.  Beyond not crashing, leaking or hanging: every
 * callback is handed a well-formed ballot id, every answer starts with
 * a status line, and the ballot box holds only votes on the item that
 * is open.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/error.h"
#include "core/ballot.h"
#include "net/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CODE "K7Q2M9XA"

struct box {
	struct ballots bs;
	struct page_shown shown;
};

static void id_or_die(const char *id)
{
	if (!ballot_id_valid(id))
		abort();
}

static void app_shown(void *ctx, struct page_shown *out)
{
	*out = ((struct box *)ctx)->shown;
}

static void app_ballot(void *ctx, const char *id, int item, int round,
		       int *group, int *view)
{
	struct box *b = ctx;
	id_or_die(id);
	const struct ballot *x = ballots_find(&b->bs, id);
	*group = x ? x->group : -1;
	*view = ballot_view(&b->bs, x, item, round);
}

static enum server_answer answer(enum ballot_status st)
{
	if (st == BALLOT_OK)
		return SERVER_SAVED;
	return st == BALLOT_CLOSED || st == BALLOT_FIXED ? SERVER_CLOSED
							 : SERVER_REFUSED;
}

static enum server_answer app_group(void *ctx, const char *id, int group)
{
	id_or_die(id);
	return answer(ballots_set_group(&((struct box *)ctx)->bs, id, group));
}

static enum server_answer app_vote(void *ctx, const char *id, int item,
				   int round, int view)
{
	struct box *b = ctx;
	struct ballot_open o = {true, b->shown.item, b->shown.round};
	id_or_die(id);
	return answer(ballots_vote(&b->bs, id, item, round, view, &o));
}

static enum server_answer app_join(void *ctx, const char *id)
{
	id_or_die(id);
	return answer(ballots_join(&((struct box *)ctx)->bs, id, NULL));
}

static bool app_known(void *ctx, const char *id)
{
	id_or_die(id);
	return ballots_find(&((struct box *)ctx)->bs, id) != NULL;
}

static long long clock_ms(void *ctx)
{
	return *(long long *)ctx;
}

static void open_box(struct box *b)
{
	static const int nviews[2] = {2, 3};
	static const char *groups[3] = {"Sales", "Marketing", "Leadership"};
	memset(b, 0, sizeof *b);
	if (ballots_init(&b->bs, 2, nviews, 3) != 0)
		abort();
	b->shown.title = "The Widening Divide";
	b->shown.item = 1;
	b->shown.open = true;
	b->shown.heading = "Who Owns It";
	b->shown.nviews = 3;
	b->shown.views[0] = "Sales leadership";
	b->shown.views[1] = "Everyone";
	b->shown.views[2] = "Nobody <yet>";
	b->shown.ngroups = 3;
	for (int g = 0; g < 3; g++)
		b->shown.groups[g] = groups[g];
}

/* Only the open item has votes, and every ballot is a phone's. */
static void check_box(const struct box *b)
{
	struct ballot_counts c;
	ballots_counts(&b->bs, 0, 0, &c);
	if (c.voted != 0)
		abort();
	for (int i = 0; i < b->bs.n; i++)
		id_or_die(b->bs.b[i].id);
}

/*
 * A connection from 127.1.0.0 + n.  A new address each time keeps the
 * inputs apart in the limits, and keeps the closed connections waiting
 * out TCP's TIME_WAIT from taking every port of one address.
 */
static int dial(const struct server *s, unsigned n)
{
	struct sockaddr_in me = {0}, to = {0};
	struct linger now = {1, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	me.sin_family = to.sin_family = AF_INET;
	me.sin_addr.s_addr = htonl(0x7f010000u + (n & 0xffffffu));
	to.sin_addr.s_addr = htonl(0x7f000001u);
	to.sin_port = htons((uint16_t)server_port(s));
	/* Closed with a reset: no TIME_WAIT on this side either. */
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_LINGER, &now, sizeof now) ||
	    bind(fd, (struct sockaddr *)&me, sizeof me) != 0)
		abort();
	/* Loopback completes the handshake before the server accepts. */
	if (connect(fd, (struct sockaddr *)&to, sizeof to) != 0)
		abort();
	return fd;
}

/* The server, made once. */
static struct server *serve(struct box *b, long long *clock)
{
	static struct server *s;
	struct error err;
	if (s)
		return s;
	struct server_app app = {b,	   app_shown, app_ballot, app_group,
				 app_vote, app_join,  app_known};
	struct server_config cfg = {"127.0.0.1:0", CODE, {0}, clock_ms, clock};
	policy_defaults(&cfg.limits);
	if (server_start(&s, &cfg, &app, &err) != 0) {
		fprintf(stderr, "server_start: %s\n", err.msg);
		abort();
	}
	return s;
}

/* After the phone has gone, the server closes its end too. */
static void forget(struct server *s)
{
	for (int rounds = 0; server_timeout(s) != -1; rounds++) {
		if (rounds > 1000)
			abort();
		struct pollfd p = {server_fd(s), POLLIN, 0};
		poll(&p, 1, 1000);
		server_run(s);
	}
}

/* Reads what the server has sent; 1 once it has closed. */
static int drain(int fd, char *in, size_t cap, size_t *got)
{
	for (;;) {
		char buf[4096];
		ssize_t r = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
		if (r == 0 || (r < 0 && errno == ECONNRESET))
			return 1;
		if (r < 0) {
			if (errno != EAGAIN)
				abort();
			return 0;
		}
		size_t take = (size_t)r < cap - *got ? (size_t)r : cap - *got;
		memcpy(in + *got, buf, take);
		*got += take;
	}
}

/*
 * Runs the server until it closes the connection, or until it waits on
 * the phone: nothing to read on either side and no work of its own due.
 * Loopback hands every byte over at once, so that is known without a
 * clock; a phone that stops sending is left to the server's timeout.
 */
static size_t converse(struct server *s, int fd, char *in, size_t cap)
{
	size_t got = 0;
	for (int rounds = 0; rounds < 10000; rounds++) {
		server_run(s);
		if (drain(fd, in, cap, &got))
			return got;
		struct pollfd p[2] = {{server_fd(s), POLLIN, 0},
				      {fd, POLLIN, 0}};
		int n = poll(p, 2, 0);
		if (n < 0 && errno != EINTR)
			abort();
		if (n == 0 && server_timeout(s) != 0)
			return got;
	}
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct box b;
	static char in[1 << 16];
	static long long clock;
	static unsigned inputs;
	struct server *s = serve(&b, &clock);
	open_box(&b);
	clock += 3600 * 1000;
	int fd = dial(s, inputs++);
	/* The input in the send buffer at once: loopback's holds far more
	 * than libFuzzer's inputs. */
	if (size > 65536)
		size = 65536;
	for (size_t at = 0; at < size;) {
		ssize_t w = send(fd, data + at, size - at, MSG_NOSIGNAL);
		if (w <= 0)
			break;
		at += (size_t)w;
	}
	size_t got = converse(s, fd, in, sizeof in);
	if (got > 0 && (got < 12 || memcmp(in, "HTTP/1.", 7) != 0))
		abort();
	close(fd);
	forget(s);
	check_box(&b);
	ballots_free(&b.bs);
	return 0;
}
