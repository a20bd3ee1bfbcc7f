/*
 * bench_phones: the phones' figures of make bench, on loopback in this
 * process (tests/unit/phones.c): how many votes per second the server
 * takes when a room's phones vote at once.
 */
#ifndef HANDSUP_TESTS_BENCH_PHONES_H
#define HANDSUP_TESTS_BENCH_PHONES_H

/* Prints the figures' lines; returns 0, or -1 after saying what failed. */
int bench_phones(void);

#endif
