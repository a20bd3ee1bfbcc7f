/*
 * session_parse: reads a session's text form (handsup(5)) strictly.  Pure.
 */
#ifndef HANDSUP_SESSION_PARSE_H
#define HANDSUP_SESSION_PARSE_H

#include <stddef.h>

struct error;
struct session;

/*
 * Parses a session's text form.  Returns 0, or -1 with *err filled (line
 * numbers 1-based; 0 for "empty file" and "truncated: no end line") and
 * *s left empty.  Every string is sanitised.  Strict: the header keys
 * come once each before the first item, every line ends in a newline
 * (CRLF is accepted), and the file ends with the "end" line.  A view's
 * label may be empty or any text, but one that names a view by number
 * ("View 3", "view 3 (price)") must name its own: "view N is labelled
 * 'X', expected 'View N'" otherwise.
 */
int session_parse(struct session *s, const char *text, size_t len,
		  struct error *err);

/*
 * A reader of many session files in a row (a report over thousands of
 * workshops of one deck).  It parses as session_parse does, strictly and
 * with the same errors, into a session of its own that it keeps from one
 * file to the next, with the bytes each string was made from: a field
 * whose bytes are those of the same field in the file before (the deck's
 * title, an item's heading, a label) keeps the string already made, so
 * text that is the same in every file is sanitised and allocated once.
 * A field that differs, or whose text sanitising changed, is made anew.
 */
struct session_reader;

/* NULL when out of memory. */
struct session_reader *session_reader_new(void);

/*
 * Parses text.  Returns 0 with *out the reader's session, valid until the
 * next parse or session_reader_free, never to be changed or freed by the
 * caller; or -1 with *err filled as by session_parse and *out NULL.
 */
int session_reader_parse(struct session_reader *r, const char *text, size_t len,
			 const struct session **out, struct error *err);

void session_reader_free(struct session_reader *r);

#endif
