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

#endif
