/*
 * The session's lock, and clearing what killed runs left behind.
 */
#include "store/session_lock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"
#include "core/session.h"

/* The pid of the process holding fd's lock, or 0 if it cannot be told. */
static long holder(int fd)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK &&
	    fl.l_pid > 0)
		return (long)fl.l_pid;
	char buf[24];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	long pid = strtol(buf, NULL, 10);
	return pid > 0 ? pid : 0;
}

/* try_lock's answers besides a descriptor, SESSION_LOCK_HELD and -1. */
#define LOCK_RETRY  (-3) /* the lock file was replaced under us */
#define LOCK_FAILED (-4) /* failed, and *err says why */

/* The lock is held elsewhere (or cannot be taken): say by whom. */
static int refused(int fd, const char *path, int e, struct error *err)
{
	long pid = e == EAGAIN || e == EACCES ? holder(fd) : -1;
	if (pid < 0) {
		error_errno(err, "cannot lock", path, e);
		return -1;
	}
	if (pid > 0)
		error_set(err, 0,
			  "session is open in another handsup (process %ld)",
			  pid);
	else
		error_set(err, 0, "session is open in another handsup");
	return SESSION_LOCK_HELD;
}

/*
 * Opens the lock file, making it if there is none; *made says whether
 * this call made it.  -1 with errno: EAGAIN when it went away between
 * the two opens, as a holder letting go unlinks it (worth a retry).
 */
static int open_lock(const char *lp, bool *made)
{
	int fd = open(lp, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
	*made = fd >= 0;
	if (fd < 0 && errno == EEXIST) {
		fd = open(lp, O_RDWR | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			errno = EAGAIN;
	}
	return fd;
}

/*
 * The lock could not be taken for a reason other than a holder (no lock
 * support, say).  A file this attempt made is removed, unless someone
 * has locked it since: nobody else's lock file is ever removed.
 */
static void drop_made(int fd, const char *lp, bool made)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (made && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK)
		unlink(lp);
}

/* Our pid into the lock file we hold; 0, or -1 with *e the errno. */
static int write_pid(int fd, int *e)
{
	char pid[24];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	ssize_t w = -1;
	if (ftruncate(fd, 0) == 0)
		w = pwrite(fd, pid, (size_t)n, 0);
	if (w == n)
		return 0;
	*e = w < 0 ? errno : EIO;
	return -1;
}

/*
 * One attempt: the descriptor; SESSION_LOCK_HELD or LOCK_FAILED with *err
 * set; or LOCK_RETRY, or -1 for a failure worth no retry, with *e the
 * errno.  A failed attempt leaves no lock file of its own behind.
 */
static int try_lock(const char *lp, const char *path, int *e, struct error *err)
{
	bool made;
	int fd = open_lock(lp, &made);
	if (fd < 0) {
		*e = errno;
		return errno == EAGAIN ? LOCK_RETRY : -1;
	}
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (fcntl(fd, F_SETLK, &fl) != 0) {
		int rc = refused(fd, path, errno, err);
		if (rc == -1)
			drop_made(fd, lp, made);
		close(fd);
		return rc == -1 ? LOCK_FAILED : rc;
	}
	/*
	 * The last holder unlinks the file as it lets go; a lock on an
	 * unlinked file guards nothing, so take the new one.
	 */
	struct stat a, b;
	int rc = LOCK_RETRY;
	*e = EAGAIN;
	if (fstat(fd, &a) != 0 || stat(lp, &b) != 0) {
		*e = errno;
	} else if (a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		if (write_pid(fd, e) == 0)
			return fd;
		/* A full disk will not empty itself: do not retry.  The
		 * file is ours while we hold it: unlink it before letting
		 * go, as session_unlock does. */
		unlink(lp);
		rc = -1;
	}
	close(fd);
	return rc;
}

int session_lock(const char *path, struct error *err)
{
	char *lp = file_cat(path, ".lock");
	if (!lp) {
		error_errno(err, "cannot lock", path, ENOMEM);
		return -1;
	}
	/* What the last failed step said; EAGAIN when the lock file was
	 * replaced under us on every try. */
	int e = EAGAIN, rc = LOCK_RETRY;
	for (int tries = 0; tries < 20 && rc == LOCK_RETRY; tries++)
		rc = try_lock(lp, path, &e, err);
	free(lp);
	if (rc == LOCK_FAILED)
		return -1;
	if (rc == -1 || rc == LOCK_RETRY)
		error_errno(err, "cannot lock", path, e);
	return rc == LOCK_RETRY ? -1 : rc;
}

void session_unlock(int fd, const char *path)
{
	if (fd < 0)
		return;
	/* Unlink while still holding it, so no one else's lock is removed. */
	char *lp = file_cat(path, ".lock");
	if (lp)
		unlink(lp);
	free(lp);
	close(fd);
}

int session_lock_held(const char *path)
{
	char *lp = file_cat(path, ".lock");
	if (!lp)
		return -1;
	/* O_NONBLOCK: a FIFO put there must not hang the caller. */
	int fd = open(lp, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	free(lp);
	if (fd < 0)
		return 0;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	int held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return held;
}

/* The pid in "<x>.session.tmp.<pid>" or "<...pid>.old"; 0 if not one.
 * A number beyond any pid is not one of ours (and must not overflow). */
static long tmp_pid(const char *name)
{
	static const char mark[] = SESSION_EXT ".tmp.";
	const long max = 0x7fffffffL;
	for (const char *p = strstr(name, mark); p; p = strstr(p + 1, mark)) {
		const char *d = p + sizeof mark - 1;
		long pid = 0;
		size_t n = 0;
		bool fits = true;
		for (; d[n] >= '0' && d[n] <= '9'; n++) {
			int digit = d[n] - '0';
			if (pid > (max - digit) / 10)
				fits = false;
			else
				pid = pid * 10 + digit;
		}
		if (fits && n > 0 && (d[n] == '\0' || !strcmp(d + n, ".old")))
			return pid;
	}
	return 0;
}

void session_clean_tmp(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		long pid = tmp_pid(e->d_name);
		if (pid <= 0)
			continue;
		/* A live process may be mid-save: leave its file alone. */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}
