#include "core/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/deck.h"

/* The largest time the file format can hold: 9999-12-31T23:59:59Z. */
#define SESSION_MAX_TIME 253402300799LL

int session_from_deck(struct session *s, const struct deck *d,
		      const char *deck_path, const char *name, time_t started)
{
	memset(s, 0, sizeof *s);
	if (d->nitems < 1)
		return -1;
	char stamp[64];
	if (!name) {
		struct tm tm;
		if (!localtime_r(&started, &tm) ||
		    !strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M", &tm))
			snprintf(stamp, sizeof stamp, "session");
		name = stamp;
	}
	s->name = strdup(name);
	s->started = started;
	s->deck_title = strdup(d->title ? d->title : "");
	if (d->source)
		s->deck_source = strdup(d->source);
	s->deck_path = strdup(deck_path ? deck_path : "(embedded)");
	s->deck_hash = d->hash;
	s->items = calloc((size_t)d->nitems, sizeof *s->items);
	if (!s->name || !s->deck_title || (d->source && !s->deck_source) ||
	    !s->deck_path || !s->items)
		goto fail;
	s->nitems = d->nitems;

	int *nv = malloc((size_t)d->nitems * sizeof *nv);
	if (!nv)
		goto fail;
	for (int i = 0; i < d->nitems; i++) {
		const struct deck_item *di = &d->items[i];
		struct session_item *it = &s->items[i];
		if (di->nviews < 2 || di->nviews > TALLY_MAX_VIEWS) {
			free(nv);
			goto fail;
		}
		it->heading = strdup(di->heading ? di->heading : "");
		if (!it->heading) {
			free(nv);
			goto fail;
		}
		for (int v = 0; v < di->nviews; v++) {
			it->labels[v] = strdup(deck_view_label(v));
			if (!it->labels[v]) {
				free(nv);
				goto fail;
			}
			it->nviews = v + 1;
		}
		nv[i] = di->nviews;
	}
	int rc = tally_init(&s->tally, d->nitems, nv);
	free(nv);
	if (rc != 0)
		goto fail;
	return 0;
fail:
	session_free(s);
	return -1;
}

int session_max_views(const struct session *s)
{
	int n = 0;
	for (int i = 0; i < s->nitems; i++)
		if (s->items[i].nviews > n)
			n = s->items[i].nviews;
	return n < TALLY_MAX_VIEWS ? n : TALLY_MAX_VIEWS;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->deck_title);
	free(s->deck_source);
	free(s->deck_path);
	for (int i = 0; s->items && i < s->nitems; i++) {
		free(s->items[i].heading);
		for (int v = 0; v < TALLY_MAX_VIEWS; v++)
			free(s->items[i].labels[v]);
	}
	free(s->items);
	/* A zeroed tally was never initialised: nothing to give back. */
	if (s->tally.nviews || s->tally.counts || s->tally.hist)
		tally_free(&s->tally);
	memset(s, 0, sizeof *s);
}

/*
 * Writes "key: value\n" with the value sanitised, so that no string can
 * ever break the line structure (a newline becomes U+FFFD) or smuggle a
 * terminal escape into the file.
 */
static int put_field(FILE *f, const char *key, const char *value)
{
	if (!value)
		value = "";
	char *clean = text_sanitize(value, strlen(value));
	if (!clean)
		return -1;
	int rc = fprintf(f, "%s: %s\n", key, clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

static int put_view(FILE *f, long count, const char *label)
{
	if (!label)
		label = "";
	char *clean = text_sanitize(label, strlen(label));
	if (!clean)
		return -1;
	int rc = fprintf(f, "view: %ld %s\n", count, clean);
	free(clean);
	return rc < 0 ? -1 : 0;
}

static int put_body(FILE *f, const struct session *s)
{
	long long t = (long long)s->started;
	if (t < 0)
		t = 0;
	if (t > SESSION_MAX_TIME)
		t = SESSION_MAX_TIME;
	time_t tt = (time_t)t;
	struct tm tm;
	char when[32];
	if (!gmtime_r(&tt, &tm) ||
	    !strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return -1;
	int cur = s->current < 0 ? 0 : s->current;

	if (fprintf(f, "%s %d\n", SESSION_MAGIC, SESSION_VERSION) < 0 ||
	    put_field(f, "name", s->name) ||
	    fprintf(f, "started: %s\n", when) < 0 ||
	    put_field(f, "deck-title", s->deck_title) ||
	    (s->deck_source && put_field(f, "deck-source", s->deck_source)) ||
	    put_field(f, "deck-path", s->deck_path) ||
	    fprintf(f, "deck-hash: %016llx\n",
		    (unsigned long long)s->deck_hash) < 0 ||
	    fprintf(f, "current: %d\n", cur) < 0)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		const struct session_item *it = &s->items[i];
		if (put_field(f, "item", it->heading))
			return -1;
		for (int v = 0; v < it->nviews; v++)
			if (put_view(f, tally_get(&s->tally, i, v),
				     it->labels[v]))
				return -1;
	}
	return fputs("end\n", f) < 0 ? -1 : 0;
}

char *session_format(const struct session *s, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		return NULL;
	int rc = put_body(f, s);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0) {
		free(buf);
		return NULL;
	}
	if (len)
		*len = n;
	return buf;
}
