/*
 * Tests of server over loopback: real HTTP requests from a small client
 * on raw sockets, the server driven only through server_fd,
 * server_timeout and server_run in the test's own poll() loop, as the
 * event loop will drive it.  The application behind it is core/ballot,
 * and the rate limit's clock is the test's, so that every count is
 * exact.  No test sleeps or reads the time: each waits on descriptors,
 * with a bound on the rounds of its loop.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/error.h"
#include "core/ballot.h"
#include "net/server.h"

#define CODE "K7Q2M9XA"

/* ---- the application: ballots behind the callbacks ----------------- */

struct fake {
	struct ballots bs;
	struct page_shown shown;
	enum server_answer force; /* SERVER_SAVED: do what is asked */
	int saves;		  /* ballots "saved" */
	char last_id[BALLOT_ID_MAX + 1];
	long long now;
};

static const int views[3] = {2, 2, 3};

static void app_shown(void *ctx, struct page_shown *out)
{
	struct fake *f = ctx;
	*out = f->shown;
}

static void app_ballot(void *ctx, const char *id, int item, int round,
		       int *group, int *view)
{
	struct fake *f = ctx;
	const struct ballot *b = ballots_find(&f->bs, id);
	*group = b && f->bs.ngroups > 1 ? b->group : -1;
	*view = ballot_view(&f->bs, b, item, round);
}

static enum server_answer app_group(void *ctx, const char *id, int group)
{
	struct fake *f = ctx;
	if (f->force != SERVER_SAVED)
		return f->force;
	switch (ballots_set_group(&f->bs, id, group)) {
	case BALLOT_OK:
		break;
	case BALLOT_FIXED:
		return SERVER_CLOSED;
	default:
		return SERVER_REFUSED;
	}
	snprintf(f->last_id, sizeof f->last_id, "%s", id);
	f->saves++;
	return SERVER_SAVED;
}

static enum server_answer app_vote(void *ctx, const char *id, int item,
				   int round, int view)
{
	struct fake *f = ctx;
	if (f->force != SERVER_SAVED)
		return f->force;
	struct ballot_open o = {f->shown.open, f->shown.item, f->shown.round};
	switch (ballots_vote(&f->bs, id, item, round, view, &o)) {
	case BALLOT_OK:
		break;
	case BALLOT_CLOSED:
		return SERVER_CLOSED;
	default:
		return SERVER_REFUSED;
	}
	snprintf(f->last_id, sizeof f->last_id, "%s", id);
	f->saves++;
	return SERVER_SAVED;
}

static enum server_answer app_join(void *ctx, const char *id)
{
	struct fake *f = ctx;
	if (f->force != SERVER_SAVED)
		return f->force;
	return ballots_join(&f->bs, id, NULL) == BALLOT_OK ? SERVER_SAVED
							   : SERVER_REFUSED;
}

static bool app_known(void *ctx, const char *id)
{
	return ballots_find(&((struct fake *)ctx)->bs, id) != NULL;
}

static long long clock_ms(void *ctx)
{
	return ((struct fake *)ctx)->now;
}

struct fix {
	struct fake app;
	struct server *s;
	struct policy_limits limits;
	bool join;  /* give the server a join callback */
	bool known; /* ... and a known one: ballots made per address */
};

static struct fix *fix;

static void show_item(struct fake *f, int item, bool open)
{
	static const char *headings[3] = {"Regarding the Scope", "Who Owns It",
					  "What Counts"};
	static const char *texts[3][3] = {
		{"Skills of the sales force", "Scale the right behaviors"},
		{"Sales leadership", "Everyone"},
		{"Activity", "Outcomes", "Both"},
	};
	f->shown.item = item;
	f->shown.round = 0;
	f->shown.open = open;
	f->shown.heading = headings[item];
	f->shown.nviews = views[item];
	for (int v = 0; v < views[item]; v++)
		f->shown.views[v] = texts[item][v];
}

static int start_with(struct fix *x, int ngroups)
{
	struct error err;
	static const char *groups[] = {"Sales Training", "Product Marketing",
				       "Sales Leadership"};
	memset(&x->app, 0, sizeof x->app);
	assert_int_equal(ballots_init(&x->app.bs, 3, views, ngroups), 0);
	x->app.shown.title = "The Widening Divide";
	x->app.shown.ngroups = ngroups;
	for (int g = 0; g < ngroups && g < 3; g++)
		x->app.shown.groups[g] = groups[g];
	show_item(&x->app, 0, true);
	struct server_app app = {&x->app,
				 app_shown,
				 app_ballot,
				 app_group,
				 app_vote,
				 x->join ? app_join : NULL,
				 x->known ? app_known : NULL};
	struct server_config cfg = {"127.0.0.1:0", CODE, x->limits, clock_ms,
				    &x->app};
	if (server_start(&x->s, &cfg, &app, &err) != 0)
		fail_msg("server_start: %s", err.msg);
	return 0;
}

/* The fixture's server again, without groups, after a change to its
 * settings (fix->join, fix->limits). */
static void restart_without_groups(void)
{
	server_stop(fix->s);
	ballots_free(&fix->app.bs);
	assert_int_equal(start_with(fix, 1), 0);
}

static int setup(void **state)
{
	fix = calloc(1, sizeof *fix);
	policy_defaults(&fix->limits);
	*state = fix;
	return start_with(fix, 3);
}

static int teardown(void **state)
{
	(void)state;
	server_stop(fix->s);
	ballots_free(&fix->app.bs);
	free(fix);
	return 0;
}

/* ---- the client ---------------------------------------------------- */

/* The server's loop: one poll() over its descriptor and the client's. */
static void pump(int client, short events)
{
	struct pollfd p[2] = {{server_fd(fix->s), POLLIN, 0},
			      {client, events, 0}};
	int t = server_timeout(fix->s);
	/* A bound on a stuck test, never a time any test depends on. */
	if (t < 0 || t > 5000)
		t = 5000;
	int n = poll(p, client >= 0 ? 2 : 1, t);
	assert_true(n >= 0);
	if (n == 0 || (p[0].revents & POLLIN))
		server_run(fix->s);
}

/* A connection from addr (127.0.0.N: loopback answers all of 127/8). */
static int dial(int n)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in me = {0}, to = {0};
	me.sin_family = to.sin_family = AF_INET;
	me.sin_addr.s_addr = htonl(0x7f000000u | (unsigned)n);
	to.sin_addr.s_addr = htonl(0x7f000001u);
	to.sin_port = htons((uint16_t)server_port(fix->s));
	assert_int_equal(bind(fd, (struct sockaddr *)&me, sizeof me), 0);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	int rc = connect(fd, (struct sockaddr *)&to, sizeof to);
	assert_true(rc == 0 || errno == EINPROGRESS);
	return fd;
}

static void send_all(int fd, const char *s, size_t len)
{
	for (int rounds = 0; len > 0; rounds++) {
		assert_true(rounds < 1000);
		ssize_t w = send(fd, s, len, MSG_NOSIGNAL);
		if (w < 0) {
			assert_true(errno == EAGAIN || errno == ENOTCONN);
			pump(fd, POLLOUT);
			continue;
		}
		s += w;
		len -= (size_t)w;
	}
}

struct reply {
	int status;
	char text[65536];
	const char *body;
};

/* Reads to the end of the connection (every request says close). */
static void receive(int fd, struct reply *r)
{
	size_t n = 0;
	for (int rounds = 0;; rounds++) {
		assert_true(rounds < 1000);
		ssize_t got = recv(fd, r->text + n, sizeof r->text - 1 - n, 0);
		if (got == 0 || (got < 0 && errno == ECONNRESET))
			break;
		if (got < 0) {
			assert_true(errno == EAGAIN);
			pump(fd, POLLIN);
			continue;
		}
		n += (size_t)got;
		assert_true(n < sizeof r->text - 1);
	}
	r->text[n] = '\0';
	r->status = 0;
	sscanf(r->text, "HTTP/1.%*d %d", &r->status);
	char *b = strstr(r->text, "\r\n\r\n");
	r->body = b ? b + 4 : "";
	close(fd);
}

static int request_from(int addr, const char *raw, struct reply *r)
{
	int fd = dial(addr);
	send_all(fd, raw, strlen(raw));
	receive(fd, r);
	return r->status;
}

/*
 * A request from 127.0.0.ADDR with the usual headers; cookie and body
 * may be NULL.
 */
static int http_at(int addr, const char *method, const char *path,
		   const char *cookie, const char *body, struct reply *r)
{
	char raw[8192];
	int n = snprintf(raw, sizeof raw,
			 "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			 "Connection: close\r\n",
			 method, path);
	if (cookie)
		n += snprintf(raw + n, sizeof raw - (size_t)n, "Cookie: %s\r\n",
			      cookie);
	if (body)
		n += snprintf(raw + n, sizeof raw - (size_t)n,
			      "Content-Type: application/x-www-form-urlencoded"
			      "\r\nContent-Length: %zu\r\n",
			      strlen(body));
	snprintf(raw + n, sizeof raw - (size_t)n, "\r\n%s", body ? body : "");
	/* A second between a phone's requests: the rate limit is not met. */
	fix->app.now += 1000;
	return request_from(addr, raw, r);
}

static int http(const char *method, const char *path, const char *cookie,
		const char *body, struct reply *r)
{
	return http_at(1, method, path, cookie, body, r);
}

static const char *header(const struct reply *r, const char *name, char *out,
			  size_t cap)
{
	char key[64];
	snprintf(key, sizeof key, "\r\n%s: ", name);
	const char *h = strstr(r->text, key);
	if (h == NULL || h > r->body)
		return NULL;
	h += strlen(key);
	size_t n = strcspn(h, "\r");
	snprintf(out, cap, "%.*s", (int)n, h);
	return out;
}

/* The ballot cookie a reply sets, as "handsup=ID" for the next request. */
static void cookie_of(const struct reply *r, char *out, size_t cap)
{
	char v[256];
	assert_non_null(header(r, "Set-Cookie", v, sizeof v));
	snprintf(out, cap, "%.*s", (int)strcspn(v, ";"), v);
}

#define expect_in(r, s)                                                        \
	do {                                                                   \
		if (strstr((r)->body, (s)) == NULL)                            \
			fail_msg("no '%s' in:\n%s", (s), (r)->text);           \
	} while (0)

/* ---- the tests ----------------------------------------------------- */

/* Join, pick a group, vote, change the vote: the whole of a phone. */
static void test_join_vote_change(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char cookie[128], v[256];
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "Which group are you in?");
	expect_in(r, "<button name=\"group\" value=\"2\">Product Marketing");
	assert_non_null(header(r, "Set-Cookie", v, sizeof v));
	assert_non_null(strstr(v, "; Path=/" CODE "; "));
	assert_non_null(strstr(v, "HttpOnly"));
	/* Lax: a link to the page from elsewhere still carries it. */
	assert_non_null(strstr(v, "SameSite=Lax"));
	/* A week: a workshop resumed another day keeps its phones. */
	assert_non_null(strstr(v, "Max-Age=604800"));
	assert_non_null(header(r, "Content-Security-Policy", v, sizeof v));
	cookie_of(r, cookie, sizeof cookie);
	assert_int_equal(ballots_joined(&fix->app.bs), 0);

	assert_int_equal(http("POST", "/" CODE "/group", cookie, "group=2", r),
			 303);
	assert_string_equal(header(r, "Location", v, sizeof v), "/" CODE);
	assert_null(header(r, "Set-Cookie", v, sizeof v));
	assert_int_equal(ballots_find(&fix->app.bs, cookie + 8)->group, 1);

	assert_int_equal(http("GET", "/" CODE, cookie, NULL, r), 200);
	expect_in(r, "<h1>Regarding the Scope</h1>");
	expect_in(r, "<input type=\"hidden\" name=\"item\" value=\"1\">");
	expect_in(r, "Skills of the sales force</button>");
	expect_in(r, "<script>");
	expect_in(r, "\"1 1 open\"");
	assert_null(strstr(r->body, "your vote"));

	assert_int_equal(http("POST", "/" CODE "/vote", cookie,
			      "item=1&round=1&view=1", r),
			 303);
	struct ballot_counts c;
	ballots_counts(&fix->app.bs, 0, 0, &c);
	assert_int_equal(c.group[1][0], 1);
	assert_int_equal(http("POST", "/" CODE "/vote", cookie,
			      "item=1&round=1&view=2", r),
			 303);
	ballots_counts(&fix->app.bs, 0, 0, &c);
	assert_int_equal(c.voted, 1);
	assert_int_equal(c.group[1][0], 0);
	assert_int_equal(c.group[1][1], 1);
	assert_int_equal(http("GET", "/" CODE, cookie, NULL, r), 200);
	expect_in(r, "value=\"2\" class=\"chosen\" aria-pressed=\"true\">"
		     "<b>View 2 \xe2\x80\x93 your vote</b>");
	expect_in(r, "You can change your vote");

	/* The group is set once a vote is in. */
	assert_int_equal(http("POST", "/" CODE "/group", cookie, "group=1", r),
			 409);
	expect_in(r, "already set");
	assert_int_equal(ballots_joined(&fix->app.bs), 1);
	assert_int_equal(fix->app.saves, 3);
	free(r);
}

/*
 * With a join callback, a phone has joined when it comes back with the
 * cookie it was given: opening the page again, or the page's script
 * polling the state.  A request without a cookie makes no ballot.
 */
static void test_join_counted(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char cookie[128];
	fix->join = true;
	restart_without_groups();
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	cookie_of(r, cookie, sizeof cookie);
	assert_int_equal(ballots_joined(&fix->app.bs), 0);
	assert_int_equal(http("GET", "/" CODE "/state", cookie, NULL, r), 200);
	assert_int_equal(ballots_joined(&fix->app.bs), 1);
	assert_int_equal(http("GET", "/" CODE, cookie, NULL, r), 200);
	assert_int_equal(ballots_joined(&fix->app.bs), 1);
	/* A script that keeps no cookie: as many pages as it likes, no
	 * ballot. */
	for (int i = 0; i < 5; i++)
		assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	assert_int_equal(ballots_joined(&fix->app.bs), 1);
	char other[128];
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	cookie_of(r, other, sizeof other);
	fix->app.force = SERVER_REFUSED;
	assert_int_equal(http("GET", "/" CODE, other, NULL, r), 503);
	expect_in(r, "No more phones can join");
	fix->app.force = SERVER_FAILED;
	assert_int_equal(http("GET", "/" CODE, cookie, NULL, r), 503);
	assert_string_equal(r->body, "Busy: try again\n");
	assert_int_equal(ballots_joined(&fix->app.bs), 1);
	free(r);
}

/*
 * A vote or a group without a cookie is refused, with a page that says
 * why: otherwise a phone that keeps no cookies would add a ballot at
 * every tap.  With the cookie the page set, it counts once and changes.
 */
static void test_vote_without_cookie(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char cookie[128];
	restart_without_groups();
	for (int i = 0; i < 3; i++) {
		assert_int_equal(http("POST", "/" CODE "/vote", NULL,
				      "item=1&round=1&view=1", r),
				 400);
		expect_in(r, "Allow cookies for this address");
	}
	assert_int_equal(http("POST", "/" CODE "/group", NULL, "group=1", r),
			 400);
	assert_int_equal(ballots_joined(&fix->app.bs), 0);
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "<h1>Regarding the Scope</h1>");
	cookie_of(r, cookie, sizeof cookie);
	assert_true(ballot_id_valid(cookie + 8));
	assert_int_equal(strlen(cookie + 8), 22);
	assert_int_equal(http("POST", "/" CODE "/vote", cookie,
			      "item=1&round=1&view=1", r),
			 303);
	assert_string_equal(cookie + 8, fix->app.last_id);
	assert_int_equal(http("POST", "/" CODE "/vote", cookie,
			      "item=1&round=1&view=2", r),
			 303);
	assert_int_equal(ballots_joined(&fix->app.bs), 1);
	free(r);
}

static void test_not_found(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char v[256];
	static const char *paths[] = {
		"/",
		"/K7Q2M9XB",
		"/k7q2m9xa",
		"/" CODE "/",
		"/" CODE "x",
		"/" CODE "?a=1",
		"/" CODE "/state?x",
		"/" CODE "/../" CODE,
		"/favicon.ico",
		"/" CODE "/%2e%2e/etc/passwd",
		"/etc/passwd",
		/* A NUL decoded would end the path at the code. */
		"/" CODE "%00",
		"/" CODE "%00/etc/passwd",
		"/" CODE "/state%00x",
		"/%4B7Q2M9XA",
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		if (http("GET", paths[i], NULL, NULL, r) != 404)
			fail_msg("GET %s: %d", paths[i], r->status);
		assert_string_equal(r->body, "Not found\n");
		assert_null(header(r, "Set-Cookie", v, sizeof v));
		if (http("POST", paths[i], NULL, "view=1", r) != 404)
			fail_msg("POST %s: %d", paths[i], r->status);
	}
	assert_int_equal(http("POST", "/" CODE, NULL, "a=1", r), 405);
	assert_string_equal(header(r, "Allow", v, sizeof v), "GET, HEAD");
	assert_int_equal(http("GET", "/" CODE "/vote", NULL, NULL, r), 405);
	assert_string_equal(header(r, "Allow", v, sizeof v), "POST");
	assert_int_equal(http("PUT", "/" CODE "/vote", NULL, "view=1", r), 405);
	assert_int_equal(http("HEAD", "/" CODE, NULL, NULL, r), 200);
	assert_string_equal(r->body, "");
	assert_int_equal(ballots_joined(&fix->app.bs), 0);
	assert_int_equal(fix->app.saves, 0);
	free(r);
}

static void test_bad_forms(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	const char *ck = "handsup=abcdefgh1234";
	static const char *bad[] = {
		"item=1&round=1",	 "item=1&round=1&view=1&view=2",
		"item=1&round=1&view=x", "item=1&round=1&view=1&admin=1",
		"item=1&round=1&view=%", "",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (http("POST", "/" CODE "/vote", ck, bad[i], r) != 400)
			fail_msg("'%s': %d", bad[i], r->status);
	/* A view the item does not have is the application's to refuse. */
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=1&round=1&view=3", r),
		400);
	assert_int_equal(http("POST", "/" CODE "/group", ck, "group=9", r),
			 400);
	/* Not a form. */
	assert_int_equal(request_from(1,
				      "POST /" CODE "/vote HTTP/1.1\r\n"
				      "Host: x\r\nConnection: close\r\n"
				      "Content-Type: application/json\r\n"
				      "Content-Length: 2\r\n\r\n{}",
				      r),
			 400);
	/* A bad ballot cookie is refused, never taken as a new ballot. */
	assert_int_equal(http("GET", "/" CODE, "handsup=<script>", NULL, r),
			 400);
	assert_int_equal(http("POST", "/" CODE "/vote", "handsup=a;b",
			      "item=1&round=1&view=1", r),
			 400);
	assert_int_equal(ballots_joined(&fix->app.bs), 0);
	free(r);
}

static void test_closed(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	const char *ck = "handsup=abcdefgh1234";
	fix->app.shown.ngroups = 1;
	fix->app.bs.ngroups = 1;
	show_item(&fix->app, 1, false);
	assert_int_equal(http("GET", "/" CODE, ck, NULL, r), 200);
	expect_in(r, "Voting on this item is closed.");
	expect_in(r, " disabled>");
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=2&round=1&view=1", r),
		409);
	expect_in(r, "Voting on that item has closed.");
	/* Open on item 2: a vote for item 1, from a stale page, is late. */
	show_item(&fix->app, 1, true);
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=1&round=1&view=1", r),
		409);
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=2&round=2&view=1", r),
		409);
	/* Round 2 of item 2 is open: round 1's page is asked again. */
	fix->app.shown.round = 1;
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=2&round=1&view=1", r),
		409);
	expect_in(r, "A new round of this item has started: vote again.");
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=1&round=1&view=1", r),
		409);
	expect_in(r, "Voting on that item has closed.");
	assert_int_equal(fix->app.saves, 0);
	free(r);
}

/* The answer waits for the callback: a failed save is never a 303. */
static void test_answer_after_save(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	const char *ck = "handsup=abcdefgh1234";
	fix->app.force = SERVER_FAILED;
	assert_int_equal(http("POST", "/" CODE "/group", ck, "group=1", r),
			 503);
	assert_int_equal(
		http("POST", "/" CODE "/vote", ck, "item=1&round=1&view=1", r),
		503);
	fix->app.force = SERVER_SAVED;
	assert_int_equal(http("POST", "/" CODE "/group", ck, "group=1", r),
			 303);
	assert_int_equal(fix->app.saves, 1);
	free(r);
}

static void test_state(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char v[128];
	assert_int_equal(http("GET", "/" CODE "/state", NULL, NULL, r), 200);
	assert_string_equal(r->body, "1 1 open");
	assert_string_equal(header(r, "Content-Type", v, sizeof v),
			    "text/plain; charset=utf-8");
	show_item(&fix->app, 2, false);
	fix->app.shown.round = 1;
	assert_int_equal(http("GET", "/" CODE "/state", NULL, NULL, r), 200);
	assert_string_equal(r->body, "3 2 closed");
	fix->app.shown.item = -1;
	assert_int_equal(http("GET", "/" CODE "/state", NULL, NULL, r), 200);
	assert_string_equal(r->body, "0 0 closed");
	fix->app.shown.ngroups = 1;
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "Waiting for the next item");
	expect_in(r, "\"0 0 closed\"");
	free(r);
}

/*
 * Only the script reloads the waiting page, so a phone without
 * JavaScript is told to reload it, and the sentence that says the page
 * changes by itself is the script's, shown only where it runs.
 */
static void test_waiting_without_script(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	fix->app.shown.item = -1;
	fix->app.shown.ngroups = 1;
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "<noscript>Reload this page when the facilitator "
		     "moves on.</noscript>");
	const char *script = strstr(r->body, "<script>");
	const char *claim = strstr(r->body, "changes by itself");
	assert_non_null(script);
	assert_non_null(claim);
	if (claim < script)
		fail_msg("the page says it changes by itself outside its "
			 "script:\n%s",
			 r->text);
	free(r);
}

static void test_escaping(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	fix->app.shown.title = "Q&A </title><script>x()</script>";
	fix->app.shown.heading = "<script>alert('x')</script>";
	fix->app.shown.views[0] = "\"><img src=x onerror=alert(1)>";
	fix->app.shown.views[1] = "Bidi \xe2\x80\xae evil\x1b[2J";
	fix->app.shown.groups[0] = "<b>Sales</b> & \"Ops\"";
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "&lt;b&gt;Sales&lt;/b&gt; &amp; &quot;Ops&quot;");
	assert_null(strstr(r->body, "<b>Sales"));
	fix->app.shown.ngroups = 1;
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r,
		  "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>");
	expect_in(r, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	expect_in(r, "<title>Q&amp;A &lt;/title&gt;&lt;script&gt;");
	assert_null(strstr(r->body, "<script>alert"));
	assert_null(strstr(r->body, "<script>x()"));
	assert_null(strstr(r->body, "<img"));
	assert_null(strstr(r->body, "\xe2\x80\xae"));
	assert_null(strstr(r->body, "\x1b"));
	free(r);
}

/* A view is named on the phone as on the projector: by its label. */
static void test_labels(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	fix->app.shown.ngroups = 1;
	fix->app.shown.labels[0] = "Skills <1>";
	fix->app.shown.labels[1] = "Scale \xe2\x80\xae";
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "<b>Skills &lt;1&gt;</b>Skills of the sales force");
	expect_in(r, "<b>Scale \xef\xbf\xbd</b>Scale the right behaviors");
	assert_null(strstr(r->body, "View 1"));
	/* Without labels, "View N". */
	fix->app.shown.labels[0] = fix->app.shown.labels[1] = NULL;
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	expect_in(r, "<b>View 1</b>Skills of the sales force");
	free(r);
}

static void test_too_large(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char *raw = malloc(20000);
	const char *ck = "handsup=abcdefgh1234";
	char body[1000];
	memset(body, '1', sizeof body - 1);
	body[sizeof body - 1] = '\0';
	memcpy(body, "group=", 6);
	assert_int_equal(http("POST", "/" CODE "/group", ck, body, r), 413);
	/* A body without a length, in chunks, is cut off all the same. */
	int n = snprintf(raw, 20000,
			 "POST /" CODE "/group HTTP/1.1\r\nHost: x\r\n"
			 "Connection: close\r\nCookie: %s\r\n"
			 "Content-Type: application/x-www-form-urlencoded\r\n"
			 "Transfer-Encoding: chunked\r\n\r\n",
			 ck);
	for (int i = 0; i < 5; i++)
		n += snprintf(raw + n, 20000 - (size_t)n, "64\r\n%.100s\r\n",
			      body + 6);
	snprintf(raw + n, 20000 - (size_t)n, "0\r\n\r\n");
	assert_int_equal(request_from(1, raw, r), 413);
	/* Headers past the limit. */
	n = snprintf(raw, 20000,
		     "GET /" CODE " HTTP/1.1\r\nHost: x\r\n"
		     "Connection: close\r\n");
	for (int i = 0; i < 60; i++)
		n += snprintf(raw + n, 20000 - (size_t)n, "X-Pad-%d: %080d\r\n",
			      i, 0);
	snprintf(raw + n, 20000 - (size_t)n, "\r\n");
	assert_int_equal(request_from(1, raw, r), 431);
	/* Far past it, libmicrohttpd refuses them itself. */
	n = snprintf(raw, 20000,
		     "GET /" CODE " HTTP/1.1\r\nHost: x\r\n"
		     "Connection: close\r\nX-Pad: ");
	memset(raw + n, 'a', 19000);
	snprintf(raw + n + 19000, 20000 - (size_t)n - 19000, "\r\n\r\n");
	int st = request_from(1, raw, r);
	assert_true(st == 431 || st == 413 || st == 414);
	assert_int_equal(fix->app.saves, 0);
	free(raw);
	free(r);
}

/* Runs the server until it has no connection left (no timeout due). */
/*
 * A body in chunks that never ends is not read to its end: past the
 * limit the server reads a little more for its 413, then closes.
 */
static void test_endless_body(void **state)
{
	(void)state;
	int fd = dial(1);
	static const char head[] =
		"POST /" CODE "/vote HTTP/1.1\r\nHost: x\r\n"
		"Cookie: handsup=abcdefgh1234\r\n"
		"Content-Type: application/x-www-form-urlencoded\r\n"
		"Transfer-Encoding: chunked\r\n\r\n";
	send_all(fd, head, sizeof head - 1);
	static char chunk[4096 + 10];
	int n = snprintf(chunk, sizeof chunk, "1000\r\n");
	memset(chunk + n, 'a', 4096);
	memcpy(chunk + n + 4096, "\r\n", 2);
	size_t len = (size_t)n + 4098, sent = 0;
	bool closed = false;
	for (int rounds = 0; !closed && sent < (8u << 20); rounds++) {
		assert_true(rounds < 100000);
		ssize_t w = send(fd, chunk, len, MSG_NOSIGNAL);
		if (w > 0)
			sent += (size_t)w;
		else if (w < 0 && errno != EAGAIN)
			closed = errno == EPIPE || errno == ECONNRESET;
		pump(fd, POLLOUT);
	}
	close(fd);
	assert_true(closed);
	assert_true(sent < (1u << 20));
	assert_int_equal(fix->app.saves, 0);
}

static void drain(void)
{
	for (int rounds = 0; server_timeout(fix->s) >= 0; rounds++) {
		assert_true(rounds < 100);
		pump(-1, 0);
	}
}

/* 1,000 requests from one address at one moment: the burst, then 429. */
static void test_rate(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	int ok = 0, limited = 0;
	const char *get = "GET /" CODE "/state HTTP/1.1\r\nHost: x\r\n"
			  "Connection: close\r\n\r\n";
	for (int i = 0; i < 1000; i++) {
		int st = request_from(5, get, r);
		ok += st == 200;
		limited += st == 429;
	}
	assert_int_equal(ok, fix->limits.burst);
	assert_int_equal(limited, 1000 - fix->limits.burst);
	char v[16];
	assert_string_equal(header(r, "Retry-After", v, sizeof v), "1");
	/* Another address is not held back; a second later, five more. */
	assert_int_equal(request_from(6, get, r), 200);
	fix->app.now += 1000;
	ok = 0;
	for (int i = 0; i < 10; i++)
		ok += request_from(5, get, r) == 200;
	assert_int_equal(ok, fix->limits.per_second);
	free(r);
}

/* A slow client holds its connections; past the limit, 503 at once. */
static void test_slow_clients(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	int slow[16];
	int n = fix->limits.per_address;
	const char *part = "GET /" CODE " HTTP/1.1\r\nHost: x\r\n";
	const char *get = "GET /" CODE " HTTP/1.1\r\nHost: x\r\n"
			  "Connection: close\r\n\r\n";
	for (int i = 0; i < n; i++) {
		slow[i] = dial(7);
		send_all(slow[i], part, strlen(part));
	}
	/* Queued behind the slow ones, so counted after them: 503. */
	assert_int_equal(request_from(7, get, r), 503);
	assert_string_equal(r->body, "Busy: try again\n");
	/* Nothing stalls: another phone is answered while they wait. */
	assert_int_equal(request_from(8, get, r), 200);
	for (int i = 0; i < n; i++)
		close(slow[i]);
	drain();
	assert_int_equal(request_from(7, get, r), 200);
	free(r);
}

/* A client that never finishes is closed by the connection timeout. */
static void test_slowloris_timeout(void **state)
{
	(void)state;
	fix->limits.timeout_seconds = 1;
	restart_without_groups();
	int fd = dial(9);
	const char *part = "GET /" CODE " HTTP/1.1\r\nHost: x\r\nX-A: b";
	send_all(fd, part, strlen(part));
	char buf[256];
	for (int rounds = 0;; rounds++) {
		assert_true(rounds < 100);
		ssize_t got = recv(fd, buf, sizeof buf, 0);
		if (got == 0 || (got < 0 && errno == ECONNRESET))
			break;
		assert_true(got < 0 && errno == EAGAIN);
		pump(fd, POLLIN);
	}
	close(fd);
	drain();
	assert_int_equal(server_timeout(fix->s), -1);
}

static void test_total_connections(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	fix->limits.total = 4;
	restart_without_groups();
	int slow[4];
	const char *part = "GET /" CODE " HTTP/1.1\r\n";
	for (int i = 0; i < 4; i++) {
		slow[i] = dial(20 + i);
		send_all(slow[i], part, strlen(part));
	}
	const char *get = "GET /" CODE " HTTP/1.1\r\nHost: x\r\n"
			  "Connection: close\r\n\r\n";
	assert_int_equal(request_from(30, get, r), 503);
	for (int i = 0; i < 4; i++)
		close(slow[i]);
	drain();
	assert_int_equal(request_from(30, get, r), 200);
	free(r);
}

/* Idle, the server asks for no wake-up: no timeout, nothing to read. */
static void test_idle(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	assert_int_equal(server_timeout(fix->s), -1);
	struct pollfd p = {server_fd(fix->s), POLLIN, 0};
	assert_true(p.fd >= 0);
	assert_int_equal(poll(&p, 1, 0), 0);
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	drain();
	assert_int_equal(poll(&p, 1, 0), 0);
	assert_int_equal(server_timeout(fix->s), -1);
	free(r);
}

/* Phone n (its own address and ballot) sends its vote, unanswered yet. */
static int phone_votes(int n, int view)
{
	char raw[512];
	int len = snprintf(raw, sizeof raw,
			   "POST /" CODE "/vote HTTP/1.1\r\nHost: x\r\n"
			   "Connection: close\r\n"
			   "Cookie: handsup=phone-%04d\r\n"
			   "Content-Type: application/x-www-form-urlencoded\r\n"
			   "Content-Length: 21\r\n\r\n"
			   "item=1&round=1&view=%d",
			   n, view);
	int fd = dial(256 + n);
	send_all(fd, raw, (size_t)len);
	return fd;
}

/* 200 phones vote at once, each on its own address and ballot. */
static void test_many_phones(void **state)
{
	(void)state;
	enum { PHONES = 200 };
	static struct reply r[PHONES];
	int fd[PHONES];
	size_t got[PHONES] = {0};
	bool done[PHONES] = {false};
	struct timespec t0, t1;
	restart_without_groups();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < PHONES; i++)
		fd[i] = phone_votes(i, 1 + i % 2);
	struct pollfd p[PHONES + 1];
	for (int left = PHONES, rounds = 0; left > 0; rounds++) {
		assert_true(rounds < 10000);
		int n = 0;
		p[n++] = (struct pollfd){server_fd(fix->s), POLLIN, 0};
		for (int i = 0; i < PHONES; i++)
			if (!done[i])
				p[n++] = (struct pollfd){fd[i], POLLIN, 0};
		assert_true(poll(p, (nfds_t)n, 5000) > 0);
		if (p[0].revents & POLLIN)
			server_run(fix->s);
		for (int i = 0; i < PHONES; i++) {
			if (done[i])
				continue;
			ssize_t k = recv(fd[i], r[i].text + got[i],
					 sizeof r[i].text - 1 - got[i], 0);
			if (k > 0)
				got[i] += (size_t)k;
			if (k == 0) {
				done[i] = true;
				left--;
				r[i].text[got[i]] = '\0';
				close(fd[i]);
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	for (int i = 0; i < PHONES; i++)
		if (strncmp(r[i].text, "HTTP/1.1 303", 12) != 0)
			fail_msg("phone %d: %.40s", i, r[i].text);
	struct ballot_counts c;
	ballots_counts(&fix->app.bs, 0, 0, &c);
	assert_int_equal(ballots_joined(&fix->app.bs), PHONES);
	assert_int_equal(c.voted, PHONES);
	assert_int_equal(c.room[0], PHONES / 2);
	assert_int_equal(c.room[1], PHONES / 2);
	assert_int_equal(fix->app.saves, PHONES);
	double s = (double)(t1.tv_sec - t0.tv_sec) +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* A figure printed, never asserted: it depends on the machine. */
	printf("# %d phones voted at once in %.1f ms: %.0f votes/s\n", PHONES,
	       s * 1e3, PHONES / s);
}

/* WCAG 2's relative luminance of "#rrggbb". */
static double luminance(const char *hex)
{
	unsigned rgb;
	assert_int_equal(sscanf(hex, "#%6x", &rgb), 1);
	double c[3];
	for (int i = 0; i < 3; i++) {
		double v = ((rgb >> (16 - 8 * i)) & 255) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* The projector's rule on the phones too: 4.5:1 for every text. */
static void test_contrast_and_width(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	double lowest = 99;
	for (size_t i = 0; i < page_ncolours; i++) {
		double a = luminance(page_colours[i].fg);
		double b = luminance(page_colours[i].bg);
		double ratio = (fmax(a, b) + 0.05) / (fmin(a, b) + 0.05);
		if (ratio < 4.5)
			fail_msg("%s: %s on %s is %.2f:1", page_colours[i].what,
				 page_colours[i].fg, page_colours[i].bg, ratio);
		lowest = fmin(lowest, ratio);
	}
	printf("# the phones' pages: lowest contrast %.1f:1\n", lowest);
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	for (size_t i = 0; i < page_ncolours; i++) {
		expect_in(r, page_colours[i].fg);
		expect_in(r, page_colours[i].bg);
	}
	/* One column as wide as the phone, however narrow. */
	expect_in(r, "<meta name=\"viewport\" "
		     "content=\"width=device-width,initial-scale=1\">");
	expect_in(r, "button{display:block;width:100%;");
	free(r);
}

/*
 * Ids are the phones' own, so a script could make one up for each
 * request, a ballot each: an address makes at most
 * ballots_per_address of them.  Its ballots go on voting, and other
 * addresses go on joining.
 */
static void test_ballots_per_address(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	fix->join = fix->known = true;
	restart_without_groups();
	char cookie[64];
	int made = fix->limits.ballots_per_address;
	assert_true(made > 0);
	for (int i = 0; i < made; i++) {
		snprintf(cookie, sizeof cookie, "handsup=madeUpId%04d", i);
		assert_int_equal(http_at(7, "GET", "/" CODE, cookie, NULL, r),
				 200);
	}
	assert_int_equal(ballots_joined(&fix->app.bs), made);
	/* One more, by the page or by a vote: refused, no ballot. */
	assert_int_equal(
		http_at(7, "GET", "/" CODE, "handsup=madeUpIdXXXX", NULL, r),
		429);
	expect_in(r, "as many ballots as a phone may");
	assert_int_equal(http_at(7, "POST", "/" CODE "/vote",
				 "handsup=madeUpIdYYYY",
				 "item=1&round=1&view=1", r),
			 429);
	assert_int_equal(ballots_joined(&fix->app.bs), made);
	/* Its state poll is answered, and makes nothing. */
	assert_int_equal(http_at(7, "GET", "/" CODE "/state",
				 "handsup=madeUpIdXXXX", NULL, r),
			 200);
	assert_int_equal(ballots_joined(&fix->app.bs), made);
	/* Its own ballots still vote; another address still joins. */
	assert_int_equal(http_at(7, "POST", "/" CODE "/vote",
				 "handsup=madeUpId0000",
				 "item=1&round=1&view=2", r),
			 303);
	assert_int_equal(
		http_at(8, "GET", "/" CODE, "handsup=anotherPhone", NULL, r),
		200);
	assert_int_equal(ballots_joined(&fix->app.bs), made + 1);
	free(r);
}

/* A vote when the box has no room for its ballot: 503, and why. */
static void test_box_full(void **state)
{
	(void)state;
	struct reply *r = malloc(sizeof *r);
	char cookie[128];
	assert_int_equal(http("GET", "/" CODE, NULL, NULL, r), 200);
	cookie_of(r, cookie, sizeof cookie);
	fix->app.force = SERVER_FULL;
	assert_int_equal(http("POST", "/" CODE "/group", cookie, "group=1", r),
			 503);
	expect_in(r, "No more phones can join this vote.");
	free(r);
}

static void test_listen_errors(void **state)
{
	(void)state;
	struct server *s2;
	struct error err;
	struct server_app app = {&fix->app, app_shown, app_ballot, app_group,
				 app_vote,  NULL,      NULL};
	static const char *bad[] = {
		"nonsense",	   "127.0.0.1",	    "127.0.0.1:",
		"127.0.0.1:99999", "127.0.0.1:80x", ":8080",
		"1.2.3:80",	   "[::1:80",	    "localhost:80",
		"127.0.0.1:-1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct server_config cfg = {bad[i], CODE, fix->limits, NULL,
					    NULL};
		if (server_start(&s2, &cfg, &app, &err) == 0)
			fail_msg("listened on '%s'", bad[i]);
		assert_null(s2);
		assert_non_null(strstr(err.msg, "not ADDR:PORT"));
	}
	char taken[40];
	snprintf(taken, sizeof taken, "127.0.0.1:%d", server_port(fix->s));
	struct server_config cfg = {taken, CODE, fix->limits, NULL, NULL};
	assert_int_equal(server_start(&s2, &cfg, &app, &err), -1);
	if (strstr(err.msg, "cannot listen on 127.0.0.1:") == NULL ||
	    strstr(err.msg, "in use") == NULL)
		fail_msg("%s", err.msg);
	cfg.listen = "127.0.0.1:0";
	cfg.code = "bad/code";
	assert_int_equal(server_start(&s2, &cfg, &app, &err), -1);
	assert_non_null(strstr(err.msg, "session code"));
	cfg.code = CODE;
	app.vote = NULL;
	assert_int_equal(server_start(&s2, &cfg, &app, &err), -1);
	assert_non_null(strstr(err.msg, "callbacks"));
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_join_vote_change),
		T(test_join_counted),
		T(test_vote_without_cookie),
		T(test_not_found),
		T(test_bad_forms),
		T(test_closed),
		T(test_answer_after_save),
		T(test_state),
		T(test_waiting_without_script),
		T(test_escaping),
		T(test_labels),
		T(test_too_large),
		T(test_endless_body),
		T(test_rate),
		T(test_slow_clients),
		T(test_slowloris_timeout),
		T(test_total_connections),
		T(test_idle),
		T(test_many_phones),
		T(test_contrast_and_width),
		T(test_ballots_per_address),
		T(test_box_full),
		T(test_listen_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
