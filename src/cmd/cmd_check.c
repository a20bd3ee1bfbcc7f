/* handsup check: every error of each deck, or that it is good. */
#include "cmd/cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/safe.h"
#include "cmd/args.h"
#include "cmd/exit.h"
#include "cmd/msg.h"
#include "core/deck.h"
#include "store/deck_dir.h"
#include "store/deck_file.h"

static const char check_usage[] = "usage: handsup check DECK...\n";

static const struct option check_opts[] = {
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/*
 * Checks the deck that arg names (a file, or an installed deck by name):
 * "FILE: ok, N items", or every error.  0 or an exit status.
 */
static int check_one(const char *arg)
{
	struct deck d;
	struct error errs[DECK_MAX_ERRORS];
	int nerrs = 0, rc = 0;
	char *path = deck_dir_find(arg, deck_dir());

	if (path == NULL) {
		msg_oom();
		return EXIT_SOFTWARE;
	}
	if (deck_file_load_all(path, &d, errs, DECK_MAX_ERRORS, &nerrs)) {
		/* One without a line, such as a missing file, is handsup's
		 * message, not the compiler-style kind. */
		for (int k = 0; k < nerrs; k++)
			msg_file_error(path, &errs[k]);
		rc = msg_input_status(path, &errs[0]);
		if (rc == EXIT_NOINPUT)
			msg_not_installed(arg, deck_dir());
	} else {
		safe_puts(stdout, path);
		printf(": ok, %d item%s\n", d.nitems, d.nitems == 1 ? "" : "s");
		deck_free(&d);
	}
	free(path);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	int c, rc = 0;

	args_restart();
	while ((c = getopt_long(argc, argv, "h", check_opts, NULL)) != -1) {
		if (c != 'h')
			return args_bad(check_usage, c, argv, check_opts);
		return args_info(check_usage, check_usage, c, argc);
	}
	int first = optind;
	if (argc - first < 1)
		return msg_usage(check_usage, "no deck given", NULL);
	for (int i = first; i < argc; i++) {
		int st = check_one(argv[i]);
		/* A bad deck outweighs a missing one. */
		if (st != 0 && rc != EXIT_DATA)
			rc = st;
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
