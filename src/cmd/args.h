/*
 * args: the options that export and report share (--format, -o and, for
 * report, --compare), parsed with getopt_long.
 */
#ifndef HANDSUP_ARGS_H
#define HANDSUP_ARGS_H

#include <stdbool.h>

struct args {
	int fmt; /* enum report_format */
	const char *out;
	const char *compare;
	bool bom; /* --bom: a UTF-8 byte order mark first, for spreadsheets */
	int first; /* index of the first operand */
};

/*
 * Parses argv (argv[0] is the subcommand); usage is printed with any
 * mistake.  Returns -1 to go on, else an exit status (0 after --help).
 */
int args_parse(int argc, char **argv, const char *usage, bool report,
	       struct args *a);

#endif
