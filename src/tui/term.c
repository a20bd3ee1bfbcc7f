/*
 * The terminal: start and stop, signals, the event loop, the frame
 * counter for tests.  Drawing is in draw.c.
 */
#include "tui/term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "base/error.h"
#include "base/termreply.h"
#include "base/text.h"
#include "tui/draw.h"
#include "tui/theme.h"

/* ---- terminal state ------------------------------------------------------ */

static SCREEN *screen;
static bool started;
static int sig_pipe[2] = {-1, -1};
static int sync_fd = -1;
static unsigned long frame;
static struct termios saved_tio;
static enum bars bars;
/* The background colour asked of the terminal, until DA1 answers. */
static bool asking;
static enum theme asked_for;
static struct termreply reply;
static bool have_tio;
/* Written by the fatal-signal handler, so prepared in advance. */
static char restore_seq[128];
static size_t restore_len;

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	if (sig_pipe[1] >= 0)
		(void)!write(sig_pipe[1], &b, 1);
	errno = saved;
}

static const int soft_sigs[] = {SIGWINCH, SIGINT,  SIGTERM,
				SIGHUP,	  SIGQUIT, SIGCONT};
static const int fatal_sigs[] = {SIGSEGV, SIGBUS,  SIGFPE, SIGILL,
				 SIGABRT, SIGXCPU, SIGSYS, SIGTRAP};
#define NSOFT  (sizeof soft_sigs / sizeof soft_sigs[0])
#define NFATAL (sizeof fatal_sigs / sizeof fatal_sigs[0])
/* What was there before us, put back on the way out (a sanitizer's
 * handler, for one, must still see a crash). */
static struct sigaction old_soft[NSOFT], old_fatal[NFATAL];

/* Puts the terminal back with async-signal-safe calls only, then dies. */
static void on_fatal(int sig)
{
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	if (restore_len)
		(void)!write(STDOUT_FILENO, restore_seq, restore_len);
	for (size_t i = 0; i < NFATAL; i++)
		if (fatal_sigs[i] == sig)
			sigaction(sig, &old_fatal[i], NULL);
	raise(sig);
}

static void add_restore(const char *cap)
{
	char *s = tigetstr((char *)cap);
	if (s == NULL || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < NSOFT; i++)
		sigaction(soft_sigs[i], &sa, &old_soft[i]);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < NFATAL; i++)
		sigaction(fatal_sigs[i], &sa, &old_fatal[i]);
}

static void restore_signals(void)
{
	for (size_t i = 0; i < NSOFT; i++)
		sigaction(soft_sigs[i], &old_soft[i], NULL);
	for (size_t i = 0; i < NFATAL; i++)
		sigaction(fatal_sigs[i], &old_fatal[i], NULL);
}

static void open_sync_fd(void)
{
	static bool probed;
	if (probed)
		return;
	probed = true;
	const char *s = getenv("HANDSUP_SYNC_FD");
	if (s == NULL || *s == '\0')
		return;
	char *end;
	long fd = strtol(s, &end, 10);
	if (*end == '\0' && fd > 2 && fd < 1024 &&
	    fcntl((int)fd, F_GETFD) != -1)
		sync_fd = (int)fd;
}

int term_check(struct error *err)
{
	const char *t = getenv("TERM");
	int found = 0;
	if (t == NULL || *t == '\0' ||
	    setupterm((char *)t, STDOUT_FILENO, &found) != OK) {
		error_set(err, 0, "cannot use terminal type '%s'%s",
			  t && *t ? t : "(unset)",
			  found == 0 ? ": it is not in the terminfo database"
				     : "");
		return -1;
	}
	/* A screen that cannot be redrawn in place would show a count
	 * long after it changed: refuse it rather than mislead. */
	char *cup = tigetstr((char *)"cup");
	bool can_move = cup != NULL && cup != (char *)-1;
	del_curterm(cur_term);
	if (!can_move) {
		error_set(err, 0,
			  "terminal type '%s' cannot move the cursor; "
			  "run handsup in a terminal that can (TERM such as "
			  "xterm-256color)",
			  t);
		return -1;
	}
	return 0;
}

/*
 * Asks for the background colour, then for the device attributes, which
 * every terminal answers: when that answer comes first there is no
 * colour to come, and nothing was waited for.  The first frame does not
 * wait either: a light answer redraws it.
 */
static void ask_background(void)
{
	static const char q[] = "\033]11;?\033\\\033[c";
	termreply_init(&reply);
	asking = fwrite(q, 1, sizeof q - 1, stdout) == sizeof q - 1 &&
		 fflush(stdout) == 0;
}

/*
 * A frame in one write.  ncurses buffers a frame and writes it at the end
 * of doupdate, but until its screen has once been suspended and resumed
 * it takes itself for a program that only moves the cursor and writes
 * out its buffer at every move: some twenty writes for a count key.
 * Suspending and resuming it at once (endwin, then an update, as after
 * a shell escape), before anything is drawn and before the modes are
 * set, leaves it in the state of a running screen.
 */
static void one_write_per_frame(void)
{
	endwin();
	doupdate();
}

/* The terminal's modes for the loop: keys at once, unechoed, no flow
 * control, cursor keys decoded, getch never waiting, no cursor. */
static void set_modes(void)
{
	one_write_per_frame();
	cbreak();
	/* Ctrl-S would freeze the screen while keys still count unseen. */
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
}

int term_start(const struct term_options *opts, struct error *err)
{
	bool ascii = opts->ascii || !text_utf8_codeset(nl_langinfo(CODESET));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		error_set(err, 0,
			  "standard input and output must be a terminal");
		return -1;
	}
	if (pipe(sig_pipe) != 0) {
		error_set(err, 0, "pipe: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
		fcntl(sig_pipe[i], F_SETFL, O_NONBLOCK);
	}
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	/* Our SIGWINCH handler goes in first so that ncurses keeps out. */
	install_signals();
	set_escdelay(25);
	/*
	 * The real size wins: LINES and COLUMNS go stale when a terminal is
	 * resized, and curses would believe them over the terminal.  (Not
	 * use_env(FALSE): that makes curses take terminfo's fixed size.)
	 */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		const char *t = getenv("TERM");
		error_set(err, 0, "cannot use terminal type '%s'",
			  t ? t : "(unset)");
		term_stop();
		return -1;
	}
	started = true;
	set_modes();
	const char *nc = getenv("NO_COLOR");
	enum theme th = opts->theme;
	if (th == THEME_AUTO && nc && *nc)
		th = THEME_MONO;
	asked_for = th;
	bars = opts->bars;
	draw_init(th, bars, ascii);
	/* Auto picks the theme by the answer; mono needs it for which of
	 * the terminal's colours is white (see theme_own_background). */
	if ((th == THEME_AUTO || draw_theme() == THEME_MONO) && has_colors())
		ask_background();
	add_restore("sgr0");
	add_restore("cnorm");
	add_restore("rmkx");
	add_restore("rmcup");
	open_sync_fd();
	return 0;
}

void term_stop(void)
{
	if (started) {
		endwin();
		delscreen(screen);
		screen = NULL;
		started = false;
	}
	if (sig_pipe[0] >= 0)
		restore_signals();
	for (int i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
	restore_len = 0;
}

int term_rows(void)
{
	return LINES;
}

int term_cols(void)
{
	return COLS;
}

/* ---- event loop ---------------------------------------------------------- */

static void apply_size(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

static void redraw(const struct term_handlers *h)
{
	erase();
	h->draw(h->ctx);
	wnoutrefresh(stdscr);
	doupdate();
	term_sync();
}

void term_sync(void)
{
	/* Prompts may come before the terminal is taken over. */
	open_sync_fd();
	if (sync_fd >= 0) {
		char buf[32];
		int n = snprintf(buf, sizeof buf, "%lu\n", ++frame);
		(void)!write(sync_fd, buf, (size_t)n);
	}
}

/* Reads the signals that arrived: true to redraw; *sig a signal to end on. */
static bool take_signals(int *sig)
{
	unsigned char sigs[16];
	ssize_t n;
	bool dirty = false;
	while ((n = read(sig_pipe[0], sigs, sizeof sigs)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (sigs[i] != SIGWINCH && sigs[i] != SIGCONT) {
				*sig = sigs[i];
				return dirty;
			}
			apply_size();
			dirty = true;
		}
	}
	return dirty;
}

/* Hands on the keys that the answer filter gave back: false to leave. */
static bool give_keys(const struct term_handlers *h)
{
	for (size_t i = 0; i < reply.nkeys; i++)
		if (!h->key(h->ctx, reply.keys[i]))
			return false;
	return true;
}

/*
 * Offers ch to the filter of the terminal's answers while one may come:
 * true when ch was taken (as an answer, or with the keys given back), 
 * *dirty when the theme changed, *leave when a key asked to.
 */
static bool take_answer(const struct term_handlers *h, int ch, bool *dirty,
			bool *leave)
{
	enum termreply_result r;
	while ((r = termreply_feed(&reply, ch)) == TERMREPLY_KEYS)
		if (!give_keys(h)) {
			*leave = true;
			return true;
		}
	if (r == TERMREPLY_BACKGROUND && reply.light) {
		theme_own_background(true);
		*dirty = asked_for == THEME_AUTO || draw_theme() == THEME_MONO;
		if (asked_for == THEME_AUTO)
			term_set_theme(THEME_LIGHT);
	}
	if (r == TERMREPLY_DA)
		asking = false;
	return r != TERMREPLY_KEY;
}

/* Reads every waiting key: -1 to leave, else whether any came. */
static int take_keys(const struct term_handlers *h)
{
	int ch, any = 0;
	bool dirty = false, leave = false;
	/* Keys first: a hand counted just before Ctrl-C must count. */
	while ((ch = getch()) != ERR) {
		if (ch == KEY_RESIZE) {
			apply_size();
			any = 1;
			continue;
		}
		if (asking && take_answer(h, ch, &dirty, &leave)) {
			if (leave)
				return -1;
			any |= dirty;
			continue;
		}
		any = 1;
		if (!h->key(h->ctx, ch))
			return -1;
	}
	if (asking && termreply_idle(&reply)) {
		any = 1;
		if (!give_keys(h))
			return -1;
	}
	return any;
}

/* A watch's timeout, -1 for none. */
static int watch_due(const struct term_handlers *h, int i)
{
	const struct term_watch *w = &h->watch[i];
	return w->fd >= 0 && w->wait_ms ? w->wait_ms(h->ctx) : -1;
}

/* The sooner of two timeouts, where -1 is never. */
static int sooner(int a, int b)
{
	return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/*
 * Offers the watched descriptors' events, and their timeouts when the
 * poll ended at due: false to leave.
 */
static bool take_watch(const struct term_handlers *h, const struct pollfd *p,
		       int np, bool timed_out, int due, bool *dirty)
{
	for (int i = 2; i < np; i++) {
		bool late = timed_out && due >= 0 &&
			    watch_due(h, i - 2) <= due &&
			    watch_due(h, i - 2) >= 0;
		if (!late && !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		enum term_event e = h->watch[i - 2].ready(h->ctx);
		if (e == TERM_LEAVE)
			return false;
		*dirty |= e == TERM_DIRTY;
	}
	return true;
}

int term_run(const struct term_handlers *h)
{
	redraw(h);
	for (;;) {
		struct pollfd p[2 + TERM_MAX_WATCH] = {
			{STDIN_FILENO, POLLIN, 0}, {sig_pipe[0], POLLIN, 0}};
		int np = 2;
		for (int i = 0; i < h->nwatch && i < TERM_MAX_WATCH; i++, np++)
			p[np] = (struct pollfd){h->watch[i].fd, POLLIN, 0};
		int tick = h->tick_due ? h->tick_due(h->ctx) : -1, due = tick;
		for (int i = 0; i < np - 2; i++)
			due = sooner(due, watch_due(h, i));
		int n = poll(p, (nfds_t)np, due);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return SIGHUP;
		}
		bool dirty = false;
		if (n == 0 && h->on_tick && tick >= 0 && tick <= due) {
			enum term_event e = h->on_tick(h->ctx);
			if (e == TERM_LEAVE)
				return 0;
			dirty = e == TERM_DIRTY;
		}
		int any = take_keys(h);
		if (any < 0)
			return 0;
		dirty |= any > 0;
		int sig = 0;
		if (p[1].revents & POLLIN)
			dirty |= take_signals(&sig);
		if (sig)
			return sig;
		/* The terminal went away: treat it as a hang-up. */
		if (!any && (p[0].revents & (POLLHUP | POLLERR)))
			return SIGHUP;
		if (!take_watch(h, p, np, n == 0, due, &dirty))
			return 0;
		if (dirty)
			redraw(h);
	}
}

void term_set_theme(enum theme t)
{
	asked_for = t; /* a late answer no longer changes it */
	draw_init(t, bars, draw_ascii());
	clearok(curscr, TRUE);
}

void term_repaint(void)
{
	clearok(curscr, TRUE);
}

bool term_too_small(void)
{
	return COLS < TERM_MIN_COLS || LINES < TERM_MIN_ROWS;
}
