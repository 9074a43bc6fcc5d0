/*
 * yml.h -- a small, defensive YAML tree for rule files.
 *
 * Rule files are written by people and may be broken or hostile, so the
 * tree is built from libyaml's event stream with hard limits instead of
 * libyaml's document loader: aliases are refused (no "billion laughs"),
 * nesting and node counts are capped, and every node keeps its 1-based
 * line and column so each later error can point at it.  Only this module
 * and rules.c see the tree; only this module includes yaml.h.
 */
#ifndef CP_YML_H
#define CP_YML_H

#include <stddef.h>

#include "cp.h"

#define CP_YML_MAX_DEPTH	32
#define CP_YML_MAX_NODES	200000
#define CP_YML_MAX_BYTES	(4u << 20)	/* per file */

enum cp_yml_kind { CP_YML_SCALAR, CP_YML_SEQ, CP_YML_MAP };

struct cp_yml {
	enum cp_yml_kind kind;
	long		 line;	/* 1-based position of the node's start */
	long		 col;
	char		*str;	/* scalar value, NUL-terminated */
	size_t		 len;
	int		 plain;	/* an unquoted scalar (so "null" means null) */
	struct cp_yml	**kid;	/* seq items; map keys and values alternate */
	size_t		 nkid;
};

/*
 * Parse len bytes of YAML (one document; an empty input is an empty map)
 * into a tree.  Returns 0 and sets *out, or CP_ERR with the position and
 * libyaml's problem (plus its context on a second sentence) in the diag,
 * or CP_ENOMEM.  The diag's file is left alone.
 */
int	cp_yml_parse(const char *text, size_t len, struct cp_yml **out,
	    struct cp_diag *);

/* Free a tree; NULL is a no-op. */
void	cp_yml_free(struct cp_yml *);

/* In a map, the value of key, or NULL. */
const struct cp_yml *cp_yml_get(const struct cp_yml *map, const char *key);

/* Describe a node's kind for messages: "a string", "a list", "a map". */
const char *cp_yml_what(const struct cp_yml *);

#endif /* CP_YML_H */
