/*
 * A room with phones for the screen tests: handsup listening on a free
 * loopback port, and the join URL read back off its screen.
 * Header-only, as screen_util.h, which it needs first.
 */
#ifndef HANDSUP_TESTS_ROOM_UTIL_H
#define HANDSUP_TESTS_ROOM_UTIL_H

#include "../phone_client.h"
#include "screen_util.h"

struct room {
	struct su_run r;
	char listen[32];
	struct phone base; /* the address as the screen shows it */
};

/* The first word in the cells of row from col to the right edge. */
static inline size_t room_word_at(struct hs *h, int row, int col, char *out,
				  size_t cap)
{
	char cells[256];
	su_cells(h, row, col, hs_cols(h) - col, cells, sizeof cells);
	const char *p = cells + strspn(cells, " ");
	size_t k = strcspn(p, " ");
	if (k >= cap)
		k = cap - 1;
	memcpy(out, p, k);
	out[k] = '\0';
	return k;
}

/*
 * The URL as the screen shows it, joined up when it wraps onto the next
 * row of its column: whole once eight characters of code follow its
 * last slash.  False when no URL is shown.
 */
static inline bool room_shown_url(struct hs *h, char *out, size_t cap)
{
	int row, col;
	if (!hs_find(h, "http://", &row, &col))
		return false;
	size_t n = room_word_at(h, row, col, out, cap);
	const char *slash = strrchr(out, '/');
	if (!slash || strlen(slash + 1) < 8)
		room_word_at(h, row + 1, col, out + n, cap - n);
	return true;
}

/*
 * handsup on the built-in deck under name, listening on a free loopback
 * port, counted by groups ("A|B") or, with NULL, as one room; m->base
 * is the URL its title screen shows.
 */
static inline struct hs *room_start(struct room *m, int rows, int cols,
				    const char *name, const char *groups)
{
	snprintf(m->listen, sizeof m->listen, "127.0.0.1:%d",
		 phone_free_port());
	const char *argv[] = {"handsup",  "--name",  name,
			      "--listen", m->listen, groups ? "--groups" : NULL,
			      groups,	  NULL};
	if (!groups)
		argv[5] = "--no-groups";
	struct hs *h = su_start(&m->r, rows, cols, argv, NULL);
	char url[96];
	if (!room_shown_url(h, url, sizeof url) ||
	    !phone_from_url(&m->base, url)) {
		hs_dump(h, "no join URL");
		fail_msg("no join URL on the title screen");
	}
	return h;
}

#endif
