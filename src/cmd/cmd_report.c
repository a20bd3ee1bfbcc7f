/*
 * handsup report: many sessions of one deck added up, and one set against
 * the rest with --compare.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "base/error.h"
#include "cmd/args.h"
#include "cmd/exit.h"
#include "cmd/msg.h"
#include "cmd/output.h"
#include "core/session.h"
#include "report/report.h"

static const char report_usage[] =
	"usage: handsup report [--format text|csv|md|json] [-o FILE] [--bom]\n"
	"                      [--compare SESSION] SESSION...\n";
static const char no_other_session[] =
	"--compare needs at least one other session to compare with";

/*
 * The files a report has read, by identity (device and inode), so that
 * one file named twice, under one path or several ("a", "./a", a link,
 * overlapping globs), counts once.  Open addressing: thousands of files
 * cost a few lookups each.
 */
struct file_id {
	dev_t dev;
	ino_t ino;
	bool used;
};

struct seen {
	struct file_id *ids;
	size_t n, cap; /* cap: 0 or a power of two, at least twice n */
};

static size_t id_hash(dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15u) ^ (uint64_t)ino;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	return (size_t)(h ^ (h >> 32));
}

static struct file_id *seen_slot(struct file_id *ids, size_t cap, dev_t dev,
				 ino_t ino)
{
	size_t i = id_hash(dev, ino) & (cap - 1);

	while (ids[i].used && !(ids[i].dev == dev && ids[i].ino == ino))
		i = (i + 1) & (cap - 1);
	return &ids[i];
}

/* 1 when the file was seen before, 0 when added now, -1 out of memory. */
static int seen_add(struct seen *s, const struct stat *st)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct file_id *ids = calloc(cap, sizeof *ids);

		if (!ids)
			return -1;
		for (size_t k = 0; k < s->cap; k++)
			if (s->ids[k].used)
				*seen_slot(ids, cap, s->ids[k].dev,
					   s->ids[k].ino) = s->ids[k];
		free(s->ids);
		s->ids = ids;
		s->cap = cap;
	}
	struct file_id *f = seen_slot(s->ids, s->cap, st->st_dev, st->st_ino);

	if (f->used)
		return 1;
	*f = (struct file_id){st->st_dev, st->st_ino, true};
	s->n++;
	return 0;
}

/* Writes the aggregate; the sessions are already in it. */
static int run_report(struct report_agg *agg, const struct args *a)
{
	struct error err;
	struct output o;
	int rc = output_open(&o, a->out), e = 0;

	if (rc)
		return rc;
	if (a->bom && output_bom(&o)) {
		rc = output_close(&o, errno ? errno : EIO);
		return rc;
	}
	rc = report_agg_write(o.f, agg, (enum report_format)a->fmt, &err);
	if (rc == REPORT_AGG_EIO)
		e = errno ? errno : EIO;
	else if (rc)
		e = -1;
	rc = output_close(&o, e);
	if (e < 0)
		fprintf(stderr, "handsup: %s\n", err.msg);
	return rc;
}

/*
 * Sessions match by deck title; one run on an edited deck still counts,
 * its items matched by heading, but the reader should know.
 */
static void other_version(const struct report_agg *agg, const struct session *s,
			  const char *file)
{
	if (report_agg_other_version(agg, s))
		msg_path(
			file,
			"run on another version of the deck (items are matched "
			"by heading)",
			NULL);
}

/* An aggregate that refused a session: say why; the exit status. */
static int refused(int rc, const struct error *err)
{
	fprintf(stderr, "handsup: %s\n", err->msg);
	return rc == REPORT_AGG_EDECK || rc == REPORT_AGG_EGROUPS
		       ? EXIT_DATA
		       : EXIT_SOFTWARE;
}

/*
 * Adds one file (a file named twice counts once); *n counts those added.
 * Returns 0 or an exit status, once the reason is printed.
 */
static int add_file(struct report_agg *agg, struct seen *seen, const char *file,
		    size_t *n)
{
	struct stat st;
	struct session s;
	struct error err;
	int dup = 0, rc;

	/* A file that cannot be read is msg_load_session's to report. */
	if (stat(file, &st) == 0 && (dup = seen_add(seen, &st))) {
		if (dup < 0) {
			msg_oom();
			return EXIT_SOFTWARE;
		}
		msg_path(file, "named twice, counted once", NULL);
		return 0;
	}
	if ((rc = msg_load_session(&s, file)))
		return rc;
	rc = report_agg_add(agg, &s, file, false, &err);
	if (!rc)
		other_version(agg, &s, file);
	session_free(&s);
	if (rc)
		return refused(rc, &err);
	(*n)++;
	return 0;
}

/* -o must not name any of the sessions read. */
static bool clobbers_any(const struct args *a, int argc, char **argv)
{
	bool clash = a->compare && output_clobbers(a->out, a->compare);

	for (int i = a->first; i < argc && !clash; i++)
		clash = output_clobbers(a->out, argv[i]);
	return clash;
}

/*
 * Sessions are added to the aggregate one at a time and freed at once, so
 * thousands of files need memory only for the sums.  Every file is read
 * before the output is created: a bad one leaves no output behind.
 */
static int aggregate(struct report_agg *agg, const struct args *a, int argc,
		     char **argv, struct session *cmp)
{
	struct seen seen = {NULL, 0, 0};
	struct error err;
	size_t n = 0;
	int rc = 0;

	/* "--compare X *.session": X is set against the others. */
	for (int i = a->first; i < argc && !rc; i++)
		if (!a->compare || !output_same_file(argv[i], a->compare))
			rc = add_file(agg, &seen, argv[i], &n);
	free(seen.ids);
	if (rc)
		return rc;
	if (n == 0)
		return msg_usage(report_usage, no_other_session, NULL);
	if (a->compare) {
		if ((rc = report_agg_add(agg, cmp, a->compare, true, &err)))
			return refused(rc, &err);
		other_version(agg, cmp, a->compare);
	}
	return run_report(agg, a);
}

int cmd_report(int argc, char **argv)
{
	struct args a;
	struct session cmp;
	int rc = args_parse(argc, argv, report_usage, true, &a);

	if (rc >= 0)
		return rc;
	if (argc - a.first < 1)
		return msg_usage(report_usage,
				 a.compare ? no_other_session
					   : "no session given",
				 NULL);
	if (clobbers_any(&a, argc, argv))
		return msg_usage(report_usage, "-o would overwrite a session",
				 a.out);
	if (a.compare && (rc = msg_load_session(&cmp, a.compare)))
		return rc;
	struct report_agg *agg = report_agg_new();
	if (agg == NULL) {
		msg_oom();
		rc = EXIT_SOFTWARE;
	} else {
		rc = aggregate(agg, &a, argc, argv, &cmp);
	}
	if (a.compare)
		session_free(&cmp);
	report_agg_free(agg);
	return rc;
}
