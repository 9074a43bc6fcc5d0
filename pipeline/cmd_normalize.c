/*
 * cmd_normalize.c -- claimpipe normalize: documents in, doc records out.
 *
 * A document is a whole file, all of stdin, or (with --jsonl) one JSON
 * object per input line.  Every document that comes in is either written
 * as a doc record or reported on stderr (and, with --rejects, copied
 * verbatim to the rejects file); the exit status says whether anything
 * was skipped.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "norm.h"
#include "record.h"
#include "io.h"
#include "cli.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe normalize [-fHkms] [-i id] [-K folds] [-r file]\n"
    "                           [-J [-I field] [-T field]] [file ...]\n";

struct nz {
	struct cp_norm	*norm;
	struct cp_rec	*rec;
	struct cp_out	 out;
	struct cp_buf	 text;
	struct cp_buf	 raw;
	struct cp_buf	 id;
	struct cp_omap	 map;
	const char	*id_field;
	const char	*text_field;
	const char	*stdin_id;
	FILE		*rejects;
	const char	*rejects_name;
	int		 jsonl;
	int		 stats;
	int		 clash_warned;
	int		 rc;
	/* where we are, for warnings */
	const char	*file;		/* display name */
	long		 line;		/* JSONL line, 0 for whole files */
	const char	*orig;		/* the document's original bytes */
	size_t		 line_off;	/* line counting cache */
	long		 line_at;
	/* --stats */
	unsigned long	 docs_in, docs_out, rejected, warnings;
	unsigned long long bytes_in, bytes_out;
};

static void
help(void)
{
	printf("%s\n"
"Read documents and write one doc record per document: the text as valid\n"
"UTF-8, NFC, folded and cleaned, with an offset map back to the original\n"
"bytes (see claimpipe(1) and docs/records.md).  Each file is a document;\n"
"no file or '-' reads stdin as one document.  A directory stands for the\n"
"regular files below it, in sorted order.\n"
"\n"
"  -f, --fold-quotes       fold curly and angle quotes to ASCII \" and '\n"
"  -H, --html              strip HTML tags, drop script and style, decode\n"
"                          entities, make block elements paragraph breaks\n"
"  -h, --help              print this help and exit\n"
"  -I, --id-field FIELD    with --jsonl: the id field (default id)\n"
"  -i, --id NAME           the id of the stdin document (default -)\n"
"  -J, --jsonl             each input line is a JSON object holding one\n"
"                          document; other keys are carried over\n"
"  -K, --keep FOLDS        switch folds off, comma-separated, from:\n"
"                          %s\n"
"  -k, --nfkc              NFKC instead of NFC\n"
"  -m, --fix-mojibake      repair UTF-8 that was decoded as CP1252\n"
"  -r, --rejects FILE      copy rejected JSONL lines to FILE verbatim\n"
"  -s, --stats             print counts on stderr at the end\n"
"  -T, --text-field FIELD  with --jsonl: the text field (default text)\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis, cp_norm_fold_names);
}

/* Line number of byte off in the current whole-file document. */
static long
line_of(struct nz *z, size_t off)
{
	const char *p;

	if (off < z->line_off) {
		z->line_off = 0;
		z->line_at = 1;
	}
	for (p = z->orig + z->line_off; p < z->orig + off; p++)
		if (*p == '\n')
			z->line_at++;
	z->line_off = off;
	return z->line_at;
}

static void
on_warn(void *arg, const struct cp_norm_warning *w)
{
	struct nz *z = arg;

	z->warnings++;
	if (w->more > 0)
		cli_warn(z->file, z->line, 0, "%s%s%s%lu %s",
		    z->line ? "document '" : "", z->line ? z->id.data : "",
		    z->line ? "': " : "", w->more, w->msg);
	else if (z->line > 0)
		cli_warn(z->file, z->line, 0, "document '%s': %s at byte %zu",
		    z->id.data, w->msg, w->offset);
	else
		cli_warn(z->file, line_of(z, w->offset), 0, "%s at byte %zu",
		    w->msg, w->offset);
}

/* Report a rejected input line and keep it. */
static void
reject(struct nz *z, const char *line, size_t len, long col, const char *why)
{
	cli_warn(z->file, z->line, col, "%s, line skipped", why);
	z->rejected++;
	z->rc = CLI_SKIPPED;
	if (z->rejects != NULL && (fwrite(line, 1, len, z->rejects) != len ||
	    fputc('\n', z->rejects) == EOF)) {
		cli_msg("%s: %s", z->rejects_name, strerror(errno));
		z->rejects = NULL;
		z->rc = CLI_FATAL;
	}
}

/* Normalize one document and write its record; rest may be NULL. */
static int
doc(struct nz *z, const char *in, size_t len, const struct cp_rec *rest)
{
	const char *skip[7];
	struct cp_buf *b = &z->out.buf;
	int rc;

	z->docs_in++;
	z->bytes_in += len;
	z->orig = in;
	z->line_off = 0;
	z->line_at = 1;
	if ((rc = cp_norm_run(z->norm, in, len, &z->text, &z->map)) != 0)
		return rc;
	rc = cp_buf_puts(b, "{\"type\":\"doc\",\"doc\":");
	if (rc == 0)
		rc = cp_json_str(b, z->id.data, z->id.len);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"text\":");
	if (rc == 0)
		rc = cp_json_str(b, z->text.data, z->text.len);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"map\":");
	if (rc == 0)
		rc = cp_json_map(b, &z->map);
	if (rc == 0 && rest != NULL) {
		skip[0] = z->id_field;
		skip[1] = z->text_field;
		skip[2] = "type";
		skip[3] = "doc";
		skip[4] = "text";
		skip[5] = "map";
		skip[6] = NULL;
		rc = cp_rec_write_rest(rest, b, skip);
	}
	if (rc == 0)
		rc = cp_buf_puts(b, "}\n");
	if (rc != 0)
		return rc;
	z->docs_out++;
	z->bytes_out += z->text.len;
	return cp_out_flush(&z->out, 0);
}

static int
set_id(struct nz *z, const char *s)
{
	cp_buf_reset(&z->id);
	return cp_buf_puts(&z->id, s);
}

/* One JSONL line. */
static int
jsonl_line(struct nz *z, const char *line, size_t len)
{
	struct cp_diag d;
	struct cp_rec *r = z->rec;
	const char *text;
	size_t tlen, i;
	char why[600];
	int rc;

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r'); i++)
		;
	if (i == len)
		return 0;	/* a blank line holds no document */
	cp_diag_clear(&d);
	rc = cp_rec_parse(r, line, len, &d);
	if (rc == CP_ENOMEM)
		return rc;
	if (rc != 0) {
		z->docs_in++;
		reject(z, line, len, d.col, d.msg);
		return 0;
	}
	cp_buf_reset(&z->id);
	rc = cp_rec_text(r, z->id_field, &z->id);
	if (rc == -1) {
		/* No id: name the document by its place in the input. */
		snprintf(why, sizeof(why), "%s:%ld", z->file, z->line);
		rc = set_id(z, why);
	}
	if (rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "field '%s' is not a string or an "
		    "integer", z->id_field);
		z->docs_in++;
		reject(z, line, len, 0, why);
		return 0;
	}
	if (rc == 0)
		rc = cp_rec_str(r, z->text_field, &text, &tlen);
	if (rc == -1 || rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "field '%s' %s", z->text_field,
		    rc == -1 ? "is missing" : "is not a string");
		z->docs_in++;
		reject(z, line, len, 0, why);
		return 0;
	}
	if (rc == 0 && !z->clash_warned &&
	    ((strcmp(z->id_field, "doc") != 0 && cp_rec_has(r, "doc")) ||
	    (strcmp(z->text_field, "map") != 0 && cp_rec_has(r, "map")) ||
	    (strcmp(z->text_field, "text") != 0 && cp_rec_has(r, "text")) ||
	    cp_rec_has(r, "type"))) {
		cli_warn(z->file, z->line, 0, "input keys named type, doc, text "
		    "or map clash with the doc record's own and are dropped");
		z->clash_warned = 1;
	}
	if (rc == 0)
		rc = doc(z, text, tlen, r);
	return rc;
}

/* One operand; returns 0 or a fatal code. */
static int
input(struct nz *z, const char *path)
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
	if (z->jsonl) {
		if ((lines = cp_lines_new(fp)) == NULL)
			rc = CP_ENOMEM;
		while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) != 0) {
			if (got < 0) {
				rc = got;
				break;
			}
			z->line = cp_lines_lineno(lines);
			rc = jsonl_line(z, line, len);
		}
		cp_lines_free(lines);
	} else {
		cp_buf_reset(&z->raw);
		rc = cp_slurp(fp, &z->raw);
		if (rc == 0)
			rc = set_id(z, strcmp(path, "-") == 0 ? z->stdin_id : path);
		if (rc == 0)
			rc = doc(z, z->raw.data, z->raw.len, NULL);
	}
	if (rc == CP_EIO && z->out.err == 0) {
		/* A read error skips the rest of this input, not the run;
		 * a write error (z->out.err) ends the run. */
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
cmd_normalize(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fold-quotes",	no_argument,		NULL, 'f' },
		{ "html",		no_argument,		NULL, 'H' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "id-field",		required_argument,	NULL, 'I' },
		{ "id",			required_argument,	NULL, 'i' },
		{ "jsonl",		no_argument,		NULL, 'J' },
		{ "keep",		required_argument,	NULL, 'K' },
		{ "nfkc",		no_argument,		NULL, 'k' },
		{ "fix-mojibake",	no_argument,		NULL, 'm' },
		{ "rejects",		required_argument,	NULL, 'r' },
		{ "stats",		no_argument,		NULL, 's' },
		{ "text-field",		required_argument,	NULL, 'T' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_norm_opts no;
	struct nz z;
	char **paths = NULL, bad[64];
	int c, i, badpath, rc = 0;

	memset(&z, 0, sizeof(z));
	memset(&no, 0, sizeof(no));
	z.id_field = "id";
	z.text_field = "text";
	z.stdin_id = "-";
	optind = 1;
	while ((c = getopt_long(argc, argv, "fHhI:i:JK:kmr:sT:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			no.flags |= CP_NORM_FOLD_QUOTES;
			break;
		case 'H':
			no.flags |= CP_NORM_HTML;
			break;
		case 'h':
			help();
			return cli_done();
		case 'I':
			z.id_field = optarg;
			break;
		case 'i':
			z.stdin_id = optarg;
			break;
		case 'J':
			z.jsonl = 1;
			break;
		case 'K':
			if (cp_norm_keep_parse(optarg, &no.flags, bad,
			    sizeof(bad)) != 0) {
				cli_msg("normalize: unknown fold '%s' (folds: "
				    "%s)", bad, cp_norm_fold_names);
				return cli_usage(synopsis);
			}
			break;
		case 'k':
			no.flags |= CP_NORM_NFKC;
			break;
		case 'm':
			no.flags |= CP_NORM_MOJIBAKE;
			break;
		case 'r':
			z.rejects_name = optarg;
			break;
		case 's':
			z.stats = 1;
			break;
		case 'T':
			z.text_field = optarg;
			break;
		case 'V':
			printf("claimpipe %s\n", CP_VERSION);
			return cli_done();
		default:
			return cli_usage(synopsis);
		}
	}
	argc -= optind;
	argv += optind;
	if (!z.jsonl && (z.rejects_name != NULL || strcmp(z.id_field, "id") ||
	    strcmp(z.text_field, "text"))) {
		cli_msg("normalize: --id-field, --text-field and --rejects "
		    "need --jsonl");
		return cli_usage(synopsis);
	}
	if (strcmp(z.id_field, z.text_field) == 0) {
		cli_msg("normalize: --id-field and --text-field are both '%s'",
		    z.id_field);
		return cli_usage(synopsis);
	}

	no.warn = on_warn;
	no.arg = &z;
	cp_out_init(&z.out, stdout);
	if (z.rejects_name != NULL &&
	    (z.rejects = fopen(z.rejects_name, "w")) == NULL) {
		cli_msg("%s: %s", z.rejects_name, strerror(errno));
		return CLI_FATAL;
	}
	if ((z.norm = cp_norm_new(&no)) == NULL ||
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
	/* Write errors are the output's own, reported by cli_finish(). */
	if (rc == CP_ENOMEM) {
		cli_msg("out of memory");
		z.rc = CLI_FATAL;
	}
	if (z.stats)
		cli_msg("normalize: documents in %lu, out %lu, rejected %lu; "
		    "bytes in %llu, out %llu; warnings %lu", z.docs_in,
		    z.docs_out, z.rejected, z.bytes_in, z.bytes_out,
		    z.warnings);
	if (z.rejects != NULL && fclose(z.rejects) != 0) {
		cli_msg("%s: %s", z.rejects_name, strerror(errno));
		z.rc = CLI_FATAL;
	}
	cli_paths_free(paths);
	cp_norm_free(z.norm);
	cp_rec_free(z.rec);
	cp_buf_free(&z.text);
	cp_buf_free(&z.raw);
	cp_buf_free(&z.id);
	cp_omap_free(&z.map);
	return cli_finish(&z.out, z.rc);
}
