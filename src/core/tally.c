#include "core/tally.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The counts of round r of item i. */
#define ROUND(t, i, r) ((t)->items[i].round[r])
/* The current round of item i. */
#define CURRENT(t, i) ROUND(t, i, (t)->items[i].nrounds - 1)

int tally_init(struct tally *t, int nitems, const int *nviews, int ngroups)
{
	if (!t)
		return -1;
	memset(t, 0, sizeof *t);
	if (nitems < 0 || (nitems > 0 && !nviews))
		return -1;
	t->ngroups = ngroups < 1		  ? 1
		     : ngroups > TALLY_MAX_GROUPS ? TALLY_MAX_GROUPS
						  : ngroups;
	/* calloc(0) may return NULL, which must not read as out of memory. */
	t->items = calloc(nitems > 0 ? (size_t)nitems : 1, sizeof *t->items);
	if (!t->items)
		return -1;
	t->nitems = nitems;
	for (int i = 0; i < nitems; i++) {
		int v = nviews[i] < 0 ? 0 : nviews[i];
		struct tally_item *it = &t->items[i];

		/* Clamped so that no later index can leave a round's row. */
		it->nviews = v > TALLY_MAX_VIEWS ? TALLY_MAX_VIEWS : v;
		it->nrounds = 1;
		it->round = calloc(1, sizeof *it->round);
		if (!it->round) {
			tally_free(t);
			return -1;
		}
	}
	return 0;
}

int tally_reuse(struct tally *t, int nitems, const int *nviews, int ngroups)
{
	bool same = t->items && t->nitems == nitems && nitems > 0 && nviews;
	for (int i = 0; same && i < nitems; i++)
		same = t->items[i].nviews == nviews[i];
	if (!same) {
		tally_free(t);
		return tally_init(t, nitems, nviews, ngroups);
	}
	/* Every count back to zero, one round each, no history: a tally as
	 * tally_init makes it, in the memory it already has. */
	for (int i = 0; i < nitems; i++) {
		t->items[i].nrounds = 1;
		memset(t->items[i].round, 0, sizeof *t->items[i].round);
	}
	t->ngroups = ngroups < 1		  ? 1
		     : ngroups > TALLY_MAX_GROUPS ? TALLY_MAX_GROUPS
						  : ngroups;
	memset(t->headcount, 0, sizeof t->headcount);
	free(t->hist);
	t->hist = NULL;
	t->hist_len = t->hist_pos = t->hist_start = 0;
	return 0;
}

void tally_free(struct tally *t)
{
	if (!t)
		return;
	for (int i = 0; t->items && i < t->nitems; i++)
		free(t->items[i].round);
	free(t->items);
	free(t->hist);
	memset(t, 0, sizeof *t);
}

static bool valid_item(const struct tally *t, int item)
{
	return t && t->items && item >= 0 && item < t->nitems;
}

static bool valid_group(const struct tally *t, int item, int group)
{
	return valid_item(t, item) && group >= 0 && group < t->ngroups;
}

static bool valid_view(const struct tally *t, int item, int group, int view)
{
	return valid_group(t, item, group) && view >= 0 &&
	       view < t->items[item].nviews;
}

static long clamp(long v, long max)
{
	return v < 0 ? 0 : v > max ? max : v;
}

int tally_rounds(const struct tally *t, int item)
{
	return valid_item(t, item) ? t->items[item].nrounds : 1;
}

long tally_cell(const struct tally *t, int item, int round, int group, int view)
{
	if (!valid_view(t, item, group, view) || round < 0 ||
	    round >= t->items[item].nrounds)
		return 0;
	return ROUND(t, item, round)[group][view];
}

long tally_group_get(const struct tally *t, int item, int group, int view)
{
	return valid_view(t, item, group, view) ? CURRENT(t, item)[group][view]
						: 0;
}

long tally_get(const struct tally *t, int item, int view)
{
	long sum = 0;

	if (!valid_view(t, item, 0, view))
		return 0;
	for (int g = 0; g < t->ngroups; g++)
		sum += CURRENT(t, item)[g][view];
	return sum;
}

int tally_room(const struct tally *t, int item, int round, long *counts)
{
	if (!valid_item(t, item))
		return 0;
	int n = t->items[item].nviews;
	for (int v = 0; v < n; v++) {
		counts[v] = 0;
		for (int g = 0; g < t->ngroups; g++)
			counts[v] += tally_cell(t, item, round, g, v);
	}
	return n;
}

/* ---- history ------------------------------------------------------------- */

static struct tally_change *hist_at(const struct tally *t, size_t i)
{
	return &t->hist[(t->hist_start + i) % TALLY_UNDO_DEPTH];
}

/*
 * A new entry at the end of the history, or NULL without memory for one.
 * The history is made on the first change: a tally that is only read (a
 * report over thousands of sessions) never pays for it.
 */
static struct tally_change *hist_push(struct tally *t)
{
	if (!t->hist)
		t->hist = calloc(TALLY_UNDO_DEPTH, sizeof *t->hist);
	if (!t->hist)
		return NULL;
	/* A new change after an undo makes the undone ones unreachable. */
	t->hist_len = t->hist_pos;
	if (t->hist_len == TALLY_UNDO_DEPTH) {
		/* The oldest goes; one joined to it loses its partner. */
		t->hist_start = (t->hist_start + 1) % TALLY_UNDO_DEPTH;
		t->hist_len--;
		t->hist_pos--;
		hist_at(t, 0)->joined = false;
	}
	struct tally_change *c = hist_at(t, t->hist_len);
	memset(c, 0, sizeof *c);
	t->hist_len++;
	t->hist_pos++;
	return c;
}

/*
 * Replaces a group's counts in the item's current round with after[] and
 * records the change.  Called only when after[] differs, so that a no-op
 * never costs an undo step.  Without memory for the history the count
 * still changes; only its undo is lost.
 */
static void apply_change(struct tally *t, int item, int group,
			 const long *after, bool joined)
{
	long *row = CURRENT(t, item)[group];
	struct tally_change *c = hist_push(t);

	if (c) {
		c->kind = TALLY_COUNTS;
		c->joined = joined;
		c->item = item;
		c->round = t->items[item].nrounds - 1;
		c->group = group;
		memcpy(c->before, row, sizeof c->before);
		memcpy(c->after, after, sizeof c->after);
	}
	memcpy(row, after, sizeof c->after);
}

bool tally_set(struct tally *t, int item, int group, int view, long value)
{
	long after[TALLY_MAX_VIEWS];

	if (!valid_view(t, item, group, view))
		return false;
	value = clamp(value, TALLY_MAX_COUNT);
	long *row = CURRENT(t, item)[group];
	if (row[view] == value)
		return false;
	memcpy(after, row, sizeof after);
	after[view] = value;
	apply_change(t, item, group, after, false);
	return true;
}

bool tally_add(struct tally *t, int item, int group, int view, long delta)
{
	if (!valid_view(t, item, group, view))
		return false;
	/* Bounding delta first keeps the sum clear of signed overflow. */
	if (delta > TALLY_MAX_COUNT)
		delta = TALLY_MAX_COUNT;
	else if (delta < -TALLY_MAX_COUNT)
		delta = -TALLY_MAX_COUNT;
	return tally_set(t, item, group, view,
			 CURRENT(t, item)[group][view] + delta);
}

bool tally_reset_item(struct tally *t, int item)
{
	static const long zero[TALLY_MAX_VIEWS];
	bool first = true;

	if (!tally_item_counted(t, item))
		return false;
	for (int g = 0; g < t->ngroups; g++)
		if (tally_group_total(t, item, g) > 0) {
			apply_change(t, item, g, zero, !first);
			first = false;
		}
	return true;
}

/* Adds an empty round at the end; false without memory or room. */
static bool grow(struct tally_item *it)
{
	if (it->nrounds >= TALLY_MAX_ROUNDS)
		return false;
	void *r = realloc(it->round,
			  (size_t)(it->nrounds + 1) * sizeof *it->round);
	if (!r)
		return false;
	it->round = r;
	memset(it->round[it->nrounds], 0, sizeof *it->round);
	it->nrounds++;
	return true;
}

bool tally_new_round(struct tally *t, int item)
{
	return tally_item_counted(t, item) && tally_add_round(t, item);
}

bool tally_add_round(struct tally *t, int item)
{
	if (item < 0 || item >= t->nitems || !grow(&t->items[item]))
		return false;
	struct tally_change *c = hist_push(t);
	if (c) {
		c->kind = TALLY_ROUND;
		c->item = item;
		c->round = t->items[item].nrounds - 1;
	}
	return true;
}

bool tally_load(struct tally *t, int item, int round, int group, int view,
		long value)
{
	if (!valid_view(t, item, group, view) || round < 0 ||
	    round >= TALLY_MAX_ROUNDS)
		return false;
	while (t->items[item].nrounds <= round)
		if (!grow(&t->items[item]))
			return false;
	ROUND(t, item, round)[group][view] = clamp(value, TALLY_MAX_COUNT);
	return true;
}

/* Undoes (or redoes) one change; the item it touched. */
static int step(struct tally *t, const struct tally_change *c, bool undo)
{
	struct tally_item *it = &t->items[c->item];

	if (c->kind == TALLY_ROUND) {
		/* Its counts were undone before it, so the round is empty. */
		if (undo)
			it->nrounds--;
		else
			grow(it);
		return c->item;
	}
	memcpy(it->round[c->round][c->group], undo ? c->before : c->after,
	       sizeof c->before);
	return c->item;
}

int tally_undo(struct tally *t)
{
	int item = -1;
	bool joined;

	if (!tally_can_undo(t))
		return -1;
	do {
		t->hist_pos--;
		const struct tally_change *c = hist_at(t, t->hist_pos);
		item = step(t, c, true);
		joined = c->joined;
	} while (joined && t->hist_pos > 0);
	return item;
}

int tally_redo(struct tally *t)
{
	int item = -1;

	if (!tally_can_redo(t))
		return -1;
	do {
		item = step(t, hist_at(t, t->hist_pos), false);
		t->hist_pos++;
	} while (t->hist_pos < t->hist_len && hist_at(t, t->hist_pos)->joined);
	return item;
}

bool tally_can_undo(const struct tally *t)
{
	return t && t->hist && t->hist_pos > 0;
}

bool tally_can_redo(const struct tally *t)
{
	return t && t->hist && t->hist_pos < t->hist_len;
}

const struct tally_change *tally_undo_peek(const struct tally *t)
{
	return tally_can_undo(t) ? hist_at(t, t->hist_pos - 1) : NULL;
}

const struct tally_change *tally_redo_peek(const struct tally *t)
{
	return tally_can_redo(t) ? hist_at(t, t->hist_pos) : NULL;
}

/* ---- sums ---------------------------------------------------------------- */

long tally_group_total(const struct tally *t, int item, int group)
{
	long sum = 0;

	if (!valid_group(t, item, group))
		return 0;
	for (int v = 0; v < t->items[item].nviews; v++)
		sum += CURRENT(t, item)[group][v];
	return sum;
}

long tally_item_total(const struct tally *t, int item)
{
	long sum = 0;

	for (int g = 0; valid_item(t, item) && g < t->ngroups; g++)
		sum += tally_group_total(t, item, g);
	return sum;
}

long tally_view_total(const struct tally *t, int view)
{
	long sum = 0;

	if (!t || !t->items || view < 0 || view >= TALLY_MAX_VIEWS)
		return 0;
	for (int i = 0; i < t->nitems; i++)
		if (view < t->items[i].nviews)
			sum += tally_get(t, i, view);
	return sum;
}

bool tally_item_counted(const struct tally *t, int item)
{
	return tally_item_total(t, item) > 0;
}

void tally_set_headcount(struct tally *t, int group, long n)
{
	if (t && group >= 0 && group < t->ngroups)
		t->headcount[group] = clamp(n, TALLY_MAX_HEADCOUNT);
}

long tally_headcount(const struct tally *t, int group)
{
	return t && group >= 0 && group < t->ngroups ? t->headcount[group] : 0;
}

long tally_room_headcount(const struct tally *t)
{
	long sum = 0;

	/* A group without a headcount has hands but no size: the room's
	 * "raised no hand" would leave its people out. */
	for (int g = 0; t && g < t->ngroups; g++) {
		if (t->headcount[g] == 0)
			return 0;
		sum += t->headcount[g];
	}
	return sum;
}

int tally_leaning(const struct tally *t, int item)
{
	int64_t c[TALLY_MAX_VIEWS];
	if (!valid_item(t, item))
		return -1;
	for (int v = 0; v < t->items[item].nviews; v++)
		c[v] = tally_get(t, item, v);
	return tally_leaning_of(c, t->items[item].nviews);
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

/*
 * tally and chart take long counts, and a long may be 32 bits: sums over
 * many sessions are shifted right together until each fits, which keeps
 * their shares (tally shifts its own sums the same way).
 */
void tally_narrow(const int64_t *in, int n, long *out)
{
	unsigned shift = 0;

#if LONG_MAX < INT64_MAX
	for (int v = 0; v < n; v++)
		while (in[v] > 0 && (in[v] >> shift) > LONG_MAX)
			shift++;
#endif
	for (int v = 0; v < n; v++)
		out[v] = in[v] > 0 ? (long)(in[v] >> shift) : 0;
}

void tally_percent64(const int64_t *counts, int n, int *pct)
{
	long c[TALLY_MAX_VIEWS] = {0};

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	tally_narrow(counts, n, c);
	tally_percent(c, n, pct);
}
