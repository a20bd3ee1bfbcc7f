#include "core/timer.h"

#include <stdio.h>

#include "base/error.h"

/* What each unit is worth, in the order a duration writes them. */
static const struct {
	char unit;
	int seconds;
	const char *name;
} units[] = {{'h', 3600, "hours"}, {'m', 60, "minutes"}, {'s', 1, "seconds"}};

/*
 * One "NUMBER UNIT" part at *s: its unit's index in units[] (at or after
 * from) and its value, or -1.  Five digits are more than any duration
 * may take, so a longer number counts as 100000, which is too long
 * whatever its unit, and never overflows.
 */
static int part(const char **s, int from, long *value)
{
	const char *p = *s;
	long n = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (digits < 5)
			n = n * 10 + (*p - '0');
	if (digits == 0)
		return -1;
	if (digits > 5)
		n = 100000;
	for (int u = from; u < 3; u++)
		if (*p == units[u].unit) {
			*s = p + 1;
			*value = n;
			return u;
		}
	return -1;
}

int timer_parse(const char *s, int *seconds, struct error *err)
{
	long total = 0;
	int next = 0, last = -1;
	if (s == NULL || *s == '\0') {
		error_set(err, 0, "a duration is needed, such as 90s or 2m");
		return -1;
	}
	while (*s) {
		long n;
		int u = part(&s, next, &n);
		if (u < 0) {
			error_set(err, 0,
				  "not a duration; write it as 90s, 2m or "
				  "1m30s");
			return -1;
		}
		/* "1m75s" is a slip for something; refuse to guess which. */
		if (last >= 0 && n > 59) {
			error_set(err, 0, "%s after %s are 0 to 59",
				  units[u].name, units[last].name);
			return -1;
		}
		total += n * units[u].seconds;
		next = u + 1;
		last = u;
	}
	if (total == 0) {
		error_set(err, 0, "the duration must be more than zero");
		return -1;
	}
	if (total > TIMER_MAX_SECONDS) {
		error_set(err, 0, "the duration is at most %d minutes",
			  TIMER_MAX_SECONDS / 60);
		return -1;
	}
	*seconds = (int)total;
	return 0;
}

void timer_init(struct timer *t, int seconds)
{
	*t = (struct timer){.total_ms = (long long)seconds * 1000};
}

/* Milliseconds run so far; a clock that went back counts as none. */
static long long used(const struct timer *t, long long now)
{
	long long run = t->running && now > t->since_ms ? now - t->since_ms : 0;
	return t->used_ms + run;
}

long long timer_left_ms(const struct timer *t, long long now)
{
	long long left = t->total_ms - used(t, now);
	return left > 0 ? left : 0;
}

int timer_left_s(const struct timer *t, long long now)
{
	return (int)((timer_left_ms(t, now) + 999) / 1000);
}

enum timer_state timer_state(const struct timer *t, long long now)
{
	if (timer_left_ms(t, now) == 0)
		return TIMER_DONE;
	if (t->running)
		return TIMER_RUNNING;
	return t->used_ms > 0 ? TIMER_PAUSED : TIMER_READY;
}

void timer_start(struct timer *t, long long now)
{
	if (t->running || timer_left_ms(t, now) == 0)
		return;
	t->running = true;
	t->since_ms = now;
}

void timer_pause(struct timer *t, long long now)
{
	if (!t->running)
		return;
	t->used_ms = used(t, now);
	if (t->used_ms > t->total_ms)
		t->used_ms = t->total_ms;
	t->running = false;
}

void timer_toggle(struct timer *t, long long now)
{
	if (t->running)
		timer_pause(t, now);
	else
		timer_start(t, now);
}

void timer_reset(struct timer *t)
{
	timer_init(t, (int)(t->total_ms / 1000));
}

bool timer_warning(const struct timer *t, long long now)
{
	int s = timer_left_s(t, now);
	return s > 0 && s <= TIMER_WARN_SECONDS;
}

long long timer_due_ms(const struct timer *t, long long now)
{
	long long left = timer_left_ms(t, now);
	if (!t->running || left == 0)
		return -1;
	/* The shown second changes when left crosses a whole second. */
	long long into = left % 1000;
	return into ? into : 1000;
}

bool timer_take_zero(struct timer *t, long long now)
{
	if (t->told || timer_left_ms(t, now) > 0)
		return false;
	t->told = true;
	return true;
}

void timer_format(int seconds, char *buf, size_t cap)
{
	if (seconds < 0)
		seconds = 0;
	snprintf(buf, cap, "%d:%02d", seconds / 60, seconds % 60);
}
