/*
 * run: opens a session (a new one on a deck, or a saved one to resume),
 * runs it on the terminal, and closes it so that nothing is lost: the
 * final save, a way out when saving fails, and where to find the file.
 * Returns exit statuses (see cli.h).
 */
#ifndef HANDSUP_RUN_H
#define HANDSUP_RUN_H

#include <stdbool.h>
#include <stdio.h>

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

/* ---- for run*.c only ---------------------------------------------------- */

struct app;
struct deck;

#define RUN_EMBEDDED_PATH "(embedded)"

/* Messages on stderr, prefixed "handsup: ", user text sanitised. */
void run_put_safe(FILE *f, const char *s);
void run_error(const char *msg);
void run_error_path(const char *path, const char *msg);
/* Checks made before any file is created; 0 or an exit status. */
int run_need_terminal(void);
int run_check_out_dir(const char *dir);
/* Parses the built-in deck; 0 or an exit status. */
int run_parse_embedded(struct deck *d);
/* Asks on the terminal; true only for y, Y or yes. */
bool run_ask_yes(const char *question);
/* Takes the session's lock: the descriptor, or -1 with *rc set. */
int run_lock(const char *path, int *rc);
/* Runs the session on the terminal and closes it; *started says whether
 * the screen ever opened.  Returns an exit status. */
int run_session(struct app *a, const struct run_options *o, bool *started);

#endif
