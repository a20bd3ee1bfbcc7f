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
#include <string.h>

#include "base/error.h"
#include "cmd/args.h"
#include "cmd/exit.h"
#include "cmd/msg.h"
#include "cmd/output.h"
#include "base/file.h"
#include "core/session.h"
#include "report/report.h"
#include "store/session_file.h"

static const char report_usage[] =
	"usage: handsup report [--format text|csv|md|json] [-o FILE] [--bom]\n"
	"                      [--compare SESSION] SESSION...\n";
static const char no_other_session[] =
	"--compare needs at least one other session to compare with";

/*
 * The files a report has read, by identity (device and inode), so that
 * one file named twice, under one path or several ("a", "./a", a link,
 * overlapping globs), counts once.  This is all that a report keeps per
 * file: an inode number in an open-addressed set per device (there is
 * usually one), 11 to 21 bytes a file at most three quarters full.
 * Inode 0 marks an empty slot, so a file of inode 0 is a flag of its own.
 */
struct ino_set {
	uint64_t dev;
	uint64_t *ino;
	size_t n, cap; /* cap: 0 or a power of two */
	bool zero;
};

struct seen {
	struct ino_set *devs;
	size_t ndevs;
};

static uint64_t *ino_slot(uint64_t *ino, size_t cap, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h ^ (h >> 32)) & (cap - 1);

	while (ino[i] && ino[i] != key)
		i = (i + 1) & (cap - 1);
	return &ino[i];
}

/* 1 when the inode was in the set, 0 when added now, -1 out of memory. */
static int ino_add(struct ino_set *d, uint64_t key)
{
	if (key == 0) {
		bool was = d->zero;
		d->zero = true;
		return was;
	}
	if (4 * (d->n + 1) > 3 * d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 64;
		uint64_t *ino = calloc(cap, sizeof *ino);

		if (!ino)
			return -1;
		for (size_t k = 0; k < d->cap; k++)
			if (d->ino[k])
				*ino_slot(ino, cap, d->ino[k]) = d->ino[k];
		free(d->ino);
		d->ino = ino;
		d->cap = cap;
	}
	uint64_t *slot = ino_slot(d->ino, d->cap, key);
	if (*slot)
		return 1;
	*slot = key;
	d->n++;
	return 0;
}

/* 1 when the file was seen before, 0 when added now, -1 out of memory. */
static int seen_add(struct seen *s, const struct file_id *id)
{
	size_t k = 0;

	while (k < s->ndevs && s->devs[k].dev != id->dev)
		k++;
	if (k == s->ndevs) {
		struct ino_set *d = realloc(s->devs, (k + 1) * sizeof *d);

		if (!d)
			return -1;
		s->devs = d;
		s->devs[s->ndevs++] =
			(struct ino_set){id->dev, NULL, 0, 0, false};
	}
	return ino_add(&s->devs[k], id->ino);
}

static void seen_free(struct seen *s)
{
	for (size_t k = 0; k < s->ndevs; k++)
		free(s->devs[k].ino);
	free(s->devs);
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
static int add_file(struct report_agg *agg, struct session_loader *l,
		    struct seen *seen, const char *file, size_t *n)
{
	const struct session *s;
	struct file_id id;
	struct error err;
	int dup, rc;

	if (session_loader_read(l, file, &id, &err)) {
		msg_file_error(file, &err);
		return msg_input_status(file, &err);
	}
	if ((dup = seen_add(seen, &id))) {
		if (dup < 0) {
			msg_oom();
			return EXIT_SOFTWARE;
		}
		msg_path(file, "named twice, counted once", NULL);
		return 0;
	}
	if (session_loader_parse(l, &s, &err)) {
		msg_file_error(file, &err);
		return msg_input_status(file, &err);
	}
	rc = report_agg_add(agg, s, file, false, &err);
	if (rc)
		return refused(rc, &err);
	other_version(agg, s, file);
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

/* The compared session into the aggregate; 0 or an exit status. */
static int add_compare(struct report_agg *agg, const struct args *a,
		       struct session *cmp)
{
	struct error err;
	int rc = report_agg_add(agg, cmp, a->compare, true, &err);

	if (rc)
		return refused(rc, &err);
	other_version(agg, cmp, a->compare);
	return 0;
}

/*
 * Sessions are added to the aggregate one at a time, each held only
 * until the next, so thousands of files need memory only for the sums.
 * Every file is read before the output is created: a bad one leaves no
 * output behind.  They are added in the order the command line first
 * names them, the compared one where the operands name it ("--compare
 * X *.session"), else where --compare is (place operands come before
 * it), so that the groups, and the pair that an item's divide names on
 * a tie, are those of the same report without --compare.
 */
static int aggregate(struct report_agg *agg, const struct args *a, int argc,
		     char **argv, struct session *cmp, int place)
{
	struct seen seen = {NULL, 0};
	struct session_loader *l = session_loader_new();
	bool cmp_in = !a->compare, met = false;
	size_t n = 0;
	int rc = 0;

	if (!l) {
		msg_oom();
		return EXIT_SOFTWARE;
	}
	for (int i = a->first; a->compare && i < argc; i++)
		if (output_same_file(argv[i], a->compare)) {
			place = i - a->first;
			break;
		}
	for (int i = a->first; i < argc && !rc; i++) {
		bool is_cmp =
			a->compare && output_same_file(argv[i], a->compare);

		if (!cmp_in && i - a->first == place) {
			cmp_in = true;
			if ((rc = add_compare(agg, a, cmp)))
				break;
		}
		if (!is_cmp)
			rc = add_file(agg, l, &seen, argv[i], &n);
		else if (met)
			msg_path(argv[i], "named twice, counted once", NULL);
		met |= is_cmp;
	}
	seen_free(&seen);
	session_loader_free(l);
	if (!rc && !cmp_in)
		rc = add_compare(agg, a, cmp);
	if (rc)
		return rc;
	if (n == 0)
		return msg_usage(report_usage, no_other_session, NULL);
	return run_report(agg, a);
}

/*
 * How many operands the command line names before the last --compare's
 * value, the word of which holds a->compare ("-c X", "--compare=X",
 * "-cX"); orig is argv as it was before getopt put the operands last,
 * which keeps their order.
 */
static int compare_place(char **orig, int argc, char **argv,
			 const struct args *a)
{
	int k = argc, m = a->first;

	for (int i = 1; i < argc && k == argc; i++)
		for (size_t j = 0, len = strlen(orig[i]); j <= len; j++)
			if (orig[i] + j == a->compare)
				k = i;
	for (int i = 1; i < k && m < argc; i++)
		if (orig[i] == argv[m])
			m++;
	return m - a->first;
}

/* cmd_report with argv as it was before getopt in orig. */
static int report_main(int argc, char **argv, char **orig, struct args *a,
		       struct session *cmp)
{
	int rc = args_parse(argc, argv, report_usage, true, a);

	if (rc >= 0)
		return rc;
	if (argc - a->first < 1)
		return msg_usage(report_usage,
				 a->compare ? no_other_session
					    : "no session given",
				 NULL);
	if (clobbers_any(a, argc, argv))
		return msg_usage(report_usage, "-o would overwrite a session",
				 a->out);
	if (a->compare && (rc = msg_load_session(cmp, a->compare)))
		return rc;
	struct report_agg *agg = report_agg_new_for((enum report_format)a->fmt);
	if (agg == NULL) {
		msg_oom();
		rc = EXIT_SOFTWARE;
	} else {
		int place = a->compare ? compare_place(orig, argc, argv, a) : 0;
		rc = aggregate(agg, a, argc, argv, cmp, place);
	}
	if (a->compare)
		session_free(cmp);
	report_agg_free(agg);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	struct args a;
	struct session cmp;
	char **orig = malloc(((size_t)argc + 1) * sizeof *orig);

	if (!orig) {
		msg_oom();
		return EXIT_SOFTWARE;
	}
	memcpy(orig, argv, ((size_t)argc + 1) * sizeof *orig);
	int rc = report_main(argc, argv, orig, &a, &cmp);
	free(orig);
	return rc;
}
