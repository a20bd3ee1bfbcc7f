#include "cmd/args.h"

#include <getopt.h>
#include <stdio.h>

#include "cmd/exit.h"
#include "cmd/msg.h"
#include "report/report.h"

enum {
	OPT_HELP = 'h',
	OPT_FORMAT = 'f',
	OPT_OUT = 'o',
	OPT_COMPARE = 'c',
	OPT_BOM = 256,
};

static const struct option long_opts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUT},
	{"compare", required_argument, NULL, OPT_COMPARE},
	{"help", no_argument, NULL, OPT_HELP},
	{"bom", no_argument, NULL, OPT_BOM},
	{NULL, 0, NULL, 0},
};

/* Returns -1 to go on, else an exit status (0 after --help). */
int args_parse(int argc, char **argv, const char *usage, bool report,
	       struct args *a)
{
	int c;

	a->fmt = REPORT_TEXT;
	a->out = NULL;
	a->compare = NULL;
	a->bom = false;
	/* The caller may run several subcommands in one process (tests). */
#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	opterr = 0;
	while ((c = getopt_long(argc, argv, report ? "f:o:c:h" : "f:o:h",
				long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			a->fmt = report_format_parse(optarg);
			if (a->fmt < 0)
				return msg_usage(usage, "unknown format",
						 optarg);
			break;
		case OPT_OUT:
			a->out = optarg;
			break;
		case OPT_BOM:
			a->bom = true;
			break;
		case OPT_COMPARE:
			if (!report)
				return msg_usage(usage, "bad option",
						 "--compare");
			a->compare = optarg;
			break;
		case OPT_HELP:
			fputs(usage, stdout);
			return fflush(stdout) == EOF ? EXIT_IOERR : 0;
		default:
			return msg_usage(usage,
					 "bad option or missing argument",
					 argv[optind - 1]);
		}
	}
	a->first = optind;
	return -1;
}
