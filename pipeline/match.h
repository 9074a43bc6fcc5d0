/*
 * match.h -- rule patterns compiled to PCRE2, and matching under limits.
 *
 * cp_matcher_new() compiles every pattern of a loaded rule set once (UTF,
 * Unicode properties, JIT when the platform has it) and reports each
 * invalid pattern with PCRE2's message, the rule id and the offset in the
 * pattern as written.  A matcher is read-only afterwards: threads share
 * it.  What a match needs to write -- match data, the JIT stack, the
 * limits -- lives in a struct cp_mctx, one per thread.
 *
 * Every match runs under a match limit, a depth limit and a heap limit
 * (and the JIT stack's size).  A pattern that hits one gives up on that
 * subject: the call reports CP_ELIMIT and the context remembers which rule
 * it was, so the caller can say so and carry on.
 */
#ifndef CP_MATCH_H
#define CP_MATCH_H

#include <stddef.h>

#include "cp.h"
#include "rules.h"

/* Limits per match, chosen so that a runaway pattern gives up in
 * milliseconds while real rules on real sentences never come near. */
#define CP_MATCH_LIMIT		1000000u	/* backtracking steps */
#define CP_MATCH_DEPTH		10000u		/* nested backtracking */
#define CP_MATCH_HEAP_KIB	16384u		/* interpreter heap, KiB */
#define CP_MATCH_JIT_STACK	(1024u * 1024u)	/* JIT stack, bytes */

struct cp_matcher;
struct cp_mctx;

/*
 * Compile the patterns of r (borrowed: keep it alive while the matcher
 * lives).  Problems go to diags.  Returns 0 and sets *out, CP_ERR when a
 * pattern did not compile (nothing is returned), or CP_ENOMEM.
 */
int	cp_matcher_new(const struct cp_rules *r, struct cp_diags *diags,
	    struct cp_matcher **out);

void	cp_matcher_free(struct cp_matcher *);

/* The rule set a matcher was built from. */
const struct cp_rules *cp_matcher_rules(const struct cp_matcher *);

/* Per-thread scratch for m; NULL when out of memory. */
struct cp_mctx *cp_mctx_new(const struct cp_matcher *m);

void	cp_mctx_free(struct cp_mctx *);

/* The roles a pattern's named groups can fill. */
enum cp_role {
	CP_ROLE_CLAIM,		/* (?<claim>...), may repeat */
	CP_ROLE_SOURCE,
	CP_ROLE_CUE,
	CP_ROLE_HEDGE,		/* a hedge rule's hedge, when not the match */
	CP_NROLES
};

#define CP_MAXPARTS 8	/* groups of one role that a match reports */

struct cp_part {
	size_t	start;
	size_t	end;
};

/* From the first start to the last end of p[0..n) (n > 0). */
struct cp_part cp_parts_hull(const struct cp_part *p, size_t n);

/* One match of one pattern: offsets into the subject. */
struct cp_hit {
	size_t		rule;		/* index into the rule set */
	size_t		start;		/* the whole match */
	size_t		end;
	struct cp_part	part[CP_NROLES][CP_MAXPARTS];
	size_t		npart[CP_NROLES];	/* groups that took part */
};

struct cp_hits {
	struct cp_hit	*v;
	size_t		 n;
	size_t		 cap;
};

void	cp_hits_free(struct cp_hits *);

/* Rule kinds as a bit set, for cp_match_sentence(). */
#define CP_KIND_BIT(k)	(1u << (k))

/*
 * Every match of every rule whose kind is in kinds (a set of CP_KIND_BIT)
 * in s[0..len), appended to out in rule order, then by position.  The
 * prefilter skips the rules whose required words are absent (unless
 * noprefilter).  Matches of one pattern do not overlap.  Returns 0 or
 * CP_ENOMEM; a rule that hits a limit is remembered and skipped.
 */
int	cp_match_sentence(struct cp_mctx *, const char *s, size_t len,
	    unsigned kinds, int noprefilter, struct cp_hits *out);

/*
 * Every match of one rule (all its patterns) in s[0..len), appended to
 * out.  For rules test and explain.  Same returns.
 */
int	cp_match_rule(struct cp_mctx *, size_t rule, const char *s,
	    size_t len, struct cp_hits *out);

/*
 * Does an abbreviation rule keep the mark ending at s[end - 1] (a period,
 * ? or !, an ellipsis) from ending a sentence?  Each abbreviation pattern
 * is tried anchored at tok (the start of the word the mark closes) and
 * counts only if its match ends at end.  s[0..len) is the subject: ^ is its start, and lookarounds see all
 * of it.  Returns 1 and sets *rule (an index into the rule set) for the
 * first rule that matches in priority order, 0 if none does, CP_ENOMEM.
 * A rule that hits a limit counts as not matching and is remembered (see
 * cp_mctx_limited()).
 */
int	cp_match_abbrev(struct cp_mctx *, const char *s, size_t len,
	    size_t tok, size_t end, size_t *rule);

/*
 * How many times a rule gave up at a limit since the last call, and the
 * last such rule's index.  Reading resets the count.
 */
size_t	cp_mctx_limited(struct cp_mctx *, size_t *rule);

/*
 * Does the pattern guard[0..glen) match at the start of text (a
 * lookahead's body tried on a lexicon entry, for rules lint)?  Returns 1
 * or 0; -1 when the guard does not compile on its own or matching fails.
 */
int	cp_match_admits(const char *guard, size_t glen, int caseless,
	    const char *text);

/* What matching cost one rule, counted once cp_mctx_profile() is on. */
struct cp_rule_cost {
	unsigned long	runs;		/* sentences it ran on (prefilter passed) */
	unsigned long	searches;	/* calls into PCRE2 */
	unsigned long	matches;	/* matches kept */
	double		secs;		/* wall time in those calls */
};

/*
 * Count, from now on, each rule's cost in cp_match_sentence() (a clock
 * read around each rule's search).  Returns 0 or CP_ENOMEM.
 */
int	cp_mctx_profile(struct cp_mctx *);

/* The counts, one per rule of the rule set; NULL when not profiling. */
const struct cp_rule_cost *cp_mctx_costs(const struct cp_mctx *);

#endif /* CP_MATCH_H */
