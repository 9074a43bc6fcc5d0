/*
 * cli.h -- what the subcommands share: diagnostics on stderr in the
 * "claimpipe: file:line: message" form, usage errors, the output stream's
 * end-of-run checks, and the expansion of file operands.
 *
 * This is command code, not library code: it prints, and its callers exit.
 */
#ifndef CP_CLI_H
#define CP_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "io.h"
#include "match.h"
#include "rules.h"

/* Exit codes, as listed in every --help. */
enum {
	CLI_OK = 0,		/* success; warnings and no claims included */
	CLI_SKIPPED = 1,	/* some input was reported and skipped */
	CLI_FATAL = 2		/* usage, fatal or write error */
};

#define CLI_EXIT_HELP \
	"exit status: 0 ok; 1 some input was reported and skipped;\n" \
	"2 usage error or fatal error (bad rules, out of memory, write error)\n"

/* "claimpipe: " + formatted message + newline, on stderr. */
void	cli_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * "claimpipe: file:line:col: message"; a line or column of 0 is left out,
 * and file NULL means no position at all.
 */
void	cli_warn(const char *file, long line, long col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* The same line, newline included, into buf (cut to fit size, still
 * ending in a newline); returns its length. */
size_t	cli_warn_line(char *buf, size_t size, const char *file, long line,
	    long col, const char *msg);

/* Print "usage: ..." on stderr and return CLI_FATAL. */
int	cli_usage(const char *synopsis);

/* The name of an operand in messages: "-" is <stdin>. */
const char *cli_name(const char *path);

/*
 * Open operand path for reading ("-" is stdin); NULL, with the reason on
 * stderr, when it cannot be opened (the caller skips it).  Close it with
 * cli_input_close(), which keeps stdin open for a later "-".
 */
FILE	*cli_input_open(const char *path);
void	 cli_input_close(FILE *fp);

/*
 * End a run: flush and close stdout through o.  A vanished reader (EPIPE)
 * is a quiet success; any other write error is reported and gives
 * CLI_FATAL.  Returns rc or CLI_FATAL.
 */
int	cli_finish(struct cp_out *o, int rc);

/*
 * After --help or --version: close stdout, reporting a write error (a
 * full disk) with CLI_FATAL.  Returns CLI_OK or CLI_FATAL.
 */
int	cli_done(void);

/*
 * --color=WHEN: 1 always, 0 never, -1 auto; -2 for anything else.  Auto
 * means colour when fd is a terminal and NO_COLOR is unset or empty:
 * cli_color_on() decides.
 */
int	cli_color(const char *when);
int	cli_color_on(int color, int fd);

/*
 * The --rejects file: open name for writing (a NULL name is no file);
 * 0, or CLI_FATAL after saying why.  cli_rejects_close() closes it and
 * returns rc, or CLI_FATAL after saying why.
 */
int	cli_rejects_open(const char *name, FILE **fp);
int	cli_rejects_close(FILE *fp, const char *name, int rc);

/* Parse a decimal number in [min, max]; -1 if it is not one. */
int	cli_number(const char *s, long min, long max, long *out);

/*
 * Expand operands: a directory stands for the regular files below it,
 * walked in sorted order, hidden entries and links to folders skipped; "-" and files are kept.
 * Returns a NULL-terminated array (free with cli_paths_free) and sets
 * *bad to 1 if some operand could not be read (already reported).  NULL
 * when out of memory.  No operands gives { "-" }.
 */
char  **cli_paths(int argc, char **argv, int *bad);
void	cli_paths_free(char **);

/*
 * Print loader diagnostics: "claimpipe: file:line:col: rule ID: message",
 * warnings marked as such.
 */
void	cli_diags(const struct cp_diags *);

/*
 * The rule packs a command runs with: the n paths given with --rules,
 * else those in $CLAIMPIPE_RULES (separated by ':'), else the built-in
 * pack "en".  A path that is no file or folder but the name of a built-in
 * pack loads that pack.  Every diagnostic is printed.  Returns 0 with
 * *rules and *m set (free with cli_rules_free), or CLI_FATAL.
 */
int	cli_rules(char **paths, size_t n, struct cp_rules **rules,
	    struct cp_matcher **m);

/*
 * Only load the packs cli_rules() would (and expand them); diagnostics
 * go to d, unprinted.  Returns 0, CP_ERR or CP_ENOMEM; *rules is set
 * (free it) unless it could not be made.
 */
int	cli_rules_load(char **paths, size_t n, struct cp_diags *d,
	    struct cp_rules **rules);
void	cli_rules_free(struct cp_rules *, struct cp_matcher *);

#endif /* CP_CLI_H */
