/*
 * deck: parses a deck (plain UTF-8 text) into a read-only struct deck.
 * Pure: takes bytes, returns data or a FILE:LINE-ready error; never prints.
 *
 * Every string in a parsed deck is sanitised (see text_sanitize), so it is
 * safe to draw or write anywhere.  The format is described in handsup(5).
 */
#ifndef HANDSUP_DECK_H
#define HANDSUP_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DECK_MIN_VIEWS	2
#define DECK_MAX_VIEWS	6
#define DECK_MAX_ITEMS	200
#define DECK_MAX_GROUPS 8  /* what the item screen shows at 80x24 */
#define DECK_MAX_LABEL	24 /* columns of a view's short label */
#define DECK_MAX_BYTES	(1024 * 1024)
/* A good size for deck_parse_all's errs: fifty errors, and room for the
 * note that reading stopped there. */
#define DECK_MAX_ERRORS 51

struct deck_item {
	char *heading;
	char *views[DECK_MAX_VIEWS];  /* the views' text */
	char *labels[DECK_MAX_VIEWS]; /* short names, or all NULL */
	int nviews;
	char *note; /* facilitator's prompt, or NULL */
	int line;   /* line of the "==" heading */
};

struct deck {
	char *title;	/* never NULL after a successful parse */
	char *subtitle; /* NULL when absent, likewise below */
	char *source;
	char *intro; /* paragraphs separated by "\n" */
	char *closing;
	char *groups[DECK_MAX_GROUPS];
	int ngroups;
	bool same_views; /* "same-views: yes": View N means one thing on
	                    every item, so totals over items mean something */
	struct deck_item *items;
	int nitems;
	/* FNV-1a 64 of the raw bytes, the deck's identity in session files:
	 * set by whoever read the bytes (store/deck_file, the built-in
	 * deck), not by deck_parse, which has no use for it. */
	uint64_t hash;
};

struct error;

/*
 * Parses text[0..len) into *d, finding every error it can in one pass:
 * a bad line is reported and skipped (with its continuation lines), and
 * the parse goes on.  Returns 0 on success with *nerrs 0.  On failure
 * returns -1, leaves *d empty (safe to deck_free) and stores *nerrs >= 1
 * errors in errs[0..max), max >= 1, in line order, the whole-file ones
 * (line 0, such as "no items") last.  When there are more than max, the
 * last entry is "too many errors, stopping here" on the line where the
 * parse stopped.  A file too large or with a NUL byte gives that one
 * error; a line with invalid UTF-8 gives one error and is still read,
 * so that the lines after it are understood.  When out of memory, the
 * parse stops with "out of memory" among the errors.
 */
int deck_parse_all(struct deck *d, const char *text, size_t len,
		   struct error *errs, int max, int *nerrs);

/*
 * The same, for callers that show one error: on failure *err is the
 * first one deck_parse_all would report.
 */
int deck_parse(struct deck *d, const char *text, size_t len, struct error *err);

void deck_free(struct deck *d);

/*
 * Splits "A | B | C" into groups[0..*n) (malloc'd), trimmed and checked
 * as a deck's groups line is: no empty name, none twice, at most
 * DECK_MAX_GROUPS.  The good names are kept; every problem goes into
 * errs[0..max) (line 0), *nerrs counting them all.  Returns 0, or -1
 * when there was any.
 */
int deck_groups_from(const char *list, char **groups, int *n,
		     struct error *errs, int max, int *nerrs);

/* Label of view v (0-based): "View 1" ... "View 6". */
const char *deck_view_label(int v);

/*
 * The number a label gives a view, as in "View 3" or "view 3 (price)";
 * 0 for a label that names none ("Not sure", "Skills"), -1 for a number
 * too long to be one.  A label that names a view must name its own:
 * reports put the N-th view's counts under "View N".
 */
long deck_named_view(const char *label, size_t n);

/* FNV-1a 64-bit hash, used for the deck's identity in session files. */
uint64_t deck_hash_bytes(const char *s, size_t len);

#endif
