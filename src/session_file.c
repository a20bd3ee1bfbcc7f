/*
 * Session files on disk: the atomic save, loading, the lock, and clearing
 * what killed runs left behind.  The save never writes over the only good
 * copy: a complete, synced temporary file replaces the old one by rename.
 */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void set_err(struct session_error *err, const char *what,
		    const char *path, int e)
{
	err->line = 0;
	snprintf(err->msg, sizeof err->msg, "%s %s: %s", what, path,
		 strerror(e));
}

static char *concat(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p = malloc(la + lb + lc + 1);
	if (!p)
		return NULL;
	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc + 1);
	return p;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return concat(".", "", "");
	if (slash == path)
		return concat("/", "", "");
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
	char *tmp = concat(path, pid, "");
	char *old = concat(path, pid, ".old");
	char *dir = dir_of(path);
	int rc = -1;
	if (!text || !tmp || !old || !dir)
		set_err(err, "cannot save", path, ENOMEM);
	else if (write_tmp(tmp, text, len) != 0 ||
		 replace(path, tmp, old, dir) != 0)
		set_err(err, "cannot save", path, errno);
	else
		rc = 0;
	free(text);
	free(tmp);
	free(old);
	free(dir);
	return rc;
}

static int read_file(int fd, char **out, size_t *len)
{
	size_t cap = 8192, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return -1;
	for (;;) {
		if (n == cap) {
			if (cap >= SESSION_MAX_BYTES) {
				free(buf);
				errno = EFBIG;
				return -1;
			}
			char *b = realloc(buf, cap * 2);
			if (!b) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = b;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*out = buf;
	*len = n;
	return 0;
}

int session_load(struct session *s, const char *path,
		 struct session_error *err)
{
	memset(s, 0, sizeof *s);
	err->line = 0;
	/* Non-blocking, so that a FIFO given by mistake cannot hang us. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		fd = -1;
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	}
	char *text = NULL;
	size_t len = 0;
	int rc = fd < 0 ? -1 : read_file(fd, &text, &len);
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (rc != 0) {
		if (e == EFBIG)
			snprintf(err->msg, sizeof err->msg,
				 "larger than %d MiB", SESSION_MAX_BYTES >> 20);
		else if (e == EINVAL)
			snprintf(err->msg, sizeof err->msg,
				 "not a regular file");
		else
			snprintf(err->msg, sizeof err->msg, "%s", strerror(e));
		return -1;
	}
	rc = session_parse(s, text, len, err);
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
	char *lp = concat(path, ".lock", "");
	if (!lp) {
		set_err(err, "cannot lock", path, ENOMEM);
		return -1;
	}
	for (int tries = 0; tries < 20; tries++) {
		int fd = open(lp, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
		if (fd < 0)
			break;
		struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		if (fcntl(fd, F_SETLK, &fl) != 0) {
			int e = errno;
			long pid = e == EAGAIN || e == EACCES ? holder(fd) : -1;
			close(fd);
			free(lp);
			err->line = 0;
			if (pid > 0)
				snprintf(err->msg, sizeof err->msg,
					 "session is open in another handsup "
					 "(process %ld)", pid);
			else if (pid == 0)
				snprintf(err->msg, sizeof err->msg,
					 "session is open in another handsup");
			else
				set_err(err, "cannot lock", path, e);
			return -1;
		}
		/*
		 * The last holder unlinks the file as it lets go; a lock on
		 * an unlinked file guards nothing, so take the new one.
		 */
		struct stat a, b;
		if (fstat(fd, &a) == 0 && stat(lp, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			char pid[24];
			int n = snprintf(pid, sizeof pid, "%ld\n",
					 (long)getpid());
			if (ftruncate(fd, 0) == 0 &&
			    pwrite(fd, pid, (size_t)n, 0) == n) {
				free(lp);
				return fd;
			}
		}
		close(fd);
	}
	set_err(err, "cannot lock", path, errno ? errno : EAGAIN);
	free(lp);
	return -1;
}

void session_unlock(int fd, const char *path)
{
	if (fd < 0)
		return;
	/* Unlink while still holding it, so no one else's lock is removed. */
	char *lp = concat(path, ".lock", "");
	if (lp)
		unlink(lp);
	free(lp);
	close(fd);
}

/* The pid in "<x>.session.tmp.<pid>" or "<...pid>.old"; 0 if not one. */
static long tmp_pid(const char *name)
{
	static const char mark[] = SESSION_EXT ".tmp.";
	for (const char *p = strstr(name, mark); p; p = strstr(p + 1, mark)) {
		const char *d = p + sizeof mark - 1;
		long pid = 0;
		int n = 0;
		while (d[n] >= '0' && d[n] <= '9' && n < 10)
			pid = pid * 10 + (d[n++] - '0');
		if (n > 0 && (d[n] == '\0' || !strcmp(d + n, ".old")))
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
		if (pid <= 0 || pid > 0x7fffffffL)
			continue;
		/* A live process may be mid-save: leave its file alone. */
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}
