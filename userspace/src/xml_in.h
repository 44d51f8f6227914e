/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_XML_IN_H
#define VFCTL_XML_IN_H

#include <stddef.h>

/*
 * A small XML reader for the one document vfctl reads: the domain XML
 * libvirt hands a hook. Elements and attributes only (text is skipped);
 * comments, processing instructions and CDATA are skipped; a DOCTYPE with
 * an internal subset (entity definitions) is refused, as is any entity but
 * the five predefined ones and character references. Not a general parser:
 * no namespaces, no encodings but ASCII/UTF-8 passed through.
 */
#define XML_MAX_ATTRS 16
#define XML_MAX_DEPTH 64

struct xml_attr {
	char name[64];
	char value[256];
};

struct xml_cb {
	/* return non-zero to stop (xml_parse() returns that value) */
	int (*start)(void *arg, int depth, const char *name,
		     const struct xml_attr *attrs, int nattrs);
	int (*end)(void *arg, int depth, const char *name);
	void *arg;
};

/* 0, a callback's non-zero value, or -1 with "offset N: reason" in @err. */
int xml_parse(const char *text, const struct xml_cb *cb, char *err, size_t errlen);

/* The value of attribute @name, or NULL. */
const char *xml_attr_get(const struct xml_attr *attrs, int n, const char *name);

#endif
