/*
 * norm.h -- the normalize stage: raw bytes in, clean UTF-8 and an offset
 * map out.
 *
 * cp_norm_run() turns one document into text the later stages can trust:
 * valid UTF-8 (invalid bytes become U+FFFD, with a warning), no BOM, LF line
 * ends, Unicode NFC (or NFKC), typographic apostrophes, dashes, ellipses and
 * exotic spaces folded to ASCII, invisible and control characters removed,
 * white space collapsed with paragraph breaks kept, and on request HTML
 * stripped and mojibake repaired.  claimpipe(1) lists every fold.
 *
 * Alongside the text it builds a struct cp_omap, so that any span of the
 * output can be reported as bytes of the original input.
 */
#ifndef CP_NORM_H
#define CP_NORM_H

#include <stddef.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"

/* Options (struct cp_norm_opts.flags). */
enum {
	CP_NORM_NFKC		= 1 << 0,  /* NFKC instead of NFC */
	CP_NORM_HTML		= 1 << 1,  /* strip tags, decode entities */
	CP_NORM_MOJIBAKE	= 1 << 2,  /* repair UTF-8 read as CP1252 */
	CP_NORM_FOLD_QUOTES	= 1 << 3,  /* curly and angle quotes to ASCII */
	/* Each of these turns one default fold off. */
	CP_NORM_KEEP_UNICODE	= 1 << 8,  /* no NFC/NFKC */
	CP_NORM_KEEP_APOSTROPHES = 1 << 9,
	CP_NORM_KEEP_DASHES	= 1 << 10,
	CP_NORM_KEEP_ELLIPSIS	= 1 << 11,
	CP_NORM_KEEP_SPACES	= 1 << 12, /* no-break, thin, ... spaces */
	CP_NORM_KEEP_INVISIBLE	= 1 << 13, /* zero-width, soft hyphen, bidi */
	CP_NORM_KEEP_CONTROLS	= 1 << 14, /* C0 and C1 controls, NUL */
	CP_NORM_KEEP_WHITESPACE	= 1 << 15  /* no collapsing or trimming */
};

/* What a warning is about. */
enum cp_norm_wkind {
	CP_NORM_W_UTF8,		/* invalid UTF-8 replaced by U+FFFD */
	CP_NORM_W_NUL,		/* NUL byte removed */
	CP_NORM_W_NKINDS
};

/* At most this many warnings of each kind per document, then a count. */
#define CP_NORM_WARN_MAX 5

struct cp_norm_warning {
	enum cp_norm_wkind kind;
	size_t		 offset;	/* byte offset in the original */
	unsigned long	 more;		/* >0: summary of this many more */
	const char	*msg;		/* e.g. "stray continuation byte 0x80" */
};

struct cp_norm_opts {
	unsigned	 flags;
	/* Called for each warning; may be NULL.  The library never prints. */
	void		(*warn)(void *arg, const struct cp_norm_warning *);
	void		*arg;
};

struct cp_norm;

/* A reusable normalizer; returns NULL when out of memory. */
struct cp_norm *cp_norm_new(const struct cp_norm_opts *);

/*
 * Normalize the len bytes at in (any bytes at all, NULs included).  The
 * text is appended to text after cp_buf_reset(); map is reset with base 0
 * and filled.  Returns 0 or CP_ENOMEM.  Warnings go to the callback, with
 * offsets into in.
 */
int	cp_norm_run(struct cp_norm *, const char *in, size_t len,
	    struct cp_buf *text, struct cp_omap *map);

/* Free a normalizer; NULL is a no-op. */
void	cp_norm_free(struct cp_norm *);

/*
 * Parse a comma-separated list of fold names ("dashes,ellipsis") into
 * CP_NORM_KEEP_* bits.  Returns 0, or -1 with the bad name copied to bad.
 */
int	cp_norm_keep_parse(const char *list, unsigned *flags, char *bad,
	    size_t badsize);

/* What kind of character a piece of text starts with. */
enum cp_chclass {
	CP_CH_NONE,	/* end of text */
	CP_CH_SPACE,	/* ASCII white space */
	CP_CH_UPPER,	/* Lu, Lt */
	CP_CH_LOWER,	/* Ll */
	CP_CH_LETTER,	/* other letters: Lm, Lo (no case) */
	CP_CH_DIGIT,	/* Nd */
	CP_CH_OTHER	/* punctuation, symbols, marks, ... */
};

/*
 * The class of the character at s[0..n) (valid UTF-8), and its length in
 * bytes in *len (0 at the end).  For the split stage, which must not
 * include utf8proc itself.
 */
enum cp_chclass cp_char_class(const char *s, size_t n, size_t *len);

/* The fold names cp_norm_keep_parse() accepts, comma-separated. */
extern const char cp_norm_fold_names[];

#endif /* CP_NORM_H */
