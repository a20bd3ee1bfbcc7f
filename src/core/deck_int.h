/*
 * deck_int: private to core/.  The deck parser's state, and the field
 * and item handlers (deck_fields.c) that the driver (deck.c) calls for
 * each line.  The handlers record errors here; they never call back.
 */
#ifndef HANDSUP_DECK_INT_H
#define HANDSUP_DECK_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "core/deck.h"

struct deck;
struct deck_item;
struct error;

/* How a field's text may be written: title-like fields are one line on
 * screen, so a paragraph break there is a mistake worth reporting. */
enum deck_field_kind {
	DECK_KIND_PARAS,
	DECK_KIND_LINE,
	DECK_KIND_GROUPS,
	DECK_KIND_LABELS,
	DECK_KIND_FLAG,
	DECK_KIND_HEADING
};

struct deck_parser {
	struct deck *d;
	struct error *errs;
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
	/* Where a field is sanitised before it is copied out at its size. */
	char *clean;
	size_t clean_cap;
	/* A hash of each item's heading, so that finding a duplicate
	 * compares strings only when the hashes agree. */
	uint32_t heading_hash[DECK_MAX_ITEMS];
	/* Fields seen, even those with an empty value, so that one
	 * mistake is not reported again as a missing or duplicate field. */
	unsigned header_seen; /* bit i: deck.c's header_fields[i] */
#define DECK_TITLE_SEEN 1u    /* header_fields[0] is the title */
	bool groups_seen, closing_seen, note_seen, labels_seen, same_seen;
	int labels_line;	/* of the item's "labels:" */
	bool *flag;		/* the yes/no field being collected */
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
