/*
 * record.c -- JSON records (see record.h).
 *
 * The reader is a single pass over the line.  Each top-level key gets a
 * field: where its raw value lies in the line, its type, and for strings
 * the decoded text.  A string without escapes is decoded by pointing into
 * the line; one with escapes is decoded into the record's arena.  Nested
 * arrays and objects are validated, not built.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "record.h"
#include "swar.h"

enum { J_STR, J_NUM, J_OBJ, J_ARR, J_TRUE, J_FALSE, J_NULL };

struct field {
	size_t	kraw, kraw_len;	/* the key as written, quotes included */
	size_t	key, klen;	/* decoded key */
	int	key_arena;	/* decoded key is in the arena, not the line */
	size_t	val, vlen;	/* the value as written */
	int	type;
	int	ws;		/* white space inside the raw value */
	size_t	str, slen;	/* decoded string value */
	int	str_arena;
};

struct cp_rec {
	const char	*line;
	size_t		 len;
	size_t		 pos;
	struct field	*f;
	size_t		 nf;
	size_t		 capf;
	struct cp_buf	 arena;
	struct cp_diag	*d;
	int		 ws;	/* white space seen inside the current value */
};

struct cp_rec *
cp_rec_new(void)
{
	return calloc(1, sizeof(struct cp_rec));
}

void
cp_rec_free(struct cp_rec *r)
{
	if (r == NULL)
		return;
	free(r->f);
	cp_buf_free(&r->arena);
	free(r);
}

static int
bad(struct cp_rec *r, size_t at, const char *what)
{
	r->d->col = (long)at + 1;
	cp_diag_set(r->d, "malformed JSON: %s", what);
	return CP_EINPUT;
}

static void
skip_ws(struct cp_rec *r)
{
	const char *p = r->line;

	while (r->pos < r->len && (p[r->pos] == ' ' || p[r->pos] == '\t' ||
	    p[r->pos] == '\n' || p[r->pos] == '\r'))
		r->pos++;
}

/* 1: byte needs a closer look inside a string ('"', '\\', control, non-ASCII) */
static const unsigned char special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		need = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		need = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		need = 4;
	else
		return 0;
	if (p[0] == 0xE0)
		lo = 0xA0;
	else if (p[0] == 0xED)
		hi = 0x9F;
	else if (p[0] == 0xF0)
		lo = 0x90;
	else if (p[0] == 0xF4)
		hi = 0x8F;
	for (i = 1; i < need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xBF;
	}
	return need;
}

static int
hex4(const char *p, unsigned *v)
{
	int i, c;

	*v = 0;
	for (i = 0; i < 4; i++) {
		c = (unsigned char)p[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return -1;
		*v = *v << 4 | (unsigned)c;
	}
	return 0;
}

static void
put_utf8(struct cp_buf *b, unsigned cp)
{
	char *p = b->data + b->len;

	if (cp < 0x80) {
		p[0] = (char)cp;
		b->len += 1;
	} else if (cp < 0x800) {
		p[0] = (char)(0xC0 | cp >> 6);
		p[1] = (char)(0x80 | (cp & 0x3F));
		b->len += 2;
	} else if (cp < 0x10000) {
		p[0] = (char)(0xE0 | cp >> 12);
		p[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		b->len += 3;
	} else {
		p[0] = (char)(0xF0 | cp >> 18);
		p[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		p[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		p[3] = (char)(0x80 | (cp & 0x3F));
		b->len += 4;
	}
}

/*
 * A string at r->pos ('"').  Validates it; with decode set, decodes it:
 * off and len give the text, in the line (arena 0) or the arena (1).
 */
static int
string(struct cp_rec *r, int decode, size_t *off, size_t *len, int *arena,
    int *has_nul)
{
	const unsigned char *p = (const unsigned char *)r->line;
	size_t start = ++r->pos, run, k;
	unsigned cp, lo;
	int esc = 0;

	*has_nul = 0;
	for (;;) {
		while (r->pos + 8 <= r->len) {
			uint64_t v = swar_load(p + r->pos);

			if (swar_below(v, 0x20) | swar_eq(v, '"') |
			    swar_eq(v, '\\') | (v & SWAR_HIGHS))
				break;
			r->pos += 8;
		}
		while (r->pos < r->len && !special[p[r->pos]])
			r->pos++;
		if (r->pos >= r->len)
			return bad(r, start - 1, "unterminated string");
		if (p[r->pos] == '"')
			break;
		if (p[r->pos] < 0x20)
			return bad(r, r->pos, "control character in string");
		if (p[r->pos] >= 0x80) {
			if ((k = utf8_len(p + r->pos, r->len - r->pos)) == 0)
				return bad(r, r->pos, "invalid UTF-8 in string");
			r->pos += k;
			continue;
		}
		/* a backslash */
		esc = 1;
		if (r->pos + 1 >= r->len)
			return bad(r, r->pos, "unterminated string");
		switch (p[r->pos + 1]) {
		case '"': case '\\': case '/': case 'b': case 'f': case 'n':
		case 'r': case 't':
			r->pos += 2;
			continue;
		case 'u':
			break;
		default:
			return bad(r, r->pos, "invalid escape in string");
		}
		if (r->pos + 6 > r->len || hex4(r->line + r->pos + 2, &cp) != 0)
			return bad(r, r->pos, "invalid \\u escape");
		if (cp == 0)
			*has_nul = 1;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return bad(r, r->pos, "invalid \\u escape (lone low "
			    "surrogate)");
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (r->pos + 12 > r->len || p[r->pos + 6] != '\\' ||
			    p[r->pos + 7] != 'u' ||
			    hex4(r->line + r->pos + 8, &lo) != 0 ||
			    lo < 0xDC00 || lo > 0xDFFF)
				return bad(r, r->pos, "invalid \\u escape "
				    "(lone high surrogate)");
			r->pos += 6;
		}
		r->pos += 6;
	}
	r->pos++;	/* the closing quote */
	if (!decode)
		return 0;
	if (!esc) {
		*off = start;
		*len = r->pos - 1 - start;
		*arena = 0;
		return 0;
	}
	/* Decoding never makes a string longer than its escaped form. */
	if (cp_buf_reserve(&r->arena, r->pos - start) != 0)
		return CP_ENOMEM;
	*off = r->arena.len;
	*arena = 1;
	for (k = start; k < r->pos - 1; ) {
		for (run = k; run < r->pos - 1 && p[run] != '\\'; run++)
			;
		memcpy(r->arena.data + r->arena.len, p + k, run - k);
		r->arena.len += run - k;
		if ((k = run) >= r->pos - 1)
			break;
		switch (p[k + 1]) {
		case 'b': r->arena.data[r->arena.len++] = '\b'; break;
		case 'f': r->arena.data[r->arena.len++] = '\f'; break;
		case 'n': r->arena.data[r->arena.len++] = '\n'; break;
		case 'r': r->arena.data[r->arena.len++] = '\r'; break;
		case 't': r->arena.data[r->arena.len++] = '\t'; break;
		case 'u':
			hex4(r->line + k + 2, &cp);
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				hex4(r->line + k + 8, &lo);
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				k += 6;
			}
			put_utf8(&r->arena, cp);
			k += 6;
			continue;
		default:	/* " \\ / */
			r->arena.data[r->arena.len++] = (char)p[k + 1];
			break;
		}
		k += 2;
	}
	*len = r->arena.len - *off;
	r->arena.data[r->arena.len] = '\0';
	return 0;
}

static int
digits(struct cp_rec *r)
{
	size_t start = r->pos;

	while (r->pos < r->len && r->line[r->pos] >= '0' &&
	    r->line[r->pos] <= '9')
		r->pos++;
	return r->pos > start;
}

static int
number(struct cp_rec *r)
{
	size_t start = r->pos;

	if (r->line[r->pos] == '-')
		r->pos++;
	if (r->pos < r->len && r->line[r->pos] == '0')
		r->pos++;
	else if (!digits(r))
		return bad(r, start, "invalid number");
	if (r->pos < r->len && r->line[r->pos] == '.') {
		r->pos++;
		if (!digits(r))
			return bad(r, start, "invalid number");
	}
	if (r->pos < r->len && (r->line[r->pos] | 0x20) == 'e') {
		r->pos++;
		if (r->pos < r->len && (r->line[r->pos] == '+' ||
		    r->line[r->pos] == '-'))
			r->pos++;
		if (!digits(r))
			return bad(r, start, "invalid number");
	}
	return 0;
}

/* Skip white space, noting it if it is inside a nested value. */
static void
skip_ws_in(struct cp_rec *r)
{
	size_t at = r->pos;

	skip_ws(r);
	if (r->pos > at)
		r->ws = 1;
}

/* Validate a value at r->pos; *type gets its kind. */
static int
value(struct cp_rec *r, int depth, int *type)
{
	size_t off, len;
	int arena, nul, rc, t;
	char c;

	if (r->pos >= r->len)
		return bad(r, r->pos, "value expected");
	c = r->line[r->pos];
	switch (c) {
	case '"':
		*type = J_STR;
		return string(r, 0, &off, &len, &arena, &nul);
	case '{':
	case '[':
		*type = c == '{' ? J_OBJ : J_ARR;
		if (depth >= CP_REC_MAX_DEPTH)
			return bad(r, r->pos, "nested too deeply");
		r->pos++;
		skip_ws_in(r);
		if (r->pos < r->len && r->line[r->pos] == (c == '{' ? '}' : ']')) {
			r->pos++;
			return 0;
		}
		for (;;) {
			if (c == '{') {
				if (r->pos >= r->len || r->line[r->pos] != '"')
					return bad(r, r->pos, "key expected");
				if ((rc = string(r, 0, &off, &len, &arena,
				    &nul)) != 0)
					return rc;
				skip_ws_in(r);
				if (r->pos >= r->len || r->line[r->pos] != ':')
					return bad(r, r->pos, "':' expected");
				r->pos++;
				skip_ws_in(r);
			}
			if ((rc = value(r, depth + 1, &t)) != 0)
				return rc;
			skip_ws_in(r);
			if (r->pos < r->len && r->line[r->pos] == ',') {
				r->pos++;
				skip_ws_in(r);
				continue;
			}
			if (r->pos < r->len &&
			    r->line[r->pos] == (c == '{' ? '}' : ']')) {
				r->pos++;
				return 0;
			}
			return bad(r, r->pos, c == '{' ? "',' or '}' expected" :
			    "',' or ']' expected");
		}
	case 't':
	case 'f':
	case 'n': {
		const char *w = c == 't' ? "true" : c == 'f' ? "false" : "null";
		size_t n = strlen(w);

		if (r->len - r->pos < n || memcmp(r->line + r->pos, w, n) != 0)
			return bad(r, r->pos, "invalid literal");
		*type = c == 't' ? J_TRUE : c == 'f' ? J_FALSE : J_NULL;
		r->pos += n;
		return 0;
	}
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			*type = J_NUM;
			return number(r);
		}
		return bad(r, r->pos, "value expected");
	}
}

int
cp_rec_parse(struct cp_rec *r, const char *line, size_t len,
    struct cp_diag *d)
{
	struct field *f;
	size_t cap;
	int rc, nul;

	r->line = line;
	r->len = len;
	r->pos = 0;
	r->nf = 0;
	r->d = d;
	cp_buf_reset(&r->arena);
	skip_ws(r);
	if (r->pos >= len || line[r->pos] != '{')
		return bad(r, r->pos, "a record must be a JSON object");
	r->pos++;
	skip_ws(r);
	if (r->pos < len && line[r->pos] == '}') {
		r->pos++;
		goto end;
	}
	for (;;) {
		if (r->nf == r->capf) {
			cap = r->capf ? r->capf * 2 : 16;
			if ((f = realloc(r->f, cap * sizeof(*f))) == NULL)
				return CP_ENOMEM;
			r->f = f;
			r->capf = cap;
		}
		f = &r->f[r->nf];
		if (r->pos >= len || line[r->pos] != '"')
			return bad(r, r->pos, "key expected");
		f->kraw = r->pos;
		if ((rc = string(r, 1, &f->key, &f->klen, &f->key_arena,
		    &nul)) != 0)
			return rc;
		if (nul)
			return bad(r, f->kraw, "NUL in a key");
		f->kraw_len = r->pos - f->kraw;
		skip_ws(r);
		if (r->pos >= len || line[r->pos] != ':')
			return bad(r, r->pos, "':' expected");
		r->pos++;
		skip_ws(r);
		f->val = r->pos;
		r->ws = 0;
		if (r->pos < len && line[r->pos] == '"') {
			f->type = J_STR;
			rc = string(r, 1, &f->str, &f->slen, &f->str_arena,
			    &nul);
		} else
			rc = value(r, 1, &f->type);
		if (rc != 0)
			return rc;
		f->vlen = r->pos - f->val;
		f->ws = r->ws;
		r->nf++;
		skip_ws(r);
		if (r->pos < len && line[r->pos] == ',') {
			r->pos++;
			skip_ws(r);
			continue;
		}
		if (r->pos < len && line[r->pos] == '}') {
			r->pos++;
			break;
		}
		return bad(r, r->pos, "',' or '}' expected");
	}
end:
	skip_ws(r);
	if (r->pos < len)
		return bad(r, r->pos, "data after the object");
	return 0;
}

static const char *
key_of(const struct cp_rec *r, const struct field *f)
{
	return (f->key_arena ? r->arena.data : r->line) + f->key;
}

/* The last field named key[0..n), or NULL. */
static const struct field *
lookup_n(const struct cp_rec *r, const char *key, size_t n)
{
	size_t i;

	for (i = r->nf; i-- > 0; )
		if (r->f[i].klen == n && memcmp(key_of(r, &r->f[i]), key, n) == 0)
			return &r->f[i];
	return NULL;
}

static const struct field *
lookup(const struct cp_rec *r, const char *key)
{
	return lookup_n(r, key, strlen(key));
}

int
cp_rec_has(const struct cp_rec *r, const char *key)
{
	return lookup(r, key) != NULL;
}

int
cp_rec_str(const struct cp_rec *r, const char *key, const char **s,
    size_t *len)
{
	const struct field *f = lookup(r, key);

	if (f == NULL || f->type == J_NULL)
		return -1;
	if (f->type != J_STR)
		return CP_EINPUT;
	*s = (f->str_arena ? r->arena.data : r->line) + f->str;
	*len = f->slen;
	return 0;
}

int
cp_rec_map(const struct cp_rec *r, const char *key, size_t base, size_t tlen,
    struct cp_omap *m, struct cp_diag *d)
{
	const struct field *f = lookup(r, key);
	const char *p, *end;
	size_t v[3], k = 0, pn = 0, po = base;
	int pa = 0;

	cp_omap_reset(m, base);
	if (f == NULL || f->type == J_NULL)
		return -1;
	if (f->type != J_ARR) {
		cp_diag_set(d, "'%s' is not an array", key);
		return CP_EINPUT;
	}
	p = r->line + f->val + 1;
	end = r->line + f->val + f->vlen - 1;
	for (;;) {
		while (p < end && (*p == ' ' || *p == ',' || *p == '\t' ||
		    *p == '\n' || *p == '\r'))
			p++;
		if (p >= end)
			break;
		if (*p < '0' || *p > '9') {
			cp_diag_set(d, "'%s' holds something other than "
			    "non-negative integers", key);
			return CP_EINPUT;
		}
		for (v[k] = 0; p < end && *p >= '0' && *p <= '9'; p++) {
			if (v[k] > (SIZE_MAX - 9) / 10) {
				cp_diag_set(d, "'%s' holds a number too large",
				    key);
				return CP_EINPUT;
			}
			v[k] = v[k] * 10 + (size_t)(*p - '0');
		}
		if (p < end && *p != ',' && *p != ' ' && *p != '\t' &&
		    *p != '\n' && *p != '\r') {
			cp_diag_set(d, "'%s' holds something other than "
			    "non-negative integers", key);
			return CP_EINPUT;
		}
		if (++k < 3)
			continue;
		k = 0;
		/* A breakpoint: in order, inside the text, and the segment
		 * it closes consistent (a linear one keeps its length). */
		if (v[0] < pn || v[1] < po || v[0] > tlen || v[2] > 1 ||
		    (!pa && v[0] - pn != v[1] - po)) {
			cp_diag_set(d, "'%s' is not a valid offset map "
			    "(breakpoint %zu, %zu, %zu)", key, v[0], v[1], v[2]);
			return CP_EINPUT;
		}
		if (cp_omap_push(m, v[0], v[1], (int)v[2]) != 0)
			return CP_ENOMEM;
		pn = v[0];
		po = v[1];
		pa = (int)v[2];
	}
	if (k != 0 || pa) {
		cp_diag_set(d, "'%s' is not a valid offset map (%s)", key,
		    k ? "its length is not a multiple of 3" :
		    "it ends in an atomic segment");
		return CP_EINPUT;
	}
	return 0;
}

const char *
cp_rec_line(const struct cp_rec *r)
{
	return r->line;
}

size_t
cp_rec_line_len(const struct cp_rec *r)
{
	return r->len;
}

int
cp_rec_raw(const struct cp_rec *r, const char *key, const char **s,
    size_t *len)
{
	const struct field *f = lookup(r, key);

	if (f == NULL || f->type == J_NULL)
		return -1;
	*s = r->line + f->val;
	*len = f->vlen;
	return 0;
}

int
cp_json_array_next(const char *a, size_t len, size_t *pos, const char **elem,
    size_t *elen)
{
	size_t i = *pos, start;
	int depth = 0, str = 0;

	if (i == 0) {
		while (i < len && a[i] != '[')
			i++;
		i++;
	}
	while (i < len && (a[i] == ' ' || a[i] == ',' || a[i] == '\t' ||
	    a[i] == '\n' || a[i] == '\r'))
		i++;
	if (i >= len || a[i] == ']') {
		*pos = len;
		return 0;
	}
	start = i;
	for (; i < len; i++) {
		if (str) {
			if (a[i] == '\\')
				i++;
			else if (a[i] == '"')
				str = 0;
			continue;
		}
		if (a[i] == '"')
			str = 1;
		else if (a[i] == '[' || a[i] == '{')
			depth++;
		else if ((a[i] == ']' || a[i] == '}') && depth-- == 0)
			break;
		else if (a[i] == ',' && depth == 0)
			break;
	}
	*elem = a + start;
	*elen = i - start;
	while (*elen > 0 && (a[start + *elen - 1] == ' ' ||
	    a[start + *elen - 1] == '\n' || a[start + *elen - 1] == '\t' ||
	    a[start + *elen - 1] == '\r'))
		(*elen)--;
	*pos = i;
	return 1;
}

int
cp_rec_span(const struct cp_rec *r, const char *key, struct cp_span *sp)
{
	const struct field *f = lookup(r, key);
	const char *p, *end;
	size_t v[2], k;

	if (f == NULL || f->type == J_NULL)
		return -1;
	if (f->type != J_ARR)
		return CP_EINPUT;
	p = r->line + f->val + 1;
	end = r->line + f->val + f->vlen - 1;
	for (k = 0; k < 2; k++) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r' || (k == 1 && *p == ',')))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return CP_EINPUT;
		for (v[k] = 0; p < end && *p >= '0' && *p <= '9'; p++) {
			if (v[k] > (SIZE_MAX - 9) / 10)
				return CP_EINPUT;
			v[k] = v[k] * 10 + (size_t)(*p - '0');
		}
	}
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	if (p != end || v[0] > v[1])
		return CP_EINPUT;
	sp->start = v[0];
	sp->end = v[1];
	return 0;
}

int
cp_rec_text(const struct cp_rec *r, const char *key, struct cp_buf *out)
{
	const struct field *f = lookup(r, key);
	const char *s;
	size_t len;

	if (f == NULL || f->type == J_NULL)
		return -1;
	if (f->type == J_STR) {
		cp_rec_str(r, key, &s, &len);
		return cp_buf_put(out, s, len);
	}
	/* An integer, as written: no fraction, no exponent. */
	if (f->type == J_NUM && memchr(r->line + f->val, '.', f->vlen) == NULL &&
	    memchr(r->line + f->val, 'e', f->vlen) == NULL &&
	    memchr(r->line + f->val, 'E', f->vlen) == NULL)
		return cp_buf_put(out, r->line + f->val, f->vlen);
	return CP_EINPUT;
}

static int
skipped(const struct cp_rec *r, const struct field *f,
    const char *const *skip)
{
	const char *k = key_of(r, f);

	for (; *skip != NULL; skip++)
		if (strlen(*skip) == f->klen && memcmp(k, *skip, f->klen) == 0)
			return 1;
	return 0;
}

/* Append a raw nested value without the white space outside strings. */
static int
put_compact(struct cp_buf *b, const char *p, size_t n)
{
	size_t i;
	int instr = 0;

	if (cp_buf_reserve(b, n) != 0)
		return CP_ENOMEM;
	for (i = 0; i < n; i++) {
		if (instr) {
			if (p[i] == '\\')
				b->data[b->len++] = p[i++];
			else if (p[i] == '"')
				instr = 0;
		} else if (p[i] == '"')
			instr = 1;
		else if (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
		    p[i] == '\r')
			continue;
		b->data[b->len++] = p[i];
	}
	b->data[b->len] = '\0';
	return 0;
}

int
cp_rec_write_rest(const struct cp_rec *r, struct cp_buf *b,
    const char *const *skip)
{
	const struct field *f;
	size_t i;
	int rc;

	for (i = 0; i < r->nf; i++) {
		f = &r->f[i];
		if (skipped(r, f, skip) || lookup_n(r, key_of(r, f), f->klen) != f)
			continue;
		rc = cp_buf_putc(b, ',');
		if (rc == 0)
			rc = cp_buf_put(b, r->line + f->kraw, f->kraw_len);
		if (rc == 0)
			rc = cp_buf_putc(b, ':');
		if (rc == 0)
			rc = f->ws ? put_compact(b, r->line + f->val, f->vlen) :
			    cp_buf_put(b, r->line + f->val, f->vlen);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* 0: copy as is; 1: two-character escape; 2: \u00XX */
static const unsigned char esc[256] = {
	2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 1, 1, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
};

int
cp_json_str(struct cp_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, run;
	char e[6];

	if (cp_buf_putc(b, '"') != 0)
		return CP_ENOMEM;
	for (i = 0; i < len; i++) {
		run = i;
		while (run + 8 <= len) {
			uint64_t v = swar_load(p + run);

			if (swar_below(v, 0x20) | swar_eq(v, '"') |
			    swar_eq(v, '\\') | swar_eq(v, 0x7F))
				break;
			run += 8;
		}
		for (; run < len && esc[p[run]] == 0; run++)
			;
		if (run > i) {
			if (cp_buf_put(b, p + i, run - i) != 0)
				return CP_ENOMEM;
			if ((i = run) == len)
				break;
		}
		e[0] = '\\';
		switch (p[i]) {
		case '"':  e[1] = '"'; break;
		case '\\': e[1] = '\\'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default:
			e[1] = 'u';
			e[2] = '0';
			e[3] = '0';
			e[4] = hex[p[i] >> 4];
			e[5] = hex[p[i] & 15];
			if (cp_buf_put(b, e, 6) != 0)
				return CP_ENOMEM;
			continue;
		}
		if (cp_buf_put(b, e, 2) != 0)
			return CP_ENOMEM;
	}
	return cp_buf_putc(b, '"');
}

int
cp_json_map(struct cp_buf *b, const struct cp_omap *m)
{
	size_t i;
	int rc = cp_buf_putc(b, '[');

	for (i = 0; rc == 0 && i < 3 * m->npt; i++) {
		if (i > 0)
			rc = cp_buf_putc(b, ',');
		if (rc == 0)
			rc = cp_buf_putu(b, m->pt[i]);
	}
	return rc != 0 ? rc : cp_buf_putc(b, ']');
}
