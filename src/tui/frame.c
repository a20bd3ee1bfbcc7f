/*
 * The frame around every screen: the top bar (title, position, hands,
 * NOT SAVED, whether an audience view follows), the body from the
 * current screen and its overlays, and the status line (a question, the
 * count being typed, a message, or the screen's key hints); or, below
 * the minimum size, the request to make the terminal larger.  An
 * audience view gets the top bar and the body alone.
 */
#include "tui/frame.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/phones.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "core/deck.h"
#include "core/session.h"
#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/term.h"
#include "tui/timer_view.h"
#include "tui/widgets.h"

/*
 * The facilitator's sign that an audience view follows the session (the
 * projector is connected), when room columns are free for it.
 */
static const char *followed_mark(const struct tui *t, int room)
{
	static const char mark[] = " AUDIENCE VIEW ";
	if (!t->followed || t->audience)
		return "";
	return room >= (int)strlen(mark) + 12 ? mark : " AV ";
}

static void draw_topbar(const struct tui *t)
{
	const struct app *a = t->app;
	int w = term_cols();
	char pos[48];
	int item = app_item(a);
	if (item >= 0 && a->sess->hidden)
		snprintf(pos, sizeof pos, "   %d / %d ", item + 1,
			 app_nitems(a));
	else if (item >= 0 && (a->phones_on || a->sess->ballots))
		/* The phones that voted here and the hands counted, apart:
		 * they add up to what the chart shows. */
		snprintf(pos, sizeof pos, " %4ld %s + %ld %s   %d / %d ",
			 app_phones_count(a, item).voted,
			 app_phones_count(a, item).voted == 1 ? "phone"
							      : "phones",
			 app_hands(a, item),
			 app_hands(a, item) == 1 ? "hand" : "hands", item + 1,
			 app_nitems(a));
	else if (item >= 0)
		/* Padded, so the title does not jump as hands are counted. */
		snprintf(pos, sizeof pos, " %4ld %s   %d / %d ",
			 tally_item_total(app_tally(a), item),
			 tally_item_total(app_tally(a), item) == 1 ? "hand"
								   : "hands",
			 item + 1, app_nitems(a));
	else if (app_pos(a) == 0)
		snprintf(pos, sizeof pos, " Title ");
	else if (app_pos(a) == app_pos_summary(a))
		snprintf(pos, sizeof pos, " Summary ");
	else
		snprintf(pos, sizeof pos, " Closing ");
	draw_fill(0, 0, w, ROLE_TOPBAR);
	/* The marker the facilitator must not miss: the room sees no
	 * results now, whatever is counted. */
	const char *warn = app_save_failed(a) ? " NOT SAVED "
			   : a->sess->hidden  ? " HIDDEN "
					      : "";
	const char *seen =
		followed_mark(t, w - (int)strlen(pos) - (int)strlen(warn));
	if (t->audience)
		warn = "";
	int right = (int)strlen(pos) + (int)strlen(warn) + (int)strlen(seen);
	draw_text_clip(0, 1, w - right - 2, ROLE_TOPBAR, a->deck->title);
	int x = w - right;
	x += draw_text(0, x, w - x, ROLE_TOPBAR, seen);
	if (*warn)
		x += draw_text(0, x, w - x, ROLE_WARNING, warn);
	draw_text(0, x, w - x, ROLE_TOPBAR, pos);
}

/*
 * Key hints are separated by two spaces; those that do not fit are left
 * out whole, since "Ente..." tells a facilitator nothing.
 */
static void draw_hints(int y, int w, const char *hints)
{
	char buf[256];
	size_t len = 1;
	buf[0] = ' ';
	buf[1] = '\0';
	while (*hints) {
		const char *end = strstr(hints, "  ");
		size_t n = end ? (size_t)(end - hints) : strlen(hints);
		size_t sep = len > 1 ? 2 : 0;
		if (len + sep + n >= sizeof buf)
			break;
		char next[256];
		memcpy(next, buf, len);
		memcpy(next + len, "  ", sep);
		memcpy(next + len + sep, hints, n);
		next[len + sep + n] = '\0';
		if (text_width(next) > w)
			break;
		memcpy(buf, next, len + sep + n + 1);
		len += sep + n;
		hints += n;
		while (*hints == ' ')
			hints++;
	}
	draw_text(y, 0, w, ROLE_STATUS, buf);
}

/* The open question, in words: NULL when none is open. */
static const char *question(const struct app *a, char *buf, size_t cap)
{
	int item = app_item(a);
	switch (a->ask) {
	case ASK_QUIT:
		return " Quit? Every count is saved. y / n";
	case ASK_RESET:
		return " Clear every count of this item? y / n";
	case ASK_ROUND:
		snprintf(
			buf, cap,
			" Start round %d of this item? Round %d is kept. y / n",
			tally_rounds(app_tally(a), item) + 1,
			tally_rounds(app_tally(a), item));
		return buf;
	case ASK_NONE:
		break;
	}
	return NULL;
}

/* The widths to shorten n names to, each at least least, to take excess
 * columns fewer: the widest first, so that each keeps what it can. */
static void shorten(int *widths, int n, int excess, int least)
{
	while (excess > 0) {
		int widest = -1;
		for (int i = 0; i < n; i++)
			if (widths[i] > least &&
			    (widest < 0 || widths[i] > widths[widest]))
				widest = i;
		if (widest < 0)
			return;
		widths[widest]--;
		excess--;
	}
}

/*
 * s in width columns, into out, the names in it (spans, in order)
 * shortened with an ellipsis, each to least columns at the fewest, so that
 * the words and figures around them stay whole.  Returns the width.
 */
/*
 * s as an ASCII terminal shows it, into buf, and its name spans moved to
 * match: a letter such as "ß" becomes two, so s is measured as drawn.
 */
static const char *as_ascii(const char *s, struct app_span *names, int n,
			    char *buf, size_t cap)
{
	char piece[400];
	size_t at = 0, len = 0;
	for (int i = 0; i <= n && len + 1 < cap; i++) {
		size_t end = i < n ? names[i].off : strlen(s);
		snprintf(piece, sizeof piece, "%.*s", (int)(end - at), s + at);
		len += text_to_ascii(piece, buf + len, cap - len);
		if (i == n || len + 1 >= cap)
			break;
		snprintf(piece, sizeof piece, "%.*s", (int)names[i].len,
			 s + end);
		at = end + names[i].len;
		names[i].off = len;
		names[i].len = text_to_ascii(piece, buf + len, cap - len);
		len += names[i].len;
	}
	return buf;
}

static int fit_names(const char *s, const struct app_span *spans, int n,
		     int width, int least, char *out, size_t cap)
{
	int widths[2] = {0, 0};
	size_t len = 0, at = 0;
	n = n < 2 ? n : 2;
	struct app_span names[2];
	memcpy(names, spans, (size_t)n * sizeof *names);
	char plain[400];
	if (draw_ascii())
		s = as_ascii(s, names, n, plain, sizeof plain);
	for (int i = 0; i < n; i++)
		widths[i] = text_width_n(s + names[i].off, names[i].len);
	shorten(widths, n, text_width(s) - width, least);
	out[0] = '\0';
	for (int i = 0; i <= n && len + 1 < cap; i++) {
		size_t end = i < n ? names[i].off : strlen(s);
		len += (size_t)snprintf(out + len, cap - len, "%.*s",
					(int)(end - at), s + at);
		if (i == n || len + 1 >= cap)
			break;
		const char *name = s + names[i].off;
		size_t keep = names[i].len;
		bool cut = text_width_n(name, keep) > widths[i];
		if (cut)
			keep = text_fit(name, widths[i] - 1, NULL);
		while (cut && keep > 0 && name[keep - 1] == ' ')
			keep--;
		len += (size_t)snprintf(out + len, cap - len, "%.*s%s",
					(int)keep, name,
					cut ? (draw_ascii() ? "~" : "…") : "");
		at = names[i].off + names[i].len;
	}
	return text_width(out);
}

/*
 * The number being typed and what it will set: the group and the label
 * give way to the digits, and then the hint goes.
 */
static void entry_text(const struct tui *t, int w, char *buf, size_t cap)
{
	const struct app *a = t->app;
	const struct session *s = a->sess;
	int item = app_item(a), n = 0;
	const char *names[2] = {NULL, NULL};
	char text[400];
	struct app_span spans[2];
	if (t->entry_for == ENTRY_HEADCOUNT && s->ngroups > 0)
		names[0] = session_group_name(s, s->active);
	else if (t->entry_for == ENTRY_COUNT && s->ngroups > 0 && item >= 0)
		names[0] = session_group_name(s, s->active);
	if (t->entry_for == ENTRY_COUNT)
		names[1] = item >= 0 ? s->items[item].labels[a->selected]
				     : deck_view_label(a->selected);
	size_t len = (size_t)snprintf(
		text, sizeof text, " %s",
		t->entry_for == ENTRY_HEADCOUNT ? "Headcount" : "");
	if (t->entry_for == ENTRY_HEADCOUNT && names[0])
		len += (size_t)snprintf(text + len, sizeof text - len, " of ");
	for (int i = 0; i < 2; i++) {
		if (names[i] == NULL || len >= sizeof text)
			continue;
		if (i == 1 && names[0])
			len += (size_t)snprintf(text + len, sizeof text - len,
						", ");
		spans[n].off = len < sizeof text ? len : sizeof text - 1;
		/* No name so long that the digits fall off the end. */
		len += (size_t)snprintf(text + len, sizeof text - len, "%.*s",
					(int)text_fit(names[i], 120, NULL),
					names[i]);
		len = len < sizeof text ? len : sizeof text - 1;
		spans[n].len = len - spans[n].off;
		n++;
	}
	snprintf(text + len, sizeof text - len, "%s: %s_   %s",
		 t->entry_for == ENTRY_COUNT ? " count" : "", t->typed,
		 t->entry_full ? "6 digits at most: Enter sets, Bksp erases"
			       : "Enter sets, Esc cancels");
	if (fit_names(text, spans, n, w, 10, buf, cap) <= w)
		return;
	/* Without the hint, the names may shrink further. */
	char *hint = strstr(text + len, "_   ");
	if (hint)
		hint[1] = '\0';
	fit_names(text, spans, n, w, 2, buf, cap);
}

/*
 * Why the last save failed, the reason first: on a narrow line the path
 * is what gets cut, never the "No space left on device" that says what
 * to do.
 */
static void not_saved(const struct app *a, char *buf, size_t cap)
{
	const char *reason = strrchr(a->save_error, ':');
	const char *name = strrchr(a->path, '/');
	reason = reason && reason[1] == ' ' ? reason + 2 : a->save_error;
	name = name ? name + 1 : a->path;
	snprintf(buf, cap,
		 " NOT SAVED: %s. Counts are kept; every change retries. (%s)",
		 reason, name);
}

static void draw_status(const struct tui *t)
{
	const struct app *a = t->app;
	int y = term_rows() - 1, w = term_cols();
	char buf[400];
	const char *q = question(a, buf, sizeof buf);
	enum role role = q ? ROLE_WARNING : ROLE_STATUS;
	if (q != NULL) {
		if (q != buf)
			snprintf(buf, sizeof buf, "%s", q);
	} else if (t->entry) {
		entry_text(t, w - 1, buf, sizeof buf);
	} else if (a->message[0]) {
		/* The message's names shorten first, its figures stay. */
		char text[sizeof a->message + 1];
		struct app_span names[2];
		int n = a->message_nnames < 2 ? a->message_nnames : 2;
		snprintf(text, sizeof text, " %s", a->message);
		for (int i = 0; i < n; i++)
			names[i] =
				(struct app_span){a->message_names[i].off + 1,
						  a->message_names[i].len};
		fit_names(text, names, n, w - 1, 2, buf, sizeof buf);
	} else if (app_save_failed(a)) {
		not_saved(a, buf, sizeof buf);
		role = ROLE_WARNING;
	} else {
		draw_fill(y, 0, w, role);
		draw_hints(y, w, screen_for(a)->hint);
		return;
	}
	draw_fill(y, 0, w, role);
	draw_text_clip(y, 0, w, role, buf);
}

static void draw_too_small(const struct app *a)
{
	int w = term_cols(), h = term_rows();
	char need[80];
	snprintf(need, sizeof need, "at least %d x %d, now %d x %d",
		 TERM_MIN_COLS, TERM_MIN_ROWS, w, h);
	int y = h / 2 - 1;
	if (y < 0)
		y = 0;
	y += widget_wrap(y, 0, w, h - y, ROLE_WARNING,
			 "Make the terminal larger", true);
	y += widget_wrap(y, 0, w, h - y, ROLE_NORMAL, need, true);
	/* q still works here, so its question must be seen too. */
	if (a->ask == ASK_QUIT)
		widget_wrap(y + 1, 0, w, h - y - 1, ROLE_WARNING, "Quit? y / n",
			    true);
}

void frame_draw(const struct tui *t)
{
	const struct app *a = t->app;
	if (a->sess->blank != BLANK_OFF) {
		/* Painted, also black: a light theme's background is white. */
		enum role paper = a->sess->blank == BLANK_WHITE ? ROLE_PAPER
								: ROLE_BLACKOUT;
		for (int r = 0; r < term_rows(); r++)
			draw_fill(r, 0, term_cols(), paper);
		return;
	}
	if (term_too_small()) {
		draw_too_small(a);
		return;
	}
	if (t->check) {
		screen_projector_draw();
		return;
	}
	int h = term_rows() - 2;
	/* The discussion timer takes the foot of an item's body. */
	int band = timer_view_rows(t, h);
	draw_topbar(t);
	screen_for(a)->draw(t, 1, h - band);
	timer_view_draw(t, 1 + h - band, band);
	/* The audience view shows the room's screen and nothing of the
	 * facilitator's: no help, note, hints, questions or messages. */
	if (t->audience)
		return;
	if (t->help)
		screen_help_draw(t, 1, h);
	draw_status(t);
}
