/*
 * exit: handsup's exit statuses, after sysexits(3), documented in
 * handsup(1).  A session ended by a signal exits 128 + the signal.
 */
#ifndef HANDSUP_EXIT_H
#define HANDSUP_EXIT_H

enum {
	EXIT_USAGE = 64,     /* bad command line */
	EXIT_DATA = 65,	     /* bad or unreadable input file (deck, session) */
	EXIT_NOINPUT = 66,   /* an input file (deck, session) does not exist */
	EXIT_SOFTWARE = 70,  /* internal error, out of memory */
	EXIT_CANTCREAT = 73, /* cannot create an output file */
	EXIT_IOERR = 74,     /* write error */
	EXIT_INUSE = 75,     /* the session is open in another handsup */
};

#endif
