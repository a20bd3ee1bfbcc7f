/*
 * output: where a report goes -- standard output, or a file that is
 * replaced only once the whole report is written and synced.
 */
#ifndef HANDSUP_OUTPUT_H
#define HANDSUP_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

/*
 * The output: standard output, or FILE written as a new temporary file in
 * FILE's folder (".FILE.XXXXXX", made with mkstemp: never an existing
 * file or a planted link, and never another run's) and renamed over FILE
 * only once complete, so a failed run never leaves a cut-off report where
 * a good one (or nothing) was.
 */
struct output {
	FILE *f;
	const char *path; /* NULL: standard output */
	char *tmp;
	char *dir; /* the folder of path, to make the rename durable */
};

/* 0, or an exit status once the reason is printed. */
int output_open(struct output *o, const char *path);
int output_close(struct output *o, int e);

/*
 * Finishes the output: e is 0 when it was written whole, else the errno
 * of the failed write (reported here) or -1 for a failure the caller
 * reports; the output is thrown away then.  Returns the exit status.
 */

/* Writes a UTF-8 byte order mark (--bom); -1 when the write fails. */
int output_bom(struct output *o);

/* The same file, by name or by identity (device and inode). */
bool output_same_file(const char *a, const char *b);
/* -o naming an input would replace that input with the output. */
bool output_clobbers(const char *out, const char *input);

#endif
