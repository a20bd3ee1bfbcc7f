#include "run.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "deck.h"
#include "embedded.h"
#include "load.h"
#include "screen.h"
#include "session.h"
#include "text.h"
#include "ui.h"

#define EMBEDDED_PATH "(embedded)"
#define EXIT_INUSE 75

/* Prints a user-supplied string (a path) with controls neutralised. */
static void put_safe(FILE *f, const char *s)
{
	char *t = text_sanitize(s, strlen(s));
	fputs(t ? t : "?", f);
	free(t);
}

static void error_path(const char *path, const char *msg)
{
	fputs("handsup: ", stderr);
	put_safe(stderr, path);
	fprintf(stderr, ": %s\n", msg);
}

static int parse_embedded(struct deck *d)
{
	struct deck_error err;
	if (deck_parse(d, (const char *)embedded_deck, embedded_deck_len,
		       &err) != 0) {
		load_print_error(stderr, embedded_deck_name, &err);
		return EXIT_SOFTWARE;
	}
	return 0;
}

/* ---- the terminal session ------------------------------------------------ */

static bool on_key(void *ctx, int key)
{
	struct app *a = ctx;
	screen_key(a, key);
	return !a->quit;
}

static void on_draw(void *ctx)
{
	screen_draw(ctx);
}

static void on_signal(void *ctx, int sig)
{
	(void)sig;
	app_save(ctx);
}

static bool ask_yes(const char *question)
{
	char line[16];
	fputs(question, stderr);
	fflush(stderr);
	ui_sync();
	if (!isatty(STDIN_FILENO) || fgets(line, sizeof line, stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

/*
 * The last save failed.  Counts must not be lost: ask for another path
 * when someone is there to answer, else try the temporary folder, and as
 * a last resort print the session itself.
 */
static void rescue(struct app *a, bool interactive)
{
	struct session_error err;
	fputs("handsup: the session could not be saved: ", stderr);
	put_safe(stderr, a->save_error);
	fputc('\n', stderr);
	while (interactive && isatty(STDIN_FILENO)) {
		char line[PATH_MAX];
		fputs("Write it to another path (Enter to skip): ", stderr);
		fflush(stderr);
		ui_sync();
		if (fgets(line, sizeof line, stdin) == NULL)
			break;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			break;
		if (session_save(a->sess, line, &err) == 0) {
			fputs("Session written to ", stderr);
			put_safe(stderr, line);
			fputc('\n', stderr);
			return;
		}
		fprintf(stderr, "%s\n", err.msg);
	}
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/handsup-rescue-%ld%s",
		 tmp && *tmp ? tmp : "/tmp", (long)getpid(), SESSION_EXT);
	if (session_save(a->sess, path, &err) == 0) {
		fputs("Session written to ", stderr);
		put_safe(stderr, path);
		fputc('\n', stderr);
		return;
	}
	size_t len;
	char *text = session_format(a->sess, &len);
	if (text) {
		fputs("Here is the session, so that no count is lost:\n", stderr);
		fwrite(text, 1, len, stdout);
		free(text);
	}
}

static int run_session(struct app *a, const struct run_options *o)
{
	struct ui_options uo = {o->mono, o->ascii};
	char err[200];
	a->export_dir = o->out_dir;
	if (ui_start(&uo, err, sizeof err) != 0) {
		fprintf(stderr, "handsup: %s\n", err);
		return EXIT_SOFTWARE;
	}
	struct ui_handlers h = {a, on_key, on_draw, on_signal};
	int sig = ui_run(&h);
	ui_stop();
	if (!app_save(a))
		rescue(a, sig == 0);
	else {
		fputs("Session saved to ", stdout);
		put_safe(stdout, a->path);
		fputs("\nResume it with: handsup resume ", stdout);
		put_safe(stdout, a->path);
		fputc('\n', stdout);
	}
	return sig ? 128 + sig : 0;
}

/* Takes the session's lock, or says who holds it.  Returns fd or -1. */
static int lock_or_complain(const char *path)
{
	struct session_error err;
	int fd = session_lock(path, &err);
	if (fd < 0)
		error_path(path, err.msg);
	return fd;
}

/* ---- a new session ------------------------------------------------------- */

int run_new(const struct run_options *o)
{
	struct deck d;
	struct deck_error derr;
	char abs[PATH_MAX];
	const char *deck_path = EMBEDDED_PATH;
	if (o->deck_path == NULL) {
		int rc = parse_embedded(&d);
		if (rc)
			return rc;
	} else {
		if (load_deck(o->deck_path, &d, &derr) != 0) {
			load_print_error(stderr, o->deck_path, &derr);
			return EXIT_DATA;
		}
		deck_path = realpath(o->deck_path, abs) ? abs : o->deck_path;
	}
	struct session_error err;
	char *dir = session_state_dir(o->state_dir, &err);
	if (dir == NULL) {
		fprintf(stderr, "handsup: %s\n", err.msg);
		deck_free(&d);
		return EXIT_CANTCREAT;
	}
	session_clean_tmp(dir);
	struct session s;
	if (session_from_deck(&s, &d, deck_path, o->name, time(NULL)) != 0) {
		fputs("handsup: out of memory\n", stderr);
		free(dir);
		deck_free(&d);
		return EXIT_SOFTWARE;
	}
	char *path = session_new_path(dir, &s);
	free(dir);
	int rc = EXIT_SOFTWARE;
	if (path) {
		struct app a;
		app_init(&a, &d, &s, path);
		int fd = lock_or_complain(path);
		/* On disk before the first frame, so even a crash can resume. */
		if (fd < 0) {
			rc = EXIT_INUSE;
		} else if (session_save(&s, path, &err) != 0) {
			fprintf(stderr, "handsup: %s\n", err.msg);
			rc = EXIT_CANTCREAT;
		} else {
			rc = run_session(&a, o);
		}
		if (fd >= 0)
			session_unlock(fd, path);
	}
	free(path);
	session_free(&s);
	deck_free(&d);
	return rc;
}

/* ---- resuming ------------------------------------------------------------ */

/* A deck rebuilt from what the session file records: headings and labels. */
static int deck_from_session(struct deck *d, const struct session *s)
{
	memset(d, 0, sizeof *d);
	d->items = calloc((size_t)s->nitems, sizeof *d->items);
	d->title = strdup(s->deck_title);
	if (d->items == NULL || d->title == NULL)
		return -1;
	d->source = s->deck_source ? strdup(s->deck_source) : NULL;
	d->nitems = s->nitems;
	for (int i = 0; i < s->nitems; i++) {
		d->items[i].heading = strdup(s->items[i].heading);
		d->items[i].nviews = s->items[i].nviews;
		if (d->items[i].heading == NULL)
			return -1;
	}
	return 0;
}

static bool same_shape(const struct deck *d, const struct session *s)
{
	if (d->nitems != s->nitems)
		return false;
	for (int i = 0; i < d->nitems; i++)
		if (d->items[i].nviews != s->items[i].nviews)
			return false;
	return true;
}

/*
 * Finds the deck the session was run on.  A missing deck is no obstacle
 * (the session holds enough to go on); a changed one needs a yes.
 * Returns 0 with *d set, or an exit status.
 */
static int resume_deck(struct session *s, struct deck *d, char *note,
		       size_t cap)
{
	struct deck_error derr;
	int rc = strcmp(s->deck_path, EMBEDDED_PATH) == 0
			 ? parse_embedded(d)
			 : load_deck(s->deck_path, d, &derr);
	if (rc != 0) {
		fputs("handsup: the deck ", stderr);
		put_safe(stderr, s->deck_path);
		fputs(" cannot be read; going on from the session file.\n",
		      stderr);
		snprintf(note, cap, "Deck file missing: view texts not shown");
		return deck_from_session(d, s) == 0 ? 0 : EXIT_SOFTWARE;
	}
	if (d->hash == s->deck_hash)
		return 0;
	fputs("The deck ", stderr);
	put_safe(stderr, s->deck_path);
	fputs(" has changed since this session began.\n", stderr);
	if (!ask_yes("Continue with it? [y/N] ")) {
		deck_free(d);
		fputs("handsup: not resumed.\n", stderr);
		return EXIT_DATA;
	}
	if (same_shape(d, s)) {
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
	return deck_from_session(d, s) == 0 ? 0 : EXIT_SOFTWARE;
}

/* Prints s cut or padded to exactly w columns, so the list stays aligned. */
static void put_column(FILE *f, const char *s, int w)
{
	char *t = text_sanitize(s, strlen(s));
	int used = 0;
	if (t) {
		size_t n = text_fit(t, w, &used);
		fwrite(t, 1, n, f);
	}
	fprintf(f, "%*s", w - used, "");
	free(t);
}

static void print_when(FILE *f, time_t t)
{
	char buf[32];
	struct tm tm;
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", localtime_r(&t, &tm));
	fputs(buf, f);
}

/* Lists recent sessions and lets the facilitator pick one. */
static char *choose_session(const struct run_options *o, int *rc)
{
	struct session_error err;
	struct session_summary *list;
	size_t n;
	char *dir = session_state_dir(o->state_dir, &err);
	*rc = EXIT_DATA;
	if (dir == NULL) {
		fprintf(stderr, "handsup: %s\n", err.msg);
		return NULL;
	}
	session_clean_tmp(dir);
	if (session_list(dir, &list, &n) != 0 || n == 0) {
		fputs("handsup: no sessions to resume in ", stderr);
		put_safe(stderr, dir);
		fputc('\n', stderr);
		free(dir);
		return NULL;
	}
	free(dir);
	size_t shown = n < 20 ? n : 20;
	fputs("  #  last change       name                      counted  deck\n",
	      stderr);
	for (size_t i = 0; i < shown; i++) {
		const struct session_summary *e = &list[i];
		char counted[32];
		fprintf(stderr, "%3zu  ", i + 1);
		print_when(stderr, e->modified);
		fputs("  ", stderr);
		put_column(stderr, e->name, 24);
		snprintf(counted, sizeof counted, "%d/%d", e->counted,
			 e->nitems);
		fprintf(stderr, "  %-7s  ", counted);
		put_column(stderr, e->deck_title, 18);
		fputc('\n', stderr);
	}
	char *pick = NULL;
	char line[32];
	fprintf(stderr, "Resume which? [1-%zu, Enter for 1, q to cancel] ",
		shown);
	fflush(stderr);
	ui_sync();
	if (isatty(STDIN_FILENO) && fgets(line, sizeof line, stdin)) {
		long k = line[0] == '\n' ? 1 : strtol(line, NULL, 10);
		if (k >= 1 && (size_t)k <= shown)
			pick = strdup(list[k - 1].path);
	} else {
		fputs("\n(no terminal to answer; run: handsup resume FILE)\n",
		      stderr);
	}
	*rc = pick ? 0 : 1;
	session_list_free(list, n);
	return pick;
}

int run_resume(const struct run_options *o, const char *file)
{
	int rc = 0;
	char *chosen = file ? strdup(file) : choose_session(o, &rc);
	if (chosen == NULL)
		return rc ? rc : EXIT_SOFTWARE;
	/* Locked before it is read, so two runs never both resume it. */
	int fd = lock_or_complain(chosen);
	if (fd < 0) {
		free(chosen);
		return EXIT_INUSE;
	}
	struct session s;
	struct session_error err;
	if (session_load(&s, chosen, &err) != 0) {
		if (err.line > 0) {
			put_safe(stderr, chosen);
			fprintf(stderr, ":%d: %s\n", err.line, err.msg);
		} else {
			error_path(chosen, err.msg);
		}
		session_unlock(fd, chosen);
		free(chosen);
		return EXIT_DATA;
	}
	char dirbuf[PATH_MAX];
	snprintf(dirbuf, sizeof dirbuf, "%s", chosen);
	session_clean_tmp(dirname(dirbuf));
	struct deck d;
	char note[120] = "";
	rc = resume_deck(&s, &d, note, sizeof note);
	if (rc == 0) {
		struct app a;
		app_init(&a, &d, &s, chosen);
		if (note[0])
			app_message(&a, "%s", note);
		else
			app_message(&a, "Resumed where the room was");
		rc = run_session(&a, o);
		deck_free(&d);
	}
	session_free(&s);
	session_unlock(fd, chosen);
	free(chosen);
	return rc;
}

/* ---- check --------------------------------------------------------------- */

int run_check(int n, char **paths)
{
	int rc = 0;
	for (int i = 0; i < n; i++) {
		struct deck d;
		struct deck_error err;
		if (load_deck(paths[i], &d, &err) != 0) {
			load_print_error(stderr, paths[i], &err);
			rc = EXIT_DATA;
			continue;
		}
		deck_free(&d);
	}
	return rc;
}
