/*
 * report_export: the text report and CSV of a session written side by
 * side, never over an existing file.  Both files share one base name, so
 * a pair is claimed together: if either name is taken, the next suffix
 * is tried for both.
 */
#include "report/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"
#include "base/safe.h"
#include "core/session.h"

#define MAX_TRIES 1000

static const enum report_format fmts[2] = {REPORT_TEXT, REPORT_CSV};

/* path NULL (it could not be made) names dir instead. */
static void set_err(struct error *err, const char *what, const char *path,
		    const char *dir, int e)
{
	char safe[200];

	if (!err)
		return;
	/* The folder may come from the environment: keep it printable. */
	error_set(err, 0, "%s: %s: %s",
		  safe_copy(safe, sizeof safe, path ? path : dir), what,
		  strerror(e));
}

static char *path_for(const char *dir, const char *base, int k, const char *ext)
{
	size_t cap = strlen(dir) + strlen(base) + 32;
	char *p = malloc(cap);

	if (!p)
		return NULL;
	if (k > 1)
		snprintf(p, cap, "%s/%s-%d.%s", dir, base, k, ext);
	else
		snprintf(p, cap, "%s/%s.%s", dir, base, ext);
	return p;
}

/* Writes the whole report to fd and makes it durable; closes fd. */
static int write_fd(int fd, const struct session *s, enum report_format fmt)
{
	FILE *f = fdopen(fd, "w");
	int rc = 0;

	if (!f) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	if (report_write(f, s, fmt) || fflush(f) == EOF || fsync(fileno(f)))
		rc = -1;
	int e = errno;

	if (fclose(f) == EOF && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc && e == 0)
		e = EIO;
	errno = e;
	return rc;
}

static void free_pair(char *paths[2])
{
	free(paths[0]);
	free(paths[1]);
	paths[0] = paths[1] = NULL;
}

/*
 * Claims the pair "<base>[-k].txt" and ".csv" for the lowest free k,
 * both created with O_EXCL.  0 with paths[] and fds[] set; else -1 with
 * *err set and nothing left behind.
 */
static int claim_pair(const char *dir, const char *base, char *paths[2],
		      int fds[2], struct error *err)
{
	for (int k = 1; k <= MAX_TRIES; k++) {
		int j;

		for (j = 0; j < 2; j++) {
			paths[j] = path_for(dir, base, k,
					    report_format_ext(fmts[j]));
			if (!paths[j]) {
				errno = ENOMEM;
				break;
			}
			fds[j] = open(paths[j],
				      O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				      0644);
			if (fds[j] < 0)
				break;
		}
		if (j == 2)
			return 0;
		/* Give back the half of the pair that was claimed. */
		int e = errno;

		if (j == 1) {
			close(fds[0]);
			unlink(paths[0]);
			fds[0] = -1;
		}
		if (e != EEXIST) {
			set_err(err, "cannot create", paths[j], dir, e);
			free_pair(paths);
			return -1;
		}
		free_pair(paths);
	}
	set_err(err, "no free file name", NULL, dir, EEXIST);
	return -1;
}

int report_export(const struct session *s, const char *dir, char *paths[2],
		  struct error *err)
{
	char base[64];
	int fds[2] = {-1, -1};

	paths[0] = paths[1] = NULL;
	report_slug(s->name, base, sizeof base);
	if (claim_pair(dir, base, paths, fds, err) != 0)
		return -1;
	for (int j = 0; j < 2; j++) {
		if (write_fd(fds[j], s, fmts[j]) == 0)
			continue;
		set_err(err, "cannot write", paths[j], dir, errno);
		for (int m = j + 1; m < 2; m++)
			close(fds[m]);
		unlink(paths[0]);
		unlink(paths[1]);
		free_pair(paths);
		return -1;
	}
	/* The new names durable too, not only the bytes. */
	file_sync_dir(dir);
	return 0;
}
