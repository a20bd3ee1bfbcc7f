/*
 * report_int: private to report/.  What the format files share: the
 * aggregate's sums, the per-format writers that report.c dispatches to,
 * and the building blocks of figures and columns.  Everything is copied
 * out of the sessions, so an aggregate needs memory for its items, not
 * for the sessions themselves.
 */
#ifndef HANDSUP_REPORT_INT_H
#define HANDSUP_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/tally.h"
#include "report/report.h"

struct session;
struct report_divide;
struct report_row;

/* Width of the text reports, for e-mail and 80-column terminals. */
#define REPORT_WIDTH 80

/* One group's sums over the sessions that counted by it, each on its
 * last round of the item; as agg_item's. */
struct agg_sums {
	int64_t totals[TALLY_MAX_VIEWS];
	int64_t rest[TALLY_MAX_VIEWS];
	int64_t cmp[TALLY_MAX_VIEWS];
	bool in_cmp, in_rest;
	int nsessions, ncounted;
};

/* Round r of an item, added up over the sessions that reached it. */
struct agg_round {
	int64_t counts[TALLY_MAX_VIEWS];
	int64_t before[TALLY_MAX_VIEWS]; /* round r - 1 of the same sessions */
	int64_t changed; /* each session's fewest changed minds, added up */
	int nsessions, ncounted;
};

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
	char *min_name, *max_name;	 /* ... and the sessions that had it */
	/*
	 * A session's item takes an aggregate item at most once, so that
	 * items with the same heading stay apart: last_sess is the number
	 * (index + 1) of the last session that took this one, same_prev
	 * the previous item with the same heading (-1: none).
	 */
	size_t last_sess;
	int same_prev;
	/* Per group (report_agg's groups[]), and per round. */
	struct agg_sums groups[REPORT_MAX_GROUPS];
	struct agg_round rounds[TALLY_MAX_ROUNDS];
	int nrounds; /* the most rounds a session has of the item */
};

struct agg_session {
	char *name;
	char *file;
	time_t started;
};

/*
 * Only the JSON document lists every session; for the other formats the
 * aggregate keeps nothing per session (list false, sess NULL), so that
 * thousands of files cost no memory each.
 */
struct report_countup;

struct report_agg {
	char *title, *source; /* of the first session's deck */
	uint64_t hash;
	bool list;		  /* keep every session in sess */
	struct agg_session *sess; /* nsess of them when list */
	size_t nsess, sess_cap;
	long cmp_at;		/* the compared session's number - 1, or -1 */
	struct agg_session cmp; /* and the session, when cmp_at >= 0 */
	time_t first, last;
	struct agg_item *items;
	int nitems, items_cap;
	char *groups[REPORT_MAX_GROUPS]; /* by name, in the order first seen */
	int ngroups;
	bool totals; /* every session shows its totals over all items */
	bool all_v1; /* every session is of format 1: reports as they were */
	bool votes;  /* some session has ballots: its counts are votes */
	/* The phones' count-up, one per number of items (report_countup);
	 * counted: a session's hands and ballots, made only for sessions
	 * with ballots and kept from one to the next. */
	struct report_countup *countups;
	int ncountups;
	struct tally counted;
};

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
/* The same for one group's sums of an item of n views. */
void report_agg_cmp_sums(const struct agg_sums *g, int n, struct agg_cmp *ci);

/* An aggregate item's divide, over each group's sums. */
void report_agg_divide(const struct report_agg *a, int i,
		       struct report_divide *d);

/* Row k of an item's table of groups (sums, shares of the hands, and
 * the comparison); false when no session has group k on the item. */
bool report_agg_group_row(const struct report_agg *a, int i, int k,
			  struct report_row *row);

/* Every group's row of an item's table into rows[] (room for
 * REPORT_MAX_GROUPS); returns how many groups have the item. */
int report_agg_group_rows(const struct report_agg *a, int i,
			  struct report_row *rows);

/* Each group's totals over all items into rows[] (room for
 * REPORT_MAX_GROUPS); returns how many groups have any item. */
int report_agg_group_totals(const struct report_agg *a, int ntot,
			    struct report_row *rows);

/* Row r of an item's table of rounds, "Round 2 (3 sessions)" written
 * into name[cap]. */
void report_agg_round_row(const struct report_agg *a, int i, int r,
			  struct report_row *row, char *name, size_t cap);

/* The sessions that have item i, "in 3 of 5 sessions (2 counted)";
 * "in 1 session" when the aggregate has one.  Returns buf. */
const char *report_agg_sessions_words(char *buf, size_t cap,
				      const struct report_agg *a, int i);

/* "A, B, C": the aggregate's groups.  Returns buf. */
const char *report_agg_groups_words(char *buf, size_t cap,
				    const struct report_agg *a);

struct swing;

/* The swing to an item's round r (r >= 1) over the sessions that have
 * it: shares against their round r - 1, and their changed minds. */
void report_agg_swing(const struct report_agg *a, int i, int r,
		      struct swing *sw);

/* Totals of each view over all items; returns the number of views. */
int report_agg_totals(const struct report_agg *a, int64_t *totals);

/* The writers, one file per format; each returns 0 or -1 (errno). */
int report_text_session(FILE *out, const struct session *s);
int report_text_agg(FILE *out, const struct report_agg *a);
int report_csv_session(FILE *out, const struct session *s);
int report_csv_agg(FILE *out, const struct report_agg *a);
int report_md_session(FILE *out, const struct session *s);
int report_md_agg(FILE *out, const struct report_agg *a);
int report_json_session(FILE *out, const struct session *s);
int report_json_agg(FILE *out, const struct report_agg *a);

/* ---- building blocks (report_util.c) ------------------------------------ */

/* The sum of c[0..n). */
int64_t report_sum(const int64_t *c, int n);

/* labels[v], or "View N" when labels is NULL. */
const char *report_view_label(char *const *labels, int v);

/* A session's item i: its counts into counts[]; returns its views. */
int report_item_counts(const struct session *s, int i, int64_t *counts);
/* A session's totals of each view over all items; returns the views. */
int report_view_totals(const struct session *s, int64_t *totals);
/* A session's items with at least one count. */
int report_counted_items(const struct session *s);

/*
 * Reports are UTF-8 whatever the caller's locale, so their widths are
 * measured as UTF-8 too: between enter and leave, the calling thread's
 * LC_CTYPE is a UTF-8 one when the process's is not (e.g. LANG=C under
 * cron).  report_write and report_agg_write do this themselves.
 */
struct report_locale {
	void *saved; /* locale_t, or NULL when nothing was changed */
	void *utf8;
};

void report_locale_enter(struct report_locale *l);
void report_locale_leave(struct report_locale *l);

/*
 * How the room leans on counts[0..n): "leans to View 2", "tied" or "not
 * counted".  Returns buf.
 */
const char *report_leaning(char *buf, size_t cap, const int64_t *counts, int n);

/*
 * A figure derived from counts (a percentage, or a difference in points),
 * or the format's mark for "none" when the counts it comes from were not
 * counted (known false): an empty CSV field, JSON null, "-" in text and
 * Markdown.  A 0 there would read as "nobody chose it" or "no
 * difference".  Text and Markdown add "%" (text right-aligned in four
 * columns); CSV and JSON write the bare number.
 */
int report_put_figure(FILE *out, enum report_format fmt, bool known, int value);

/*
 * The JSON array of views: number, label, count and percent, each object
 * on a line of its own after indent; when compared, the compared
 * session's and the rest's counts and percentages too, where cmp or rest
 * NULL means that side does not have the item: its count and percentage
 * are null, not 0.  A percentage of counts that add up to 0 is null.
 */
int report_json_views(FILE *out, const char *indent, char *const *labels,
		      const int64_t *counts, int n, bool compared,
		      const int64_t *cmp, const int64_t *rest);

/* ---- groups, rounds and bases (report_split.c) -------------------------- */

/* The most columns of a split: every view, and those who raised no hand. */
#define REPORT_COLS    (TALLY_MAX_VIEWS + 1)
#define REPORT_NO_HAND "No hand"
#define REPORT_NO_VOTE "No vote"

/*
 * One row of counts -- the room's, a group's or a round's -- with its
 * shares.  They are of the hands raised, or of the headcount when the
 * session counts percentages of everyone in the room and the headcount is
 * known and at least the hands: then the people who raised no hand take
 * the last share, and all of them add up to 100.  More hands than the
 * headcount (an over-count) fall back to shares of the hands.
 */
struct report_split {
	int n; /* views */
	int64_t counts[TALLY_MAX_VIEWS];
	int64_t hands;	      /* their sum */
	int64_t headcount;    /* 0: not given */
	int64_t no_hand;      /* headcount - hands; 0 when not given or over */
	bool of_room;	      /* the shares are of the headcount */
	bool votes;	      /* of a session with phones: say "votes" */
	int pct[REPORT_COLS]; /* per view; [n] is no_hand's when of_room */
};

void report_split_of(struct report_split *sp, const int64_t *counts, int n,
		     int64_t headcount, bool room_base);

/* A session's item i in round r (0-based), for group g or the room (-1);
 * votes when the session has ballots. */
void report_split_session(struct report_split *sp, const struct session *s,
			  int i, int r, int g);

/*
 * Once phones vote, a count is a vote, by hand or by phone, as the
 * screens say: "votes", "did not vote", "No vote" instead of "hands",
 * "raised no hand", "No hand".  A session's counts are votes when it
 * has ballots, an aggregate's when any of its sessions has.
 */
bool report_votes(const struct session *s);
/* "No hand" or "No vote", the column and row of the rest. */
const char *report_no_hand_words(bool votes);

/* "of the hands raised", "of the votes" or "of everyone in the room". */
const char *report_base_words(bool of_room, bool votes);

/*
 * What a session's reports show.  A format 1 file knows nothing of bases
 * or of views that mean the same on every item: its reports stay as they
 * were, totals included.  Newer sessions say their base, and total the
 * views over all items only when the deck says that they mean the same.
 */
bool report_says_base(const struct session *s);
bool report_shows_totals(const struct session *s);

/* An item's divide, for the words and the ranking. */
struct report_divide {
	int item;
	const char *heading;
	int gap;	   /* points; -1: fewer than two groups raised hands */
	bool of_room;	   /* the session's shares are of the room: say
	                       that the divide's are of the hands */
	bool votes;	   /* of phones too: "votes" */
	const char *a, *b; /* the two groups furthest apart */
	char *const *labels; /* the item's views' labels; NULL: "View N" */
	int n;		     /* views */
	int64_t ca[TALLY_MAX_VIEWS], cb[TALLY_MAX_VIEWS]; /* their counts */
};

/* A session's item i, on its last round. */
void report_divide_session(struct report_divide *d, const struct session *s,
			   int i);

/* Every item's divide, in a malloc'd array; NULL when out of memory. */
struct report_divide *report_session_divides(const struct session *s);

/*
 * The divide in words: "55 points between A (80% View 1) and B (25% View
 * 1)", on the view where the two groups' shares differ most (the first
 * of equals), named by its label as the screen does; "none; fewer than
 * two groups raised hands" (with ballots, "voted").
 * The divide is of the hands whatever the base; of_room says so.
 * Returns buf.
 */
const char *report_divide_words(char *buf, size_t cap,
				const struct report_divide *d);

/* d[0..n) sorted widest first, those without a divide last, each in
 * the items' order among equals. */
void report_divide_rank(struct report_divide *d, int n);

/* "A (9 people), B, C": a session's groups and their headcounts. */
const char *report_groups_words(char *buf, size_t cap, const struct session *s);

/*
 * "Round 2: 20 hands, 4 raised no hand (headcount 24), leans to View 1"
 * (the round only when there are several; an over-count is "2 more than
 * the headcount (24)"); with votes, "20 votes, 4 did not vote".  Returns
 * buf.
 */
const char *report_hands_words(char *buf, size_t cap,
			       const struct report_split *sp, int round,
			       int nrounds);

struct swing;

/*
 * The swing in words: "Swing to round 2: View 1 +9, View 2 -9 points; at
 * least 2 people changed their minds" (round is the later one, 0-based);
 * of_room says "points of the hands raised", as the swing is of them
 * whatever the base.  nsessions > 0, for an aggregate, says over how many
 * sessions ("Swing to round 2, over the 1 session that reached it: "),
 * since the table's rounds are each over the sessions that have them.
 * votes says "of the votes" and "no votes".  Returns buf.
 */
const char *report_swing_words(char *buf, size_t cap, int round,
			       const struct swing *sw, char *const *labels,
			       int n, bool of_room, bool votes, int nsessions);

/* ---- text tables of groups and rounds (report_text_groups.c) ------------ */

/* A row of a table: a group or a round, and with --compare the View 1
 * share of the compared session minus the rest's, when both counted. */
struct report_row {
	const char *name;
	struct report_split sp;
	bool cmp_known;
	int cmp;
};

/* Each group's totals of each view over all items (current rounds), as
 * shares of the hands; rows[] has room for the session's groups.
 * Returns their number. */
int report_group_totals(const struct session *s, int ntot,
			struct report_row *rows);

/*
 * "Group" (title) and a column per view, the hands, those who raised no
 * hand when any row has a headcount, and with compared the difference;
 * one line per row, a blank line before.  Fits REPORT_WIDTH: the counts
 * are left out, and then the names cut, when it would not.
 */
int report_text_table(FILE *out, const char *title, char *const *labels, int n,
		      const struct report_row *rows, int nrows, bool compared);

/* A session item's groups and divide, and its rounds and swings. */
int report_text_session_extra(FILE *out, const struct session *s, int i);

/* An aggregate item's groups and divide, and its rounds and swings. */
int report_text_agg_extra(FILE *out, const struct report_agg *a, int i);
/* The aggregate's items ranked by divide; -1 when out of memory too. */
int report_text_agg_rank(FILE *out, const struct report_agg *a);

/* "The divide, widest first": d[0..n), ranked here. */
int report_text_rank(FILE *out, struct report_divide *d, int n);

/* The same for a session's items; -1 when out of memory too. */
int report_text_session_rank(FILE *out, const struct session *s);

/* ---- Markdown tables of groups and rounds (report_md_groups.c) ---------- */

/* The text report's tables, as Markdown: "8 (89%)" cells. */
int report_md_table(FILE *out, const char *title, char *const *labels, int n,
		    const struct report_row *rows, int nrows, bool compared);
int report_md_session_extra(FILE *out, const struct session *s, int i);
int report_md_rank(FILE *out, struct report_divide *d, int n);
int report_md_session_rank(FILE *out, const struct session *s);
int report_md_agg_extra(FILE *out, const struct report_agg *a, int i);
int report_md_agg_rank(FILE *out, const struct report_agg *a);

/* A swing as JSON: {"points": [...] or null, "changed": N}. */
struct swing;
int report_json_swing(FILE *out, const struct swing *sw, int n);

/* ---- text columns (report_text_rows.c) ---------------------------------- */

/*
 * Column widths of the text report's view rows, shared by every block of
 * one report so that the columns line up: grow them with report_cols_fit
 * for each label and count to be shown, then report_cols_done.
 */
struct report_cols {
	int label;
	int count;
	int bar;
};

void report_cols_init(struct report_cols *c);
void report_cols_fit(struct report_cols *c, const char *label, int64_t count);
void report_cols_done(struct report_cols *c);

/* Rows "label  count  pct%  ####" for counts[0..n), indented; labels
 * NULL means "View 1", "View 2", ... */
int report_text_views(FILE *out, const struct report_cols *c,
		      char *const *labels, const int64_t *counts, int n);

/* The same rows for a split, and a "No hand" row when its shares are of
 * the headcount. */
int report_text_split(FILE *out, const struct report_cols *c,
		      char *const *labels, const struct report_split *sp);

/* "   3. Heading ......  leans to View 1", a row of where rooms lean. */
int report_text_lean_row(FILE *out, int i, const char *heading,
			 const int64_t *counts, int n);

/* "Overall: leans to View 2". */
int report_text_overall(FILE *out, const int64_t *totals, int n);

/* s cut to width columns (ending in an ellipsis when cut), padded if pad. */
int report_text_fit(FILE *out, const char *s, int width, bool pad);

/* ---- the phones' count-up step (report_countup.c) ----------------------- */

struct report_countup_sum {
	int64_t voters, silent, mostly1, mostly2, even; /* as ballot_summary */
};

/*
 * How many voters chose View 1 on 0..nitems of a deck's items, for
 * everyone (row 0) and each group g (row 1 + g, when has[g]); a session's
 * or the sum of an aggregate's sessions of nitems items.
 */
struct report_countup {
	int nitems;
	int nsessions;
	bool agg;    /* an aggregate's: says how many sessions */
	int ngroups; /* rows 1..ngroups may be in use */
	bool has[REPORT_MAX_GROUPS];
	const char *groups[REPORT_MAX_GROUPS]; /* names, borrowed */
	int64_t *by_k; /* (1 + REPORT_MAX_GROUPS) rows of nitems + 1 */
	struct report_countup_sum sum[1 + REPORT_MAX_GROUPS];
};

/* Whether a session's reports show the count-up: it has ballots and its
 * views mean the same on every item. */
bool report_has_countup(const struct session *s);

/* A session's count-up into c (free it with report_countup_free);
 * -1 when out of memory. */
int report_countup_of(const struct session *s, struct report_countup *c);
void report_countup_free(struct report_countup *c);

/* Row 0 (everyone) or 1 + g of c: nitems + 1 counts.  Inline, so that
 * the format files need nothing of report_countup.c, which calls them. */
static inline int64_t *report_countup_row(const struct report_countup *c,
					  int row)
{
	return c->by_k + (size_t)row * (size_t)(c->nitems + 1);
}

/* Adds s's count-up (if it has one) to the aggregate's for its number
 * of items, its groups mapped by map[]; -1 when out of memory. */
int report_countup_agg_add(struct report_agg *a, const struct session *s,
			   const int *map);

/*
 * What reports count of a session with ballots: a shallow copy of s in
 * *view whose tally is t, the hands with the phones' votes added
 * (session_counts).  t is the caller's, reused from one call to the
 * next.  Returns 0, or -1 when out of memory.
 */
int report_counted_view(const struct session *s, struct tally *t,
			struct session *view);

/*
 * The count-up of a session, when report_has_countup, or an aggregate's
 * (one per number of items) in fmt: after the items (and the totals) in
 * text, Markdown and CSV, and as the JSON document's "countup" member,
 * comma first.  Nothing without ballots.  0, or -1 (errno).
 */
int report_countup_session(FILE *out, const struct session *s,
			   enum report_format fmt);
int report_countup_agg(FILE *out, const struct report_agg *a,
		       enum report_format fmt);

/* The count-up in each format: text and Markdown (report_countup_text.c);
 * CSV rows of a session's report (s) or an aggregate's (a, s NULL), and
 * a JSON object whose later lines start with indent
 * (report_countup_data.c). */
int report_text_countup(FILE *out, const struct report_countup *c);
int report_md_countup(FILE *out, const struct report_countup *c);
int report_csv_countup(FILE *out, const struct report_countup *c,
		       const struct session *s, const struct report_agg *a);
int report_json_countup(FILE *out, const char *indent,
			const struct report_countup *c);

#endif
