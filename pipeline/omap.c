/*
 * omap.c -- building and reading offset maps (see omap.h for the model).
 *
 * The builder merges consecutive copied pieces into one linear segment, so a document that normalization left alone costs nothing, and
 * one with a few curly quotes costs two breakpoints per quote.  Lookups are
 * binary searches over the breakpoints.
 */
#include <stdlib.h>

#include "cp.h"
#include "omap.h"

void
cp_omap_reset(struct cp_omap *m, size_t base)
{
	m->npt = 0;
	m->base = base;
	m->ncur = 0;
	m->ocur = base;
	m->lin = 1;
}

int
cp_omap_push(struct cp_omap *m, size_t n, size_t o, int atomic)
{
	size_t *p, cap;

	if (m->npt == m->cap) {
		cap = m->cap ? m->cap * 2 : 16;
		if (cap > SIZE_MAX / (3 * sizeof(size_t)))
			return CP_ENOMEM;
		if ((p = realloc(m->pt, cap * 3 * sizeof(size_t))) == NULL)
			return CP_ENOMEM;
		m->pt = p;
		m->cap = cap;
	}
	m->pt[3 * m->npt] = n;
	m->pt[3 * m->npt + 1] = o;
	m->pt[3 * m->npt + 2] = atomic != 0;
	m->npt++;
	return 0;
}

int
cp_omap_emit(struct cp_omap *m, size_t nlen, size_t olen, int atomic)
{
	if (nlen == 0 && olen == 0)
		return 0;
	if (!atomic && nlen == olen) {
		if (!m->lin) {
			if (cp_omap_push(m, m->ncur, m->ocur, 0) != 0)
				return CP_ENOMEM;
			m->lin = 1;
		}
	} else {
		/* An atomic piece is a segment of its own. */
		if (cp_omap_push(m, m->ncur, m->ocur, 1) != 0)
			return CP_ENOMEM;
		m->lin = 0;
	}
	m->ncur += nlen;
	m->ocur += olen;
	return 0;
}

int
cp_omap_finish(struct cp_omap *m)
{
	/* The segment after the last breakpoint is linear by definition. */
	if (!m->lin) {
		if (cp_omap_push(m, m->ncur, m->ocur, 0) != 0)
			return CP_ENOMEM;
		m->lin = 1;
	}
	return 0;
}

/* Breakpoint i, where i == 0 is the implicit (0, base). */
static size_t
bp_n(const struct cp_omap *m, size_t i)
{
	return i == 0 ? 0 : m->pt[3 * (i - 1)];
}

static size_t
bp_o(const struct cp_omap *m, size_t i)
{
	return i == 0 ? m->base : m->pt[3 * (i - 1) + 1];
}

/* The last breakpoint index i with bp_n(i) <= x. */
static size_t
find(const struct cp_omap *m, size_t x)
{
	size_t lo = 0, hi = m->npt, mid;

	/* invariant: bp_n(lo) <= x; answer in [lo, hi] */
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (bp_n(m, mid) <= x)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Is segment i atomic?  (Segment 0, from the implicit start, never is.) */
static int
atomic(const struct cp_omap *m, size_t i)
{
	return i > 0 && i <= m->npt && m->pt[3 * (i - 1) + 2] != 0;
}

static size_t
map_start(const struct cp_omap *m, size_t s)
{
	size_t i = find(m, s);

	if (atomic(m, i))
		return bp_o(m, i);
	return bp_o(m, i) + (s - bp_n(m, i));
}

static size_t
map_end(const struct cp_omap *m, size_t e)
{
	size_t i = find(m, e - 1);

	if (atomic(m, i))
		return bp_o(m, i + 1);
	return bp_o(m, i) + (e - bp_n(m, i));
}

struct cp_span
cp_omap_span(const struct cp_omap *m, size_t s, size_t e)
{
	struct cp_span sp;

	sp.start = map_start(m, s);
	sp.end = e > s ? map_end(m, e) : sp.start;
	if (sp.end < sp.start)
		sp.end = sp.start;
	return sp;
}

size_t
cp_omap_unmap(const struct cp_omap *m, size_t len, size_t o, int end)
{
	size_t i, n0, n1, o0, x;

	if (o <= m->base)
		return 0;
	/* the segment that holds original byte x */
	x = end ? o - 1 : o;
	for (i = 0; i < m->npt && bp_o(m, i + 1) <= x; i++)
		;
	n0 = bp_n(m, i);
	n1 = i < m->npt ? bp_n(m, i + 1) : len;
	o0 = bp_o(m, i);
	if (atomic(m, i))
		return end ? n1 : n0;
	return n0 + (o - o0) < n1 ? n0 + (o - o0) : n1;
}

int
cp_omap_slice(const struct cp_omap *src, size_t s, size_t e,
    struct cp_omap *dst)
{
	size_t i, j;

	cp_omap_reset(dst, map_start(src, s));
	if (e <= s)
		return 0;
	i = find(src, s);
	/* A slice starting inside an atomic segment starts with one. */
	if (atomic(src, i) && cp_omap_push(dst, 0, dst->base, 1) != 0)
		return CP_ENOMEM;
	for (j = i + 1; j <= src->npt && bp_n(src, j) < e; j++)
		if (cp_omap_push(dst, bp_n(src, j) - s, bp_o(src, j),
		    atomic(src, j)) != 0)
			return CP_ENOMEM;
	/* If the slice ends inside or at the end of an atomic segment, close
	 * it so that the sliced map's last segment is linear again. */
	if (atomic(src, find(src, e - 1)))
		if (cp_omap_push(dst, e - s, map_end(src, e), 0) != 0)
			return CP_ENOMEM;
	return 0;
}

size_t
cp_omap_floor(const struct cp_omap *m, size_t n)
{
	size_t i = find(m, n);

	return atomic(m, i) && bp_n(m, i) < n ? bp_n(m, i) : n;
}

void
cp_omap_free(struct cp_omap *m)
{
	free(m->pt);
	m->pt = NULL;
	m->npt = m->cap = 0;
}
