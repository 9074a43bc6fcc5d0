/*
 * t_record.c -- the JSON reader and writer.
 *
 * Besides fixed cases, a differential test: random mutations of valid
 * records must be accepted or rejected by our reader exactly as jansson
 * (the reference) does, and accepted ones must give the same values.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "cp.h"
#include "buf.h"
#include "omap.h"
#include "record.h"

static int
str_is(struct cp_buf *b, const char *want)
{
	int ok = strlen(want) == b->len && memcmp(b->data, want, b->len) == 0;

	if (!ok)
		fprintf(stderr, "  got  [%.*s]\n  want [%s]\n", (int)b->len,
		    b->data, want);
	return ok;
}

static int
parses(struct cp_rec *r, const char *s)
{
	struct cp_diag d;

	cp_diag_clear(&d);
	return cp_rec_parse(r, s, strlen(s), &d) == 0;
}

static void
fixed(struct cp_rec *r)
{
	static const char *const skip[] = { "id", "text", NULL };
	const char line[] = "{\"id\":7,\"text\":\"a\\u0000b\\u00e9\\ud83d\\ude00"
	    "\",\"x\": [1, {\"y\" : null}],\"big\":1.50,\"huge\":123456789012"
	    "34567890123,\"s\":\"\\\"q\\\"\",\"s\":\"last\"}";
	struct cp_diag d;
	struct cp_buf b = { 0 };
	struct cp_omap m = { 0 };
	const char *s;
	size_t len;

	cp_diag_clear(&d);
	CHECK(cp_rec_parse(r, line, sizeof(line) - 1, &d) == 0);
	CHECK(cp_rec_str(r, "text", &s, &len) == 0 && len == 9 &&
	    memcmp(s, "a\0b\xC3\xA9\xF0\x9F\x98\x80", 9) == 0);
	CHECK(cp_rec_str(r, "id", &s, &len) == CP_EINPUT);
	CHECK(cp_rec_str(r, "nope", &s, &len) == -1);
	CHECK(cp_rec_str(r, "s", &s, &len) == 0 && len == 4);	/* last wins */
	CHECK(cp_rec_text(r, "id", &b) == 0 && str_is(&b, "7"));
	cp_buf_reset(&b);
	CHECK(cp_rec_text(r, "big", &b) == CP_EINPUT);
	CHECK(cp_rec_has(r, "x") && !cp_rec_has(r, "z"));
	/* pass-through: as written, compacted, repeated key once */
	CHECK(cp_rec_write_rest(r, &b, skip) == 0);
	CHECK(str_is(&b, ",\"x\":[1,{\"y\":null}],\"big\":1.50,\"huge\":"
	    "12345678901234567890123,\"s\":\"last\""));

	/* malformed input: a position and a reason */
	CHECK(cp_rec_parse(r, "{\"a\":", 5, &d) == CP_EINPUT && d.col == 6);
	CHECK(strstr(d.msg, "malformed JSON") != NULL);
	CHECK(!parses(r, "[1]"));
	CHECK(!parses(r, "{\"a\":\"\xff\"}"));
	CHECK(!parses(r, "{\"a\":\"\\ud800\"}"));
	CHECK(!parses(r, "{\"\\u0000\":1}"));
	CHECK(!parses(r, "{\"a\":1} x"));
	CHECK(!parses(r, "{\"a\":01}"));
	CHECK(!parses(r, "{\"a\":\"tab\there\"}"));
	CHECK(cp_rec_parse(r, "{\"a\":1}\0", 8, &d) == CP_EINPUT);
	CHECK(parses(r, " {} "));

	/* deep nesting is refused, not a stack overflow */
	cp_buf_reset(&b);
	cp_buf_puts(&b, "{\"a\":");
	for (len = 0; len < 100000; len++)
		cp_buf_putc(&b, '[');
	CHECK(cp_rec_parse(r, b.data, b.len, &d) == CP_EINPUT &&
	    strstr(d.msg, "nested") != NULL);

	/* writing */
	cp_buf_reset(&b);
	CHECK(cp_json_str(&b, "a\"\\\n\t\x01\x7f\xC3\xA9/0123456789", 20) == 0);
	CHECK(str_is(&b, "\"a\\\"\\\\\\n\\t\\u0001\\u007f\xC3\xA9/0123456789\""));
	cp_buf_reset(&b);
	CHECK(cp_json_str(&b, "", 0) == 0 && str_is(&b, "\"\""));
	cp_buf_reset(&b);
	cp_omap_reset(&m, 0);
	CHECK(cp_json_map(&b, &m) == 0 && str_is(&b, "[]"));
	cp_omap_emit(&m, 1, 3, 1);
	cp_omap_finish(&m);
	cp_buf_reset(&b);
	CHECK(cp_json_map(&b, &m) == 0 && str_is(&b, "[0,0,1,1,3,0]"));
	cp_omap_free(&m);
	cp_buf_free(&b);
}

/* Pieces that make valid records, and bytes that break them. */
static const char *const atoms[] = {
	"\"plain\"", "\"esc \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "\"\\u00e9\\u20ac\"",
	"\"\\ud83d\\ude00\"", "\"caf\xC3\xA9\"", "0", "-12", "3.25", "1e-7",
	"-0.5E+3", "true", "false", "null", "[]", "{}", "[1, \"a\", [null]]",
	"{\"k\": {\"k2\": [true]}}", "\"\"",
};
static const char breakers[] = "\"\\{}[]:,0-.eE \t\x01\xC3\xFF" "ux";

static void
differential(struct cp_rec *r)
{
	struct cp_buf line = { 0 }, got = { 0 };
	struct cp_diag d;
	json_error_t e;
	json_t *j, *v;
	const char *s;
	size_t len, pos;
	int iter, k, n, ours, theirs, disagree = 0, differ = 0;
	char key[16];

	srand(4242);
	for (iter = 0; iter < 20000; iter++) {
		cp_buf_reset(&line);
		cp_buf_putc(&line, '{');
		n = rand() % 5;
		for (k = 0; k < n; k++) {
			snprintf(key, sizeof(key), "%s\"k%d\": ", k ? ", " : "",
			    rand() % 4);
			cp_buf_puts(&line, key);
			cp_buf_puts(&line, atoms[rand() % (sizeof(atoms) /
			    sizeof(atoms[0]))]);
		}
		cp_buf_putc(&line, '}');
		/* Break a third of them in one place. */
		if (rand() % 3 == 0 && line.len > 0) {
			pos = (size_t)rand() % line.len;
			switch (rand() % 3) {
			case 0:
				line.data[pos] = breakers[rand() %
				    (sizeof(breakers) - 1)];
				break;
			case 1:
				memmove(line.data + pos, line.data + pos + 1,
				    line.len - pos);
				line.len--;
				break;
			default:
				line.len = pos;
				break;
			}
		}
		cp_diag_clear(&d);
		ours = cp_rec_parse(r, line.data, line.len, &d) == 0;
		j = json_loadb(line.data, line.len, JSON_ALLOW_NUL, &e);
		theirs = j != NULL && json_is_object(j);
		if (ours != theirs) {
			if (disagree++ < 3)
				fprintf(stderr, "  ours %d jansson %d: [%.*s]\n",
				    ours, theirs, (int)line.len, line.data);
		} else if (ours) {
			/* Same string values for every key. */
			for (k = 0; k < 4; k++) {
				snprintf(key, sizeof(key), "k%d", k);
				v = json_object_get(j, key);
				if ((v != NULL) != cp_rec_has(r, key))
					differ++;
				if (v == NULL || !json_is_string(v))
					continue;
				if (cp_rec_str(r, key, &s, &len) != 0 ||
				    len != json_string_length(v) ||
				    memcmp(s, json_string_value(v), len) != 0)
					differ++;
			}
		}
		json_decref(j);
	}
	CHECK(disagree == 0);
	CHECK(differ == 0);
	cp_buf_free(&line);
	cp_buf_free(&got);
}

int
main(void)
{
	struct cp_rec *r = cp_rec_new();

	CHECK(r != NULL);
	fixed(r);
	differential(r);
	cp_rec_free(r);
	cp_rec_free(NULL);
	return DONE("t_record");
}
