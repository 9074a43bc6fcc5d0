/*
 * io.h -- reading lines and whole streams, and buffered record output.
 *
 * JSON Lines input can hold a line of any length (a 50 MB document on one
 * line is normal for a corpus), and NUL bytes must reach the parser so it
 * can reject them with a position instead of silently cutting the line.
 * So lines are read with fread and memchr, never with fgets.
 *
 * Output goes through a struct cp_out that batches records into large
 * writes and turns a write error into a code: CP_EPIPE when the reader went
 * away (a quiet, successful stop for the command), CP_EIO otherwise.
 */
#ifndef CP_IO_H
#define CP_IO_H

#include <stdio.h>

#include "cp.h"
#include "buf.h"

struct cp_lines;

/* A line reader on fp (borrowed, not closed).  NULL when out of memory. */
struct cp_lines *cp_lines_new(FILE *fp);

/*
 * Read the next line, without its '\n'.  *line stays valid until the next
 * call.  Returns 1 for a line, 0 at end of input, CP_EIO (errno set) or
 * CP_ENOMEM.  A last line without '\n' is still a line.
 */
int	cp_lines_next(struct cp_lines *, const char **line, size_t *len);

/* 1-based number of the line last returned. */
long	cp_lines_lineno(const struct cp_lines *);

void	cp_lines_free(struct cp_lines *);

/* Append all of fp to b.  Returns 0, CP_EIO (errno set) or CP_ENOMEM. */
int	cp_slurp(FILE *fp, struct cp_buf *b);

struct cp_out {
	FILE		*fp;
	struct cp_buf	 buf;
	int		 err;	/* first error: CP_EPIPE or CP_EIO */
	int		 saved_errno;
};

/* Start buffered output to fp (borrowed). */
void	cp_out_init(struct cp_out *, FILE *fp);

/*
 * Write out the buffer if it holds more than a batch, or always with
 * force set.  Returns 0 or the sticky error (CP_EPIPE or CP_EIO); after an
 * error nothing more is written.
 */
int	cp_out_flush(struct cp_out *, int force);

/* Flush, fflush the stream, free the buffer; returns 0 or the error. */
int	cp_out_close(struct cp_out *);

#endif /* CP_IO_H */
