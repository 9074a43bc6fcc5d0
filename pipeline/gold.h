/*
 * gold.h -- gold annotations, and scoring claims against them.
 *
 * A gold file is JSON Lines, one document a line, with byte offsets into
 * its text ("offsets": "bytes"):
 *   - attributions, the PolNeAR layout (../shared/eval/polnear):
 *     "attributions": [{"source": [[s,e],...], "cue": [...],
 *     "content": [...]}, ...];
 *   - hedge cues, the CoNLL-2010 Wikipedia layout: "cues": [[s,e],...]
 *     with "cue_types" beside them;
 *   - hedges, the sample corpus's layout: "hedges": [{"span": [s,e],
 *     "class": ...}].
 * The text is "text", or "file": a path relative to the gold file, for a
 * text JSON cannot hold.  docs/eval.md defines every score.
 *
 * The reader uses jansson: gold files are small and read once, and this
 * is the one module that includes it.
 */
#ifndef CP_GOLD_H
#define CP_GOLD_H

#include <stddef.h>

#include "cp.h"

#define CP_GOLD_MAXFRAG 32	/* fragments kept per role */

struct cp_gfrag {
	struct cp_span	f[CP_GOLD_MAXFRAG];
	size_t		n;
};

struct cp_gattr {
	struct cp_gfrag	source;
	struct cp_gfrag	cue;
	struct cp_gfrag	content;
};

struct cp_ghedge {
	struct cp_span	span;
	int		target;	/* a hedge we aim to find (see docs/eval.md) */
};

struct cp_gdoc {
	char		*id;
	char		*text;
	size_t		 len;
	int		 html;		/* the id or file ends in .html/.htm */
	int		 has_attr;	/* attributions are annotated */
	int		 has_hedge;	/* hedges are annotated */
	int		 no_weasels;	/* vague-source hedges not annotated */
	struct cp_gattr	*a;
	size_t		 na;
	struct cp_ghedge *h;
	size_t		 nh;
};

/*
 * Parse one gold line; dir is the gold file's folder, for "file".
 * Returns 0, CP_EINPUT with the reason in the diag, or CP_ENOMEM.
 */
int	cp_gold_parse(const char *line, size_t len, const char *dir,
	    struct cp_gdoc *, struct cp_diag *);

void	cp_gdoc_free(struct cp_gdoc *);

/* ---- predictions and scores ------------------------------------------ */

/* A predicted claim, in original offsets. */
struct cp_pclaim {
	struct cp_gfrag	source;
	struct cp_gfrag	cue;
	struct cp_gfrag	content;
	size_t		sent;		/* sentence index, for error reports */
};

struct cp_phedge {
	struct cp_span	span;
	size_t		sent;
	int		vague;		/* class vague-source */
};

/* Counts for precision and recall. */
struct cp_prf {
	double	tp_p;	/* predicted items (or tokens) that are right */
	double	tp_r;	/* gold items (or tokens) that were found */
	double	pred;
	double	gold;
};

struct cp_scores {
	struct cp_prf	cue;
	struct cp_prf	source_overlap, source_exact;
	struct cp_prf	content_overlap, content_exact;
	struct cp_prf	hedge;		/* hedge cues, by overlap */
	struct cp_prf	hedged_sent;	/* sentences with a hedge */
	unsigned long	docs, attrs, hedges;
};

/* One error, for --errors: a gold item missed, or a false alarm. */
struct cp_gerr {
	int		miss;		/* 1: missed gold, 0: false alarm */
	int		hedge;		/* a hedge, not a cue */
	struct cp_span	span;
};

struct cp_gerrs {
	struct cp_gerr	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Score one document's predictions against its gold.  sents are the
 * document's sentences in original offsets (for the sentence-level hedge
 * score).  Errors are appended to errs when it is not NULL.  Returns 0
 * or CP_ENOMEM.
 */
int	cp_gold_score(const struct cp_gdoc *g, const struct cp_pclaim *p,
	    size_t np, const struct cp_phedge *ph, size_t nph,
	    const struct cp_span *sents, size_t nsents, struct cp_scores *sc,
	    struct cp_gerrs *errs);

/* P, R and F1 in percent (0 when undefined). */
void	cp_prf(const struct cp_prf *, double *p, double *r, double *f);

#endif /* CP_GOLD_H */
