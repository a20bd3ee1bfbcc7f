#include "app/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/deck.h"
#include "core/session.h"
#include "report/report.h"
#include "store/session_file.h"

void app_init(struct app *a, const struct deck *d, struct session *s,
	      const char *path)
{
	memset(a, 0, sizeof *a);
	a->deck = d;
	a->sess = s;
	a->path = path;
	if (s->current < 0 || s->current > app_pos_closing(a))
		s->current = 0;
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
}

bool app_save(struct app *a)
{
	struct error err;
	if (session_save(a->sess, a->path, &err) != 0) {
		/* Keep the counts in memory and say so until a save works. */
		snprintf(a->save_error, sizeof a->save_error, "%s",
			 err.msg[0] ? err.msg : "unknown error");
		return false;
	}
	a->save_error[0] = '\0';
	return true;
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

void app_vote(struct app *a, int view, long delta)
{
	int item = app_item(a);
	if (item < 0)
		return;
	if (view < 0 || view >= nviews(a, item)) {
		app_message(a, "This item has %d views", nviews(a, item));
		return;
	}
	a->selected = view;
	long before = tally_get(&a->sess->tally, item, view);
	if (tally_add(&a->sess->tally, item, view, delta))
		app_save(a);
	else if (delta < 0 && before == 0)
		app_message(a, "%s is already at zero", deck_view_label(view));
	else if (delta > 0)
		app_message(a, "%s is at the most a count can be (%ld)",
			    deck_view_label(view), TALLY_MAX_COUNT);
}

void app_set_count(struct app *a, int view, long value)
{
	int item = app_item(a);
	if (item < 0 || view < 0 || view >= nviews(a, item))
		return;
	if (tally_set(&a->sess->tally, item, view, value))
		app_save(a);
	app_message(a, "%s set to %ld", deck_view_label(view),
		    tally_get(&a->sess->tally, item, view));
}

void app_reset_item(struct app *a)
{
	int item = app_item(a);
	if (item < 0)
		return;
	if (tally_reset_item(&a->sess->tally, item)) {
		app_message(a, "Counts cleared (u undoes)");
		app_save(a);
	}
}

/*
 * Undo and redo may touch another item than the one shown: go there, so
 * the room sees the change, and say what changed.
 */
static void show_touched(struct app *a, bool undo)
{
	struct tally *t = &a->sess->tally;
	int item = undo ? tally_undo_item(t) : tally_redo_item(t);
	if (item < 0) {
		app_message(a, "Nothing to %s", undo ? "undo" : "redo");
		return;
	}
	long before[TALLY_MAX_VIEWS];
	int n = nviews(a, item), moved = -1, changed = 0;
	for (int v = 0; v < n; v++)
		before[v] = tally_get(t, item, v);
	if (undo)
		tally_undo(t);
	else
		tally_redo(t);
	for (int v = 0; v < n; v++)
		if (tally_get(t, item, v) != before[v]) {
			moved = moved < 0 ? v : moved;
			changed++;
		}
	a->sess->current = item + 1;
	a->note = false;
	if (a->selected >= n)
		a->selected = 0;
	/* Short enough for a 40-column status line. */
	if (changed == 1)
		app_message(a, "%s: %s %ld -> %ld (item %d)",
			    undo ? "Undone" : "Redone", deck_view_label(moved),
			    before[moved], tally_get(t, item, moved), item + 1);
	else
		app_message(a, "%s: all %d views (item %d)",
			    undo ? "Undone" : "Redone", n, item + 1);
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
}

void app_blank(struct app *a, bool on)
{
	a->blank = on;
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
