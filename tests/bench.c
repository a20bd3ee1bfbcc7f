/*
 * bench: prints speed and memory figures (make bench).  No assertions:
 * the figures are for reading and comparing between versions.
 *
 *   parse the default deck (read from disk) 1000 times
 *   write 10,000 session files, load them, aggregate them
 *   format one session's report
 *   $HANDSUP_BIN report --format csv over 1,000 and 10,000 files (and
 *   100,000 with BENCH_LARGE=1), when set: per file, beside a read
 *   loop over the same files that it builds itself, as a ratio, and
 *   each one's peak resident memory
 *   peak resident memory
 *   200 phones voting at once on loopback (bench_phones.c)
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
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
#include "bench_phones.h"

#define PARSES	 1000
#define SESSIONS 10000
#define REPORTS	 1000

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

/* ---- handsup report beside its floor -------------------------------------- */

/*
 * The floor of `handsup report`: a process that opens, reads and closes
 * each file, with one buffer, and does nothing else.  The bench runs
 * itself as that process ("bench --read-loop FILE...").
 */
static int read_loop(int n, char **files)
{
	static char buf[64 * 1024];

	for (int i = 0; i < n; i++) {
		int fd = open(files[i], O_RDONLY);
		ssize_t r;

		if (fd < 0)
			return 1;
		while ((r = read(fd, buf, sizeof buf)) > 0)
			;
		close(fd);
		if (r < 0)
			return 1;
	}
	return 0;
}

/* One timed child: its wall time in seconds, its peak RSS in KiB. */
struct child_run {
	double secs;
	long kib;
	int status;
};

/*
 * Runs argv in dir with standard output thrown away.  Its stack limit is
 * raised first, as the kernel bounds a command line by a quarter of it:
 * 100,000 file names do not fit in the usual 2 MiB.
 */
static struct child_run run_in(const char *dir, char **argv)
{
	struct child_run cr = {0, 0, 0};
	struct rusage ru;
	int st;
	double t0 = now();
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		struct rlimit rl;
		const rlim_t big_stack = 64u * 1024 * 1024;
		int fd = open("/dev/null", O_WRONLY);

		if (getrlimit(RLIMIT_STACK, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < big_stack) {
			bool capped = rl.rlim_max != RLIM_INFINITY &&
				      rl.rlim_max < big_stack;
			rl.rlim_cur = capped ? rl.rlim_max : big_stack;
			setrlimit(RLIMIT_STACK, &rl);
		}
		if (fd >= 0)
			dup2(fd, 1);
		if (chdir(dir) == 0)
			execv(argv[0], argv);
		fprintf(stderr, "bench: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) < 0)
		die("wait4");
	cr.secs = now() - t0;
	cr.kib = ru.ru_maxrss;
	cr.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return cr;
}

static int cmp_run(const void *a, const void *b)
{
	double x = ((const struct child_run *)a)->secs;
	double y = ((const struct child_run *)b)->secs;

	return (x > y) - (x < y);
}

/*
 * The children are started by a process forked at the very start, while
 * the bench is small: a child's peak memory counts what it had when it was
 * forked, so one forked later would carry the bench's own.  It is asked
 * for "loop or report over the first n files" on a pipe and answers with
 * the run; the files are dir/w000000.session, w000001.session, ...
 */
struct spawn_ask {
	int report;
	int n;
};

static int spawn_ask_fd = -1, spawn_reply_fd = -1;

static void spawner(int ask, int reply, const char *dir, const char *bin)
{
	struct spawn_ask q;

	while (read(ask, &q, sizeof q) == (ssize_t)sizeof q) {
		char **argv = calloc((size_t)q.n + 5, sizeof *argv);
		char *names = malloc((size_t)q.n * 24);
		int at = 0;

		if (!argv || !names)
			_exit(1);
		if (q.report) {
			argv[at++] = (char *)bin;
			argv[at++] = (char *)"report";
			argv[at++] = (char *)"--format";
			argv[at++] = (char *)"csv";
		} else {
			argv[at++] = (char *)"/proc/self/exe";
			argv[at++] = (char *)"--read-loop";
		}
		for (int k = 0; k < q.n; k++) {
			snprintf(names + 24 * k, 24, "w%06d.session", k);
			argv[at++] = names + 24 * k;
		}
		struct child_run cr = run_in(dir, argv);
		free(argv);
		free(names);
		if (write(reply, &cr, sizeof cr) != (ssize_t)sizeof cr)
			_exit(1);
	}
	_exit(0);
}

static void spawner_start(const char *dir, const char *bin)
{
	int ask[2], reply[2];

	if (pipe(ask) || pipe(reply))
		die("pipe");
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		close(ask[1]);
		close(reply[0]);
		spawner(ask[0], reply[1], dir, bin);
	}
	close(ask[0]);
	close(reply[1]);
	spawn_ask_fd = ask[1];
	spawn_reply_fd = reply[0];
}

static struct child_run spawn_run(int report, int n)
{
	struct spawn_ask q = {report, n};
	struct child_run cr;

	if (write(spawn_ask_fd, &q, sizeof q) != (ssize_t)sizeof q ||
	    read(spawn_reply_fd, &cr, sizeof cr) != (ssize_t)sizeof cr)
		die("spawner");
	return cr;
}

/*
 * Rounds of the read loop and of `handsup report --format csv` over the
 * first n files, one after the other so that both see the same machine;
 * the median of each, and the report's peak RSS (the largest).
 */
static void report_figures(int n, int rounds, long *kib)
{
	struct child_run loop[9], rep[9];

	for (int r = 0; r < rounds; r++) {
		loop[r] = spawn_run(0, n);
		rep[r] = spawn_run(1, n);
		if (rep[r].status || loop[r].status)
			fprintf(stderr, "bench: exit %d (report), %d (loop)\n",
				rep[r].status, loop[r].status);
	}
	*kib = 0;
	for (int r = 0; r < rounds; r++)
		if (rep[r].kib > *kib)
			*kib = rep[r].kib;
	long loop_kib = loop[0].kib;
	qsort(loop, (size_t)rounds, sizeof *loop, cmp_run);
	qsort(rep, (size_t)rounds, sizeof *rep, cmp_run);
	double l = loop[rounds / 2].secs, h = rep[rounds / 2].secs;
	printf("  %7d %11.2f us %11.2f us %7.2fx %9.2f MiB %9.2f MiB\n", n,
	       l * 1e6 / n, h * 1e6 / n, h / l, (double)*kib / 1024.0,
	       (double)loop_kib / 1024.0);
}

/* Workshop k of the deck with varied counts, written as dir/w%06d.session. */
static void write_session(const struct deck *d, const char *dir, int k,
			  char **name)
{
	struct session s;
	char title[64], path[512];
	size_t slen;

	snprintf(title, sizeof title, "Workshop %d", k + 1);
	if (session_from_deck(&s, d, "(embedded)", title,
			      1795772112 + (time_t)k * 3600, NULL, 0))
		die("session_from_deck");
	for (int i = 0; i < s.nitems; i++)
		for (int v = 0; v < s.items[i].nviews; v++)
			tally_load(&s.tally, i, 0, 0, v, rand() % 40);
	char *body = session_format(&s, &slen);
	snprintf(path, sizeof path, "%s/w%06d.session", dir, k);
	FILE *out = fopen(path, "wb");
	if (!body || !out || fwrite(body, 1, slen, out) != slen || fclose(out))
		die(path);
	free(body);
	session_free(&s);
	*name = strdup(path + strlen(dir) + 1);
	if (!*name)
		die("strdup");
}

#define LARGE 100000

/*
 * `handsup report --format csv` over 1,000, 10,000 and, with
 * BENCH_LARGE=1, 100,000 of the files in dir, beside the read loop.
 * Writing 100,000 files takes about 400 MB of disk and most of a
 * minute, so it is asked for; they are removed at the end.
 */
static void report_vs_floor(const struct deck *d, const char *dir, char **names,
			    int n)
{
	const char *large = getenv("BENCH_LARGE");
	bool big = large && strcmp(large, "1") == 0;
	int nnames = n;
	long k1, k10, k100 = 0;

	printf("\n  handsup report --format csv beside a read loop (open, "
	       "read, close)\n  over the same files, each a process of its "
	       "own; medians of interleaved runs\n\n  %7s %14s %14s %8s "
	       "%13s %13s\n",
	       "files", "read loop", "report", "ratio", "report RSS",
	       "loop RSS");
	report_figures(1000, 5, &k1);
	report_figures(n, 5, &k10);
	if (big) {
		char **all = realloc(names, sizeof *all * LARGE);
		if (!all)
			die("realloc");
		for (int k = n; k < LARGE; k++)
			write_session(d, dir, k, &all[k]);
		names = all;
		nnames = LARGE;
		report_figures(LARGE, 3, &k100);
		for (int k = n; k < LARGE; k++) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dir, all[k]);
			unlink(path);
		}
	}
	for (int k = 0; k < nnames; k++)
		free(names[k]);
	free(names);
	printf("\n  peak RSS growth, 1,000 to 10,000 files: %.1f bytes per "
	       "file\n",
	       (double)(k10 - k1) * 1024.0 / (n - 1000));
	if (big)
		printf("  peak RSS growth, 10,000 to 100,000 files: %.1f bytes "
		       "per file\n",
		       (double)(k100 - k10) * 1024.0 / (LARGE - n));
	else
		printf("  (100,000 files: BENCH_LARGE=1 make bench; it writes "
		       "about 400 MB)\n");
	printf("  (of which 24 bytes are the file's name on the command "
	       "line)\n");
}

#define SAVES 200

/*
 * The largest valid deck: DECK_MAX_ITEMS items of DECK_MAX_VIEWS views,
 * each view a sentence and a continuation line, labels and a note, as a
 * long workshop would have them.  The caller frees it.
 */
static char *largest_deck(size_t *len)
{
	static const char *const words[] = {
		"sales",    "training", "value",     "role",	  "design",
		"delivery", "strategy", "skills",    "behaviors", "content",
		"tools",    "across",	"the",	     "of",	  "and",
		"force",    "scale",	"improving", "focus",	  "right"};
	size_t cap = 1u << 20, n = 0;
	char *t = malloc(cap);
	unsigned seed = 1;
	if (!t)
		die("malloc");
#define PUT(...) (n += (size_t)snprintf(t + n, cap - n, __VA_ARGS__))
#define WORDS(k)                                                               \
	for (int w_ = 0; w_ < (k); w_++) {                                     \
		seed = seed * 1103515245u + 12345u;                            \
		PUT("%s%s", w_ ? " " : "", words[(seed >> 16) % 20]);          \
	}
	PUT("title: The largest deck\nintro: ");
	WORDS(40);
	PUT("\ngroups: Sales Training | Product Marketing | Sales Operations "
	    "| Sales Leadership\n");
	for (int i = 0; i < DECK_MAX_ITEMS; i++) {
		PUT("\n== %d ", i + 1);
		WORDS(7);
		for (int v = 0; v < DECK_MAX_VIEWS; v++) {
			PUT("\n%d: ", v + 1);
			WORDS(25);
			PUT("\n  ");
			WORDS(10);
		}
		PUT("\nlabels: A | B | C | D | E | F\nnote: ");
		WORDS(30);
		PUT("\n");
	}
#undef WORDS
#undef PUT
	*len = n;
	return t;
}

/* Parsing per byte, on the largest valid deck; the fuzzer's inputs. */
static void deck_figures(void)
{
	size_t len;
	char *text = largest_deck(&len);
	struct deck d;
	struct error err;
	enum { N = 200 };
	double t0 = now();
	for (int i = 0; i < N; i++) {
		if (deck_parse(&d, text, len, &err)) {
			fprintf(stderr, "bench: largest deck:%d: %s\n",
				err.line, err.msg);
			exit(1);
		}
		deck_free(&d);
	}
	double secs = (now() - t0) / N;
	printf("  %-44s %10.3f ms  %10.1f MB/s\n",
	       "parse the largest deck (200 x 6 views)", secs * 1e3,
	       (double)len / secs / 1e6);
	printf("  %-44s %10zu bytes\n", "  its size", len);
	free(text);
}

int main(int argc, char **argv)
{
	const char *deck_path =
		argc > 1 ? argv[1] : "content/sales-training.deck";
	struct deck d;
	struct error derr;
	size_t len;
	double t0;
	char dir[] = "/tmp/handsup-bench-XXXXXX";

	if (argc > 1 && strcmp(argv[1], "--read-loop") == 0)
		return read_loop(argc - 2, argv + 2);
	/* The children run in dir: the binary's path must not be relative. */
	const char *bin = getenv("HANDSUP_BIN");
	char *bin_abs = bin && *bin ? realpath(bin, NULL) : NULL;
	if (bin && *bin && !bin_abs)
		die(bin);
	if (!mkdtemp(dir))
		die("mkdtemp");
	if (bin_abs)
		spawner_start(dir, bin_abs);
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
	deck_figures();
	bench_phones();

	/* 10,000 workshops of the deck with varied counts. */
	char **paths = calloc(SESSIONS + 5, sizeof *paths);
	if (!paths)
		die("calloc");
	char **names = calloc(SESSIONS, sizeof *names);
	if (!names)
		die("calloc");
	srand(42);
	t0 = now();
	for (int k = 0; k < SESSIONS; k++) {
		write_session(&d, dir, k, &names[k]);
		paths[k + 4] = malloc(sizeof dir + 32);
		if (!paths[k + 4])
			die("malloc");
		snprintf(paths[k + 4], sizeof dir + 32, "%s/%s", dir, names[k]);
	}
	row("write 10,000 session files", now() - t0, SESSIONS);

	/* What one counted hand costs: a change and an atomic, synced save. */
	{
		struct session s;
		struct error serr;
		char live[sizeof dir + 32];
		snprintf(live, sizeof live, "%s/live.session", dir);
		if (session_from_deck(&s, &d, "(embedded)", "live", 1795772112,
				      NULL, 0))
			die("session_from_deck");
		t0 = now();
		for (int k = 0; k < SAVES; k++) {
			tally_add(&s.tally, k % s.nitems, 0, k % 2, 1);
			if (session_save(&s, live, &serr))
				die(serr.msg);
		}
		row("count a hand + atomic save (fsync) x200", now() - t0,
		    SAVES);
		session_free(&s);
		unlink(live);
	}
	if (bin_abs)
		report_vs_floor(&d, dir, names, SESSIONS);
	else
		for (int k = 0; k < SESSIONS; k++)
			free(names[k]);
	if (!bin_abs)
		free(names);
	free(bin_abs);
	printf("\n");

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
