/*
 * Crash test: handsup is killed with SIGKILL at random moments of a
 * scripted session and resumed each time; every count that was on screen
 * before the kill must be in the saved session, and the resumed screen
 * must show what the file holds.
 *
 * Each round resumes the session (the first one starts it), presses a
 * random number of keys waiting for each frame, and then kills the program
 * in one of three ways: right after a frame; after writing a few keys that
 * it may or may not have acted on yet; or while it is still starting up.
 *
 * Two models run side by side.  The screen model holds the counts and the
 * position last read off the screen; it is what must survive a kill.  The
 * key model replays each key the way the program should (counts through
 * the project's tally, so undo and redo follow the same rules) and is
 * checked against the screen after every frame.  It exists for the keys in
 * flight at a kill: the file may then hold the state after any prefix of
 * them, and nothing else.
 *
 * Environment: HANDSUP_CRASH_SEED repeats a run, HANDSUP_CRASH_ROUNDS sets
 * the number of rounds (default 200), HANDSUP_CRASH_VERBOSE=1 prints each
 * round.
 */
#include <dirent.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"
#include "core/session.h"
#include "core/tally.h"
#include "base/error.h"
#include "store/session_file.h"

/* The built-in deck: 7 items of 2 views.  Positions: 0 title, 1..7 items,
 * 8 summary, 9 closing. */
#define NITEMS	    7
#define NVIEWS	    2
#define POS_LAST    (NITEMS + 2)
#define ROWS	    12
#define COLS	    40
#define MAX_ACTIONS 15
#define MAX_TAIL    8

/* Keys, one byte each in the script; PgDn and PgUp are sent as sequences. */
#define KEY_NEXT 'N'
#define KEY_PREV 'P'

/* ---- random numbers -------------------------------------------------------- */

static uint64_t rng_state;

/* splitmix64: small, fast, and the same sequence everywhere for a seed. */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int rnd(int n)
{
	return (int)(rng_next() % (uint64_t)n);
}

/* ---- the key model ------------------------------------------------------- */

enum mode { MODE_NORMAL, MODE_ENTRY, MODE_ASK };

struct sim {
	int pos;
	int sel;
	enum mode mode;
	char typed[8];
	struct tally t;
};

/* What a kill may leave on disk: counts and position. */
struct snap {
	int pos;
	long c[NITEMS][NVIEWS];
};

static void sim_init(struct sim *s, const struct snap *from)
{
	static const int nviews[NITEMS] = {2, 2, 2, 2, 2, 2, 2};
	tally_free(&s->t);
	memset(s, 0, sizeof *s);
	assert_int_equal(tally_init(&s->t, NITEMS, nviews, 1), 0);
	for (int i = 0; i < NITEMS; i++)
		for (int v = 0; v < NVIEWS; v++)
			tally_load(&s->t, i, 0, 0, v, from->c[i][v]);
	s->pos = from->pos;
}

static int sim_item(const struct sim *s)
{
	return s->pos >= 1 && s->pos <= NITEMS ? s->pos - 1 : -1;
}

static void sim_snap(const struct sim *s, struct snap *out)
{
	out->pos = s->pos;
	for (int i = 0; i < NITEMS; i++)
		for (int v = 0; v < NVIEWS; v++)
			out->c[i][v] = tally_get(&s->t, i, v);
}

/* An undo or redo shows the item it touched. */
static void sim_touched(struct sim *s, int item)
{
	if (item >= 0)
		s->pos = item + 1;
}

/*
 * One key as handsup takes it.  The script only presses counting keys on
 * an item screen and only PgDn on the others, so the other screens' own
 * keys need no model.
 */
static void sim_key(struct sim *s, int key)
{
	int item = sim_item(s);
	size_t n = strlen(s->typed);
	switch (s->mode) {
	case MODE_ASK:
		/* Any key answers; only y clears. */
		s->mode = MODE_NORMAL;
		if (key == 'y' && item >= 0)
			tally_reset_item(&s->t, item);
		return;
	case MODE_ENTRY:
		if (key >= '0' && key <= '9') {
			if (n == 1 && s->typed[0] == '0')
				n = 0;
			if (n < 6) {
				s->typed[n] = (char)key;
				s->typed[n + 1] = '\0';
			}
		} else if (key == '\r') {
			s->mode = MODE_NORMAL;
			if (n > 0 && item >= 0)
				tally_set(&s->t, item, 0, s->sel,
					  strtol(s->typed, NULL, 10));
		}
		return;
	case MODE_NORMAL:
		break;
	}
	switch (key) {
	case '1':
	case '2':
		if (item >= 0) {
			s->sel = key - '1';
			tally_add(&s->t, item, 0, s->sel, 1);
		}
		break;
	case '+':
	case '-':
		if (item >= 0)
			tally_add(&s->t, item, 0, s->sel, key == '+' ? 1 : -1);
		break;
	case '\t':
		if (item >= 0)
			s->sel = (s->sel + 1) % NVIEWS;
		break;
	case 'c':
	case '\r':
		if (item >= 0) {
			s->mode = MODE_ENTRY;
			s->typed[0] = '\0';
		}
		break;
	case 'x':
		if (item >= 0)
			s->mode = MODE_ASK;
		break;
	case 'u':
		sim_touched(s, tally_undo(&s->t));
		break;
	case 'r':
		sim_touched(s, tally_redo(&s->t));
		break;
	case KEY_NEXT:
	case 'n':
		s->pos = s->pos < POS_LAST ? s->pos + 1 : s->pos;
		break;
	case KEY_PREV:
		s->pos = s->pos > 0 ? s->pos - 1 : s->pos;
		break;
	case 'y':
	case '0':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
		break; /* nothing on these screens */
	default:
		fail_msg("no model for key %d", key);
	}
}

static const char *key_bytes(int key, char buf[2])
{
	if (key == KEY_NEXT)
		return "\x1b[6~";
	if (key == KEY_PREV)
		return "\x1b[5~";
	buf[0] = (char)key;
	buf[1] = '\0';
	return buf;
}

/*
 * One scripted action as its keys.  Counting keys only on item screens;
 * moves stay among the items, where the counts can be read.
 */
static int pick_action(const struct sim *s, int *keys)
{
	int n = 0;
	if (sim_item(s) < 0) {
		keys[n++] = KEY_NEXT;
		return n;
	}
	switch (rnd(12)) {
	case 0:
	case 1:
		keys[n++] = '1';
		break;
	case 2:
	case 3:
		keys[n++] = '2';
		break;
	case 4:
		keys[n++] = rnd(3) ? '+' : '-';
		break;
	case 5:
		keys[n++] = '\t';
		break;
	case 6:
		keys[n++] = 'u';
		break;
	case 7:
		keys[n++] = 'r';
		break;
	case 8:
	case 9:
		if (s->pos == NITEMS)
			keys[n++] = KEY_PREV;
		else if (s->pos == 1)
			keys[n++] = KEY_NEXT;
		else
			keys[n++] = rnd(2) ? KEY_NEXT : KEY_PREV;
		break;
	case 10: {
		keys[n++] = rnd(2) ? 'c' : '\r';
		int digits = 1 + rnd(rnd(4) ? 2 : 6);
		for (int i = 0; i < digits; i++)
			keys[n++] = '0' + rnd(10);
		keys[n++] = '\r';
		break;
	}
	default:
		keys[n++] = 'x';
		keys[n++] = rnd(4) ? 'y' : 'n';
		break;
	}
	return n;
}

/* ---- reading the screen --------------------------------------------------- */

struct shown {
	int pos;
	int sel;
	long c[NVIEWS];
	bool not_saved;
};

/* Position from the top bar's right end: "N / 7", "Title", ... */
static bool parse_pos(const char *row, int *pos)
{
	size_t len = strlen(row);
	if (len >= 5 && strcmp(row + len - 5, "Title") == 0) {
		*pos = 0;
		return true;
	}
	if (len >= 7 && strcmp(row + len - 7, "Summary") == 0) {
		*pos = NITEMS + 1;
		return true;
	}
	if (len >= 7 && strcmp(row + len - 7, "Closing") == 0) {
		*pos = NITEMS + 2;
		return true;
	}
	const char *slash = strstr(row, " / ");
	const char *last = NULL;
	while (slash) {
		last = slash;
		slash = strstr(slash + 1, " / ");
	}
	if (last == NULL || last == row)
		return false;
	const char *p = last;
	while (p > row && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == last || atoi(last + 3) != NITEMS)
		return false;
	*pos = atoi(p);
	return true;
}

/* The count in a chart row "  View 1 ████ COUNT (PCT%)". */
static bool parse_count(const char *row, long *count)
{
	const char *open = strrchr(row, '(');
	if (open == NULL || open - row < 2 || open[-1] != ' ')
		return false;
	const char *end = open - 1, *p = end;
	while (p > row && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == end || (p > row && p[-1] != ' '))
		return false;
	*count = strtol(p, NULL, 10);
	return true;
}

static bool read_screen(struct hs *h, struct shown *out, char *why, size_t cap)
{
	memset(out, 0, sizeof *out);
	out->sel = -1;
	char *top = hs_row_text(h, 0);
	bool ok = top && parse_pos(top, &out->pos);
	out->not_saved = top && strstr(top, "NOT SAVED");
	free(top);
	if (!ok) {
		snprintf(why, cap, "no position in the top bar");
		return false;
	}
	if (out->pos < 1 || out->pos > NITEMS)
		return true;
	for (int v = 0; v < NVIEWS; v++) {
		char label[16];
		snprintf(label, sizeof label, "View %d", v + 1);
		int found = -1;
		for (int r = 1; r < ROWS; r++) {
			char *t = hs_row_text(h, r);
			if (t && strstr(t, label) && strstr(t, "%)"))
				found = r;
			free(t);
		}
		char *t = found >= 0 ? hs_row_text(h, found) : NULL;
		ok = t && parse_count(t, &out->c[v]);
		if (ok && strstr(t, "\u25b6"))
			out->sel = v;
		free(t);
		if (!ok) {
			snprintf(why, cap, "no chart row for %s", label);
			return false;
		}
	}
	return true;
}

/* ---- figures and failures ------------------------------------------------- */

enum kill_kind {
	KILL_AFTER_FRAME,
	KILL_KEYS_IN_FLIGHT,
	KILL_AFTER_PARTIAL,
	KILL_AT_START,
	KILL_KINDS
};

static const char *const kill_names[KILL_KINDS] = {
	"right after a frame", "with keys in flight",
	"one frame into keys in flight", "while starting up"};

struct figures {
	long rounds, kills[KILL_KINDS], keys, frames, counts_checked;
	long screen_checks, tmp_left, ahead, mismatches;
};

static struct figures fig;
static uint64_t seed;
static long round_no;
static bool verbose;

static void mismatch(struct hs *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void mismatch(struct hs *h, const char *fmt, ...)
{
	va_list ap;
	fig.mismatches++;
	fprintf(stderr,
		"crash: MISMATCH in round %ld (seed %" PRIu64 "): ", round_no,
		seed);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (h)
		hs_dump(h, "screen");
}

static void print_snap(const char *what, const struct snap *s)
{
	fprintf(stderr, "  %-10s pos %d:", what, s->pos);
	for (int i = 0; i < NITEMS; i++)
		fprintf(stderr, " %ld/%ld", s->c[i][0], s->c[i][1]);
	fputc('\n', stderr);
}

/* ---- the state folder ------------------------------------------------------ */

struct run {
	char dir[64];
	char path[512]; /* the session file */
	char env_dir[600];
	struct hs *h;
	struct sim sim;
	struct snap seen;  /* the screen model */
	struct snap disk;  /* what the last kill left */
	struct shown last; /* the last screen read */
};

/* Finds the one session file, and counts what else is in the folder. */
static void scan_dir(struct run *r, bool expect_tmp_ok, int *tmp)
{
	DIR *d = opendir(r->dir);
	assert_non_null(d);
	struct dirent *e;
	int sessions = 0;
	*tmp = 0;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			continue;
		if (len > strlen(SESSION_EXT) &&
		    strcmp(n + len - strlen(SESSION_EXT), SESSION_EXT) == 0) {
			sessions++;
			snprintf(r->path, sizeof r->path, "%s/%s", r->dir, n);
			continue;
		}
		if (len > 5 && strcmp(n + len - 5, ".lock") == 0)
			continue;
		if (strstr(n, SESSION_EXT ".tmp.") && expect_tmp_ok) {
			(*tmp)++;
			continue;
		}
		mismatch(NULL, "unexpected file %s in the state folder", n);
	}
	closedir(d);
	if (sessions != 1)
		mismatch(NULL, "%d session files in the state folder",
			 sessions);
}

/* ---- one round -------------------------------------------------------------- */

static void start(struct run *r, bool resume)
{
	static const char *const argv_new[] = {"handsup", "--name", "crash",
					       NULL};
	const char *argv_resume[] = {"handsup", "resume", r->path, NULL};
	const char *const env[] = {r->env_dir, NULL};
	r->h = hs_start(ROWS, COLS, resume ? argv_resume : argv_new, env);
	assert_non_null(r->h);
}

/* Reads the screen after a frame and holds both models to it. */
static void after_frame(struct run *r)
{
	struct shown s;
	char why[80];
	fig.frames++;
	if (!read_screen(r->h, &s, why, sizeof why)) {
		hs_dump(r->h, why);
		fail_msg("round %ld: %s", round_no, why);
	}
	if (s.not_saved)
		mismatch(r->h, "the top bar says NOT SAVED");
	struct snap want;
	sim_snap(&r->sim, &want);
	if (s.pos != want.pos) {
		mismatch(r->h, "screen shows position %d, keys lead to %d",
			 s.pos, want.pos);
		r->sim.pos = s.pos;
	}
	r->seen.pos = s.pos;
	int item = s.pos - 1;
	if (item >= 0 && item < NITEMS) {
		for (int v = 0; v < NVIEWS; v++) {
			fig.screen_checks++;
			if (s.c[v] != want.c[item][v])
				mismatch(r->h,
					 "item %d view %d shows %ld, keys "
					 "lead to %ld",
					 item + 1, v + 1, s.c[v],
					 want.c[item][v]);
			r->seen.c[item][v] = s.c[v];
		}
		if (s.sel != r->sim.sel)
			mismatch(r->h, "view %d selected, keys lead to %d",
				 s.sel + 1, r->sim.sel + 1);
	}
	r->last = s;
}

static void press(struct run *r, int key)
{
	char buf[2];
	if (hs_keys(r->h, key_bytes(key, buf)) < 0)
		fail_msg("round %ld: no frame after key %d: %s", round_no, key,
			 hs_error(r->h));
	fig.keys++;
	sim_key(&r->sim, key);
	after_frame(r);
	if (verbose)
		printf("  key %d: pos %d, shown %ld/%ld\n", key, r->last.pos,
		       r->last.c[0], r->last.c[1]);
}

/*
 * A key for the kill to interrupt: anything the key model knows, so that
 * the file may be checked against every state the keys pass through.
 */
static int pick_tail_key(const struct sim *s)
{
	static const char pool[] = "1122+-\tucxyr0123456789\r";
	if (sim_item(s) < 0)
		return KEY_NEXT;
	if (s->mode == MODE_NORMAL && rnd(6) == 0)
		return s->pos == NITEMS ? KEY_PREV
		       : s->pos == 1	? KEY_NEXT
		       : rnd(2)		? KEY_NEXT
					: KEY_PREV;
	return pool[rnd((int)sizeof pool - 1)];
}

static bool snap_equal(const struct snap *a, const struct snap *b)
{
	if (a->pos != b->pos)
		return false;
	for (int i = 0; i < NITEMS; i++)
		for (int v = 0; v < NVIEWS; v++)
			if (a->c[i][v] != b->c[i][v])
				return false;
	return true;
}

static void load_disk(struct run *r, struct snap *out)
{
	struct session s;
	struct error err;
	if (session_load(&s, r->path, &err) != 0)
		fail_msg("round %ld: the session does not load after a kill: "
			 "line %d: %s",
			 round_no, err.line, err.msg);
	assert_int_equal(s.nitems, NITEMS);
	out->pos = s.current;
	for (int i = 0; i < NITEMS; i++) {
		assert_int_equal(s.items[i].nviews, NVIEWS);
		for (int v = 0; v < NVIEWS; v++)
			out->c[i][v] = tally_get(&s.tally, i, v);
	}
	session_free(&s);
}

/*
 * Checks the file against the states it may hold: cand[lo..n).  Each
 * count of the screen model is compared, so the figure counts them.
 */
static void check_disk(struct run *r, const struct snap *cand, int lo, int n)
{
	load_disk(r, &r->disk);
	fig.counts_checked += NITEMS * NVIEWS;
	/* From here the file is what was shown: the next round checks
	 * the resumed screen against it. */
	r->seen = r->disk;
	for (int i = lo; i < n; i++) {
		if (snap_equal(&r->disk, &cand[i])) {
			/* Evidence that kills land amid the keys in flight. */
			if (!snap_equal(&r->disk, &cand[0]))
				fig.ahead++;
			return;
		}
	}
	mismatch(NULL,
		 "the saved session is none of the %d states it may "
		 "hold",
		 n - lo);
	print_snap("saved", &r->disk);
	for (int i = lo; i < n; i++)
		print_snap(i == 0 ? "on screen" : "then", &cand[i]);
}

static void kill_now(struct run *r)
{
	int status = 0;
	assert_int_equal(kill(hs_pid(r->h), SIGKILL), 0);
	hs_finish(r->h, &status);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		fail_msg("round %ld: handsup ended with status 0x%x before "
			 "the kill",
			 round_no, status);
	hs_free(r->h);
	r->h = NULL;
}

/* The resumed screen must show what the file holds. */
static void check_resumed(struct run *r)
{
	struct shown s;
	char why[80];
	if (!read_screen(r->h, &s, why, sizeof why)) {
		hs_dump(r->h, why);
		fail_msg("round %ld: resumed screen: %s", round_no, why);
	}
	fig.frames++;
	if (s.pos != r->disk.pos)
		mismatch(r->h, "resumed at position %d, the file says %d",
			 s.pos, r->disk.pos);
	int item = s.pos - 1;
	if (item >= 0 && item < NITEMS) {
		for (int v = 0; v < NVIEWS; v++) {
			fig.screen_checks++;
			if (s.c[v] != r->disk.c[item][v])
				mismatch(r->h,
					 "resumed item %d view %d shows "
					 "%ld, the file holds %ld",
					 item + 1, v + 1, s.c[v],
					 r->disk.c[item][v]);
		}
	}
	if (!hs_screen_contains(r->h, "Resumed"))
		mismatch(r->h, "no \"Resumed\" message");
	r->last = s;
}

/* Mostly kills amid keys; a few during start-up, which never saves. */
static enum kill_kind pick_kill(bool resumed)
{
	int x = rnd(20);
	if (x < 2)
		return resumed ? KILL_AT_START : KILL_AFTER_FRAME;
	if (x < 8)
		return KILL_AFTER_FRAME;
	return x < 15 ? KILL_KEYS_IN_FLIGHT : KILL_AFTER_PARTIAL;
}

static void one_round(struct run *r)
{
	int tmp;
	enum kill_kind kind;
	if (round_no == 0) {
		start(r, false);
		if (hs_wait_frame(r->h) < 0)
			fail_msg("no first frame: %s", hs_error(r->h));
		scan_dir(r, false, &tmp);
		load_disk(r, &r->disk);
		struct snap zero;
		memset(&zero, 0, sizeof zero);
		assert_true(snap_equal(&r->disk, &zero));
		r->seen = zero;
		sim_init(&r->sim, &zero);
		after_frame(r);
		kind = pick_kill(false);
	} else {
		scan_dir(r, true, &tmp);
		fig.tmp_left += tmp > 0;
		kind = pick_kill(true);
		start(r, true);
		if (kind == KILL_AT_START) {
			kill_now(r);
			fig.kills[kind]++;
			struct snap before = r->seen;
			check_disk(r, &before, 0, 1);
			return;
		}
		if (hs_wait_frame(r->h) < 0)
			fail_msg("round %ld: no first frame after resuming: %s",
				 round_no, hs_error(r->h));
		check_resumed(r);
		/* The folder once the resumed program has tidied it. */
		scan_dir(r, false, &tmp);
		sim_init(&r->sim, &r->disk);
		if (sim_item(&r->sim) >= 0 && r->last.sel != 0)
			mismatch(r->h, "view %d selected after resuming",
				 r->last.sel + 1);
	}
	int nact = rnd(MAX_ACTIONS + 1);
	for (int a = 0; a < nact; a++) {
		int keys[16];
		int n = pick_action(&r->sim, keys);
		for (int k = 0; k < n; k++)
			press(r, keys[k]);
	}

	struct snap cand[MAX_TAIL + 1];
	int ncand = 1, lo = 0;
	cand[0] = r->seen;
	if (kind != KILL_AFTER_FRAME) {
		int n = 1 + rnd(MAX_TAIL);
		for (int k = 0; k < n; k++) {
			char buf[2];
			int key = pick_tail_key(&r->sim);
			assert_int_equal(hs_send(r->h, key_bytes(key, buf)), 0);
			fig.keys++;
			sim_key(&r->sim, key);
			sim_snap(&r->sim, &cand[ncand++]);
			if (verbose)
				printf("  key %d in flight\n", key);
		}
		if (kind == KILL_AFTER_PARTIAL) {
			if (hs_wait_frame(r->h) < 0)
				fail_msg("round %ld: no frame after keys: %s",
					 round_no, hs_error(r->h));
			/* This frame is on screen too: the file may not
			 * hold anything older. */
			struct shown s;
			char why[80];
			if (!read_screen(r->h, &s, why, sizeof why))
				fail_msg("round %ld: %s", round_no, why);
			fig.frames++;
			while (lo < ncand) {
				int item = s.pos - 1;
				bool same = cand[lo].pos == s.pos;
				for (int v = 0; same && item >= 0 &&
						item < NITEMS && v < NVIEWS;
				     v++)
					same = cand[lo].c[item][v] == s.c[v];
				if (same)
					break;
				lo++;
			}
			if (lo == ncand) {
				mismatch(r->h,
					 "the screen after keys in flight "
					 "matches none of their states");
				lo = 0;
			}
		}
	}
	kill_now(r);
	fig.kills[kind]++;
	check_disk(r, cand, lo, ncand);
	if (verbose)
		printf("round %ld: %d actions, killed %s\n", round_no, nact,
		       kill_names[kind]);
}

/* ---- the test ---------------------------------------------------------------- */

static long env_long(const char *name, long dflt)
{
	const char *s = getenv(name);
	return s && *s ? strtol(s, NULL, 10) : dflt;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	char p[600];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
			unlink(p);
		}
	}
	closedir(d);
	rmdir(dir);
}

static void test_kill_and_resume(void **state)
{
	(void)state;
	static struct run r;
	struct timespec t0, t1;
	long rounds = env_long("HANDSUP_CRASH_ROUNDS", 200);
	const char *s = getenv("HANDSUP_CRASH_SEED");
	seed = s && *s ? strtoull(s, NULL, 10)
		       : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	rng_state = seed;
	verbose = env_long("HANDSUP_CRASH_VERBOSE", 0) > 0;
	printf("crash: seed %" PRIu64 " (HANDSUP_CRASH_SEED=%" PRIu64
	       " repeats it), %ld rounds\n",
	       seed, seed, rounds);
	fflush(stdout);

	const char *tmp = getenv("TMPDIR");
	snprintf(r.dir, sizeof r.dir, "%s/handsup-crash-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	assert_non_null(mkdtemp(r.dir));
	snprintf(r.env_dir, sizeof r.env_dir, "HANDSUP_STATE_DIR=%s", r.dir);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (round_no = 0; round_no < rounds; round_no++) {
		one_round(&r);
		fig.rounds++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

	long kills = 0;
	for (int k = 0; k < KILL_KINDS; k++)
		kills += fig.kills[k];
	printf("crash: %ld rounds, %ld kills (", fig.rounds, kills);
	for (int k = 0; k < KILL_KINDS; k++)
		printf("%s%ld %s", k ? "; " : "", fig.kills[k], kill_names[k]);
	printf(")\n");
	printf("crash: %ld keys, %ld frames read, %ld counts on screen "
	       "checked against the keys\n",
	       fig.keys, fig.frames, fig.screen_checks);
	printf("crash: %ld saved counts checked after kills; %ld kills left "
	       "a temporary file (removed on resume), %ld a file ahead of "
	       "the screen\n",
	       fig.counts_checked, fig.tmp_left, fig.ahead);
	printf("crash: %ld mismatches, %.1f s (seed %" PRIu64 ")\n",
	       fig.mismatches, secs, seed);
	fflush(stdout);
	if (fig.mismatches == 0)
		remove_dir(r.dir);
	else
		printf("crash: state folder kept: %s\n", r.dir);
	tally_free(&r.sim.t);
	assert_int_equal(fig.mismatches, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kill_and_resume),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
