/* handsup check: every error of each deck, or that it is good. */
#include "cmd/cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/safe.h"
#include "cmd/args.h"
#include "cmd/exit.h"
#include "cmd/msg.h"
#include "core/deck.h"
#include "store/deck_file.h"

static const char check_usage[] = "usage: handsup check DECK...\n";

static const struct option check_opts[] = {
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

int cmd_check(int argc, char **argv)
{
	int c, rc = 0;

	args_restart();
	while ((c = getopt_long(argc, argv, "h", check_opts, NULL)) != -1) {
		if (c != 'h')
			return args_bad(check_usage, c, argv, check_opts);
		fputs(check_usage, stdout);
		return fflush(stdout) == EOF ? EXIT_IOERR : 0;
	}
	int first = optind;
	if (argc - first < 1)
		return msg_usage(check_usage, "no deck given", NULL);
	for (int i = first; i < argc; i++) {
		struct deck d;
		struct error errs[DECK_MAX_ERRORS];
		int nerrs = 0;

		if (deck_file_load_all(argv[i], &d, errs, DECK_MAX_ERRORS,
				       &nerrs)) {
			/* One without a line, such as a missing file, is
			 * handsup's message, not the compiler-style kind. */
			for (int k = 0; k < nerrs; k++)
				msg_file_error(argv[i], &errs[k]);
			/* A bad deck outweighs a missing one. */
			if (rc != EXIT_DATA)
				rc = msg_input_status(argv[i], &errs[0]);
			continue;
		}
		safe_puts(stdout, argv[i]);
		printf(": ok, %d item%s\n", d.nitems, d.nitems == 1 ? "" : "s");
		deck_free(&d);
	}
	/* The good decks' lines are output too: losing them is an error. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "handsup: standard output: %s\n",
			strerror(errno ? errno : EIO));
		if (!rc)
			rc = EXIT_IOERR;
	}
	return rc;
}
