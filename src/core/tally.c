#include "core/tally.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int tally_init(struct tally *t, int nitems, const int *nviews)
{
	size_t n;

	if (!t)
		return -1;
	memset(t, 0, sizeof *t);
	if (nitems < 0 || (nitems > 0 && !nviews))
		return -1;
	/* calloc(0) may return NULL, which must not read as out of memory. */
	n = nitems > 0 ? (size_t)nitems : 1;
	t->nviews = calloc(n, sizeof *t->nviews);
	t->counts = calloc(n, sizeof *t->counts);
	if (!t->nviews || !t->counts) {
		tally_free(t);
		return -1;
	}
	for (int i = 0; i < nitems; i++) {
		int v = nviews[i] < 0 ? 0 : nviews[i];

		/* Clamped so that no later index can leave counts[i]. */
		t->nviews[i] = v > TALLY_MAX_VIEWS ? TALLY_MAX_VIEWS : v;
	}
	t->nitems = nitems;
	return 0;
}

void tally_free(struct tally *t)
{
	if (!t)
		return;
	free(t->nviews);
	free(t->counts);
	free(t->hist);
	memset(t, 0, sizeof *t);
}

static bool valid_item(const struct tally *t, int item)
{
	return t && t->counts && item >= 0 && item < t->nitems;
}

static bool valid_view(const struct tally *t, int item, int view)
{
	return valid_item(t, item) && view >= 0 && view < t->nviews[item];
}

static long clamp_count(long v)
{
	return v < 0 ? 0 : v > TALLY_MAX_COUNT ? TALLY_MAX_COUNT : v;
}

long tally_get(const struct tally *t, int item, int view)
{
	return valid_view(t, item, view) ? t->counts[item][view] : 0;
}

static struct tally_change *hist_at(const struct tally *t, size_t i)
{
	return &t->hist[(t->hist_start + i) % TALLY_UNDO_DEPTH];
}

/*
 * Replaces an item's counts with after[] and records the change.  Called
 * only when after[] differs, so that a no-op never costs an undo step.
 */
static void apply_change(struct tally *t, int item, const long *after)
{
	struct tally_change *c;
	size_t bytes = sizeof c->after;

	/*
	 * The history is made on the first change: a tally that is only read
	 * (a report over thousands of sessions) never pays for it.  Without
	 * memory for it the count still changes; only its undo is lost.
	 */
	if (!t->hist)
		t->hist = calloc(TALLY_UNDO_DEPTH, sizeof *t->hist);
	if (!t->hist) {
		memcpy(t->counts[item], after, bytes);
		return;
	}
	/* A new change after an undo makes the undone ones unreachable. */
	t->hist_len = t->hist_pos;
	if (t->hist_len == TALLY_UNDO_DEPTH) {
		t->hist_start = (t->hist_start + 1) % TALLY_UNDO_DEPTH;
		t->hist_len--;
		t->hist_pos--;
	}
	c = hist_at(t, t->hist_len);
	c->item = item;
	memcpy(c->before, t->counts[item], bytes);
	memcpy(c->after, after, bytes);
	memcpy(t->counts[item], after, bytes);
	t->hist_len++;
	t->hist_pos++;
}

bool tally_set(struct tally *t, int item, int view, long value)
{
	long after[TALLY_MAX_VIEWS];

	if (!valid_view(t, item, view))
		return false;
	value = clamp_count(value);
	if (t->counts[item][view] == value)
		return false;
	memcpy(after, t->counts[item], sizeof after);
	after[view] = value;
	apply_change(t, item, after);
	return true;
}

bool tally_add(struct tally *t, int item, int view, long delta)
{
	if (!valid_view(t, item, view))
		return false;
	/* Bounding delta first keeps the sum clear of signed overflow. */
	if (delta > TALLY_MAX_COUNT)
		delta = TALLY_MAX_COUNT;
	else if (delta < -TALLY_MAX_COUNT)
		delta = -TALLY_MAX_COUNT;
	return tally_set(t, item, view, t->counts[item][view] + delta);
}

bool tally_reset_item(struct tally *t, int item)
{
	long zero[TALLY_MAX_VIEWS] = {0};

	if (!tally_item_counted(t, item))
		return false;
	apply_change(t, item, zero);
	return true;
}

void tally_load(struct tally *t, int item, int view, long value)
{
	if (valid_view(t, item, view))
		t->counts[item][view] = clamp_count(value);
}

int tally_undo(struct tally *t)
{
	const struct tally_change *c;

	if (!tally_can_undo(t))
		return -1;
	t->hist_pos--;
	c = hist_at(t, t->hist_pos);
	memcpy(t->counts[c->item], c->before, sizeof c->before);
	return c->item;
}

int tally_redo(struct tally *t)
{
	const struct tally_change *c;

	if (!tally_can_redo(t))
		return -1;
	c = hist_at(t, t->hist_pos);
	memcpy(t->counts[c->item], c->after, sizeof c->after);
	t->hist_pos++;
	return c->item;
}

bool tally_can_undo(const struct tally *t)
{
	return t && t->hist && t->hist_pos > 0;
}

bool tally_can_redo(const struct tally *t)
{
	return t && t->hist && t->hist_pos < t->hist_len;
}

long tally_item_total(const struct tally *t, int item)
{
	long sum = 0;

	if (!valid_item(t, item))
		return 0;
	for (int v = 0; v < t->nviews[item]; v++)
		sum += t->counts[item][v];
	return sum;
}

long tally_view_total(const struct tally *t, int view)
{
	long sum = 0;

	if (!t || !t->counts || view < 0 || view >= TALLY_MAX_VIEWS)
		return 0;
	for (int i = 0; i < t->nitems; i++)
		if (view < t->nviews[i])
			sum += t->counts[i][view];
	return sum;
}

bool tally_item_counted(const struct tally *t, int item)
{
	if (!valid_item(t, item))
		return false;
	for (int v = 0; v < t->nviews[item]; v++)
		if (t->counts[item][v] > 0)
			return true;
	return false;
}

int tally_leaning(const struct tally *t, int item)
{
	int64_t c[TALLY_MAX_VIEWS];
	if (!valid_item(t, item))
		return -1;
	for (int v = 0; v < t->nviews[item]; v++)
		c[v] = t->counts[item][v];
	return tally_leaning_of(c, t->nviews[item]);
}

int tally_leaning_of(const int64_t *counts, int n)
{
	int best = -1;
	bool tie = false;

	if (!counts)
		return -1;
	for (int i = 0; i < n; i++) {
		if (counts[i] <= 0)
			continue;
		if (best < 0 || counts[i] > counts[best]) {
			best = i;
			tie = false;
		} else if (counts[i] == counts[best]) {
			tie = true;
		}
	}
	return tie ? -1 : best;
}

uint64_t tally_share_of(long count, unsigned shift)
{
	return count > 0 ? (uint64_t)count >> shift : 0;
}

/*
 * Shares are computed as count * units / total in 64 unsigned bits.  So
 * that this can never overflow, whatever the inputs, every count is
 * shifted right until the total times units fits; for any count a room
 * can produce the shift is zero and the result exact.
 */
unsigned tally_share_shift(const long *counts, int n, uint64_t units)
{
	uint64_t limit = UINT64_MAX / (units ? units : 1);
	unsigned s;

	for (s = 0; s < 63; s++) {
		uint64_t sum = 0;
		int i;

		for (i = 0; i < n; i++) {
			uint64_t c = tally_share_of(counts[i], s);

			if (c > limit - sum)
				break;
			sum += c;
		}
		if (i == n)
			break;
	}
	return s;
}

static uint64_t share_rem(const long *counts, int i, unsigned shift,
			  uint64_t units, uint64_t total)
{
	return tally_share_of(counts[i], shift) * units % total;
}

void tally_apportion(const long *counts, int n, int units, int *out)
{
	uint64_t total = 0, spare = (uint64_t)units;
	unsigned shift;

	if (!counts || !out || n <= 0)
		return;
	for (int i = 0; i < n; i++)
		out[i] = 0;
	if (units <= 0)
		return;
	shift = tally_share_shift(counts, n, (uint64_t)units);
	for (int i = 0; i < n; i++)
		total += tally_share_of(counts[i], shift);
	if (total == 0)
		return;
	for (int i = 0; i < n; i++) {
		uint64_t q = tally_share_of(counts[i], shift) *
			     (uint64_t)units / total;

		out[i] = (int)q;
		spare -= q;
	}
	/*
	 * Fewer than n units are left over: one each to the shares whose
	 * remainder ranks among the largest, an earlier share ranking
	 * above a later one with the same remainder.  The remainders share
	 * the denominator total, so their numerators compare directly.
	 * Ranking by counting is quadratic but needs no memory, and n is a
	 * handful of views.
	 */
	for (int i = 0; i < n && spare > 0; i++) {
		uint64_t ri =
			share_rem(counts, i, shift, (uint64_t)units, total);
		uint64_t above = 0;

		for (int j = 0; j < n; j++) {
			uint64_t rj = share_rem(counts, j, shift,
						(uint64_t)units, total);

			if (rj > ri || (rj == ri && j < i))
				above++;
		}
		if (above < spare)
			out[i]++;
	}
}

void tally_percent(const long *counts, int n, int *pct)
{
	tally_apportion(counts, n, 100, pct);
}

int tally_undo_item(const struct tally *t)
{
	return tally_can_undo(t) ? hist_at(t, t->hist_pos - 1)->item : -1;
}

int tally_redo_item(const struct tally *t)
{
	return tally_can_redo(t) ? hist_at(t, t->hist_pos)->item : -1;
}
