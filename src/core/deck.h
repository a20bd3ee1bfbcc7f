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

#define DECK_MIN_VIEWS	2
#define DECK_MAX_VIEWS	6
#define DECK_MAX_ITEMS	200
#define DECK_MAX_GROUPS 12
#define DECK_MAX_BYTES	(1024 * 1024)
/* A good size for deck_parse_all's errs: fifty errors, and room for the
 * note that reading stopped there. */
#define DECK_MAX_ERRORS 51

struct deck_item {
	char *heading;
	char *views[DECK_MAX_VIEWS]; /* the views' text */
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
	struct deck_item *items;
	int nitems;
	uint64_t hash; /* FNV-1a 64 of the raw bytes parsed */
};

struct deck_error {
	int line; /* 1-based; 0 when the error is about the whole file */
	char msg[160];
};

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
		   struct deck_error *errs, int max, int *nerrs);

/*
 * The same, for callers that show one error: on failure *err is the
 * first one deck_parse_all would report.
 */
int deck_parse(struct deck *d, const char *text, size_t len,
	       struct deck_error *err);

void deck_free(struct deck *d);

/* Label of view v (0-based): "View 1" ... "View 6". */
const char *deck_view_label(int v);

/* FNV-1a 64-bit hash, used for the deck's identity in session files. */
uint64_t deck_hash_bytes(const char *s, size_t len);

/*
 * For deck*.c only: the parser's state and the functions that deck.c
 * (fields and items) and deck_parse.c (line reader, error list) share.
 */
#include <stdbool.h>

/* How a field's text may be written: title-like fields are one line on
 * screen, so a paragraph break there is a mistake worth reporting. */
enum deck_field_kind {
	DECK_KIND_PARAS,
	DECK_KIND_LINE,
	DECK_KIND_GROUPS,
	DECK_KIND_HEADING
};

struct deck_parser {
	struct deck *d;
	struct deck_error *errs;
	int max, nerrs;
	bool failed;
	bool overflow; /* errs[max - 1] says "too many errors" */
	bool stop;     /* nothing sensible can follow: read no more */
	int lineno;
	/* A line with invalid UTF-8 is still read, so that what follows
	 * is understood, but its other errors would only repeat that one. */
	int muted_line;
	/* After a rejected line, its continuation lines are dropped too:
	 * they belong to the rejected field, not to the one above it. */
	bool skipping;
	/* The field being collected; its text is stored when it ends,
	 * because continuation lines may still follow. */
	char **target;
	enum deck_field_kind kind;
	const char *name;
	int field_line;
	bool open;
	bool para; /* a "." line is waiting to become "\n" */
	char *raw;
	size_t raw_len, raw_cap;
	/* Fields seen, even those with an empty value, so that one
	 * mistake is not reported again as a missing or duplicate field. */
	unsigned header_seen; /* bit i: deck.c's header_fields[i] */
#define DECK_TITLE_SEEN 1u    /* header_fields[0] is the title */
	bool groups_seen, closing_seen, note_seen;
	struct deck_item *item; /* the item being read, or NULL */
	/* A line of the item was rejected: it may have been meant as a
	 * view, so its view count proves nothing. */
	bool item_bad;
	bool item_many; /* "more than 6 views" said once */
	size_t items_cap;
};

/* Records an error (see deck_parse_all for which are kept); returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int deck_fail(struct deck_parser *p, int line, const char *fmt, ...);
/* Records "out of memory" and stops the parse; returns -1. */
int deck_oom(struct deck_parser *p);

/* The kinds of line, each returning 0 or -1 when the line was rejected. */
int deck_heading(struct deck_parser *p, const char *rest, size_t n);
int deck_field(struct deck_parser *p, const char *name, const char *val,
	       size_t vlen);
int deck_continuation(struct deck_parser *p, const char *s, size_t n);
/* Store the field, or check the item, being read once it is complete. */
int deck_end_field(struct deck_parser *p);
int deck_close_item(struct deck_parser *p);

#endif
