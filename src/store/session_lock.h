/*
 * session_lock: one handsup per session file, and the clean-up of what
 * killed runs left behind.
 */
#ifndef HANDSUP_SESSION_LOCK_H
#define HANDSUP_SESSION_LOCK_H

struct error;

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
int session_lock(const char *path, struct error *err);
void session_unlock(int fd, const char *path);

/*
 * 1 when another live process holds path's lock, 0 when none does (no
 * lock file, or one left by a dead process), -1 out of memory.  Only
 * asks (fcntl F_GETLK on a descriptor of its own, read-only): taking the
 * lock to test it would race with a handsup opening the session at the
 * same moment, and a read-only descriptor's close is no event for those
 * who watch the lock file (session_watch).  Like session_list, it drops
 * any lock this process holds on path: ask before locking.
 */
int session_lock_held(const char *path);

/*
 * Removes leftover temporary files ("*.session.tmp.PID", and
 * "*.session.tmp.PID.old") in dir whose process is gone; a live
 * process's files are left alone, as it may be saving right now.
 */
void session_clean_tmp(const char *dir);

#endif
