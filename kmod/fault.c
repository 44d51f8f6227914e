// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection for the reliability tests (selftests/tests/rel_*.sh).
 *
 * With the module parameter fault_inject=1, /sys/kernel/debug/vfprov/ has:
 *
 *   match   RW  only writes whose sysfs path contains this string count
 *               ("" = every write); e.g. a PF's PCI address
 *   writes  RO  counted writes so far (injected failures included)
 *   nth     RW  0 = off; N: the Nth counted write from now fails
 *   times   RW  how many counted writes fail from the Nth on (default 1;
 *               0 = every one until nth is written again)
 *   errno   RW  the errno of an injected failure, 1..4095 (default EIO)
 *   delay_nth  RW  0 = off; N: the Nth counted write from now first sleeps
 *                  delay_ms (outside every lock; logged), once
 *   delay_ms   RW  that sleep, 0..60000 (default 0)
 *   read_match RW  "" = off; reads whose sysfs path contains this string
 *                  fail with ENOENT (as a file the driver lacks), logged
 *   alloc_fail RW  0 = off; N: the next N allocations that start a
 *                  transaction (its job, a reset's config) fail (ENOMEM)
 *
 * An injected failure happens before the write reaches the attribute, so
 * the target keeps its value. Every vfprov_sysfs_write() goes through here:
 * apply steps, VF driver binding and undo alike.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "fault.h"

static bool fault_inject;
module_param(fault_inject, bool, 0444);
MODULE_PARM_DESC(fault_inject,
		 "test only: sysfs write fault injection in debugfs (default off)");

#define VFPROV_FAULT_MATCH_LEN	64

static DEFINE_MUTEX(vfprov_fault_lock);
static struct dentry *vfprov_fault_dir;
static char vfprov_fault_match[VFPROV_FAULT_MATCH_LEN];
static char vfprov_fault_read_match[VFPROV_FAULT_MATCH_LEN];
static u64 vfprov_fault_allocs;
static u64 vfprov_fault_writes;
static u64 vfprov_fault_nth;
static u64 vfprov_fault_times = 1;
static u64 vfprov_fault_failed;	/* failures injected since nth was set */
static u32 vfprov_fault_errno = EIO;
static u64 vfprov_fault_delay_nth;
static u64 vfprov_fault_delay_ms;

#define VFPROV_FAULT_DELAY_MAX	60000

int vfprov_fault_write(const char *path)
{
	u64 delay = 0;
	int err = 0;

	if (!READ_ONCE(vfprov_fault_dir))
		return 0;
	mutex_lock(&vfprov_fault_lock);
	if (vfprov_fault_match[0] && !strstr(path, vfprov_fault_match))
		goto out;
	vfprov_fault_writes++;
	if (vfprov_fault_delay_nth && !--vfprov_fault_delay_nth)
		delay = min_t(u64, vfprov_fault_delay_ms, VFPROV_FAULT_DELAY_MAX);
	if (!vfprov_fault_nth)
		goto out;
	if (vfprov_fault_nth > 1) {
		vfprov_fault_nth--;
		goto out;
	}
	err = -(int)vfprov_fault_errno;
	vfprov_fault_failed++;
	if (vfprov_fault_times && vfprov_fault_failed >= vfprov_fault_times)
		vfprov_fault_nth = 0;
	pr_info("fault injected: write of %s fails with %d\n", path, err);
out:
	mutex_unlock(&vfprov_fault_lock);
	if (delay) {
		pr_info("fault injected: write of %s delayed by %llu ms\n",
			path, delay);
		msleep(delay);
	}
	return err;
}

int vfprov_fault_read(const char *path)
{
	int err = 0;

	if (!READ_ONCE(vfprov_fault_dir))
		return 0;
	mutex_lock(&vfprov_fault_lock);
	if (vfprov_fault_read_match[0] && strstr(path, vfprov_fault_read_match))
		err = -ENOENT;
	mutex_unlock(&vfprov_fault_lock);
	if (err)
		pr_info("fault injected: read of %s fails with %d\n", path, err);
	return err;
}

bool vfprov_fault_alloc(void)
{
	bool fail = false;

	if (!READ_ONCE(vfprov_fault_dir))
		return false;
	mutex_lock(&vfprov_fault_lock);
	if (vfprov_fault_allocs) {
		vfprov_fault_allocs--;
		fail = true;
	}
	mutex_unlock(&vfprov_fault_lock);
	if (fail)
		pr_info("fault injected: a transaction's allocation fails\n");
	return fail;
}

static int vfprov_fault_get(void *data, u64 *val)
{
	mutex_lock(&vfprov_fault_lock);
	*val = *(u64 *)data;
	mutex_unlock(&vfprov_fault_lock);
	return 0;
}

static int vfprov_fault_set(void *data, u64 val)
{
	mutex_lock(&vfprov_fault_lock);
	*(u64 *)data = val;
	if (data == &vfprov_fault_nth)
		vfprov_fault_failed = 0;
	mutex_unlock(&vfprov_fault_lock);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(vfprov_fault_u64_fops, vfprov_fault_get,
			 vfprov_fault_set, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(vfprov_fault_ro_fops, vfprov_fault_get, NULL,
			 "%llu\n");

static int vfprov_errno_get(void *data, u64 *val)
{
	mutex_lock(&vfprov_fault_lock);
	*val = vfprov_fault_errno;
	mutex_unlock(&vfprov_fault_lock);
	return 0;
}

static int vfprov_errno_set(void *data, u64 val)
{
	if (!val || val > MAX_ERRNO)
		return -EINVAL;
	mutex_lock(&vfprov_fault_lock);
	vfprov_fault_errno = val;
	mutex_unlock(&vfprov_fault_lock);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(vfprov_fault_errno_fops, vfprov_errno_get,
			 vfprov_errno_set, "%llu\n");

static ssize_t vfprov_match_read(struct file *f, char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	const char *match = file_inode(f)->i_private;
	char buf[VFPROV_FAULT_MATCH_LEN + 1];
	int n;

	mutex_lock(&vfprov_fault_lock);
	n = scnprintf(buf, sizeof(buf), "%s\n", match);
	mutex_unlock(&vfprov_fault_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static ssize_t vfprov_match_write(struct file *f, const char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	char *match = file_inode(f)->i_private;
	char buf[VFPROV_FAULT_MATCH_LEN];

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	mutex_lock(&vfprov_fault_lock);
	strscpy(match, strim(buf), VFPROV_FAULT_MATCH_LEN);
	mutex_unlock(&vfprov_fault_lock);
	return len;
}

static const struct file_operations vfprov_match_fops = {
	.owner	= THIS_MODULE,
	.read	= vfprov_match_read,
	.write	= vfprov_match_write,
	.llseek	= default_llseek,
};

void vfprov_fault_init(void)
{
	struct dentry *d;

	if (!fault_inject)
		return;
	d = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(d))
		return;
	debugfs_create_file("match", 0600, d, vfprov_fault_match,
			    &vfprov_match_fops);
	debugfs_create_file("read_match", 0600, d, vfprov_fault_read_match,
			    &vfprov_match_fops);
	debugfs_create_file_unsafe("alloc_fail", 0600, d, &vfprov_fault_allocs,
				   &vfprov_fault_u64_fops);
	debugfs_create_file_unsafe("writes", 0400, d, &vfprov_fault_writes,
				   &vfprov_fault_ro_fops);
	debugfs_create_file_unsafe("nth", 0600, d, &vfprov_fault_nth,
				   &vfprov_fault_u64_fops);
	debugfs_create_file_unsafe("times", 0600, d, &vfprov_fault_times,
				   &vfprov_fault_u64_fops);
	debugfs_create_file_unsafe("errno", 0600, d, NULL,
				   &vfprov_fault_errno_fops);
	debugfs_create_file_unsafe("delay_nth", 0600, d,
				   &vfprov_fault_delay_nth,
				   &vfprov_fault_u64_fops);
	debugfs_create_file_unsafe("delay_ms", 0600, d, &vfprov_fault_delay_ms,
				   &vfprov_fault_u64_fops);
	vfprov_fault_dir = d;
	pr_warn("fault injection enabled (debugfs %s/): for tests only\n",
		KBUILD_MODNAME);
}

void vfprov_fault_exit(void)
{
	debugfs_remove_recursive(vfprov_fault_dir);
	vfprov_fault_dir = NULL;
}
