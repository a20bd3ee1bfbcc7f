/*
 * error: the one error type.  Every module that can fail fills one of
 * these instead of printing: a message that is always safe to print as
 * it is (user text in it is sanitised), and the file and line it is
 * about, where they apply.
 */
#ifndef HANDSUP_ERROR_H
#define HANDSUP_ERROR_H

#include <stdio.h>

struct error {
	const char *file; /* the file it is about (not owned), or NULL */
	int line;	  /* 1-based line in file; 0: the whole file, or none */
	char msg[300];
};

/* Sets line and the printf-style message, and file to NULL. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void error_set(struct error *e, int line, const char *fmt, ...);

/*
 * Sets "WHAT PATH: <reason>", line 0, where reason is strerror(errnum)
 * as it is ("cannot save F: No space left on device"); file NULL, as
 * the message names the path itself.  PATH is sanitised and, when long, cut so that the
 * reason always fits: the reason is what the reader needs.
 */
void error_errno(struct error *e, const char *what, const char *path,
		 int errnum);

/*
 * Writes strerror(errnum) into buf (size cap), sanitised (a translation
 * need not be UTF-8) and starting lower-case, to read well after "PATH: ".
 */
void error_reason(char *buf, size_t cap, int errnum);

/*
 * Prints "FILE:LINE: message", "FILE: message" (line 0) or "message" (no
 * file), and a newline.  FILE is sanitised on the way out.
 */
void error_print(FILE *out, const struct error *e);

#endif
