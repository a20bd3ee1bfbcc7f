/*
 * timers: the discussion timers of a session on the terminal (--timer).
 * Each item has its own, from the full duration; only the item on
 * screen can run, so leaving an item pauses its timer and coming back
 * shows what was left.  They are clocks, not counts: nothing of them is
 * saved.
 *
 * The clock is CLOCK_MONOTONIC, read here and nowhere below.  A test
 * names a descriptor in HANDSUP_CLOCK_FD instead: then the real clock
 * is never read, and each line "+N" read from it moves the time on by N
 * seconds and draws a frame.  With the real clock a running timer wakes
 * the loop once a second, when the time shown changes; a paused or
 * stopped one never does.
 */
#ifndef HANDSUP_TIMERS_H
#define HANDSUP_TIMERS_H

#include <stdbool.h>

#include "core/timer.h"
#include "tui/term.h"
#include "tui/tui.h"

struct error;

struct timers {
	struct timer *items; /* one per item */
	int nitems;
	bool bell;	    /* beep once at zero (--timer-bell) */
	int item;	    /* the item whose timer may be running, or -1 */
	int clock_fd;	    /* a test's clock, or -1 for the real one */
	long long clock_ms; /* that clock's time */
	int *watch;	    /* its entry in the loop's watch list */
	char line[24];	    /* a line of it read in part */
	int len;
};

/*
 * Timers of seconds for nitems items.  Returns 0, or -1 with err set
 * (out of memory).
 */
int timers_init(struct timers *tm, int nitems, int seconds, bool bell,
		struct error *err);
void timers_free(struct timers *tm);

/* The time now, in milliseconds, on the timers' clock. */
long long timers_now(const struct timers *tm);

/* Item's timer, or NULL (no timers, or no such item). */
const struct timer *timers_of(const struct timers *tm, int item);

/*
 * d (reset false: start or pause) or D (reset true) on the screen t
 * shows: ignored off an item screen; a message without --timer.
 */
enum input_result timers_key(struct tui *t, bool reset);

/* After any change of screen: pauses the timer of an item left. */
void timers_follow(struct timers *tm, int item);

/*
 * Gives the loop the timers' tick and, for a test's clock, its
 * descriptor (h->ctx must be the struct tui whose timers tm is).
 */
void timers_attach(struct timers *tm, struct term_handlers *h);

#endif
