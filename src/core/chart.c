#include "core/chart.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/tally.h"

static void fill_pct(const long *counts, int n, struct chart_bar *bars)
{
	int small[16];
	int *pct = small;

	/* More bars than a deck allows views is rare; then the heap. */
	if ((size_t)n > sizeof small / sizeof small[0])
		pct = malloc((size_t)n * sizeof *pct);
	for (int i = 0; i < n; i++)
		bars[i].pct = 0;
	if (!pct)
		return;
	tally_percent(counts, n, pct);
	for (int i = 0; i < n; i++)
		bars[i].pct = pct[i];
	if (pct != small)
		free(pct);
}

void chart_layout(const long *counts, int n, int width, struct chart_bar *bars)
{
	uint64_t units, total = 0;
	unsigned shift;

	if (!counts || !bars || n <= 0)
		return;
	for (int i = 0; i < n; i++) {
		bars[i].count = counts[i];
		bars[i].full = 0;
		bars[i].eighths = 0;
	}
	fill_pct(counts, n, bars);
	if (width <= 0)
		return;
	units = (uint64_t)width * 8;
	shift = tally_share_shift(counts, n, units);
	for (int i = 0; i < n; i++)
		total += tally_share_of(counts[i], shift);
	if (total == 0)
		return;
	for (int i = 0; i < n; i++) {
		uint64_t scaled = tally_share_of(counts[i], shift) * units;
		uint64_t len = scaled / total;

		/* Half an eighth or more rounds up (2r >= total, unoverflowed).
		 */
		if (scaled % total >= total - scaled % total)
			len++;
		/* A single raised hand must still show. */
		if (len == 0 && counts[i] > 0)
			len = 1;
		bars[i].full = (int)(len / 8);
		bars[i].eighths = (int)(len % 8);
	}
}

void chart_split(const long *counts, int n, int width, int *cells)
{
	int nonzero = 0;

	if (!counts || !cells || n <= 0)
		return;
	tally_apportion(counts, n, width, cells);
	for (int i = 0; i < n; i++)
		nonzero += counts[i] > 0;
	if (width < nonzero)
		return;
	/*
	 * Every counted segment gets a cell, taken from the largest one
	 * (the last of equals, as the earlier won the rounding).  One with
	 * two or more cells always exists: the others hold all width >=
	 * nonzero cells in fewer than nonzero segments.
	 */
	for (int i = 0; i < n; i++) {
		int big = 0;

		if (counts[i] <= 0 || cells[i] > 0)
			continue;
		for (int j = 1; j < n; j++)
			if (cells[j] >= cells[big])
				big = j;
		cells[big]--;
		cells[i]++;
	}
}

int chart_label(char *buf, size_t cap, long count, int pct)
{
	int len;

	if (!buf || cap == 0)
		return 0;
	len = snprintf(buf, cap, "%ld (%d%%)", count, pct);
	if (len < 0) {
		buf[0] = '\0';
		return 0;
	}
	/* Truncated: report what is in buf, not what would have been. */
	return (size_t)len < cap ? len : (int)(cap - 1);
}

int chart_plain(char *buf, size_t cap, int cells, int width, char ch)
{
	size_t len, bar;

	if (!buf || cap == 0)
		return 0;
	bar = cells > 0 ? (size_t)cells : 0;
	len = width > 0 && (size_t)width > bar ? (size_t)width : bar;
	if (len > cap - 1)
		len = cap - 1;
	if (bar > len)
		bar = len;
	for (size_t i = 0; i < len; i++)
		buf[i] = i < bar ? ch : ' ';
	buf[len] = '\0';
	return (int)len;
}
