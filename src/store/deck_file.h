/*
 * load: reads deck files from disk and turns every failure (missing file,
 * folder, unreadable, too large, not a deck) into FILE:LINE messages.
 */
#ifndef HANDSUP_LOAD_H
#define HANDSUP_LOAD_H

#include <stddef.h>
#include <stdio.h>

#include "core/deck.h"

/*
 * Reads a whole regular file of at most max bytes into a malloc'd buffer
 * (NUL-terminated; *len excludes the NUL).  On failure returns -1 and
 * writes a short reason without the path, safe to print ("no such file or
 * directory", "is a directory", "not a regular file", "larger than 1 MiB",
 * ...) into err.
 */
int load_file(const char *path, size_t max, char **buf, size_t *len, char *err,
	      size_t errcap);

/* Reads and parses a deck.  -1 with *err filled (line 0: whole file). */
int load_deck(const char *path, struct deck *d, struct deck_error *err);

/*
 * Reads and parses a deck, collecting every error as deck_parse_all does
 * (errs has room for max >= 1; DECK_MAX_ERRORS is a good size).  A file
 * that cannot be read ("is a directory", "no such file or directory",
 * ...) gives one error with line 0.  Returns 0 with *nerrs 0, or -1 with
 * *nerrs >= 1.
 */
int load_deck_all(const char *path, struct deck *d, struct deck_error *errs,
		  int max, int *nerrs);

/* Prints "PATH:LINE: message\n" (or "PATH: message\n" for line 0). */
void load_print_error(FILE *out, const char *path,
		      const struct deck_error *err);

/* load_print_error for errs[0..n), in order. */
void load_print_errors(FILE *out, const char *path,
		       const struct deck_error *errs, int n);

#endif
