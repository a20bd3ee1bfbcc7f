/*
 * report_agg: the sums behind an aggregate report, shared by the file
 * that gathers them (report_agg.c) and the one that writes them
 * (report_agg_out.c).  Internal to report.  Everything is copied out of
 * the sessions, so an aggregate needs memory for its items and one name
 * per session, not for the sessions themselves.
 */
#ifndef HANDSUP_REPORT_AGG_H
#define HANDSUP_REPORT_AGG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "report.h"
#include "tally.h"

struct agg_item {
	char *heading;
	char *labels[TALLY_MAX_VIEWS]; /* from the session with most views */
	int nviews;
	long totals[TALLY_MAX_VIEWS]; /* every session, compared one too */
	long rest[TALLY_MAX_VIEWS];   /* every session but the compared one */
	long cmp[TALLY_MAX_VIEWS];    /* the compared session */
	bool in_cmp;
	int nsessions;         /* sessions that have the item */
	int ncounted;          /* ... and counted it */
	int min_pct, max_pct;  /* View 1 share among those counted */
	size_t min_at, max_at; /* ... and where: index into sess */
};

struct agg_session {
	char *name;
	char *file;
	time_t started;
};

struct report_agg {
	char *title, *source; /* of the first session's deck */
	uint64_t hash;
	struct agg_session *sess;
	size_t nsess, sess_cap;
	long cmp_at; /* index into sess, or -1 */
	time_t first, last;
	struct agg_item *items;
	int nitems, items_cap;
};

/* "View 1" ... "View 6", for the totals. */
extern const char *const report_agg_views[TALLY_MAX_VIEWS];

long report_agg_sum(const long *c, int n);

/* Totals of each view over all items; returns the number of views. */
int report_agg_totals(const struct report_agg *a, long *totals);

/* The compared session against the pooled rest, for one item. */
struct agg_cmp {
	bool counted;      /* the compared session counted the item */
	bool rest_counted; /* some other session did */
	int cpct[TALLY_MAX_VIEWS], rpct[TALLY_MAX_VIEWS];
	int diff;       /* View 1 share, compared minus rest, in points */
	bool other_way; /* both lean, to different views */
};

void report_agg_cmp(const struct agg_item *it, struct agg_cmp *ci);

int report_agg_csv(FILE *out, const struct report_agg *a);
int report_agg_json(FILE *out, const struct report_agg *a);

/* Writes the aggregate in one format (report_agg_out.c). */
int report_agg_emit(FILE *out, const struct report_agg *a,
                    enum report_format fmt);

#endif
