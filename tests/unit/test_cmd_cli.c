/*
 * The export, report and check subcommands: output files, exit codes and
 * the messages on standard error.  The session files and golden reports are
 * those of test_report (tests/report/).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "unit/unit_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/exit.h"

static char root[4096];
static char tmp[] = "/tmp/handsup-cli-XXXXXX";

static void find_root(void)
{
	unit_find_root(root, sizeof root, __FILE__, "tests/unit/test_cli.c");
}

/* Paths into the test data and the scratch folder. */
static const char *data(const char *name)
{
	static char buf[8][4200];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, sizeof buf[0], "%s/tests/report/%s", root, name);
	return p;
}

static const char *scratch(const char *name)
{
	static char buf[8][256];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, sizeof buf[0], "%s/%s", tmp, name);
	return p;
}

/* Standard output of the last run(). */
static char *out;

/*
 * Runs a subcommand with standard error captured into *err and standard
 * output into out.
 */
static int run(int (*cmd)(int, char **), char **err, ...)
{
	char *argv[16];
	int argc = 0, rc, saved, saved_out;
	va_list ap;
	const char *errpath = scratch("stderr");
	const char *outpath = scratch("stdout");

	va_start(ap, err);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;

	fflush(stderr);
	fflush(stdout);
	saved = dup(2);
	saved_out = dup(1);
	int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int ofd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved >= 0 && ofd >= 0 && saved_out >= 0);
	dup2(fd, 2);
	dup2(ofd, 1);
	close(fd);
	close(ofd);
	rc = cmd(argc, argv);
	fflush(stderr);
	fflush(stdout);
	dup2(saved, 2);
	dup2(saved_out, 1);
	close(saved);
	close(saved_out);
	*err = unit_slurp(errpath, NULL);
	unlink(errpath);
	free(out);
	out = unit_slurp(outpath, NULL);
	unlink(outpath);
	return rc;
}

static void expect_same(const char *path, const char *golden)
{
	char *got = unit_slurp(path, NULL),
	     *want = unit_slurp(data(golden), NULL);

	assert_non_null(got);
	assert_non_null(want);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

/* Files left in the scratch folder whose name starts with a dot. */
static int hidden_files(void)
{
	DIR *d = opendir(tmp);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
		    strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/*
 * Every line of err starts "handsup: ", or is a usage line: only a parse
 * error's "FILE:LINE: message" goes without, and those are checked
 * where they are expected.
 */
static void expect_prefixed(const char *err)
{
	assert_true(*err != '\0');
	for (const char *l = err; *l; l = strchr(l, '\n') + 1) {
		assert_non_null(strchr(l, '\n'));
		if (strncmp(l, "handsup: ", 9) && strncmp(l, "usage: ", 7) &&
		    strncmp(l, "      ", 6))
			fail_msg("not prefixed: %.*s", (int)strcspn(l, "\n"),
				 l);
	}
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void test_export_to_file(void **state)
{
	char *err;
	(void)state;

	assert_int_equal(run(cmd_export, &err, "export", "--format", "csv",
			     "-o", scratch("a.csv"), data("article.session"),
			     (char *)NULL),
			 0);
	assert_string_equal(err, "");
	free(err);
	expect_same(scratch("a.csv"), "golden/article.csv");
	assert_int_equal(hidden_files(), 0);

	/* Options after the operand work too; text is the default. */
	assert_int_equal(run(cmd_export, &err, "export", data("intl.session"),
			     "--output", scratch("i.txt"), (char *)NULL),
			 0);
	free(err);
	expect_same(scratch("i.txt"), "golden/intl.txt");
	unlink(scratch("a.csv"));
	unlink(scratch("i.txt"));
}

/* --bom: a UTF-8 byte order mark first, then the CSV as without it. */
static void test_export_bom(void **state)
{
	char *err;
	(void)state;
	assert_int_equal(run(cmd_export, &err, "export", "--format", "csv",
			     "--bom", data("article.session"), (char *)NULL),
			 0);
	free(err);
	assert_non_null(out);
	assert_int_equal(memcmp(out, "\xef\xbb\xbfsession,started,", 19), 0);
	char *plain = strdup(out + 3);
	assert_int_equal(run(cmd_export, &err, "export", "--format", "csv",
			     data("article.session"), (char *)NULL),
			 0);
	free(err);
	assert_string_equal(out, plain);
	free(plain);
}

/* JSON has no byte order mark (RFC 8259): --bom with it is a mistake. */
static void test_bom_json(void **state)
{
	static const char why[] = "handsup: --bom is for text, CSV and "
				  "Markdown; JSON is never written with one\n";
	char *err;
	(void)state;
	assert_int_equal(run(cmd_export, &err, "export", "--format", "json",
			     "--bom", "-o", scratch("a.json"),
			     data("article.session"), (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, why));
	assert_non_null(strstr(err, "usage: handsup export"));
	expect_prefixed(err);
	free(err);
	assert_int_equal(access(scratch("a.json"), F_OK), -1);
	assert_int_equal(run(cmd_report, &err, "report", "--bom", "-f", "json",
			     data("article.session"), data("globex.session"),
			     (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, why));
	assert_non_null(strstr(err, "usage: handsup report"));
	assert_string_equal(out, "");
	free(err);
	/* Markdown and text still take one. */
	assert_int_equal(run(cmd_report, &err, "report", "--bom", "-f", "md",
			     data("article.session"), data("globex.session"),
			     (char *)NULL),
			 0);
	assert_int_equal(memcmp(out, "\xef\xbb\xbf", 3), 0);
	free(err);
}

static void test_export_errors(void **state)
{
	char *err, msg[512];
	(void)state;

	assert_int_equal(run(cmd_export, &err, "export", "--format", "xml",
			     data("article.session"), (char *)NULL),
			 EXIT_USAGE);
	assert_non_null(strstr(err, "handsup: unknown format 'xml'\n"));
	assert_non_null(strstr(err, "usage: handsup export"));
	expect_prefixed(err);
	free(err);
	assert_int_equal(run(cmd_export, &err, "export", (char *)NULL),
			 EXIT_USAGE);
	assert_non_null(strstr(err, "handsup: no session given\n"));
	expect_prefixed(err);
	free(err);
	assert_int_equal(
		run(cmd_export, &err, "export", "a", "b", (char *)NULL),
		EXIT_USAGE);
	expect_prefixed(err);
	free(err);
	assert_int_equal(
		run(cmd_export, &err, "export", "--frobnicate", (char *)NULL),
		EXIT_USAGE);
	expect_prefixed(err);
	free(err);
	assert_int_equal(run(cmd_export, &err, "export", "--compare", "x",
			     data("article.session"), (char *)NULL),
			 EXIT_USAGE);
	expect_prefixed(err);
	free(err);

	/* -o never replaces a FIFO or a device with a plain file. */
	assert_int_equal(mkfifo(scratch("fifo"), 0600), 0);
	assert_int_equal(run(cmd_export, &err, "export", "-o", scratch("fifo"),
			     data("article.session"), (char *)NULL),
			 EXIT_CANTCREAT);
	assert_non_null(strstr(err, "is not a regular file"));
	free(err);
	struct stat st;
	assert_int_equal(lstat(scratch("fifo"), &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	unlink(scratch("fifo"));
	assert_int_equal(run(cmd_export, &err, "export", "-o", "/dev/stdout",
			     data("article.session"), (char *)NULL),
			 EXIT_CANTCREAT);
	free(err);
	assert_int_equal(lstat("/dev/stdout", &st) == 0 && S_ISREG(st.st_mode),
			 0);

	/* A missing file, named safely: no escape sequence gets through. */
	assert_int_equal(run(cmd_export, &err, "export",
			     scratch("no\x1b[2Jsuch.session"), (char *)NULL),
			 EXIT_NOINPUT);
	assert_non_null(strstr(err, "such.session: "));
	assert_null(strchr(err, '\x1b'));
	expect_prefixed(err);
	free(err);

	/* A corrupt file: FILE:LINE: message. */
	FILE *f = fopen(scratch("bad.session"), "w");
	assert_non_null(f);
	fputs("not a session\n", f);
	fclose(f);
	assert_int_equal(run(cmd_export, &err, "export", "-o",
			     scratch("bad.txt"), scratch("bad.session"),
			     (char *)NULL),
			 EXIT_DATA);
	/* Compiler-style, for editors to jump to: no prefix. */
	snprintf(msg, sizeof msg, "%s:1: ", scratch("bad.session"));
	assert_true(starts(err, msg));
	assert_int_equal(access(scratch("bad.txt"), F_OK), -1);
	free(err);
	unlink(scratch("bad.session"));

	/* A folder: refused before anything is made in it. */
	assert_int_equal(run(cmd_export, &err, "export", "-o", tmp,
			     data("article.session"), (char *)NULL),
			 EXIT_CANTCREAT);
	snprintf(msg, sizeof msg, "handsup: %s: is a directory\n", tmp);
	assert_string_equal(err, msg);
	assert_int_equal(hidden_files(), 0);
	free(err);
	assert_int_equal(run(cmd_report, &err, "report", "-o", scratch(""),
			     data("article.session"), (char *)NULL),
			 EXIT_CANTCREAT);
	assert_non_null(strstr(err, ": is a directory\n"));
	expect_prefixed(err);
	assert_int_equal(hidden_files(), 0);
	free(err);

	assert_int_equal(run(cmd_export, &err, "export", "-o",
			     "/nonexistent/folder/x.txt",
			     data("article.session"), (char *)NULL),
			 EXIT_CANTCREAT);
	assert_string_equal(err, "handsup: /nonexistent/folder/x.txt: cannot "
				 "create: No such file or directory\n");
	free(err);
}

/*
 * -o replaces FILE by a rename: a link planted at FILE is replaced, not
 * followed; the file gets the usual mode; nothing is left behind.
 */
static void test_export_replaces(void **state)
{
	char *err, *kept;
	struct stat st;
	(void)state;

	put_file(scratch("victim"), "keep me\n");
	assert_int_equal(symlink(scratch("victim"), scratch("r.txt")), 0);
	mode_t old = umask(027);
	int rc = run(cmd_export, &err, "export", "-o", scratch("r.txt"),
		     data("intl.session"), (char *)NULL);

	umask(old);
	assert_int_equal(rc, 0);
	free(err);
	kept = unit_slurp(scratch("victim"), NULL);
	assert_string_equal(kept, "keep me\n");
	free(kept);
	assert_int_equal(lstat(scratch("r.txt"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0640);
	expect_same(scratch("r.txt"), "golden/intl.txt");
	assert_int_equal(hidden_files(), 0);
	unlink(scratch("victim"));
	unlink(scratch("r.txt"));
}

/* A full standard output: the error of the write that failed. */
static void test_export_stdout_full(void **state)
{
	int pipefd[2], status;
	char msg[512] = "";
	(void)state;

	int full = open("/dev/full", O_WRONLY);
	if (full < 0) {
		print_message("skipped: /dev/full cannot be opened\n");
		skip();
	}
	assert_int_equal(pipe(pipefd), 0);
	fflush(NULL);
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[] = {(char *)"export",
				(char *)data("article.session"), NULL};

		dup2(full, 1);
		dup2(pipefd[1], 2);
		_exit(cmd_export(2, argv));
	}
	close(full);
	close(pipefd[1]);
	ssize_t n = read(pipefd[0], msg, sizeof msg - 1);

	close(pipefd[0]);
	msg[n > 0 ? n : 0] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), EXIT_IOERR);
	assert_string_equal(msg, "handsup: standard output: "
				 "No space left on device\n");
}

static void test_check(void **state)
{
	char *err;
	(void)state;

	char want[512];

	put_file(scratch("good.deck"), "title: T\n== H\n1: a\n2: b\n");
	put_file(scratch("two.deck"),
		 "title: T\n== H\n1: a\n2: b\n== I\n1: c\n2: d\n");
	put_file(scratch("bad.deck"), "title: T\n== H\n1: a\n"
				      "== I\n1: a\n2: b\nbogus line\n");
	assert_int_equal(run(cmd_check, &err, "check", scratch("good.deck"),
			     scratch("two.deck"), (char *)NULL),
			 0);
	assert_string_equal(err, "");
	snprintf(want, sizeof want, "%s: ok, 1 item\n%s: ok, 2 items\n",
		 scratch("good.deck"), scratch("two.deck"));
	assert_string_equal(out, want);
	free(err);

	/*
	 * Every deck is checked, every error of each reported; any error
	 * makes the status 65, and a good deck still says so.
	 */
	assert_int_equal(run(cmd_check, &err, "check", scratch("bad.deck"),
			     scratch("good.deck"), (char *)NULL),
			 EXIT_DATA);
	snprintf(want, sizeof want, "%s:2: ", scratch("bad.deck"));
	assert_true(starts(err, want));
	snprintf(want, sizeof want, "\n%s:7: ", scratch("bad.deck"));
	assert_non_null(strstr(err, want));
	assert_null(strstr(err, "good.deck"));
	assert_null(strstr(out, "bad.deck"));
	assert_non_null(strstr(out, "/good.deck: ok, 1 item\n"));
	free(err);

	/* The name on standard output is sanitised too. */
	put_file(scratch("e\x1b[2J.deck"), "title: T\n== H\n1: a\n2: b\n");
	assert_int_equal(run(cmd_check, &err, "check", scratch("e\x1b[2J.deck"),
			     (char *)NULL),
			 0);
	assert_null(strchr(out, '\x1b'));
	assert_non_null(strstr(out, "[2J.deck: ok, 1 item\n"));
	free(err);
	unlink(scratch("e\x1b[2J.deck"));
	unlink(scratch("two.deck"));
	assert_int_equal(run(cmd_check, &err, "check", scratch("none.deck"),
			     (char *)NULL),
			 EXIT_NOINPUT);
	assert_non_null(strstr(err, "/none.deck: "));
	/* No line to jump to: handsup's own message. */
	expect_prefixed(err);
	free(err);

	assert_int_equal(run(cmd_check, &err, "check", (char *)NULL),
			 EXIT_USAGE);
	assert_string_equal(err, "handsup: no deck given\n"
				 "usage: handsup check DECK...\n");
	free(err);

	/* Options are options, wherever they are; after "--", files. */
	assert_int_equal(run(cmd_check, &err, "check", scratch("good.deck"),
			     "--bogus", (char *)NULL),
			 EXIT_USAGE);
	assert_string_equal(err, "handsup: unknown option '--bogus'\n"
				 "usage: handsup check DECK...\n");
	assert_string_equal(out, "");
	free(err);
	assert_int_equal(run(cmd_check, &err, "check", "-x", (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, "handsup: unknown option '-x'\n"));
	free(err);
	assert_int_equal(run(cmd_check, &err, "check", "-h", (char *)NULL), 0);
	assert_string_equal(out, "usage: handsup check DECK...\n");
	free(err);
	assert_int_equal(run(cmd_check, &err, "check", "--",
			     scratch("good.deck"), (char *)NULL),
			 0);
	assert_non_null(strstr(out, "good.deck: ok, 1 item\n"));
	free(err);
	put_file(scratch("-dash.deck"), "title: T\n== H\n1: a\n2: b\n");
	int here = open(".", O_RDONLY | O_DIRECTORY);
	assert_true(here >= 0);
	assert_int_equal(chdir(tmp), 0);
	assert_int_equal(
		run(cmd_check, &err, "check", "--", "-dash.deck", (char *)NULL),
		0);
	assert_string_equal(out, "-dash.deck: ok, 1 item\n");
	free(err);
	assert_int_equal(fchdir(here), 0);
	close(here);
	unlink(scratch("-dash.deck"));
	unlink(scratch("good.deck"));
	unlink(scratch("bad.deck"));
}

static void test_report_aggregate(void **state)
{
	char *err;
	(void)state;

	assert_int_equal(run(cmd_report, &err, "report", "-o",
			     scratch("agg.txt"), data("article.session"),
			     data("globex.session"), data("initech.session"),
			     (char *)NULL),
			 0);
	free(err);
	expect_same(scratch("agg.txt"), "golden/aggregate.txt");

	/*
	 * The compared session may be listed among the others too; it
	 * counts where they name it, here last, as in the golden file.
	 */
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     data("globex.session"), "-o", scratch("cmp.txt"),
			     data("article.session"), data("initech.session"),
			     data("globex.session"), (char *)NULL),
			 0);
	free(err);
	expect_same(scratch("cmp.txt"), "golden/compare.txt");
	unlink(scratch("agg.txt"));
	unlink(scratch("cmp.txt"));
}

/*
 * One file named twice (the same path, another path to it, a link)
 * counts once, with a note naming the duplicate; the compared session
 * among the others is no duplicate.
 */
static void test_report_duplicates(void **state)
{
	char *err, other[4300];
	(void)state;

	snprintf(other, sizeof other, "%s/tests/./report/article.session",
		 root);
	char *abs = realpath(data("article.session"), NULL);

	assert_non_null(abs);
	assert_int_equal(symlink(abs, scratch("link")), 0);
	free(abs);
	assert_int_equal(run(cmd_report, &err, "report", "-o",
			     scratch("agg.txt"), data("article.session"),
			     data("globex.session"), data("article.session"),
			     other, data("initech.session"), scratch("link"),
			     data("globex.session"), (char *)NULL),
			 0);
	expect_same(scratch("agg.txt"), "golden/aggregate.txt");
	char want[9000];

	snprintf(want, sizeof want,
		 "handsup: %s: named twice, counted once\n"
		 "handsup: %s: named twice, counted once\n"
		 "handsup: %s: named twice, counted once\n"
		 "handsup: %s: named twice, counted once\n",
		 data("article.session"), other, scratch("link"),
		 data("globex.session"));
	assert_string_equal(err, want);
	free(err);

	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     data("globex.session"), "-o", scratch("cmp.txt"),
			     data("article.session"), data("initech.session"),
			     data("globex.session"), scratch("link"),
			     (char *)NULL),
			 0);
	expect_same(scratch("cmp.txt"), "golden/compare.txt");
	assert_non_null(strstr(err, "link: named twice, counted once\n"));
	assert_null(strstr(err, "globex"));
	free(err);
	unlink(scratch("agg.txt"));
	unlink(scratch("cmp.txt"));
	unlink(scratch("link"));
}

/* A session of deck "T" with one item of two views, counted by group. */
static void put_grouped(const char *name, const char *groups,
			const char *counts)
{
	char text[1200];

	snprintf(text, sizeof text,
		 "handsup-session 2\nname: %s\n"
		 "started: 2026-12-01T10:00:00Z\ndeck-title: T\n"
		 "deck-path: (embedded)\ndeck-hash: 0123456789abcdef\n"
		 "current: 1\nsame-views: yes\npercent-base: hands\n%s"
		 "active-group: 1\nitem: Q\nview: View 1\nview: View 2\n%s"
		 "end\n",
		 name, groups, counts);
	put_file(scratch(name), text);
}

/* The JSON report's groups and item 1's divide, as one string. */
static char *groups_and_divide(void)
{
	const char *g = strstr(out, "\n  \"groups\": ["),
		   *d = strstr(out, "\"divide\": ");

	assert_non_null(g);
	assert_non_null(d);
	size_t ng = strcspn(g, "]"), nd = strcspn(d, "}");
	char *s = malloc(ng + nd + 1);

	assert_non_null(s);
	memcpy(s, g, ng);
	memcpy(s + ng, d, nd);
	s[ng + nd] = '\0';
	return s;
}

/*
 * The groups come in the order the command line first names them, the
 * compared session counted where it is named: so the tie of item 1's
 * divide (100 points between Sales Training and Product Marketing, and
 * between it and Support) goes to the same pair with --compare.
 */
static void test_report_compare_order(void **state)
{
	char *err, *plain, *cmp;
	(void)state;

	put_grouped("w1",
		    "group: 0 Sales Training\ngroup: 0 Product "
		    "Marketing\ngroup: 0 Sales Operations\ngroup: 0 "
		    "Sales Leadership\n",
		    "count: 1 1 10 0 0 0\ncount: 1 2 0 10 0 0\n");
	put_grouped("w2", "group: 0 =SUM(A1)\ngroup: 0 Support\n",
		    "count: 1 1 10 0\ncount: 1 2 0 10\n");
	put_grouped("w3", "group: 0 Support\n",
		    "count: 1 1 0\ncount: 1 2 10\n");
	assert_int_equal(run(cmd_report, &err, "report", "--format", "json",
			     scratch("w1"), scratch("w2"), scratch("w3"),
			     (char *)NULL),
			 0);
	free(err);
	plain = groups_and_divide();
	assert_non_null(strstr(plain, "\"Sales Leadership\"}, {\"number\": "
				      "5, \"name\": \"=SUM(A1)\"}"));
	assert_non_null(strstr(plain, "[\"Sales Training\", \"Product "
				      "Marketing\"]"));
	/* --compare X among the others, and --compare where it is. */
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     scratch("w1"), "--format", "json", scratch("w1"),
			     scratch("w2"), scratch("w3"), (char *)NULL),
			 0);
	assert_string_equal(err, "");
	free(err);
	cmp = groups_and_divide();
	assert_string_equal(cmp, plain);
	free(cmp);
	assert_int_equal(run(cmd_report, &err, "report", "--format", "json",
			     "--compare", scratch("w1"), scratch("w2"),
			     scratch("w3"), (char *)NULL),
			 0);
	free(err);
	cmp = groups_and_divide();
	assert_string_equal(cmp, plain);
	free(cmp);
	/* The compared session named again among the others: noted. */
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     scratch("w1"), scratch("w1"), scratch("w1"),
			     scratch("w2"), (char *)NULL),
			 0);
	char want[600];

	snprintf(want, sizeof want, "handsup: %s: named twice, counted once\n",
		 scratch("w1"));
	assert_string_equal(err, want);
	free(err);
	free(plain);
	unlink(scratch("w1"));
	unlink(scratch("w2"));
	unlink(scratch("w3"));
}

/* A session of an edited deck (same title, other hash) counts, noted. */
static void test_report_other_version(void **state)
{
	char *err, *text, *h;
	(void)state;

	text = unit_slurp(data("initech.session"), NULL);
	assert_non_null(text);
	h = strstr(text, "deck-hash: ");
	assert_non_null(h);
	memcpy(h + strlen("deck-hash: "), "fedcba9876543210", 16);
	put_file(scratch("edited.session"), text);
	free(text);
	assert_int_equal(run(cmd_report, &err, "report", "-o",
			     scratch("agg.txt"), data("article.session"),
			     data("globex.session"), scratch("edited.session"),
			     (char *)NULL),
			 0);
	expect_same(scratch("agg.txt"), "golden/aggregate.txt");
	char want[600];

	snprintf(want, sizeof want,
		 "handsup: %s: run on another version of the deck (items "
		 "are matched by heading)\n",
		 scratch("edited.session"));
	assert_string_equal(err, want);
	free(err);

	/*
	 * The compared session is held against the first one too: it
	 * counts where --compare names it, here after the other.
	 */
	assert_int_equal(run(cmd_report, &err, "report", "-o",
			     scratch("agg.txt"), data("article.session"),
			     "--compare", scratch("edited.session"),
			     (char *)NULL),
			 0);
	assert_string_equal(err, want);
	free(err);
	/* Named first, it is the first one. */
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     scratch("edited.session"), "-o",
			     scratch("agg.txt"), data("article.session"),
			     (char *)NULL),
			 0);
	assert_non_null(strstr(err, "article.session: run on another "
				    "version"));
	assert_null(strstr(err, "edited"));
	free(err);
	unlink(scratch("agg.txt"));
	unlink(scratch("edited.session"));
}

static void test_report_errors(void **state)
{
	static const char no_other[] = "handsup: --compare needs at least one "
				       "other session to compare with\nusage: ";
	char *err;
	(void)state;

	assert_int_equal(run(cmd_report, &err, "report", "-o", scratch("x.md"),
			     "--format", "md", data("article.session"),
			     data("intl.session"), (char *)NULL),
			 EXIT_DATA);
	assert_non_null(strstr(err, "intl.session: is a session of another "
				    "deck"));
	expect_prefixed(err);
	assert_int_equal(access(scratch("x.md"), F_OK), -1);
	assert_int_equal(hidden_files(), 0);
	free(err);

	/* --compare alone, or with only itself: nothing to compare with. */
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     data("globex.session"), data("globex.session"),
			     (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, no_other));
	free(err);
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     data("globex.session"), (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, no_other));
	free(err);
	/* -o naming an input would replace the record with a report. */
	assert_int_equal(run(cmd_report, &err, "report", "-o",
			     data("initech.session"), data("article.session"),
			     data("initech.session"), (char *)NULL),
			 EXIT_USAGE);
	assert_non_null(strstr(err, "would overwrite"));
	free(err);
	char *kept = unit_slurp(data("initech.session"), NULL);
	assert_non_null(strstr(kept, "handsup-session 1\n"));
	free(kept);
	assert_int_equal(run(cmd_report, &err, "report", (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, "handsup: no session given\nusage: "));
	free(err);
	/* A missing output folder, a missing session: prefixed too. */
	assert_int_equal(run(cmd_report, &err, "report", "-o",
			     "/nonexistent/folder/x.csv",
			     data("article.session"), (char *)NULL),
			 EXIT_CANTCREAT);
	assert_string_equal(err, "handsup: /nonexistent/folder/x.csv: cannot "
				 "create: No such file or directory\n");
	free(err);
	assert_int_equal(run(cmd_report, &err, "report", "--compare",
			     scratch("none.session"), data("article.session"),
			     (char *)NULL),
			 EXIT_NOINPUT);
	expect_prefixed(err);
	free(err);
	assert_int_equal(
		run(cmd_report, &err, "report", "--help", (char *)NULL), 0);
	free(err);
}

/*
 * The line of cmd in the usage that --help prints: from "handsup CMD "
 * to the next "handsup" (the first line for cmd "").
 */
static char *usage_line(const char *usage, const char *cmd)
{
	char head[40];

	snprintf(head, sizeof head, "handsup %s%s[", cmd, *cmd ? " " : "");
	const char *l = strstr(usage, head);

	assert_non_null(l);
	const char *end = strstr(l + 1, "handsup ");
	size_t n = end ? (size_t)(end - l) : strlen(l);
	char *line = strndup(l, n);

	assert_non_null(line);
	return line;
}

/* Whether line names opt as a whole word ("--timer", not "--timer-"). */
static bool lists(const char *line, const char *opt)
{
	size_t n = strlen(opt);

	for (const char *p = strstr(line, opt); p; p = strstr(p + 1, opt))
		if (p[n] == ' ' || p[n] == ']')
			return true;
	return false;
}

/*
 * Each option that run, resume, follow and projector accept, and only
 * those, is in its usage line: accepted is anything but a usage error
 * before the missing deck or session (or terminal) is found out.
 */
static void test_usage_lists_options(void **state)
{
	static const char *const opts[][3] = {
		{"--name", "x"},
		{"--state-dir", "/nonexistent"},
		{"--out", "/tmp"},
		{"--groups", "A|B"},
		{"--no-groups"},
		{"--headcount", "5"},
		{"--aligned", "10"},
		{"--theme", "dark"},
		{"--bars", "ascii"},
		{"--mono"},
		{"--ascii"},
		{"--timer", "1m"},
		{"--phones"},
		{"--listen", "127.0.0.1:0"},
		{"--timer-bell", "--timer", "1m"},
	};
	static const char *const cmds[] = {"", "resume", "follow", "projector"};
	int (*const fns[])(int, char **) = {cmd_run, cmd_resume, cmd_follow,
					    cmd_projector};
	char *err;
	(void)state;

	assert_int_equal(
		run(cmd_follow, &err, "follow", "--help", (char *)NULL), 0);
	free(err);
	char *usage = strdup(out);
	for (size_t c = 0; c < 4; c++) {
		char *line = usage_line(usage, cmds[c]);
		const char *what = c < 3 ? scratch("none.deck") : NULL;
		for (size_t i = 0; i < sizeof opts / sizeof *opts; i++) {
			const char *a[4] = {NULL};
			int n = 0;
			for (int k = 0; k < 3; k++)
				if (opts[i][k])
					a[n++] = opts[i][k];
			a[n] = what;
			int rc = run(fns[c], &err,
				     *cmds[c] ? cmds[c] : "handsup", a[0], a[1],
				     a[2], a[3], (char *)NULL);
			bool listed = lists(line, opts[i][0]);
			if (listed != (rc != EXIT_USAGE))
				fail_msg("handsup %s %s: exit %d, %s in its "
					 "usage; %s",
					 cmds[c], opts[i][0], rc,
					 listed ? "listed" : "not listed", err);
			free(err);
		}
		free(line);
	}
	free(usage);
}

/* --help and --version go alone: "--version extra" is a mistake. */
static void test_help_alone(void **state)
{
	char *err;
	(void)state;

	assert_int_equal(
		run(cmd_run, &err, "handsup", "--version", (char *)NULL), 0);
	assert_true(starts(out, "handsup "));
	free(err);
	assert_int_equal(run(cmd_run, &err, "handsup", "--version", "extra",
			     (char *)NULL),
			 EXIT_USAGE);
	assert_true(starts(err, "handsup: --version takes no other "
				"argument\nusage: "));
	assert_string_equal(out, "");
	free(err);
	assert_int_equal(
		run(cmd_run, &err, "handsup", "x.deck", "--help", (char *)NULL),
		EXIT_USAGE);
	assert_true(starts(err, "handsup: --help takes no other argument\n"));
	free(err);
	int (*const fns[])(int, char **) = {cmd_resume,	   cmd_follow,
					    cmd_projector, cmd_check,
					    cmd_export,	   cmd_report};
	const char *names[] = {"resume", "follow", "projector",
			       "check",	 "export", "report"};
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		assert_int_equal(
			run(fns[i], &err, names[i], "--help", (char *)NULL), 0);
		assert_true(starts(out, "usage: handsup "));
		free(err);
		assert_int_equal(run(fns[i], &err, names[i], "--help", "extra",
				     (char *)NULL),
				 EXIT_USAGE);
		assert_true(starts(err, "handsup: --help takes no other "
					"argument\nusage: "));
		assert_string_equal(out, "");
		free(err);
	}
}

/*
 * An input file that does not exist exits 66; one that exists but cannot
 * be read or is not valid, 65; for check, a bad deck outweighs a
 * missing one, in either order.
 */
static void test_missing_input(void **state)
{
	char *err;
	(void)state;

	put_file(scratch("bad.deck"), "title: T\nbogus line\n");
	assert_int_equal(symlink("nowhere", scratch("dangling")), 0);
	static const struct {
		int (*cmd)(int, char **);
		const char *name, *file;
		int status;
	} cases[] = {
		{cmd_check, "check", "none.deck", EXIT_NOINPUT},
		{cmd_check, "check", "dangling", EXIT_NOINPUT},
		{cmd_check, "check", "", EXIT_DATA}, /* the folder */
		{cmd_check, "check", "bad.deck", EXIT_DATA},
		{cmd_export, "export", "none.session", EXIT_NOINPUT},
		{cmd_export, "export", "", EXIT_DATA},
		{cmd_report, "report", "none.session", EXIT_NOINPUT},
		{cmd_report, "report", "bad.deck", EXIT_DATA},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = run(cases[i].cmd, &err, cases[i].name,
			     scratch(cases[i].file), (char *)NULL);
		if (rc != cases[i].status)
			fail_msg("%s %s: exit %d, expected %d", cases[i].name,
				 cases[i].file, rc, cases[i].status);
		free(err);
	}
	assert_int_equal(run(cmd_check, &err, "check", scratch("none.deck"),
			     scratch("bad.deck"), (char *)NULL),
			 EXIT_DATA);
	free(err);
	assert_int_equal(run(cmd_check, &err, "check", scratch("bad.deck"),
			     scratch("none.deck"), (char *)NULL),
			 EXIT_DATA);
	free(err);
	/* The first file that fails decides a report. */
	assert_int_equal(run(cmd_report, &err, "report",
			     data("article.session"), scratch("none.session"),
			     (char *)NULL),
			 EXIT_NOINPUT);
	expect_prefixed(err);
	free(err);
	unlink(scratch("bad.deck"));
	unlink(scratch("dangling"));
}

/* check NAME: an installed deck, in $HANDSUP_DATADIR for the test. */
static void test_check_installed(void **state)
{
	char *err, data[4200], want[9000];
	(void)state;

	snprintf(data, sizeof data, "%s/content", root);
	assert_int_equal(setenv("HANDSUP_DATADIR", data, 1), 0);
	assert_int_equal(run(cmd_check, &err, "check", "starter",
			     "sales-training.deck", (char *)NULL),
			 0);
	assert_string_equal(err, "");
	snprintf(want, sizeof want,
		 "%s/starter.deck: ok, 3 items\n"
		 "%s/sales-training.deck: ok, 7 items\n",
		 data, data);
	assert_string_equal(out, want);
	free(err);

	assert_int_equal(
		run(cmd_check, &err, "check", "no-such-deck", (char *)NULL),
		EXIT_NOINPUT);
	snprintf(want, sizeof want,
		 "handsup: no-such-deck: no such file or directory\n"
		 "handsup: nor is 'no-such-deck' an installed deck in %s\n",
		 data);
	assert_string_equal(err, want);
	free(err);
	unsetenv("HANDSUP_DATADIR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_to_file),
		cmocka_unit_test(test_export_bom),
		cmocka_unit_test(test_bom_json),
		cmocka_unit_test(test_export_errors),
		cmocka_unit_test(test_export_replaces),
		cmocka_unit_test(test_export_stdout_full),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_report_aggregate),
		cmocka_unit_test(test_report_duplicates),
		cmocka_unit_test(test_report_compare_order),
		cmocka_unit_test(test_report_other_version),
		cmocka_unit_test(test_report_errors),
		cmocka_unit_test(test_usage_lists_options),
		cmocka_unit_test(test_help_alone),
		cmocka_unit_test(test_missing_input),
		cmocka_unit_test(test_check_installed),
	};
	int rc;

	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	find_root();
	if (!mkdtemp(tmp))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(out);
	rmdir(tmp);
	return rc;
}
