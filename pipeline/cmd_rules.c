/*
 * cmd_rules.c -- claimpipe rules test | lint: tools for rule authors.
 *
 * test runs every example of every rule and says, rule by rule, which
 * passed and how the failures differ from what was expected.  lint loads
 * and compiles everything, reporting every error at once, and warns about
 * what will hurt later: rules without a positive and a negative example,
 * unused lexicons, rules that can never fire on normalized text, nested
 * unbounded quantifiers, and lookaheads in front of lexicons that leave
 * some of their words out.
 *
 * An example's text (and each expected value) is normalized the way the
 * pipeline normalizes documents before it is matched, so an example can
 * be pasted from an article as it is.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "norm.h"
#include "omap.h"
#include "record.h"
#include "rules.h"
#include "match.h"
#include "lits.h"
#include "sent.h"
#include "cli.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe rules test [-j] [pack ...]\n"
    "       claimpipe rules lint [pack ...]\n"
    "       claimpipe rules suggest -g file [-n top] [-m count] [-R pack]...\n";

static void
help(void)
{
	printf("%s\n"
"Tools for rule authors.  Each pack is a folder of .yaml files, one file,\n"
"or a built-in pack's name; none means the packs extract would use\n"
"($CLAIMPIPE_RULES, else the built-in pack en).\n"
"\n"
"  test    run every example of every rule; print, rule by rule, the\n"
"          examples passed and failed, with expected and actual captures\n"
"          for each failure, and a total.  Exit 1 if any example fails.\n"
"  suggest mine a gold file for words that sit inside gold cues or hedges,\n"
"          with their precision, recall and whether the pack finds them\n"
"          (claimpipe rules suggest --help)\n"
"  lint    load and compile everything and report every error; warn about\n"
"          rules without a positive and a negative example, unused\n"
"          lexicons, rules that can never fire on normalized text,\n"
"          nested unbounded quantifiers and lookaheads in front of a\n"
"          lexicon that leave some of its words out.  Exit 1 if anything\n"
"          is reported.\n"
"\n"
"  -h, --help              print this help and exit\n"
"  -j, --json              test: one JSON object per example, then a total\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis);
}

/* The one expected key of a kind's examples, or NULL for attribution. */
static const char *
kind_key(enum cp_rule_kind k)
{
	switch (k) {
	case CP_RULE_HEDGE:
		return "hedge";
	case CP_RULE_SOURCE_KIND:
		return "source-kind";
	case CP_RULE_ABBREVIATION:
		return "abbreviation";
	default:
		return NULL;
	}
}

static int
valid_group(enum cp_rule_kind k, const char *g)
{
	if (kind_key(k) != NULL)
		return strcmp(g, kind_key(k)) == 0;
	return strcmp(g, "claim") == 0 || strcmp(g, "source") == 0 ||
	    strcmp(g, "cue") == 0;
}

/* ---- test ------------------------------------------------------------- */

struct tester {
	const struct cp_rules	*r;
	struct cp_mctx		*x;
	struct cp_norm		*nz;
	struct cp_buf		 text;	/* the example, normalized */
	struct cp_buf		 want;	/* an expected value, normalized */
	struct cp_omap		 map;
	struct cp_hits		 hits;
	struct cp_sents		 ss;
	/* the actual captures: names and texts */
	const char		*name[CP_NROLES + 1];
	struct cp_buf		 got[CP_NROLES + 1];
	size_t			 ngot;
	int			 none;	/* nothing matched */
	int			 json;
};

static int
put_got(struct tester *t, const char *name, const char *s, size_t len)
{
	struct cp_buf *b = &t->got[t->ngot];

	t->name[t->ngot++] = name;
	cp_buf_reset(b);
	return cp_buf_put(b, s, len) == 0 && cp_buf_putc(b, '\0') == 0 ?
	    0 : CP_ENOMEM;
}

/* The actual captures of rule i on the normalized example. */
static int
actual(struct tester *t, size_t i)
{
	static const char *const roles[] = { "claim", "source", "cue" };
	const struct cp_rule *ru = &t->r->rule[i];
	const char *s = t->text.data ? t->text.data : "";
	const struct cp_hit *h = NULL;
	size_t k, p, w;
	int rc;

	t->ngot = 0;
	t->none = 1;
	if (ru->kind == CP_RULE_ABBREVIATION) {
		if ((rc = cp_sent_split(t->x, s, t->text.len, NULL, CP_SENT_MAX,
		    &t->ss)) != 0)
			return rc;
		for (k = 0; k < t->ss.nclaim; k++) {
			if (t->ss.claim[k].rule != i)
				continue;
			/* the word whose mark the rule claimed */
			w = t->ss.claim[k].start;
			t->none = 0;
			return put_got(t, "abbreviation", s + w,
			    t->ss.claim[k].end - w);
		}
		return 0;
	}
	t->hits.n = 0;
	if ((rc = cp_match_rule(t->x, i, s, t->text.len, &t->hits)) != 0)
		return rc;
	/* the longest, then the earliest, as extract would keep it */
	for (k = 0; k < t->hits.n; k++)
		if (h == NULL || t->hits.v[k].end - t->hits.v[k].start >
		    h->end - h->start)
			h = &t->hits.v[k];
	if (h == NULL)
		return 0;
	t->none = 0;
	/* As extract keeps them: the hull of a role's groups, the content's
	 * parts in text order joined by a space. */
	if (ru->kind == CP_RULE_HEDGE) {
		if (h->npart[CP_ROLE_HEDGE] > 0) {
			struct cp_part hp = cp_parts_hull(
			    h->part[CP_ROLE_HEDGE], h->npart[CP_ROLE_HEDGE]);

			return put_got(t, "hedge", s + hp.start, hp.end -
			    hp.start);
		}
		return put_got(t, "hedge", s + h->start, h->end - h->start);
	}
	if (ru->kind == CP_RULE_SOURCE_KIND)
		return put_got(t, "source-kind", s + h->start, h->end -
		    h->start);
	for (k = 0; k < 3; k++) {
		struct cp_buf *b = &t->got[t->ngot];
		struct cp_part part[CP_MAXPARTS], hp;
		size_t n = h->npart[k], q;

		if (n == 0)
			continue;
		t->name[t->ngot++] = roles[k];
		cp_buf_reset(b);
		memcpy(part, h->part[k], n * sizeof(*part));
		if (k != CP_ROLE_CLAIM) {
			hp = cp_parts_hull(part, n);
			part[0] = hp;
			n = 1;
		}
		for (p = 1; p < n; p++)	/* insertion sort by start */
			for (q = p; q > 0 && part[q - 1].start > part[q].start;
			    q--) {
				hp = part[q];
				part[q] = part[q - 1];
				part[q - 1] = hp;
			}
		for (p = 0; p < n; p++)
			if ((p > 0 && cp_buf_putc(b, ' ') != 0) ||
			    cp_buf_put(b, s + part[p].start, part[p].end -
			    part[p].start) != 0)
				return CP_ENOMEM;
		if (cp_buf_putc(b, '\0') != 0)
			return CP_ENOMEM;
	}
	return 0;
}

static const char *
got_of(const struct tester *t, const char *name)
{
	size_t k;

	for (k = 0; k < t->ngot; k++)
		if (strcmp(t->name[k], name) == 0)
			return t->got[k].data;
	return NULL;
}

/* The actual captures' texts, in gv. */
static const char *const *
got_vals(const struct tester *t, const char **gv)
{
	size_t k;

	for (k = 0; k < t->ngot; k++)
		gv[k] = t->got[k].data;
	return gv;
}

static int
normalize(struct tester *t, const char *s, struct cp_buf *out)
{
	int rc = cp_norm_run(t->nz, s, strlen(s), out, &t->map);

	if (rc == 0)
		rc = cp_buf_putc(out, '\0');
	if (rc == 0)
		out->len--;
	return rc;
}

/* Print "claim "x", source "y"" (JSON-quoted values). */
static void
print_caps(FILE *fp, const char *const *name, const char *const *val,
    size_t n)
{
	struct cp_buf q = { 0 };
	size_t k;

	for (k = 0; k < n; k++) {
		cp_buf_reset(&q);
		if (val[k] != NULL)
			cp_json_str(&q, val[k], strlen(val[k]));
		fprintf(fp, "%s%s %s", k ? ", " : "", name[k], val[k] ?
		    q.data : "(no match)");
	}
	cp_buf_free(&q);
}

static void
json_caps(struct cp_buf *b, int none, const char *const *name,
    const char *const *val, size_t n)
{
	size_t k;

	if (none) {
		cp_buf_puts(b, "\"none\"");
		return;
	}
	cp_buf_putc(b, '{');
	for (k = 0; k < n; k++) {
		if (k > 0)
			cp_buf_putc(b, ',');
		cp_json_str(b, name[k], strlen(name[k]));
		cp_buf_putc(b, ':');
		if (val[k] == NULL)
			cp_buf_puts(b, "null");
		else
			cp_json_str(b, val[k], strlen(val[k]));
	}
	cp_buf_putc(b, '}');
}

/* Test one example; returns 1 passed, 0 failed, or CP_ENOMEM. */
static int
example(struct tester *t, size_t i, size_t j, struct cp_buf *out)
{
	const struct cp_rule *ru = &t->r->rule[i];
	const struct cp_example *ex = &ru->ex[j];
	const char *ename[16], *eval[16], *aval[16], *gv[CP_NROLES + 1];
	char *norm[16];
	size_t k, n = ex->ngroups < 16 ? ex->ngroups : 16;
	int rc, pass;

	if ((rc = normalize(t, ex->text, &t->text)) != 0 ||
	    (rc = actual(t, i)) != 0)
		return rc;
	memset(norm, 0, sizeof(norm));
	pass = ex->none ? t->none : !t->none;
	for (k = 0; k < n; k++) {
		ename[k] = ex->group[k];
		if ((rc = normalize(t, ex->value[k], &t->want)) != 0)
			break;
		if ((norm[k] = strdup(t->want.data ? t->want.data : "")) ==
		    NULL) {
			rc = CP_ENOMEM;
			break;
		}
		eval[k] = norm[k];
		aval[k] = got_of(t, ex->group[k]);
		if (!valid_group(ru->kind, ex->group[k]) || aval[k] == NULL ||
		    strcmp(aval[k], eval[k]) != 0)
			pass = 0;
	}
	if (rc == 0 && t->json) {
		cp_buf_puts(out, "{\"type\":\"example\",\"rule\":");
		cp_json_str(out, ru->qid, strlen(ru->qid));
		cp_buf_puts(out, ",\"file\":");
		cp_json_str(out, ru->file, strlen(ru->file));
		cp_buf_puts(out, ",\"line\":");
		cp_buf_putu(out, (unsigned long long)ex->line);
		cp_buf_puts(out, ",\"text\":");
		cp_json_str(out, ex->text, strlen(ex->text));
		cp_buf_puts(out, ",\"passed\":");
		cp_buf_puts(out, pass ? "true" : "false");
		cp_buf_puts(out, ",\"expect\":");
		json_caps(out, ex->none, ename, eval, n);
		cp_buf_puts(out, ",\"actual\":");
		json_caps(out, t->none, t->name, got_vals(t, gv), t->ngot);
		cp_buf_puts(out, "}\n");
	} else if (rc == 0 && !pass) {
		printf("FAIL %s example %zu (%s:%ld)\n  text:     %s\n",
		    ru->qid, j + 1, ru->file, ex->line, ex->text);
		printf("  expected: ");
		if (ex->none)
			printf("none");
		else
			print_caps(stdout, ename, eval, n);
		printf("\n  actual:   ");
		if (t->none)
			printf("none");
		else
			print_caps(stdout, t->name, got_vals(t, gv), t->ngot);
		printf("\n");
		for (k = 0; k < n; k++)
			if (!valid_group(ru->kind, ename[k]))
				printf("  ('%s' is not a capture of a%s %s "
				    "rule)\n", ename[k], ru->kind ==
				    CP_RULE_ATTRIBUTION ? "n" : "",
				    cp_rule_kind_name(ru->kind));
	}
	for (k = 0; k < n; k++)
		free(norm[k]);
	return rc != 0 ? rc : pass;
}

static int
cmd_test(struct cp_rules *r, struct cp_matcher *m, int json)
{
	struct cp_norm_opts no = { 0 };
	struct tester t;
	struct cp_buf out = { 0 };
	unsigned long pass = 0, fail = 0, nrules = 0;
	size_t i, j, k, rp, rf;
	int rc = 0;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.json = json;
	if ((t.x = cp_mctx_new(m)) == NULL || (t.nz = cp_norm_new(&no)) ==
	    NULL)
		rc = CP_ENOMEM;
	for (i = 0; rc >= 0 && i < r->nrule; i++) {
		if (r->rule[i].nex == 0)
			continue;
		nrules++;
		for (j = rp = rf = 0; j < r->rule[i].nex; j++) {
			cp_buf_reset(&out);
			if ((rc = example(&t, i, j, &out)) < 0)
				break;
			if (rc)
				rp++;
			else
				rf++;
			if (json)
				fwrite(out.data, 1, out.len, stdout);
		}
		if (!json)
			printf("%s %s: %zu passed, %zu failed\n", rf ? "FAIL" :
			    "ok  ", r->rule[i].qid, rp, rf);
		pass += rp;
		fail += rf;
	}
	if (rc < 0) {
		cli_msg("out of memory");
		rc = CLI_FATAL;
	} else if (json) {
		printf("{\"type\":\"total\",\"rules\":%lu,\"examples\":%lu,"
		    "\"passed\":%lu,\"failed\":%lu}\n", nrules, pass + fail,
		    pass, fail);
		rc = fail ? CLI_SKIPPED : CLI_OK;
	} else {
		printf("rules test: %lu rules, %lu examples: %lu passed, %lu "
		    "failed\n", nrules, pass + fail, pass, fail);
		rc = fail ? CLI_SKIPPED : CLI_OK;
	}
	for (k = 0; k <= CP_NROLES; k++)
		cp_buf_free(&t.got[k]);
	cp_buf_free(&t.text);
	cp_buf_free(&t.want);
	cp_buf_free(&out);
	cp_omap_free(&t.map);
	cp_hits_free(&t.hits);
	cp_sents_free(&t.ss);
	cp_norm_free(t.nz);
	cp_mctx_free(t.x);
	return rc;
}

/* ---- lint ------------------------------------------------------------- */

/* Characters normalize always folds or removes (default options): a
 * pattern that needs one of them literally never matches. */
static const char *const folded[] = {
	"\xe2\x80\xa6", "\xe2\x80\x93", "\xe2\x80\x94", "\xc2\xa0",
	"\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0",
	"\xef\xbb\xbf", "\xc2\xad", "\xe2\x80\x8e", "\xe2\x80\x8f",
	"\xe2\x80\xaf", "\xe3\x80\x80", "\r", "\t", "  ", NULL
};

static const char *
folds(const char *s)
{
	size_t k;

	for (k = 0; folded[k] != NULL; k++)
		if (strstr(s, folded[k]) != NULL)
			return folded[k];
	return NULL;
}

static void
lint_warn(struct cp_diags *d, const struct cp_rule *ru, long line, long col,
    const char *msg)
{
	struct cp_diag *nv, *x;

	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;

		if ((nv = realloc(d->v, cap * sizeof(*nv))) == NULL)
			return;
		d->v = nv;
		d->cap = cap;
	}
	x = &d->v[d->n++];
	cp_diag_clear(x);
	cp_diag_file(x, ru->file, line, col);
	snprintf(x->rule, sizeof(x->rule), "%s", ru->id);
	cp_diag_set(x, "%s", msg);
	x->warning = 1;
}

/* Just past the group opening at s[i] ('('), or the end of s. */
static size_t
group_end(const char *s, size_t i)
{
	size_t depth = 0;

	while (s[i] != '\0') {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
		i = cp_pat_atom_end(s, i);
	}
	return i;
}

/* A lookahead guard being checked: where it is and what it is. */
struct guard {
	struct cp_diags		*d;
	const struct cp_rules	*r;
	const struct cp_rule	*ru;
	size_t			 j;
	size_t			 at;	/* its "(?=" in the raw pattern */
	const char		*body;
	size_t			 len;
};

/*
 * Does every word of the lexicons that can start the text at s[k] pass
 * the guard?  Zero-width assertions are stepped over, groups entered
 * (each alternative in turn), and a {{NAME}} found there checked word by
 * word; anything else ends the search.
 */
static void
guard_from(const struct guard *g, const char *s, size_t k, int ci, int depth)
{
	const struct cp_lexicon *lx;
	const char *e;
	char name[128], text[300], msg[600];
	size_t end, n, w;

	if (depth > 16)
		return;
	while (strncmp(s + k, "(?=", 3) == 0 || strncmp(s + k, "(?!", 3) == 0 ||
	    strncmp(s + k, "(?<=", 4) == 0 || strncmp(s + k, "(?<!", 4) == 0)
		k = group_end(s, k);
	if (strncmp(s + k, "{{", 2) == 0 && (e = strstr(s + k + 2, "}}")) !=
	    NULL && (n = (size_t)(e - s) - k - 2) < sizeof(name)) {
		memcpy(name, s + k + 2, n);
		name[n] = '\0';
		lx = cp_rules_lexicon(g->r, name);
		for (w = 0; lx != NULL && w < lx->nword; w++) {
			snprintf(text, sizeof(text), "%s ", lx->word[w]);
			if (cp_match_admits(g->body, g->len, ci, text) != 0)
				continue;
			snprintf(msg, sizeof(msg), "the lookahead at pattern "
			    "offset %zu does not admit '%s' of {{%s}}, so the "
			    "rule never matches it there", g->at, lx->word[w],
			    name);
			lint_warn(g->d, g->ru, g->ru->pat_line[g->j],
			    g->ru->pat_col[g->j], msg);
		}
		return;
	}
	if (s[k] != '(')
		return;
	end = group_end(s, k) - 1;
	if (strncmp(s + k, "(?:", 3) == 0)
		k += 3;
	else if (strncmp(s + k, "(?i:", 4) == 0) {
		k += 4;
		ci = 1;
	} else if (strncmp(s + k, "(?<", 3) == 0 && (e = strchr(s + k, '>')) !=
	    NULL && (size_t)(e - s) < end)
		k = (size_t)(e - s) + 1;
	else if (s[k + 1] != '?')
		k++;
	else
		return;
	/* each alternative of the group */
	for (;;) {
		guard_from(g, s, k, ci, depth + 1);
		while (k < end && s[k] != '|')
			k = s[k] == '(' ? group_end(s, k) : cp_pat_atom_end(s, k);
		if (k >= end)
			break;
		k++;
	}
}

/*
 * A lookahead written as a cheap first test in front of lexicons
 * ((?=a[cd]|...){{WORDS}}) must admit every word of them, or the rule
 * silently never matches the words it leaves out: warn for each.
 */
static void
lint_guards(struct cp_diags *d, const struct cp_rules *r,
    const struct cp_rule *ru, size_t j)
{
	const char *s = ru->raw[j];
	struct guard g = { d, r, ru, j, 0, NULL, 0 };
	size_t i = 0, q;

	while (s[i] != '\0') {
		if (strncmp(s + i, "(?=", 3) != 0) {
			i = cp_pat_atom_end(s, i);
			continue;
		}
		q = group_end(s, i);
		if (q > i + 4 && memchr(s + i, '{', q - i) == NULL) {
			g.at = i;
			g.body = s + i + 3;
			g.len = q - i - 4;
			guard_from(&g, s, q, cp_pat_caseless_at(s, i,
			    ru->caseless), 0);
		}
		i += 3;
	}
}

static int
cmd_lint(char **packs, size_t npacks)
{
	struct cp_diags d = { 0 };
	struct cp_rules *r = NULL;
	struct cp_matcher *m = NULL;
	struct cp_lits l;
	const struct cp_rule *ru;
	const char *f;
	char msg[300];
	size_t i, j, k, warnings = 0, nall, pos, neg;
	int rc;

	rc = cli_rules_load(packs, npacks, &d, &r);
	if (rc == 0)
		rc = cp_matcher_new(r, &d, &m);
	if (rc == CP_ENOMEM)
		goto nomem;
	for (i = 0; r != NULL && i < r->nrule; i++) {
		ru = &r->rule[i];
		for (j = pos = neg = 0; j < ru->nex; j++) {
			if (ru->ex[j].none)
				neg++;
			else
				pos++;
			for (k = 0; k < ru->ex[j].ngroups; k++)
				if (!valid_group(ru->kind, ru->ex[j].group[k])) {
					snprintf(msg, sizeof(msg), "example "
					    "expects '%s', which a%s %s rule "
					    "does not capture",
					    ru->ex[j].group[k], ru->kind ==
					    CP_RULE_ATTRIBUTION ? "n" : "",
					    cp_rule_kind_name(ru->kind));
					lint_warn(&d, ru, ru->ex[j].line,
					    ru->ex[j].col, msg);
				}
		}
		if (pos == 0 || neg == 0) {
			snprintf(msg, sizeof(msg), "no example that %s",
			    pos == 0 && neg == 0 ? "should match, and none "
			    "that should not" : pos == 0 ? "should match" :
			    "should not match (expect: none)");
			lint_warn(&d, ru, ru->line, ru->col, msg);
		}
		for (j = 0; ru->pattern != NULL && j < ru->npat; j++) {
			if (ru->pattern[j] == NULL)
				continue;
			if (cp_lits_analyze(ru->flat[j], ru->caseless, &l) !=
			    0)
				goto nomem;
			for (k = nall = 0, f = NULL; k < l.n; k++)
				if ((f = folds(l.s[k])) != NULL)
					nall++;
			if (l.n > 0 && nall == l.n) {
				snprintf(msg, sizeof(msg), "can never fire: "
				    "every word it needs holds %s, which "
				    "normalize folds or removes",
				    strcmp(f, "  ") == 0 ? "two spaces" :
				    strcmp(f, "\t") == 0 ? "a tab" :
				    strcmp(f, "\r") == 0 ? "a carriage return" :
				    f);
				lint_warn(&d, ru, ru->pat_line[j],
				    ru->pat_col[j], msg);
			}
			if (l.has_nested) {
				pos = cp_rules_raw_offset(r, ru, j, l.nested);
				snprintf(msg, sizeof(msg), "nested unbounded "
				    "quantifiers (pattern offset %zu) can "
				    "backtrack without end; make one of them "
				    "possessive (++, *+) or the group atomic "
				    "(?>...)", pos);
				lint_warn(&d, ru, ru->pat_line[j],
				    ru->pat_col[j], msg);
			}
			cp_lits_free(&l);
			lint_guards(&d, r, ru, j);
		}
	}
	cli_diags(&d);
	for (i = 0; i < d.n; i++)
		warnings += d.v[i].warning != 0;
	printf("rules lint: %zu rules, %zu lexicons in %zu files: %zu "
	    "errors, %zu warnings\n", r ? r->nrule : 0, r ? r->nlex : 0,
	    r ? r->nfiles : 0, d.n - warnings, warnings);
	rc = d.n > 0 ? CLI_SKIPPED : CLI_OK;
	cp_diags_free(&d);
	cp_matcher_free(m);
	cp_rules_free(r);
	return rc;
nomem:
	cli_msg("out of memory");
	cp_diags_free(&d);
	cp_matcher_free(m);
	cp_rules_free(r);
	return CLI_FATAL;
}

int
cmd_rules(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL, 'h' },
		{ "json",	no_argument,	NULL, 'j' },
		{ "version",	no_argument,	NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_rules *r;
	struct cp_matcher *m;
	const char *what;
	int c, json = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+hjV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			help();
			return cli_done();
		case 'j':
			json = 1;
			break;
		case 'V':
			printf("claimpipe %s\n", CP_VERSION);
			return cli_done();
		default:
			return cli_usage(synopsis);
		}
	}
	if (optind >= argc) {
		cli_msg("rules: test or lint?");
		return cli_usage(synopsis);
	}
	what = argv[optind++];
	if (strcmp(what, "suggest") == 0)
		return cmd_suggest(argc - optind + 1, argv + optind - 1);
	if (strcmp(what, "test") == 0) {
		while ((c = getopt_long(argc, argv, "hjV", longopts, NULL)) !=
		    -1) {
			if (c == 'h') {
				help();
				return cli_done();
			}
			if (c == 'V') {
				printf("claimpipe %s\n", CP_VERSION);
				return cli_done();
			}
			if (c != 'j')
				return cli_usage(synopsis);
			json = 1;
		}
		if ((rc = cli_rules(argv + optind, (size_t)(argc - optind), &r,
		    &m)) != 0)
			return rc;
		rc = cmd_test(r, m, json);
		cli_rules_free(r, m);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_msg("stdout: write error");
			return CLI_FATAL;
		}
		return rc;
	}
	if (strcmp(what, "lint") == 0) {
		while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) !=
		    -1) {
			if (c == 'h') {
				help();
				return cli_done();
			}
			if (c == 'V') {
				printf("claimpipe %s\n", CP_VERSION);
				return cli_done();
			}
			if (c == 'j')
				cli_msg("rules: --json is for rules test");
			return cli_usage(synopsis);
		}
		rc = cmd_lint(argv + optind, (size_t)(argc - optind));
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_msg("stdout: write error");
			return CLI_FATAL;
		}
		return rc;
	}
	cli_msg("rules: unknown tool '%s' (test or lint)", what);
	return cli_usage(synopsis);
}
