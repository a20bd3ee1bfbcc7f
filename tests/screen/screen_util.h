/*
 * Helpers shared by the handsup screen tests.  Header-only (static inline)
 * because the Makefile builds each tests/screen/test_*.c on its own with
 * the harness and nothing else.
 *
 * Every run gets a fresh state folder from mkdtemp, so no test sees the
 * sessions of another, and the folder goes away with the run.
 */
#ifndef HANDSUP_TESTS_SCREEN_UTIL_H
#define HANDSUP_TESTS_SCREEN_UTIL_H

#include "harness.h"
#include "core/session.h"
#include "base/error.h"
#include "store/session_file.h"

#include <dirent.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#define SU_MAX_ENV  12
#define SU_MAX_BARS 6

struct su_run {
	char dir[64];	    /* the state folder */
	char state_env[96]; /* "HANDSUP_STATE_DIR=<dir>" */
	const char *env[SU_MAX_ENV + 2];
	struct hs *h;
	/* How the terminal answers the question for its background colour
	 * (see hs_answer_background); set by su_start_on. */
	const char *background;
};

static inline int su_rm_one(const char *path, const struct stat *st, int type,
			    struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

/*
 * What a failed test leaves behind (cmocka leaves the test function by
 * longjmp, past its own clean-up): folders and running programs, which
 * su_cleanup, the group teardown, removes and stops.
 */
#define SU_MAX_TRACKED 64
static char su_tracked_dirs[SU_MAX_TRACKED][64];
static struct hs *su_tracked_hs[SU_MAX_TRACKED];

static inline void su_track(char (*dirs)[64], struct hs **hs, const char *dir,
			    struct hs *h, bool on)
{
	for (int i = 0; i < SU_MAX_TRACKED; i++) {
		if (dir && on && dirs[i][0] == '\0') {
			snprintf(dirs[i], sizeof dirs[i], "%s", dir);
			return;
		}
		if (dir && !on && strcmp(dirs[i], dir) == 0) {
			dirs[i][0] = '\0';
			return;
		}
		if (h && hs[i] == (on ? NULL : h)) {
			hs[i] = on ? h : NULL;
			return;
		}
	}
}

static inline int su_cleanup(void **state)
{
	(void)state;
	for (int i = 0; i < SU_MAX_TRACKED; i++) {
		if (su_tracked_hs[i])
			hs_free(su_tracked_hs[i]);
		su_tracked_hs[i] = NULL;
	}
	for (int i = 0; i < SU_MAX_TRACKED; i++) {
		if (su_tracked_dirs[i][0])
			nftw(su_tracked_dirs[i], su_rm_one, 8,
			     FTW_DEPTH | FTW_PHYS);
		su_tracked_dirs[i][0] = '\0';
	}
	return 0;
}

static inline void su_mkdtemp(char *buf, size_t cap)
{
	snprintf(buf, cap, "/tmp/hs-screen-XXXXXX");
	assert_non_null(mkdtemp(buf));
	su_track(su_tracked_dirs, su_tracked_hs, buf, NULL, true);
}

static inline void su_rm_rf(const char *dir)
{
	if (dir[0] == '\0')
		return;
	nftw(dir, su_rm_one, 8, FTW_DEPTH | FTW_PHYS);
	su_track(su_tracked_dirs, su_tracked_hs, dir, NULL, false);
}

/*
 * Starts handsup (argv[0] "handsup" so the harness puts HANDSUP_BIN in)
 * with the run's state folder and the extra env, and waits for the first
 * frame: until curses is up, typed keys would only be echoed.
 */
static inline struct hs *su_launch(struct su_run *r, int rows, int cols,
				   const char *const argv[],
				   const char *const extra[])
{
	size_t n = 0;
	r->env[n++] = r->state_env;
	for (size_t i = 0; extra && extra[i] && n < SU_MAX_ENV; i++)
		r->env[n++] = extra[i];
	r->env[n] = NULL;
	r->h = hs_start(rows, cols, argv, r->env);
	assert_non_null(r->h);
	hs_answer_background(r->h, r->background);
	su_track(su_tracked_dirs, su_tracked_hs, NULL, r->h, true);
	assert_int_not_equal(hs_wait_frame(r->h), -1);
	return r->h;
}

static inline struct hs *su_start_on(struct su_run *r, const char *rgb,
				     int rows, int cols,
				     const char *const argv[],
				     const char *const extra[]);

static inline struct hs *su_start(struct su_run *r, int rows, int cols,
				  const char *const argv[],
				  const char *const extra[])
{
	return su_start_on(r, NULL, rows, cols, argv, extra);
}

/* su_start in a terminal whose background colour is rgb ("rgb:R/G/B"). */
static inline struct hs *su_start_on(struct su_run *r, const char *rgb,
				     int rows, int cols,
				     const char *const argv[],
				     const char *const extra[])
{
	memset(r, 0, sizeof *r);
	r->background = rgb;
	su_mkdtemp(r->dir, sizeof r->dir);
	snprintf(r->state_env, sizeof r->state_env, "HANDSUP_STATE_DIR=%s",
		 r->dir);
	return su_launch(r, rows, cols, argv, extra);
}

/*
 * The built-in deck under a fixed name, so nothing depends on the clock,
 * with the room counted as one (--no-groups): the counting tests read one
 * chart.  Counting by group has tests of its own (test_groups.c).
 */
static inline struct hs *su_start_default(struct su_run *r, int rows, int cols,
					  const char *const extra[])
{
	static const char *const argv[] = {"handsup", "--name", "screen test",
					   "--no-groups", NULL};
	return su_start(r, rows, cols, argv, extra);
}

/* Frees the run's program (after hs_finish, or to stop it). */
static inline void su_forget(struct su_run *r)
{
	if (r->h) {
		su_track(su_tracked_dirs, su_tracked_hs, NULL, r->h, false);
		hs_free(r->h);
	}
	r->h = NULL;
}

static inline void su_end(struct su_run *r)
{
	su_forget(r);
	su_rm_rf(r->dir);
}

/* 'y' to the open quit question: a clean exit, the terminal as it was. */
static inline void su_answer_quit(struct su_run *r)
{
	struct hs *h = r->h;
	assert_true(hs_screen_contains(h, "Quit?"));
	assert_int_equal(hs_send(h, "y"), 0);
	int status = 0;
	assert_int_not_equal(hs_finish(h, &status), -1);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	if (!hs_terminal_restored(h))
		fail_msg("terminal not restored: %s", hs_restore_problem(h));
}

static inline void su_press(struct hs *h, int key)
{
	if (hs_key(h, key) == -1)
		fail_msg("no frame after key %#x: %s", key, hs_error(h));
}

static inline void su_presses(struct hs *h, const char *keys)
{
	for (const char *p = keys; *p; p++)
		su_press(h, (unsigned char)*p);
}

static inline void su_expect(struct hs *h, const char *text)
{
	if (!hs_screen_contains(h, text)) {
		hs_dump(h, text);
		fail_msg("\"%s\" is not on the screen", text);
	}
}

static inline void su_expect_not(struct hs *h, const char *text)
{
	if (hs_screen_contains(h, text)) {
		hs_dump(h, text);
		fail_msg("\"%s\" should not be on the screen", text);
	}
}

/*
 * Waits, frame by frame, until text is on the screen (or, with shown
 * false, gone from it): what another process does (a save, a phone's
 * vote) may reach the screen as a frame of its own, before or after a
 * key's.
 */
static inline void su_until(struct hs *h, const char *text, bool shown)
{
	while (hs_screen_contains(h, text) != shown)
		if (hs_wait_frame(h) == -1) {
			hs_dump(h, text);
			fail_msg("\"%s\" never %s: %s", text,
				 shown ? "came" : "went", hs_error(h));
		}
}

/*
 * Waits until the status line holds want, and checks that it starts
 * (after its margin) with first: where a name shortened to fit begins.
 */
static inline void su_expect_status(struct hs *h, const char *want,
				    const char *first)
{
	su_until(h, want, true);
	char *t = hs_row_text(h, hs_rows(h) - 1);
	const char *start = t + strspn(t, " ");
	first += strspn(first, " ");
	bool ok = strstr(t, want) != NULL &&
		  strncmp(start, first, strlen(first)) == 0;
	if (!ok) {
		hs_dump(h, want);
		fail_msg("status line \"%s\": no \"%s\" after \"%s\"", t, want,
			 first);
	}
	free(t);
}

/*
 * q and y, waiting for the question itself rather than for one frame:
 * another process's frame (a phone's vote, the terminal's late answer to
 * the background query) may come between the key and the frame that asks.
 */
static inline void su_quit(struct su_run *r)
{
	assert_int_equal(hs_send(r->h, "q"), 0);
	su_until(r->h, "Quit?", true);
	su_answer_quit(r);
}

/* The one *.session file in dir (fails the test if not exactly one). */
static inline void su_session_path(const char *dir, char *out, size_t cap)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int found = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		size_t ext = strlen(SESSION_EXT);
		if (len > ext &&
		    strcmp(e->d_name + len - ext, SESSION_EXT) == 0) {
			snprintf(out, cap, "%s/%s", dir, e->d_name);
			found++;
		}
	}
	closedir(d);
	if (found != 1)
		fail_msg("%d session files in %s, expected 1", found, dir);
}

static inline void su_load(const char *dir, struct session *s)
{
	char path[512];
	su_session_path(dir, path, sizeof path);
	struct error err;
	if (session_load(s, path, &err) != 0)
		fail_msg("%s:%d: %s", path, err.line, err.msg);
}

/* ---- reading the chart off the screen --------------------------------- */

/* The large digits of ui.c, as the room sees them. */
static const char *const su_big_glyphs[10][3] = {
	{"█▀█", "█ █", "▀▀▀"}, {"▀█ ", " █ ", "▀▀▀"}, {"▀▀█", "█▀▀", "▀▀▀"},
	{"▀▀█", " ▀█", "▀▀▀"}, {"█ █", "▀▀█", "  ▀"}, {"█▀▀", "▀▀█", "▀▀▀"},
	{"█▀▀", "█▀█", "▀▀▀"}, {"▀▀█", "  █", "  ▀"}, {"█▀█", "█▀█", "▀▀▀"},
	{"█▀█", "▀▀█", "▀▀▀"},
};

/* Three cells from (row, col) as one string, blanks as spaces. */
static inline void su_cells(struct hs *h, int row, int col, int n, char *out,
			    size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		struct hs_cell c;
		const char *t = " ";
		if (hs_cell(h, row, col + i, &c) && c.text[0])
			t = c.text;
		size_t tl = strlen(t);
		if (len + tl + 1 > cap)
			break;
		memcpy(out + len, t, tl + 1);
		len += tl;
	}
}

static inline bool su_is_digit_cell(struct hs *h, int row, int col)
{
	struct hs_cell c;
	return hs_cell(h, row, col, &c) && c.text[0] >= '0' &&
	       c.text[0] <= '9' && c.text[1] == '\0';
}

static inline bool su_cell_is(struct hs *h, int row, int col, const char *t)
{
	struct hs_cell c;
	return hs_cell(h, row, col, &c) && strcmp(c.text, t) == 0;
}

static inline int su_big_rows(int scale)
{
	return (5 * scale + 1) / 2;
}

/* The 3 x 5 pixel font the large digits are drawn from, row by row,
 * and (SU_BIG_PCT) the percent sign that follows a large percentage. */
#define SU_BIG_PCT 10
static const unsigned char su_font[11][5] = {
	{7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7},
	{5, 5, 7, 1, 1}, {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1},
	{7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}, {5, 1, 2, 4, 5},
};

/*
 * Whether a cell shows a large glyph's two pixels on: a full block, or
 * (as large type is drawn now, without seams) a blank painted in its
 * colour -- its background, or reversed without colour.
 */
static inline bool su_cell_painted(struct hs *h, int row, int col)
{
	struct hs_cell c;
	if (!hs_cell(h, row, col, &c))
		return false;
	if (strcmp(c.text, "█") == 0)
		return true;
	/* A colour theme paints its own background, so a painted cell is
	 * one whose colour is its background's too (how handsup draws it),
	 * or, without colour, one in reverse video. */
	return (c.text[0] == '\0' || strcmp(c.text, " ") == 0) &&
	       (c.reverse || (c.bg != HS_COLOR_DEFAULT && c.bg == c.fg));
}

/*
 * Whether a cell shows glyph as the room sees it: an upper half block is
 * also drawn as a lower half in reverse video or in swapped colours
 * (hs_upper_half).
 */
static inline bool su_cell_shows(struct hs *h, int row, int col,
				 const char *glyph)
{
	struct hs_cell c;
	if (!hs_cell(h, row, col, &c))
		return false;
	bool upper = hs_upper_half(h, row, col);
	if (strcmp(glyph, "▀") == 0 && upper)
		return true;
	return strcmp(c.text, glyph) == 0 &&
	       !(upper && strcmp(glyph, "▄") == 0);
}

/* Whether a cell is blank and unpainted. */
static inline bool su_cell_blank(struct hs *h, int row, int col)
{
	struct hs_cell c;
	return hs_cell(h, row, col, &c) &&
	       (c.text[0] == '\0' || strcmp(c.text, " ") == 0) && !c.reverse &&
	       (c.bg == HS_COLOR_DEFAULT || c.bg != c.fg);
}

/* Whether the glyph g of su_font is drawn at scale from (row, col). */
static inline bool su_big_glyph_at(struct hs *h, int row, int col, int scale,
				   int g)
{
	static const char *const half[4] = {" ", "▄", "▀", "█"};
	for (int r = 0; r < su_big_rows(scale); r++)
		for (int c = 0; c < 3 * scale; c++) {
			int y = 2 * r / scale, y2 = (2 * r + 1) / scale;
			int top =
				y < 5 && (su_font[g][y] >> (2 - c / scale) & 1);
			int bot = y2 < 5 &&
				  (su_font[g][y2] >> (2 - c / scale) & 1);
			bool same;
			if (top && bot)
				same = su_cell_painted(h, row + r, col + c);
			else if (top || bot)
				same = su_cell_shows(h, row + r, col + c,
						     half[top * 2 + bot]);
			else
				same = su_cell_blank(h, row + r, col + c);
			if (!same)
				return false;
		}
	return true;
}

/*
 * The large-digit glyph at scale whose top-left cell is (row, col), or -1.
 * Scale 1 is also recognised in its hand-drawn form (su_big_glyphs).
 */
static inline int su_big_digit(struct hs *h, int row, int col, int scale)
{
	if (col < 0 || row < 0)
		return -1;
	for (int d = 0; d < 10; d++)
		if (su_big_glyph_at(h, row, col, scale, d))
			return d;
	if (scale != 1)
		return -1;
	char rows[3][64];
	for (int r = 0; r < 3; r++)
		su_cells(h, row + r, col, 3, rows[r], sizeof rows[r]);
	for (int d = 0; d < 10; d++)
		if (strcmp(rows[0], su_big_glyphs[d][0]) == 0 &&
		    strcmp(rows[1], su_big_glyphs[d][1]) == 0 &&
		    strcmp(rows[2], su_big_glyphs[d][2]) == 0)
			return d;
	return -1;
}

/* The number written in plain digits that ends at (row, end - 1). */
static inline long su_number_before(struct hs *h, int row, int end, int *start)
{
	int c = end;
	while (c > 0 && su_is_digit_cell(h, row, c - 1))
		c--;
	long v = 0;
	for (int i = c; i < end; i++) {
		struct hs_cell cell;
		hs_cell(h, row, i, &cell);
		v = v * 10 + (cell.text[0] - '0');
	}
	if (start)
		*start = c;
	return c == end ? -1 : v;
}

/* The number in large digits at scale whose last digit starts at
 * (row, x); -1 when none is there.  *start is where its first begins. */
static inline long su_big_number_before(struct hs *h, int row, int x, int sc,
					int *start)
{
	long v = 0, mul = 1;
	int d, got = 0;
	while ((d = su_big_digit(h, row, x, sc)) >= 0) {
		v += d * mul;
		mul *= 10;
		*start = x;
		x -= 4 * sc;
		got++;
	}
	return got ? v : -1;
}

/*
 * A large percentage whose '%' starts at (row, col), and the large count
 * before it, at the same scale and on the same rows: false when there is
 * none.  *count is -1 when the count cannot be read.
 */
static inline bool su_read_big_pct(struct hs *h, int row, int col, long *count,
				   int *pct)
{
	for (int sc = 3; sc >= 1; sc--) {
		if (!su_big_glyph_at(h, row, col, sc, SU_BIG_PCT))
			continue;
		int start = col;
		long p = su_big_number_before(h, row, col - 4 * sc, sc, &start);
		if (p < 0)
			continue;
		*pct = (int)p;
		*count = -1;
		for (int g = 1; g <= 6 * sc && *count < 0; g++) {
			int s2;
			*count = su_big_number_before(
				h, row, start - g - 3 * sc, sc, &s2);
		}
		return true;
	}
	return false;
}

/*
 * Reads an item screen's chart, top to bottom: each bar's count and
 * percentage, whether the label is "12 (60%)", large digits beside "60%",
 * or (on a large screen) large digits beside a large percentage.
 * Returns the number of bars; a count of -1 means it could not be read.
 */
static inline int su_read_chart(struct hs *h, long counts[], int pcts[],
				int max)
{
	int n = 0;
	for (int row = 1; row < hs_rows(h) - 1 && n < max; row++) {
		for (int col = 1; col < hs_cols(h) && n < max; col++) {
			if (su_read_big_pct(h, row, col, &counts[n],
					    &pcts[n])) {
				n++;
				continue;
			}
			if (!su_cell_is(h, row, col, "%"))
				continue;
			int start;
			long pct = su_number_before(h, row, col, &start);
			if (pct < 0)
				continue;
			if (su_cell_is(h, row, start - 1, "(")) {
				/* "COUNT (PCT%)" */
				counts[n] = su_number_before(h, row, start - 2,
							     NULL);
			} else {
				/* Large digits end one blank before "NN%", at
				 * whichever scale reads. */
				counts[n] = -1;
				for (int sc = 3; sc >= 1 && counts[n] < 0;
				     sc--) {
					long v = 0, mul = 1;
					int x = start - 1 - 3 * sc, got = 0, d;
					int top =
						row - (su_big_rows(sc) - 1) / 2;
					while ((d = su_big_digit(h, top, x,
								 sc)) >= 0) {
						v += d * mul;
						mul *= 10;
						x -= 4 * sc;
						got++;
					}
					if (got)
						counts[n] = v;
				}
			}
			pcts[n] = (int)pct;
			n++;
		}
	}
	return n;
}

/* Checks the bars on screen against the expected counts, and that the
 * percentages add up to 100 whenever anything is counted. */
static inline void su_expect_chart(struct hs *h, int n, const long *want)
{
	long counts[SU_MAX_BARS];
	int pcts[SU_MAX_BARS];
	int got = su_read_chart(h, counts, pcts, SU_MAX_BARS);
	if (got != n) {
		hs_dump(h, "chart");
		fail_msg("%d bars on screen, expected %d", got, n);
	}
	long total = 0;
	int sum = 0;
	for (int v = 0; v < n; v++) {
		if (counts[v] != want[v]) {
			hs_dump(h, "chart");
			fail_msg("view %d shows %ld, expected %ld", v + 1,
				 counts[v], want[v]);
		}
		total += want[v];
		sum += pcts[v];
	}
	if (total > 0 && sum != 100) {
		hs_dump(h, "chart");
		fail_msg("percentages add up to %d", sum);
	}
	for (int v = 0; v < n && total > 0; v++) {
		/* Each share within a point of the exact one. */
		double exact = 100.0 * (double)want[v] / (double)total;
		assert_true(pcts[v] > exact - 1.0 && pcts[v] < exact + 1.0);
	}
}

#define SU_EXPECT2(h, a, b)                                                    \
	do {                                                                   \
		const long w_[] = {a, b};                                      \
		su_expect_chart(h, 2, w_);                                     \
	} while (0)
#define SU_EXPECT3(h, a, b, c)                                                 \
	do {                                                                   \
		const long w_[] = {a, b, c};                                   \
		su_expect_chart(h, 3, w_);                                     \
	} while (0)

/* Waits, frame by frame, until a chart of two bars reads a, b. */
static inline void su_until_chart(struct hs *h, long a, long b)
{
	for (;;) {
		long counts[SU_MAX_BARS];
		int pcts[SU_MAX_BARS];
		int n = su_read_chart(h, counts, pcts, SU_MAX_BARS);
		if (n == 2 && counts[0] == a && counts[1] == b)
			return;
		if (hs_wait_frame(h) == -1) {
			hs_dump(h, "chart");
			fail_msg("the chart never read %ld, %ld", a, b);
		}
	}
}

/* Whether any cell shows a character outside ASCII. */
static inline bool su_screen_ascii(struct hs *h)
{
	char *t = hs_screen_text(h);
	bool ok = true;
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		if (*p >= 0x80)
			ok = false;
	free(t);
	return ok;
}

/* Writes text to dir/name and returns the path in out. */
static inline void su_write_file(const char *dir, const char *name,
				 const char *text, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", dir, name);
	FILE *f = fopen(out, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

#endif
