/*
 * run: opens a session (a new one on a deck, or a saved one to resume),
 * runs it on the terminal, and closes it so that nothing is lost: the
 * final save, a way out when saving fails, and where to find the file.
 * Returns exit statuses (see cli.h).
 */
#ifndef HANDSUP_RUN_H
#define HANDSUP_RUN_H

#include <stdbool.h>

struct run_options {
	const char *deck_path; /* NULL: the embedded deck */
	const char *name;      /* session name, or NULL */
	const char *state_dir; /* NULL: the default state folder */
	const char *out_dir;   /* where 'e' exports; NULL: "." */
	bool mono, ascii;
};

/* handsup [DECK]: a new session. */
int run_new(const struct run_options *o);

/* handsup resume [FILE]: FILE, or one chosen from the recent ones. */
int run_resume(const struct run_options *o, const char *file);

#endif
