/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake host tree (/sys, /proc, /dev, /etc, /lib/modules) in a temp
 * directory for the vfctl host unit tests; host.h reads it through its root
 * prefix.
 */
#ifndef VFCTL_FAKEROOT_H
#define VFCTL_FAKEROOT_H

#include <errno.h>
#include <stdbool.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "host.h"

static char fr_root[256];

/* @p = the fake root + @path; false when it does not fit. */
static inline bool fr_abs(char *p, size_t len, const char *path)
{
	int n = snprintf(p, len, "%s%s", fr_root, path);

	return n > 0 && (size_t)n < len;
}

static inline void fr_mkdirs(const char *dir)
{
	char p[1024], *s;

	if (!fr_abs(p, sizeof(p), dir))
		return;
	for (s = p + strlen(fr_root) + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

static inline void fr_parent(const char *path)
{
	char dir[1024];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = 0;
		fr_mkdirs(dir);
	}
}

static inline void fr_file(const char *path, const char *content)
{
	char p[1024];
	FILE *f;

	fr_parent(path);
	if (!fr_abs(p, sizeof(p), path))
		return;
	f = fopen(p, "w");
	if (!f) {
		printf("# fr_file %s: %s\n", p, strerror(errno));
		return;
	}
	fputs(content, f);
	fclose(f);
}

/* A symlink; @target is written verbatim (host.h only reads basenames). */
static inline void fr_link(const char *path, const char *target)
{
	char p[1024];

	fr_parent(path);
	if (!fr_abs(p, sizeof(p), path))
		return;
	unlink(p);
	if (symlink(target, p))
		printf("# fr_link %s: %s\n", p, strerror(errno));
}

static inline int fr_rm_one(const char *p, const struct stat *st, int flag,
		     struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* rm -r of @path inside the fake root. */
static inline void fr_rm(const char *path)
{
	char p[1024];

	if (!fr_abs(p, sizeof(p), path))
		return;
	nftw(p, fr_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline void fr_init(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(fr_root, sizeof(fr_root), "%s/vfctl-fakeroot-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fr_root)) {
		perror("mkdtemp");
		exit(2);
	}
	host_set_root(fr_root);
}

static inline void fr_cleanup(void)
{
	nftw(fr_root, fr_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A PCI function: class/vendor/device, driver ("" none), IOMMU group (-1 none). */
static inline void fr_pci(const char *addr, const char *cls, const char *ven,
		   const char *dev, const char *drv, int group)
{
	char p[256], t[256];

	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/class", addr);
	fr_file(p, cls);
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/vendor", addr);
	fr_file(p, ven);
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/device", addr);
	fr_file(p, dev);
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver", addr);
	if (drv && *drv) {
		snprintf(t, sizeof(t), "../../../bus/pci/drivers/%s", drv);
		fr_link(p, t);
	} else {
		fr_rm(p);
	}
	if (group < 0)
		return;
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/iommu_group", addr);
	snprintf(t, sizeof(t), "../../../kernel/iommu_groups/%d", group);
	fr_link(p, t);
	snprintf(p, sizeof(p), "/sys/kernel/iommu_groups/%d/devices/%s", group, addr);
	snprintf(t, sizeof(t), "../../../../devices/pci0000:00/%s", addr);
	fr_link(p, t);
}

/* /lib/modules/$(uname -r)/@file */
static inline void fr_modfile(const char *file, const char *content)
{
	struct utsname u;
	char p[512];

	uname(&u);
	snprintf(p, sizeof(p), "/lib/modules/%s/%s", u.release, file);
	fr_file(p, content);
}

#endif
