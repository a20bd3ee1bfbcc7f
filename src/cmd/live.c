/*
 * live: a session on the terminal, new or resumed -- the checks made
 * before any file is created, the lock, the run itself, and the close
 * that loses nothing: the final save, a way out when saving fails, and
 * where to find the file.
 */
#include "cmd/live.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "base/error.h"
#include "base/safe.h"
#include "cmd/exit.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "core/deck.h"
#include "core/session.h"
#include "store/embedded.h"
#include "store/session_file.h"
#include "store/session_lock.h"
#include "store/session_watch.h"
#include "tui/frame.h"
#include "tui/input.h"
#include "tui/phones.h"
#include "tui/term.h"
#include "tui/timers.h"

/*
 * Checked before any file is made: without a terminal that can be
 * redrawn nothing can run, and a new empty session file per failed
 * start would litter the list.
 */
int live_need_terminal(void)
{
	struct error err;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		msg_error("standard input and output must be a terminal");
		return EXIT_SOFTWARE;
	}
	if (term_check(&err) != 0) {
		msg_error(err.msg);
		return EXIT_SOFTWARE;
	}
	return 0;
}

/*
 * An export folder that does not work should stop us now, not at 'e'.
 * A file there is "not a directory", whatever its permissions say.
 */
int live_check_out_dir(const char *dir)
{
	struct stat st;
	int e = 0;
	if (dir == NULL)
		return 0;
	if (stat(dir, &st) != 0)
		e = errno;
	else if (!S_ISDIR(st.st_mode))
		e = ENOTDIR;
	else if (access(dir, W_OK | X_OK) != 0)
		e = errno;
	if (e == 0)
		return 0;
	msg_path(dir, strerror(e), NULL);
	return EXIT_CANTCREAT;
}

int live_parse_embedded(struct deck *d)
{
	struct error err;
	if (deck_parse(d, (const char *)embedded_deck, embedded_deck_len,
		       &err) != 0) {
		err.file = embedded_deck_name;
		msg_file_error(embedded_deck_name, &err);
		return EXIT_SOFTWARE;
	}
	d->hash =
		deck_hash_bytes((const char *)embedded_deck, embedded_deck_len);
	return 0;
}

static bool on_key(void *ctx, int key)
{
	enum input_result r = input_key(ctx, key);
	if (r == INPUT_REDRAW)
		term_repaint();
	return r != INPUT_QUIT;
}

static void on_draw(void *ctx)
{
	struct tui *t = ctx;
	/* The keys of the batch were applied with their saves held back:
	 * one save for them all, and only then the frame that shows them. */
	app_flush(t->app);
	frame_draw(t);
}

/*
 * The audience views of the running session, told by a watch on its
 * folder: while one follows, t->followed is set (the top bar says so
 * and the item screen shows the note beside the item).  Only asks:
 * the facilitator never waits on a view.
 */
static struct session_watch views = {.fd = -1};

static enum term_event on_views(void *ctx)
{
	struct tui *t = ctx;
	if (!(session_watch_read(&views) & SESSION_WATCH_FOLLOWERS))
		return TERM_QUIET;
	bool was = t->followed;
	t->followed = session_followers(t->app->path) > 0;
	return was == t->followed ? TERM_QUIET : TERM_DIRTY;
}

/* Without inotify the screen only goes without the followed marker. */
static void watch_views(struct tui *t, struct term_handlers *h)
{
	struct error err;
	if (h->nwatch >= TERM_MAX_WATCH ||
	    session_watch_open(&views, t->app->path, &err) != 0)
		return;
	h->watch[h->nwatch++] = (struct term_watch){views.fd, on_views, NULL};
	/* Counted once the watch is on, so that no arrival is missed. */
	t->followed = session_followers(t->app->path) > 0;
}

static void say_written(const char *path)
{
	fputs("handsup: session written to ", stderr);
	safe_puts(stderr, path);
	fputc('\n', stderr);
}

/*
 * The last save failed.  Counts must not be lost: ask for another path
 * when someone is there to answer, else try the temporary folder, and as
 * a last resort print the session itself.
 */
static void rescue(struct app *a, bool interactive)
{
	struct error err;
	fputs("handsup: the session could not be saved: ", stderr);
	safe_puts(stderr, a->save_error);
	fputc('\n', stderr);
	while (interactive && isatty(STDIN_FILENO)) {
		char line[PATH_MAX];
		fputs("Write it to another path (Enter to skip): ", stderr);
		fflush(stderr);
		term_sync();
		if (fgets(line, sizeof line, stdin) == NULL)
			break;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			break;
		if (session_save(a->sess, line, &err) == 0) {
			say_written(line);
			return;
		}
		msg_error(err.msg);
	}
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/handsup-rescue-%ld%s",
		 tmp && *tmp ? tmp : "/tmp", (long)getpid(), SESSION_EXT);
	if (session_save(a->sess, path, &err) == 0) {
		say_written(path);
		return;
	}
	size_t len;
	char *text = session_format(a->sess, &len);
	if (text) {
		msg_error("here is the session on standard output, so that "
			  "no count is lost");
		fwrite(text, 1, len, stdout);
		free(text);
	}
}

int live_run(struct app *a, const struct run_options *o, bool *started)
{
	struct term_options uo = {o->theme, o->bars, o->ascii};
	struct error err;
	a->export_dir = o->out_dir;
	a->aligned = o->aligned;
	*started = false;
	if (term_start(&uo, &err) != 0) {
		msg_error(err.msg);
		return EXIT_SOFTWARE;
	}
	*started = true;
	struct tui t = {.app = a};
	struct term_handlers h = {.ctx = &t, .key = on_key, .draw = on_draw};
	struct timers tm;
	if (o->timer && timers_init(&tm, app_nitems(a), o->timer, o->timer_bell,
				    &err) != 0) {
		term_stop();
		msg_error(err.msg);
		return EXIT_SOFTWARE;
	}
	if (o->timer) {
		t.timers = &tm;
		timers_attach(&tm, &h);
	}
	watch_views(&t, &h);
	/* A session whose voting was open when it stopped (a quit, a
	 * crash) opens it again under the same code, so that the phones'
	 * pages keep working after a resume. */
	struct phones ph;
	phones_init(&ph, a, o->listen);
	t.phones = &ph;
	phones_attach(&ph, &h);
	if (o->phones || a->sess->phones_url)
		phones_start(&ph);
	a->defer = true;
	int sig = term_run(&h);
	a->defer = false;
	phones_end(&ph);
	term_stop();
	session_watch_close(&views);
	if (o->timer)
		timers_free(&tm);
	if (!app_save(a))
		rescue(a, sig == 0);
	else {
		fputs("Session saved to ", stdout);
		safe_puts(stdout, a->path);
		fputs("\nResume it with: handsup resume ", stdout);
		safe_put_shell(stdout, a->path);
		fputc('\n', stdout);
	}
	return sig ? 128 + sig : 0;
}

/*
 * Takes the session's lock, or says why not.  Returns the descriptor, or
 * -1 with *rc set: another handsup holds it (75), or the lock file
 * cannot be made at all (73).
 */
int live_lock(const char *path, int *rc)
{
	struct error err;
	int fd = session_lock(path, &err);
	if (fd == SESSION_LOCK_HELD) {
		msg_path(path, err.msg, NULL);
		*rc = EXIT_INUSE;
	} else if (fd < 0) {
		msg_error(err.msg);
		*rc = EXIT_CANTCREAT;
	}
	return fd < 0 ? -1 : fd;
}
