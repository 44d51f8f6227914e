/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_PFADDR_H
#define VFCTL_PFADDR_H

#include <stddef.h>

enum pfaddr_kind {
	PFADDR_INVALID,
	PFADDR_PCI,	/* 0000:4d:00.0 or 4d:00.0 */
	PFADDR_CARD,	/* card0 */
	PFADDR_INDEX,	/* 0, 1, ... in `vfctl list` order */
};

/* Normalise a PCI address to "dddd:bb:dd.f" (lower-case hex). 0 or -1. */
int pfaddr_parse_pci(const char *s, char *out, size_t len);

/* What @s names; PCI -> @norm, CARD -> @norm = "cardN", INDEX -> *@index. */
enum pfaddr_kind pfaddr_classify(const char *s, char *norm, size_t len,
				 unsigned int *index);

/* @sysroot is "/sys" outside unit tests. */
int pfaddr_card_to_pci(const char *sysroot, const char *card, char *out,
		       size_t len);
int pfaddr_pci_to_card(const char *sysroot, const char *pci, char *out,
		       size_t len);

/*
 * Resolve @spec against @addrs (the sorted PF addresses the kernel knows).
 * Returns 0 with the address in @out, 2 for a malformed @spec, 3 if it
 * names no known PF; @err says why.
 */
int pfaddr_resolve(const char *sysroot, const char *spec,
		   const char *const *addrs, int n, char *out, size_t len,
		   char *err, size_t errlen);

#endif
