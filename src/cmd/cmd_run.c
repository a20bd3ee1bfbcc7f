/* handsup [DECK]: a new session on a deck, the built-in one by default. */
#include "cmd/cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "base/error.h"
#include "base/file.h"
#include "cmd/exit.h"
#include "cmd/live.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "core/deck.h"
#include "core/session.h"
#include "store/deck_dir.h"
#include "store/deck_file.h"
#include "store/session_dir.h"
#include "store/session_file.h"
#include "store/session_lock.h"

/*
 * Whether path is a session file given where a deck belongs.  Only a
 * regular file is read: a FIFO or a terminal (handsup /dev/tty) would
 * wait for a writer or a key for ever, and the deck loader has already
 * said what is wrong with it.
 */
static bool looks_like_session(const char *path)
{
	static const char bom[] = "\xEF\xBB\xBF";
	char head[sizeof bom + sizeof SESSION_MAGIC];
	struct stat st;
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, head, sizeof head - 1);
	close(fd);
	if (n < 0)
		return false;
	head[n] = '\0';
	/* A byte order mark before it, as the session reader skips. */
	const char *h = strncmp(head, bom, 3) == 0 ? head + 3 : head;
	return strncmp(h, SESSION_MAGIC, strlen(SESSION_MAGIC)) == 0;
}

/* Loads the deck file at path, listing every error.  0 or an exit status. */
static int load_deck(const char *path, struct deck *d)
{
	struct error errs[DECK_MAX_ERRORS];
	int nerrs = 0;
	if (deck_file_load_all(path, d, errs, DECK_MAX_ERRORS, &nerrs) == 0)
		return 0;
	for (int i = 0; i < nerrs; i++)
		msg_file_error(path, &errs[i]);
	if (looks_like_session(path))
		fputs("handsup: that is a session file; to go on with it: "
		      "handsup resume FILE\n",
		      stderr);
	return msg_input_status(path, &errs[0]);
}

/*
 * Opens the deck to run: the built-in one, a file, or an installed deck
 * by name.  *deck_path is what the session records: the file's absolute
 * path.  0 or an exit status.
 */
static int open_deck(const char *arg, struct deck *d, const char **deck_path,
		     char abs[PATH_MAX])
{
	*deck_path = LIVE_EMBEDDED_PATH;
	if (arg == NULL)
		return live_parse_embedded(d);
	char *path = deck_dir_find(arg, deck_dir());
	if (path == NULL) {
		msg_oom();
		return EXIT_SOFTWARE;
	}
	int rc = load_deck(path, d);
	if (rc == 0)
		*deck_path = realpath(path, abs) ? abs : arg;
	else if (rc == EXIT_NOINPUT)
		msg_not_installed(arg, deck_dir());
	free(path);
	return rc;
}

/*
 * Writes the new session's first file: created beside path and renamed
 * into place, so that a reader never sees half of it, but not synced.
 * It holds no count yet, so a crash loses nothing that a sync would have
 * kept; what it is for is the others that look for the session at once
 * (the resume list, handsup follow) and a resume after a kill.  The first
 * change is saved durably, as every later one.  0, or -1 with *err.
 */
static int write_new(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	int rc = file_write_all(fd, text, len), saved = errno;
	if (close(fd) != 0 && rc == 0)
		return -1;
	errno = saved;
	return rc;
}

static int create_unsynced(const struct session *s, const char *path,
			   struct error *err)
{
	size_t len = 0;
	char tmp[PATH_MAX];
	char *text = session_format(s, &len);
	int e = ENOMEM;
	snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
	if (text != NULL)
		e = write_new(tmp, text, len) == 0 && rename(tmp, path) == 0
			    ? 0
			    : errno;
	if (e != 0)
		unlink(tmp);
	free(text);
	if (e == 0)
		return 0;
	error_errno(err, "cannot save", path, e);
	return -1;
}

/* Writes the new session, locked, before its first frame, and runs it. */
static int run_locked(struct session *s, const struct deck *d, const char *path,
		      const struct run_options *o)
{
	struct app a;
	struct error err;
	int rc;
	app_init(&a, d, s, path);
	int fd = live_lock(path, &rc);
	if (fd < 0)
		return rc;
	/* In place before the first frame, so that a crash can resume and
	 * an audience view can find it; durable from the first change. */
	if (create_unsynced(s, path, &err) != 0) {
		msg_error(err.msg);
		rc = EXIT_CANTCREAT;
	} else {
		bool started;
		rc = live_run(&a, o, &started);
		/* A session that never reached the screen holds nothing:
		 * leave no empty file in the resume list. */
		if (!started)
			unlink(path);
	}
	session_unlock(fd, path);
	app_free(&a);
	return rc;
}

/*
 * The groups to count apart: --no-groups none, --groups its list, else
 * the deck's.  0, or EXIT_USAGE once the reason is printed.
 */
static int pick_groups(const struct deck *d, const struct run_options *o,
		       char **groups, int *n)
{
	struct error errs[1];
	int nerrs;
	*n = 0;
	if (o->no_groups)
		return 0;
	if (o->groups == NULL) {
		for (int g = 0; g < d->ngroups; g++)
			groups[(*n)++] = strdup(d->groups[g]);
	} else if (deck_groups_from(o->groups, groups, n, errs, 1, &nerrs)) {
		fprintf(stderr, "handsup: --groups: %s\n", errs[0].msg);
		while (*n > 0)
			free(groups[--(*n)]);
		return EXIT_USAGE;
	}
	if (o->headcount > 0 && *n > 0) {
		fputs("handsup: --headcount counts the room as one; with "
		      "groups, give each group's with p\n",
		      stderr);
		while (*n > 0)
			free(groups[--(*n)]);
		return EXIT_USAGE;
	}
	return 0;
}

/* The same, with the groups decided. */
static int run_grouped(const struct deck *d, const char *deck_path,
		       const struct run_options *o, char **groups, int ngroups)
{
	struct error err;
	char *dir = session_state_dir(o->state_dir, &err);
	if (dir == NULL) {
		msg_error(err.msg);
		return EXIT_CANTCREAT;
	}
	session_clean_tmp(dir);
	struct session s;
	if (session_from_deck(&s, d, deck_path, o->name, time(NULL), groups,
			      ngroups) != 0) {
		msg_oom();
		free(dir);
		return EXIT_SOFTWARE;
	}
	tally_set_headcount(&s.tally, 0, o->headcount);
	char *path = session_new_path(dir, &s);
	free(dir);
	int rc = path ? run_locked(&s, d, path, o) : EXIT_SOFTWARE;
	free(path);
	session_free(&s);
	return rc;
}

int cmd_run(int argc, char **argv)
{
	struct run_options o;
	const char *arg;
	int rc = options_parse(argc, argv, &o, &arg);
	if (rc >= 0)
		return rc;
	struct deck d;
	char abs[PATH_MAX];
	const char *deck_path;
	if ((rc = open_deck(arg, &d, &deck_path, abs)) != 0)
		return rc;
	/* The deck's own errors come first, then the rest of the command
	 * line's (its usage errors before the others), then what running
	 * it needs: a terminal. */
	char *groups[DECK_MAX_GROUPS];
	int ngroups = 0;
	rc = pick_groups(&d, &o, groups, &ngroups);
	if (rc == 0)
		rc = live_check_out_dir(o.out_dir);
	if (rc == 0)
		rc = live_need_terminal();
	if (rc == 0)
		rc = run_grouped(&d, deck_path, &o, groups, ngroups);
	while (ngroups > 0)
		free(groups[--ngroups]);
	deck_free(&d);
	return rc;
}
