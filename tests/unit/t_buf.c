/*
 * t_buf.c -- growable buffers.
 */
#include <string.h>

#include "check.h"
#include "cp.h"
#include "buf.h"

int
main(void)
{
	struct cp_buf b = { 0 };
	size_t i;

	cp_buf_reset(&b);			/* on an empty buffer */
	CHECK(b.len == 0);
	CHECK(cp_buf_puts(&b, "abc") == 0 && b.len == 3);
	CHECK(strcmp(b.data, "abc") == 0);	/* NUL-terminated */
	CHECK(cp_buf_putc(&b, '\0') == 0 && b.len == 4);
	CHECK(cp_buf_putu(&b, 0) == 0 && b.data[4] == '0');
	CHECK(cp_buf_putu(&b, 18446744073709551615ULL) == 0);
	CHECK(strcmp(b.data + 5, "18446744073709551615") == 0);
	cp_buf_reset(&b);
	for (i = 0; i < 100000; i++)
		CHECK(cp_buf_putc(&b, 'x') == 0);
	CHECK(b.len == 100000 && b.data[b.len] == '\0');
	CHECK(cp_buf_reserve(&b, (size_t)-1) == CP_ENOMEM);
	CHECK(b.len == 100000);			/* unchanged on failure */
	cp_buf_free(&b);
	CHECK(b.data == NULL && b.len == 0);
	cp_buf_free(&b);			/* twice is fine */
	return DONE("t_buf");
}
