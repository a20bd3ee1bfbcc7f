/*
 * Session files on disk: the atomic save, loading, the lock, and clearing
 * what killed runs left behind.  The save never writes over the only good
 * copy: a complete, synced temporary file replaces the old one by rename.
 */
#include "core/session.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/deck_file.h"

/* Far above any real session (a few KiB); bounds a hostile file. */
#define SESSION_MAX_BYTES (16 * 1024 * 1024)

static int fail_step;

void session_fail_at_step(int step)
{
	fail_step = step;
}

/* The test hook: pretend step fails with a plausible errno. */
static bool injected(int step)
{
	static const int errnos[] = {0, EACCES, ENOSPC, EIO, EIO, EIO, EIO};
	if (fail_step != step || step < 1 || step > 6)
		return false;
	errno = errnos[step];
	return true;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	char *d = malloc((size_t)(slash - path) + 1);
	if (d) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int sync_file(int fd)
{
	int rc;
	do
		rc = fsync(fd);
	while (rc != 0 && errno == EINTR);
	return rc;
}

static int sync_dir(const char *dir)
{
	if (injected(6))
		return -1;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = sync_file(fd);
	int e = errno;
	close(fd);
	/* Some file systems cannot sync a folder; the rename stands. */
	if (rc != 0 && (e == EINVAL || e == ENOTSUP || e == EROFS))
		rc = 0;
	errno = e;
	return rc;
}

/* Steps 1 to 4: a complete, synced copy at tmp. */
static int write_tmp(const char *tmp, const char *text, size_t len)
{
	int fd = -1;
	if (!injected(1)) {
		int flags = O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC;
		fd = open(tmp, flags, 0600);
		/* Our pid's name: left by an earlier process with this pid. */
		if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
			fd = open(tmp, flags, 0600);
	}
	if (fd < 0)
		return -1;
	if ((injected(2) || write_all(fd, text, len) != 0) ||
	    (injected(3) || sync_file(fd) != 0)) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		return -1;
	}
	/* On Linux an interrupted close has still closed, after the fsync. */
	if ((close(fd) != 0 && errno != EINTR) || injected(4)) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}

/*
 * Steps 5 and 6.  A hard link keeps the old copy reachable until the
 * folder is synced, so that a failed sync can put it back: a failed save
 * then always means "the file holds the previous save".
 */
static int replace(const char *path, const char *tmp, const char *old,
		   const char *dir)
{
	bool had_file = access(path, F_OK) == 0;
	bool kept = link(path, old) == 0;
	if (!kept && errno == EEXIST && unlink(old) == 0)
		kept = link(path, old) == 0;
	if (injected(5) || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		if (kept)
			unlink(old);
		errno = e;
		return -1;
	}
	if (sync_dir(dir) != 0) {
		int e = errno;
		if (kept)
			rename(old, path);
		else if (!had_file)
			unlink(path);
		sync_dir(dir);
		errno = e;
		return -1;
	}
	if (kept)
		unlink(old);
	return 0;
}

int session_save(const struct session *s, const char *path,
		 struct session_error *err)
{
	char pid[32];
	snprintf(pid, sizeof pid, ".tmp.%ld", (long)getpid());
	size_t len = 0;
	char *text = session_format(s, &len);
	char *tmp = session_cat(path, pid);
	char *old = tmp ? session_cat(tmp, ".old") : NULL;
	char *dir = dir_of(path);
	int rc = -1;
	if (!text || !tmp || !old || !dir)
		session_set_err(err, "cannot save", path, ENOMEM);
	else if (write_tmp(tmp, text, len) != 0 ||
		 replace(path, tmp, old, dir) != 0)
		session_set_err(err, "cannot save", path, errno);
	else
		rc = 0;
	free(text);
	free(tmp);
	free(old);
	free(dir);
	return rc;
}

int session_load(struct session *s, const char *path, struct session_error *err)
{
	char *text;
	size_t len;

	memset(s, 0, sizeof *s);
	err->line = 0;
	if (load_file(path, SESSION_MAX_BYTES, &text, &len, err->msg,
		      sizeof err->msg) != 0)
		return -1;
	int rc = session_parse(s, text, len, err);
	free(text);
	return rc;
}

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

int session_lock(const char *path, struct session_error *err)
{
	char *lp = session_cat(path, ".lock");
	if (!lp) {
		session_set_err(err, "cannot lock", path, ENOMEM);
		return -1;
	}
	/* What the last failed step said; EAGAIN when the lock file was
	 * replaced under us on every try. */
	int e = EAGAIN;
	for (int tries = 0; tries < 20; tries++) {
		int fd = open(lp, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
		if (fd < 0) {
			e = errno;
			break;
		}
		struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		if (fcntl(fd, F_SETLK, &fl) != 0) {
			e = errno;
			long pid = e == EAGAIN || e == EACCES ? holder(fd) : -1;
			close(fd);
			free(lp);
			err->line = 0;
			if (pid < 0) {
				session_set_err(err, "cannot lock", path, e);
				return -1;
			}
			if (pid > 0)
				snprintf(err->msg, sizeof err->msg,
					 "session is open in another handsup "
					 "(process %ld)",
					 pid);
			else
				snprintf(err->msg, sizeof err->msg,
					 "session is open in another handsup");
			return SESSION_LOCK_HELD;
		}
		/*
		 * The last holder unlinks the file as it lets go; a lock on
		 * an unlinked file guards nothing, so take the new one.
		 */
		struct stat a, b;
		if (fstat(fd, &a) != 0 || stat(lp, &b) != 0) {
			e = errno;
		} else if (a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			char pid[24];
			int n = snprintf(pid, sizeof pid, "%ld\n",
					 (long)getpid());
			ssize_t w = -1;
			if (ftruncate(fd, 0) == 0)
				w = pwrite(fd, pid, (size_t)n, 0);
			if (w == n) {
				free(lp);
				return fd;
			}
			/* A full disk will not empty itself: do not retry. */
			e = w < 0 ? errno : EIO;
			close(fd);
			break;
		} else {
			e = EAGAIN;
		}
		close(fd);
	}
	session_set_err(err, "cannot lock", path, e);
	free(lp);
	return -1;
}

void session_unlock(int fd, const char *path)
{
	if (fd < 0)
		return;
	/* Unlink while still holding it, so no one else's lock is removed. */
	char *lp = session_cat(path, ".lock");
	if (lp)
		unlink(lp);
	free(lp);
	close(fd);
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
