/*
 * What a count key costs the terminal, as a guard: the bytes the pty
 * receives per steady count key on item 1 (alternating views, once the
 * layout holds), and the write() calls per frame.  Bytes and calls are
 * counts, not times, so they hold on any machine; make bench prints the
 * same figures beside the floor's.  The limits are the target
 * where it is met (four groups at 80x24) and otherwise the figure of
 * this build with a margin, so that a change that sends more is seen.
 */
#include "screen_util.h"

#define STEADY 50

/* A counter of /proc/PID/io, or -1. */
static long io_count(int pid, const char *key)
{
	char path[64], line[128];
	long n = -1;
	snprintf(path, sizeof path, "/proc/%d/io", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, strlen(key)) == 0)
			n = strtol(line + strlen(key), NULL, 10);
	fclose(f);
	return n;
}

static void steady(struct hs *h, double *bytes, double *writes)
{
	su_press(h, HS_KEY_RIGHT);
	for (int i = 0; i < 40; i++)
		su_press(h, i < 20 ? '1' : '2');
	unsigned long long b0 = hs_bytes(h);
	long w0 = io_count(hs_pid(h), "syscw:");
	for (int i = 0; i < STEADY; i++)
		su_press(h, i % 2 ? '1' : '2');
	long w1 = io_count(hs_pid(h), "syscw:");
	*bytes = (double)(hs_bytes(h) - b0) / STEADY;
	/* Less the frame counter's write and the save's, one each a key. */
	*writes = w0 < 0 || w1 < 0 ? 1 : (double)(w1 - w0) / STEADY - 2;
}

static void check(const char *what, double bytes, double most,
		  double writes)
{
	printf("  %s: %.1f bytes per count key, %.1f writes per frame\n",
	       what, bytes, writes);
	if (bytes > most)
		fail_msg("%s: %.1f bytes per count key, at most %.0f expected",
			 what, bytes, most);
	if (writes > 1.0)
		fail_msg("%s: %.1f write() calls per frame, 1 expected", what,
			 writes);
}

static void test_count_key_no_groups(void **state)
{
	(void)state;
	struct su_run r;
	double bytes, writes;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	steady(h, &bytes, &writes);
	check("80x24", bytes, 800, writes);
	su_quit(&r);
	su_end(&r);
	h = su_start_default(&r, 48, 160, NULL);
	steady(h, &bytes, &writes);
	check("160x48", bytes, 3800, writes);
	su_quit(&r);
	su_end(&r);
}

static void test_count_key_four_groups(void **state)
{
	(void)state;
	struct su_run r;
	double bytes, writes;
	static const char *const argv[] = {"handsup", "--name", "bytes",
					   NULL};
	struct hs *h = su_start(&r, 24, 80, argv, NULL);
	steady(h, &bytes, &writes);
	check("80x24, four groups", bytes, 600, writes);
	su_quit(&r);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_key_no_groups),
		cmocka_unit_test(test_count_key_four_groups),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
