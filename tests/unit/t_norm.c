/*
 * t_norm.c -- the normalizer: fold by fold, and the offset map property.
 *
 * The property test builds documents from tokens whose normalized form is
 * known and separators whose collapsed form is known, then checks that
 * the text is the concatenation of the expected forms and that mapping
 * the output span of any run of tokens gives back exactly the original
 * bytes of those tokens.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "norm.h"

static struct cp_buf text;
static struct cp_omap map;
static int nwarn;

static void
count_warn(void *arg, const struct cp_norm_warning *w)
{
	(void)arg;
	(void)w;
	nwarn++;
}

/* Normalize in with flags and compare with want. */
static int
norm_is(unsigned flags, const char *in, size_t len, const char *want)
{
	struct cp_norm_opts o = { flags, count_warn, NULL };
	struct cp_norm *n = cp_norm_new(&o);
	int ok;

	nwarn = 0;
	ok = n != NULL && cp_norm_run(n, in, len, &text, &map) == 0 &&
	    text.len == strlen(want) && memcmp(text.data, want, text.len) == 0;
	if (!ok)
		fprintf(stderr, "  normalized: [%.*s]\n  wanted:     [%s]\n",
		    (int)text.len, text.data, want);
	cp_norm_free(n);
	return ok;
}

#define NORM(flags, in, want) CHECK(norm_is(flags, in, sizeof(in) - 1, want))

static void
folds(void)
{
	struct cp_span sp;

	/* UTF-8 repair: every kind of bad sequence, one U+FFFD each. */
	NORM(0, "a\x80z", "a\xEF\xBF\xBDz");		/* stray continuation */
	NORM(0, "a\xC0\xAFz", "a\xEF\xBF\xBD\xEF\xBF\xBDz"); /* overlong */
	NORM(0, "a\xED\xA0\x80z",
	    "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");	/* surrogate */
	NORM(0, "a\xE2\x80z", "a\xEF\xBF\xBDz");	/* truncated */
	NORM(0, "a\xF4\x90\x80\x80z", "a\xEF\xBF\xBD\xEF\xBF\xBD"
	    "\xEF\xBF\xBD\xEF\xBF\xBDz");		/* past U+10FFFF */
	NORM(0, "a\xFFz", "a\xEF\xBF\xBDz");
	NORM(0, "end\xE2\x82", "end\xEF\xBF\xBD");	/* truncated at end */
	CHECK(nwarn == 1);
	/* BOM, line ends, controls, NUL */
	NORM(0, "\xEF\xBB\xBFHi", "Hi");
	NORM(0, "a\r\nb\rc\n\r\n\r\nd", "a\nb\nc\n\nd");
	NORM(0, "a\x01\x7F\xC2\x85z", "a\nz");		/* NEL is a newline */
	NORM(0, "a\0b", "ab");
	CHECK(nwarn == 1);
	NORM(CP_NORM_KEEP_CONTROLS, "a\x01z", "a\x01z");
	/* white space */
	NORM(0, "  a \t b  \n  c\n\n\n\n d  ", "a b\nc\n\nd");
	NORM(CP_NORM_KEEP_WHITESPACE, " a  b\n", " a  b\n");
	NORM(0, "a\xC2\xA0" "b\xE2\x80\x89" "c\xE3\x80\x80" "d", "a b c d");
	NORM(CP_NORM_KEEP_SPACES, "a\xC2\xA0" "b", "a\xC2\xA0" "b");
	/* invisible characters */
	NORM(0, "zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen", "zerowidth softhyphen");
	NORM(CP_NORM_KEEP_INVISIBLE, "a\xE2\x80\x8B" "b", "a\xE2\x80\x8B" "b");
	/* dashes and ellipsis */
	NORM(0, "1990\xE2\x80\x93" "95 and\xE2\x80\x94then \xE2\x88\x92" "5",
	    "1990-95 and--then -5");
	NORM(CP_NORM_KEEP_DASHES, "a\xE2\x80\x93" "b", "a\xE2\x80\x93" "b");
	NORM(0, "wait\xE2\x80\xA6 what", "wait... what");
	NORM(CP_NORM_KEEP_ELLIPSIS, "a\xE2\x80\xA6", "a\xE2\x80\xA6");
	/* apostrophes fold between letters; quotes keep their shape */
	NORM(0, "it\xE2\x80\x99s O\xE2\x80\x99Neill", "it's O'Neill");
	NORM(0, "\xE2\x80\x98no\xE2\x80\x99 players\xE2\x80\x99 union",
	    "\xE2\x80\x98no\xE2\x80\x99 players\xE2\x80\x99 union");
	NORM(CP_NORM_KEEP_APOSTROPHES, "it\xE2\x80\x99s", "it\xE2\x80\x99s");
	NORM(0, "\xE2\x80\x9CYes\xE2\x80\x9D \xC2\xABoui\xC2\xBB",
	    "\xE2\x80\x9CYes\xE2\x80\x9D \xC2\xABoui\xC2\xBB");
	NORM(CP_NORM_FOLD_QUOTES, "\xE2\x80\x9CYes,\xE2\x80\x9D \xE2\x80\x98no\xE2"
	    "\x80\x99 \xC2\xABoui\xC2\xBB", "\"Yes,\" 'no' \"oui\"");
	/* Unicode normalization */
	NORM(0, "cafe\xCC\x81", "caf\xC3\xA9");		/* NFC composes */
	NORM(0, "Zu\xCC\x88rich", "Z\xC3\xBCrich");
	NORM(CP_NORM_KEEP_UNICODE, "e\xCC\x81", "e\xCC\x81");
	NORM(0, "\xEF\xAC\x81" "ne", "\xEF\xAC\x81" "ne");	/* NFC keeps fi */
	NORM(CP_NORM_NFKC, "\xEF\xAC\x81" "ne \xC2\xBD", "fine 1\xE2\x81\x84" "2");
	NORM(0, "D\xE1\xBA\xB7ng", "D\xE1\xBA\xB7ng");	/* Đặng stays */
	NORM(0, "a\xCC\xA3\xCC\x82", "\xE1\xBA\xAD");	/* ậ from marks */
	NORM(0, "a\xCC\x82\xCC\xA3", "\xE1\xBA\xAD");	/* reordered */
	NORM(0, "\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80"); /* Hangul LV */
	/* HTML */
	NORM(CP_NORM_HTML, "<p>Tom &amp; Jerry&rsquo;s</p><p>x&nbsp;&lt;y</p>",
	    "Tom & Jerry's\n\nx <y");
	NORM(CP_NORM_HTML, "a<br>b<script>if (a<b) x();</script>c", "a\nbc");
	NORM(CP_NORM_HTML, "<style>p{}</style><!-- c -->x &#8212; &#x2019;"
	    "&#150;&#0;&bogus; 3 < 4 &", "x -- \xE2\x80\x99-\xEF\xBF\xBD"
	    "&bogus; 3 < 4 &");
	NORM(CP_NORM_HTML, "line\none <b>bold</b> <unclosed", "line one bold <unclosed");
	NORM(0, "<p>kept &amp;</p>", "<p>kept &amp;</p>");
	/* mojibake */
	NORM(CP_NORM_MOJIBAKE, "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s caf\xC3\x83"
	    "\xC2\xA9", "it's caf\xC3\xA9");
	NORM(CP_NORM_MOJIBAKE, "S\xC3\xA3o Paulo \xC3\x83 la", "S\xC3\xA3o Paulo "
	    "\xC3\x83 la");				/* right text untouched */
	NORM(0, "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s",
	    "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s");	/* off by default */
	/* A fold of the same length stays indivisible: part of "..." maps
	 * to the whole "…" (3 bytes each way). */
	NORM(0, "Wait\xE2\x80\xA6 what", "Wait... what");
	sp = cp_omap_span(&map, 0, 5);
	CHECK(sp.start == 0 && sp.end == 7);
	sp = cp_omap_span(&map, 6, 12);
	CHECK(sp.start == 4 && sp.end == 12);
	NORM(CP_NORM_NFKC, "o\xEF\xAC\x83" "ce", "office");
	sp = cp_omap_span(&map, 0, 2);
	CHECK(sp.start == 0 && sp.end == 4);
	/* corner cases */
	NORM(0, "", "");
	NORM(0, " \n\t ", "");
	NORM(0, "\xCC\x81" "a", "\xCC\x81" "a");	/* lone mark first */
}

struct tok {
	const char *in;
	const char *out;
};

/* Tokens: no white space inside, none at either end deleted. */
static const struct tok toks[] = {
	{ "plain", "plain" },
	{ "U.S.", "U.S." },
	{ "$5.5", "$5.5" },
	{ "it\xE2\x80\x99s", "it's" },
	{ "cafe\xCC\x81", "caf\xC3\xA9" },
	{ "e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9" },
	{ "Z\xC3\xBCrich", "Z\xC3\xBCrich" },
	{ "x\xE2\x80\x8By", "xy" },
	{ "q\xFFz", "q\xEF\xBF\xBDz" },
	{ "m\xE2\x80\x94n", "m--n" },
	{ "dots\xE2\x80\xA6", "dots..." },
	{ "\xE2\x80\x9Cquote\xE2\x80\x9D", "\xE2\x80\x9Cquote\xE2\x80\x9D" },
	{ "\xC2\xA3" "5", "\xC2\xA3" "5" },
	{ "\xE2\x80\x93", "-" },
	{ "a\x01" "b", "ab" },
	{ "soft\xC2\xADly", "softly" },
	{ "\xE1\x84\x80\xE1\x85\xA1" "x", "\xEA\xB0\x80" "x" },
};

struct sep {
	const char *in;
	int nl;
};

static const struct sep seps[] = {
	{ " ", 0 }, { "  ", 0 }, { "\t", 0 }, { "\xC2\xA0", 0 },
	{ " \xE2\x80\x8B ", 0 }, { "\n", 1 }, { "\r\n", 1 }, { " \r\n ", 1 },
	{ "\n\n", 2 }, { "\r\n\r\n\r\n", 2 }, { "\n \n", 2 },
};

#define NT (sizeof(toks) / sizeof(toks[0]))
#define NS (sizeof(seps) / sizeof(seps[0]))
#define MAXTOK 30

static void
property(void)
{
	struct cp_norm_opts o = { 0, NULL, NULL };
	struct cp_norm *n = cp_norm_new(&o);
	struct cp_buf in = { 0 }, want = { 0 };
	size_t os[MAXTOK], oe[MAXTOK], ns[MAXTOK], ne[MAXTOK];
	struct cp_span sp;
	int iter, k, i, j, bad = 0, badtext = 0;

	srand(777);
	for (iter = 0; iter < 2000; iter++) {
		cp_buf_reset(&in);
		cp_buf_reset(&want);
		k = 1 + rand() % MAXTOK;
		for (i = 0; i < k; i++) {
			const struct tok *t = &toks[rand() % NT];

			if (i > 0) {
				const struct sep *s = &seps[rand() % NS];

				cp_buf_puts(&in, s->in);
				cp_buf_puts(&want, s->nl == 0 ? " " :
				    s->nl == 1 ? "\n" : "\n\n");
			} else if (rand() % 4 == 0)
				cp_buf_puts(&in, "  \n");	/* trimmed */
			os[i] = in.len;
			ns[i] = want.len;
			cp_buf_puts(&in, t->in);
			cp_buf_puts(&want, t->out);
			oe[i] = in.len;
			ne[i] = want.len;
		}
		if (rand() % 4 == 0)
			cp_buf_puts(&in, " \n");		/* trimmed */
		CHECK(cp_norm_run(n, in.data, in.len, &text, &map) == 0);
		if (text.len != want.len ||
		    memcmp(text.data, want.data, want.len) != 0) {
			if (badtext++ == 0)
				fprintf(stderr, "  got  [%s]\n  want [%s]\n",
				    text.data, want.data);
			continue;
		}
		for (i = 0; i < k; i++)
			for (j = i; j < k; j++) {
				sp = cp_omap_span(&map, ns[i], ne[j]);
				if (sp.start != os[i] || sp.end != oe[j])
					bad++;
			}
	}
	CHECK(badtext == 0);
	CHECK(bad == 0);
	cp_buf_free(&in);
	cp_buf_free(&want);
	cp_norm_free(n);
}

/* Is s valid UTF-8? */
static int
valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;
	int k;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = s[i] >= 0xF0 ? 3 : s[i] >= 0xE0 ? 2 : 1;
		if (s[i] < 0xC2 || s[i] > 0xF4 || i + (size_t)k >= len + 0 + 1)
			return 0;
		for (i++; k > 0; k--, i++)
			if (i >= len || (s[i] & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

/* Random bytes under every option: the output is always valid UTF-8 and
 * the map is monotone and stays inside the input. */
static void
garbage(void)
{
	static const char alphabet[] = "ab <>&;#x\r\n\t\xC3\xA9\xE2\x80\x99\x9C"
	    "\xFF\x00\xCC\x81 p/";
	struct cp_norm_opts o = { 0, NULL, NULL };
	struct cp_norm *n;
	char buf[300];
	size_t len, i, prev_n, prev_o;
	int iter, bad = 0;

	for (iter = 0; iter < 3000; iter++) {
		o.flags = (unsigned)(rand() % 16) |
		    (rand() % 3 == 0 ? CP_NORM_KEEP_WHITESPACE : 0);
		n = cp_norm_new(&o);
		len = (size_t)(rand() % (int)sizeof(buf));
		for (i = 0; i < len; i++)
			buf[i] = rand() % 3 ? alphabet[rand() %
			    (sizeof(alphabet) - 1)] : (char)rand();
		if (cp_norm_run(n, buf, len, &text, &map) != 0)
			bad++;
		if (!valid_utf8((unsigned char *)text.data, text.len))
			bad++;
		prev_n = 0;
		prev_o = 0;
		for (i = 0; i < map.npt; i++) {
			if (map.pt[3 * i] < prev_n || map.pt[3 * i + 1] < prev_o ||
			    map.pt[3 * i + 2] > 1)
				bad++;
			prev_n = map.pt[3 * i];
			prev_o = map.pt[3 * i + 1];
		}
		if (prev_n > text.len || prev_o + (text.len - prev_n) > len)
			bad++;
		cp_norm_free(n);
	}
	CHECK(bad == 0);
}

/* 8 MB without a newline, and a megabyte of combining marks: linear. */
static void
big(void)
{
	struct cp_norm_opts o = { CP_NORM_HTML, NULL, NULL };
	struct cp_norm *n = cp_norm_new(&o);
	size_t len = 8u << 20, i;
	char *s = malloc(len);

	CHECK(s != NULL);
	for (i = 0; i < len; i++)
		s[i] = "word <a "[i % 8];
	CHECK(cp_norm_run(n, s, len, &text, &map) == 0);
	CHECK(text.len > 0);
	for (i = 0; i + 1 < len; i += 2)
		memcpy(s + i, "\xCC\x81", 2);
	CHECK(cp_norm_run(n, s, len, &text, &map) == 0);
	CHECK(text.len == len);
	free(s);
	cp_norm_free(n);
}

int
main(void)
{
	folds();
	property();
	garbage();
	big();
	cp_buf_free(&text);
	cp_omap_free(&map);
	return DONE("t_norm");
}
