/*
 * page: the phones' built-in pages, made in memory.  Pure: what the
 * projector shows and what the ballot chose come in, HTML comes out.
 * No page is ever read from disk.
 *
 * Every text from the deck or a request is sanitised (control and bidi
 * characters neutralised) and HTML-escaped on its way into a page.  The
 * pages are plain forms that work without JavaScript; a small inline
 * script polls the state and reloads the page when the projector moves
 * on.  They fit a 360-pixel-wide screen, and every colour pair of their
 * one style sheet has a contrast of 4.5:1 or more (page_colours).
 */
#ifndef HANDSUP_PAGE_H
#define HANDSUP_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/tally.h"

/* A page being written; out of memory sticks until page_free. */
struct page {
	char *s;
	size_t len, cap;
	bool failed;
};

/* What the room sees, as the application says (strings not owned). */
struct page_shown {
	const char *title; /* the deck's */
	int item;	   /* 0-based item on the projector, or -1: none */
	int round;	   /* 0-based */
	bool open;	   /* voting is open on it */
	const char *heading;
	int nviews;
	const char *views[TALLY_MAX_VIEWS];
	/* the views' short names, as the projector shows them; NULL is
	 * "View N" */
	const char *labels[TALLY_MAX_VIEWS];
	int ngroups; /* 1: the deck has no groups */
	const char *groups[TALLY_MAX_GROUPS];
};

/* One foreground and background pair of the style sheet. */
struct page_colour {
	const char *what;
	const char *fg, *bg; /* "#rrggbb" */
};
extern const struct page_colour page_colours[];
extern const size_t page_ncolours;

void page_init(struct page *p);
void page_free(struct page *p);

/* Appends s as it is (the page's own markup). */
void page_raw(struct page *p, const char *s);
/* Appends s[0..len) sanitised and HTML-escaped. */
void page_text(struct page *p, const char *s, size_t len);

/*
 * The page a ballot sees under code: the join page (pick a group) when
 * the deck has groups and group < 0; else the item on the projector
 * with its views as buttons, each under its label as on the projector,
 * mine (1-based, 0: none) marked, or a
 * waiting page when no item is shown.
 */
void page_ballot(struct page *p, const char *code,
		 const struct page_shown *shown, int group, int mine);

/* A short page with a message and a way back to code's page. */
void page_message(struct page *p, const char *code, const char *message);

/*
 * What the script polls, and the page carries to compare with: "ITEM
 * ROUND open" or "... closed", 1-based, "0 0 closed" with no item.
 */
void page_state(struct page *p, const struct page_shown *shown);

#endif
