#include "cmd/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/deck.h"
#include "store/deck_file.h"
#include "report/report.h"
#include "core/session.h"

static const char export_usage[] =
	"usage: handsup export [--format text|csv|md|json] [-o FILE] SESSION\n";
static const char check_usage[] = "usage: handsup check DECK...\n";

/* A file name from the command line may hold anything: print it safely. */
static int put_name_to(FILE *out, const char *name)
{
	return report_put_safe(out, name, strlen(name));
}

static void put_name(const char *name)
{
	put_name_to(stderr, name);
}

/*
 * "handsup: FILE: what[: detail]" on standard error, for an error or a
 * note that is no error.  Every message starts with "handsup: " but a
 * parse error's "FILE:LINE: message", which editors jump to as it is.
 */
void cli_say(const char *file, const char *what, const char *detail)
{
	fputs("handsup: ", stderr);
	put_name(file);
	fprintf(stderr, ": %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
}

/* The usage line after the message names the subcommand. */
int cli_usage_error(const char *usage, const char *what, const char *arg)
{
	fprintf(stderr, "handsup: %s", what);
	if (arg) {
		fputs(" '", stderr);
		put_name(arg);
		fputc('\'', stderr);
	}
	fputc('\n', stderr);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cli_load_one(struct session *s, const char *path)
{
	struct session_error err;

	if (session_load(s, path, &err) == 0)
		return 0;
	if (err.line > 0) {
		put_name(path);
		fprintf(stderr, ":%d: %s\n", err.line, err.msg);
	} else {
		cli_say(path, err.msg, NULL);
	}
	return EXIT_DATA;
}

static void output_free(struct cli_output *o)
{
	free(o->tmp);
	free(o->dir);
	o->tmp = o->dir = NULL;
}

int cli_output_open(struct cli_output *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	/*
	 * A folder is refused before anything is made in it: the rename at
	 * the end would fail only after the whole report was written, and
	 * with an error that looks like a failed write.
	 */
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_say(path, "is a directory", NULL);
		return EXIT_CANTCREAT;
	}
	/* The rename would replace a device, a FIFO or a link to one (as
	 * root, /dev/null or /dev/stdout) with a plain file: only a regular
	 * file, or a link to one, is written over. */
	/* Nor is an entry of /dev or /proc replaced (/dev/stdout is a link
	 * to whatever standard output is, a plain file included). */
	char *dir = strdup(path),
	     *real = dir ? realpath(dirname(dir), NULL) : NULL;
	bool system_path =
		real &&
		(strcmp(real, "/dev") == 0 || strncmp(real, "/dev/", 5) == 0 ||
		 strcmp(real, "/proc") == 0 || strncmp(real, "/proc/", 6) == 0);
	free(real);
	free(dir);
	if ((stat(path, &st) == 0 && !S_ISREG(st.st_mode)) || system_path) {
		cli_say(path, "is not a regular file", NULL);
		return EXIT_CANTCREAT;
	}
	o->path = path;
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t cap = strlen(path) + sizeof "/..XXXXXX";

	o->tmp = malloc(cap);
	o->dir = dlen ? strndup(path, dlen) : strdup(".");
	if (!o->tmp || !o->dir) {
		output_free(o);
		fputs("handsup: out of memory\n", stderr);
		return EXIT_SOFTWARE;
	}
	snprintf(o->tmp, cap, "%.*s.%s.XXXXXX", (int)dlen, path, path + dlen);

	int fd = mkstemp(o->tmp), e = 0;

	if (fd < 0) {
		e = errno;
	} else {
		/* mkstemp makes it 0600; a report gets the usual mode. */
		mode_t mask = umask(0);

		umask(mask);
		if (fchmod(fd, 0666 & ~mask) || !(o->f = fdopen(fd, "w")))
			e = errno;
	}
	if (e) {
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		cli_say(path, "cannot create", strerror(e));
		output_free(o);
		return EXIT_CANTCREAT;
	}
	return 0;
}

/* Makes the rename durable too, not only the bytes. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/*
 * Finishes the output and returns the exit code.  e is 0 when the report
 * was written whole, else the errno of the write that failed (reported
 * here), or -1 for a failure the caller reports; the output is thrown
 * away then.  Each errno is taken where its call failed.
 */
int cli_output_close(struct cli_output *o, int e)
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
		sync_dir(o->dir);
	if (e > 0)
		cli_say(o->path, what, strerror(e));
	output_free(o);
	return e > 0 ? status : e ? EXIT_SOFTWARE : 0;
}

bool cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strcmp(a, b))
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* -o naming one of the sessions would replace the record with a report. */
bool cli_clobbers(const char *out, const char *input)
{
	return out && strcmp(out, "-") && cli_same_file(out, input);
}

enum { OPT_HELP = 'h', OPT_FORMAT = 'f', OPT_OUT = 'o', OPT_COMPARE = 'c' };

static const struct option long_opts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUT},
	{"compare", required_argument, NULL, OPT_COMPARE},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

/* Returns -1 to go on, else an exit status (0 after --help). */
int cli_parse_args(int argc, char **argv, bool report, struct cli_args *a)
{
	const char *usage = report ? cli_report_usage : export_usage;
	int c;

	a->fmt = REPORT_TEXT;
	a->out = NULL;
	a->compare = NULL;
	/* The caller may run several subcommands in one process (tests). */
#ifdef __GLIBC__
	optind = 0;
#else
	optind = 1;
#endif
	opterr = 0;
	while ((c = getopt_long(argc, argv, report ? "f:o:c:h" : "f:o:h",
				long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			a->fmt = report_format_parse(optarg);
			if (a->fmt < 0)
				return cli_usage_error(usage, "unknown format",
						       optarg);
			break;
		case OPT_OUT:
			a->out = optarg;
			break;
		case OPT_COMPARE:
			if (!report)
				return cli_usage_error(usage, "bad option",
						       "--compare");
			a->compare = optarg;
			break;
		case OPT_HELP:
			fputs(usage, stdout);
			return fflush(stdout) == EOF ? EXIT_IOERR : 0;
		default:
			return cli_usage_error(usage,
					       "bad option or missing argument",
					       argv[optind - 1]);
		}
	}
	a->first = optind;
	return -1;
}

int cli_export(int argc, char **argv)
{
	struct cli_args a;
	struct session s;
	struct cli_output o;
	int rc = cli_parse_args(argc, argv, false, &a);

	if (rc >= 0)
		return rc;
	if (argc - a.first != 1)
		return cli_usage_error(export_usage,
				       argc - a.first ? "one session at a time"
						      : "no session given",
				       NULL);
	if (cli_clobbers(a.out, argv[a.first]))
		return cli_usage_error(export_usage,
				       "-o would overwrite the session", a.out);
	if ((rc = cli_load_one(&s, argv[a.first])))
		return rc;
	if ((rc = cli_output_open(&o, a.out)) == 0) {
		int e = 0;

		if (report_write(o.f, &s, (enum report_format)a.fmt))
			e = errno ? errno : EIO;
		rc = cli_output_close(&o, e);
	}
	session_free(&s);
	return rc;
}

int cli_check(int argc, char **argv)
{
	int rc = 0, first = 1;

	if (argc > 1 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(check_usage, stdout);
		return fflush(stdout) == EOF ? EXIT_IOERR : 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--"))
		first = 2;
	if (argc - first < 1)
		return cli_usage_error(check_usage, "no deck given", NULL);
	for (int i = first; i < argc; i++) {
		struct deck d;
		struct deck_error errs[DECK_MAX_ERRORS];
		int nerrs = 0;

		if (load_deck_all(argv[i], &d, errs, DECK_MAX_ERRORS, &nerrs)) {
			/* One without a line, such as a missing file, is
			 * handsup's message, not the compiler-style kind. */
			for (int k = 0; k < nerrs; k++) {
				if (errs[k].line <= 0)
					fputs("handsup: ", stderr);
				load_print_error(stderr, argv[i], &errs[k]);
			}
			rc = EXIT_DATA;
			continue;
		}
		put_name_to(stdout, argv[i]);
		printf(": ok, %d item%s\n", d.nitems, d.nitems == 1 ? "" : "s");
		deck_free(&d);
	}
	/* The good decks' lines are output too: losing them is an error. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "handsup: standard output: %s\n",
			strerror(errno ? errno : EIO));
		if (!rc)
			rc = EXIT_IOERR;
	}
	return rc;
}
