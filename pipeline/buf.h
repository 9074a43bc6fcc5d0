/*
 * buf.h -- growable byte buffers.
 *
 * A struct cp_buf is a plain, transparent struct (like a Lua luaL_Buffer):
 * the hot loops of the normalizer and the JSON writer append to it inline.
 * The bytes are always followed by a NUL that is not counted in len, so the
 * data can be handed to functions that want a C string.  A zeroed struct is
 * an empty buffer; cp_buf_free() releases it and leaves it empty again.
 */
#ifndef CP_BUF_H
#define CP_BUF_H

#include <stddef.h>
#include <string.h>

struct cp_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

/*
 * Make room for at least extra more bytes (plus the hidden NUL).
 * Returns 0, or CP_ENOMEM with the buffer unchanged.
 */
int	cp_buf_reserve(struct cp_buf *, size_t extra);

/* Append bytes; return 0 or CP_ENOMEM. */
int	cp_buf_put(struct cp_buf *, const void *, size_t);
int	cp_buf_puts(struct cp_buf *, const char *);
int	cp_buf_putc(struct cp_buf *, int);

/* Append the decimal form of an unsigned number. */
int	cp_buf_putu(struct cp_buf *, unsigned long long);

/* Forget the contents, keep the memory. */
static inline void
cp_buf_reset(struct cp_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Release the memory; the buffer is empty and reusable afterwards. */
void	cp_buf_free(struct cp_buf *);

/*
 * Append without a capacity check: the caller has called cp_buf_reserve()
 * for at least n bytes.
 */
static inline void
cp_buf_put_unchecked(struct cp_buf *b, const void *p, size_t n)
{
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

#endif /* CP_BUF_H */
