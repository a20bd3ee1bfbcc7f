/*
 * The terminal side's figures: how long handsup takes to show its first
 * frame, to show a counted hand (key to frame, which includes the synced
 * save before the frame), to redraw after a resize, how much memory it
 * holds, how often it wakes while idle, with and without a running
 * discussion timer, and how soon an audience view shows a save.  Figures
 * only: nothing here passes or fails on time.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "saves.h"

#define KEYS	400
#define RESIZES 100

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void row(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	printf("  %-34s median %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", what,
	       ms[n / 2], ms[n * 99 / 100], ms[n - 1]);
}

/* The process's peak resident memory, from /proc (Linux), in KiB. */
static long peak_kib(int pid)
{
	char path[64], line[256];
	long kib = -1;
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* ---- the audience view ---------------------------------------------------- */

#define FOLLOW_KEYS 200

/* Waits until text is on h's screen; false if it never comes. */
static bool until_shown(struct hs *h, const char *text)
{
	while (!hs_screen_contains(h, text))
		if (hs_wait_frame(h) < 0)
			return false;
	return true;
}

/* Waits for the next session file renamed into place in the watched
 * folder (a save): its time, or -1. */
static double next_save(int in)
{
	char buf[4096]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		struct pollfd p = {in, POLLIN, 0};
		if (poll(&p, 1, 5000) != 1)
			return -1;
		double t = now();
		ssize_t n = read(in, buf, sizeof buf);
		for (char *q = buf; n > 0 && q < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)q;
			size_t len = ev->len ? strlen(ev->name) : 0;
			if (len > 8 && !strcmp(ev->name + len - 8, ".session"))
				return t;
			q += sizeof *ev + ev->len;
		}
	}
}

/* One hand counted by the facilitator; ms from key and from save to
 * the follower's frame.  0, or -1. */
static int follow_one(struct hs *fac, struct hs *fol, int in, int key,
		      double *from_key, double *from_save)
{
	char drain[4096];
	while (read(in, drain, sizeof drain) > 0)
		;
	double t0 = now();
	if (hs_send_key(fac, key) < 0)
		return -1;
	double saved = next_save(in);
	if (saved < 0 || hs_wait_frame(fol) < 0 || hs_wait_frame(fac) < 0)
		return -1;
	double t = now();
	*from_key = (t - t0) * 1e3;
	*from_save = (t - saved) * 1e3;
	return 0;
}

/*
 * The audience view's latency: a facilitator and a follower in one
 * state folder; for each hand counted, the time from the key, and from
 * the session file's rename into place (seen through inotify here), to
 * the follower's next frame.
 */
static int bench_follow(const char *dir, const char *const env[])
{
	const char *fac_argv[] = {"handsup", "--name", "follow bench", NULL};
	const char *fol_argv[] = {"handsup", "follow", NULL};
	static double from_key[FOLLOW_KEYS], from_save[FOLLOW_KEYS];
	struct hs *fac = hs_start(24, 80, fac_argv, env);
	if (fac == NULL || hs_wait_frame(fac) < 0)
		return -1;
	struct hs *fol = hs_start(24, 80, fol_argv, env);
	if (fol == NULL || hs_wait_frame(fol) < 0 ||
	    !until_shown(fac, "AUDIENCE VIEW") ||
	    hs_key(fac, HS_KEY_RIGHT) < 0 || !until_shown(fol, "1 / 7"))
		return -1;
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in < 0 || inotify_add_watch(in, dir, IN_MOVED_TO) < 0)
		return -1;
	for (int i = 0; i < FOLLOW_KEYS; i++)
		if (follow_one(fac, fol, in, i % 2 ? '1' : '2', &from_key[i],
			       &from_save[i]) < 0)
			return -1;
	close(in);
	row("follow: save to follower's frame", from_save, FOLLOW_KEYS);
	row("follow: key to follower's frame", from_key, FOLLOW_KEYS);
	hs_send(fol, "q");
	hs_finish(fol, NULL);
	hs_free(fol);
	hs_send(fac, "q");
	hs_send(fac, "y");
	hs_finish(fac, NULL);
	hs_free(fac);
	return 0;
}

/* A counter of /proc/PID/FILE ("voluntary_ctxt_switches:", "wchar:"). */
static long proc_count(int pid, const char *file, const char *key)
{
	char path[64], line[256];
	long n = -1;
	size_t k = strlen(key);
	snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, k) == 0) {
			n = strtol(line + k, NULL, 10);
			break;
		}
	fclose(f);
	return n;
}

/*
 * How often handsup wakes while nobody touches it, over IDLE_S seconds
 * of the real clock: each sleep in poll() that ends is one voluntary
 * context switch, so their count is the number of wake-ups.  First with
 * the discussion timer stopped, then running; the bytes it wrote over
 * the running stretch (terminal output and the frame counter) show
 * that a tick sends only the timer's cells.
 */
#define IDLE_S 3
static int wakeups(const char *dir)
{
	char env_state[96];
	snprintf(env_state, sizeof env_state, "HANDSUP_STATE_DIR=%s", dir);
	const char *argv[] = {"handsup", "--name", "bench timer",
			      "--timer", "2m",	   NULL};
	const char *env[] = {env_state, NULL};
	struct hs *h = hs_start(24, 80, argv, env);
	if (h == NULL || hs_wait_frame(h) < 0 || hs_key(h, HS_KEY_RIGHT) < 0)
		return 1;
	int pid = hs_pid(h);
	const char *sw = "voluntary_ctxt_switches:";
	/* For scale: every cell of the screen sent again (Ctrl-L). */
	long w0 = proc_count(pid, "io", "wchar:");
	if (hs_key(h, HS_CTRL('l')) < 0)
		return 1;
	long w1 = proc_count(pid, "io", "wchar:");
	/* Time to go back to sleep after the frame, which is no wake-up. */
	usleep(500 * 1000);
	long s0 = proc_count(pid, "status", sw);
	sleep(IDLE_S);
	long s1 = proc_count(pid, "status", sw);
	if (hs_key(h, 'd') < 0)
		return 1;
	/* Half a second out of step with the ticks, so that the stretch
	 * holds three of them, not two or three by chance. */
	usleep(500 * 1000);
	long s2 = proc_count(pid, "status", sw);
	long w2 = proc_count(pid, "io", "wchar:");
	sleep(IDLE_S);
	long s3 = proc_count(pid, "status", sw);
	long w3 = proc_count(pid, "io", "wchar:");
	printf("  %-34s %7ld\n", "wake-ups, 3 s idle, timer stopped", s1 - s0);
	printf("  %-34s %7ld\n", "wake-ups, 3 s idle, timer running", s3 - s2);
	if (w2 >= 0 && w3 >= 0 && s3 > s2)
		printf("  %-34s %7.1f bytes\n", "written per timer tick",
		       (double)(w3 - w2) / (double)(s3 - s2));
	if (w0 >= 0 && w1 >= 0)
		printf("  %-34s %7ld bytes\n", "written for a full repaint",
		       w1 - w0);
	hs_send(h, "q");
	hs_send(h, "y");
	hs_finish(h, NULL);
	hs_free(h);
	return 0;
}

/* ---- beside the floor --------------------------------------------------- */

#define STARTS 15
#define STEADY 50
#define BURST  60

static const char *floor_bin(void)
{
	const char *f = getenv("HANDSUP_FLOOR_BIN");
	return f && *f ? f : "build/tests/bench_floor";
}

static void quit(struct hs *h, bool ask)
{
	hs_send(h, "q");
	if (ask)
		hs_send(h, "y");
	hs_finish(h, NULL);
	hs_free(h);
}

/* ms from start to the first frame, or -1. */
static double first_frame(const char *const argv[], const char *const env[],
			  int rows, int cols, bool ask)
{
	double t0 = now();
	struct hs *h = hs_start(rows, cols, argv, env);
	if (h == NULL || hs_wait_frame(h) < 0)
		return -1;
	double ms = (now() - t0) * 1e3;
	quit(h, ask);
	return ms;
}

/*
 * First frames of handsup and of the floor, started in turn so that a
 * noisy moment of the machine falls on both: the medians and their ratio.
 */
static void first_frames(const char *const env[], int rows, int cols)
{
	const char *hs_argv[] = {"handsup", "--name", "bench", "--no-groups",
				 NULL};
	const char *fl_argv[] = {floor_bin(), NULL};
	static double a[STARTS], b[STARTS];
	for (int i = 0; i < STARTS; i++) {
		a[i] = first_frame(hs_argv, env, rows, cols, true);
		b[i] = first_frame(fl_argv, env, rows, cols, false);
	}
	qsort(a, STARTS, sizeof *a, cmp_double);
	qsort(b, STARTS, sizeof *b, cmp_double);
	char what[64];
	snprintf(what, sizeof what, "first frame %dx%d", cols, rows);
	printf("  %-34s %7.3f ms   floor %7.3f ms   ratio %5.2f\n", what,
	       a[STARTS / 2], b[STARTS / 2], a[STARTS / 2] / b[STARTS / 2]);
}

struct steady {
	double bytes;  /* per key, as the pty received them */
	double writes; /* write() calls to the terminal per frame */
	long peak_kib;
};

/*
 * Steady count keys: item 1 (the floor has no items), warmed up until the
 * layout holds, then STEADY keys alternating between the two views, each
 * waited for.  write() calls to the terminal are /proc/PID/io's syscw,
 * less the frame counter's one per frame and, for handsup, the one of
 * each key's save (the session's text goes in one write).
 */
static int steady_keys(const char *const argv[], const char *const env[],
		       int rows, int cols, bool item, struct steady *out)
{
	struct hs *h = hs_start(rows, cols, argv, env);
	if (h == NULL || hs_wait_frame(h) < 0 ||
	    (item && hs_key(h, HS_KEY_RIGHT) < 0))
		return -1;
	for (int i = 0; i < 40; i++)
		if (hs_key(h, i < 20 ? '1' : '2') < 0)
			return -1;
	int pid = hs_pid(h);
	unsigned long long b0 = hs_bytes(h);
	long w0 = proc_count(pid, "io", "syscw:");
	for (int i = 0; i < STEADY; i++)
		if (hs_key(h, i % 2 ? '1' : '2') < 0)
			return -1;
	long w1 = proc_count(pid, "io", "syscw:");
	out->bytes = (double)(hs_bytes(h) - b0) / STEADY;
	out->writes = (double)(w1 - w0) / STEADY - 1 - item;
	out->peak_kib = peak_kib(pid);
	quit(h, item);
	return 0;
}

static int bench_bytes(const char *const env[])
{
	const char *nog[] = {"handsup", "--name", "bench", "--no-groups", NULL};
	const char *grp[] = {"handsup", "--name", "bench", NULL};
	const char *fl[] = {floor_bin(), NULL};
	struct steady f, a, b, g, fb;
	if (steady_keys(fl, env, 24, 80, false, &f) < 0 ||
	    steady_keys(fl, env, 48, 160, false, &fb) < 0 ||
	    steady_keys(nog, env, 24, 80, true, &a) < 0 ||
	    steady_keys(nog, env, 48, 160, true, &b) < 0 ||
	    steady_keys(grp, env, 24, 80, true, &g) < 0)
		return -1;
	printf("  %-34s %7.1f B   floor %6.1f B   writes/frame %4.1f\n",
	       "count key 80x24, no groups", a.bytes, f.bytes, a.writes);
	printf("  %-34s %7.1f B   floor %6.1f B   writes/frame %4.1f\n",
	       "count key 160x48, no groups", b.bytes, fb.bytes, b.writes);
	printf("  %-34s %7.1f B   writes/frame %4.1f\n",
	       "count key 80x24, four groups", g.bytes, g.writes);
	printf("  %-34s %7.1f      (floor's %4.1f)\n",
	       "  (write() calls per frame)", a.writes, f.writes);
	printf("  %-34s %7ld KiB floor %6ld KiB ratio %5.2f\n",
	       "peak memory 80x24", a.peak_kib, f.peak_kib,
	       (double)a.peak_kib / (double)f.peak_kib);
	return 0;
}

/* BURST count keys written at once: the saves and frames they cost. */
static int bench_burst(const char *dir, const char *const env[])
{
	const char *argv[] = {"handsup", "--name", "burst", "--no-groups",
			      NULL};
	struct hs *h = hs_start(24, 80, argv, env);
	if (h == NULL || hs_wait_frame(h) < 0 || hs_key(h, HS_KEY_RIGHT) < 0)
		return -1;
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in < 0 || inotify_add_watch(in, dir, IN_MOVED_TO | IN_CREATE) < 0)
		return -1;
	char keys[BURST + 1];
	memset(keys, '1', BURST);
	keys[BURST] = '\0';
	int frames = 0;
	if (hs_send(h, keys) < 0)
		return -1;
	while (!hs_screen_contains(h, "60 hands"))
		if (hs_wait_frame(h) < 0)
			return -1;
		else
			frames++;
	printf("  %-34s %7d saves, %d frames\n", "60 count keys at once",
	       saves_count(in), frames);
	close(in);
	quit(h, true);
	return 0;
}

/* Every figure that has the floor's beside it.  0, or 1. */
static int beside_floor(const char *dir, const char *const env[])
{
	printf("beside the floor (%s):\n", floor_bin());
	first_frames(env, 24, 80);
	first_frames(env, 48, 160);
	if (bench_bytes(env) < 0 || bench_burst(dir, env) < 0) {
		fprintf(stderr, "the floor's bench failed\n");
		return 1;
	}
	printf("\nhandsup alone:\n");
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/handsup-bench-ui-XXXXXX", env_state[96];
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(env_state, sizeof env_state, "HANDSUP_STATE_DIR=%s", dir);
	const char *argv[] = {"handsup", "--name", "bench", NULL};
	const char *env[] = {env_state, NULL};
	static double ms[KEYS];

	printf("handsup bench: the terminal side (pty + libvterm)\n\n");
	if (beside_floor(dir, env) != 0)
		return 1;
	double t0 = now();
	struct hs *h = hs_start(24, 80, argv, env);
	if (h == NULL || hs_wait_frame(h) < 0) {
		fprintf(stderr, "handsup did not start\n");
		return 1;
	}
	printf("  %-34s %7.3f ms\n", "start to first frame",
	       (now() - t0) * 1e3);
	hs_key(h, HS_KEY_RIGHT);
	for (int i = 0; i < KEYS; i++) {
		t0 = now();
		if (hs_key(h, i % 2 ? '1' : '2') < 0)
			return 1;
		ms[i] = (now() - t0) * 1e3;
	}
	row("a counted hand, key to frame", ms, KEYS);
	for (int i = 0; i < KEYS; i++) {
		t0 = now();
		if (hs_key(h, i % 2 ? HS_KEY_RIGHT : HS_KEY_LEFT) < 0)
			return 1;
		ms[i] = (now() - t0) * 1e3;
	}
	row("next / previous screen", ms, KEYS);
	for (int i = 0; i < RESIZES; i++) {
		t0 = now();
		if (hs_resize(h, i % 2 ? 24 : 48, i % 2 ? 80 : 160) < 0)
			return 1;
		ms[i] = (now() - t0) * 1e3;
	}
	row("resize 80x24 <-> 160x48", ms, RESIZES);
	printf("  %-34s %7ld KiB\n", "peak resident memory (handsup)",
	       peak_kib(hs_pid(h)));
	hs_send(h, "q");
	hs_send(h, "y");
	hs_finish(h, NULL);
	hs_free(h);
	if (bench_follow(dir, env) < 0) {
		fprintf(stderr, "the audience view's bench failed\n");
		return 1;
	}
	if (wakeups(dir) != 0)
		fprintf(stderr, "the wake-up count could not be taken\n");
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
