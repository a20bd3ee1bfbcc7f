/*
 * Watching a session from another process: a save, the lock going away
 * (the facilitator quitting or dying) and audience views coming and
 * going are each told, what is only looked at is not, and the questions
 * "is it open?" and "how many follow?" take no lock.  The other side
 * runs in a forked child, as it would in another handsup.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "store/session_lock.h"
#include "store/session_watch.h"

static char dir[64];

static char *in_dir(const char *name)
{
	static char buf[4][160];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* What a save does: a temporary file beside it, renamed over it. */
static void save(const char *path)
{
	char tmp[200];
	snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
	write_file(tmp, "handsup-session 2\n");
	assert_int_equal(rename(tmp, path), 0);
}

static int rm_one(const char *p, const struct stat *st, int t, struct FTW *f)
{
	(void)st;
	(void)t;
	(void)f;
	return remove(p);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/hs-watch-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* ---- a child that is the other handsup ------------------------------------ */

struct child {
	pid_t pid;
	int go; /* write a byte: the child lets go cleanly and exits */
};

/*
 * Forks a child that locks the session ('l') or marks itself as an
 * audience view ('f'), says so, and waits; a byte on go makes it let go.
 */
static struct child start_child(const char *path, char what)
{
	int ready[2], go[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	struct child c = {fork(), go[1]};
	assert_true(c.pid >= 0);
	if (c.pid == 0) {
		struct error e;
		int fd = what == 'l' ? session_lock(path, &e)
				     : session_follow_mark(path, &e);
		char b = fd >= 0 ? 'y' : 'n';
		if (write(ready[1], &b, 1) != 1 || read(go[0], &b, 1) != 1)
			_exit(1);
		if (what == 'l')
			session_unlock(fd, path);
		else
			session_follow_unmark(fd, path);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	char b = 0;
	assert_int_equal(read(ready[0], &b, 1), 1);
	close(ready[0]);
	assert_int_equal(b, 'y');
	return c;
}

static void let_go(struct child *c)
{
	int status;
	assert_int_equal(write(c->go, "x", 1), 1);
	assert_int_equal(waitpid(c->pid, &status, 0), c->pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(c->go);
}

static void kill_child(struct child *c)
{
	int status;
	kill(c->pid, SIGKILL);
	assert_int_equal(waitpid(c->pid, &status, 0), c->pid);
	close(c->go);
}

static void open_watch(struct session_watch *w, const char *path)
{
	struct error err;
	if (session_watch_open(w, path, &err) != 0)
		fail_msg("%s", err.msg);
	assert_true(w->fd >= 0);
}

/* ---- tests ---------------------------------------------------------------- */

static void test_save_is_told(void **state)
{
	(void)state;
	const char *path = in_dir("a.session");
	write_file(path, "x");
	struct session_watch w;
	open_watch(&w, path);
	assert_int_equal(session_watch_read(&w), 0);
	save(path);
	assert_int_equal(session_watch_read(&w), SESSION_WATCH_SAVED);
	/* Read once, told once. */
	assert_int_equal(session_watch_read(&w), 0);
	session_watch_close(&w);
	assert_int_equal(w.fd, -1);
}

/* Other sessions' saves, and anyone reading ours, are no news. */
static void test_others_are_quiet(void **state)
{
	(void)state;
	const char *path = in_dir("a.session");
	write_file(path, "x");
	write_file(in_dir("a.session.lock"), "1\n");
	struct session_watch w;
	open_watch(&w, path);
	save(in_dir("b.session"));
	save(in_dir("a.session2"));
	save(in_dir("xa.session"));
	int fd = open(path, O_RDONLY);
	char buf[8];
	assert_true(read(fd, buf, sizeof buf) > 0);
	close(fd);
	assert_int_equal(session_lock_held(path), 0);
	assert_int_equal(session_followers(path), 0);
	assert_int_equal(session_watch_read(&w), 0);
	session_watch_close(&w);
}

static void test_lock_quit(void **state)
{
	(void)state;
	const char *path = in_dir("q.session");
	struct session_watch w;
	write_file(path, "x");
	open_watch(&w, path);
	assert_int_equal(session_lock_held(path), 0);
	struct child c = start_child(path, 'l');
	/* Taking the lock is no end; asking about it is no event. */
	session_watch_read(&w);
	assert_int_equal(session_lock_held(path), 1);
	assert_int_equal(session_watch_read(&w), 0);
	let_go(&c);
	assert_true(session_watch_read(&w) & SESSION_WATCH_LOCK);
	assert_int_equal(session_lock_held(path), 0);
	session_watch_close(&w);
}

/* A facilitator killed outright leaves its lock file: closing it tells. */
static void test_lock_killed(void **state)
{
	(void)state;
	const char *path = in_dir("k.session");
	struct session_watch w;
	write_file(path, "x");
	open_watch(&w, path);
	struct child c = start_child(path, 'l');
	session_watch_read(&w);
	kill_child(&c);
	assert_int_equal(access(in_dir("k.session.lock"), F_OK), 0);
	assert_true(session_watch_read(&w) & SESSION_WATCH_LOCK);
	assert_int_equal(session_lock_held(path), 0);
	session_watch_close(&w);
}

static void test_followers(void **state)
{
	(void)state;
	const char *path = in_dir("f.session");
	struct session_watch w;
	write_file(path, "x");
	open_watch(&w, path);
	assert_int_equal(session_followers(path), 0);
	struct child a = start_child(path, 'f');
	assert_true(session_watch_read(&w) & SESSION_WATCH_FOLLOWERS);
	assert_int_equal(session_followers(path), 1);
	struct child b = start_child(path, 'f');
	assert_true(session_watch_read(&w) & SESSION_WATCH_FOLLOWERS);
	assert_int_equal(session_followers(path), 2);
	/* Counting them is no event for anyone. */
	assert_int_equal(session_watch_read(&w), 0);
	let_go(&a);
	assert_true(session_watch_read(&w) & SESSION_WATCH_FOLLOWERS);
	assert_int_equal(session_followers(path), 1);
	char mark[200];
	snprintf(mark, sizeof mark, "%s.follow.%ld", path, (long)b.pid);
	kill_child(&b);
	/* The dead view's file stays, unlocked: it does not count. */
	assert_true(session_watch_read(&w) & SESSION_WATCH_FOLLOWERS);
	assert_int_equal(access(mark, F_OK), 0);
	assert_int_equal(session_followers(path), 0);
	/* The next view clears it away. */
	struct child c = start_child(path, 'f');
	assert_int_equal(access(mark, F_OK), -1);
	assert_int_equal(session_followers(path), 1);
	let_go(&c);
	assert_int_equal(session_followers(path), 0);
	session_watch_close(&w);
}

static void test_cannot_watch(void **state)
{
	(void)state;
	struct session_watch w;
	struct error err;
	assert_int_equal(session_watch_open(&w, in_dir("none/x.session"), &err),
			 -1);
	assert_int_equal(w.fd, -1);
	assert_non_null(strstr(err.msg, "cannot watch "));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	assert_int_equal(session_follow_mark(in_dir("none/x.session"), &err),
			 -1);
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	assert_int_equal(session_followers(in_dir("none/x.session")), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_save_is_told), T(test_others_are_quiet),
		T(test_lock_quit),    T(test_lock_killed),
		T(test_followers),    T(test_cannot_watch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
