/*
 * record.h -- JSON Lines records: a strict reader and a fast writer.
 *
 * The reader parses one line as a JSON object (RFC 8259, strict: valid
 * UTF-8, no control characters in strings, no trailing data, nesting at
 * most CP_REC_MAX_DEPTH).  It keeps, for every key, the raw text of its
 * value, so a stage passes keys it does not know through byte for byte:
 * a number like 1.50 or 2^70 is not reformatted.  Only string values are
 * decoded.  A record is reusable: parse line after line into the same one.
 * It borrows the line: keep the line alive while the record is used.
 *
 * (jansson was the first reader; it spent two thirds of normalize's time
 * building trees we never used, and could not pass numbers through
 * untouched.  It stays as the reference in the differential unit test.)
 *
 * The writer appends to a struct cp_buf with a fixed key order
 * (docs/records.md); strings are escaped by a table-driven loop that copies
 * runs of plain bytes in one go.  Text reaching the writer is valid UTF-8
 * (normalize guarantees it), so non-ASCII characters are written as is.
 */
#ifndef CP_RECORD_H
#define CP_RECORD_H

#include <stddef.h>

#include "cp.h"
#include "buf.h"
#include "omap.h"

#define CP_REC_MAX_DEPTH 128

struct cp_rec;

/* A reusable record; NULL when out of memory. */
struct cp_rec *cp_rec_new(void);

/* Free a record; NULL is a no-op. */
void	cp_rec_free(struct cp_rec *);

/*
 * Parse line[0..len) as one JSON object into r.  Returns 0; CP_EINPUT
 * with the reason and the 1-based byte column in the diag; or CP_ENOMEM.
 */
int	cp_rec_parse(struct cp_rec *r, const char *line, size_t len,
	    struct cp_diag *);

/*
 * The string value of key (the last one, if the key repeats): returns 0
 * and sets *s, *len (valid while the record and its line live; may hold
 * NUL bytes), -1 if the key is absent or null, CP_EINPUT if the value is
 * not a string.
 */
int	cp_rec_str(const struct cp_rec *, const char *key, const char **s,
	    size_t *len);

/*
 * Append the value of key as text to out: a string decoded, an integer
 * as written.  Returns 0, -1 if absent or null, CP_EINPUT for other
 * types, CP_ENOMEM.
 */
int	cp_rec_text(const struct cp_rec *, const char *key, struct cp_buf *out);

/*
 * Read key's value as an offset map (docs/records.md): a flat array of
 * non-negative integers, three per breakpoint, for a text of tlen bytes.
 * m is reset with base and filled.  Returns 0, -1 if the key is absent
 * or null, CP_EINPUT with the reason in the diag for a value that is not
 * a well-formed map, CP_ENOMEM.
 */
int	cp_rec_map(const struct cp_rec *, const char *key, size_t base,
	    size_t tlen, struct cp_omap *m, struct cp_diag *);

/*
 * Read key's value as a span: an array of two non-negative integers,
 * start <= end.  Returns 0, -1 if absent or null, CP_EINPUT otherwise.
 */
int	cp_rec_span(const struct cp_rec *, const char *key, struct cp_span *);

/* The line the record was parsed from, and its length. */
const char *cp_rec_line(const struct cp_rec *);
size_t	cp_rec_line_len(const struct cp_rec *);

/*
 * The raw JSON text of key's value (an object or array can be parsed
 * again from it).  Returns 0, or -1 if the key is absent or null.
 */
int	cp_rec_raw(const struct cp_rec *, const char *key, const char **s,
	    size_t *len);

/*
 * Step through the raw text of a JSON array (as cp_rec_raw() gives it):
 * *pos starts at 0; each call sets the next element's raw text and
 * returns 1, or returns 0 after the last.  The array must be valid JSON
 * (a record's values are).
 */
int	cp_json_array_next(const char *arr, size_t len, size_t *pos,
	    const char **elem, size_t *elen);

/* Does the record have this key (with any value, null included)? */
int	cp_rec_has(const struct cp_rec *, const char *key);

/*
 * Append ,"key":value for every key not named in skip (a NULL-terminated
 * list), in input order, each value as it came (white space outside
 * strings dropped).  A repeated key is written once, with its last value.
 * Returns 0 or CP_ENOMEM.
 */
int	cp_rec_write_rest(const struct cp_rec *, struct cp_buf *,
	    const char *const *skip);

/* Append s[0..len) as a JSON string, quotes included. */
int	cp_json_str(struct cp_buf *, const char *s, size_t len);

/* Append a map's breakpoints as the flat array [n1,o1,a1,n2,o2,a2,...]. */
int	cp_json_map(struct cp_buf *, const struct cp_omap *);

#endif /* CP_RECORD_H */
