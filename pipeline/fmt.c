/*
 * fmt.c -- TSV and text renderings of records (see fmt.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "record.h"
#include "fmt.h"

/* Colours (SGR) by role, as explain uses them. */
#define C_CLAIM		"32"
#define C_SOURCE	"36"
#define C_CUE		"33"
#define C_HEDGE		"35;1"

struct fmt {
	int		 format;
	int		 color;
	struct cp_rec	*rec;	/* the record */
	struct cp_rec	*sub;	/* a hedge inside it */
	struct cp_rec	*role[3];	/* source, cue, claim objects */
	struct cp_buf	 sent;	/* the last sentence's text ... */
	struct cp_buf	 sentkey;	/* ... and its doc + "#" + sent */
	struct cp_omap	 smap;	/* ... and its map, when it had one */
	int		 has_map;
	struct cp_buf	 tmp;
	long		 bad;
};

int
fmt_parse(const char *s)
{
	if (strcmp(s, "jsonl") == 0)
		return FMT_JSONL;
	if (strcmp(s, "tsv") == 0)
		return FMT_TSV;
	if (strcmp(s, "text") == 0)
		return FMT_TEXT;
	return -1;
}

struct fmt *
fmt_new(int format, int color)
{
	struct fmt *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->format = format;
	f->color = color;
	if ((f->rec = cp_rec_new()) == NULL || (f->sub = cp_rec_new()) ==
	    NULL || (f->role[0] = cp_rec_new()) == NULL ||
	    (f->role[1] = cp_rec_new()) == NULL ||
	    (f->role[2] = cp_rec_new()) == NULL) {
		fmt_free(f);
		return NULL;
	}
	return f;
}

void
fmt_free(struct fmt *f)
{
	if (f == NULL)
		return;
	cp_rec_free(f->rec);
	cp_rec_free(f->sub);
	cp_rec_free(f->role[0]);
	cp_rec_free(f->role[1]);
	cp_rec_free(f->role[2]);
	cp_buf_free(&f->sent);
	cp_omap_free(&f->smap);
	cp_buf_free(&f->sentkey);
	cp_buf_free(&f->tmp);
	free(f);
}

long
fmt_bad_line(const struct fmt *f)
{
	return f->bad;
}

static const char tsv_head[] = "doc\tsent\trule\tsource\tsource_kind\t"
    "source_start\tsource_end\tcue\tcue_start\tcue_end\tclaim\t"
    "claim_start\tclaim_end\thedges\thedge_classes\n";

int
fmt_header(const struct fmt *f, struct cp_buf *out)
{
	return f->format == FMT_TSV ? cp_buf_puts(out, tsv_head) : 0;
}

/* A TSV field: tab, newline, CR and backslash escaped. */
static int
tsv_field(struct cp_buf *out, const char *s, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		switch (s[i]) {
		case '\t': rc = cp_buf_puts(out, "\\t"); break;
		case '\n': rc = cp_buf_puts(out, "\\n"); break;
		case '\r': rc = cp_buf_puts(out, "\\r"); break;
		case '\\': rc = cp_buf_puts(out, "\\\\"); break;
		default: rc = cp_buf_putc(out, s[i]); break;
		}
	}
	return rc;
}

/* The parts of a role object {"text":..,"span":[..],"kind":..}. */
struct role {
	int		 set;
	const char	*text;
	size_t		 tlen;
	const char	*kind;
	size_t		 klen;
	struct cp_span	 span;
};

/* Role k (0 source, 1 cue, 2 claim): each has its own parsed object, so
 * the texts stay valid together. */
static void
get_role(struct fmt *f, const char *key, struct role *r, int k)
{
	struct cp_rec *sub = f->role[k];
	struct cp_diag d;
	const char *raw;
	size_t len;

	memset(r, 0, sizeof(*r));
	if (cp_rec_raw(f->rec, key, &raw, &len) != 0 || raw[0] != '{')
		return;
	cp_diag_clear(&d);
	/* sub borrows raw, which lives in the record's line */
	if (cp_rec_parse(sub, raw, len, &d) != 0)
		return;
	r->set = cp_rec_str(sub, "text", &r->text, &r->tlen) == 0;
	if (cp_rec_span(sub, "span", &r->span) != 0)
		r->span.start = r->span.end = 0;
	if (cp_rec_str(sub, "kind", &r->kind, &r->klen) != 0) {
		r->kind = "";
		r->klen = 0;
	}
}

static int
put_num(struct cp_buf *b, struct role *r, int end)
{
	if (!r->set)
		return 0;
	return cp_buf_putu(b, end ? r->span.end : r->span.start);
}

/* The hedges: "text1;text2" (texts) or "class1;class2" (classes). */
static int
hedges(struct fmt *f, struct cp_buf *b, int classes, int tsv)
{
	struct cp_diag d;
	const char *raw, *el, *s;
	size_t len, pos = 0, elen, n, k = 0;
	int rc = 0;

	if (cp_rec_raw(f->rec, "hedges", &raw, &len) != 0)
		return 0;
	while (rc == 0 && cp_json_array_next(raw, len, &pos, &el, &elen)) {
		cp_diag_clear(&d);
		if (cp_rec_parse(f->sub, el, elen, &d) != 0)
			continue;
		if (k++ > 0)
			rc = cp_buf_puts(b, tsv ? ";" : ", ");
		if (rc == 0 && cp_rec_str(f->sub, classes ? "class" : "text",
		    &s, &n) == 0)
			rc = tsv ? tsv_field(b, s, n) : cp_buf_put(b, s, n);
		if (rc == 0 && !tsv && cp_rec_str(f->sub, "class", &s, &n) ==
		    0) {
			rc = cp_buf_puts(b, " (");
			if (rc == 0)
				rc = cp_buf_put(b, s, n);
			if (rc == 0)
				rc = cp_buf_putc(b, ')');
		}
	}
	return rc;
}

static int
tsv_claim(struct fmt *f, struct cp_buf *b)
{
	struct role src, cue, claim;
	const char *s;
	size_t n;
	int rc;

	get_role(f, "source", &src, 0);
	get_role(f, "cue", &cue, 1);
	get_role(f, "claim", &claim, 2);
	rc = cp_rec_str(f->rec, "doc", &s, &n) == 0 ? tsv_field(b, s, n) : 0;
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	cp_buf_reset(&f->tmp);
	if (rc == 0 && cp_rec_text(f->rec, "sent", &f->tmp) == 0)
		rc = tsv_field(b, f->tmp.data, f->tmp.len);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0 && cp_rec_str(f->rec, "rule", &s, &n) == 0)
		rc = tsv_field(b, s, n);
	/* source, kind, start, end */
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0 && src.set)
		rc = tsv_field(b, src.text, src.tlen);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0 && src.set)
		rc = tsv_field(b, src.kind, src.klen);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = put_num(b, &src, 0);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = put_num(b, &src, 1);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0 && cue.set)
		rc = tsv_field(b, cue.text, cue.tlen);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = put_num(b, &cue, 0);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = put_num(b, &cue, 1);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0 && claim.set)
		rc = tsv_field(b, claim.text, claim.tlen);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = put_num(b, &claim, 0);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = put_num(b, &claim, 1);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = hedges(f, b, 0, 1);
	if (rc == 0)
		rc = cp_buf_putc(b, '\t');
	if (rc == 0)
		rc = hedges(f, b, 1, 1);
	if (rc == 0)
		rc = cp_buf_putc(b, '\n');
	return rc;
}

static int
paint(const struct fmt *f, struct cp_buf *b, const char *sgr, const char *s,
    size_t n, const char *label)
{
	int rc;

	if (f->color) {
		rc = cp_buf_puts(b, "\033[");
		if (rc == 0)
			rc = cp_buf_puts(b, sgr);
		if (rc == 0)
			rc = cp_buf_putc(b, 'm');
		if (rc == 0)
			rc = cp_buf_put(b, s, n);
		return rc == 0 ? cp_buf_puts(b, "\033[0m") : rc;
	}
	rc = cp_buf_putc(b, '[');
	if (rc == 0 && label != NULL)
		rc = cp_buf_puts(b, label);
	if (rc == 0)
		rc = cp_buf_put(b, s, n);
	return rc == 0 ? cp_buf_putc(b, ']') : rc;
}

/* A role's place in the sentence's text. */
struct mark {
	size_t	s, e;
	int	role;
};

static int
by_start(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;

	return x->s < y->s ? -1 : x->s > y->s;
}

/* Original span sp as a mark in the sentence (nothing if outside it). */
static void
mark_span(struct fmt *f, struct cp_span sp, int role, struct mark *m,
    size_t *n)
{
	size_t len = f->sent.len;

	if (sp.start < f->smap.base || sp.end <= sp.start)
		return;
	m[*n].s = cp_omap_unmap(&f->smap, len, sp.start, 0);
	m[*n].e = cp_omap_unmap(&f->smap, len, sp.end, 1);
	m[*n].role = role;
	if (m[*n].s < m[*n].e && m[*n].e <= len &&
	    cp_omap_span(&f->smap, m[*n].s, m[*n].e).end <= sp.end)
		(*n)++;
}

/* Where the roles are: by their spans, through the sentence's map. */
static size_t
marks_by_span(struct fmt *f, struct role *r, struct mark *m, size_t max)
{
	const char *raw, *el;
	struct cp_span sp;
	size_t n = 0, len, pos = 0, elen;
	char *end;
	int k;

	for (k = 0; k < 2; k++)
		if (r[k].set)
			mark_span(f, r[k].span, k, m, &n);
	/* the claim by its parts: a claim may be in pieces */
	if (!r[2].set || cp_rec_raw(f->role[2], "parts", &raw, &len) != 0)
		return n;
	while (n < max && cp_json_array_next(raw, len, &pos, &el, &elen)) {
		sp.start = strtoul(el + 1, &end, 10);
		sp.end = *end == ',' ? strtoul(end + 1, NULL, 10) : 0;
		mark_span(f, sp, 2, m, &n);
	}
	return n;
}

/* An ASCII letter or digit: a role found by its text does not start or
 * end inside a word. */
static int
word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Where the roles are, by their texts (a sentence record without a map):
 * the first whole-word occurrence not before the last one marked. */
static size_t
marks_by_text(struct fmt *f, struct role *r, struct mark *m)
{
	const char *t = f->sent.data, *p;
	size_t len = f->sent.len, at = 0, n = 0, best;
	int k, which, done[3] = { 0, 0, 0 };

	for (;;) {
		best = len;
		which = -1;
		for (k = 0; k < 3; k++) {
			if (!r[k].set || r[k].tlen == 0 || done[k])
				continue;
			for (p = t + at; p + r[k].tlen <= t + len; p++)
				if (memcmp(p, r[k].text, r[k].tlen) == 0 &&
				    !(p > t && word(p[-1]) && word(p[0])) &&
				    !(p + r[k].tlen < t + len &&
				    word(p[r[k].tlen - 1]) && word(p[r[k].tlen])))
					break;
			if (p + r[k].tlen <= t + len && (size_t)(p - t) < best) {
				best = (size_t)(p - t);
				which = k;
			}
		}
		if (which < 0)
			return n;
		m[n].s = best;
		m[n].e = best + r[which].tlen;
		m[n++].role = which;
		done[which] = 1;	/* each role once */
		at = m[n - 1].e;
	}
}

/*
 * The sentence with the claim's source, cue and content marked: where
 * their spans put them when the sentence record came with its map (as
 * split and extract --keep write it), else where their texts are found.
 */
static int
marked_sentence(struct fmt *f, struct cp_buf *b, struct role *r,
    const char *const *sgr, const char *const *label)
{
	struct mark m[34];	/* source, cue and up to 32 parts */
	const char *t = f->sent.data;
	size_t n, i, at = 0;
	int rc = cp_buf_puts(b, "  ");

	n = f->has_map ? marks_by_span(f, r, m, sizeof(m) / sizeof(*m)) :
	    marks_by_text(f, r, m);
	qsort(m, n, sizeof(*m), by_start);
	for (i = 0; rc == 0 && i < n; i++) {
		if (m[i].s < at)
			continue;	/* overlaps the one before */
		rc = cp_buf_put(b, t + at, m[i].s - at);
		if (rc == 0)
			rc = paint(f, b, sgr[m[i].role], t + m[i].s,
			    m[i].e - m[i].s, label[m[i].role]);
		at = m[i].e;
	}
	if (rc == 0)
		rc = cp_buf_put(b, t + at, f->sent.len - at);
	return rc == 0 ? cp_buf_putc(b, '\n') : rc;
}

/* ", refers to NAME" for a pronoun source whose referent was found. */
static int
refers(struct fmt *f, struct cp_buf *b)
{
	struct cp_diag d;
	const char *raw, *s;
	size_t len, n;
	int rc;

	if (cp_rec_raw(f->role[0], "refers", &raw, &len) != 0 ||
	    raw[0] != '{')
		return 0;
	cp_diag_clear(&d);
	if (cp_rec_parse(f->sub, raw, len, &d) != 0 ||
	    cp_rec_str(f->sub, "text", &s, &n) != 0)
		return 0;
	rc = cp_buf_puts(b, ", refers to ");
	return rc == 0 ? cp_buf_put(b, s, n) : rc;
}

static int
text_claim(struct fmt *f, struct cp_buf *b)
{
	static const char *const sgr[] = { C_SOURCE, C_CUE, C_CLAIM };
	static const char *const label[] = { "source: ", "cue: ", "claim: " };
	struct role r[3], keep[3];
	const char *s;
	size_t n;
	int rc;

	get_role(f, "source", &r[0], 0);
	get_role(f, "cue", &r[1], 1);
	get_role(f, "claim", &r[2], 2);
	memcpy(keep, r, sizeof(r));
	rc = cp_rec_str(f->rec, "doc", &s, &n) == 0 ? cp_buf_put(b, s, n) : 0;
	cp_buf_reset(&f->tmp);
	if (rc == 0 && cp_rec_text(f->rec, "sent", &f->tmp) == 0) {
		rc = cp_buf_puts(b, " #");
		if (rc == 0)
			rc = cp_buf_put(b, f->tmp.data, f->tmp.len);
	}
	if (rc == 0) {
		rc = cp_buf_puts(b, "  ");
		if (rc == 0 && cp_rec_str(f->rec, "rule", &s, &n) == 0)
			rc = cp_buf_put(b, s, n);
		else if (rc == 0)
			rc = cp_buf_puts(b, "(hedged statement, no attribution)");
	}
	if (rc == 0)
		rc = cp_buf_putc(b, '\n');
	/* the sentence, when its record came just before */
	cp_buf_reset(&f->tmp);
	if (rc == 0 && f->sent.len > 0 && cp_rec_str(f->rec, "doc", &s, &n) ==
	    0 && cp_buf_put(&f->tmp, s, n) == 0 && cp_buf_putc(&f->tmp, '#') ==
	    0 && cp_rec_text(f->rec, "sent", &f->tmp) == 0 &&
	    f->tmp.len == f->sentkey.len && memcmp(f->tmp.data,
	    f->sentkey.data, f->tmp.len) == 0)
		rc = marked_sentence(f, b, r, sgr, label);
	if (rc == 0 && keep[0].set) {
		rc = cp_buf_puts(b, "  source: ");
		if (rc == 0)
			rc = paint(f, b, C_SOURCE, keep[0].text, keep[0].tlen,
			    NULL);
		if (rc == 0) {
			rc = cp_buf_puts(b, " (");
			if (rc == 0)
				rc = cp_buf_put(b, keep[0].kind, keep[0].klen);
			if (rc == 0)
				rc = refers(f, b);
			if (rc == 0)
				rc = cp_buf_puts(b, ")\n");
		}
	}
	if (rc == 0 && keep[1].set) {
		rc = cp_buf_puts(b, "  cue:    ");
		if (rc == 0)
			rc = paint(f, b, C_CUE, keep[1].text, keep[1].tlen,
			    NULL);
		if (rc == 0)
			rc = cp_buf_putc(b, '\n');
	}
	if (rc == 0 && keep[2].set) {
		rc = cp_buf_puts(b, "  claim:  ");
		if (rc == 0)
			rc = paint(f, b, C_CLAIM, keep[2].text, keep[2].tlen,
			    NULL);
		if (rc == 0)
			rc = cp_buf_putc(b, '\n');
	}
	cp_buf_reset(&f->tmp);
	if (rc == 0 && (rc = hedges(f, &f->tmp, 0, 0)) == 0 && f->tmp.len > 0) {
		rc = cp_buf_puts(b, "  hedges: ");
		if (rc == 0)
			rc = f->color ? paint(f, b, C_HEDGE, f->tmp.data,
			    f->tmp.len, NULL) : cp_buf_put(b, f->tmp.data,
			    f->tmp.len);
		if (rc == 0)
			rc = cp_buf_putc(b, '\n');
	}
	return rc;
}

/* A sentence record: remember it for the claims that follow. */
static int
sentence(struct fmt *f)
{
	struct cp_diag d;
	struct cp_span sp;
	const char *s;
	size_t n;
	int rc = 0, k;

	cp_buf_reset(&f->sent);
	cp_buf_reset(&f->sentkey);
	if (cp_rec_str(f->rec, "text", &s, &n) == 0)
		rc = cp_buf_put(&f->sent, s, n);
	if (rc == 0 && cp_rec_str(f->rec, "doc", &s, &n) == 0)
		rc = cp_buf_put(&f->sentkey, s, n);
	if (rc == 0)
		rc = cp_buf_putc(&f->sentkey, '#');
	if (rc == 0)
		rc = cp_rec_text(f->rec, "sent", &f->sentkey) == CP_ENOMEM ?
		    CP_ENOMEM : 0;
	/* its map, for marking the roles by their spans */
	f->has_map = 0;
	cp_diag_clear(&d);
	if (rc == 0 && cp_rec_span(f->rec, "span", &sp) == 0 &&
	    (k = cp_rec_map(f->rec, "map", sp.start, f->sent.len, &f->smap,
	    &d)) != -1 && k != CP_EINPUT) {
		rc = k;
		f->has_map = rc == 0;
	}
	return rc;
}

int
fmt_records(struct fmt *f, const char *data, size_t len, struct cp_buf *out)
{
	struct cp_diag d;
	const char *p = data, *nl, *type;
	size_t n, tlen;
	long line = 0;
	int rc = 0;

	while (rc == 0 && p < data + len) {
		nl = memchr(p, '\n', (size_t)(data + len - p));
		n = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		line++;
		if (f->format == FMT_JSONL) {
			rc = cp_buf_put(out, p, n);
			if (rc == 0)
				rc = cp_buf_putc(out, '\n');
		} else if (n > 0) {
			cp_diag_clear(&d);
			if ((rc = cp_rec_parse(f->rec, p, n, &d)) != 0) {
				f->bad = line;
				return rc;
			}
			if (cp_rec_str(f->rec, "type", &type, &tlen) != 0)
				tlen = 0;
			if (tlen == 5 && memcmp(type, "claim", 5) == 0)
				rc = f->format == FMT_TSV ? tsv_claim(f, out) :
				    text_claim(f, out);
			else if (tlen == 8 && memcmp(type, "sentence", 8) == 0)
				rc = sentence(f);
		}
		p += n + 1;
	}
	return rc;
}
