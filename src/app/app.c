#include "app/app.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/deck.h"
#include "core/session.h"
#include "report/report.h"
#include "store/session_file.h"

static bool phones_voted(const struct app *a, int item, int round);

void app_init(struct app *a, const struct deck *d, struct session *s,
	      const char *path)
{
	memset(a, 0, sizeof *a);
	a->deck = d;
	a->sess = s;
	a->path = path;
	a->aligned = 20;
	if (s->current < 0 || s->current > app_pos_closing(a))
		s->current = 0;
	app_recount(a);
}

void app_free(struct app *a)
{
	tally_free(&a->counts);
	a->counts_ok = false;
}

/* The room's counts again, after any change to hands or ballots. */
void app_recount(struct app *a)
{
	a->counts_ok =
		a->sess->ballots && session_counts(a->sess, &a->counts) == 0;
}

const struct tally *app_tally(const struct app *a)
{
	return a->counts_ok ? &a->counts : &a->sess->tally;
}

long app_hands(const struct app *a, int item)
{
	return tally_item_total(&a->sess->tally, item);
}

struct ballot_open app_voting(const struct app *a)
{
	int item = app_item(a);
	struct ballot_open o = {false, 0, 0};
	if (a->phones_on && item >= 0)
		o = (struct ballot_open){
			true, item, tally_rounds(&a->sess->tally, item) - 1};
	return o;
}

int app_pos(const struct app *a)
{
	return a->sess->current;
}

int app_nitems(const struct app *a)
{
	return a->sess->nitems;
}

int app_pos_summary(const struct app *a)
{
	return app_nitems(a) + 1;
}

int app_pos_closing(const struct app *a)
{
	return app_nitems(a) + 2;
}

int app_item(const struct app *a)
{
	int pos = app_pos(a);
	return pos >= 1 && pos <= app_nitems(a) ? pos - 1 : -1;
}

int app_max_views(const struct app *a)
{
	int n = session_max_views(a->sess);
	return n < 2 ? 2 : n;
}

void app_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->message_nnames = 0;
}

static bool save_now(struct app *a)
{
	struct error err;
	a->unsaved = false;
	if (session_save(a->sess, a->path, &err) != 0) {
		/* Keep the counts in memory and say so until a save works. */
		snprintf(a->save_error, sizeof a->save_error, "%s",
			 err.msg[0] ? err.msg : "unknown error");
		return false;
	}
	a->save_error[0] = '\0';
	return true;
}

bool app_save_ballot(struct app *a)
{
	app_recount(a);
	a->phones_changed = true;
	return save_now(a);
}

bool app_save(struct app *a)
{
	app_recount(a);
	if (!a->defer)
		return save_now(a);
	a->unsaved = true;
	return !app_save_failed(a);
}

bool app_flush(struct app *a)
{
	return a->unsaved ? save_now(a) : !app_save_failed(a);
}

bool app_save_failed(const struct app *a)
{
	return a->save_error[0] != '\0';
}

static int nviews(const struct app *a, int item)
{
	return a->sess->items[item].nviews;
}

void app_goto(struct app *a, int pos)
{
	if (pos < 0)
		pos = 0;
	if (pos > app_pos_closing(a))
		pos = app_pos_closing(a);
	if (pos == app_pos(a))
		return;
	/* The summary opens at the top, except when coming back from the
	 * closing screen: then it is where it was left. */
	if (pos == app_pos_summary(a) && app_pos(a) != app_pos_closing(a))
		a->scroll = 0;
	a->sess->current = pos;
	a->note = false;
	int item = app_item(a);
	if (item >= 0 && a->selected >= nviews(a, item))
		a->selected = 0;
	app_save(a);
}

void app_select(struct app *a, int delta)
{
	int item = app_item(a);
	if (item < 0)
		return;
	int n = nviews(a, item);
	a->selected = ((a->selected + delta) % n + n) % n;
}

static const char *label(const struct app *a, int item, int view)
{
	return a->sess->items[item].labels[view];
}

/*
 * Appends at most max bytes of s to the message at byte len, cut on a
 * character's boundary and then ending in an ellipsis; returns the new
 * length.
 */
static size_t message_add(struct app *a, size_t len, const char *s, size_t max)
{
	size_t cap = sizeof a->message, n = strlen(s);
	bool cut = n > max;
	if (cut) {
		n = max > 3 ? max - 3 : 0;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (len >= cap - 1)
		return len;
	snprintf(a->message + len, cap - len, "%.*s%s", (int)n, s,
		 cut ? "\xe2\x80\xa6" : "");
	return len + strlen(a->message + len);
}

/*
 * The message PREFIX NAMES REST, NAMES being "Sales Leadership: View 1",
 * or either alone, each marked as what a narrow status line shortens.
 * The names share what room PREFIX and REST (the figures) leave, so no
 * name is long enough to push the figures out.
 */
static void say_names(struct app *a, const char *prefix,
		      const char *const names[2], const char *rest)
{
	size_t room = sizeof a->message - 1 - strlen(prefix) - strlen(rest);
	int n = (names[0] != NULL) + (names[1] != NULL);
	size_t each = n ? (room - 2) / (size_t)n : 0;
	a->message[0] = '\0';
	a->message_nnames = 0;
	size_t len = message_add(a, 0, prefix, SIZE_MAX);
	for (int i = 0; i < 2; i++) {
		if (names[i] == NULL)
			continue;
		if (i == 1 && names[0] != NULL)
			len = message_add(a, len, ": ", SIZE_MAX);
		size_t off = len;
		len = message_add(a, len, names[i], each);
		a->message_names[a->message_nnames++] =
			(struct app_span){off, len - off};
	}
	message_add(a, len, rest, SIZE_MAX);
}

/*
 * The message PREFIX WHO REST: WHO is "Sales Leadership: View 1" with
 * groups, "View 1" without, and REST (printf-style) holds the figures.
 */
static void say_who(struct app *a, const char *prefix, int item, int group,
		    int view, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void say_who(struct app *a, const char *prefix, int item, int group,
		    int view, const char *fmt, ...)
{
	const char *names[2] = {NULL, label(a, item, view)};
	char rest[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rest, sizeof rest, fmt, ap);
	va_end(ap);
	if (a->sess->ngroups > 0)
		names[0] = session_group_name(a->sess, group);
	say_names(a, prefix, names, rest);
}

void app_vote(struct app *a, int view, long delta)
{
	int item = app_item(a), g = a->sess->active;
	if (item < 0)
		return;
	if (view < 0 || view >= nviews(a, item)) {
		app_message(a, "This item has %d views", nviews(a, item));
		return;
	}
	a->selected = view;
	a->undo_armed = false;
	long before = tally_group_get(&a->sess->tally, item, g, view);
	if (tally_add(&a->sess->tally, item, g, view, delta))
		app_save(a);
	else if (delta < 0 && before == 0)
		say_who(a, "", item, g, view, " is already at zero");
	else if (delta > 0)
		say_who(a, "", item, g, view,
			" is at the most a count can be (%ld)",
			TALLY_MAX_COUNT);
}

void app_set_count(struct app *a, int view, long value)
{
	int item = app_item(a), g = a->sess->active;
	if (item < 0 || view < 0 || view >= nviews(a, item))
		return;
	a->undo_armed = false;
	if (tally_set(&a->sess->tally, item, g, view, value))
		app_save(a);
	long hands = tally_group_get(&a->sess->tally, item, g, view);
	long phones = tally_group_get(app_tally(a), item, g, view) - hands;
	/* With ballots the chart adds the phones' votes to the hands set:
	 * the message says which is which, short enough for 40 columns. */
	if (a->sess->hidden)
		say_who(a, "", item, g, view, " set; results hidden");
	else if (!a->sess->ballots)
		say_who(a, "", item, g, view, " set to %ld", hands);
	else if (phones <= 0)
		say_who(a, "", item, g, view, " set to %ld hand%s", hands,
			hands == 1 ? "" : "s");
	else
		say_who(a, "", item, g, view,
			" set to %ld hand%s + %ld phone%s", hands,
			hands == 1 ? "" : "s", phones, phones == 1 ? "" : "s");
}

void app_reset_item(struct app *a)
{
	int item = app_item(a);
	if (item < 0)
		return;
	a->undo_armed = false;
	int round = tally_rounds(&a->sess->tally, item) - 1;
	if (tally_reset_item(&a->sess->tally, item)) {
		/* A phone's vote is its own to change: it stays. */
		app_message(a, phones_voted(a, item, round)
				       ? "Hands cleared, phones' votes stay "
					 "(u undoes)"
				       : "Counts cleared (u undoes)");
		app_save(a);
	}
}

/* What a change did, in words short enough for a 40-column line. */
static void say_change(struct app *a, const struct tally_change *c, bool undo)
{
	const char *verb = undo ? "Undone" : "Redone";
	const long *from = undo ? c->after : c->before;
	const long *to = undo ? c->before : c->after;
	int n = nviews(a, c->item), moved = -1, changed = 0;
	if (c->kind == TALLY_ROUND) {
		app_message(a, "%s: round %d of item %d %s", verb, c->round + 1,
			    c->item + 1, undo ? "removed" : "started again");
		return;
	}
	for (int v = 0; v < n; v++)
		if (from[v] != to[v]) {
			moved = moved < 0 ? v : moved;
			changed++;
		}
	/* group -1: every group's counts changed at once. */
	char prefix[16];
	snprintf(prefix, sizeof prefix, "%s: ", verb);
	if (changed == 1 && c->group >= 0 && a->sess->hidden)
		say_who(a, prefix, c->item, c->group, moved,
			", results hidden (item %d)", c->item + 1);
	else if (changed == 1 && c->group >= 0)
		say_who(a, prefix, c->item, c->group, moved,
			" %ld -> %ld (item %d)", from[moved], to[moved],
			c->item + 1);
	else if (a->sess->ngroups > 0 && c->group >= 0) {
		const char *names[2] = {session_group_name(a->sess, c->group),
					NULL};
		char rest[64];
		snprintf(rest, sizeof rest, ", all %d views (item %d)", n,
			 c->item + 1);
		say_names(a, prefix, names, rest);
	} else
		app_message(a, "%s: all %d views (item %d)", verb, n,
			    c->item + 1);
}

/* Shows the item a change touched, as a move to it would. */
static void go_to_touched(struct app *a, int item)
{
	a->sess->current = item + 1;
	a->note = false;
	if (a->selected >= nviews(a, item))
		a->selected = 0;
}

/*
 * Undo and redo may touch another item than the one shown: go there, so
 * the room sees the change, and say what changed.  Undo stops at the
 * start of a round and asks for a second u, so a round is never undone
 * by a key pressed once too often.
 */
/* Whether a phone voted in that round: a round with ballots stays. */
static bool phones_voted(const struct app *a, int item, int round)
{
	struct ballot_counts c;
	if (!a->sess->ballots)
		return false;
	ballots_counts(a->sess->ballots, item, round, &c);
	return c.voted > 0;
}

static void show_touched(struct app *a, bool undo)
{
	struct tally *t = &a->sess->tally;
	const struct tally_change *c =
		undo ? tally_undo_peek(t) : tally_redo_peek(t);
	if (c == NULL) {
		app_message(a, "Nothing to %s", undo ? "undo" : "redo");
		return;
	}
	struct tally_change seen = *c;
	if (undo && seen.kind == TALLY_ROUND &&
	    phones_voted(a, seen.item, seen.round)) {
		go_to_touched(a, seen.item);
		app_message(a, "Phones voted in round %d of item %d: it stays",
			    seen.round + 1, seen.item + 1);
		app_save(a);
		return;
	}
	if (undo && seen.kind == TALLY_ROUND && !a->undo_armed) {
		a->undo_armed = true;
		go_to_touched(a, seen.item);
		app_message(a, "u again removes round %d of item %d",
			    seen.round + 1, seen.item + 1);
		app_save(a);
		return;
	}
	a->undo_armed = false;
	size_t at = t->hist_pos;
	if (undo)
		tally_undo(t);
	else
		tally_redo(t);
	go_to_touched(a, seen.item);
	/* A joined run (a clear of several groups) is told as the whole
	 * item: the change peeked is only one group's. */
	if (seen.kind == TALLY_COUNTS &&
	    (undo ? at - t->hist_pos : t->hist_pos - at) > 1)
		seen.group = -1;
	say_change(a, &seen, undo);
	app_save(a);
}

void app_undo(struct app *a)
{
	show_touched(a, true);
}

void app_redo(struct app *a)
{
	show_touched(a, false);
}

/* ---- what the room sees --------------------------------------------------- */

long app_people(const struct app *a, int group)
{
	const struct tally *t = &a->sess->tally;
	return group < 0 ? tally_room_headcount(t) : tally_headcount(t, group);
}

int app_shares(const struct app *a, int item, int round, int group,
	       struct app_shares *sh)
{
	const struct tally *t = app_tally(a);
	int n = t->items[item].nviews;
	memset(sh, 0, sizeof *sh);
	sh->n = n;
	for (int v = 0; v < n; v++) {
		if (group >= 0)
			sh->counts[v] = tally_cell(t, item, round, group, v);
		else
			for (int g = 0; g < t->ngroups; g++)
				sh->counts[v] +=
					tally_cell(t, item, round, g, v);
		sh->hands += sh->counts[v];
	}
	sh->people = app_people(a, group);
	sh->none = sh->people > 0 ? sh->people - sh->hands : -1;
	/* Of the room only while the headcount holds every hand counted. */
	sh->of_room = a->sess->pct_of_room && sh->people > 0 && sh->none >= 0;
	long units[TALLY_MAX_VIEWS + 1];
	memcpy(units, sh->counts, sizeof sh->counts);
	units[n] = sh->of_room ? sh->none : 0;
	int pct[TALLY_MAX_VIEWS + 1];
	tally_percent(units, n + 1, pct);
	memcpy(sh->pct, pct, sizeof sh->pct);
	return n;
}

/* ---- groups, headcounts, rounds ----------------------------------------- */

void app_next_group(struct app *a, int delta)
{
	struct session *s = a->sess;
	if (s->ngroups == 0) {
		app_message(a, "No groups: the room is counted as one");
		return;
	}
	s->active =
		((s->active + delta) % s->ngroups + s->ngroups) % s->ngroups;
	a->undo_armed = false;
	app_message(a, "Counting %s", session_group_name(s, s->active));
	app_save(a);
}

void app_set_headcount(struct app *a, long n)
{
	struct session *s = a->sess;
	if (n <= 0 || n > TALLY_MAX_HEADCOUNT) {
		app_message(a, "A headcount is 1 to %ld", TALLY_MAX_HEADCOUNT);
		return;
	}
	tally_set_headcount(&s->tally, s->active, n);
	int missing = 0;
	for (int g = 0; g < s->ngroups; g++)
		missing += tally_headcount(&s->tally, g) == 0;
	const char *names[2] = {session_group_name(s, s->active), NULL};
	char rest[80];
	if (s->ngroups > 0 && missing > 0)
		snprintf(rest, sizeof rest,
			 ": %ld people (room: %d group%s to go)", n, missing,
			 missing == 1 ? "" : "s");
	else
		snprintf(rest, sizeof rest, ": %ld people (room %ld)", n,
			 tally_room_headcount(&s->tally));
	if (s->ngroups > 0)
		say_names(a, "", names, rest);
	else
		app_message(a, "Headcount: %ld people", n);
	app_save(a);
}

void app_toggle_base(struct app *a)
{
	struct session *s = a->sess;
	if (!s->pct_of_room && tally_room_headcount(&s->tally) == 0) {
		app_message(a,
			    s->ngroups > 0
				    ? "Give every group a headcount first (p)"
				    : "Give a headcount first (p)");
		return;
	}
	s->pct_of_room = !s->pct_of_room;
	app_message(a, "Percentages of %s",
		    s->pct_of_room ? "everyone in the room"
				   : "the hands raised");
	app_save(a);
}

bool app_can_start_round(struct app *a)
{
	int item = app_item(a);
	if (item < 0)
		return false;
	if (!tally_item_counted(app_tally(a), item)) {
		app_message(a, "Count this round first: a new round compares "
			       "with it");
		return false;
	}
	if (tally_rounds(&a->sess->tally, item) >= TALLY_MAX_ROUNDS) {
		app_message(a, "This item has %d rounds, the most there can be",
			    TALLY_MAX_ROUNDS);
		return false;
	}
	return true;
}

void app_new_round(struct app *a)
{
	int item = app_item(a);
	if (!app_can_start_round(a))
		return;
	a->undo_armed = false;
	/* The phones' votes count too: the hands may have none. */
	tally_add_round(&a->sess->tally, item);
	app_message(a, "Round %d: count again",
		    tally_rounds(&a->sess->tally, item));
	app_save(a);
}

void app_ask(struct app *a, enum app_ask q)
{
	a->ask = q;
}

void app_answer(struct app *a, bool yes)
{
	enum app_ask q = a->ask;
	a->ask = ASK_NONE;
	if (yes && q == ASK_RESET)
		app_reset_item(a);
	else if (yes && q == ASK_ROUND)
		app_new_round(a);
}

void app_blank(struct app *a, enum session_blank how)
{
	if (a->sess->blank == how)
		return;
	a->sess->blank = how;
	app_save(a);
}

void app_toggle_hidden(struct app *a)
{
	a->sess->hidden = !a->sess->hidden;
	app_message(a, a->sess->hidden ? "Results hidden from the room: h "
					 "reveals them"
				       : "Results shown");
	app_save(a);
}

void app_toggle_note(struct app *a)
{
	int item = app_item(a);
	if (item >= 0 && a->deck->items[item].note == NULL) {
		app_message(a, "This item has no note");
		return;
	}
	a->note = item >= 0 && !a->note;
}

void app_scroll(struct app *a, int delta, int last)
{
	a->scroll += delta;
	if (a->scroll > last)
		a->scroll = last;
	if (a->scroll < 0)
		a->scroll = 0;
}

void app_export(struct app *a)
{
	char *paths[2] = {NULL, NULL};
	struct error err;
	const char *dir = a->export_dir ? a->export_dir : ".";
	if (report_export(a->sess, dir, paths, &err) != 0) {
		app_message(a, "Export failed: %s", err.msg);
		return;
	}
	/* The names first: they are what the facilitator reads out. */
	const char *t = strrchr(paths[0], '/'), *c = strrchr(paths[1], '/');
	char *abs = realpath(dir, NULL);
	app_message(a, "Exported %s and %s in %s", t ? t + 1 : paths[0],
		    c ? c + 1 : paths[1], abs ? abs : dir);
	free(abs);
	free(paths[0]);
	free(paths[1]);
}
