/*
 * handsup projector: the projector check on its own, before any deck or
 * session, to set up the room's screen.
 */
#include "cmd/cmd.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"
#include "cmd/args.h"
#include "cmd/exit.h"
#include "cmd/live.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "tui/screen.h"
#include "tui/term.h"

static const char usage[] =
	"usage: handsup projector [--theme auto|dark|light|mono]\n"
	"               [--bars blocks|full|ascii] [--mono] [--ascii]\n";

static const struct option longs[] = {
	{"theme", required_argument, NULL, 'T'},
	{"bars", required_argument, NULL, 'B'},
	{"mono", no_argument, NULL, 'm'},
	{"ascii", no_argument, NULL, 'a'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* Any key but a resize (which term takes) returns. */
static bool on_key(void *ctx, int key)
{
	(void)ctx;
	(void)key;
	return false;
}

static void on_draw(void *ctx)
{
	(void)ctx;
	if (term_too_small())
		draw_text(0, 0, term_cols(), ROLE_WARNING,
			  "Make the terminal larger");
	else
		screen_projector_draw();
}

static int parse(int argc, char **argv, struct term_options *o)
{
	int c, rc;
	args_restart();
	while ((c = getopt_long(argc, argv, ":mah", longs, NULL)) != -1) {
		if (c == 'T' || c == 'B') {
			if ((rc = options_look(c, optarg, &o->theme,
					       &o->bars)) >= 0)
				return rc;
		} else if (c == 'm') {
			o->theme = THEME_MONO;
		} else if (c == 'a') {
			o->ascii = true;
		} else if (c == 'h') {
			return args_info(usage, usage, c, argc);
		} else {
			return args_bad(usage, c, argv, longs);
		}
	}
	if (optind < argc)
		return msg_usage(usage, "projector takes no deck or session",
				 NULL);
	return -1;
}

int cmd_projector(int argc, char **argv)
{
	struct term_options o = {THEME_AUTO, BARS_AUTO, false};
	struct error err;
	int rc = parse(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if ((rc = live_need_terminal()) != 0)
		return rc;
	if (term_start(&o, &err) != 0) {
		msg_error(err.msg);
		return EXIT_SOFTWARE;
	}
	struct term_handlers h = {.key = on_key, .draw = on_draw};
	int sig = term_run(&h);
	term_stop();
	return sig ? 128 + sig : 0;
}
