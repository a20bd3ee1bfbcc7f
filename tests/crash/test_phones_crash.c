/*
 * Crash test with phones: handsup is killed with SIGKILL while phones
 * vote, and every ballot a phone was told was saved (303) is in the
 * session file after the resume, as it was last acknowledged (or as the
 * one vote that was in flight at the kill).  The resumed session opens
 * voting again under the same code on the same port, so the phones go
 * on voting with their cookies.
 *
 * Each phone has its own loopback address, as each has its own in a
 * room.  The phones are a child process voting as fast as the server answers;
 * it writes "S phone view" before each vote and "A phone view" after
 * each 303 to a pipe.  HANDSUP_CRASH_SEED repeats a run,
 * HANDSUP_CRASH_ROUNDS sets the number of rounds (default 12).
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

#include "../phone_client.h"
#include "screen_util.h"

#define PHONES 24

struct expect {
	int acked[PHONES];    /* the last view acknowledged, 0 none */
	int flight[PHONES];   /* a vote sent and not answered, 0 none */
	long nacked, nflight; /* in all, for the run's last line */
};

/* The child: votes until the server stops answering. */
static void vote_until_killed(struct phone *ph, unsigned seed, int out)
{
	FILE *log = fdopen(out, "w");
	setvbuf(log, NULL, _IOLBF, 0);
	for (int n = 0; n < 100000; n++) {
		int i = (int)(rand_r(&seed) % PHONES);
		int view = 1 + (int)(rand_r(&seed) % 2);
		fprintf(log, "S %d %d\n", i, view);
		int st = phone_vote(&ph[i], 1, 1, view);
		if (st == 303)
			fprintf(log, "A %d %d\n", i, view);
		else if (st == 0)
			break;
		else if (st == 429) /* too fast for one phone: not applied */
			fprintf(log, "R %d %d\n", i, view);
		else
			fprintf(log, "X %d %d\n", i, st);
	}
	fclose(log);
	_exit(0);
}

/* Reads the child's log into what the file must hold. */
static void take_log(int in, struct expect *e)
{
	FILE *f = fdopen(in, "r");
	char kind;
	int i, v;
	while (fscanf(f, " %c %d %d", &kind, &i, &v) == 3) {
		assert_true(i >= 0 && i < PHONES);
		if (kind == 'S')
			e->flight[i] = v;
		else if (kind == 'A') {
			e->nacked++;
			e->acked[i] = v;
			e->flight[i] = 0;
		} else if (kind == 'R') {
			e->flight[i] = 0;
		} else {
			fail_msg("phone %d was refused with %d", i, v);
		}
	}
	for (i = 0; i < PHONES; i++)
		e->nflight += e->flight[i] != 0;
	fclose(f);
}

static void check_file(const char *dir, struct phone *ph, struct expect *e)
{
	struct session s;
	su_load(dir, &s);
	for (int i = 0; i < PHONES; i++) {
		const char *id = strchr(ph[i].cookie, '=');
		const struct ballot *b =
			id && s.ballots ? ballots_find(s.ballots, id + 1)
					: NULL;
		int got = b ? ballot_view(s.ballots, b, 0, 0) : 0;
		if (got != e->acked[i] &&
		    (e->flight[i] == 0 || got != e->flight[i]))
			fail_msg("phone %d: the file holds view %d, it was "
				 "told %d was saved (%d in flight)",
				 i, got, e->acked[i], e->flight[i]);
		/* What the file holds is what the next round starts from. */
		e->acked[i] = got;
		e->flight[i] = 0;
	}
	session_free(&s);
}

static void test_votes_killed(void **state)
{
	(void)state;
	const char *env = getenv("HANDSUP_CRASH_SEED");
	unsigned seed = env && *env ? (unsigned)strtoul(env, NULL, 10)
				    : (unsigned)time(NULL);
	env = getenv("HANDSUP_CRASH_ROUNDS");
	int rounds = env && *env ? atoi(env) : 12;
	printf("phones crash test: seed %u, %d rounds\n", seed, rounds);
	char listen[32], code[40] = "";
	snprintf(listen, sizeof listen, "127.0.0.1:%d", phone_free_port());
	struct su_run r;
	const char *argv[] = {"handsup",     "--name",	 "phones crash",
			      "--no-groups", "--listen", listen,
			      NULL};
	su_start(&r, 24, 80, argv, NULL);
	su_press(r.h, HS_KEY_RIGHT);
	struct phone ph[PHONES];
	struct expect e;
	memset(&e, 0, sizeof e);
	for (int round = 0; round < rounds; round++) {
		if (round > 0) {
			char path[512];
			su_session_path(r.dir, path, sizeof path);
			const char *again[] = {"handsup", "resume", "--listen",
					       listen,	  path,	    NULL};
			su_launch(&r, 24, 80, again, NULL);
		}
		struct session s;
		su_load(r.dir, &s);
		if (round == 0) {
			snprintf(code, sizeof code, "%s", s.phones);
			for (int i = 0; i < PHONES; i++) {
				memset(&ph[i], 0, sizeof ph[i]);
				snprintf(ph[i].from, sizeof ph[i].from,
					 "127.0.0.%d", 10 + i);
				snprintf(ph[i].host, sizeof ph[i].host,
					 "127.0.0.1");
				ph[i].port = atoi(strchr(listen, ':') + 1);
				snprintf(ph[i].code, sizeof ph[i].code, "%s",
					 code);
				assert_int_equal(phone_join(&ph[i]), 200);
			}
		}
		/* The same code after every resume: the phones keep going. */
		assert_string_equal(s.phones, code);
		session_free(&s);
		int p[2];
		assert_int_equal(pipe(p), 0);
		pid_t child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			close(p[0]);
			vote_until_killed(ph, seed + (unsigned)round, p[1]);
		}
		close(p[1]);
		/* Let some votes land, a few frames' worth, then kill. */
		int frames = 1 + (int)(rand_r(&seed) % 6);
		for (int k = 0; k < frames; k++)
			hs_wait_frame(r.h);
		assert_int_equal(kill(hs_pid(r.h), SIGKILL), 0);
		int status = 0;
		hs_finish(r.h, &status);
		su_forget(&r);
		waitpid(child, &status, 0);
		take_log(p[0], &e);
		check_file(r.dir, ph, &e);
	}
	printf("%ld votes acknowledged and found after a kill; %ld were in "
	       "flight at one\n",
	       e.nacked, e.nflight);
	/* A run in which no phone ever voted would prove nothing. */
	assert_true(e.nacked > 0);
	su_end(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_votes_killed),
	};
	return cmocka_run_group_tests(tests, NULL, su_cleanup);
}
