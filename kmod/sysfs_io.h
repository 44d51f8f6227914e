/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysfs_io: read and write other drivers' sysfs attributes through a
 * private, kernel-internal mount of sysfs, so that the caller's mount
 * namespace (a container, /sys absent or read-only) does not matter.
 *
 * Paths are relative to the sysfs root: "bus/pci/devices/0000:01:00.0/...".
 */
#ifndef _VFPROV_SYSFS_IO_H
#define _VFPROV_SYSFS_IO_H

#include <linux/types.h>

#define VFPROV_PATH_LEN		160
#define VFPROV_VAL_LEN		32

int vfprov_sysfs_init(void);
void vfprov_sysfs_exit(void);

/* Read an attribute, NUL-terminated, trailing newline removed. */
int vfprov_sysfs_read(const char *path, char *buf, size_t len);
int vfprov_sysfs_read_u64(const char *path, u64 *val);
/* One write(2) of @val; returns 0 or the store's negative errno. */
int vfprov_sysfs_write(const char *path, const char *val);
bool vfprov_sysfs_exists(const char *path);
/*
 * Find an entry of directory @dir whose name starts with @prefix and
 * that has a child @child; its name goes to @out.
 */
int vfprov_sysfs_find(const char *dir, const char *prefix, const char *child,
		      char *out, size_t len);

#endif /* _VFPROV_SYSFS_IO_H */
