/*
 * t_omap.c -- offset maps against a brute-force oracle.
 *
 * Random sequences of pieces (copies, replacements, deletions) are fed to
 * the builder; every span is then mapped both through the map and by
 * walking the pieces one by one, and the answers must agree.
 */
#include <stdlib.h>

#include "check.h"
#include "cp.h"
#include "omap.h"

#define NP 40

struct piece {
	size_t a, b;		/* normalized and original lengths */
	int atomic;		/* changed, not copied */
	size_t n, o;		/* where it starts */
};

/* The piece containing normalized byte x (deletions never contain one). */
static const struct piece *
holding(const struct piece *p, int np, size_t x)
{
	int i;

	for (i = 0; i < np; i++)
		if (p[i].a > 0 && x >= p[i].n && x < p[i].n + p[i].a)
			return &p[i];
	return NULL;
}

static struct cp_span
oracle(const struct piece *p, int np, size_t s, size_t e)
{
	const struct piece *q;
	struct cp_span sp;

	q = holding(p, np, s);
	if (q == NULL)		/* the end of the text: past everything */
		sp.start = p[np - 1].o + p[np - 1].b;
	else if (!q->atomic)
		sp.start = q->o + (s - q->n);
	else
		sp.start = q->o;
	if (e <= s) {
		sp.end = sp.start;
		return sp;
	}
	q = holding(p, np, e - 1);
	sp.end = !q->atomic ? q->o + (e - q->n) : q->o + q->b;
	return sp;
}

int
main(void)
{
	struct piece p[NP];
	struct cp_omap m = { 0 }, sl = { 0 };
	struct cp_span got, want;
	size_t n, o, s, e, base, s2, e2;
	int iter, i, np, bad = 0, unbad = 0, a, b;

	srand(12345);
	for (iter = 0; iter < 3000; iter++) {
		base = (size_t)(rand() % 3) * 100;
		cp_omap_reset(&m, base);
		np = 1 + rand() % NP;
		n = 0;
		o = base;
		for (i = 0; i < np; i++) {
			p[i].atomic = 1;
			switch (rand() % 6) {
			case 0:		/* deletion */
				p[i].a = 0;
				p[i].b = 1 + (size_t)(rand() % 4);
				break;
			case 1:		/* replacement */
				p[i].a = 1 + (size_t)(rand() % 4);
				p[i].b = 1 + (size_t)(rand() % 4);
				break;
			case 2:		/* replacement of the same length */
				p[i].a = p[i].b = 2 + (size_t)(rand() % 3);
				break;
			default:	/* copy */
				p[i].a = p[i].b = 1 + (size_t)(rand() % 6);
				p[i].atomic = 0;
				break;
			}
			p[i].n = n;
			p[i].o = o;
			n += p[i].a;
			o += p[i].b;
			CHECK(cp_omap_emit(&m, p[i].a, p[i].b, p[i].atomic) == 0);
		}
		CHECK(cp_omap_finish(&m) == 0);
		for (s = 0; s <= n; s++)
			for (e = s; e <= n; e++) {
				got = cp_omap_span(&m, s, e);
				want = oracle(p, np, s, e);
				if (got.start != want.start || got.end != want.end)
					bad++;
				/* and back: the smallest span mapping to it */
				s2 = cp_omap_unmap(&m, n, got.start, 0);
				e2 = e > s ? cp_omap_unmap(&m, n, got.end, 1) : s2;
				want = cp_omap_span(&m, s2, e2);
				if (s2 > s || (e > s && e2 < e) ||
				    want.start != got.start || want.end != got.end)
					unbad++;
			}
		/* Slices taken at piece starts map like the whole.  (Not the
		 * empty span at the slice's very end: deletions after the
		 * slice are not part of it.) */
		a = rand() % np;
		b = a + rand() % (np - a);
		s = p[a].n;
		e = p[b].n + p[b].a;
		CHECK(cp_omap_slice(&m, s, e, &sl) == 0);
		for (s2 = 0; s2 <= e - s; s2++)
			for (e2 = s2; e2 <= e - s; e2++) {
				if (s2 == e2 && e2 == e - s)
					continue;
				got = cp_omap_span(&sl, s2, e2);
				want = cp_omap_span(&m, s + s2, s + e2);
				if (got.start != want.start || got.end != want.end)
					bad++;
			}
	}
	CHECK(bad == 0);
	if (bad)
		fprintf(stderr, "%d spans mapped wrongly\n", bad);
	CHECK(unbad == 0);
	if (unbad)
		fprintf(stderr, "%d spans mapped back wrongly\n", unbad);

	/* An untouched text has no breakpoints. */
	cp_omap_reset(&m, 0);
	cp_omap_emit(&m, 5, 5, 0);
	cp_omap_emit(&m, 7, 7, 0);
	cp_omap_finish(&m);
	CHECK(m.npt == 0);
	got = cp_omap_span(&m, 3, 9);
	CHECK(got.start == 3 && got.end == 9);

	cp_omap_free(&m);
	cp_omap_free(&sl);
	return DONE("t_omap");
}
