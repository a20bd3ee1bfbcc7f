/*
 * Screen-test harness: a child in a pty, its output in libvterm, and every
 * wait a poll() with a deadline.  See harness.h.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <vterm.h>

#define HS_DEFAULT_TIMEOUT_MS 5000
/* Without a pidfd, exit is noticed by checking this often. */
#define HS_REAP_SLICE_MS 20

struct hs {
	pid_t pid;
	int master;  /* pty master, non-blocking */
	int sync_rd; /* read end of the frame pipe */
	int pidfd;   /* readable when the child exits; -1 if unsupported */
	VTerm *vt;
	VTermScreen *vs;
	int rows, cols;
	int timeout_ms;
	bool quiet;

	long frame; /* newest frame number read from the pipe */
	long seen;  /* newest frame handed to the test */
	char line[32];
	size_t line_len;

	/* Bytes for the child: keys, and libvterm's answers to queries. */
	char *out;
	size_t out_len, out_cap;
	bool out_failed;

	/* libvterm's output goes here instead while probing its modes. */
	bool probing;
	char probe[64];
	size_t probe_len;

	/* The answer to "what is your background colour?" (OSC 11), or
	 * NULL to give none, as libvterm gives none; and the end of the
	 * last read, for a query split between two. */
	char *background;
	char tail[8];
	size_t tail_len;

	bool pty_eof, sync_eof, exited, killed;
	int status;

	/* Every byte the program wrote to the terminal, for the byte
	 * counts of tests/bench_ui.c and the screen tests that guard them. */
	unsigned long long bytes_in;

	bool altscreen, cursor_visible;
	int mouse;
	int bells; /* BEL characters the program sent */

	char *err;
	char *problem;
};

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		abort();
	return p;
}

static char *vformat(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		abort();
	char *s = malloc((size_t)n + 1);
	if (!s)
		abort();
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

static long long now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		abort();
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "wait status 0x%x", (unsigned)status);
}

static void set_error(struct hs *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records why a wait failed, with the screen, since that is what explains
 * most failures: an error message, a different screen than expected. */
static void set_error(struct hs *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *what = vformat(fmt, ap);
	va_end(ap);
	char state[128];
	if (h->exited)
		describe_status(h->status, state, sizeof state);
	else
		snprintf(state, sizeof state, "still running");
	char *screen = hs_screen_text(h);
	free(h->err);
	h->err = format("hs: pid %d: %s (%s; last frame %ld)\n"
			"---- screen %dx%d ----\n%s---- end of screen ----\n",
			(int)h->pid, what, state, h->frame, h->rows, h->cols,
			screen);
	free(screen);
	free(what);
	if (!h->quiet)
		fputs(h->err, stderr);
}

const char *hs_error(const struct hs *h)
{
	return h->err ? h->err : "";
}

/* ---- libvterm callbacks ------------------------------------------------ */

static void queue_out(struct hs *h, const char *bytes, size_t len)
{
	if (h->out_len + len > h->out_cap) {
		size_t cap = h->out_cap ? h->out_cap : 256;
		while (cap < h->out_len + len)
			cap *= 2;
		char *p = realloc(h->out, cap);
		if (!p)
			abort();
		h->out = p;
		h->out_cap = cap;
	}
	memcpy(h->out + h->out_len, bytes, len);
	h->out_len += len;
}

/* Called from inside vterm_input_write(), so it only queues: writing (and
 * waiting to write) happens in the pump. */
static void on_output(const char *s, size_t len, void *user)
{
	struct hs *h = user;
	if (h->probing) {
		size_t room = sizeof h->probe - h->probe_len;
		if (len > room)
			len = room;
		memcpy(h->probe + h->probe_len, s, len);
		h->probe_len += len;
		return;
	}
	queue_out(h, s, len);
}

static int on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct hs *h = user;
	switch (prop) {
	case VTERM_PROP_ALTSCREEN:
		h->altscreen = val->boolean;
		break;
	case VTERM_PROP_CURSORVISIBLE:
		h->cursor_visible = val->boolean;
		break;
	case VTERM_PROP_MOUSE:
		h->mouse = val->number;
		break;
	default:
		break;
	}
	/* Non-zero: accept the change, or libvterm's state ignores it. */
	return 1;
}

static int on_bell(void *user)
{
	((struct hs *)user)->bells++;
	return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
	.settermprop = on_settermprop,
	.bell = on_bell,
};

/* ---- the pump: one poll() over pty, frame pipe and exit ---------------- */

static void reap(struct hs *h, int options)
{
	if (h->exited)
		return;
	int status;
	pid_t r;
	do
		r = waitpid(h->pid, &status, options);
	while (r < 0 && errno == EINTR);
	if (r == h->pid) {
		h->exited = true;
		h->status = status;
	} else if (r < 0) {
		/* ECHILD: someone else reaped it; nothing more will come. */
		fprintf(stderr, "hs: waitpid %d: %s\n", (int)h->pid,
			strerror(errno));
		h->exited = true;
		h->status = 0;
	}
}

static void flush_out(struct hs *h);

/*
 * Answers the queries for the background colour in buf[0..n), as a
 * terminal would, before libvterm sees them: so the answer goes out
 * before libvterm's own answer to a device-attributes query after it.
 */
static void answer_background(struct hs *h, const char *buf, size_t n)
{
	static const char q[] = "\033]11;?";
	const size_t qn = sizeof q - 1;
	char scan[sizeof h->tail + 4096];
	memcpy(scan, h->tail, h->tail_len);
	size_t len = h->tail_len + n;
	memcpy(scan + h->tail_len, buf, n);
	for (size_t i = 0; i + qn <= len; i++)
		if (memcmp(scan + i, q, qn) == 0) {
			queue_out(h, "\033]11;", 5);
			queue_out(h, h->background, strlen(h->background));
			queue_out(h, "\033\\", 2);
		}
	/* Keep less than a whole query, so none is answered twice. */
	h->tail_len = len < qn - 1 ? len : qn - 1;
	memcpy(h->tail, scan + len - h->tail_len, h->tail_len);
}

void hs_answer_background(struct hs *h, const char *rgb)
{
	free(h->background);
	h->background = rgb ? xstrdup(rgb) : NULL;
}

/* Reads whatever the pty holds into libvterm; returns after EAGAIN or EOF. */
static void drain_pty(struct hs *h)
{
	char buf[4096];
	while (!h->pty_eof) {
		ssize_t n = read(h->master, buf, sizeof buf);
		if (n > 0) {
			h->bytes_in += (unsigned long long)n;
			if (h->background)
				answer_background(h, buf, (size_t)n);
			vterm_input_write(h->vt, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		/* EIO: every slave descriptor is closed; the child is gone. */
		if (n < 0 && errno != EIO)
			fprintf(stderr, "hs: read pty: %s\n", strerror(errno));
		h->pty_eof = true;
	}
	vterm_screen_flush_damage(h->vs);
	/* Answers to terminal queries go at once: a program may be waiting
	 * for one before it draws. */
	if (!h->pty_eof && h->out_len)
		flush_out(h);
}

static void take_frame_line(struct hs *h)
{
	h->line[h->line_len] = '\0';
	char *end;
	errno = 0;
	long n = strtol(h->line, &end, 10);
	if (errno == 0 && end != h->line && *end == '\0' && n > h->frame)
		h->frame = n;
	else if (errno != 0 || end == h->line || *end != '\0')
		fprintf(stderr, "hs: bad frame line \"%s\"\n", h->line);
	h->line_len = 0;
}

static void drain_sync(struct hs *h)
{
	char buf[256];
	while (!h->sync_eof) {
		ssize_t n = read(h->sync_rd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n <= 0) {
			if (n < 0)
				fprintf(stderr, "hs: read sync pipe: %s\n",
					strerror(errno));
			h->sync_eof = true;
			return;
		}
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				take_frame_line(h);
			else if (h->line_len < sizeof h->line - 1)
				h->line[h->line_len++] = buf[i];
		}
	}
}

static void flush_out(struct hs *h)
{
	while (h->out_len > 0) {
		ssize_t n = write(h->master, h->out, h->out_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0) {
			/* The child is gone; what it did not read is lost. */
			if (!h->exited)
				fprintf(stderr, "hs: write pty: %s\n",
					strerror(errno));
			h->out_failed = true;
			h->out_len = 0;
			return;
		}
		memmove(h->out, h->out + n, h->out_len - (size_t)n);
		h->out_len -= (size_t)n;
	}
}

/* The child has exited: everything it wrote is already in the pty and the
 * pipe, so take all of it now. */
static void on_exit_seen(struct hs *h)
{
	reap(h, 0);
	drain_sync(h);
	drain_pty(h);
}

/*
 * Waits once, up to timeout_ms, for anything to happen, and handles it:
 * reads pty output into libvterm (so the child never blocks on a full pty),
 * writes pending input, reads frame lines, notices exit.
 */
static void pump(struct hs *h, int timeout_ms)
{
	struct pollfd fds[3];
	int nfds = 0, i_pty = -1, i_sync = -1, i_pid = -1;

	if (!h->pty_eof) {
		i_pty = nfds;
		fds[nfds].fd = h->master;
		fds[nfds++].events = POLLIN | (h->out_len ? POLLOUT : 0);
	}
	if (!h->sync_eof) {
		i_sync = nfds;
		fds[nfds].fd = h->sync_rd;
		fds[nfds++].events = POLLIN;
	}
	if (!h->exited && h->pidfd >= 0) {
		i_pid = nfds;
		fds[nfds].fd = h->pidfd;
		fds[nfds++].events = POLLIN;
	}
	if (!h->exited && h->pidfd < 0 && timeout_ms > HS_REAP_SLICE_MS)
		timeout_ms = HS_REAP_SLICE_MS;

	int r = poll(fds, (nfds_t)nfds, timeout_ms);
	if (r < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "hs: poll: %s\n", strerror(errno));
			abort();
		}
		return;
	}
	if (i_sync >= 0 && fds[i_sync].revents)
		drain_sync(h);
	if (i_pty >= 0 && (fds[i_pty].revents & (POLLIN | POLLHUP | POLLERR)))
		drain_pty(h);
	if (i_pty >= 0 && (fds[i_pty].revents & POLLOUT))
		flush_out(h);
	if (i_pid >= 0 && fds[i_pid].revents)
		on_exit_seen(h);
	if (!h->exited && h->pidfd < 0) {
		reap(h, WNOHANG);
		if (h->exited)
			on_exit_seen(h);
	}
}

/* Pumps until the queued input is written; false at the deadline. */
static bool pump_out(struct hs *h, long long deadline)
{
	flush_out(h);
	while (h->out_len > 0 && !h->exited) {
		long long left = deadline - now_ms();
		if (left <= 0)
			return false;
		pump(h, (int)left);
	}
	return !h->exited || !h->out_failed;
}

/* ---- starting ---------------------------------------------------------- */

static const char *bin_path(const char *argv0)
{
	if (strchr(argv0, '/'))
		return argv0;
	const char *bin = getenv("HANDSUP_BIN");
	return bin && *bin ? bin : "./handsup";
}

static void child_fail(const char *what)
{
	/* stderr is the pty: the message lands on the screen for set_error. */
	fprintf(stderr, "hs child: %s: %s\r\n", what, strerror(errno));
	_exit(127);
}

/* Closes every descriptor above last (3, or 4 with an extra one). */
static void close_other_fds(int last)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)last + 1, ~0U, 0) == 0)
		return;
#endif
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = last + 1; fd < max; fd++)
		close(fd);
}

/* hs_start_fd's descriptor for the child's 4, during its hs_start. */
static int extra_fd = -1;

static void child_exec(const char *const argv[], const char *const env[],
		       int sync_wr)
{
	/* Descriptor 3 is free here (only 0-2 are the pty we must keep), and a
	 * fixed number keeps the environment the same in every run. */
	if (sync_wr != 3) {
		if (dup2(sync_wr, 3) < 0)
			child_fail("dup2 sync fd");
	} else {
		int fl = fcntl(3, F_GETFD);
		if (fl < 0 || fcntl(3, F_SETFD, fl & ~FD_CLOEXEC) < 0)
			child_fail("fcntl sync fd");
	}
	if (extra_fd >= 0 && dup2(extra_fd, 4) < 0)
		child_fail("dup2 extra fd");
	close_other_fds(extra_fd >= 0 ? 4 : 3);

	if (setenv("TERM", "xterm-256color", 1) ||
	    setenv("LC_ALL", "C.UTF-8", 1) || unsetenv("LINES") ||
	    unsetenv("COLUMNS") || setenv("HANDSUP_SYNC_FD", "3", 1))
		child_fail("setenv");
	for (size_t i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		if (!eq) {
			if (unsetenv(env[i]))
				child_fail("unsetenv");
			continue;
		}
		size_t klen = (size_t)(eq - env[i]);
		char key[256];
		if (klen == 0 || klen >= sizeof key) {
			errno = EINVAL;
			child_fail(env[i]);
		}
		memcpy(key, env[i], klen);
		key[klen] = '\0';
		if (setenv(key, eq + 1, 1))
			child_fail("setenv");
	}

	/* Signals the test process ignores or blocks would be inherited. */
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);

	const char *path = bin_path(argv[0]);
	size_t argc = 0;
	while (argv[argc])
		argc++;
	char **args = calloc(argc + 1, sizeof *args);
	if (!args)
		child_fail("calloc");
	args[0] = (char *)path;
	for (size_t i = 1; i < argc; i++)
		args[i] = (char *)argv[i];
	execv(path, args);
	child_fail(path);
}

static bool set_flags(int fd, int fl_add, int fd_add)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | fl_add) < 0)
		return false;
	int fdf = fcntl(fd, F_GETFD);
	return fdf >= 0 && fcntl(fd, F_SETFD, fdf | fd_add) >= 0;
}

/* Moves fd above 2: a test run with stdin closed gets a pipe end at 0,
 * which the child's pty would then replace. */
static bool above_stdio(int *fd)
{
	if (*fd > 2)
		return true;
	int moved = fcntl(*fd, F_DUPFD_CLOEXEC, 3);
	if (moved < 0)
		return false;
	close(*fd);
	*fd = moved;
	return true;
}

struct hs *hs_start(int rows, int cols, const char *const argv[],
		    const char *const env[])
{
	static const char *const default_argv[] = {"handsup", NULL};
	if (!argv || !argv[0])
		argv = default_argv;

	struct hs *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->master = h->sync_rd = h->pidfd = -1;
	h->rows = rows;
	h->cols = cols;
	h->cursor_visible = true;
	h->timeout_ms = HS_DEFAULT_TIMEOUT_MS;
	const char *t = getenv("HANDSUP_TIMEOUT_MS");
	if (t && atoi(t) > 0)
		h->timeout_ms = atoi(t);

	h->vt = vterm_new(rows, cols);
	if (!h->vt)
		abort();
	vterm_set_utf8(h->vt, 1);
	vterm_output_set_callback(h->vt, on_output, h);
	h->vs = vterm_obtain_screen(h->vt);
	/* Without a buffer for it, libvterm refuses the alternate screen and
	 * never reports it, so leaving it could not be checked. */
	vterm_screen_enable_altscreen(h->vs, 1);
	vterm_screen_set_callbacks(h->vs, &screen_callbacks, h);
	vterm_screen_reset(h->vs, 1);

	/* Both ends close-on-exec, so other children never hold the write
	 * end; the child clears the flag on its own copy. */
	int sync[2];
	if (pipe(sync) < 0) {
		fprintf(stderr, "hs: pipe: %s\n", strerror(errno));
		hs_free(h);
		return NULL;
	}
	if (!above_stdio(&sync[0]) || !above_stdio(&sync[1]) ||
	    !set_flags(sync[0], O_NONBLOCK, FD_CLOEXEC) ||
	    !set_flags(sync[1], 0, FD_CLOEXEC)) {
		fprintf(stderr, "hs: sync pipe: %s\n", strerror(errno));
		close(sync[0]);
		close(sync[1]);
		hs_free(h);
		return NULL;
	}
	h->sync_rd = sync[0];

	/* Flush so the child does not write the parent's buffered output. */
	fflush(NULL);
	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};
	h->pid = forkpty(&h->master, NULL, NULL, &ws);
	if (h->pid < 0) {
		fprintf(stderr, "hs: forkpty: %s\n", strerror(errno));
		close(sync[1]);
		hs_free(h);
		return NULL;
	}
	if (h->pid == 0)
		child_exec(argv, env, sync[1]);

	close(sync[1]);
	if (!set_flags(h->master, O_NONBLOCK, FD_CLOEXEC)) {
		fprintf(stderr, "hs: fcntl pty: %s\n", strerror(errno));
		hs_free(h);
		return NULL;
	}
#ifdef SYS_pidfd_open
	h->pidfd = (int)syscall(SYS_pidfd_open, h->pid, 0);
	if (h->pidfd >= 0 && !set_flags(h->pidfd, 0, FD_CLOEXEC)) {
		close(h->pidfd);
		h->pidfd = -1;
	}
#endif
	return h;
}

struct hs *hs_start_fd(int rows, int cols, const char *const argv[],
		       const char *const env[], int fd)
{
	/* Above 4, so that neither dup2 of the child overwrites it. */
	extra_fd = fcntl(fd, F_DUPFD_CLOEXEC, 5);
	if (extra_fd < 0) {
		fprintf(stderr, "hs: extra fd: %s\n", strerror(errno));
		return NULL;
	}
	struct hs *h = hs_start(rows, cols, argv, env);
	close(extra_fd);
	extra_fd = -1;
	return h;
}

int hs_bells(const struct hs *h)
{
	return h->bells;
}

void hs_set_timeout(struct hs *h, int ms)
{
	h->timeout_ms = ms > 0 ? ms : HS_DEFAULT_TIMEOUT_MS;
}

void hs_set_quiet(struct hs *h, bool quiet)
{
	h->quiet = quiet;
}

/* ---- waiting and typing ------------------------------------------------ */

int hs_wait_frame(struct hs *h)
{
	long long deadline = now_ms() + h->timeout_ms;
	long want = h->seen + 1;
	for (;;) {
		if (h->frame >= want) {
			/* The frame's output went to the pty before its line
			 * went to the pipe, so it is all readable now. */
			drain_pty(h);
			h->seen = h->frame;
			return (int)h->frame;
		}
		if (h->exited) {
			set_error(h, "exited while waiting for frame %ld",
				  want);
			return -1;
		}
		long long left = deadline - now_ms();
		if (left <= 0) {
			drain_pty(h);
			set_error(h, "no frame %ld within %d ms", want,
				  h->timeout_ms);
			return -1;
		}
		pump(h, (int)left);
	}
}

int hs_send(struct hs *h, const char *bytes)
{
	if (h->exited || h->master < 0) {
		set_error(h, "cannot send input: %s",
			  h->exited ? "exited" : "hung up");
		return -1;
	}
	queue_out(h, bytes, strlen(bytes));
	if (!pump_out(h, now_ms() + h->timeout_ms)) {
		set_error(h, "input not taken within %d ms", h->timeout_ms);
		return -1;
	}
	return 0;
}

int hs_keys(struct hs *h, const char *bytes)
{
	if (hs_send(h, bytes) < 0)
		return -1;
	return hs_wait_frame(h);
}

int hs_type(struct hs *h, const char *text)
{
	int frame = -1;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		/* One UTF-8 sequence at a time: the lead byte says how long. */
		size_t n = *p < 0xc0 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		char one[5] = {0};
		for (size_t i = 0; i < n && p[i]; i++)
			one[i] = (char)p[i];
		p += strlen(one);
		frame = hs_keys(h, one);
		if (frame < 0)
			return -1;
	}
	return frame;
}

static const struct {
	int key;
	VTermKey vkey;
	VTermModifier mod;
} key_map[] = {
	{HS_KEY_RIGHT, VTERM_KEY_RIGHT, VTERM_MOD_NONE},
	{HS_KEY_LEFT, VTERM_KEY_LEFT, VTERM_MOD_NONE},
	{HS_KEY_UP, VTERM_KEY_UP, VTERM_MOD_NONE},
	{HS_KEY_DOWN, VTERM_KEY_DOWN, VTERM_MOD_NONE},
	{HS_KEY_PGUP, VTERM_KEY_PAGEUP, VTERM_MOD_NONE},
	{HS_KEY_PGDN, VTERM_KEY_PAGEDOWN, VTERM_MOD_NONE},
	{HS_KEY_HOME, VTERM_KEY_HOME, VTERM_MOD_NONE},
	{HS_KEY_END, VTERM_KEY_END, VTERM_MOD_NONE},
	{HS_KEY_INSERT, VTERM_KEY_INS, VTERM_MOD_NONE},
	{HS_KEY_DELETE, VTERM_KEY_DEL, VTERM_MOD_NONE},
	{HS_KEY_ESC, VTERM_KEY_ESCAPE, VTERM_MOD_NONE},
	{HS_KEY_TAB, VTERM_KEY_TAB, VTERM_MOD_NONE},
	{HS_KEY_BTAB, VTERM_KEY_TAB, VTERM_MOD_SHIFT},
	{HS_KEY_ENTER, VTERM_KEY_ENTER, VTERM_MOD_NONE},
	{HS_KEY_BACKSPACE, VTERM_KEY_BACKSPACE, VTERM_MOD_NONE},
};

int hs_send_key(struct hs *h, int key)
{
	size_t before = h->out_len;
	if (key >= HS_KEY_F1 && key <= HS_KEY_F12) {
		vterm_keyboard_key(h->vt,
				   VTERM_KEY_FUNCTION(key - HS_KEY_F1 + 1),
				   VTERM_MOD_NONE);
	} else if (key >= 0 && key < 0x20) {
		char c = (char)key;
		queue_out(h, &c, 1);
	} else if (key >= 0x20 && key < HS_KEY_RIGHT) {
		vterm_keyboard_unichar(h->vt, (uint32_t)key, VTERM_MOD_NONE);
	} else {
		size_t i;
		for (i = 0; i < sizeof key_map / sizeof key_map[0]; i++)
			if (key_map[i].key == key)
				break;
		if (i == sizeof key_map / sizeof key_map[0]) {
			set_error(h, "unknown key %d", key);
			return -1;
		}
		vterm_keyboard_key(h->vt, key_map[i].vkey, key_map[i].mod);
	}
	if (h->out_len == before) {
		set_error(h, "libvterm sent nothing for key %d", key);
		return -1;
	}
	return hs_send(h, "");
}

int hs_key(struct hs *h, int key)
{
	if (hs_send_key(h, key) < 0)
		return -1;
	return hs_wait_frame(h);
}

int hs_resize(struct hs *h, int rows, int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows,
			     .ws_col = (unsigned short)cols};
	/* Take what the old size drew first, so libvterm applies it to the
	 * grid it was meant for. */
	drain_pty(h);
	if (ioctl(h->master, TIOCSWINSZ, &ws) < 0) {
		set_error(h, "TIOCSWINSZ: %s", strerror(errno));
		return -1;
	}
	vterm_set_size(h->vt, rows, cols);
	h->rows = rows;
	h->cols = cols;
	return hs_wait_frame(h);
}

int hs_rows(const struct hs *h)
{
	return h->rows;
}

int hs_cols(const struct hs *h)
{
	return h->cols;
}

/* ---- reading the grid -------------------------------------------------- */

static size_t put_utf8(char *dst, uint32_t c)
{
	if (c < 0x80) {
		dst[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		dst[0] = (char)(0xc0 | c >> 6);
		dst[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		dst[0] = (char)(0xe0 | c >> 12);
		dst[1] = (char)(0x80 | (c >> 6 & 0x3f));
		dst[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	dst[0] = (char)(0xf0 | c >> 18);
	dst[1] = (char)(0x80 | (c >> 12 & 0x3f));
	dst[2] = (char)(0x80 | (c >> 6 & 0x3f));
	dst[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* A cell's characters as UTF-8; "" for a blank or the right half of a wide
 * character (libvterm marks that half with (uint32_t)-1). */
static size_t cell_utf8(const VTermScreenCell *c, char *dst)
{
	size_t n = 0;
	if (c->chars[0] == (uint32_t)-1)
		return 0;
	for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && c->chars[i]; i++)
		if (c->chars[i] <= 0x10ffff)
			n += put_utf8(dst + n, c->chars[i]);
	return n;
}

static int color_of(const VTermColor *c, bool fg);

/*
 * A blank cell painted in a colour, its foreground the same as its
 * background: how handsup draws a bar or a pixel of large type.  The
 * text of the screen shows it as a full block, as the room sees it.
 */
static bool painted(const VTermScreenCell *c)
{
	if (c->chars[0] != 0 && c->chars[0] != ' ')
		return false;
	int fg = color_of(&c->fg, true), bg = color_of(&c->bg, false);
	return fg != HS_COLOR_DEFAULT && fg == bg;
}

/* A blank that is not painted: its background is what surrounds ink. */
static bool bare_blank(const VTermScreenCell *c)
{
	return (c->chars[0] == 0 || c->chars[0] == ' ') && !c->attrs.reverse &&
	       !painted(c);
}

/*
 * A lower half block whose upper half is the one in the colour of the
 * ink, as handsup draws the upper pixel of large type (a background
 * reaches the cell's top edge, where a glyph may not): in reverse video,
 * or with the colours the other way round, its glyph in the colour of
 * what surrounds the ink -- the background of the nearest bare blank in
 * the row (a gap between glyphs, or the space beside them).
 */
static bool upper_half(struct hs *h, int row, int col, const VTermScreenCell *c)
{
	if (c->chars[0] != 0x2584 || c->chars[1] != 0)
		return false;
	if (c->attrs.reverse)
		return true;
	int fg = color_of(&c->fg, true), bg = color_of(&c->bg, false);
	if (fg == HS_COLOR_DEFAULT || fg == bg)
		return false;
	for (int d = 1; d < h->cols; d++)
		for (int side = -1; side <= 1; side += 2) {
			VTermScreenCell n;
			VTermPos p = {.row = row, .col = col + side * d};
			if (p.col < 0 || p.col >= h->cols ||
			    !vterm_screen_get_cell(h->vs, p, &n) ||
			    !bare_blank(&n))
				continue;
			return color_of(&n.bg, false) == fg;
		}
	return false;
}

/*
 * Row text, trailing blanks trimmed; a painted cell is "█", an upper
 * half drawn as a reversed lower half is "▀".  If colmap is not NULL it gets, for
 * each byte, the screen column of the cell the byte belongs to.
 */
static char *row_text(struct hs *h, int row, int **colmap)
{
	size_t cap = (size_t)h->cols * VTERM_MAX_CHARS_PER_CELL * 4 + 1;
	char *s = malloc(cap);
	int *map = colmap ? malloc(cap * sizeof *map) : NULL;
	if (!s || (colmap && !map))
		abort();
	size_t len = 0, keep = 0;
	for (int col = 0; col < h->cols;) {
		VTermScreenCell cell;
		VTermPos pos = {.row = row, .col = col};
		if (!vterm_screen_get_cell(h->vs, pos, &cell))
			break;
		size_t n = cell_utf8(&cell, s + len);
		if (painted(&cell)) {
			memcpy(s + len, "█", 3);
			n = 3;
		} else if (upper_half(h, row, col, &cell)) {
			memcpy(s + len, "▀", 3);
			n = 3;
		} else if (n == 0 && cell.chars[0] != (uint32_t)-1) {
			s[len] = ' ';
			n = 1;
		}
		for (size_t i = 0; map && i < n; i++)
			map[len + i] = col;
		len += n;
		if (!(n == 1 && s[len - 1] == ' '))
			keep = len;
		col += cell.width > 1 ? cell.width : 1;
	}
	s[keep] = '\0';
	if (colmap)
		*colmap = map;
	return s;
}

char *hs_row_text(struct hs *h, int row)
{
	if (row < 0 || row >= h->rows)
		return NULL;
	return row_text(h, row, NULL);
}

char *hs_screen_text(struct hs *h)
{
	size_t cap = 1, len = 0;
	char **rows = calloc((size_t)h->rows, sizeof *rows);
	if (!rows)
		abort();
	for (int r = 0; r < h->rows; r++) {
		rows[r] = row_text(h, r, NULL);
		cap += strlen(rows[r]) + 1;
	}
	char *s = malloc(cap);
	if (!s)
		abort();
	for (int r = 0; r < h->rows; r++) {
		size_t n = strlen(rows[r]);
		memcpy(s + len, rows[r], n);
		len += n;
		s[len++] = '\n';
		free(rows[r]);
	}
	s[len] = '\0';
	free(rows);
	return s;
}

bool hs_find(struct hs *h, const char *needle, int *row, int *col)
{
	for (int r = 0; r < h->rows; r++) {
		int *map;
		char *s = row_text(h, r, &map);
		const char *hit = strstr(s, needle);
		if (hit) {
			if (row)
				*row = r;
			if (col)
				*col = *needle ? map[hit - s] : 0;
		}
		free(s);
		free(map);
		if (hit)
			return true;
	}
	return false;
}

int hs_row_find(struct hs *h, const char *needle)
{
	int row;
	return hs_find(h, needle, &row, NULL) ? row : -1;
}

bool hs_screen_contains(struct hs *h, const char *needle)
{
	return hs_find(h, needle, NULL, NULL);
}

void hs_dump(struct hs *h, const char *title)
{
	char *s = hs_screen_text(h);
	fprintf(stderr, "---- %s (%dx%d, frame %ld) ----\n%s---- end ----\n",
		title ? title : "screen", h->rows, h->cols, h->frame, s);
	free(s);
}

static int color_of(const VTermColor *c, bool is_fg)
{
	if (is_fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return HS_COLOR_DEFAULT;
	if (VTERM_COLOR_IS_INDEXED(c))
		return c->indexed.idx;
	return HS_COLOR_RGB(c->rgb.red, c->rgb.green, c->rgb.blue);
}

bool hs_cell(struct hs *h, int row, int col, struct hs_cell *cell)
{
	memset(cell, 0, sizeof *cell);
	if (row < 0 || row >= h->rows || col < 0 || col >= h->cols)
		return false;
	VTermScreenCell c;
	VTermPos pos = {.row = row, .col = col};
	if (!vterm_screen_get_cell(h->vs, pos, &c))
		return false;
	char buf[VTERM_MAX_CHARS_PER_CELL * 4 + 1];
	size_t n = cell_utf8(&c, buf);
	if (n >= sizeof cell->text)
		n = sizeof cell->text - 1;
	memcpy(cell->text, buf, n);
	cell->text[n] = '\0';
	if (!strcmp(cell->text, " "))
		cell->text[0] = '\0';
	cell->width = c.width;
	cell->bold = c.attrs.bold;
	cell->italic = c.attrs.italic;
	cell->blink = c.attrs.blink;
	cell->reverse = c.attrs.reverse;
	cell->strike = c.attrs.strike;
	cell->underline = (int)c.attrs.underline;
	cell->fg = color_of(&c.fg, true);
	cell->bg = color_of(&c.bg, false);
	return true;
}

bool hs_screen_has_color(struct hs *h)
{
	for (int r = 0; r < h->rows; r++)
		for (int c = 0; c < h->cols; c++) {
			struct hs_cell cell;
			if (hs_cell(h, r, c, &cell) &&
			    (cell.fg != HS_COLOR_DEFAULT ||
			     cell.bg != HS_COLOR_DEFAULT))
				return true;
		}
	return false;
}

/* ---- golden files ------------------------------------------------------ */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *s = malloc(cap);
	if (!s)
		abort();
	size_t n;
	while ((n = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			cap *= 2;
			char *p = realloc(s, cap);
			if (!p)
				abort();
			s = p;
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(s);
		return NULL;
	}
	s[len] = '\0';
	return s;
}

static bool write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	size_t len = strlen(text);
	bool ok = fwrite(text, 1, len, f) == len;
	if (fclose(f) != 0)
		ok = false;
	return ok;
}

/* The next line of *p, as a length; advances *p past its newline. */
static size_t next_line(const char **p, const char **start)
{
	*start = *p;
	const char *nl = strchr(*p, '\n');
	size_t n = nl ? (size_t)(nl - *p) : strlen(*p);
	*p += n + (nl ? 1 : 0);
	return n;
}

static char *diff_text(const char *golden_path, const char *actual_path,
		       const char *want, const char *got)
{
	enum { MAX_SHOWN = 6 };
	size_t cap = 1024, len = 0;
	char *s = malloc(cap);
	if (!s)
		abort();
	s[0] = '\0';
#define APPEND(...)                                                            \
	do {                                                                   \
		char *piece_ = format(__VA_ARGS__);                            \
		size_t n_ = strlen(piece_);                                    \
		while (len + n_ + 1 > cap) {                                   \
			cap *= 2;                                              \
			char *p_ = realloc(s, cap);                            \
			if (!p_)                                               \
				abort();                                       \
			s = p_;                                                \
		}                                                              \
		memcpy(s + len, piece_, n_ + 1);                               \
		len += n_;                                                     \
		free(piece_);                                                  \
	} while (0)

	APPEND("screen differs from %s (the actual screen is in %s;\n"
	       "set HANDSUP_UPDATE_GOLDEN=1 to accept it)\n",
	       golden_path, actual_path);
	const char *w = want, *g = got;
	int shown = 0, more = 0;
	for (int line = 1; *w || *g; line++) {
		const char *ws, *gs;
		size_t wn = next_line(&w, &ws), gn = next_line(&g, &gs);
		if (wn == gn && !memcmp(ws, gs, wn))
			continue;
		if (shown == MAX_SHOWN) {
			more++;
			continue;
		}
		shown++;
		APPEND("  line %d\n    expected |%.*s|\n    actual   |%.*s|\n",
		       line, (int)wn, ws, (int)gn, gs);
	}
	if (more)
		APPEND("  ... and %d more differing lines\n", more);
#undef APPEND
	return s;
}

int hs_compare_golden(struct hs *h, const char *name, char **diff)
{
	if (diff)
		*diff = NULL;
	const char *dir = getenv("HANDSUP_GOLDEN_DIR");
	if (!dir || !*dir)
		dir = "tests/screen/golden";
	char *golden = format("%s/%s.txt", dir, name);
	char *actual = format("%s/%s.actual", dir, name);
	char *got = hs_screen_text(h);
	int rc = 0;

	const char *update = getenv("HANDSUP_UPDATE_GOLDEN");
	if (update && !strcmp(update, "1")) {
		if (!write_file(golden, got)) {
			if (diff)
				*diff = format("cannot write %s: %s", golden,
					       strerror(errno));
			rc = -1;
		}
		unlink(actual);
		goto out;
	}
	char *want = read_file(golden);
	if (want && !strcmp(want, got)) {
		if (unlink(actual) < 0 && errno != ENOENT)
			fprintf(stderr, "hs: unlink %s: %s\n", actual,
				strerror(errno));
		free(want);
		goto out;
	}
	if (!want && errno != ENOENT) {
		if (diff)
			*diff = format("cannot read %s: %s", golden,
				       strerror(errno));
		rc = -1;
		goto out;
	}
	rc = 1;
	if (!write_file(actual, got))
		fprintf(stderr, "hs: cannot write %s: %s\n", actual,
			strerror(errno));
	if (diff)
		*diff = want ? diff_text(golden, actual, want, got)
			     : format("no golden file %s (the actual screen is "
				      "in %s; set HANDSUP_UPDATE_GOLDEN=1 to "
				      "create it)\n",
				      golden, actual);
	free(want);
out:
	free(got);
	free(golden);
	free(actual);
	return rc;
}

void hs_expect_golden(struct hs *h, const char *name)
{
	char *diff;
	int rc = hs_compare_golden(h, name, &diff);
	if (rc == 0)
		return;
	print_error("%s\n", diff ? diff : "golden compare failed");
	free(diff);
	fail();
}

/* ---- the end ----------------------------------------------------------- */

static void kill_and_reap(struct hs *h)
{
	if (h->exited)
		return;
	if (kill(h->pid, SIGKILL) < 0 && errno != ESRCH)
		fprintf(stderr, "hs: kill %d: %s\n", (int)h->pid,
			strerror(errno));
	h->killed = true;
	on_exit_seen(h);
}

void hs_hangup(struct hs *h)
{
	drain_pty(h);
	if (h->master >= 0 && close(h->master) < 0)
		fprintf(stderr, "hs: close pty: %s\n", strerror(errno));
	h->master = -1;
	h->pty_eof = true;
	h->out_len = 0;
}

int hs_finish(struct hs *h, int *status)
{
	long long deadline = now_ms() + h->timeout_ms;
	int rc = 0;
	while (!h->exited) {
		long long left = deadline - now_ms();
		if (left <= 0) {
			set_error(h, "did not exit within %d ms; killing it",
				  h->timeout_ms);
			kill_and_reap(h);
			rc = -1;
			break;
		}
		pump(h, (int)left);
	}
	/*
	 * What the child wrote last may reach the master a moment after
	 * it exits (the kernel hands pty output on from a work queue), so
	 * read until the end of the pty -- or, when a grandchild still
	 * holds it open, until nothing more comes for a while.
	 */
	long long until = now_ms() + 300;
	drain_pty(h);
	while (!h->pty_eof && now_ms() < until) {
		struct pollfd p = {h->master, POLLIN, 0};
		if (poll(&p, 1, (int)(until - now_ms())) <= 0)
			break;
		drain_pty(h);
	}
	if (status)
		*status = h->status;
	return rc < 0 ? -1 : h->status;
}

/* What libvterm would send for a key now: the way to see its keypad and
 * cursor-key modes, which it keeps no public property for. */
static void probe_key(struct hs *h, VTermKey key, char *buf, size_t len)
{
	h->probing = true;
	h->probe_len = 0;
	vterm_keyboard_key(h->vt, key, VTERM_MOD_NONE);
	h->probing = false;
	size_t n = h->probe_len < len - 1 ? h->probe_len : len - 1;
	memcpy(buf, h->probe, n);
	buf[n] = '\0';
}

const char *hs_restore_problem(struct hs *h)
{
	char up[16], kp[16];
	probe_key(h, VTERM_KEY_UP, up, sizeof up);
	probe_key(h, VTERM_KEY_KP_0, kp, sizeof kp);
	const char *what = "";
	if (h->altscreen)
		what = "still on the alternate screen";
	else if (!h->cursor_visible)
		what = "cursor hidden";
	else if (!strcmp(up, "\x1bOA"))
		what = "cursor keys left in application mode";
	else if (strcmp(kp, "0"))
		what = "keypad left in application mode";
	else if (h->mouse != VTERM_PROP_MOUSE_NONE)
		what = "mouse reporting left on";
	free(h->problem);
	h->problem = xstrdup(what);
	return h->problem;
}

bool hs_terminal_restored(struct hs *h)
{
	return !*hs_restore_problem(h);
}

bool hs_altscreen(const struct hs *h)
{
	return h->altscreen;
}

bool hs_running(const struct hs *h)
{
	return !h->exited;
}

bool hs_upper_half(struct hs *h, int row, int col)
{
	VTermScreenCell c;
	VTermPos pos = {.row = row, .col = col};
	if (row < 0 || row >= h->rows || col < 0 || col >= h->cols ||
	    !vterm_screen_get_cell(h->vs, pos, &c))
		return false;
	return upper_half(h, row, col, &c);
}

unsigned long long hs_bytes(const struct hs *h)
{
	return h->bytes_in;
}

int hs_pid(const struct hs *h)
{
	return (int)h->pid;
}

void hs_free(struct hs *h)
{
	if (!h)
		return;
	if (h->pid > 0)
		kill_and_reap(h);
	if (h->master >= 0)
		close(h->master);
	if (h->sync_rd >= 0)
		close(h->sync_rd);
	if (h->pidfd >= 0)
		close(h->pidfd);
	if (h->vt)
		vterm_free(h->vt);
	free(h->out);
	free(h->err);
	free(h->background);
	free(h->problem);
	free(h);
}
