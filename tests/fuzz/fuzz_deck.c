/*
 * Fuzz target: deck_parse_all on arbitrary bytes.  Beyond not crashing, a
 * parsed deck must keep its promises: every string is valid UTF-8 with
 * nothing unsafe for a terminal, and every item has 2 to 6 views.  The
 * errors of a failed parse come in line order, at most the room given,
 * and deck_parse agrees with the first of them.
 */
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/deck.h"
#include "base/text.h"
#include "base/error.h"

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

/* Small, so that the "too many errors" entry is reached often. */
#define ROOM 8

static int key(const struct error *e)
{
	return e->line > 0 ? e->line : INT_MAX;
}

static void check_errors(const char *text, size_t size,
			 const struct error *errs, int n)
{
	bool full = n == ROOM && strcmp(errs[n - 1].msg,
					"too many errors, stopping here") == 0;
	int sorted = full ? n - 1 : n;
	struct deck d;
	struct error e;

	if (n < 1 || n > ROOM)
		abort();
	for (int i = 0; i < n; i++) {
		size_t len = strnlen(errs[i].msg, sizeof errs[i].msg);
		if (len == 0 || len == sizeof errs[i].msg || errs[i].line < 0 ||
		    !text_utf8_valid(errs[i].msg, len, NULL))
			abort();
		if (i > 0 && i < sorted && key(&errs[i - 1]) > key(&errs[i]))
			abort();
	}
	if (deck_parse(&d, text, size, &e) == 0)
		abort();
	if (!full && (e.line != errs[0].line || strcmp(e.msg, errs[0].msg)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct deck d;
	struct error errs[ROOM];
	int n = -1;

	if (deck_parse_all(&d, (const char *)data, size, errs, ROOM, &n) < 0) {
		if (d.title || d.items || d.nitems)
			abort();
		check_errors((const char *)data, size, errs, n);
		deck_free(&d);
		return 0;
	}
	if (n != 0)
		abort();
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
	/* The deck's identity is the loaders' to set, not the parser's. */
	if (d.hash != 0)
		abort();
	deck_free(&d);
	return 0;
}
