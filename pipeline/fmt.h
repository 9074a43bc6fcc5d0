/*
 * fmt.h -- rendering records for people and spreadsheets.
 *
 * The formats of `claimpipe format` and `run --format`:
 *   jsonl  the records as they are;
 *   tsv    one claim a line under a header line (docs/records.md lists
 *          the columns); tab, newline, carriage return and backslash in a
 *          field are written \t \n \r \\; other records are left out;
 *   text   for reading: each claim with its sentence (when a sentence
 *          record came before it) and its source, cue, content and
 *          hedges, coloured on request.
 *
 * Command-side code, shared by format and run.
 */
#ifndef CP_FMT_H
#define CP_FMT_H

#include <stddef.h>

#include "buf.h"

enum { FMT_JSONL, FMT_TSV, FMT_TEXT };

/* The format named s, or -1. */
int	fmt_parse(const char *s);

struct fmt;

/* A renderer (color: ANSI colours in text); NULL when out of memory. */
struct fmt *fmt_new(int format, int color);
void	fmt_free(struct fmt *);

/* What goes before the first record (the TSV header). */
int	fmt_header(const struct fmt *, struct cp_buf *out);

/*
 * Render the records in data[0..len) (JSON Lines) onto out.  A line that
 * is not a record is an error: returns CP_EINPUT with *bad set to its
 * 1-based line number within data; else 0 or CP_ENOMEM.
 */
int	fmt_records(struct fmt *, const char *data, size_t len,
	    struct cp_buf *out);

/* The line of data the last CP_EINPUT was about (1-based). */
long	fmt_bad_line(const struct fmt *);

#endif /* CP_FMT_H */
