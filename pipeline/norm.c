/*
 * norm.c -- the normalizer.
 *
 * The original bytes flow through four small stages, each a function that
 * pushes to the next:
 *
 *   source   bytes -> units: one code point and the number of original
 *            bytes it consumed (UTF-8 repair, CRLF, HTML tags and entities)
 *   mojibake units -> units: "â€™" read as CP1252 becomes "’" (optional)
 *   unicode  units -> groups: NFC/NFKC over runs of non-ASCII characters;
 *            a group is some code points that came from a run of original
 *            bytes and cannot be split further
 *   fold     groups -> pieces of output bytes, classified as text, space,
 *            newline, paragraph break or deletion
 *   layout   pieces -> the output text and the offset map (white space
 *            collapsed, paragraph breaks kept, ends trimmed)
 *
 * Because every stage consumes the original strictly in order, a piece only
 * needs to know how many original bytes it covers; the map builder adds
 * them up.
 *
 * News text is nearly all ASCII, so the main loop has a fast path: when no
 * stage holds anything back, a run of printable ASCII (with single spaces)
 * is copied to the output in one go.  The last ASCII character before a
 * non-ASCII byte stays on the slow path, since "e" followed by U+0301 must
 * compose to "é".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "norm.h"

#include "html_ent.h"

/* Pseudo code points the source may produce. */
#define U_DEL	(-1)		/* consumed bytes, no character */
#define U_PARA	(-2)		/* a paragraph break (HTML block element) */

/* Piece kinds, from fold to layout. */
enum { K_TEXT, K_SPACE, K_NL, K_PARA, K_DEL };

/*
 * Cap on one run of code points held for NFC.  Longer runs are cut at a
 * starter; a run of more than MAX_NONSTARTERS combining marks is cut even
 * inside (UAX #15 stream-safe format allows 30), so hostile input cannot
 * make the canonical reordering quadratic.
 */
#define MAX_RUN		256
#define MAX_NONSTARTERS	32

struct unit {
	int32_t	cp;
	size_t	olen;
};

struct cp_norm {
	unsigned	 flags;
	unsigned char	 fast[256];	/* bytes the fast path may copy */
	void		(*warn)(void *, const struct cp_norm_warning *);
	void		*warn_arg;

	/* per document */
	const unsigned char *in;
	size_t		 len;
	size_t		 pos;
	size_t		 opos;		/* original bytes emitted so far */
	struct cp_buf	*out;
	struct cp_omap	*map;
	int		 err;
	unsigned long	 nwarn[CP_NORM_W_NKINDS];
	size_t		 last_gt;	/* HTML: one past the last '>' */

	/* mojibake: units waiting to see if they form a UTF-8 sequence */
	struct unit	 mq[4];
	int		 mqn;

	/* unicode: the pending run */
	struct unit	*run;
	size_t		 nrun;
	size_t		 nonstarters;
	int32_t		*u32;
	size_t		 u32cap;
	struct cp_buf	 scratch;

	/* fold: a curly apostrophe waiting for the next character */
	int		 apos;
	size_t		 apos_olen;
	int32_t		 prev;		/* last character output */

	/* layout */
	int		 started;
	int		 ws;		/* white space pending */
	int		 ws_nl;		/* newlines in it */
	size_t		 ws_olen;
};

const char cp_norm_fold_names[] =
    "unicode,apostrophes,dashes,ellipsis,spaces,invisible,controls,whitespace";

static const struct {
	const char *name;
	unsigned bit;
} fold_bits[] = {
	{ "unicode", CP_NORM_KEEP_UNICODE },
	{ "apostrophes", CP_NORM_KEEP_APOSTROPHES },
	{ "dashes", CP_NORM_KEEP_DASHES },
	{ "ellipsis", CP_NORM_KEEP_ELLIPSIS },
	{ "spaces", CP_NORM_KEEP_SPACES },
	{ "invisible", CP_NORM_KEEP_INVISIBLE },
	{ "controls", CP_NORM_KEEP_CONTROLS },
	{ "whitespace", CP_NORM_KEEP_WHITESPACE },
};

int
cp_norm_keep_parse(const char *list, unsigned *flags, char *bad,
    size_t badsize)
{
	const char *p = list, *q;
	size_t i, n;

	while (*p != '\0') {
		q = strchr(p, ',');
		n = q ? (size_t)(q - p) : strlen(p);
		for (i = 0; i < sizeof(fold_bits) / sizeof(fold_bits[0]); i++)
			if (strlen(fold_bits[i].name) == n &&
			    memcmp(fold_bits[i].name, p, n) == 0)
				break;
		if (i == sizeof(fold_bits) / sizeof(fold_bits[0])) {
			if (badsize > 0) {
				if (n >= badsize)
					n = badsize - 1;
				memcpy(bad, p, n);
				bad[n] = '\0';
			}
			return -1;
		}
		*flags |= fold_bits[i].bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* Bytes that may be copied on the fast path. */
static unsigned char
fast_ok(unsigned char c, unsigned flags)
{
	if (c < 0x21 || c > 0x7E)
		return 0;
	if ((flags & CP_NORM_HTML) && (c == '<' || c == '&'))
		return 0;
	return 1;
}

struct cp_norm *
cp_norm_new(const struct cp_norm_opts *o)
{
	struct cp_norm *n;
	int i;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	n->flags = o->flags;
	for (i = 0; i < 256; i++)
		n->fast[i] = fast_ok((unsigned char)i, n->flags);
	n->warn = o->warn;
	n->warn_arg = o->arg;
	if ((n->run = malloc(MAX_RUN * sizeof(*n->run))) == NULL) {
		free(n);
		return NULL;
	}
	return n;
}

void
cp_norm_free(struct cp_norm *n)
{
	if (n == NULL)
		return;
	free(n->run);
	free(n->u32);
	cp_buf_free(&n->scratch);
	free(n);
}

static void
warn(struct cp_norm *n, enum cp_norm_wkind kind, size_t off, const char *msg)
{
	struct cp_norm_warning w;

	if (n->nwarn[kind]++ >= CP_NORM_WARN_MAX || n->warn == NULL)
		return;
	w.kind = kind;
	w.offset = off;
	w.more = 0;
	w.msg = msg;
	n->warn(n->warn_arg, &w);
}

static size_t
utf8_encode(int32_t cp, char *p)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- layout ---------------------------------------------------------- */

/*
 * Output blen bytes made from the next olen original bytes.  A piece is
 * copied only if it is the original byte for byte: "..." from "…" has the
 * same length but must stay atomic (test normalize/map-atomic).
 */
static void
emit(struct cp_norm *n, const char *p, size_t blen, size_t olen)
{
	int copied;

	if (n->err)
		return;
	copied = blen == olen && (p == (const char *)n->in + n->opos ||
	    memcmp(p, n->in + n->opos, blen) == 0);
	if (cp_buf_put(n->out, p, blen) != 0 ||
	    cp_omap_emit(n->map, blen, olen, !copied) != 0)
		n->err = CP_ENOMEM;
	n->opos += olen;
}

/* Settle pending white space; at_end means the document is over. */
static void
ws_flush(struct cp_norm *n, int at_end)
{
	if (!n->ws)
		return;
	if (!n->started || at_end)
		emit(n, "", 0, n->ws_olen);
	else if (n->ws_nl == 0)
		emit(n, " ", 1, n->ws_olen);
	else if (n->ws_nl == 1)
		emit(n, "\n", 1, n->ws_olen);
	else
		emit(n, "\n\n", 2, n->ws_olen);
	n->ws = n->ws_nl = 0;
	n->ws_olen = 0;
}

static void
layout(struct cp_norm *n, int kind, const char *p, size_t blen, size_t olen)
{
	if (n->flags & CP_NORM_KEEP_WHITESPACE) {
		if (kind == K_PARA)
			emit(n, "\n\n", 2, olen);
		else
			emit(n, p, blen, olen);
		return;
	}
	switch (kind) {
	case K_DEL:
		if (n->ws)
			n->ws_olen += olen;
		else
			emit(n, "", 0, olen);
		break;
	case K_SPACE:
	case K_NL:
	case K_PARA:
		n->ws = 1;
		n->ws_olen += olen;
		n->ws_nl += kind == K_NL ? 1 : kind == K_PARA ? 2 : 0;
		break;
	default:
		ws_flush(n, 0);
		emit(n, p, blen, olen);
		n->started = 1;
		break;
	}
}

/* ---- fold ------------------------------------------------------------ */

enum cp_chclass
cp_char_class(const char *s, size_t n, size_t *len)
{
	unsigned char c;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	*len = 0;
	if (n == 0)
		return CP_CH_NONE;
	c = (unsigned char)*s;
	*len = 1;
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return CP_CH_UPPER;
		if (c >= 'a' && c <= 'z')
			return CP_CH_LOWER;
		if (c >= '0' && c <= '9')
			return CP_CH_DIGIT;
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return CP_CH_SPACE;
		return CP_CH_OTHER;
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)n, &cp);
	if (k <= 0)
		return CP_CH_OTHER;
	*len = (size_t)k;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return CP_CH_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return CP_CH_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return CP_CH_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return CP_CH_DIGIT;
	default:
		return CP_CH_OTHER;
	}
}

static int
is_letter(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

/*
 * Classify one code point: return its piece kind and set *rep to the
 * replacement bytes, or NULL to keep the character as it is.
 */
static int
fold_cp(const struct cp_norm *n, int32_t cp, const char **rep)
{
	unsigned f = n->flags;

	*rep = NULL;
	if (cp == U_PARA)
		return K_PARA;
	if (cp == U_DEL)
		return K_DEL;
	if (cp == '\n')
		return K_NL;
	if (cp == ' ')
		return K_SPACE;
	if (cp == '\t' || cp == 0x0B || cp == 0x0C) {
		*rep = " ";
		return K_SPACE;
	}
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
		if (cp == 0x85) {	/* NEL */
			*rep = "\n";
			return K_NL;
		}
		return (f & CP_NORM_KEEP_CONTROLS) ? K_TEXT : K_DEL;
	}
	if (cp < 0xA0)
		return K_TEXT;
	switch (cp) {
	case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002:
	case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007:
	case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
	case 0x3000:
		if (f & CP_NORM_KEEP_SPACES)
			return K_TEXT;
		*rep = " ";
		return K_SPACE;
	case 0x2028:
		*rep = "\n";
		return K_NL;
	case 0x2029:
		return K_PARA;
	case 0x00AD: case 0x180E: case 0x200B: case 0x200C: case 0x200D:
	case 0x2060: case 0x2061: case 0x2062: case 0x2063: case 0x2064:
	case 0x200E: case 0x200F: case 0x202A: case 0x202B: case 0x202C:
	case 0x202D: case 0x202E: case 0x2066: case 0x2067: case 0x2068:
	case 0x2069: case 0x061C: case 0xFEFF:
		return (f & CP_NORM_KEEP_INVISIBLE) ? K_TEXT : K_DEL;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
		if (!(f & CP_NORM_KEEP_DASHES))
			*rep = "-";
		return K_TEXT;
	case 0x2014: case 0x2015:
		if (!(f & CP_NORM_KEEP_DASHES))
			*rep = "--";
		return K_TEXT;
	case 0x2026:
		if (!(f & CP_NORM_KEEP_ELLIPSIS))
			*rep = "...";
		return K_TEXT;
	case 0x02BC:
		if (!(f & CP_NORM_KEEP_APOSTROPHES))
			*rep = "'";
		return K_TEXT;
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2039: case 0x203A:
		if (f & CP_NORM_FOLD_QUOTES)
			*rep = "'";
		return K_TEXT;
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x00AB: case 0x00BB:
		if (f & CP_NORM_FOLD_QUOTES)
			*rep = "\"";
		return K_TEXT;
	}
	return K_TEXT;
}

/* Output a held curly apostrophe, now that the next character is known. */
static void
apos_settle(struct cp_norm *n, int32_t next)
{
	if (!n->apos)
		return;
	n->apos = 0;
	/* it's, O’Neill: between two letters it is an apostrophe, not a
	 * closing quote, and is folded; elsewhere it keeps its shape. */
	if (is_letter(n->prev) && is_letter(next))
		layout(n, K_TEXT, "'", 1, n->apos_olen);
	else if (n->flags & CP_NORM_FOLD_QUOTES)
		layout(n, K_TEXT, "'", 1, n->apos_olen);
	else
		layout(n, K_TEXT, "\xE2\x80\x99", 3, n->apos_olen);
	n->prev = 0x2019;
}

/* One group of code points produced from olen original bytes. */
static void
fold(struct cp_norm *n, const int32_t *cp, size_t ncp, size_t olen)
{
	char tmp[8];
	const char *rep;
	size_t i;
	int kind;

	if (ncp == 0) {
		layout(n, K_DEL, "", 0, olen);
		return;
	}
	apos_settle(n, cp[0]);
	if (ncp == 1) {
		if (cp[0] == 0x2019 && !(n->flags & CP_NORM_KEEP_APOSTROPHES)) {
			n->apos = 1;
			n->apos_olen = olen;
			return;
		}
		kind = fold_cp(n, cp[0], &rep);
		if (rep != NULL)
			layout(n, kind, rep, strlen(rep), olen);
		else if (cp[0] < 0)
			layout(n, kind, "", 0, olen);
		else
			layout(n, kind, tmp, utf8_encode(cp[0], tmp), olen);
		if (kind != K_DEL)
			n->prev = kind == K_TEXT ? cp[0] : ' ';
		return;
	}
	/* Several code points from one indivisible original run (a composed
	 * sequence, an NFKC expansion): fold each, output them as one piece. */
	n->scratch.len = 0;
	for (i = 0; i < ncp; i++) {
		kind = fold_cp(n, cp[i], &rep);
		if (kind == K_DEL)
			continue;
		if (rep == NULL)
			rep = tmp, tmp[utf8_encode(cp[i], tmp)] = '\0';
		if (cp_buf_puts(&n->scratch, rep) != 0) {
			n->err = CP_ENOMEM;
			return;
		}
	}
	layout(n, n->scratch.len ? K_TEXT : K_DEL, n->scratch.data,
	    n->scratch.len, olen);
	if (n->scratch.len)
		n->prev = cp[ncp - 1];
}

/* ---- unicode normalization ------------------------------------------- */

/*
 * Normalize cp[0..k) into n->u32; return the new length, or -1 when
 * utf8proc fails (the run is then left as it is).
 */
static long
nfc(struct cp_norm *n, const int32_t *cp, size_t k)
{
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	utf8proc_ssize_t r;
	char tmp[4];
	size_t i;
	int32_t *p;

	if (n->flags & CP_NORM_NFKC)
		opt |= UTF8PROC_COMPAT;
	n->scratch.len = 0;
	for (i = 0; i < k; i++)
		if (cp_buf_put(&n->scratch, tmp, utf8_encode(cp[i], tmp)) != 0)
			return -1;
	for (;;) {
		r = utf8proc_decompose((const utf8proc_uint8_t *)n->scratch.data,
		    (utf8proc_ssize_t)n->scratch.len, n->u32,
		    (utf8proc_ssize_t)n->u32cap, opt);
		if (r < 0)
			return -1;
		if ((size_t)r <= n->u32cap)
			break;
		if ((p = realloc(n->u32, (size_t)r * 2 * sizeof(*p))) == NULL)
			return -1;
		n->u32 = p;
		n->u32cap = (size_t)r * 2;
	}
	r = utf8proc_normalize_utf32(n->u32, r, opt);
	return r < 0 ? -1 : (long)r;
}

static int
same(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
	return na == nb && memcmp(a, b, na * sizeof(*a)) == 0;
}

/* A chunk starts at a starter that cannot combine with what precedes. */
static int
chunk_start(int32_t cp)
{
	if (cp >= 0x1161 && cp <= 0x11C2)	/* Hangul V and T jamo */
		return 0;
	return utf8proc_get_property(cp)->combining_class == 0;
}

static void
pass_run(struct cp_norm *n, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		fold(n, &n->run[i].cp, n->run[i].cp >= 0 ? 1 : 0,
		    n->run[i].olen);
}

/*
 * Normalize and pass on the pending run.  If normalization changes it, try
 * chunk by chunk (each starter with its marks) so that the offset map stays
 * fine-grained; if chunks do not add up to the whole (two starters that
 * compose), the whole run becomes one group.
 */
static void
run_flush(struct cp_norm *n)
{
	int32_t cps[MAX_RUN], whole[MAX_RUN * 4];
	size_t k = n->nrun, i, j, olen, nwhole, nparts;
	int quick = 1;
	long r;

	if (k == 0)
		return;
	n->nrun = 0;
	n->nonstarters = 0;
	for (i = 0; i < k; i++) {
		cps[i] = n->run[i].cp;
		if (cps[i] >= 0x300)
			quick = 0;
	}
	/* Below U+0300 there are no combining marks, and every character is
	 * NFC-stable; NFKC has work to do there (U+00BD, U+00B2). */
	if ((quick && !(n->flags & CP_NORM_NFKC)) ||
	    (n->flags & CP_NORM_KEEP_UNICODE)) {
		pass_run(n, 0, k);
		return;
	}
	r = nfc(n, cps, k);
	if (r < 0 || (size_t)r > sizeof(whole) / sizeof(whole[0])) {
		pass_run(n, 0, k);
		return;
	}
	nwhole = (size_t)r;
	memcpy(whole, n->u32, nwhole * sizeof(*whole));
	if (same(cps, k, whole, nwhole)) {
		pass_run(n, 0, k);
		return;
	}
	/* Do the chunks add up to the whole? */
	nparts = 0;
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && !chunk_start(cps[j]); j++)
			;
		r = nfc(n, cps + i, j - i);
		if (r < 0 || nparts + (size_t)r > nwhole ||
		    memcmp(whole + nparts, n->u32, (size_t)r * sizeof(*whole)))
			break;
		nparts += (size_t)r;
	}
	if (i < k || nparts != nwhole) {
		for (olen = 0, i = 0; i < k; i++)
			olen += n->run[i].olen;
		fold(n, whole, nwhole, olen);
		return;
	}
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && !chunk_start(cps[j]); j++)
			;
		r = nfc(n, cps + i, j - i);
		if (r >= 0 && same(cps + i, j - i, n->u32, (size_t)r)) {
			pass_run(n, i, j);
			continue;
		}
		for (olen = 0; i < j; i++)
			olen += n->run[i].olen;
		if (r < 0)
			continue;
		memcpy(whole, n->u32, (size_t)r * sizeof(*whole));
		fold(n, whole, (size_t)r, olen);
	}
}

static void
unicode_push(struct cp_norm *n, struct unit u)
{
	int starter;

	if (u.cp < 0) {
		run_flush(n);
		fold(n, &u.cp, 1, u.olen);
		return;
	}
	if (u.cp < 0x80) {
		/* An ASCII character ends the run and may start the next:
		 * "e" + U+0301 composes. */
		run_flush(n);
		n->run[n->nrun++] = u;
		return;
	}
	starter = utf8proc_get_property(u.cp)->combining_class == 0;
	if (starter)
		n->nonstarters = 0;
	else
		n->nonstarters++;
	if (n->nrun == MAX_RUN || n->nonstarters > MAX_NONSTARTERS ||
	    (starter && n->nrun >= MAX_RUN / 2)) {
		run_flush(n);
		n->nonstarters = starter ? 0 : 1;
	}
	n->run[n->nrun++] = u;
}

/* ---- mojibake -------------------------------------------------------- */

/* The CP1252 byte a code point came from, or -1. */
static int
cp1252_byte(int32_t cp)
{
	static const int32_t hi[32] = {
		0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
		0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
	};
	int i;

	if (cp >= 0 && cp < 0x100)
		return cp;
	for (i = 0; i < 32; i++)
		if (hi[i] == cp)
			return 0x80 + i;
	return -1;
}

/* Expected sequence length for a lead byte, 0 if it is not one. */
static int
lead_len(int b)
{
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	return 0;
}

/* Decode a complete, valid UTF-8 sequence of len bytes, or return -1. */
static int32_t
decode_seq(const unsigned char *b, int len)
{
	int32_t cp;
	int i;

	for (i = 1; i < len; i++)
		if ((b[i] & 0xC0) != 0x80)
			return -1;
	switch (len) {
	case 2:
		return ((b[0] & 0x1F) << 6) | (b[1] & 0x3F);
	case 3:
		if ((b[0] == 0xE0 && b[1] < 0xA0) || (b[0] == 0xED && b[1] >= 0xA0))
			return -1;
		return ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) |
		    (b[2] & 0x3F);
	case 4:
		if ((b[0] == 0xF0 && b[1] < 0x90) || (b[0] == 0xF4 && b[1] >= 0x90))
			return -1;
		cp = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) |
		    ((b[2] & 0x3F) << 6) | (b[3] & 0x3F);
		return cp;
	}
	return -1;
}

/* Pass queued units on, repairing complete mojibake sequences; with
 * final set, units that could still begin a sequence are passed too. */
static void
moj_drain(struct cp_norm *n, int final)
{
	unsigned char b[4];
	int need, i, byte;
	int32_t cp;
	struct unit u;

	while (n->mqn > 0) {
		byte = cp1252_byte(n->mq[0].cp);
		need = byte >= 0 ? lead_len(byte) : 0;
		if (need > 0 && n->mqn < need && !final)
			return;
		cp = -1;
		if (need > 0 && n->mqn >= need) {
			b[0] = (unsigned char)byte;
			for (i = 1; i < need; i++) {
				byte = cp1252_byte(n->mq[i].cp);
				if (byte < 0x80 || byte > 0xBF)
					break;
				b[i] = (unsigned char)byte;
			}
			if (i == need)
				cp = decode_seq(b, need);
		}
		if (cp >= 0) {
			u.cp = cp;
			u.olen = 0;
			for (i = 0; i < need; i++)
				u.olen += n->mq[i].olen;
		} else {
			u = n->mq[0];
			need = 1;
		}
		n->mqn -= need;
		memmove(n->mq, n->mq + need, (size_t)n->mqn * sizeof(n->mq[0]));
		unicode_push(n, u);
	}
}

static void
moj_push(struct cp_norm *n, struct unit u)
{
	if (!(n->flags & CP_NORM_MOJIBAKE)) {
		unicode_push(n, u);
		return;
	}
	n->mq[n->mqn++] = u;
	moj_drain(n, 0);
	/* A unit that cannot continue a sequence ends any wait. */
	if (n->mqn == 4 || u.cp < 0x80)
		moj_drain(n, 1);
}

/* ---- source ---------------------------------------------------------- */

/* Decode one UTF-8 character at n->pos, repairing errors. */
static struct unit
utf8_unit(struct cp_norm *n)
{
	const unsigned char *p = n->in + n->pos;
	size_t avail = n->len - n->pos;
	struct unit u;
	unsigned char c = p[0];
	int need, i;
	unsigned char lo = 0x80, hi = 0xBF;
	const char *msg;

	u.olen = 1;
	if (c < 0x80) {
		u.cp = c;
		return u;
	}
	need = lead_len(c);
	if (need == 0) {
		u.cp = 0xFFFD;
		warn(n, CP_NORM_W_UTF8, n->pos, c <= 0xBF ?
		    "invalid UTF-8 (stray continuation byte) replaced by U+FFFD" :
		    c <= 0xC1 ?
		    "invalid UTF-8 (overlong encoding) replaced by U+FFFD" :
		    "invalid UTF-8 (byte above 0xF4) replaced by U+FFFD");
		return u;
	}
	/* The second byte's range rules out overlongs, surrogates and
	 * values past U+10FFFF (Unicode table 3-7). */
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	for (i = 1; i < need; i++) {
		if ((size_t)i >= avail || p[i] < lo || p[i] > hi)
			break;
		lo = 0x80;
		hi = 0xBF;
	}
	if (i < need) {
		/* Replace the maximal subpart with one U+FFFD (Unicode
		 * "substitution of maximal subparts"). */
		u.cp = 0xFFFD;
		u.olen = (size_t)i;
		if (i > 1 || (size_t)i >= avail || (p[1] & 0xC0) != 0x80)
			msg = "invalid UTF-8 (truncated sequence) replaced by "
			    "U+FFFD";
		else if (c == 0xED)
			msg = "invalid UTF-8 (encoded surrogate) replaced by "
			    "U+FFFD";
		else if (c == 0xF4)
			msg = "invalid UTF-8 (beyond U+10FFFF) replaced by U+FFFD";
		else
			msg = "invalid UTF-8 (overlong encoding) replaced by "
			    "U+FFFD";
		warn(n, CP_NORM_W_UTF8, n->pos, msg);
		return u;
	}
	u.cp = decode_seq(p, need);
	u.olen = (size_t)need;
	return u;
}

static int
ent_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct html_ent *)elt)->name);
}

/* Windows-1252 for numeric references &#128; .. &#159; (HTML5). */
static int32_t
c1_fix(int32_t v)
{
	static const int32_t tab[32] = {
		0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
		0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178
	};

	return v >= 0x80 && v <= 0x9F ? tab[v - 0x80] : v;
}

/* A character reference at n->pos ('&'); olen 0 if it is not one. */
static struct unit
html_entity(struct cp_norm *n)
{
	const unsigned char *p = n->in + n->pos;
	size_t avail = n->len - n->pos, i;
	struct unit u = { '&', 0 };
	char name[40];
	const struct html_ent *e;
	int32_t v = 0;
	int hex, digits = 0;

	if (avail >= 3 && p[1] == '#') {
		hex = p[2] == 'x' || p[2] == 'X';
		for (i = hex ? 3 : 2; i < avail && digits < 8; i++, digits++) {
			int d;

			if (p[i] >= '0' && p[i] <= '9')
				d = p[i] - '0';
			else if (hex && (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
				d = (p[i] | 0x20) - 'a' + 10;
			else
				break;
			v = v * (hex ? 16 : 10) + d;
		}
		if (digits == 0 || digits == 8)
			return u;
		if (i < avail && p[i] == ';')
			i++;
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		u.cp = c1_fix(v);
		u.olen = i;
		return u;
	}
	for (i = 1; i < avail && i < sizeof(name) &&
	    (((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') ||
	    (i > 1 && p[i] >= '0' && p[i] <= '9')); i++)
		name[i - 1] = (char)p[i];
	if (i == 1 || i >= avail || p[i] != ';' || i >= sizeof(name))
		return u;
	name[i - 1] = '\0';
	e = bsearch(name, html_ents, sizeof(html_ents) / sizeof(html_ents[0]),
	    sizeof(html_ents[0]), ent_cmp);
	if (e == NULL)
		return u;
	u.cp = e->cp;
	u.olen = i + 1;
	return u;
}

static int
is_block(const char *t)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "body", "caption",
		"dd", "div", "dl", "dt", "figcaption", "figure", "footer",
		"form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
		"hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
		"table", "td", "th", "title", "tr", "ul"
	};
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strcmp(t, blocks[i]) == 0)
			return 1;
	return 0;
}

/* Find needle (lowercase ASCII) in in[from..len) ignoring case. */
static size_t
find_ci(const struct cp_norm *n, size_t from, const char *needle)
{
	size_t k = strlen(needle), i, j;

	for (i = from; i + k <= n->len; i++) {
		for (j = 0; j < k; j++)
			if ((n->in[i + j] | 0x20) != needle[j])
				break;
		if (j == k)
			return i;
	}
	return n->len;
}

/*
 * Markup at n->pos ('<').  A tag runs to the first '>' (quoted '>' inside
 * attribute values is not honoured).  If no '>' follows, the '<' is text;
 * last_gt makes that check O(1), so "<<<<..." stays linear.
 */
static struct unit
html_tag(struct cp_norm *n)
{
	const unsigned char *p = n->in + n->pos, *gt;
	size_t avail = n->len - n->pos, i, end;
	struct unit u = { '<', 0 };
	char name[16];
	int closing;

	/* A comment runs to "-->" or, unclosed, to the end (as in browsers;
	 * test normalize/html-comment-unclosed). */
	if (avail >= 4 && memcmp(p, "<!--", 4) == 0) {
		for (end = n->pos + 4; end + 3 <= n->len; end++)
			if (memcmp(n->in + end, "-->", 3) == 0)
				break;
		end = end + 3 <= n->len ? end + 3 : n->len;
		u.cp = U_DEL;
		u.olen = end - n->pos;
		return u;
	}
	if (avail < 2 || n->pos + 1 >= n->last_gt)
		return u;
	closing = p[1] == '/';
	i = closing ? 2 : 1;
	if (!(p[1] == '!' || p[1] == '?' ||
	    (i < avail && (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')))
		return u;
	gt = memchr(p + 1, '>', avail - 1);
	if (gt == NULL)
		return u;
	u.olen = (size_t)(gt - p) + 1;
	u.cp = U_DEL;
	if (p[1] == '!' || p[1] == '?')
		return u;
	for (end = 0; i < u.olen && end < sizeof(name) - 1 &&
	    (((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') ||
	    (p[i] >= '0' && p[i] <= '9')); i++)
		name[end++] = (char)(p[i] | 0x20);
	name[end] = '\0';
	if (!closing && (strcmp(name, "script") == 0 ||
	    strcmp(name, "style") == 0)) {
		/* Drop everything up to the end of the closing tag. */
		end = find_ci(n, n->pos + u.olen,
		    name[1] == 'c' ? "</script" : "</style");
		if (end < n->len) {
			gt = memchr(n->in + end, '>', n->len - end);
			end = gt ? (size_t)(gt - n->in) + 1 : n->len;
		}
		u.olen = end - n->pos;
		return u;
	}
	if (strcmp(name, "br") == 0)
		u.cp = '\n';
	else if (is_block(name))
		u.cp = U_PARA;
	return u;
}

/* Produce the next unit from the original bytes. */
static struct unit
source(struct cp_norm *n)
{
	struct unit u;
	unsigned char c = n->in[n->pos];

	if (c == '\r') {
		/* CRLF and a lone CR end a line; in HTML they are spaces. */
		u.cp = (n->flags & CP_NORM_HTML) ? ' ' : '\n';
		u.olen = n->pos + 1 < n->len && n->in[n->pos + 1] == '\n' ? 2 : 1;
	} else if (c == 0) {
		/* Kept on request, without a warning (normalize/nul-keep). */
		if (!(n->flags & CP_NORM_KEEP_CONTROLS))
			warn(n, CP_NORM_W_NUL, n->pos, "NUL byte removed");
		u.cp = (n->flags & CP_NORM_KEEP_CONTROLS) ? 0 : U_DEL;
		u.olen = 1;
	} else if ((n->flags & CP_NORM_HTML) && c == '<' &&
	    (u = html_tag(n)).olen > 0) {
		;
	} else if ((n->flags & CP_NORM_HTML) && c == '&' &&
	    (u = html_entity(n)).olen > 0) {
		;
	} else {
		u = utf8_unit(n);
		/* In HTML, line breaks in the source are just spaces. */
		if ((n->flags & CP_NORM_HTML) && u.cp == '\n')
			u.cp = ' ';
	}
	n->pos += u.olen;
	return u;
}

/* ---- driver ---------------------------------------------------------- */

/* Push everything held back, given that the next character is ASCII. */
static void
settle(struct cp_norm *n, int32_t next)
{
	moj_drain(n, 1);
	run_flush(n);
	apos_settle(n, next);
}

int
cp_norm_run(struct cp_norm *n, const char *in, size_t len,
    struct cp_buf *text, struct cp_omap *map)
{
	const unsigned char *ok = n->fast;
	size_t i, j;
	struct unit u;

	n->in = (const unsigned char *)in;
	n->len = len;
	n->pos = 0;
	n->opos = 0;
	n->out = text;
	n->map = map;
	n->err = 0;
	memset(n->nwarn, 0, sizeof(n->nwarn));
	n->mqn = 0;
	n->nrun = n->nonstarters = 0;
	n->apos = 0;
	n->prev = 0;
	n->started = n->ws = n->ws_nl = 0;
	n->ws_olen = 0;
	cp_buf_reset(text);
	cp_omap_reset(map, 0);
	if (cp_buf_reserve(text, len + len / 8 + 16) != 0)
		return CP_ENOMEM;

	n->last_gt = 0;
	if (n->flags & CP_NORM_HTML)
		for (i = len; i > 0; i--)
			if (in[i - 1] == '>') {
				n->last_gt = i;
				break;
			}

	/* A byte order mark is not text. */
	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		layout(n, K_DEL, "", 0, 3);
		n->pos = 3;
	}
	while (n->pos < len && !n->err) {
		i = n->pos;
		if (ok[n->in[i]]) {
			for (j = i; j < len; j++) {
				if (ok[n->in[j]])
					continue;
				if (n->in[j] == ' ' && j + 1 < len &&
				    ok[n->in[j + 1]])
					continue;
				break;
			}
			/* Keep the last character for the slow path if a
			 * combining mark may follow it. */
			if (j < len && n->in[j] >= 0x80)
				j--;
			if (j > i) {
				settle(n, n->in[i]);
				layout(n, K_TEXT, in + i, j - i, j - i);
				n->prev = n->in[j - 1];
				n->pos = j;
				continue;
			}
		}
		u = source(n);
		moj_push(n, u);
	}
	moj_drain(n, 1);
	run_flush(n);
	apos_settle(n, 0);
	ws_flush(n, 1);
	if (n->err)
		return n->err;
	if (cp_omap_finish(map) != 0)
		return CP_ENOMEM;
	for (i = 0; i < CP_NORM_W_NKINDS; i++)
		if (n->nwarn[i] > CP_NORM_WARN_MAX && n->warn != NULL) {
			struct cp_norm_warning w;

			w.kind = (enum cp_norm_wkind)i;
			w.offset = 0;
			w.more = n->nwarn[i] - CP_NORM_WARN_MAX;
			w.msg = i == CP_NORM_W_UTF8 ?
			    "more invalid UTF-8 sequences replaced" :
			    "more NUL bytes removed";
			n->warn(n->warn_arg, &w);
		}
	return 0;
}
