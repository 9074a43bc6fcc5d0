/*
 * cmd_normalize.c -- claimpipe normalize: documents in, doc records out.
 *
 * A document is a whole file, all of stdin, or (with --jsonl) one JSON
 * object per input line.  Every document that comes in is either written
 * as a doc record or reported on stderr (and, with --rejects, copied
 * verbatim to the rejects file); the exit status says whether anything
 * was skipped.
 */
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
#include "docin.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe normalize [-fHkms] [-i id] [-K folds] [-r file]\n"
    "                           [-J [-I field] [-T field]] [file ...]\n";

struct nz {
	struct docin	 in;
	struct cp_norm	*norm;
	struct cp_out	 out;
	struct cp_buf	 text;
	struct cp_omap	 map;
	int		 stats;
	/* where we are, for warnings */
	const char	*file;		/* display name */
	long		 line;		/* JSONL line, 0 for whole files */
	const char	*id;		/* the document's id */
	const char	*orig;		/* the document's original bytes */
	size_t		 line_off;	/* line counting cache */
	long		 line_at;
	/* --stats */
	unsigned long	 docs_out, warnings;
	unsigned long long bytes_out;
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
		    z->line ? "document '" : "", z->line ? z->id : "",
		    z->line ? "': " : "", w->more, w->msg);
	else if (z->line > 0)
		cli_warn(z->file, z->line, 0, "document '%s': %s at byte %zu",
		    z->id, w->msg, w->offset);
	else
		cli_warn(z->file, line_of(z, w->offset), 0, "%s at byte %zu",
		    w->msg, w->offset);
}

/* The sink: normalize one document and write its record. */
static int
doc(void *arg, const struct docin_doc *d)
{
	struct nz *z = arg;
	const char *skip[7];
	struct cp_buf *b = &z->out.buf;
	int rc;

	z->file = d->file;
	z->line = d->line;
	z->id = d->id;
	z->orig = d->text;
	z->line_off = 0;
	z->line_at = 1;
	if ((rc = cp_norm_run(z->norm, d->text, d->len, &z->text, &z->map)) !=
	    0)
		return rc;
	rc = cp_buf_puts(b, "{\"type\":\"doc\",\"doc\":");
	if (rc == 0)
		rc = cp_json_str(b, d->id, d->idlen);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"text\":");
	if (rc == 0)
		rc = cp_json_str(b, z->text.data, z->text.len);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"map\":");
	if (rc == 0)
		rc = cp_json_map(b, &z->map);
	if (rc == 0 && d->rest != NULL) {
		skip[0] = z->in.id_field;
		skip[1] = z->in.text_field;
		skip[2] = "type";
		skip[3] = "doc";
		skip[4] = "text";
		skip[5] = "map";
		skip[6] = NULL;
		rc = cp_rec_write_rest(d->rest, b, skip);
	}
	if (rc == 0)
		rc = cp_buf_puts(b, "}\n");
	if (rc != 0)
		return rc;
	z->docs_out++;
	z->bytes_out += z->text.len;
	return cp_out_flush(&z->out, 0);
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
	int c, badpath, rc = 0;

	memset(&z, 0, sizeof(z));
	memset(&no, 0, sizeof(no));
	if (docin_init(&z.in) != 0) {
		cli_msg("out of memory");
		return CLI_FATAL;
	}
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
			z.in.id_field = optarg;
			break;
		case 'i':
			z.in.stdin_id = optarg;
			break;
		case 'J':
			z.in.jsonl = 1;
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
			z.in.rejects_name = optarg;
			break;
		case 's':
			z.stats = 1;
			break;
		case 'T':
			z.in.text_field = optarg;
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
	if (!z.in.jsonl && (z.in.rejects_name != NULL ||
	    strcmp(z.in.id_field, "id") || strcmp(z.in.text_field, "text"))) {
		cli_msg("normalize: --id-field, --text-field and --rejects "
		    "need --jsonl");
		return cli_usage(synopsis);
	}
	if (strcmp(z.in.id_field, z.in.text_field) == 0) {
		cli_msg("normalize: --id-field and --text-field are both '%s'",
		    z.in.id_field);
		return cli_usage(synopsis);
	}

	no.warn = on_warn;
	no.arg = &z;
	cp_out_init(&z.out, stdout);
	if (cli_rejects_open(z.in.rejects_name, &z.in.rejects) != 0) {
		docin_free(&z.in);
		return CLI_FATAL;
	}
	if ((z.norm = cp_norm_new(&no)) == NULL ||
	    (paths = cli_paths(argc, argv, &badpath)) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	if (badpath)
		z.in.rc = CLI_SKIPPED;
	z.in.sink = doc;
	z.in.arg = &z;
	z.in.out = &z.out;
	rc = docin_run(&z.in, paths);
	if (rc == 0)
		rc = cp_out_flush(&z.out, 1);
out:
	/* Write errors are the output's own, reported by cli_finish(). */
	if (rc == CP_ENOMEM) {
		cli_msg("out of memory");
		z.in.rc = CLI_FATAL;
	}
	if (z.stats)
		cli_msg("normalize: documents in %lu, out %lu, rejected %lu; "
		    "bytes in %llu, out %llu; warnings %lu", z.in.docs_in,
		    z.docs_out, z.in.rejected, z.in.bytes_in, z.bytes_out,
		    z.warnings);
	z.in.rc = cli_rejects_close(z.in.rejects, z.in.rejects_name,
	    z.in.rc);
	cli_paths_free(paths);
	cp_norm_free(z.norm);
	cp_buf_free(&z.text);
	docin_free(&z.in);
	cp_omap_free(&z.map);
	return cli_finish(&z.out, z.in.rc);
}
