/*
 * t_lits.c -- literal requirements of patterns, and the nested
 * quantifier lint.
 */
#include <string.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "lits.h"
#include "rules.h"
#include "match.h"

/* The requirement of pat as "a|b|c" ("*" for none). */
static const char *
req(const char *pat, int caseless)
{
	static char out[512];
	struct cp_lits l;
	size_t i;

	out[0] = '\0';
	if (cp_lits_analyze(pat, caseless, &l) != 0)
		return "(nomem)";
	if (l.n == 0)
		strcpy(out, "*");
	for (i = 0; i < l.n; i++) {
		if (i > 0)
			strcat(out, "|");
		strncat(out, l.s[i], sizeof(out) - strlen(out) - 2);
	}
	cp_lits_free(&l);
	return out;
}

static void
want(const char *pat, int caseless, const char *expect)
{
	const char *got = req(pat, caseless);

	CHECK(strcmp(got, expect) == 0);
	if (strcmp(got, expect) != 0)
		fprintf(stderr, "  pattern %s\n  want %s\n  got  %s\n", pat,
		    expect, got);
}

static int
nested(const char *pat, size_t *off)
{
	struct cp_lits l;
	int n;

	cp_lits_analyze(pat, 0, &l);
	n = l.has_nested;
	*off = l.nested;
	cp_lits_free(&l);
	return n;
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static int
same_hit(const struct cp_hit *x, const struct cp_hit *y)
{
	size_t r, k;

	if (x->rule != y->rule || x->start != y->start || x->end != y->end)
		return 0;
	for (r = 0; r < CP_NROLES; r++) {
		if (x->npart[r] != y->npart[r])
			return 0;
		for (k = 0; k < x->npart[r]; k++)
			if (x->part[r][k].start != y->part[r][k].start ||
			    x->part[r][k].end != y->part[r][k].end)
				return 0;
	}
	return 1;
}

/*
 * The prefilter never changes a result: on random sentences, every rule
 * matches the same with it as without it, whichever kinds are asked for
 * (each group of kinds has its own automaton; "said" and "he" are
 * literals of rules of both).
 */
static void
prefilter_sound(void)
{
	static const char pack[] =
	    "lexicons:\n"
	    "  SAY: [said, says, \"according to\", told]\n"
	    "rules:\n"
	    "  - id: a\n    kind: attribution\n"
	    "    pattern: '(?<source>\\w+)\\s+(?<cue>{{SAY}})\\s+(?<claim>.+)'\n"
	    "  - id: b\n    kind: attribution\n    flags: [caseless]\n"
	    "    pattern: '(?<claim>.+?),\\s+(?<cue>ACCORDING TO)\\s+(?<source>.+)'\n"
	    "  - id: c\n    kind: hedge\n"
	    "    pattern: '\\b(?:may|might)(?:be)?\\b'\n"
	    "  - id: d\n    kind: hedge\n"
	    "    pattern: 'colou?r(?=s)|\\Qx.y\\E+z'\n"
	    "  - id: e\n    kind: hedge\n"
	    "    pattern: '(?i)REPORTEDLY|Said(?i)LY'\n"
	    "  - id: f\n    kind: hedge\n"
	    "    pattern: '(?<w>a)b(?P=w)c|\\N{U+0041}z'\n"
	    "  - id: g\n    kind: hedge\n"
	    "    pattern: 'it\\K(?:is|was)\\s+said'\n"
	    "  - id: h\n    kind: source-kind\n    class: pronoun:person\n"
	    "    pattern: '\\b(?:he|said)\\b'\n"
	    "  - id: i\n    kind: attribution\n"
	    "    pattern: '(?<source>he)\\s+(?<cue>told)(?<claim>.*)'\n";
	static const char *const piece[] = { "said", "Said", "SAIDLY",
	    "according to", "ACCORDING", "to", "may", "mightbe", "colors",
	    "color", "colour", "x.yyz", "x.y", "aba", "abac", "Az", "A",
	    "itis said", "it was  said", "reportedly", "ReportedLY", ",",
	    " ", " ", " ", "he", "told", "caf\xc3\xa9" };
	static const unsigned kinds[] = { ~0u,
	    CP_KIND_BIT(CP_RULE_ATTRIBUTION) | CP_KIND_BIT(CP_RULE_HEDGE),
	    CP_KIND_BIT(CP_RULE_SOURCE_KIND), CP_KIND_BIT(CP_RULE_HEDGE) };
	struct cp_diags d = { 0 };
	struct cp_rules *r = cp_rules_new();
	struct cp_matcher *m = NULL;
	struct cp_mctx *x;
	struct cp_hits a = { 0 }, b = { 0 };
	struct cp_buf t = { 0 };
	unsigned k;
	int n, i, same = 1;

	CHECK(cp_rules_add_text(r, "t", "t.yaml", pack, strlen(pack), &d) ==
	    0);
	CHECK(cp_rules_finish(r, &d) == 0);
	CHECK(cp_matcher_new(r, &d, &m) == 0);
	if (m == NULL || (x = cp_mctx_new(m)) == NULL) {
		cp_rules_free(r);
		cp_diags_free(&d);
		return;
	}
	for (n = 0; n < 5000 && same; n++) {
		cp_buf_reset(&t);
		for (i = rnd(12); i >= 0; i--)
			cp_buf_puts(&t, piece[rnd(sizeof(piece) /
			    sizeof(*piece))]);
		a.n = b.n = 0;
		k = kinds[n % (sizeof(kinds) / sizeof(*kinds))];
		cp_match_sentence(x, t.data, t.len, k, 0, &a);
		cp_match_sentence(x, t.data, t.len, k, 1, &b);
		same = a.n == b.n;
		for (i = 0; same && (size_t)i < a.n; i++)
			same = same_hit(&a.v[i], &b.v[i]);
		if (!same)
			fprintf(stderr, "  prefilter changed the result on "
			    "[%s]: %zu vs %zu hits\n", t.data, a.n, b.n);
	}
	CHECK(same);
	cp_hits_free(&a);
	cp_hits_free(&b);
	cp_buf_free(&t);
	cp_mctx_free(x);
	cp_matcher_free(m);
	cp_rules_free(r);
	cp_diags_free(&d);
}

int
main(void)
{
	size_t off;

	want("said", 0, "said");
	want("Said", 1, "said");
	want("(?<source>\\w+) said (?<claim>.+)", 0, " said ");
	want("(?<!\\w)(?:said|says)(?!\\w) that", 0, " that");
	want("(?<!\\w)(?:said|says|told)(?!\\w)", 0, "said|says|told");
	want("according\\s+to", 0, "according");
	want("colou?r", 0, "colo");
	want("a*", 0, "*");
	want("(?:said)?", 0, "*");
	want("(?:said|\\w+)", 0, "*");
	want("[abc]+x", 0, "x");
	want("\\Qa.b\\E", 0, "a.b");
	want("U\\.S\\.", 0, "U.S.");
	want("\\x{41}BC", 0, "ABC");
	want("\\x{41}BC", 1, "abc");
	want("(?i)Reportedly", 0, "reportedly");
	want("caf\xc3\xa9s", 0, "caf\xc3\xa9s");
	want("caf\xc3\xa9s", 1, "caf");
	want("(?=said)\\w+", 0, "*");
	want("(?x) s a i d", 0, "*");
	want("x{2,3}yz", 0, "xyz");
	want("ab{0,2}c", 0, "a");
	want("a{,2}", 0, "*");
	want("ab+cd", 0, "bcd");
	want("\\Qab\\E?x", 0, "a");
	want("(?:may|might) +have", 0, " have");
	want("\\bmay\\b", 0, "may");
	want("(a)\\1", 0, "a");
	want("\\N{U+0041}bc", 0, "bc");
	want("(?<w>\\w)x(?P=w)y", 0, "x");
	want("ab(*ACCEPT)cdef", 0, "*");
	want("Said(?mi)ly", 0, "said");
	want("\\Q\xc3\x89t\xc3\xa9\\E", 1, "t");

	CHECK(nested("^(\\w+\\s?)*$", &off) && off == 9);
	CHECK(nested("(?:a+)+", &off) && off == 6);
	CHECK(!nested("(?>a+)+", &off));
	CHECK(!nested("(?:a+)++", &off));
	CHECK(!nested("(?:ab)+", &off));
	CHECK(!nested("\\w+\\s+\\w+", &off));
	CHECK(nested("((?:x|y+)z)*", &off));
	prefilter_sound();
	return DONE("t_lits");
}
