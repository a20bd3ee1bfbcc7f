/*
 * Fuzz target for the session reader.  Besides not crashing, whatever it
 * accepts must survive a save and a load unchanged: every count, and the
 * exact bytes of a second save.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"
#include "core/tally.h"
#include "base/error.h"
#include "core/session_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_or_die(const struct session *a, const struct session *b)
{
	if (a->nitems != b->nitems || a->current != b->current ||
	    a->started != b->started || a->deck_hash != b->deck_hash ||
	    strcmp(a->name, b->name) != 0 ||
	    (a->deck_source == NULL) != (b->deck_source == NULL))
		abort();
	/* Format 2 carries the groups, their headcounts and every round. */
	if (a->ngroups != b->ngroups || a->active != b->active ||
	    a->same_views != b->same_views ||
	    a->pct_of_room != b->pct_of_room || a->hidden != b->hidden ||
	    a->blank != b->blank || a->tally.ngroups != b->tally.ngroups)
		abort();
	for (int g = 0; g < a->tally.ngroups; g++)
		if (tally_headcount(&a->tally, g) !=
			    tally_headcount(&b->tally, g) ||
		    (g < a->ngroups && strcmp(a->groups[g], b->groups[g]) != 0))
			abort();
	for (int i = 0; i < a->nitems; i++) {
		const struct session_item *x = &a->items[i], *y = &b->items[i];
		if (x->nviews != y->nviews || strcmp(x->heading, y->heading) ||
		    tally_rounds(&a->tally, i) != tally_rounds(&b->tally, i))
			abort();
		for (int v = 0; v < x->nviews; v++) {
			if (strcmp(x->labels[v], y->labels[v]) != 0 ||
			    (x->texts[v] == NULL) != (y->texts[v] == NULL) ||
			    (x->texts[v] && strcmp(x->texts[v], y->texts[v])))
				abort();
			for (int r = 0; r < tally_rounds(&a->tally, i); r++)
				for (int g = 0; g < a->tally.ngroups; g++)
					if (tally_cell(&a->tally, i, r, g, v) !=
					    tally_cell(&b->tally, i, r, g, v))
						abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session s, t;
	struct error err;
	if (session_parse(&s, (const char *)data, size, &err) != 0) {
		if (err.msg[0] == '\0' || s.items != NULL)
			abort();
		session_free(&s);
		return 0;
	}
	size_t len, len2;
	char *text = session_format(&s, &len);
	if (!text)
		abort();
	if (session_parse(&t, text, len, &err) != 0)
		abort();
	same_or_die(&s, &t);
	char *text2 = session_format(&t, &len2);
	if (!text2 || len != len2 || memcmp(text, text2, len) != 0)
		abort();
	free(text);
	free(text2);
	session_free(&s);
	session_free(&t);
	return 0;
}
