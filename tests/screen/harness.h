/*
 * Screen-test harness: runs a program in a pseudo-terminal, feeds what it
 * writes into libvterm, and lets a test type keys, resize the window and
 * read back the grid (text and attributes) as a person in the room sees it.
 *
 * Synchronisation never sleeps.  The program under test writes one line,
 * "<frame>\n", to the descriptor named by HANDSUP_SYNC_FD after each screen
 * update; every wait here is a poll() on that pipe, the pty and the child's
 * exit, bounded by a deadline (5 s, or HANDSUP_TIMEOUT_MS).
 *
 * Functions that wait return -1 on failure and keep a message (what
 * happened, the exit status, the screen at that moment) for hs_error();
 * the message also goes to stderr unless hs_set_quiet() says otherwise.
 */
#ifndef HANDSUP_TESTS_HARNESS_H
#define HANDSUP_TESTS_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

struct hs;

/*
 * Starts argv in a rows x cols terminal.  argv[0] is replaced by
 * $HANDSUP_BIN (default "./handsup") unless it contains a '/'.  env is
 * NULL or a NULL-terminated list of "K=V" to set and "K" to unset, applied
 * after the fixed TERM=xterm-256color, LC_ALL=C.UTF-8 and the removal of
 * LINES and COLUMNS.  Does not wait: call hs_wait_frame() for the first
 * frame.  Returns NULL (with a message on stderr) if the pty, pipe or fork
 * cannot be had; a failing exec shows up as exit status 127.
 */
struct hs *hs_start(int rows, int cols, const char *const argv[],
		    const char *const env[]);

/*
 * Answers the program's questions for the background colour (OSC 11)
 * with rgb, such as "rgb:ffff/ffff/ffff", as a terminal with that
 * background would; NULL (the default) gives no answer, as libvterm.
 * Call it straight after hs_start, before the first wait.
 */
void hs_answer_background(struct hs *h, const char *rgb);

/*
 * hs_start() that also hands the program fd (say a pipe's read end, to
 * drive a test clock) as its descriptor 4; the caller keeps its own fd.
 */
struct hs *hs_start_fd(int rows, int cols, const char *const argv[],
		       const char *const env[], int fd);

/* The deadline of each later wait, in milliseconds. */
void hs_set_timeout(struct hs *h, int ms);
/* Keep failure messages for hs_error() only (for tests of failures). */
void hs_set_quiet(struct hs *h, bool quiet);
/* The message of the last failed wait, or "" if none. */
const char *hs_error(const struct hs *h);

/*
 * Waits for a frame newer than the last one returned, then reads everything
 * the pty holds.  Returns the frame number, or -1 if the deadline passes or
 * the program exits first.
 */
int hs_wait_frame(struct hs *h);

/* Writes raw bytes without waiting (e.g. a key that makes the app exit). */
int hs_send(struct hs *h, const char *bytes);
/* Writes raw bytes, e.g. "\x1b[6~", then waits for a frame. */
int hs_keys(struct hs *h, const char *bytes);
/*
 * Types UTF-8 text one character at a time, waiting for a frame after
 * each, so that the program sees separate key presses.  Returns the last
 * frame number or -1.
 */
int hs_type(struct hs *h, const char *text);

enum hs_key {
	HS_KEY_RIGHT = 0x110000, /* above every Unicode code point */
	HS_KEY_LEFT,
	HS_KEY_UP,
	HS_KEY_DOWN,
	HS_KEY_PGUP,
	HS_KEY_PGDN,
	HS_KEY_HOME,
	HS_KEY_END,
	HS_KEY_INSERT,
	HS_KEY_DELETE,
	HS_KEY_ESC,
	HS_KEY_TAB,
	HS_KEY_BTAB,
	HS_KEY_ENTER,
	HS_KEY_BACKSPACE,
	HS_KEY_F1,
	HS_KEY_F12 = HS_KEY_F1 + 11,
};
#define HS_KEY_F(n) (HS_KEY_F1 + (n)-1)
#define HS_CTRL(c)  ((c)&0x1f)

/*
 * Presses one key: an enum hs_key, or a Unicode code point (control codes
 * such as HS_CTRL('c') go as they are).  The bytes are what xterm would
 * send in the terminal's current modes (libvterm encodes them), so cursor
 * keys follow the application's keypad-transmit setting.  Waits for a
 * frame.
 */
int hs_key(struct hs *h, int key);
/* The same without waiting. */
int hs_send_key(struct hs *h, int key);

/*
 * Resizes the terminal: the pty's window size (the kernel sends SIGWINCH)
 * and libvterm's grid.  Waits for a frame.
 */
int hs_resize(struct hs *h, int rows, int cols);
int hs_rows(const struct hs *h);
int hs_cols(const struct hs *h);

/*
 * The grid as UTF-8: one line per row, trailing blanks trimmed, each ending
 * in "\n"; a wide character appears once.  The caller frees it.
 */
char *hs_screen_text(struct hs *h);
/* One row the same way, without the "\n"; NULL if row is out of range. */
char *hs_row_text(struct hs *h, int row);
bool hs_screen_contains(struct hs *h, const char *needle);
/* The first row holding needle, or -1. */
int hs_row_find(struct hs *h, const char *needle);
/*
 * The first place of needle: row and screen column (in cells, so a wide
 * character before it counts twice).  Returns false if it is not shown.
 */
bool hs_find(struct hs *h, const char *needle, int *row, int *col);
/* Prints the screen in a frame, for a failing test's log. */
void hs_dump(struct hs *h, const char *title);

/* A colour: a palette index 0..255, HS_COLOR_DEFAULT, or 24-bit RGB. */
#define HS_COLOR_DEFAULT      (-1)
#define HS_COLOR_RGB(r, g, b) (0x1000000 | ((r) << 16) | ((g) << 8) | (b))

struct hs_cell {
	char text[32]; /* UTF-8, "" for a blank */
	int width;     /* 2 for a wide character */
	bool bold, italic, blink, reverse, strike;
	int underline; /* 0 none, 1 single, 2 double, 3 curly */
	int fg, bg;
};

/* Fills *cell; false if the position is off the grid. */
bool hs_cell(struct hs *h, int row, int col, struct hs_cell *cell);
/*
 * Whether the cell is a lower half block that shows its upper half in the
 * ink's colour (in reverse video, or with the colours swapped), as the
 * screen text shows it: "▀".
 */
bool hs_upper_half(struct hs *h, int row, int col);
/* Whether any cell shows a colour other than the default (monochrome test). */
bool hs_screen_has_color(struct hs *h);
/* How many times the program rang the bell (BEL) so far. */
int hs_bells(const struct hs *h);

/*
 * Compares the screen text with <dir>/<name>.txt, dir being
 * $HANDSUP_GOLDEN_DIR or tests/screen/golden.  Returns 0 if equal (and
 * removes a stale <name>.actual), 1 if different (writes <name>.actual and,
 * if diff is not NULL, a readable account of the first differing lines that
 * the caller frees), -1 on an I/O error.  With HANDSUP_UPDATE_GOLDEN=1 it
 * rewrites the golden file instead and returns 0.
 */
int hs_compare_golden(struct hs *h, const char *name, char **diff);
/* hs_compare_golden() that fails the running cmocka test on a difference. */
void hs_expect_golden(struct hs *h, const char *name);

/*
 * Closes the pty master as a closed terminal window would: the program
 * gets SIGHUP and end-of-file.  Its output can no longer be seen.
 */
void hs_hangup(struct hs *h);

/*
 * Waits for the program to exit (it is not asked to: send the quit key
 * first), reading its last output, and SIGKILLs it at the deadline.
 * Returns its wait status (also in *status if not NULL), or -1 if it had to
 * be killed or could not be reaped.
 */
int hs_finish(struct hs *h, int *status);
/*
 * After hs_finish(): whether the program left the terminal as it found it:
 * the normal screen (not the alternate one), a visible cursor, cursor keys
 * and keypad in normal mode, no mouse reporting.  hs_restore_problem()
 * names what is wrong, or "" if nothing.
 */
bool hs_terminal_restored(struct hs *h);
const char *hs_restore_problem(struct hs *h);
/* Whether the alternate screen is in use now. */
bool hs_altscreen(const struct hs *h);
/* Whether the program is still running, as far as the harness has seen. */
bool hs_running(const struct hs *h);

int hs_pid(const struct hs *h);
/* How many bytes the program has written to the terminal so far (as far
 * as the harness has read: after a wait, everything up to that frame). */
unsigned long long hs_bytes(const struct hs *h);
/* Kills the program if it still runs, reaps it and frees everything. */
void hs_free(struct hs *h);

#endif
