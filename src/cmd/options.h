/*
 * options: the options of a session on the terminal, shared by a new
 * session (handsup [DECK]) and a resumed one (handsup resume [SESSION]).
 */
#ifndef HANDSUP_OPTIONS_H
#define HANDSUP_OPTIONS_H

#include <stdbool.h>

#include "tui/draw.h"

struct run_options {
	const char *deck_path; /* NULL: the embedded deck */
	const char *name;      /* session name, or NULL */
	const char *state_dir; /* NULL: the default state folder */
	const char *out_dir;   /* where 'e' exports; NULL: "." */
	const char *groups;    /* --groups "A|B|C", or NULL: the deck's */
	bool no_groups;	       /* --no-groups: the room counted as one */
	long headcount;	       /* --headcount N; 0: not given */
	int aligned;	       /* --aligned N: points apart that count as
	                          not aligned (default 20) */
	enum theme theme;      /* --theme; --mono is THEME_MONO */
	enum bars bars;	       /* --bars */
	bool ascii;
	int timer;	    /* --timer DURATION in seconds; 0: no timer */
	bool timer_bell;    /* --timer-bell: beep once at zero */
	bool phones;	    /* --phones: open phone voting at the start */
	const char *listen; /* --listen ADDR:PORT (implies --phones) */
};

/*
 * Parses argv (argv[0] is "handsup", "resume" or "follow") into *o and
 * *operand (the one DECK or SESSION, or NULL).  Returns -1 to go on,
 * else an exit status: 0 after --help or --version, EXIT_USAGE after a
 * mistake, which it has reported.
 */
int options_parse(int argc, char **argv, struct run_options *o,
		  const char **operand);

/*
 * --theme (c is 'T') or --bars ('B') with its value arg, into *theme or
 * *bars.  Returns -1 to go on, or EXIT_USAGE after saying what is wrong.
 */
int options_look(int c, const char *arg, enum theme *theme, enum bars *bars);

#endif
