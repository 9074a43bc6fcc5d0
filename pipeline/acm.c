/*
 * acm.c -- Aho-Corasick string matching (see acm.h).
 *
 * The automaton is a full transition table: a row per state, a column per
 * byte class (each byte that occurs in some string is a class of its own,
 * A-Z share the classes of a-z, all other bytes share class 0).  A table
 * entry is the target's row offset, with the top bit set when the target
 * ends a string (its own or one of its suffixes), so the scan loop is one
 * lookup and one test a byte.
 */
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "acm.h"

#define EMIT	0x80000000u

struct str {
	unsigned char	*s;	/* folded */
	size_t		 len;
	uint32_t	 id;
};

struct cp_acm {
	struct str	*str;	/* until built */
	size_t		 nstr;
	unsigned char	 cls[256];
	uint32_t	 ncls;
	uint32_t	*delta;	/* nstate * ncls entries */
	uint32_t	 nstate;
	uint32_t	*dict;	/* nearest proper suffix state that ends a string */
	uint32_t	*ofirst;	/* a state's ids: oid[ofirst[s]..+ocount[s]] */
	uint32_t	*ocount;
	uint32_t	*oid;
};

static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

struct cp_acm *
cp_acm_new(void)
{
	return calloc(1, sizeof(struct cp_acm));
}

int
cp_acm_add(struct cp_acm *a, const char *s, size_t len, uint32_t id)
{
	struct str *nv;
	size_t i;

	if (len == 0 || len > UINT32_MAX / 2)
		return CP_ERR;
	if ((nv = realloc(a->str, (a->nstr + 1) * sizeof(*nv))) == NULL)
		return CP_ENOMEM;
	a->str = nv;
	if ((nv[a->nstr].s = malloc(len)) == NULL)
		return CP_ENOMEM;
	for (i = 0; i < len; i++)
		nv[a->nstr].s[i] = fold((unsigned char)s[i]);
	nv[a->nstr].len = len;
	nv[a->nstr++].id = id;
	return 0;
}

struct pair {
	uint32_t	state;
	uint32_t	id;
};

static int
by_state(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	if (a->state != b->state)
		return a->state < b->state ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

int
cp_acm_build(struct cp_acm *a)
{
	struct pair *end = NULL;
	uint32_t *fail = NULL, *queue = NULL, u, v, c, f, n, head, tail;
	size_t i, j, max = 1, cells;
	int rc = CP_ENOMEM;

	/* byte classes */
	for (i = 0; i < a->nstr; i++)
		for (j = 0; j < a->str[i].len; j++)
			a->cls[a->str[i].s[j]] = 1;
	for (i = 0, n = 1; i < 256; i++)
		if (a->cls[i])
			a->cls[i] = (unsigned char)n++;
	for (i = 'A'; i <= 'Z'; i++)
		a->cls[i] = a->cls[i | 0x20];
	a->ncls = n;

	for (i = 0; i < a->nstr; i++) {
		if (a->str[i].len > SIZE_MAX / 2 - max)
			return CP_ENOMEM;
		max += a->str[i].len;
	}
	if (max > (EMIT - 1) / n)
		return CP_ENOMEM;
	cells = max * n;
	if ((a->delta = calloc(cells, sizeof(*a->delta))) == NULL ||
	    (end = malloc((a->nstr ? a->nstr : 1) * sizeof(*end))) == NULL)
		goto out;

	/* the trie: child entries hold state numbers for now */
	a->nstate = 1;
	for (i = 0; i < a->nstr; i++) {
		for (u = 0, j = 0; j < a->str[i].len; j++) {
			c = a->cls[a->str[i].s[j]];
			if (a->delta[u * n + c] == 0)
				a->delta[u * n + c] = a->nstate++;
			u = a->delta[u * n + c];
		}
		end[i].state = u;
		end[i].id = a->str[i].id;
	}

	/* each state's ids */
	if ((a->ofirst = calloc(a->nstate, sizeof(uint32_t))) == NULL ||
	    (a->ocount = calloc(a->nstate, sizeof(uint32_t))) == NULL ||
	    (a->oid = malloc((a->nstr ? a->nstr : 1) * sizeof(uint32_t))) ==
	    NULL || (a->dict = calloc(a->nstate, sizeof(uint32_t))) == NULL ||
	    (fail = calloc(a->nstate, sizeof(uint32_t))) == NULL ||
	    (queue = malloc(a->nstate * sizeof(uint32_t))) == NULL)
		goto out;
	qsort(end, a->nstr, sizeof(*end), by_state);
	for (i = 0; i < a->nstr; i++) {
		if (a->ocount[end[i].state]++ == 0)
			a->ofirst[end[i].state] = (uint32_t)i;
		a->oid[i] = end[i].id;
	}

	/*
	 * Failure links, breadth first; a state's row is completed when it
	 * is taken from the queue, from its failure state's row, which is
	 * shallower and so already complete.
	 */
	head = tail = 0;
	queue[tail++] = 0;
	while (head < tail) {
		u = queue[head++];
		for (c = 0; c < n; c++) {
			v = a->delta[u * n + c];
			if (v != 0) {		/* a trie child */
				f = u == 0 ? 0 : a->delta[fail[u] * n + c];
				fail[v] = f;
				a->dict[v] = a->ocount[f] > 0 ? f : a->dict[f];
				queue[tail++] = v;
			} else if (u != 0)
				a->delta[u * n + c] = a->delta[fail[u] * n + c];
		}
	}

	/* state numbers to row offsets, with the EMIT bit */
	for (i = 0; i < (size_t)a->nstate * n; i++) {
		v = a->delta[i];
		a->delta[i] = v * n | (a->ocount[v] > 0 || a->dict[v] != 0 ?
		    EMIT : 0);
	}
	rc = 0;
out:
	for (i = 0; i < a->nstr; i++)
		free(a->str[i].s);
	free(a->str);
	a->str = NULL;
	a->nstr = 0;
	free(end);
	free(fail);
	free(queue);
	return rc;
}

/* Report the strings that end at state offset off, at end. */
static void
emit(const struct cp_acm *a, uint32_t off, size_t end,
    void (*hit)(void *, uint32_t, size_t), void *arg)
{
	uint32_t u, k;

	for (u = off / a->ncls; u != 0; u = a->dict[u])
		for (k = 0; k < a->ocount[u]; k++)
			hit(arg, a->oid[a->ofirst[u] + k], end);
}

void
cp_acm_scan(const struct cp_acm *a, const char *s, size_t len,
    void (*hit)(void *, uint32_t, size_t), void *arg)
{
	const unsigned char *t = (const unsigned char *)s;
	const uint32_t *delta = a->delta;
	const unsigned char *cls = a->cls;
	uint32_t st = 0;
	size_t p = 0;

	if (delta == NULL || a->nstate <= 1)	/* no strings to find */
		return;
	/* The state lives in a register across the hot loop: the caller's
	 * hit() may touch any memory, so it is called out of that loop. */
	while (p < len) {
		do
			st = delta[st + cls[t[p++]]];
		while (!(st & EMIT) && p < len);
		if (st & EMIT) {
			st &= ~EMIT;
			emit(a, st, p, hit, arg);
		}
	}
}

size_t
cp_acm_states(const struct cp_acm *a)
{
	return a->nstate;
}

void
cp_acm_free(struct cp_acm *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nstr; i++)
		free(a->str[i].s);
	free(a->str);
	free(a->delta);
	free(a->dict);
	free(a->ofirst);
	free(a->ocount);
	free(a->oid);
	free(a);
}
