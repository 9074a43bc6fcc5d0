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

#include <pcre2.h>

#include "cp.h"
#include "buf.h"
#include "match.h"
#include "rules.h"

struct cp_matcher {
	const struct cp_rules	*rules;
	pcre2_code	      **code;	/* every pattern, rule by rule */
	size_t			*first;	/* rule i's patterns: code[first[i]..] */
	size_t			 ncode;
	pcre2_code	      **abbr;	/* abbreviation patterns with the callout */
	size_t			*abbr_rule;
	size_t			 nabbr;
	uint32_t		 maxpairs;
};

struct cp_mctx {
	const struct cp_matcher	*m;
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	pcre2_jit_stack		*js;
	size_t			 want;		/* callout: where a match must end */
	size_t			 nlimited;
	size_t			 limited_rule;
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

static uint32_t
options(const struct cp_rule *ru)
{
	return PCRE2_UTF | PCRE2_UCP | (ru->caseless ? PCRE2_CASELESS : 0);
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
	if (m->code == NULL || m->first == NULL || m->abbr == NULL ||
	    m->abbr_rule == NULL) {
		cp_matcher_free(m);
		return CP_ENOMEM;
	}
	for (i = 0; i < r->nrule && rc != CP_ENOMEM; i++) {
		ru = &r->rule[i];
		m->first[i] = m->ncode;
		for (j = 0; j < ru->npat && rc != CP_ENOMEM; j++) {
			k = m->ncode++;
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
		}
	}
	m->first[i] = m->ncode;
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
	free(m->code);
	free(m->first);
	free(m->abbr);
	free(m->abbr_rule);
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
	if (x->md == NULL || x->mc == NULL || x->js == NULL) {
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
	for (i = 0; i < m->nabbr; i++) {
		rc = pcre2_match(m->abbr[i], (PCRE2_SPTR)s, len, tok,
		    PCRE2_NO_UTF_CHECK, x->md, x->mc);
		if (rc >= 0) {
			*rule = m->abbr_rule[i];
			return 1;
		}
		if ((rc = failed(x, rc, m->abbr_rule[i])) == CP_ENOMEM)
			return rc;
	}
	return 0;
}
