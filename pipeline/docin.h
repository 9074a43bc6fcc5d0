/*
 * docin.h -- the documents of a run's operands, as normalize reads them.
 *
 * A document is a whole file, all of stdin, or (with jsonl) one JSON
 * object per input line holding an id field and a text field.  docin
 * walks the operands, names each document (the path as given, the stdin
 * id, the id field, or FILE:LINE), reports and keeps (--rejects) the
 * lines that hold no document, and hands every document to a sink.
 * normalize's sink writes a doc record; run's sends it down the pipeline.
 *
 * Command code: it prints its reports, like cli.c.
 */
#ifndef CP_DOCIN_H
#define CP_DOCIN_H

#include <stdio.h>

#include "cp.h"
#include "buf.h"
#include "io.h"
#include "record.h"

struct docin_doc {
	const char		*id;
	size_t			 idlen;
	const char		*text;	/* the original bytes */
	size_t			 len;
	const struct cp_rec	*rest;	/* the JSONL record, or NULL */
	const char		*file;	/* display name of the operand */
	long			 line;	/* JSONL line, 0 for a whole file */
};

struct docin {
	/* options, set by the caller */
	int			 jsonl;
	const char		*id_field;	/* default "id" */
	const char		*text_field;	/* default "text" */
	const char		*stdin_id;	/* default "-" */
	FILE			*rejects;
	const char		*rejects_name;
	int			(*sink)(void *, const struct docin_doc *);
	/* Where the reports on the input go: a whole line, newline
	 * included, for the caller to write in its order; NULL: stderr.
	 * Returns 0 or a fatal code. */
	int			(*report)(void *, const char *, size_t);
	void			*arg;
	const struct cp_out	*out;	/* a write error there ends the run */
	/* state and counts */
	struct cp_rec		*rec;
	struct cp_buf		 raw;
	struct cp_buf		 id;
	int			 clash_warned;
	int			 rc;		/* CLI_OK, CLI_SKIPPED, CLI_FATAL */
	unsigned long		 docs_in;	/* documents seen, rejected included */
	unsigned long		 rejected;
	unsigned long long	 bytes_in;	/* bytes of accepted documents */
};

/* Set the defaults (allocates nothing); returns 0. */
int	docin_init(struct docin *);

/*
 * Read every operand in paths (NULL-terminated, from cli_paths()) and
 * give each document to the sink.  Returns 0, or the first fatal code
 * (CP_ENOMEM, a sink's error); read errors are reported and skip the
 * rest of that operand.
 */
int	docin_run(struct docin *, char **paths);

void	docin_free(struct docin *);

#endif /* CP_DOCIN_H */
