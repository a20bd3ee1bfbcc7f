/* handsup: count a room's hands, view by view, on a projected terminal. */
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "cmd/run.h"

#define HANDSUP_VERSION "1.0.0"

static void usage(FILE *f)
{
	fputs("usage: handsup [--name NAME] [--state-dir DIR] [--out DIR]\n"
	      "               [--mono] [--ascii] [DECK]\n"
	      "       handsup resume [--state-dir DIR] [--out DIR] [SESSION]\n"
	      "       handsup check DECK...\n"
	      "       handsup export [--format text|csv|md|json] [-o FILE] "
	      "SESSION\n"
	      "       handsup report [--format F] [-o FILE] [--compare "
	      "SESSION] SESSION...\n"
	      "With no DECK, runs the built-in deck. See handsup(1).\n",
	      f);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* getopt names the program in its messages: the short name reads
	 * better than however it was started. */
	argv[0] = (char *)"handsup";
	/* A file-size limit must fail a save (and say so), not kill us. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return cli_export(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return cli_report(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return cli_check(argc - 1, argv + 1);
	bool resume = argc > 1 && strcmp(argv[1], "resume") == 0;
	if (resume) {
		argc--;
		argv++;
	}
	static const struct option longs[] = {
		{"name", required_argument, NULL, 'n'},
		{"state-dir", required_argument, NULL, 'd'},
		{"out", required_argument, NULL, 'o'},
		{"mono", no_argument, NULL, 'm'},
		{"ascii", no_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct run_options o = {0};
	int c;
	while ((c = getopt_long(argc, argv, "n:d:o:mahV", longs, NULL)) != -1) {
		switch (c) {
		case 'n':
			o.name = optarg;
			break;
		case 'd':
			o.state_dir = optarg;
			break;
		case 'o':
			o.out_dir = optarg;
			break;
		case 'm':
			o.mono = true;
			break;
		case 'a':
			o.ascii = true;
			break;
		case 'h':
			usage(stdout);
			return fflush(stdout) == EOF ? EXIT_IOERR : 0;
		case 'V':
			puts("handsup " HANDSUP_VERSION);
			return fflush(stdout) == EOF ? EXIT_IOERR : 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	static const char *const subs[] = {"resume", "check", "export",
					   "report"};
	for (size_t i = 0; optind < argc && i < 4; i++)
		if (strcmp(argv[optind], subs[i]) == 0) {
			fprintf(stderr,
				"handsup: put '%s' first, before the "
				"options\n",
				subs[i]);
			return EXIT_USAGE;
		}
	if (argc - optind > 1) {
		fputs("handsup: one deck or session at a time\n", stderr);
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *arg = optind < argc ? argv[optind] : NULL;
	if (resume)
		return run_resume(&o, arg);
	o.deck_path = arg;
	return run_new(&o);
}
