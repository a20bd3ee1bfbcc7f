/*
 * args: the options that export and report share (--format, -o and, for
 * report, --compare), parsed with getopt_long.
 */
#ifndef HANDSUP_ARGS_H
#define HANDSUP_ARGS_H

#include <stdbool.h>

struct option;

struct args {
	int fmt; /* enum report_format */
	const char *out;
	const char *compare;
	bool bom;  /* --bom: a UTF-8 byte order mark first, for spreadsheets */
	int first; /* index of the first operand */
};

/*
 * Makes getopt start again from argv[1] of a new argv, and keeps it
 * quiet: each caller says what is wrong in handsup's own words.  (One
 * process may run several subcommands: the tests do.)
 */
void args_restart(void);

/*
 * What getopt_long's answer c ('?' or ':', the option string starting
 * with ':') means, told with usage: "unknown option '-x'" or "missing
 * value for '--name'"; longs is the table given to getopt_long.
 * Returns EXIT_USAGE.
 */
int args_bad(const char *usage, int c, char **argv, const struct option *longs);

/*
 * --help (c is 'h') or --version ('V'): text on standard output, when
 * it is the only argument (argc is 2), else a usage error.  Returns 0,
 * EXIT_IOERR or EXIT_USAGE.
 */
int args_info(const char *usage, const char *text, int c, int argc);

/*
 * Parses argv (argv[0] is the subcommand); usage is printed with any
 * mistake.  Returns -1 to go on, else an exit status (0 after --help).
 */
int args_parse(int argc, char **argv, const char *usage, bool report,
	       struct args *a);

#endif
