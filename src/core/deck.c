#include "core/deck.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/text.h"
#include "core/deck_int.h"

/*
 * The deck parser's driver: splits a deck into lines, tells the kinds of
 * line apart, hands each to the fields and items (deck_fields.c), and
 * sorts the errors they recorded.
 */

/* Field names are ASCII whatever the locale: <ctype.h> would let a
 * Latin-1 locale take UTF-8 bytes for letters and change them. */
static bool is_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Reads one line.  A rejected line is reported and skipped, with the
 * continuation lines that belong to it. */
static void parse_line(struct deck_parser *p, const char *s, size_t n)
{
	size_t k = 0;
	char name[24];

	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		if (p->skipping)
			return;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		/* A paragraph break in the wrong field leaves it open:
		 * only that line is dropped. */
		if (deck_continuation(p, s + k, n - k) < 0 && !p->open)
			p->skipping = true;
		return;
	}
	if (n > 0 && s[0] == '#')
		return; /* comments may sit inside a continued field */
	p->skipping = false;
	deck_end_field(p); /* a blank line, or any other, ends a field */
	if (n == 0)
		return;
	if (n >= 2 && s[0] == '=' && s[1] == '=') {
		k = 2;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (deck_heading(p, s + k, n - k) < 0)
			p->skipping = true;
		return;
	}
	while (k < n && (is_ascii_alnum(s[k]) || s[k] == '-' || s[k] == '_'))
		k++;
	if (k == 0 || k >= n || s[k] != ':') {
		deck_fail(
			p, p->lineno,
			"expected 'field: value', '== heading' or '# comment'");
		p->skipping = true;
		return;
	}
	if (k >= sizeof name) {
		deck_fail(p, p->lineno, "unknown field '%.*s'",
			  (int)(sizeof name - 1), s);
		p->skipping = true;
		return;
	}
	for (size_t i = 0; i < k; i++)
		name[i] = ascii_lower(s[i]);
	name[k] = '\0';
	k++;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (deck_field(p, name, s + k, n - k) < 0)
		p->skipping = true;
}

static void parse(struct deck_parser *p, const char *text, size_t len)
{
	size_t i = 0;

	/* Whole-file failures: nothing in such a file is worth reading. */
	if (len > DECK_MAX_BYTES) {
		deck_fail(p, 0, "larger than %d MiB",
			  DECK_MAX_BYTES / (1024 * 1024));
		return;
	}
	if (memchr(text, '\0', len)) {
		deck_fail(p, 0, "binary file");
		return;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && !p->stop) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, bad;

		p->lineno++;
		/* A UTF-8 sequence never spans a newline, so checking line
		 * by line finds the same bad bytes as the whole file. */
		if (!text_utf8_valid(text + i, end - i, &bad)) {
			deck_fail(p, p->lineno, "invalid UTF-8 at byte %zu",
				  i + bad + 1);
			p->muted_line = p->lineno;
		}
		parse_line(p, text + i, end - i);
		i = end + 1;
	}
	if (p->stop)
		return;
	deck_end_field(p);
	deck_close_item(p);
	if (p->d->nitems == 0)
		deck_fail(p, 0, "no items");
}

/* Whole-file errors (line 0) go last: they are found at the end. */
static int error_key(const struct error *e)
{
	return e->line > 0 ? e->line : INT_MAX;
}

/* Stable, so that two errors of one line keep the order they were found
 * in; errors about an item's views, found when the item ends, move up to
 * its heading's line. */
static void sort_errors(struct error *errs, int n)
{
	for (int i = 1; i < n; i++) {
		struct error e = errs[i];
		int j = i;

		while (j > 0 && error_key(&errs[j - 1]) > error_key(&e)) {
			errs[j] = errs[j - 1];
			j--;
		}
		errs[j] = e;
	}
}

int deck_parse_all(struct deck *d, const char *text, size_t len,
		   struct error *errs, int max, int *nerrs)
{
	struct deck_parser p;

	memset(d, 0, sizeof *d);
	memset(&p, 0, sizeof p);
	p.d = d;
	p.errs = errs;
	p.max = errs ? max : 0;
	parse(&p, text, len);
	free(p.raw);
	free(p.clean);
	*nerrs = p.nerrs;
	if (p.failed) {
		sort_errors(errs, p.overflow ? p.nerrs - 1 : p.nerrs);
		deck_free(d);
		return -1;
	}
	return 0;
}

int deck_parse(struct deck *d, const char *text, size_t len, struct error *err)
{
	struct error errs[DECK_MAX_ERRORS];
	int n;

	err->file = NULL;
	err->line = 0;
	err->msg[0] = '\0';
	if (deck_parse_all(d, text, len, errs, DECK_MAX_ERRORS, &n) == 0)
		return 0;
	if (n > 0)
		*err = errs[0];
	return -1;
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	free(d->title);
	free(d->subtitle);
	free(d->source);
	free(d->intro);
	free(d->closing);
	for (int g = 0; g < d->ngroups; g++)
		free(d->groups[g]);
	for (int i = 0; i < d->nitems; i++) {
		free(d->items[i].heading);
		for (int v = 0; v < DECK_MAX_VIEWS; v++) {
			free(d->items[i].views[v]);
			free(d->items[i].labels[v]);
		}
		free(d->items[i].note);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}

const char *deck_view_label(int v)
{
	static const char *const labels[DECK_MAX_VIEWS] = {
		"View 1", "View 2", "View 3", "View 4", "View 5", "View 6",
	};

	if (v < 0 || v >= DECK_MAX_VIEWS)
		return "View ?";
	return labels[v];
}

uint64_t deck_hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}
