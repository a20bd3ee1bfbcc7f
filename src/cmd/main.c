/* handsup: count a room's hands, view by view, on a projected terminal. */
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "cmd/cmd.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} subcommands[] = {
	{"resume", cmd_resume},
	{"check", cmd_check},
	{"export", cmd_export},
	{"report", cmd_report},
	{"follow", cmd_follow},
	{"projector", cmd_projector},
};

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* getopt names the program in its messages: the short name reads
	 * better than however it was started. */
	argv[0] = (char *)"handsup";
	/* A file-size limit must fail a save (and say so), not kill us. */
	signal(SIGXFSZ, SIG_IGN);
	for (size_t i = 0;
	     argc > 1 && i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	return cmd_run(argc, argv);
}
