// SPDX-License-Identifier: GPL-2.0
/* Kernel arguments and the grub drop-in (see grub.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "grub.h"
#include "host.h"

static bool hex4(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool kargs_ids_valid(const char *ids)
{
	const char *p = ids;

	if (!p || !*p)
		return false;
	for (;;) {
		if (!hex4(p) || p[4] != ':' || !hex4(p + 5))
			return false;
		p += 9;
		if (!*p)
			return true;
		if (*p++ != ',')
			return false;
	}
}

bool kargs_devids_valid(const char *ids)
{
	const char *p = ids;

	if (!p || !*p)
		return false;
	for (;;) {
		if (!hex4(p))
			return false;
		p += 4;
		if (!*p)
			return true;
		if (*p++ != ',')
			return false;
	}
}

/* "!56c0,!56c1" for "56c0,56c1": i915 must leave them to xe. */
static void i915_blocks(const char *ids, char *buf, size_t len)
{
	const char *p;

	buf[0] = 0;
	for (p = ids; *p; p += p[4] ? 5 : 4)
		str_append(buf, len, "%s!%.4s", buf[0] ? "," : "", p);
}

/* sriov on xe: xe.max_vfs, and xe.force_probe for the platforms that need it. */
static int kargs_xe(const struct kargs *k, const char *iommu, char *buf,
		    size_t len, char *err, size_t errlen)
{
	char block[128];

	if (!k->force_probe)
		return snprintf(buf, len, "%s iommu=pt xe.max_vfs=%u", iommu, k->vfs);
	if (!kargs_devids_valid(k->force_probe) || strlen(k->force_probe) > 64) {
		snprintf(err, errlen, "bad device ids '%s' for xe.force_probe: want DDDD[,DDDD]",
			 k->force_probe);
		return -1;
	}
	i915_blocks(k->force_probe, block, sizeof(block));
	return snprintf(buf, len, "%s iommu=pt xe.max_vfs=%u xe.force_probe=%s i915.force_probe=%s",
			iommu, k->vfs, k->force_probe, block);
}

int kargs_build(const struct kargs *k, char *buf, size_t len, char *err,
		size_t errlen)
{
	const char *iommu = k->amd ? "amd_iommu=on" : "intel_iommu=on";
	int n;

	if (k->passthrough) {
		if (!kargs_ids_valid(k->ids)) {
			snprintf(err, errlen, "bad device ids '%s': want VVVV:DDDD[,VVVV:DDDD]",
				 k->ids ? k->ids : "");
			return -1;
		}
		n = snprintf(buf, len, "%s iommu=pt vfio-pci.ids=%s", iommu, k->ids);
	} else {
		if (k->vfs < 1 || k->vfs > 255) {
			snprintf(err, errlen, "--vfs wants 1..255, not %u", k->vfs);
			return -1;
		}
		n = k->xe ? kargs_xe(k, iommu, buf, len, err, errlen) :
		    snprintf(buf, len, "%s iommu=pt i915.max_vfs=%u", iommu, k->vfs);
		if (n == -1 && k->xe)	/* err says why */
			return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, "arguments too long");
		return -1;
	}
	return 0;
}

int grub_dropin_text(const char *args, const char *mode, char *buf,
		     size_t len)
{
	int n = snprintf(buf, len,
			 "# Written by `vfctl kernel-args --mode %s --apply`; rerun it to change.\n"
			 "# Removing this file (then update-grub) drops the arguments again.\n"
			 "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX %s\"\n",
			 mode, args);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static bool same_content(const char *path, const char *text)
{
	char cur[4096];
	size_t want = strlen(text);
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, cur, sizeof(cur));
	close(fd);
	return n >= 0 && (size_t)n == want && !memcmp(cur, text, want);
}

static int write_all(int fd, const char *text)
{
	size_t len = strlen(text), off = 0;

	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		off += (size_t)n;
	}
	return fsync(fd) ? -errno : 0;
}

/* The directory part of @path ("/etc/default/grub.d" of its drop-in). */
static void dir_of(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;

	snprintf(dir, len, "%.*s", (int)n, path);
}

int host_replace(const char *file, const char *text)
{
	char path[HOST_PATH_MAX], tmp[HOST_PATH_MAX + 8], dir[HOST_PATH_MAX];
	int fd, rc;

	if (host_path(path, sizeof(path), "%s", file))
		return -ENAMETOOLONG;
	if (same_content(path, text))
		return GRUB_UNCHANGED;
	dir_of(file, dir, sizeof(dir));
	rc = dir[0] ? host_mkdirs(dir) : 0;
	if (rc)
		return rc;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	rc = write_all(fd, text);
	close(fd);
	/* rename: the boot loader's tools never see a half-written file. */
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc ? rc : GRUB_WRITTEN;
}

bool host_same_content(const char *file, const char *text)
{
	char path[HOST_PATH_MAX];

	return !host_path(path, sizeof(path), "%s", file) &&
	       same_content(path, text);
}

int grub_write_dropin(const char *text)
{
	return host_replace(GRUB_DROPIN, text);
}
