/*
 * cli.c -- helpers shared by the subcommands (see cli.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp.h"
#include "io.h"
#include "cli.h"
#include "match.h"
#include "rules.h"

void
cli_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("claimpipe: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cli_warn(const char *file, long line, long col, const char *fmt, ...)
{
	char msg[4096], buf[4400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fwrite(buf, 1, cli_warn_line(buf, sizeof(buf), file, line, col, msg),
	    stderr);
}

size_t
cli_warn_line(char *buf, size_t size, const char *file, long line, long col,
    const char *msg)
{
	int n;

	if (file == NULL)
		n = snprintf(buf, size, "claimpipe: %s\n", msg);
	else if (line > 0 && col > 0)
		n = snprintf(buf, size, "claimpipe: %s:%ld:%ld: %s\n", file,
		    line, col, msg);
	else if (line > 0)
		n = snprintf(buf, size, "claimpipe: %s:%ld: %s\n", file, line,
		    msg);
	else
		n = snprintf(buf, size, "claimpipe: %s: %s\n", file, msg);
	if (n < 0)
		n = 0;
	if ((size_t)n >= size) {
		n = (int)size - 1;
		buf[n - 1] = '\n';
	}
	return (size_t)n;
}

int
cli_rejects_open(const char *name, FILE **fp)
{
	*fp = NULL;
	if (name != NULL && (*fp = fopen(name, "w")) == NULL) {
		cli_msg("%s: %s", name, strerror(errno));
		return CLI_FATAL;
	}
	return 0;
}

int
cli_rejects_close(FILE *fp, const char *name, int rc)
{
	if (fp != NULL && fclose(fp) != 0) {
		cli_msg("%s: %s", name, strerror(errno));
		return CLI_FATAL;
	}
	return rc;
}

int
cli_color(const char *when)
{
	if (strcmp(when, "always") == 0)
		return 1;
	if (strcmp(when, "never") == 0)
		return 0;
	if (strcmp(when, "auto") == 0)
		return -1;
	return -2;
}

int
cli_color_on(int color, int fd)
{
	const char *nc;

	if (color >= 0)
		return color;
	return isatty(fd) && ((nc = getenv("NO_COLOR")) == NULL || *nc == '\0');
}

int
cli_usage(const char *synopsis)
{
	fprintf(stderr, "%s", synopsis);
	return CLI_FATAL;
}

const char *
cli_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

FILE *
cli_input_open(const char *path)
{
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return stdin;
	if ((fp = fopen(path, "rb")) == NULL)
		cli_msg("%s: %s", path, strerror(errno));
	return fp;
}

void
cli_input_close(FILE *fp)
{
	if (fp != stdin)
		fclose(fp);
	else
		clearerr(stdin);
}

int
cli_finish(struct cp_out *o, int rc)
{
	int err = cp_out_close(o);

	if (err == CP_EPIPE)
		return rc;
	if (err == 0 && fclose(stdout) != 0) {
		/* The close itself can be where a full disk shows. */
		if (errno == EPIPE)
			return rc;
		o->saved_errno = errno;
		err = CP_EIO;
	}
	if (err != 0) {
		cli_msg("stdout: %s", strerror(o->saved_errno));
		return CLI_FATAL;
	}
	return rc;
}

int
cli_done(void)
{
	if (fclose(stdout) != 0 && errno != EPIPE) {
		cli_msg("stdout: %s", strerror(errno));
		return CLI_FATAL;
	}
	return CLI_OK;
}

int
cli_number(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

struct paths {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static int
add(struct paths *p, const char *s)
{
	char **v;

	if (p->n + 1 >= p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		if ((v = realloc(p->v, p->cap * sizeof(*v))) == NULL)
			return -1;
		p->v = v;
	}
	if ((p->v[p->n] = strdup(s)) == NULL)
		return -1;
	p->v[++p->n] = NULL;
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the regular files below dir, sorted; returns -1 on ENOMEM. */
static int
walk(struct paths *p, const char *dir, int *bad)
{
	struct paths names = { NULL, 0, 0 };
	struct dirent *de;
	struct stat st;
	char *path;
	size_t i, len;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		cli_msg("%s: %s", dir, strerror(errno));
		*bad = 1;
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* hidden, and . and .. */
		if (add(&names, de->d_name) != 0) {
			rc = -1;
			break;
		}
	}
	closedir(d);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(*names.v), cmp);
	for (i = 0; rc == 0 && i < names.n; i++) {
		len = strlen(dir);
		if ((path = malloc(len + strlen(names.v[i]) + 2)) == NULL) {
			rc = -1;
			break;
		}
		sprintf(path, "%s%s%s", dir,
		    len > 0 && dir[len - 1] == '/' ? "" : "/", names.v[i]);
		/* Links to files are read; links to folders are not
		 * followed, so a link back up cannot loop (find -P; test
		 * normalize/dir-symlink). */
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		    stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			;
		else if (stat(path, &st) != 0) {
			cli_msg("%s: %s", path, strerror(errno));
			*bad = 1;
		} else if (S_ISDIR(st.st_mode))
			rc = walk(p, path, bad);
		else if (S_ISREG(st.st_mode))
			rc = add(p, path);
		free(path);
	}
	cli_paths_free(names.v);
	return rc;
}

char **
cli_paths(int argc, char **argv, int *bad)
{
	struct paths p = { NULL, 0, 0 };
	struct stat st;
	int i;

	*bad = 0;
	if (argc == 0 && add(&p, "-") != 0)
		goto fail;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (walk(&p, argv[i], bad) != 0)
				goto fail;
		} else if (add(&p, argv[i]) != 0)
			goto fail;
	}
	/* Only empty directories: an empty list, not a NULL. */
	if (p.v == NULL && (p.v = calloc(1, sizeof(*p.v))) == NULL)
		goto fail;
	return p.v;
fail:
	cli_paths_free(p.v);
	return NULL;
}

void
cli_paths_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

void
cli_diags(const struct cp_diags *d)
{
	const struct cp_diag *x;
	size_t i;

	for (i = 0; i < d->n; i++) {
		x = &d->v[i];
		cli_warn(x->file[0] ? x->file : NULL, x->line, x->col,
		    "%s%s%s%s%s", x->warning ? "warning: " : "",
		    x->rule[0] ? "rule " : "", x->rule, x->rule[0] ? ": " : "",
		    x->msg);
	}
}

static int
add_pack(struct cp_rules *r, const char *path, struct cp_diags *d)
{
	struct stat st;
	int rc;

	if (stat(path, &st) != 0 && strchr(path, '/') == NULL &&
	    (rc = cp_rules_add_builtin(r, path, d)) != 1)
		return rc;
	return cp_rules_add_path(r, path, d);
}

int
cli_rules_load(char **paths, size_t n, struct cp_diags *d,
    struct cp_rules **rules)
{
	struct cp_rules *r;
	char *env = getenv("CLAIMPIPE_RULES"), *copy = NULL, *p, *save;
	size_t i;
	int rc = 0, rc2;

	if ((*rules = r = cp_rules_new()) == NULL)
		return CP_ENOMEM;
	if (n > 0) {
		for (i = 0; i < n && rc != CP_ENOMEM; i++)
			if ((rc2 = add_pack(r, paths[i], d)) != 0)
				rc = rc2;
	} else if (env != NULL && *env != '\0') {
		if ((copy = strdup(env)) == NULL)
			return CP_ENOMEM;
		for (p = strtok_r(copy, ":", &save); p != NULL &&
		    rc != CP_ENOMEM; p = strtok_r(NULL, ":", &save))
			if ((rc2 = add_pack(r, p, d)) != 0)
				rc = rc2;
		free(copy);
	} else
		rc = cp_rules_add_builtin(r, "en", d);
	if (rc == 0)
		rc = cp_rules_finish(r, d);
	return rc;
}

int
cli_rules(char **paths, size_t n, struct cp_rules **rules,
    struct cp_matcher **m)
{
	struct cp_diags d = { 0 };
	int rc;

	*m = NULL;
	rc = cli_rules_load(paths, n, &d, rules);
	if (rc == 0)
		rc = cp_matcher_new(*rules, &d, m);
	cli_diags(&d);
	cp_diags_free(&d);
	if (rc == 0)
		return 0;
	cli_msg(rc == CP_ENOMEM ? "out of memory loading the rules" :
	    "the rules have errors; nothing was read");
	cp_rules_free(*rules);
	*rules = NULL;
	return CLI_FATAL;
}

void
cli_rules_free(struct cp_rules *r, struct cp_matcher *m)
{
	cp_matcher_free(m);
	cp_rules_free(r);
}
