/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_XML_OUT_H
#define VFCTL_XML_OUT_H

#include <stdbool.h>
#include <stdio.h>

/*
 * A small XML writer for the libvirt exporters: elements nest, attribute
 * values and text are escaped, comments cannot end early. Element names
 * are the caller's constants. Indented by two spaces per level.
 */
#define XW_DEPTH 16

struct xw {
	FILE *f;
	int depth;
	bool open;			/* "<name ..." written, '>' not yet */
	bool inline_text;		/* the open element holds text */
	bool err;			/* nesting misuse or a bad comment */
	const char *stack[XW_DEPTH];
};

void xw_init(struct xw *w, FILE *f);
void xw_start(struct xw *w, const char *name);
void xw_attr(struct xw *w, const char *name, const char *value);
/* Text content of the current element (written inline: <a>text</a>). */
void xw_text(struct xw *w, const char *text);
void xw_end(struct xw *w);
/* <!-- text --> on its own line; "--" in @text is an error. */
void xw_comment(struct xw *w, const char *text);
/* 0 if every element was closed and nothing was misused. */
int xw_finish(struct xw *w);

/* Escape @s for an attribute value or text: & < > " ' (cut at @len). */
char *xml_escape(const char *s, char *buf, size_t len);

#endif
