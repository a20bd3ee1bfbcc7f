/*
 * term: the terminal itself.  Start and stop (always restoring the
 * terminal, also on a fatal signal), and the event loop: one poll over
 * standard input and a self-pipe fed by signal handlers, so a resize is
 * never lost and an idle session never wakes.  The frame counter that
 * screen tests wait for is written here after every frame.
 */
#ifndef HANDSUP_TERM_H
#define HANDSUP_TERM_H

#include <stdbool.h>

#include "tui/draw.h"

struct error;

#define TERM_MIN_COLS 40
#define TERM_MIN_ROWS 12

struct term_options {
	enum theme theme; /* THEME_AUTO asks the terminal (see term_start) */
	enum bars bars;	  /* BARS_AUTO follows the locale */
	bool ascii;	  /* plain ASCII glyphs even in a UTF-8 locale */
};

/*
 * Whether $TERM names a terminal handsup can drive: known to terminfo,
 * and able to move the cursor (a "dumb" terminal cannot).  Asks terminfo
 * without touching the terminal, so it can come before anything else.
 * Returns 0, or -1 with err set.
 */
int term_check(struct error *err);

/*
 * Takes over the terminal.  Returns 0, or -1 with err set (the terminal
 * is left as it was).  The theme is opts->theme; THEME_AUTO is mono when
 * NO_COLOR is set and non-empty, else dark until the terminal says that
 * its background is light (term_run asks it, see term_theme_auto).  Glyphs are ASCII when
 * the locale's character set is not UTF-8, or opts->ascii.  The size is
 * the terminal's own, never the LINES and COLUMNS of the environment.
 */
int term_start(const struct term_options *opts, struct error *err);

/* Gives the terminal back (idempotent).  Safe to call at any time. */
void term_stop(void);

/* What a watcher asks of the loop after an event. */
enum term_event {
	TERM_QUIET, /* nothing on screen changed */
	TERM_DIRTY, /* draw a frame */
	TERM_LEAVE, /* leave the loop (term_run returns 0) */
};

#define TERM_MAX_WATCH 4

/* Event loop callbacks.  Only key and draw are required. */
struct term_handlers {
	void *ctx;
	/* A key was read.  Return false to leave the loop. */
	bool (*key)(void *ctx, int key);
	/* Draw the whole screen from state (term clears and flushes). */
	void (*draw)(void *ctx);
	/*
	 * More descriptors to wait on (a followed file, audience views, a
	 * test's clock), each with its own handler, called when it is
	 * readable.  A negative descriptor is skipped.
	 */
	struct term_watch {
		int fd;
		enum term_event (*ready)(void *ctx);
		/*
		 * Milliseconds until ready must be called even with
		 * nothing to read (a server's connection timeouts), or -1
		 * for never; NULL is never.
		 */
		int (*wait_ms)(void *ctx);
	} watch[TERM_MAX_WATCH];
	int nwatch;
	/*
	 * Milliseconds until on_tick is due, or -1 for never: without a
	 * tick the loop sleeps until something happens.
	 */
	int (*tick_due)(void *ctx);
	enum term_event (*on_tick)(void *ctx);
};

/*
 * Draws, then waits for keys, resizes and signals, redrawing after each
 * batch of keys and after each resize.  Returns 0 when a key handler
 * asked to leave, or the number of the signal (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT) that ended the loop; keys typed before it are handled first.
 */
int term_run(const struct term_handlers *h);

int term_rows(void);
int term_cols(void);

/*
 * Tells a watching test harness that the screen changed (a frame count on
 * $HANDSUP_SYNC_FD); term does it after every frame, and callers do it
 * after writing a prompt once the terminal has been given back.
 */
void term_sync(void);

/* Switches to theme t (after T) and repaints every cell on the next frame. */
void term_set_theme(enum theme t);

/* Repaints every cell on the next frame (after a glitch or F5). */
void term_repaint(void);

/* True when the terminal is below TERM_MIN_COLS x TERM_MIN_ROWS. */
bool term_too_small(void);

#endif
