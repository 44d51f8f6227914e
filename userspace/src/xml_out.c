// SPDX-License-Identifier: GPL-2.0
/* The XML writer of xml_out.h. Pure, unit tested (test_vfctl_xml.c). */
#include <string.h>

#include "xml_out.h"

char *xml_escape(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return buf;
	for (; *s; s++) {
		const char *rep = NULL;
		char one[2] = { *s, 0 };
		size_t n;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default: rep = one; break;
		}
		n = strlen(rep);
		if (o + n >= len)
			break;
		memcpy(buf + o, rep, n);
		o += n;
	}
	buf[o] = 0;
	return buf;
}

static void indent(struct xw *w)
{
	int i;

	for (i = 0; i < w->depth; i++)
		fputs("  ", w->f);
}

/* Close the pending start tag before content. */
static void close_open(struct xw *w, bool newline)
{
	if (!w->open)
		return;
	fputs(newline ? ">\n" : ">", w->f);
	w->open = false;
}

static void put_escaped(struct xw *w, const char *s)
{
	char buf[512];

	/* in chunks: xml_escape never splits an entity */
	while (*s) {
		size_t n = strnlen(s, 80);
		char part[81];

		memcpy(part, s, n);
		part[n] = 0;
		fputs(xml_escape(part, buf, sizeof(buf)), w->f);
		s += n;
	}
}

void xw_init(struct xw *w, FILE *f)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
}

void xw_start(struct xw *w, const char *name)
{
	if (w->depth >= XW_DEPTH || w->inline_text) {
		w->err = true;
		return;
	}
	close_open(w, true);
	indent(w);
	fprintf(w->f, "<%s", name);
	w->stack[w->depth++] = name;
	w->open = true;
}

void xw_attr(struct xw *w, const char *name, const char *value)
{
	if (!w->open) {
		w->err = true;
		return;
	}
	fprintf(w->f, " %s=\"", name);
	put_escaped(w, value);
	fputc('"', w->f);
}

void xw_text(struct xw *w, const char *text)
{
	if (!w->depth || (!w->open && !w->inline_text)) {
		w->err = true;
		return;
	}
	close_open(w, false);
	put_escaped(w, text);
	w->inline_text = true;
}

void xw_end(struct xw *w)
{
	const char *name;

	if (!w->depth) {
		w->err = true;
		return;
	}
	name = w->stack[--w->depth];
	if (w->open) {
		fputs("/>\n", w->f);
		w->open = false;
		return;
	}
	if (!w->inline_text)
		indent(w);
	fprintf(w->f, "</%s>\n", name);
	w->inline_text = false;
}

void xw_comment(struct xw *w, const char *text)
{
	size_t n = strlen(text);

	if (strstr(text, "--") || (n && text[n - 1] == '-') || w->inline_text) {
		w->err = true;
		return;
	}
	close_open(w, true);
	indent(w);
	fprintf(w->f, "<!-- %s -->\n", text);
}

int xw_finish(struct xw *w)
{
	return w->err || w->depth || ferror(w->f) ? -1 : 0;
}
