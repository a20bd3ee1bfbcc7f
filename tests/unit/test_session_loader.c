/*
 * Tests of the session loader that a report reads its files with, and of
 * file_read_buf under it: one buffer kept from file to file, larger and
 * smaller files in any order, the same refusals and messages as
 * session_load, and the identity that tells a file named twice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"
#include "core/session.h"
#include "store/session_file.h"
#include "session_same.h"
#include "unit_util.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/handsup-loader-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *data, size_t len)
{
	static char path[4][128];
	static int turn;
	char *p = path[turn++ % 4];
	FILE *f;

	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return p;
}

/* Larger and smaller files through one buffer: each read whole. */
static void test_buffer_reused(void **state)
{
	(void)state;
	static char big[100000];
	struct file_buf b = {NULL, 0, 0};
	struct error err;

	memset(big, 'x', sizeof big);
	const char *pbig = write_file("big", big, sizeof big);
	const char *psmall = write_file("small", "abc", 3);
	const char *pempty = write_file("empty", "", 0);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(file_read_buf(psmall, 1000000, &b, NULL, &err),
				 0);
		assert_int_equal(b.len, 3);
		assert_string_equal(b.data, "abc");
		assert_int_equal(file_read_buf(pbig, 1000000, &b, NULL, &err),
				 0);
		assert_int_equal(b.len, sizeof big);
		assert_int_equal(b.data[sizeof big], '\0');
		assert_int_equal(file_read_buf(pempty, 10, &b, NULL, &err), 0);
		assert_int_equal(b.len, 0);
		assert_string_equal(b.data, "");
	}
	/* A buffer larger than the limit does not let a larger file in. */
	assert_int_equal(file_read_buf(pbig, 1000, &b, NULL, &err), -1);
	assert_string_equal(err.msg, "larger than 1000 bytes");
	assert_int_equal(b.len, 0);
	assert_int_equal(file_read_buf(dir, 1000, &b, NULL, &err), -1);
	assert_string_equal(err.msg, "is a directory");
	file_buf_free(&b);
	assert_null(b.data);
}

/* The identity of a file is the same under every name it has. */
static void test_identity(void **state)
{
	(void)state;
	struct file_buf b = {NULL, 0, 0};
	struct file_id x, y, z;
	struct error err;
	char link_path[160], dotted[160];
	const char *a = write_file("a", "one", 3);
	const char *other = write_file("b", "one", 3);

	snprintf(link_path, sizeof link_path, "%s/link", dir);
	snprintf(dotted, sizeof dotted, "%s/./a", dir);
	assert_int_equal(link(a, link_path), 0);
	assert_int_equal(file_read_buf(a, 100, &b, &x, &err), 0);
	assert_int_equal(file_read_buf(link_path, 100, &b, &y, &err), 0);
	assert_true(x.dev == y.dev && x.ino == y.ino);
	assert_int_equal(file_read_buf(dotted, 100, &b, &y, &err), 0);
	assert_true(x.dev == y.dev && x.ino == y.ino);
	assert_int_equal(file_read_buf(other, 100, &b, &z, &err), 0);
	assert_false(x.dev == z.dev && x.ino == z.ino);
	file_buf_free(&b);
}

/* Each sample session through one loader, twice over, reads as
 * session_load reads it. */
static void test_samples_as_session_load(void **state)
{
	(void)state;
	static const char *const names[] = {
		"article.session",  "globex.session",  "grouped.session",
		"grouped2.session", "hostile.session", "initech.session",
		"intl.session",	    "room.session",
	};
	char root[512], path[640];
	struct session_loader *l = session_loader_new();

	assert_non_null(l);
	unit_find_root(root, sizeof root, __FILE__,
		       "tests/unit/test_session_loader.c");
	for (int k = 0; k < 16; k++) {
		struct session want;
		const struct session *got;
		struct file_id id;
		struct error e1, e2;

		snprintf(path, sizeof path, "%s/tests/report/%s", root,
			 names[k % 8]);
		assert_int_equal(session_load(&want, path, &e1), 0);
		assert_int_equal(session_loader_read(l, path, &id, &e2), 0);
		assert_int_equal(session_loader_parse(l, &got, &e2), 0);
		assert_same_session(&want, got);
		session_free(&want);
	}
	session_loader_free(l);
}

/* What cannot be read or parsed says so as session_load does. */
static void test_errors_as_session_load(void **state)
{
	(void)state;
	char missing[160];
	const char *bad =
		write_file("bad.session", "handsup-session 2\nx\n", 20);
	struct session_loader *l = session_loader_new();
	struct session s;
	const struct session *got = NULL;
	struct file_id id;
	struct error e1, e2;

	assert_non_null(l);
	snprintf(missing, sizeof missing, "%s/missing.session", dir);
	assert_int_equal(session_load(&s, missing, &e1), -1);
	assert_int_equal(session_loader_read(l, missing, &id, &e2), -1);
	assert_string_equal(e1.msg, e2.msg);
	assert_int_equal(e1.line, e2.line);
	assert_ptr_equal(e2.file, missing);
	assert_int_equal(session_load(&s, bad, &e1), -1);
	assert_int_equal(session_loader_read(l, bad, &id, &e2), 0);
	assert_int_equal(session_loader_parse(l, &got, &e2), -1);
	assert_null(got);
	assert_string_equal(e1.msg, e2.msg);
	assert_int_equal(e1.line, e2.line);
	assert_ptr_equal(e2.file, bad);
	session_loader_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buffer_reused),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_samples_as_session_load),
		cmocka_unit_test(test_errors_as_session_load),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
