#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deck.h"
#include "load.h"
#include "report.h"
#include "session.h"

static const char export_usage[] =
	"usage: handsup export [--format text|csv|md|json] [-o FILE] SESSION\n";
static const char report_usage[] =
	"usage: handsup report [--format text|csv|md|json] [-o FILE]\n"
	"                      [--compare SESSION] SESSION...\n";
static const char check_usage[] = "usage: handsup check DECK...\n";
static const char no_other_session[] =
	"--compare needs at least one other session to compare with";

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
static void say(const char *file, const char *what, const char *detail)
{
	fputs("handsup: ", stderr);
	put_name(file);
	fprintf(stderr, ": %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
}

/* The usage line after the message names the subcommand. */
static int usage_error(const char *usage, const char *what, const char *arg)
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

static int load_one(struct session *s, const char *path)
{
	struct session_error err;

	if (session_load(s, path, &err) == 0)
		return 0;
	if (err.line > 0) {
		put_name(path);
		fprintf(stderr, ":%d: %s\n", err.line, err.msg);
	} else {
		say(path, err.msg, NULL);
	}
	return EXIT_DATA;
}

/*
 * The output: standard output, or FILE written as a new temporary file in
 * FILE's folder (".FILE.XXXXXX", made with mkstemp: never an existing
 * file or a planted link, and never another run's) and renamed over FILE
 * only once complete, so a failed run never leaves a cut-off report where
 * a good one (or nothing) was.
 */
struct output {
	FILE *f;
	const char *path; /* NULL: standard output */
	char *tmp;
	char *dir; /* the folder of path, to make the rename durable */
};

static void output_free(struct output *o)
{
	free(o->tmp);
	free(o->dir);
	o->tmp = o->dir = NULL;
}

static int output_open(struct output *o, const char *path)
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
		say(path, "is a directory", NULL);
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
		say(path, "is not a regular file", NULL);
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
		say(path, "cannot create", strerror(e));
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
static int output_close(struct output *o, int e)
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
		say(o->path, what, strerror(e));
	output_free(o);
	return e > 0 ? status : e ? EXIT_SOFTWARE : 0;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strcmp(a, b))
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* -o naming one of the sessions would replace the record with a report. */
static bool clobbers(const char *out, const char *input)
{
	return out && strcmp(out, "-") && same_file(out, input);
}

/*
 * The files a report has read, by identity (device and inode), so that
 * one file named twice, under one path or several ("a", "./a", a link,
 * overlapping globs), counts once.  Open addressing: thousands of files
 * cost a few lookups each.
 */
struct file_id {
	dev_t dev;
	ino_t ino;
	bool used;
};

struct seen {
	struct file_id *ids;
	size_t n, cap; /* cap: 0 or a power of two, at least twice n */
};

static size_t id_hash(dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15u) ^ (uint64_t)ino;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	return (size_t)(h ^ (h >> 32));
}

static struct file_id *seen_slot(struct file_id *ids, size_t cap, dev_t dev,
				 ino_t ino)
{
	size_t i = id_hash(dev, ino) & (cap - 1);

	while (ids[i].used && !(ids[i].dev == dev && ids[i].ino == ino))
		i = (i + 1) & (cap - 1);
	return &ids[i];
}

/* 1 when the file was seen before, 0 when added now, -1 out of memory. */
static int seen_add(struct seen *s, const struct stat *st)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct file_id *ids = calloc(cap, sizeof *ids);

		if (!ids)
			return -1;
		for (size_t k = 0; k < s->cap; k++)
			if (s->ids[k].used)
				*seen_slot(ids, cap, s->ids[k].dev,
					   s->ids[k].ino) = s->ids[k];
		free(s->ids);
		s->ids = ids;
		s->cap = cap;
	}
	struct file_id *f = seen_slot(s->ids, s->cap, st->st_dev, st->st_ino);

	if (f->used)
		return 1;
	*f = (struct file_id){st->st_dev, st->st_ino, true};
	s->n++;
	return 0;
}

enum { OPT_HELP = 'h', OPT_FORMAT = 'f', OPT_OUT = 'o', OPT_COMPARE = 'c' };

static const struct option long_opts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUT},
	{"compare", required_argument, NULL, OPT_COMPARE},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct args {
	int fmt;
	const char *out;
	const char *compare;
	int first; /* index of the first operand */
};

/* Returns -1 to go on, else an exit status (0 after --help). */
static int parse_args(int argc, char **argv, bool report, struct args *a)
{
	const char *usage = report ? report_usage : export_usage;
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
				return usage_error(usage, "unknown format",
						   optarg);
			break;
		case OPT_OUT:
			a->out = optarg;
			break;
		case OPT_COMPARE:
			if (!report)
				return usage_error(usage, "bad option",
						   "--compare");
			a->compare = optarg;
			break;
		case OPT_HELP:
			fputs(usage, stdout);
			return fflush(stdout) == EOF ? EXIT_IOERR : 0;
		default:
			return usage_error(usage,
					   "bad option or missing argument",
					   argv[optind - 1]);
		}
	}
	a->first = optind;
	return -1;
}

int cli_export(int argc, char **argv)
{
	struct args a;
	struct session s;
	struct output o;
	int rc = parse_args(argc, argv, false, &a);

	if (rc >= 0)
		return rc;
	if (argc - a.first != 1)
		return usage_error(export_usage,
				   argc - a.first ? "one session at a time"
						  : "no session given",
				   NULL);
	if (clobbers(a.out, argv[a.first]))
		return usage_error(export_usage,
				   "-o would overwrite the session", a.out);
	if ((rc = load_one(&s, argv[a.first])))
		return rc;
	if ((rc = output_open(&o, a.out)) == 0) {
		int e = 0;

		if (report_write(o.f, &s, (enum report_format)a.fmt))
			e = errno ? errno : EIO;
		rc = output_close(&o, e);
	}
	session_free(&s);
	return rc;
}

/* Writes the aggregate; the sessions are already in it. */
static int run_report(struct report_agg *agg, const struct args *a)
{
	struct report_error err;
	struct output o;
	int rc = output_open(&o, a->out), e = 0;

	if (rc)
		return rc;
	rc = report_agg_write(o.f, agg, (enum report_format)a->fmt, &err);
	if (rc == REPORT_AGG_EIO)
		e = errno ? errno : EIO;
	else if (rc)
		e = -1;
	rc = output_close(&o, e);
	if (e < 0)
		fprintf(stderr, "handsup: %s\n", err.msg);
	return rc;
}

/*
 * Sessions match by deck title; one run on an edited deck still counts,
 * its items matched by heading, but the reader should know.
 */
static void other_version(const struct report_agg *agg, const struct session *s,
			  const char *file)
{
	if (report_agg_other_version(agg, s))
		say(file,
		    "run on another version of the deck (items are matched "
		    "by heading)",
		    NULL);
}

/*
 * Sessions are added to the aggregate one at a time and freed at once, so
 * thousands of files need memory only for the sums.  Every file is read
 * before the output is created: a bad one leaves no output behind.
 */
int cli_report(int argc, char **argv)
{
	struct args a;
	struct session cmp, s;
	struct report_agg *agg = NULL;
	struct report_error err;
	struct seen seen = {NULL, 0, 0};
	size_t n = 0;
	int rc = parse_args(argc, argv, true, &a);

	if (rc >= 0)
		return rc;
	if (argc - a.first < 1)
		return usage_error(report_usage,
				   a.compare ? no_other_session
					     : "no session given",
				   NULL);
	bool clash = a.compare && clobbers(a.out, a.compare);

	for (int i = a.first; i < argc && !clash; i++)
		clash = clobbers(a.out, argv[i]);
	if (clash)
		return usage_error(report_usage, "-o would overwrite a session",
				   a.out);
	if (a.compare && (rc = load_one(&cmp, a.compare)))
		return rc;
	if (!(agg = report_agg_new())) {
		fputs("handsup: out of memory\n", stderr);
		rc = EXIT_SOFTWARE;
		goto out;
	}
	for (int i = a.first; i < argc; i++) {
		struct stat st;
		int dup = 0;

		/* "--compare X *.session": X is set against the others. */
		if (a.compare && same_file(argv[i], a.compare))
			continue;
		/* A file that cannot be read is load_one's to report. */
		if (stat(argv[i], &st) == 0 && (dup = seen_add(&seen, &st))) {
			if (dup < 0) {
				fputs("handsup: out of memory\n", stderr);
				rc = EXIT_SOFTWARE;
				goto out;
			}
			say(argv[i], "named twice, counted once", NULL);
			continue;
		}
		if ((rc = load_one(&s, argv[i])))
			goto out;
		rc = report_agg_add(agg, &s, argv[i], false, &err);
		if (!rc)
			other_version(agg, &s, argv[i]);
		session_free(&s);
		if (rc)
			goto bad;
		n++;
	}
	if (n == 0) {
		rc = usage_error(report_usage, no_other_session, NULL);
		goto out;
	}
	if (a.compare &&
	    (rc = report_agg_add(agg, &cmp, a.compare, true, &err)))
		goto bad;
	if (a.compare)
		other_version(agg, &cmp, a.compare);
	rc = run_report(agg, &a);
	goto out;
bad:
	fprintf(stderr, "handsup: %s\n", err.msg);
	rc = rc == REPORT_AGG_EDECK ? EXIT_DATA : EXIT_SOFTWARE;
out:
	if (a.compare)
		session_free(&cmp);
	report_agg_free(agg);
	free(seen.ids);
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
		return usage_error(check_usage, "no deck given", NULL);
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
