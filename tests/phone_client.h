/*
 * A phone as the tests play it: plain HTTP/1.1 over loopback, one
 * request per connection, the ballot cookie kept between requests.
 * Header-only, for the screen, crash and bench programs, which drive
 * the real handsup in another process (so a blocking call is fine: the
 * server answers from its own loop).
 */
#ifndef HANDSUP_TESTS_PHONE_CLIENT_H
#define HANDSUP_TESTS_PHONE_CLIENT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct phone {
	/* The phone's own address, "127.0.0.N" ("": the system's): on
	 * loopback every phone can have one, as in a room. */
	char from[16];
	char host[64];
	int port;
	char code[40];
	char cookie[80]; /* "handsup=ID", or "" before the first answer */
};

struct phone_reply {
	int status; /* 0: no answer */
	char head[2048];
	char body[16384];
};

/* A loopback port that was free a moment ago, for --listen; -1 if none. */
static inline int phone_free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int port = -1;
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* The phone for a join URL "http://HOST:PORT/CODE"; false if not one. */
static inline bool phone_from_url(struct phone *p, const char *url)
{
	memset(p, 0, sizeof *p);
	return sscanf(url, "http://%63[0-9.]:%d/%39[A-Za-z0-9]", p->host,
		      &p->port, p->code) == 3;
}

/* Connects, or -1. */
static inline int phone_dial(const struct phone *p)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)p->port)};
	struct sockaddr_in me = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool bad = fd < 0 || inet_pton(AF_INET, p->host, &a.sin_addr) != 1;
	if (!bad && p->from[0])
		bad = inet_pton(AF_INET, p->from, &me.sin_addr) != 1 ||
		      bind(fd, (struct sockaddr *)&me, sizeof me) != 0;
	if (bad || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Keeps the Set-Cookie of a reply, if it has one. */
static inline void phone_keep_cookie(struct phone *p, const char *head)
{
	const char *c = strstr(head, "Set-Cookie: ");
	if (!c)
		return;
	c += strlen("Set-Cookie: ");
	size_t n = strcspn(c, ";\r\n");
	if (n < sizeof p->cookie)
		snprintf(p->cookie, sizeof p->cookie, "%.*s", (int)n, c);
}

/* Reads a whole reply (the server closes the connection). */
static inline void phone_read(int fd, struct phone_reply *r)
{
	char all[sizeof r->head + sizeof r->body];
	size_t len = 0;
	ssize_t got;
	while (len < sizeof all - 1 &&
	       (got = read(fd, all + len, sizeof all - 1 - len)) > 0)
		len += (size_t)got;
	all[len] = '\0';
	char *end = strstr(all, "\r\n\r\n");
	if (sscanf(all, "HTTP/1.%*d %d", &r->status) != 1)
		r->status = 0;
	if (end) {
		*end = '\0';
		snprintf(r->head, sizeof r->head, "%.2000s", all);
		snprintf(r->body, sizeof r->body, "%.16000s", end + 4);
	}
}

/*
 * method path (under the code: "" is the page, "/vote", "/group",
 * "/state") with a form body or NULL.  Returns the status, 0 when there
 * was no answer.
 */
static inline int phone_ask(struct phone *p, const char *method,
			    const char *path, const char *body,
			    struct phone_reply *r)
{
	char req[1024];
	memset(r, 0, sizeof *r);
	int n = snprintf(req, sizeof req,
			 "%s /%s%s HTTP/1.1\r\nHost: %s:%d\r\n"
			 "Connection: close\r\n%s%s%s",
			 method, p->code, path, p->host, p->port,
			 p->cookie[0] ? "Cookie: " : "", p->cookie,
			 p->cookie[0] ? "\r\n" : "");
	if (body)
		n += snprintf(req + n, sizeof req - (size_t)n,
			      "Content-Type: application/x-www-form-urlencoded"
			      "\r\nContent-Length: %zu\r\n\r\n%s",
			      strlen(body), body);
	else
		n += snprintf(req + n, sizeof req - (size_t)n, "\r\n");
	int fd = phone_dial(p);
	if (fd < 0)
		return 0;
	if (write(fd, req, (size_t)n) != n) {
		close(fd);
		return 0;
	}
	phone_read(fd, r);
	close(fd);
	phone_keep_cookie(p, r->head);
	return r->status;
}

/*
 * Opens the page, as a phone does after the QR code, and then asks for
 * the state with the cookie the page set, as the page's script does: a
 * phone has joined when it comes back with its cookie.  The page's
 * status.
 */
static inline int phone_join(struct phone *p)
{
	struct phone_reply r;
	int st = phone_ask(p, "GET", "", NULL, &r);
	if (st == 200 && phone_ask(p, "GET", "/state", NULL, &r) != 200)
		return 0;
	return st;
}

/* A vote: item, round and view from 1. */
static inline int phone_vote(struct phone *p, int item, int round, int view)
{
	struct phone_reply r;
	char body[64];
	snprintf(body, sizeof body, "item=%d&round=%d&view=%d", item, round,
		 view);
	return phone_ask(p, "POST", "/vote", body, &r);
}

/* The group, from 1. */
static inline int phone_group(struct phone *p, int group)
{
	struct phone_reply r;
	char body[32];
	snprintf(body, sizeof body, "group=%d", group);
	return phone_ask(p, "POST", "/group", body, &r);
}

#endif
