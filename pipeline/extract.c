/*
 * extract.c -- claims from sentences (see extract.h).
 */
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
#include "swar.h"

/* A named source seen earlier in the document. */
struct named {
	int		 set;
	struct cp_span	 span;
	struct cp_buf	 text;
};

enum { N_ANY, N_PERSON, N_ORG, N_N };

/* A quotation opened in sentences with no attribution, still open. */
struct lead {
	size_t		 n;
	struct cp_span	 span[CP_MAXLEAD];
	size_t		 len[CP_MAXLEAD];
	struct cp_buf	 text;		/* their texts, one after another */
};

/* The last sentence's claim that a quotation may continue. */
struct open {
	int		 set;
	int		 quote;		/* a quotation open at its end */
	size_t		 rule;
	char		 kind[32];
	int		 has_cue;
	int		 has_refers;
	struct cp_span	 source;
	struct cp_span	 cue;
	struct cp_span	 refers;
	struct cp_buf	 source_text;
	struct cp_buf	 cue_text;
	struct cp_buf	 refers_text;
};

struct cp_extract {
	const struct cp_matcher	*m;
	const struct cp_rules	*r;
	struct cp_buf		 doc;	/* the current document's id */
	int			 doc_set;
	struct named		 last[N_N];
	struct open		 open;
	struct lead		 lead;
	size_t			*order;	/* scratch for resolution */
	size_t			 norder;
	size_t			 caporder;
	unsigned char		*taken;
	size_t			 captaken;
};

struct cp_extract *
cp_extract_new(const struct cp_matcher *m)
{
	struct cp_extract *e;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->m = m;
	e->r = cp_matcher_rules(m);
	return e;
}

void
cp_extract_free(struct cp_extract *e)
{
	size_t i;

	if (e == NULL)
		return;
	cp_buf_free(&e->doc);
	for (i = 0; i < N_N; i++)
		cp_buf_free(&e->last[i].text);
	cp_buf_free(&e->open.source_text);
	cp_buf_free(&e->open.cue_text);
	cp_buf_free(&e->open.refers_text);
	cp_buf_free(&e->lead.text);
	free(e->order);
	free(e->taken);
	free(e);
}

void
cp_xresult_free(struct cp_xresult *r)
{
	free(r->c);
	free(r->h);
	cp_buf_free(&r->pool);
	cp_hits_free(&r->hits);
	cp_hits_free(&r->kinds);
	memset(r, 0, sizeof(*r));
}

/* ---- choosing among matches ------------------------------------------ */

/*
 * The order in which hits of one kind claim their place: priority, then
 * length, then start, then rule, then input order -- a total order, so
 * the result does not depend on the sort.
 */
static int
cmp_hit(const struct cp_extract *e, const struct cp_hits *h, size_t a,
    size_t b)
{
	const struct cp_hit *x = &h->v[a], *y = &h->v[b];
	int px = e->r->rule[x->rule].priority, py = e->r->rule[y->rule].priority;

	if (px != py)
		return px > py ? -1 : 1;
	if (x->end - x->start != y->end - y->start)
		return x->end - x->start > y->end - y->start ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int
grow(struct cp_extract *e, size_t n)
{
	size_t *no;
	unsigned char *nt;

	if (n > e->caporder) {
		if ((no = realloc(e->order, n * sizeof(*no))) == NULL)
			return CP_ENOMEM;
		e->order = no;
		e->caporder = n;
	}
	if (n > e->captaken) {
		if ((nt = realloc(e->taken, n)) == NULL)
			return CP_ENOMEM;
		e->taken = nt;
		e->captaken = n;
	}
	return 0;
}

static int
parts_overlap(const struct cp_hit *x, int rx, const struct cp_hit *y, int ry)
{
	size_t i, j;

	for (i = 0; i < x->npart[rx]; i++)
		for (j = 0; j < y->npart[ry]; j++)
			if (x->part[rx][i].start < y->part[ry][j].end &&
			    y->part[ry][j].start < x->part[rx][i].end)
				return 1;
	return 0;
}

/*
 * Two attributions clash when a cue or a source of one overlaps a cue or
 * a source of the other; contents may overlap (a nested attribution sits
 * inside the content of the one around it).
 */
static int
clash(const struct cp_hit *x, const struct cp_hit *y)
{
	return parts_overlap(x, CP_ROLE_CUE, y, CP_ROLE_CUE) ||
	    parts_overlap(x, CP_ROLE_CUE, y, CP_ROLE_SOURCE) ||
	    parts_overlap(x, CP_ROLE_SOURCE, y, CP_ROLE_CUE) ||
	    parts_overlap(x, CP_ROLE_SOURCE, y, CP_ROLE_SOURCE) ||
	    (x->npart[CP_ROLE_CUE] + y->npart[CP_ROLE_CUE] == 0 &&
	    x->start < y->end && y->start < x->end);
}

static int quote_after(const char *, size_t, int);

/*
 * Mark in e->taken the winning hits among those of kind k.  An
 * attribution whose cue lies inside a quotation of text (open at its
 * start if in) takes no part: it is speech the quotation reports.
 */
static int
keep(struct cp_extract *e, const struct cp_hits *h, enum cp_rule_kind k,
    const char *text, int in)
{
	size_t i, j, n = 0, a;
	int overlap;

	if (grow(e, h->n ? h->n : 1) != 0)
		return CP_ENOMEM;
	for (i = 0; i < h->n; i++) {
		e->taken[i] = 0;
		if (e->r->rule[h->v[i].rule].kind != k)
			continue;
		if (k == CP_RULE_ATTRIBUTION && h->v[i].npart[CP_ROLE_CUE] >
		    0 && quote_after(text, h->v[i].part[CP_ROLE_CUE][0].start,
		    in))
			continue;
		/* insertion sort: hit lists are short */
		for (j = n++; j > 0 && cmp_hit(e, h, e->order[j - 1], i) > 0; j--)
			e->order[j] = e->order[j - 1];
		e->order[j] = i;
	}
	for (i = 0; i < n; i++) {
		a = e->order[i];
		overlap = 0;
		for (j = 0; j < i && !overlap; j++) {
			const struct cp_hit *x = &h->v[a], *y =
			    &h->v[e->order[j]];

			if (!e->taken[e->order[j]])
				continue;
			overlap = k == CP_RULE_ATTRIBUTION ? clash(x, y) :
			    x->start < y->end && y->start < x->end;
		}
		e->taken[a] = !overlap;
	}
	return 0;
}

/* ---- sources ----------------------------------------------------------- */

static int
set_named(struct named *n, struct cp_span sp, const char *t, size_t len)
{
	n->set = 1;
	n->span = sp;
	cp_buf_reset(&n->text);
	return cp_buf_put(&n->text, t, len);
}

/* The kind of the source s of text, from the source-kind rules, and the
 * referent of a pronoun. */
static int
source_kind(struct cp_extract *e, struct cp_mctx *x, const char *text,
    const struct cp_omap *map, struct cp_xclaim *c, struct cp_xresult *out)
{
	const struct cp_rule *best = NULL, *ru;
	const struct cp_hit *hb = NULL;
	const char *klass, *sub;
	struct named *n;
	struct cp_span sp;
	size_t i, len = c->source.end - c->source.start;
	int rc, which;

	out->kinds.n = 0;
	if ((rc = cp_match_sentence(x, text + c->source.start, len,
	    CP_KIND_BIT(CP_RULE_SOURCE_KIND), 0, &out->kinds)) != 0)
		return rc;
	for (i = 0; i < out->kinds.n; i++) {
		const struct cp_hit *h = &out->kinds.v[i];

		ru = &e->r->rule[h->rule];
		if (best == NULL || ru->priority > best->priority ||
		    (ru->priority == best->priority && h->end - h->start >
		    hb->end - hb->start)) {
			best = ru;
			hb = h;
		}
	}
	klass = best != NULL && best->klass != NULL ? best->klass : "named";
	/* "pronoun:org" is a pronoun that refers to an organisation */
	sub = strchr(klass, ':');
	snprintf(c->kind, sizeof(c->kind), "%.*s", (int)(sub ? (size_t)(sub -
	    klass) : strlen(klass)), klass);
	which = sub == NULL ? N_ANY : strcmp(sub + 1, "org") == 0 ? N_ORG :
	    N_PERSON;
	sp = cp_omap_span(map, c->source.start, c->source.end);
	if (strcmp(c->kind, "named") == 0) {
		if (set_named(&e->last[N_ANY], sp, text + c->source.start,
		    len) != 0 || set_named(&e->last[which == N_ORG ? N_ORG :
		    N_PERSON], sp, text + c->source.start, len) != 0)
			return CP_ENOMEM;
	} else if (strcmp(c->kind, "pronoun") == 0 && e->last[which].set) {
		n = &e->last[which];
		c->has_refers = 1;
		c->refers = n->span;
		c->refers_text = out->pool.len;
		c->refers_len = n->text.len;
		if (cp_buf_put(&out->pool, n->text.data, n->text.len) != 0)
			return CP_ENOMEM;
	}
	return 0;
}

/* ---- one sentence ------------------------------------------------------ */

/*
 * A claim of an inherit-source rule that found no source takes the
 * source of the nearest claim before its cue that has one, unless its cue
 * lies inside that claim's content: "Lee said X, adding that Y" gives
 * "adding" Lee's source, "Lee said Kim was adding that Y" does not.
 */
static void
inherit(const struct cp_extract *e, struct cp_xresult *out, size_t i)
{
	struct cp_xclaim *c = &out->c[i];
	const struct cp_xclaim *d;
	size_t j, k;

	if (c->has_source || !c->has_cue || !e->r->rule[c->rule].inherit_source)
		return;
	for (j = out->n; j-- > 0; ) {
		d = &out->c[j];
		if (j == i || !d->has_source || !d->has_cue ||
		    d->cue.start >= c->cue.start)
			continue;
		for (k = 0; k < d->npart; k++)
			if (d->part[k].start <= c->cue.start &&
			    c->cue.end <= d->part[k].end)
				return;
		c->source = d->source;
		c->has_source = 1;
		return;
	}
}

static struct cp_xclaim *
claim_new(struct cp_xresult *out)
{
	struct cp_xclaim *nv, *c;

	if (out->n == out->cap) {
		size_t cap = out->cap ? 2 * out->cap : 8;

		if ((nv = realloc(out->c, cap * sizeof(*nv))) == NULL)
			return NULL;
		out->c = nv;
		out->cap = cap;
	}
	c = &out->c[out->n++];
	memset(c, 0, sizeof(*c));
	return c;
}

static int
by_start(const void *a, const void *b)
{
	const struct cp_part *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

void
cp_extract_reset(struct cp_extract *e)
{
	size_t i;

	cp_buf_reset(&e->doc);
	e->doc_set = 0;
	for (i = 0; i < N_N; i++)
		e->last[i].set = 0;
	e->open.set = e->open.quote = 0;
	e->lead.n = 0;
}

/* ---- quotations that go on ---------------------------------------------- */

#define LDQ	"\xE2\x80\x9C"	/* “ */
#define RDQ	"\xE2\x80\x9D"	/* ” */
#define LSQ	"\xE2\x80\x98"	/* ‘ */

static int
has_prefix(const char *t, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(t, p, n) == 0;
}

/* Where a quotation mark may start at or after i: a " or ' or the lead
 * byte of a curly one (len if none); plain runs are skipped eight bytes
 * at a time. */
static size_t
next_quote(const char *t, size_t i, size_t len)
{
	uint64_t v;

	for (; i + 8 <= len; i += 8) {
		v = swar_load((const unsigned char *)t + i);
		if (swar_eq(v, '"') | swar_eq(v, '\'') | swar_eq(v, 0xE2))
			break;
	}
	for (; i < len; i++)
		if (t[i] == '"' || t[i] == '\'' || t[i] == '\xE2')
			break;
	return i;
}

/* Does the sentence open with a quotation mark? */
static int
opens_quote(const char *t, size_t len)
{
	return has_prefix(t, len, LDQ) || has_prefix(t, len, LSQ) ||
	    has_prefix(t, len, "\"") || has_prefix(t, len, "''");
}

/* Does t hold a double quotation mark? */
static int
holds_quote(const char *t, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (t[i] == '"' || has_prefix(t + i, len - i, "''") ||
		    has_prefix(t + i, len - i, LDQ) ||
		    has_prefix(t + i, len - i, RDQ))
			return 1;
	return 0;
}

/*
 * Is a double quotation open at the end of t, given whether it was at
 * its start?  (“ opens, ” closes, " and '' toggle.)  If at is not NULL,
 * *at is where the quotation open at the end began (0 if at the start).
 */
static int
quote_state(const char *t, size_t len, int open, size_t *at)
{
	size_t i, n, from = 0;
	int was;

	for (i = next_quote(t, 0, len); i < len; i = next_quote(t, i + n,
	    len)) {
		n = 1;
		was = open;
		if (has_prefix(t + i, len - i, LDQ))
			open = 1;
		else if (has_prefix(t + i, len - i, RDQ))
			open = 0;
		else if (t[i] == '"')
			open = !open;
		else if (has_prefix(t + i, len - i, "''")) {
			open = !open;
			n = 2;
		}
		if (open && !was)
			from = i;
	}
	if (at != NULL)
		*at = from;
	return open;
}

static int
quote_after(const char *t, size_t len, int open)
{
	return quote_state(t, len, open, NULL);
}

/* Where the quotation open at the start of t closes (len if it does not). */
static size_t
first_close(const char *t, size_t len)
{
	size_t i;

	for (i = next_quote(t, 0, len); i < len; i = next_quote(t, i + 1, len))
		if (has_prefix(t + i, len - i, RDQ) || t[i] == '"' ||
		    has_prefix(t + i, len - i, "''"))
			return i;
	return len;
}

static int
keep_role(struct cp_buf *to, struct cp_span *sp, const struct cp_omap *map,
    const char *text, struct cp_part p)
{
	*sp = cp_omap_span(map, p.start, p.end);
	cp_buf_reset(to);
	return cp_buf_put(to, text + p.start, p.end - p.start);
}

/* Claim c of this sentence (text, map) is the one a quotation may go on
 * from: keep its source and cue as they are outside the sentence. */
static int
open_claim(struct cp_extract *e, const char *text, const struct cp_omap *map,
    const struct cp_xclaim *c, const struct cp_xresult *out)
{
	struct open *o = &e->open;

	o->set = 1;
	o->rule = c->rule;
	memcpy(o->kind, c->kind, sizeof(o->kind));
	if (keep_role(&o->source_text, &o->source, map, text, c->source) != 0)
		return CP_ENOMEM;
	if ((o->has_cue = c->has_cue) && keep_role(&o->cue_text, &o->cue, map,
	    text, c->cue) != 0)
		return CP_ENOMEM;
	if ((o->has_refers = c->has_refers)) {
		o->refers = c->refers;
		cp_buf_reset(&o->refers_text);
		if (cp_buf_put(&o->refers_text, out->pool.data +
		    c->refers_text, c->refers_len) != 0)
			return CP_ENOMEM;
	}
	return 0;
}

/* A continuation of the open claim: the whole sentence text[0..len). */
static int
continue_claim(struct cp_extract *e, size_t len, struct cp_xresult *out)
{
	const struct open *o = &e->open;
	struct cp_xclaim *c;

	if ((c = claim_new(out)) == NULL)
		return CP_ENOMEM;
	c->rule = o->rule;
	c->cont = 1;
	c->part[0].start = c->start = 0;
	c->part[0].end = c->end = len;
	c->npart = 1;
	c->has_source = 1;
	c->csource = o->source;
	c->csource_text = out->pool.len;
	c->csource_len = o->source_text.len;
	if (cp_buf_put(&out->pool, o->source_text.data, o->source_text.len))
		return CP_ENOMEM;
	memcpy(c->kind, o->kind, sizeof(c->kind));
	if ((c->has_refers = o->has_refers)) {
		c->refers = o->refers;
		c->refers_text = out->pool.len;
		c->refers_len = o->refers_text.len;
		if (cp_buf_put(&out->pool, o->refers_text.data,
		    o->refers_text.len) != 0)
			return CP_ENOMEM;
	}
	if ((c->has_cue = o->has_cue)) {
		c->ccue = o->cue;
		c->ccue_text = out->pool.len;
		c->ccue_len = o->cue_text.len;
		if (cp_buf_put(&out->pool, o->cue_text.data, o->cue_text.len))
			return CP_ENOMEM;
	}
	return 0;
}

/*
 * A sentence with no attribution: if a quotation opened in it (or in the
 * lead before it) is still open at its end, its quoted text joins the
 * lead; else the lead is dropped.
 */
static int
lead_note(struct cp_extract *e, const char *text, size_t len,
    const struct cp_omap *map)
{
	struct lead *l = &e->lead;
	size_t at;

	if (!quote_state(text, len, l->n > 0, &at) || l->n == CP_MAXLEAD ||
	    at >= len) {
		l->n = 0;
		return 0;
	}
	if (l->n == 0)
		cp_buf_reset(&l->text);
	l->span[l->n] = cp_omap_span(map, at, len);
	l->len[l->n++] = len - at;
	return cp_buf_put(&l->text, text + at, len - at);
}

/* Claim c, whose content starts inside the lead's quotation, takes the
 * lead in. */
static int
lead_take(struct cp_extract *e, struct cp_xclaim *c, struct cp_xresult *out)
{
	const struct lead *l = &e->lead;
	size_t k;

	c->nlead = l->n;
	c->lead_text = out->pool.len;
	for (k = 0; k < l->n; k++) {
		c->lead[k] = l->span[k];
		c->lead_len[k] = l->len[k];
	}
	return cp_buf_put(&out->pool, l->text.data, l->text.len);
}

/*
 * After this sentence's attributions (out->n of them): the last one whose
 * source is not inside a quotation ("“Then he said no,” she added" is
 * hers) takes in the lead when its content starts inside the lead's
 * quotation, and is opened when the sentence holds a quotation mark.
 * With none, continue the open claim when this sentence opens a
 * quotation or lies in one still open; else note the sentence's open
 * quotation in the lead.
 */
static int
quotations(struct cp_extract *e, const char *text, size_t len,
    const struct cp_omap *map, int in, struct cp_xresult *out)
{
	struct open *o = &e->open;
	struct cp_xclaim *c;
	size_t i;
	int rc;

	if (out->n > 0) {
		o->set = 0;
		for (i = out->n; i-- > 0; )
			if (out->c[i].has_source && !quote_after(text,
			    out->c[i].source.start, in))
				break;
		c = i < out->n ? &out->c[i] : NULL;
		/* the lead's quotation closes in this claim's content */
		if (c != NULL && e->lead.n > 0 && c->npart > 0 &&
		    c->part[0].start < first_close(text, len) &&
		    (rc = lead_take(e, c, out)) != 0)
			return rc;
		e->lead.n = 0;
		if (c != NULL && holds_quote(text, len) &&
		    (rc = open_claim(e, text, map, c, out)) != 0)
			return rc;
		o->quote = quote_after(text, len, in);
	} else if (o->set && (opens_quote(text, len) || o->quote)) {
		if ((rc = continue_claim(e, len, out)) != 0)
			return rc;
		o->quote = quote_after(text, len, o->quote);
	} else {
		o->set = o->quote = 0;
		return lead_note(e, text, len, map);
	}
	return 0;
}

int
cp_extract_run(struct cp_extract *e, struct cp_mctx *x, const char *doc,
    size_t doclen, const char *text, size_t len, const struct cp_omap *map,
    int noprefilter, struct cp_xresult *out)
{
	struct cp_hits *h = &out->hits;
	struct cp_xclaim *c, tmp;
	struct cp_xhedge *nh;
	size_t i, j, ci, nclaims, target;
	int rc, in;

	out->n = out->nh = 0;
	cp_buf_reset(&out->pool);
	if (!e->doc_set || e->doc.len != doclen || (doclen > 0 &&
	    memcmp(e->doc.data, doc, doclen) != 0)) {
		/* a new document: forget the old one's sources */
		cp_extract_reset(e);
		if (cp_buf_put(&e->doc, doc, doclen) != 0)
			return CP_ENOMEM;
		e->doc_set = 1;
	}
	/* is a quotation open where the sentence starts? */
	in = e->lead.n > 0 || e->open.quote;
	h->n = 0;
	if ((rc = cp_match_sentence(x, text, len,
	    CP_KIND_BIT(CP_RULE_ATTRIBUTION) | CP_KIND_BIT(CP_RULE_HEDGE),
	    noprefilter, h)) != 0)
		return rc;
	/* Attributions. */
	if ((rc = keep(e, h, CP_RULE_ATTRIBUTION, text, in)) != 0)
		return rc;
	for (i = 0; i < h->n; i++) {
		const struct cp_hit *t = &h->v[i];

		if (!e->taken[i] || e->r->rule[t->rule].kind !=
		    CP_RULE_ATTRIBUTION)
			continue;
		if ((c = claim_new(out)) == NULL)
			return CP_ENOMEM;
		c->rule = t->rule;
		c->start = t->start;
		c->end = t->end;
		c->npart = t->npart[CP_ROLE_CLAIM];
		memcpy(c->part, t->part[CP_ROLE_CLAIM], c->npart *
		    sizeof(c->part[0]));
		qsort(c->part, c->npart, sizeof(c->part[0]), by_start);
		if ((c->has_source = t->npart[CP_ROLE_SOURCE] > 0))
			c->source = cp_parts_hull(t->part[CP_ROLE_SOURCE],
			    t->npart[CP_ROLE_SOURCE]);
		if ((c->has_cue = t->npart[CP_ROLE_CUE] > 0))
			c->cue = cp_parts_hull(t->part[CP_ROLE_CUE],
			    t->npart[CP_ROLE_CUE]);
	}
	/* In text order (insertion sort: few claims per sentence). */
	for (i = 1; i < out->n; i++)
		for (j = i; j > 0 && out->c[j - 1].start > out->c[j].start; j--) {
			tmp = out->c[j];
			out->c[j] = out->c[j - 1];
			out->c[j - 1] = tmp;
		}
	for (i = 0; i < out->n; i++)
		inherit(e, out, i);
	for (i = 0; i < out->n; i++)
		if (out->c[i].has_source && (rc = source_kind(e, x, text, map,
		    &out->c[i], out)) != 0)
			return rc;
	if ((rc = quotations(e, text, len, map, in, out)) != 0)
		return rc;
	/* Hedges: each to the claim whose match holds it, else to the
	 * sentence's first claim, else to a claim of its own with no
	 * source -- an unattributed hedged statement. */
	if ((rc = keep(e, h, CP_RULE_HEDGE, text, in)) != 0)
		return rc;
	nclaims = out->n;
	for (i = 0; i < h->n; i++) {
		const struct cp_hit *t = &h->v[i];
		size_t s = t->start, en = t->end;

		if (!e->taken[i] || e->r->rule[t->rule].kind != CP_RULE_HEDGE)
			continue;
		if (t->npart[CP_ROLE_HEDGE] > 0) {
			struct cp_part p = cp_parts_hull(t->part[CP_ROLE_HEDGE],
			    t->npart[CP_ROLE_HEDGE]);

			s = p.start;
			en = p.end;
		}
		target = 0;
		for (ci = 0; ci < nclaims; ci++)
			if (out->c[ci].start <= s && en <= out->c[ci].end) {
				target = ci;
				break;
			}
		if (nclaims == 0) {
			if (out->n == 0) {
				if ((c = claim_new(out)) == NULL)
					return CP_ENOMEM;
				c->rule = (size_t)-1;
				c->part[0].start = 0;
				c->part[0].end = len;
				c->npart = 1;
				c->start = 0;
				c->end = len;
			}
			target = 0;
		}
		if (out->nh == out->caph) {
			size_t cap = out->caph ? 2 * out->caph : 8;

			if ((nh = realloc(out->h, cap * sizeof(*nh))) == NULL)
				return CP_ENOMEM;
			out->h = nh;
			out->caph = cap;
		}
		out->h[out->nh].rule = t->rule;
		out->h[out->nh].start = s;
		out->h[out->nh].end = en;
		out->h[out->nh++].claim = target;
	}
	/* Group the hedges by claim, each group in text order. */
	for (i = 1; i < out->nh; i++)
		for (j = i; j > 0 && (out->h[j - 1].claim > out->h[j].claim ||
		    (out->h[j - 1].claim == out->h[j].claim &&
		    out->h[j - 1].start > out->h[j].start)); j--) {
			struct cp_xhedge t = out->h[j];

			out->h[j] = out->h[j - 1];
			out->h[j - 1] = t;
		}
	for (i = 0; i < out->n; i++) {
		out->c[i].hedge = out->nh;
		out->c[i].nhedge = 0;
	}
	for (i = out->nh; i-- > 0; ) {
		out->c[out->h[i].claim].hedge = i;
		out->c[out->h[i].claim].nhedge++;
	}
	return 0;
}

/* ---- writing ------------------------------------------------------------ */

static int
put_span(struct cp_buf *b, struct cp_span sp)
{
	int rc = cp_buf_putc(b, '[');

	if (rc == 0)
		rc = cp_buf_putu(b, sp.start);
	if (rc == 0)
		rc = cp_buf_putc(b, ',');
	if (rc == 0)
		rc = cp_buf_putu(b, sp.end);
	if (rc == 0)
		rc = cp_buf_putc(b, ']');
	return rc;
}

/* t[0..len) as the inside of a JSON string (escaped, no quotes). */
static int
put_inner(struct cp_buf *b, const char *t, size_t len)
{
	size_t at = b->len;

	if (cp_json_str(b, t, len) != 0)
		return CP_ENOMEM;
	memmove(b->data + at, b->data + at + 1, b->len - at - 2);
	b->len -= 2;
	return 0;
}

/* {"text":...,"span":[...]} without the closing brace. */
static int
put_role(struct cp_buf *b, const char *t, size_t len, struct cp_span sp)
{
	int rc = cp_buf_puts(b, "{\"text\":");

	if (rc == 0)
		rc = cp_json_str(b, t, len);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"span\":");
	if (rc == 0)
		rc = put_span(b, sp);
	return rc;
}

/* The same for part p of text. */
static int
put_part(struct cp_buf *b, const char *text, const struct cp_omap *map,
    struct cp_part p)
{
	return put_role(b, text + p.start, p.end - p.start,
	    cp_omap_span(map, p.start, p.end));
}

static int
put_rule(struct cp_buf *b, const struct cp_extract *e, size_t rule)
{
	if (rule == (size_t)-1)
		return cp_buf_puts(b, "null");
	return cp_json_str(b, e->r->rule[rule].qid,
	    strlen(e->r->rule[rule].qid));
}

int
cp_extract_write(struct cp_buf *b, const struct cp_extract *e,
    const struct cp_xresult *r, size_t i, const char *doc, size_t doclen,
    const char *sent, size_t sentlen, const char *text,
    const struct cp_omap *map, const struct cp_rec *rest,
    const char *const *skip)
{
	static const char *const own[] = { "type", "doc", "sent", "span",
	    "text", "map", "rule", "claim", "source", "cue", "hedges" };
	const char *all[sizeof(own) / sizeof(*own) + 8];
	const struct cp_xclaim *c = &r->c[i];
	size_t k;
	int rc;

	rc = cp_buf_puts(b, "{\"type\":\"claim\",\"doc\":");
	if (rc == 0)
		rc = cp_json_str(b, doc, doclen);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"sent\":");
	if (rc == 0)
		rc = cp_buf_put(b, sent, sentlen);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"rule\":");
	if (rc == 0)
		rc = put_rule(b, e, c->rule);
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"claim\":");
	if (rc == 0 && c->npart == 0)
		rc = cp_buf_puts(b, "null");
	else if (rc == 0) {
		/* the content: its lead's and parts' texts joined by a
		 * space, the hull of their spans, and the spans */
		struct cp_part hp = cp_parts_hull(c->part, c->npart);
		struct cp_span sp = cp_omap_span(map, hp.start, hp.end);
		const char *lt = r->pool.data + c->lead_text;

		rc = cp_buf_puts(b, "{\"text\":\"");
		for (k = 0; rc == 0 && k < c->nlead + c->npart; k++) {
			if (k > 0)
				rc = cp_buf_putc(b, ' ');
			if (rc == 0 && k < c->nlead) {
				rc = put_inner(b, lt, c->lead_len[k]);
				lt += c->lead_len[k];
			} else if (rc == 0)
				rc = put_inner(b, text + c->part[k -
				    c->nlead].start, c->part[k - c->nlead].end -
				    c->part[k - c->nlead].start);
		}
		if (c->nlead > 0)
			sp.start = c->lead[0].start;
		if (rc == 0)
			rc = cp_buf_puts(b, "\",\"span\":");
		if (rc == 0)
			rc = put_span(b, sp);
		if (rc == 0)
			rc = cp_buf_puts(b, ",\"parts\":[");
		for (k = 0; rc == 0 && k < c->nlead + c->npart; k++) {
			if (k > 0)
				rc = cp_buf_putc(b, ',');
			if (rc == 0)
				rc = put_span(b, k < c->nlead ? c->lead[k] :
				    cp_omap_span(map, c->part[k -
				    c->nlead].start, c->part[k - c->nlead].end));
		}
		if (rc == 0)
			rc = cp_buf_puts(b, "]}");
	}
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"source\":");
	if (rc == 0 && !c->has_source)
		rc = cp_buf_puts(b, "null");
	else if (rc == 0) {
		rc = c->cont ? put_role(b, r->pool.data + c->csource_text,
		    c->csource_len, c->csource) : put_part(b, text, map,
		    c->source);
		if (rc == 0)
			rc = cp_buf_puts(b, ",\"kind\":");
		if (rc == 0)
			rc = cp_json_str(b, c->kind, strlen(c->kind));
		if (rc == 0)
			rc = cp_buf_puts(b, ",\"refers\":");
		if (rc == 0 && !c->has_refers)
			rc = cp_buf_puts(b, "null");
		else if (rc == 0) {
			rc = cp_buf_puts(b, "{\"text\":");
			if (rc == 0)
				rc = cp_json_str(b, r->pool.data +
				    c->refers_text, c->refers_len);
			if (rc == 0)
				rc = cp_buf_puts(b, ",\"span\":");
			if (rc == 0)
				rc = put_span(b, c->refers);
			if (rc == 0)
				rc = cp_buf_putc(b, '}');
		}
		if (rc == 0)
			rc = cp_buf_putc(b, '}');
	}
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"cue\":");
	if (rc == 0 && !c->has_cue)
		rc = cp_buf_puts(b, "null");
	else if (rc == 0) {
		rc = c->cont ? put_role(b, r->pool.data + c->ccue_text,
		    c->ccue_len, c->ccue) : put_part(b, text, map, c->cue);
		if (rc == 0)
			rc = cp_buf_putc(b, '}');
	}
	if (rc == 0)
		rc = cp_buf_puts(b, ",\"hedges\":[");
	for (k = 0; rc == 0 && k < c->nhedge; k++) {
		const struct cp_xhedge *h = &r->h[c->hedge + k];
		const char *kl = e->r->rule[h->rule].klass;
		struct cp_part p;

		p.start = h->start;
		p.end = h->end;
		if (k > 0)
			rc = cp_buf_putc(b, ',');
		if (rc == 0)
			rc = put_part(b, text, map, p);
		if (rc == 0)
			rc = cp_buf_puts(b, ",\"class\":");
		if (rc == 0)
			rc = kl ? cp_json_str(b, kl, strlen(kl)) :
			    cp_buf_puts(b, "null");
		if (rc == 0)
			rc = cp_buf_puts(b, ",\"rule\":");
		if (rc == 0)
			rc = put_rule(b, e, h->rule);
		if (rc == 0)
			rc = cp_buf_putc(b, '}');
	}
	if (rc == 0)
		rc = cp_buf_putc(b, ']');
	if (rc == 0 && rest != NULL) {
		memcpy(all, own, sizeof(own));
		for (k = 0; skip != NULL && skip[k] != NULL && k < 7; k++)
			all[sizeof(own) / sizeof(*own) + k] = skip[k];
		all[sizeof(own) / sizeof(*own) + k] = NULL;
		rc = cp_rec_write_rest(rest, b, all);
	}
	if (rc == 0)
		rc = cp_buf_puts(b, "}\n");
	return rc;
}
