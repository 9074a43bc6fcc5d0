/*
 * rules.c -- loading and checking rule packs (see rules.h).
 *
 * The YAML tree (yml.c) is walked against a fixed schema.  Every problem
 * becomes a diagnostic with the position of the node at fault, and the
 * walk goes on, so one lint run shows a rule author every mistake.  An
 * unknown key gets a "did you mean" from the keys allowed at that place.
 *
 * Lexicon references are expanded only in cp_rules_finish(), once every
 * file is in, so a rule may use a lexicon defined in a later file of the
 * pack.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "yml.h"
#include "rules.h"
#include "builtin.h"

static const char *const kind_names[CP_RULE_NKINDS + 1] = {
	"attribution", "hedge", "source-kind", "abbreviation", NULL
};

static const char *const top_keys[] = { "lexicons", "rules", NULL };
static const char *const rule_keys[] = {
	"id", "kind", "pattern", "patterns", "priority", "class", "flags",
	"examples", "description", NULL
};
static const char *const example_keys[] = { "text", "expect", NULL };
static const char *const flag_names[] = { "caseless", "inherit-source",
	NULL };

const char *
cp_rule_kind_name(enum cp_rule_kind k)
{
	return k < CP_RULE_NKINDS ? kind_names[k] : "?";
}

/* ---- diagnostics ----------------------------------------------------- */

void
cp_diags_free(struct cp_diags *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->cap = d->nerr = 0;
}

/* Context for one file being loaded. */
struct ctx {
	struct cp_rules	*r;
	struct cp_diags	*diags;
	const char	*file;
	const char	*pack;
	const char	*stem;
	int		 nomem;
	size_t		 errors;
};

static void
vreport(struct ctx *c, int warning, long line, long col, const char *rule,
    const char *fmt, va_list ap)
{
	struct cp_diags *ds = c->diags;
	struct cp_diag *d, *v;
	size_t cap;

	if (!warning)
		c->errors++;
	if (ds->n == ds->cap) {
		cap = ds->cap ? ds->cap * 2 : 16;
		if ((v = realloc(ds->v, cap * sizeof(*v))) == NULL) {
			c->nomem = 1;
			return;
		}
		ds->v = v;
		ds->cap = cap;
	}
	d = &ds->v[ds->n++];
	cp_diag_clear(d);
	cp_diag_file(d, c->file, line, col);
	snprintf(d->rule, sizeof(d->rule), "%s", rule ? rule : "");
	d->warning = warning;
	if (!warning)
		ds->nerr++;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
}

/* A problem at a node (NULL: the file as a whole). */
static void __attribute__((format(printf, 5, 6)))
report(struct ctx *c, int warning, const struct cp_yml *at, const char *rule,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(c, warning, at ? at->line : 0, at ? at->col : 0, rule, fmt,
	    ap);
	va_end(ap);
}

/* A problem at a line and column. */
static void __attribute__((format(printf, 6, 7)))
report_at(struct ctx *c, int warning, long line, long col, const char *rule,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(c, warning, line, col, rule, fmt, ap);
	va_end(ap);
}

/* Edit distance, for suggestions; short strings only. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, cur, tmp;
	size_t row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			tmp = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < tmp)
				tmp = row[j] + 1;
			if (row[j - 1] + 1 < tmp)
				tmp = row[j - 1] + 1;
			row[j] = tmp;
			prev = cur;
		}
	}
	return row[lb];
}

/* The closest allowed word within distance 2, or NULL. */
static const char *
suggest(const char *word, const char *const *allowed)
{
	const char *best = NULL;
	size_t d, bestd = 3;

	for (; *allowed != NULL; allowed++)
		if ((d = distance(word, *allowed)) < bestd) {
			bestd = d;
			best = *allowed;
		}
	return best;
}

static void
unknown_key(struct ctx *c, const struct cp_yml *key, const char *rule,
    const char *where, const char *const *allowed)
{
	const char *s = suggest(key->str, allowed);

	if (s != NULL)
		report(c, 0, key, rule, "unknown key '%s' in %s (did you "
		    "mean '%s'?)", key->str, where, s);
	else
		report(c, 0, key, rule, "unknown key '%s' in %s", key->str,
		    where);
}

/* Check a map's keys: all scalars, all allowed, none repeated. */
static void
check_keys(struct ctx *c, const struct cp_yml *map, const char *rule,
    const char *where, const char *const *allowed)
{
	size_t i, j;
	const char *const *a;

	for (i = 0; i + 1 < map->nkid; i += 2) {
		const struct cp_yml *k = map->kid[i];

		if (k->kind != CP_YML_SCALAR) {
			report(c, 0, k, rule, "a key in %s must be a string",
			    where);
			continue;
		}
		for (a = allowed; *a != NULL && strcmp(*a, k->str) != 0; a++)
			;
		if (*a == NULL) {
			unknown_key(c, k, rule, where, allowed);
			continue;
		}
		for (j = 0; j < i; j += 2)
			if (map->kid[j]->kind == CP_YML_SCALAR &&
			    strcmp(map->kid[j]->str, k->str) == 0)
				report(c, 0, k, rule, "key '%s' repeated in %s",
				    k->str, where);
	}
}

/* ---- small allocation helpers ---------------------------------------- */

static char *
dup(struct ctx *c, const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		c->nomem = 1;
	return p;
}

/* Append one element to an array of pointers, n growing by one. */
static int
push_ptr(struct ctx *c, char ***v, size_t n, char *p)
{
	char **nv;

	if (p == NULL || (nv = realloc(*v, (n + 1) * sizeof(*nv))) == NULL) {
		c->nomem = 1;
		free(p);
		return -1;
	}
	nv[n] = p;
	*v = nv;
	return 0;
}

/* ---- lexicons -------------------------------------------------------- */

static int
valid_lex_name(const char *s)
{
	if (*s < 'A' || *s > 'Z')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

const struct cp_lexicon *
cp_rules_lexicon(const struct cp_rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nlex; i++)
		if (strcmp(r->lex[i].name, name) == 0)
			return &r->lex[i];
	return NULL;
}

static void
load_lexicons(struct ctx *c, const struct cp_yml *lx)
{
	struct cp_rules *r = c->r;
	struct cp_lexicon *l, *nv;
	const struct cp_yml *k, *v, *w;
	size_t i, j;

	if (lx->kind != CP_YML_MAP) {
		report(c, 0, lx, NULL, "'lexicons' must be a map of NAME: "
		    "[words], not %s", cp_yml_what(lx));
		return;
	}
	for (i = 0; i + 1 < lx->nkid && !c->nomem; i += 2) {
		k = lx->kid[i];
		v = lx->kid[i + 1];
		if (k->kind != CP_YML_SCALAR || !valid_lex_name(k->str)) {
			report(c, 0, k, NULL, "lexicon name must be upper case "
			    "letters, digits and _ (like SAY_VERBS)");
			continue;
		}
		if (cp_rules_lexicon(r, k->str) != NULL) {
			report(c, 0, k, NULL, "lexicon '%s' is defined twice",
			    k->str);
			continue;
		}
		if (v->kind != CP_YML_SEQ) {
			report(c, 0, v, NULL, "lexicon '%s' must be a list of "
			    "words, not %s", k->str, cp_yml_what(v));
			continue;
		}
		if ((nv = realloc(r->lex, (r->nlex + 1) * sizeof(*nv))) ==
		    NULL) {
			c->nomem = 1;
			return;
		}
		r->lex = nv;
		l = &r->lex[r->nlex];
		memset(l, 0, sizeof(*l));
		l->file = c->file;
		l->line = k->line;
		l->col = k->col;
		if ((l->name = dup(c, k->str)) == NULL)
			return;
		r->nlex++;
		for (j = 0; j < v->nkid; j++) {
			w = v->kid[j];
			if (w->kind != CP_YML_SCALAR || w->len == 0 ||
			    strlen(w->str) != w->len) {
				report(c, 0, w, NULL, "lexicon '%s': entries "
				    "must be non-empty strings", k->str);
				continue;
			}
			if (push_ptr(c, &l->word, l->nword, dup(c, w->str)) != 0)
				return;
			l->nword++;
		}
		if (v->nkid == 0)
			report(c, 1, v, NULL, "lexicon '%s' is empty", k->str);
	}
}

/* ---- rules ----------------------------------------------------------- */

static int valid_id(const char *);

/* "reportive", "pronoun:org" */
static int
valid_class(const char *s)
{
	char buf[128];
	const char *colon = strchr(s, ':');

	if (colon == NULL)
		return valid_id(s);
	if ((size_t)(colon - s) >= sizeof(buf))
		return 0;
	memcpy(buf, s, (size_t)(colon - s));
	buf[colon - s] = '\0';
	return valid_id(buf) && valid_id(colon + 1);
}

static int
valid_source_class(const char *s)
{
	static const char *const ok[] = { "named", "named:person", "named:org",
	    "anonymous", "pronoun", "pronoun:person", "pronoun:org", NULL };
	size_t i;

	for (i = 0; ok[i] != NULL; i++)
		if (strcmp(s, ok[i]) == 0)
			return 1;
	return 0;
}

static int
valid_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int
has_group(const char *pat, const char *name)
{
	char a[80], b[80], d[80];

	snprintf(a, sizeof(a), "(?<%s>", name);
	snprintf(b, sizeof(b), "(?P<%s>", name);
	snprintf(d, sizeof(d), "(?'%s'", name);
	return strstr(pat, a) || strstr(pat, b) || strstr(pat, d);
}

static void
load_examples(struct ctx *c, struct cp_rule *ru, const struct cp_yml *exs)
{
	const struct cp_yml *e, *t, *x;
	struct cp_example *ex, *nv;
	size_t i, j;

	if (exs->kind != CP_YML_SEQ) {
		report(c, 0, exs, ru->id, "'examples' must be a list, not %s",
		    cp_yml_what(exs));
		return;
	}
	for (i = 0; i < exs->nkid && !c->nomem; i++) {
		e = exs->kid[i];
		if (e->kind != CP_YML_MAP) {
			report(c, 0, e, ru->id, "an example must be a map with "
			    "text and expect");
			continue;
		}
		check_keys(c, e, ru->id, "an example", example_keys);
		t = cp_yml_get(e, "text");
		x = cp_yml_get(e, "expect");
		if (t == NULL || t->kind != CP_YML_SCALAR) {
			report(c, 0, e, ru->id, "an example needs 'text', a "
			    "string");
			continue;
		}
		if (x == NULL) {
			report(c, 0, e, ru->id, "an example needs 'expect': "
			    "none, or the expected captures");
			continue;
		}
		if (x->kind == CP_YML_SCALAR && !(x->plain &&
		    strcmp(x->str, "none") == 0)) {
			report(c, 0, x, ru->id, "'expect' must be none or a "
			    "map of group: text");
			continue;
		}
		if (x->kind == CP_YML_SEQ) {
			report(c, 0, x, ru->id, "'expect' must be none or a "
			    "map of group: text, not a list");
			continue;
		}
		if ((nv = realloc(ru->ex, (ru->nex + 1) * sizeof(*nv))) ==
		    NULL) {
			c->nomem = 1;
			return;
		}
		ru->ex = nv;
		ex = &ru->ex[ru->nex++];
		memset(ex, 0, sizeof(*ex));
		ex->line = e->line;
		ex->col = e->col;
		ex->text = dup(c, t->str);
		ex->none = x->kind == CP_YML_SCALAR;
		for (j = 0; !ex->none && j + 1 < x->nkid; j += 2) {
			if (x->kid[j]->kind != CP_YML_SCALAR ||
			    x->kid[j + 1]->kind != CP_YML_SCALAR) {
				report(c, 0, x->kid[j], ru->id, "'expect' "
				    "entries must be group: text");
				continue;
			}
			if (push_ptr(c, &ex->group, ex->ngroups,
			    dup(c, x->kid[j]->str)) != 0)
				return;
			if (push_ptr(c, &ex->value, ex->ngroups,
			    dup(c, x->kid[j + 1]->str)) != 0) {
				free(ex->group[ex->ngroups]);
				return;
			}
			ex->ngroups++;
		}
	}
}

static void
add_pattern(struct ctx *c, struct cp_rule *ru, const struct cp_yml *p)
{
	long *nl, *nc;

	if (p->kind != CP_YML_SCALAR || p->len == 0 ||
	    strlen(p->str) != p->len) {
		report(c, 0, p, ru->id, "a pattern must be a non-empty string");
		return;
	}
	if (push_ptr(c, &ru->raw, ru->npat, dup(c, p->str)) != 0)
		return;
	if ((nl = realloc(ru->pat_line, (ru->npat + 1) * sizeof(*nl))) ==
	    NULL) {
		free(ru->raw[ru->npat]);
		c->nomem = 1;
		return;
	}
	ru->pat_line = nl;
	if ((nc = realloc(ru->pat_col, (ru->npat + 1) * sizeof(*nc))) ==
	    NULL) {
		free(ru->raw[ru->npat]);
		c->nomem = 1;
		return;
	}
	ru->pat_col = nc;
	nl[ru->npat] = p->line;
	nc[ru->npat] = p->col;
	ru->npat++;
}

static size_t
id_hash(const char *id)
{
	size_t h = 5381;

	for (; *id != '\0'; id++)
		h = h * 33 ^ (unsigned char)*id;
	return h;
}

/*
 * The slot of r->byid that holds the rule of this pack with this id, or
 * the free slot where it goes; NULL when out of memory.  The table is
 * kept at most half full, so that probes stay short.
 */
static size_t *
find_id(struct cp_rules *r, const char *pack, const char *id)
{
	size_t i, j, n, plen = strlen(pack), *t;
	const struct cp_rule *ru;

	if (2 * (r->nrule + 1) > r->nbyid) {
		n = r->nbyid ? 2 * r->nbyid : 64;
		if ((t = calloc(n, sizeof(*t))) == NULL)
			return NULL;
		for (i = 0; i < r->nrule; i++) {
			for (j = id_hash(r->rule[i].id) & (n - 1); t[j] != 0;
			    j = (j + 1) & (n - 1))
				;
			t[j] = i + 1;
		}
		free(r->byid);
		r->byid = t;
		r->nbyid = n;
	}
	for (j = id_hash(id) & (r->nbyid - 1); r->byid[j] != 0;
	    j = (j + 1) & (r->nbyid - 1)) {
		ru = &r->rule[r->byid[j] - 1];
		if (strcmp(ru->id, id) == 0 &&
		    strncmp(ru->qid, pack, plen) == 0 && ru->qid[plen] == '.')
			break;
	}
	return &r->byid[j];
}

static void
load_rule(struct ctx *c, const struct cp_yml *m)
{
	struct cp_rules *r = c->r;
	struct cp_rule *ru, *nv;
	const struct cp_yml *id, *kind, *v;
	const char *s, *f;
	size_t i, k, *slot;
	char *end;
	long pr;
	int kind_ok = 0;

	if (m->kind != CP_YML_MAP) {
		report(c, 0, m, NULL, "a rule must be a map, not %s",
		    cp_yml_what(m));
		return;
	}
	id = cp_yml_get(m, "id");
	if (id == NULL || id->kind != CP_YML_SCALAR || !valid_id(id->str)) {
		report(c, 0, id ? id : m, NULL, id == NULL ? "a rule needs "
		    "an 'id'" : "a rule id is lower case letters, digits, - "
		    "and _ (like according-to-trailing)");
		return;
	}
	check_keys(c, m, id->str, "a rule", rule_keys);
	if ((slot = find_id(r, c->pack, id->str)) == NULL) {
		c->nomem = 1;
		return;
	}
	if (*slot != 0) {
		ru = &r->rule[*slot - 1];
		report(c, 0, id, id->str, "rule id '%s' is already used at "
		    "%s:%ld", id->str, ru->file, ru->line);
		return;
	}
	if (r->nrule == r->rulecap) {
		size_t cap = r->rulecap ? 2 * r->rulecap : 16;

		if ((nv = realloc(r->rule, cap * sizeof(*nv))) == NULL) {
			c->nomem = 1;
			return;
		}
		r->rule = nv;
		r->rulecap = cap;
	}
	ru = &r->rule[r->nrule];
	memset(ru, 0, sizeof(*ru));
	ru->file = c->file;
	ru->line = m->line;
	ru->col = m->col;
	if ((ru->id = dup(c, id->str)) == NULL)
		return;
	if ((ru->qid = malloc(strlen(c->pack) + strlen(c->stem) +
	    strlen(id->str) + 3)) == NULL) {
		free(ru->id);
		c->nomem = 1;
		return;
	}
	sprintf(ru->qid, "%s.%s.%s", c->pack, c->stem, id->str);
	*slot = ++r->nrule;

	kind = cp_yml_get(m, "kind");
	if (kind == NULL || kind->kind != CP_YML_SCALAR)
		report(c, 0, kind ? kind : m, ru->id, "a rule needs a 'kind' "
		    "(attribution, hedge, source-kind or abbreviation)");
	else {
		for (k = 0; k < CP_RULE_NKINDS; k++)
			if (strcmp(kind->str, kind_names[k]) == 0)
				break;
		if (k == CP_RULE_NKINDS) {
			s = suggest(kind->str, kind_names);
			report(c, 0, kind, ru->id, "unknown kind '%s'%s%s%s",
			    kind->str, s ? " (did you mean '" : "", s ? s : "",
			    s ? "'?)" : "");
		} else {
			ru->kind = (enum cp_rule_kind)k;
			kind_ok = 1;
		}
	}

	v = cp_yml_get(m, "pattern");
	if (v != NULL && cp_yml_get(m, "patterns") != NULL)
		report(c, 0, v, ru->id, "give 'pattern' or 'patterns', not "
		    "both");
	else if (v != NULL)
		add_pattern(c, ru, v);
	else if ((v = cp_yml_get(m, "patterns")) != NULL) {
		if (v->kind != CP_YML_SEQ || v->nkid == 0)
			report(c, 0, v, ru->id, "'patterns' must be a list of "
			    "patterns");
		else
			for (i = 0; i < v->nkid; i++)
				add_pattern(c, ru, v->kid[i]);
	} else
		report(c, 0, m, ru->id, "a rule needs a 'pattern'");

	if ((v = cp_yml_get(m, "priority")) != NULL) {
		errno = 0;
		pr = v->kind == CP_YML_SCALAR ? strtol(v->str, &end, 10) : 0;
		if (v->kind != CP_YML_SCALAR || *v->str == '\0' || *end != '\0' ||
		    errno != 0 || pr < -1000 || pr > 1000)
			report(c, 0, v, ru->id, "'priority' must be an integer "
			    "from -1000 to 1000");
		else
			ru->priority = (int)pr;
	}
	if ((v = cp_yml_get(m, "class")) != NULL) {
		if (v->kind != CP_YML_SCALAR || !valid_class(v->str))
			report(c, 0, v, ru->id, "'class' must be a lower-case "
			    "word (like reportive), or two joined by ':'");
		else if (ru->kind == CP_RULE_SOURCE_KIND &&
		    !valid_source_class(v->str))
			report(c, 0, v, ru->id, "a source-kind rule's class is "
			    "named, anonymous or pronoun, optionally with "
			    ":person or :org, not '%s'", v->str);
		else
			ru->klass = dup(c, v->str);
	}
	if ((v = cp_yml_get(m, "flags")) != NULL) {
		if (v->kind != CP_YML_SEQ)
			report(c, 0, v, ru->id, "'flags' must be a list, like "
			    "[caseless, inherit-source]");
		else
			for (i = 0; i < v->nkid; i++) {
				f = v->kid[i]->kind == CP_YML_SCALAR ?
				    v->kid[i]->str : "";
				if (strcmp(f, "caseless") == 0)
					ru->caseless = 1;
				else if (strcmp(f, "inherit-source") == 0 &&
				    ru->kind != CP_RULE_ATTRIBUTION && kind_ok)
					report(c, 0, v->kid[i], ru->id, "only "
					    "attribution rules inherit-source");
				else if (strcmp(f, "inherit-source") == 0)
					ru->inherit_source = 1;
				else {
					s = suggest(f, flag_names);
					report(c, 0, v->kid[i], ru->id,
					    "unknown flag%s%s%s (flags: caseless, "
					    "inherit-source)", s ? " (did you "
					    "mean '" : "", s ? s : "", s ? "'?)" :
					    "");
				}
			}
	}
	if ((v = cp_yml_get(m, "examples")) != NULL)
		load_examples(c, ru, v);
	if (ru->kind == CP_RULE_ATTRIBUTION && kind_ok)
		for (i = 0; i < ru->npat; i++)
			if (!has_group(ru->raw[i], "claim"))
				report_at(c, 0, ru->pat_line[i], ru->pat_col[i],
				    ru->id, "an attribution pattern needs a "
				    "(?<claim>...) group");
}

/* ---- files and packs ------------------------------------------------- */

struct cp_rules *
cp_rules_new(void)
{
	return calloc(1, sizeof(struct cp_rules));
}

/* The file name without folders and without .yaml/.yml. */
static char *
stem_of(const char *name)
{
	const char *b = strrchr(name, '/');
	char *s, *dot;

	s = strdup(b ? b + 1 : name);
	if (s != NULL && (dot = strrchr(s, '.')) != NULL &&
	    (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
		*dot = '\0';
	return s;
}

int
cp_rules_add_text(struct cp_rules *r, const char *pack, const char *name,
    const char *text, size_t len, struct cp_diags *diags)
{
	struct ctx c;
	struct cp_yml *root = NULL;
	const struct cp_yml *v;
	struct cp_diag d;
	char **nf, *stem;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.diags = diags;
	c.pack = pack;
	/* The rules keep pointers to the file name: store one copy. */
	if ((nf = realloc(r->files, (r->nfiles + 1) * sizeof(*nf))) == NULL)
		return CP_ENOMEM;
	r->files = nf;
	if ((nf[r->nfiles] = strdup(name)) == NULL)
		return CP_ENOMEM;
	c.file = nf[r->nfiles++];
	if ((stem = stem_of(name)) == NULL)
		return CP_ENOMEM;
	c.stem = stem;

	cp_diag_clear(&d);
	rc = cp_yml_parse(text, len, &root, &d);
	if (rc == CP_ENOMEM) {
		free(stem);
		return rc;
	}
	if (rc != 0)
		report_at(&c, 0, d.line, d.col, NULL, "%s", d.msg);
	else if (root->kind != CP_YML_MAP) {
		report(&c, 0, root, NULL, "a rule file is a map with "
		    "'lexicons' and 'rules', not %s", cp_yml_what(root));
	} else {
		check_keys(&c, root, NULL, "a rule file", top_keys);
		if ((v = cp_yml_get(root, "lexicons")) != NULL)
			load_lexicons(&c, v);
		if ((v = cp_yml_get(root, "rules")) != NULL) {
			if (v->kind != CP_YML_SEQ)
				report(&c, 0, v, NULL, "'rules' must be a "
				    "list of rules, not %s", cp_yml_what(v));
			else
				for (i = 0; i < v->nkid && !c.nomem; i++)
					load_rule(&c, v->kid[i]);
		}
	}
	cp_yml_free(root);
	free(stem);
	if (c.nomem)
		return CP_ENOMEM;
	return c.errors ? CP_ERR : 0;
}

static int
read_file(const char *path, struct cp_buf *b)
{
	FILE *fp;
	size_t got;

	if ((fp = fopen(path, "rb")) == NULL)
		return CP_EIO;
	do {
		if (cp_buf_reserve(b, 65536) != 0) {
			fclose(fp);
			return CP_ENOMEM;
		}
		got = fread(b->data + b->len, 1, 65536, fp);
		b->len += got;
		/* Stop early on a huge file; the YAML layer refuses it. */
	} while (got > 0 && b->len <= CP_YML_MAX_BYTES);
	b->data[b->len] = '\0';
	if (ferror(fp)) {
		fclose(fp);
		return CP_EIO;
	}
	fclose(fp);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
path_error(struct cp_rules *r, struct cp_diags *diags, const char *path)
{
	struct ctx c;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.diags = diags;
	c.file = path;
	report(&c, 0, NULL, NULL, "%s", strerror(errno));
	return c.nomem ? CP_ENOMEM : CP_ERR;
}

int
cp_rules_add_path(struct cp_rules *r, const char *path,
    struct cp_diags *diags)
{
	struct cp_buf b = { 0 };
	struct stat st;
	struct dirent *de;
	char **names = NULL, **nv, *full, *pack = NULL;
	size_t n = 0, i, len;
	DIR *d;
	int rc = 0, rc2;

	if (stat(path, &st) != 0)
		return path_error(r, diags, path);
	if (!S_ISDIR(st.st_mode)) {
		if ((rc = read_file(path, &b)) == CP_EIO)
			rc = path_error(r, diags, path);
		else if (rc == 0) {
			/* A lone file is a pack named after its stem. */
			if ((pack = stem_of(path)) == NULL)
				rc = CP_ENOMEM;
			else
				rc = cp_rules_add_text(r, pack, path, b.data,
				    b.len, diags);
			free(pack);
		}
		cp_buf_free(&b);
		return rc;
	}
	if ((d = opendir(path)) == NULL)
		return path_error(r, diags, path);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || !((len > 5 &&
		    strcmp(de->d_name + len - 5, ".yaml") == 0) || (len > 4 &&
		    strcmp(de->d_name + len - 4, ".yml") == 0)))
			continue;
		if ((full = malloc(strlen(path) + len + 2)) == NULL) {
			rc = CP_ENOMEM;
			break;
		}
		sprintf(full, "%s/%s", path, de->d_name);
		if ((nv = realloc(names, (n + 1) * sizeof(*nv))) == NULL) {
			free(full);
			rc = CP_ENOMEM;
			break;
		}
		names = nv;
		names[n++] = full;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	/* The pack's name is the folder's: rules/en is "en". */
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	for (i = len; i > 0 && path[i - 1] != '/'; i--)
		;
	if (rc == 0 && (pack = strndup(path + i, len - i)) == NULL)
		rc = CP_ENOMEM;
	for (i = 0; rc != CP_ENOMEM && i < n; i++) {
		cp_buf_reset(&b);
		if ((rc2 = read_file(names[i], &b)) == CP_EIO)
			rc2 = path_error(r, diags, names[i]);
		else if (rc2 == 0)
			rc2 = cp_rules_add_text(r, pack, names[i], b.data,
			    b.len, diags);
		if (rc2 != 0)
			rc = rc2;
	}
	free(pack);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	cp_buf_free(&b);
	return rc;
}

int
cp_rules_add_builtin(struct cp_rules *r, const char *pack,
    struct cp_diags *diags)
{
	const struct cp_builtin *f;
	int found = 0, rc = 0, rc2;

	for (f = cp_builtin_files; f->pack != NULL; f++) {
		if (strcmp(f->pack, pack) != 0)
			continue;
		found = 1;
		rc2 = cp_rules_add_text(r, pack, f->name, f->text, f->len,
		    diags);
		if (rc2 != 0 && rc != CP_ENOMEM)
			rc = rc2;
	}
	return found ? rc : 1;
}

/* ---- expansion ------------------------------------------------------- */

static int
by_length(const void *a, const void *b)
{
	size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);

	if (la != lb)
		return la < lb ? 1 : -1;
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The length of the token at w: a run of spaces or one UTF-8 character. */
static size_t
tok_len(const char *w)
{
	size_t n = 1;

	if (*w == ' ') {
		while (w[n] == ' ')
			n++;
		return n;
	}
	if ((unsigned char)*w >= 0xC0)
		while (((unsigned char)w[n] & 0xC0) == 0x80)
			n++;
	return n;
}

/* Append the token at w as a pattern: \s+ for spaces, else escaped. */
static int
put_tok(struct cp_buf *b, const char *w, size_t n)
{
	if (*w == ' ')
		return cp_buf_puts(b, "\\s+");
	if (n == 1 && strchr("\\^$.|?*+()[]{}/#-", *w) != NULL &&
	    cp_buf_putc(b, '\\') != 0)
		return CP_ENOMEM;
	return cp_buf_put(b, w, n);
}

static int
by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The end of the run of words from w[i] with the same token at d. */
static size_t
group_end(char **w, size_t n, size_t i, size_t d)
{
	size_t j, t = tok_len(w[i] + d);

	for (j = i + 1; j < n && tok_len(w[j] + d) == t &&
	    memcmp(w[j] + d, w[i] + d, t) == 0; j++)
		;
	return j;
}

/*
 * Append w[0..n), sorted and all sharing their first d bytes, as a trie:
 * the words that go on past d grouped by their next token, each group
 * tried before the word that ends at d.  Tokens at one place exclude one
 * another (case-sensitive), so this matches what the flat alternation,
 * longest first, matches, in the same order, without trying each word in
 * turn.  At the root (d == 0) the caller writes the group around it.
 */
static int
put_trie(struct cp_buf *b, char **w, size_t n, size_t d)
{
	size_t i, j, t, ngroup = 0;
	int end = 0, rc = 0, wrap;

	while (n > 0 && w[0][d] == '\0') {
		end = 1;
		w++;
		n--;
	}
	for (i = 0; i < n; i = group_end(w, n, i, d))
		ngroup++;
	if (ngroup == 0)
		return 0;
	wrap = d > 0 && (ngroup > 1 || end);
	if (wrap && cp_buf_puts(b, "(?:") != 0)
		return CP_ENOMEM;
	for (i = 0; rc == 0 && i < n; i = j) {
		j = group_end(w, n, i, d);
		t = tok_len(w[i] + d);
		if (i > 0 && cp_buf_putc(b, '|') != 0)
			return CP_ENOMEM;
		if ((rc = put_tok(b, w[i] + d, t)) == 0)
			rc = put_trie(b, w + i, j - i, d + t);
	}
	if (rc == 0 && wrap)
		rc = cp_buf_puts(b, end ? ")?" : ")");
	return rc;
}

/*
 * Append a lexicon as (?<!\w)(?:w1|w2...)(?!\w), longest first; as a trie
 * of the same words when trie is set (case-sensitive patterns).
 */
static int
put_lexicon(struct cp_buf *b, const struct cp_lexicon *l, int trie)
{
	char **w;
	const char *p;
	size_t i, n, k;
	int rc = 0;

	if ((w = calloc(l->nword ? l->nword : 1, sizeof(*w))) == NULL)
		return CP_ENOMEM;
	/* one space for each run of spaces, so that tokens line up */
	for (n = 0; n < l->nword; n++) {
		if ((w[n] = malloc(strlen(l->word[n]) + 1)) == NULL) {
			rc = CP_ENOMEM;
			goto out;
		}
		for (p = l->word[n], k = 0; *p != '\0'; p++)
			if (*p != ' ' || k == 0 || w[n][k - 1] != ' ')
				w[n][k++] = *p;
		w[n][k] = '\0';
	}
	qsort(w, n, sizeof(*w), trie ? by_bytes : by_length);
	if ((rc = cp_buf_puts(b, "(?<!\\w)(?:")) != 0)
		goto out;
	if (trie) {
		/* duplicates would be one word twice in the trie */
		for (i = k = 0; i < n; i++)
			if (k == 0 || strcmp(w[i], w[k - 1]) != 0)
				w[k++] = w[i];
			else
				free(w[i]);
		n = k;
		rc = put_trie(b, w, n, 0);
	} else
		for (i = 0; rc == 0 && i < n; i++) {
			if (i > 0)
				rc = cp_buf_putc(b, '|');
			for (p = w[i]; rc == 0 && *p != '\0'; p += k) {
				k = tok_len(p);
				rc = put_tok(b, p, k);
			}
		}
	if (l->nword == 0 && rc == 0)
		rc = cp_buf_puts(b, "(*FAIL)");
	if (rc == 0)
		rc = cp_buf_puts(b, ")(?!\\w)");
out:
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return rc;
}

/*
 * The {{NAME}} at p: its name into name (cut to fit) and a pointer past
 * it, or NULL when p starts no reference.
 */
static const char *
lex_ref(const char *p, char *name, size_t size)
{
	const char *q;
	size_t n;

	if (p[0] != '{' || p[1] != '{' || (q = strstr(p + 2, "}}")) == NULL)
		return NULL;
	n = (size_t)(q - p - 2);
	if (n >= size)
		n = size - 1;
	memcpy(name, p + 2, n);
	name[n] = '\0';
	return q + 2;
}

/* Is c one of PCRE2's option letters, or - or ^, in (?...) or (?...:? */
static int
is_opt(int c)
{
	return c != '\0' && strchr("imnsxJU-^", c) != NULL;
}

size_t
cp_pat_atom_end(const char *s, size_t i)
{
	const char *e;

	if (s[i] == '\\') {
		if (s[i + 1] == 'Q')
			return (e = strstr(s + i + 2, "\\E")) != NULL ?
			    (size_t)(e - s) + 2 : i + strlen(s + i);
		return i + (s[i + 1] != '\0' ? 2 : 1);
	}
	if (s[i] != '[')
		return i + (s[i] != '\0');
	i++;
	if (s[i] == '^')
		i++;
	if (s[i] == ']')
		i++;
	while (s[i] != '\0' && s[i] != ']') {
		if (s[i] == '\\' && s[i + 1] != '\0')
			i++;
		else if (s[i] == '[' && s[i + 1] == ':' &&
		    (e = strstr(s + i + 2, ":]")) != NULL)
			i = (size_t)(e - s) + 1;
		i++;
	}
	return s[i] == ']' ? i + 1 : i;
}

int
cp_pat_caseless_at(const char *raw, size_t at, int caseless)
{
	unsigned char stack[256];
	size_t i = 0, depth = 0;
	int cur = caseless, set, neg;

	while (i < at && raw[i] != '\0') {
		if (raw[i] == '\\' || raw[i] == '[')
			i = cp_pat_atom_end(raw, i);
		else if (raw[i] == '(' && raw[i + 1] == '?' &&
		    is_opt(raw[i + 2])) {
			/* options: (?i) for the rest of the group, (?i:...) */
			set = cur;
			neg = 0;
			for (i += 2; is_opt(raw[i]); i++)
				if (raw[i] == '-')
					neg = 1;
				else if (raw[i] == 'i')
					set = !neg;
				else if (raw[i] == 'x' || raw[i] == '^')
					return 1;
			if (raw[i] == ':') {
				if (depth == sizeof(stack))
					return 1;
				stack[depth++] = (unsigned char)cur;
			}
			cur = set;
			i++;
		} else if (raw[i] == '(') {
			if (depth == sizeof(stack))
				return 1;
			stack[depth++] = (unsigned char)cur;
			i++;
		} else if (raw[i] == ')') {
			if (depth > 0)
				cur = stack[--depth];
			i++;
		} else
			i++;
	}
	return cur;
}

/*
 * Expand rule ru's pattern j into b, each {{NAME}} its lexicon: as a trie
 * when trie is set and the place is case-sensitive (an undefined name is
 * reported then), else flat.
 */
static int
expand(struct ctx *c, const struct cp_rule *ru, size_t j, int trie,
    struct cp_buf *b)
{
	struct cp_lexicon *l;
	const char *p, *q;
	char name[64];

	cp_buf_reset(b);
	for (p = ru->raw[j]; *p != '\0'; ) {
		if ((q = lex_ref(p, name, sizeof(name))) == NULL) {
			if (cp_buf_putc(b, *p++) != 0)
				goto nomem;
			continue;
		}
		l = (struct cp_lexicon *)cp_rules_lexicon(c->r, name);
		if (l == NULL && trie)
			report_at(c, 0, ru->pat_line[j], ru->pat_col[j], ru->id,
			    "undefined lexicon '%s' (pattern offset %zu)",
			    name, (size_t)(p - ru->raw[j]));
		else if (l != NULL) {
			l->used = 1;
			if (put_lexicon(b, l, trie && !cp_pat_caseless_at(ru->raw[j],
			    (size_t)(p - ru->raw[j]), ru->caseless)) != 0)
				goto nomem;
		}
		p = q;
	}
	return 0;
nomem:
	c->nomem = 1;
	return CP_ENOMEM;
}

int
cp_rules_finish(struct cp_rules *r, struct cp_diags *diags)
{
	struct cp_buf b = { 0 };
	struct cp_rule *ru;
	struct ctx c;
	size_t i, j;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.diags = diags;
	for (i = 0; i < r->nrule && !c.nomem; i++) {
		ru = &r->rule[i];
		c.file = ru->file;
		if ((ru->pattern = calloc(ru->npat ? ru->npat : 1,
		    sizeof(char *))) == NULL || (ru->flat = calloc(ru->npat ?
		    ru->npat : 1, sizeof(char *))) == NULL) {
			c.nomem = 1;
			break;
		}
		for (j = 0; j < ru->npat && !c.nomem; j++) {
			if (expand(&c, ru, j, 0, &b) == 0)
				ru->flat[j] = strdup(b.data ? b.data : "");
			if (!c.nomem && expand(&c, ru, j, 1, &b) == 0)
				ru->pattern[j] = strdup(b.data ? b.data : "");
			if (ru->flat[j] == NULL || ru->pattern[j] == NULL)
				c.nomem = 1;
		}
	}
	for (i = 0; i < r->nlex && !c.nomem; i++)
		if (!r->lex[i].used) {
			c.file = r->lex[i].file;
			report_at(&c, 1, r->lex[i].line, r->lex[i].col, NULL,
			    "lexicon '%s' is never used", r->lex[i].name);
		}
	cp_buf_free(&b);
	if (c.nomem)
		return CP_ENOMEM;
	return c.errors ? CP_ERR : 0;
}

size_t
cp_rules_raw_offset(const struct cp_rules *r, const struct cp_rule *ru,
    size_t j, size_t off)
{
	struct cp_buf b = { 0 };
	const struct cp_lexicon *l;
	const char *raw = ru->raw[j], *p, *q;
	char name[64];
	size_t x = 0;

	for (p = raw; *p != '\0' && x < off; ) {
		if ((q = lex_ref(p, name, sizeof(name))) != NULL &&
		    (l = cp_rules_lexicon(r, name)) != NULL) {
			cp_buf_reset(&b);
			if (put_lexicon(&b, l, !cp_pat_caseless_at(raw, (size_t)(p -
			    raw), ru->caseless)) == 0) {
				if (off < x + b.len)
					break;
				x += b.len;
				p = q;
				continue;
			}
		}
		x++;
		p++;
	}
	cp_buf_free(&b);
	return (size_t)(p - raw);
}

static void
free_strv(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
cp_rules_free(struct cp_rules *r)
{
	size_t i, j;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrule; i++) {
		struct cp_rule *ru = &r->rule[i];

		free(ru->id);
		free(ru->qid);
		free(ru->klass);
		if (ru->pattern != NULL)
			free_strv(ru->pattern, ru->npat);
		if (ru->flat != NULL)
			free_strv(ru->flat, ru->npat);
		free_strv(ru->raw, ru->npat);
		free(ru->pat_line);
		free(ru->pat_col);
		for (j = 0; j < ru->nex; j++) {
			free(ru->ex[j].text);
			free_strv(ru->ex[j].group, ru->ex[j].ngroups);
			free_strv(ru->ex[j].value, ru->ex[j].ngroups);
		}
		free(ru->ex);
	}
	free(r->rule);
	free(r->byid);
	for (i = 0; i < r->nlex; i++) {
		free(r->lex[i].name);
		free_strv(r->lex[i].word, r->lex[i].nword);
	}
	free(r->lex);
	free_strv(r->files, r->nfiles);
	free(r);
}
