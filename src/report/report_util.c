/*
 * What every format needs: strings escaped for CSV, JSON and Markdown,
 * figures that may not exist, times, the UTF-8 locale for widths, and
 * percentages of sums of any size.
 */
#include "report/report_int.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/safe.h"
#include "base/text.h"
#include "base/text_wrap.h"
#include "core/deck.h"
#include "core/session.h"

int report_put_csv(FILE *out, const char *s)
{
	if (!s)
		s = "";
	/* A cell a spreadsheet would run as a formula (OWASP's list) is
	 * kept text: quoted, behind an apostrophe. */
	bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (!formula && !strpbrk(s, ",\"\r\n"))
		return safe_put(out, s, strlen(s));
	if (fputc('"', out) == EOF || (formula && fputc('\'', out) == EOF))
		return -1;
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		if (safe_put(out, s, (size_t)(q - s + 1)) ||
		    fputc('"', out) == EOF)
			return -1;
	}
	if (safe_put(out, s, strlen(s)) || fputc('"', out) == EOF)
		return -1;
	return 0;
}

int report_put_json(FILE *out, const char *s)
{
	if (!s)
		return fputs("null", out) == EOF ? -1 : 0;
	if (fputc('"', out) == EOF)
		return -1;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned char c;
		size_t run = i;

		while (run < len && (unsigned char)s[run] >= 0x20 &&
		       s[run] != '"' && s[run] != '\\')
			run++;
		if (run > i && safe_put(out, s + i, run - i))
			return -1;
		i = run;
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			if (fputc('\\', out) == EOF || fputc(c, out) == EOF)
				return -1;
		} else if (fprintf(out, "\\u%04x", c) < 0) {
			return -1;
		}
		i++;
	}
	return fputc('"', out) == EOF ? -1 : 0;
}

/*
 * Backslash-escapes the ASCII punctuation that means something inline in
 * GitHub's and GitLab's Markdown ("$" is math there, "~" strikes
 * through); "|" would end a table cell.
 */
int report_put_md(FILE *out, const char *s)
{
	static const char special[] = "\\`*_[]<>|~#$&!";

	while (*s) {
		size_t run = strcspn(s, special);

		if (run && safe_put(out, s, run))
			return -1;
		s += run;
		if (!*s)
			break;
		if (fputc('\\', out) == EOF || fputc(*s, out) == EOF)
			return -1;
		s++;
	}
	return 0;
}

void report_locale_enter(struct report_locale *l)
{
	static const char *const names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
	locale_t utf8 = (locale_t)0;

	l->saved = l->utf8 = NULL;
	if (text_utf8_codeset(nl_langinfo(CODESET)))
		return;
	for (size_t i = 0; !utf8 && i < sizeof names / sizeof names[0]; i++)
		utf8 = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
	if (!utf8)
		return;
	l->utf8 = utf8;
	l->saved = uselocale(utf8);
}

void report_locale_leave(struct report_locale *l)
{
	if (!l->utf8)
		return;
	uselocale((locale_t)l->saved);
	freelocale((locale_t)l->utf8);
	l->saved = l->utf8 = NULL;
}

void report_time(char *buf, size_t cap, time_t t, bool iso)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, cap,
		      iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M UTC", &tm)) {
		snprintf(buf, cap, "%s", "unknown");
	}
}

/* The one slug rule of the project (text_slug), at most 48 bytes. */
void report_slug(const char *name, char *buf, size_t cap)
{
	text_slug(name, buf, cap < 49 ? cap : 49);
}

int report_put_figure(FILE *out, enum report_format fmt, bool known, int value)
{
	switch (fmt) {
	case REPORT_CSV:
		return known && fprintf(out, "%d", value) < 0 ? -1 : 0;
	case REPORT_JSON:
		return (known ? fprintf(out, "%d", value)
			      : fprintf(out, "null")) < 0
			       ? -1
			       : 0;
	case REPORT_MD:
		return (known ? fprintf(out, "%d%%", value)
			      : fprintf(out, "-")) < 0
			       ? -1
			       : 0;
	case REPORT_TEXT:
		break;
	}
	return (known ? fprintf(out, "%3d%%", value) : fprintf(out, "   -")) < 0
		       ? -1
		       : 0;
}

int64_t report_sum(const int64_t *c, int n)
{
	int64_t t = 0;

	for (int v = 0; v < n; v++)
		t += c[v];
	return t;
}

const char *report_view_label(char *const *labels, int v)
{
	return labels ? labels[v] : deck_view_label(v);
}

const char *report_leaning(char *buf, size_t cap, const int64_t *counts, int n)
{
	int lean = tally_leaning_of(counts, n);

	if (report_sum(counts, n) == 0)
		snprintf(buf, cap, "%s", "not counted");
	else if (lean < 0)
		snprintf(buf, cap, "%s", "tied");
	else
		snprintf(buf, cap, "leans to %s", deck_view_label(lean));
	return buf;
}

/* The counts of one item, copied out of the tally. */
int report_item_counts(const struct session *s, int i, int64_t *counts)
{
	int n = s->items[i].nviews;

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	for (int v = 0; v < n; v++)
		counts[v] = tally_get(&s->tally, i, v);
	return n;
}

/* Totals of each view over all items; returns the number of views. */
int report_view_totals(const struct session *s, int64_t *totals)
{
	int n = session_max_views(s);

	for (int v = 0; v < n; v++)
		totals[v] = tally_view_total(&s->tally, v);
	return n;
}

int report_counted_items(const struct session *s)
{
	int k = 0;

	for (int i = 0; i < s->nitems; i++)
		k += tally_item_counted(&s->tally, i);
	return k;
}
