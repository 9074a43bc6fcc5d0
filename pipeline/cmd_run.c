/*
 * cmd_run.c -- claimpipe run: normalize, split and extract in one process.
 *
 * Each document goes through the three stages in memory, with no JSON in
 * between, and comes out as exactly the bytes the chain
 *
 *	claimpipe normalize OPTS | claimpipe split | claimpipe extract -R ...
 *
 * writes.  With -j N, N worker threads take batches of documents from a
 * ring of 2N; the main thread reads documents into the batches and
 * writes the finished ones strictly in input order, so the output is the
 * same for every N, and memory holds at most the ring's batches however
 * large the input.  Diagnostics are written in input order too: those
 * about a document with it, a report on a line docin rejects in its
 * place among the documents.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cp.h"
#include "buf.h"
#include "norm.h"
#include "omap.h"
#include "record.h"
#include "rules.h"
#include "match.h"
#include "sent.h"
#include "extract.h"
#include "fmt.h"
#include "io.h"
#include "cli.h"
#include "docin.h"
#include "cmds.h"

static const char synopsis[] =
    "usage: claimpipe run [-fHkms] [-i id] [-K folds] [-r file] [-j n]\n"
    "                     [-F format] [-R pack]... [--max-length bytes]\n"
    "                     [--progress | --no-progress] [--color=when]\n"
    "                     [-J [-I field] [-T field]] [file ...]\n";

enum { J_FREE, J_READY, J_BUSY, J_DONE };

/* A document as docin gave it, copied for a worker; or docin's report
 * on a line it rejected, kept in its place in the input. */
struct doc {
	int		 report;	/* text is a report for stderr */
	struct cp_buf	 id;
	struct cp_buf	 text;
	struct cp_buf	 line;		/* the JSONL line, for its other keys */
	int		 has_rest;
	const char	*file;
	long		 lineno;
};

/*
 * A job is a batch of documents in input order: workers take whole jobs,
 * so the lock and the wake-ups are paid once per batch, not per
 * document.  A batch is handed over when it holds JOB_BYTES of text or
 * JOB_DOCS documents, or at once when a worker has nothing to do (so a
 * slow input stream is not held back to fill a batch).
 */
#define JOB_BYTES	(32 * 1024)
#define JOB_DOCS	256

struct job {
	int		 state;
	struct doc	*doc;
	size_t		 ndoc, capdoc;
	size_t		 ndocs;		/* doc[] less reports */
	size_t		 bytes;		/* input bytes, for --progress */
	struct cp_buf	 out;
	struct cp_buf	 err;
	struct cp_buf	 sources;	/* source texts, NUL-terminated each */
	unsigned long	 sents, claims, hedged, unsourced, cut, warnings;
	unsigned long	 kind[3];	/* named, anonymous, pronoun */
	int		 fatal;		/* CP_ENOMEM while processing */
};

struct run;

struct worker {
	struct run	*r;
	pthread_t	 th;
	struct cp_norm	*norm;
	struct cp_mctx	*x;
	struct cp_extract *e;
	struct cp_rec	*rec;
	struct cp_xresult res;
	struct cp_buf	 text;
	struct cp_buf	 st;		/* a sentence, line breaks as spaces */
	struct cp_buf	 claims;	/* JSONL, before --format */
	struct cp_omap	 map;
	struct cp_omap	 smap;
	struct cp_sents	 ss;
	struct job	*job;		/* for the normalizer's warnings */
	struct doc	*doc;
	size_t		 line_off;
	long		 line_at;
	struct fmt	*fmt;
};

struct srccount {
	char		*text;
	unsigned long	 n;
};

struct run {
	struct docin	 in;
	struct cp_out	 out;
	struct cp_norm_opts no;
	const struct cp_rules *rules;
	const struct cp_matcher *m;
	size_t		 maxlen;
	int		 format;
	int		 color;
	int		 stats;
	int		 progress;
	/* workers and the ring */
	struct worker	*w;
	size_t		 nw;
	struct job	*ring;
	size_t		 nring;
	size_t		 head, tail, next;	/* write, fill, process */
	struct job	*fill;		/* the batch being filled, or NULL */
	size_t		 waiting;	/* workers waiting for a job */
	int		 closing;
	pthread_mutex_t	 mu;
	pthread_cond_t	 work;
	pthread_cond_t	 done;
	int		 err;		/* first fatal error */
	/* counts */
	unsigned long	 docs, sents, claims, hedged, unsourced, cut, warnings;
	unsigned long	 kind[3];
	struct srccount	*src;
	size_t		 nsrc, capsrc;
	/* progress */
	unsigned long long total, done_bytes;
	struct timespec	 t0, last;
};

static void
help(void)
{
	printf("%s\n"
"Run normalize, split and extract on the documents in one process and\n"
"write the claim records: the same bytes as the chain of the three\n"
"commands with the same options, faster.  A directory stands for the\n"
"regular files below it, in sorted order.\n"
"\n"
"normalize's options: -f, -H, -I, -i, -J, -K, -k, -m, -r, -T (see\n"
"claimpipe normalize --help).  Also:\n"
"\n"
"      --color=WHEN        with --format text: auto, always or never\n"
"  -F, --format FORMAT     jsonl (default), tsv or text (as claimpipe format)\n"
"  -h, --help              print this help and exit\n"
"  -j, --jobs N            worker threads (default: the number of cores);\n"
"                          the output is the same for every N\n"
"      --max-length BYTES  split's maximum sentence length (default %u)\n"
"      --progress          bytes and documents done, MB/s and ETA on stderr\n"
"                          (the default when stderr is a terminal)\n"
"      --no-progress       no progress line\n"
"  -R, --rules PACK        a rule pack, as for extract; repeatable\n"
"  -s, --stats             a summary on stderr at the end\n"
"  -V, --version           print the version and exit\n"
"\n" CLI_EXIT_HELP, synopsis, CP_SENT_MAX);
}

/* ---- one document ------------------------------------------------------ */

static void
errf(struct job *j, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "claimpipe: file:line: message" into the job's diagnostics. */
static void
errf(struct job *j, const char *file, long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cp_buf_puts(&j->err, "claimpipe: ") != 0 ||
	    cp_buf_puts(&j->err, file) != 0 ||
	    (line > 0 && (cp_buf_putc(&j->err, ':') != 0 ||
	    cp_buf_putu(&j->err, (unsigned long long)line) != 0)) ||
	    cp_buf_puts(&j->err, ": ") != 0 || cp_buf_puts(&j->err, msg) ||
	    cp_buf_putc(&j->err, '\n') != 0)
		j->fatal = CP_ENOMEM;
}

/* normalize's warnings, worded as normalize words them */
static void
on_warn(void *arg, const struct cp_norm_warning *w)
{
	struct worker *wk = arg;
	struct job *j = wk->job;
	const struct doc *d = wk->doc;
	const char *p;

	j->warnings++;
	if (w->more > 0) {
		if (d->lineno)
			errf(j, d->file, d->lineno, "document '%s': %lu %s",
			    d->id.data, w->more, w->msg);
		else
			errf(j, d->file, 0, "%lu %s", w->more, w->msg);
	} else if (d->lineno > 0)
		errf(j, d->file, d->lineno, "document '%s': %s at byte %zu",
		    d->id.data, w->msg, w->offset);
	else {
		if (w->offset < wk->line_off) {
			wk->line_off = 0;
			wk->line_at = 1;
		}
		for (p = d->text.data + wk->line_off; p < d->text.data +
		    w->offset; p++)
			if (*p == '\n')
				wk->line_at++;
		wk->line_off = w->offset;
		errf(j, d->file, wk->line_at, "%s at byte %zu", w->msg,
		    w->offset);
	}
}

static int
count_source(struct job *j, const struct cp_xclaim *c, const char *st)
{
	if (!c->has_source)
		return 0;
	j->kind[strcmp(c->kind, "anonymous") == 0 ? 1 :
	    strcmp(c->kind, "pronoun") == 0 ? 2 : 0]++;
	/* a quotation's further sentences are the same attribution */
	if (strcmp(c->kind, "named") != 0 || c->cont)
		return 0;
	if (cp_buf_put(&j->sources, st + c->source.start, c->source.end -
	    c->source.start) != 0 || cp_buf_putc(&j->sources, '\0') != 0)
		return CP_ENOMEM;
	return 0;
}

/* Normalize, split and extract one document into its job. */
static int
process_doc(struct worker *wk, struct job *j, struct doc *dc)
{
	struct run *r = wk->r;
	const char *skip[3];
	const struct cp_rec *rest = NULL;
	struct cp_diag d;
	struct cp_span sp;
	const struct cp_sent *s;
	char num[24];
	size_t i, k, rule, n;
	int rc;

	skip[0] = r->in.id_field;
	skip[1] = r->in.text_field;
	skip[2] = NULL;
	if (dc->has_rest) {
		cp_diag_clear(&d);
		if ((rc = cp_rec_parse(wk->rec, dc->line.data, dc->line.len,
		    &d)) != 0)
			return rc == CP_ENOMEM ? rc : CP_EINPUT;
		rest = wk->rec;
	}
	wk->job = j;
	wk->doc = dc;
	wk->line_off = 0;
	wk->line_at = 1;
	if ((rc = cp_norm_run(wk->norm, dc->text.data ? dc->text.data : "",
	    dc->text.len, &wk->text, &wk->map)) != 0 || j->fatal)
		return rc ? rc : j->fatal;
	cp_extract_reset(wk->e);
	if ((rc = cp_sent_split(wk->x, wk->text.data ? wk->text.data : "",
	    wk->text.len, &wk->map, r->maxlen, &wk->ss)) != 0)
		return rc;
	if ((n = cp_mctx_limited(wk->x, &rule)) > 0)
		errf(j, dc->file, dc->lineno, "document '%s': abbreviation rules "
		    "hit a match limit %zu time%s (the last: %s) and were "
		    "skipped there", dc->id.data, n, n > 1 ? "s" : "",
		    r->rules->rule[rule].qid);
	cp_buf_reset(&wk->claims);
	for (i = 0; i < wk->ss.n; i++) {
		s = &wk->ss.v[i];
		if ((rc = cp_omap_slice(&wk->map, s->start, s->end,
		    &wk->smap)) != 0)
			return rc;
		if (s->cut)
			errf(j, dc->file, dc->lineno, "document '%s': sentence "
			    "%zu reached %zu bytes and was cut at original "
			    "byte %zu", dc->id.data, i, r->maxlen,
			    cp_omap_span(&wk->map, s->start, s->end).end);
		j->cut += s->cut != 0;
		if ((rc = cp_sent_text(&wk->st, wk->text.data, s)) != 0)
			return rc;
		if ((rc = cp_extract_run(wk->e, wk->x, dc->id.data, dc->id.len,
		    wk->st.data, wk->st.len, &wk->smap, 0, &wk->res)) != 0)
			return rc;
		if (wk->res.n > 0)	/* for the records of its claims */
			snprintf(num, sizeof(num), "%zu", i);
		if (r->format == FMT_TEXT && wk->res.n > 0) {
			/* the sentence, for the text rendering, with its
			 * span and map to place the roles by */
			sp = cp_omap_span(&wk->map, s->start, s->end);
			if (cp_buf_puts(&wk->claims, "{\"type\":\"sentence\","
			    "\"doc\":") != 0 || cp_json_str(&wk->claims,
			    dc->id.data, dc->id.len) != 0 ||
			    cp_buf_puts(&wk->claims, ",\"sent\":") != 0 ||
			    cp_buf_puts(&wk->claims, num) != 0 ||
			    cp_buf_puts(&wk->claims, ",\"span\":[") != 0 ||
			    cp_buf_putu(&wk->claims, sp.start) != 0 ||
			    cp_buf_putc(&wk->claims, ',') != 0 ||
			    cp_buf_putu(&wk->claims, sp.end) != 0 ||
			    cp_buf_puts(&wk->claims, "],\"text\":") != 0 ||
			    cp_json_str(&wk->claims, wk->st.data, wk->st.len) ||
			    cp_buf_puts(&wk->claims, ",\"map\":") != 0 ||
			    cp_json_map(&wk->claims, &wk->smap) != 0 ||
			    cp_buf_puts(&wk->claims, "}\n") != 0)
				return CP_ENOMEM;
		}
		for (k = 0; k < wk->res.n; k++) {
			if ((rc = cp_extract_write(&wk->claims, wk->e, &wk->res,
			    k, dc->id.data, dc->id.len, num, strlen(num),
			    wk->st.data, &wk->smap, rest, skip)) != 0 ||
			    (rc = count_source(j, &wk->res.c[k],
			    wk->st.data)) != 0)
				return rc;
			j->claims++;
			j->hedged += wk->res.c[k].nhedge > 0;
			j->unsourced += !wk->res.c[k].has_source;
		}
		if ((n = cp_mctx_limited(wk->x, &rule)) > 0)
			errf(j, dc->file, dc->lineno, "document '%s', sentence "
			    "%zu: rules hit a match limit %zu time%s (the "
			    "last: %s) and were skipped there", dc->id.data, i,
			    n, n > 1 ? "s" : "", r->rules->rule[rule].qid);
	}
	j->sents += wk->ss.n;
	if (r->format == FMT_JSONL)
		rc = cp_buf_put(&j->out, wk->claims.data, wk->claims.len);
	else
		rc = fmt_records(wk->fmt, wk->claims.data, wk->claims.len,
		    &j->out);
	return rc != 0 ? rc : j->fatal;
}

/* Every document of a job, in order. */
static int
process(struct worker *wk, struct job *j)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < j->ndoc && rc == 0; i++)
		rc = j->doc[i].report ? cp_buf_put(&j->err,
		    j->doc[i].text.data, j->doc[i].text.len) :
		    process_doc(wk, j, &j->doc[i]);
	return rc;
}

/* ---- the ring ------------------------------------------------------------ */

static void
job_clear(struct job *j)
{
	cp_buf_reset(&j->out);
	cp_buf_reset(&j->err);
	cp_buf_reset(&j->sources);
	j->ndoc = j->ndocs = 0;
	j->bytes = 0;
	j->sents = j->claims = j->hedged = j->unsourced = j->cut = 0;
	j->warnings = 0;
	memset(j->kind, 0, sizeof(j->kind));
	j->fatal = 0;
}

static void
job_free(struct job *j)
{
	size_t i;

	for (i = 0; i < j->capdoc; i++) {
		cp_buf_free(&j->doc[i].id);
		cp_buf_free(&j->doc[i].text);
		cp_buf_free(&j->doc[i].line);
	}
	free(j->doc);
	cp_buf_free(&j->out);
	cp_buf_free(&j->err);
	cp_buf_free(&j->sources);
}

static void *
work(void *arg)
{
	struct worker *wk = arg;
	struct run *r = wk->r;
	struct job *j;
	int rc;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (r->next == r->tail && !r->closing) {
			r->waiting++;
			pthread_cond_wait(&r->work, &r->mu);
			r->waiting--;
		}
		if (r->next == r->tail)
			break;
		j = &r->ring[r->next++ % r->nring];
		j->state = J_BUSY;
		pthread_mutex_unlock(&r->mu);
		rc = process(wk, j);
		pthread_mutex_lock(&r->mu);
		if (rc != 0)
			j->fatal = rc;
		j->state = J_DONE;
		pthread_cond_broadcast(&r->done);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static int
src_add(struct run *r, const char *s)
{
	struct srccount *nv;
	size_t i;

	/* a linear list, kept short: only the first 4096 distinct names
	 * are counted (top sources are the frequent ones) */
	for (i = 0; i < r->nsrc; i++)
		if (strcmp(r->src[i].text, s) == 0) {
			r->src[i].n++;
			return 0;
		}
	if (r->nsrc >= 4096)
		return 0;
	if (r->nsrc == r->capsrc) {
		size_t cap = r->capsrc ? 2 * r->capsrc : 64;

		if ((nv = realloc(r->src, cap * sizeof(*nv))) == NULL)
			return CP_ENOMEM;
		r->src = nv;
		r->capsrc = cap;
	}
	if ((r->src[r->nsrc].text = strdup(s)) == NULL)
		return CP_ENOMEM;
	r->src[r->nsrc++].n = 1;
	return 0;
}

static double
secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
show_progress(struct run *r, int final)
{
	struct timespec now;
	double t, mbs;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && secs(&r->last, &now) < 0.5)
		return;
	r->last = now;
	t = secs(&r->t0, &now);
	mbs = t > 0 ? (double)r->done_bytes / 1e6 / t : 0;
	fprintf(stderr, "\rclaimpipe: run: %.1f MB", (double)r->done_bytes /
	    1e6);
	if (r->total > 0)
		fprintf(stderr, " of %.1f MB (%.0f%%)", (double)r->total / 1e6,
		    100.0 * (double)r->done_bytes / (double)r->total);
	fprintf(stderr, ", %lu documents, %.1f MB/s", r->docs, mbs);
	if (r->total > 0 && mbs > 0 && r->done_bytes < r->total)
		fprintf(stderr, ", ETA %.0f s", (double)(r->total -
		    r->done_bytes) / 1e6 / mbs);
	fprintf(stderr, "\033[K");
	if (final)
		fputc('\n', stderr);
}

/* Write a finished job: its diagnostics, then its records. */
static int
emit(struct run *r, struct job *j)
{
	const char *p;
	int rc;

	if (j->fatal == CP_EINPUT) {
		/* cannot happen: docin parsed the line already */
		j->fatal = CP_ENOMEM;
	}
	if (j->fatal)
		return j->fatal;
	if (j->err.len > 0) {
		if (r->progress)
			fputs("\r\033[K", stderr);
		fwrite(j->err.data, 1, j->err.len, stderr);
	}
	if (cp_buf_put(&r->out.buf, j->out.data, j->out.len) != 0)
		return CP_ENOMEM;
	r->docs += j->ndocs;
	r->sents += j->sents;
	r->claims += j->claims;
	r->hedged += j->hedged;
	r->unsourced += j->unsourced;
	r->cut += j->cut;
	r->warnings += j->warnings;
	r->kind[0] += j->kind[0];
	r->kind[1] += j->kind[1];
	r->kind[2] += j->kind[2];
	r->done_bytes += j->bytes;
	if (r->stats)
		for (p = j->sources.data; p != NULL && p < j->sources.data +
		    j->sources.len; p += strlen(p) + 1)
			if ((rc = src_add(r, p)) != 0)
				return rc;
	if (r->progress)
		show_progress(r, 0);
	return cp_out_flush(&r->out, 0);
}

/* The next free entry of job j, emptied; NULL when out of memory. */
static struct doc *
new_doc(struct job *j)
{
	struct doc *dc, *nv;
	size_t cap;

	if (j->ndoc == j->capdoc) {
		cap = j->capdoc ? 2 * j->capdoc : 8;
		if ((nv = realloc(j->doc, cap * sizeof(*nv))) == NULL)
			return NULL;
		memset(nv + j->capdoc, 0, (cap - j->capdoc) * sizeof(*nv));
		j->doc = nv;
		j->capdoc = cap;
	}
	dc = &j->doc[j->ndoc];
	dc->report = 0;
	cp_buf_reset(&dc->id);
	cp_buf_reset(&dc->text);
	cp_buf_reset(&dc->line);
	return dc;
}

/* Append d to job j. */
static int
copy_in(struct job *j, const struct docin_doc *d)
{
	struct doc *dc;

	if ((dc = new_doc(j)) == NULL)
		return CP_ENOMEM;
	dc->file = d->file;
	dc->lineno = d->line;
	dc->has_rest = d->rest != NULL;
	if (cp_buf_put(&dc->id, d->id, d->idlen) != 0 ||
	    cp_buf_putc(&dc->id, '\0') != 0 ||
	    cp_buf_put(&dc->text, d->text, d->len) != 0 ||
	    (d->rest != NULL && cp_buf_put(&dc->line, cp_rec_line(d->rest),
	    cp_rec_line_len(d->rest)) != 0))
		return CP_ENOMEM;
	dc->id.len--;
	j->ndoc++;
	j->ndocs++;
	/* progress counts input bytes: the line of a JSONL document */
	j->bytes += d->rest != NULL ? dc->line.len + 1 : d->len;
	return 0;
}

/* Hand the batch being filled to the workers (with r->mu held). */
static void
publish(struct run *r)
{
	r->fill->state = J_READY;
	r->fill = NULL;
	r->tail++;
	pthread_cond_signal(&r->work);
}

/*
 * The batch being filled, with r->mu held: first write the finished
 * batches, in order, and wait for a free slot if the ring is full.
 * NULL after a write error (in *rc).
 */
static struct job *
filling(struct run *r, int *rc)
{
	struct job *j;

	while (r->fill == NULL) {
		while (r->head < r->tail && r->ring[r->head %
		    r->nring].state == J_DONE) {
			j = &r->ring[r->head % r->nring];
			pthread_mutex_unlock(&r->mu);
			*rc = emit(r, j);
			pthread_mutex_lock(&r->mu);
			j->state = J_FREE;
			r->head++;
			if (*rc != 0)
				return NULL;
		}
		if (r->tail - r->head < r->nring) {
			r->fill = &r->ring[r->tail % r->nring];
			job_clear(r->fill);
		} else
			pthread_cond_wait(&r->done, &r->mu);
	}
	return r->fill;
}

/*
 * docin's sink: a document into the batch being filled, the batch to the
 * workers when it is full or one of them waits (or, with one job, the
 * document straight through).
 */
static int
sink(void *arg, const struct docin_doc *d)
{
	struct run *r = arg;
	struct job *j;
	int rc = 0;

	if (r->nw == 0) {
		j = &r->ring[0];
		job_clear(j);
		if ((rc = copy_in(j, d)) == 0)
			rc = process(&r->w[0], j);
		if (rc != 0)
			j->fatal = rc;
		return emit(r, j);
	}
	pthread_mutex_lock(&r->mu);
	if ((j = filling(r, &rc)) != NULL) {
		pthread_mutex_unlock(&r->mu);
		rc = copy_in(j, d);
		pthread_mutex_lock(&r->mu);
		if (rc == 0 && (j->bytes >= JOB_BYTES ||
		    j->ndoc >= JOB_DOCS || r->waiting > r->tail - r->next))
			publish(r);
	}
	pthread_mutex_unlock(&r->mu);
	return rc;
}

/* docin's reports on lines it rejects, with workers: into the batch, so
 * that stderr keeps the input's order. */
static int
report(void *arg, const char *msg, size_t len)
{
	struct run *r = arg;
	struct doc *dc;
	struct job *j;
	int rc = 0;

	pthread_mutex_lock(&r->mu);
	if ((j = filling(r, &rc)) != NULL) {
		if ((dc = new_doc(j)) == NULL ||
		    cp_buf_put(&dc->text, msg, len) != 0)
			rc = CP_ENOMEM;
		else {
			dc->report = 1;
			j->ndoc++;
		}
	}
	pthread_mutex_unlock(&r->mu);
	return rc;
}

/* After the last document: finish and write the rest, stop the workers. */
static int
drain(struct run *r)
{
	struct job *j;
	size_t i;
	int rc = 0;

	pthread_mutex_lock(&r->mu);
	if (r->fill != NULL)
		publish(r);
	r->closing = 1;
	pthread_cond_broadcast(&r->work);
	while (r->head < r->tail) {
		j = &r->ring[r->head % r->nring];
		if (j->state != J_DONE) {
			pthread_cond_wait(&r->done, &r->mu);
			continue;
		}
		pthread_mutex_unlock(&r->mu);
		if (rc == 0)
			rc = emit(r, j);
		pthread_mutex_lock(&r->mu);
		j->state = J_FREE;
		r->head++;
	}
	pthread_mutex_unlock(&r->mu);
	for (i = 0; i < r->nw; i++)
		pthread_join(r->w[i].th, NULL);
	return rc;
}

/* ---- set-up ---------------------------------------------------------------- */

static int
worker_init(struct run *r, struct worker *wk)
{
	struct cp_norm_opts no = r->no;

	wk->r = r;
	no.warn = on_warn;
	no.arg = wk;
	if ((wk->norm = cp_norm_new(&no)) == NULL ||
	    (wk->x = cp_mctx_new(r->m)) == NULL ||
	    (wk->e = cp_extract_new(r->m)) == NULL ||
	    (wk->rec = cp_rec_new()) == NULL ||
	    (r->format != FMT_JSONL && (wk->fmt = fmt_new(r->format,
	    r->color)) == NULL))
		return CP_ENOMEM;
	return 0;
}

static void
worker_free(struct worker *wk)
{
	cp_norm_free(wk->norm);
	cp_mctx_free(wk->x);
	cp_extract_free(wk->e);
	cp_rec_free(wk->rec);
	cp_xresult_free(&wk->res);
	cp_buf_free(&wk->text);
	cp_buf_free(&wk->st);
	cp_buf_free(&wk->claims);
	cp_omap_free(&wk->map);
	cp_omap_free(&wk->smap);
	cp_sents_free(&wk->ss);
	fmt_free(wk->fmt);
}

static int
by_count(const void *a, const void *b)
{
	const struct srccount *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void
print_stats(struct run *r)
{
	size_t i;

	cli_msg("run: documents in %lu: processed %lu, rejected %lu%s; "
	    "sentences %lu (cut %lu); claims %lu: hedged %lu, without a "
	    "source %lu; sources named %lu, anonymous %lu, pronoun %lu; "
	    "warnings %lu", r->in.docs_in, r->docs, r->in.rejected,
	    r->in.docs_in == r->docs + r->in.rejected ? " (all accounted for)" :
	    " (NOT all accounted for)", r->sents, r->cut, r->claims,
	    r->hedged, r->unsourced, r->kind[0], r->kind[1], r->kind[2],
	    r->warnings);
	if (r->nsrc == 0)
		return;
	qsort(r->src, r->nsrc, sizeof(*r->src), by_count);
	fputs("claimpipe: run: top named sources:", stderr);
	for (i = 0; i < r->nsrc && i < 10; i++)
		fprintf(stderr, "%s %s (%lu)", i ? "," : "", r->src[i].text,
		    r->src[i].n);
	fputc('\n', stderr);
}

static unsigned long long
input_size(char **paths)
{
	struct stat st;
	unsigned long long n = 0;
	size_t i;

	for (i = 0; paths[i] != NULL; i++) {
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 ||
		    !S_ISREG(st.st_mode))
			return 0;
		n += (unsigned long long)st.st_size;
	}
	return n;
}

int
cmd_run(int argc, char **argv)
{
	enum { O_MAXLEN = 256, O_PROGRESS, O_NOPROGRESS, O_COLOR };
	static const struct option longopts[] = {
		{ "color",		required_argument,	NULL, O_COLOR },
		{ "colour",		required_argument,	NULL, O_COLOR },
		{ "fold-quotes",	no_argument,		NULL, 'f' },
		{ "format",		required_argument,	NULL, 'F' },
		{ "html",		no_argument,		NULL, 'H' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "id-field",		required_argument,	NULL, 'I' },
		{ "id",			required_argument,	NULL, 'i' },
		{ "jobs",		required_argument,	NULL, 'j' },
		{ "jsonl",		no_argument,		NULL, 'J' },
		{ "keep",		required_argument,	NULL, 'K' },
		{ "nfkc",		no_argument,		NULL, 'k' },
		{ "fix-mojibake",	no_argument,		NULL, 'm' },
		{ "max-length",		required_argument,	NULL, O_MAXLEN },
		{ "no-progress",	no_argument,		NULL, O_NOPROGRESS },
		{ "progress",		no_argument,		NULL, O_PROGRESS },
		{ "rejects",		required_argument,	NULL, 'r' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "stats",		no_argument,		NULL, 's' },
		{ "text-field",		required_argument,	NULL, 'T' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cp_rules *rules;
	struct cp_matcher *m;
	struct run r;
	char **paths = NULL, **packs, bad[64];
	size_t npacks = 0, i, nstarted = 0;
	long n, jobs = -1;
	int c, badpath, rc = 0, progress = -1, color = -1;

	memset(&r, 0, sizeof(r));
	r.maxlen = CP_SENT_MAX;
	r.format = FMT_JSONL;
	if ((packs = calloc((size_t)argc + 1, sizeof(*packs))) == NULL ||
	    docin_init(&r.in) != 0) {
		free(packs);
		cli_msg("out of memory");
		return CLI_FATAL;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "fF:HhI:i:j:JK:kmR:r:sT:V",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			r.no.flags |= CP_NORM_FOLD_QUOTES;
			break;
		case 'F':
			if ((r.format = fmt_parse(optarg)) < 0) {
				cli_msg("run: --format is jsonl, tsv or text, "
				    "not '%s'", optarg);
				goto usage;
			}
			break;
		case 'H':
			r.no.flags |= CP_NORM_HTML;
			break;
		case 'h':
			free(packs);
			docin_free(&r.in);
			help();
			return cli_done();
		case 'I':
			r.in.id_field = optarg;
			break;
		case 'i':
			r.in.stdin_id = optarg;
			break;
		case 'j':
			if (cli_number(optarg, 1, 256, &n) != 0) {
				cli_msg("run: --jobs wants a number from 1 to "
				    "256, not '%s'", optarg);
				goto usage;
			}
			jobs = n;
			break;
		case 'J':
			r.in.jsonl = 1;
			break;
		case 'K':
			if (cp_norm_keep_parse(optarg, &r.no.flags, bad,
			    sizeof(bad)) != 0) {
				cli_msg("run: unknown fold '%s' (folds: %s)",
				    bad, cp_norm_fold_names);
				goto usage;
			}
			break;
		case 'k':
			r.no.flags |= CP_NORM_NFKC;
			break;
		case 'm':
			r.no.flags |= CP_NORM_MOJIBAKE;
			break;
		case 'R':
			packs[npacks++] = optarg;
			break;
		case 'r':
			r.in.rejects_name = optarg;
			break;
		case 's':
			r.stats = 1;
			break;
		case 'T':
			r.in.text_field = optarg;
			break;
		case 'V':
			free(packs);
			docin_free(&r.in);
			printf("claimpipe %s\n", CP_VERSION);
			return cli_done();
		case O_MAXLEN:
			if (cli_number(optarg, 64, 1L << 30, &n) != 0) {
				cli_msg("run: --max-length wants a number of "
				    "bytes from 64 to %ld, not '%s'", 1L << 30,
				    optarg);
				goto usage;
			}
			r.maxlen = (size_t)n;
			break;
		case O_PROGRESS:
			progress = 1;
			break;
		case O_NOPROGRESS:
			progress = 0;
			break;
		case O_COLOR:
			if ((color = cli_color(optarg)) == -2) {
				cli_msg("run: --color wants auto, always or "
				    "never, not '%s'", optarg);
				goto usage;
			}
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (!r.in.jsonl && (r.in.rejects_name != NULL ||
	    strcmp(r.in.id_field, "id") || strcmp(r.in.text_field, "text"))) {
		cli_msg("run: --id-field, --text-field and --rejects need "
		    "--jsonl");
		goto usage;
	}
	if (strcmp(r.in.id_field, r.in.text_field) == 0) {
		cli_msg("run: --id-field and --text-field are both '%s'",
		    r.in.id_field);
		goto usage;
	}
	r.color = cli_color_on(color, STDOUT_FILENO);
	r.progress = progress >= 0 ? progress : isatty(STDERR_FILENO);
	if (jobs < 0) {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (n > 256 ? 256 : n) : 1;
	}
	cp_out_init(&r.out, stdout);
	rc = cli_rules(packs, npacks, &rules, &m);
	free(packs);
	packs = NULL;
	if (rc != 0) {
		docin_free(&r.in);
		return rc;
	}
	r.rules = rules;
	r.m = m;
	if (cli_rejects_open(r.in.rejects_name, &r.in.rejects) != 0) {
		cli_rules_free(rules, m);
		docin_free(&r.in);
		return CLI_FATAL;
	}
	/* One job: no threads.  N jobs: N workers and a ring of 2N batches. */
	r.nw = jobs > 1 ? (size_t)jobs : 0;
	r.nring = jobs > 1 ? 2 * (size_t)jobs : 1;
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.work, NULL);
	pthread_cond_init(&r.done, NULL);
	if ((r.w = calloc(r.nw ? r.nw : 1, sizeof(*r.w))) == NULL ||
	    (r.ring = calloc(r.nring, sizeof(*r.ring))) == NULL ||
	    (paths = cli_paths(argc, argv, &badpath)) == NULL) {
		rc = CP_ENOMEM;
		goto out;
	}
	for (i = 0; i < (r.nw ? r.nw : 1) && rc == 0; i++)
		rc = worker_init(&r, &r.w[i]);
	for (i = 0; i < r.nw && rc == 0; i++) {
		if (pthread_create(&r.w[i].th, NULL, work, &r.w[i]) != 0) {
			cli_msg("run: cannot start a thread: %s",
			    strerror(errno));
			rc = CP_ENOMEM;
			break;
		}
		nstarted++;
	}
	if (rc != 0) {
		r.nw = nstarted;
		drain(&r);
		goto out;
	}
	if (badpath)
		r.in.rc = CLI_SKIPPED;
	r.total = r.progress ? input_size(paths) : 0;
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	r.last = r.t0;
	r.in.sink = sink;
	r.in.report = r.nw > 0 ? report : NULL;
	r.in.arg = &r;
	r.in.out = &r.out;
	if (r.format != FMT_JSONL && (rc = fmt_header(r.w[0].fmt,
	    &r.out.buf)) != 0)
		goto out;
	rc = docin_run(&r.in, paths);
	if (r.nw > 0) {
		int rc2 = drain(&r);

		if (rc == 0)
			rc = rc2;
	}
	if (r.progress)
		show_progress(&r, 1);
	if (rc == 0)
		rc = cp_out_flush(&r.out, 1);
out:
	if (rc == CP_ENOMEM) {
		cli_msg("out of memory");
		r.in.rc = CLI_FATAL;
	}
	if (r.stats)
		print_stats(&r);
	r.in.rc = cli_rejects_close(r.in.rejects, r.in.rejects_name,
	    r.in.rc);
	for (i = 0; r.w != NULL && i < (r.nw ? r.nw : 1); i++)
		worker_free(&r.w[i]);
	for (i = 0; r.ring != NULL && i < r.nring; i++)
		job_free(&r.ring[i]);
	for (i = 0; i < r.nsrc; i++)
		free(r.src[i].text);
	free(r.src);
	free(r.w);
	free(r.ring);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.work);
	pthread_cond_destroy(&r.done);
	cli_paths_free(paths);
	docin_free(&r.in);
	cli_rules_free(rules, m);
	return cli_finish(&r.out, r.in.rc);
usage:
	free(packs);
	docin_free(&r.in);
	return cli_usage(synopsis);
}
