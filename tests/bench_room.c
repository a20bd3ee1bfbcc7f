/*
 * bench_room: phones voting on the real handsup, in a pty through the
 * screen-test harness, with --listen on loopback and every phone on a
 * loopback address of its own, as every phone in a room has one.
 *
 * - 200 phones vote at once (200 connections, their requests written
 *   before any answer is read): the votes per second from the first
 *   request to the last answer, and every ballot counted exactly once,
 *   in the session file and on the screen;
 * - a vote's latency to the frame that shows it (median, p99);
 * - the wake-ups of an idle session with voting open and no phone.
 *
 * Prints figures; asserts nothing about time.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "phone_client.h"

#define PHONES	200
#define LATENCY 100
#define IDLE_S	3

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The session's code, from the one session file in dir. */
static bool read_code(const char *dir, char *code, size_t cap, int *ballots,
		      int *votes)
{
	char cmd[256], line[512];
	snprintf(cmd, sizeof cmd, "cat '%s'/*.session 2>/dev/null", dir);
	FILE *f = popen(cmd, "r");
	bool found = false;
	*ballots = *votes = 0;
	while (f && fgets(line, sizeof line, f)) {
		if (sscanf(line, "phones: %39s", code) == 1 &&
		    strlen(code) < cap)
			found = true;
		if (strncmp(line, "ballot: ", 8) == 0) {
			(*ballots)++;
			for (char *p = line; (p = strchr(p, '=')); p++)
				(*votes)++;
		}
	}
	if (f)
		pclose(f);
	return found;
}

/* Lets handsup draw while the phones wait: the pty is read meanwhile. */
static void pump(struct hs *h)
{
	hs_set_timeout(h, 1);
	hs_set_quiet(h, true);
	while (hs_wait_frame(h) >= 0)
		;
	hs_set_timeout(h, 5000);
}

/* One vote's request, written whole; the socket, or -1. */
static int send_vote(struct phone *p, int view)
{
	char req[512];
	char body[48];
	snprintf(body, sizeof body, "item=1&round=1&view=%d", view);
	int n = snprintf(req, sizeof req,
			 "POST /%s/vote HTTP/1.1\r\nHost: %s:%d\r\n"
			 "Connection: close\r\nCookie: %s\r\n"
			 "Content-Type: application/x-www-form-urlencoded\r\n"
			 "Content-Length: %zu\r\n\r\n%s",
			 p->code, p->host, p->port, p->cookie, strlen(body),
			 body);
	int fd = phone_dial(p);
	if (fd < 0 || write(fd, req, (size_t)n) != n) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* 200 votes at once; the votes per second, or -1. */
static double all_at_once(struct hs *h, struct phone *ph, int *ok)
{
	struct pollfd pf[PHONES];
	char buf[PHONES][64];
	size_t got[PHONES] = {0};
	double t0 = now();
	for (int i = 0; i < PHONES; i++) {
		pf[i] = (struct pollfd){send_vote(&ph[i], 1 + i % 2), POLLIN,
					0};
		if (pf[i].fd < 0)
			return -1;
		fcntl(pf[i].fd, F_SETFL, O_NONBLOCK);
	}
	int open = PHONES;
	*ok = 0;
	while (open > 0) {
		if (poll(pf, PHONES, 2) < 0 && errno != EINTR)
			return -1;
		for (int i = 0; i < PHONES; i++) {
			if (pf[i].fd < 0 ||
			    !(pf[i].revents & (POLLIN | POLLHUP)))
				continue;
			char *at = buf[i] + got[i];
			size_t room = sizeof buf[i] - 1 - got[i];
			char spill[512];
			/* The status line is all that is kept. */
			ssize_t n = read(pf[i].fd, room ? at : spill,
					 room ? room : sizeof spill);
			if (n > 0) {
				got[i] += room ? (size_t)n : 0;
				continue;
			}
			buf[i][got[i]] = '\0';
			*ok += strncmp(buf[i], "HTTP/1.1 303", 12) == 0;
			close(pf[i].fd);
			pf[i].fd = -1;
			open--;
		}
		pump(h);
	}
	return PHONES / (now() - t0);
}

/*
 * A vote's send to the frame that shows it, LATENCY times, each by
 * another phone (one phone voting a hundred times would be held to
 * its request rate).
 */
static void latency(struct hs *h, struct phone *ph)
{
	static double ms[LATENCY];
	for (int i = 0; i < LATENCY; i++) {
		double t0 = now();
		if (phone_vote(&ph[i % PHONES], 1, 1, 2 - i % 2) != 303 ||
		    hs_wait_frame(h) < 0) {
			fprintf(stderr, "vote %d was not answered or drawn\n",
				i);
			return;
		}
		ms[i] = (now() - t0) * 1e3;
	}
	qsort(ms, LATENCY, sizeof *ms, cmp_double);
	printf("  %-34s median %7.3f ms   p99 %7.3f ms\n",
	       "a phone's vote to its frame", ms[LATENCY / 2],
	       ms[LATENCY * 99 / 100]);
}

static long switches(int pid)
{
	char path[64], line[256];
	long n = -1;
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1)
			break;
	if (f)
		fclose(f);
	return n;
}

int main(void)
{
	char dir[] = "/tmp/handsup-bench-room-XXXXXX", env_state[96];
	char listen[32], code[40];
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(env_state, sizeof env_state, "HANDSUP_STATE_DIR=%s", dir);
	snprintf(listen, sizeof listen, "127.0.0.1:%d", phone_free_port());
	const char *argv[] = {"handsup",  "--name", "bench room", "--no-groups",
			      "--listen", listen,   NULL};
	const char *env[] = {env_state, NULL};
	printf("handsup bench: phones in the room (loopback, pty)\n\n");
	struct hs *h = hs_start(24, 80, argv, env);
	int ballots, votes;
	if (!h || hs_wait_frame(h) < 0 ||
	    !read_code(dir, code, sizeof code, &ballots, &votes)) {
		fprintf(stderr, "handsup did not open voting\n");
		return 1;
	}
	long s0 = switches(hs_pid(h));
	sleep(IDLE_S);
	printf("  %-34s %7ld\n", "wake-ups, 3 s idle, phones open",
	       switches(hs_pid(h)) - s0);
	hs_key(h, HS_KEY_RIGHT);
	static struct phone ph[PHONES];
	for (int i = 0; i < PHONES; i++) {
		snprintf(ph[i].from, sizeof ph[i].from, "127.0.%d.%d",
			 1 + i / 200, 1 + i % 200);
		snprintf(ph[i].host, sizeof ph[i].host, "127.0.0.1");
		ph[i].port = atoi(strchr(listen, ':') + 1);
		snprintf(ph[i].code, sizeof ph[i].code, "%s", code);
		if (phone_join(&ph[i]) != 200) {
			fprintf(stderr, "phone %d could not join\n", i);
			return 1;
		}
		pump(h);
	}
	int ok;
	double rate = all_at_once(h, ph, &ok);
	pump(h);
	read_code(dir, code, sizeof code, &ballots, &votes);
	printf("  %-34s %7.0f votes/s   %d of %d saved (303)\n",
	       "200 phones voting at once", rate, ok, PHONES);
	printf("  %-34s %7d ballots, %d votes%s\n", "in the session file",
	       ballots, votes,
	       ballots == PHONES && votes == PHONES ? ", each counted once"
						    : "  WRONG");
	printf("  %-34s %7s\n", "on the screen",
	       hs_screen_contains(h, "200 phones + 0 hands")
		       ? "200 phones + 0 hands"
		       : "WRONG");
	latency(h, ph);
	hs_send(h, "q");
	hs_send(h, "y");
	hs_finish(h, NULL);
	hs_free(h);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 && ok == PHONES ? 0 : 1;
}
