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

#include "tally.h"

struct deck;

#define SESSION_MAGIC "handsup-session"
#define SESSION_VERSION 1
#define SESSION_EXT ".session"

struct session_item {
	char *heading;
	int nviews;
	char *labels[TALLY_MAX_VIEWS];
};

struct session {
	char *name;
	time_t started;       /* UTC seconds */
	char *deck_title;
	char *deck_source;    /* may be NULL */
	char *deck_path;      /* absolute path, or "(embedded)" */
	uint64_t deck_hash;
	int current;          /* screen position: 0 title, 1..n items, ... */
	int nitems;
	struct session_item *items;
	struct tally tally;
};

struct session_error {
	int line;             /* 0 when not about one line */
	char msg[200];
};

/*
 * Builds a fresh session for a deck: labels "View N", zero counts.  name
 * may be NULL (then it is made from started, "2026-11-27 09:35").
 * Returns 0 or -1 (out of memory).
 */
int session_from_deck(struct session *s, const struct deck *d,
		      const char *deck_path, const char *name, time_t started);

void session_free(struct session *s);

/* Writes the session's text form to a string (caller frees); NULL: OOM. */
char *session_format(const struct session *s, size_t *len);

/*
 * Parses a session's text form.  Returns 0, or -1 with *err filled (line
 * numbers 1-based) and *s left empty.  Every string is sanitised.
 */
int session_parse(struct session *s, const char *text, size_t len,
		  struct session_error *err);

/*
 * Saves atomically to path.  On failure returns -1 with *err set (errno
 * text) and the previous file at path untouched.
 */
int session_save(const struct session *s, const char *path,
		 struct session_error *err);

/* Reads and parses a file.  -1 with *err on any failure. */
int session_load(struct session *s, const char *path,
		 struct session_error *err);

/*
 * The state folder: $HANDSUP_STATE_DIR, else $XDG_STATE_HOME/handsup,
 * else $HOME/.local/state/handsup.  override, when not NULL, wins.  The
 * folder is created (mode 0700) if missing.  Returns a malloc'd path or
 * NULL with *err set.
 */
char *session_state_dir(const char *override, struct session_error *err);

/* A new file name in dir for a session: "<dir>/<stamp>-<slug>.session". */
char *session_new_path(const char *dir, const struct session *s);

/*
 * Takes an exclusive lock for the session file (a "<path>.lock" file held
 * with fcntl/flock for the process's life).  A lock left by a dead process
 * does not block.  Returns a descriptor >= 0, or -1 with *err set ("in use
 * by process N" when another live handsup holds it).
 */
int session_lock(const char *path, struct session_error *err);
void session_unlock(int fd, const char *path);

/* Removes leftover temporary files ("*.tmp.*") in dir from killed runs. */
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
	int counted;          /* items with at least one count */
};

/*
 * Lists the sessions in dir, newest (by modification time) first.
 * Unreadable or corrupt files are skipped.  Returns 0 or -1.
 */
int session_list(const char *dir, struct session_summary **out, size_t *n);
void session_list_free(struct session_summary *list, size_t n);

/* Test hook: fail the save at step N (1-based) of the write protocol. */
void session_fail_at_step(int step);

#endif
