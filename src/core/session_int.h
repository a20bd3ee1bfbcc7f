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
	/* Format 3 only. */
	HAVE_PHONES = 1 << 13,
	HAVE_PHONES_URL = 1 << 14,
	HAVE_REQUIRED = HAVE_NAME | HAVE_STARTED | HAVE_TITLE | HAVE_PATH |
			HAVE_HASH | HAVE_CURRENT,
	HAVE_V2 = HAVE_SAME | HAVE_BASE | HAVE_HEADCOUNT | HAVE_ACTIVE |
		  HAVE_HIDDEN | HAVE_BLANK,
	HAVE_V3 = HAVE_PHONES | HAVE_PHONES_URL,
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

/*
 * Where a session_reader keeps each string from one file to the next:
 * the header's, the groups', then per item its heading, labels and texts.
 */
enum {
	SLOT_NAME,
	SLOT_TITLE,
	SLOT_SOURCE,
	SLOT_PATH,
	SLOT_GROUP, /* + group */
	SLOT_ITEMS = SLOT_GROUP + TALLY_MAX_GROUPS,
	SLOT_PER_ITEM = 1 + 2 * TALLY_MAX_VIEWS, /* heading, labels, texts */
};

static inline size_t session_slot_heading(int item)
{
	return SLOT_ITEMS + (size_t)item * SLOT_PER_ITEM;
}

static inline size_t session_slot_label(int item, int view)
{
	return session_slot_heading(item) + 1 + (size_t)view;
}

static inline size_t session_slot_text(int item, int view)
{
	return session_slot_label(item, TALLY_MAX_VIEWS) + (size_t)view;
}

/*
 * One kept string.  as_read: its bytes are those it was read from, so
 * the same bytes in the next file make the same string, and it is used
 * again as it is.  A string that sanitising changed is made anew each
 * time: its bytes are not those of the file.
 */
struct reader_slot {
	char *str;
	size_t len;
	bool as_read;
};

/*
 * A reader (session_parse.h) owns its session's strings, in slots, and
 * the arrays that one parse would allocate and free: each file reuses
 * them.
 */
struct session_reader {
	struct session *s; /* its own, allocated with it */
	struct reader_slot *slots;
	size_t nslots;
	size_t items_cap; /* s->items and item_lines allocated */
	int *item_lines;
	struct counts *counts;
	size_t counts_cap;
};

struct parser {
	struct session *s;
	struct session_reader *reader; /* NULL: session_parse's own strings */
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

/*
 * Stores a sanitised copy of v[0..n) in *dst; -1 out of memory.  With a
 * reader, the copy is the one in the reader's slot (SLOT_*, or one of
 * session_slot_*), made again only when the bytes are not those it was
 * made from.
 */
int session_store(struct parser *p, size_t slot, char **dst, const char *v,
		  size_t n);

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
