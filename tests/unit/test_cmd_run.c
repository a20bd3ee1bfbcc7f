/*
 * A session on the terminal, new (handsup DECK) or resumed: what is
 * refused before any terminal or file is needed, and with which message
 * and exit status.  Each subcommand runs in a child with a deadline, so
 * that a command that would hang fails the test instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "unit/unit_util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/exit.h"
#include "cmd/live.h"
#include "core/deck.h"
#include "store/embedded.h"

static char tmp[] = "/tmp/handsup-run-XXXXXX";

static const char *scratch(const char *name)
{
	static char buf[8][256];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, sizeof buf[0], "%s/%s", tmp, name);
	return p;
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Seconds a command may take: every one here should end at once. */
#define DEADLINE 5

/*
 * Runs cmd(argv...) in a child whose standard input is in (or /dev/null
 * when in < 0) and whose standard error is returned in *err; its
 * standard output is thrown away.  Returns the exit status; a child
 * still running at the deadline fails the test.
 */
static int run(int (*cmd)(int, char **), int in, char **err, ...)
{
	char *argv[16];
	int argc = 0, status;
	va_list ap;
	const char *errpath = scratch("stderr");

	va_start(ap, err);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int efd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_RDWR);
		if (efd < 0 || nul < 0)
			_exit(127);
		dup2(in >= 0 ? in : nul, 0);
		dup2(nul, 1);
		dup2(efd, 2);
		alarm(DEADLINE);
		_exit(cmd(argc, argv));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*err = unit_slurp(errpath, NULL);
	assert_non_null(*err);
	unlink(errpath);
	if (WIFSIGNALED(status))
		fail_msg("%s %s: %s after %d s (it hangs?); stderr: %s",
			 argv[0], argv[argc - 1],
			 WTERMSIG(status) == SIGALRM
				 ? "still running"
				 : strsignal(WTERMSIG(status)),
			 DEADLINE, *err);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* handsup PATH refuses PATH at once, with the deck loader's reason. */
static void expect_refused(const char *path, int in, const char *why)
{
	char *err, want[512];

	assert_int_equal(run(cmd_run, in, &err, "handsup", path, (char *)NULL),
			 EXIT_DATA);
	snprintf(want, sizeof want, "handsup: %s: %s\n", path, why);
	assert_string_equal(err, want);
	free(err);
}

/*
 * A FIFO, a terminal and a pipe named as the deck: the loader refuses
 * them without reading, and nothing else may open them to read either.
 */
static void test_deck_not_regular(void **state)
{
	(void)state;

	assert_int_equal(mkfifo(scratch("fifo"), 0600), 0);
	expect_refused(scratch("fifo"), -1, "not a regular file");
	unlink(scratch("fifo"));

	/* A terminal nobody types on, as /dev/tty would be. */
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	char *slave = ptsname(master);
	assert_non_null(slave);
	expect_refused(slave, -1, "not a regular file");
	close(master);

	/* handsup /dev/stdin with a pipe that stays open and empty. */
	int p[2];
	assert_int_equal(pipe(p), 0);
	expect_refused("/dev/stdin", p[0], "not a regular file");
	close(p[0]);
	close(p[1]);

	expect_refused("/dev/null", -1, "not a regular file");
}

/* A session file given as the deck: refused, and what to run instead. */
static void test_deck_is_session(void **state)
{
	char *err;
	(void)state;

	put_file(scratch("s.session"), "handsup-session 1\nname: x\n");
	assert_int_equal(run(cmd_run, -1, &err, "handsup", scratch("s.session"),
			     (char *)NULL),
			 EXIT_DATA);
	assert_non_null(strstr(err, "handsup resume FILE\n"));
	free(err);
	/* With a byte order mark before it, which the reader skips. */
	put_file(scratch("s.session"),
		 "\xEF\xBB\xBFhandsup-session 1\nname: x\n");
	assert_int_equal(run(cmd_run, -1, &err, "handsup", scratch("s.session"),
			     (char *)NULL),
			 EXIT_DATA);
	assert_non_null(strstr(err, "handsup resume FILE\n"));
	free(err);
	unlink(scratch("s.session"));
}

/* Whether path exists, as a file or a dangling link. */
static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/*
 * resume names the real reason a session file cannot be had: a link
 * loop is not "no such session file", and no lock file is made for it.
 */
static void test_resume_reason(void **state)
{
	char *err, want[512];
	(void)state;

	assert_int_equal(symlink("loop.session", scratch("loop.session")), 0);
	assert_int_equal(run(cmd_resume, -1, &err, "resume",
			     scratch("loop.session"), (char *)NULL),
			 EXIT_DATA);
	snprintf(want, sizeof want, "handsup: %s: %s\n",
		 scratch("loop.session"), strerror(ELOOP));
	assert_string_equal(err, want);
	free(err);
	assert_false(exists(scratch("loop.session.lock")));
	unlink(scratch("loop.session"));

	assert_int_equal(run(cmd_resume, -1, &err, "resume",
			     scratch("gone.session"), (char *)NULL),
			 EXIT_NOINPUT);
	snprintf(want, sizeof want, "handsup: %s: no such session file\n",
		 scratch("gone.session"));
	assert_string_equal(err, want);
	free(err);
	assert_false(exists(scratch("gone.session.lock")));
}

/* handsup --out PATH and resume --out PATH: PATH must be a folder. */
static void expect_out_refused(const char *path, int errnum)
{
	char *err, want[512];

	snprintf(want, sizeof want, "handsup: %s: %s\n", path,
		 strerror(errnum));
	assert_int_equal(
		run(cmd_run, -1, &err, "handsup", "--out", path, (char *)NULL),
		EXIT_CANTCREAT);
	assert_string_equal(err, want);
	free(err);
	assert_int_equal(
		run(cmd_resume, -1, &err, "resume", "-o", path, (char *)NULL),
		EXIT_CANTCREAT);
	assert_string_equal(err, want);
	free(err);
}

static void test_out_not_folder(void **state)
{
	(void)state;

	/* Even a file we could write to is "not a directory". */
	put_file(scratch("plain"), "x\n");
	expect_out_refused(scratch("plain"), ENOTDIR);
	chmod(scratch("plain"), 0);
	expect_out_refused(scratch("plain"), ENOTDIR);
	unlink(scratch("plain"));
	expect_out_refused(scratch("none"), ENOENT);
	assert_int_equal(mkdir(scratch("ro"), 0500), 0);
	if (geteuid() != 0)
		expect_out_refused(scratch("ro"), EACCES);
	else
		print_message("not checked as root: a folder without write "
			      "permission\n");
	rmdir(scratch("ro"));
}

/* A deck that is not there exits 66; one that is there but bad, 65. */
static void test_deck_missing(void **state)
{
	char *err;
	(void)state;

	assert_int_equal(run(cmd_run, -1, &err, "handsup", scratch("no.deck"),
			     (char *)NULL),
			 EXIT_NOINPUT);
	assert_true(strncmp(err, "handsup: ", 9) == 0);
	assert_non_null(strstr(err, "no.deck: "));
	free(err);
	put_file(scratch("bad.deck"), "title: T\n");
	assert_int_equal(run(cmd_run, -1, &err, "handsup", scratch("bad.deck"),
			     (char *)NULL),
			 EXIT_DATA);
	free(err);
	unlink(scratch("bad.deck"));
}

/* Every mistake on the command line is handsup's message, then usage. */
static void test_bad_options(void **state)
{
	static const char *const cases[][3] = {
		{"handsup", "--bogus", "handsup: unknown option '--bogus'\n"},
		{"handsup", "-x", "handsup: unknown option '-x'\n"},
		{"handsup", "--name", "handsup: missing value for '--name'\n"},
		{"resume", "--bogus", "handsup: unknown option '--bogus'\n"},
		{"resume", "-d", "handsup: missing value for '-d'\n"},
	};
	char *err;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int (*cmd)(int, char **) =
			strcmp(cases[i][0], "resume") ? cmd_run : cmd_resume;
		assert_int_equal(run(cmd, -1, &err, cases[i][0], cases[i][1],
				     (char *)NULL),
				 EXIT_USAGE);
		assert_true(strncmp(err, cases[i][2], strlen(cases[i][2])) ==
			    0);
		assert_non_null(strstr(err, "\nusage: handsup "));
		free(err);
	}
	assert_int_equal(run(cmd_run, -1, &err, "handsup", "a.deck", "b.deck",
			     (char *)NULL),
			 EXIT_USAGE);
	assert_true(strncmp(err, "handsup: one deck", 17) == 0);
	free(err);
}

/*
 * A usage error is told as one without a terminal too: every check of
 * the command line comes before the one for a terminal (standard input
 * here is /dev/null).
 */
static void test_usage_before_terminal(void **state)
{
	static const char *const cases[][4] = {
		{"handsup", "--groups", "A|A",
		 "handsup: --groups: duplicate group name\n"},
		{"handsup", "--groups", "A||B", "handsup: --groups: "},
		{"handsup", "--headcount", "5",
		 "handsup: --headcount counts the room as one"},
		{"resume", "--groups", "A|B",
		 "handsup: --name, --groups, --no-groups and --headcount"},
		{"follow", "--name", "x", "handsup: follow only shows"},
		{"projector", "--bars", "auto", "handsup: --bars takes"},
		{"projector", "--mono", "x", "handsup: projector takes no"},
	};
	int (*const cmds[])(int, char **) = {
		cmd_run,    cmd_run,	   cmd_run,	 cmd_resume,
		cmd_follow, cmd_projector, cmd_projector};
	char *err;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = run(cmds[i], -1, &err, cases[i][0], cases[i][1],
			     cases[i][2], (char *)NULL);
		if (rc != EXIT_USAGE ||
		    strncmp(err, cases[i][3], strlen(cases[i][3])))
			fail_msg("%s %s %s: exit %d, %s", cases[i][0],
				 cases[i][1], cases[i][2], rc, err);
		assert_null(strstr(err, "terminal"));
		free(err);
	}
}

/* The built-in deck carries the hash of its bytes, as a deck file does:
 * a session of it records that identity. */
static void test_embedded_hash(void **state)
{
	(void)state;
	struct deck d;
	assert_int_equal(live_parse_embedded(&d), 0);
	assert_true(d.hash == deck_hash_bytes((const char *)embedded_deck,
					      embedded_deck_len));
	assert_true(d.hash != 0);
	deck_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedded_hash),
		cmocka_unit_test(test_deck_not_regular),
		cmocka_unit_test(test_deck_is_session),
		cmocka_unit_test(test_deck_missing),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_usage_before_terminal),
		cmocka_unit_test(test_resume_reason),
		cmocka_unit_test(test_out_not_folder),
	};
	int rc;

	if (!mkdtemp(tmp))
		return 1;
	/* Nothing here may reach the real state folder. */
	setenv("HANDSUP_STATE_DIR", scratch("state"), 1);
	rc = cmocka_run_group_tests_name("cmd_run", tests, NULL, NULL);
	rmdir(scratch("state"));
	rmdir(tmp);
	return rc;
}
