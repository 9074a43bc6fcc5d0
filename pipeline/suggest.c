/*
 * suggest.c -- claimpipe rules suggest: words for rule authors, mined
 * from gold annotations.
 *
 * Every run of one to three words that lies inside a gold cue (or gold
 * hedge) is a candidate.  For each, the report gives how often it sits
 * inside one when it occurs at all (precision), how many gold items it
 * reaches (recall), and how many of its occurrences inside gold items the
 * current pack already finds (a prediction overlaps them), so a rule
 * author grows lexicons from data instead of guessing.
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

struct gram {
	char		*s;
	unsigned long	 inside;	/* occurrences inside a gold item */
	unsigned long	 total;		/* occurrences anywhere */
	unsigned long	 items;		/* gold items holding it */
	unsigned long	 covered;	/* inside occurrences the pack finds */
	size_t		 last_item;	/* to count items once */
	unsigned long	 last_doc;
};

struct table {
	struct gram	*v;
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

static unsigned long
hash(const char *s, size_t n)
{
	unsigned long h = 1469598103934665603UL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211UL;
	return h;
}

/* The entry for s[0..n), made if make; NULL if absent or out of memory. */
static struct gram *
find(struct table *t, const char *s, size_t n, int make)
{
	struct gram *nv, *g;
	size_t i, k;

	if (t->n * 2 >= t->cap && make) {
		size_t cap = t->cap ? 2 * t->cap : 4096;

		if ((nv = calloc(cap, sizeof(*nv))) == NULL)
			return NULL;
		for (k = 0; k < t->cap; k++) {
			if (t->v[k].s == NULL)
				continue;
			i = hash(t->v[k].s, strlen(t->v[k].s)) & (cap - 1);
			while (nv[i].s != NULL)
				i = (i + 1) & (cap - 1);
			nv[i] = t->v[k];
		}
		free(t->v);
		t->v = nv;
		t->cap = cap;
	}
	if (t->cap == 0)
		return NULL;
	for (i = hash(s, n) & (t->cap - 1); t->v[i].s != NULL;
	    i = (i + 1) & (t->cap - 1)) {
		g = &t->v[i];
		if (strlen(g->s) == n && memcmp(g->s, s, n) == 0)
			return g;
	}
	if (!make)
		return NULL;
	g = &t->v[i];
	memset(g, 0, sizeof(*g));
	if ((g->s = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(g->s, s, n);
	g->s[n] = '\0';
	g->last_item = (size_t)-1;
	t->n++;
	return g;
}

struct word {
	size_t	start;
	size_t	end;
};

static int
is_wordc(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

/* The gold item (index) holding [s, e), or -1. */
static long
item_of(const struct cp_span *it, size_t n, size_t s, size_t e)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (it[i].start <= s && e <= it[i].end)
			return (long)i;
	return -1;
}

static int
covered_by(const struct cp_span *p, size_t n, size_t s, size_t e)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i].start < e && s < p[i].end)
			return 1;
	return 0;
}

static int
by_items(const void *a, const void *b)
{
	const struct gram *x = a, *y = b;

	if (x->items != y->items)
		return x->items > y->items ? -1 : 1;
	if (x->inside != y->inside)
		return x->inside > y->inside ? -1 : 1;
	return strcmp(x->s, y->s);
}

int
cmd_suggest(int argc, char **argv)
{
	static const char synopsis[] =
	    "usage: claimpipe rules suggest -g file [-n top] [-m count] "
	    "[-R pack]...\n";
	static const struct option longopts[] = {
		{ "gold",	required_argument,	NULL, 'g' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "min-count",	required_argument,	NULL, 'm' },
		{ "rules",	required_argument,	NULL, 'R' },
		{ "top",	required_argument,	NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_norm_opts no = { 0 };
	struct cp_rules *r;
	struct cp_matcher *m;
	struct cp_mctx *x = NULL;
	struct cp_extract *e = NULL;
	struct cp_norm *nz = NULL, *nzh = NULL;
	struct cp_xresult res = { 0 };
	struct cp_buf text = { 0 }, st = { 0 }, key = { 0 };
	struct cp_omap map = { 0 }, smap = { 0 };
	struct cp_sents ss = { 0 };
	struct cp_gdoc g;
	struct cp_diag d;
	struct cp_lines *lines = NULL;
	struct table t = { 0 };
	struct word *w = NULL;
	struct cp_span *items = NULL, *pred = NULL;
	size_t nw = 0, capw = 0, ni, np = 0, capp = 0, i, j, k, n, len;
	size_t npacks = 0;
	unsigned long doc = 0, nitems = 0;
	const char *gold = NULL, *line;
	char **packs, *dir = NULL, *slash;
	long top = 40, minc = 3, val, it;
	FILE *fp = NULL;
	int c, rc = 0, got;

	if ((packs = calloc((size_t)argc + 1, sizeof(*packs))) == NULL)
		return CLI_FATAL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "g:hm:n:R:", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'g':
			gold = optarg;
			break;
		case 'h':
			free(packs);
			printf("%s\n"
"Mine a gold file for words and short phrases (one to three words) that\n"
"sit inside gold cues (attribution gold) or gold hedges (hedge gold).\n"
"For each: how often it is inside one when it occurs (precision), how\n"
"many gold items it reaches (recall), and how many of those the pack\n"
"already finds.  Sorted by gold items reached.\n"
"\n"
"  -g, --gold FILE         the gold file (as for claimpipe eval)\n"
"  -h, --help              print this help and exit\n"
"  -m, --min-count N       only phrases inside at least N gold items (3)\n"
"  -n, --top N             print the first N (40)\n"
"  -R, --rules PACK        the pack to compare with; repeatable\n"
"\n" CLI_EXIT_HELP, synopsis);
			return cli_done();
		case 'm':
		case 'n':
			if (cli_number(optarg, 1, 1000000, &val) != 0) {
				cli_msg("rules suggest: -%c wants a number", c);
				free(packs);
				return cli_usage(synopsis);
			}
			if (c == 'm')
				minc = val;
			else
				top = val;
			break;
		case 'R':
			packs[npacks++] = optarg;
			break;
		default:
			free(packs);
			return cli_usage(synopsis);
		}
	}
	if (gold == NULL || optind < argc) {
		cli_msg("rules suggest: --gold FILE is needed, and no operands");
		free(packs);
		return cli_usage(synopsis);
	}
	rc = cli_rules(packs, npacks, &r, &m);
	free(packs);
	if (rc != 0)
		return rc;
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
	nz = cp_norm_new(&no);
	no.flags = CP_NORM_HTML;
	nzh = cp_norm_new(&no);
	if (dir == NULL || nz == NULL || nzh == NULL ||
	    (x = cp_mctx_new(m)) == NULL || (e = cp_extract_new(m)) == NULL ||
	    (lines = cp_lines_new(fp)) == NULL)
		rc = CP_ENOMEM;
	while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) > 0) {
		cp_diag_clear(&d);
		if (len == 0 || cp_gold_parse(line, len, dir, &g, &d) != 0)
			continue;
		doc++;
		/* gold items: cues, or hedge targets */
		ni = g.has_attr ? g.na : g.nh;
		if ((items = realloc(items, (ni + 1) * sizeof(*items))) ==
		    NULL) {
			rc = CP_ENOMEM;
			cp_gdoc_free(&g);
			break;
		}
		for (i = k = 0; i < ni; i++) {
			if (g.has_attr && g.a[i].cue.n > 0) {
				items[k] = g.a[i].cue.f[0];
				items[k++].end = g.a[i].cue.f[g.a[i].cue.n -
				    1].end;
			} else if (!g.has_attr && g.h[i].target)
				items[k++] = g.h[i].span;
		}
		ni = k;
		nitems += ni;
		/* what the pack finds */
		np = 0;
		rc = cp_norm_run(g.html ? nzh : nz, g.text, g.len, &text, &map);
		if (rc == 0)
			rc = cp_sent_split(x, text.data ? text.data : "",
			    text.len, &map, CP_SENT_MAX, &ss);
		for (i = 0; rc == 0 && i < ss.n; i++) {
			if ((rc = cp_sent_text(&st, text.data, &ss.v[i])) != 0 ||
			    (rc = cp_omap_slice(&map, ss.v[i].start,
			    ss.v[i].end, &smap)) != 0)
				break;
			if (i == 0)
				cp_extract_reset(e);
			if ((rc = cp_extract_run(e, x, g.id, strlen(g.id),
			    st.data, st.len, &smap, 0, &res)) != 0)
				break;
			for (k = 0; k < res.n + res.nh; k++) {
				if (np == capp) {
					capp = capp ? 2 * capp : 64;
					if ((pred = realloc(pred, capp *
					    sizeof(*pred))) == NULL) {
						rc = CP_ENOMEM;
						break;
					}
				}
				if (k < res.n && g.has_attr &&
				    res.c[k].has_cue && !res.c[k].cont)
					pred[np++] = cp_omap_span(&smap,
					    res.c[k].cue.start, res.c[k].cue.end);
				else if (k >= res.n && !g.has_attr)
					pred[np++] = cp_omap_span(&smap,
					    res.h[k - res.n].start,
					    res.h[k - res.n].end);
			}
		}
		/* the words of the original text */
		nw = 0;
		for (i = 0; rc == 0 && i < g.len; ) {
			if (!is_wordc((unsigned char)g.text[i])) {
				i++;
				continue;
			}
			if (nw == capw) {
				capw = capw ? 2 * capw : 1024;
				if ((w = realloc(w, capw * sizeof(*w))) == NULL) {
					rc = CP_ENOMEM;
					break;
				}
			}
			w[nw].start = i;
			while (i < g.len && is_wordc((unsigned char)g.text[i]))
				i++;
			w[nw++].end = i;
		}
		/* n-grams of 1..3 words: inside gold items, and anywhere */
		for (i = 0; rc == 0 && i < nw; i++)
			for (n = 1; n <= 3 && i + n <= nw; n++) {
				struct gram *gr;

				cp_buf_reset(&key);
				for (j = i; j < i + n; j++) {
					if (j > i && cp_buf_putc(&key, ' ') != 0)
						rc = CP_ENOMEM;
					for (k = w[j].start; k < w[j].end; k++)
						if (cp_buf_putc(&key, g.text[k] >= 'A' &&
						    g.text[k] <= 'Z' ? g.text[k] | 0x20 :
						    g.text[k]) != 0)
							rc = CP_ENOMEM;
				}
				it = item_of(items, ni, w[i].start,
				    w[i + n - 1].end);
				gr = find(&t, key.data, key.len, it >= 0);
				if (gr == NULL)
					continue;
				gr->total++;
				if (it < 0)
					continue;
				gr->inside++;
				if (gr->last_doc != doc || gr->last_item !=
				    (size_t)it) {
					gr->items++;
					gr->last_doc = doc;
					gr->last_item = (size_t)it;
				}
				gr->covered += covered_by(pred, np, w[i].start,
				    w[i + n - 1].end);
			}
		cp_gdoc_free(&g);
	}
	if (rc == 0) {
		struct gram *v = t.v;

		/* compact and sort */
		for (i = j = 0; i < t.cap; i++)
			if (v[i].s != NULL && v[i].items >= (unsigned long)minc)
				v[j++] = v[i];
			else
				free(v[i].s);
		t.n = j;
		qsort(v, j, sizeof(*v), by_items);
		printf("claimpipe rules suggest: %s: %lu documents, %lu gold "
		    "%s\n%-28s %9s %7s %8s %7s %8s\n", gold, doc, nitems,
		    "items (cues or hedges)", "phrase", "precision", "items",
		    "recall", "inside", "found");
		for (i = 0; i < j && (long)i < top; i++)
			printf("%-28s %8.1f%% %7lu %7.1f%% %7lu %7.0f%%\n",
			    v[i].s, v[i].total ? 100.0 * (double)v[i].inside /
			    (double)v[i].total : 0, v[i].items, nitems ? 100.0 *
			    (double)v[i].items / (double)nitems : 0,
			    v[i].inside, v[i].inside ? 100.0 *
			    (double)v[i].covered / (double)v[i].inside : 0);
		for (i = 0; i < j; i++)
			free(v[i].s);
		t.cap = 0;
	} else
		cli_msg("out of memory");
	for (i = 0; i < t.cap; i++)
		free(t.v[i].s);
	free(t.v);
	free(w);
	free(items);
	free(pred);
	free(dir);
	cp_lines_free(lines);
	fclose(fp);
	cp_buf_free(&text);
	cp_buf_free(&st);
	cp_buf_free(&key);
	cp_omap_free(&map);
	cp_omap_free(&smap);
	cp_sents_free(&ss);
	cp_xresult_free(&res);
	cp_extract_free(e);
	cp_mctx_free(x);
	cp_norm_free(nz);
	cp_norm_free(nzh);
	cli_rules_free(r, m);
	if (fflush(stdout) != 0 || ferror(stdout))
		return errno == EPIPE ? CLI_OK : CLI_FATAL;
	return rc == 0 ? CLI_OK : CLI_FATAL;
}
