// SPDX-License-Identifier: GPL-2.0
/*
 * Private sysfs mount and file I/O on it.
 *
 * The mount is made once at module load with kern_mount() of the "sysfs"
 * file system type and dropped at unload. Files are opened relative to its
 * root with file_open_root() (".." and symlinks stay inside the mount), so
 * the caller's chroot or mount namespace play no role.
 *
 * Opens run with the module's own kernel credentials: permission to change
 * the PF was already decided by the front-end (CAP_NET_ADMIN in the initial
 * user namespace for netlink, root-owned configfs for configfs), and a
 * capable but non-root caller must not fail on the 0644 mode of sysfs
 * attributes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/uio.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "fault.h"
#include "sysfs_io.h"

static struct vfsmount *vfprov_sysfs_mnt;
static const struct cred *vfprov_cred;
/* Private debugfs mount (health.c reads i915's counters); NULL: none. */
static struct vfsmount *vfprov_debugfs_mnt;

/* debugfs is optional (not built, or debugfs=off): then no mount. */
static void vfprov_debugfs_mount(void)
{
	struct file_system_type *type = get_fs_type("debugfs");
	struct vfsmount *mnt;

	if (!type)
		return;
	mnt = kern_mount(type);
	module_put(type->owner);
	if (!IS_ERR(mnt))
		vfprov_debugfs_mnt = mnt;
}

int vfprov_sysfs_init(void)
{
	struct file_system_type *type;
	struct vfsmount *mnt;
	struct cred *cred;

	type = get_fs_type("sysfs");
	if (!type)
		return -ENODEV;
	mnt = kern_mount(type);
	/* put_filesystem() is not exported; it is this for a built-in fs */
	module_put(type->owner);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);

	cred = prepare_kernel_cred(&init_task);
	if (!cred) {
		kern_unmount(mnt);
		return -ENOMEM;
	}
	vfprov_sysfs_mnt = mnt;
	vfprov_cred = cred;
	vfprov_debugfs_mount();
	vfprov_fault_init();
	return 0;
}

void vfprov_sysfs_exit(void)
{
	vfprov_fault_exit();
	if (vfprov_debugfs_mnt)
		kern_unmount(vfprov_debugfs_mnt);
	kern_unmount(vfprov_sysfs_mnt);
	put_cred(vfprov_cred);
}

/* Held as an O_PATH file: its f_path keeps the directory's dentry. */
int vfprov_sysfs_anchor(struct vfprov_sysfs_dir *d, const char *name)
{
	const struct cred *old;
	struct file *f;

	memset(d, 0, sizeof(*d));
	if (strscpy(d->name, name, sizeof(d->name)) < 0)
		return -ENAMETOOLONG;
	old = override_creds(vfprov_cred);
	f = vfprov_open_root(vfprov_sysfs_mnt, name, O_PATH | O_DIRECTORY);
	revert_creds(old);
	if (IS_ERR(f))
		return PTR_ERR(f);
	d->dir = f;
	d->len = strlen(d->name);
	return 0;
}

void vfprov_sysfs_unanchor(struct vfprov_sysfs_dir *d)
{
	if (d->len)
		fput(d->dir);
	d->len = 0;
	d->dir = NULL;
}

static struct file *vfprov_sysfs_open(const struct vfprov_sysfs_dir *d,
				      const char *path, int flags)
{
	const struct cred *old;
	struct file *f;

	old = override_creds(vfprov_cred);
	if (d && d->len && !strncmp(path, d->name, d->len) &&
	    path[d->len] == '/')
		f = vfprov_open_at(&d->dir->f_path, path + d->len + 1, flags);
	else
		f = vfprov_open_root(vfprov_sysfs_mnt, path, flags);
	revert_creds(old);
	return f;
}

/* strim() returns the start past leading blanks: move the text there */
void vfprov_strip(char *buf)
{
	char *start = strim(buf);

	memmove(buf, start, strlen(start) + 1);
}

int vfprov_sysfs_read_in(const struct vfprov_sysfs_dir *d, const char *path,
			 char *buf, size_t len)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	if (len < 2)
		return -EINVAL;
	n = vfprov_fault_read(path);
	if (n)
		return n;
	f = vfprov_sysfs_open(d, path, O_RDONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len - 1, &pos);
	fput(f);
	if (n < 0)
		return n;
	buf[n] = '\0';
	vfprov_strip(buf);
	return 0;
}

int vfprov_sysfs_read_u64_in(const struct vfprov_sysfs_dir *d,
			     const char *path, u64 *val)
{
	char buf[VFPROV_VAL_LEN];
	int err;

	err = vfprov_sysfs_read_in(d, path, buf, sizeof(buf));
	if (err)
		return err;
	return kstrtou64(buf, 0, val);
}

int vfprov_sysfs_write_in(const struct vfprov_sysfs_dir *d, const char *path,
			  const char *val)
{
	size_t len = strlen(val);
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	int err;

	err = vfprov_fault_write(path);
	if (err)
		return err;
	f = vfprov_sysfs_open(d, path, O_WRONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, val, len, &pos);
	fput(f);
	if (n < 0)
		return n;
	return n == len ? 0 : -EIO;
}

bool vfprov_sysfs_exists_in(const struct vfprov_sysfs_dir *d,
			    const char *path)
{
	struct file *f;

	f = vfprov_sysfs_open(d, path, O_PATH);
	if (IS_ERR(f))
		return false;
	fput(f);
	return true;
}

#define VFPROV_FIND_MAX		8

/*
 * Names are collected first and checked after iterate_dir() returns: the
 * actor runs with the directory locked, and a lookup below it from there
 * would take the same lock again.
 */
struct vfprov_find_ctx {
	struct dir_context ctx;
	const char *prefix;
	unsigned int n;
	char name[VFPROV_FIND_MAX][VFPROV_VAL_LEN];
};

static VFPROV_FILLDIR_RET vfprov_find_actor(struct dir_context *ctx,
					    const char *name, int namelen,
					    loff_t off, u64 ino,
					    unsigned int type)
{
	struct vfprov_find_ctx *fc = container_of(ctx, struct vfprov_find_ctx,
						  ctx);
	size_t plen = strlen(fc->prefix);

	if (namelen < plen || namelen >= VFPROV_VAL_LEN ||
	    strncmp(name, fc->prefix, plen))
		return VFPROV_FILLDIR_CONTINUE;
	memcpy(fc->name[fc->n], name, namelen);
	fc->name[fc->n][namelen] = '\0';
	if (++fc->n == VFPROV_FIND_MAX)
		return VFPROV_FILLDIR_STOP;
	return VFPROV_FILLDIR_CONTINUE;
}

int vfprov_sysfs_find_in(const struct vfprov_sysfs_dir *d, const char *dir,
			 const char *prefix, const char *child, char *out,
			 size_t len)
{
	char path[VFPROV_PATH_LEN];
	struct vfprov_find_ctx *fc;
	struct file *f;
	unsigned int i;
	int err;

	fc = kzalloc(sizeof(*fc), GFP_KERNEL);
	if (!fc)
		return -ENOMEM;
	fc->ctx.actor = vfprov_find_actor;
	fc->prefix = prefix;
	f = vfprov_sysfs_open(d, dir, O_RDONLY | O_DIRECTORY);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto out;
	}
	err = iterate_dir(f, &fc->ctx);
	fput(f);
	if (err)
		goto out;
	err = -ENOENT;
	for (i = 0; i < fc->n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s/%s", dir, fc->name[i],
			     child) >= sizeof(path) ||
		    !vfprov_sysfs_exists_in(d, path))
			continue;
		err = strscpy(out, fc->name[i], len) < 0 ? -ENAMETOOLONG : 0;
		break;
	}
out:
	kfree(fc);
	return err;
}

/*
 * One read of a debugfs seq_file. kernel_read() refuses the files debugfs
 * wraps in its full proxy (they have .read, no .read_iter), which is how
 * drivers' debugfs_create_file() files come; their .read is seq_read(), a
 * wrapper of seq_read_iter(), which takes a kernel buffer. The proxy's
 * guard against removal is taken here as the proxy would.
 */
static ssize_t vfprov_debugfs_seq_read(struct file *f, char *buf, size_t len,
				       loff_t *pos)
{
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct dentry *d = f->f_path.dentry;
	struct iov_iter iter;
	struct kiocb kiocb;
	ssize_t n;

	if (!vfprov_debugfs_is_seq(f))
		return -EOPNOTSUPP;
	if (debugfs_file_get(d))
		return -EIO;
	init_sync_kiocb(&kiocb, f);
	kiocb.ki_pos = *pos;
	iov_iter_kvec(&iter, READ, &kv, 1, len);
	n = seq_read_iter(&kiocb, &iter);
	*pos = kiocb.ki_pos;
	debugfs_file_put(d);
	return n;
}

/* Open a debugfs file with the module's credentials (see the top). */
struct file *vfprov_debugfs_open(const char *path, int flags)
{
	const struct cred *old;
	struct file *f;

	if (!vfprov_debugfs_mnt)
		return ERR_PTR(-ENODEV);
	old = override_creds(vfprov_cred);
	f = vfprov_open_root(vfprov_debugfs_mnt, path, flags);
	revert_creds(old);
	return f;
}

/*
 * Read a whole debugfs file (a seq_file: several reads) into @buf,
 * NUL-terminated; -ENODEV without a debugfs mount, -EFBIG if it does not
 * fit.
 */
int vfprov_debugfs_read(const char *path, char *buf, size_t len)
{
	struct file *f;
	loff_t pos = 0;
	size_t got = 0;
	ssize_t n;

	if (len < 2)
		return -EINVAL;
	f = vfprov_debugfs_open(path, O_RDONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	do {
		n = vfprov_debugfs_seq_read(f, buf + got, len - 1 - got, &pos);
		if (n > 0)
			got += n;
	} while (n > 0 && got < len - 1);
	fput(f);
	if (n < 0)
		return n;
	if (got == len - 1)
		return -EFBIG;
	buf[got] = '\0';
	return 0;
}
