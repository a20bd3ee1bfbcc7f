/*
 * bench: prints speed and memory figures (make bench).  No assertions:
 * the figures are for reading and comparing between versions.
 *
 *   parse the default deck (read from disk) 1000 times
 *   write 10,000 session files, load them, aggregate them
 *   format one session's report
 *   $HANDSUP_BIN report --format csv <10,000 files>, when set
 *   peak resident memory
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/deck.h"
#include "report/report.h"
#include "core/session.h"
#include "core/tally.h"
#include "base/error.h"
#include "store/session_file.h"

#define PARSES   1000
#define SESSIONS 10000
#define REPORTS  1000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void row(const char *what, double secs, long units)
{
	double per = secs / (double)units;

	printf("  %-44s %10.1f ms  %10.1f us/each\n", what, secs * 1e3,
	       per * 1e6);
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die(path);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		die(path);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Runs argv with standard output thrown away; returns its exit status. */
static int run_quiet(char **argv)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		fprintf(stderr, "bench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		die("waitpid");
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#define SAVES 200

int main(int argc, char **argv)
{
	const char *deck_path =
	    argc > 1 ? argv[1] : "content/sales-training.deck";
	struct deck d;
	struct error derr;
	size_t len;
	double t0;
	char dir[] = "/tmp/handsup-bench-XXXXXX";

	setlocale(LC_ALL, "C.UTF-8");
	printf("handsup bench\n\n  %-44s %13s  %18s\n", "what", "total",
	       "per unit");

	char *text = read_all(deck_path, &len);

	t0 = now();
	for (int i = 0; i < PARSES; i++) {
		if (deck_parse(&d, text, len, &derr)) {
			fprintf(stderr, "bench: %s:%d: %s\n", deck_path,
			        derr.line, derr.msg);
			return 1;
		}
		if (i + 1 < PARSES)
			deck_free(&d);
	}
	row("parse sales-training.deck x1000", now() - t0, PARSES);
	free(text);

	/* 10,000 workshops of the deck with varied counts. */
	if (!mkdtemp(dir))
		die("mkdtemp");
	char **paths = calloc(SESSIONS + 5, sizeof *paths);
	if (!paths)
		die("calloc");
	srand(42);
	t0 = now();
	for (int k = 0; k < SESSIONS; k++) {
		struct session s;
		char name[64];
		size_t slen;

		snprintf(name, sizeof name, "Workshop %d", k + 1);
		if (session_from_deck(&s, &d, "(embedded)", name,
		                      1795772112 + (time_t)k * 3600, NULL, 0))
			die("session_from_deck");
		for (int i = 0; i < s.nitems; i++)
			for (int v = 0; v < s.items[i].nviews; v++)
				tally_load(&s.tally, i, 0, 0, v, rand() % 40);
		char *body = session_format(&s, &slen);
		if (!body)
			die("session_format");
		paths[k + 4] = malloc(sizeof dir + 32);
		if (!paths[k + 4])
			die("malloc");
		snprintf(paths[k + 4], sizeof dir + 32, "%s/w%05d.session", dir,
		         k);
		FILE *f = fopen(paths[k + 4], "wb");
		if (!f || fwrite(body, 1, slen, f) != slen || fclose(f))
			die(paths[k + 4]);
		free(body);
		session_free(&s);
	}
	row("write 10,000 session files", now() - t0, SESSIONS);

	/* What one counted hand costs: a change and an atomic, synced save. */
	{
		struct session s;
		struct error serr;
		char live[sizeof dir + 32];
		snprintf(live, sizeof live, "%s/live.session", dir);
		if (session_from_deck(&s, &d, "(embedded)", "live", 1795772112, NULL, 0))
			die("session_from_deck");
		t0 = now();
		for (int k = 0; k < SAVES; k++) {
			tally_add(&s.tally, k % s.nitems, 0, k % 2, 1);
			if (session_save(&s, live, &serr))
				die(serr.msg);
		}
		row("count a hand + atomic save (fsync) x200", now() - t0, SAVES);
		session_free(&s);
		unlink(live);
	}
	const char *bin = getenv("HANDSUP_BIN");
	if (bin && *bin) {
		paths[0] = (char *)bin;
		paths[1] = (char *)"report";
		paths[2] = (char *)"--format";
		paths[3] = (char *)"csv";
		t0 = now();
		int rc = run_quiet(paths);
		double secs = now() - t0;
		struct rusage ru;

		/* Run before this program grows: a child's peak counts what
		 * it inherited before exec. */
		getrusage(RUSAGE_CHILDREN, &ru);
		char what[80];
		snprintf(what, sizeof what,
		         "handsup report --format csv (exit %d)", rc);
		row(what, secs, SESSIONS);
		printf("  %-44s %10.1f MiB\n", "peak resident memory (handsup)",
		       (double)ru.ru_maxrss / 1024.0);
	}

	/* What the report subcommand does: one session in memory at a time. */
	struct report_agg *ra = report_agg_new();
	if (!ra)
		die("report_agg_new");
	t0 = now();
	for (int k = 0; k < SESSIONS; k++) {
		struct session one;
		struct error serr;
		struct error rerr0;

		if (session_load(&one, paths[k + 4], &serr) ||
		    report_agg_add(ra, &one, paths[k + 4], false, &rerr0)) {
			fprintf(stderr, "bench: %s: failed\n", paths[k + 4]);
			return 1;
		}
		session_free(&one);
	}
	FILE *sink = fopen("/dev/null", "w");
	if (!sink || report_agg_write(sink, ra, REPORT_CSV, NULL))
		die("report_agg_write");
	fclose(sink);
	row("load + aggregate 10,000, streamed (CSV)", now() - t0, SESSIONS);
	report_agg_free(ra);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("  %-44s %10.1f MiB\n", "peak resident memory so far",
	       (double)ru.ru_maxrss / 1024.0);

	struct session *all = calloc(SESSIONS, sizeof *all);
	const struct session **ptrs = calloc(SESSIONS, sizeof *ptrs);
	if (!all || !ptrs)
		die("calloc");
	double load0 = now();
	for (int k = 0; k < SESSIONS; k++) {
		struct error serr;

		if (session_load(&all[k], paths[k + 4], &serr)) {
			fprintf(stderr, "bench: %s:%d: %s\n", paths[k + 4],
			        serr.line, serr.msg);
			return 1;
		}
		ptrs[k] = &all[k];
	}
	double load1 = now();
	row("load 10,000 session files", load1 - load0, SESSIONS);

	FILE *null = fopen("/dev/null", "w");
	struct error rerr;
	if (!null)
		die("/dev/null");
	t0 = now();
	if (report_aggregate(null, ptrs, (const char *const *)paths + 4,
	                     SESSIONS, NULL, NULL, REPORT_TEXT, &rerr))
		fprintf(stderr, "bench: aggregate: %s\n", rerr.msg);
	double agg = now() - t0;
	row("aggregate 10,000 sessions (text)", agg, SESSIONS);
	t0 = now();
	report_aggregate(null, ptrs, (const char *const *)paths + 4, SESSIONS,
	                 ptrs[0], paths[4], REPORT_JSON, &rerr);
	row("aggregate 10,000 + compare (JSON)", now() - t0, SESSIONS);
	printf("  %-44s %10.1f ms\n", "load + aggregate, all in memory",
	       (load1 - load0 + agg) * 1e3);

	t0 = now();
	for (int i = 0; i < REPORTS; i++)
		report_write(null, &all[0], REPORT_TEXT);
	row("format one text report x1000", now() - t0, REPORTS);
	t0 = now();
	for (int i = 0; i < REPORTS; i++)
		report_write(null, &all[0], REPORT_JSON);
	row("format one JSON report x1000", now() - t0, REPORTS);
	fclose(null);

	for (int k = 0; k < SESSIONS; k++)
		session_free(&all[k]);
	free(all);
	free(ptrs);
	deck_free(&d);

	getrusage(RUSAGE_SELF, &ru);
	printf("  %-44s %10.1f MiB\n",
	       "peak resident memory (10,000 in memory)",
	       (double)ru.ru_maxrss / 1024.0);

	for (int k = 0; k < SESSIONS; k++) {
		unlink(paths[k + 4]);
		free(paths[k + 4]);
	}
	free(paths);
	rmdir(dir);
	return 0;
}
