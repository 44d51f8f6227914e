// SPDX-License-Identifier: GPL-2.0
/* Naming a PF: PCI address, drm card name or index. Unit tested with a fake sysfs. */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pfaddr.h"

static int hexfield(const char **p, int maxdig, unsigned long *v)
{
	int n = 0;

	*v = 0;
	while (isxdigit((unsigned char)**p) && n < maxdig + 1) {
		int c = tolower((unsigned char)**p);

		*v = *v * 16 + (unsigned long)(isdigit(c) ? c - '0' : c - 'a' + 10);
		(*p)++;
		n++;
	}
	return n >= 1 && n <= maxdig ? 0 : -1;
}

int pfaddr_parse_pci(const char *s, char *out, size_t len)
{
	unsigned long f[4], dom = 0, bus, dev, fn;
	const char *p = s;
	int colons = 0;
	const char *q;

	for (q = s; *q; q++)
		colons += *q == ':';
	if (colons == 2) {
		if (hexfield(&p, 4, &f[0]) || *p++ != ':')
			return -1;
		dom = f[0];
	} else if (colons != 1) {
		return -1;
	}
	if (hexfield(&p, 2, &bus) || *p++ != ':')
		return -1;
	if (hexfield(&p, 2, &dev) || *p++ != '.')
		return -1;
	if (!isdigit((unsigned char)*p) || p[1])
		return -1;
	fn = (unsigned long)(*p - '0');
	if (dev > 0x1f || fn > 7)
		return -1;
	if (snprintf(out, len, "%04lx:%02lx:%02lx.%lu", dom, bus, dev, fn) >= (int)len)
		return -1;
	return 0;
}

enum pfaddr_kind pfaddr_classify(const char *s, char *norm, size_t len,
				 unsigned int *index)
{
	const char *p;

	if (!s || !*s)
		return PFADDR_INVALID;
	if (!strncmp(s, "card", 4) && s[4]) {
		for (p = s + 4; *p; p++)
			if (!isdigit((unsigned char)*p))
				return PFADDR_INVALID;
		if (strlen(s) >= len || strlen(s) > 10)
			return PFADDR_INVALID;
		strcpy(norm, s);
		return PFADDR_CARD;
	}
	for (p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			break;
	if (!*p) {
		if (strlen(s) > 4)
			return PFADDR_INVALID;
		*index = (unsigned int)atoi(s);
		return PFADDR_INDEX;
	}
	if (!pfaddr_parse_pci(s, norm, len))
		return PFADDR_PCI;
	return PFADDR_INVALID;
}

/*
 * No /sys/class/drm/cardN (a driver that cannot register the drm class, as
 * the simulated PF): look for <pci device>/drm/cardN instead.
 */
static int card_by_pci_scan(const char *sysroot, const char *card, char *out,
			    size_t len)
{
	char path[PATH_MAX];
	struct dirent *de;
	int rc = -1;
	DIR *d;

	snprintf(path, sizeof(path), "%s/bus/pci/devices", sysroot);
	d = opendir(path);
	if (!d)
		return -1;
	while (rc && (de = readdir(d))) {
		char p[PATH_MAX + 300];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s/drm/%s", path, de->d_name, card);
		if (!stat(p, &st) && S_ISDIR(st.st_mode))
			rc = pfaddr_parse_pci(de->d_name, out, len);
	}
	closedir(d);
	return rc;
}

int pfaddr_card_to_pci(const char *sysroot, const char *card, char *out,
		       size_t len)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/class/drm/%s/device", sysroot, card);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return card_by_pci_scan(sysroot, card, out, len);
	link[n] = 0;
	base = strrchr(link, '/');
	base = base ? base + 1 : link;
	return pfaddr_parse_pci(base, out, len);
}

int pfaddr_pci_to_card(const char *sysroot, const char *pci, char *out,
		       size_t len)
{
	char path[PATH_MAX];
	struct dirent *de;
	long best = -1;
	DIR *d;

	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/drm", sysroot, pci);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char *end;
		long v;

		if (strncmp(de->d_name, "card", 4) || !de->d_name[4])
			continue;
		v = strtol(de->d_name + 4, &end, 10);
		if (*end || v < 0)
			continue;
		if (best < 0 || v < best)
			best = v;
	}
	closedir(d);
	if (best < 0)
		return -1;
	snprintf(out, len, "card%ld", best);
	return 0;
}

int pfaddr_resolve(const char *sysroot, const char *spec,
		   const char *const *addrs, int n, char *out, size_t len,
		   char *err, size_t errlen)
{
	char norm[64];
	unsigned int idx = 0;
	int i;

	switch (pfaddr_classify(spec, norm, sizeof(norm), &idx)) {
	case PFADDR_INDEX:
		if ((int)idx >= n) {
			snprintf(err, errlen, "no PF with index %u (%d PF%s known, see `vfctl list`)",
				 idx, n, n == 1 ? "" : "s");
			return 3;
		}
		snprintf(out, len, "%s", addrs[idx]);
		return 0;
	case PFADDR_CARD: {
		char pci[64];

		if (pfaddr_card_to_pci(sysroot, norm, pci, sizeof(pci))) {
			snprintf(err, errlen, "no drm device %s (%s/class/drm/%s/device)",
				 norm, sysroot, norm);
			return 3;
		}
		memcpy(norm, pci, sizeof(pci));
		break;
	}
	case PFADDR_PCI:
		break;
	default:
		snprintf(err, errlen,
			 "'%s' is not a PF: use a PCI address (0000:4d:00.0), a drm card (card0) or an index from `vfctl list`",
			 spec ? spec : "");
		return 2;
	}
	for (i = 0; i < n; i++)
		if (!strcmp(addrs[i], norm)) {
			snprintf(out, len, "%s", norm);
			return 0;
		}
	snprintf(err, errlen, "%s is not a PF known to vfprov (see `vfctl list`)", norm);
	return 3;
}
