/*
 * Where sessions live: the state folder, new file names, and the list of
 * sessions to resume.
 */
#include "store/session_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"
#include "base/text_wrap.h"
#include "core/session.h"
#include "store/session_file.h"
#include "store/session_lock.h"

#define SLUG_MAX 40

/* Like mkdir -p; folders it makes are private to the user (0700). */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0700);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return -1;
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

char *session_state_dir(const char *override, struct error *err)
{
	const char *env = getenv("HANDSUP_STATE_DIR");
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir = NULL;
	err->line = 0;
	if (override && *override)
		dir = strdup(override);
	else if (env && *env)
		dir = strdup(env);
	/* The XDG spec says a relative value is invalid and to ignore it. */
	else if (xdg && xdg[0] == '/')
		dir = file_cat(xdg, "/handsup");
	else if (home && *home)
		dir = file_cat(home, "/.local/state/handsup");
	else {
		error_set(err, 0, "no state folder: HOME is not set");
		return NULL;
	}
	if (!dir) {
		error_set(err, 0, "out of memory");
		return NULL;
	}
	/* The folder comes from the environment: the message may only show
	 * it sanitised. */
	if (make_dirs(dir) != 0) {
		error_errno(err, "cannot create", dir, errno);
		free(dir);
		return NULL;
	}
	return dir;
}

char *session_new_path(const char *dir, const struct session *s)
{
	char stamp[32], slug[SLUG_MAX + 1];
	struct tm tm;
	if (!localtime_r(&s->started, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)s->started);
	text_slug(s->name, slug, sizeof slug);
	size_t cap = strlen(dir) + strlen(stamp) + sizeof slug + 32;
	char *path = malloc(cap);
	if (!path)
		return NULL;
	for (int i = 1; i < 10000; i++) {
		if (i == 1)
			snprintf(path, cap, "%s/%s-%s%s", dir, stamp, slug,
				 SESSION_EXT);
		else
			snprintf(path, cap, "%s/%s-%s-%d%s", dir, stamp, slug,
				 i, SESSION_EXT);
		struct stat st;
		if (lstat(path, &st) != 0 && errno == ENOENT)
			return path;
	}
	free(path);
	return NULL;
}

static bool is_session_name(const char *name)
{
	size_t n = strlen(name), e = strlen(SESSION_EXT);
	return n > e && name[0] != '.' && !strcmp(name + n - e, SESSION_EXT);
}

/* 0 listed, 1 unreadable or corrupt, 2 gone meanwhile, -1 out of memory. */
static int summarise(const char *dir, const char *name,
		     struct session_summary *out)
{
	memset(out, 0, sizeof *out);
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	if (!path)
		return -1;
	sprintf(path, "%s/%s", dir, name);
	struct stat st;
	struct session s;
	struct error err;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    session_load(&s, path, &err) != 0) {
		/* A session deleted since readdir is not one to warn about. */
		bool gone = access(path, F_OK) != 0 && errno == ENOENT;
		free(path);
		return gone ? 2 : 1;
	}
	int held = session_lock_held(path);
	if (held < 0) {
		session_free(&s);
		free(path);
		return -1;
	}
	out->in_use = held;
	out->path = path;
	out->name = s.name;
	out->deck_title = s.deck_title;
	s.name = s.deck_title = NULL;
	out->started = s.started;
	out->modified = st.st_mtime;
	out->current = s.current;
	out->nitems = s.nitems;
	/* Hands and phones' votes alike: an item only phones voted on is
	 * counted too. */
	struct tally all = {0};
	const struct tally *t =
		s.ballots && session_counts(&s, &all) == 0 ? &all : &s.tally;
	for (int i = 0; i < s.nitems; i++)
		out->counted += tally_item_counted(t, i);
	tally_free(&all);
	session_free(&s);
	return 0;
}

static int newest_first(const void *pa, const void *pb)
{
	const struct session_summary *a = pa, *b = pb;
	if (a->modified != b->modified)
		return a->modified < b->modified ? 1 : -1;
	/* Same second: the later start, then the later name, comes first. */
	if (a->started != b->started)
		return a->started < b->started ? 1 : -1;
	return strcmp(b->path, a->path);
}

int session_list(const char *dir, struct session_summary **out, size_t *n)
{
	return session_list_skipped(dir, out, n, NULL);
}

int session_list_skipped(const char *dir, struct session_summary **out,
			 size_t *n, size_t *skipped)
{
	size_t bad = 0;
	*out = NULL;
	*n = 0;
	if (skipped)
		*skipped = 0;
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	struct session_summary *list = NULL;
	size_t len = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (!is_session_name(e->d_name))
			continue;
		if (len == cap) {
			size_t c = cap ? cap * 2 : 16;
			struct session_summary *l =
				realloc(list, c * sizeof *l);
			if (!l) {
				rc = -1;
				break;
			}
			list = l;
			cap = c;
		}
		int r = summarise(dir, e->d_name, &list[len]);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r == 0)
			len++;
		else if (r == 1)
			bad++;
	}
	closedir(d);
	if (rc != 0) {
		session_list_free(list, len);
		return -1;
	}
	if (len > 1)
		qsort(list, len, sizeof *list, newest_first);
	*out = list;
	*n = len;
	if (skipped)
		*skipped = bad;
	return 0;
}

void session_list_free(struct session_summary *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		free(list[i].path);
		free(list[i].name);
		free(list[i].deck_title);
	}
	free(list);
}
