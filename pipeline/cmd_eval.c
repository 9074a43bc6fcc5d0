/*
 * cmd_eval.c -- claimpipe eval: score the pipeline against gold files.
 *
 * Every document of the gold file goes through normalize, split and
 * extract as it would in a run (HTML documents, by their .html name,
 * with --html); the claim records are scored against the gold (gold.h,
 * docs/eval.md) and the scores printed as a table or as JSON.  With
 * --errors N the first N missed items and the first N false alarms are
 * listed with their sentences, so a rule author sees what to fix.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "norm.h"
#include "omap.h"
#include "io.h"
#include "rules.h"
#include "match.h"
#include "sent.h"
#include "extract.h"
#include "gold.h"
#include "cli.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe eval -g file [-j] [-e n] [-R pack]...\n";

struct ev {
	const struct cp_rules	*r;
	struct cp_mctx		*x;
	struct cp_extract	*e;
	struct cp_norm		*plain;
	struct cp_norm		*html;
	struct cp_xresult	 res;
	struct cp_buf		 text;
	struct cp_omap		 map;
	struct cp_omap		 smap;
	struct cp_buf		 st;
	struct cp_sents		 ss;
	struct cp_pclaim	*pc;
	size_t			 npc, cappc;
	struct cp_phedge	*ph;
	size_t			 nph, capph;
	struct cp_span		*sp;
	size_t			 capsp;
	struct cp_scores	 sc;
	long			 nerr;		/* --errors N, -1: none */
	int			 json;
	long			 shown[2];	/* false alarms, misses shown */
	const char		*goldname;
	long			 line;
};

static void
help(void)
{
	printf("%s\n"
"Run the pipeline on the documents of a gold file and score the claims\n"
"against the gold: cue, source and content (by overlapping tokens and by\n"
"exact span) for attribution gold (PolNeAR layout), hedge cues and hedged\n"
"sentences for hedge gold (CoNLL-2010 Wikipedia layout, or the sample\n"
"corpus's \"hedges\").  docs/eval.md defines every figure.\n"
"\n"
"  -e, --errors N          list the first N misses and N false alarms, each\n"
"                          with its sentence\n"
"  -g, --gold FILE         the gold file (JSON Lines, byte offsets)\n"
"  -h, --help              print this help and exit\n"
"  -j, --json              the scores as one JSON object\n"
"  -R, --rules PACK        a rule pack, as for extract; repeatable\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis);
}

static int
grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *nv;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? 2 * *cap : 64;
	while (c <= n)
		c *= 2;
	if ((nv = realloc(*v, c * size)) == NULL)
		return CP_ENOMEM;
	*v = nv;
	*cap = c;
	return 0;
}

static void
frag(struct cp_gfrag *f, const struct cp_omap *map, const struct cp_part *p,
    size_t n)
{
	size_t i;

	f->n = 0;
	for (i = 0; i < n && i < CP_GOLD_MAXFRAG; i++)
		f->f[f->n++] = cp_omap_span(map, p[i].start, p[i].end);
}

/* Print one error: what, where, and the sentence (original bytes). */
static void
show_error(struct ev *z, const struct cp_gdoc *g, const struct cp_gerr *er)
{
	FILE *fp = z->json ? stderr : stdout;
	size_t k, s = 0, e = g->len;

	for (k = 0; k < z->ss.n; k++)
		if (z->sp[k].start <= er->span.start &&
		    er->span.start < z->sp[k].end) {
			s = z->sp[k].start;
			e = z->sp[k].end;
			break;
		}
	if (e - s > 600)
		e = s + 600;
	fprintf(fp, "%s %s in %s [%zu,%zu]: \"%.*s\"\n    %.*s\n",
	    er->miss ? "MISSED" : "FALSE ", er->hedge ? "hedge" : "cue  ",
	    g->id, er->span.start, er->span.end,
	    (int)(er->span.end - er->span.start), g->text + er->span.start,
	    (int)(e - s), g->text + s);
}

static int
document(struct ev *z, struct cp_gdoc *g)
{
	struct cp_gerrs errs = { 0 };
	size_t i, k;
	int rc;

	if ((rc = cp_norm_run(g->html ? z->html : z->plain, g->text, g->len,
	    &z->text, &z->map)) != 0 ||
	    (rc = cp_sent_split(z->x, z->text.data ? z->text.data : "",
	    z->text.len, &z->map, CP_SENT_MAX, &z->ss)) != 0)
		return rc;
	if ((rc = grow((void **)&z->sp, &z->capsp, z->ss.n, sizeof(*z->sp))))
		return rc;
	z->npc = z->nph = 0;
	for (i = 0; i < z->ss.n; i++) {
		const struct cp_sent *s = &z->ss.v[i];

		z->sp[i] = cp_omap_span(&z->map, s->start, s->end);
		if ((rc = cp_sent_text(&z->st, z->text.data, s)) != 0)
			return rc;
		if (i == 0)
			cp_extract_reset(z->e);
		if ((rc = cp_omap_slice(&z->map, s->start, s->end,
		    &z->smap)) != 0 ||
		    (rc = cp_extract_run(z->e, z->x, g->id, strlen(g->id),
		    z->st.data, s->end - s->start, &z->smap, 0,
		    &z->res)) != 0)
			return rc;
		for (k = 0; k < z->res.n; k++) {
			const struct cp_xclaim *c = &z->res.c[k];
			struct cp_pclaim *p;

			if (c->rule == (size_t)-1)
				continue;	/* hedges only */
			if (c->cont) {
				/* a quotation going on: more content for the
				 * claim with that cue */
				for (p = z->pc + z->npc; p-- > z->pc; )
					if (p->cue.n == 1 && p->cue.f[0].start ==
					    c->ccue.start && p->cue.f[0].end ==
					    c->ccue.end)
						break;
				if (p >= z->pc && p->content.n <
				    CP_GOLD_MAXFRAG)
					p->content.f[p->content.n++] =
					    cp_omap_span(&z->smap, 0, c->part[0].end);
				continue;
			}
			if ((rc = grow((void **)&z->pc, &z->cappc, z->npc,
			    sizeof(*z->pc))) != 0)
				return rc;
			p = &z->pc[z->npc++];
			memset(p, 0, sizeof(*p));
			p->sent = i;
			frag(&p->content, &z->smap, c->part, c->npart);
			if (c->nlead > 0) {
				/* the lead comes first */
				size_t nl = c->nlead, nc = p->content.n;

				if (nl + nc > CP_GOLD_MAXFRAG)
					nc = CP_GOLD_MAXFRAG - nl;
				memmove(p->content.f + nl, p->content.f,
				    nc * sizeof(p->content.f[0]));
				memcpy(p->content.f, c->lead,
				    nl * sizeof(p->content.f[0]));
				p->content.n = nl + nc;
			}
			if (c->has_source)
				frag(&p->source, &z->smap, &c->source, 1);
			if (c->has_cue)
				frag(&p->cue, &z->smap, &c->cue, 1);
		}
		for (k = 0; k < z->res.nh; k++) {
			if ((rc = grow((void **)&z->ph, &z->capph, z->nph,
			    sizeof(*z->ph))) != 0)
				return rc;
			z->ph[z->nph].sent = i;
			z->ph[z->nph].vague = z->r->rule[z->res.h[k].rule].klass &&
			    strcmp(z->r->rule[z->res.h[k].rule].klass,
			    "vague-source") == 0;
			z->ph[z->nph++].span = cp_omap_span(&z->smap,
			    z->res.h[k].start, z->res.h[k].end);
		}
	}
	rc = cp_gold_score(g, z->pc, z->npc, z->ph, z->nph, z->sp, z->ss.n,
	    &z->sc, z->nerr > 0 ? &errs : NULL);
	for (i = 0; rc == 0 && i < errs.n; i++)
		if (z->shown[errs.v[i].miss] < z->nerr) {
			z->shown[errs.v[i].miss]++;
			show_error(z, g, &errs.v[i]);
		}
	free(errs.v);
	return rc;
}

static void
row(const char *name, const struct cp_prf *x)
{
	double p, r, f;

	cp_prf(x, &p, &r, &f);
	printf("%-18s %6.1f %6.1f %6.1f   %8.0f %8.0f %8.0f\n", name, p, r, f,
	    x->tp_p, x->pred, x->gold);
}

static void
jrow(const char *name, const struct cp_prf *x, int last)
{
	double p, r, f;

	cp_prf(x, &p, &r, &f);
	printf("\"%s\":{\"p\":%.2f,\"r\":%.2f,\"f\":%.2f,\"right\":%.0f,"
	    "\"found\":%.0f,\"predicted\":%.0f,\"gold\":%.0f}%s", name, p, r,
	    f, x->tp_p, x->tp_r, x->pred, x->gold, last ? "" : ",");
}

static void
report(const struct ev *z, const char *gold, int json, int attr, int hedge)
{
	const struct cp_scores *s = &z->sc;
	struct cp_buf q = { 0 };

	if (json) {
		cp_json_str(&q, gold, strlen(gold));
		printf("{\"gold\":%s,\"documents\":%lu,\"attributions\":%lu,"
		    "\"hedges\":%lu,", q.data, s->docs, s->attrs, s->hedges);
		cp_buf_free(&q);
		jrow("cue", &s->cue, 0);
		jrow("source_overlap", &s->source_overlap, 0);
		jrow("source_exact", &s->source_exact, 0);
		jrow("content_overlap", &s->content_overlap, 0);
		jrow("content_exact", &s->content_exact, 0);
		jrow("hedge", &s->hedge, 0);
		jrow("hedged_sentences", &s->hedged_sent, 1);
		printf("}\n");
		return;
	}
	printf("claimpipe eval: %s: %lu documents, %lu attributions, %lu "
	    "hedges\n", gold, s->docs, s->attrs, s->hedges);
	printf("%-18s %6s %6s %6s   %8s %8s %8s\n", "", "P", "R", "F",
	    "right", "predicted", "gold");
	if (attr) {
		row("cue", &s->cue);
		row("source overlap", &s->source_overlap);
		row("source exact", &s->source_exact);
		row("content overlap", &s->content_overlap);
		row("content exact", &s->content_exact);
	}
	if (hedge) {
		row("hedge cue", &s->hedge);
		row("hedged sentences", &s->hedged_sent);
	}
}

int
cmd_eval(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "errors",	required_argument,	NULL, 'e' },
		{ "gold",	required_argument,	NULL, 'g' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "rules",	required_argument,	NULL, 'R' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_norm_opts no = { 0 };
	struct cp_rules *r;
	struct cp_matcher *m;
	struct cp_lines *lines = NULL;
	struct cp_gdoc g;
	struct cp_diag d;
	struct ev z;
	const char *gold = NULL, *line;
	char **packs, *dir = NULL, *slash;
	size_t npacks = 0, len, i;
	long n;
	FILE *fp = NULL;
	int c, rc = 0, json = 0, got, attr = 0, hedge = 0, status = CLI_OK;

	memset(&z, 0, sizeof(z));
	z.nerr = 0;
	if ((packs = calloc((size_t)argc + 1, sizeof(*packs))) == NULL) {
		cli_msg("out of memory");
		return CLI_FATAL;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "e:g:hjR:V", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'e':
			if (cli_number(optarg, 0, 1000000, &n) != 0) {
				cli_msg("eval: --errors wants a number, not "
				    "'%s'", optarg);
				free(packs);
				return cli_usage(synopsis);
			}
			z.nerr = n;
			break;
		case 'g':
			gold = optarg;
			break;
		case 'h':
			free(packs);
			help();
			return cli_done();
		case 'j':
			json = z.json = 1;
			break;
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
	if (gold == NULL || optind < argc) {
		cli_msg(gold == NULL ? "eval: --gold FILE is needed" :
		    "eval: no operands, only --gold FILE");
		free(packs);
		return cli_usage(synopsis);
	}
	rc = cli_rules(packs, npacks, &r, &m);
	free(packs);
	if (rc != 0)
		return rc;
	z.r = r;
	if ((fp = fopen(gold, "rb")) == NULL) {
		cli_msg("%s: %s", gold, strerror(errno));
		cli_rules_free(r, m);
		return CLI_FATAL;
	}
	if ((dir = strdup(gold)) != NULL) {
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		else
			strcpy(dir, ".");
	}
	z.plain = cp_norm_new(&no);
	no.flags = CP_NORM_HTML;
	z.html = cp_norm_new(&no);
	if (dir == NULL || z.plain == NULL || z.html == NULL ||
	    (z.x = cp_mctx_new(m)) == NULL || (z.e = cp_extract_new(m)) ==
	    NULL || (lines = cp_lines_new(fp)) == NULL)
		rc = CP_ENOMEM;
	while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) != 0) {
		if (got < 0) {
			rc = got;
			break;
		}
		for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
		    line[i] == '\r'); i++)
			;
		if (i == len)
			continue;
		cp_diag_clear(&d);
		if ((rc = cp_gold_parse(line, len, dir, &g, &d)) == CP_EINPUT) {
			cli_warn(gold, cp_lines_lineno(lines), d.col,
			    "%s, document skipped", d.msg);
			status = CLI_SKIPPED;
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		attr |= g.has_attr;
		hedge |= g.has_hedge;
		rc = document(&z, &g);
		cp_gdoc_free(&g);
	}
	if (rc == CP_EIO)
		cli_msg("%s: %s", gold, strerror(errno));
	else if (rc == CP_ENOMEM)
		cli_msg("out of memory");
	else if (rc == 0) {
		if (z.nerr > 0 && !json)
			putchar('\n');
		report(&z, gold, json, attr, hedge);
	}
	cp_lines_free(lines);
	fclose(fp);
	free(dir);
	free(z.pc);
	free(z.ph);
	free(z.sp);
	cp_xresult_free(&z.res);
	cp_buf_free(&z.text);
	cp_omap_free(&z.map);
	cp_omap_free(&z.smap);
	cp_buf_free(&z.st);
	cp_sents_free(&z.ss);
	cp_extract_free(z.e);
	cp_mctx_free(z.x);
	cp_norm_free(z.plain);
	cp_norm_free(z.html);
	cli_rules_free(r, m);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return status;	/* the reader went away: quiet */
		cli_msg("stdout: %s", strerror(errno));
		return CLI_FATAL;
	}
	return rc != 0 ? CLI_FATAL : status;
}
