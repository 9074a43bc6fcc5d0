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
#include "recin.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe extract [-ks] [-R pack]... [-r file] [--profile]\n"
    "                         [file ...]\n";

struct ex {
	struct cp_rules	*rules;
	struct cp_matcher *matcher;
	struct cp_mctx	*mx;
	struct cp_extract *ext;
	struct cp_xresult res;
	struct recin	 in;
	struct cp_out	 out;
	struct cp_omap	 map;
	struct cp_buf	 sent;
	int		 keep;
	int		 stats;
	int		 profile;
	unsigned long	 sentences, claims, hedged, unsourced;
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
"      --profile           print on stderr at the end what each rule cost:\n"
"                          its share of the matching time, its runs (the\n"
"                          texts the prefilter let it try), its searches\n"
"                          and its matches, dearest rule first\n"
"  -R, --rules PACK        a rule pack: a folder of .yaml files, one file,\n"
"                          or a built-in pack's name; repeatable, later\n"
"                          packs add to earlier ones (default: $CLAIMPIPE_RULES,\n"
"                          else the built-in pack en)\n"
"  -r, --rejects FILE      copy rejected input lines to FILE verbatim\n"
"  -s, --stats             print counts on stderr at the end\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis);
}

struct costly {
	double	secs;
	size_t	rule;
};

static int
by_cost(const void *a, const void *b)
{
	double x = ((const struct costly *)a)->secs;
	double y = ((const struct costly *)b)->secs;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* --profile: the rules that ran, dearest first. */
static int
profile(const struct cp_rules *r, const struct cp_mctx *x)
{
	const struct cp_rule_cost *c = cp_mctx_costs(x), *k;
	struct costly *v;
	size_t i, n = 0;
	double total = 0;

	if ((v = calloc(r->nrule ? r->nrule : 1, sizeof(*v))) == NULL)
		return CP_ENOMEM;
	for (i = 0; i < r->nrule; i++)
		if (c[i].runs > 0) {
			v[n].secs = c[i].secs;
			v[n++].rule = i;
			total += c[i].secs;
		}
	qsort(v, n, sizeof(*v), by_cost);
	fprintf(stderr, "claimpipe: extract: rule costs, dearest first "
	    "(matching took %.3f s)\n", total);
	fprintf(stderr, "%7s %10s %10s %10s  %s\n", "share", "runs",
	    "searches", "matches", "rule");
	for (i = 0; i < n; i++) {
		k = &c[v[i].rule];
		fprintf(stderr, "%6.1f%% %10lu %10lu %10lu  %s\n", total > 0 ?
		    100 * k->secs / total : 0.0, k->runs, k->searches,
		    k->matches, r->rule[v[i].rule].qid);
	}
	free(v);
	return 0;
}

static int
sentence(void *arg, const char *line, size_t len)
{
	struct ex *z = arg;
	struct cp_diag d;
	struct cp_span sp;
	const char *id, *text, *raw = NULL;
	size_t idlen, tlen, i, rule, rawlen = 0;
	char why[600];
	int rc;

	cp_buf_reset(&z->sent);
	rc = cp_rec_str(z->in.rec, "doc", &id, &idlen);
	if (rc == 0)
		rc = cp_rec_str(z->in.rec, "text", &text, &tlen);
	/* sent: a JSON integer, written back as it came */
	if (rc == 0 && cp_rec_raw(z->in.rec, "sent", &raw, &rawlen) != 0)
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
		recin_reject(&z->in, line, len, 0, "sentence record without a string "
		    "\"doc\", a string \"text\" and an integer \"sent\"");
		return 0;
	}
	/* The map's implicit start is the sentence's original start. */
	if ((rc = cp_rec_span(z->in.rec, "span", &sp)) == CP_EINPUT) {
		recin_reject(&z->in, line, len, 0, "sentence record whose \"span\" is not "
		    "[start, end] with start <= end");
		return 0;
	}
	if (rc != 0)
		sp.start = 0;
	cp_diag_clear(&d);
	rc = cp_rec_map(z->in.rec, "map", sp.start, tlen, &z->map, &d);
	if (rc == CP_ENOMEM)
		return rc;
	if (rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "sentence record: %s", d.msg);
		recin_reject(&z->in, line, len, 0, why);
		return 0;
	}
	/* No map: the text is the original, from span[0] (or 0). */
	z->sentences++;
	if (z->sent.len == 1 && z->sent.data[0] == '0')
		cp_extract_reset(z->ext);
	if ((rc = cp_extract_run(z->ext, z->mx, id, idlen, text, tlen, &z->map,
	    0, &z->res)) != 0)
		return rc;
	if (z->keep && (rc = recin_put_line(&z->in, line, len)) != 0)
		return rc;
	for (i = 0; i < z->res.n; i++) {
		if ((rc = cp_extract_write(&z->out.buf, z->ext, &z->res, i, id,
		    idlen, z->sent.data, z->sent.len, text, &z->map,
		    z->in.rec, NULL)) != 0)
			return rc;
		z->claims++;
		z->hedged += z->res.c[i].nhedge > 0;
		z->unsourced += !z->res.c[i].has_source;
	}
	if ((i = cp_mctx_limited(z->mx, &rule)) > 0)
		cli_warn(z->in.file, z->in.line, 0, "document '%.*s', sentence %s: "
		    "rules hit a match limit %zu time%s (the last: %s) and "
		    "were skipped there", (int)idlen, id, z->sent.data, i,
		    i > 1 ? "s" : "", z->rules->rule[rule].qid);
	return cp_out_flush(&z->out, 0);
}

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",		no_argument,		NULL, 'h' },
		{ "keep",		no_argument,		NULL, 'k' },
		{ "profile",		no_argument,		NULL, 'P' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "rejects",		required_argument,	NULL, 'r' },
		{ "stats",		no_argument,		NULL, 's' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct ex z;
	char **paths = NULL, **packs;
	size_t npacks = 0;
	int c, badpath, rc = 0;

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
		case 'P':
			z.profile = 1;
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
	if (cli_rejects_open(z.in.rejects_name, &z.in.rejects) != 0) {
		cli_rules_free(z.rules, z.matcher);
		return CLI_FATAL;
	}
	if ((z.mx = cp_mctx_new(z.matcher)) == NULL ||
	    (z.profile && cp_mctx_profile(z.mx) != 0) ||
	    (z.ext = cp_extract_new(z.matcher)) == NULL ||
	    (paths = cli_paths(argc, argv, &badpath)) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	if (badpath)
		z.in.rc = CLI_SKIPPED;
	z.in.type = "sentence";
	z.in.sink = sentence;
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
		cli_msg("extract: records in %lu: sentences %lu, passed through "
		    "%lu, rejected %lu; claims out %lu, hedged %lu, without a "
		    "source %lu", z.in.lines, z.sentences, z.in.passed, z.in.rejected,
		    z.claims, z.hedged, z.unsourced);
	if (z.profile && z.mx != NULL && profile(z.rules, z.mx) != 0) {
		cli_msg("out of memory");
		z.in.rc = CLI_FATAL;
	}
	z.in.rc = cli_rejects_close(z.in.rejects, z.in.rejects_name,
	    z.in.rc);
	cli_paths_free(paths);
	cp_extract_free(z.ext);
	cp_xresult_free(&z.res);
	cp_mctx_free(z.mx);
	recin_free(&z.in);
	cp_omap_free(&z.map);
	cp_buf_free(&z.sent);
	cli_rules_free(z.rules, z.matcher);
	return cli_finish(&z.out, z.in.rc);
}
