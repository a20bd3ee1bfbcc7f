/*
 * timer: a discussion timer's arithmetic, and the strict reading of its
 * duration ("90s", "2m", "1m30s").  Pure: every function that needs the
 * time is given it (milliseconds on any clock that never goes back), so
 * the clock is the caller's, and a test's clock is as good as the real
 * one.
 *
 * A timer counts down from its duration while it runs and keeps what
 * is left while paused.  The screen shows whole seconds rounded up, so
 * a 90 s timer reads 1:30 for its first second and 0:00 only at zero:
 * "time is up" is never shown a second early.
 */
#ifndef HANDSUP_TIMER_H
#define HANDSUP_TIMER_H

#include <stdbool.h>
#include <stddef.h>

struct error;

/* The longest duration: two-digit minutes are all the screen shows. */
#define TIMER_MAX_SECONDS (99 * 60)
/* The last seconds shown in the warning colour. */
#define TIMER_WARN_SECONDS 15

enum timer_state {
	TIMER_READY,   /* not started since the last reset */
	TIMER_RUNNING, /* counting down */
	TIMER_PAUSED,  /* stopped with time left */
	TIMER_DONE,    /* reached zero */
};

struct timer {
	long long total_ms; /* the duration */
	long long used_ms;  /* run before the current start */
	long long since_ms; /* when the current run began, while running */
	bool running;
	bool told; /* zero was reported by timer_take_zero */
};

/*
 * Reads a duration: minutes and seconds, each a whole number followed
 * by its unit, in that order ("90s", "2m", "1m30s"; "1h" and "1h15m"
 * too).  Seconds after minutes are 0-59.  The whole is 1 s to
 * TIMER_MAX_SECONDS.  Returns 0 with *seconds set, or -1 with err set.
 */
int timer_parse(const char *s, int *seconds, struct error *err);

/* A ready timer of the given duration (seconds, > 0). */
void timer_init(struct timer *t, int seconds);

/* Starts or resumes the timer at now; nothing when running or done. */
void timer_start(struct timer *t, long long now);
/* Pauses the timer at now, keeping what is left; nothing unless running. */
void timer_pause(struct timer *t, long long now);
/* Pauses a running timer, else starts it (a done timer stays done). */
void timer_toggle(struct timer *t, long long now);
/* Back to the full duration, not running. */
void timer_reset(struct timer *t);

enum timer_state timer_state(const struct timer *t, long long now);
/* Milliseconds left at now, 0 at or after zero. */
long long timer_left_ms(const struct timer *t, long long now);
/* The seconds the screen shows: what is left, rounded up. */
int timer_left_s(const struct timer *t, long long now);
/* Whether the time shown is in the last TIMER_WARN_SECONDS (not zero). */
bool timer_warning(const struct timer *t, long long now);
/*
 * Milliseconds from now until the time shown changes (1..1000), or -1
 * when it cannot change by itself: paused, ready or done.
 */
long long timer_due_ms(const struct timer *t, long long now);
/*
 * True once when the timer has reached zero, the first time it is asked
 * at or after it (so a bell rings once); again only after a reset.
 */
bool timer_take_zero(struct timer *t, long long now);

/* Writes seconds as "M:SS" or "MM:SS" into buf (at least 8 bytes). */
void timer_format(int seconds, char *buf, size_t cap);

#endif
