/*
 * check.h -- the unit tests' one assertion macro.
 *
 * CHECK(cond) prints file:line and the condition when it fails and counts
 * the failure; the test goes on.  DONE() prints the tally as
 * "t_name: N passed, N failed" and gives the exit status.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int check_pass, check_fail;

#define CHECK(cond) do {						\
	if (cond)							\
		check_pass++;						\
	else {								\
		check_fail++;						\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define DONE(name) (							\
	printf("%s: %d checks passed, %d failed\n", (name),		\
	    check_pass, check_fail), check_fail ? 1 : 0)

#endif /* CHECK_H */
