#include "cmd/msg.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/safe.h"
#include "cmd/exit.h"
#include "store/session_file.h"
#include "tui/term.h"

void msg_error(const char *msg)
{
	fputs("handsup: ", stderr);
	safe_puts(stderr, msg);
	fputc('\n', stderr);
}

void msg_path(const char *file, const char *what, const char *detail)
{
	fputs("handsup: ", stderr);
	safe_puts(stderr, file);
	fprintf(stderr, ": %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
}

int msg_usage(const char *usage, const char *what, const char *arg)
{
	fprintf(stderr, "handsup: %s", what);
	if (arg) {
		fputs(" '", stderr);
		safe_puts(stderr, arg);
		fputc('\'', stderr);
	}
	fputc('\n', stderr);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

void msg_file_error(const char *path, const struct error *e)
{
	struct error shown = *e;
	if (shown.file == NULL)
		shown.file = path;
	if (shown.line <= 0)
		fputs("handsup: ", stderr);
	error_print(stderr, &shown);
}

void msg_not_installed(const char *arg, const char *dir)
{
	if (*arg == '\0' || strchr(arg, '/'))
		return;
	fputs("handsup: nor is '", stderr);
	safe_puts(stderr, arg);
	fputs("' an installed deck in ", stderr);
	safe_puts(stderr, dir);
	fputc('\n', stderr);
}

void msg_oom(void)
{
	fputs("handsup: out of memory\n", stderr);
}

bool msg_ask_yes(const char *question)
{
	char line[16];
	fputs(question, stderr);
	fflush(stderr);
	term_sync();
	if (!isatty(STDIN_FILENO) || fgets(line, sizeof line, stdin) == NULL)
		return false;
	line[strcspn(line, "\n")] = '\0';
	return strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 ||
	       strcmp(line, "yes") == 0;
}

int msg_input_status(const char *path, const struct error *e)
{
	struct stat st;

	/* An error on a line is about what the file holds. */
	if (e->line <= 0 && stat(path, &st) != 0 && errno == ENOENT)
		return EXIT_NOINPUT;
	return EXIT_DATA;
}

int msg_load_session(struct session *s, const char *path)
{
	struct error err;

	if (session_load(s, path, &err) == 0)
		return 0;
	msg_file_error(path, &err);
	return msg_input_status(path, &err);
}
