#include "tui/phones.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "app/app.h"
#include "app/phones.h"
#include "base/error.h"
#include "core/session.h"
#include "net/server.h"
#include "tui/tui.h"

void phones_init(struct phones *p, struct app *a, const char *listen)
{
	memset(p, 0, sizeof *p);
	p->app = a;
	p->listen = listen;
}

bool phones_on(const struct phones *p)
{
	return p->srv != NULL;
}

static enum term_event on_server(void *ctx)
{
	struct tui *t = ctx;
	struct phones *p = t->phones;
	if (!p->srv)
		return TERM_QUIET;
	server_run(p->srv);
	if (!p->app->phones_changed)
		return TERM_QUIET;
	p->app->phones_changed = false;
	return TERM_DIRTY;
}

static int server_wait(void *ctx)
{
	const struct tui *t = ctx;
	return t->phones->srv ? server_timeout(t->phones->srv) : -1;
}

void phones_attach(struct phones *p, struct term_handlers *h)
{
	if (h->nwatch >= TERM_MAX_WATCH)
		return;
	p->watch = &h->watch[h->nwatch++];
	*p->watch = (struct term_watch){-1, on_server, server_wait};
}

/*
 * A code that reads aloud and types on a phone without doubt: capitals
 * and digits, no 0/O or 1/I.  Capitals also keep the QR code small.
 */
static bool make_code(char *out, size_t n)
{
	static const char abc[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char r[16];
	if (n > sizeof r || getrandom(r, n, 0) != (ssize_t)n)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = abc[r[i] % (sizeof abc - 1)];
	out[n] = '\0';
	return true;
}

/* The laptop's first address on a network: up, IPv4, not loopback. */
static bool room_address(char *out, size_t cap)
{
	struct ifaddrs *all, *i;
	bool found = false;
	if (getifaddrs(&all) != 0)
		return false;
	for (i = all; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET ||
		    !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
			continue;
		const struct sockaddr_in *a = (void *)i->ifa_addr;
		found = inet_ntop(AF_INET, &a->sin_addr, out, (socklen_t)cap) !=
			NULL;
	}
	freeifaddrs(all);
	return found;
}

static bool fail(struct phones *p, const char *why)
{
	snprintf(p->why, sizeof p->why, "Phones are off: %.200s", why);
	app_message(p->app, "%s", p->why);
	return false;
}

/* The code, made and saved the first time voting opens. */
static bool session_code(struct phones *p)
{
	struct session *s = p->app->sess;
	char code[9];
	if (s->phones)
		return true;
	if (!make_code(code, 8) || !(s->phones = strdup(code)))
		return false;
	return true;
}

/* Listens, and sets the URL from the address and port bound. */
static bool listen_on(struct phones *p, const char *where, const char *host)
{
	struct error err;
	struct server_app sa = app_phones_server(p->app);
	struct server_config cfg = {.listen = where,
				    .code = p->app->sess->phones};
	policy_defaults(&cfg.limits);
	if (server_start(&p->srv, &cfg, &sa, &err) != 0)
		return fail(p, err.msg);
	snprintf(p->url, sizeof p->url, "http://%s:%d/%s", host,
		 server_port(p->srv), p->app->sess->phones);
	return true;
}

bool phones_start(struct phones *p)
{
	char host[INET6_ADDRSTRLEN + 2], where[INET6_ADDRSTRLEN + 16];
	struct error err;
	if (p->srv)
		return true;
	p->why[0] = '\0';
	if (!session_code(p))
		return fail(p, "no random code could be made");
	if (p->listen) {
		snprintf(where, sizeof where, "%s", p->listen);
		snprintf(host, sizeof host, "%.*s",
			 (int)(strrchr(where, ':') ? strrchr(where, ':') - where
						   : 0),
			 where);
	} else if (!room_address(host, sizeof host)) {
		return fail(p, "this laptop is on no network (join the "
			       "room's Wi-Fi or a phone's hotspot)");
	} else {
		snprintf(where, sizeof where, "%s:%d", host, PHONES_PORT);
	}
	if (!listen_on(p, where, host))
		return false;
	/* The QR code in capitals: fewer modules, larger on screen. */
	char upper[sizeof p->url];
	for (size_t i = 0; i < sizeof upper; i++)
		upper[i] = (char)((p->url[i] >= 'a' && p->url[i] <= 'z')
					  ? p->url[i] - 'a' + 'A'
					  : p->url[i]);
	if (qr_make(&p->qr, upper, 2, &err) != 0) {
		phones_stop(p);
		return fail(p, err.msg);
	}
	p->app->phones_on = true;
	if (p->watch)
		p->watch->fd = server_fd(p->srv);
	app_save(p->app); /* the code, for a resume */
	app_message(p->app, "Phones can vote at %s", p->url);
	return true;
}

void phones_stop(struct phones *p)
{
	if (p->srv)
		server_stop(p->srv);
	p->srv = NULL;
	qr_free(&p->qr);
	p->app->phones_on = false;
	if (p->watch)
		p->watch->fd = -1;
}
