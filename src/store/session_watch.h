/*
 * session_watch: a session seen from another process, without ever
 * taking its lock or writing it.  An inotify watch on the session's
 * folder says when the session file was replaced (a save), when its
 * lock file went away or was let go (the facilitator quit or died), and
 * when an audience view came or went.  An audience view marks its
 * presence with a file of its own beside the session, held with a lock
 * while it runs, which the facilitator's handsup counts.
 *
 * Linux only (inotify).  Nothing here blocks: the descriptor is
 * non-blocking, for an event loop's poll().
 */
#ifndef HANDSUP_SESSION_WATCH_H
#define HANDSUP_SESSION_WATCH_H

#include <stddef.h>

struct error;

/* What session_watch_read found; several may come at once. */
enum {
	SESSION_WATCH_SAVED = 1,     /* the session file was replaced */
	SESSION_WATCH_LOCK = 2,	     /* its lock file went or was let go */
	SESSION_WATCH_FOLLOWERS = 4, /* an audience view came or went */
};

struct session_watch {
	int fd;	     /* the inotify descriptor, for poll(); -1: none */
	char *base;  /* the session file's name in its folder */
	size_t blen; /* strlen(base) */
};

/*
 * Watches the folder of the session file path.  Returns 0, or -1 with
 * *err set ("cannot watch PATH: <reason>") and w->fd -1.
 */
int session_watch_open(struct session_watch *w, const char *path,
		       struct error *err);

/*
 * Reads every waiting event: a mask of SESSION_WATCH_* (0 when none is
 * about this session).  A full event queue, or the folder going away,
 * sets every bit, so that the caller looks again at everything.
 */
int session_watch_read(struct session_watch *w);

void session_watch_close(struct session_watch *w);

/*
 * Marks this process as an audience view of path: "<path>.follow.<pid>",
 * locked (fcntl) for as long as the descriptor is open.  It is made under
 * another name, locked, then renamed into place, so that a watcher told
 * of its arrival always finds it locked.  Presence files of views that
 * died are removed first.  Returns the descriptor, or -1 with *err set.
 */
int session_follow_mark(const char *path, struct error *err);

/* Removes the mark (unlinked while still locked) and closes fd. */
void session_follow_unmark(int fd, const char *path);

/*
 * How many audience views follow path now: presence files whose lock is
 * held by a live process (a dead view's file does not count).  0 when
 * none, or when the folder cannot be read.  Only asks; takes no lock.
 */
int session_followers(const char *path);

#endif
