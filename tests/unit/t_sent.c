/*
 * t_sent.c -- sentence boundaries with the built-in English pack.
 *
 * Four kinds of check:
 *   - a table of traps, text in and sentences out;
 *   - every example of every abbreviation rule in the pack: split as split
 *     splits it, the rule must claim the mark that ends the expected word
 *     (as anchored), or nothing;
 *   - structural properties on random texts: sentences are in order, do
 *     not overlap, are trimmed, and cover every non-space byte;
 *   - the offset property on the sample corpus and on random documents
 *     full of folds: normalizing a sentence's ORIGINAL span gives the
 *     sentence's text back (line breaks as spaces);
 *   - pathological inputs of megabytes, which must finish (in linear
 *     time: no timing is asserted, a quadratic scan would not finish).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "norm.h"
#include "omap.h"
#include "rules.h"
#include "match.h"
#include "sent.h"

static struct cp_rules *rules;
static struct cp_matcher *matcher;
static struct cp_mctx *mx;
static struct cp_sents ss;
static struct cp_buf joined;

/* Split text; return the sentences joined by " | ". */
static const char *
split(const char *text)
{
	struct cp_buf *out = &joined;
	size_t i;

	cp_buf_reset(out);
	if (cp_sent_split(mx, text, strlen(text), NULL, CP_SENT_MAX, &ss) != 0)
		return "(error)";
	for (i = 0; i < ss.n; i++) {
		if (i > 0)
			cp_buf_puts(out, " | ");
		cp_buf_put(out, text + ss.v[i].start,
		    ss.v[i].end - ss.v[i].start);
	}
	return out->data ? out->data : "";
}

static void
trap(const char *text, const char *want)
{
	const char *got = split(text);

	CHECK(strcmp(got, want) == 0);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "  text: %s\n  want: %s\n  got:  %s\n", text,
		    want, got);
}

static void
traps(void)
{
	trap("The board met on Jan. 5 with Mr. Ortiz. It voted.",
	    "The board met on Jan. 5 with Mr. Ortiz. | It voted.");
	trap("Sales rose at Halvard Corp. in the fall.",
	    "Sales rose at Halvard Corp. in the fall.");
	trap("Shares fell at Halvard Corp. The chief quit.",
	    "Shares fell at Halvard Corp. | The chief quit.");
	trap("Gov. Lina Park and Sen. Ray Ode spoke.",
	    "Gov. Lina Park and Sen. Ray Ode spoke.");
	trap("Talks in the U.K. Parliament stalled.",
	    "Talks in the U.K. Parliament stalled.");
	trap("It was filed in Washington, D.C. The judge agreed.",
	    "It was filed in Washington, D.C. | The judge agreed.");
	trap("Mara T. Olsen wrote it. See p. 55 for more.",
	    "Mara T. Olsen wrote it. | See p. 55 for more.");
	trap("Buy staples, e.g. rice, i.e. food. Then go.",
	    "Buy staples, e.g. rice, i.e. food. | Then go.");
	trap("He wore No. 5 in the Lions vs. Hawks game.",
	    "He wore No. 5 in the Lions vs. Hawks game.");
	trap("It costs $5.5 billion, or 3.14 times 5.5% of v2.0 sales.",
	    "It costs $5.5 billion, or 3.14 times 5.5% of v2.0 sales.");
	trap("We open at 9 a.m. on Monday. We close at 5 p.m. Come early.",
	    "We open at 9 a.m. on Monday. | We close at 5 p.m. | Come early.");
	trap("He paused... Then he left.", "He paused... | Then he left.");
	trap("He paused... and then left.", "He paused... and then left.");
	trap("He paused\xe2\x80\xa6 Then he left.",
	    "He paused\xe2\x80\xa6 | Then he left.");
	trap("It was . . . odd. Very odd.", "It was . . . odd. | Very odd.");
	trap("He said \xe2\x80\x9cNo.\xe2\x80\x9d Then he left.",
	    "He said \xe2\x80\x9cNo.\xe2\x80\x9d | Then he left.");
	trap("\xe2\x80\x9cWhy?\xe2\x80\x9d she asked. He shrugged.",
	    "\xe2\x80\x9cWhy?\xe2\x80\x9d she asked. | He shrugged.");
	trap("\"Stop!\" he cried, and ran.", "\"Stop!\" he cried, and ran.");
	trap("It rained. (See below.) Then it cleared.",
	    "It rained. | (See below.) | Then it cleared.");
	trap("It rained.Today it is dry.", "It rained. | Today it is dry.");
	trap("Mail ana.lopez@example.org or visit www.example.org/News. Thanks.",
	    "Mail ana.lopez@example.org or visit www.example.org/News. | "
	    "Thanks.");
	trap("Open report.PDF and notes.txt now.",
	    "Open report.PDF and notes.txt now.");
	trap("Port strike ends\n\nDockers went back to work.",
	    "Port strike ends | Dockers went back to work.");
	trap("Port strike ends\nDockers went back to work.",
	    "Port strike ends | Dockers went back to work.");
	trap("The dockers went back to\nwork on Monday.",
	    "The dockers went back to\nwork on Monday.");
	trap("1. Buy bread 2. Sell butter", "1. Buy bread | 2. Sell butter");
	trap("(a) Buy bread (b) Sell butter", "(a) Buy bread | (b) Sell butter");
	trap("\xe2\x80\xa2 Bread \xe2\x80\xa2 Butter",
	    "\xe2\x80\xa2 Bread | \xe2\x80\xa2 Butter");
	trap("She won 2. He won 3.", "She won 2. | He won 3.");
	trap("TALKS WITH U.S.\nJapan agreed.", "TALKS WITH U.S. | Japan agreed.");
	trap("Turn to p.\n55 now.", "Turn to p.\n55 now.");
	trap("", "");
	trap("   \n\n  ", "");
	trap("No final mark", "No final mark");
	trap("?!", "?!");
	trap("...", "...");
	trap(". . .", ". . .");
}

/* Each example of each abbreviation rule, split as split does: the rule
 * must claim the mark at the end of the expected word, or nothing. */
static void
examples(void)
{
	const struct cp_rule *ru;
	const struct cp_example *ex;
	const char *t, *w;
	size_t i, j, k, wl, nex = 0;
	int claimed;

	for (i = 0; i < rules->nrule; i++) {
		ru = &rules->rule[i];
		if (ru->kind != CP_RULE_ABBREVIATION)
			continue;
		for (j = 0; j < ru->nex; j++) {
			ex = &ru->ex[j];
			t = ex->text;
			w = ex->none ? NULL : ex->value[0];
			CHECK(ex->none || (ex->ngroups == 1 &&
			    strcmp(ex->group[0], "abbreviation") == 0));
			claimed = 0;
			CHECK(cp_sent_split(mx, t, strlen(t), NULL,
			    CP_SENT_MAX, &ss) == 0);
			for (k = 0; k < ss.nclaim; k++) {
				if (ss.claim[k].rule != i)
					continue;
				wl = w ? strlen(w) : 0;
				if (w != NULL && ss.claim[k].end -
				    ss.claim[k].start == wl && memcmp(t +
				    ss.claim[k].start, w, wl) == 0)
					claimed = 1;
				else
					claimed = -1;
				break;
			}
			CHECK(ex->none ? claimed == 0 : claimed == 1);
			if (ex->none ? claimed != 0 : claimed != 1)
				fprintf(stderr, "  rule %s, example '%s'\n",
				    ru->qid, t);
			nex++;
		}
	}
	CHECK(nex >= 20);
}

static unsigned long long rng = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Sentences in order, trimmed, not overlapping, covering every non-space
 * byte of the text. */
static int
well_formed(const char *t, size_t len)
{
	size_t i, k, prev = 0;

	for (i = 0; i < ss.n; i++) {
		if (ss.v[i].start < prev || ss.v[i].end <= ss.v[i].start ||
		    ss.v[i].end > len)
			return 0;
		if (strchr(" \n", t[ss.v[i].start]) ||
		    strchr(" \n", t[ss.v[i].end - 1]))
			return 0;
		for (k = prev; k < ss.v[i].start; k++)
			if (t[k] != ' ' && t[k] != '\n')
				return 0;
		prev = ss.v[i].end;
	}
	for (k = prev; k < len; k++)
		if (t[k] != ' ' && t[k] != '\n')
			return 0;
	return 1;
}

static void
random_texts(void)
{
	static const char *const tok[] = { "word", "Word", "U.S.", "Mr.",
	    "Inc.", "a.m.", "3.5", "...", ". . .", "\xe2\x80\xa6", ".", "?",
	    "!", "\"", "\xe2\x80\x9d", ")", "(", "1.", "2.", "a.", "b)", "\n",
	    "\n\n", "e.g.", "x@y.z", "http://a.b/c.", "I.", "No.", "5",
	    "\xe2\x80\xa2", "[...]", "The", "it", "..", "?!", "'" };
	struct cp_buf b = { 0 };
	int n, i, ok = 1;

	for (n = 0; n < 1000; n++) {
		cp_buf_reset(&b);
		for (i = rnd(40); i >= 0; i--) {
			cp_buf_puts(&b, tok[rnd(sizeof(tok) / sizeof(*tok))]);
			if (rnd(4) != 0)
				cp_buf_putc(&b, rnd(8) ? ' ' : '\n');
		}
		if (cp_sent_split(mx, b.data, b.len, NULL, 64, &ss) != 0 ||
		    !well_formed(b.data, b.len)) {
			fprintf(stderr, "  random text: [%s]\n", b.data);
			ok = 0;
			break;
		}
	}
	CHECK(ok);
	cp_buf_free(&b);
}

/*
 * Normalize orig, split it, and check that normalizing each sentence's
 * original span gives the sentence's text.  Returns the number of
 * sentences checked, or -1 on a mismatch.
 */
static long
roundtrip(struct cp_norm *nz, const char *orig, size_t olen, size_t maxlen,
    const char *name)
{
	struct cp_buf text = { 0 }, again = { 0 };
	struct cp_omap map = { 0 }, m2 = { 0 };
	struct cp_span sp;
	size_t i, k, n = 0;
	long rc = 0;

	if (cp_norm_run(nz, orig, olen, &text, &map) != 0 ||
	    cp_sent_split(mx, text.data, text.len, &map, maxlen, &ss) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < ss.n; i++) {
		sp = cp_omap_span(&map, ss.v[i].start, ss.v[i].end);
		/* Pieces of a cut sentence must not share an original
		 * byte; their text may fold differently at the cut. */
		if (i > 0 && sp.start < cp_omap_span(&map, ss.v[i - 1].start,
		    ss.v[i - 1].end).end) {
			fprintf(stderr, "  %s: sentence %zu overlaps\n", name,
			    i);
			rc = -1;
		}
		if (ss.v[i].cut || (i > 0 && ss.v[i - 1].cut))
			continue;
		if (cp_norm_run(nz, orig + sp.start, sp.end - sp.start, &again,
		    &m2) != 0)
			rc = -1;
		n = ss.v[i].end - ss.v[i].start;
		/* split writes line breaks inside a sentence as spaces */
		for (k = 0; k < again.len; k++)
			if (again.data[k] == '\n')
				again.data[k] = ' ';
		for (k = ss.v[i].start; k < ss.v[i].end; k++)
			if (text.data[k] == '\n')
				text.data[k] = ' ';
		if (rc == 0 && (again.len != n || memcmp(again.data,
		    text.data + ss.v[i].start, n) != 0)) {
			fprintf(stderr, "  %s: sentence %zu [%zu,%zu)\n"
			    "    text:  %.*s\n    again: %.*s\n", name, i,
			    sp.start, sp.end, (int)n,
			    text.data + ss.v[i].start, (int)again.len,
			    again.data);
			rc = -1;
		}
	}
	if (rc == 0)
		rc = (long)ss.n;
	cp_buf_free(&text);
	cp_buf_free(&again);
	cp_omap_free(&map);
	cp_omap_free(&m2);
	return rc;
}

static void
corpus(void)
{
	static const char *const files[] = {
		"01-gdansk-terminal.txt", "02-norrland-merger.txt",
		"03-zurich-bank.txt", "04-sao-paulo-metro.txt",
		"05-hanoi-payments.txt", "06-krakow-swimmer.txt",
		"07-malmo-wind.txt", "08-oslo-storm-claims.txt",
		"09-aire-valley-budget.txt", "10-constanta-grain.txt",
		"11-copenhagen-migraine.txt", "12-manhattan-fund-fraud.txt",
		"13-seattle-airline.txt", "14-marseille-poll.txt",
		"15-lyon-bakers.html", "16-athens-wildfire.txt",
		"17-andoya-launch.txt", NULL
	};
	struct cp_norm_opts o = { 0 };
	struct cp_norm *plain, *html;
	struct cp_buf b = { 0 };
	char path[256];
	long n, total = 0;
	FILE *fp;
	int i, ok = 1;

	plain = cp_norm_new(&o);
	o.flags = CP_NORM_HTML;
	html = cp_norm_new(&o);
	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof(path), "corpus/articles/%s", files[i]);
		if ((fp = fopen(path, "rb")) == NULL) {
			perror(path);
			ok = 0;
			continue;
		}
		cp_buf_reset(&b);
		while (!feof(fp) && cp_buf_reserve(&b, 4096) == 0)
			b.len += fread(b.data + b.len, 1, 4096, fp);
		fclose(fp);
		n = roundtrip(strstr(path, ".html") ? html : plain, b.data,
		    b.len, CP_SENT_MAX, path);
		if (n < 0)
			ok = 0;
		else
			total += n;
	}
	CHECK(ok);
	CHECK(total == 166);	/* corpus/sentences.jsonl */
	cp_buf_free(&b);
	cp_norm_free(plain);
	cp_norm_free(html);
}

/* The texts of real annotated news, when ../shared is beside the
 * checkout: curly quotes, dashes, accents, no-break spaces. */
static void
real_news(void)
{
	static const char path[] = "../shared/eval/polnear/dev.jsonl";
	struct cp_norm_opts o = { 0 };
	struct cp_norm *nz;
	json_error_t err;
	json_t *doc;
	const char *t;
	long n, total = 0;
	FILE *fp;
	int ok = 1;

	if ((fp = fopen(path, "r")) == NULL) {
		printf("t_sent: %s not found, real-news round trip skipped\n",
		    path);
		return;
	}
	nz = cp_norm_new(&o);
	while ((doc = json_loadf(fp, JSON_DISABLE_EOF_CHECK, &err)) != NULL) {
		if ((t = json_string_value(json_object_get(doc, "text"))) !=
		    NULL) {
			n = roundtrip(nz, t, json_string_length(json_object_get(
			    doc, "text")), CP_SENT_MAX, "polnear dev");
			if (n < 0)
				ok = 0;
			else
				total += n;
		}
		json_decref(doc);
	}
	fclose(fp);
	cp_norm_free(nz);
	CHECK(ok);
	CHECK(total > 1000);
}

/* Random documents built from pieces that normalize changes. */
static void
folds(void)
{
	static const char *const piece[] = { "Word", "word", "U.S.", "Mr.",
	    "It\xe2\x80\x99s", "\xe2\x80\x9cQuote.\xe2\x80\x9d", "\r\n",
	    "\r\n\r\n", "  ", "\xc2\xa0", "\xe2\x80\x94", "\xe2\x80\xa6",
	    "\xe2\x80\x8b", "caf\x65\xcc\x81", "\xef\xac\x83", "\t", ".",
	    "?", "!", "3.5", "\xff", "\xc3", "e.g.", "The", "\n", "'",
	    "said.", "(Note.)" };
	struct cp_norm_opts o = { 0 };
	struct cp_norm *nz = cp_norm_new(&o);
	struct cp_buf b = { 0 };
	int n, i, ok = 1;

	for (n = 0; n < 500 && ok; n++) {
		cp_buf_reset(&b);
		for (i = rnd(30); i >= 0; i--) {
			cp_buf_puts(&b, piece[rnd(sizeof(piece) /
			    sizeof(*piece))]);
			if (rnd(3) != 0)
				cp_buf_putc(&b, ' ');
		}
		if (roundtrip(nz, b.data, b.len, n % 2 ? 64 : CP_SENT_MAX,
		    "random") < 0)
			ok = 0;
	}
	CHECK(ok);
	cp_buf_free(&b);
	cp_norm_free(nz);
}

/* Megabytes of text that could go quadratic. */
static void
pathological(void)
{
	static const char *const unit[] = { "U.S. ", "a.", "Mr.Mr.", ". ",
	    "x", "!", " . . . .", "1. ", "\xe2\x80\xa6", "aB.", "word\n" };
	struct cp_buf b = { 0 };
	size_t i, k, maxn;
	int ok = 1;

	for (k = 0; k < sizeof(unit) / sizeof(*unit); k++) {
		cp_buf_reset(&b);
		while (b.len < (size_t)1 << 20)
			cp_buf_puts(&b, unit[k]);
		if (cp_sent_split(mx, b.data, b.len, NULL, CP_SENT_MAX, &ss) != 0) {
			ok = 0;
			continue;
		}
		for (i = maxn = 0; i < ss.n; i++)
			if (ss.v[i].end - ss.v[i].start > maxn)
				maxn = ss.v[i].end - ss.v[i].start;
		if (maxn > CP_SENT_MAX || !well_formed(b.data, b.len)) {
			fprintf(stderr, "  pathological '%s': longest %zu\n",
			    unit[k], maxn);
			ok = 0;
		}
	}
	CHECK(ok);
	cp_buf_free(&b);
}

int
main(void)
{
	struct cp_diags d = { 0 };

	rules = cp_rules_new();
	CHECK(cp_rules_add_builtin(rules, "en", &d) == 0);
	CHECK(cp_rules_add_builtin(rules, "xx", &d) == 1);
	CHECK(cp_rules_finish(rules, &d) == 0);
	CHECK(cp_matcher_new(rules, &d, &matcher) == 0);
	CHECK(d.n == 0);
	cp_diags_free(&d);
	if (matcher == NULL || (mx = cp_mctx_new(matcher)) == NULL)
		return DONE("t_sent");
	traps();
	examples();
	random_texts();
	corpus();
	real_news();
	folds();
	pathological();
	cp_sents_free(&ss);
	cp_buf_free(&joined);
	cp_mctx_free(mx);
	cp_matcher_free(matcher);
	cp_rules_free(rules);
	return DONE("t_sent");
}
