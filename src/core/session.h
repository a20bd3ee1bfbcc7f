/*
 * session: the record of one workshop run and its file on disk.
 *
 * A session holds everything needed to resume and to report without the
 * deck: the deck's identity, each item's heading and view labels, the
 * current position, and every count (in a struct tally).  Files are plain
 * versioned UTF-8 text (see handsup(5)), saved atomically: temporary file
 * in the same folder, fsync, rename, fsync of the folder.  No curses.
 */
#ifndef HANDSUP_SESSION_H
#define HANDSUP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/tally.h"

struct deck;

#define SESSION_MAGIC	"handsup-session"
#define SESSION_VERSION 1
#define SESSION_EXT	".session"

struct session_item {
	char *heading;
	int nviews;
	char *labels[TALLY_MAX_VIEWS];
};

struct session {
	char *name;
	time_t started; /* UTC seconds */
	char *deck_title;
	char *deck_source; /* may be NULL */
	char *deck_path;   /* absolute path, or "(embedded)" */
	uint64_t deck_hash;
	int current; /* screen position: 0 title, 1..n items, ... */
	int nitems;
	struct session_item *items;
	struct tally tally;
};

struct session_error {
	int line; /* 0 when not about one line */
	char msg[200];
};

/*
 * Builds a fresh session for a deck: labels "View N", zero counts.  name
 * may be NULL (then it is made from started in local time, "2026-11-27
 * 09:35"); deck_path NULL means "(embedded)".  Returns 0, or -1 when out
 * of memory or the deck has no items or an item outside 2..6 views.
 */
int session_from_deck(struct session *s, const struct deck *d,
		      const char *deck_path, const char *name, time_t started);

void session_free(struct session *s);

/*
 * Writes the session's text form to a string (caller frees); NULL: OOM.
 * Every string is sanitised on the way out, so no value can hold a
 * newline.  A start time outside 1970..9999 is clamped into it.
 */
char *session_format(const struct session *s, size_t *len);

/*
 * Parses a session's text form.  Returns 0, or -1 with *err filled (line
 * numbers 1-based; 0 for "empty file" and "truncated: no end line") and
 * *s left empty.  Every string is sanitised.  Strict: the header keys
 * come once each before the first item, every line ends in a newline
 * (CRLF is accepted), and the file ends with the "end" line.  A view's
 * label may be empty or any text, but one that names a view by number
 * ("View 3", "view 3 (price)") must name its own: "view N is labelled
 * 'X', expected 'View N'" otherwise.
 */
int session_parse(struct session *s, const char *text, size_t len,
		  struct session_error *err);

/*
 * Saves atomically to path (mode 0600).  On failure returns -1 with *err
 * set ("cannot save PATH: <errno text>", PATH sanitised: every message of
 * this module is safe to print as it is) and the previous file at path
 * untouched -- even when only the final folder sync fails, the previous
 * file is put back -- and no temporary file left behind.
 */
int session_save(const struct session *s, const char *path,
		 struct session_error *err);

/*
 * Reads and parses a file (at most 16 MiB).  -1 with *err on any failure:
 * a parse error with its line, or line 0 and a reason without the path
 * ("no such file or directory", "is a directory", "not a regular file",
 * "larger than 16 MiB", ...; see load_file), for the caller to print as
 * "PATH: reason".
 */
int session_load(struct session *s, const char *path,
		 struct session_error *err);

/*
 * The state folder: $HANDSUP_STATE_DIR, else $XDG_STATE_HOME/handsup,
 * else $HOME/.local/state/handsup.  override, when not NULL, wins.  The
 * folder is created (mode 0700) if missing.  Returns a malloc'd path or
 * NULL with *err set.
 */
char *session_state_dir(const char *override, struct session_error *err);

/*
 * A new file name in dir for a session: "<dir>/<stamp>-<slug>.session",
 * stamp "YYYYmmdd-HHMMSS" of started in local time, slug the name as
 * text_slug makes it (at most 40 bytes, cut after a whole word; "session"
 * if none).  "-2", "-3", ... are added while the name exists.  NULL: OOM.
 */
char *session_new_path(const char *dir, const struct session *s);

/* session_lock's answer when another live process holds the lock. */
#define SESSION_LOCK_HELD (-2)

/*
 * Takes an exclusive lock for the session file (a "<path>.lock" file held
 * with an fcntl lock for the process's life; it holds our pid).  A lock
 * left by a dead process does not block.  Returns a descriptor >= 0; or
 * SESSION_LOCK_HELD (-2) with *err "session is open in another handsup
 * (process N)" when another live process holds it; or -1 with *err
 * "cannot lock PATH: <errno text>" for any other failure (the lock file
 * cannot be created or written, out of memory).  fcntl locks belong to
 * the process: locking twice in one process succeeds, and closing any
 * other descriptor of the lock file drops the lock, so never open
 * "<path>.lock" elsewhere.
 */
int session_lock(const char *path, struct session_error *err);
void session_unlock(int fd, const char *path);

/*
 * Removes leftover temporary files ("*.session.tmp.PID", and
 * "*.session.tmp.PID.old") in dir whose process is gone; a live
 * process's files are left alone, as it may be saving right now.
 */
void session_clean_tmp(const char *dir);

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

/*
 * Test hook: fail the save at step N of the write protocol (1 open,
 * 2 write, 3 fsync, 4 close, 5 rename, 6 folder fsync) with a plausible
 * errno; 0 turns it off.
 */
void session_fail_at_step(int step);

/* For the session_*.c files. */

/* a followed by b in a new string; NULL when out of memory. */
char *session_cat(const char *a, const char *b);

/*
 * Sets *err to "WHAT PATH: <errno text>", line 0, with PATH and the errno
 * text sanitised (a long PATH is cut), so the message is safe to print.
 */
void session_set_err(struct session_error *err, const char *what,
		     const char *path, int e);

#endif
