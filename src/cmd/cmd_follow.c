/*
 * handsup follow [SESSION]: the audience view, for the projector.  It
 * shows what the room should see of a session that another handsup is
 * running, redrawn from the session file after each save, and nothing
 * that is the facilitator's own (notes, help, key hints, questions,
 * typed digits, messages).  It only reads: it never takes the session's
 * lock and never writes the session, so the facilitator's handsup never
 * waits on it.  When the facilitator quits, it says so and leaves.
 */
#include "cmd/cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/app.h"
#include "base/error.h"
#include "base/safe.h"
#include "cmd/exit.h"
#include "cmd/find.h"
#include "cmd/live.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "core/deck.h"
#include "core/session.h"
#include "store/session_file.h"
#include "store/session_lock.h"
#include "store/session_watch.h"
#include "tui/audience.h"
#include "tui/frame.h"
#include "tui/phones.h"
#include "tui/term.h"
#include "tui/tui.h"

struct follow {
	struct tui t;
	struct app a;
	struct phones ph; /* the join code, shown, no server */
	struct session s; /* the last save that read */
	struct deck d;
	const char *path;
	struct session_watch w;
	int aligned;
	bool ended; /* the facilitator's handsup let the session go */
};

/* The model over the last save, as the room sees it. */
static void show(struct follow *f)
{
	app_free(&f->a);
	app_init(&f->a, &f->d, &f->s, f->path);
	f->a.aligned = f->aligned;
	/* No view is selected: that marker is the facilitator's cursor. */
	f->a.selected = -1;
	/* The room joins from the projector: the code, while voting is
	 * open, as the facilitator's screen shows it. */
	phones_show(&f->ph, f->s.phones_url);
	f->t = (struct tui){.app = &f->a, .audience = true, .phones = &f->ph};
}

/*
 * Reads the session again after a save.  A file that does not read
 * (edited by hand, say) keeps the last good picture on the screen: the
 * next save mends it.
 */
static bool reload(struct follow *f)
{
	struct session s;
	struct error err;
	if (session_load(&s, f->path, &err) != 0)
		return false;
	if (!find_same_shape(&f->d, &s)) {
		struct deck d;
		if (find_deck_quiet(&s, &d) != 0) {
			session_free(&s);
			return false;
		}
		deck_free(&f->d);
		f->d = d;
	}
	session_free(&f->s);
	f->s = s;
	show(f);
	return true;
}

static enum term_event on_saved(void *ctx)
{
	struct follow *f = ctx;
	int bits = session_watch_read(&f->w);
	bool dirty = (bits & SESSION_WATCH_SAVED) && reload(f);
	/* Unlinked by a handsup that quit, closed by one that died. */
	if ((bits & SESSION_WATCH_LOCK) && session_lock_held(f->path) == 0) {
		f->ended = true;
		return TERM_LEAVE;
	}
	return dirty ? TERM_DIRTY : TERM_QUIET;
}

static bool on_key(void *ctx, int key)
{
	(void)ctx;
	enum input_result r = audience_key(key);
	if (r == INPUT_REDRAW)
		term_repaint();
	return r != INPUT_QUIT;
}

static void on_draw(void *ctx)
{
	struct follow *f = ctx;
	frame_draw(&f->t);
}

/* The view on the terminal until q, a signal or the session's end. */
static int follow_run(struct follow *f, const struct run_options *o)
{
	struct term_options uo = {o->theme, o->bars, o->ascii};
	struct error err;
	show(f);
	if (term_start(&uo, &err) != 0) {
		msg_error(err.msg);
		return EXIT_SOFTWARE;
	}
	/* No tick: while nothing is saved, the view never wakes. */
	struct term_handlers h = {.ctx = f,
				  .key = on_key,
				  .draw = on_draw,
				  .watch = {{f->w.fd, on_saved, NULL}},
				  .nwatch = 1};
	int sig = term_run(&h);
	term_stop();
	if (f->ended) {
		fputs("The session has ended. It is saved in ", stdout);
		safe_puts(stdout, f->path);
		fputs("\n", stdout);
	}
	return sig ? 128 + sig : 0;
}

/* Loaded, open in another handsup, and a terminal to show it on. */
static int follow_ready(struct follow *f)
{
	int rc = msg_load_session(&f->s, f->path);
	if (rc != 0)
		return rc;
	if (session_lock_held(f->path) != 1) {
		msg_path(f->path, "not open in any handsup now",
			 "follow shows a session while it runs");
		rc = 1;
	}
	if (rc == 0)
		rc = live_need_terminal();
	if (rc == 0)
		rc = find_deck_quiet(&f->s, &f->d);
	if (rc != 0)
		session_free(&f->s);
	return rc;
}

static int follow(const struct run_options *o, char *path)
{
	struct follow f = {.path = path, .aligned = o->aligned};
	struct error err;
	/* Watched before it is read, so that no save falls between. */
	if (session_watch_open(&f.w, path, &err) != 0) {
		msg_error(err.msg);
		return EXIT_SOFTWARE;
	}
	int rc = follow_ready(&f);
	if (rc == 0) {
		/* Without its mark the view still works; the facilitator's
		 * screen just does not know of it. */
		int mark = session_follow_mark(path, &err);
		if (mark < 0)
			msg_error(err.msg);
		rc = follow_run(&f, o);
		session_follow_unmark(mark, path);
		phones_show(&f.ph, NULL);
		app_free(&f.a);
		deck_free(&f.d);
		session_free(&f.s);
	}
	session_watch_close(&f.w);
	return rc;
}

int cmd_follow(int argc, char **argv)
{
	struct run_options o;
	const char *file;
	int rc = options_parse(argc, argv, &o, &file);
	if (rc >= 0)
		return rc;
	if (o.name || o.out_dir || o.groups || o.no_groups || o.headcount ||
	    o.timer || o.phones) {
		fputs("handsup: follow only shows a session: --name, --out, "
		      "--groups, --no-groups, --headcount, --phones, --listen "
		      "and --timer are not for it\n",
		      stderr);
		return EXIT_USAGE;
	}
	char *path =
		file ? find_session(&o, file, &rc) : find_open_session(&o, &rc);
	if (path == NULL)
		return rc;
	rc = follow(&o, path);
	free(path);
	return rc;
}
