/*
 * The discussion timers on the terminal: their clock, their keys and
 * the loop's tick.  The countdown itself is core/timer.c.
 */
#include "tui/timers.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "base/error.h"

/* HANDSUP_CLOCK_FD when it names an open descriptor, else -1. */
static int test_clock(void)
{
	const char *s = getenv("HANDSUP_CLOCK_FD");
	if (s == NULL || *s == '\0')
		return -1;
	char *end;
	long fd = strtol(s, &end, 10);
	if (*end != '\0' || fd <= 2 || fd >= 1024 ||
	    fcntl((int)fd, F_GETFD) == -1)
		return -1;
	/* Read until it is empty, never waiting on it. */
	fcntl((int)fd, F_SETFL, fcntl((int)fd, F_GETFL) | O_NONBLOCK);
	fcntl((int)fd, F_SETFD, FD_CLOEXEC);
	return (int)fd;
}

int timers_init(struct timers *tm, int nitems, int seconds, bool bell,
		struct error *err)
{
	memset(tm, 0, sizeof *tm);
	tm->items = calloc(nitems > 0 ? (size_t)nitems : 1, sizeof *tm->items);
	if (tm->items == NULL) {
		error_set(err, 0, "out of memory");
		return -1;
	}
	tm->nitems = nitems;
	for (int i = 0; i < nitems; i++)
		timer_init(&tm->items[i], seconds);
	tm->bell = bell;
	tm->item = -1;
	tm->clock_fd = test_clock();
	return 0;
}

void timers_free(struct timers *tm)
{
	free(tm->items);
	tm->items = NULL;
	tm->nitems = 0;
}

long long timers_now(const struct timers *tm)
{
	if (tm->clock_fd >= 0)
		return tm->clock_ms;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct timer *timers_of(const struct timers *tm, int item)
{
	if (tm == NULL || item < 0 || item >= tm->nitems)
		return NULL;
	return &tm->items[item];
}

enum input_result timers_key(struct tui *t, bool reset)
{
	struct timers *tm = t->timers;
	int item = app_item(t->app);
	if (item < 0)
		return INPUT_IGNORED;
	if (timers_of(tm, item) == NULL) {
		app_message(t->app, "A discussion timer needs --timer, "
				    "such as --timer 2m");
		return INPUT_HANDLED;
	}
	timers_follow(tm, item);
	if (reset)
		timer_reset(&tm->items[item]);
	else
		timer_toggle(&tm->items[item], timers_now(tm));
	return INPUT_HANDLED;
}

void timers_follow(struct timers *tm, int item)
{
	if (tm == NULL || item == tm->item)
		return;
	if (timers_of(tm, tm->item))
		timer_pause(&tm->items[tm->item], timers_now(tm));
	tm->item = item;
}

/* What the timer on screen did since the last look: rings at zero. */
static enum term_event look(struct timers *tm)
{
	if (timers_of(tm, tm->item) &&
	    timer_take_zero(&tm->items[tm->item], timers_now(tm)) && tm->bell)
		beep();
	return TERM_DIRTY;
}

static int tick_due(void *ctx)
{
	const struct timers *tm = ((struct tui *)ctx)->timers;
	const struct timer *on = timers_of(tm, tm->item);
	/* A test's clock moves only by its lines: no tick of our own. */
	if (on == NULL || tm->clock_fd >= 0)
		return -1;
	return (int)timer_due_ms(on, timers_now(tm));
}

static enum term_event on_tick(void *ctx)
{
	return look(((struct tui *)ctx)->timers);
}

/* One line of the test's clock: "+N" moves it on N seconds. */
static void clock_line(struct timers *tm, const char *s)
{
	char *end;
	if (*s != '+')
		return;
	errno = 0;
	long n = strtol(s + 1, &end, 10);
	if (errno == 0 && end != s + 1 && *end == '\0' && n >= 0 &&
	    n <= 1000000)
		tm->clock_ms += n * 1000LL;
}

static enum term_event on_clock(void *ctx)
{
	struct timers *tm = ((struct tui *)ctx)->timers;
	char buf[256];
	ssize_t n;
	while ((n = read(tm->clock_fd, buf, sizeof buf)) > 0)
		for (ssize_t k = 0; k < n; k++) {
			if (buf[k] == '\n') {
				tm->line[tm->len] = '\0';
				clock_line(tm, tm->line);
				tm->len = 0;
			} else if (tm->len < (int)sizeof tm->line - 1) {
				tm->line[tm->len++] = buf[k];
			}
		}
	/* Closed: stop watching, or the loop would spin on its hang-up. */
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		*tm->watch = -1;
	return look(tm);
}

void timers_attach(struct timers *tm, struct term_handlers *h)
{
	h->tick_due = tick_due;
	h->on_tick = on_tick;
	if (tm->clock_fd < 0 || h->nwatch >= TERM_MAX_WATCH)
		return;
	tm->watch = &h->watch[h->nwatch].fd;
	h->watch[h->nwatch++] = (struct term_watch){tm->clock_fd, on_clock, NULL};
}
