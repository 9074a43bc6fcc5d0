/*
 * match.c -- PCRE2 compilation and limited matching (see match.h).
 *
 * Each pattern is compiled as written (after lexicon expansion) with
 * PCRE2_UTF | PCRE2_UCP, plus PCRE2_CASELESS for rules flagged caseless.
 * An abbreviation pattern is compiled a second time as (?:P)(?C1): the
 * callout at the end lets a match count only where it closes the period
 * in question, so that an alternative ending elsewhere is backtracked
 * over instead of hiding a good one.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <pcre2.h>

#include "cp.h"
#include "buf.h"
#include "acm.h"
#include "lits.h"
#include "match.h"
#include "rules.h"

static const char *const role_names[CP_NROLES] = {
	"claim", "source", "cue", "hedge"
};

/* The groups of one compiled pattern that fill each role. */
struct roles {
	uint32_t	 g[CP_NROLES][CP_MAXPARTS];
	size_t		 n[CP_NROLES];
};

/*
 * The prefilter: the required literals of the patterns, in an
 * Aho-Corasick automaton (acm.c, ASCII-caseless) for each group of kinds
 * that are matched together -- attributions and hedges in sentences,
 * source kinds in the sources found -- so that a scan meets only the
 * literals it can use (a source kind's "he" or "in" is in almost every
 * sentence).  A text is scanned once a group; each literal found (its
 * case checked when it has one) marks its patterns as candidates.
 */
static const unsigned scan_kinds[] = {
	CP_KIND_BIT(CP_RULE_ATTRIBUTION) | CP_KIND_BIT(CP_RULE_HEDGE),
	CP_KIND_BIT(CP_RULE_SOURCE_KIND),
};
#define NSCAN	(sizeof(scan_kinds) / sizeof(scan_kinds[0]))

struct lit {
	char	*s;		/* as written (lowercased if caseless) */
	size_t	 len;
	int	 caseless;
	unsigned kinds;		/* CP_KIND_BITs of its patterns */
	size_t	*unit;		/* patterns (code indices) needing it */
	size_t	 nunit;
};

struct cp_matcher {
	const struct cp_rules	*rules;
	pcre2_code	      **code;	/* every pattern, rule by rule */
	size_t			*first;	/* rule i's patterns: code[first[i]..] */
	size_t			*code_rule;
	struct roles		*roles;
	size_t			 ncode;
	pcre2_code	      **abbr;	/* abbreviation patterns with the callout */
	size_t			*abbr_rule;
	unsigned char		*abbr_jit;	/* per abbreviation pattern */
	size_t			 nabbr;
	uint32_t		 maxpairs;
	/* prefilter */
	struct lit		*lit;	/* sorted, one of each */
	size_t			 nlit;
	unsigned char		*jit;	/* per code: JIT-compiled (the fast
					   entry point applies) */
	struct cp_acm		*acm[NSCAN];	/* finds the literals of each
					   group; id: lit index */
	/* Sets of codes, a bit each, so that a sentence visits only the
	 * codes it runs, not every code of a pack of thousands. */
	size_t			 nword;		/* 64-bit words in a set */
	uint64_t		*always;	/* no required literal: always run */
	uint64_t		*of_kind;	/* [kind * nword + w]: the codes of
					   each kind (abbreviations in none) */
};

struct cp_mctx {
	const struct cp_matcher	*m;
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	pcre2_jit_stack		*js;
	size_t			 want;		/* callout: where a match must end */
	size_t			 nlimited;
	size_t			 limited_rule;
	const char		*subject;	/* while prefiltering */
	uint64_t		*cand;		/* codes that are candidates now */
	size_t			*last;		/* ... and its last literal's start */
	struct cp_rule_cost	*cost;		/* per rule, when profiling */
};

/* ---- compilation ----------------------------------------------------- */

static int
diag_add(struct cp_diags *d, const struct cp_rule *ru, size_t j,
    const char *msg, size_t off)
{
	struct cp_diag *nv, *x;

	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 8;

		if ((nv = realloc(d->v, cap * sizeof(*nv))) == NULL)
			return CP_ENOMEM;
		d->v = nv;
		d->cap = cap;
	}
	x = &d->v[d->n++];
	cp_diag_clear(x);
	cp_diag_file(x, ru->file, ru->pat_line[j], ru->pat_col[j]);
	snprintf(x->rule, sizeof(x->rule), "%s", ru->id);
	cp_diag_set(x, "invalid pattern: %s (pattern offset %zu)", msg, off);
	d->nerr++;
	return 0;
}

static pcre2_code *
compile(const char *pat, uint32_t opts, int *err, size_t *off)
{
	PCRE2_SIZE eoff = 0;
	pcre2_code *c;

	c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    opts, err, &eoff, NULL);
	*off = eoff;
	if (c != NULL)
		/* No JIT on this platform is not an error: the
		 * interpreter runs under the same limits. */
		(void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	return c;
}

/* Was c compiled by the JIT?  (Then pcre2_jit_match, the fast entry
 * point, can run it.) */
static int
jitted(const pcre2_code *c)
{
	size_t size;

	return pcre2_pattern_info(c, PCRE2_INFO_JITSIZE, &size) == 0 &&
	    size > 0;
}

static uint32_t
options(const struct cp_rule *ru)
{
	return PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES |
	    (ru->caseless ? PCRE2_CASELESS : 0) |
	    (ru->kind != CP_RULE_ABBREVIATION ? PCRE2_USE_OFFSET_LIMIT : 0);
}

/* Which groups of c fill which role, from its name table. */
static void
find_roles(pcre2_code *c, struct roles *ro)
{
	PCRE2_SPTR tab;
	uint32_t count = 0, size = 0, i, g;
	size_t r;

	memset(ro, 0, sizeof(*ro));
	if (pcre2_pattern_info(c, PCRE2_INFO_NAMECOUNT, &count) != 0 ||
	    pcre2_pattern_info(c, PCRE2_INFO_NAMEENTRYSIZE, &size) != 0 ||
	    pcre2_pattern_info(c, PCRE2_INFO_NAMETABLE, &tab) != 0)
		return;
	/* Entries are sorted by name; the group number comes first. */
	for (i = 0; i < count; i++, tab += size) {
		g = (uint32_t)tab[0] << 8 | tab[1];
		for (r = 0; r < CP_NROLES; r++)
			if (strcmp((const char *)tab + 2, role_names[r]) == 0 &&
			    ro->n[r] < CP_MAXPARTS)
				ro->g[r][ro->n[r]++] = g;
	}
}

/* ---- the prefilter --------------------------------------------------- */

static void
set_bit(uint64_t *set, size_t k)
{
	set[k / 64] |= (uint64_t)1 << k % 64;
}

static int
has_bit(const uint64_t *set, size_t k)
{
	return set[k / 64] >> k % 64 & 1;
}

static int
by_lit(const void *a, const void *b)
{
	const struct lit *x = a, *y = b;
	int c;

	if (x->caseless != y->caseless)
		return x->caseless - y->caseless;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->s, y->s, x->len);
	return c;
}

static int
add_lit(struct cp_matcher *m, const char *str, size_t len, int caseless,
    unsigned kinds, size_t unit)
{
	struct lit *nv, *l;
	size_t *nu;

	if ((nv = realloc(m->lit, (m->nlit + 1) * sizeof(*nv))) == NULL)
		return CP_ENOMEM;
	m->lit = nv;
	l = &m->lit[m->nlit];
	memset(l, 0, sizeof(*l));
	if ((l->s = malloc(len + 1)) == NULL ||
	    (nu = malloc(sizeof(*nu))) == NULL) {
		free(l->s);
		return CP_ENOMEM;
	}
	memcpy(l->s, str, len);
	l->s[len] = '\0';
	l->len = len;
	l->caseless = caseless;
	l->kinds = kinds;
	nu[0] = unit;
	l->unit = nu;
	l->nunit = 1;
	m->nlit++;
	return 0;
}

/* Sort the literals, merge duplicates, and build the automata. */
static int
index_lits(struct cp_matcher *m)
{
	struct lit *a, *b;
	size_t i, j, k, g, *nu;

	if (m->nlit > 0)
		qsort(m->lit, m->nlit, sizeof(*m->lit), by_lit);
	for (i = 0, j = 0; i < m->nlit; i++) {
		a = &m->lit[i];
		b = j > 0 ? &m->lit[j - 1] : NULL;
		if (b != NULL && by_lit(a, b) == 0) {
			if ((nu = realloc(b->unit, (b->nunit + a->nunit) *
			    sizeof(*nu))) == NULL) {
				/* keep what is kept; i.. are still whole */
				for (k = i; k < m->nlit; k++) {
					free(m->lit[k].s);
					free(m->lit[k].unit);
				}
				m->nlit = j;
				return CP_ENOMEM;
			}
			memcpy(nu + b->nunit, a->unit, a->nunit * sizeof(*nu));
			b->unit = nu;
			b->nunit += a->nunit;
			b->kinds |= a->kinds;
			free(a->s);
			free(a->unit);
			continue;
		}
		m->lit[j++] = *a;
	}
	m->nlit = j;
	for (g = 0; g < NSCAN; g++) {
		if ((m->acm[g] = cp_acm_new()) == NULL)
			return CP_ENOMEM;
		for (i = 0; i < m->nlit; i++)
			if ((m->lit[i].kinds & scan_kinds[g]) &&
			    cp_acm_add(m->acm[g], m->lit[i].s, m->lit[i].len,
			    (uint32_t)i) == CP_ENOMEM)
				return CP_ENOMEM;
		if (cp_acm_build(m->acm[g]) != 0)
			return CP_ENOMEM;
	}
	return 0;
}

/* Analyze pattern k and index its literals; no literals: always run. */
static int
prefilter_add(struct cp_matcher *m, const struct cp_rule *ru, size_t j,
    size_t k)
{
	struct cp_lits l;
	size_t i;
	int rc = 0;

	if ((rc = cp_lits_analyze(ru->flat[j], ru->caseless, &l)) != 0)
		return rc;
	for (i = 0; i < l.n && rc == 0; i++)
		rc = add_lit(m, l.s[i], l.len[i], l.caseless,
		    CP_KIND_BIT(ru->kind), k);
	if (l.n == 0)
		set_bit(m->always, k);
	cp_lits_free(&l);
	return rc;
}

/*
 * The abbreviation variant of rule i's pattern j: (?:P)(?C1).  P alone
 * compiled, so this fails only for memory or a P that swallows the
 * wrapper's end (an unterminated \Q, a (?x) comment).
 */
static int
compile_abbr(struct cp_matcher *m, size_t i, size_t j, struct cp_diags *d)
{
	const struct cp_rule *ru = &m->rules->rule[i];
	struct cp_buf b = { 0 };
	PCRE2_UCHAR msg[256];
	pcre2_code *c;
	size_t off;
	int err;

	if (cp_buf_puts(&b, "(?:") != 0 || cp_buf_puts(&b, ru->pattern[j]) ||
	    cp_buf_puts(&b, ")(?C1)") != 0) {
		cp_buf_free(&b);
		return CP_ENOMEM;
	}
	/* Anchored at compile time: at match time it would keep JIT off. */
	c = compile(b.data, options(ru) | PCRE2_ANCHORED, &err, &off);
	cp_buf_free(&b);
	if (c == NULL) {
		if (err == PCRE2_ERROR_HEAP_FAILED)
			return CP_ENOMEM;
		pcre2_get_error_message(err, msg, sizeof(msg));
		off = cp_rules_raw_offset(m->rules, ru, j, off > 3 ? off - 3 : 0);
		return diag_add(d, ru, j, (char *)msg, off) ? CP_ENOMEM : CP_ERR;
	}
	m->abbr[m->nabbr] = c;
	m->abbr_jit[m->nabbr] = jitted(c);
	m->abbr_rule[m->nabbr++] = i;
	return 0;
}

int
cp_matcher_new(const struct cp_rules *r, struct cp_diags *diags,
    struct cp_matcher **out)
{
	struct cp_matcher *m;
	PCRE2_UCHAR msg[256];
	const struct cp_rule *ru;
	size_t i, j, k, n = 0, na = 0, off, *order = NULL;
	uint32_t caps;
	int err, rc = 0;

	*out = NULL;
	for (i = 0; i < r->nrule; i++) {
		n += r->rule[i].npat;
		if (r->rule[i].kind == CP_RULE_ABBREVIATION)
			na += r->rule[i].npat;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return CP_ENOMEM;
	m->rules = r;
	m->maxpairs = 1;
	m->code = calloc(n ? n : 1, sizeof(*m->code));
	m->first = calloc(r->nrule + 1, sizeof(*m->first));
	m->abbr = calloc(na ? na : 1, sizeof(*m->abbr));
	m->abbr_rule = calloc(na ? na : 1, sizeof(*m->abbr_rule));
	m->abbr_jit = calloc(na ? na : 1, 1);
	m->code_rule = calloc(n ? n : 1, sizeof(*m->code_rule));
	m->roles = calloc(n ? n : 1, sizeof(*m->roles));
	m->jit = calloc(n ? n : 1, 1);
	m->nword = (n + 63) / 64;
	m->always = calloc(m->nword ? m->nword : 1, sizeof(uint64_t));
	m->of_kind = calloc(m->nword ? m->nword * CP_RULE_NKINDS : 1,
	    sizeof(uint64_t));
	if (m->code == NULL || m->first == NULL || m->abbr == NULL ||
	    m->abbr_rule == NULL || m->abbr_jit == NULL ||
	    m->code_rule == NULL || m->roles == NULL ||
	    m->jit == NULL || m->always == NULL || m->of_kind == NULL) {
		cp_matcher_free(m);
		return CP_ENOMEM;
	}
	for (i = 0; i < r->nrule && rc != CP_ENOMEM; i++) {
		ru = &r->rule[i];
		m->first[i] = m->ncode;
		for (j = 0; j < ru->npat && rc != CP_ENOMEM; j++) {
			k = m->ncode++;
			m->code_rule[k] = i;
			if (ru->kind != CP_RULE_ABBREVIATION)
				set_bit(m->of_kind + ru->kind * m->nword, k);
			m->code[k] = compile(ru->pattern[j], options(ru), &err,
			    &off);
			if (m->code[k] == NULL) {
				if (err == PCRE2_ERROR_HEAP_FAILED) {
					rc = CP_ENOMEM;
					break;
				}
				pcre2_get_error_message(err, msg, sizeof(msg));
				off = cp_rules_raw_offset(r, ru, j, off);
				if (diag_add(diags, ru, j, (char *)msg, off))
					rc = CP_ENOMEM;
				else
					rc = CP_ERR;
				continue;
			}
			if (pcre2_pattern_info(m->code[k],
			    PCRE2_INFO_CAPTURECOUNT, &caps) == 0 &&
			    caps + 1 > m->maxpairs)
				m->maxpairs = caps + 1;
			m->jit[k] = jitted(m->code[k]);
			find_roles(m->code[k], &m->roles[k]);
			if (ru->kind != CP_RULE_ABBREVIATION && rc == 0 &&
			    prefilter_add(m, ru, j, k) != 0)
				rc = CP_ENOMEM;
		}
	}
	m->first[i] = m->ncode;
	if (rc == 0)
		rc = index_lits(m);
	if (rc != 0) {
		cp_matcher_free(m);
		return rc;
	}
	/* The abbreviation variants in the order they are tried: highest
	 * priority first, then load order (an insertion sort: stable). */
	if ((order = malloc((r->nrule ? r->nrule : 1) * sizeof(*order))) ==
	    NULL) {
		cp_matcher_free(m);
		return CP_ENOMEM;
	}
	for (i = k = 0; i < r->nrule; i++) {
		if (r->rule[i].kind != CP_RULE_ABBREVIATION)
			continue;
		for (j = k++; j > 0 &&
		    r->rule[order[j - 1]].priority < r->rule[i].priority; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < k && rc == 0; i++)
		for (j = 0; j < r->rule[order[i]].npat && rc == 0; j++)
			rc = compile_abbr(m, order[i], j, diags);
	free(order);
	if (rc != 0) {
		cp_matcher_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

void
cp_matcher_free(struct cp_matcher *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; m->code != NULL && i < m->ncode; i++)
		pcre2_code_free(m->code[i]);
	for (i = 0; m->abbr != NULL && i < m->nabbr; i++)
		pcre2_code_free(m->abbr[i]);
	for (i = 0; i < m->nlit; i++) {
		free(m->lit[i].s);
		free(m->lit[i].unit);
	}
	free(m->lit);
	for (i = 0; i < NSCAN; i++)
		cp_acm_free(m->acm[i]);
	free(m->jit);
	free(m->always);
	free(m->of_kind);
	free(m->code);
	free(m->first);
	free(m->code_rule);
	free(m->roles);
	free(m->abbr);
	free(m->abbr_rule);
	free(m->abbr_jit);
	free(m);
}

const struct cp_rules *
cp_matcher_rules(const struct cp_matcher *m)
{
	return m->rules;
}

/* ---- matching -------------------------------------------------------- */

static int
at_end(pcre2_callout_block *cb, void *data)
{
	const struct cp_mctx *x = data;

	/* 0 goes on; 1 fails here and backtracks. */
	return cb->current_position == x->want ? 0 : 1;
}

struct cp_mctx *
cp_mctx_new(const struct cp_matcher *m)
{
	struct cp_mctx *x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->m = m;
	x->md = pcre2_match_data_create(m->maxpairs, NULL);
	x->mc = pcre2_match_context_create(NULL);
	x->js = pcre2_jit_stack_create(32 * 1024, CP_MATCH_JIT_STACK, NULL);
	x->cand = calloc(m->nword ? m->nword : 1, sizeof(uint64_t));
	x->last = calloc(m->ncode ? m->ncode : 1, sizeof(*x->last));
	if (x->md == NULL || x->mc == NULL || x->js == NULL ||
	    x->cand == NULL || x->last == NULL) {
		cp_mctx_free(x);
		return NULL;
	}
	pcre2_set_match_limit(x->mc, CP_MATCH_LIMIT);
	pcre2_set_depth_limit(x->mc, CP_MATCH_DEPTH);
	pcre2_set_heap_limit(x->mc, CP_MATCH_HEAP_KIB);
	pcre2_jit_stack_assign(x->mc, NULL, x->js);
	pcre2_set_callout(x->mc, at_end, x);
	return x;
}

void
cp_mctx_free(struct cp_mctx *x)
{
	if (x == NULL)
		return;
	pcre2_match_data_free(x->md);
	pcre2_match_context_free(x->mc);
	pcre2_jit_stack_free(x->js);
	free(x->cost);
	free(x->cand);
	free(x->last);
	free(x);
}

size_t
cp_mctx_limited(struct cp_mctx *x, size_t *rule)
{
	size_t n = x->nlimited;

	*rule = x->limited_rule;
	x->nlimited = 0;
	return n;
}

/* A failed match: no match, a limit (remembered), or out of memory. */
static int
failed(struct cp_mctx *x, int rc, size_t rule)
{
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		return CP_ENOMEM;
	/* Match, depth, heap or JIT stack limit, or a pattern PCRE2
	 * refuses at match time: the rule gives up on this subject. */
	x->nlimited++;
	x->limited_rule = rule;
	return CP_ELIMIT;
}

int
cp_match_abbrev(struct cp_mctx *x, const char *s, size_t len, size_t tok,
    size_t end, size_t *rule)
{
	const struct cp_matcher *m = x->m;
	size_t i;
	int rc;

	x->want = end;
	pcre2_set_offset_limit(x->mc, PCRE2_UNSET);
	for (i = 0; i < m->nabbr; i++) {
		rc = (m->abbr_jit[i] ? pcre2_jit_match : pcre2_match)(
		    m->abbr[i], (PCRE2_SPTR)s, len, tok, PCRE2_NO_UTF_CHECK,
		    x->md, x->mc);
		if (rc >= 0) {
			*rule = m->abbr_rule[i];
			return 1;
		}
		if ((rc = failed(x, rc, m->abbr_rule[i])) == CP_ENOMEM)
			return rc;
	}
	return 0;
}

/* ---- matching sentences ---------------------------------------------- */

struct cp_part
cp_parts_hull(const struct cp_part *p, size_t n)
{
	struct cp_part h = p[0];
	size_t i;

	for (i = 1; i < n; i++) {
		if (p[i].start < h.start)
			h.start = p[i].start;
		if (p[i].end > h.end)
			h.end = p[i].end;
	}
	return h;
}

void
cp_hits_free(struct cp_hits *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

static struct cp_hit *
hit_new(struct cp_hits *h)
{
	struct cp_hit *nv;

	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 16;

		if ((nv = realloc(h->v, cap * sizeof(*nv))) == NULL)
			return NULL;
		h->v = nv;
		h->cap = cap;
	}
	return &h->v[h->n++];
}

static int
is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Every match of pattern k in s, appended to out. */
/*
 * Every match of pattern k in s that starts at or before limit, appended
 * to out.  (A match holds one of the pattern's required literals, so it
 * cannot start after the last of them: the prefilter's positions save
 * the search from trying every later start.)
 */
static int
match_code(struct cp_mctx *x, size_t k, const char *s, size_t len,
    size_t limit, struct cp_hits *out)
{
	const struct cp_matcher *m = x->m;
	const struct roles *ro = &m->roles[k];
	PCRE2_SIZE *ov;
	struct cp_hit *h;
	size_t at = 0, r, g, from, cue, seen[64], nseen = 0;
	int rc;

	pcre2_set_offset_limit(x->mc, limit);
	while (at <= len && at <= limit) {
		if (x->cost != NULL)
			x->cost[m->code_rule[k]].searches++;
		rc = (m->jit[k] ? pcre2_jit_match : pcre2_match)(m->code[k],
		    (PCRE2_SPTR)s, len, at, PCRE2_NO_UTF_CHECK, x->md, x->mc);
		if (rc < 0)
			return failed(x, rc, m->code_rule[k]) == CP_ENOMEM ?
			    CP_ENOMEM : 0;
		ov = pcre2_get_ovector_pointer(x->md);
		if ((h = hit_new(out)) == NULL)
			return CP_ENOMEM;
		h->rule = m->code_rule[k];
		h->start = ov[0];
		h->end = ov[1];
		for (r = 0; r < CP_NROLES; r++) {
			h->npart[r] = 0;
			for (g = 0; g < ro->n[r]; g++) {
				uint32_t n = ro->g[r][g];

				if (n < (uint32_t)rc && ov[2 * n] !=
				    PCRE2_UNSET && ov[2 * n + 1] > ov[2 * n]) {
					h->part[r][h->npart[r]].start = ov[2 * n];
					h->part[r][h->npart[r]++].end =
					    ov[2 * n + 1];
				}
			}
		}
		if (m->rules->rule[m->code_rule[k]].kind ==
		    CP_RULE_ATTRIBUTION) {
			/*
			 * Attributions nest ("Barkley, who said he votes
			 * late, said ..."): look again from the next word.
			 * A match whose cue was found before is the same
			 * attribution with a shorter source: drop it and
			 * jump past that cue, so each cue costs a search or
			 * two, not one per word before it.
			 */
			from = ov[0];
			if (h->npart[CP_ROLE_CUE] > 0) {
				cue = h->part[CP_ROLE_CUE][0].start;
				for (g = 0; g < nseen && seen[g] != cue; g++)
					;
				if (g < nseen) {
					out->n--;
					from = cue;
				} else if (nseen < sizeof(seen) / sizeof(*seen))
					seen[nseen++] = cue;
			}
			for (at = from + 1; at < len && !is_space(s[at]); at++)
				;
			while (at < len && is_space(s[at]))
				at++;
			if (at >= len)
				break;
		} else if (ov[1] > at)
			at = ov[1];
		else {
			/* An empty match: step over one character. */
			at++;
			while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
				at++;
		}
	}
	return 0;
}

/* A literal found in the subject: mark its patterns (its case checked). */
static void
on_lit(void *arg, uint32_t id, size_t end)
{
	struct cp_mctx *x = arg;
	const struct lit *l = &x->m->lit[id];
	size_t u, k, start = end - l->len;

	if (!l->caseless && memcmp(x->subject + start, l->s, l->len) != 0)
		return;
	for (u = 0; u < l->nunit; u++) {
		k = l->unit[u];
		if (!has_bit(x->cand, k) || x->last[k] < start)
			x->last[k] = start;
		set_bit(x->cand, k);
	}
}

int
cp_match_admits(const char *guard, size_t glen, int caseless,
    const char *text)
{
	pcre2_match_data *md;
	pcre2_code *c;
	PCRE2_SIZE off;
	int err, rc;

	c = pcre2_compile((PCRE2_SPTR)guard, glen, PCRE2_UTF | PCRE2_UCP |
	    PCRE2_ANCHORED | (caseless ? PCRE2_CASELESS : 0), &err, &off,
	    NULL);
	if (c == NULL)
		return -1;
	if ((md = pcre2_match_data_create_from_pattern(c, NULL)) == NULL) {
		pcre2_code_free(c);
		return -1;
	}
	rc = pcre2_match(c, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, 0, 0, md,
	    NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(c);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

int
cp_mctx_profile(struct cp_mctx *x)
{
	if (x->cost == NULL && (x->cost = calloc(x->m->rules->nrule ?
	    x->m->rules->nrule : 1, sizeof(*x->cost))) == NULL)
		return CP_ENOMEM;
	return 0;
}

const struct cp_rule_cost *
cp_mctx_costs(const struct cp_mctx *x)
{
	return x->cost;
}

/* match_code, its cost counted. */
static int
match_counted(struct cp_mctx *x, size_t k, const char *s, size_t len,
    size_t limit, struct cp_hits *out)
{
	struct cp_rule_cost *c = &x->cost[x->m->code_rule[k]];
	struct timespec t0, t1;
	size_t n = out->n;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = match_code(x, k, s, len, limit, out);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	c->runs++;
	c->matches += out->n - n;
	c->secs += (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return rc;
}

/* The index of v's lowest set bit (v != 0). */
static unsigned
low_bit(uint64_t v)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(v);
#else
	unsigned n = 0;

	for (; !(v & 1); v >>= 1)
		n++;
	return n;
#endif
}

int
cp_match_sentence(struct cp_mctx *x, const char *s, size_t len,
    unsigned kinds, int noprefilter, struct cp_hits *out)
{
	const struct cp_matcher *m = x->m;
	uint64_t run, want;
	size_t k, g, q, w;
	int rc = 0;

	if (!noprefilter) {
		x->subject = s;
		for (g = 0; g < NSCAN; g++)
			if (kinds & scan_kinds[g])
				cp_acm_scan(m->acm[g], s, len, on_lit, x);
	}
	/* Word by word of the code sets, in code order (rule order). */
	for (w = 0; w < m->nword; w++) {
		for (want = 0, q = 0; q < CP_RULE_NKINDS; q++)
			if (kinds & CP_KIND_BIT(q))
				want |= m->of_kind[q * m->nword + w];
		run = want & (noprefilter ? ~(uint64_t)0 :
		    x->cand[w] | m->always[w]);
		x->cand[w] = 0;
		for (; run != 0 && rc == 0; run &= run - 1) {
			k = w * 64 + low_bit(run);
			rc = (x->cost ? match_counted : match_code)(x, k, s,
			    len, noprefilter || has_bit(m->always, k) ?
			    PCRE2_UNSET : x->last[k], out);
		}
	}
	return rc;
}

int
cp_match_rule(struct cp_mctx *x, size_t rule, const char *s, size_t len,
    struct cp_hits *out)
{
	const struct cp_matcher *m = x->m;
	size_t k;
	int rc = 0;

	for (k = m->first[rule]; k < m->first[rule + 1] && rc == 0; k++)
		rc = match_code(x, k, s, len, PCRE2_UNSET, out);
	return rc;
}
