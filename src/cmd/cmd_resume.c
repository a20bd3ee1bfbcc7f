/*
 * The resume half of run: finding the session (a file, a name, or a pick
 * from the list) and the deck it was run on, then running it again.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <libgen.h>
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "base/error.h"
#include "base/safe.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "cmd/exit.h"
#include "cmd/find.h"
#include "cmd/live.h"
#include "cmd/msg.h"
#include "cmd/options.h"
#include "core/deck.h"
#include "core/session.h"
#include "store/deck_file.h"
#include "store/session_dir.h"
#include "store/session_file.h"
#include "store/session_lock.h"
#include "tui/term.h"

/* ---- resuming ------------------------------------------------------------ */

/*
 * A deck edited to other groups after the session began: the session's
 * groups are what its counts are kept by, so they stay; says so in note.
 * (A session begun with --groups or --no-groups differs from its deck
 * by choice, and its deck is unchanged: no note then.)
 */
static void compare_groups(const struct session *s, const struct deck *d,
			   char *note, size_t cap)
{
	bool same = s->ngroups == d->ngroups;
	for (int g = 0; same && g < s->ngroups; g++)
		same = strcmp(s->groups[g], d->groups[g]) == 0;
	if (same || s->ngroups == 0 || d->hash == s->deck_hash)
		return;
	size_t k = (size_t)snprintf(note, cap,
				    "The deck's groups changed: counting the "
				    "session's");
	for (int g = 0; g < s->ngroups && k < cap; g++)
		k += (size_t)snprintf(note + k, cap - k, "%s%s",
				      g ? ", " : " (", s->groups[g]);
	if (k < cap)
		snprintf(note + k, cap - k, ")");
}

/*
 * Finds the deck the session was run on.  A missing deck is no obstacle
 * (the session holds enough to go on); a changed one needs a yes.
 * Returns 0 with *d set, or an exit status.
 */
static int resume_deck(struct session *s, struct deck *d, char *note,
		       size_t cap)
{
	struct error derr;
	int rc = strcmp(s->deck_path, LIVE_EMBEDDED_PATH) == 0
			 ? live_parse_embedded(d)
			 : deck_file_load(s->deck_path, d, &derr);
	if (rc != 0) {
		if (rc == -1)
			msg_file_error(s->deck_path, &derr);
		fputs("handsup: going on from what the session file holds.\n",
		      stderr);
		snprintf(note, cap, "Deck file %s: %s",
			 access(s->deck_path, F_OK) == 0 ? "unusable"
							 : "missing",
			 find_has_texts(s)
				 ? "going on from the session's record"
				 : "view texts not shown");
		return find_deck_record(d, s) == 0 ? 0 : EXIT_SOFTWARE;
	}
	compare_groups(s, d, note, cap);
	if (d->hash == s->deck_hash && find_same_shape(d, s))
		return 0;
	if (d->hash == s->deck_hash) {
		/* The same deck, but a session file edited out of step with it. */
		deck_free(d);
		snprintf(note, cap,
			 "Session and deck differ: showing the session");
		return find_deck_record(d, s) == 0 ? 0 : EXIT_SOFTWARE;
	}
	msg_path(s->deck_path, "the deck has changed since this session began",
		 NULL);
	/* Say what going on means: new wording, or the session's own record. */
	bool same = find_same_shape(d, s);
	if (!msg_ask_yes(
		    same ? "Go on with the deck's new wording? [y/N] "
			 : "Its items or views are not the same any more. Go "
			   "on "
			   "with the session's own record (headings and "
			   "counts, "
			   "no view texts)? [y/N] ")) {
		deck_free(d);
		fputs("handsup: not resumed.\n", stderr);
		return EXIT_DATA;
	}
	if (same) {
		/* Same items and views: take the new wording from now on. */
		for (int i = 0; i < s->nitems; i++) {
			char *h = strdup(d->items[i].heading);
			if (h) {
				free(s->items[i].heading);
				s->items[i].heading = h;
			}
		}
		s->deck_hash = d->hash;
		return 0;
	}
	deck_free(d);
	snprintf(note, cap, "Deck changed shape: showing the session's record");
	return find_deck_record(d, s) == 0 ? 0 : EXIT_SOFTWARE;
}

/*
 * Prints s cut or padded to exactly w columns, so the list stays aligned;
 * a cut ends in "…" in a UTF-8 locale, as on the screens, else in "~".
 */
static void put_column(FILE *f, const char *s, int w)
{
	char *t = text_sanitize(s, strlen(s));
	int used = 0;
	if (t) {
		bool cut = text_width(t) > w;
		size_t n = text_fit(t, cut ? w - 1 : w, &used);
		fwrite(t, 1, n, f);
		if (cut) {
			bool utf8 = text_utf8_codeset(nl_langinfo(CODESET));
			fputs(utf8 ? "…" : "~", f);
			used++;
		}
	}
	fprintf(f, "%*s", w - used, "");
	free(t);
}

static void print_when(FILE *f, time_t t)
{
	char buf[32] = "(unknown time)";
	struct tm tm;
	if (localtime_r(&t, &tm) != NULL)
		strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	fputs(buf, f);
}

/* Lists recent sessions and lets the facilitator pick one. */
/* Lists the sessions in the state folder, or NULL (message and *rc set). */
static struct session_summary *list_sessions(const struct run_options *o,
					     size_t *n, int *rc)
{
	struct error err;
	struct session_summary *list;
	size_t skipped = 0;
	char *dir = session_state_dir(o->state_dir, &err);
	*rc = EXIT_DATA;
	if (dir == NULL) {
		msg_error(err.msg);
		return NULL;
	}
	session_clean_tmp(dir);
	int bad = session_list_skipped(dir, &list, n, &skipped);
	if (skipped > 0) {
		fprintf(stderr, "handsup: %zu file%s in ", skipped,
			skipped == 1 ? "" : "s");
		safe_puts(stderr, dir);
		fprintf(stderr, " could not be read and %s not listed\n",
			skipped == 1 ? "is" : "are");
	}
	if (bad != 0 || *n == 0) {
		fputs("handsup: no sessions to resume in ", stderr);
		safe_puts(stderr, dir);
		fputc('\n', stderr);
		free(dir);
		if (bad == 0)
			session_list_free(list, *n);
		*rc = 1; /* nothing chosen, as the man page says */
		return NULL;
	}
	free(dir);
	return list;
}

static void print_list(const struct session_summary *list, size_t shown)
{
	fputs("  #  last change       name                      counted  "
	      "deck\n",
	      stderr);
	for (size_t i = 0; i < shown; i++) {
		const struct session_summary *e = &list[i];
		char counted[32];
		/* A star marks a session another handsup has open now. */
		fprintf(stderr, "%3zu%c ", i + 1, e->in_use ? '*' : ' ');
		print_when(stderr, e->modified);
		fputs("  ", stderr);
		put_column(stderr, e->name, 24);
		snprintf(counted, sizeof counted, "%d/%d", e->counted,
			 e->nitems);
		fprintf(stderr, "  %-7s  ", counted);
		put_column(stderr, e->deck_title, 19);
		fputc('\n', stderr);
	}
	for (size_t i = 0; i < shown; i++)
		if (list[i].in_use) {
			fputs("  * open in another handsup now\n", stderr);
			break;
		}
}

/* An answer to "Resume which?" that names no session in the list. */
static void no_such_pick(const char *line)
{
	char what[64];
	snprintf(what, sizeof what, "no session %.*s", (int)strcspn(line, "\n"),
		 line);
	msg_error(what);
}

/* Lists recent sessions and lets the facilitator pick one. */
static char *choose_session(const struct run_options *o, int *rc)
{
	size_t n;
	struct session_summary *list = list_sessions(o, &n, rc);
	if (list == NULL)
		return NULL;
	size_t shown = n < 20 ? n : 20;
	print_list(list, shown);
	char *pick = NULL;
	char line[32];
	bool cancelled = false;
	while (pick == NULL && !cancelled) {
		fprintf(stderr,
			"Resume which? [1-%zu, Enter for 1, q to cancel] ",
			shown);
		fflush(stderr);
		term_sync();
		if (!isatty(STDIN_FILENO) || !fgets(line, sizeof line, stdin)) {
			fputs("\nhandsup: no answer; to resume one: handsup "
			      "resume FILE\n",
			      stderr);
			break;
		}
		char *end;
		long k = line[0] == '\n' ? 1 : strtol(line, &end, 10);
		cancelled = line[0] == 'q' || line[0] == 'Q';
		if (cancelled)
			break;
		if (k < 1 || (size_t)k > shown ||
		    (line[0] != '\n' && *end != '\n'))
			no_such_pick(line);
		else if (list[k - 1].in_use)
			msg_error("that session is open in another handsup");
		else
			pick = strdup(list[k - 1].path);
	}
	*rc = pick ? 0 : 1;
	session_list_free(list, n);
	return pick;
}

/* Locks, loads and runs the session file; returns an exit status. */
static int resume_file(const struct run_options *o, const char *chosen)
{
	int rc;
	/* Locked before it is read, so two runs never both resume it. */
	int fd = live_lock(chosen, &rc);
	if (fd < 0)
		return rc;
	struct session s;
	struct error err;
	if (session_load(&s, chosen, &err) != 0) {
		msg_file_error(chosen, &err);
		session_unlock(fd, chosen);
		return msg_input_status(chosen, &err);
	}
	char dirbuf[PATH_MAX];
	snprintf(dirbuf, sizeof dirbuf, "%s", chosen);
	session_clean_tmp(dirname(dirbuf));
	struct deck d;
	char note[240] = "";
	rc = resume_deck(&s, &d, note, sizeof note);
	if (rc == 0) {
		struct app a;
		app_init(&a, &d, &s, chosen);
		if (note[0])
			app_message(&a, "%s", note);
		else
			app_message(&a, "Resumed where the room was");
		bool started;
		rc = live_run(&a, o, &started);
		app_free(&a);
		deck_free(&d);
	}
	session_free(&s);
	session_unlock(fd, chosen);
	return rc;
}

/*
 * Resumes file, or one chosen from the list; returns an exit status.
 * The command line's mistakes (a session that is not there, a bad
 * --out) are told before a missing terminal.
 */
static int resume(const struct run_options *o, const char *file)
{
	int rc = 0;
	char *chosen = NULL;
	if (file != NULL && (chosen = find_session(o, file, &rc)) == NULL)
		return rc;
	rc = live_check_out_dir(o->out_dir);
	if (rc == 0)
		rc = live_need_terminal();
	if (rc == 0 && chosen == NULL) {
		chosen = choose_session(o, &rc);
		if (chosen == NULL && rc == 0)
			rc = EXIT_SOFTWARE;
	}
	if (rc == 0)
		rc = resume_file(o, chosen);
	free(chosen);
	return rc;
}

int cmd_resume(int argc, char **argv)
{
	struct run_options o;
	const char *file;
	int rc = options_parse(argc, argv, &o, &file);
	if (rc >= 0)
		return rc;
	/* A session keeps the name, groups and headcounts it began with. */
	if (o.name || o.groups || o.no_groups || o.headcount) {
		fputs("handsup: --name, --groups, --no-groups and --headcount "
		      "are for a new session; a resumed one keeps its own\n",
		      stderr);
		return EXIT_USAGE;
	}
	return resume(&o, file);
}
