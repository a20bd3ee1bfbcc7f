/*
 * session_int: private to core/.  The session reader's state, shared by
 * its driver (session_parse.c: lines, header keys, the end) and its item
 * lines (session_items.c), which record errors and never call back.
 */
#ifndef HANDSUP_SESSION_INT_H
#define HANDSUP_SESSION_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/tally.h"

struct error;
struct session;

/* Bounds memory for hostile input; a real deck has far fewer items. */
#define SESSION_MAX_ITEMS 1000

enum {
	HAVE_NAME = 1 << 0,
	HAVE_STARTED = 1 << 1,
	HAVE_TITLE = 1 << 2,
	HAVE_SOURCE = 1 << 3,
	HAVE_PATH = 1 << 4,
	HAVE_HASH = 1 << 5,
	HAVE_CURRENT = 1 << 6,
	/* Format 2 only. */
	HAVE_SAME = 1 << 7,
	HAVE_BASE = 1 << 8,
	HAVE_HEADCOUNT = 1 << 9,
	HAVE_ACTIVE = 1 << 10,
	HAVE_HIDDEN = 1 << 11,
	HAVE_BLANK = 1 << 12,
	HAVE_REQUIRED = HAVE_NAME | HAVE_STARTED | HAVE_TITLE | HAVE_PATH |
			HAVE_HASH | HAVE_CURRENT,
	HAVE_V2 = HAVE_SAME | HAVE_BASE | HAVE_HEADCOUNT | HAVE_ACTIVE |
		  HAVE_HIDDEN | HAVE_BLANK,
};

/* The keys of the header, each a bit of struct parser's have. */
struct session_key {
	const char *key;
	unsigned bit;
};
extern const struct session_key session_keys[];
extern const size_t session_nkeys;

/* The counts of one "view:" (format 1) or "count:" line (format 2). */
struct counts {
	int item, round, view;
	long c[TALLY_MAX_GROUPS];
};

struct parser {
	struct session *s;
	struct error *err;
	int version;
	int line;
	unsigned have;
	int item_line;		     /* line of the last "item:" */
	int current_line;	     /* line of "current:" */
	size_t cap;		     /* items allocated */
	int *item_lines;	     /* parallel to s->items */
	bool texts[TALLY_MAX_VIEWS]; /* of the item being read */
	int next_round;		     /* the "count:" line expected next: */
	int next_view;		     /* round and view, 0-based */
	struct counts *counts;
	size_t ncounts, counts_cap;
	long headcount[TALLY_MAX_GROUPS];
	long active;
};

/* Fills the error with the line and message; returns -1. */
__attribute__((format(printf, 3, 4))) int
session_fail(struct parser *p, int line, const char *fmt, ...);

/* The key (or any text) made safe to put in a message. */
const char *session_shown(const char *k, size_t n, char *buf, size_t cap);

/* Stores a sanitised copy of v[0..n) in *dst; -1 out of memory. */
int session_store(struct parser *p, char **dst, const char *v, size_t n);

/* The item lines, each returning 0 or -1 once the error is set. */
int session_item(struct parser *p, const char *v, size_t n);
int session_view(struct parser *p, const char *v, size_t n);
int session_text(struct parser *p, const char *v, size_t n);
int session_count(struct parser *p, const char *v, size_t n);

/* Checks a complete item; and at the end, no item block twice. */
int session_close_item(struct parser *p);
int session_check_repeats(struct parser *p);

/* The header's checks, once it is complete. */
int session_check_header(struct parser *p);

#endif
