/*
 * msg: what handsup says on standard error.  Every message starts with
 * "handsup: ", except a parse error's "FILE:LINE: message", which editors
 * jump to as it is; every piece of user text in one is sanitised.
 */
#ifndef HANDSUP_MSG_H
#define HANDSUP_MSG_H

#include <stdbool.h>

struct error;
struct session;

/* "handsup: MSG". */
void msg_error(const char *msg);

/* "handsup: FILE: what" or "handsup: FILE: what: detail". */
void msg_path(const char *file, const char *what, const char *detail);

/* "handsup: what 'arg'" (arg may be NULL), then usage; returns 64. */
int msg_usage(const char *usage, const char *what, const char *arg);

/*
 * A file's error: "FILE:LINE: message" when it has a line, else
 * "handsup: FILE: message", FILE being e->file or else path.
 */
void msg_file_error(const char *path, const struct error *e);

/*
 * The exit status for an input file (deck or session) that failed to
 * load with e: EXIT_NOINPUT when it does not exist, else EXIT_DATA.
 */
int msg_input_status(const char *path, const struct error *e);

/* Loads a session, saying why not; 0, EXIT_NOINPUT or EXIT_DATA. */
int msg_load_session(struct session *s, const char *path);

/*
 * After "ARG: no such file or directory" for a deck named without a
 * folder: it is not among the installed decks in dir either.
 */
void msg_not_installed(const char *arg, const char *dir);

/* "handsup: out of memory". */
void msg_oom(void);

/*
 * Asks question on the terminal (standard error, answer on standard
 * input); true only for y, Y or yes.  No terminal: false.
 */
bool msg_ask_yes(const char *question);

#endif
