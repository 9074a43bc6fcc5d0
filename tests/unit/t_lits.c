/*
 * t_lits.c -- literal requirements of patterns, and the nested
 * quantifier lint.
 */
#include <string.h>

#include "check.h"
#include "cp.h"
#include "lits.h"

/* The requirement of pat as "a|b|c" ("*" for none). */
static const char *
req(const char *pat, int caseless)
{
	static char out[512];
	struct cp_lits l;
	size_t i;

	out[0] = '\0';
	if (cp_lits_analyze(pat, caseless, &l) != 0)
		return "(nomem)";
	if (l.n == 0)
		strcpy(out, "*");
	for (i = 0; i < l.n; i++) {
		if (i > 0)
			strcat(out, "|");
		strncat(out, l.s[i], sizeof(out) - strlen(out) - 2);
	}
	cp_lits_free(&l);
	return out;
}

static void
want(const char *pat, int caseless, const char *expect)
{
	const char *got = req(pat, caseless);

	CHECK(strcmp(got, expect) == 0);
	if (strcmp(got, expect) != 0)
		fprintf(stderr, "  pattern %s\n  want %s\n  got  %s\n", pat,
		    expect, got);
}

static int
nested(const char *pat, size_t *off)
{
	struct cp_lits l;
	int n;

	cp_lits_analyze(pat, 0, &l);
	n = l.has_nested;
	*off = l.nested;
	cp_lits_free(&l);
	return n;
}

int
main(void)
{
	size_t off;

	want("said", 0, "said");
	want("Said", 1, "said");
	want("(?<source>\\w+) said (?<claim>.+)", 0, " said ");
	want("(?<!\\w)(?:said|says)(?!\\w) that", 0, " that");
	want("(?<!\\w)(?:said|says|told)(?!\\w)", 0, "said|says|told");
	want("according\\s+to", 0, "according");
	want("colou?r", 0, "colo");
	want("a*", 0, "*");
	want("(?:said)?", 0, "*");
	want("(?:said|\\w+)", 0, "*");
	want("[abc]+x", 0, "x");
	want("\\Qa.b\\E", 0, "a.b");
	want("U\\.S\\.", 0, "U.S.");
	want("\\x{41}BC", 0, "ABC");
	want("\\x{41}BC", 1, "abc");
	want("(?i)Reportedly", 0, "reportedly");
	want("caf\xc3\xa9s", 0, "caf\xc3\xa9s");
	want("caf\xc3\xa9s", 1, "caf");
	want("(?=said)\\w+", 0, "*");
	want("(?x) s a i d", 0, "*");
	want("x{2,3}yz", 0, "xyz");
	want("ab{0,2}c", 0, "a");
	want("a{,2}", 0, "*");
	want("ab+cd", 0, "bcd");
	want("\\Qab\\E?x", 0, "a");
	want("(?:may|might) +have", 0, " have");
	want("\\bmay\\b", 0, "may");
	want("(a)\\1", 0, "a");

	CHECK(nested("^(\\w+\\s?)*$", &off) && off == 9);
	CHECK(nested("(?:a+)+", &off) && off == 6);
	CHECK(!nested("(?>a+)+", &off));
	CHECK(!nested("(?:a+)++", &off));
	CHECK(!nested("(?:ab)+", &off));
	CHECK(!nested("\\w+\\s+\\w+", &off));
	CHECK(nested("((?:x|y+)z)*", &off));
	return DONE("t_lits");
}
