/*
 * ui: everything that touches the terminal.  Start and stop (always
 * restoring the terminal, also on a fatal signal), the event loop (one
 * poll over stdin and a self-pipe fed by signal handlers, so a resize is
 * never lost and an idle session never wakes), colour roles with a
 * monochrome column, glyph sets with an ASCII fallback, and drawing
 * helpers that only ever write sanitised text.
 *
 * ui knows nothing of decks or tallies: callers name roles and views.
 */
#ifndef HANDSUP_UI_H
#define HANDSUP_UI_H

#include <stdbool.h>

#define UI_MIN_COLS 40
#define UI_MIN_ROWS 12

enum ui_role {
	ROLE_NORMAL,
	ROLE_TOPBAR,   /* the first line: deck title and position */
	ROLE_TITLE,    /* the deck title on the title screen */
	ROLE_HEADING,  /* an item's heading */
	ROLE_DIM,      /* secondary text: source, hints */
	ROLE_KEY,      /* a key name in hints and help */
	ROLE_STATUS,   /* the last line */
	ROLE_WARNING,  /* a save failed, a question is open */
	ROLE_SELECTED, /* the selected view's marker */
	ROLE_VIEW1,    /* ROLE_VIEW1 + v for view v (0..5) */
	ROLE_VIEW6 = ROLE_VIEW1 + 5,
	ROLE_COUNT
};

struct ui_options {
	bool mono;  /* no colour even if the terminal has it */
	bool ascii; /* plain ASCII glyphs even in a UTF-8 locale */
};

/*
 * Takes over the terminal.  Returns 0, or -1 with a message in err (the
 * terminal is left as it was).  Colour is off when NO_COLOR is set and
 * non-empty, when the terminal has none, or when opts->mono.  Glyphs are
 * ASCII when the locale's character set is not UTF-8, or opts->ascii.
 */
int ui_start(const struct ui_options *opts, char *err, int errcap);

/* Gives the terminal back (idempotent).  Safe to call at any time. */
void ui_stop(void);

bool ui_ascii(void);

/* Event loop callbacks. */
struct ui_handlers {
	void *ctx;
	/* A key was read.  Return false to leave the loop. */
	bool (*key)(void *ctx, int key);
	/* Draw the whole screen from state (ui clears and flushes). */
	void (*draw)(void *ctx);
};

/*
 * Draws, then waits for keys, resizes and signals, redrawing after each
 * batch of keys and after each resize.  Returns 0 when a key handler
 * asked to leave, or the number of the signal (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT) that ended the loop; keys typed before it are handled first.
 */
int ui_run(const struct ui_handlers *h);

int ui_rows(void);
int ui_cols(void);

/*
 * Draws s at (y, x) in role, clipped to maxw columns (never past the
 * right edge).  The text is sanitised again and, in ASCII mode,
 * transliterated.  Returns the columns used.
 */
int ui_text(int y, int x, int maxw, enum ui_role role, const char *s);

/* Like ui_text, with a trailing ellipsis if s does not fit in maxw. */
int ui_text_clip(int y, int x, int maxw, enum ui_role role, const char *s);

/* Draws s centred in the row between x and x + w. */
void ui_text_centre(int y, int x, int w, enum ui_role role, const char *s);

/* Fills w cells with spaces in role. */
void ui_fill(int y, int x, int w, enum ui_role role);

/*
 * Draws a horizontal bar for view v: full whole cells and eighths (0..7)
 * of one more, in the view's role and glyphs.  Returns the cells used.
 */
int ui_bar(int y, int x, int view, int full, int eighths);

/* Draws a box outline (for overlays), its inside cleared. */
void ui_box(int y, int x, int h, int w, enum ui_role role);

/*
 * Tells a watching test harness that the screen changed (a frame count on
 * $HANDSUP_SYNC_FD); ui does it after every frame, and callers do it after
 * writing a prompt once the terminal has been given back.
 */
void ui_sync(void);

/* Repaints every cell on the next frame (after a glitch or F5). */
void ui_repaint(void);

/* True when the terminal is below UI_MIN_COLS x UI_MIN_ROWS. */
bool ui_too_small(void);

/*
 * Large digits for counts that the back of the room must read, at scale
 * 1 (three rows high) or more (scale 2: five rows).  ui_big_width gives
 * the columns digits would take, or 0 when they cannot be drawn (a
 * character other than 0-9, or a scale above 1 in ASCII mode, where they
 * are drawn with _ and | as on a seven-segment display).
 */
int ui_big_rows(int scale);
int ui_big_width(const char *digits, int scale);
/* Draws digits from row y; returns the columns used. */
int ui_big(int y, int x, enum ui_role role, const char *digits, int scale);

/* The glyph used for the selected-view marker, and an ellipsis. */
const char *ui_glyph_marker(void);

/* ---- for ui*.c only ------------------------------------------------------ */

/* Chooses colour or monochrome once the terminal is up. */
void ui_draw_init(bool mono);

#endif
