/*
 * Watching a session from outside it: inotify on its folder, and the
 * presence files of audience views.
 */
#include "store/session_watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"

#define FOLLOW_MARK ".follow."
#define NEW_EXT	    ".new"

/*
 * A save is a rename into place (IN_MOVED_TO); a file written where it
 * stands ends in IN_CLOSE_WRITE.  A lock file is unlinked by a holder
 * that quits, and a holder that dies closes it (IN_CLOSE_WRITE: it was
 * open for writing).  Opening and reading are no events: watchers that
 * only look never wake each other.
 */
#define WATCH_MASK                                                             \
	(IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM |            \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

int session_watch_open(struct session_watch *w, const char *path,
		       struct error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = file_dir_of(path);
	w->fd = -1;
	w->base = strdup(slash ? slash + 1 : path);
	if (!dir || !w->base) {
		error_errno(err, "cannot watch", path, ENOMEM);
		goto fail;
	}
	w->blen = strlen(w->base);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0 || inotify_add_watch(w->fd, dir, WATCH_MASK) < 0) {
		error_errno(err, "cannot watch", path, errno);
		goto fail;
	}
	free(dir);
	return 0;
fail:
	free(dir);
	session_watch_close(w);
	return -1;
}

/* Whether name is "<base>SUFFIX"; suffix NULL: "<base>.follow.*". */
static bool names(const struct session_watch *w, const char *name,
		  const char *suffix)
{
	if (strncmp(name, w->base, w->blen) != 0)
		return false;
	name += w->blen;
	if (suffix)
		return strcmp(name, suffix) == 0;
	size_t n = strlen(name), e = strlen(NEW_EXT);
	/* A mark still being made (".new") is not there yet. */
	return strncmp(name, FOLLOW_MARK, strlen(FOLLOW_MARK)) == 0 &&
	       !(n > e && strcmp(name + n - e, NEW_EXT) == 0);
}

static int event_bits(const struct session_watch *w,
		      const struct inotify_event *ev)
{
	const int all = SESSION_WATCH_SAVED | SESSION_WATCH_LOCK |
			SESSION_WATCH_FOLLOWERS;
	if (ev->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF |
			IN_IGNORED | IN_UNMOUNT))
		return all;
	if (ev->len == 0)
		return 0;
	if (names(w, ev->name, "") &&
	    (ev->mask & (IN_MOVED_TO | IN_CLOSE_WRITE)))
		return SESSION_WATCH_SAVED;
	if (names(w, ev->name, ".lock") &&
	    (ev->mask & (IN_DELETE | IN_MOVED_FROM | IN_CLOSE_WRITE)))
		return SESSION_WATCH_LOCK;
	if (names(w, ev->name, NULL))
		return SESSION_WATCH_FOLLOWERS;
	return 0;
}

int session_watch_read(struct session_watch *w)
{
	char buf[4096]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	int bits = 0;
	ssize_t n;
	if (w->fd < 0)
		return 0;
	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			bits |= event_bits(w, ev);
			p += sizeof *ev + ev->len;
		}
	}
	return bits;
}

void session_watch_close(struct session_watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	free(w->base);
	w->base = NULL;
}

/* ---- presence files ------------------------------------------------------ */

/* The pid in "<base>.follow.<pid>" or "<...pid>.new", or 0. */
static long mark_pid(const char *base, const char *name)
{
	size_t bl = strlen(base), ml = strlen(FOLLOW_MARK);
	if (strncmp(name, base, bl) != 0 ||
	    strncmp(name + bl, FOLLOW_MARK, ml) != 0)
		return 0;
	char *end;
	const char *d = name + bl + ml;
	errno = 0;
	long pid = strtol(d, &end, 10);
	if (errno || end == d || *d < '0' || *d > '9' || pid <= 0 ||
	    (*end && strcmp(end, NEW_EXT) != 0))
		return 0;
	return pid;
}

/* Calls fn on each presence file of path's session: name and pid. */
static int each_mark(const char *path,
		     void (*fn)(DIR *, const char *, long, int *), int *acc)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = file_dir_of(path);
	DIR *d = dir ? opendir(dir) : NULL;
	free(dir);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		long pid = mark_pid(base, e->d_name);
		if (pid > 0)
			fn(d, e->d_name, pid, acc);
	}
	closedir(d);
	return 0;
}

/* A dead view's file, or one of this pid's from before: not anyone's. */
static void drop_dead(DIR *d, const char *name, long pid, int *acc)
{
	(void)acc;
	if (pid == (long)getpid() ||
	    (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
		unlinkat(dirfd(d), name, 0);
}

int session_follow_mark(const char *path, struct error *err)
{
	char pid[40];
	snprintf(pid, sizeof pid, FOLLOW_MARK "%ld", (long)getpid());
	char *fin = file_cat(path, pid);
	char *tmp = fin ? file_cat(fin, NEW_EXT) : NULL;
	int fd = -1, e = ENOMEM;
	each_mark(path, drop_dead, NULL);
	if (tmp) {
		fd = open(tmp, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
		e = errno;
	}
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (fd >= 0 &&
	    (fcntl(fd, F_SETLK, &fl) != 0 || rename(tmp, fin) != 0)) {
		e = errno;
		unlink(tmp);
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		error_errno(err, "cannot mark the audience view of", path, e);
	free(tmp);
	free(fin);
	return fd;
}

void session_follow_unmark(int fd, const char *path)
{
	if (fd < 0)
		return;
	char pid[40];
	snprintf(pid, sizeof pid, FOLLOW_MARK "%ld", (long)getpid());
	char *fin = file_cat(path, pid);
	if (fin)
		unlink(fin);
	free(fin);
	close(fd);
}

/* Counts a mark whose lock a live process holds. */
static void count_live(DIR *d, const char *name, long pid, int *acc)
{
	(void)pid;
	size_t n = strlen(name), e = strlen(NEW_EXT);
	if (n > e && strcmp(name + n - e, NEW_EXT) == 0)
		return;
	int fd = openat(dirfd(d), name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		(*acc)++;
	close(fd);
}

int session_followers(const char *path)
{
	int n = 0;
	return each_mark(path, count_live, &n) == 0 ? n : 0;
}
