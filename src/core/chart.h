/*
 * chart: bar layout.  Counts and a width in cells become bar lengths in
 * whole cells plus an eighth-cell remainder, and labels.  Pure: no drawing.
 */
#ifndef HANDSUP_CHART_H
#define HANDSUP_CHART_H

#include <stddef.h>

struct chart_bar {
	long count;
	int pct;     /* from tally_percent: sums to 100 over the chart */
	int full;    /* whole cells */
	int eighths; /* 0..7 further eighths of a cell */
};

/*
 * Lays out n bars, each proportional to its share of the total, where 100%
 * would fill width cells.  Lengths are in eighths of a cell, rounded to the
 * nearest eighth (halves up); a non-zero count always gets at least one
 * eighth.  With width <= 0 every length is zero (pct is still set).
 * Negative counts count as zero.
 */
void chart_layout(const long *counts, int n, int width, struct chart_bar *bars);

/*
 * Splits one bar of width cells between n segments by share, by the
 * largest-remainder method, so the cells add up to exactly width (all
 * zero when the total is zero).  A non-zero count gets at least one cell
 * when width allows (width >= the number of non-zero counts); that cell
 * is taken from the largest segment (the last of equal ones).
 */
void chart_split(const long *counts, int n, int width, int *cells);

/*
 * Writes the label "COUNT (PCT%)", e.g. "12 (60%)", into buf; returns its
 * length (of what fits: truncated to cap - 1, always NUL-terminated).
 */
int chart_label(char *buf, size_t cap, long count, int pct);

/*
 * Fills buf with a plain-character bar of cells cells (using ch) followed
 * by spaces up to width; for the text report.  Returns the length, the
 * larger of cells and width, cut to cap - 1; buf is NUL-terminated.
 */
int chart_plain(char *buf, size_t cap, int cells, int width, char ch);

#endif
