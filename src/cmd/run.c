#include "cmd/run.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "cmd/cli.h"
#include "core/deck.h"
#include "store/embedded.h"
#include "store/deck_file.h"
#include "report/report.h"
#include "tui/screen.h"
#include "core/session.h"
#include "tui/ui.h"

/* Prints a user-supplied string (a path) with controls neutralised. */
void run_put_safe(FILE *f, const char *s)
{
	report_put_safe(f, s, strlen(s));
}

/* The same, quoted for a shell when it needs to be, for copy and paste. */
static void put_shell_word(FILE *f, const char *s)
{
	if (s[0] != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
				      "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				      "0123456789/._-+:,@") == strlen(s)) {
		run_put_safe(f, s);
		return;
	}
	fputc('\'', f);
	for (const char *q; (q = strchr(s, '\'')) != NULL; s = q + 1) {
		report_put_safe(f, s, (size_t)(q - s));
		fputs("'\\''", f);
	}
	run_put_safe(f, s);
	fputc('\'', f);
}

void run_error_path(const char *path, const char *msg)
{
	fputs("handsup: ", stderr);
	run_put_safe(stderr, path);
	fprintf(stderr, ": %s\n", msg);
}

void run_error(const char *msg)
{
	fputs("handsup: ", stderr);
	run_put_safe(stderr, msg);
	fputc('\n', stderr);
}

/*
 * Checked before any file is made: without a terminal nothing can run,
 * and a new empty session file per failed start would litter the list.
 */
int run_need_terminal(void)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 0;
	run_error("standard input and output must be a terminal");
	return EXIT_SOFTWARE;
}

/* An export folder that does not work should stop us now, not at 'e'. */
int run_check_out_dir(const char *dir)
{
	if (dir == NULL || access(dir, W_OK | X_OK) == 0)
		return 0;
	run_error_path(dir, strerror(errno));
	return EXIT_CANTCREAT;
}

int run_parse_embedded(struct deck *d)
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

bool run_ask_yes(const char *question)
{
	char line[16];
	fputs(question, stderr);
	fflush(stderr);
	ui_sync();
	if (!isatty(STDIN_FILENO) || fgets(line, sizeof line, stdin) == NULL)
		return false;
	line[strcspn(line, "\n")] = '\0';
	return strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 ||
	       strcmp(line, "yes") == 0;
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
	run_put_safe(stderr, a->save_error);
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
			run_put_safe(stderr, line);
			fputc('\n', stderr);
			return;
		}
		run_put_safe(stderr, err.msg);
		fputc('\n', stderr);
	}
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/handsup-rescue-%ld%s",
		 tmp && *tmp ? tmp : "/tmp", (long)getpid(), SESSION_EXT);
	if (session_save(a->sess, path, &err) == 0) {
		fputs("Session written to ", stderr);
		run_put_safe(stderr, path);
		fputc('\n', stderr);
		return;
	}
	size_t len;
	char *text = session_format(a->sess, &len);
	if (text) {
		fputs("Here is the session, so that no count is lost:\n",
		      stderr);
		fwrite(text, 1, len, stdout);
		free(text);
	}
}

/* Returns an exit status; *started says whether the screen ever opened. */
int run_session(struct app *a, const struct run_options *o, bool *started)
{
	struct ui_options uo = {o->mono, o->ascii};
	char err[200];
	a->export_dir = o->out_dir;
	*started = false;
	if (ui_start(&uo, err, sizeof err) != 0) {
		run_error(err);
		return EXIT_SOFTWARE;
	}
	*started = true;
	struct ui_handlers h = {a, on_key, on_draw};
	int sig = ui_run(&h);
	ui_stop();
	if (!app_save(a))
		rescue(a, sig == 0);
	else {
		fputs("Session saved to ", stdout);
		run_put_safe(stdout, a->path);
		fputs("\nResume it with: handsup resume ", stdout);
		put_shell_word(stdout, a->path);
		fputc('\n', stdout);
	}
	return sig ? 128 + sig : 0;
}

/*
 * Takes the session's lock, or says why not.  Returns the descriptor, or
 * -1 with *rc set: another handsup holds it (75), or the lock file
 * cannot be made at all (73).
 */
int run_lock(const char *path, int *rc)
{
	struct session_error err;
	int fd = session_lock(path, &err);
	if (fd == SESSION_LOCK_HELD) {
		run_error_path(path, err.msg);
		*rc = EXIT_INUSE;
	} else if (fd < 0) {
		run_error(err.msg);
		*rc = EXIT_CANTCREAT;
	}
	return fd < 0 ? -1 : fd;
}

/* ---- a new session ------------------------------------------------------- */

static bool looks_like_session(const char *path)
{
	char head[sizeof SESSION_MAGIC];
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	return strcmp(head, SESSION_MAGIC) == 0;
}

int run_new(const struct run_options *o)
{
	struct deck d;
	char abs[PATH_MAX];
	const char *deck_path = RUN_EMBEDDED_PATH;
	if (o->deck_path == NULL) {
		int rc = run_parse_embedded(&d);
		if (rc)
			return rc;
	} else {
		struct deck_error errs[DECK_MAX_ERRORS];
		int nerrs = 0;
		if (load_deck_all(o->deck_path, &d, errs, DECK_MAX_ERRORS,
				  &nerrs) != 0) {
			load_print_errors(stderr, o->deck_path, errs, nerrs);
			if (looks_like_session(o->deck_path))
				fputs("handsup: that is a session file; to go "
				      "on"
				      " with it: handsup resume FILE\n",
				      stderr);
			return EXIT_DATA;
		}
		deck_path = realpath(o->deck_path, abs) ? abs : o->deck_path;
	}
	/* The deck's own errors come first; then what running it needs. */
	int early = run_need_terminal();
	if (early == 0)
		early = run_check_out_dir(o->out_dir);
	if (early) {
		deck_free(&d);
		return early;
	}
	struct session_error err;
	char *dir = session_state_dir(o->state_dir, &err);
	if (dir == NULL) {
		run_error(err.msg);
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
		int fd = run_lock(path, &rc);
		/* On disk before the first frame, so even a crash can resume. */
		if (fd < 0) {
			/* rc says why */
		} else if (session_save(&s, path, &err) != 0) {
			run_error(err.msg);
			rc = EXIT_CANTCREAT;
		} else {
			bool started;
			rc = run_session(&a, o, &started);
			/* A session that never reached the screen holds
			 * nothing: leave no empty file in the resume list. */
			if (!started)
				unlink(path);
		}
		if (fd >= 0)
			session_unlock(fd, path);
	}
	free(path);
	session_free(&s);
	deck_free(&d);
	return rc;
}
