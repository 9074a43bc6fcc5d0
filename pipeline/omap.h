/*
 * omap.h -- offset maps from normalized text back to the original bytes.
 *
 * Normalization changes lengths (CRLF becomes LF, "&amp;" becomes "&", a
 * curly apostrophe of three bytes becomes one), yet every span claimpipe
 * reports must be a byte range of the ORIGINAL input.  An offset map records
 * how the normalized text was produced, as a list of breakpoints.
 *
 * A map is a sequence of segments.  Each segment pairs a range of the
 * normalized text with a range of the original.  The first segment starts
 * at (0, base); each breakpoint (n, o, atomic) starts a new one.  A LINEAR
 * segment (atomic 0) was copied: its two ranges have the same length and
 * byte k of it maps to byte k of the original range.  An ATOMIC segment
 * (atomic 1) was produced by a change -- a folded "…", a repaired invalid
 * byte, a deleted zero-width space -- and cannot be split: any part of it
 * maps to its whole original range.  The segment after the last
 * breakpoint runs to the end of the text.  An untouched document has no
 * breakpoints.
 *
 * In records the map is the flat JSON array [n1, o1, a1, n2, o2, a2, ...]
 * (docs/records.md); base is 0 for a doc record and the sentence's
 * original start for a sentence record.
 */
#ifndef CP_OMAP_H
#define CP_OMAP_H

#include <stddef.h>

#include "cp.h"

struct cp_omap {
	size_t	*pt;		/* breakpoints: n, o, atomic at pt[3i..3i+2] */
	size_t	 npt;		/* number of breakpoints */
	size_t	 cap;		/* capacity, in breakpoints */
	size_t	 base;		/* original offset of normalized offset 0 */
	/* builder state */
	size_t	 ncur;		/* normalized bytes emitted so far */
	size_t	 ocur;		/* original offset reached so far */
	int	 lin;		/* the open segment is linear */
};

/* Start an empty map whose normalized offset 0 is original offset base. */
void	cp_omap_reset(struct cp_omap *, size_t base);

/*
 * Record that the next nlen normalized bytes were produced from the next
 * olen original bytes: copied (atomic 0, which needs nlen == olen) or
 * changed (atomic 1).  Pieces must be given in order and must cover the
 * original input without gaps: a deleted character is a piece with nlen 0.
 * Returns 0 or CP_ENOMEM.
 */
int	cp_omap_emit(struct cp_omap *, size_t nlen, size_t olen, int atomic);

/* Close the map after the last piece; returns 0 or CP_ENOMEM. */
int	cp_omap_finish(struct cp_omap *);

/* Add a breakpoint directly, for maps read from a record. */
int	cp_omap_push(struct cp_omap *, size_t n, size_t o, int atomic);

/*
 * Map a normalized span [s, e) to the original span it came from.  A start
 * inside an atomic segment moves to the segment's start, an end inside one
 * to its end, so the result always covers the bytes that produced the text.
 */
struct cp_span cp_omap_span(const struct cp_omap *, size_t s, size_t e);

/*
 * The other way: the normalized offset of original offset o, in a text of
 * len normalized bytes, as the start (end 0) or the end (end 1) of a
 * span.  An original span that cp_omap_span() gave comes back as the
 * smallest normalized span that maps to it; an offset inside an atomic
 * segment goes to the segment's start (or, as an end, its end).
 */
size_t	cp_omap_unmap(const struct cp_omap *, size_t len, size_t o, int end);

/*
 * Copy into dst the part of src covering the normalized range [s, e),
 * renumbered so that s becomes 0; dst's base is the original start of s.
 * Returns 0 or CP_ENOMEM.
 */
int	cp_omap_slice(const struct cp_omap *src, size_t s, size_t e,
	    struct cp_omap *dst);

/*
 * The largest normalized offset <= n that is not strictly inside an
 * atomic segment: a place where the text can be cut without splitting
 * what one original character became.
 */
size_t	cp_omap_floor(const struct cp_omap *, size_t n);

/* Release the breakpoint array. */
void	cp_omap_free(struct cp_omap *);

#endif /* CP_OMAP_H */
