/*
 * recin.h -- the record stream of a stage that reads JSON Lines.
 *
 * split and extract read records line by line: a record of the type the
 * stage consumes goes to its sink, any other record passes through (as
 * it came, with an LF line end), and a line that is no record is
 * reported, kept with --rejects, and makes the exit status 1.  Every
 * record that comes in is written or reported.
 *
 * Command code: it prints its reports, like cli.c.
 */
#ifndef CP_RECIN_H
#define CP_RECIN_H

#include <stdio.h>

#include "cp.h"
#include "io.h"
#include "record.h"

struct recin {
	/* set by the caller */
	const char	*type;		/* the type the stage consumes */
	int		(*sink)(void *, const char *line, size_t len);
	void		*arg;
	struct cp_out	*out;
	FILE		*rejects;
	const char	*rejects_name;
	/* state: the record being read, and where it came from */
	struct cp_rec	*rec;
	const char	*file;
	long		 line;
	int		 rc;		/* CLI_OK, CLI_SKIPPED, CLI_FATAL */
	unsigned long	 lines, passed, rejected;
};

/*
 * Read every operand (NULL-terminated, from cli_paths()).  The sink gets
 * each record of the consumed type, parsed in in->rec.  Returns 0 or the
 * first fatal code.
 */
int	recin_run(struct recin *, char **paths);

/* Report the current line as rejected, with col (0: none) and why. */
void	recin_reject(struct recin *, const char *line, size_t len, long col,
	    const char *why);

/* Write an input line through as it came, but with an LF line end. */
int	recin_put_line(struct recin *, const char *line, size_t len);

void	recin_free(struct recin *);

#endif /* CP_RECIN_H */
