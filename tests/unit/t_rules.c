/*
 * t_rules.c -- loading rule files: good ones expand, bad ones are
 * reported with a position and the rule id.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "rules.h"

static struct cp_diags diags;

/* Load text as file "t.yaml" of pack "en"; return the rules or NULL. */
static struct cp_rules *
load(const char *text)
{
	struct cp_rules *r = cp_rules_new();

	cp_diags_free(&diags);
	if (r == NULL)
		return NULL;
	cp_rules_add_text(r, "en", "t.yaml", text, strlen(text), &diags);
	cp_rules_finish(r, &diags);
	return r;
}

/* Is there a diagnostic at line:col whose message contains what? */
static int
has(long line, long col, const char *rule, const char *what)
{
	size_t i;

	for (i = 0; i < diags.n; i++)
		if (diags.v[i].line == line && diags.v[i].col == col &&
		    strcmp(diags.v[i].rule, rule) == 0 &&
		    strstr(diags.v[i].msg, what) != NULL)
			return 1;
	for (i = 0; i < diags.n; i++)
		fprintf(stderr, "  have %s:%ld:%ld: [%s] %s\n",
		    diags.v[i].file, diags.v[i].line, diags.v[i].col,
		    diags.v[i].rule, diags.v[i].msg);
	return 0;
}

/* The pattern of a one-rule pack with lexicon L = lex and pattern pat. */
static char *
expanded(const char *lex, const char *pat, const char *flags)
{
	static char text[1024];
	struct cp_rules *r;
	char *out = NULL;

	snprintf(text, sizeof(text), "lexicons:\n  L: [%s]\nrules:\n"
	    "  - id: a\n    kind: hedge\n    pattern: '%s'\n%s", lex, pat,
	    flags);
	if ((r = load(text)) != NULL && diags.nerr == 0 && r->nrule == 1)
		out = strdup(r->rule[0].pattern[0]);
	cp_rules_free(r);
	return out;
}

static int
expands_to(const char *lex, const char *pat, const char *flags,
    const char *want)
{
	char *got = expanded(lex, pat, flags);
	int ok = got != NULL && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "  %s: got %s\n", pat, got ? got : "(null)");
	free(got);
	return ok;
}

static pcre2_code *
compile(const char *pat)
{
	PCRE2_SIZE off;
	int err;

	return pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
}

/*
 * A lexicon in a case-sensitive place becomes a trie; random lexicons
 * and texts match the same with it as with the flat alternation, longest
 * word first, at every start.
 */
static void
tries(void)
{
	static const char *const words[] = { "a", "ab", "a b", "abc", "b",
	    "ba", "b a", "\xc3\xa9", "\xc3\xa9" "a", "ac", "c", "a  b c" };
	static const char *const places[][3] = {	/* pattern, flags, */
		{ "{{L}}", "", "(?<!\\w)(?:a(?:b|c))(?!\\w)" },	/* want */
		{ "{{L}}", "    flags: [caseless]\n", "(?<!\\w)(?:ab|ac)(?!\\w)" },
		{ "(?i:x{{L}})", "", "(?i:x(?<!\\w)(?:ab|ac)(?!\\w))" },
		{ "(?i)x{{L}}", "", "(?i)x(?<!\\w)(?:ab|ac)(?!\\w)" },
		{ "(?:(?i)x)({{L}})", "",
		    "(?:(?i)x)((?<!\\w)(?:a(?:b|c))(?!\\w))" },
		{ "(?i:x)[(?i]\\(?i{{L}}", "",
		    "(?i:x)[(?i]\\(?i(?<!\\w)(?:a(?:b|c))(?!\\w)" },
		{ "(?i)(?-i:{{L}})", "",
		    "(?i)(?-i:(?<!\\w)(?:a(?:b|c))(?!\\w))" },
		{ "(?x){{L}}", "", "(?x)(?<!\\w)(?:ab|ac)(?!\\w)" },
	};
	char lex[512], flat[1024];
	pcre2_code *ct, *cf;
	pcre2_match_data *mt, *mf;
	static const char *const alpha[] = { "a", "b", " ", "c", "\xc3\xa9" };
	char text[128], *trie;
	size_t round, i, n, len, bad = 0;
	int rt, rf;

	CHECK(expands_to("said, says, \"pointed out\", \"pointed to\", "
	    "pointed, ab, \"a b\"", "x {{L}}", "", "x (?<!\\w)(?:a(?:\\s+"
	    "b|b)|pointed(?:\\s+(?:out|to))?|sa(?:id|ys))(?!\\w)"));
	/* caseless places keep the flat form */
	for (i = 0; i < sizeof(places) / sizeof(*places); i++)
		CHECK(expands_to("ab, ac", places[i][0], places[i][1],
		    places[i][2]));

	srand(11);
	mt = pcre2_match_data_create(4, NULL);
	mf = pcre2_match_data_create(4, NULL);
	for (round = 0; round < 200; round++) {
		lex[0] = '\0';
		n = 1 + (size_t)rand() % 8;
		for (i = 0; i < n; i++) {
			strcat(lex, i ? ", \"" : "\"");
			strcat(lex, words[rand() % (sizeof(words) /
			    sizeof(*words))]);
			strcat(lex, "\"");
		}
		trie = expanded(lex, "(?<w>{{L}})(?:\\s|$)", "");
		snprintf(flat, sizeof(flat), "%s", trie ? trie : "");
		free(trie);
		/* the flat form of the same lexicon: caseless rule */
		trie = expanded(lex, "(?<w>{{L}})(?:\\s|$)",
		    "    flags: [caseless]\n");
		ct = compile(flat);
		cf = trie ? compile(trie) : NULL;
		free(trie);
		if (ct == NULL || cf == NULL) {
			bad++;
			pcre2_code_free(ct);
			pcre2_code_free(cf);
			continue;
		}
		text[0] = '\0';
		for (i = (size_t)rand() % 30; i > 0; i--)
			strcat(text, alpha[rand() % 5]);
		len = strlen(text);
		for (i = 0; i < len; i++) {
			rt = pcre2_match(ct, (PCRE2_SPTR)text, len, i,
			    PCRE2_ANCHORED, mt, NULL);
			/* compiled case-sensitive: only the form differs */
			rf = pcre2_match(cf, (PCRE2_SPTR)text, len, i,
			    PCRE2_ANCHORED, mf, NULL);
			if (rt != rf || (rt > 0 && memcmp(
			    pcre2_get_ovector_pointer(mt),
			    pcre2_get_ovector_pointer(mf),
			    4 * sizeof(PCRE2_SIZE)) != 0))
				bad++;
		}
		pcre2_code_free(ct);
		pcre2_code_free(cf);
	}
	CHECK(bad == 0);
	pcre2_match_data_free(mt);
	pcre2_match_data_free(mf);
}

/*
 * Ids are unique in a pack, not across packs, and the check holds past
 * the growth of its table: 1,000 rules, each id once, then one again in
 * another file of the pack and once in another pack.
 */
static void
many_ids(void)
{
	struct cp_rules *r = cp_rules_new();
	struct cp_buf b = { 0 };
	const char *again = "rules:\n  - {id: r-517, kind: hedge, "
	    "pattern: y}\n";
	int i;

	cp_diags_free(&diags);
	cp_buf_puts(&b, "rules:\n");
	for (i = 0; i < 1000; i++) {
		char line[80];

		snprintf(line, sizeof(line), "  - {id: r-%d, kind: hedge, "
		    "pattern: x}\n", i);
		cp_buf_puts(&b, line);
	}
	CHECK(r != NULL && cp_rules_add_text(r, "en", "a.yaml", b.data,
	    b.len, &diags) == 0 && r->nrule == 1000);
	CHECK(cp_rules_add_text(r, "en", "b.yaml", again, strlen(again),
	    &diags) == CP_ERR && r->nrule == 1000);
	CHECK(has(2, 10, "r-517", "rule id 'r-517' is already used at "
	    "a.yaml:519"));
	CHECK(cp_rules_add_text(r, "more", "b.yaml", again, strlen(again),
	    &diags) == 0 && r->nrule == 1001);
	CHECK(strcmp(r->rule[1000].qid, "more.b.r-517") == 0);
	cp_buf_free(&b);
	cp_rules_free(r);
}

int
main(void)
{
	struct cp_rules *r;
	char deep[400];
	size_t i;

	r = load(
	    "lexicons:\n"
	    "  SAY: [said, says, \"according to\", U.S.]\n"
	    "rules:\n"
	    "  - id: say-that\n"
	    "    kind: attribution\n"
	    "    priority: 5\n"
	    "    flags: [caseless]\n"
	    "    pattern: '(?<source>\\w+) {{SAY}} (?<claim>.+)'\n"
	    "    examples:\n"
	    "      - text: Bob said hi\n"
	    "        expect: {source: Bob, claim: hi}\n"
	    "      - text: nothing\n"
	    "        expect: none\n");
	CHECK(r != NULL && diags.nerr == 0 && r->nrule == 1);
	CHECK(strcmp(r->rule[0].qid, "en.t.say-that") == 0);
	CHECK(r->rule[0].priority == 5 && r->rule[0].caseless);
	CHECK(strcmp(r->rule[0].pattern[0], "(?<source>\\w+) (?<!\\w)(?:"
	    "according\\s+to|U\\.S\\.|said|says)(?!\\w) (?<claim>.+)") == 0);
	CHECK(r->rule[0].nex == 2 && r->rule[0].ex[1].none &&
	    r->rule[0].ex[0].ngroups == 2 &&
	    strcmp(r->rule[0].ex[0].value[1], "hi") == 0);
	cp_rules_free(r);
	tries();

	/* unknown keys get suggestions; positions are 1-based */
	r = load("rules:\n  - id: a\n    kind: hedge\n    patern: x\n");
	CHECK(has(4, 5, "a", "unknown key 'patern' in a rule (did you mean "
	    "'pattern'?)"));
	CHECK(has(2, 5, "a", "needs a 'pattern'"));
	cp_rules_free(r);
	r = load("lexicon:\n  A: [x]\n");
	CHECK(has(1, 1, "", "did you mean 'lexicons'"));
	cp_rules_free(r);
	r = load("rules:\n  - id: a\n    kind: hedgeh\n    pattern: x\n");
	CHECK(has(3, 11, "a", "unknown kind 'hedgeh' (did you mean 'hedge'?)"));
	cp_rules_free(r);

	/* duplicate ids, undefined and unused lexicons, wrong types */
	r = load("lexicons:\n  UNUSED: [x]\nrules:\n"
	    "  - {id: a, kind: hedge, pattern: '{{NOPE}}'}\n"
	    "  - {id: a, kind: hedge, pattern: y}\n"
	    "  - {id: b, kind: attribution, pattern: '(?<source>x)'}\n"
	    "  - {id: c, kind: hedge, pattern: [x], priority: high}\n");
	CHECK(has(5, 10, "a", "rule id 'a' is already used at t.yaml:4"));
	CHECK(has(4, 35, "a", "undefined lexicon 'NOPE'"));
	CHECK(has(2, 3, "", "lexicon 'UNUSED' is never used"));
	CHECK(has(6, 41, "b", "needs a (?<claim>...) group"));
	CHECK(has(7, 35, "c", "a pattern must be a non-empty string"));
	CHECK(has(7, 50, "c", "'priority' must be an integer"));
	cp_rules_free(r);

	many_ids();

	/* YAML trouble: syntax, aliases, nesting, not a map */
	r = load("rules: [\n  - id: a\n");
	CHECK(diags.nerr == 1 && diags.v[0].line > 0);
	cp_rules_free(r);
	r = load("lexicons:\n  A: &x [a, b]\n  B: *x\n");
	CHECK(has(3, 6, "", "aliases are not supported"));
	cp_rules_free(r);
	for (i = 0; i < 100; i++)
		deep[i] = '[';
	deep[i] = '\0';
	r = load(deep);
	CHECK(diags.nerr == 1 && strstr(diags.v[0].msg, "nested") != NULL);
	cp_rules_free(r);
	r = load("- just\n- a list\n");
	CHECK(has(1, 1, "", "a rule file is a map"));
	cp_rules_free(r);
	r = load("");
	CHECK(r != NULL && diags.n == 0 && r->nrule == 0);
	cp_rules_free(r);

	cp_diags_free(&diags);
	return DONE("t_rules");
}
