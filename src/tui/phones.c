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

int phones_rank(const char *name)
{
	static const char *const virt[] = {"docker", "br-",   "veth",
					   "virbr",  "vmnet", "vboxnet",
					   "tun",    "tap",   "wg"};
	for (size_t i = 0; i < sizeof virt / sizeof *virt; i++)
		if (strncmp(name, virt[i], strlen(virt[i])) == 0)
			return 0;
	if (strncmp(name, "wl", 2) == 0)
		return 3;
	if (strncmp(name, "en", 2) == 0 || strncmp(name, "eth", 3) == 0)
		return 2;
	return 1;
}

/*
 * The laptop's address that phones can reach: up, IPv4, not loopback,
 * on the interface phones_rank puts first (the first of equals), and
 * never a virtual one.
 */
static bool room_address(char *out, size_t cap)
{
	struct ifaddrs *all, *i;
	int best = -1;
	if (getifaddrs(&all) != 0)
		return false;
	for (i = all; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET ||
		    !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
			continue;
		int rank = phones_rank(i->ifa_name);
		const struct sockaddr_in *a = (void *)i->ifa_addr;
		if (rank > 0 && rank > best &&
		    inet_ntop(AF_INET, &a->sin_addr, out, (socklen_t)cap))
			best = rank;
	}
	freeifaddrs(all);
	return best >= 0;
}

static bool fail(struct phones *p, const char *why)
{
	snprintf(p->why, sizeof p->why, "Phones are off: %.200s", why);
	/* A URL left by a run that was killed is not where phones are. */
	free(p->app->sess->phones_url);
	p->app->sess->phones_url = NULL;
	app_message(p->app, "%s", p->why);
	return false;
}

/*
 * The session's code, or a new one in code (cap bytes): it becomes the
 * session's only once voting has opened under it, so that a start that
 * failed leaves a session without phones as it was.
 */
static bool session_code(const struct phones *p, char *code, size_t cap)
{
	const struct session *s = p->app->sess;
	if (s->phones) {
		snprintf(code, cap, "%s", s->phones);
		return true;
	}
	return cap > 8 && make_code(code, 8);
}

/* Listens, and sets the URL from the address and port bound. */
static bool listen_on(struct phones *p, const char *where, const char *host,
		      const char *code)
{
	struct error err;
	struct server_app sa = app_phones_server(p->app);
	struct server_config cfg = {.listen = where, .code = code};
	policy_defaults(&cfg.limits);
	if (server_start(&p->srv, &cfg, &sa, &err) != 0)
		return fail(p, err.msg);
	snprintf(p->url, sizeof p->url, "http://%s:%d/%s", host,
		 server_port(p->srv), code);
	return true;
}

/*
 * The QR code of p->url.  In capitals when the code is (as handsup makes
 * it): fewer modules, larger on screen, and scheme and host read the
 * same in any case.  A code with small letters (a hand-made session) is
 * encoded as it is, since the path must match it exactly.
 */
static bool make_qr(struct phones *p, struct error *err)
{
	char text[sizeof p->url];
	const char *code = strrchr(p->url, '/');
	bool caps = code != NULL;
	for (const char *c = code ? code + 1 : ""; *c; c++)
		caps &= !(*c >= 'a' && *c <= 'z');
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)(caps && p->url[i] >= 'a' && p->url[i] <= 'z'
					 ? p->url[i] - 'a' + 'A'
					 : p->url[i]);
	qr_free(&p->qr);
	return qr_make(&p->qr, text, 2, err) == 0;
}

void phones_show(struct phones *p, const char *url)
{
	struct error err;
	if (url && strcmp(url, p->url) == 0 && p->qr.size)
		return;
	qr_free(&p->qr);
	p->url[0] = '\0';
	if (!url || strlen(url) >= sizeof p->url)
		return;
	snprintf(p->url, sizeof p->url, "%s", url);
	if (!make_qr(p, &err))
		p->url[0] = '\0';
}

bool phones_shown(const struct phones *p)
{
	return p->url[0] && p->qr.size > 0;
}

/*
 * Where voting listened, from its URL u ("http://HOST:PORT/CODE"),
 * into where ("HOST:PORT") and host; false when there is none.  Voting
 * listens there again, on a resume or after v closed it, so that the
 * phones' pages, and the QR code on paper or in a chat, keep working.
 */
static bool last_where(const char *u, char *where, size_t wcap, char *host,
		       size_t hcap)
{
	static const char scheme[] = "http://";
	if (!u || strncmp(u, scheme, sizeof scheme - 1) != 0)
		return false;
	u += sizeof scheme - 1;
	const char *slash = strchr(u, '/'), *colon;
	if (!slash || (size_t)(slash - u) >= wcap)
		return false;
	snprintf(where, wcap, "%.*s", (int)(slash - u), u);
	colon = strrchr(where, ':');
	if (!colon || (size_t)(colon - where) >= hcap)
		return false;
	snprintf(host, hcap, "%.*s", (int)(colon - where), where);
	return true;
}

/* Listens where the session last did, if it did: false to look afresh. */
static bool listen_again(struct phones *p, const char *code)
{
	char host[INET6_ADDRSTRLEN + 2], where[INET6_ADDRSTRLEN + 16];
	const char *u = p->app->sess->phones_url;
	if (!last_where(u ? u : p->last_url, where, sizeof where, host,
			sizeof host))
		return false;
	if (listen_on(p, where, host, code))
		return true;
	/* Gone (another network, the port taken): a new address, said. */
	p->moved = true;
	return false;
}

bool phones_start(struct phones *p)
{
	char host[INET6_ADDRSTRLEN + 2], where[INET6_ADDRSTRLEN + 16];
	struct error err;
	if (p->srv)
		return true;
	p->why[0] = '\0';
	char code[SESSION_CODE_MAX + 1];
	if (!session_code(p, code, sizeof code))
		return fail(p, "no random code could be made");
	p->moved = false;
	if (p->listen) {
		snprintf(where, sizeof where, "%s", p->listen);
		snprintf(host, sizeof host, "%.*s",
			 (int)(strrchr(where, ':') ? strrchr(where, ':') - where
						   : 0),
			 where);
	} else if (listen_again(p, code)) {
		where[0] = '\0';
	} else if (!room_address(host, sizeof host)) {
		return fail(p, "no network here (join the room's Wi-Fi or "
			       "a hotspot)");
	} else {
		snprintf(where, sizeof where, "%s:%d", host, PHONES_PORT);
	}
	if (where[0] && !listen_on(p, where, host, code))
		return false;
	if (!make_qr(p, &err)) {
		phones_stop(p);
		return fail(p, err.msg);
	}
	struct session *sess = p->app->sess;
	if (!sess->phones && !(sess->phones = strdup(code))) {
		phones_stop(p);
		return fail(p, "out of memory");
	}
	free(sess->phones_url);
	sess->phones_url = strdup(p->url);
	p->app->phones_on = true;
	p->why[0] = '\0'; /* a resume's old address may have failed */
	if (p->watch)
		p->watch->fd = server_fd(p->srv);
	app_save(p->app); /* the code, for a resume */
	app_message(p->app, "Phones%s: %s",
		    p->moved ? ", at a new address" : "", p->url);
	return true;
}

void phones_end(struct phones *p)
{
	if (p->srv)
		server_stop(p->srv);
	p->srv = NULL;
	qr_free(&p->qr);
	p->url[0] = '\0';
	p->app->phones_on = false;
	if (p->watch)
		p->watch->fd = -1;
}

void phones_stop(struct phones *p)
{
	bool was = p->srv != NULL;
	/* v again opens voting where it was, at the same URL. */
	if (p->url[0])
		snprintf(p->last_url, sizeof p->last_url, "%s", p->url);
	phones_end(p);
	free(p->app->sess->phones_url);
	p->app->sess->phones_url = NULL;
	if (was) /* an audience view stops showing the code */
		app_save(p->app);
}
