#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"

static void set_too_large(struct error *err, size_t max)
{
	if (max >= 1024 * 1024 && max % (1024 * 1024) == 0)
		error_set(err, 0, "larger than %zu MiB", max / (1024 * 1024));
	else
		error_set(err, 0, "larger than %zu bytes", max);
}

/* Only a regular file within max is read; anything else says why not. */
static int check(int fd, size_t max, size_t *size, struct file_id *id,
		 struct error *err)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		error_reason(err->msg, sizeof err->msg, errno);
	else if (S_ISDIR(st.st_mode))
		error_set(err, 0, "is a directory");
	else if (!S_ISREG(st.st_mode))
		error_set(err, 0, "not a regular file");
	else if (max >= SIZE_MAX / 2 || (unsigned long long)st.st_size > max)
		set_too_large(err, max);
	else {
		*size = (size_t)st.st_size;
		if (id) {
			id->dev = (uint64_t)st.st_dev;
			id->ino = (uint64_t)st.st_ino;
		}
		return 0;
	}
	return -1;
}

/* Room for cap bytes in b; -1 when out of memory. */
static int reserve(struct file_buf *b, size_t cap)
{
	if (cap <= b->cap)
		return 0;
	char *d = realloc(b->data, cap);
	if (!d)
		return -1;
	b->data = d;
	b->cap = cap;
	return 0;
}

/*
 * Reads fd to its end into b, size bytes expected: the file may have
 * grown, and one byte beyond max is enough to notice that.  b keeps room
 * for the NUL after the bytes.
 */
static int read_all(int fd, size_t size, size_t max, struct file_buf *b,
		    struct error *err)
{
	size_t n = 0;
	if (reserve(b, size + 2))
		goto oom;
	for (;;) {
		if (n + 1 == b->cap) {
			if (n > max)
				break;
			if (reserve(b, b->cap - 1 > max / 2 ? max + 2
							    : 2 * b->cap))
				goto oom;
		}
		ssize_t r = read(fd, b->data + n, b->cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			error_reason(err->msg, sizeof err->msg, errno);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		set_too_large(err, max);
		return -1;
	}
	b->data[n] = '\0';
	b->len = n;
	return 0;
oom:
	error_set(err, 0, "out of memory");
	return -1;
}

int file_read_buf(const char *path, size_t max, struct file_buf *b,
		  struct file_id *id, struct error *err)
{
	size_t size;
	int rc = -1;

	b->len = 0;
	/* O_NONBLOCK so that a FIFO cannot hang us before fstat says what
	 * the path is; regular files ignore the flag. */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		error_reason(err->msg, sizeof err->msg, errno);
	else if (check(fd, max, &size, id, err) == 0)
		rc = read_all(fd, size, max, b, err);
	if (fd >= 0)
		close(fd);
	err->file = path;
	err->line = 0;
	return rc;
}

void file_buf_free(struct file_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int file_read(const char *path, size_t max, char **buf, size_t *len,
	      struct error *err)
{
	struct file_buf b = {NULL, 0, 0};
	int rc = file_read_buf(path, max, &b, NULL, err);

	if (rc != 0)
		file_buf_free(&b);
	*buf = b.data;
	*len = b.len;
	return rc;
}

char *file_dir_of(const char *path)
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

int file_write_all(int fd, const char *buf, size_t len)
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

int file_sync_dir(const char *dir)
{
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
	int flags = O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC;
	int fd = open(tmp, flags, 0600);
	/* Our pid's name: left by an earlier process with this pid. */
	if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
		fd = open(tmp, flags, 0600);
	if (fd < 0)
		return -1;
	if (file_write_all(fd, text, len) != 0 || sync_file(fd) != 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		return -1;
	}
	/* On Linux an interrupted close has still closed, after the fsync. */
	if (close(fd) != 0 && errno != EINTR) {
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
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		if (kept)
			unlink(old);
		errno = e;
		return -1;
	}
	if (file_sync_dir(dir) != 0) {
		int e = errno;
		if (kept)
			rename(old, path);
		else if (!had_file)
			unlink(path);
		file_sync_dir(dir);
		errno = e;
		return -1;
	}
	if (kept)
		unlink(old);
	return 0;
}

char *file_cat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = malloc(na + nb + 1);
	if (s) {
		memcpy(s, a, na);
		memcpy(s + na, b, nb + 1);
	}
	return s;
}

int file_replace(const char *path, const char *text, size_t len)
{
	char pid[32];
	snprintf(pid, sizeof pid, ".tmp.%ld", (long)getpid());
	char *tmp = file_cat(path, pid);
	char *old = tmp ? file_cat(tmp, ".old") : NULL;
	char *dir = file_dir_of(path);
	int rc = -1, e = ENOMEM;
	if (tmp && old && dir) {
		rc = write_tmp(tmp, text, len);
		if (rc == 0)
			rc = replace(path, tmp, old, dir);
		e = errno;
	}
	free(tmp);
	free(old);
	free(dir);
	errno = e;
	return rc;
}
