/*
 * live: what a session on the terminal needs, whether new (cmd_run) or
 * resumed (cmd_resume).  Each function prints its own message and
 * returns an exit status (cmd/exit.h) or 0.
 */
#ifndef HANDSUP_LIVE_H
#define HANDSUP_LIVE_H

#include <stdbool.h>

struct app;
struct deck;
struct run_options;

/* What a session's deck_path records for the built-in deck. */
#define LIVE_EMBEDDED_PATH "(embedded)"

/* Checks made before any file is created; 0 or an exit status. */
int live_need_terminal(void);
int live_check_out_dir(const char *dir);

/* Parses the built-in deck; 0 or an exit status. */
int live_parse_embedded(struct deck *d);

/* Takes the session's lock: the descriptor, or -1 with *rc set (75 when
 * another handsup holds it, 73 when it cannot be made). */
int live_lock(const char *path, int *rc);

/*
 * Runs the session on the terminal and closes it: the final save (or the
 * rescue when saving fails) and where the file is.  *started says whether
 * the screen ever opened.  Returns an exit status (128 + a signal).
 */
int live_run(struct app *a, const struct run_options *o, bool *started);

#endif
