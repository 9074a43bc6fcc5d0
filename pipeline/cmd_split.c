/*
 * cmd_split.c -- claimpipe split: doc records in, sentence records out.
 *
 * Each doc record becomes its sentence records, in order; records of
 * other types pass through unchanged.  A line that is not a record, or a
 * doc record without its text, is reported (and with --rejects copied
 * verbatim) and the exit status says so: every record that comes in is
 * either written or reported.
 */
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
#include "sent.h"
#include "io.h"
#include "cli.h"
#include "recin.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe split [-ks] [-m bytes] [-R pack]... [-r file] "
    "[file ...]\n";

struct sp {
	struct cp_rules	*rules;
	struct cp_matcher *matcher;
	struct cp_mctx	*mx;
	struct recin	 in;
	struct cp_out	 out;
	struct cp_sents	 sents;
	struct cp_omap	 map;
	struct cp_omap	 smap;
	struct cp_buf	 scratch;
	size_t		 maxlen;
	int		 keep;
	int		 stats;
	int		 clash_warned;
	unsigned long	 docs, sentences, cut;
};

static void
help(void)
{
	printf("%s\n"
"Read records (JSON Lines, as normalize writes them) and write, for each\n"
"doc record, its sentence records in order: the sentence's text, its\n"
"span in the original document's bytes, and the offset map for spans\n"
"inside it (docs/records.md).  Other records pass through unchanged.\n"
"Abbreviations come from the rule pack (abbreviation rules).\n"
"\n"
"  -h, --help              print this help and exit\n"
"  -k, --keep              also write each doc record, before its sentences\n"
"  -m, --max-length BYTES  cut a sentence longer than this, with a warning\n"
"                          (default %u, at least 64)\n"
"  -R, --rules PACK        a rule pack: a folder of .yaml files, one file,\n"
"                          or a built-in pack's name; repeatable, later\n"
"                          packs add to earlier ones (default: $CLAIMPIPE_RULES,\n"
"                          else the built-in pack en)\n"
"  -r, --rejects FILE      copy rejected input lines to FILE verbatim\n"
"  -s, --stats             print counts on stderr at the end\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis, CP_SENT_MAX);
}

/* The sentence's text as JSON: newlines inside it become spaces. */
static int
put_text(struct sp *z, const char *text, const struct cp_sent *s)
{
	const char *t = text + s->start;
	size_t len = s->end - s->start;

	if (memchr(t, '\n', len) == NULL)
		return cp_json_str(&z->out.buf, t, len);
	if (cp_sent_text(&z->scratch, text, s) != 0)
		return CP_ENOMEM;
	return cp_json_str(&z->out.buf, z->scratch.data, len);
}

static int
sentence(struct sp *z, const char *id, size_t idlen, const char *text,
    size_t i)
{
	static const char *const skip[] = { "type", "doc", "sent", "span",
	    "text", "map", NULL };
	const struct cp_sent *s = &z->sents.v[i];
	struct cp_buf *b = &z->out.buf;
	struct cp_span sp = cp_omap_span(&z->map, s->start, s->end);
	int rc;

	rc = cp_buf_puts(b, "{\"type\":\"sentence\",\"doc\":");
	if (rc == 0)
		rc = cp_json_str(b, id, idlen);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"sent\":");
	if (rc == 0)
		rc = cp_buf_putu(b, i);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"span\":[");
	if (rc == 0)
		rc = cp_buf_putu(b, sp.start);
	if (rc == 0)
		rc = cp_buf_putc(b, ',');
	if (rc == 0)
		rc = cp_buf_putu(b, sp.end);
	if (rc == 0)
		rc = cp_buf_puts(b, "],\"text\":");
	if (rc == 0)
		rc = put_text(z, text, s);
	if (rc == 0)
		rc = cp_omap_slice(&z->map, s->start, s->end, &z->smap);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"map\":");
	if (rc == 0)
		rc = cp_json_map(b, &z->smap);
	if (rc == 0)
		rc = cp_rec_write_rest(z->in.rec, b, skip);
	if (rc == 0)
		rc = cp_buf_puts(b, "}\n");
	if (rc == 0 && s->cut)
		cli_warn(z->in.file, z->in.line, 0, "document '%.*s': sentence %zu "
		    "reached %zu bytes and was cut at original byte %zu",
		    (int)idlen, id, i, z->maxlen, sp.end);
	z->cut += s->cut != 0;
	return rc;
}

static int
doc(void *arg, const char *line, size_t len)
{
	struct sp *z = arg;
	struct cp_diag d;
	const char *id, *text;
	size_t idlen, tlen, i, rule;
	char why[600];
	int rc;

	rc = cp_rec_str(z->in.rec, "doc", &id, &idlen);
	if (rc == 0)
		rc = cp_rec_str(z->in.rec, "text", &text, &tlen);
	if (rc == -1 || rc == CP_EINPUT) {
		recin_reject(&z->in, line, len, 0, rc == -1 ? "doc record without "
		    "\"doc\" or \"text\"" : "doc record whose \"doc\" or "
		    "\"text\" is not a string");
		return 0;
	}
	cp_diag_clear(&d);
	rc = cp_rec_map(z->in.rec, "map", 0, tlen, &z->map, &d);
	if (rc == CP_ENOMEM)
		return rc;
	if (rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "doc record: %s", d.msg);
		recin_reject(&z->in, line, len, 0, why);
		return 0;
	}
	if (!z->clash_warned && (cp_rec_has(z->in.rec, "sent") ||
	    cp_rec_has(z->in.rec, "span"))) {
		cli_warn(z->in.file, z->in.line, 0, "doc keys named sent or span "
		    "clash with the sentence record's own and are dropped");
		z->clash_warned = 1;
	}
	if ((rc = cp_sent_split(z->mx, text, tlen, &z->map, z->maxlen,
	    &z->sents)) != 0)
		return rc;
	z->docs++;
	if (z->keep && (rc = recin_put_line(&z->in, line, len)) != 0)
		return rc;
	for (i = 0; i < z->sents.n; i++) {
		if ((rc = sentence(z, id, idlen, text, i)) != 0)
			return rc;
		if ((rc = cp_out_flush(&z->out, 0)) != 0)
			return rc;
	}
	z->sentences += z->sents.n;
	if ((i = cp_mctx_limited(z->mx, &rule)) > 0)
		cli_warn(z->in.file, z->in.line, 0, "document '%.*s': abbreviation "
		    "rules hit a match limit %zu time%s (the last: %s) and "
		    "were skipped there", (int)idlen, id, i, i > 1 ? "s" : "",
		    z->rules->rule[rule].qid);
	return cp_out_flush(&z->out, 0);
}

int
cmd_split(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",		no_argument,		NULL, 'h' },
		{ "keep",		no_argument,		NULL, 'k' },
		{ "max-length",		required_argument,	NULL, 'm' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "rejects",		required_argument,	NULL, 'r' },
		{ "stats",		no_argument,		NULL, 's' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct sp z;
	char **paths = NULL, **packs;
	size_t npacks = 0;
	long n;
	int c, badpath, rc = 0;

	memset(&z, 0, sizeof(z));
	z.maxlen = CP_SENT_MAX;
	if ((packs = calloc((size_t)argc + 1, sizeof(*packs))) == NULL) {
		cli_msg("out of memory");
		return CLI_FATAL;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "hkm:R:r:sV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			free(packs);
			help();
			return cli_done();
		case 'k':
			z.keep = 1;
			break;
		case 'm':
			if (cli_number(optarg, 64, 1L << 30, &n) != 0) {
				cli_msg("split: --max-length wants a number "
				    "of bytes from 64 to %ld, not '%s'",
				    1L << 30, optarg);
				free(packs);
				return cli_usage(synopsis);
			}
			z.maxlen = (size_t)n;
			break;
		case 'R':
			packs[npacks++] = optarg;
			break;
		case 'r':
			z.in.rejects_name = optarg;
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
	rc = 0;
	if (cli_rejects_open(z.in.rejects_name, &z.in.rejects) != 0) {
		cli_rules_free(z.rules, z.matcher);
		return CLI_FATAL;
	}
	if ((z.mx = cp_mctx_new(z.matcher)) == NULL ||
	    (paths = cli_paths(argc, argv, &badpath)) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	if (badpath)
		z.in.rc = CLI_SKIPPED;
	z.in.type = "doc";
	z.in.sink = doc;
	z.in.arg = &z;
	z.in.out = &z.out;
	rc = recin_run(&z.in, paths);
	if (rc == 0)
		rc = cp_out_flush(&z.out, 1);
out:
	if (rc == CP_ENOMEM) {
		cli_msg("out of memory");
		z.in.rc = CLI_FATAL;
	}
	if (z.stats)
		cli_msg("split: records in %lu: documents %lu, passed through "
		    "%lu, rejected %lu; sentences out %lu, cut at the maximum "
		    "length %lu", z.in.lines, z.docs, z.in.passed, z.in.rejected,
		    z.sentences, z.cut);
	z.in.rc = cli_rejects_close(z.in.rejects, z.in.rejects_name,
	    z.in.rc);
	cli_paths_free(paths);
	cp_mctx_free(z.mx);
	recin_free(&z.in);
	cp_sents_free(&z.sents);
	cp_omap_free(&z.map);
	cp_omap_free(&z.smap);
	cp_buf_free(&z.scratch);
	cli_rules_free(z.rules, z.matcher);
	return cli_finish(&z.out, z.in.rc);
}
