/*
 * Replays a fuzz target's saved inputs as ordinary tests, so every seed
 * and every past crash is checked by "make check" with any compiler.
 *
 * Linked with one tests/fuzz/fuzz_NAME.c, the program is named
 * replay_NAME; it replays tests/fuzz/corpus/NAME/ and the crash inputs
 * tests/fuzz/crashes/NAME-*.  A folder given as an argument replaces the
 * corpus folder.  Run it from the top of the source tree.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUTS 4096

struct input {
	char path[512];
};

static struct input inputs[MAX_INPUTS];
static struct CMUnitTest tests[MAX_INPUTS];
static size_t ninputs;

static void replay_one(void **state)
{
	const char *path = *state;
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	/* An exact-size copy, so that a read past the end is caught by
	 * the sanitizers as it would be under libFuzzer. */
	buf = malloc(size > 0 ? (size_t)size : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)size);
	free(buf);
}

static void no_inputs(void **state)
{
	(void)state;
	fail_msg("no inputs found; run from the top of the source tree");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct input *)a)->path,
		      ((const struct input *)b)->path);
}

/* Adds the regular files in dir whose names start with prefix. */
static void collect(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) && ninputs < MAX_INPUTS) {
		struct input *in = &inputs[ninputs];
		struct stat st;
		int n;

		if (e->d_name[0] == '.' ||
		    strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		n = snprintf(in->path, sizeof in->path, "%s/%s", dir,
			     e->d_name);
		if (n < 0 || (size_t)n >= sizeof in->path)
			continue;
		if (stat(in->path, &st) == 0 && S_ISREG(st.st_mode))
			ninputs++;
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	char name[64], corpus[256], prefix[80];

	base = base ? base + 1 : argv[0];
	if (strncmp(base, "replay_", 7) == 0)
		base += 7;
	snprintf(name, sizeof name, "%s", base);
	snprintf(corpus, sizeof corpus, "tests/fuzz/corpus/%s", name);
	snprintf(prefix, sizeof prefix, "%s-", name);
	collect(argc > 1 ? argv[1] : corpus, "");
	collect("tests/fuzz/crashes", prefix);
	qsort(inputs, ninputs, sizeof inputs[0], by_name);
	for (size_t i = 0; i < ninputs; i++) {
		const char *slash = strrchr(inputs[i].path, '/');
		tests[i].name = slash ? slash + 1 : inputs[i].path;
		tests[i].test_func = replay_one;
		tests[i].initial_state = inputs[i].path;
	}
	if (ninputs == 0) {
		tests[0].name = "corpus";
		tests[0].test_func = no_inputs;
		ninputs = 1;
	}
	return _cmocka_run_group_tests(name, tests, ninputs, NULL, NULL);
}
