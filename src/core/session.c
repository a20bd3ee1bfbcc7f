#include "core/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/deck.h"

/* The largest time the file format can hold: 9999-12-31T23:59:59Z. */
#define SESSION_MAX_TIME 253402300799LL

/*
 * A view's wording as the session records it: one line, its paragraph
 * breaks (the deck's " ." line) made spaces.  The screens draw from the
 * deck and keep the paragraphs; the file, exports and reports hold one
 * field per view, where a newline would come out as a replacement
 * character.
 */
static char *one_line(const char *text)
{
	char *t = strdup(text);
	for (char *c = t; c && (c = strchr(c, '\n')) != NULL;)
		*c++ = ' ';
	return t;
}

/* Copies the deck's item i: heading, labels (else "View N"), texts. */
static int copy_item(struct session_item *it, const struct deck_item *di)
{
	it->heading = strdup(di->heading ? di->heading : "");
	if (!it->heading)
		return -1;
	for (int v = 0; v < di->nviews; v++) {
		const char *l =
			di->labels[v] ? di->labels[v] : deck_view_label(v);
		it->labels[v] = strdup(l);
		if (di->views[v])
			it->texts[v] = one_line(di->views[v]);
		it->nviews = v + 1;
		if (!it->labels[v] || (di->views[v] && !it->texts[v]))
			return -1;
	}
	return 0;
}

static int copy_items(struct session *s, const struct deck *d)
{
	int *nv = malloc((size_t)d->nitems * sizeof *nv);
	int rc = nv ? 0 : -1;
	for (int i = 0; rc == 0 && i < d->nitems; i++) {
		const struct deck_item *di = &d->items[i];
		if (di->nviews < 2 || di->nviews > TALLY_MAX_VIEWS)
			rc = -1;
		else
			rc = copy_item(&s->items[i], di);
		if (nv)
			nv[i] = di->nviews;
	}
	if (rc == 0)
		rc = tally_init(&s->tally, d->nitems, nv, s->ngroups);
	free(nv);
	return rc;
}

int session_from_deck(struct session *s, const struct deck *d,
		      const char *deck_path, const char *name, time_t started,
		      char *const *groups, int ngroups)
{
	memset(s, 0, sizeof *s);
	if (d->nitems < 1 || ngroups < 0 || ngroups > TALLY_MAX_GROUPS)
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
	s->same_views = d->same_views;
	s->items = calloc((size_t)d->nitems, sizeof *s->items);
	if (!s->name || !s->deck_title || (d->source && !s->deck_source) ||
	    !s->deck_path || !s->items)
		goto fail;
	s->nitems = d->nitems;
	for (int g = 0; g < ngroups; g++) {
		if (!(s->groups[g] = strdup(groups[g])))
			goto fail;
		s->ngroups = g + 1;
	}
	if (copy_items(s, d) == 0)
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

int session_open_ballots(struct session *s)
{
	if (s->ballots)
		return 0;
	int nv[BALLOT_MAX_ITEMS];
	if (s->nitems > BALLOT_MAX_ITEMS)
		return -1;
	for (int i = 0; i < s->nitems; i++)
		nv[i] = s->items[i].nviews;
	struct ballots *bs = malloc(sizeof *bs);
	if (!bs || ballots_init(bs, s->nitems, nv,
				s->ngroups > 0 ? s->ngroups : 1) != 0) {
		free(bs);
		return -1;
	}
	s->ballots = bs;
	return 0;
}

int session_counts(const struct session *s, struct tally *out)
{
	const struct tally *t = &s->tally;
	int nv[BALLOT_MAX_ITEMS];
	if (t->nitems > BALLOT_MAX_ITEMS)
		return -1;
	for (int i = 0; i < t->nitems; i++)
		nv[i] = t->items[i].nviews;
	if (tally_reuse(out, t->nitems, nv, t->ngroups) != 0)
		return -1;
	for (int i = 0; i < t->nitems; i++)
		for (int r = 0; r < tally_rounds(t, i); r++)
			for (int g = 0; g < t->ngroups; g++)
				for (int v = 0; v < nv[i]; v++)
					if (!tally_load(
						    out, i, r, g, v,
						    tally_cell(t, i, r, g, v)))
						return -1;
	for (int g = 0; g < t->ngroups; g++)
		tally_set_headcount(out, g, tally_headcount(t, g));
	return s->ballots ? ballots_add_to(s->ballots, out) : 0;
}

const char *session_group_name(const struct session *s, int g)
{
	if (g >= 0 && g < s->ngroups && s->groups[g])
		return s->groups[g];
	return "Room";
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
		for (int v = 0; v < TALLY_MAX_VIEWS; v++) {
			free(s->items[i].labels[v]);
			free(s->items[i].texts[v]);
		}
	}
	free(s->items);
	for (int g = 0; g < TALLY_MAX_GROUPS; g++)
		free(s->groups[g]);
	tally_free(&s->tally);
	free(s->phones);
	free(s->phones_url);
	if (s->ballots)
		ballots_free(s->ballots);
	free(s->ballots);
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

/* "count: ROUND VIEW N..." with one number per group. */
static int put_counts(FILE *f, const struct session *s, int i, int r, int v)
{
	if (fprintf(f, "count: %d %d", r + 1, v + 1) < 0)
		return -1;
	for (int g = 0; g < s->tally.ngroups; g++)
		if (fprintf(f, " %ld", tally_cell(&s->tally, i, r, g, v)) < 0)
			return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}

static int put_item(FILE *f, const struct session *s, int i)
{
	const struct session_item *it = &s->items[i];
	if (put_field(f, "item", it->heading))
		return -1;
	for (int v = 0; v < it->nviews; v++)
		if (put_field(f, "view", it->labels[v]) ||
		    (it->texts[v] && put_field(f, "text", it->texts[v])))
			return -1;
	for (int r = 0; r < tally_rounds(&s->tally, i); r++)
		for (int v = 0; v < it->nviews; v++)
			if (put_counts(f, s, i, r, v))
				return -1;
	return 0;
}

/* What the room is counted as: groups with their headcounts, or one. */
static int put_groups(FILE *f, const struct session *s)
{
	const struct tally *t = &s->tally;
	if (s->ngroups == 0)
		return tally_headcount(t, 0) > 0 &&
				       fprintf(f, "headcount: %ld\n",
					       tally_headcount(t, 0)) < 0
			       ? -1
			       : 0;
	for (int g = 0; g < s->ngroups; g++) {
		char *clean = text_sanitize(s->groups[g], strlen(s->groups[g]));
		int rc = clean ? fprintf(f, "group: %ld %s\n",
					 tally_headcount(t, g), clean)
			       : -1;
		free(clean);
		if (rc < 0)
			return -1;
	}
	return fprintf(f, "active-group: %d\n", s->active + 1) < 0 ? -1 : 0;
}

static int put_header(FILE *f, const struct session *s)
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

	if (fprintf(f, "%s %d\n", SESSION_MAGIC, s->phones ? 3 : 2) < 0 ||
	    put_field(f, "name", s->name) ||
	    fprintf(f, "started: %s\n", when) < 0 ||
	    put_field(f, "deck-title", s->deck_title) ||
	    (s->deck_source && put_field(f, "deck-source", s->deck_source)) ||
	    put_field(f, "deck-path", s->deck_path) ||
	    fprintf(f, "deck-hash: %016llx\n",
		    (unsigned long long)s->deck_hash) < 0 ||
	    fprintf(f, "current: %d\n", cur) < 0 ||
	    (s->same_views && fputs("same-views: yes\n", f) == EOF) ||
	    fprintf(f, "percent-base: %s\n",
		    s->pct_of_room ? "room" : "hands") < 0 ||
	    (s->hidden && fputs("hidden: yes\n", f) == EOF) ||
	    (s->blank != BLANK_OFF &&
	     fprintf(f, "blank: %s\n",
		     s->blank == BLANK_WHITE ? "white" : "black") < 0) ||
	    (s->phones && put_field(f, "phones", s->phones)) ||
	    (s->phones && s->phones_url &&
	     put_field(f, "phones-url", s->phones_url)))
		return -1;
	return put_groups(f, s);
}

static int put_body(FILE *f, const struct session *s)
{
	if (put_header(f, s))
		return -1;
	for (int i = 0; i < s->nitems; i++)
		if (put_item(f, s, i))
			return -1;
	if (s->ballots && ballots_write(s->ballots, f))
		return -1;
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
