#include "report.h"

#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "tally.h"
#include "text.h"

/* Widest label column before labels are cut, and the widest bar. */
#define LABEL_MAX  20
#define BAR_MAX    40
#define ROW_INDENT "    "

static const char ellipsis[] = "\xe2\x80\xa6";

int report_format_parse(const char *name)
{
	if (!name)
		return -1;
	if (!strcmp(name, "text") || !strcmp(name, "txt"))
		return REPORT_TEXT;
	if (!strcmp(name, "csv"))
		return REPORT_CSV;
	if (!strcmp(name, "md") || !strcmp(name, "markdown"))
		return REPORT_MD;
	if (!strcmp(name, "json"))
		return REPORT_JSON;
	return -1;
}

const char *report_format_ext(enum report_format fmt)
{
	switch (fmt) {
	case REPORT_CSV:
		return "csv";
	case REPORT_MD:
		return "md";
	case REPORT_JSON:
		return "json";
	case REPORT_TEXT:
		break;
	}
	return "txt";
}

/*
 * Walks s one code point at a time so that an invalid byte or an unsafe
 * code point can be replaced; the loader already did this, but a report
 * is the last stop before a mail client or a spreadsheet.
 */
int report_put_safe(FILE *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t run = i;

		/* Plain ASCII goes out in runs: most text is ASCII. */
		while (run < len && (unsigned char)s[run] >= 0x20 &&
		       (unsigned char)s[run] < 0x7f)
			run++;
		if (run > i && fwrite(s + i, 1, run - i, out) != run - i)
			return -1;
		i = run;
		if (i >= len)
			break;
		unsigned cp;
		bool ok;
		size_t n = text_decode(s + i, len - i, &cp, &ok);
		char enc[4];
		size_t elen;

		if (!ok || text_is_unsafe(cp))
			cp = TEXT_REPLACEMENT;
		elen = text_encode(cp, enc);
		if (fwrite(enc, 1, elen, out) != elen)
			return -1;
		i += n;
	}
	return ferror(out) ? -1 : 0;
}

int report_put_csv(FILE *out, const char *s)
{
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n"))
		return report_put_safe(out, s, strlen(s));
	if (fputc('"', out) == EOF)
		return -1;
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		if (report_put_safe(out, s, (size_t)(q - s + 1)) ||
		    fputc('"', out) == EOF)
			return -1;
	}
	if (report_put_safe(out, s, strlen(s)) || fputc('"', out) == EOF)
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
		unsigned char c = (unsigned char)s[i];
		size_t run = i;

		while (run < len && (unsigned char)s[run] >= 0x20 &&
		       s[run] != '"' && s[run] != '\\')
			run++;
		if (run > i && report_put_safe(out, s + i, run - i))
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

		if (run && report_put_safe(out, s, run))
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
	const char *cs = nl_langinfo(CODESET);
	locale_t utf8 = (locale_t)0;

	l->saved = l->utf8 = NULL;
	if (cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")))
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

void report_slug(const char *name, char *buf, size_t cap)
{
	size_t n = 0;
	bool dash = false;

	if (cap == 0)
		return;
	for (const char *p = name ? name : ""; *p && n + 1 < cap && n < 48;
	     p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		} else if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		} else {
			dash = n > 0;
			continue;
		}
		if (dash && n + 2 < cap && n + 1 < 48)
			buf[n++] = '-';
		dash = false;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, cap, "%s", "session");
}

void report_cols_init(struct report_cols *c)
{
	c->label = 5; /* "Total" */
	c->count = 1;
	c->bar = BAR_MAX;
}

void report_cols_fit(struct report_cols *c, const char *label, long count)
{
	int w = label ? text_width(label) : 0;
	int digits = 1;

	if (w > c->label)
		c->label = w < LABEL_MAX ? w : LABEL_MAX;
	for (long v = count; v >= 10; v /= 10)
		digits++;
	if (digits > c->count)
		c->count = digits;
}

void report_cols_done(struct report_cols *c)
{
	int used =
	    (int)strlen(ROW_INDENT) + c->label + 2 + c->count + 2 + 4 + 2;

	c->bar = REPORT_WIDTH - used;
	if (c->bar > BAR_MAX)
		c->bar = BAR_MAX;
	if (c->bar < 10)
		c->bar = 10;
}

int report_text_fit(FILE *out, const char *s, int width, bool pad)
{
	int used;
	size_t fit = text_fit(s, width, &used);

	if (s[fit]) {
		/* Cut one column earlier to make room for the ellipsis. */
		fit = text_fit(s, width - 1, &used);
		if (report_put_safe(out, s, fit) || fputs(ellipsis, out) == EOF)
			return -1;
		used++;
	} else if (report_put_safe(out, s, fit)) {
		return -1;
	}
	if (pad && used < width && fprintf(out, "%*s", width - used, "") < 0)
		return -1;
	return 0;
}

int report_text_views(FILE *out, const struct report_cols *c,
                      const char *const *labels, const long *counts, int n)
{
	struct chart_bar bars[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	char bar[BAR_MAX + 2];

	tally_percent(counts, n, pct);
	chart_layout(counts, n, c->bar, bars);
	for (int v = 0; v < n; v++) {
		/* Whole cells, rounded to the nearest; a raised hand shows. */
		int cells = bars[v].full + (bars[v].eighths >= 4);
		int len;

		if (cells == 0 && counts[v] > 0)
			cells = 1;
		len = chart_plain(bar, sizeof bar, cells, c->bar, '#');
		while (len > 0 && bar[len - 1] == ' ')
			bar[--len] = '\0';
		if (fputs(ROW_INDENT, out) == EOF ||
		    report_text_fit(out, labels[v], c->label, true) ||
		    fprintf(out, "  %*ld  %3d%%%s%s\n", c->count, counts[v],
		            pct[v], len ? "  " : "", bar) < 0)
			return -1;
	}
	return 0;
}

int report_text_wrap(FILE *out, const char *prefix, const char *s)
{
	struct text_line lines[64];
	int indent = text_width(prefix);
	int width = REPORT_WIDTH - indent;
	size_t n, shown;

	if (width < 20)
		width = 20;
	n = text_wrap(s, width, lines, sizeof lines / sizeof lines[0]);
	shown = n < sizeof lines / sizeof lines[0] ? n : 64;
	/* No trailing blanks: an empty line gets no indent either. */
	size_t plen = strlen(prefix), ptrim = plen;

	while (ptrim > 0 && prefix[ptrim - 1] == ' ')
		ptrim--;
	for (size_t i = 0; i < shown; i++) {
		bool empty = lines[i].len == 0;

		if (i == 0 &&
		    report_put_safe(out, prefix, empty ? ptrim : plen))
			return -1;
		if (i > 0 && !empty && fprintf(out, "%*s", indent, "") < 0)
			return -1;
		if (report_put_safe(out, s + lines[i].off, lines[i].len) ||
		    fputc('\n', out) == EOF)
			return -1;
	}
	if (n == 0 && report_put_safe(out, prefix, ptrim))
		return -1;
	if (n == 0 && fputc('\n', out) == EOF)
		return -1;
	return 0;
}

const char *report_leaning(char *buf, size_t cap, const long *counts, int n)
{
	long total = 0;
	int lean = tally_leaning_of(counts, n);

	for (int v = 0; v < n; v++)
		total += counts[v];
	if (total == 0)
		snprintf(buf, cap, "%s", "not counted");
	else if (lean < 0)
		snprintf(buf, cap, "%s", "tied");
	else
		snprintf(buf, cap, "leans to View %d", lean + 1);
	return buf;
}
