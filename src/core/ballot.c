#include "core/ballot.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"

#define SLOT(item, round) ((size_t)(item)*TALLY_MAX_ROUNDS + (size_t)(round))

int ballots_init(struct ballots *bs, int nitems, const int *nviews, int ngroups)
{
	memset(bs, 0, sizeof *bs);
	if (nitems < 0 || nitems > BALLOT_MAX_ITEMS || ngroups < 1 ||
	    ngroups > TALLY_MAX_GROUPS || (nitems > 0 && nviews == NULL))
		return -1;
	for (int i = 0; i < nitems; i++) {
		if (nviews[i] < 2 || nviews[i] > TALLY_MAX_VIEWS)
			return -1;
		bs->nviews[i] = nviews[i];
	}
	bs->nitems = nitems;
	bs->ngroups = ngroups;
	return 0;
}

void ballots_free(struct ballots *bs)
{
	for (int i = 0; i < bs->n; i++)
		free(bs->b[i].vote);
	free(bs->b);
	bs->b = NULL;
	bs->n = 0;
}

bool ballot_id_valid(const char *s)
{
	size_t n = 0;
	if (s == NULL)
		return false;
	for (; s[n]; n++) {
		char c = s[n];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			  (c >= '0' && c <= '9') || c == '-' || c == '_';
		if (!ok || n >= BALLOT_ID_MAX)
			return false;
	}
	return n >= BALLOT_ID_MIN;
}

static int find(const struct ballots *bs, const char *id)
{
	for (int i = 0; i < bs->n; i++)
		if (strcmp(bs->b[i].id, id) == 0)
			return i;
	return -1;
}

const struct ballot *ballots_find(const struct ballots *bs, const char *id)
{
	int i = ballot_id_valid(id) ? find(bs, id) : -1;
	return i < 0 ? NULL : &bs->b[i];
}

enum ballot_status ballots_join(struct ballots *bs, const char *id, int *out)
{
	if (!ballot_id_valid(id))
		return BALLOT_BAD_ID;
	int i = find(bs, id);
	if (i < 0) {
		if (bs->n >= BALLOT_MAX)
			return BALLOT_FULL;
		if (bs->b == NULL) {
			bs->b = calloc(BALLOT_MAX, sizeof *bs->b);
			if (bs->b == NULL)
				return BALLOT_NO_MEMORY;
		}
		/* One byte per item and round; calloc(0) may be NULL. */
		size_t slots = SLOT(bs->nitems, 0) + 1;
		unsigned char *vote = calloc(slots, 1);
		if (vote == NULL)
			return BALLOT_NO_MEMORY;
		i = bs->n++;
		strcpy(bs->b[i].id, id);
		bs->b[i].group = bs->ngroups == 1 ? 0 : BALLOT_NO_GROUP;
		bs->b[i].vote = vote;
	}
	if (out)
		*out = i;
	return BALLOT_OK;
}

static bool has_voted(const struct ballots *bs, const struct ballot *b)
{
	for (size_t s = 0; s < SLOT(bs->nitems, 0); s++)
		if (b->vote[s])
			return true;
	return false;
}

enum ballot_status ballots_set_group(struct ballots *bs, const char *id,
				     int group)
{
	if (group < 0 || group >= bs->ngroups)
		return BALLOT_BAD_VOTE;
	int i;
	enum ballot_status st = ballots_join(bs, id, &i);
	if (st != BALLOT_OK)
		return st;
	if (bs->b[i].group == group)
		return BALLOT_OK;
	if (has_voted(bs, &bs->b[i]))
		return BALLOT_FIXED;
	bs->b[i].group = group;
	return BALLOT_OK;
}

enum ballot_status ballots_vote(struct ballots *bs, const char *id, int item,
				int round, int view,
				const struct ballot_open *open)
{
	if (!ballot_id_valid(id))
		return BALLOT_BAD_ID;
	if (item < 0 || item >= bs->nitems || round < 0 ||
	    round >= TALLY_MAX_ROUNDS || view < 1 || view > bs->nviews[item])
		return BALLOT_BAD_VOTE;
	if (open == NULL || !open->open || open->item != item ||
	    open->round != round)
		return BALLOT_CLOSED;
	int i;
	enum ballot_status st = ballots_join(bs, id, &i);
	if (st != BALLOT_OK)
		return st;
	bs->b[i].vote[SLOT(item, round)] = (unsigned char)view;
	return BALLOT_OK;
}

void ballots_mark(const struct ballots *bs, const char *id, int item, int round,
		  struct ballot_mark *m)
{
	int i = ballot_id_valid(id) ? find(bs, id) : -1;
	bool at = item >= 0 && item < bs->nitems && round >= 0 &&
		  round < TALLY_MAX_ROUNDS;
	*m = (struct ballot_mark){.n = bs->n,
				  .index = i,
				  .group = i >= 0 ? bs->b[i].group : -1,
				  .item = at ? item : -1,
				  .round = round};
	if (i >= 0 && at)
		m->view = bs->b[i].vote[SLOT(item, round)];
}

void ballots_rewind(struct ballots *bs, const struct ballot_mark *m)
{
	while (bs->n > m->n) {
		bs->n--;
		free(bs->b[bs->n].vote);
		bs->b[bs->n].vote = NULL;
	}
	if (m->index < 0 || m->index >= bs->n)
		return;
	struct ballot *b = &bs->b[m->index];
	b->group = m->group;
	if (m->item >= 0)
		b->vote[SLOT(m->item, m->round)] = (unsigned char)m->view;
}

int ballot_view(const struct ballots *bs, const struct ballot *b, int item,
		int round)
{
	if (b == NULL || item < 0 || item >= bs->nitems || round < 0 ||
	    round >= TALLY_MAX_ROUNDS)
		return 0;
	return b->vote[SLOT(item, round)];
}

int ballots_joined(const struct ballots *bs)
{
	return bs->n;
}

void ballots_counts(const struct ballots *bs, int item, int round,
		    struct ballot_counts *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < bs->n; i++) {
		const struct ballot *b = &bs->b[i];
		int v = ballot_view(bs, b, item, round);
		if (v == 0)
			continue;
		c->voted++;
		c->room[v - 1]++;
		if (b->group == BALLOT_NO_GROUP)
			c->nogroup[v - 1]++;
		else
			c->group[b->group][v - 1]++;
	}
}

/* The ballot's choice on item: its vote in the latest round it voted in. */
static int choice(const struct ballot *b, int item)
{
	for (int r = TALLY_MAX_ROUNDS - 1; r >= 0; r--)
		if (b->vote[SLOT(item, r)])
			return b->vote[SLOT(item, r)];
	return 0;
}

static void count_up(const struct ballots *bs, const struct ballot *b,
		     long *by_k, struct ballot_summary *sum)
{
	int voted = 0, one = 0, two = 0;
	for (int it = 0; it < bs->nitems; it++) {
		int v = choice(b, it);
		voted += v != 0;
		one += v == 1;
		two += v == 2;
	}
	if (voted == 0) {
		sum->silent++;
		return;
	}
	sum->voters++;
	by_k[one]++;
	/* "More than half" in whole numbers: 2K > V. */
	if (2 * one > voted)
		sum->mostly1++;
	else if (2 * two > voted)
		sum->mostly2++;
	else
		sum->even++;
}

int ballots_distribution(const struct ballots *bs, int group, long *by_k,
			 size_t cap, struct ballot_summary *sum)
{
	memset(sum, 0, sizeof *sum);
	if (cap < (size_t)bs->nitems + 1)
		return -1;
	memset(by_k, 0, ((size_t)bs->nitems + 1) * sizeof *by_k);
	for (int i = 0; i < bs->n; i++)
		if (group == BALLOT_ALL_GROUPS || bs->b[i].group == group)
			count_up(bs, &bs->b[i], by_k, sum);
	return 0;
}

int ballots_add_to(const struct ballots *bs, struct tally *t)
{
	if (t->nitems < bs->nitems)
		return -1;
	for (int i = 0; i < bs->n; i++) {
		const struct ballot *b = &bs->b[i];
		int g = b->group >= 0 ? b->group : bs->ngroups == 1 ? 0 : -1;
		for (int item = 0; g >= 0 && item < bs->nitems; item++)
			for (int r = 0; r < TALLY_MAX_ROUNDS; r++) {
				int v = b->vote[SLOT(item, r)];
				if (v == 0)
					continue;
				long c = tally_cell(t, item, r, g, v - 1);
				if (!tally_load(t, item, r, g, v - 1, c + 1))
					return -1;
			}
	}
	return 0;
}

static int write_one(const struct ballots *bs, const struct ballot *b, FILE *f)
{
	int rc = b->group == BALLOT_NO_GROUP
			 ? fprintf(f, "ballot: %s -", b->id)
			 : fprintf(f, "ballot: %s %d", b->id, b->group + 1);
	for (int it = 0; rc >= 0 && it < bs->nitems; it++)
		for (int r = 0; rc >= 0 && r < TALLY_MAX_ROUNDS; r++)
			if (b->vote[SLOT(it, r)])
				rc = fprintf(f, " %d.%d=%d", it + 1, r + 1,
					     b->vote[SLOT(it, r)]);
	return rc < 0 || fputc('\n', f) == EOF ? -1 : 0;
}

int ballots_write(const struct ballots *bs, FILE *f)
{
	for (int i = 0; i < bs->n; i++)
		if (write_one(bs, &bs->b[i], f) != 0)
			return -1;
	return 0;
}

/*
 * A token of s[*at..len) up to the next space or the end: its start and
 * length, *at moved past one separating space.  A token may not be
 * empty, so two spaces in a row, or one at either end, are refused.
 */
static bool token(const char *s, size_t len, size_t *at, const char **t,
		  size_t *tn)
{
	size_t i = *at;
	while (i < len && s[i] != ' ')
		i++;
	*t = s + *at;
	*tn = i - *at;
	if (*tn == 0)
		return false;
	if (i < len) {
		i++;
		if (i == len)
			return false; /* a space at the end */
	}
	*at = i;
	return true;
}

/*
 * A whole number of 1 to 4 digits without a leading zero at s[*i..n),
 * ending at stop (or at n when stop is 0): 1..max, or -1.
 */
static int number(const char *s, size_t n, size_t *i, char stop, int max)
{
	long v = 0;
	size_t from = *i;
	while (*i < n && s[*i] >= '0' && s[*i] <= '9' && *i - from < 5)
		v = v * 10 + (s[(*i)++] - '0');
	size_t d = *i - from;
	if (d == 0 || d > 4 || s[from] == '0' || v > max)
		return -1;
	if (stop ? (*i >= n || s[*i] != stop) : *i != n)
		return -1;
	if (stop)
		(*i)++;
	return (int)v;
}

/* One "ITEM.ROUND=VIEW" into vote[], or -1 with the message set. */
static int parse_vote(const struct ballots *bs, const char *t, size_t n,
		      unsigned char *vote, int line, struct error *err)
{
	size_t i = 0;
	int item = number(t, n, &i, '.', BALLOT_MAX_ITEMS);
	int round = item < 0 ? -1 : number(t, n, &i, '=', TALLY_MAX_ROUNDS);
	int view = round < 0 ? -1 : number(t, n, &i, 0, TALLY_MAX_VIEWS);
	if (view < 0) {
		error_set(err, line,
			  "a vote is ITEM.ROUND=VIEW, such as 3.1=2");
		return -1;
	}
	if (item > bs->nitems || view > bs->nviews[item - 1]) {
		error_set(err, line, "vote %d.%d=%d: no such item or view",
			  item, round, view);
		return -1;
	}
	unsigned char *slot = &vote[SLOT(item - 1, round - 1)];
	if (*slot) {
		error_set(err, line, "vote %d.%d given twice", item, round);
		return -1;
	}
	*slot = (unsigned char)view;
	return 0;
}

/* The id and group tokens into b (the votes are the caller's). */
static int parse_head(const struct ballots *bs, const char *s, size_t len,
		      size_t *at, struct ballot *b, int line, struct error *err)
{
	const char *t;
	size_t n;
	if (!token(s, len, at, &t, &n) || n < BALLOT_ID_MIN ||
	    n > BALLOT_ID_MAX) {
		error_set(err, line, "a ballot's id is %d to %d characters",
			  BALLOT_ID_MIN, BALLOT_ID_MAX);
		return -1;
	}
	memcpy(b->id, t, n);
	b->id[n] = '\0';
	if (!ballot_id_valid(b->id)) {
		error_set(err, line,
			  "a ballot's id is made of A-Z a-z 0-9 - _");
		return -1;
	}
	if (find(bs, b->id) >= 0) {
		error_set(err, line, "ballot %s given twice", b->id);
		return -1;
	}
	if (!token(s, len, at, &t, &n)) {
		error_set(err, line, "a ballot needs its group, or -");
		return -1;
	}
	size_t i = 0;
	b->group = n == 1 && t[0] == '-' ? BALLOT_NO_GROUP
					 : number(t, n, &i, 0, bs->ngroups) - 1;
	if (b->group == -2) {
		error_set(err, line, "group %.*s: not 1 to %d, or -",
			  n > 8 ? 8 : (int)n, t, bs->ngroups);
		return -1;
	}
	return 0;
}

int ballots_parse_line(struct ballots *bs, const char *value, size_t len,
		       int line, struct error *err)
{
	struct ballot b;
	size_t at = 0;
	if (memchr(value, '\0', len) != NULL) {
		error_set(err, line, "a ballot line has a NUL byte");
		return -1;
	}
	if (parse_head(bs, value, len, &at, &b, line, err) != 0)
		return -1;
	/* Without groups every ballot is the room's one group. */
	if (bs->ngroups == 1 && b.group == BALLOT_NO_GROUP)
		b.group = 0;
	if (bs->n >= BALLOT_MAX) {
		error_set(err, line, "more than %d ballots", BALLOT_MAX);
		return -1;
	}
	int idx;
	/* Joined for its memory; taken back below if a vote is bad. */
	if (ballots_join(bs, b.id, &idx) != BALLOT_OK) {
		error_set(err, line, "out of memory");
		return -1;
	}
	struct ballot *slot = &bs->b[idx];
	slot->group = b.group;
	while (at < len) {
		const char *t;
		size_t n;
		int bad = !token(value, len, &at, &t, &n);
		if (bad)
			error_set(err, line, "a stray space");
		if (bad || parse_vote(bs, t, n, slot->vote, line, err) != 0) {
			free(slot->vote);
			slot->vote = NULL;
			bs->n--;
			return -1;
		}
	}
	return 0;
}

int ballots_parse(struct ballots *bs, const char *text, size_t len,
		  const char *file, struct error *err)
{
	static const char key[] = "ballot: ";
	size_t at = 0;
	for (int line = 1; at < len; line++) {
		const char *nl = memchr(text + at, '\n', len - at);
		if (nl == NULL) {
			error_set(err, line, "the last line has no newline");
			err->file = file;
			return -1;
		}
		size_t n = (size_t)(nl - (text + at));
		if (n < sizeof key - 1 ||
		    memcmp(text + at, key, sizeof key - 1)) {
			error_set(err, line, "not a ballot line");
			err->file = file;
			return -1;
		}
		if (ballots_parse_line(bs, text + at + sizeof key - 1,
				       n - (sizeof key - 1), line, err) != 0) {
			err->file = file;
			return -1;
		}
		at += n + 1;
	}
	return 0;
}
