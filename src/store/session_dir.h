/*
 * session_dir: the state folder, new session file names, and the list of
 * recent sessions that resume offers.
 */
#ifndef HANDSUP_SESSION_DIR_H
#define HANDSUP_SESSION_DIR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct error;
struct session;

/*
 * The state folder: $HANDSUP_STATE_DIR, else $XDG_STATE_HOME/handsup,
 * else $HOME/.local/state/handsup.  override, when not NULL, wins.  The
 * folder is created (mode 0700) if missing.  Returns a malloc'd path or
 * NULL with *err set.
 */
char *session_state_dir(const char *override, struct error *err);

/*
 * A new file name in dir for a session: "<dir>/<stamp>-<slug>.session",
 * stamp "YYYYmmdd-HHMMSS" of started in local time, slug the name as
 * text_slug makes it (at most 40 bytes, cut after a whole word; "session"
 * if none).  "-2", "-3", ... are added while the name exists.  NULL: OOM.
 */
char *session_new_path(const char *dir, const struct session *s);

/* One line of the resume list. */
struct session_summary {
	char *path;
	char *name;
	char *deck_title;
	time_t started;
	time_t modified;
	int current;
	int nitems;
	int counted; /* items with at least one count */
	/*
	 * Another live process holds the session's lock: resuming it would
	 * be refused.  Told without taking the lock (fcntl F_GETLK on
	 * "<path>.lock"); false when there is no lock file or its holder
	 * is gone.
	 */
	bool in_use;
};

/*
 * Lists the sessions ("*.session") in dir, newest (by modification time)
 * first.  Unreadable or corrupt files are skipped; a missing dir is an
 * empty list.  Returns 0, or -1 (dir unreadable, out of memory).
 *
 * Each session's lock file is opened to tell in_use, and fcntl locks
 * belong to the process: closing that descriptor drops any lock this
 * process holds on the session (see session_lock), and a lock of this
 * process never shows as in_use.  So list before taking a lock, or
 * release it first.
 */
int session_list(const char *dir, struct session_summary **out, size_t *n);

/*
 * session_list, and *skipped (when not NULL) set to the number of
 * "*.session" entries left out because they could not be read or parsed
 * (or are not regular files), so that the caller can say some sessions
 * are not shown; 0 on failure.
 */
int session_list_skipped(const char *dir, struct session_summary **out,
			 size_t *n, size_t *skipped);
void session_list_free(struct session_summary *list, size_t n);

#endif
