/*
 * t_acm.c -- the Aho-Corasick matcher against a naive search.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cp.h"
#include "acm.h"

#define MAXHIT	100000

struct hits {
	uint32_t	id[MAXHIT];
	size_t		end[MAXHIT];
	size_t		n;
};

static void
on_hit(void *arg, uint32_t id, size_t end)
{
	struct hits *h = arg;

	if (h->n < MAXHIT) {
		h->id[h->n] = id;
		h->end[h->n++] = end;
	}
}

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

static int
eq_fold(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Is (id, end) among h's hits, and are there as many as the naive count? */
static int
same_as_naive(const struct hits *h, char **str, size_t nstr,
    const char *text, size_t len)
{
	size_t i, p, k, n = 0;
	int found;

	for (i = 0; i < nstr; i++)
		for (p = 0; p + strlen(str[i]) <= len; p++) {
			if (!eq_fold(text + p, str[i], strlen(str[i])))
				continue;
			n++;
			for (found = 0, k = 0; k < h->n && !found; k++)
				found = h->id[k] == i &&
				    h->end[k] == p + strlen(str[i]);
			if (!found)
				return 0;
		}
	return n == h->n;
}

static void
fixed(void)
{
	static const char *words[] = { "he", "she", "his", "hers", "Said",
	    "said that", "\xe2\x80\x9c", "a" };
	static struct hits h;
	struct cp_acm *a = cp_acm_new();
	const char *text = "USHERS SAID: \xe2\x80\x9cshe said that, ah\"";
	size_t i;

	CHECK(a != NULL);
	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		CHECK(cp_acm_add(a, words[i], strlen(words[i]),
		    (uint32_t)i) == 0);
	CHECK(cp_acm_add(a, "", 0, 99) == CP_ERR);
	CHECK(cp_acm_build(a) == 0);
	h.n = 0;
	cp_acm_scan(a, text, strlen(text), on_hit, &h);
	CHECK(same_as_naive(&h, (char **)words, sizeof(words) /
	    sizeof(*words), text, strlen(text)));
	/* "he" in USHERS and twice in "she said"; "hers" in USHERS */
	for (i = 0; i < h.n; i++)
		if (h.id[i] == 3)
			CHECK(h.end[i] == 6);
	/* the hits come in order of end */
	for (i = 1; i < h.n; i++)
		CHECK(h.end[i - 1] <= h.end[i]);
	CHECK(cp_acm_states(a) > 1);
	cp_acm_free(a);

	/* an empty automaton finds nothing */
	a = cp_acm_new();
	CHECK(a != NULL && cp_acm_build(a) == 0);
	h.n = 0;
	cp_acm_scan(a, text, strlen(text), on_hit, &h);
	CHECK(h.n == 0);
	cp_acm_free(a);
}

/* Random strings over a small alphabet, so that they overlap a lot. */
static void
random_sets(void)
{
	static const char alpha[] = "abAB \xc3\xa9.";
	static struct hits h;
	char *str[40], text[400];
	struct cp_acm *a;
	size_t round, i, j, n, len, bad = 0;

	srand(7);
	for (round = 0; round < 300; round++) {
		a = cp_acm_new();
		n = 1 + (size_t)rand() % 40;
		for (i = 0; i < n; i++) {
			len = 1 + (size_t)rand() % 6;
			str[i] = malloc(len + 1);
			for (j = 0; j < len; j++)
				str[i][j] = alpha[rand() % (sizeof(alpha) - 1)];
			str[i][len] = '\0';
			(void)cp_acm_add(a, str[i], len, (uint32_t)i);
		}
		len = (size_t)rand() % sizeof(text);
		for (j = 0; j < len; j++)
			text[j] = alpha[rand() % (sizeof(alpha) - 1)];
		if (cp_acm_build(a) != 0)
			bad++;
		h.n = 0;
		cp_acm_scan(a, text, len, on_hit, &h);
		if (!same_as_naive(&h, str, n, text, len))
			bad++;
		for (i = 0; i < n; i++)
			free(str[i]);
		cp_acm_free(a);
	}
	CHECK(bad == 0);
}

int
main(void)
{
	fixed();
	random_sets();
	return DONE("t_acm");
}
