/*
 * main.c -- the claimpipe command table.
 *
 * One binary, one subcommand per stage or tool (sbase-box style).  Each
 * cmd_<name>() is a complete filter with its own options and --help.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "cli.h"
#include "cmds.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *what;
} cmds[] = {
	{ "normalize", cmd_normalize,
	    "raw text, HTML or JSON Lines in, clean doc records out" },
	{ "split", cmd_split,
	    "doc records in, sentence records with original spans out" },
	{ "extract", cmd_extract,
	    "sentence records in, claim records (source, cue, content, "
	    "hedges) out" },
	{ "format", cmd_format,
	    "render records as text (for reading) or TSV" },
	{ "run", cmd_run,
	    "normalize, split and extract in one process, in parallel" },
	{ "explain", cmd_explain,
	    "show what the rules make of a text, sentence by sentence" },
	{ "eval", cmd_eval,
	    "score the pipeline against gold attributions and hedges" },
	{ "rules", cmd_rules,
	    "rule authors' tools: rules test, rules lint" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const char synopsis[] =
    "usage: claimpipe command [option ...] [file ...]\n"
    "       claimpipe --help | --version\n";

static void
help(void)
{
	size_t i;

	printf("claimpipe finds, in news text, who claims what and how sure "
	    "they sound.\n\n%s\ncommands:\n", synopsis);
	for (i = 0; i < NCMDS; i++)
		printf("  %-10s %s\n", cmds[i].name, cmds[i].what);
	printf("\n'claimpipe COMMAND --help' describes one command.\n"
	    "Records are JSON Lines on stdout; diagnostics go to stderr.\n\n"
	    CLI_EXIT_HELP);
}

int
main(int argc, char **argv)
{
	char name[64];
	size_t i;

	/* A closed output pipe shows as EPIPE, handled as a quiet stop. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2)
		return cli_usage(synopsis);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		help();
		return cli_done();
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("claimpipe %s\n", CP_VERSION);
		return cli_done();
	}
	for (i = 0; i < NCMDS; i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			/* getopt names argv[0] in its messages: make them
			 * read "claimpipe: normalize: invalid option". */
			snprintf(name, sizeof(name), "claimpipe: %s",
			    cmds[i].name);
			argv[1] = name;
			return cmds[i].fn(argc - 1, argv + 1);
		}
	cli_msg("unknown command '%s'", argv[1]);
	return cli_usage(synopsis);
}
