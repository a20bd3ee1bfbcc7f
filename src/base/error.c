#include "base/error.h"

#include <stdarg.h>
#include <string.h>

#include "base/safe.h"
#include "base/text.h"

void error_set(struct error *e, int line, const char *fmt, ...)
{
	va_list ap;
	e->file = NULL;
	e->line = line;
	va_start(ap, fmt);
	if (vsnprintf(e->msg, sizeof e->msg, fmt, ap) < 0)
		e->msg[0] = '\0';
	va_end(ap);
}

void error_reason(char *buf, size_t cap, int errnum)
{
	const char *why = strerror(errnum);
	if (cap == 0)
		return;
	text_sanitize_into(why, strlen(why), buf, cap);
	/* Only an ASCII capital is lowered: tolower depends on the locale. */
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
}

void error_errno(struct error *e, const char *what, const char *path,
		 int errnum)
{
	/* strerror's own capital: "cannot save PATH: No space left..." */
	const char *reason = strerror(errnum);
	char why[80], shown[sizeof e->msg];
	text_sanitize_into(reason, strlen(reason), why, sizeof why);
	size_t used = strlen(what) + strlen(why) + 4;
	size_t room = used < sizeof shown ? sizeof shown - used : 1;
	text_sanitize_into(path, strlen(path), shown, room);
	e->file = NULL;
	e->line = 0;
	/* room keeps this within msg; only an encoding error can fail. */
	if (snprintf(e->msg, sizeof e->msg, "%s %s: %s", what, shown, why) < 0)
		snprintf(e->msg, sizeof e->msg, "%s", what);
}

void error_print(FILE *out, const struct error *e)
{
	if (e->file != NULL) {
		safe_puts(out, e->file);
		if (e->line > 0)
			fprintf(out, ":%d", e->line);
		fputs(": ", out);
	}
	safe_puts(out, e->msg);
	fputc('\n', out);
}
