/*
 * buf.c -- growable byte buffers.
 *
 * Growth is geometric (x1.5, at least 64 bytes) so appending n bytes one at
 * a time costs O(n) in total; a 50 MB line must never turn quadratic here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"

int
cp_buf_reserve(struct cp_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return CP_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 3 * 2 ? need : cap + cap / 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return CP_ENOMEM;
	/* New bytes start as zeros: PCRE2's JIT may read a little past the
	 * end of a subject, and what it reads must be initialised.  Growth
	 * is geometric, so this costs O(1) a byte. */
	memset(p + b->cap, 0, cap - b->cap);
	b->data = p;
	b->cap = cap;
	return 0;
}

int
cp_buf_put(struct cp_buf *b, const void *p, size_t n)
{
	if (cp_buf_reserve(b, n) != 0)
		return CP_ENOMEM;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
cp_buf_puts(struct cp_buf *b, const char *s)
{
	return cp_buf_put(b, s, strlen(s));
}

int
cp_buf_putc(struct cp_buf *b, int c)
{
	char ch = (char)c;

	return cp_buf_put(b, &ch, 1);
}

int
cp_buf_putu(struct cp_buf *b, unsigned long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return cp_buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

void
cp_buf_free(struct cp_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
