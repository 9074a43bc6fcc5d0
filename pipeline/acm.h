/*
 * acm.h -- many strings found in one pass (an Aho-Corasick automaton).
 *
 * Strings are added with an id, the automaton is built once, then any
 * number of threads may scan texts with it: each byte of a text costs one
 * table lookup, however many strings there are, and every occurrence of
 * every string is reported.  Matching folds ASCII letters (A-Z = a-z);
 * other bytes compare exactly.  A caller that needs exact case checks the
 * text at the reported place itself.
 */
#ifndef CP_ACM_H
#define CP_ACM_H

#include <stddef.h>
#include <stdint.h>

struct cp_acm;

/* An empty automaton; NULL when out of memory. */
struct cp_acm *cp_acm_new(void);

/* Add s[0..len) (len > 0) under id; 0 or CP_ENOMEM.  Before cp_acm_build. */
int	cp_acm_add(struct cp_acm *, const char *s, size_t len, uint32_t id);

/* Build the automaton; 0 or CP_ENOMEM.  No cp_acm_add after this. */
int	cp_acm_build(struct cp_acm *);

/*
 * Report each occurrence in s[0..len) of each added string: hit(arg, id,
 * end) with end the offset just past it, in order of end (strings ending
 * at one place in no set order).
 */
void	cp_acm_scan(const struct cp_acm *, const char *s, size_t len,
	    void (*hit)(void *arg, uint32_t id, size_t end), void *arg);

/* Number of states, for tests and statistics. */
size_t	cp_acm_states(const struct cp_acm *);

void	cp_acm_free(struct cp_acm *);

#endif /* CP_ACM_H */
