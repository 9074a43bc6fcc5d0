/*
 * io.c -- line reader, slurp, buffered output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "io.h"

#define CHUNK	(1 << 16)
#define BATCH	(1 << 16)

struct cp_lines {
	FILE		*fp;
	struct cp_buf	 b;
	size_t		 start;	/* first unread byte in b */
	long		 lineno;
	int		 eof;
};

struct cp_lines *
cp_lines_new(FILE *fp)
{
	struct cp_lines *l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return NULL;
	l->fp = fp;
	return l;
}

int
cp_lines_next(struct cp_lines *l, const char **line, size_t *len)
{
	size_t scanned, got;
	char *nl;

	scanned = l->start;
	for (;;) {
		nl = l->b.len > scanned ?
		    memchr(l->b.data + scanned, '\n', l->b.len - scanned) : NULL;
		if (nl != NULL) {
			*line = l->b.data + l->start;
			*len = (size_t)(nl - *line);
			l->start = (size_t)(nl - l->b.data) + 1;
			l->lineno++;
			return 1;
		}
		if (l->eof) {
			if (l->start == l->b.len)
				return 0;
			*line = l->b.data + l->start;
			*len = l->b.len - l->start;
			l->start = l->b.len;
			l->lineno++;
			return 1;
		}
		/* Move the partial line to the front, then read more. */
		if (l->start > 0) {
			memmove(l->b.data, l->b.data + l->start,
			    l->b.len - l->start);
			l->b.len -= l->start;
			l->start = 0;
		}
		scanned = l->b.len;
		if (cp_buf_reserve(&l->b, CHUNK) != 0)
			return CP_ENOMEM;
		got = fread(l->b.data + l->b.len, 1, l->b.cap - l->b.len - 1,
		    l->fp);
		l->b.len += got;
		l->b.data[l->b.len] = '\0';
		if (got == 0) {
			if (ferror(l->fp))
				return CP_EIO;
			l->eof = 1;
		}
	}
}

long
cp_lines_lineno(const struct cp_lines *l)
{
	return l->lineno;
}

void
cp_lines_free(struct cp_lines *l)
{
	if (l == NULL)
		return;
	cp_buf_free(&l->b);
	free(l);
}

int
cp_slurp(FILE *fp, struct cp_buf *b)
{
	size_t got;

	for (;;) {
		if (cp_buf_reserve(b, CHUNK) != 0)
			return CP_ENOMEM;
		got = fread(b->data + b->len, 1, b->cap - b->len - 1, fp);
		b->len += got;
		b->data[b->len] = '\0';
		if (got == 0)
			return ferror(fp) ? CP_EIO : 0;
	}
}

void
cp_out_init(struct cp_out *o, FILE *fp)
{
	memset(o, 0, sizeof(*o));
	o->fp = fp;
}

int
cp_out_flush(struct cp_out *o, int force)
{
	if (o->err) {
		o->buf.len = 0;
		return o->err;
	}
	if (o->buf.len == 0 || (!force && o->buf.len < BATCH))
		return 0;
	if (fwrite(o->buf.data, 1, o->buf.len, o->fp) != o->buf.len) {
		o->saved_errno = errno;
		o->err = errno == EPIPE ? CP_EPIPE : CP_EIO;
	}
	o->buf.len = 0;
	return o->err;
}

int
cp_out_close(struct cp_out *o)
{
	cp_out_flush(o, 1);
	if (!o->err && fflush(o->fp) != 0) {
		o->saved_errno = errno;
		o->err = errno == EPIPE ? CP_EPIPE : CP_EIO;
	}
	cp_buf_free(&o->buf);
	return o->err;
}
