/*
 * Fuzz target for the session reader that reports use over many files:
 * the input is several files, each ended by "%%%%" and a newline,
 * read in turn by one session_reader.  Each must read exactly as
 * session_parse reads it alone -- the same result, the same error and
 * line, the same strings and counts -- whatever the files before it held:
 * a string kept from an earlier file must never stand for a different one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/session.h"
#include "core/session_parse.h"
#include "core/tally.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_str(const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		abort();
}

static void same_counts(const struct session *a, const struct session *b, int i)
{
	if (tally_rounds(&a->tally, i) != tally_rounds(&b->tally, i))
		abort();
	for (int r = 0; r < tally_rounds(&a->tally, i); r++)
		for (int g = 0; g < a->tally.ngroups; g++)
			for (int v = 0; v < a->items[i].nviews; v++)
				if (tally_cell(&a->tally, i, r, g, v) !=
				    tally_cell(&b->tally, i, r, g, v))
					abort();
}

static void same_session(const struct session *a, const struct session *b)
{
	same_str(a->name, b->name);
	same_str(a->deck_title, b->deck_title);
	same_str(a->deck_source, b->deck_source);
	same_str(a->deck_path, b->deck_path);
	if (a->deck_hash != b->deck_hash || a->started != b->started ||
	    a->current != b->current || a->version != b->version ||
	    a->ngroups != b->ngroups || a->active != b->active ||
	    a->same_views != b->same_views ||
	    a->pct_of_room != b->pct_of_room || a->hidden != b->hidden ||
	    a->blank != b->blank || a->nitems != b->nitems ||
	    a->tally.ngroups != b->tally.ngroups)
		abort();
	for (int g = 0; g < TALLY_MAX_GROUPS; g++) {
		same_str(a->groups[g], b->groups[g]);
		if (g < a->tally.ngroups &&
		    tally_headcount(&a->tally, g) !=
			    tally_headcount(&b->tally, g))
			abort();
	}
	for (int i = 0; i < a->nitems; i++) {
		const struct session_item *x = &a->items[i], *y = &b->items[i];

		same_str(x->heading, y->heading);
		if (x->nviews != y->nviews)
			abort();
		for (int v = 0; v < TALLY_MAX_VIEWS; v++) {
			same_str(x->labels[v], y->labels[v]);
			same_str(x->texts[v], y->texts[v]);
		}
		same_counts(a, b, i);
	}
}

static void read_one(struct session_reader *r, const char *text, size_t len)
{
	struct session want;
	const struct session *got;
	struct error e1, e2;
	int rc1 = session_parse(&want, text, len, &e1);
	int rc2 = session_reader_parse(r, text, len, &got, &e2);

	if (rc1 != rc2 || (rc1 == 0) != (got != NULL))
		abort();
	if (rc1) {
		if (e1.line != e2.line || strcmp(e1.msg, e2.msg) != 0)
			abort();
		return;
	}
	same_session(&want, got);
	session_free(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "%%%%\n";
	struct session_reader *r = session_reader_new();
	const char *p = (const char *)data, *end = p + size;

	if (!r)
		return 0;
	/* Each file in a copy of its exact size, so that a read past its
	 * end is caught. */
	while (p <= end) {
		const char *at = p;
		size_t n = (size_t)(end - p);

		while (at + sizeof sep - 1 <= end &&
		       memcmp(at, sep, sizeof sep - 1) != 0)
			at++;
		if (at + sizeof sep - 1 <= end)
			n = (size_t)(at - p);
		char *copy = malloc(n ? n : 1);
		if (copy) {
			memcpy(copy, p, n);
			read_one(r, copy, n);
			free(copy);
		}
		p += n + sizeof sep - 1;
	}
	session_reader_free(r);
	return 0;
}
