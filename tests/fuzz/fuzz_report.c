/*
 * Fuzz target for the input of handsup report: the bytes are cut at each
 * "\n~~~\n" into up to four session files.  Each one that parses is
 * written in every format, and all of them are added to one aggregate
 * (the last one set against the rest when there are three or more),
 * which is written in every format too.  Nothing may crash, and every
 * output must be written whole.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/session.h"
#include "core/session_parse.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SESSIONS 4
static const char cut[] = "\n~~~\n";

/* The next cut at or after text, or NULL. */
static const char *find_cut(const char *text, const char *end)
{
	size_t n = sizeof cut - 1;
	for (const char *p = text; p + n <= end; p++)
		if (memcmp(p, cut, n) == 0)
			return p;
	return NULL;
}

static FILE *sink(void)
{
	static FILE *f;
	if (f == NULL)
		f = fopen("/dev/null", "w");
	if (f == NULL)
		abort();
	return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session s[MAX_SESSIONS];
	const char *text = (const char *)data, *end = text + size;
	int n = 0;
	while (n < MAX_SESSIONS && text <= end) {
		const char *next = find_cut(text, end);
		size_t len =
			next ? (size_t)(next - text) + 1 : (size_t)(end - text);
		struct error err;
		if (session_parse(&s[n], text, len, &err) == 0)
			n++;
		else
			session_free(&s[n]);
		if (!next)
			break;
		text = next + sizeof cut - 1;
	}
	for (int i = 0; i < n; i++)
		for (int f = REPORT_TEXT; f <= REPORT_JSON; f++)
			if (report_write(sink(), &s[i], (enum report_format)f))
				abort();
	struct report_agg *a = report_agg_new();
	if (a == NULL)
		abort();
	int added = 0;
	for (int i = 0; i < n; i++) {
		struct error err;
		bool cmp = n >= 3 && i == n - 1;
		if (report_agg_add(a, &s[i], "fuzz", cmp, &err) ==
		    REPORT_AGG_OK)
			added++;
	}
	for (int f = REPORT_TEXT; added > 0 && f <= REPORT_JSON; f++) {
		struct error err;
		int rc = report_agg_write(sink(), a, (enum report_format)f,
					  &err);
		if (rc != REPORT_AGG_OK && rc != REPORT_AGG_EINVAL)
			abort();
	}
	report_agg_free(a);
	for (int i = 0; i < n; i++)
		session_free(&s[i]);
	return 0;
}
