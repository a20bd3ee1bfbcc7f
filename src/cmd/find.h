/*
 * find: the session a command names and the deck it was run on, for the
 * commands that open a saved session (resume, follow).  Each function
 * that can fail says why on standard error and sets *rc to the exit
 * status.
 */
#ifndef HANDSUP_FIND_H
#define HANDSUP_FIND_H

#include <stdbool.h>

struct deck;
struct run_options;
struct session;

/*
 * The session file that "handsup resume FILE" names: FILE, or a session
 * of that name in the state folder (the newest, if several).  A malloc'd
 * path, or NULL with *rc set once it has said why there is none: the
 * real reason (a link loop, a folder that cannot be searched), not a
 * guess.
 */
char *find_session(const struct run_options *o, const char *file, int *rc);

/*
 * The newest session in the state folder that another handsup has open
 * now; NULL with *rc set (1 when there is none) once it has said so.
 * Takes no lock.
 */
char *find_open_session(const struct run_options *o, int *rc);

/* A deck rebuilt from what the session file records: headings, labels
 * and, from format 2 on, the views' wording.  0, or -1 out of memory. */
int find_deck_record(struct deck *d, const struct session *s);

/* Whether the session keeps the wording of its views (format 2). */
bool find_has_texts(const struct session *s);

/* Whether deck and session have the same items with the same views. */
bool find_same_shape(const struct deck *d, const struct session *s);

/*
 * The deck to show a session with, asking nothing: its deck file (or
 * the built-in deck) when it is the one the session was run on, else
 * the session's own record.  0, or an exit status.
 */
int find_deck_quiet(const struct session *s, struct deck *d);

#endif
