#include "report/report.h"

#include <inttypes.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/chart.h"
#include "core/deck.h"
#include "core/tally.h"
#include "base/text.h"

/* Widest label column before labels are cut, and the widest bar. */
#define LABEL_MAX  20
#define BAR_MAX	   40
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
 * Printable ASCII, most of any report, goes out as it is; everything else
 * goes through the project's one sanitiser (text_sanitize_into).  The
 * loader already sanitised the text, but a report is the last stop before
 * a mail client or a spreadsheet.
 */
#define SAFE_CHUNK 256

static bool plain_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

int report_put_safe(FILE *out, const char *s, size_t len)
{
	char buf[3 * SAFE_CHUNK + 1]; /* one U+FFFD per byte at most */
	size_t i = 0;

	while (i < len) {
		size_t run = i, end;

		while (run < len && plain_ascii((unsigned char)s[run]))
			run++;
		if (run > i && fwrite(s + i, 1, run - i, out) != run - i)
			return -1;
		i = run;
		if (i >= len)
			break;
		/*
		 * Up to the next printable ASCII byte, which always starts a
		 * code point; a longer stretch is cut in pieces before a lead
		 * byte, so that no sequence is split and misread as invalid.
		 */
		end = i;
		while (end < len && end - i < SAFE_CHUNK &&
		       !plain_ascii((unsigned char)s[end]))
			end++;
		for (int back = 0; end < len && back < 3 &&
				   ((unsigned char)s[end] & 0xc0) == 0x80;
		     back++)
			end--;
		size_t n = text_sanitize_into(s + i, end - i, buf, sizeof buf);

		if (fwrite(buf, 1, n, out) != n)
			return -1;
		i = end;
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
		unsigned char c;
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

/* The one slug rule of the project (text_slug), at most 48 bytes. */
void report_slug(const char *name, char *buf, size_t cap)
{
	text_slug(name, buf, cap < 49 ? cap : 49);
}

void report_cols_init(struct report_cols *c)
{
	c->label = 5; /* "Total" */
	c->count = 1;
	c->bar = BAR_MAX;
}

void report_cols_fit(struct report_cols *c, const char *label, int64_t count)
{
	int w = label ? text_width(label) : 0;
	int digits = 1;

	if (w > c->label)
		c->label = w < LABEL_MAX ? w : LABEL_MAX;
	for (int64_t v = count; v >= 10; v /= 10)
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

/*
 * tally and chart take long counts, and a long may be 32 bits: sums over
 * many sessions are shifted right together until each fits, which keeps
 * their shares (tally shifts its own sums the same way).
 */
static void narrow(const int64_t *in, int n, long *out)
{
	unsigned shift = 0;

#if LONG_MAX < INT64_MAX
	for (int v = 0; v < n; v++)
		while (in[v] > 0 && (in[v] >> shift) > LONG_MAX)
			shift++;
#endif
	for (int v = 0; v < n; v++)
		out[v] = in[v] > 0 ? (long)(in[v] >> shift) : 0;
}

void report_percent(const int64_t *counts, int n, int *pct)
{
	long c[TALLY_MAX_VIEWS] = {0};

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	narrow(counts, n, c);
	tally_percent(c, n, pct);
}

/* tally_leaning_of's rule, exact: narrowing could make a tie. */
int report_leaning_of(const int64_t *counts, int n)
{
	int best = -1;
	bool tie = false;

	for (int v = 0; v < n; v++) {
		if (counts[v] <= 0)
			continue;
		if (best < 0 || counts[v] > counts[best]) {
			best = v;
			tie = false;
		} else if (counts[v] == counts[best]) {
			tie = true;
		}
	}
	return tie ? -1 : best;
}

static int64_t sum_of(const int64_t *c, int n)
{
	int64_t t = 0;

	for (int v = 0; v < n; v++)
		t += c[v];
	return t;
}

static const char *view_label(char *const *labels, int v)
{
	return labels ? labels[v] : deck_view_label(v);
}

int report_text_views(FILE *out, const struct report_cols *c,
		      char *const *labels, const int64_t *counts, int n)
{
	struct chart_bar bars[TALLY_MAX_VIEWS];
	int pct[TALLY_MAX_VIEWS];
	long small[TALLY_MAX_VIEWS] = {0};
	char bar[BAR_MAX + 2];

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	narrow(counts, n, small);
	tally_percent(small, n, pct);
	chart_layout(small, n, c->bar, bars);
	bool counted = sum_of(counts, n) > 0;

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
		    report_text_fit(out, view_label(labels, v), c->label,
				    true) ||
		    fprintf(out, "  %*" PRId64 "  ", c->count, counts[v]) < 0 ||
		    report_put_figure(out, REPORT_TEXT, counted, pct[v]) ||
		    fprintf(out, "%s%s\n", len ? "  " : "", bar) < 0)
			return -1;
	}
	return 0;
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

/* A count, or null where that side does not have the item. */
static int json_count(FILE *out, const char *key, const int64_t *counts, int v)
{
	if (fprintf(out, ", \"%s\": ", key) < 0)
		return -1;
	return (counts ? fprintf(out, "%" PRId64, counts[v])
		       : fputs("null", out)) < 0
		       ? -1
		       : 0;
}

int report_json_views(FILE *out, const char *indent, char *const *labels,
		      const int64_t *counts, int n, bool compared,
		      const int64_t *cmp, const int64_t *rest)
{
	int pct[TALLY_MAX_VIEWS], cpct[TALLY_MAX_VIEWS] = {0},
				  rpct[TALLY_MAX_VIEWS] = {0};
	bool counted, ccounted = false, rcounted = false;

	if (n > TALLY_MAX_VIEWS)
		n = TALLY_MAX_VIEWS;
	report_percent(counts, n, pct);
	counted = sum_of(counts, n) > 0;
	if (cmp) {
		report_percent(cmp, n, cpct);
		ccounted = sum_of(cmp, n) > 0;
	}
	if (rest) {
		report_percent(rest, n, rpct);
		rcounted = sum_of(rest, n) > 0;
	}
	if (fputc('[', out) == EOF)
		return -1;
	for (int v = 0; v < n; v++) {
		if (fprintf(out, "%s\n%s{\"number\": %d, \"label\": ",
			    v ? "," : "", indent, v + 1) < 0 ||
		    report_put_json(out, view_label(labels, v)) ||
		    fprintf(out, ", \"count\": %" PRId64 ", \"percent\": ",
			    counts[v]) < 0 ||
		    report_put_figure(out, REPORT_JSON, counted, pct[v]) ||
		    (compared &&
		     (json_count(out, "compare_count", cmp, v) ||
		      fputs(", \"compare_percent\": ", out) == EOF ||
		      report_put_figure(out, REPORT_JSON, ccounted, cpct[v]) ||
		      json_count(out, "rest_count", rest, v) ||
		      fputs(", \"rest_percent\": ", out) == EOF ||
		      report_put_figure(out, REPORT_JSON, rcounted,
					rpct[v]))) ||
		    fputc('}', out) == EOF)
			return -1;
	}
	return fputc(']', out) == EOF ? -1 : 0;
}

int report_text_wrap(FILE *out, const char *prefix, const char *s)
{
	struct text_line local[64], *lines = local;
	int indent = text_width(prefix);
	int width = REPORT_WIDTH - indent;
	size_t n, shown, cap = sizeof local / sizeof local[0];
	bool cut = false;
	int rc = 0;

	if (width < 20)
		width = 20;
	n = text_wrap(s, width, lines, cap);
	if (n > cap) {
		/* Text of any length is shown whole, so a heap array for it. */
		struct text_line *big = malloc(n * sizeof *big);

		if (big) {
			lines = big;
			text_wrap(s, width, lines, n);
		}
	}
	shown = lines != local || n <= cap ? n : cap;
	/* Out of memory only: the last line shown says that more was cut. */
	cut = shown < n;
	/* No trailing blanks: an empty line gets no indent either. */
	size_t plen = strlen(prefix), ptrim = plen;

	while (ptrim > 0 && prefix[ptrim - 1] == ' ')
		ptrim--;
	for (size_t i = 0; i < shown && !rc; i++) {
		const char *line = s + lines[i].off;
		size_t len = lines[i].len;
		bool empty = len == 0, last_cut = cut && i + 1 == shown;

		if (last_cut) {
			size_t fit = text_fit(line, width - 1, NULL);

			len = fit < len ? fit : len;
		}
		if (i == 0 &&
		    report_put_safe(out, prefix, empty ? ptrim : plen))
			rc = -1;
		else if (i > 0 && !empty && fprintf(out, "%*s", indent, "") < 0)
			rc = -1;
		else if (report_put_safe(out, line, len) ||
			 (last_cut && fputs(ellipsis, out) == EOF) ||
			 fputc('\n', out) == EOF)
			rc = -1;
	}
	if (lines != local)
		free(lines);
	if (rc)
		return -1;
	if (n == 0 &&
	    (report_put_safe(out, prefix, ptrim) || fputc('\n', out) == EOF))
		return -1;
	return 0;
}

const char *report_leaning(char *buf, size_t cap, const int64_t *counts, int n)
{
	int64_t total = 0;
	int lean = report_leaning_of(counts, n);

	for (int v = 0; v < n; v++)
		total += counts[v];
	if (total == 0)
		snprintf(buf, cap, "%s", "not counted");
	else if (lean < 0)
		snprintf(buf, cap, "%s", "tied");
	else
		snprintf(buf, cap, "leans to %s", deck_view_label(lean));
	return buf;
}
