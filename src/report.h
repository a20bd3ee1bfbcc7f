/*
 * report: a session's tallies as text, CSV, Markdown or JSON, written to a
 * FILE *; and the aggregate of many sessions of one deck.  No curses.
 * Every string written is already sanitised by the session loader, and is
 * escaped as each format needs.
 */
#ifndef HANDSUP_REPORT_H
#define HANDSUP_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct session;

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_MD, REPORT_JSON };

/* "text", "csv", "md" (or "markdown"), "json"; -1 if unknown. */
int report_format_parse(const char *name);

/* File name extension without the dot: "txt", "csv", "md", "json". */
const char *report_format_ext(enum report_format fmt);

/* Writes one session's report.  Returns 0, or -1 on a write error. */
int report_write(FILE *out, const struct session *s, enum report_format fmt);

struct report_error {
	char msg[300];
};

/*
 * Writes the aggregate of sessions[0..n) (n >= 1), matched by deck title,
 * items by heading.  compare, if not NULL, is one more session of the same
 * deck to set against the rest.  Returns 0, or -1 with *err set (e.g. a
 * session of another deck, naming the file in names[i]).
 */
int report_aggregate(FILE *out, const struct session *const *sessions,
		     const char *const *names, size_t n,
		     const struct session *compare, const char *compare_name,
		     enum report_format fmt, struct report_error *err);

/*
 * Writes the text report and the CSV file of a session side by side in
 * dir, named after the session ("<base>.txt", "<base>.csv").  An existing
 * file is never overwritten: "<base>-2.txt" and so on are tried instead
 * (created with O_EXCL).  On success stores the two malloc'd paths in
 * paths[0] (text) and paths[1] (CSV) and returns 0; else -1 with *err set
 * and nothing left half-written.
 */
int report_export(const struct session *s, const char *dir, char *paths[2],
		  struct report_error *err);

#endif
