#include "cmd/output.h"

#include <errno.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "cmd/exit.h"
#include "cmd/msg.h"

static void output_free(struct output *o)
{
	free(o->tmp);
	free(o->dir);
	o->tmp = o->dir = NULL;
}

/*
 * Whether path may be written over: a folder is refused before anything
 * is made in it (the rename at the end would fail only after the whole
 * report was written, with an error that looks like a failed write).
 * The rename would replace a device, a FIFO or a link to one (as root,
 * /dev/null or /dev/stdout) with a plain file, so only a regular file,
 * or a link to one, is written over; nor is an entry of /dev or /proc
 * replaced (/dev/stdout is a link to whatever standard output is, a
 * plain file included).  0, or an exit status once the reason is printed.
 */
static int check_target(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		msg_path(path, "is a directory", NULL);
		return EXIT_CANTCREAT;
	}
	char *dir = strdup(path),
	     *real = dir ? realpath(dirname(dir), NULL) : NULL;
	bool system_path =
		real &&
		(strcmp(real, "/dev") == 0 || strncmp(real, "/dev/", 5) == 0 ||
		 strcmp(real, "/proc") == 0 || strncmp(real, "/proc/", 6) == 0);
	free(real);
	free(dir);
	if ((stat(path, &st) == 0 && !S_ISREG(st.st_mode)) || system_path) {
		msg_path(path, "is not a regular file", NULL);
		return EXIT_CANTCREAT;
	}
	return 0;
}

/* The hidden temporary file beside path: 0, or errno. */
static int create_tmp(struct output *o)
{
	/* mkstemp makes it 0600; a report gets the usual mode. */
	int fd = mkstemp(o->tmp), e = 0;

	if (fd < 0)
		return errno;
	mode_t mask = umask(0);

	umask(mask);
	if (fchmod(fd, 0666 & ~mask) || !(o->f = fdopen(fd, "w"))) {
		e = errno;
		close(fd);
		unlink(o->tmp);
	}
	return e;
}

int output_open(struct output *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	int rc = check_target(path);
	if (rc)
		return rc;
	o->path = path;
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t cap = strlen(path) + sizeof "/..XXXXXX";

	o->tmp = malloc(cap);
	o->dir = dlen ? strndup(path, dlen) : strdup(".");
	if (!o->tmp || !o->dir) {
		output_free(o);
		msg_oom();
		return EXIT_SOFTWARE;
	}
	snprintf(o->tmp, cap, "%.*s.%s.XXXXXX", (int)dlen, path, path + dlen);
	int e = create_tmp(o);
	if (e) {
		msg_path(path, "cannot create", strerror(e));
		output_free(o);
		return EXIT_CANTCREAT;
	}
	return 0;
}

/*
 * Finishes the output and returns the exit code.  e is 0 when the report
 * was written whole, else the errno of the write that failed (reported
 * here), or -1 for a failure the caller reports; the output is thrown
 * away then.  Each errno is taken where its call failed.
 */
int output_close(struct output *o, int e)
{
	if (!o->path) {
		if (!e && fflush(stdout) == EOF)
			e = errno ? errno : EIO;
		if (!e && ferror(stdout))
			e = EIO;
		if (e > 0)
			fprintf(stderr, "handsup: standard output: %s\n",
				strerror(e));
		return e > 0 ? EXIT_IOERR : e ? EXIT_SOFTWARE : 0;
	}
	const char *what = "write error";
	int status = EXIT_IOERR;

	errno = 0;
	if (!e && fflush(o->f) == EOF)
		e = errno ? errno : EIO;
	if (!e && ferror(o->f))
		e = EIO;
	if (!e && fsync(fileno(o->f)))
		e = errno;
	errno = 0;
	if (fclose(o->f) == EOF && !e)
		e = errno ? errno : EIO;
	if (!e && rename(o->tmp, o->path)) {
		/* Such as a folder made at path meanwhile: not a write error. */
		e = errno;
		what = "cannot replace";
		status = EXIT_CANTCREAT;
	}
	if (e)
		unlink(o->tmp);
	else
		file_sync_dir(o->dir);
	if (e > 0)
		msg_path(o->path, what, strerror(e));
	output_free(o);
	return e > 0 ? status : e ? EXIT_SOFTWARE : 0;
}

bool output_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strcmp(a, b))
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* -o naming one of the sessions would replace the record with a report. */
bool output_clobbers(const char *out, const char *input)
{
	return out && strcmp(out, "-") && output_same_file(out, input);
}

int output_bom(struct output *o)
{
	/* UTF-8's byte order mark: how some spreadsheets tell UTF-8. */
	return fputs("\xef\xbb\xbf", o->f) == EOF ? -1 : 0;
}
