#include "cmd/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "base/safe.h"
#include "cmd/args.h"
#include "cmd/exit.h"
#include "cmd/msg.h"
#include "core/tally.h"
#include "core/timer.h"

/* Long options without a letter of their own. */
enum { OPT_TIMER = 0x300, OPT_TIMER_BELL, OPT_PHONES, OPT_LISTEN };

/* The Makefile's VERSION, passed to this file's compile alone. */
#ifndef HANDSUP_VERSION
#error "HANDSUP_VERSION is set by the Makefile"
#endif

static const char usage[] =
	"usage: handsup [--name NAME] [--state-dir DIR] [--out DIR]\n"
	"               [--groups 'A|B|C' | --no-groups] [--headcount N]\n"
	"               [--aligned N] [--theme auto|dark|light|mono]\n"
	"               [--bars blocks|full|ascii] [--mono] [--ascii]\n"
	"               [--timer DURATION [--timer-bell]]\n"
	"               [--phones] [--listen ADDR:PORT] [DECK]\n"
	"       handsup resume [--state-dir DIR] [--out DIR] [--aligned N]\n"
	"               [--theme T] [--bars B] [--mono] [--ascii]\n"
	"               [--timer DURATION [--timer-bell]]\n"
	"               [--phones] [--listen ADDR:PORT] [SESSION]\n"
	"       handsup follow [--state-dir DIR] [--aligned N] [--theme T]\n"
	"               [--bars B] [--mono] [--ascii] [SESSION]\n"
	"       handsup check DECK...\n"
	"       handsup projector [--theme T] [--bars B] [--mono] [--ascii]\n"
	"       handsup export [--format text|csv|md|json] [-o FILE] [--bom] "
	"SESSION\n"
	"       handsup report [--format F] [-o FILE] [--bom] [--compare "
	"SESSION] SESSION...\n"
	"       handsup --help | --version\n"
	"With no DECK, runs the built-in deck. See handsup(1).\n";

static const char version[] =
	"handsup " HANDSUP_VERSION "\n"
	"Copyright (c) 2026 Seed 36bb6d5d maintainers\n"
	"License MIT: free to use, change and share; there is NO WARRANTY.\n"
	"The built-in deck quotes an article with attribution: see NOTICE.\n";

static const struct option longs[] = {
	{"name", required_argument, NULL, 'n'},
	{"state-dir", required_argument, NULL, 'd'},
	{"out", required_argument, NULL, 'o'},
	{"mono", no_argument, NULL, 'm'},
	{"ascii", no_argument, NULL, 'a'},
	{"theme", required_argument, NULL, 'T'},
	{"bars", required_argument, NULL, 'B'},
	{"groups", required_argument, NULL, 'g'},
	{"no-groups", no_argument, NULL, 'G'},
	{"headcount", required_argument, NULL, 'H'},
	{"aligned", required_argument, NULL, 'A'},
	{"timer", required_argument, NULL, OPT_TIMER},
	{"timer-bell", no_argument, NULL, OPT_TIMER_BELL},
	{"phones", no_argument, NULL, OPT_PHONES},
	{"listen", required_argument, NULL, OPT_LISTEN},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* A whole number lo..hi for option name, or -1 after saying why. */
static long number(const char *name, const char *arg, long lo, long hi)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < lo || n > hi) {
		fprintf(stderr,
			"handsup: --%s takes a whole number from %ld to "
			"%ld\n",
			name, lo, hi);
		return -1;
	}
	return n;
}

/* --timer's DURATION in seconds, or -1 after saying why not. */
static int timer_seconds(const char *arg)
{
	struct error err;
	int seconds;
	if (timer_parse(arg, &seconds, &err) == 0)
		return seconds;
	char shown[64];
	fprintf(stderr, "handsup: --timer%s%s: %s\n", *arg ? " " : "",
		safe_copy(shown, sizeof shown, arg), err.msg);
	return -1;
}

/*
 * --listen's ADDR:PORT: an IPv4 address or [IPv6], and a port 0-65535;
 * whether the address is this laptop's is the server's to find out.
 */
static bool listen_ok(const char *arg)
{
	const char *colon = strrchr(arg, ':');
	char *end;
	char shown[80];
	if (colon && colon > arg && colon[1] && strlen(arg) < 64) {
		errno = 0;
		long port = strtol(colon + 1, &end, 10);
		if (!errno && !*end && port >= 0 && port <= 65535 &&
		    colon[1] != '-' && colon[1] != '+')
			return true;
	}
	fprintf(stderr,
		"handsup: --listen takes ADDR:PORT, such as "
		"192.168.1.20:8080, not '%s'\n",
		safe_copy(shown, sizeof shown, arg));
	return false;
}

/* The options of a new session only; -1 to go on, else the status. */
static int new_option(int c, struct run_options *o, char **argv)
{
	switch (c) {
	case 'g':
		o->groups = optarg;
		return -1;
	case 'G':
		o->no_groups = true;
		return -1;
	case 'H':
		o->headcount =
			number("headcount", optarg, 1, TALLY_MAX_HEADCOUNT);
		return o->headcount < 0 ? EXIT_USAGE : -1;
	default:
		return args_bad(usage, c, argv, longs);
	}
}

int options_look(int c, const char *arg, enum theme *theme, enum bars *bars)
{
	int v = c == 'T' ? draw_theme_parse(arg) : draw_bars_parse(arg);
	if (v < 0 || (c == 'B' && v == BARS_AUTO)) {
		fprintf(stderr, "handsup: --%s takes %s, not '",
			c == 'T' ? "theme" : "bars",
			c == 'T' ? "auto, dark, light or mono"
				 : "blocks, full or ascii");
		safe_puts(stderr, arg);
		fputs("'\n", stderr);
		return EXIT_USAGE;
	}
	if (c == 'T')
		*theme = (enum theme)v;
	else
		*bars = (enum bars)v;
	return -1;
}

/* One option; -1 to go on, else the exit status. */
static int option(int c, struct run_options *o, int argc, char **argv)
{
	switch (c) {
	case 'A':
		o->aligned = (int)number("aligned", optarg, 1, 100);
		return o->aligned < 0 ? EXIT_USAGE : -1;
	case OPT_TIMER:
		o->timer = timer_seconds(optarg);
		return o->timer < 0 ? EXIT_USAGE : -1;
	case OPT_TIMER_BELL:
		o->timer_bell = true;
		return -1;
	case OPT_PHONES:
		o->phones = true;
		return -1;
	case OPT_LISTEN:
		o->listen = optarg;
		o->phones = true;
		return listen_ok(optarg) ? -1 : EXIT_USAGE;
	case 'n':
		o->name = optarg;
		return -1;
	case 'd':
		o->state_dir = optarg;
		return -1;
	case 'o':
		o->out_dir = optarg;
		return -1;
	case 'm':
		o->theme = THEME_MONO;
		return -1;
	case 'T':
	case 'B':
		return options_look(c, optarg, &o->theme, &o->bars);
	case 'a':
		o->ascii = true;
		return -1;
	case 'h':
		return args_info(usage, usage, c, argc);
	case 'V':
		return args_info(usage, version, c, argc);
	default:
		return new_option(c, o, argv);
	}
}

int options_parse(int argc, char **argv, struct run_options *o,
		  const char **operand)
{
	static const char *const subs[] = {"resume", "check",  "export",
					   "report", "follow", "projector"};
	int c, rc;
	memset(o, 0, sizeof *o);
	o->aligned = 20;
	*operand = NULL;
	args_restart();
	while ((c = getopt_long(argc, argv, ":n:d:o:mahV", longs, NULL)) != -1)
		if ((rc = option(c, o, argc, argv)) >= 0)
			return rc;
	if (o->groups && o->no_groups) {
		fputs("handsup: --groups and --no-groups do not go together\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (o->timer_bell && o->timer == 0) {
		fputs("handsup: --timer-bell needs --timer DURATION\n", stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; optind < argc && i < sizeof subs / sizeof *subs; i++)
		if (strcmp(argv[optind], subs[i]) == 0) {
			fprintf(stderr,
				"handsup: put '%s' first, before the "
				"options\n",
				subs[i]);
			return EXIT_USAGE;
		}
	if (argc - optind > 1)
		return msg_usage(usage, "one deck or session at a time", NULL);
	*operand = optind < argc ? argv[optind] : NULL;
	return -1;
}
