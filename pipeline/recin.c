/*
 * recin.c -- record streams (see recin.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "io.h"
#include "record.h"
#include "cli.h"
#include "recin.h"

void
recin_reject(struct recin *in, const char *line, size_t len, long col,
    const char *why)
{
	cli_warn(in->file, in->line, col, "%s, line skipped", why);
	in->rejected++;
	if (in->rc < CLI_SKIPPED)
		in->rc = CLI_SKIPPED;
	if (in->rejects != NULL && (fwrite(line, 1, len, in->rejects) != len ||
	    fputc('\n', in->rejects) == EOF)) {
		cli_msg("%s: %s", in->rejects_name, strerror(errno));
		in->rejects = NULL;
		in->rc = CLI_FATAL;
	}
}

int
recin_put_line(struct recin *in, const char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (cp_buf_put(&in->out->buf, line, len) != 0 ||
	    cp_buf_putc(&in->out->buf, '\n') != 0)
		return CP_ENOMEM;
	return 0;
}

static int
record(struct recin *in, const char *line, size_t len)
{
	struct cp_diag d;
	const char *type;
	size_t i, tlen;
	int rc;

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r'); i++)
		;
	if (i == len)
		return 0;	/* blank lines hold no record */
	in->lines++;
	cp_diag_clear(&d);
	if ((rc = cp_rec_parse(in->rec, line, len, &d)) == CP_ENOMEM)
		return rc;
	if (rc != 0) {
		recin_reject(in, line, len, d.col, d.msg);
		return 0;
	}
	rc = cp_rec_str(in->rec, "type", &type, &tlen);
	if (rc != 0) {
		recin_reject(in, line, len, 0, rc == -1 ? "record without "
		    "\"type\"" : "record whose \"type\" is not a string");
		return 0;
	}
	if (tlen == strlen(in->type) && memcmp(type, in->type, tlen) == 0)
		return in->sink(in->arg, line, len);
	in->passed++;
	if ((rc = recin_put_line(in, line, len)) != 0)
		return rc;
	return cp_out_flush(in->out, 0);
}

static int
input(struct recin *in, const char *path)
{
	struct cp_lines *lines;
	const char *line;
	size_t len;
	FILE *fp;
	int rc = 0, got;

	in->file = cli_name(path);
	in->line = 0;
	if ((fp = cli_input_open(path)) == NULL) {
		in->rc = CLI_SKIPPED;
		return 0;
	}
	if ((lines = cp_lines_new(fp)) == NULL)
		rc = CP_ENOMEM;
	while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) != 0) {
		if (got < 0) {
			rc = got;
			break;
		}
		in->line = cp_lines_lineno(lines);
		rc = record(in, line, len);
	}
	cp_lines_free(lines);
	if (rc == CP_EIO && in->out->err == 0) {
		/* a read error skips the rest of this input, not the run */
		cli_msg("%s: %s", in->file, strerror(errno));
		in->rc = CLI_SKIPPED;
		rc = 0;
	}
	cli_input_close(fp);
	return rc;
}

int
recin_run(struct recin *in, char **paths)
{
	size_t i;
	int rc = 0;

	if (in->rec == NULL && (in->rec = cp_rec_new()) == NULL)
		return CP_ENOMEM;
	for (i = 0; paths[i] != NULL && rc == 0; i++)
		rc = input(in, paths[i]);
	return rc;
}

void
recin_free(struct recin *in)
{
	cp_rec_free(in->rec);
	in->rec = NULL;
}
