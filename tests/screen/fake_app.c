/*
 * A stand-in for handsup that follows the same screen-test protocol, so the
 * harness can be tested on its own: after each screen update it writes
 * "<frame>\n" to $HANDSUP_SYNC_FD.
 *
 * It shows the frame number, the name of the last key, the terminal size,
 * some environment, a line of wide characters and a line with attributes.
 * Keys: q quits properly, x exits without restoring the terminal, c
 * crashes (SIGSEGV), s is read but draws nothing.  Like handsup it waits
 * in one poll() over the keyboard and a self-pipe for SIGWINCH.  Arguments:
 * --fail prints an error and exits 2 before starting curses; --hang never
 * draws.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

static int sync_fd = -1;
static long frame;
static int winch_pipe[2];

static void on_winch(int sig)
{
	(void)sig;
	int saved = errno;
	ssize_t r = write(winch_pipe[1], "w", 1);
	(void)r;
	errno = saved;
}

static void sync_frame(void)
{
	if (sync_fd < 0)
		return;
	char line[32];
	int n = snprintf(line, sizeof line, "%ld\n", ++frame);
	for (int off = 0; off < n;) {
		ssize_t w = write(sync_fd, line + off, (size_t)(n - off));
		if (w < 0)
			return;
		off += (int)w;
	}
}

static const char *env_or(const char *name, const char *none)
{
	const char *v = getenv(name);
	return v ? v : none;
}

static void draw(const char *key)
{
	erase();
	mvprintw(0, 0, "frame %ld", frame + 1);
	mvprintw(1, 0, "key: %s", key);
	mvprintw(2, 0, "size: %dx%d", LINES, COLS);
	mvprintw(3, 0, "term: %s lc: %s env: %s", env_or("TERM", "-"),
		 env_or("LC_ALL", "-"), env_or("FAKE_ENV", "-"));
	mvaddstr(4, 0, "wide: \xe6\x97\xa5\xe6\x9c\xac|");
	move(5, 0);
	attron(A_BOLD);
	addstr("bold");
	attroff(A_BOLD);
	addstr(" ");
	attron(A_REVERSE);
	addstr("rev");
	attroff(A_REVERSE);
	addstr(" ");
	attron(COLOR_PAIR(1));
	addstr("red");
	attroff(COLOR_PAIR(1));
	mvaddstr(LINES - 1, 0, "bottom");
	refresh();
	sync_frame();
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	const char *fd = getenv("HANDSUP_SYNC_FD");
	if (fd)
		sync_fd = atoi(fd);
	if (argc > 1 && !strcmp(argv[1], "--fail")) {
		fprintf(stderr, "fake_app: failing as asked\n");
		return 2;
	}
	if (argc > 1 && !strcmp(argv[1], "--hang")) {
		for (;;)
			poll(NULL, 0, -1);
	}

	/* Installed before initscr(), so curses leaves SIGWINCH to us. */
	if (pipe(winch_pipe) < 0 ||
	    fcntl(winch_pipe[0], F_SETFL, O_NONBLOCK) < 0 ||
	    fcntl(winch_pipe[1], F_SETFL, O_NONBLOCK) < 0)
		return 1;
	struct sigaction sa = {.sa_handler = on_winch};
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);

	initscr();
	cbreak();
	nodelay(stdscr, TRUE);
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (has_colors() && !getenv("NO_COLOR")) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
	}

	draw("none");
	for (;;) {
		/* One poll over keys and the resize pipe, as handsup does:
		 * curses' own SIGWINCH handling loses a resize that comes
		 * just before a blocking getch(). */
		struct pollfd fds[2] = {
			{.fd = 0, .events = POLLIN},
			{.fd = winch_pipe[0], .events = POLLIN}};
		if (poll(fds, 2, -1) < 0)
			continue;
		if (fds[1].revents) {
			char buf[64];
			while (read(winch_pipe[0], buf, sizeof buf) > 0)
				;
			struct winsize ws;
			if (ioctl(0, TIOCGWINSZ, &ws) == 0)
				resizeterm(ws.ws_row, ws.ws_col);
			draw("resize");
		}
		if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		const char *name = NULL;
		int c;
		while ((c = getch()) != ERR) {
			if (c == 'q')
				goto out;
			if (c == 'x')
				exit(3);
			if (c == 'c') {
				/* No core file: it would only slow the test. */
				struct rlimit none = {0, 0};
				setrlimit(RLIMIT_CORE, &none);
				signal(SIGSEGV, SIG_DFL);
				raise(SIGSEGV);
			}
			if (c != 's')
				name = c == KEY_RESIZE ? "resize" : keyname(c);
		}
		if (name)
			draw(name);
		if (fds[0].revents & (POLLHUP | POLLERR))
			break;
	}
out:
	endwin();
	return 0;
}
