#include "store/deck_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/text.h"

/* strerror's text, starting lower-case to read well after "PATH: ".  It
 * is sanitised because a translation in a non-UTF-8 locale is not UTF-8;
 * only an ASCII capital is lowered, as tolower depends on the locale. */
static void set_errno_msg(char *err, size_t errcap, int e)
{
	const char *why = strerror(e);

	if (errcap == 0)
		return;
	text_sanitize_into(why, strlen(why), err, errcap);
	if (err[0] >= 'A' && err[0] <= 'Z')
		err[0] = (char)(err[0] - 'A' + 'a');
}

static void set_too_large(char *err, size_t errcap, size_t max)
{
	if (max >= 1024 * 1024 && max % (1024 * 1024) == 0)
		snprintf(err, errcap, "larger than %zu MiB",
			 max / (1024 * 1024));
	else
		snprintf(err, errcap, "larger than %zu bytes", max);
}

int load_file(const char *path, size_t max, char **buf, size_t *len, char *err,
	      size_t errcap)
{
	struct stat st;
	char *b = NULL;
	size_t n = 0, cap;
	int fd;

	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK so that a FIFO cannot hang us before fstat says what
	 * the path is; regular files ignore the flag. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		set_errno_msg(err, errcap, errno);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		set_errno_msg(err, errcap, errno);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errcap, "is a directory");
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errcap, "not a regular file");
		goto fail;
	}
	if (max >= SIZE_MAX / 2 || (unsigned long long)st.st_size > max) {
		set_too_large(err, errcap, max);
		goto fail;
	}
	/* Size from fstat, but read to the end: the file may have grown,
	 * and one byte beyond max is enough to notice that. */
	cap = (size_t)st.st_size + 1;
	for (;;) {
		ssize_t r;
		if (n == cap) {
			char *nb;
			if (cap > max)
				break;
			cap = cap > max / 2 ? max + 1 : cap * 2;
			nb = realloc(b, cap + 1);
			if (!nb) {
				snprintf(err, errcap, "out of memory");
				goto fail;
			}
			b = nb;
		} else if (!b) {
			b = malloc(cap + 1);
			if (!b) {
				snprintf(err, errcap, "out of memory");
				goto fail;
			}
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			set_errno_msg(err, errcap, errno);
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		set_too_large(err, errcap, max);
		goto fail;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	close(fd);
	return -1;
}

int load_deck(const char *path, struct deck *d, struct deck_error *err)
{
	char *buf;
	size_t len;
	int rc;

	memset(d, 0, sizeof *d);
	err->line = 0;
	if (load_file(path, DECK_MAX_BYTES, &buf, &len, err->msg,
		      sizeof err->msg) < 0)
		return -1;
	rc = deck_parse(d, buf, len, err);
	free(buf);
	return rc;
}

int load_deck_all(const char *path, struct deck *d, struct deck_error *errs,
		  int max, int *nerrs)
{
	char *buf;
	size_t len;
	char why[sizeof errs->msg] = "";
	int rc;

	memset(d, 0, sizeof *d);
	*nerrs = 0;
	if (load_file(path, DECK_MAX_BYTES, &buf, &len, why, sizeof why) < 0) {
		if (max >= 1) {
			errs[0].line = 0;
			memcpy(errs[0].msg, why, sizeof why);
			*nerrs = 1;
		}
		return -1;
	}
	rc = deck_parse_all(d, buf, len, errs, max, nerrs);
	free(buf);
	return rc;
}

void load_print_errors(FILE *out, const char *path,
		       const struct deck_error *errs, int n)
{
	for (int i = 0; i < n; i++)
		load_print_error(out, path, &errs[i]);
}

void load_print_error(FILE *out, const char *path, const struct deck_error *err)
{
	/* A file name is text from outside like any other: it may carry
	 * escape sequences. */
	char *p = text_sanitize(path, strlen(path));
	char msg[sizeof err->msg];

	text_sanitize_into(err->msg, strnlen(err->msg, sizeof err->msg), msg,
			   sizeof msg);
	if (err->line > 0)
		fprintf(out, "%s:%d: %s\n", p ? p : "?", err->line, msg);
	else
		fprintf(out, "%s: %s\n", p ? p : "?", msg);
	free(p);
}
