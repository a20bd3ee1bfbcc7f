#include "bench_phones.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "unit/phones.h"

#define PHONES 200
#define ROUNDS 9

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* A round counts only if every phone was answered 303 and counted. */
static int counted(const struct phones *p, long saves)
{
	for (int k = 0; k < p->n; k++)
		if (p->phone[k].status != 303) {
			fprintf(stderr, "bench: phone %d: status %d\n", k,
				p->phone[k].status);
			return -1;
		}
	if (p->app.saves != saves || ballots_joined(&p->app.bs) != p->n) {
		fprintf(stderr, "bench: %ld votes saved of %ld\n", p->app.saves,
			saves);
		return -1;
	}
	return 0;
}

/*
 * PHONES phones vote at once, ROUNDS times (each changes its vote every
 * round); the time of a round runs from the first connection opened to
 * the last answer read.  The median round gives the rate.
 */
static int votes_per_second(void)
{
	struct phones *p = calloc(1, sizeof *p);
	double took[ROUNDS];
	int view[PHONES];
	char why[256];
	if (p == NULL || phones_start(p, PHONES, why, sizeof why) != 0) {
		fprintf(stderr, "bench: phones: %s\n", p ? why : "no memory");
		free(p);
		return -1;
	}
	int rc = 0;
	for (int r = 0; r < ROUNDS && rc == 0; r++) {
		for (int k = 0; k < PHONES; k++)
			view[k] = 1 + (k + r) % PHONES_VIEWS;
		double t0 = now();
		rc = phones_vote(p, view, why, sizeof why);
		took[r] = now() - t0;
		if (rc != 0)
			fprintf(stderr, "bench: phones: %s\n", why);
		else
			rc = counted(p, (long)(r + 1) * PHONES);
	}
	phones_stop(p);
	free(p);
	if (rc != 0)
		return -1;
	qsort(took, ROUNDS, sizeof *took, by_value);
	double med = took[ROUNDS / 2];
	printf("  %-44s %10.1f ms  %10.0f votes/s\n",
	       "phones: 200 voting at once (median of 9)", med * 1e3,
	       PHONES / med);
	printf("  %-44s %10.1f ms  %10.1f ms\n", "  fastest and slowest round",
	       took[0] * 1e3, took[ROUNDS - 1] * 1e3);
	return 0;
}

int bench_phones(void)
{
	/*
	 * The server alone, in this process.  The time from a vote to the
	 * frame that shows it needs handsup itself serving the phones, so
	 * it is measured through the real binary, not here.
	 */
	return votes_per_second();
}
