/*
 * gold.c -- reading gold files and scoring against them (see gold.h and
 * docs/eval.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cp.h"
#include "buf.h"
#include "gold.h"

/* ---- reading ----------------------------------------------------------- */

static int
get_span(json_t *v, struct cp_span *sp, size_t len)
{
	json_t *a, *b;

	if (!json_is_array(v) || json_array_size(v) != 2)
		return -1;
	a = json_array_get(v, 0);
	b = json_array_get(v, 1);
	if (!json_is_integer(a) || !json_is_integer(b) ||
	    json_integer_value(a) < 0 || json_integer_value(b) <
	    json_integer_value(a) || (size_t)json_integer_value(b) > len)
		return -1;
	sp->start = (size_t)json_integer_value(a);
	sp->end = (size_t)json_integer_value(b);
	return 0;
}

/* A role: a list of [s,e] fragments (absent or null: empty). */
static int
get_frags(json_t *v, struct cp_gfrag *f, size_t len)
{
	size_t i;

	f->n = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return -1;
	for (i = 0; i < json_array_size(v); i++) {
		if (f->n == CP_GOLD_MAXFRAG)
			continue;	/* more fragments: the hull grows */
		if (get_span(json_array_get(v, i), &f->f[f->n], len) != 0)
			return -1;
		f->n++;
	}
	return 0;
}

static int
bad(struct cp_diag *d, const char *what)
{
	cp_diag_set(d, "%s", what);
	return CP_EINPUT;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
read_text(struct cp_gdoc *g, const char *dir, const char *file,
    struct cp_diag *d)
{
	struct cp_buf path = { 0 }, b = { 0 };
	FILE *fp;
	size_t n;
	int rc = 0;

	if (file[0] != '/' && dir != NULL && *dir != '\0' &&
	    (cp_buf_puts(&path, dir) != 0 || cp_buf_putc(&path, '/') != 0))
		rc = CP_ENOMEM;
	if (rc == 0 && (cp_buf_puts(&path, file) != 0))
		rc = CP_ENOMEM;
	if (rc == 0 && (fp = fopen(path.data, "rb")) == NULL) {
		cp_diag_set(d, "cannot read \"file\" %s", path.data);
		rc = CP_EINPUT;
	} else if (rc == 0) {
		while (rc == 0 && (rc = cp_buf_reserve(&b, 65536)) == 0 &&
		    (n = fread(b.data + b.len, 1, 65536, fp)) > 0)
			b.len += n;
		if (rc == 0 && ferror(fp)) {
			cp_diag_set(d, "cannot read \"file\" %s", path.data);
			rc = CP_EINPUT;
		}
		fclose(fp);
	}
	cp_buf_free(&path);
	if (rc != 0) {
		cp_buf_free(&b);
		return rc;
	}
	if (b.data == NULL && (b.data = malloc(1)) == NULL)
		return CP_ENOMEM;
	g->text = b.data;
	g->len = b.len;
	return 0;
}

int
cp_gold_parse(const char *line, size_t len, const char *dir,
    struct cp_gdoc *g, struct cp_diag *d)
{
	json_error_t err;
	json_t *root, *v, *a, *types;
	const char *s;
	size_t i;
	int rc = 0;

	memset(g, 0, sizeof(*g));
	if ((root = json_loadb(line, len, 0, &err)) == NULL) {
		cp_diag_set(d, "not JSON: %s", err.text);
		d->col = err.column;
		return CP_EINPUT;
	}
	if (!json_is_object(root)) {
		rc = bad(d, "not a JSON object");
		goto out;
	}
	v = json_object_get(root, "doc");
	if (v == NULL)
		v = json_object_get(root, "id");
	s = json_string_value(v);
	if ((g->id = strdup(s ? s : "?")) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	if ((v = json_object_get(root, "offsets")) != NULL &&
	    (!json_is_string(v) || strcmp(json_string_value(v), "bytes"))) {
		rc = bad(d, "offsets other than \"bytes\" are not supported");
		goto out;
	}
	if ((v = json_object_get(root, "text")) != NULL && json_is_string(v)) {
		g->len = json_string_length(v);
		if ((g->text = malloc(g->len + 1)) == NULL) {
			rc = CP_ENOMEM;
			goto out;
		}
		memcpy(g->text, json_string_value(v), g->len + 1);
	} else if ((v = json_object_get(root, "file")) != NULL &&
	    json_is_string(v)) {
		if ((rc = read_text(g, dir, json_string_value(v), d)) != 0)
			goto out;
		g->html = ends_with(json_string_value(v), ".html") ||
		    ends_with(json_string_value(v), ".htm");
	} else {
		rc = bad(d, "no \"text\" (or \"file\")");
		goto out;
	}
	g->html |= ends_with(g->id, ".html") || ends_with(g->id, ".htm");
	if ((v = json_object_get(root, "attributions")) != NULL) {
		if (!json_is_array(v)) {
			rc = bad(d, "\"attributions\" is not an array");
			goto out;
		}
		g->has_attr = 1;
		g->na = json_array_size(v);
		if ((g->a = calloc(g->na ? g->na : 1, sizeof(*g->a))) == NULL) {
			rc = CP_ENOMEM;
			goto out;
		}
		for (i = 0; i < g->na; i++) {
			a = json_array_get(v, i);
			if (!json_is_object(a) ||
			    get_frags(json_object_get(a, "source"),
			    &g->a[i].source, g->len) != 0 ||
			    get_frags(json_object_get(a, "cue"),
			    &g->a[i].cue, g->len) != 0 ||
			    get_frags(json_object_get(a, "content"),
			    &g->a[i].content, g->len) != 0) {
				rc = bad(d, "an attribution is not {source, "
				    "cue, content} lists of [start, end] inside "
				    "the text");
				goto out;
			}
		}
	}
	if ((v = json_object_get(root, "cues")) != NULL) {
		/* CoNLL-2010 Wikipedia: typed cues; the epistemic and
		 * doxastic ones are the hedges we look for */
		types = json_object_get(root, "cue_types");
		if (!json_is_array(v) || !json_is_array(types) ||
		    json_array_size(types) != json_array_size(v)) {
			rc = bad(d, "\"cues\" and \"cue_types\" are not arrays "
			    "of the same length");
			goto out;
		}
		g->has_hedge = 1;
		g->no_weasels = 1;
		g->nh = json_array_size(v);
		if ((g->h = calloc(g->nh ? g->nh : 1, sizeof(*g->h))) == NULL) {
			rc = CP_ENOMEM;
			goto out;
		}
		for (i = 0; i < g->nh; i++) {
			s = json_string_value(json_array_get(types, i));
			if (get_span(json_array_get(v, i), &g->h[i].span,
			    g->len) != 0) {
				rc = bad(d, "a cue is not [start, end] inside "
				    "the text");
				goto out;
			}
			g->h[i].target = s != NULL &&
			    (strcmp(s, "speculation_modal_probable") == 0 ||
			    strcmp(s, "speculation_hypo_doxastic") == 0);
		}
	} else if ((v = json_object_get(root, "hedges")) != NULL) {
		if (!json_is_array(v)) {
			rc = bad(d, "\"hedges\" is not an array");
			goto out;
		}
		g->has_hedge = 1;
		g->nh = json_array_size(v);
		if ((g->h = calloc(g->nh ? g->nh : 1, sizeof(*g->h))) == NULL) {
			rc = CP_ENOMEM;
			goto out;
		}
		for (i = 0; i < g->nh; i++) {
			a = json_array_get(v, i);
			if (get_span(json_object_get(a, "span"), &g->h[i].span,
			    g->len) != 0) {
				rc = bad(d, "a hedge has no \"span\" [start, "
				    "end] inside the text");
				goto out;
			}
			g->h[i].target = 1;
		}
	}
	if (!g->has_attr && !g->has_hedge)
		rc = bad(d, "no \"attributions\", \"cues\" or \"hedges\"");
out:
	json_decref(root);
	if (rc != 0)
		cp_gdoc_free(g);
	return rc;
}

void
cp_gdoc_free(struct cp_gdoc *g)
{
	free(g->id);
	free(g->text);
	free(g->a);
	free(g->h);
	memset(g, 0, sizeof(*g));
}

/* ---- scoring ----------------------------------------------------------- */

static int
overlaps(const struct cp_gfrag *a, const struct cp_gfrag *b)
{
	size_t i, j;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (a->f[i].start < b->f[j].end &&
			    b->f[j].start < a->f[i].end)
				return 1;
	return 0;
}

static int
span_in(struct cp_span s, const struct cp_gfrag *b)
{
	size_t j;

	for (j = 0; j < b->n; j++)
		if (s.start < b->f[j].end && b->f[j].start < s.end)
			return 1;
	return 0;
}

static int
is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Tokens: maximal runs of non-space bytes.  count(F) is the number of
 * tokens overlapping a fragment of F; common(F, G) those overlapping a
 * fragment of each.
 */
static void
tokens(const struct cp_gdoc *g, const struct cp_gfrag *f,
    const struct cp_gfrag *other, double *count, double *common)
{
	const char *t = g->text;
	struct cp_span tok;
	size_t lo = (size_t)-1, hi = 0, i;

	*count = *common = 0;
	for (i = 0; i < f->n; i++) {
		if (f->f[i].start < lo)
			lo = f->f[i].start;
		if (f->f[i].end > hi)
			hi = f->f[i].end;
	}
	if (f->n == 0)
		return;
	/* back to the start of the token holding lo */
	while (lo > 0 && !is_space(t[lo - 1]))
		lo--;
	for (i = lo; i < hi; ) {
		while (i < hi && is_space(t[i]))
			i++;
		if (i >= hi)
			break;
		tok.start = i;
		while (i < g->len && !is_space(t[i]))
			i++;
		tok.end = i;
		if (!span_in(tok, f))
			continue;
		(*count)++;
		if (other != NULL && span_in(tok, other))
			(*common)++;
	}
}

/* Not part of an exact span: white space, ASCII punctuation, curly
 * quotes and dashes at either end. */
static size_t
trim_len(const char *t, size_t i, size_t e, int back)
{
	static const char *const u[] = { "\xe2\x80\x9c", "\xe2\x80\x9d",
	    "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x80\x93",
	    NULL };
	size_t k;
	unsigned char c;

	if (i >= e)
		return 0;
	c = (unsigned char)t[back ? e - 1 : i];
	if (c < 0x80 && (is_space(c) || strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_"
	    "`{|}~", c) != NULL) && c != 0)
		return 1;
	for (k = 0; u[k] != NULL; k++)
		if (e - i >= 3 && memcmp(t + (back ? e - 3 : i), u[k], 3) == 0)
			return 3;
	return 0;
}

static struct cp_span
trimmed(const struct cp_gdoc *g, const struct cp_gfrag *f)
{
	struct cp_span h = f->f[0];
	size_t i, k;

	for (i = 1; i < f->n; i++) {
		if (f->f[i].start < h.start)
			h.start = f->f[i].start;
		if (f->f[i].end > h.end)
			h.end = f->f[i].end;
	}
	while ((k = trim_len(g->text, h.start, h.end, 0)) > 0)
		h.start += k;
	while ((k = trim_len(g->text, h.start, h.end, 1)) > 0)
		h.end -= k;
	return h;
}

static int
err_add(struct cp_gerrs *e, int miss, int hedge, struct cp_span sp)
{
	struct cp_gerr *nv;

	if (e == NULL)
		return 0;
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 64;

		if ((nv = realloc(e->v, cap * sizeof(*nv))) == NULL)
			return CP_ENOMEM;
		e->v = nv;
		e->cap = cap;
	}
	e->v[e->n].miss = miss;
	e->v[e->n].hedge = hedge;
	e->v[e->n++].span = sp;
	return 0;
}

static size_t
first_start(const struct cp_gfrag *f)
{
	size_t i, s = (size_t)-1;

	for (i = 0; i < f->n; i++)
		if (f->f[i].start < s)
			s = f->f[i].start;
	return s;
}

/* Index order of items by their cue's start (insertion sort). */
static void
order_by(size_t *ord, size_t n, const size_t *key)
{
	size_t i, j, t;

	for (i = 0; i < n; i++)
		ord[i] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && key[ord[j - 1]] > key[ord[j]]; j--) {
			t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
}

/* A predicted role against its gold pair's (gf, or NULL). */
static void
role_pred(const struct cp_gdoc *g, const struct cp_gfrag *pf,
    const struct cp_gfrag *gf, struct cp_prf *ovl, struct cp_prf *ex)
{
	double n, c;
	struct cp_span a, b;

	if (pf->n == 0)
		return;
	tokens(g, pf, gf, &n, &c);
	ovl->pred += n;
	ovl->tp_p += c;
	ovl->tp_r += c;
	ex->pred++;
	if (gf != NULL && gf->n > 0) {
		a = trimmed(g, pf);
		b = trimmed(g, gf);
		if (a.start == b.start && a.end == b.end) {
			ex->tp_p++;
			ex->tp_r++;
		}
	}
}

/* A gold role's share of the totals. */
static void
role_gold(const struct cp_gdoc *g, const struct cp_gfrag *gf,
    struct cp_prf *ovl, struct cp_prf *ex)
{
	double n, c;

	if (gf->n == 0)
		return;
	tokens(g, gf, NULL, &n, &c);
	ovl->gold += n;
	ex->gold++;
}

int
cp_gold_score(const struct cp_gdoc *g, const struct cp_pclaim *p, size_t np,
    const struct cp_phedge *ph, size_t nph, const struct cp_span *sents,
    size_t nsents, struct cp_scores *sc, struct cp_gerrs *errs)
{
	size_t *pk = NULL, *gk = NULL, *po = NULL, *go = NULL, *match = NULL;
	unsigned char *used = NULL, *gh = NULL, *phit = NULL;
	size_t i, j, k, n = np > g->na ? np : g->na;
	int rc = 0, ignored, found;

	sc->docs++;
	n = n > nph ? n : nph;
	n = n > g->nh ? n : g->nh;
	if ((pk = calloc(n + 1, sizeof(*pk))) == NULL ||
	    (gk = calloc(n + 1, sizeof(*gk))) == NULL ||
	    (po = calloc(n + 1, sizeof(*po))) == NULL ||
	    (go = calloc(n + 1, sizeof(*go))) == NULL ||
	    (match = calloc(n + 1, sizeof(*match))) == NULL ||
	    (used = calloc(n + 1, 1)) == NULL ||
	    (gh = calloc(nsents + 1, 1)) == NULL ||
	    (phit = calloc(nsents + 1, 1)) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	if (g->has_attr) {
		sc->attrs += g->na;
		/* cues: one to one, greedy in document order */
		for (i = 0; i < np; i++)
			pk[i] = first_start(&p[i].cue);
		for (i = 0; i < g->na; i++)
			gk[i] = first_start(&g->a[i].cue);
		order_by(po, np, pk);
		order_by(go, g->na, gk);
		for (i = 0; i < np; i++) {
			const struct cp_pclaim *x = &p[po[i]];

			match[po[i]] = (size_t)-1;
			if (x->cue.n == 0)
				continue;
			sc->cue.pred++;
			for (j = 0; j < g->na; j++)
				if (!used[go[j]] && overlaps(&x->cue,
				    &g->a[go[j]].cue)) {
					used[go[j]] = 1;
					match[po[i]] = go[j];
					sc->cue.tp_p++;
					sc->cue.tp_r++;
					break;
				}
			if (match[po[i]] == (size_t)-1 && (rc = err_add(errs, 0,
			    0, x->cue.f[0])) != 0)
				goto out;
		}
		for (j = 0; j < g->na; j++) {
			if (g->a[j].cue.n > 0)
				sc->cue.gold++;
			if (!used[j] && g->a[j].cue.n > 0 && (rc = err_add(errs,
			    1, 0, g->a[j].cue.f[0])) != 0)
				goto out;
		}
		/* sources and contents: of a matched pair, against each
		 * other; unmatched ones count in full on their side */
		for (i = 0; i < np; i++) {
			if (p[i].cue.n == 0)
				continue;
			k = match[i];
			role_pred(g, &p[i].source, k != (size_t)-1 ?
			    &g->a[k].source : NULL, &sc->source_overlap,
			    &sc->source_exact);
			role_pred(g, &p[i].content, k != (size_t)-1 ?
			    &g->a[k].content : NULL, &sc->content_overlap,
			    &sc->content_exact);
		}
		for (j = 0; j < g->na; j++) {
			role_gold(g, &g->a[j].source, &sc->source_overlap,
			    &sc->source_exact);
			role_gold(g, &g->a[j].content, &sc->content_overlap,
			    &sc->content_exact);
		}
	}
	if (g->has_hedge) {
		memset(used, 0, n + 1);
		for (j = 0; j < g->nh; j++)
			sc->hedges += g->h[j].target;
		for (i = 0; i < nph; i++) {
			/* a hedge on a cue of a type we do not look for, or
			 * a weasel where weasels are not annotated, is
			 * neither right nor wrong */
			ignored = g->no_weasels && ph[i].vague;
			for (j = 0; j < g->nh && !ignored; j++)
				ignored = !g->h[j].target && ph[i].span.start <
				    g->h[j].span.end && g->h[j].span.start <
				    ph[i].span.end;
			if (ignored)
				continue;
			sc->hedge.pred++;
			for (k = 0; k < nsents; k++)
				if (ph[i].span.start >= sents[k].start &&
				    ph[i].span.start < sents[k].end)
					phit[k] = 1;
			found = 0;
			for (j = 0; j < g->nh && !found; j++)
				if (g->h[j].target && !used[j] &&
				    ph[i].span.start < g->h[j].span.end &&
				    g->h[j].span.start < ph[i].span.end) {
					used[j] = 1;
					found = 1;
					sc->hedge.tp_p++;
					sc->hedge.tp_r++;
				}
			if (!found && (rc = err_add(errs, 0, 1, ph[i].span)) != 0)
				goto out;
		}
		for (j = 0; j < g->nh; j++) {
			if (!g->h[j].target)
				continue;
			sc->hedge.gold++;
			for (k = 0; k < nsents; k++)
				if (g->h[j].span.start >= sents[k].start &&
				    g->h[j].span.start < sents[k].end)
					gh[k] = 1;
			if (!used[j] && (rc = err_add(errs, 1, 1,
			    g->h[j].span)) != 0)
				goto out;
		}
		for (k = 0; k < nsents; k++) {
			sc->hedged_sent.pred += phit[k];
			sc->hedged_sent.gold += gh[k];
			sc->hedged_sent.tp_p += phit[k] && gh[k];
			sc->hedged_sent.tp_r += phit[k] && gh[k];
		}
	}
out:
	free(pk);
	free(gk);
	free(po);
	free(go);
	free(match);
	free(used);
	free(gh);
	free(phit);
	return rc;
}

void
cp_prf(const struct cp_prf *x, double *p, double *r, double *f)
{
	*p = x->pred > 0 ? 100.0 * x->tp_p / x->pred : 0;
	*r = x->gold > 0 ? 100.0 * x->tp_r / x->gold : 0;
	*f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}
