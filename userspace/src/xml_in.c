// SPDX-License-Identifier: GPL-2.0
/* The XML reader of xml_in.h. Pure, unit tested (test_vfctl_hook.c). */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_in.h"

struct rd {
	const char *s, *p;
	char *err;
	size_t errlen;
	int depth;
	int roots;
	char stack[XML_MAX_DEPTH][64];
};

static int fail(struct rd *r, const char *why)
{
	snprintf(r->err, r->errlen, "offset %ld: %s", (long)(r->p - r->s), why);
	return -1;
}

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == ':' || c == '-' ||
	       c == '.' || (unsigned char)c >= 0x80;
}

static int read_name(struct rd *r, char *out, size_t len)
{
	size_t n = 0;

	if (!name_char(*r->p) || isdigit((unsigned char)*r->p) || *r->p == '-' ||
	    *r->p == '.')
		return fail(r, "expected a name");
	while (name_char(*r->p)) {
		if (n + 1 >= len)
			return fail(r, "name too long");
		out[n++] = *r->p++;
	}
	out[n] = 0;
	return 0;
}

static void skip_ws(struct rd *r)
{
	while (isspace((unsigned char)*r->p))
		r->p++;
}

/* Skip up to and past @end; -1 if the text ends first. */
static int skip_past(struct rd *r, const char *end, const char *what)
{
	const char *e = strstr(r->p, end);

	if (!e)
		return fail(r, what);
	r->p = e + strlen(end);
	return 0;
}

static int entity(struct rd *r, char *out)
{
	static const struct { const char *n; char c; } pre[] = {
		{ "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' },
		{ "quot;", '"' }, { "apos;", '\'' },
	};
	unsigned long v;
	char *end;
	size_t i;

	r->p++;		/* '&' */
	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (!strncmp(r->p, pre[i].n, strlen(pre[i].n))) {
			*out = pre[i].c;
			r->p += strlen(pre[i].n);
			return 0;
		}
	if (*r->p != '#')
		return fail(r, "unknown entity");
	r->p++;
	v = *r->p == 'x' ? strtoul(r->p + 1, &end, 16) : strtoul(r->p, &end, 10);
	if (end == r->p || (*r->p == 'x' && end == r->p + 1) || *end != ';' || !v)
		return fail(r, "bad character reference");
	*out = v < 0x80 ? (char)v : '?';	/* vfctl compares ASCII only */
	r->p = end + 1;
	return 0;
}

static int read_value(struct rd *r, char *out, size_t len)
{
	char q = *r->p;
	size_t n = 0;

	if (q != '"' && q != '\'')
		return fail(r, "expected a quoted attribute value");
	r->p++;
	while (*r->p != q) {
		char c = *r->p;

		if (!c)
			return fail(r, "unterminated attribute value");
		if (c == '<')
			return fail(r, "'<' in an attribute value");
		if (c == '&') {
			if (entity(r, &c))
				return -1;
		} else {
			r->p++;
		}
		if (n + 1 < len)
			out[n++] = c;
	}
	out[n] = 0;
	r->p++;
	return 0;
}

static int start_tag(struct rd *r, const struct xml_cb *cb)
{
	struct xml_attr attrs[XML_MAX_ATTRS];
	char name[64];
	int n = 0, rc, i;

	if (read_name(r, name, sizeof(name)))
		return -1;
	for (;;) {
		const char *before = r->p;

		skip_ws(r);
		if (*r->p == '>' || (r->p[0] == '/' && r->p[1] == '>'))
			break;
		if (r->p == before)
			return fail(r, "expected whitespace before an attribute");
		if (n == XML_MAX_ATTRS)
			return fail(r, "too many attributes");
		if (read_name(r, attrs[n].name, sizeof(attrs[n].name)))
			return -1;
		for (i = 0; i < n; i++)
			if (!strcmp(attrs[i].name, attrs[n].name))
				return fail(r, "attribute repeated");
		skip_ws(r);
		if (*r->p++ != '=')
			return fail(r, "expected '='");
		skip_ws(r);
		if (read_value(r, attrs[n].value, sizeof(attrs[n].value)))
			return -1;
		n++;
	}
	if (!r->depth && r->roots++)
		return fail(r, "a second root element");
	if (r->depth == XML_MAX_DEPTH)
		return fail(r, "nested too deep");
	rc = cb->start ? cb->start(cb->arg, r->depth, name, attrs, n) : 0;
	if (rc)
		return rc;
	if (*r->p == '/') {
		r->p += 2;
		return cb->end ? cb->end(cb->arg, r->depth, name) : 0;
	}
	r->p++;
	memcpy(r->stack[r->depth++], name, sizeof(name));
	return 0;
}

static int end_tag(struct rd *r, const struct xml_cb *cb)
{
	char name[64];

	if (read_name(r, name, sizeof(name)))
		return -1;
	skip_ws(r);
	if (*r->p++ != '>')
		return fail(r, "expected '>'");
	if (!r->depth || strcmp(r->stack[r->depth - 1], name))
		return fail(r, "end tag does not match");
	r->depth--;
	return cb->end ? cb->end(cb->arg, r->depth, name) : 0;
}

static int markup(struct rd *r, const struct xml_cb *cb)
{
	r->p++;		/* '<' */
	if (!strncmp(r->p, "!--", 3))
		return skip_past(r, "-->", "unterminated comment");
	if (!strncmp(r->p, "![CDATA[", 8))
		return r->depth ? skip_past(r, "]]>", "unterminated CDATA") :
				  fail(r, "CDATA outside the root");
	if (*r->p == '?')
		return skip_past(r, "?>", "unterminated processing instruction");
	if (!strncmp(r->p, "!DOCTYPE", 8)) {
		const char *e = strchr(r->p, '>'), *b = strchr(r->p, '[');

		if (r->roots)
			return fail(r, "DOCTYPE after the root");
		if (!e || (b && b < e))
			return fail(r, "a DOCTYPE with an internal subset is not read");
		r->p = e + 1;
		return 0;
	}
	if (*r->p == '/') {
		r->p++;
		return end_tag(r, cb);
	}
	return start_tag(r, cb);
}

int xml_parse(const char *text, const struct xml_cb *cb, char *err, size_t errlen)
{
	struct rd *r = calloc(1, sizeof(*r));
	int rc = 0;

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->s = r->p = text;
	r->err = err;
	r->errlen = errlen;
	while (!rc && *r->p) {
		if (*r->p == '<')
			rc = markup(r, cb);
		else if (!r->depth && !isspace((unsigned char)*r->p))
			rc = fail(r, "text outside the root element");
		else
			r->p++;
	}
	if (!rc && (r->depth || !r->roots))
		rc = fail(r, r->depth ? "unclosed element" : "no root element");
	free(r);
	return rc;
}

const char *xml_attr_get(const struct xml_attr *attrs, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(attrs[i].name, name))
			return attrs[i].value;
	return NULL;
}
