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

#include "report/report.h"
#include "core/tally.h"

struct agg_item {
	char *heading;
	char *labels[TALLY_MAX_VIEWS]; /* from the session with most views */
	int nviews;
	/* Sums over sessions: int64_t, as a long may have only 32 bits. */
	int64_t totals[TALLY_MAX_VIEWS]; /* every session, compared too */
	int64_t rest[TALLY_MAX_VIEWS];	 /* all but the compared session */
	int64_t cmp[TALLY_MAX_VIEWS];	 /* the compared session */
	bool in_cmp;			 /* the compared session has the item */
	bool in_rest;			 /* ... and some other session */
	int nsessions;			 /* sessions that have the item */
	int ncounted;			 /* ... and counted it */
	int min_pct, max_pct;		 /* View 1 share among those counted */
	size_t min_at, max_at;		 /* ... and where: index into sess */
	/*
	 * A session's item takes an aggregate item at most once, so that
	 * items with the same heading stay apart: last_sess is the number
	 * (index + 1) of the last session that took this one, same_prev
	 * the previous item with the same heading (-1: none).
	 */
	size_t last_sess;
	int same_prev;
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

int64_t report_agg_sum(const int64_t *c, int n);

/* Totals of each view over all items; returns the number of views. */
int report_agg_totals(const struct report_agg *a, int64_t *totals);

/* The compared session against the pooled rest, for one item. */
struct agg_cmp {
	bool counted;	   /* the compared session counted the item */
	bool rest_counted; /* some other session did */
	/*
	 * Without the item a side has no count at all, not a count of 0:
	 * an edited deck's new item is missing from the older sessions.
	 */
	bool present, rest_present;
	int cpct[TALLY_MAX_VIEWS], rpct[TALLY_MAX_VIEWS];
	int diff;	/* View 1 share, compared minus rest, in points */
	bool other_way; /* both lean, to different views */
};

void report_agg_cmp(const struct agg_item *it, struct agg_cmp *ci);

int report_agg_csv(FILE *out, const struct report_agg *a);
int report_agg_json(FILE *out, const struct report_agg *a);

/* Writes the aggregate in one format (report_agg_out.c). */
int report_agg_emit(FILE *out, const struct report_agg *a,
		    enum report_format fmt);

#endif
