/*
 * report_agg: the sums behind an aggregate report, shared by the files
 * that gather them (report_agg.c) and write them (report_agg_out.c).
 * Internal to report; other modules use report_aggregate.
 */
#ifndef HANDSUP_REPORT_AGG_H
#define HANDSUP_REPORT_AGG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "report.h"
#include "tally.h"

struct session;

struct agg_item {
	const char *heading;       /* borrowed from the first session */
	char *const *labels;       /* from the session with the most views */
	int nviews;
	long totals[TALLY_MAX_VIEWS]; /* every session, compared one too */
	long rest[TALLY_MAX_VIEWS];   /* every session but the compared one */
	long cmp[TALLY_MAX_VIEWS];    /* the compared session */
	bool in_cmp;
	int nsessions;             /* sessions that have the item */
	int ncounted;              /* ... and counted it */
	int min_pct, max_pct;      /* View 1 share among those counted */
	const char *min_name, *max_name;
};

struct agg {
	const struct session *ref; /* title, source and hash come from it */
	const struct session *const *sessions;
	const char *const *names;
	size_t nrest;
	const struct session *compare;
	const char *compare_name;
	int nsessions;
	time_t first, last;
	struct agg_item *items;
	int nitems, cap;
};

int report_agg_write(FILE *out, const struct agg *a, enum report_format fmt);

#endif
