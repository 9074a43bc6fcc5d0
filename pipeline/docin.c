/*
 * docin.c -- documents from operands (see docin.h).
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
#include "docin.h"

int
docin_init(struct docin *d)
{
	memset(d, 0, sizeof(*d));
	d->id_field = "id";
	d->text_field = "text";
	d->stdin_id = "-";
	return 0;
}

void
docin_free(struct docin *d)
{
	cp_rec_free(d->rec);
	cp_buf_free(&d->raw);
	cp_buf_free(&d->id);
}

/* "claimpipe: FILE:LINE[:COL]: what", to the report hook or stderr. */
static int
report(struct docin *d, const char *file, long lineno, long col,
    const char *what)
{
	char msg[1400];

	if (d->report == NULL) {
		cli_warn(file, lineno, col, "%s", what);
		return 0;
	}
	return d->report(d->arg, msg, cli_warn_line(msg, sizeof(msg), file,
	    lineno, col, what));
}

/* Report a rejected input line and keep it. */
static int
reject(struct docin *d, const char *file, long lineno, const char *line,
    size_t len, long col, const char *why)
{
	char what[700];
	int rc;

	snprintf(what, sizeof(what), "%s, line skipped", why);
	if ((rc = report(d, file, lineno, col, what)) != 0)
		return rc;
	d->docs_in++;
	d->rejected++;
	if (d->rc < CLI_SKIPPED)
		d->rc = CLI_SKIPPED;
	if (d->rejects != NULL && (fwrite(line, 1, len, d->rejects) != len ||
	    fputc('\n', d->rejects) == EOF)) {
		cli_msg("%s: %s", d->rejects_name, strerror(errno));
		d->rejects = NULL;
		d->rc = CLI_FATAL;
	}
	return 0;
}

static int
give(struct docin *d, const char *text, size_t len, const struct cp_rec *rest,
    const char *file, long lineno)
{
	struct docin_doc doc;

	d->docs_in++;
	d->bytes_in += len;
	doc.id = d->id.data ? d->id.data : "";
	doc.idlen = d->id.len;
	doc.text = text;
	doc.len = len;
	doc.rest = rest;
	doc.file = file;
	doc.line = lineno;
	return d->sink(d->arg, &doc);
}

/* One JSONL line. */
static int
jsonl_line(struct docin *d, const char *file, long lineno, const char *line,
    size_t len)
{
	struct cp_diag dg;
	struct cp_rec *r = d->rec;
	const char *text;
	size_t tlen, i;
	char why[600];
	int rc;

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r'); i++)
		;
	if (i == len)
		return 0;	/* a blank line holds no document */
	cp_diag_clear(&dg);
	rc = cp_rec_parse(r, line, len, &dg);
	if (rc == CP_ENOMEM)
		return rc;
	if (rc != 0) {
		return reject(d, file, lineno, line, len, dg.col, dg.msg);
	}
	cp_buf_reset(&d->id);
	rc = cp_rec_text(r, d->id_field, &d->id);
	if (rc == -1) {
		/* No id: name the document by its place in the input. */
		snprintf(why, sizeof(why), "%s:%ld", file, lineno);
		rc = cp_buf_puts(&d->id, why);
	}
	if (rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "field '%s' is not a string or an "
		    "integer", d->id_field);
		return reject(d, file, lineno, line, len, 0, why);
	}
	if (rc == 0)
		rc = cp_rec_str(r, d->text_field, &text, &tlen);
	if (rc == -1 || rc == CP_EINPUT) {
		snprintf(why, sizeof(why), "field '%s' %s", d->text_field,
		    rc == -1 ? "is missing" : "is not a string");
		return reject(d, file, lineno, line, len, 0, why);
	}
	if (rc == 0 && !d->clash_warned &&
	    ((strcmp(d->id_field, "doc") != 0 && cp_rec_has(r, "doc")) ||
	    (strcmp(d->text_field, "map") != 0 && cp_rec_has(r, "map")) ||
	    (strcmp(d->text_field, "text") != 0 && cp_rec_has(r, "text")) ||
	    cp_rec_has(r, "type"))) {
		d->clash_warned = 1;
		rc = report(d, file, lineno, 0, "input keys named type, doc, "
		    "text or map clash with the doc record's own and are "
		    "dropped");
	}
	if (rc == 0)
		rc = give(d, text, tlen, r, file, lineno);
	return rc;
}

/* One operand; returns 0 or a fatal code. */
static int
input(struct docin *d, const char *path)
{
	struct cp_lines *lines;
	const char *line, *file = cli_name(path);
	size_t len;
	FILE *fp;
	int rc = 0, got;

	if ((fp = cli_input_open(path)) == NULL) {
		d->rc = CLI_SKIPPED;
		return 0;
	}
	if (d->jsonl) {
		if ((lines = cp_lines_new(fp)) == NULL)
			rc = CP_ENOMEM;
		while (rc == 0 && (got = cp_lines_next(lines, &line, &len)) != 0) {
			if (got < 0) {
				rc = got;
				break;
			}
			rc = jsonl_line(d, file, cp_lines_lineno(lines), line,
			    len);
		}
		cp_lines_free(lines);
	} else {
		cp_buf_reset(&d->raw);
		rc = cp_slurp(fp, &d->raw);
		cp_buf_reset(&d->id);
		if (rc == 0)
			rc = cp_buf_puts(&d->id, strcmp(path, "-") == 0 ?
			    d->stdin_id : path);
		if (rc == 0)
			rc = give(d, d->raw.data ? d->raw.data : "", d->raw.len,
			    NULL, file, 0);
	}
	if (rc == CP_EIO && (d->out == NULL || d->out->err == 0)) {
		/* A read error skips the rest of this input, not the run;
		 * a write error (the output's) ends the run. */
		cli_msg("%s: %s", file, strerror(errno));
		d->rc = CLI_SKIPPED;
		rc = 0;
	}
	cli_input_close(fp);
	return rc;
}

int
docin_run(struct docin *d, char **paths)
{
	size_t i;
	int rc = 0;

	if (d->rec == NULL && (d->rec = cp_rec_new()) == NULL)
		return CP_ENOMEM;
	for (i = 0; paths[i] != NULL && rc == 0; i++)
		rc = input(d, paths[i]);
	return rc;
}
