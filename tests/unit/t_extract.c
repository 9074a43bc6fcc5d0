/*
 * t_extract.c -- how extract chooses among matches: overlap resolution
 * (priority, then length, then position, then rule order; attributions
 * clash only on cues and sources), hedge attachment, source kinds and
 * pronoun resolution, quotations that go on past their sentence, and the
 * reset at a new document.
 */
#include <string.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "rules.h"
#include "match.h"
#include "extract.h"

static const char pack[] =
    "rules:\n"
    "  - id: said-low\n    kind: attribution\n    priority: 1\n"
    "    pattern: '(?<claim>.+?), (?<source>\\w+) (?<cue>said)'\n"
    "  - id: said-high\n    kind: attribution\n    priority: 5\n"
    "    pattern: '(?<claim>\\w+ \\w+), (?<source>\\w+) (?<cue>said)'\n"
    "  - id: quote\n    kind: attribution\n"
    "    pattern: '(?<claim>\xE2\x80\x9C[^\xE2\x80\x9D]+\xE2\x80\x9D) (?<source>\\w+) (?<cue>said)'\n"
    "  - id: quote-end\n    kind: attribution\n"
    "    pattern: '^(?<claim>[^\xE2\x80\x9C\xE2\x80\x9D]+\xE2\x80\x9D) (?<source>\\w+) (?<cue>said)'\n"
    "  - id: said-no\n    kind: attribution\n"
    "    pattern: '(?<source>\\w+) (?<cue>said) (?<claim>no)'\n"
    "  - id: adding\n    kind: attribution\n    flags: [inherit-source]\n"
    "    pattern: '(?<cue>adding) (?<claim>.+)'\n"
    "  - id: told\n    kind: attribution\n"
    "    pattern: '(?<source>\\w+) (?<cue>told) him (?<claim>.+)'\n"
    "  - id: may\n    kind: hedge\n    class: epistemic\n"
    "    pattern: '\\bmay\\b'\n"
    "  - id: may-rise\n    kind: hedge\n    class: epistemic\n"
    "    pattern: '\\bmay rise\\b'\n"
    "  - id: he\n    kind: source-kind\n    class: pronoun:person\n"
    "    pattern: '^(?:he|she)$'\n"
    "  - id: firm\n    kind: source-kind\n    class: pronoun:org\n"
    "    pattern: '^(?:it|the firm)$'\n"
    "  - id: acme\n    kind: source-kind\n    class: named:org\n"
    "    pattern: 'Acme$'\n";

static struct cp_extract *e;
static struct cp_mctx *x;
static struct cp_xresult res;

static void
run(const char *doc, const char *t)
{
	struct cp_omap map = { 0 };

	cp_omap_reset(&map, 0);
	CHECK(cp_extract_run(e, x, doc, strlen(doc), t, strlen(t), &map, 0,
	    &res) == 0);
	cp_omap_free(&map);
}

static int
text_is(const char *t, struct cp_part p, const char *want)
{
	return p.end - p.start == strlen(want) &&
	    memcmp(t + p.start, want, p.end - p.start) == 0;
}

int
main(void)
{
	struct cp_diags d = { 0 };
	struct cp_rules *r = cp_rules_new();
	struct cp_matcher *m = NULL;
	const char *t;

	CHECK(cp_rules_add_text(r, "t", "t.yaml", pack, strlen(pack), &d) ==
	    0);
	CHECK(cp_rules_finish(r, &d) == 0);
	CHECK(cp_matcher_new(r, &d, &m) == 0);
	if (m == NULL)
		return DONE("t_extract");
	x = cp_mctx_new(m);
	e = cp_extract_new(m);

	/* Priority beats length: said-high's match is shorter. */
	t = "Sales may rise, Lee said";
	run("a", t);
	CHECK(res.n == 1);
	CHECK(res.n == 1 && strcmp(r->rule[res.c[0].rule].id,
	    "said-high") == 0);
	CHECK(res.n == 1 && text_is(t, res.c[0].part[0], "may rise"));
	/* The longer hedge wins the overlap and attaches to the claim
	 * whose match holds it. */
	CHECK(res.nh == 1 && strcmp(r->rule[res.h[0].rule].id,
	    "may-rise") == 0);
	CHECK(res.n == 1 && res.c[0].nhedge == 1);
	CHECK(res.n == 1 && strcmp(res.c[0].kind, "named") == 0);

	/* A hedge outside every attribution: a claim of its own. */
	t = "It may rain";
	run("a", t);
	CHECK(res.n == 1 && res.c[0].rule == (size_t)-1 &&
	    !res.c[0].has_source && res.c[0].nhedge == 1);
	CHECK(res.n == 1 && text_is(t, res.c[0].part[0], "It may rain"));

	/* Two attributions whose cues and sources do not clash are both
	 * kept, in text order; a pronoun names the last compatible named
	 * source, an organisation pronoun the last organisation. */
	t = "Acme told him costs fell, he said";
	run("d", t);
	CHECK(res.n == 2);
	CHECK(res.n == 2 && res.c[0].start <= res.c[1].start);
	CHECK(res.n == 2 && strcmp(r->rule[res.c[0].rule].id, "told") == 0);
	CHECK(res.n == 2 && strcmp(res.c[0].kind, "named") == 0);
	CHECK(res.n == 2 && strcmp(res.c[1].kind, "pronoun") == 0 &&
	    !res.c[1].has_refers);	/* Acme is an organisation */
	t = "Prices fell, it said";
	run("d", t);
	CHECK(res.n == 1 && res.c[0].has_refers && res.c[0].refers_len == 4 &&
	    memcmp(res.pool.data + res.c[0].refers_text, "Acme", 4) == 0);
	t = "Prices fell, Lee said";
	run("d", t);
	t = "Prices rose, he said";
	run("d", t);
	CHECK(res.n == 1 && res.c[0].has_refers && res.c[0].refers_len == 3 &&
	    memcmp(res.pool.data + res.c[0].refers_text, "Lee", 3) == 0);

	/* A new document forgets the old one's sources. */
	run("b", t);
	CHECK(res.n == 1 && !res.c[0].has_refers);
	/* ... and so does a reset within one id (sentence 0 again). */
	run("b", "Prices fell, Lee said");
	cp_extract_reset(e);
	run("b", t);
	CHECK(res.n == 1 && !res.c[0].has_refers);

	/* A quotation that goes on: the next sentence opening with a
	 * quotation mark is a continuation, with the speaker and the cue
	 * of the claim before it. */
	run("q", "\xE2\x80\x9CWe will win,\xE2\x80\x9D Lee said");
	CHECK(res.n == 1 && !res.c[0].cont);
	t = "\xE2\x80\x9CNobody doubts it.\xE2\x80\x9D";
	run("q", t);
	CHECK(res.n == 1 && res.c[0].cont && res.c[0].has_source &&
	    res.c[0].has_cue && res.c[0].npart == 1);
	CHECK(res.n == 1 && res.c[0].part[0].start == 0 &&
	    res.c[0].part[0].end == strlen(t));
	CHECK(res.n == 1 && res.c[0].csource_len == 3 && memcmp(res.pool.data +
	    res.c[0].csource_text, "Lee", 3) == 0);
	CHECK(res.n == 1 && res.c[0].ccue_len == 4 && memcmp(res.pool.data +
	    res.c[0].ccue_text, "said", 4) == 0);
	CHECK(res.n == 1 && res.c[0].csource.start == 19 &&
	    res.c[0].csource.end == 22);	/* as in the first sentence */
	/* A sentence with no quotation mark at its start ends it. */
	run("q", "It may rain");
	CHECK(res.n == 1 && !res.c[0].cont && res.c[0].rule == (size_t)-1);
	run("q", t);
	CHECK(res.n == 0);

	/* The speaker is the source outside the quotation marks; speech
	 * the quotation reports is no claim of its own. */
	run("q", "\xE2\x80\x9CThen Kim said no,\xE2\x80\x9D Lee said");
	CHECK(res.n == 1 && strcmp(r->rule[res.c[0].rule].id, "quote") == 0);
	run("q", "Then Kim said no, Lee said");
	CHECK(res.n == 2);
	run("q", "\xE2\x80\x9CWe will win,\xE2\x80\x9D Lee said");
	run("q", "\xE2\x80\x9CIt is late.");
	run("q", "Kim said no.\xE2\x80\x9D");	/* still inside */
	CHECK(res.n == 1 && res.c[0].cont);
	run("q", "\xE2\x80\x9CThen Kim said no,\xE2\x80\x9D Lee said");
	run("q", t);
	CHECK(res.n == 1 && res.c[0].cont && memcmp(res.pool.data +
	    res.c[0].csource_text, "Lee", 3) == 0);

	/* A quotation left open goes on through sentences without marks;
	 * hedges in a continuation are its own. */
	run("q", "\xE2\x80\x9CWe will win,\xE2\x80\x9D Lee said");
	run("q", "\xE2\x80\x9CIt is late.");
	CHECK(res.n == 1 && res.c[0].cont);
	run("q", "It may rain.\xE2\x80\x9D");
	CHECK(res.n == 1 && res.c[0].cont && res.c[0].nhedge == 1);
	run("q", "It may rain.");
	CHECK(res.n == 1 && !res.c[0].cont);

	/* A quotation opened with no attribution and closed by one: the
	 * claim's content takes in the quoted text before it (its lead). */
	run("l", "Rain fell. \xE2\x80\x9CIt is late.");
	CHECK(res.n == 0);
	run("l", "Very late.");
	CHECK(res.n == 0);
	run("l", "It may rain,\xE2\x80\x9D Lee said");
	CHECK(res.n == 1 && res.c[0].nlead == 2 && res.c[0].has_source);
	CHECK(res.n == 1 && res.c[0].nlead == 2 && res.c[0].lead_len[0] ==
	    14 && res.c[0].lead_len[1] == 10 && memcmp(res.pool.data +
	    res.c[0].lead_text, "\xE2\x80\x9CIt is late.Very late.", 24) ==
	    0);
	CHECK(res.n == 1 && res.c[0].lead[0].start == 11 &&
	    res.c[0].lead[0].end == 25);
	/* ... not when the quotation closed in between */
	run("l", "\xE2\x80\x9CIt is late.");
	run("l", "Very late.\xE2\x80\x9D");
	run("l", "It may rain,\xE2\x80\x9D Lee said");
	CHECK(res.n == 1 && res.c[0].nlead == 0);

	/* Not across documents. */
	run("q", "\xE2\x80\x9CWe will win,\xE2\x80\x9D Lee said");
	run("r", t);
	CHECK(res.n == 0);

	/* inherit-source: a second cue of the speaker before it */
	t = "Costs fell, Lee said, adding that it was late";
	run("i", t);
	CHECK(res.n == 2 && res.c[1].has_source &&
	    text_is(t, res.c[1].source, "Lee") &&
	    text_is(t, res.c[1].cue, "adding"));
	CHECK(res.n == 2 && strcmp(res.c[1].kind, "named") == 0);
	/* ... not when its cue is part of what the speaker says */
	t = "Lee told him Kim was adding more";
	run("i", t);
	CHECK(res.n == 2 && text_is(t, res.c[1].cue, "adding") &&
	    !res.c[1].has_source);
	/* ... nor with no claim with a source before it */
	run("i", "adding that it was late");
	CHECK(res.n == 1 && !res.c[0].has_source);

	/* The same input gives the same claims, whatever came before. */
	run("c", "Sales may rise, Lee said");
	CHECK(res.n == 1 && strcmp(r->rule[res.c[0].rule].id,
	    "said-high") == 0);

	cp_xresult_free(&res);
	cp_extract_free(e);
	cp_mctx_free(x);
	cp_matcher_free(m);
	cp_rules_free(r);
	cp_diags_free(&d);
	return DONE("t_extract");
}
