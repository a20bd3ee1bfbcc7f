/* handsup export: one session's report on standard output or in a file. */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdio.h>

#include "cmd/args.h"
#include "cmd/msg.h"
#include "cmd/output.h"
#include "core/session.h"
#include "report/report.h"

static const char export_usage[] =
	"usage: handsup export [--format text|csv|md|json] [-o FILE] [--bom] "
	"SESSION\n";

int cmd_export(int argc, char **argv)
{
	struct args a;
	struct session s;
	struct output o;
	int rc = args_parse(argc, argv, export_usage, false, &a);

	if (rc >= 0)
		return rc;
	if (argc - a.first != 1)
		return msg_usage(export_usage,
				 argc - a.first ? "one session at a time"
						: "no session given",
				 NULL);
	if (output_clobbers(a.out, argv[a.first]))
		return msg_usage(export_usage, "-o would overwrite the session",
				 a.out);
	if ((rc = msg_load_session(&s, argv[a.first])))
		return rc;
	if ((rc = output_open(&o, a.out)) == 0) {
		int e = 0;

		if ((a.bom && output_bom(&o)) ||
		    report_write(o.f, &s, (enum report_format)a.fmt))
			e = errno ? errno : EIO;
		rc = output_close(&o, e);
	}
	session_free(&s);
	return rc;
}
