/*
 * Fuzz target: deck_parse on arbitrary bytes.  Beyond not crashing, a
 * parsed deck must keep its promises: every string is valid UTF-8 with
 * nothing unsafe for a terminal, and every item has 2 to 6 views.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Paragraph breaks are the one control a stored string may hold. */
static void check_string(const char *s, bool may_be_null)
{
	size_t len, i = 0;

	if (!s) {
		if (!may_be_null)
			abort();
		return;
	}
	len = strlen(s);
	if (len == 0 || !text_utf8_valid(s, len, NULL))
		abort();
	while (i < len) {
		unsigned cp;
		i += text_decode(s + i, len - i, &cp, NULL);
		if (cp != '\n' && text_is_unsafe(cp))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deck d;
	struct deck_error e;

	if (deck_parse(&d, (const char *)data, size, &e) < 0) {
		if (d.title || d.items || d.nitems ||
		    !memchr(e.msg, 0, sizeof e.msg))
			abort();
		deck_free(&d);
		return 0;
	}
	check_string(d.title, false);
	check_string(d.subtitle, true);
	check_string(d.source, true);
	check_string(d.intro, true);
	check_string(d.closing, true);
	if (d.ngroups < 0 || d.ngroups > DECK_MAX_GROUPS)
		abort();
	for (int g = 0; g < d.ngroups; g++)
		check_string(d.groups[g], false);
	if (d.nitems < 1 || d.nitems > DECK_MAX_ITEMS)
		abort();
	for (int i = 0; i < d.nitems; i++) {
		const struct deck_item *it = &d.items[i];
		if (it->nviews < DECK_MIN_VIEWS || it->nviews > DECK_MAX_VIEWS)
			abort();
		check_string(it->heading, false);
		check_string(it->note, true);
		for (int v = 0; v < it->nviews; v++)
			check_string(it->views[v], false);
	}
	if (d.hash != deck_hash_bytes((const char *)data, size))
		abort();
	deck_free(&d);
	return 0;
}
