/* Unit tests of file_read and deck_file: files on disk and the messages
 * about them. */
#include <fcntl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/error.h"
#include "base/file.h"
#include "core/deck.h"
#include "store/deck_dir.h"
#include "store/deck_file.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/handsup-load-XXXXXX");
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
	static char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void expect_fail(const char *path, int line, const char *msg)
{
	struct deck d;
	struct error e;

	assert_int_equal(deck_file_load(path, &d, &e), -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(e.line, line);
	assert_null(d.title);
	deck_free(&d);
}

static void test_good_file(void **state)
{
	const char *text = "title: T\n== H\n1: a\n2: b\n";
	const char *path = write_file("good.deck", text, strlen(text));
	struct deck d;
	struct error e;
	char *buf;
	size_t len;
	struct error err;

	(void)state;
	assert_int_equal(deck_file_load(path, &d, &e), 0);
	assert_int_equal(d.nitems, 1);
	/* The deck's identity in session files: the hash of its bytes. */
	assert_true(d.hash == deck_hash_bytes(text, strlen(text)));
	deck_free(&d);
	assert_int_equal(file_read(path, 100, &buf, &len, &err), 0);
	assert_int_equal(len, strlen(text));
	assert_string_equal(buf, text);
	free(buf);
	assert_int_equal(file_read(path, 10, &buf, &len, &err), -1);
	assert_string_equal(err.msg, "larger than 10 bytes");
	assert_int_equal(err.line, 0);
	assert_null(buf);
}

static void test_failures(void **state)
{
	char path[128];

	(void)state;
	expect_fail(dir, 0, "is a directory");
	snprintf(path, sizeof path, "%s/missing.deck", dir);
	expect_fail(path, 0, "no such file or directory");
	expect_fail("/dev/null", 0, "not a regular file");
	expect_fail(write_file("empty.deck", "", 0), 0, "no items");
	expect_fail(write_file("bin.deck", "title: T\n\0\1\2", 12), 0,
		    "binary file");
	expect_fail(write_file("bad.deck", "title: T\nfoo: x\n", 16), 2,
		    "unknown field 'foo'");
}

static void test_too_large(void **state)
{
	size_t n = DECK_MAX_BYTES + 1;
	char *big = malloc(n);

	(void)state;
	assert_non_null(big);
	memset(big, '#', n);
	expect_fail(write_file("big.deck", big, n), 0, "larger than 1 MiB");
	free(big);
}

static void test_permission(void **state)
{
	const char *path = write_file("locked.deck", "x", 1);

	(void)state;
	assert_int_equal(chmod(path, 0), 0);
	if (geteuid() == 0) {
		print_message("skipped: root reads a file of mode 0 anyway\n");
		skip();
	}
	expect_fail(path, 0, "permission denied");
}

/* Every error of a deck, then the file-level failures as one error. */
static void test_all_errors(void **state)
{
	static const char text[] = "title: T\nfoo: x\n== H\n1: a\n"
				   "bar\n== H\n1: a\n2: b\n";
	const char *path = write_file("many.deck", text, sizeof text - 1);
	struct error errs[DECK_MAX_ERRORS];
	struct deck d;
	char out[512];
	FILE *f;
	int n = -1;

	(void)state;
	assert_int_equal(
		deck_file_load_all(path, &d, errs, DECK_MAX_ERRORS, &n), -1);
	assert_int_equal(n, 3);
	assert_int_equal(errs[0].line, 2);
	assert_string_equal(errs[0].msg, "unknown field 'foo'");
	assert_int_equal(errs[1].line, 5);
	assert_int_equal(errs[2].line, 6);
	assert_string_equal(errs[2].msg,
			    "duplicate heading 'H' (first at line 3)");
	assert_null(d.items);
	f = fmemopen(out, sizeof out, "w");
	assert_non_null(f);
	for (int i = 0; i < n; i++) {
		/* Each error names its file, ready to print. */
		assert_string_equal(errs[i].file, path);
		errs[i].file = "many.deck";
		error_print(f, &errs[i]);
	}
	fclose(f);
	assert_string_equal(out, "many.deck:2: unknown field 'foo'\n"
				 "many.deck:5: expected 'field: value', "
				 "'== heading' or '# comment'\n"
				 "many.deck:6: duplicate heading 'H' "
				 "(first at line 3)\n");

	assert_int_equal(deck_file_load_all(dir, &d, errs, DECK_MAX_ERRORS, &n),
			 -1);
	assert_int_equal(n, 1);
	assert_int_equal(errs[0].line, 0);
	assert_string_equal(errs[0].msg, "is a directory");

	path = write_file("ok.deck", "title: T\n== H\n1: a\n2: b\n", 24);
	assert_int_equal(
		deck_file_load_all(path, &d, errs, DECK_MAX_ERRORS, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(d.nitems, 1);
	assert_true(d.hash ==
		    deck_hash_bytes("title: T\n== H\n1: a\n2: b\n", 24));
	deck_free(&d);
}

static void test_print_error(void **state)
{
	struct error e = {"a.deck", 3, "unknown field 'x'"};
	char out[256];
	FILE *f = fmemopen(out, sizeof out, "w");

	(void)state;
	assert_non_null(f);
	error_print(f, &e);
	e.file = "dir\x1b]0;pwned\a";
	e.line = 0;
	snprintf(e.msg, sizeof e.msg, "is a directory");
	error_print(f, &e);
	fclose(f);
	assert_string_equal(out, "a.deck:3: unknown field 'x'\n"
				 "dir\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD: "
				 "is a directory\n");
}

/* deck_dir_find(arg, in) gives want. */
static void expect_found(const char *arg, const char *in, const char *want)
{
	char *got = deck_dir_find(arg, in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/*
 * A deck named without a folder is looked up in the data folder, with
 * or without ".deck", only when no file of that name is here; a name
 * with a folder is never looked up.
 */
static void test_installed_decks(void **state)
{
	char data[128], want[256];

	(void)state;
	snprintf(data, sizeof data, "%s/data", dir);
	assert_int_equal(mkdir(data, 0700), 0);
	write_file("data/starter.deck", "x", 1);
	write_file("data/plain", "x", 1);
	write_file("data/twice", "x", 1);
	write_file("data/twice.deck", "x", 1);
	write_file("here.deck", "x", 1);

	snprintf(want, sizeof want, "%s/starter.deck", data);
	expect_found("starter", data, want);
	expect_found("starter.deck", data, want);
	snprintf(want, sizeof want, "%s/plain", data);
	expect_found("plain", data, want);
	/* The name as given comes first. */
	snprintf(want, sizeof want, "%s/twice", data);
	expect_found("twice", data, want);
	expect_found("none", data, "none");
	expect_found("none.deck", data, "none.deck");
	expect_found("./starter", data, "./starter");
	expect_found("sub/starter", data, "sub/starter");
	expect_found("", data, "");
	expect_found("starter", "/nonexistent", "starter");

	/* A file here of that name wins over the installed one. */
	int here = open(".", O_RDONLY | O_DIRECTORY);
	assert_true(here >= 0);
	assert_int_equal(chdir(dir), 0);
	write_file("starter", "x", 1);
	expect_found("starter", data, "starter");
	expect_found("here.deck", data, "here.deck");
	assert_int_equal(fchdir(here), 0);
	close(here);
}

/* $HANDSUP_DATADIR, when set and not empty, moves the data folder. */
static void test_data_folder(void **state)
{
	(void)state;
	assert_int_equal(unsetenv("HANDSUP_DATADIR"), 0);
	const char *built = deck_dir();
	assert_true(built[0] == '/');
	assert_int_equal(setenv("HANDSUP_DATADIR", "/tmp/decks here", 1), 0);
	assert_string_equal(deck_dir(), "/tmp/decks here");
	assert_int_equal(setenv("HANDSUP_DATADIR", "", 1), 0);
	assert_string_equal(deck_dir(), built);
	unsetenv("HANDSUP_DATADIR");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_permission),
		cmocka_unit_test(test_all_errors),
		cmocka_unit_test(test_print_error),
		cmocka_unit_test(test_installed_decks),
		cmocka_unit_test(test_data_folder),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
