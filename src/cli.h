/*
 * cli: the subcommands that work without a terminal.  Each takes the
 * arguments after the subcommand name (argv[0] is the name itself) and
 * returns the exit status: 0, or one of the EXIT_* codes below.
 */
#ifndef HANDSUP_CLI_H
#define HANDSUP_CLI_H

enum {
	EXIT_USAGE = 64,     /* bad command line */
	EXIT_DATA = 65,	     /* bad or missing input file (deck or session) */
	EXIT_SOFTWARE = 70,  /* internal error, out of memory */
	EXIT_CANTCREAT = 73, /* cannot create an output file */
	EXIT_IOERR = 74,     /* write error */
	EXIT_INUSE = 75,     /* the session is open in another handsup */
};

/*
 * handsup check DECK...: "FILE: ok, N items" on standard output for each
 * good deck, every error of each bad one as FILE:LINE: message on
 * standard error; EXIT_DATA when any deck has one.
 */
int cli_check(int argc, char **argv);

/* handsup export [--format text|csv|md|json] [-o FILE] SESSION */
int cli_export(int argc, char **argv);

/*
 * handsup report [--format F] [-o FILE] [--compare SESSION] SESSION...
 * Notes on standard error, no error: a file named twice (counted once),
 * a session run on another version of the deck.
 */
int cli_report(int argc, char **argv);

#endif
