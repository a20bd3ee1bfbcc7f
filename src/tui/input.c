#include "tui/input.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/session.h"
#include "tui/phones.h"
#include "tui/screen.h"
#include "tui/term.h"
#include "tui/timers.h"

enum key_mode input_mode(const struct tui *t)
{
	if (t->app->ask != ASK_NONE)
		return KEYMODE_ASK;
	if (t->entry)
		return KEYMODE_ENTRY;
	return KEYMODE_NORMAL;
}

static enum input_result ask_key(struct tui *t, enum action act)
{
	if (act == ACT_REDRAW)
		return INPUT_REDRAW;
	/* Anything but a yes is a no: a stray clicker press must not quit. */
	enum app_ask q = t->app->ask;
	app_answer(t->app, act == ACT_CONFIRM);
	return act == ACT_CONFIRM && q == ASK_QUIT ? INPUT_QUIT : INPUT_HANDLED;
}

static enum input_result entry_key(struct tui *t, enum action act, int arg)
{
	size_t n = strlen(t->typed);
	switch (act) {
	case ACT_DIGIT:
		if (n == 1 && t->typed[0] == '0')
			n = 0; /* no leading zeros */
		/* Refused visibly: the entry says where the limit is. */
		t->entry_full = n >= 6;
		if (n < 6) {
			t->typed[n] = (char)('0' + arg);
			t->typed[n + 1] = '\0';
		}
		break;
	case ACT_ERASE:
		t->entry_full = false;
		if (n > 0)
			t->typed[n - 1] = '\0';
		break;
	case ACT_CONFIRM:
		t->entry = false;
		if (n > 0 && t->entry_for == ENTRY_HEADCOUNT)
			app_set_headcount(t->app, strtol(t->typed, NULL, 10));
		else if (n > 0)
			app_set_count(t->app, t->app->selected,
				      strtol(t->typed, NULL, 10));
		break;
	case ACT_CANCEL:
		t->entry = false;
		break;
	case ACT_REDRAW:
		return INPUT_REDRAW;
	default:
		break;
	}
	return INPUT_HANDLED;
}

/* The states that take a key before any screen does. */
static enum input_result modal(struct tui *t, enum action act, int arg)
{
	if (t->app->sess->blank != BLANK_OFF) {
		/* Any key brings the screen back; it does nothing else. */
		app_blank(t->app, BLANK_OFF);
		return INPUT_HANDLED;
	}
	if (t->check) {
		t->check = false; /* any key returns, and does nothing else */
		return INPUT_REDRAW;
	}
	switch (input_mode(t)) {
	case KEYMODE_ASK:
		return ask_key(t, act);
	case KEYMODE_ENTRY:
		return entry_key(t, act, arg);
	case KEYMODE_NORMAL:
		break;
	}
	if (t->help) {
		/* On a small terminal ? shows the next page of keys. */
		if (act == ACT_HELP &&
		    t->help_page + 1 < screen_help_pages(term_rows() - 2)) {
			t->help_page++;
			return INPUT_HANDLED;
		}
		t->help = false;
		/* ? and Esc only close the overlay; any other key also acts. */
		if (act == ACT_HELP || act == ACT_CANCEL)
			return INPUT_HANDLED;
	}
	return INPUT_IGNORED;
}

/* The moves between screens; false for any other action. */
static bool move(struct app *a, enum action act)
{
	int pos;
	switch (act) {
	case ACT_NEXT:
		pos = app_pos(a) + 1;
		break;
	case ACT_PREV:
		pos = app_pos(a) - 1;
		break;
	case ACT_FIRST:
		pos = app_nitems(a) > 0 ? 1 : 0;
		break;
	case ACT_LAST:
		pos = app_nitems(a);
		break;
	case ACT_TITLE:
		pos = 0;
		break;
	case ACT_SUMMARY:
		pos = app_pos_summary(a);
		break;
	default:
		return false;
	}
	app_goto(a, pos);
	return true;
}

/* Actions that mean the same on every screen. */
/* dark, light, mono, and round again; says which on the status line. */
static void next_theme(struct app *a)
{
	static const enum theme next[] = {[THEME_AUTO] = THEME_LIGHT,
					  [THEME_DARK] = THEME_LIGHT,
					  [THEME_LIGHT] = THEME_MONO,
					  [THEME_MONO] = THEME_DARK};
	enum theme want = next[draw_theme()];
	term_set_theme(want);
	if (draw_theme() != want)
		app_message(a,
			    "Theme %s: this terminal has too few colours; "
			    "now %s",
			    draw_theme_name(want),
			    draw_theme_name(draw_theme()));
	else
		app_message(a, "Theme %s (T for the next)",
			    draw_theme_name(want));
}

/* v: phone voting opens (it says why not) or closes; ballots stay. */
static void toggle_phones(struct tui *t)
{
	if (!t->phones)
		return;
	if (!phones_on(t->phones)) {
		phones_start(t->phones);
		return;
	}
	phones_stop(t->phones);
	app_message(t->app, "Phone voting is closed; v opens it again");
}

/* What the room is shown: help, blanking, hiding, theme, the check. */
static enum input_result presentation(struct tui *t, enum action act)
{
	struct app *a = t->app;
	switch (act) {
	case ACT_HELP:
		t->help = true;
		t->help_page = 0;
		return INPUT_HANDLED;
	case ACT_BLANK:
	case ACT_WHITE:
		app_blank(a, act == ACT_WHITE ? BLANK_WHITE : BLANK_BLACK);
		return INPUT_HANDLED;
	case ACT_HIDE:
		app_toggle_hidden(a);
		return INPUT_HANDLED;
	case ACT_THEME:
		next_theme(a);
		return INPUT_REDRAW;
	case ACT_PROJECTOR:
		/* Before the room sees results: from the title screen only. */
		if (app_pos(a) == 0)
			t->check = true;
		else
			app_message(a,
				    "P, the projector check, is on the title "
				    "screen");
		return INPUT_REDRAW;
	case ACT_REDRAW:
		return INPUT_REDRAW;
	case ACT_PHONES:
		toggle_phones(t);
		return INPUT_REDRAW;
	default:
		return INPUT_IGNORED;
	}
}

static enum input_result common(struct tui *t, enum action act)
{
	struct app *a = t->app;
	enum input_result r;
	if (move(a, act))
		return INPUT_HANDLED;
	if ((r = presentation(t, act)) != INPUT_IGNORED)
		return r;
	switch (act) {
	case ACT_QUIT:
		app_ask(a, ASK_QUIT);
		break;
	case ACT_EXPORT:
		app_export(a);
		break;
	case ACT_UNDO:
		app_undo(a);
		break;
	case ACT_GROUP_NEXT:
	case ACT_GROUP_PREV:
		app_next_group(a, act == ACT_GROUP_NEXT ? 1 : -1);
		break;
	case ACT_HEADCOUNT:
		t->entry = true;
		t->entry_for = ENTRY_HEADCOUNT;
		t->typed[0] = '\0';
		t->entry_full = false;
		break;
	case ACT_BASE:
		app_toggle_base(a);
		break;
	case ACT_REDO:
		app_redo(a);
		break;
	case ACT_TIMER:
	case ACT_TIMER_CLR:
		return timers_key(t, act == ACT_TIMER_CLR);
	case ACT_VOTE:
	case ACT_INC:
	case ACT_DEC:
	case ACT_ENTRY:
	case ACT_RESET:
	case ACT_NOTE:
	case ACT_ROUND:
		app_message(a, "Counting keys work on an item's screen");
		break;
	default:
		return INPUT_IGNORED;
	}
	return INPUT_HANDLED;
}

/*
 * small: the too-small screen is up, where only what it shows may act
 * (the quit question and its answer): acting on a screen the
 * facilitator cannot see would be acting blind.
 */
static enum input_result dispatch(struct tui *t, enum action act, int arg,
				  bool small)
{
	if (small && input_mode(t) == KEYMODE_ENTRY && act != ACT_CANCEL)
		return INPUT_IGNORED;
	enum input_result r = modal(t, act, arg);
	if (r != INPUT_IGNORED)
		return r;
	if (small && act != ACT_QUIT && act != ACT_REDRAW)
		return INPUT_HANDLED;
	const struct screen *s = screen_for(t->app);
	if (s->key != NULL && (r = s->key(t, act, arg)) != INPUT_IGNORED)
		return r;
	return common(t, act);
}

/* Whatever a key did, a timer whose item was left stops there. */
static enum input_result moved(struct tui *t, enum input_result r)
{
	timers_follow(t->timers, app_item(t->app));
	return r;
}

enum input_result input_action(struct tui *t, enum action act, int arg)
{
	return moved(t, dispatch(t, act, arg, false));
}

enum input_result input_key(struct tui *t, int key)
{
	int arg = 0;
	enum action act = keys_lookup(input_mode(t), key, &arg);
	t->app->message[0] = '\0';
	return moved(t, dispatch(t, act, arg, term_too_small()));
}
