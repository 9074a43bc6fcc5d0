/*
 * sent.h -- sentence boundaries in normalized text.
 *
 * cp_sent_split() cuts a doc's text into sentences.  The structure of
 * English punctuation is here, in C: terminal marks and the closing quotes
 * and brackets after them, ellipses (contiguous, spaced, bracketed),
 * decimals and other periods inside a word, file names, domains, URLs and
 * e-mail addresses, numbered, lettered and bulleted lists (also after a
 * colon), line and paragraph breaks.  The words -- which marks that would
 * end a sentence do not (the period of an abbreviation, a quotation's ?
 * or ! before its attribution, an ellipsis before "I"), and which words
 * may start a sentence after one -- come from the abbreviation rules of
 * the rule pack (docs/rules.md), tried through match.h.
 *
 * The scan is one pass; each decision looks at a bounded neighbourhood,
 * so time is linear in the text however it is punctuated.  A sentence
 * that would grow past the maximum length is cut into marked pieces,
 * never left to grow without bound.
 */
#ifndef CP_SENT_H
#define CP_SENT_H

#include <stddef.h>

#include "cp.h"
#include "buf.h"
#include "match.h"
#include "omap.h"

/* Default maximum sentence length, in bytes of normalized text. */
#define CP_SENT_MAX	65536u

/* A sentence: normalized offsets [start, end) into the doc's text. */
struct cp_sent {
	size_t	start;
	size_t	end;
	int	cut;		/* cut at the maximum length, not a boundary */
};

/* A mark an abbreviation rule kept from ending a sentence. */
struct cp_claim {
	size_t	start;		/* where the rule was anchored: the word */
	size_t	end;		/* normalized offset just after the mark */
	size_t	rule;		/* index into the rule set */
};

struct cp_sents {
	struct cp_sent	*v;
	size_t		 n;
	size_t		 cap;
	struct cp_claim	*claim;	/* in text order, for explain and tests */
	size_t		 nclaim;
	size_t		 capclaim;
};

/*
 * Split text[0..len) (valid UTF-8, as normalize writes it) into out,
 * which is emptied first.  Sentences come in order, do not overlap, and
 * neither start nor end with white space; white space between them
 * belongs to none.  A sentence longer than maxlen (at least 64) is cut
 * into pieces marked cut: at the last white space in the second half of
 * the allowance, else at a character boundary that map (the text's offset
 * map, or NULL) does not place inside an atomic segment.  Abbreviation
 * rules run on x; the marks they claim are listed in out.  Returns 0 or
 * CP_ENOMEM.
 */
int	cp_sent_split(struct cp_mctx *x, const char *text, size_t len,
	    const struct cp_omap *map, size_t maxlen, struct cp_sents *out);

/*
 * Sentence s of text as the split stage writes it, each line break a
 * space (one byte for one, so offsets hold), into b (emptied first,
 * NUL-terminated).  Returns 0 or CP_ENOMEM.
 */
int	cp_sent_text(struct cp_buf *b, const char *text,
	    const struct cp_sent *s);

/* Release out's arrays. */
void	cp_sents_free(struct cp_sents *out);

#endif /* CP_SENT_H */
