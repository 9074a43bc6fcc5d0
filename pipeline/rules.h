/*
 * rules.h -- rule packs: YAML files of lexicons and rules, loaded and
 * checked.
 *
 * A pack is a folder of .yaml files read in name order (or one file).  A
 * file holds `lexicons` (NAME: [literal, ...]) and `rules` (see
 * docs/rules.md).  Loading checks everything a rule author can get wrong
 * and reports each problem with file, line, column and rule id; it keeps
 * going after an error so that `claimpipe rules lint` can list them all.
 * Patterns come out with every {{NAME}} expanded into a word-bounded
 * alternation of escaped literals, ready for match.c to compile.
 *
 * A loaded struct cp_rules is read-only and may be shared between threads.
 */
#ifndef CP_RULES_H
#define CP_RULES_H

#include <stddef.h>

#include "cp.h"

enum cp_rule_kind {
	CP_RULE_ATTRIBUTION,	/* claim, source, cue groups */
	CP_RULE_HEDGE,		/* the whole match is a hedge */
	CP_RULE_SOURCE_KIND,	/* the whole match decides a source's kind */
	CP_RULE_ABBREVIATION,	/* a token that need not end a sentence */
	CP_RULE_NKINDS
};

/* An example: text, and either "none" or the expected captures. */
struct cp_example {
	char	*text;
	int	 none;		/* expect: none */
	char   **group;		/* expected group names ... */
	char   **value;		/* ... and their texts */
	size_t	 ngroups;
	long	 line;
	long	 col;
};

struct cp_rule {
	char		*id;		/* as written, unique in the pack */
	char		*qid;		/* pack.file.id, as in records */
	enum cp_rule_kind kind;
	int		 priority;
	char		*klass;		/* "class", or NULL */
	int		 caseless;	/* flags: [caseless] */
	int		 inherit_source;	/* flags: [inherit-source] */
	char	       **pattern;	/* expanded patterns, for compiling */
	char	       **flat;		/* expanded with flat lexicons, for
					   literal analysis */
	char	       **raw;		/* as written */
	long		*pat_line;
	long		*pat_col;
	size_t		 npat;
	struct cp_example *ex;
	size_t		 nex;
	const char	*file;		/* borrowed from the pack's file list */
	long		 line;
	long		 col;
};

struct cp_lexicon {
	char		*name;
	char	       **word;
	size_t		 nword;
	int		 used;
	const char	*file;
	long		 line;
	long		 col;
};

/* A list of diagnostics, for loaders that report everything. */
struct cp_diags {
	struct cp_diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerr;		/* how many are errors, not warnings */
};

void	cp_diags_free(struct cp_diags *);

struct cp_rules {
	struct cp_rule	*rule;
	size_t		 nrule;
	size_t		 rulecap;
	size_t		*byid;		/* rule index + 1 by hash of pack and
					   id (0: free), for the check that
					   ids are unique in a pack */
	size_t		 nbyid;		/* a power of two, or 0 */
	struct cp_lexicon *lex;
	size_t		 nlex;
	char	       **files;		/* every file read, owned */
	size_t		 nfiles;
};

/* An empty rule set; NULL when out of memory. */
struct cp_rules *cp_rules_new(void);

/*
 * Add the pack at path (a folder of .yaml files, or one file) to r.
 * Problems go to diags (errors counted in diags->nerr); the return is 0
 * when the pack added cleanly, CP_ERR if it had errors, CP_ENOMEM.
 */
int	cp_rules_add_path(struct cp_rules *r, const char *path,
	    struct cp_diags *diags);

/*
 * Add the pack compiled into the binary under this name ("en").  Same
 * returns as cp_rules_add_path(), and 1 when there is no such pack.
 */
int	cp_rules_add_builtin(struct cp_rules *r, const char *pack,
	    struct cp_diags *diags);

/*
 * Add one file's YAML text, named name in diagnostics and pack in rule
 * ids (pack.stem.id).  Same returns as cp_rules_add_path().
 */
int	cp_rules_add_text(struct cp_rules *r, const char *pack,
	    const char *name, const char *text, size_t len,
	    struct cp_diags *diags);

/*
 * Expand every rule's patterns against the lexicons loaded so far, and
 * check what needs the whole set (undefined lexicons).  Call once, after
 * the last add.  Same returns.
 */
int	cp_rules_finish(struct cp_rules *r, struct cp_diags *diags);

/*
 * Map an offset in rule ru's expanded pattern j back to the pattern as
 * written: an offset inside an expanded {{NAME}} gives the offset of its
 * "{{".  For messages about compiled patterns.
 */
size_t	cp_rules_raw_offset(const struct cp_rules *r, const struct cp_rule *ru,
	    size_t j, size_t off);

/* Free a rule set; NULL is a no-op. */
void	cp_rules_free(struct cp_rules *);

/*
 * Reading patterns as written: the index just past the escape (\Q...\E
 * included) or the character class that starts at s[i], or i + 1 for any
 * other character.
 */
size_t	cp_pat_atom_end(const char *s, size_t i);

/*
 * Does caseless matching apply at raw[at]: the rule's flag (caseless), or
 * an inline (?i) or (?i: in force there?  The scan follows groups,
 * escapes, \Q..\E and classes; where it cannot be sure ((?x), (?^)) it
 * says yes.
 */
int	cp_pat_caseless_at(const char *raw, size_t at, int caseless);

/* A lexicon by name, or NULL. */
const struct cp_lexicon *cp_rules_lexicon(const struct cp_rules *,
	    const char *name);

/* The name of a kind, as written in YAML. */
const char *cp_rule_kind_name(enum cp_rule_kind);

#endif /* CP_RULES_H */
