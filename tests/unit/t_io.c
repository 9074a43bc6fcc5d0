/*
 * t_io.c -- the line reader and buffered output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "io.h"

int
main(void)
{
	struct cp_lines *l;
	struct cp_out o;
	struct cp_buf b = { 0 };
	const char *line;
	size_t len, i;
	FILE *fp;

	/* Lines of all sizes, NULs inside, no final newline. */
	CHECK((fp = tmpfile()) != NULL);
	fputs("one\n\ntwo\r\n", fp);
	fwrite("n\0l\n", 1, 4, fp);
	for (i = 0; i < 300000; i++)
		fputc('x', fp);
	fputs("\nlast", fp);
	rewind(fp);
	CHECK((l = cp_lines_new(fp)) != NULL);
	CHECK(cp_lines_next(l, &line, &len) == 1 && len == 3 &&
	    memcmp(line, "one", 3) == 0 && cp_lines_lineno(l) == 1);
	CHECK(cp_lines_next(l, &line, &len) == 1 && len == 0);
	CHECK(cp_lines_next(l, &line, &len) == 1 && len == 4);	/* keeps \r */
	CHECK(cp_lines_next(l, &line, &len) == 1 && len == 3 &&
	    memcmp(line, "n\0l", 3) == 0);
	CHECK(cp_lines_next(l, &line, &len) == 1 && len == 300000);
	CHECK(cp_lines_next(l, &line, &len) == 1 && len == 4 &&
	    memcmp(line, "last", 4) == 0 && cp_lines_lineno(l) == 6);
	CHECK(cp_lines_next(l, &line, &len) == 0);
	CHECK(cp_lines_next(l, &line, &len) == 0);
	cp_lines_free(l);

	rewind(fp);
	CHECK(cp_slurp(fp, &b) == 0 && b.len == 300000 + 19);
	fclose(fp);
	cp_buf_free(&b);

	/* Output to a full device: CP_EIO, sticky. */
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		cp_out_init(&o, fp);
		CHECK(cp_buf_puts(&o.buf, "x") == 0);
		CHECK(cp_out_flush(&o, 0) == 0);	/* below a batch */
		CHECK(cp_out_close(&o) == CP_EIO && o.saved_errno == ENOSPC);
		fclose(fp);
	}
	return DONE("t_io");
}
