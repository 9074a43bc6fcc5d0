/*
 * lits.h -- what a pattern cannot match without: literal analysis of
 * PCRE2 patterns for the prefilter, and a lint for runaway quantifiers.
 *
 * cp_lits_analyze() reads a pattern (PCRE2 syntax, after lexicon
 * expansion) and finds a set of literal strings of which every match must
 * contain at least one -- for "(?<!\w)(?:said|says)(?!\w) that" the set
 * {"said", "says"} or {" that"}, whichever is more selective.  When it
 * cannot be sure (a construct it does not model, or a pattern that can
 * match without any literal) it says so, and the rule simply always runs:
 * the analysis may give up, it never gives a wrong answer.
 *
 * It also reports unbounded quantifiers applied to groups that themselves
 * hold one, like ^(\w+\s?)*$, the classic catastrophic backtracking shape.
 */
#ifndef CP_LITS_H
#define CP_LITS_H

#include <stddef.h>

struct cp_lits {
	char	**s;		/* the strings, NUL-terminated */
	size_t	 *len;
	size_t	  n;		/* 0: no requirement known, always run */
	int	  caseless;	/* strings are ASCII-lowercased, compare so */
	size_t	  nested;	/* offset of a nested unbounded quantifier, */
	int	  has_nested;	/* ... if has_nested */
};

/*
 * Analyze pattern (caseless: the rule is compiled caseless).  Fills out;
 * returns 0 or CP_ENOMEM.  Free with cp_lits_free().
 */
int	cp_lits_analyze(const char *pattern, int caseless, struct cp_lits *out);

void	cp_lits_free(struct cp_lits *);

#endif /* CP_LITS_H */
