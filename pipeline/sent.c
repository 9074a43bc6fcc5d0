/*
 * sent.c -- sentence boundaries (see sent.h; the rules in prose are in
 * claimpipe(1) under split).
 *
 * The scanner walks the text once.  At a sentence start, and after a
 * colon and one white-space character, it notes a list marker ("1.",
 * "2)", "a.", "(b)") so that the next marker of the same list can start
 * the next sentence; a bullet after white space always starts one.
 * Inside a sentence it stops at terminal marks, line breaks and white
 * space before a marker, and decides there, looking only a little way
 * around:
 *
 *   - a terminal cluster is a run of . ? ! and "…", or a spaced ellipsis
 *     ". . .", followed by closing quotes and brackets, then white space;
 *   - before white space it ends a sentence only when what follows could
 *     start one: not a lowercase letter, not , ; : - ) ] } %; an ellipsis
 *     only before a capital letter, and never the sentence it opens;
 *   - a mark that would end the sentence (a period, a run with ? or !,
 *     an ellipsis) is first offered to the abbreviation rules, anchored
 *     at the start of the word it closes (a spaced ellipsis: at its first
 *     period) and ending just after the mark, before closing quotes; a
 *     claimed mark does not end the sentence, and the claim is listed in
 *     out;
 *   - but a period followed by closing quotes and white space, or by a
 *     line break and a capital letter, ends the sentence without asking,
 *     even after an abbreviation (a headline ending in "U.S.");
 *   - white space after a mark that does not end the sentence is the
 *     sentence's own, so a line break there does not end it;
 *   - with no white space after it, a mark (not an ellipsis) ends a
 *     sentence after closing quotes before a capital letter, or else
 *     between a lowercase letter or digit and a capitalised word
 *     ("world.Today", "Hello!Today"), never inside a file name, domain,
 *     URL or e-mail address ("Budget.Final.xlsx", "search?Query=1");
 *   - a paragraph break always ends a sentence; a single line break does
 *     unless the line looks wrapped (the next line starts in lowercase
 *     after at least four words, or after a comma).
 *
 * A sentence longer than the maximum is cut into pieces at white space,
 * else at a character boundary outside the atomic segments of the map.
 */
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "match.h"
#include "norm.h"
#include "sent.h"

/* How far an abbreviation rule may look: its word, and what follows. */
#define ABBR_WORD	64
#define ABBR_AHEAD	256

enum { L_NONE, L_DOT, L_PAREN, L_DOTPAREN, L_PARENS };

struct scan {
	const char	*t;
	size_t		 len;
	const struct cp_omap *map;	/* may be NULL */
	struct cp_sents	*out;
	struct cp_mctx	*x;
	size_t		 s;	/* current sentence start */
	size_t		 maxlen;
	int		 lstyle; /* list marker style at the sentence start */
	long		 lval;	/* its number, or letter */
};

static int
is_ws(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static enum cp_chclass
cls(const struct scan *sc, size_t i)
{
	size_t n;

	return cp_char_class(sc->t + i, sc->len - i, &n);
}

/* Does the text at i start with lit[0..n)? */
static int
hasn(const struct scan *sc, size_t i, const char *lit, size_t n)
{
	return i <= sc->len && sc->len - i >= n &&
	    memcmp(sc->t + i, lit, n) == 0;
}

#define has(sc, i, lit) hasn((sc), (i), (lit), sizeof(lit) - 1)

/*
 * The length of the character at i if it is one of the ASCII bytes in set
 * or one of the sequences in seq (NULL-terminated), else 0.
 */
static size_t
oneof(const struct scan *sc, size_t i, const char *set,
    const char *const *seq)
{
	unsigned char c;
	size_t k, n;

	if (i >= sc->len)
		return 0;
	c = (unsigned char)sc->t[i];
	if (c < 0x80)
		return c != 0 && strchr(set, c) != NULL;
	for (k = 0; seq[k] != NULL; k++) {
		n = strlen(seq[k]);
		if (hasn(sc, i, seq[k], n))
			return n;
	}
	return 0;
}

/* Closing quotes and brackets: ” ’ » › */
static const char *const closers[] = { "\xe2\x80\x9d", "\xe2\x80\x99",
    "\xc2\xbb", "\xe2\x80\xba", NULL };
/* Opening ones: “ ‘ « ‹ */
static const char *const openers[] = { "\xe2\x80\x9c", "\xe2\x80\x98",
    "\xc2\xab", "\xe2\x80\xb9", NULL };
/* Bullets: • ‣ ⁃ ◦ ▪ ▸ ● ■ */
static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x80\xa3",
    "\xe2\x81\x83", "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x96\xb8",
    "\xe2\x97\x8f", "\xe2\x96\xa0", NULL };

#define closer(sc, i)	oneof((sc), (i), "\"')]}", closers)
#define opener(sc, i)	oneof((sc), (i), "\"'([{", openers)
#define bullet(sc, i)	oneof((sc), (i), "", bullets)

static size_t
skip_spaces(const struct scan *sc, size_t i)
{
	while (i < sc->len && sc->t[i] == ' ')
		i++;
	return i;
}

/*
 * A list marker at i: "12." "12)" "12.)" "(12)" or the same with one
 * lowercase letter, followed by white space.  Sets style, value and the
 * offset after the marker; returns 0 when there is none.
 */
static int
marker(const struct scan *sc, size_t i, int *style, long *val, size_t *after)
{
	const char *t = sc->t;
	size_t j = i, k, n;
	int paren = 0;
	long v = 0;

	if (j < sc->len && t[j] == '(') {
		paren = 1;
		j++;
	}
	for (k = j; k < sc->len && k - j < 4 && t[k] >= '0' && t[k] <= '9'; k++)
		v = v * 10 + (t[k] - '0');
	if (k == j || k - j > 3) {
		if (j < sc->len && t[j] >= 'a' && t[j] <= 'z' &&
		    (j + 1 >= sc->len || !(t[j + 1] >= 'a' && t[j + 1] <= 'z'))) {
			v = -(long)(t[j] - 'a' + 1);	/* letters are < 0 */
			k = j + 1;
		} else
			return 0;
	}
	if (paren) {
		if (!has(sc, k, ")"))
			return 0;
		*style = L_PARENS;
		k++;
	} else if (has(sc, k, ".)")) {
		*style = L_DOTPAREN;
		k += 2;
	} else if (has(sc, k, ")")) {
		*style = L_PAREN;
		k++;
	} else if (has(sc, k, ".")) {
		*style = L_DOT;
		k++;
	} else
		return 0;
	if (k >= sc->len || !is_ws(t[k]))
		return 0;
	if (*style == L_DOT) {
		/* "a. The first item", "1. Buy": what follows must look
		 * like a start, or "e. coli" and "1. above" would count. */
		n = skip_spaces(sc, k);
		if (v < 0 && cls(sc, n) != CP_CH_UPPER && cls(sc, n) !=
		    CP_CH_DIGIT)
			return 0;
	}
	*val = v;
	*after = k;
	return 1;
}

/* Is there an "@", "://" or "www." in the word around i? */
static int
urlish(const struct scan *sc, size_t tok, size_t i)
{
	const char *t = sc->t;
	size_t a = i > tok + ABBR_AHEAD ? i - ABBR_AHEAD : tok, b;

	for (b = i; b < sc->len && b - i < ABBR_AHEAD && !is_ws(t[b]); b++)
		;
	for (; a < b; a++)
		if (t[a] == '@' || (b - a >= 3 && memcmp(t + a, "://", 3) ==
		    0) || (b - a >= 4 && memcmp(t + a, "www.", 4) == 0))
			return 1;
	return 0;
}

/*
 * Does an abbreviation rule claim the mark ending at end (exclusive), in
 * the word starting at tok?  A claim is recorded in out.  Returns 1, 0 or
 * CP_ENOMEM.
 */
static int
abbrev(struct scan *sc, size_t tok, size_t end)
{
	struct cp_claim *nv;
	struct cp_sents *out = sc->out;
	size_t k, lim, rule;
	int rc;

	while ((k = opener(sc, tok)) > 0 && tok + k < end)
		tok += k;
	if (end - tok > ABBR_WORD)
		return 0;
	lim = end + ABBR_AHEAD < sc->len ? end + ABBR_AHEAD : sc->len;
	while (lim < sc->len && ((unsigned char)sc->t[lim] & 0xC0) == 0x80)
		lim++;
	rc = cp_match_abbrev(sc->x, sc->t + sc->s, lim - sc->s, tok - sc->s,
	    end - sc->s, &rule);
	if (rc != 1)
		return rc;
	if (out->nclaim == out->capclaim) {
		k = out->capclaim ? 2 * out->capclaim : 16;
		if ((nv = realloc(out->claim, k * sizeof(*nv))) == NULL)
			return CP_ENOMEM;
		out->claim = nv;
		out->capclaim = k;
	}
	out->claim[out->nclaim].start = tok;
	out->claim[out->nclaim].end = end;
	out->claim[out->nclaim++].rule = rule;
	return 1;
}

/* After a terminal: what follows, and whether a boundary could be here. */
struct after {
	size_t	c;	/* after the closing quotes and brackets */
	size_t	w;	/* after the white space: the next character */
	int	hasc;
	int	hasw;
	int	nl;	/* the white space holds a line break */
	int	stop;	/* end of text or paragraph break: always a boundary */
};

static void
look_after(const struct scan *sc, size_t j, struct after *a)
{
	size_t k, nl = 0;

	a->c = j;
	while ((k = closer(sc, a->c)) > 0)
		a->c += k;
	for (a->w = a->c; a->w < sc->len && is_ws(sc->t[a->w]); a->w++)
		nl += sc->t[a->w] == '\n';
	a->hasc = a->c > j;
	a->hasw = a->w > a->c;
	a->nl = nl > 0;
	a->stop = a->w >= sc->len || nl >= 2;
}

/* Could the character at i start a sentence after white space? */
static int
starts(const struct scan *sc, size_t i)
{
	enum cp_chclass c = cls(sc, i);

	if (c == CP_CH_LOWER)
		return 0;
	if (c == CP_CH_OTHER && strchr(",;:-)]}%", sc->t[i]) != NULL)
		return 0;
	return 1;
}

/* A capitalised word at i: an uppercase letter, then a lowercase one. */
static int
capword(const struct scan *sc, size_t i)
{
	size_t n;

	if (cp_char_class(sc->t + i, sc->len - i, &n) != CP_CH_UPPER)
		return 0;
	return cls(sc, i + n) == CP_CH_LOWER;
}

/*
 * With no space after the mark at i: is the rest of the word a file name,
 * a domain or a URL ("Budget.Final.xlsx", "example.org/News",
 * "search?Query=1")?  Then the mark is inside a name.
 */
static int
inside_name(const struct scan *sc, size_t tok, size_t i)
{
	size_t b;

	if (urlish(sc, tok, i))
		return 1;
	for (b = i + 1; b < sc->len && b - i < ABBR_AHEAD && !is_ws(sc->t[b]);
	    b++)
		if ((sc->t[b] == '.' || sc->t[b] == '/' || sc->t[b] == '=') &&
		    b + 1 < sc->len && !is_ws(sc->t[b + 1]) &&
		    !closer(sc, b + 1))
			return 1;
	return 0;
}

/* Is i the first thing in the sentence, after opening quotes, brackets
 * and a bullet? */
static int
opens(const struct scan *sc, size_t i)
{
	size_t p = sc->s, k;

	while ((k = opener(sc, p)) > 0 || (k = bullet(sc, p)) > 0)
		p = skip_spaces(sc, p + k);
	return i <= p;
}

/* The decision at a terminal. */
struct verdict {
	int	end;	/* 1: the sentence ends at at */
	size_t	at;	/* end of the sentence, if it ends */
	size_t	next;	/* where scanning goes on */
};

/*
 * The common part of every decision, for the mark [i, j) in the word
 * starting at tok.  kind: '.' for a period, '?' for ? and !, 'e' for an
 * ellipsis.  Returns 0 or CP_ENOMEM.
 */
static int
decide(struct scan *sc, size_t tok, size_t i, size_t j, int kind,
    struct verdict *v)
{
	struct after a;
	enum cp_chclass prev;
	int rc;

	look_after(sc, j, &a);
	v->at = a.c;
	v->next = a.c;
	v->end = 0;
	if (a.stop) {
		v->end = 1;
		return 0;
	}
	if (!a.hasw) {
		if (kind == 'e')
			return 0;		/* "mean...see" */
		if (a.hasc) {
			/* ."The: rare, and only before a capital. */
			v->end = cls(sc, a.w) == CP_CH_UPPER;
			return 0;
		}
		/* "world.Today", "1,000.That", "Hello!Today"; not "U.S.A",
		 * "3.5", "Budget.Final.xlsx" or an address. */
		prev = i > sc->s ? cls(sc, i - 1) : CP_CH_NONE;
		if (!capword(sc, a.w) || (prev != CP_CH_LOWER &&
		    prev != CP_CH_DIGIT) || inside_name(sc, tok, i))
			return 0;
	} else {
		/* White space after a mark that does not end the sentence
		 * is the sentence's own, line breaks included. */
		v->next = a.w;
		if (!starts(sc, a.w))
			return 0;
		/* An ellipsis ends a sentence only before a capital, and
		 * never the sentence it opens. */
		if (kind == 'e' && (opens(sc, i) || cls(sc, a.w) !=
		    CP_CH_UPPER))
			return 0;
		/* After a closing quote or bracket, or at a line break
		 * before a capital, no abbreviation holds a period: news
		 * text puts one paragraph on a line, and a headline may
		 * end in "U.S." */
		if (kind == '.' && (a.hasc || (a.nl && cls(sc, a.w) ==
		    CP_CH_UPPER))) {
			v->end = 1;
			v->next = a.c;
			return 0;
		}
	}
	if ((rc = abbrev(sc, tok, j)) < 0)
		return rc;
	v->end = rc == 0;
	v->next = v->end ? a.c : a.w;
	return 0;
}

/*
 * The terminal at i.  Returns 0 with the verdict, or CP_ENOMEM.
 */
static int
terminal(struct scan *sc, size_t tok, size_t i, struct verdict *v)
{
	const char *t = sc->t;
	size_t j = i, k, g, dots = 0;
	int q = 0;
	struct after a;

	for (;;) {
		if (j < sc->len && t[j] == '.') {
			dots++;
			j++;
		} else if (j < sc->len && (t[j] == '?' || t[j] == '!')) {
			q = 1;
			j++;
		} else if (has(sc, j, "\xe2\x80\xa6")) {
			dots += 3;
			j += 3;
		} else
			break;
	}
	if (q)
		return decide(sc, tok, i, j, '?', v);
	if (dots > 1) {
		/* "[...]" marks words left out of a quotation. */
		if (i > 0 && t[i - 1] == '[' && has(sc, j, "]")) {
			v->end = 0;
			v->next = j + 1;
			return 0;
		}
		return decide(sc, tok, i, j, 'e', v);
	}
	/* One period; is it the start of a spaced ". . ."? */
	for (g = j, k = 1; has(sc, g, " ."); g += 2)
		k++;
	if (k < 3)
		return decide(sc, tok, i, j, '.', v);
	if (i > sc->s && !is_ws(t[i - 1]) && k >= 4) {
		/* "compounds. . . . The practice": the first period ends
		 * the sentence and the ellipsis opens the next one -- when
		 * there is a next one. */
		look_after(sc, g, &a);
		v->end = 0;
		v->next = a.c;
		if (a.stop) {
			v->end = 1;
			v->at = a.c;
		} else if (a.hasw && cls(sc, a.w) == CP_CH_UPPER) {
			v->end = 1;
			v->at = v->next = i + 1;
		}
		return 0;
	}
	return decide(sc, i, i, g, 'e', v);
}

/* A single line break at i: does the line end the sentence? */
static int
line_ends(const struct scan *sc, size_t i)
{
	size_t n = skip_spaces(sc, i + 1), k, words = 0;
	int in = 0;

	if (cls(sc, n) != CP_CH_LOWER)
		return 1;
	for (k = i; k > sc->s && sc->t[k - 1] == ' '; k--)
		;
	if (k > sc->s && sc->t[k - 1] == ',')
		return 0;
	/* Four words in, a lowercase line goes on (wrapped text); a
	 * shorter one is an item of a list or a heading.  Counted back
	 * from the break, so the cost is that of the last few words. */
	for (; k > sc->s && words < 4; k--) {
		if (is_ws(sc->t[k - 1]))
			in = 0;
		else if (!in) {
			in = 1;
			words++;
		}
	}
	return words < 4;
}

static int
push1(struct cp_sents *out, size_t s, size_t e, int cut)
{
	struct cp_sent *nv;

	if (out->n == out->cap) {
		size_t cap = out->cap ? 2 * out->cap : 64;

		if ((nv = realloc(out->v, cap * sizeof(*nv))) == NULL)
			return CP_ENOMEM;
		out->v = nv;
		out->cap = cap;
	}
	out->v[out->n].start = s;
	out->v[out->n].end = e;
	out->v[out->n].cut = cut;
	out->n++;
	return 0;
}

/*
 * Add the sentence [s, e), trimmed.  One longer than maxlen is cut into
 * pieces, marked as cut: each at the last white space in the second half
 * of the allowance, else at the last character boundary that is not
 * inside an atomic segment of the map.
 */
static int
push(struct cp_sents *out, const struct scan *sc, size_t s, size_t e)
{
	const char *t = sc->t;
	size_t c, p;
	int rc;

	for (;;) {
		while (s < e && is_ws(t[s]))
			s++;
		while (e > s && is_ws(t[e - 1]))
			e--;
		if (e - s <= sc->maxlen)
			break;
		for (c = s + sc->maxlen; c > s + sc->maxlen / 2; c--)
			if (is_ws(t[c - 1]))
				break;
		if (c == s + sc->maxlen / 2) {
			/* No white space: cut where the map allows, at a
			 * character boundary.  Only a hand-made map with one
			 * atomic segment longer than maxlen defeats this;
			 * then the segment is cut. */
			c = s + sc->maxlen;
			if (sc->map != NULL && cp_omap_floor(sc->map, c) > s)
				c = cp_omap_floor(sc->map, c);
			while (c > s + 1 && ((unsigned char)t[c] & 0xC0) ==
			    0x80)
				c--;
		}
		for (p = c; p > s && is_ws(t[p - 1]); p--)
			;
		if ((rc = push1(out, s, p, 1)) != 0)
			return rc;
		s = c;
	}
	return e > s ? push1(out, s, e, 0) : 0;
}

/* Start a sentence at i: note a bullet and a list marker.  Returns where
 * the scan for its end begins. */
static size_t
begin(struct scan *sc, size_t i)
{
	size_t k, after;

	sc->s = i;
	sc->lstyle = L_NONE;
	if ((k = bullet(sc, i)) > 0)
		i = skip_spaces(sc, i + k);
	if (marker(sc, i, &sc->lstyle, &sc->lval, &after))
		return after;
	sc->lstyle = L_NONE;
	return i;
}

/* Does the next item of the current list start at i? */
static int
next_item(const struct scan *sc, size_t i)
{
	size_t after;
	long v;
	int style;

	if ((unsigned char)sc->t[i] == 0xE2 && bullet(sc, i) > 0)
		return 1;
	return sc->lstyle != L_NONE && marker(sc, i, &style, &v, &after) &&
	    style == sc->lstyle && v == (sc->lval < 0 ? sc->lval - 1 :
	    sc->lval + 1);
}

/* The bytes the scan stops at: white space, . ? ! and the lead byte of
 * "…" and of the bullets. */
static const unsigned char stop[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	['.'] = 1, ['?'] = 1, ['!'] = 1, [0xE2] = 1
};

int
cp_sent_split(struct cp_mctx *x, const char *text, size_t len,
    const struct cp_omap *map, size_t maxlen, struct cp_sents *out)
{
	struct scan sc;
	struct verdict v;
	size_t i, tok, after;
	unsigned char c;
	long val;
	int rc, style;

	out->n = 0;
	out->nclaim = 0;
	if (maxlen < 64)
		maxlen = 64;
	memset(&sc, 0, sizeof(sc));
	sc.t = text;
	sc.len = len;
	sc.x = x;
	sc.map = map;
	sc.out = out;
	sc.maxlen = maxlen;
	i = 0;
	while (i < len && is_ws(text[i]))
		i++;
	if (i >= len)
		return 0;
	tok = i = begin(&sc, i);
	while (i < len) {
		/* Most bytes are letters: skip them in a tight loop. */
		while (i < len && !stop[(unsigned char)text[i]])
			i++;
		if (i >= len)
			break;
		c = (unsigned char)text[i];
		if (c == '.' || c == '?' || c == '!' || (c == 0xE2 &&
		    has(&sc, i, "\xe2\x80\xa6"))) {
			if ((rc = terminal(&sc, tok, i, &v)) != 0)
				return rc;
			if (v.end) {
				if ((rc = push(out, &sc, sc.s, v.at)) != 0)
					return rc;
				i = v.next;
				goto next;
			}
			/* Past the cluster: still inside this sentence. */
			if (v.next > i + 1 && is_ws(text[v.next - 1]))
				tok = v.next;
			i = v.next > i ? v.next : i + 1;
			continue;
		}
		if (!is_ws(c)) {
			i++;
			continue;
		}
		tok = i + 1;
		if (c == '\n' && ((i + 1 < len && text[i + 1] == '\n') ||
		    line_ends(&sc, i))) {
			if ((rc = push(out, &sc, sc.s, i)) != 0)
				return rc;
			goto next;
		}
		/* "three parts: 1. Raise taxes 2. Cut spending": a list
		 * that starts after a colon. */
		if (i > sc.s && text[i - 1] == ':' && marker(&sc, i + 1,
		    &style, &val, &after) && (val == 1 || val == -1)) {
			sc.lstyle = style;
			sc.lval = val;
			tok = i = after;
			continue;
		}
		if (i + 1 < len && !is_ws(text[i + 1]) && next_item(&sc, i + 1)) {
			if ((rc = push(out, &sc, sc.s, i)) != 0)
				return rc;
			goto next;
		}
		i++;
		continue;
next:
		while (i < len && is_ws(text[i]))
			i++;
		if (i >= len)
			break;
		tok = i = begin(&sc, i);
	}
	if (sc.s < len && (out->n == 0 || out->v[out->n - 1].end <= sc.s))
		return push(out, &sc, sc.s, len);
	return 0;
}

int
cp_sent_text(struct cp_buf *b, const char *text, const struct cp_sent *s)
{
	size_t i;

	cp_buf_reset(b);
	if (cp_buf_put(b, text + s->start, s->end - s->start) != 0)
		return CP_ENOMEM;
	for (i = 0; i < b->len; i++)
		if (b->data[i] == '\n')
			b->data[i] = ' ';
	return 0;
}

void
cp_sents_free(struct cp_sents *out)
{
	free(out->v);
	free(out->claim);
	out->v = NULL;
	out->claim = NULL;
	out->n = out->cap = out->nclaim = out->capclaim = 0;
}
