/*
 * deck_file: reads deck files from disk and turns every failure (missing
 * file, folder, unreadable, too large, not a deck) into errors that name
 * the file, ready to print as FILE:LINE: message.
 */
#ifndef HANDSUP_DECK_FILE_H
#define HANDSUP_DECK_FILE_H

struct deck;
struct error;

/*
 * Reads and parses a deck, and sets its hash.  -1 with *err filled (line
 * 0: whole file).
 */
int deck_file_load(const char *path, struct deck *d, struct error *err);

/*
 * Reads and parses a deck, collecting every error as deck_parse_all does
 * (errs has room for max >= 1; DECK_MAX_ERRORS is a good size), each
 * naming path.  A file that cannot be read ("is a directory", "no such
 * file or directory", ...) gives one error with line 0.  Returns 0 with
 * *nerrs 0, or -1 with *nerrs >= 1.
 */
int deck_file_load_all(const char *path, struct deck *d, struct error *errs,
		       int max, int *nerrs);

#endif
