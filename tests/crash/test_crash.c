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
 * The built-in deck counts four groups: hands go to the active group, g
 * and G switch it, and n starts a new round of an item after a question.
 * Undo stops at a round's start and removes the round only on a second u.
 *
 * Two models run side by side.  The key model replays each key the way
 * the program should (counts through the project's tally, so undo and
 * redo follow the same rules; the active group, the rounds, the open
 * question and the undo that waits for a second u are its own) and is
 * checked against the screen after every frame.  The screen model is the
 * state the last frame showed: what the frame shows of it is read off the
 * screen, the rest (other items, earlier rounds, the views of the groups
 * not counting) comes from the key model that the frame was held to.  It
 * is what must survive a kill.  The key model exists for the keys in
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

/* The built-in deck: 7 items of 2 views, 4 groups.  Positions: 0 title,
 * 1..7 items, 8 summary, 9 closing. */
#define NITEMS	    7
#define NVIEWS	    2
#define NGROUPS	    4
#define NROUNDS	    TALLY_MAX_ROUNDS
#define POS_LAST    (NITEMS + 2)
#define ROWS	    12
#define COLS	    40
#define MAX_ACTIONS 15
#define MAX_TAIL    8

static const char *const group_names[NGROUPS] = {
	"Sales Training", "Product Marketing", "Sales Operations",
	"Sales Leadership"};

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

enum mode { MODE_NORMAL, MODE_ENTRY, MODE_ASK_RESET, MODE_ASK_ROUND };

struct sim {
	int pos;
	int sel;
	int active; /* the group hands count for */
	enum mode mode;
	bool armed; /* undo stopped at a round's start: u again removes it */
	char typed[8];
	char status[80]; /* what the status line must say ("": any) */
	struct tally t;
	/* What the keys did, for the figures. */
	long switches, started, removed, restored;
};

/*
 * What a kill may leave on disk: every count per item, round, group and
 * view (rounds an item does not have hold zeros), each item's number of
 * rounds, the active group and the position.
 */
struct snap {
	int pos;
	int active;
	int nrounds[NITEMS];
	long c[NITEMS][NROUNDS][NGROUPS][NVIEWS];
};

static void snap_zero(struct snap *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < NITEMS; i++)
		s->nrounds[i] = 1;
}

static void sim_init(struct sim *s, const struct snap *from)
{
	static const int nviews[NITEMS] = {2, 2, 2, 2, 2, 2, 2};
	tally_free(&s->t);
	memset(s, 0, sizeof *s);
	assert_int_equal(tally_init(&s->t, NITEMS, nviews, NGROUPS), 0);
	for (int i = 0; i < NITEMS; i++) {
		for (int r = 0; r < from->nrounds[i]; r++)
			for (int g = 0; g < NGROUPS; g++)
				for (int v = 0; v < NVIEWS; v++)
					assert_true(tally_load(
						&s->t, i, r, g, v,
						from->c[i][r][g][v]));
		assert_int_equal(tally_rounds(&s->t, i), from->nrounds[i]);
	}
	s->pos = from->pos;
	s->active = from->active;
}

static int sim_item(const struct sim *s)
{
	return s->pos >= 1 && s->pos <= NITEMS ? s->pos - 1 : -1;
}

static void sim_snap(const struct sim *s, struct snap *out)
{
	memset(out, 0, sizeof *out);
	out->pos = s->pos;
	out->active = s->active;
	for (int i = 0; i < NITEMS; i++) {
		out->nrounds[i] = tally_rounds(&s->t, i);
		for (int r = 0; r < NROUNDS; r++)
			for (int g = 0; g < NGROUPS; g++)
				for (int v = 0; v < NVIEWS; v++)
					out->c[i][r][g][v] =
						tally_cell(&s->t, i, r, g, v);
	}
}

/* Whether n on the current item asks to start a round, as app.c says. */
static bool sim_can_round(const struct sim *s)
{
	int item = sim_item(s);
	return item >= 0 && tally_item_counted(&s->t, item) &&
	       tally_rounds(&s->t, item) < TALLY_MAX_ROUNDS;
}

/*
 * Undo and redo show the item they touch.  An undo that reaches a
 * round's start only arms: it goes to the item and says so, and the
 * next u (with nothing in between that clears the arming) removes it.
 */
static void sim_undo_redo(struct sim *s, bool undo)
{
	const struct tally_change *c =
		undo ? tally_undo_peek(&s->t) : tally_redo_peek(&s->t);
	if (c == NULL)
		return;
	int item = c->item, round = c->round;
	bool is_round = c->kind == TALLY_ROUND;
	if (undo && is_round && !s->armed) {
		s->armed = true;
		s->pos = item + 1;
		snprintf(s->status, sizeof s->status,
			 "u again removes round %d of item %d", round + 1,
			 item + 1);
		return;
	}
	s->armed = false;
	if (undo)
		tally_undo(&s->t);
	else
		tally_redo(&s->t);
	if (is_round && undo)
		s->removed++;
	else if (is_round)
		s->restored++;
	s->pos = item + 1;
}

static void sim_group(struct sim *s, int delta)
{
	s->active = ((s->active + delta) % NGROUPS + NGROUPS) % NGROUPS;
	s->armed = false;
	s->switches++;
	snprintf(s->status, sizeof s->status, "Counting %s",
		 group_names[s->active]);
}

/* An answer to the open question: anything but y is a no. */
static void sim_answer(struct sim *s, int key)
{
	int item = sim_item(s);
	enum mode asked = s->mode;
	s->mode = MODE_NORMAL;
	if (key != 'y' || item < 0)
		return;
	if (asked == MODE_ASK_RESET) {
		s->armed = false;
		tally_reset_item(&s->t, item);
	} else if (sim_can_round(s)) {
		s->armed = false;
		assert_true(tally_new_round(&s->t, item));
		s->started++;
	}
}

static void sim_entry(struct sim *s, int key)
{
	int item = sim_item(s);
	size_t n = strlen(s->typed);
	if (key >= '0' && key <= '9') {
		if (n == 1 && s->typed[0] == '0')
			n = 0;
		if (n < 6) {
			s->typed[n] = (char)key;
			s->typed[n + 1] = '\0';
		}
	} else if (key == '\r') {
		s->mode = MODE_NORMAL;
		if (n > 0 && item >= 0) {
			s->armed = false;
			tally_set(&s->t, item, s->active, s->sel,
				  strtol(s->typed, NULL, 10));
		}
	}
	/* Any other key does nothing while a count is typed. */
}

/*
 * One key as handsup takes it.  The script only presses counting keys on
 * an item screen and only PgDn on the others, so the other screens' own
 * keys need no model.
 */
static void sim_key(struct sim *s, int key)
{
	int item = sim_item(s);
	s->status[0] = '\0';
	switch (s->mode) {
	case MODE_ASK_RESET:
	case MODE_ASK_ROUND:
		sim_answer(s, key);
		return;
	case MODE_ENTRY:
		sim_entry(s, key);
		return;
	case MODE_NORMAL:
		break;
	}
	switch (key) {
	case '1':
	case '2':
		if (item >= 0) {
			s->sel = key - '1';
			s->armed = false;
			tally_add(&s->t, item, s->active, s->sel, 1);
		}
		break;
	case '+':
	case '-':
		if (item >= 0) {
			s->armed = false;
			tally_add(&s->t, item, s->active, s->sel,
				  key == '+' ? 1 : -1);
		}
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
		if (item >= 0) {
			s->mode = MODE_ASK_RESET;
			snprintf(s->status, sizeof s->status,
				 "Clear every count of this item? y / n");
		}
		break;
	case 'n':
		/* Asks only when a round can start; else a message. */
		if (sim_can_round(s)) {
			s->mode = MODE_ASK_ROUND;
			snprintf(s->status, sizeof s->status,
				 "Start round %d of this item?",
				 tally_rounds(&s->t, item) + 1);
		}
		break;
	case 'g':
	case 'G':
		sim_group(s, key == 'g' ? 1 : -1);
		break;
	case 'u':
	case 'r':
		sim_undo_redo(s, key == 'u');
		break;
	case KEY_NEXT:
		s->pos = s->pos < POS_LAST ? s->pos + 1 : s->pos;
		break;
	case KEY_PREV:
		s->pos = s->pos > 0 ? s->pos - 1 : s->pos;
		break;
	case 'y':
	case '0':
	case '3': /* a view this item does not have: a message */
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

/* A no to a question: n, or a stray key, which must not act. */
static int pick_no(void)
{
	static const char no[] = "nnn1g";
	return no[rnd((int)sizeof no - 1)];
}

/*
 * Keys between an undo that stopped at a round's start and the next u:
 * none, some that leave that undo waiting (Tab, a move, a redo with
 * nothing to redo, a question answered no), and some that clear it (a
 * group switch, a hand).  The position is the item's.
 */
static int add_between(const struct sim *s, int *keys, int n)
{
	switch (rnd(8)) {
	case 0:
	case 1:
		break;
	case 2:
		keys[n++] = '\t';
		break;
	case 3:
		keys[n++] = s->pos == NITEMS ? KEY_PREV : KEY_NEXT;
		break;
	case 4:
		keys[n++] = 'r';
		break;
	case 5:
		keys[n++] = 'x';
		keys[n++] = pick_no();
		break;
	case 6:
		keys[n++] = rnd(2) ? 'g' : 'G';
		break;
	default:
		keys[n++] = rnd(2) ? '1' : '-';
		break;
	}
	return n;
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
	switch (rnd(20)) {
	case 0:
	case 1:
	case 2:
		keys[n++] = '1';
		break;
	case 3:
	case 4:
	case 5:
		keys[n++] = '2';
		break;
	case 6:
		keys[n++] = rnd(3) ? '+' : '-';
		break;
	case 7:
		keys[n++] = '\t';
		break;
	case 8:
	case 9:
		/* Twice at times: the second u of a round's start; and then
		 * a redo, which may start the round again. */
		keys[n++] = 'u';
		if (rnd(3) == 0)
			keys[n++] = 'u';
		if (n == 2 && rnd(3) == 0)
			keys[n++] = 'r';
		break;
	case 10:
		keys[n++] = 'r';
		break;
	case 11:
	case 12:
		if (s->pos == NITEMS)
			keys[n++] = KEY_PREV;
		else if (s->pos == 1)
			keys[n++] = KEY_NEXT;
		else
			keys[n++] = rnd(2) ? KEY_NEXT : KEY_PREV;
		break;
	case 13: {
		keys[n++] = rnd(2) ? 'c' : '\r';
		int digits = 1 + rnd(rnd(4) ? 2 : 6);
		for (int i = 0; i < digits; i++)
			keys[n++] = '0' + rnd(10);
		keys[n++] = '\r';
		break;
	}
	case 14:
		keys[n++] = 'x';
		keys[n++] = rnd(4) ? 'y' : pick_no();
		break;
	case 15:
	case 16:
	case 17:
	case 18:
		keys[n++] = rnd(3) ? 'g' : 'G';
		break;
	default:
		/* The question comes only when a round can start. */
		keys[n++] = 'n';
		if (sim_can_round(s))
			keys[n++] = rnd(2) ? 'y' : pick_no();
		/* At times an undo of the new round, which stops at its
		 * start; then a key that may or may not clear that. */
		if (keys[n - 1] == 'y' && rnd(2)) {
			keys[n++] = 'u';
			n = add_between(s, keys, n);
			keys[n++] = 'u';
		}
		break;
	}
	return n;
}

/* ---- reading the screen --------------------------------------------------- */

/* One split row below the chart: a group's (or the room's) share. */
struct split {
	int group; /* -1: the room */
	bool marked;
	int pct[NVIEWS];
	long hands;
};

struct shown {
	int pos;
	int sel;
	int active;	/* the group the banner names; -1: no banner */
	long c[NVIEWS]; /* the chart: the active group's current round */
	int round;	/* "Round N:" below the chart; 1 without that line */
	int nsplit;	/* split rows, in the order shown */
	struct split split[NGROUPS + 1];
	bool not_saved;
	char status[COLS * 4 + 1];
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

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Whether text begins with a name as a column shows it: whole, followed
 * by a blank or the end, or cut short with "…" at 40 columns.
 */
static bool shows_name(const char *text, const char *name)
{
	size_t len = strlen(name);
	if (strncmp(text, name, len) == 0 &&
	    (text[len] == ' ' || text[len] == '\0'))
		return true;
	const char *cut = strstr(text, "\u2026");
	size_t k = cut ? (size_t)(cut - text) : 0;
	return k > 0 && k < len && strncmp(text, name, k) == 0;
}

/*
 * A split row: " ▶ NAME  BAR  P1%  P2%  HANDS" ("-" for the shares of a
 * group without hands), the marker on the active group only.  Read from the right, where the figures are; *name is left
 * at the name's start.
 */
static bool parse_split(const char *row, struct split *sp, const char **name)
{
	const char *end = row + strlen(row), *p = end;
	while (p > row && is_digit(p[-1]))
		p--;
	if (p == end || p == row || p[-1] != ' ')
		return false;
	sp->hands = strtol(p, NULL, 10);
	for (int v = NVIEWS - 1; v >= 0; v--) {
		while (p > row && p[-1] == ' ')
			p--;
		/* A row without hands shows "-", not a share. */
		if (p > row + 1 && p[-1] == '-' && p[-2] == ' ') {
			sp->pct[v] = 0;
			p--;
			continue;
		}
		if (p == row || p[-1] != '%')
			return false;
		const char *digits_end = --p;
		while (p > row && is_digit(p[-1]))
			p--;
		if (p == digits_end || p == row || p[-1] != ' ')
			return false;
		sp->pct[v] = atoi(p);
	}
	if (strncmp(row, " \u25b6 ", 5) == 0) {
		sp->marked = true;
		*name = row + 5;
	} else if (strncmp(row, "   ", 3) == 0) {
		sp->marked = false;
		*name = row + 3;
	} else {
		return false;
	}
	return true;
}

/* The banner " ▶ COUNTING: NAME": the group it names, or -1. */
static int parse_banner(const char *row)
{
	const char *p = strstr(row, "COUNTING: ");
	if (p == NULL)
		return -1;
	p += strlen("COUNTING: ");
	for (int g = 0; g < NGROUPS; g++)
		if (shows_name(p, group_names[g]))
			return g;
	return -2; /* a banner, but no group's name */
}

/*
 * The split rows below the chart, in order: groups in group order (the
 * layout leaves some out when space runs short), then the room.  Each
 * row's name is the first group after the last row's that it may show.
 */
static bool read_splits(struct hs *h, int from, struct shown *out, char *why,
			size_t cap)
{
	int next = 0;
	bool room = false;
	for (int r = from; r < ROWS - 1; r++) {
		char *t = hs_row_text(h, r);
		struct split sp;
		const char *name;
		bool ok = t && parse_split(t, &sp, &name);
		if (ok && room) {
			snprintf(why, cap, "split row %d below the room's", r);
			free(t);
			return false;
		}
		if (ok && shows_name(name, "Room")) {
			sp.group = -1;
			room = true;
		} else if (ok) {
			while (next < NGROUPS &&
			       !shows_name(name, group_names[next]))
				next++;
			if (next == NGROUPS) {
				snprintf(why, cap,
					 "split row %d names no group after "
					 "the last one",
					 r);
				free(t);
				return false;
			}
			sp.group = next++;
		}
		if (ok)
			out->split[out->nsplit++] = sp;
		free(t);
	}
	if (!room) {
		snprintf(why, cap, "no split row for the room");
		return false;
	}
	return true;
}

/* "Round N: ..." below the chart, from the second round on. */
static int parse_round(const char *row)
{
	if (strncmp(row, " Round ", 7) != 0 || !is_digit(row[7]))
		return 0;
	char *end;
	long n = strtol(row + 7, &end, 10);
	return *end == ':' ? (int)n : 0;
}

static bool read_screen(struct hs *h, struct shown *out, char *why, size_t cap)
{
	memset(out, 0, sizeof *out);
	out->sel = -1;
	out->active = -1;
	out->round = 1;
	char *top = hs_row_text(h, 0);
	bool ok = top && parse_pos(top, &out->pos);
	out->not_saved = top && strstr(top, "NOT SAVED");
	free(top);
	char *status = hs_row_text(h, ROWS - 1);
	snprintf(out->status, sizeof out->status, "%s", status ? status : "");
	free(status);
	if (!ok) {
		snprintf(why, cap, "no position in the top bar");
		return false;
	}
	if (out->pos < 1 || out->pos > NITEMS)
		return true;
	int chart_end = 0;
	for (int v = 0; v < NVIEWS; v++) {
		char label[16];
		snprintf(label, sizeof label, "View %d", v + 1);
		int found = -1;
		for (int r = 1; r < ROWS - 1; r++) {
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
		chart_end = found + 1 > chart_end ? found + 1 : chart_end;
	}
	for (int r = 1; r < ROWS - 1; r++) {
		char *t = hs_row_text(h, r);
		if (t && out->active == -1)
			out->active = parse_banner(t);
		if (t && r >= chart_end && parse_round(t) > 0)
			out->round = parse_round(t);
		free(t);
	}
	return read_splits(h, chart_end, out, why, cap);
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

/* What the keys did: pressed and seen on a frame, or still in flight. */
struct events {
	long switches, started, removed, restored;
};

struct figures {
	long rounds, kills[KILL_KINDS], keys, frames, counts_checked;
	long group_views, group_hands, room_hands;
	long rows_left_out;
	struct events pressed, in_flight;
	long tmp_left, ahead, mismatches;
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
	fprintf(stderr, "  %-10s pos %d, counting group %d:", what, s->pos,
		s->active + 1);
	for (int i = 0; i < NITEMS; i++) {
		fprintf(stderr, " [");
		for (int r = 0; r < s->nrounds[i]; r++) {
			fprintf(stderr, "%s", r ? " |" : "");
			for (int g = 0; g < NGROUPS; g++)
				fprintf(stderr, " %ld/%ld", s->c[i][r][g][0],
					s->c[i][r][g][1]);
		}
		fprintf(stderr, " ]");
	}
	fputc('\n', stderr);
}

/* Takes the sim's events into the figures. */
static void take_events(struct sim *s, struct events *e)
{
	e->switches += s->switches;
	e->started += s->started;
	e->removed += s->removed;
	e->restored += s->restored;
	s->switches = s->started = s->removed = s->restored = 0;
}

/* ---- a screen against a state ------------------------------------------- */

/* What a screen and a state disagree on, and what was compared. */
struct diffs {
	int n;
	char text[1024];
	long views, hands, room, left_out;
};

static void differ(struct diffs *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void differ(struct diffs *d, const char *fmt, ...)
{
	va_list ap;
	size_t len = strlen(d->text);
	d->n++;
	if (len + 3 >= sizeof d->text)
		return;
	if (len > 0) {
		memcpy(d->text + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(d->text + len, sizeof d->text - len, fmt, ap);
	va_end(ap);
}

static const char *group_name(int g)
{
	return g == -1		       ? "Room"
	       : g >= 0 && g < NGROUPS ? group_names[g]
				       : "(no group)";
}

/* Percentages as the item screen works them out: of the hands. */
static void percent_of(const long *counts, int *pct)
{
	long units[NVIEWS + 1];
	int out[NVIEWS + 1];
	memcpy(units, counts, sizeof(long) * NVIEWS);
	units[NVIEWS] = 0; /* no headcount: nobody without a hand */
	tally_percent(units, NVIEWS + 1, out);
	memcpy(pct, out, sizeof(int) * NVIEWS);
}

/*
 * Holds what a screen shows to a state: the position; on an item, the
 * banner's group, the chart (the active group's current round), the
 * round, and each split row's hands and percentages, the active group's
 * row being shown and the only one marked.
 */
static void compare(const struct shown *s, const struct snap *w,
		    struct diffs *d)
{
	memset(d, 0, sizeof *d);
	if (s->pos != w->pos) {
		differ(d, "position %d, not %d", s->pos, w->pos);
		return;
	}
	int item = s->pos - 1;
	if (item < 0 || item >= NITEMS)
		return;
	const long(*cur)[NVIEWS] = w->c[item][w->nrounds[item] - 1];
	if (s->active != w->active)
		differ(d, "the banner counts %s, not %s",
		       s->active >= 0	 ? group_names[s->active]
		       : s->active == -1 ? "(no banner)"
					 : "(no group)",
		       group_names[w->active]);
	for (int v = 0; v < NVIEWS; v++) {
		d->views++;
		if (s->c[v] != cur[w->active][v])
			differ(d, "the chart's View %d shows %ld, not %ld",
			       v + 1, s->c[v], cur[w->active][v]);
	}
	if (s->round != w->nrounds[item])
		differ(d, "round %d shown, not %d", s->round, w->nrounds[item]);
	long room[NVIEWS] = {0};
	for (int g = 0; g < NGROUPS; g++)
		for (int v = 0; v < NVIEWS; v++)
			room[v] += cur[g][v];
	bool active_shown = false;
	int groups_shown = 0;
	for (int k = 0; k < s->nsplit; k++) {
		const struct split *sp = &s->split[k];
		const long *counts = sp->group < 0 ? room : cur[sp->group];
		long hands = 0;
		int pct[NVIEWS];
		for (int v = 0; v < NVIEWS; v++)
			hands += counts[v];
		percent_of(counts, pct);
		if (sp->group < 0) {
			d->room++;
		} else {
			d->hands++;
			groups_shown++;
		}
		if (sp->hands != hands)
			differ(d, "%s's row counts %ld hands, not %ld",
			       group_name(sp->group), sp->hands, hands);
		for (int v = 0; v < NVIEWS; v++)
			if (sp->pct[v] != pct[v])
				differ(d,
				       "%s's row shows View %d at %d%%, "
				       "not %d%%",
				       group_name(sp->group), v + 1, sp->pct[v],
				       pct[v]);
		bool is_active = sp->group == w->active;
		active_shown = active_shown || is_active;
		if (sp->marked != is_active)
			differ(d, "%s's row is %smarked", group_name(sp->group),
			       sp->marked ? "" : "not ");
	}
	if (!active_shown)
		differ(d, "no split row for %s, which is counting",
		       group_name(w->active));
	d->left_out = NGROUPS - groups_shown;
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
	struct diffs d;
	sim_snap(&r->sim, &want);
	compare(&s, &want, &d);
	fig.group_views += d.views;
	fig.group_hands += d.hands;
	fig.room_hands += d.room;
	fig.rows_left_out += d.left_out;
	if (d.n > 0) {
		mismatch(r->h, "the screen and the keys disagree: %s", d.text);
		print_snap("keys", &want);
	}
	/* The screen model: what this frame showed, the rest as the keys
	 * that it was held to left it. */
	r->seen = want;
	r->seen.pos = s.pos;
	if (s.pos != want.pos)
		r->sim.pos = s.pos;
	int item = s.pos - 1;
	if (item >= 0 && item < NITEMS) {
		if (s.active >= 0 && s.active != want.active)
			r->sim.active = r->seen.active = s.active;
		int round = want.nrounds[item] - 1;
		for (int v = 0; v < NVIEWS; v++)
			r->seen.c[item][round][r->seen.active][v] = s.c[v];
		if (s.sel != r->sim.sel)
			mismatch(r->h, "view %d selected, keys lead to %d",
				 s.sel + 1, r->sim.sel + 1);
	}
	if (r->sim.status[0] && !strstr(s.status, r->sim.status))
		mismatch(r->h, "the status line does not say \"%s\"",
			 r->sim.status);
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
	take_events(&r->sim, &fig.pressed);
	after_frame(r);
	if (verbose)
		printf("  key %d: pos %d, group %d, shown %ld/%ld\n", key,
		       r->last.pos, r->last.active + 1, r->last.c[0],
		       r->last.c[1]);
}

/*
 * A key for the kill to interrupt: anything the key model knows, so that
 * the file may be checked against every state the keys pass through.
 */
static int pick_tail_key(const struct sim *s)
{
	static const char pool[] = "1122+-\tuucxyyr0123456789\rgGn";
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
	if (a->pos != b->pos || a->active != b->active)
		return false;
	for (int i = 0; i < NITEMS; i++) {
		if (a->nrounds[i] != b->nrounds[i])
			return false;
		for (int r = 0; r < NROUNDS; r++)
			for (int g = 0; g < NGROUPS; g++)
				for (int v = 0; v < NVIEWS; v++)
					if (a->c[i][r][g][v] !=
					    b->c[i][r][g][v])
						return false;
	}
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
	assert_int_equal(s.ngroups, NGROUPS);
	for (int g = 0; g < NGROUPS; g++)
		assert_string_equal(s.groups[g], group_names[g]);
	memset(out, 0, sizeof *out);
	out->pos = s.current;
	out->active = s.active;
	for (int i = 0; i < NITEMS; i++) {
		assert_int_equal(s.items[i].nviews, NVIEWS);
		out->nrounds[i] = tally_rounds(&s.tally, i);
		assert_in_range(out->nrounds[i], 1, NROUNDS);
		for (int rd = 0; rd < out->nrounds[i]; rd++)
			for (int g = 0; g < NGROUPS; g++)
				for (int v = 0; v < NVIEWS; v++)
					out->c[i][rd][g][v] = tally_cell(
						&s.tally, i, rd, g, v);
	}
	session_free(&s);
}

/*
 * Checks the file against the states it may hold: cand[lo..n).  Every
 * count of every item, round, group and view is compared, so the figure
 * counts them.
 */
static void check_disk(struct run *r, const struct snap *cand, int lo, int n)
{
	load_disk(r, &r->disk);
	for (int i = 0; i < NITEMS; i++)
		fig.counts_checked += r->disk.nrounds[i] * NGROUPS * NVIEWS;
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
	struct diffs d;
	compare(&s, &r->disk, &d);
	fig.group_views += d.views;
	fig.group_hands += d.hands;
	fig.room_hands += d.room;
	fig.rows_left_out += d.left_out;
	if (d.n > 0) {
		mismatch(r->h, "the resumed screen and the file disagree: %s",
			 d.text);
		print_snap("saved", &r->disk);
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
		snap_zero(&zero);
		if (!snap_equal(&r->disk, &zero)) {
			mismatch(NULL, "a new session that holds counts");
			print_snap("saved", &r->disk);
		}
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
			take_events(&r->sim, &fig.in_flight);
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
			struct diffs d;
			while (lo < ncand) {
				compare(&s, &cand[lo], &d);
				if (d.n == 0)
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
	printf("crash: %ld keys, %ld frames read\n", fig.keys, fig.frames);
	printf("crash: keys waited for made %ld group switches and started "
	       "%ld rounds of items (%ld removed by a second u, %ld started "
	       "again by redo); keys in flight at kills: %ld group switches, "
	       "rounds started: %ld\n",
	       fig.pressed.switches, fig.pressed.started, fig.pressed.removed,
	       fig.pressed.restored, fig.in_flight.switches,
	       fig.in_flight.started + fig.in_flight.restored);
	printf("crash: %ld per-group counts on screen checked (%ld of the "
	       "counting group's views in the chart, %ld groups' hands in "
	       "their rows; %ld rows left out by the layout), and %ld of the "
	       "room's hands\n",
	       fig.group_views + fig.group_hands, fig.group_views,
	       fig.group_hands, fig.rows_left_out, fig.room_hands);
	printf("crash: %ld saved counts (item x round x group x view) "
	       "checked after kills; %ld kills left a temporary file "
	       "(removed on resume), %ld a file ahead of the screen\n",
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
