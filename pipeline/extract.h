/*
 * extract.h -- claims from sentences: the extract stage's engine.
 *
 * For one sentence, cp_extract_run() runs the attribution and hedge rules
 * (through the prefilter), keeps the winning matches, attaches hedges to
 * the claims that hold them, gives each source a kind from the
 * source-kind rules, and points a pronoun source ("he", "the company") at
 * the most recent compatible named source earlier in the document.
 *
 * Overlapping matches of one kind are resolved deterministically: higher
 * priority first, then the longer match, then the earlier one, then the
 * rule loaded first; a match overlapping one already kept is dropped.
 *
 * A quotation often goes on past the sentence that attributes it:
 * "“Q1,” she said.  “Q2.”"  A sentence with no attribution of its own
 * that opens with a quotation mark, or lies inside a quotation still open,
 * right after a sentence whose last sourced claim holds a quotation mark,
 * gives a continuation: a claim whose content is the sentence and whose
 * source and cue are the earlier claim's (outside this sentence).  The
 * other way round, "“Q1.  Q2,” she said": when a quotation opened in
 * sentences with no attribution closes in one that attributes it, the
 * claim's content takes in their quoted text (its lead).
 *
 * An extractor keeps the state of the document being read (its named
 * sources so far, the claim a quotation may continue); it starts afresh
 * when the document id changes.  One extractor per thread, like a struct
 * cp_mctx.
 */
#ifndef CP_EXTRACT_H
#define CP_EXTRACT_H

#include <stddef.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "match.h"
#include "record.h"

#define CP_MAXLEAD	4	/* sentences a lead may take in */

/* A claim found in a sentence.  Offsets are into the sentence's text;
 * spans (original bytes) are filled from its map. */
struct cp_xclaim {
	size_t		 rule;		/* attribution rule, or (size_t)-1 */
	struct cp_part	 part[CP_MAXPARTS];	/* the content */
	size_t		 npart;
	struct cp_part	 source;
	int		 has_source;
	struct cp_part	 cue;
	int		 has_cue;
	char		 kind[32];	/* "named", "anonymous", "pronoun" */
	int		 has_refers;	/* a pronoun's named source: */
	struct cp_span	 refers;	/* its original span ... */
	size_t		 refers_text;	/* ... and text, in the result's pool */
	size_t		 refers_len;
	int		 cont;		/* a continuation: source and cue are */
	struct cp_span	 csource;	/* these original spans, outside */
	struct cp_span	 ccue;		/* the sentence, with their texts */
	size_t		 csource_text;	/* in the result's pool */
	size_t		 csource_len;
	size_t		 ccue_text;
	size_t		 ccue_len;
	size_t		 nlead;		/* content in earlier sentences, */
	struct cp_span	 lead[CP_MAXLEAD];	/* before part[0]: spans, */
	size_t		 lead_text;	/* texts one after another in the */
	size_t		 lead_len[CP_MAXLEAD];	/* pool */
	size_t		 hedge;		/* hedges[hedge .. hedge + nhedge) */
	size_t		 nhedge;
	size_t		 start;		/* the whole match, for order */
	size_t		 end;
};

struct cp_xhedge {
	size_t	rule;
	size_t	start;
	size_t	end;
	size_t	claim;		/* the claim it belongs to */
};

struct cp_xresult {
	struct cp_xclaim *c;
	size_t		 n;
	size_t		 cap;
	struct cp_xhedge *h;	/* grouped by claim, in text order */
	size_t		 nh;
	size_t		 caph;
	struct cp_buf	 pool;	/* texts of referents and continued roles */
	struct cp_hits	 hits;	/* scratch */
	struct cp_hits	 kinds;	/* scratch */
};

struct cp_extract;

/* An extractor over m (borrowed); NULL when out of memory. */
struct cp_extract *cp_extract_new(const struct cp_matcher *m);
void	cp_extract_free(struct cp_extract *);

/* Forget the document being read: the next sentence starts a new one
 * (split numbers each document's sentences from 0). */
void	cp_extract_reset(struct cp_extract *);

/*
 * The claims of one sentence of document doc: text[0..len) with its
 * offset map (base: the sentence's original start).  out is emptied
 * first.  noprefilter runs every rule on every sentence (for tests).
 * Returns 0 or CP_ENOMEM.
 */
int	cp_extract_run(struct cp_extract *, struct cp_mctx *, const char *doc,
	    size_t doclen, const char *text, size_t len,
	    const struct cp_omap *map, int noprefilter, struct cp_xresult *out);

void	cp_xresult_free(struct cp_xresult *);

/*
 * Append claim i of r as a claim record (docs/records.md): doc, sent (as
 * written in the input), the sentence's text and map, and rest, the
 * record whose other keys are copied (may be NULL), leaving out the
 * claim record's own keys and those in skip (NULL-terminated, or NULL).
 */
int	cp_extract_write(struct cp_buf *b, const struct cp_extract *,
	    const struct cp_xresult *r, size_t i, const char *doc,
	    size_t doclen, const char *sent, size_t sentlen, const char *text,
	    const struct cp_omap *map, const struct cp_rec *rest,
	    const char *const *skip);

#endif /* CP_EXTRACT_H */
