/*
 * diag.c -- filling struct cp_diag.
 *
 * A diag is plain data owned by the caller; these helpers only format into
 * its fixed fields, truncating instead of overflowing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cp.h"

void
cp_diag_clear(struct cp_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
cp_diag_set(struct cp_diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

void
cp_diag_file(struct cp_diag *d, const char *file, long line, long col)
{
	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	d->line = line;
	d->col = col;
}
