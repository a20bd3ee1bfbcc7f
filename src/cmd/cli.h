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

/*
 * For cli*.c only: the helpers that cli.c (export, check) and
 * cli_report.c (report) share.  Each prints its own message.
 */
#include <stdbool.h>
#include <stdio.h>

struct session;

extern const char cli_report_usage[];

/* "handsup: FILE: what[: detail]" on standard error. */
void cli_say(const char *file, const char *what, const char *detail);
/* The message, then the usage; returns EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *what, const char *arg);
/* Loads a session, reporting why not; 0 or EXIT_DATA. */
int cli_load_one(struct session *s, const char *path);

/*
 * The output: standard output, or FILE written as a new temporary file in
 * FILE's folder (".FILE.XXXXXX", made with mkstemp: never an existing
 * file or a planted link, and never another run's) and renamed over FILE
 * only once complete, so a failed run never leaves a cut-off report where
 * a good one (or nothing) was.
 */
struct cli_output {
	FILE *f;
	const char *path; /* NULL: standard output */
	char *tmp;
	char *dir; /* the folder of path, to make the rename durable */
};

/* 0, or an exit status once the reason is printed. */
int cli_output_open(struct cli_output *o, const char *path);
int cli_output_close(struct cli_output *o, int e);

bool cli_same_file(const char *a, const char *b);
bool cli_clobbers(const char *out, const char *input);

struct cli_args {
	int fmt;
	const char *out;
	const char *compare;
	int first; /* index of the first operand */
};

/* Returns -1 to go on, else an exit status (0 after --help). */
int cli_parse_args(int argc, char **argv, bool report, struct cli_args *a);

#endif
