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
	for (int i = 0; i < a->nitems; i++) {
		if (a->items[i].nviews != b->items[i].nviews ||
		    strcmp(a->items[i].heading, b->items[i].heading) != 0)
			abort();
		for (int v = 0; v < a->items[i].nviews; v++)
			if (tally_get(&a->tally, i, v) !=
				    tally_get(&b->tally, i, v) ||
			    strcmp(a->items[i].labels[v],
				   b->items[i].labels[v]) != 0)
				abort();
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
