/*
 * report: a session's tallies as text, CSV, Markdown or JSON, written to a
 * FILE *; and the aggregate of many sessions of one deck.  Pure but for
 * the stream it writes to (and report_export's files).
 * Every string written is already sanitised by the session loader, and is
 * escaped as each format needs.
 */
#ifndef HANDSUP_REPORT_H
#define HANDSUP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

struct session;

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_MD, REPORT_JSON };

/* "text", "csv", "md" (or "markdown"), "json"; -1 if unknown. */
int report_format_parse(const char *name);

/* File name extension without the dot: "txt", "csv", "md", "json". */
const char *report_format_ext(enum report_format fmt);

/*
 * Writes one session's report.  Returns 0, or -1 on a write error with
 * errno that of the failed write (EIO when the stream gave none).
 */
int report_write(FILE *out, const struct session *s, enum report_format fmt);

struct error;

/* What an aggregate's failure was, for the caller's exit status. */
enum report_agg_status {
	REPORT_AGG_OK = 0,
	REPORT_AGG_EDECK = -1,	 /* a session of another deck */
	REPORT_AGG_ENOMEM = -2,	 /* out of memory */
	REPORT_AGG_EINVAL = -3,	 /* a second compared session; nothing added */
	REPORT_AGG_EIO = -4,	 /* the stream failed; errno says why */
	REPORT_AGG_EGROUPS = -5, /* more groups than REPORT_MAX_GROUPS */
};

/*
 * The most groups an aggregate adds up: sessions' groups are matched by
 * name, and a report of more distinct names would not fit a table.
 */
#define REPORT_MAX_GROUPS 16

/*
 * Writes the aggregate of sessions[0..n) (n >= 1), matched by deck title,
 * items by heading (two items with the same heading in one session stay
 * two items).  compare, if not NULL, is one more session of the same
 * deck to set against the rest: the totals count it too, the comparison
 * pools sessions[] against it.  Returns REPORT_AGG_OK, or one of the
 * codes above with *err set (e.g. a session of another deck, naming the
 * file in names[i]); nothing is written unless every session fits.
 */
int report_aggregate(FILE *out, const struct session *const *sessions,
		     const char *const *names, size_t n,
		     const struct session *compare, const char *compare_name,
		     enum report_format fmt, struct error *err);

/*
 * The same, one session at a time, for callers that would rather not hold
 * every session in memory (the report subcommand over thousands of
 * files): the aggregate copies what it needs from each session, so a
 * session may be freed as soon as it is added.  report_aggregate is
 * report_agg_add of each session, then of compare, then report_agg_write.
 */
struct report_agg;

/* NULL when out of memory. */
struct report_agg *report_agg_new(void);

/*
 * The same, for writing fmt only: the JSON document lists every session
 * (name, start and file), so its aggregate keeps them; for the other
 * formats nothing is kept per session but the sums, so that the memory
 * does not grow with the number of files.
 */
struct report_agg *report_agg_new_for(enum report_format fmt);

/* Whether a can write fmt: anything but JSON when made for another. */
bool report_agg_writes(const struct report_agg *a, enum report_format fmt);

/*
 * Adds one session; compare marks the one to set against the rest (at
 * most one).  The first session added fixes the deck.  Its groups join
 * those of the same name; a session without groups counts toward the
 * room only.  Returns REPORT_AGG_OK, or with *err set REPORT_AGG_EDECK
 * (another deck's session, naming name), REPORT_AGG_EGROUPS (its groups
 * would make more than REPORT_MAX_GROUPS, naming name and the group),
 * REPORT_AGG_ENOMEM or REPORT_AGG_EINVAL; nothing is added then.
 */
int report_agg_add(struct report_agg *a, const struct session *s,
		   const char *name, bool compare, struct error *err);

/*
 * Whether s, of the aggregate's deck by title, was run on another version
 * of it: its deck hash is not that of the first session added.  Items
 * are still matched by heading; the caller may want to say so.
 */
bool report_agg_other_version(const struct report_agg *a,
			      const struct session *s);

/*
 * Writes the aggregate.  REPORT_AGG_EINVAL when nothing was added (or
 * only the compared session) or when made for another format than fmt
 * (report_agg_writes), REPORT_AGG_EIO when the stream failed, with *err
 * set.
 */
int report_agg_write(FILE *out, const struct report_agg *a,
		     enum report_format fmt, struct error *err);

void report_agg_free(struct report_agg *a);

/*
 * Writes the text report and the CSV file of a session side by side in
 * dir, named after the session ("<base>.txt", "<base>.csv").  An existing
 * file is never overwritten: "<base>-2.txt" and so on are tried instead
 * (created with O_EXCL).  On success stores the two malloc'd paths in
 * paths[0] (text) and paths[1] (CSV) and returns 0; else -1 with *err set
 * and nothing left half-written.
 */
int report_export(const struct session *s, const char *dir, char *paths[2],
		  struct error *err);

/*
 * Strings escaped for each format.  Every one of them writes through the
 * same safety net (safe_put): an invalid byte or an unsafe code point
 * never reaches the output as it is.  Each returns 0, or -1 when the
 * stream has failed.
 */

/*
 * One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; a
 * field that starts with =, +, -, @, a tab or a CR, which a spreadsheet
 * would run as a formula, is quoted and starts with an apostrophe, so it
 * shows as the text it is.
 */
int report_put_csv(FILE *out, const char *s);

/* A JSON string with its quotes, or null when s is NULL. */
int report_put_json(FILE *out, const char *s);

/* Text for a Markdown paragraph, heading or table cell ("|" as "\|"). */
int report_put_md(FILE *out, const char *s);

/* "2026-11-27 09:35 UTC" (iso false) or "2026-11-27T09:35:12Z" (iso true). */
void report_time(char *buf, size_t cap, time_t t, bool iso);

/*
 * A safe file-name stem for a session name, by text_slug's rule: lower-case
 * ASCII letters, digits and single dashes, at most 48 bytes, cut after a
 * whole word; "session" when nothing is left.  buf needs 49 bytes.
 */
void report_slug(const char *name, char *buf, size_t cap);

/*
 * prefix then s word-wrapped to REPORT_WIDTH, later lines indented by the
 * width of prefix; ends with a newline.
 */
int report_text_wrap(FILE *out, const char *prefix, const char *s);

#endif
