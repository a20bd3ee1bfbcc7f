/*
 * deck: parses a deck (plain UTF-8 text) into a read-only struct deck.
 * Pure: takes bytes, returns data or a FILE:LINE-ready error; never prints.
 *
 * Every string in a parsed deck is sanitised (see text_sanitize), so it is
 * safe to draw or write anywhere.  The format is described in handsup(5).
 */
#ifndef HANDSUP_DECK_H
#define HANDSUP_DECK_H

#include <stddef.h>
#include <stdint.h>

#define DECK_MIN_VIEWS 2
#define DECK_MAX_VIEWS 6
#define DECK_MAX_ITEMS 200
#define DECK_MAX_GROUPS 12
#define DECK_MAX_BYTES (1024 * 1024)

struct deck_item {
	char *heading;
	char *views[DECK_MAX_VIEWS];   /* the views' text */
	int nviews;
	char *note;                    /* facilitator's prompt, or NULL */
	int line;                      /* line of the "==" heading */
};

struct deck {
	char *title;      /* never NULL after a successful parse */
	char *subtitle;   /* NULL when absent, likewise below */
	char *source;
	char *intro;      /* paragraphs separated by "\n" */
	char *closing;
	char *groups[DECK_MAX_GROUPS];
	int ngroups;
	struct deck_item *items;
	int nitems;
	uint64_t hash;    /* FNV-1a 64 of the raw bytes parsed */
};

struct deck_error {
	int line;         /* 1-based; 0 when the error is about the whole file */
	char msg[160];
};

/*
 * Parses text[0..len) into *d.  Returns 0 on success; on failure returns -1,
 * fills *err and leaves *d empty (safe to deck_free).
 */
int deck_parse(struct deck *d, const char *text, size_t len,
	       struct deck_error *err);

void deck_free(struct deck *d);

/* Label of view v (0-based): "View 1" ... "View 6". */
const char *deck_view_label(int v);

/* FNV-1a 64-bit hash, used for the deck's identity in session files. */
uint64_t deck_hash_bytes(const char *s, size_t len);

#endif
