/*
 * assert_same_session: two sessions hold the same of everything that a
 * resume or a report reads, strings compared by their text.  For the
 * tests of the session reader and loader, against session_parse's.
 */
#ifndef HANDSUP_TESTS_UNIT_SESSION_SAME_H
#define HANDSUP_TESTS_UNIT_SESSION_SAME_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/session.h"
#include "core/tally.h"

static inline void assert_same_str(const char *a, const char *b,
				   const char *what)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		fail_msg("%s: '%s' against '%s'", what, a ? a : "(null)",
			 b ? b : "(null)");
}

/* Everything a resume or a report reads of a session is the same. */
static inline void assert_same_session(const struct session *a,
				       const struct session *b)
{
	assert_same_str(a->name, b->name, "name");
	assert_same_str(a->deck_title, b->deck_title, "title");
	assert_same_str(a->deck_source, b->deck_source, "source");
	assert_same_str(a->deck_path, b->deck_path, "path");
	assert_true(a->deck_hash == b->deck_hash);
	assert_true(a->started == b->started);
	assert_int_equal(a->current, b->current);
	assert_int_equal(a->version, b->version);
	assert_int_equal(a->same_views, b->same_views);
	assert_int_equal(a->pct_of_room, b->pct_of_room);
	assert_int_equal(a->hidden, b->hidden);
	assert_int_equal(a->blank, b->blank);
	assert_int_equal(a->active, b->active);
	assert_int_equal(a->ngroups, b->ngroups);
	for (int g = 0; g < TALLY_MAX_GROUPS; g++)
		assert_same_str(a->groups[g], b->groups[g], "group");
	assert_int_equal(a->nitems, b->nitems);
	assert_int_equal(a->tally.ngroups, b->tally.ngroups);
	for (int g = 0; g < a->tally.ngroups; g++)
		assert_int_equal(tally_headcount(&a->tally, g),
				 tally_headcount(&b->tally, g));
	for (int i = 0; i < a->nitems; i++) {
		const struct session_item *x = &a->items[i], *y = &b->items[i];

		assert_same_str(x->heading, y->heading, "heading");
		assert_int_equal(x->nviews, y->nviews);
		for (int v = 0; v < TALLY_MAX_VIEWS; v++) {
			assert_same_str(x->labels[v], y->labels[v], "label");
			assert_same_str(x->texts[v], y->texts[v], "text");
		}
		assert_int_equal(tally_rounds(&a->tally, i),
				 tally_rounds(&b->tally, i));
		for (int r = 0; r < tally_rounds(&a->tally, i); r++)
			for (int g = 0; g < a->tally.ngroups; g++)
				for (int v = 0; v < x->nviews; v++)
					assert_int_equal(tally_cell(&a->tally,
								    i, r, g, v),
							 tally_cell(&b->tally,
								    i, r, g,
								    v));
	}
}

#endif
