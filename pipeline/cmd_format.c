/*
 * cmd_format.c -- claimpipe format: render a record stream.
 *
 * Any stage's output can be rendered: claim records become TSV rows or
 * readable text (with their sentence, when the stream holds sentence
 * records, as extract --keep writes them); other records are left out
 * of TSV and text, and passed as they are with --format jsonl.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp.h"
#include "buf.h"
#include "io.h"
#include "fmt.h"
#include "cli.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe format [-F format] [--color=when] [file ...]\n";

static void
help(void)
{
	printf("%s\n"
"Render records (JSON Lines from any stage) for people or spreadsheets.\n"
"text shows each claim with its sentence (when a sentence record comes\n"
"before it, as extract --keep writes), source, cue, content and hedges;\n"
"tsv writes a header and one claim a line (columns in docs/records.md);\n"
"jsonl writes the records as they are.\n"
"\n"
"      --color=WHEN        auto (default: colour on a terminal unless\n"
"                          NO_COLOR is set), always or never\n"
"  -F, --format FORMAT     text (default), tsv or jsonl\n"
"  -h, --help              print this help and exit\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis);
}

int
cmd_format(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "color",	required_argument,	NULL, 'C' },
		{ "colour",	required_argument,	NULL, 'C' },
		{ "format",	required_argument,	NULL, 'F' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_out out;
	struct cp_lines *lines = NULL;
	struct fmt *f = NULL;
	const char *line;
	char **paths = NULL;
	size_t len, i;
	FILE *fp;
	int c, format = FMT_TEXT, color = -1, rc = 0, status = CLI_OK, got,
	    badpath;

	optind = 1;
	while ((c = getopt_long(argc, argv, "F:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			if ((color = cli_color(optarg)) == -2) {
				cli_msg("format: --color wants auto, always "
				    "or never, not '%s'", optarg);
				return cli_usage(synopsis);
			}
			break;
		case 'F':
			if ((format = fmt_parse(optarg)) < 0) {
				cli_msg("format: --format is text, tsv or "
				    "jsonl, not '%s'", optarg);
				return cli_usage(synopsis);
			}
			break;
		case 'h':
			help();
			return cli_done();
		case 'V':
			printf("claimpipe %s\n", CP_VERSION);
			return cli_done();
		default:
			return cli_usage(synopsis);
		}
	}
	color = cli_color_on(color, STDOUT_FILENO);
	cp_out_init(&out, stdout);
	if ((f = fmt_new(format, color)) == NULL ||
	    (paths = cli_paths(argc - optind, argv + optind, &badpath)) ==
	    NULL) {
		rc = CP_ENOMEM;
		goto done;
	}
	if (badpath)
		status = CLI_SKIPPED;
	rc = fmt_header(f, &out.buf);
	for (i = 0; rc == 0 && paths[i] != NULL; i++) {
		if ((fp = cli_input_open(paths[i])) == NULL) {
			status = CLI_SKIPPED;
			continue;
		}
		if ((lines = cp_lines_new(fp)) == NULL)
			rc = CP_ENOMEM;
		while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) !=
		    0) {
			if (got < 0) {
				cli_msg("%s: %s", cli_name(paths[i]),
				    strerror(errno));
				status = CLI_SKIPPED;
				break;
			}
			rc = fmt_records(f, line, len, &out.buf);
			if (rc == CP_EINPUT) {
				cli_warn(cli_name(paths[i]),
				    cp_lines_lineno(lines), 0, "not a record, "
				    "line skipped");
				status = CLI_SKIPPED;
				rc = 0;
			}
			if (rc == 0)
				rc = cp_out_flush(&out, 0);
		}
		cp_lines_free(lines);
		lines = NULL;
		cli_input_close(fp);
	}
	if (rc == 0)
		rc = cp_out_flush(&out, 1);
done:
	if (rc == CP_ENOMEM) {
		cli_msg("out of memory");
		status = CLI_FATAL;
	}
	fmt_free(f);
	cli_paths_free(paths);
	return cli_finish(&out, status);
}
