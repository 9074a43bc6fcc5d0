/*
 * t_alloc.c -- every allocation failure is an error return, not a crash
 * or a leak.
 *
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (see the
 * Makefile), so the library's allocations go through the wrappers below.
 * Each scenario runs with the n-th allocation failing, for n = 0, 1, ...
 * until it succeeds without any failure; every run must return 0 or
 * CP_ENOMEM, and under the sanitizer or valgrind must leak nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "norm.h"
#include "record.h"
#include "rules.h"
#include "match.h"
#include "extract.h"
#include "sent.h"

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);

static long fail_at = -1;	/* the allocation that fails; -1: none */
static long count;

static int
fails(void)
{
	return fail_at >= 0 && count++ == fail_at;
}

void *
__wrap_malloc(size_t n)
{
	return fails() ? NULL : __real_malloc(n);
}

void *
__wrap_calloc(size_t n, size_t m)
{
	return fails() ? NULL : __real_calloc(n, m);
}

void *
__wrap_realloc(void *p, size_t n)
{
	return fails() ? NULL : __real_realloc(p, n);
}

static const char doc[] =
    "<p>It\xE2\x80\x99s caf\x65\xCC\x81 &amp; \xFF more\xE2\x80\xA6</p>\n"
    "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2 \xEF\xAC\x81 end";

static int
scenario_norm(void)
{
	struct cp_norm_opts o = { CP_NORM_HTML | CP_NORM_MOJIBAKE |
	    CP_NORM_NFKC, NULL, NULL };
	struct cp_norm *n;
	struct cp_buf text = { 0 };
	struct cp_omap map = { 0 };
	int rc = CP_ENOMEM;

	if ((n = cp_norm_new(&o)) != NULL)
		rc = cp_norm_run(n, doc, sizeof(doc) - 1, &text, &map);
	cp_norm_free(n);
	cp_buf_free(&text);
	cp_omap_free(&map);
	return rc;
}

static int
scenario_record(void)
{
	static const char line[] = "{\"id\":\"x\\u00e9\",\"text\":\"a\\nb\","
	    "\"k\":[1, 2]}";
	static const char *const skip[] = { "id", NULL };
	struct cp_diag d;
	struct cp_rec *r;
	struct cp_buf b = { 0 };
	int rc = CP_ENOMEM;

	cp_diag_clear(&d);
	if ((r = cp_rec_new()) != NULL &&
	    (rc = cp_rec_parse(r, line, sizeof(line) - 1, &d)) == 0 &&
	    (rc = cp_rec_write_rest(r, &b, skip)) == 0)
		rc = cp_json_str(&b, "x\ny", 3);
	cp_rec_free(r);
	cp_buf_free(&b);
	return rc;
}

/* Load a pack, compile it, split a text, read a map. */
static int
scenario_split(void)
{
	static const char text[] = "Mr. Smith met the U.S. team. It won. "
	    "1. One 2. Two \xe2\x80\xa2 Three... Four!";
	static const char line[] = "{\"map\":[1,1,1,2,4,0]}";
	static const char pack[] =
	    "lexicons:\n  T: [Mr, Dr]\n"
	    "rules:\n"
	    "  - id: t\n    kind: abbreviation\n    pattern: '{{T}}\\.'\n"
	    "  - id: u\n    kind: abbreviation\n"
	    "    pattern: '(?:\\p{Lu}\\.)+(?!\\s+(?:The|It))'\n"
	    "  - id: a\n    kind: attribution\n"
	    "    pattern: '(?<source>\\w+) said (?<claim>.+)'\n";
	struct cp_diags d = { 0 };
	struct cp_rules *r;
	struct cp_matcher *m = NULL;
	struct cp_mctx *x = NULL;
	struct cp_sents ss = { 0 };
	struct cp_omap map = { 0 };
	struct cp_rec *rec = NULL;
	struct cp_diag dg;
	int rc = CP_ENOMEM;

	cp_diag_clear(&dg);
	if ((r = cp_rules_new()) != NULL &&
	    (rc = cp_rules_add_text(r, "t", "t.yaml", pack, strlen(pack),
	    &d)) == 0 &&
	    (rc = cp_rules_finish(r, &d)) == 0 &&
	    (rc = cp_matcher_new(r, &d, &m)) == 0) {
		if ((x = cp_mctx_new(m)) == NULL)
			rc = CP_ENOMEM;
		else
			rc = cp_sent_split(x, text, sizeof(text) - 1, NULL, 64,
			    &ss);
	}
	if (rc == 0 && (rec = cp_rec_new()) == NULL)
		rc = CP_ENOMEM;
	if (rc == 0 && (rc = cp_rec_parse(rec, line, sizeof(line) - 1, &dg)) ==
	    0)
		rc = cp_rec_map(rec, "map", 0, 10, &map, &dg);
	cp_rec_free(rec);
	cp_omap_free(&map);
	cp_sents_free(&ss);
	cp_mctx_free(x);
	cp_matcher_free(m);
	cp_rules_free(r);
	cp_diags_free(&d);
	return rc;
}

/* Extract claims from a document's sentences: the prefilter's automaton,
 * lexicon tries, quotations that go on and leads, writing. */
static int
scenario_extract(void)
{
	static const char *const sents[] = {
	    "\xE2\x80\x9CIt is late.", "It may rain,\xE2\x80\x9D Lee said.",
	    "\xE2\x80\x9CSo it goes.\xE2\x80\x9D", "Kim said no, adding that"
	    " it may." };
	static const char pack[] =
	    "lexicons:\n  SAY: [said, says, \"said that\"]\n"
	    "rules:\n"
	    "  - id: a\n    kind: attribution\n"
	    "    pattern: '^(?<claim>.+?),\\S* (?<source>\\w+) (?<cue>{{SAY}})'\n"
	    "  - id: b\n    kind: attribution\n    flags: [inherit-source]\n"
	    "    pattern: '(?<cue>adding) (?<claim>.+)'\n"
	    "  - id: m\n    kind: hedge\n    pattern: '\\bmay\\b'\n";
	struct cp_diags d = { 0 };
	struct cp_rules *r;
	struct cp_matcher *m = NULL;
	struct cp_mctx *x = NULL;
	struct cp_extract *e = NULL;
	struct cp_xresult res = { 0 };
	struct cp_omap map = { 0 };
	struct cp_buf out = { 0 };
	size_t i, k;
	int rc = CP_ENOMEM;

	if ((r = cp_rules_new()) != NULL &&
	    (rc = cp_rules_add_text(r, "t", "t.yaml", pack, strlen(pack),
	    &d)) == 0 &&
	    (rc = cp_rules_finish(r, &d)) == 0 &&
	    (rc = cp_matcher_new(r, &d, &m)) == 0) {
		x = cp_mctx_new(m);
		e = cp_extract_new(m);
		rc = x != NULL && e != NULL ? 0 : CP_ENOMEM;
	}
	for (i = 0; rc == 0 && i < sizeof(sents) / sizeof(*sents); i++) {
		cp_omap_reset(&map, 0);
		rc = cp_extract_run(e, x, "d", 1, sents[i], strlen(sents[i]),
		    &map, 0, &res);
		for (k = 0; rc == 0 && k < res.n; k++)
			rc = cp_extract_write(&out, e, &res, k, "d", 1, "0", 1,
			    sents[i], &map, NULL, NULL);
	}
	cp_buf_free(&out);
	cp_omap_free(&map);
	cp_xresult_free(&res);
	cp_extract_free(e);
	cp_mctx_free(x);
	cp_matcher_free(m);
	cp_rules_free(r);
	cp_diags_free(&d);
	return rc;
}

static void
exhaust(const char *name, int (*fn)(void))
{
	long n;
	int rc, bad = 0;

	for (n = 0; n < 10000; n++) {
		fail_at = n;
		count = 0;
		rc = fn();
		if (rc != 0 && rc != CP_ENOMEM) {
			fprintf(stderr, "%s: failing allocation %ld gave %d\n",
			    name, n, rc);
			bad++;
		}
		if (count <= n)		/* no allocation failed: done */
			break;
	}
	fail_at = -1;
	CHECK(bad == 0);
	CHECK(n > 0 && n < 10000);
	CHECK(fn() == 0);
}

int
main(void)
{
	exhaust("normalize", scenario_norm);
	exhaust("record", scenario_record);
	exhaust("split", scenario_split);
	exhaust("extract", scenario_extract);
	return DONE("t_alloc");
}
