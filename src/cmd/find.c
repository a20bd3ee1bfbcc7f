/*
 * Finding a saved session (a file, a name, or the newest open one) and
 * the deck to show it with.
 */
#include "cmd/find.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/safe.h"
#include "cmd/exit.h"
#include "cmd/live.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "core/deck.h"
#include "core/session.h"
#include "store/deck_file.h"
#include "store/session_dir.h"

int find_deck_record(struct deck *d, const struct session *s)
{
	memset(d, 0, sizeof *d);
	d->items = calloc((size_t)s->nitems, sizeof *d->items);
	d->title = strdup(s->deck_title);
	d->source = s->deck_source ? strdup(s->deck_source) : NULL;
	bool ok = d->items && d->title && (d->source || !s->deck_source);
	d->nitems = d->items ? s->nitems : 0;
	for (int i = 0; ok && i < s->nitems; i++) {
		const struct session_item *si = &s->items[i];
		d->items[i].heading = strdup(si->heading);
		d->items[i].nviews = si->nviews;
		ok = d->items[i].heading != NULL;
		/* Format 2 keeps each view's wording: the room still sees it. */
		for (int v = 0; ok && v < si->nviews; v++)
			if (si->texts[v])
				ok = (d->items[i].views[v] =
					      strdup(si->texts[v])) != NULL;
	}
	if (!ok)
		deck_free(d);
	return ok ? 0 : -1;
}

bool find_has_texts(const struct session *s)
{
	for (int i = 0; i < s->nitems; i++)
		for (int v = 0; v < s->items[i].nviews; v++)
			if (s->items[i].texts[v])
				return true;
	return false;
}

bool find_same_shape(const struct deck *d, const struct session *s)
{
	if (d->nitems != s->nitems)
		return false;
	for (int i = 0; i < d->nitems; i++)
		if (d->items[i].nviews != s->items[i].nviews)
			return false;
	return true;
}

int find_deck_quiet(const struct session *s, struct deck *d)
{
	struct error err;
	int rc = strcmp(s->deck_path, LIVE_EMBEDDED_PATH) == 0
			 ? live_parse_embedded(d)
			 : deck_file_load(s->deck_path, d, &err);
	if (rc == 0 && d->hash == s->deck_hash && find_same_shape(d, s))
		return 0;
	if (rc == 0)
		deck_free(d);
	if (find_deck_record(d, s) == 0)
		return 0;
	msg_oom();
	return EXIT_SOFTWARE;
}

/* A session of that name in the state folder, the newest; or NULL. */
static char *find_by_name(const struct run_options *o, const char *name)
{
	struct error err;
	struct session_summary *list;
	size_t n;
	char *found = NULL;
	char *dir = session_state_dir(o->state_dir, &err);
	if (dir == NULL)
		return NULL;
	if (session_list(dir, &list, &n) == 0) {
		for (size_t i = 0; i < n && found == NULL; i++)
			if (strcmp(list[i].name, name) == 0)
				found = strdup(list[i].path);
		session_list_free(list, n);
	}
	free(dir);
	return found;
}

char *find_session(const struct run_options *o, const char *file, int *rc)
{
	struct stat st;
	char *chosen = NULL;
	if (stat(file, &st) != 0 && errno == ENOENT && !strchr(file, '/'))
		chosen = find_by_name(o, file);
	if (chosen == NULL && (chosen = strdup(file)) == NULL) {
		msg_oom();
		*rc = EXIT_SOFTWARE;
		return NULL;
	}
	if (stat(chosen, &st) == 0)
		return chosen;
	int e = errno;
	msg_path(chosen, e == ENOENT ? "no such session file" : strerror(e),
		 NULL);
	free(chosen);
	*rc = e == ENOENT ? EXIT_NOINPUT : EXIT_DATA;
	return NULL;
}

char *find_open_session(const struct run_options *o, int *rc)
{
	struct error err;
	struct session_summary *list;
	size_t n;
	char *found = NULL;
	bool oom = false;
	char *dir = session_state_dir(o->state_dir, &err);
	if (dir == NULL) {
		msg_error(err.msg);
		*rc = EXIT_DATA;
		return NULL;
	}
	if (session_list(dir, &list, &n) == 0) {
		/* The list is newest first. */
		for (size_t i = 0; i < n && found == NULL && !oom; i++)
			if (list[i].in_use)
				oom = !(found = strdup(list[i].path));
		session_list_free(list, n);
	}
	/* Nothing to follow is 1, as the man page says. */
	*rc = oom ? EXIT_SOFTWARE : 1;
	if (oom) {
		msg_oom();
	} else if (found == NULL) {
		fputs("handsup: no session is open in another handsup in ",
		      stderr);
		safe_puts(stderr, dir);
		fputs("; start or resume one first, or name its file\n",
		      stderr);
	}
	free(dir);
	return found;
}
