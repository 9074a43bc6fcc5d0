/*
 * yml.c -- YAML events to a bounded tree (see yml.h).
 *
 * libyaml marks are 0-based and count characters; diagnostics want
 * 1-based lines and columns, so mark() is the one place that converts.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "cp.h"
#include "yml.h"

static void
mark(const yaml_mark_t *m, long *line, long *col)
{
	*line = (long)m->line + 1;
	*col = (long)m->column + 1;
}

void
cp_yml_free(struct cp_yml *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkid; i++)
		cp_yml_free(n->kid[i]);
	free(n->kid);
	free(n->str);
	free(n);
}

static int
add_kid(struct cp_yml *parent, struct cp_yml *kid)
{
	struct cp_yml **v;
	size_t cap;

	/* Grow by doubling: nkid is a power of two exactly when full. */
	if ((parent->nkid & (parent->nkid - 1)) == 0) {
		cap = parent->nkid ? parent->nkid * 2 : 4;
		if ((v = realloc(parent->kid, cap * sizeof(*v))) == NULL)
			return CP_ENOMEM;
		parent->kid = v;
	}
	parent->kid[parent->nkid++] = kid;
	return 0;
}

static int
fail(struct cp_diag *d, const yaml_mark_t *m, const char *msg)
{
	mark(m, &d->line, &d->col);
	cp_diag_set(d, "%s", msg);
	return CP_ERR;
}

int
cp_yml_parse(const char *text, size_t len, struct cp_yml **out,
    struct cp_diag *d)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct cp_yml *stack[CP_YML_MAX_DEPTH + 2], *n, *root = NULL;
	size_t depth = 0, nodes = 0;
	int rc = 0, done = 0;

	*out = NULL;
	if (len > CP_YML_MAX_BYTES) {
		d->line = d->col = 0;
		cp_diag_set(d, "file larger than %u bytes", CP_YML_MAX_BYTES);
		return CP_ERR;
	}
	if (!yaml_parser_initialize(&p))
		return CP_ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			if (p.error == YAML_MEMORY_ERROR) {
				rc = CP_ENOMEM;
				break;
			}
			mark(&p.problem_mark, &d->line, &d->col);
			if (p.context != NULL)
				cp_diag_set(d, "YAML: %s (%s at line %ld, "
				    "column %ld)", p.problem ? p.problem :
				    "syntax error", p.context,
				    (long)p.context_mark.line + 1,
				    (long)p.context_mark.column + 1);
			else
				cp_diag_set(d, "YAML: %s", p.problem ?
				    p.problem : "syntax error");
			rc = CP_ERR;
			break;
		}
		n = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root != NULL)
				rc = fail(d, &ev.start_mark, "a rule file holds "
				    "one YAML document, this is a second");
			break;
		case YAML_ALIAS_EVENT:
			rc = fail(d, &ev.start_mark, "YAML aliases are not "
			    "supported in rule files");
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++nodes > CP_YML_MAX_NODES) {
				rc = fail(d, &ev.start_mark, "too many YAML "
				    "nodes in one file");
				break;
			}
			if ((n = calloc(1, sizeof(*n))) == NULL) {
				rc = CP_ENOMEM;
				break;
			}
			mark(&ev.start_mark, &n->line, &n->col);
			if (ev.type == YAML_SCALAR_EVENT) {
				n->kind = CP_YML_SCALAR;
				n->len = ev.data.scalar.length;
				n->plain = ev.data.scalar.style ==
				    YAML_PLAIN_SCALAR_STYLE;
				if ((n->str = malloc(n->len + 1)) == NULL) {
					free(n);
					rc = CP_ENOMEM;
					break;
				}
				memcpy(n->str, ev.data.scalar.value, n->len);
				n->str[n->len] = '\0';
			} else
				n->kind = ev.type == YAML_MAPPING_START_EVENT ?
				    CP_YML_MAP : CP_YML_SEQ;
			if (depth == 0) {
				root = n;
			} else if ((rc = add_kid(stack[depth - 1], n)) != 0) {
				cp_yml_free(n);
				break;
			}
			if (n->kind != CP_YML_SCALAR) {
				if (depth >= CP_YML_MAX_DEPTH) {
					rc = fail(d, &ev.start_mark, "YAML nested "
					    "too deeply");
					break;
				}
				stack[depth++] = n;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (rc != 0)
			break;
	}
	yaml_parser_delete(&p);
	if (rc != 0) {
		cp_yml_free(root);
		return rc;
	}
	if (root == NULL) {
		/* An empty file is an empty map. */
		if ((root = calloc(1, sizeof(*root))) == NULL)
			return CP_ENOMEM;
		root->kind = CP_YML_MAP;
		root->line = root->col = 1;
	}
	*out = root;
	return 0;
}

const struct cp_yml *
cp_yml_get(const struct cp_yml *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != CP_YML_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nkid; i += 2)
		if (map->kid[i]->kind == CP_YML_SCALAR &&
		    strcmp(map->kid[i]->str, key) == 0)
			return map->kid[i + 1];
	return NULL;
}

const char *
cp_yml_what(const struct cp_yml *n)
{
	switch (n->kind) {
	case CP_YML_SCALAR:
		return "a string";
	case CP_YML_SEQ:
		return "a list";
	default:
		return "a map";
	}
}
