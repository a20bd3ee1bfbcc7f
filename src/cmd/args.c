#include "cmd/args.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

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

void args_restart(void)
{
	/* glibc's getopt resets its own state only at optind 0. */
#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	opterr = 0;
}

/* Whether word is "--NAME" or "--NAME=..." of the long option for val. */
static bool is_long_of(const char *word, int val, const struct option *longs)
{
	if (strncmp(word, "--", 2) != 0)
		return false;
	size_t n = strcspn(word + 2, "=");
	for (; longs->name; longs++)
		if (longs->val == val && strlen(longs->name) == n &&
		    !strncmp(longs->name, word + 2, n))
			return true;
	return false;
}

int args_bad(const char *usage, int c, char **argv, const struct option *longs)
{
	char shortopt[3] = {'-', (char)optopt, '\0'};
	/*
	 * getopt has passed the word of a long option, which is then
	 * argv[optind - 1]; optopt is the short option, or 0 for a long
	 * one it does not know.
	 */
	const char *word = optind > 0 ? argv[optind - 1] : "";
	const char *opt = word;
	if (optopt != 0 && !is_long_of(word, optopt, longs))
		opt = shortopt;
	return msg_usage(
		usage, c == ':' ? "missing value for" : "unknown option", opt);
}

int args_info(const char *usage, const char *text, int c, int argc)
{
	/* "handsup --version extra" is a mistake, not a question. */
	if (argc != 2)
		return msg_usage(usage,
				 c == 'V' ? "--version takes no other argument"
					  : "--help takes no other argument",
				 NULL);
	fputs(text, stdout);
	return fflush(stdout) == EOF ? EXIT_IOERR : 0;
}

/* Returns -1 to go on, else an exit status (0 after --help). */
int args_parse(int argc, char **argv, const char *usage, bool report,
	       struct args *a)
{
	int c;

	a->fmt = REPORT_TEXT;
	a->out = NULL;
	a->compare = NULL;
	a->bom = false;
	args_restart();
	while ((c = getopt_long(argc, argv, report ? ":f:o:c:h" : ":f:o:h",
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
				return msg_usage(usage, "unknown option",
						 "--compare");
			a->compare = optarg;
			break;
		case OPT_HELP:
			return args_info(usage, usage, c, argc);
		default:
			return args_bad(usage, c, argv, long_opts);
		}
	}
	/* RFC 8259: JSON is never written with a byte order mark, and
	 * readers (Python's json module) refuse one. */
	if (a->bom && a->fmt == REPORT_JSON)
		return msg_usage(usage,
				 "--bom is for text, CSV and Markdown; JSON "
				 "is never written with one",
				 NULL);
	a->first = optind;
	return -1;
}
