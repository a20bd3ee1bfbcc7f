/*
 * The report module's entry points: which format, and the dispatch to
 * the file that writes it (report_text.c, report_csv.c, report_md.c,
 * report_json.c).
 */
#include "report/report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "core/session.h"
#include "report/report_int.h"

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

int report_write(FILE *out, const struct session *s, enum report_format fmt)
{
	struct report_locale loc;
	struct tally counted = {0};
	struct session view;
	int rc, e;

	/* With phones, every figure is of the hands and the ballots. */
	if (s->ballots) {
		if (report_counted_view(s, &counted, &view)) {
			tally_free(&counted);
			errno = ENOMEM;
			return -1;
		}
		s = &view;
	}
	report_locale_enter(&loc);
	errno = 0;
	switch (fmt) {
	case REPORT_CSV:
		rc = report_csv_session(out, s);
		break;
	case REPORT_MD:
		rc = report_md_session(out, s);
		break;
	case REPORT_JSON:
		rc = report_json_session(out, s);
		break;
	case REPORT_TEXT:
	default:
		rc = report_text_session(out, s);
		break;
	}
	e = errno; /* of the failed write, for the caller */
	report_locale_leave(&loc);
	tally_free(&counted);
	if (rc == 0 && fflush(out) == EOF) {
		rc = -1;
		e = errno;
	}
	if (rc || ferror(out)) {
		errno = e ? e : EIO;
		return -1;
	}
	return 0;
}

static int emit_agg(FILE *out, const struct report_agg *a,
		    enum report_format fmt)
{
	switch (fmt) {
	case REPORT_CSV:
		return report_csv_agg(out, a);
	case REPORT_MD:
		return report_md_agg(out, a);
	case REPORT_JSON:
		return report_json_agg(out, a);
	case REPORT_TEXT:
		break;
	}
	return report_text_agg(out, a);
}

int report_agg_write(FILE *out, const struct report_agg *a,
		     enum report_format fmt, struct error *err)
{
	if (a->nsess == 0 || (a->cmp_at >= 0 && a->nsess < 2)) {
		if (err)
			error_set(err, 0, "no sessions");
		return REPORT_AGG_EINVAL;
	}
	if (!report_agg_writes(a, fmt)) {
		if (err)
			error_set(err, 0, "the sessions were not kept for JSON");
		return REPORT_AGG_EINVAL;
	}
	struct report_locale loc;

	report_locale_enter(&loc);
	errno = 0;
	int rc = emit_agg(out, a, fmt);
	int e = errno; /* of the failed write, for the caller */

	report_locale_leave(&loc);
	if (!rc && fflush(out) == EOF) {
		rc = -1;
		e = errno;
	}
	if (rc || ferror(out)) {
		if (err)
			error_set(err, 0, "write error: %s",
				  strerror(e ? e : EIO));
		errno = e ? e : EIO;
		return REPORT_AGG_EIO;
	}
	return REPORT_AGG_OK;
}

int report_aggregate(FILE *out, const struct session *const *sessions,
		     const char *const *names, size_t n,
		     const struct session *compare, const char *compare_name,
		     enum report_format fmt, struct error *err)
{
	struct report_agg *a = report_agg_new_for(fmt);
	int rc = REPORT_AGG_OK;

	if (err)
		err->msg[0] = '\0';
	if (!a) {
		if (err)
			error_set(err, 0, "out of memory");
		return REPORT_AGG_ENOMEM;
	}
	/* Refuse another deck before any output, whatever its position. */
	for (size_t i = 0; i < n && !rc; i++)
		rc = report_agg_add(a, sessions[i], names ? names[i] : NULL,
				    false, err);
	if (!rc && compare)
		rc = report_agg_add(a, compare, compare_name, true, err);
	if (!rc)
		rc = report_agg_write(out, a, fmt, err);
	report_agg_free(a);
	return rc;
}
