#include "phones.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/error.h"

/* ---- the application ----------------------------------------------- */

static void app_shown(void *ctx, struct page_shown *out)
{
	*out = ((struct phones_app *)ctx)->shown;
}

static void app_ballot(void *ctx, const char *id, int item, int round,
		       int *group, int *view)
{
	struct phones_app *a = ctx;
	const struct ballot *b = ballots_find(&a->bs, id);
	*group = -1;
	*view = ballot_view(&a->bs, b, item, round);
}

static enum server_answer app_group(void *ctx, const char *id, int group)
{
	struct phones_app *a = ctx;
	return ballots_set_group(&a->bs, id, group) == BALLOT_OK
		       ? SERVER_SAVED
		       : SERVER_REFUSED;
}

static enum server_answer app_vote(void *ctx, const char *id, int item,
				   int round, int view)
{
	struct phones_app *a = ctx;
	struct ballot_open o = {a->shown.open, a->shown.item, a->shown.round};
	a->calls++;
	switch (ballots_vote(&a->bs, id, item, round, view, &o)) {
	case BALLOT_OK:
		a->saves++;
		return SERVER_SAVED;
	case BALLOT_CLOSED:
		return SERVER_CLOSED;
	default:
		return SERVER_REFUSED;
	}
}

static long long clock_ms(void *ctx)
{
	return ((struct phones_app *)ctx)->now;
}

__attribute__((format(printf, 3, 4))) static int say(char *why, size_t cap,
						     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, cap, fmt, ap);
	va_end(ap);
	return -1;
}

int phones_start(struct phones *p, int n, char *why, size_t cap)
{
	static const int nviews[2] = {PHONES_VIEWS, 2};
	static const char *views[PHONES_VIEWS] = {"Skills of the sales force",
						  "Scale the right behaviors",
						  "Both, in turn"};
	struct error err;
	memset(p, 0, sizeof *p);
	if (n < 1 || n > PHONES_MAX)
		return say(why, cap, "%d phones: 1 to %d", n, PHONES_MAX);
	if (ballots_init(&p->app.bs, 2, nviews, 1) != 0)
		return say(why, cap, "ballots_init failed");
	struct page_shown *sh = &p->app.shown;
	sh->title = "The Widening Divide";
	sh->item = PHONES_ITEM;
	sh->open = true;
	sh->heading = "Regarding the Scope of Sales Training";
	sh->nviews = PHONES_VIEWS;
	for (int v = 0; v < PHONES_VIEWS; v++)
		sh->views[v] = views[v];
	sh->ngroups = 1;
	p->n = n;
	for (int k = 0; k < n; k++) {
		p->phone[k].fd = -1;
		if (k % 2 == 0)
			snprintf(p->phone[k].id, sizeof p->phone[k].id,
				 "phone-%04d-own-ballot", k);
	}
	/* Every phone its own address: no limit on ballots made needed. */
	struct server_app app = {&p->app,  app_shown, app_ballot, app_group,
				 app_vote, NULL,      NULL};
	struct server_config cfg = {
		"127.0.0.1:0", PHONES_CODE, {0}, clock_ms, &p->app};
	policy_defaults(&cfg.limits);
	if (server_start(&p->s, &cfg, &app, &err) != 0)
		return say(why, cap, "server_start: %s", err.msg);
	return 0;
}

void phones_stop(struct phones *p)
{
	for (int k = 0; k < p->n; k++)
		if (p->phone[k].fd >= 0)
			close(p->phone[k].fd);
	server_stop(p->s);
	p->s = NULL;
	ballots_free(&p->app.bs);
}

/* ---- one phone ----------------------------------------------------- */

static int dial(struct phones *p, int k, char *why, size_t cap)
{
	struct phone *ph = &p->phone[k];
	struct sockaddr_in me = {0}, to = {0};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return say(why, cap, "socket: %s", strerror(errno));
	me.sin_family = to.sin_family = AF_INET;
	me.sin_addr.s_addr = htonl(0x7f000002u + (unsigned)k);
	to.sin_addr.s_addr = htonl(0x7f000001u);
	to.sin_port = htons((uint16_t)server_port(p->s));
	ph->fd = fd;
	if (bind(fd, (struct sockaddr *)&me, sizeof me) != 0)
		return say(why, cap, "bind: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&to, sizeof to) != 0 &&
	    errno != EINPROGRESS)
		return say(why, cap, "connect: %s", strerror(errno));
	return 0;
}

/* What a phone new to the room does first: open the page, for its cookie. */
static void open_page(struct phone *ph)
{
	int n = snprintf(ph->out, sizeof ph->out,
			 "GET /%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			 "Connection: close\r\n\r\n",
			 PHONES_CODE);
	ph->out_len = (size_t)n;
	ph->sent = ph->got = 0;
	ph->status = 0;
}

static void request(struct phone *ph, int view)
{
	char body[64], cookie[BALLOT_ID_MAX + 32] = "";
	int blen = snprintf(body, sizeof body, "item=%d&round=1&view=%d",
			    PHONES_ITEM + 1, view);
	if (ph->id[0])
		snprintf(cookie, sizeof cookie, "Cookie: %s=%s\r\n",
			 POLICY_COOKIE, ph->id);
	int n = snprintf(ph->out, sizeof ph->out,
			 "POST /%s/vote HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			 "Connection: close\r\n%s"
			 "Content-Type: application/x-www-form-urlencoded\r\n"
			 "Content-Length: %d\r\n\r\n%s",
			 PHONES_CODE, cookie, blen, body);
	ph->out_len = (size_t)n;
	ph->sent = ph->got = 0;
	ph->status = 0;
	ph->cookie_set = false;
}

/* The answer is whole: its status, and the cookie it sets if any. */
static void answered(struct phone *ph)
{
	ph->in[ph->got] = '\0';
	if (sscanf(ph->in, "HTTP/1.%*d %d", &ph->status) != 1)
		ph->status = -1;
	char *head_end = strstr(ph->in, "\r\n\r\n");
	char *c = strstr(ph->in, "\r\nSet-Cookie: " POLICY_COOKIE "=");
	if (c && (!head_end || c < head_end)) {
		c += strlen("\r\nSet-Cookie: " POLICY_COOKIE "=");
		size_t n = strcspn(c, ";\r");
		if (n >= sizeof ph->id)
			n = sizeof ph->id - 1;
		memcpy(ph->id, c, n);
		ph->id[n] = '\0';
		ph->cookie_set = true;
		ph->given = true;
	}
	close(ph->fd);
	ph->fd = -1;
}

/* What the phone's descriptor is ready for: 1 when it is answered. */
static int step(struct phone *ph, short revents, char *why, size_t cap)
{
	if (ph->sent < ph->out_len && (revents & (POLLOUT | POLLERR))) {
		ssize_t w = send(ph->fd, ph->out + ph->sent,
				 ph->out_len - ph->sent, MSG_NOSIGNAL);
		if (w < 0 && errno != EAGAIN)
			return say(why, cap, "send: %s", strerror(errno));
		ph->sent += w > 0 ? (size_t)w : 0;
		return 0;
	}
	if (!(revents & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	for (;;) {
		ssize_t got = recv(ph->fd, ph->in + ph->got,
				   sizeof ph->in - 1 - ph->got, 0);
		if (got == 0 || (got < 0 && errno == ECONNRESET)) {
			answered(ph);
			return 1;
		}
		if (got < 0)
			return errno == EAGAIN ? 0
					       : say(why, cap, "recv: %s",
						     strerror(errno));
		ph->got += (size_t)got;
		if (ph->got == sizeof ph->in - 1)
			return say(why, cap, "an answer past %zu bytes",
				   sizeof ph->in - 1);
	}
}

/* ---- the room ------------------------------------------------------ */

/* One poll() over the server and every phone still waiting. */
static int round_of(struct phones *p, int *left, int *idle, char *why,
		    size_t cap)
{
	int map[PHONES_MAX], m = 1;
	p->pfd[0] = (struct pollfd){server_fd(p->s), POLLIN, 0};
	for (int k = 0; k < p->n; k++) {
		struct phone *ph = &p->phone[k];
		if (ph->fd < 0)
			continue;
		short ev = ph->sent < ph->out_len ? POLLOUT : POLLIN;
		p->pfd[m] = (struct pollfd){ph->fd, ev, 0};
		map[m++ - 1] = k;
	}
	int t = server_timeout(p->s);
	/* A bound on a stuck run, never a time anything depends on. */
	if (t < 0 || t > 2000)
		t = 2000;
	int r = poll(p->pfd, (nfds_t)m, t);
	if (r < 0)
		return errno == EINTR
			       ? 0
			       : say(why, cap, "poll: %s", strerror(errno));
	*idle = r == 0 ? *idle + 1 : 0;
	if (*idle > 5)
		return say(why, cap, "no progress, %d phones unanswered",
			   *left);
	if (r == 0 || (p->pfd[0].revents & POLLIN))
		server_run(p->s);
	for (int i = 1; i < m; i++) {
		if (p->pfd[i].revents == 0)
			continue;
		int st = step(&p->phone[map[i - 1]], p->pfd[i].revents, why,
			      cap);
		if (st < 0)
			return -1;
		*left -= st;
	}
	return 0;
}

/* Runs the server until the phones sent (left of them) are answered. */
static int run_until_answered(struct phones *p, int left, char *why, size_t cap)
{
	int idle = 0;
	for (long rounds = 0; left > 0; rounds++) {
		if (rounds > 1000000)
			return say(why, cap, "%d phones unanswered", left);
		if (round_of(p, &left, &idle, why, cap) != 0)
			return -1;
	}
	return 0;
}

int phones_vote(struct phones *p, const int *view, char *why, size_t cap)
{
	/* Phones new to the room open the page first, all at once: a vote
	 * counts only with the cookie the page set. */
	int fresh = 0;
	for (int k = 0; k < p->n; k++) {
		if (p->phone[k].id[0])
			continue;
		open_page(&p->phone[k]);
		if (dial(p, k, why, cap) != 0)
			return -1;
		fresh++;
	}
	if (fresh && run_until_answered(p, fresh, why, cap) != 0)
		return -1;
	/* A second since the last votes: a token for every address. */
	p->app.now += 1000;
	for (int k = 0; k < p->n; k++) {
		request(&p->phone[k], view[k]);
		if (dial(p, k, why, cap) != 0)
			return -1;
	}
	return run_until_answered(p, p->n, why, cap);
}
