/*
 * lits.c -- literal analysis of PCRE2 patterns (see lits.h).
 *
 * A small recursive-descent reader of PCRE2 syntax.  Each sequence keeps
 * the best requirement among its parts: a run of literal characters is a
 * one-string requirement, a group gives the union of its alternatives'
 * requirements.  "Best" is the set whose shortest string is longest (the
 * rarer it is, the fewer sentences a rule runs on).  Anything optional,
 * any class, any construct not modelled breaks the run and adds no
 * requirement -- never a false one.
 */
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "buf.h"
#include "lits.h"

#define MAX_SET	4096	/* more alternatives than this: no requirement */

struct set {
	char	**s;
	size_t	 *len;
	size_t	  n;
	int	  any;		/* no requirement */
};

struct rd {
	const char	*p;
	size_t		 i;
	size_t		 n;
	int		 caseless;
	int		 giveup;
	int		 nomem;
	int		 has_nested;
	size_t		 nested;
};

enum { I_NONE, I_LIT, I_BREAK, I_GROUP };

struct item {
	int		 type;
	char		 lit[8];	/* I_LIT: one character's bytes */
	size_t		 nlit;
	struct set	 set;		/* I_GROUP */
	int		 unb;		/* I_GROUP: holds an unbounded quantifier */
	int		 atomic;
};

static struct set any_set(void)
{
	struct set s = { NULL, NULL, 0, 1 };

	return s;
}

static void
set_free(struct set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->s[i]);
	free(s->s);
	free(s->len);
	s->s = NULL;
	s->len = NULL;
	s->n = 0;
	s->any = 1;
}

static int
set_add(struct rd *r, struct set *s, const char *str, size_t len)
{
	char **nv, *c;
	size_t *nl;

	if (s->n >= MAX_SET) {
		set_free(s);
		return 0;
	}
	if ((nv = realloc(s->s, (s->n + 1) * sizeof(*nv))) == NULL)
		goto nomem;
	s->s = nv;
	if ((nl = realloc(s->len, (s->n + 1) * sizeof(*nl))) == NULL)
		goto nomem;
	s->len = nl;
	if ((c = malloc(len + 1)) == NULL)
		goto nomem;
	memcpy(c, str, len);
	c[len] = '\0';
	s->s[s->n] = c;
	s->len[s->n++] = len;
	s->any = 0;
	return 0;
nomem:
	r->nomem = 1;
	return CP_ENOMEM;
}

static size_t
shortest(const struct set *s)
{
	size_t i, m = (size_t)-1;

	for (i = 0; i < s->n; i++)
		if (s->len[i] < m)
			m = s->len[i];
	return m;
}

/* Keep the better of *best and cand (freeing the other). */
static void
better(struct set *best, struct set *cand)
{
	if (cand->any || cand->n == 0) {
		set_free(cand);
		return;
	}
	if (best->any || shortest(cand) > shortest(best) ||
	    (shortest(cand) == shortest(best) && cand->n < best->n)) {
		set_free(best);
		*best = *cand;
	} else
		set_free(cand);
	*cand = any_set();
}

static int
peek(const struct rd *r, size_t k)
{
	return r->i + k < r->n ? (unsigned char)r->p[r->i + k] : -1;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skip to just past the next c (for names, verbs, comments). */
static void
skip_past(struct rd *r, int c)
{
	while (r->i < r->n && r->p[r->i] != c)
		r->i++;
	if (r->i < r->n)
		r->i++;
}

/* Put code point cp as UTF-8 into it, or make it a break. */
static void
lit_cp(struct rd *r, struct item *it, unsigned long cp)
{
	if (cp >= 0x80 && r->caseless) {
		it->type = I_BREAK;
		return;
	}
	it->type = I_LIT;
	if (cp < 0x80) {
		it->lit[0] = (char)(r->caseless && cp >= 'A' && cp <= 'Z' ?
		    cp | 0x20 : cp);
		it->nlit = 1;
	} else if (cp < 0x800) {
		it->lit[0] = (char)(0xC0 | (cp >> 6));
		it->lit[1] = (char)(0x80 | (cp & 0x3F));
		it->nlit = 2;
	} else if (cp < 0x10000) {
		it->lit[0] = (char)(0xE0 | (cp >> 12));
		it->lit[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		it->lit[2] = (char)(0x80 | (cp & 0x3F));
		it->nlit = 3;
	} else if (cp < 0x110000) {
		it->lit[0] = (char)(0xF0 | (cp >> 18));
		it->lit[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		it->lit[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		it->lit[3] = (char)(0x80 | (cp & 0x3F));
		it->nlit = 4;
	} else
		it->type = I_BREAK;
}

static void
escape(struct rd *r, struct item *it)
{
	int c = peek(r, 0);
	unsigned long cp = 0;

	it->type = I_BREAK;
	if (c < 0)
		return;
	r->i++;
	if (c == 'N' && peek(r, 0) == '{') {
		/* \N{U+hhhh}: one character; not modelled */
		skip_past(r, '}');
		return;
	}
	if (strchr("pPX", c) != NULL || (c == 'x' && peek(r, 0) == '{') ||
	    c == 'o' || c == 'g' || c == 'k') {
		if (c == 'x' || c == 'o') {
			/* \x{...}: a code point; \o{...}: octal */
			for (r->i++; peek(r, 0) >= 0 && peek(r, 0) != '}';
			    r->i++) {
				int d = peek(r, 0);

				cp = cp * (c == 'x' ? 16 : 8) + (unsigned long)
				    (is_digit(d) ? d - '0' : (d | 0x20) - 'a' +
				    10);
				if (cp > 0x10FFFF)
					cp = 0x110000;
			}
			r->i++;
			if (c == 'x')
				lit_cp(r, it, cp);
			return;
		}
		/* \p{..} \pL \g{..} \g1 \k<..> \k{..}: no literal */
		if (peek(r, 0) == '{' || peek(r, 0) == '<' || peek(r, 0) == '\'')
			skip_past(r, peek(r, 0) == '{' ? '}' : peek(r, 0) ==
			    '<' ? '>' : '\'');
		else if (peek(r, 0) == '-' || peek(r, 0) == '+' ||
		    is_digit(peek(r, 0)) || c == 'p' || c == 'P')
			for (r->i++; is_digit(peek(r, 0)); r->i++)
				;
		return;
	}
	switch (c) {
	case 'x':
		while (cp < 0x100 && peek(r, 0) >= 0 &&
		    strchr("0123456789abcdefABCDEF", peek(r, 0)) != NULL &&
		    peek(r, 0) != 0) {
			int d = peek(r, 0);

			cp = cp * 16 + (unsigned long)(is_digit(d) ? d - '0' :
			    (d | 0x20) - 'a' + 10);
			r->i++;
			if (cp >= 0x10)
				break;
		}
		lit_cp(r, it, cp);
		return;
	case 'n': lit_cp(r, it, '\n'); return;
	case 't': lit_cp(r, it, '\t'); return;
	case 'r': lit_cp(r, it, '\r'); return;
	case 'f': lit_cp(r, it, '\f'); return;
	case 'e': lit_cp(r, it, 0x1B); return;
	case 'a': lit_cp(r, it, 0x07); return;
	case 'c':
		r->i++;
		return;
	case 'E':
		it->type = I_NONE;
		return;
	default:
		break;
	}
	if (is_alnum(c)) {
		/* \d \w \s \b \B \A \z \K \1 ...: classes, assertions and
		 * back references, none of them a literal */
		while (is_digit(c) && is_digit(peek(r, 0)))
			r->i++;
		return;
	}
	r->i--;
	it->type = I_LIT;
	it->nlit = 0;
	it->lit[it->nlit++] = (char)c;
	r->i++;
	/* an escaped non-ASCII character: the rest of its bytes */
	while (c >= 0xC0 && (peek(r, 0) & 0xC0) == 0x80 && it->nlit < 4)
		it->lit[it->nlit++] = r->p[r->i++];
	if (c >= 0x80 && r->caseless)
		it->type = I_BREAK;
}

static void
char_class(struct rd *r)
{
	r->i++;				/* '[' */
	if (peek(r, 0) == '^')
		r->i++;
	if (peek(r, 0) == ']')
		r->i++;
	while (r->i < r->n && r->p[r->i] != ']') {
		if (r->p[r->i] == '\\')
			r->i++;
		else if (r->p[r->i] == '[' && peek(r, 1) == ':') {
			r->i += 2;
			while (r->i < r->n && !(r->p[r->i] == ':' &&
			    peek(r, 1) == ']'))
				r->i++;
			r->i++;
		}
		r->i++;
	}
	r->i++;
}

static struct set alternation(struct rd *, int *unb);

static void
group(struct rd *r, struct item *it)
{
	int look = 0, c;
	size_t k;

	it->type = I_BREAK;
	r->i++;				/* '(' */
	if (peek(r, 0) == '*') {	/* (*VERB) */
		/* (*ACCEPT) ends a match early: what follows is not needed */
		if (r->i + 7 <= r->n && memcmp(r->p + r->i, "*ACCEPT", 7) == 0)
			r->giveup = 1;
		skip_past(r, ')');
		return;
	}
	if (peek(r, 0) == '?') {
		r->i++;
		c = peek(r, 0);
		if (c == '#') {
			skip_past(r, ')');
			it->type = I_NONE;
			return;
		}
		if (c == ':' || c == '|' || c == '>') {
			it->atomic = c == '>';
			r->i++;
		} else if (c == '=' || c == '!') {
			look = 1;
			r->i++;
		} else if (c == '<' && (peek(r, 1) == '=' || peek(r, 1) == '!')) {
			look = 1;
			r->i += 2;
		} else if (c == '<' || c == '\'' || (c == 'P' &&
		    peek(r, 1) == '<')) {
			skip_past(r, c == '\'' ? '\'' : '>');
		} else if (c == '(' || c == 'R' || c == '&' || c == '+' ||
		    is_digit(c) || (c == 'P' && (peek(r, 1) == '>' ||
		    peek(r, 1) == '=')) ||
		    (c == '-' && is_digit(peek(r, 1)))) {
			/* conditions, recursion, subroutine calls */
			r->giveup |= c == '(';
			skip_past(r, ')');
			return;
		} else {
			/* inline options: (?i) (?i: (?-i) (?^) ... */
			int on = 1;

			for (k = 0; (c = peek(r, 0)) >= 0 && c != ')' &&
			    c != ':'; r->i++, k++) {
				if (c == '-')
					on = 0;
				else if (c == 'i' && on)
					r->caseless = 1;
				else if (c == 'x' && on)
					r->giveup = 1;
			}
			if (c == ')') {
				/* options change how what follows matches:
				 * end the literal run here */
				r->i++;
				it->type = I_BREAK;
				return;
			}
			r->i++;
		}
	}
	it->set = alternation(r, &it->unb);
	if (peek(r, 0) == ')')
		r->i++;
	if (look)
		set_free(&it->set);
	it->type = look ? I_BREAK : I_GROUP;
}

/* A quantifier at r->i: returns 1 and sets min and unbounded. */
static int
quantifier(struct rd *r, unsigned long *min, int *unbounded, int *possessive)
{
	size_t save = r->i;
	int c = peek(r, 0);

	*min = 0;
	*unbounded = 0;
	if (c == '*' || c == '+' || c == '?') {
		*min = c == '+';
		*unbounded = c != '?';
		r->i++;
	} else if (c == '{') {
		r->i++;
		while (is_digit(peek(r, 0)))
			*min = *min * 10 + (unsigned long)(r->p[r->i++] - '0');
		if (peek(r, 0) == ',') {
			r->i++;
			*unbounded = !is_digit(peek(r, 0));
			while (is_digit(peek(r, 0)))
				r->i++;
		}
		if (peek(r, 0) != '}' || r->i == save + 1) {
			r->i = save;		/* a literal '{' */
			return 0;
		}
		r->i++;
	} else
		return 0;
	*possessive = peek(r, 0) == '+';
	if (peek(r, 0) == '?' || peek(r, 0) == '+')
		r->i++;
	return 1;
}

static void
flush(struct rd *r, struct cp_buf *run, struct set *best)
{
	struct set one = any_set();

	if (run->len > 0 && set_add(r, &one, run->data, run->len) == 0)
		better(best, &one);
	set_free(&one);
	cp_buf_reset(run);
}

static struct set
sequence(struct rd *r, int *unb)
{
	struct cp_buf run = { 0 };
	struct set best = any_set();
	struct item it;
	unsigned long min;
	size_t at;
	int c, q, inf, poss;

	while ((c = peek(r, 0)) >= 0 && c != '|' && c != ')' && !r->nomem) {
		memset(&it, 0, sizeof(it));
		it.set = any_set();
		if (c == '\\' && peek(r, 1) == 'Q') {
			/* \Q...\E: every character literal */
			for (r->i += 2; r->i < r->n && !(r->p[r->i] == '\\' &&
			    peek(r, 1) == 'E'); r->i++) {
				if (r->caseless && (unsigned char)r->p[r->i] >=
				    0x80) {
					/* caseless non-ASCII: not modelled */
					flush(r, &run, &best);
					continue;
				}
				if (cp_buf_putc(&run, r->caseless && r->p[r->i] >=
				    'A' && r->p[r->i] <= 'Z' ? r->p[r->i] | 0x20 :
				    r->p[r->i]) != 0)
					r->nomem = 1;
			}
			r->i += 2;
			/* A quantifier after \E applies to the last
			 * character: keep the run up to it. */
			if (peek(r, 0) == '*' || peek(r, 0) == '+' ||
			    peek(r, 0) == '?' || peek(r, 0) == '{') {
				while (run.len > 0 && (run.data[run.len - 1] &
				    0xC0) == 0x80)
					run.len--;
				if (run.len > 0)
					run.len--;
				flush(r, &run, &best);
				(void)quantifier(r, &min, &inf, &poss);
			}
			continue;
		}
		if (c == '\\') {
			r->i++;
			escape(r, &it);
		} else if (c == '[') {
			char_class(r);
			it.type = I_BREAK;
		} else if (c == '(') {
			group(r, &it);
		} else if (c == '.' || c == '^' || c == '$') {
			r->i++;
			it.type = I_BREAK;
		} else {
			it.type = I_LIT;
			it.lit[it.nlit++] = (char)c;
			r->i++;
			while (c >= 0xC0 && (peek(r, 0) & 0xC0) == 0x80 &&
			    it.nlit < 4)
				it.lit[it.nlit++] = r->p[r->i++];
			if (c >= 0x80 && r->caseless)
				it.type = I_BREAK;
			else if (r->caseless && c >= 'A' && c <= 'Z')
				it.lit[0] = (char)(c | 0x20);
		}
		at = r->i;
		q = quantifier(r, &min, &inf, &poss);
		if (q && inf && !poss)
			*unb = 1;
		if (it.type == I_GROUP && q && inf && it.unb && !it.atomic &&
		    !poss && !r->has_nested) {
			r->has_nested = 1;
			r->nested = at;
		}
		if (it.type == I_GROUP && it.unb && !it.atomic)
			*unb = 1;
		switch (it.type) {
		case I_LIT:
			if (q && min == 0) {
				flush(r, &run, &best);
				break;
			}
			if (cp_buf_put(&run, it.lit, it.nlit) != 0)
				r->nomem = 1;
			if (q) {
				/* "ab+c" holds "ab" and "bc", not "abc" */
				flush(r, &run, &best);
				if (cp_buf_put(&run, it.lit, it.nlit) != 0)
					r->nomem = 1;
			}
			break;
		case I_GROUP:
			flush(r, &run, &best);
			if (q && min == 0)
				set_free(&it.set);
			else
				better(&best, &it.set);
			break;
		case I_BREAK:
			flush(r, &run, &best);
			break;
		default:
			break;
		}
		set_free(&it.set);
	}
	flush(r, &run, &best);
	cp_buf_free(&run);
	return best;
}

static struct set
alternation(struct rd *r, int *unb)
{
	struct set all = sequence(r, unb), next;
	size_t k;

	while (peek(r, 0) == '|' && !r->nomem) {
		r->i++;
		next = sequence(r, unb);
		if (all.any || next.any) {
			set_free(&all);
			set_free(&next);
			/* keep reading, for the nested check */
			continue;
		}
		for (k = 0; k < next.n && !all.any; k++)
			if (set_add(r, &all, next.s[k], next.len[k]) != 0)
				break;
		set_free(&next);
	}
	return all;
}

/* Does an inline option group turn caseless matching on: (?i), (?mi:,
 * (?^i) ...?  Then all literals are compared caseless (conservative). */
static int
inline_caseless(const char *p)
{
	const char *q;

	for (; (p = strstr(p, "(?")) != NULL; p += 2)
		for (q = p + 2; *q != '\0' && strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ^", *q) != NULL; q++)
			if (*q == 'i')
				return 1;
	return 0;
}

int
cp_lits_analyze(const char *pattern, int caseless, struct cp_lits *out)
{
	struct rd r;
	struct set s;
	int unb = 0;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	r.p = pattern;
	r.n = strlen(pattern);
	r.caseless = caseless || inline_caseless(pattern);
	s = alternation(&r, &unb);
	/* A stray ')' ends the top level early: read on for the lint. */
	while (r.i < r.n && !r.nomem) {
		struct set more;

		r.i++;
		more = alternation(&r, &unb);
		set_free(&more);
		set_free(&s);
	}
	out->has_nested = r.has_nested;
	out->nested = r.nested;
	out->caseless = r.caseless;
	if (r.nomem) {
		set_free(&s);
		return CP_ENOMEM;
	}
	if (r.giveup || s.any) {
		set_free(&s);
		return 0;
	}
	out->s = s.s;
	out->len = s.len;
	out->n = s.n;
	return 0;
}

void
cp_lits_free(struct cp_lits *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	free(l->len);
	memset(l, 0, sizeof(*l));
}
