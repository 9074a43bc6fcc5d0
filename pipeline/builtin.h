/*
 * builtin.h -- rule packs compiled into the binary.
 *
 * The build runs tools/embed over the .yaml files of rules/en and compiles the result
 * into the library (build/builtin.c), so `claimpipe` finds its default
 * pack wherever it runs.  cp_rules_add_builtin() (rules.h) loads one.
 */
#ifndef CP_BUILTIN_H
#define CP_BUILTIN_H

#include <stddef.h>

struct cp_builtin {
	const char	*pack;	/* "en" */
	const char	*name;	/* "en/split.yaml", in name order */
	const char	*text;
	size_t		 len;
};

/* Every built-in file; the list ends with a NULL pack. */
extern const struct cp_builtin cp_builtin_files[];

#endif /* CP_BUILTIN_H */
