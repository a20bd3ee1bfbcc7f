/*
 * A deck, a session and an app on it, saved in a fresh temporary folder,
 * for the tests of the model and of the keys that drive it.
 */
#ifndef HANDSUP_TESTS_APP_FIXTURE_H
#define HANDSUP_TESTS_APP_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "base/error.h"
#include "core/deck.h"
#include "core/session.h"
#include "core/tally.h"
#include "store/session_file.h"

static const char deck_text[] = "title: App Test\n"
				"== One\n1: a\n2: b\n"
				"note: Ask the room first.\n"
				"== Two\n1: c\n2: d\n3: e\n";

struct fixture {
	char dir[64];
	char path[128];
	struct deck deck;
	struct session sess;
	struct app app;
};

/* The fixture with the room counted in groups[0..ngroups), or as one. */
static inline int setup_with(void **state, char *const *groups, int ngroups)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct error derr;
	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/handsup-app-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.session", f->dir);
	if (deck_parse(&f->deck, deck_text, strlen(deck_text), &derr) != 0)
		return -1;
	if (session_from_deck(&f->sess, &f->deck, "(embedded)", "t",
			      1795772112, groups, ngroups) != 0)
		return -1;
	app_init(&f->app, &f->deck, &f->sess, f->path);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_with(state, NULL, 0);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	unlink(f->path);
	rmdir(f->dir);
	app_free(&f->app);
	session_free(&f->sess);
	deck_free(&f->deck);
	free(f);
	return 0;
}

/* What a later resume would see. */
static long on_disk(const struct fixture *f, int item, int view, int *pos)
{
	struct session s;
	struct error err;
	assert_int_equal(session_load(&s, f->path, &err), 0);
	long c = tally_get(&s.tally, item, view);
	if (pos)
		*pos = s.current;
	session_free(&s);
	return c;
}

#endif
