/*
 * cmd_extract.c -- claimpipe extract: sentence records in, claim records
 * out.
 *
 * Each sentence record gives its claim records, in text order; with
 * --keep the sentence record comes first.  Records of other types pass
 * through unchanged.  A line that is not a record, or a sentence record
 * without its doc, index or text, is reported (and with --rejects copied
 * verbatim): every record that comes in is written or reported.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "record.h"
#include "rules.h"
#include "match.h"
#include "extract.h"
#include "io.h"
#include "cli.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe extract [-ks] [-R pack]... [-r file] [file ...]\n";

struct ex {
	struct cp_rules	*rules;
	struct cp_matcher *matcher;
	struct cp_mctx	*mx;
	struct cp_extract *ext;
	struct cp_xresult res;
	struct cp_rec	*rec;
	struct cp_out	 out;
	struct cp_omap	 map;
	struct cp_buf	 sent;
	int		 keep;
	int		 stats;
	FILE		*rejects;
	const char	*rejects_name;
	int		 rc;
	const char	*file;
	long		 line;
	unsigned long	 lines, sentences, passed, rejected, claims, hedged,
			 unsourced;
};

static void
help(void)
{
	printf("%s\n"
"Read records (JSON Lines, as split writes them) and write, for each\n"
"sentence record, its claim records: who claims what (source, cue,\n"
"content) and the hedges that weaken it, every span in the original\n"
"document's bytes (docs/records.md).  Other records pass through\n"
"unchanged.  The rules come from the rule pack.\n"
"\n"
"  -h, --help              print this help and exit\n"
"  -k, --keep              also write each sentence record, before its claims\n"
"  -R, --rules PACK        a rule pack: a folder of .yaml files, one file,\n"
"                          or a built-in pack's name; repeatable, later\n"
"                          packs add to earlier ones (default: $CLAIMPIPE_RULES,\n"
"                          else the built-in pack en)\n"
"  -r, --rejects FILE      copy rejected input lines to FILE verbatim\n"
"  -s, --stats             print counts on stderr at the end\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis);
}

static void
reject(struct ex *z, const char *line, size_t len, long col, const char *why)
{
	cli_warn(z->file, z->line, col, "%s, line skipped", why);
	z->rejected++;
	if (z->rc < CLI_SKIPPED)
		z->rc = CLI_SKIPPED;
	if (z->rejects != NULL && (fwrite(line, 1, len, z->rejects) != len ||
	    fputc('\n', z->rejects) == EOF)) {
		cli_msg("%s: %s", z->rejects_name, strerror(errno));
		z->rejects = NULL;
		z->rc = CLI_FATAL;
	}
}

/* An input line written through as it came, but with an LF line end. */
static int
put_line(struct ex *z, const char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (cp_buf_put(&z->out.buf, line, len) != 0 ||
	    cp_buf_putc(&z->out.buf, '\n') != 0)
		return CP_ENOMEM;
	return 0;
}

static int
sentence(struct ex *z, const char *line, size_t len)
{
	struct cp_diag d;
	struct cp_span sp;
	const char *id, *text, *raw = NULL;
	size_t idlen, tlen, i, rule, rawlen = 0;
	char why[600];
	int rc;

	cp_buf_reset(&z->sent);
	rc = cp_rec_str(z->rec, "doc", &id, &idlen);
	if (rc == 0)
		rc = cp_rec_str(z->rec, "text", &text, &tlen);
	/* sent: a JSON integer, written back as it came */
	if (rc == 0 && cp_rec_raw(z->rec, "sent", &raw, &rawlen) != 0)
		rc = CP_EINPUT;
	for (i = 0; rc == 0 && i < rawlen; i++)
		if (raw[i] < '0' || raw[i] > '9')
			rc = CP_EINPUT;
	if (rc == 0 && (rawlen == 0 || cp_buf_put(&z->sent, raw, rawlen) ||
	    cp_buf_putc(&z->sent, '\0') != 0))
		rc = rawlen == 0 ? CP_EINPUT : CP_ENOMEM;
	if (rc == CP_ENOMEM)
		return rc;
	if (rc == 0)
		z->sent.len--;
	if (rc != 0) {
		reject(z, line, len, 0, "sentence record without a string "
		    "\"doc\", a string \"text\" and an integer \"sent\"");
		return 0;
	}
	/* The map's implicit start is the sentence's original start. */
	if ((rc = cp_rec_span(z->rec, "span", &sp)) == CP_EINPUT) {
		reject(z, line, len, 0, "sentence record whose \"span\" is not "
		    "[start, end] with start <= end");
		return 0;
	}
	if (rc != 0)
		sp.start = 0;
	cp_diag_clear(&d);
	rc = cp_rec_map(z->rec, "map", sp.start, tlen, &z->map, &d);
	if (rc == CP_ENOMEM)
		return rc;
	if (rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "sentence record: %s", d.msg);
		reject(z, line, len, 0, why);
		return 0;
	}
	/* No map: the text is the original, from span[0] (or 0). */
	z->sentences++;
	if (z->sent.len == 1 && z->sent.data[0] == '0')
		cp_extract_reset(z->ext);
	if ((rc = cp_extract_run(z->ext, z->mx, id, idlen, text, tlen, &z->map,
	    0, &z->res)) != 0)
		return rc;
	if (z->keep && (rc = put_line(z, line, len)) != 0)
		return rc;
	for (i = 0; i < z->res.n; i++) {
		if ((rc = cp_extract_write(&z->out.buf, z->ext, &z->res, i, id,
		    idlen, z->sent.data, z->sent.len, text, &z->map,
		    z->rec, NULL)) != 0)
			return rc;
		z->claims++;
		z->hedged += z->res.c[i].nhedge > 0;
		z->unsourced += !z->res.c[i].has_source;
	}
	if ((i = cp_mctx_limited(z->mx, &rule)) > 0)
		cli_warn(z->file, z->line, 0, "document '%.*s', sentence %s: "
		    "rules hit a match limit %zu time%s (the last: %s) and "
		    "were skipped there", (int)idlen, id, z->sent.data, i,
		    i > 1 ? "s" : "", z->rules->rule[rule].qid);
	return cp_out_flush(&z->out, 0);
}

static int
record(struct ex *z, const char *line, size_t len)
{
	struct cp_diag d;
	const char *type;
	size_t i, tlen;
	int rc;

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r'); i++)
		;
	if (i == len)
		return 0;
	z->lines++;
	cp_diag_clear(&d);
	if ((rc = cp_rec_parse(z->rec, line, len, &d)) == CP_ENOMEM)
		return rc;
	if (rc != 0) {
		reject(z, line, len, d.col, d.msg);
		return 0;
	}
	rc = cp_rec_str(z->rec, "type", &type, &tlen);
	if (rc != 0) {
		reject(z, line, len, 0, rc == -1 ? "record without \"type\"" :
		    "record whose \"type\" is not a string");
		return 0;
	}
	if (tlen == 8 && memcmp(type, "sentence", 8) == 0)
		return sentence(z, line, len);
	z->passed++;
	if ((rc = put_line(z, line, len)) != 0)
		return rc;
	return cp_out_flush(&z->out, 0);
}

static int
input(struct ex *z, const char *path)
{
	struct cp_lines *lines;
	const char *line;
	size_t len;
	FILE *fp;
	int rc = 0, got;

	z->file = cli_name(path);
	z->line = 0;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		cli_msg("%s: %s", path, strerror(errno));
		z->rc = CLI_SKIPPED;
		return 0;
	}
	if ((lines = cp_lines_new(fp)) == NULL)
		rc = CP_ENOMEM;
	while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) != 0) {
		if (got < 0) {
			rc = got;
			break;
		}
		z->line = cp_lines_lineno(lines);
		rc = record(z, line, len);
	}
	cp_lines_free(lines);
	if (rc == CP_EIO && z->out.err == 0) {
		cli_msg("%s: %s", z->file, strerror(errno));
		z->rc = CLI_SKIPPED;
		rc = 0;
	}
	if (fp != stdin)
		fclose(fp);
	else
		clearerr(stdin);
	return rc;
}

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",		no_argument,		NULL, 'h' },
		{ "keep",		no_argument,		NULL, 'k' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "rejects",		required_argument,	NULL, 'r' },
		{ "stats",		no_argument,		NULL, 's' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ex z;
	char **paths = NULL, **packs;
	size_t npacks = 0;
	int c, i, badpath, rc = 0;

	memset(&z, 0, sizeof(z));
	if ((packs = calloc((size_t)argc + 1, sizeof(*packs))) == NULL) {
		cli_msg("out of memory");
		return CLI_FATAL;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "hkR:r:sV", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'h':
			free(packs);
			help();
			return cli_done();
		case 'k':
			z.keep = 1;
			break;
		case 'R':
			packs[npacks++] = optarg;
			break;
		case 'r':
			z.rejects_name = optarg;
			break;
		case 's':
			z.stats = 1;
			break;
		case 'V':
			free(packs);
			printf("claimpipe %s\n", CP_VERSION);
			return cli_done();
		default:
			free(packs);
			return cli_usage(synopsis);
		}
	}
	argc -= optind;
	argv += optind;
	cp_out_init(&z.out, stdout);
	rc = cli_rules(packs, npacks, &z.rules, &z.matcher);
	free(packs);
	if (rc != 0)
		return rc;
	if (z.rejects_name != NULL &&
	    (z.rejects = fopen(z.rejects_name, "w")) == NULL) {
		cli_msg("%s: %s", z.rejects_name, strerror(errno));
		cli_rules_free(z.rules, z.matcher);
		return CLI_FATAL;
	}
	if ((z.mx = cp_mctx_new(z.matcher)) == NULL ||
	    (z.ext = cp_extract_new(z.matcher)) == NULL ||
	    (z.rec = cp_rec_new()) == NULL ||
	    (paths = cli_paths(argc, argv, &badpath)) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	if (badpath)
		z.rc = CLI_SKIPPED;
	for (i = 0; paths[i] != NULL && rc == 0; i++)
		rc = input(&z, paths[i]);
	if (rc == 0)
		rc = cp_out_flush(&z.out, 1);
out:
	if (rc == CP_ENOMEM) {
		cli_msg("out of memory");
		z.rc = CLI_FATAL;
	}
	if (z.stats)
		cli_msg("extract: records in %lu: sentences %lu, passed through "
		    "%lu, rejected %lu; claims out %lu, hedged %lu, without a "
		    "source %lu", z.lines, z.sentences, z.passed, z.rejected,
		    z.claims, z.hedged, z.unsourced);
	if (z.rejects != NULL && fclose(z.rejects) != 0) {
		cli_msg("%s: %s", z.rejects_name, strerror(errno));
		z.rc = CLI_FATAL;
	}
	cli_paths_free(paths);
	cp_extract_free(z.ext);
	cp_xresult_free(&z.res);
	cp_mctx_free(z.mx);
	cp_rec_free(z.rec);
	cp_omap_free(&z.map);
	cp_buf_free(&z.sent);
	cli_rules_free(z.rules, z.matcher);
	return cli_finish(&z.out, z.rc);
}
