/*
 * phones: phone voting while a session runs -- the server started and
 * stopped (--phones, the v key, a resume of a session that had it), the
 * join URL and its QR code for the screens, and the server's descriptor
 * in the loop's poll().  When the laptop has no network or the port is
 * taken, it says why and the session goes on with hands alone.
 */
#ifndef HANDSUP_PHONES_H
#define HANDSUP_PHONES_H

#include <stdbool.h>

#include "net/qr.h"
#include "tui/term.h"

struct app;
struct server;

/* The port listened on when --listen does not say. */
#define PHONES_PORT 8080

struct phones {
	struct app *app;
	const char *listen;	  /* --listen ADDR:PORT, or NULL */
	struct server *srv;	  /* NULL while voting is off */
	struct term_watch *watch; /* the loop's slot for the server */
	struct qr qr;		  /* of the join URL, while on */
	char url[96];		  /* "http://ADDR:PORT/CODE" */
	char last_url[96];	  /* url when v last closed voting */
	char why[240];		  /* why voting could not start */
	bool moved;		  /* a resume's address was gone: a new one */
};

/*
 * How likely phones are to reach the laptop on the network interface
 * name: 3 Wi-Fi (wl...), 2 Ethernet (en..., eth...), 1 anything else,
 * 0 a virtual one (containers, virtual machines, VPN tunnels), which a
 * phone in the room cannot reach.  Without --listen the best is used,
 * and never a 0.
 */
int phones_rank(const char *name);

/* Off, until phones_start; listen may be NULL. */
void phones_init(struct phones *p, struct app *a, const char *listen);

/*
 * Takes a slot of h's watches for the server (its descriptor is -1, so
 * skipped, while voting is off).  h must outlive p's use.
 */
void phones_attach(struct phones *p, struct term_handlers *h);

/*
 * Opens voting: makes the session's code if it has none (saved with the
 * session), listens, and makes the URL's QR code.  It listens at
 * --listen, else where voting last listened (a resume, or v again: the
 * phones' URL stays the same), else on the laptop's room address;
 * when the last address is gone, p->moved says the URL is new.  Returns
 * true, or
 * false with p->why saying what went wrong in words a facilitator can
 * act on, and the app's message set to it.
 */
bool phones_start(struct phones *p);

/*
 * Closes voting (v): ballots stay in the session, and the session no
 * longer records voting as open, so a resume does not open it again.
 */
void phones_stop(struct phones *p);

/*
 * Stops the server as the session ends, leaving the session's record as
 * it is: voting that was open then opens again on a resume, as it does
 * after a crash.
 */
void phones_end(struct phones *p);

bool phones_on(const struct phones *p);

/*
 * For an audience view: shows the code of url (the session's
 * phones_url), or nothing when url is NULL; no server.  The code is
 * made again only when the URL changed.
 */
void phones_show(struct phones *p, const char *url);

/* Whether the code and URL are there to be shown. */
bool phones_shown(const struct phones *p);

#endif
