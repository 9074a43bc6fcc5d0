/*
 * cp.h -- types shared by every claimpipe module.
 *
 * The library reports errors the way PCRE2 and libyaml do: a function
 * returns 0 on success or a negative CP_E... code, and fills a caller-owned
 * struct cp_diag with the position and a message.  It never prints and
 * never exits; the commands in cmd_*.c decide what to say and how to stop.
 */
#ifndef CP_H
#define CP_H

#include <stddef.h>
#include <stdint.h>

#define CP_VERSION "0.1.0"

/* Return codes.  0 is success; every error is negative. */
enum {
	CP_OK = 0,
	CP_ERR = -1,		/* generic failure, see the diag */
	CP_ENOMEM = -2,		/* out of memory */
	CP_EIO = -3,		/* read or write error, errno is set */
	CP_EPIPE = -4,		/* the reader of our output went away */
	CP_EINPUT = -5,		/* malformed input record */
	CP_ELIMIT = -6		/* a size or resource limit was reached */
};

/* A half-open byte range [start, end) into an original input document. */
struct cp_span {
	size_t	start;
	size_t	end;
};

/*
 * A diagnostic.  Lines and columns are 1-based, 0 when unknown.  Strings
 * are copied in, so a diag never points into freed memory.
 */
struct cp_diag {
	char	file[256];
	long	line;
	long	col;
	char	rule[128];
	char	msg[512];
	int	warning;	/* 1: a warning, 0: an error */
};

/* Clear a diag before use. */
void	cp_diag_clear(struct cp_diag *);

/* printf-style setters; each truncates safely to its field. */
void	cp_diag_set(struct cp_diag *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	cp_diag_file(struct cp_diag *, const char *file, long line, long col);

#endif /* CP_H */
