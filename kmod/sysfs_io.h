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

/*
 * A directory held for the length of a transaction (a PF's), so that the
 * paths under its name open in that very directory: kernfs never reuses a
 * node, so once the device is removed they fail with -ENOENT, even when a
 * new device appeared at the same address. Paths keep their full names
 * (messages and fault matching see no difference).
 */
struct file;

struct vfprov_sysfs_dir {
	struct file *dir;		/* O_PATH, held while .len != 0 */
	char name[64];			/* from the sysfs root, no trailing / */
	size_t len;
};

int vfprov_sysfs_anchor(struct vfprov_sysfs_dir *d, const char *name);
void vfprov_sysfs_unanchor(struct vfprov_sysfs_dir *d);

int vfprov_sysfs_init(void);
void vfprov_sysfs_exit(void);

/*
 * The _in() variants open a path under @d's name inside @d (NULL or an
 * unanchored @d: from the sysfs root, as the plain ones do).
 */
/* Remove the blanks around the string in @buf, in place. */
void vfprov_strip(char *buf);
/* Read an attribute, NUL-terminated, blanks around it removed. */
int vfprov_sysfs_read_in(const struct vfprov_sysfs_dir *d, const char *path,
			 char *buf, size_t len);
int vfprov_sysfs_read_u64_in(const struct vfprov_sysfs_dir *d,
			     const char *path, u64 *val);
/* One write(2) of @val; returns 0 or the store's negative errno. */
int vfprov_sysfs_write_in(const struct vfprov_sysfs_dir *d, const char *path,
			  const char *val);
bool vfprov_sysfs_exists_in(const struct vfprov_sysfs_dir *d,
			    const char *path);
/*
 * Find an entry of directory @dir whose name starts with @prefix and
 * that has a child @child; its name goes to @out.
 */
int vfprov_sysfs_find_in(const struct vfprov_sysfs_dir *d, const char *dir,
			 const char *prefix, const char *child, char *out,
			 size_t len);

/*
 * debugfs through a private mount made at load (none: -ENODEV), with the
 * module's credentials, like the sysfs files.
 */
int vfprov_debugfs_read(const char *path, char *buf, size_t len);
struct file *vfprov_debugfs_open(const char *path, int flags);

/*
 * Read or write a debugfs attribute of another driver (xe's
 * DEFINE_DEBUGFS_ATTRIBUTE files and the like), whose .read/.write copy
 * from and to user memory and have no _iter variant: the value passes
 * through a page mapped for the call in the calling task's address space,
 * or in the one a transaction worker borrowed (vfprov_uaccess_begin()).
 * -EOPNOTSUPP when there is none (a kernel thread of its own), -ENODEV
 * without a debugfs mount, -EPERM when the file cannot be opened (kernel
 * lockdown), else the driver's errno. Reads strip blanks like sysfs reads.
 */
int vfprov_debugfs_attr_read(const char *path, char *buf, size_t len);
int vfprov_debugfs_attr_write(const char *path, const char *val);
bool vfprov_debugfs_exists(const char *path);

struct mm_struct;
/*
 * A worker runs a transaction in the address space of the task that asked
 * for it (its mm referenced by the job): debugfs attribute I/O needs one.
 */
void vfprov_uaccess_begin(struct mm_struct *mm);
void vfprov_uaccess_end(struct mm_struct *mm);

static inline int vfprov_sysfs_read(const char *path, char *buf, size_t len)
{
	return vfprov_sysfs_read_in(NULL, path, buf, len);
}

static inline int vfprov_sysfs_read_u64(const char *path, u64 *val)
{
	return vfprov_sysfs_read_u64_in(NULL, path, val);
}

static inline int vfprov_sysfs_write(const char *path, const char *val)
{
	return vfprov_sysfs_write_in(NULL, path, val);
}

#endif /* _VFPROV_SYSFS_IO_H */
