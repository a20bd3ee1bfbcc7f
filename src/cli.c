#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "session.h"

static const char export_usage[] =
    "usage: handsup export [--format text|csv|md|json] [-o FILE] SESSION\n";
static const char report_usage[] =
    "usage: handsup report [--format text|csv|md|json] [-o FILE]\n"
    "                      [--compare SESSION] SESSION...\n";

/* A file name from the command line may hold anything: print it safely. */
static void put_name(const char *name)
{
	report_put_safe(stderr, name, strlen(name));
}

static int usage_error(const char *cmd, const char *usage, const char *what,
                       const char *arg)
{
	fprintf(stderr, "handsup %s: %s", cmd, what);
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
	put_name(path);
	if (err.line > 0)
		fprintf(stderr, ":%d", err.line);
	fprintf(stderr, ": %s\n", err.msg);
	return EXIT_DATA;
}

/*
 * The output: standard output, or FILE written as FILE.tmp and renamed
 * over FILE only once complete, so a failed run never leaves a cut-off
 * report where a good one (or nothing) was.
 */
struct output {
	FILE *f;
	const char *path; /* NULL: standard output */
	char *tmp;
};

static int output_open(struct output *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	o->path = path;
	o->tmp = malloc(strlen(path) + 5);
	if (!o->tmp) {
		fputs("handsup: out of memory\n", stderr);
		return EXIT_SOFTWARE;
	}
	strcpy(o->tmp, path);
	strcat(o->tmp, ".tmp");
	int fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		put_name(o->tmp);
		fprintf(stderr, ": cannot create: %s\n", strerror(e));
		free(o->tmp);
		o->tmp = NULL;
		return EXIT_CANTCREAT;
	}
	return 0;
}

/* Finishes the output; ok false throws it away.  Returns the exit code. */
static int output_close(struct output *o, bool ok)
{
	int rc = 0, e = 0;

	if (!o->path) {
		if (fflush(stdout) == EOF || ferror(stdout)) {
			fprintf(stderr, "handsup: standard output: %s\n",
			        strerror(errno ? errno : EIO));
			return EXIT_IOERR;
		}
		return 0;
	}
	if (ok && (fflush(o->f) == EOF || ferror(o->f) || fsync(fileno(o->f))))
		e = errno ? errno : EIO;
	if (fclose(o->f) == EOF && ok && !e)
		e = errno ? errno : EIO;
	if (ok && !e && rename(o->tmp, o->path))
		e = errno;
	if (!ok || e) {
		unlink(o->tmp);
		if (e) {
			put_name(o->path);
			fprintf(stderr, ": write error: %s\n", strerror(e));
			rc = EXIT_IOERR;
		}
	}
	free(o->tmp);
	return rc;
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
	const char *cmd = report ? "report" : "export";
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
				return usage_error(cmd, usage, "unknown format",
				                   optarg);
			break;
		case OPT_OUT:
			a->out = optarg;
			break;
		case OPT_COMPARE:
			if (!report)
				return usage_error(cmd, usage, "bad option",
				                   "--compare");
			a->compare = optarg;
			break;
		case OPT_HELP:
			fputs(usage, stdout);
			return fflush(stdout) == EOF ? EXIT_IOERR : 0;
		default:
			return usage_error(cmd, usage,
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
		return usage_error("export", export_usage,
		                   argc - a.first ? "one session at a time"
		                                  : "no session given",
		                   NULL);
	if (clobbers(a.out, argv[a.first]))
		return usage_error("export", export_usage,
		                   "-o would overwrite the session", a.out);
	if ((rc = load_one(&s, argv[a.first])))
		return rc;
	if ((rc = output_open(&o, a.out)) == 0) {
		bool ok = report_write(o.f, &s, (enum report_format)a.fmt) == 0;

		rc = output_close(&o, ok);
		if (!ok && !rc) {
			fprintf(stderr, "handsup: write error: %s\n",
			        strerror(errno ? errno : EIO));
			rc = EXIT_IOERR;
		}
	}
	session_free(&s);
	return rc;
}

/* Writes the aggregate; the sessions are already in it. */
static int run_report(struct report_agg *agg, const struct args *a)
{
	struct report_error err;
	struct output o;
	int rc = output_open(&o, a->out);

	if (rc)
		return rc;
	bool ok =
	    report_agg_write(o.f, agg, (enum report_format)a->fmt, &err) == 0;

	rc = output_close(&o, ok);
	if (!ok && !rc) {
		fprintf(stderr, "handsup: %s\n", err.msg);
		rc = EXIT_IOERR;
	}
	return rc;
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
	size_t n = 0;
	int rc = parse_args(argc, argv, true, &a);

	if (rc >= 0)
		return rc;
	if (argc - a.first < 1)
		return usage_error("report", report_usage, "no session given",
		                   NULL);
	bool clash = a.compare && clobbers(a.out, a.compare);

	for (int i = a.first; i < argc && !clash; i++)
		clash = clobbers(a.out, argv[i]);
	if (clash)
		return usage_error("report", report_usage,
		                   "-o would overwrite a session", a.out);
	if (a.compare && (rc = load_one(&cmp, a.compare)))
		return rc;
	if (!(agg = report_agg_new())) {
		fputs("handsup: out of memory\n", stderr);
		rc = EXIT_SOFTWARE;
		goto out;
	}
	for (int i = a.first; i < argc; i++) {
		/* "--compare X *.session": X is set against the others. */
		if (a.compare && same_file(argv[i], a.compare))
			continue;
		if ((rc = load_one(&s, argv[i])))
			goto out;
		rc = report_agg_add(agg, &s, argv[i], false, &err);
		session_free(&s);
		if (rc)
			goto bad;
		n++;
	}
	if (n == 0) {
		rc = usage_error("report", report_usage,
		                 "--compare needs another session", NULL);
		goto out;
	}
	if (a.compare && report_agg_add(agg, &cmp, a.compare, true, &err))
		goto bad;
	rc = run_report(agg, &a);
	goto out;
bad:
	fprintf(stderr, "%s\n", err.msg);
	rc = strstr(err.msg, "out of memory") ? EXIT_SOFTWARE : EXIT_DATA;
out:
	if (a.compare)
		session_free(&cmp);
	report_agg_free(agg);
	return rc;
}
