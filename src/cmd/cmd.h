/*
 * cmd: handsup's subcommands, one file each.  Each takes the arguments
 * from its own name on (argv[0] is "handsup" for cmd_run, else the
 * subcommand's name) and returns the exit status (cmd/exit.h).  main
 * only picks one.
 */
#ifndef HANDSUP_CMD_H
#define HANDSUP_CMD_H

/* handsup [OPTIONS] [DECK]: a new session on the terminal. */
int cmd_run(int argc, char **argv);

/* handsup resume [OPTIONS] [SESSION]: go on with a saved session. */
int cmd_resume(int argc, char **argv);

/*
 * handsup follow [OPTIONS] [SESSION]: the read-only audience view of a
 * session another handsup has open (the newest such, without SESSION).
 */
int cmd_follow(int argc, char **argv);

/*
 * handsup check DECK...: "FILE: ok, N items" on standard output for each
 * good deck, every error of each bad one on standard error; EXIT_DATA
 * when any deck has one.
 */
int cmd_check(int argc, char **argv);

/* handsup export [--format text|csv|md|json] [-o FILE] SESSION */
int cmd_export(int argc, char **argv);

/*
 * handsup report [--format F] [-o FILE] [--compare SESSION] SESSION...
 * Notes on standard error, no error: a file named twice (counted once),
 * a session run on another version of the deck.
 */
int cmd_report(int argc, char **argv);

/* handsup projector: the projector check, until a key is pressed. */
int cmd_projector(int argc, char **argv);

#endif
