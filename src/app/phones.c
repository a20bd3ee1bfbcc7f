#include "app/phones.h"

#include "app/app.h"
#include "core/ballot.h"
#include "core/deck.h"
#include "core/session.h"

/* The projector's item, with the deck's wording of each view. */
static void shown(void *ctx, struct page_shown *out)
{
	const struct app *a = ctx;
	const struct session *s = a->sess;
	struct ballot_open o = app_voting(a);
	int item = app_item(a);
	*out = (struct page_shown){.title = s->deck_title, .item = -1};
	out->ngroups = s->ngroups > 0 ? s->ngroups : 1;
	for (int g = 0; g < s->ngroups; g++)
		out->groups[g] = s->groups[g];
	if (item < 0)
		return;
	const struct deck_item *it = &a->deck->items[item];
	out->item = item;
	out->round = tally_rounds(&s->tally, item) - 1;
	out->open = o.open;
	out->heading = it->heading;
	out->nviews = it->nviews;
	/* The labels the projector shows beside the bars, "View N" or the
	 * deck's own. */
	for (int v = 0; v < it->nviews && v < TALLY_MAX_VIEWS; v++) {
		out->views[v] = it->views[v];
		out->labels[v] = s->items[item].labels[v];
	}
}

static void ballot(void *ctx, const char *id, int item, int round, int *group,
		   int *view)
{
	const struct app *a = ctx;
	const struct ballots *bs = a->sess->ballots;
	const struct ballot *b = bs ? ballots_find(bs, id) : NULL;
	*group = -1;
	*view = 0;
	if (!b)
		return;
	/* Without groups every ballot is the room's; the page asks none. */
	*group = a->sess->ngroups > 0 ? b->group : 0;
	*view = ballot_view(bs, b, item, round);
}

/*
 * A ballot status as the phone is answered, after the save.  A change
 * that failed, or that could not be saved, is taken back (m is the
 * ballot as it was): a phone told that its vote failed has nothing
 * counted, on screen or later on disk.
 */
static enum server_answer answer(struct app *a, enum ballot_status st,
				 const struct ballot_mark *m)
{
	if (st == BALLOT_OK && app_save_ballot(a))
		return SERVER_SAVED;
	ballots_rewind(a->sess->ballots, m);
	app_recount(a);
	switch (st) {
	case BALLOT_OK: /* not saved */
	case BALLOT_NO_MEMORY:
		return SERVER_FAILED;
	case BALLOT_CLOSED:
	case BALLOT_FIXED: /* its group, once it voted: "already set" */
		return SERVER_CLOSED;
	case BALLOT_FULL:
		return SERVER_FULL;
	default:
		return SERVER_REFUSED;
	}
}

/* The ballot box opens with the first phone, under the session's code. */
static bool box(struct app *a)
{
	return a->sess->phones && session_open_ballots(a->sess) == 0;
}

static enum server_answer group(void *ctx, const char *id, int g)
{
	struct app *a = ctx;
	if (a->sess->ngroups == 0 || g < 0 || g >= a->sess->ngroups)
		return SERVER_REFUSED;
	if (!box(a))
		return SERVER_FAILED;
	/* The same group again changes nothing: no save, no frame. */
	const struct ballot *b = ballots_find(a->sess->ballots, id);
	if (b && b->group == g)
		return SERVER_SAVED;
	struct ballot_mark m;
	ballots_mark(a->sess->ballots, id, -1, 0, &m);
	return answer(a, ballots_set_group(a->sess->ballots, id, g), &m);
}

static enum server_answer vote(void *ctx, const char *id, int item, int round,
			       int view)
{
	struct app *a = ctx;
	if (!box(a))
		return SERVER_FAILED;
	struct ballot_open o = app_voting(a);
	if (!o.open || o.item != item || o.round != round)
		return SERVER_CLOSED;
	/* With groups a vote needs one: the page asks for it first. */
	const struct ballot *b = ballots_find(a->sess->ballots, id);
	if (a->sess->ngroups > 0 && (!b || b->group < 0))
		return SERVER_REFUSED;
	/* A tap on the view already chosen: nothing to save or draw. */
	if (b && view >= 1 &&
	    ballot_view(a->sess->ballots, b, item, round) == view)
		return SERVER_SAVED;
	struct ballot_mark m;
	ballots_mark(a->sess->ballots, id, item, round, &m);
	return answer(a,
		      ballots_vote(a->sess->ballots, id, item, round, view, &o),
		      &m);
}

static enum server_answer join(void *ctx, const char *id)
{
	struct app *a = ctx;
	if (!box(a))
		return SERVER_FAILED;
	if (ballots_find(a->sess->ballots, id))
		return SERVER_SAVED;
	struct ballot_mark m;
	ballots_mark(a->sess->ballots, id, -1, 0, &m);
	return answer(a, ballots_join(a->sess->ballots, id, NULL), &m);
}

static bool known(void *ctx, const char *id)
{
	const struct app *a = ctx;
	return a->sess->ballots && ballots_find(a->sess->ballots, id);
}

struct server_app app_phones_server(struct app *a)
{
	return (struct server_app){a, shown, ballot, group, vote, join, known};
}

struct app_phone_count app_phones_count(const struct app *a, int item)
{
	struct app_phone_count n = {0, 0};
	const struct ballots *bs = a->sess->ballots;
	if (!bs)
		return n;
	n.joined = ballots_joined(bs);
	if (item >= 0) {
		struct ballot_counts c;
		ballots_counts(bs, item,
			       tally_rounds(&a->sess->tally, item) - 1, &c);
		n.voted = c.voted;
	}
	return n;
}
