/*
 * Crash test with bursts: keys written all at once (a clicker's repeat,
 * a paste, a terminal that was busy) are applied together and saved once
 * before the frame that shows them.  Each round resumes the session,
 * writes up to sixty count keys in one go, waits for the next frame,
 * kills handsup with SIGKILL at once, and checks that every count that
 * frame showed is in the file, and nothing beyond the keys sent.
 *
 * HANDSUP_CRASH_SEED repeats a run, HANDSUP_CRASH_ROUNDS sets the number
 * of rounds (default 30).
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include "screen_util.h"

struct counts {
	long v[2];
};

static void read_shown(struct hs *h, struct counts *c)
{
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	if (su_read_chart(h, counts, pcts, SU_MAX_BARS) != 2) {
		hs_dump(h, "no chart");
		fail_msg("the item's chart is not on the screen");
	}
	c->v[0] = counts[0];
	c->v[1] = counts[1];
}

static void read_file(const char *dir, struct counts *c)
{
	struct session s;
	su_load(dir, &s);
	c->v[0] = tally_get(&s.tally, 0, 0);
	c->v[1] = tally_get(&s.tally, 0, 1);
	session_free(&s);
}

/* One round: a burst, one frame, a kill; the file against the frame. */
static void burst_and_kill(struct su_run *r, unsigned *seed,
			   struct counts *sent)
{
	struct hs *h = r->h;
	char keys[64];
	int n = 1 + (int)(rand_r(seed) % 60);
	for (int i = 0; i < n; i++) {
		int v = (int)(rand_r(seed) % 2);
		keys[i] = (char)('1' + v);
		sent->v[v]++;
	}
	keys[n] = '\0';
	assert_int_equal(hs_send(h, keys), 0);
	assert_int_not_equal(hs_wait_frame(h), -1);
	struct counts shown, file;
	read_shown(h, &shown);
	assert_int_equal(kill(hs_pid(h), SIGKILL), 0);
	int status = 0;
	hs_finish(h, &status);
	su_forget(r);
	read_file(r->dir, &file);
	for (int v = 0; v < 2; v++)
		if (file.v[v] < shown.v[v] || file.v[v] > sent->v[v])
			fail_msg("view %d: the last frame showed %ld, the file "
				 "holds %ld, %ld keys were sent",
				 v + 1, shown.v[v], file.v[v], sent->v[v]);
	/* What the file holds is where the next round starts. */
	*sent = file;
}

static void test_bursts_killed(void **state)
{
	(void)state;
	const char *e = getenv("HANDSUP_CRASH_SEED");
	unsigned seed = e && *e ? (unsigned)strtoul(e, NULL, 10)
				: (unsigned)time(NULL);
	e = getenv("HANDSUP_CRASH_ROUNDS");
	int rounds = e && *e ? atoi(e) : 30;
	printf("burst crash test: seed %u, %d rounds\n", seed, rounds);
	struct su_run r;
	struct hs *h = su_start_default(&r, 24, 80, NULL);
	su_press(h, HS_KEY_RIGHT);
	struct counts sent = {{0, 0}};
	for (int i = 0; i < rounds; i++) {
		if (i > 0) {
			char path[512];
			su_session_path(r.dir, path, sizeof path);
			const char *argv[] = {"handsup", "resume", path, NULL};
			su_launch(&r, 24, 80, argv, NULL);
			/* The resumed screen shows what the file holds. */
			struct counts shown;
			read_shown(r.h, &shown);
			assert_int_equal(shown.v[0], sent.v[0]);
			assert_int_equal(shown.v[1], sent.v[1]);
		}
		burst_and_kill(&r, &seed, &sent);
	}
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bursts_killed),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
