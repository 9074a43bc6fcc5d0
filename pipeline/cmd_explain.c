/*
 * cmd_explain.c -- claimpipe explain: what the rules make of a text.
 *
 * The text (the arguments, or stdin) goes through normalize, split and
 * extract as the pipeline would take it.  For each sentence it shows the
 * sentence with the kept spans marked, then every rule that matched --
 * the kept ones with their captures and the ones that lost, and why --
 * and the abbreviation rules that kept a mark from ending the sentence.
 * It is for people, not programs: the format may change.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp.h"
#include "buf.h"
#include "norm.h"
#include "omap.h"
#include "io.h"
#include "rules.h"
#include "match.h"
#include "sent.h"
#include "extract.h"
#include "cli.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe explain [-R pack]... [--color=when] [text ...]\n";

/* Role colours (SGR): claim, source, cue, hedge. */
static const char *const sgr[] = { "32", "36", "33", "35;1" };
static const char *const role_name[] = { "claim", "source", "cue", "hedge" };

struct xp {
	const struct cp_rules	*r;
	struct cp_mctx		*x;
	struct cp_extract	*e;
	struct cp_xresult	 res;
	struct cp_hits		 all;
	struct cp_omap		 smap;
	struct cp_buf		 st;
	int			 color;
};

static void
help(void)
{
	printf("%s\n"
"Run the pipeline (normalize, split, extract) on a text -- the arguments\n"
"joined by spaces, or stdin -- and show, sentence by sentence, every rule\n"
"that matched, its spans, which matches were kept and which lost, and\n"
"which abbreviation rules kept a mark from ending a sentence.  Offsets are\n"
"bytes of the text as given.  Kept spans are coloured on a terminal:\n"
"claim green, source cyan, cue yellow, hedge magenta.\n"
"\n"
"      --color=WHEN        auto (default: colour on a terminal unless\n"
"                          NO_COLOR is set), always or never\n"
"  -h, --help              print this help and exit\n"
"  -R, --rules PACK        a rule pack, as for extract; repeatable\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis);
}

static void
on(const struct xp *z, const char *code)
{
	if (z->color)
		printf("\033[%sm", code);
}

static void
off(const struct xp *z)
{
	if (z->color)
		printf("\033[0m");
}

/* The sentence with the kept claims' spans marked: in colour, or with
 * [role: ...] brackets when there is no colour. */
static void
show_sentence(const struct xp *z, const char *t, size_t len)
{
	unsigned char *role;
	size_t i, k, h;
	int cur = -1, r;

	if ((role = calloc(len + 1, 1)) == NULL)
		return;
	/* 0: none, 1 + role.  Contents first, so that the cue and source
	 * of an attribution nested in another's content show over it. */
	for (i = 0; i < z->res.n; i++) {
		const struct cp_xclaim *c = &z->res.c[i];

		for (k = 0; k < c->npart; k++)
			memset(role + c->part[k].start, 1 + CP_ROLE_CLAIM,
			    c->part[k].end - c->part[k].start);
	}
	for (i = 0; i < z->res.n; i++) {
		const struct cp_xclaim *c = &z->res.c[i];

		if (c->has_source && !c->cont)
			memset(role + c->source.start, 1 + CP_ROLE_SOURCE,
			    c->source.end - c->source.start);
		if (c->has_cue && !c->cont)
			memset(role + c->cue.start, 1 + CP_ROLE_CUE,
			    c->cue.end - c->cue.start);
		for (h = 0; h < c->nhedge; h++)
			memset(role + z->res.h[c->hedge + h].start,
			    1 + CP_ROLE_HEDGE, z->res.h[c->hedge + h].end -
			    z->res.h[c->hedge + h].start);
	}
	printf("  ");
	for (i = 0; i <= len; i++) {
		r = i < len ? role[i] - 1 : -1;
		if (r != cur) {
			if (cur >= 0) {
				if (z->color)
					off(z);
				else
					putchar(']');
			}
			if (r >= 0) {
				if (z->color)
					on(z, sgr[r]);
				else
					printf("[%s: ", role_name[r]);
			}
			cur = r;
		}
		if (i < len)
			putchar(t[i] == '\n' ? ' ' : t[i]);
	}
	putchar('\n');
	free(role);
}

static void
quoted_text(const struct xp *z, int role, const char *t, size_t len,
    struct cp_span sp)
{
	size_t i;

	if (role >= 0)
		on(z, sgr[role]);
	putchar('"');
	for (i = 0; i < len; i++)
		putchar(t[i] == '\n' ? ' ' : t[i]);
	putchar('"');
	if (role >= 0)
		off(z);
	printf(" [%zu,%zu]", sp.start, sp.end);
}

static void
quoted(const struct xp *z, int role, const char *t, struct cp_part p,
    const struct cp_omap *map)
{
	quoted_text(z, role, t + p.start, p.end - p.start,
	    cp_omap_span(map, p.start, p.end));
}

/* Was hit h kept?  Claims and hedges are compared by rule and span. */
static int
kept(const struct xp *z, const struct cp_hit *h)
{
	size_t i;

	for (i = 0; i < z->res.n; i++)
		if (z->res.c[i].rule == h->rule && z->res.c[i].start ==
		    h->start && z->res.c[i].end == h->end)
			return 1;
	for (i = 0; i < z->res.nh; i++)
		if (z->res.h[i].rule == h->rule && ((z->res.h[i].start ==
		    h->start && z->res.h[i].end == h->end) ||
		    (h->npart[CP_ROLE_HEDGE] > 0 && z->res.h[i].start ==
		    h->part[CP_ROLE_HEDGE][0].start)))
			return 1;
	return 0;
}

static int
sentence(struct xp *z, const char *text, const struct cp_omap *map,
    const struct cp_sents *ss, size_t n)
{
	const struct cp_sent *s = &ss->v[n];
	const char *t, *lt;
	size_t len = s->end - s->start, i, k, p;
	struct cp_span sp = cp_omap_span(map, s->start, s->end);
	int rc;

	if ((rc = cp_sent_text(&z->st, text, s)) != 0)
		return rc;
	t = z->st.data;
	if ((rc = cp_omap_slice(map, s->start, s->end, &z->smap)) != 0 ||
	    (rc = cp_extract_run(z->e, z->x, "-", 1, t, len, &z->smap, 0,
	    &z->res)) != 0)
		return rc;
	z->all.n = 0;
	if ((rc = cp_match_sentence(z->x, t, len,
	    CP_KIND_BIT(CP_RULE_ATTRIBUTION) | CP_KIND_BIT(CP_RULE_HEDGE), 1,
	    &z->all)) != 0)
		return rc;
	printf("sentence %zu [%zu,%zu]%s\n", n, sp.start, sp.end,
	    s->cut ? " (cut at the maximum length)" : "");
	show_sentence(z, t, len);
	for (i = 0; i < z->res.n; i++) {
		const struct cp_xclaim *c = &z->res.c[i];

		printf("  claim %zu, %s\n", i, c->rule == (size_t)-1 ?
		    "no attribution (a hedged statement)" :
		    z->r->rule[c->rule].qid);
		for (k = 0, lt = z->res.pool.data + c->lead_text; k < c->nlead;
		    lt += c->lead_len[k++]) {
			printf("    claim   ");
			quoted_text(z, CP_ROLE_CLAIM, lt, c->lead_len[k],
			    c->lead[k]);
			printf(" (an earlier sentence of the quotation)\n");
		}
		for (k = 0; k < c->npart; k++) {
			printf("    claim   ");
			quoted(z, CP_ROLE_CLAIM, t, c->part[k], &z->smap);
			putchar('\n');
		}
		if (c->has_source) {
			printf("    source  ");
			if (c->cont)
				quoted_text(z, CP_ROLE_SOURCE, z->res.pool.data +
				    c->csource_text, c->csource_len,
				    c->csource);
			else
				quoted(z, CP_ROLE_SOURCE, t, c->source,
				    &z->smap);
			printf(" %s", c->kind);
			if (c->has_refers)
				printf(", refers to \"%.*s\" [%zu,%zu]",
				    (int)c->refers_len, z->res.pool.data +
				    c->refers_text, c->refers.start,
				    c->refers.end);
			putchar('\n');
		}
		if (c->has_cue) {
			printf("    cue     ");
			if (c->cont)
				quoted_text(z, CP_ROLE_CUE, z->res.pool.data +
				    c->ccue_text, c->ccue_len, c->ccue);
			else
				quoted(z, CP_ROLE_CUE, t, c->cue, &z->smap);
			printf("%s\n", c->cont ? " (continues the quotation "
			    "it attributes)" : "");
		}
		for (k = 0; k < c->nhedge; k++) {
			const struct cp_xhedge *h = &z->res.h[c->hedge + k];
			struct cp_part hp;

			hp.start = h->start;
			hp.end = h->end;
			printf("    hedge   ");
			quoted(z, CP_ROLE_HEDGE, t, hp, &z->smap);
			printf(" %s (%s)\n", z->r->rule[h->rule].klass ?
			    z->r->rule[h->rule].klass : "-",
			    z->r->rule[h->rule].qid);
		}
	}
	for (i = 0; i < z->all.n; i++) {
		const struct cp_hit *h = &z->all.v[i];
		struct cp_part whole;

		if (kept(z, h))
			continue;
		whole.start = h->start;
		whole.end = h->end;
		printf("  lost  %s %s ", cp_rule_kind_name(
		    z->r->rule[h->rule].kind), z->r->rule[h->rule].qid);
		quoted(z, -1, t, whole, &z->smap);
		printf(": %s\n", z->r->rule[h->rule].kind ==
		    CP_RULE_ATTRIBUTION ? "its cue or source clashes with a "
		    "kept attribution's, or repeats a cue (priority, then "
		    "length, then position decide)" : "overlaps a kept hedge "
		    "(priority, then length, then position decide)");
	}
	for (p = 0; p < ss->nclaim; p++)
		if (ss->claim[p].end > s->start && ss->claim[p].end <= s->end)
			printf("  kept going: %s claimed \"%.*s\"\n",
			    z->r->rule[ss->claim[p].rule].qid,
			    (int)(ss->claim[p].end - ss->claim[p].start),
			    text + ss->claim[p].start);
	if ((i = cp_mctx_limited(z->x, &k)) > 0)
		printf("  limit: rules hit a match limit %zu time%s (the last: "
		    "%s) and were skipped\n", i, i > 1 ? "s" : "",
		    z->r->rule[k].qid);
	return 0;
}

int
cmd_explain(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "color",	required_argument,	NULL, 'C' },
		{ "colour",	required_argument,	NULL, 'C' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "rules",	required_argument,	NULL, 'R' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_norm_opts no = { 0 };
	struct cp_rules *r;
	struct cp_matcher *m;
	struct cp_norm *nz = NULL;
	struct cp_buf in = { 0 }, text = { 0 };
	struct cp_omap map = { 0 };
	struct cp_sents ss = { 0 };
	struct xp z;
	char **packs;
	size_t npacks = 0, i;
	int c, rc = 0, color = -1;

	memset(&z, 0, sizeof(z));
	if ((packs = calloc((size_t)argc + 1, sizeof(*packs))) == NULL) {
		cli_msg("out of memory");
		return CLI_FATAL;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "hR:V", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			if ((color = cli_color(optarg)) == -2) {
				cli_msg("explain: --color wants auto, always "
				    "or never, not '%s'", optarg);
				free(packs);
				return cli_usage(synopsis);
			}
			break;
		case 'h':
			free(packs);
			help();
			return cli_done();
		case 'R':
			packs[npacks++] = optarg;
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
	z.color = cli_color_on(color, STDOUT_FILENO);
	rc = cli_rules(packs, npacks, &r, &m);
	free(packs);
	if (rc != 0)
		return rc;
	z.r = r;
	if (optind < argc) {
		for (i = (size_t)optind; rc == 0 && i < (size_t)argc; i++)
			if ((i > (size_t)optind && cp_buf_putc(&in, ' ') != 0) ||
			    cp_buf_puts(&in, argv[i]) != 0)
				rc = CP_ENOMEM;
	} else if ((rc = cp_slurp(stdin, &in)) == CP_EIO)
		cli_msg("<stdin>: read error");
	if (rc == 0 && ((nz = cp_norm_new(&no)) == NULL ||
	    (z.x = cp_mctx_new(m)) == NULL ||
	    (z.e = cp_extract_new(m)) == NULL))
		rc = CP_ENOMEM;
	if (rc == 0)
		rc = cp_norm_run(nz, in.data ? in.data : "", in.len, &text, &map);
	if (rc == 0)
		rc = cp_sent_split(z.x, text.data ? text.data : "", text.len,
		    &map, CP_SENT_MAX, &ss);
	for (i = 0; rc == 0 && i < ss.n; i++)
		rc = sentence(&z, text.data, &map, &ss, i);
	if (rc == 0 && ss.n == 0)
		printf("no sentences\n");
	if (rc == CP_ENOMEM)
		cli_msg("out of memory");
	cp_xresult_free(&z.res);
	cp_hits_free(&z.all);
	cp_omap_free(&z.smap);
	cp_buf_free(&z.st);
	cp_extract_free(z.e);
	cp_mctx_free(z.x);
	cp_norm_free(nz);
	cp_sents_free(&ss);
	cp_omap_free(&map);
	cp_buf_free(&in);
	cp_buf_free(&text);
	cli_rules_free(r, m);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_msg("stdout: write error");
		return CLI_FATAL;
	}
	return rc == 0 ? CLI_OK : CLI_FATAL;
}
