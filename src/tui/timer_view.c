/*
 * The timer's band.  It takes rows from the item screen only as far as
 * the body can spare them: large digits when there is height for them
 * and the chart, one line of text below that.
 */
#include "tui/timer_view.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "tui/big.h"
#include "tui/draw.h"
#include "tui/term.h"
#include "tui/timers.h"

/* Bodies lower than this get the one-line timer; higher, large digits. */
#define BIG_BODY    16
#define SCALE2_BODY 36

/* The item's timer on screen, or NULL when none is shown. */
static const struct timer *shown(const struct tui *t)
{
	return timers_of(t->timers, app_item(t->app));
}

/* The digits' scale for a body h high: 0 for the line of text. */
static int scale_for(int h)
{
	if (h >= SCALE2_BODY && big_width("00", 2) > 0 &&
	    term_cols() >= 6 * big_width("00", 2))
		return 2;
	return h >= BIG_BODY ? 1 : 0;
}

int timer_view_rows(const struct tui *t, int h)
{
	if (shown(t) == NULL)
		return 0;
	int s = scale_for(h);
	return s ? 1 + big_rows(s) : 1;
}

/* The columns "M:SS" takes at scale: the colon has a gap either side. */
static int time_width(const char *min, const char *sec, int scale)
{
	int colon = draw_ascii() ? 1 : scale;
	return big_width(min, scale) + scale + colon + scale +
	       big_width(sec, scale);
}

/* The colon: two pixels, at the font's second and fourth rows. */
static int draw_colon(int y, int x, enum role role, int scale)
{
	if (draw_ascii()) {
		draw_text(y + 1, x, 1, role, ".");
		draw_text(y + 2, x, 1, role, ".");
		return 1;
	}
	for (int r = 0; r < big_rows(scale); r++)
		for (int c = 0; c < scale; c++) {
			int top = 2 * r / scale, bot = (2 * r + 1) / scale;
			draw_cell(y + r, x + c, role, top == 1 || top == 3,
				  bot == 1 || bot == 3);
		}
	return scale;
}

static void draw_big_time(int y, int seconds, enum role role, int scale,
			  bool paint)
{
	char min[16], sec[16];
	snprintf(min, sizeof min, "%d", seconds / 60);
	snprintf(sec, sizeof sec, "%02d", seconds % 60);
	int w = time_width(min, sec, scale), cols = term_cols();
	int x = (cols - w) / 2;
	/* In the warning colour the time sits on a block of it, so that the
	 * change is seen from across the room.  Without colour the block
	 * would be reverse video, as the digits are: the label says it. */
	if (draw_theme() == THEME_MONO && paint) {
		paint = false;
		role = ROLE_ALERT;
	}
	for (int r = 0; paint && r < big_rows(scale); r++)
		draw_fill(y + r, x - 2 * scale, w + 4 * scale, role);
	x += big_draw(y, x, role, min, scale) + scale;
	x += draw_colon(y, x, role, scale) + scale;
	big_draw(y, x, role, sec, scale);
}

/* What the band says of the timer's state. */
static const char *state_words(enum timer_state st)
{
	switch (st) {
	case TIMER_READY:
		return "d starts";
	case TIMER_RUNNING:
		return "running";
	case TIMER_PAUSED:
		return "paused";
	case TIMER_DONE:
		break;
	}
	return "Time is up";
}

void timer_view_draw(const struct tui *t, int y, int rows)
{
	const struct timer *tm = shown(t);
	if (tm == NULL || rows < 1)
		return;
	long long now = timers_now(t->timers);
	enum timer_state st = timer_state(tm, now);
	int left = timer_left_s(tm, now), w = term_cols();
	bool warn = st == TIMER_DONE || timer_warning(tm, now);
	enum role label = warn ? ROLE_WARNING : ROLE_DIM;
	enum role digits = warn			? ROLE_WARNING
			   : st == TIMER_PAUSED ? ROLE_DIM
						: ROLE_HEADING;
	char time[8], line[64];
	timer_format(left, time, sizeof time);
	int scale = rows > 1 ? (rows - 1 == big_rows(2) ? 2 : 1) : 0;
	if (scale == 0) {
		snprintf(line, sizeof line, " Discussion %s  %s ", time,
			 state_words(st));
		draw_text_centre(y, 0, w, label, line);
		return;
	}
	snprintf(line, sizeof line, " %s %s ",
		 st == TIMER_DONE ? "Discussion:" : "Discussion",
		 state_words(st));
	draw_text_centre(y, 0, w, label, line);
	draw_big_time(y + 1, left, digits, scale, warn);
}
