/*
 * termreply: picks a terminal's answers to two queries out of the keys
 * that arrive with them.  handsup asks for the background colour (OSC
 * 11) and, right after it, for the device attributes (DA1), which every
 * terminal answers: a DA1 answer that comes first means there is no
 * colour to wait for.  The answers come in on the keyboard, so each
 * character is offered here first; what is not part of an answer goes on
 * to the keys, unchanged and in order.  Pure: no terminal, no clock.
 */
#ifndef HANDSUP_TERMREPLY_H
#define HANDSUP_TERMREPLY_H

#include <stdbool.h>
#include <stddef.h>

#define TERMREPLY_ESC 27

enum termreply_result {
	TERMREPLY_KEY,	      /* ch is a key: hand it on */
	TERMREPLY_HELD,	      /* ch may be part of an answer: kept */
	TERMREPLY_BACKGROUND, /* an OSC 11 answer ended: see light */
	TERMREPLY_DA,	      /* the DA1 answer ended: nothing more comes */
	TERMREPLY_KEYS,	      /* the kept characters were keys after all:
				 hand on keys[0 .. nkeys-1], then offer ch
				 again */
};

struct termreply {
	int state;
	char buf[160]; /* the answer so far */
	size_t len;
	bool light; /* after TERMREPLY_BACKGROUND: a light background */
	int keys[160];
	size_t nkeys;
};

void termreply_init(struct termreply *r);

/* Offers one character (a byte, or a curses key code above 255). */
enum termreply_result termreply_feed(struct termreply *r, int ch);

/*
 * No more characters for now.  A lone Escape that is kept is a key
 * (returns true: hand on keys[]); a longer beginning of an answer waits
 * for the rest of it.
 */
bool termreply_idle(struct termreply *r);

/*
 * Whether "rgb:R/G/B" (1 to 4 hex digits each, as terminals answer OSC
 * 11) is a light colour: black text on it contrasts more than white.
 * Returns 0, or -1 when spec is not such a colour.
 */
int termreply_rgb_light(const char *spec, bool *light);

#endif
