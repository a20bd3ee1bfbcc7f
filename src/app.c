#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "report.h"
#include "session.h"
#include "tally.h"

void app_init(struct app *a, const struct deck *d, struct session *s,
	      const char *path)
{
	memset(a, 0, sizeof *a);
	a->deck = d;
	a->sess = s;
	a->path = path;
	a->pos = s->current;
	if (a->pos < 0 || a->pos > app_pos_last(a))
		a->pos = 0;
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

int app_pos_last(const struct app *a)
{
	return app_pos_closing(a);
}

int app_item(const struct app *a)
{
	return a->pos >= 1 && a->pos <= app_nitems(a) ? a->pos - 1 : -1;
}

enum key_mode app_key_mode(const struct app *a)
{
	if (a->ask != ASK_NONE)
		return KEYMODE_ASK;
	if (a->entry)
		return KEYMODE_ENTRY;
	return KEYMODE_NORMAL;
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
	struct session_error err;
	a->sess->current = a->pos;
	if (session_save(a->sess, a->path, &err) != 0) {
		/* Keep the counts in memory and say so until a save works. */
		a->save_failed = true;
		snprintf(a->save_error, sizeof a->save_error, "%s", err.msg);
		return false;
	}
	a->save_failed = false;
	a->save_error[0] = '\0';
	return true;
}

static int nviews(const struct app *a, int item)
{
	return a->sess->items[item].nviews;
}

void app_goto(struct app *a, int pos)
{
	if (pos < 0)
		pos = 0;
	if (pos > app_pos_last(a))
		pos = app_pos_last(a);
	if (pos == a->pos)
		return;
	a->pos = pos;
	a->scroll = 0;
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
	if (item < 0 || view < 0 || view >= nviews(a, item))
		return;
	a->selected = view;
	bool changed = tally_add(&a->sess->tally, item, view, delta);
	if (!changed && delta < 0)
		app_message(a, "%s is already at zero", deck_view_label(view));
	if (changed)
		app_save(a);
}

void app_set_count(struct app *a, int view, long value)
{
	int item = app_item(a);
	if (item < 0 || view < 0 || view >= nviews(a, item))
		return;
	if (tally_set(&a->sess->tally, item, view, value))
		app_save(a);
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

/* Shows the item an undo or redo touched, so the room sees the change. */
static void show_touched(struct app *a, int item, const char *what)
{
	if (item < 0) {
		app_message(a, "Nothing to %s", what);
		return;
	}
	a->pos = item + 1;
	if (a->selected >= nviews(a, item))
		a->selected = 0;
	app_save(a);
}

void app_undo(struct app *a)
{
	show_touched(a, tally_undo(&a->sess->tally), "undo");
}

void app_redo(struct app *a)
{
	show_touched(a, tally_redo(&a->sess->tally), "redo");
}

void app_export(struct app *a)
{
	char *paths[2] = {NULL, NULL};
	struct report_error err;
	const char *dir = a->export_dir ? a->export_dir : ".";
	if (report_export(a->sess, dir, paths, &err) != 0) {
		app_message(a, "Export failed: %s", err.msg);
		return;
	}
	/* The names first: they are what the facilitator reads out. */
	const char *t = strrchr(paths[0], '/'), *c = strrchr(paths[1], '/');
	app_message(a, "Exported %s and %s in %s", t ? t + 1 : paths[0],
		    c ? c + 1 : paths[1], dir);
	free(paths[0]);
	free(paths[1]);
}
