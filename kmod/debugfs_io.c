// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs attributes of other drivers, read and written by the module.
 *
 * xe keeps GGTT, contexts, doorbells and spares in debugfs (not ABI), in
 * DEFINE_DEBUGFS_ATTRIBUTE files: their .read and .write copy to and from
 * user memory (simple_attr_read/write) and debugfs's proxy gives them no
 * .read_iter/.write_iter, so kernel_read() and kernel_write() refuse them.
 * A value passes instead through one anonymous page mapped for the call in
 * the current address space: the caller's (netlink, configfs), or the one
 * a transaction worker borrowed from the task that queued the job.
 *
 * That page is the task's own memory, so another thread of it could change
 * a value between our copy and the driver's: the task asked for the change
 * with admin rights anyway, and every write is read back before a
 * transaction commits.
 */
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "fault.h"
#include "sysfs_io.h"

/* Every value of interest fits: a u64, a word, xe's ggtt_available text. */
#define VFPROV_DFS_IO_MAX	PAGE_SIZE

/* A scratch page in the current address space, or a negative errno. */
static long vfprov_dfs_page(char __user **ubuf)
{
	unsigned long addr;

	if (!current->mm)
		return -EOPNOTSUPP;
	addr = vm_mmap(NULL, 0, VFPROV_DFS_IO_MAX, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr))
		return (long)addr;
	*ubuf = (char __user *)addr;
	return 0;
}

static void vfprov_dfs_page_put(char __user *ubuf)
{
	vm_munmap((unsigned long)ubuf, VFPROV_DFS_IO_MAX);
}

static ssize_t vfprov_dfs_user_read(struct file *f, char *buf, size_t len)
{
	char __user *ubuf;
	loff_t pos = 0;
	ssize_t n;

	if (!f->f_op->read)
		return -EINVAL;
	n = vfprov_dfs_page(&ubuf);
	if (n)
		return n;
	n = f->f_op->read(f, ubuf, len, &pos);
	if (n > 0 && copy_from_user(buf, ubuf, n))
		n = -EFAULT;
	vfprov_dfs_page_put(ubuf);
	return n;
}

static ssize_t vfprov_dfs_user_write(struct file *f, const char *val,
				     size_t len)
{
	char __user *ubuf;
	loff_t pos = 0;
	ssize_t n;

	if (!f->f_op->write)
		return -EINVAL;
	n = vfprov_dfs_page(&ubuf);
	if (n)
		return n;
	n = copy_to_user(ubuf, val, len) ? -EFAULT :
	    f->f_op->write(f, ubuf, len, &pos);
	vfprov_dfs_page_put(ubuf);
	return n;
}

int vfprov_debugfs_attr_read(const char *path, char *buf, size_t len)
{
	struct file *f;
	ssize_t n;

	if (len < 2 || len > VFPROV_DFS_IO_MAX)
		return -EINVAL;
	n = vfprov_fault_read(path);
	if (n)
		return n;
	f = vfprov_debugfs_open(path, O_RDONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = vfprov_dfs_user_read(f, buf, len - 1);
	fput(f);
	if (n < 0)
		return n;
	buf[n] = '\0';
	vfprov_strip(buf);
	return 0;
}

int vfprov_debugfs_attr_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	struct file *f;
	ssize_t n;
	int err;

	if (len > VFPROV_DFS_IO_MAX)
		return -EINVAL;
	err = vfprov_fault_write(path);
	if (err)
		return err;
	f = vfprov_debugfs_open(path, O_WRONLY);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = vfprov_dfs_user_write(f, val, len);
	fput(f);
	if (n < 0)
		return n;
	return n == len ? 0 : -EIO;
}

bool vfprov_debugfs_exists(const char *path)
{
	struct file *f = vfprov_debugfs_open(path, O_PATH);

	if (IS_ERR(f))
		return false;
	fput(f);
	return true;
}

/*
 * Transaction workers are kernel threads; kthread_use_mm() lends them the
 * requester's address space (held by the job) for the length of one job.
 */
void vfprov_uaccess_begin(struct mm_struct *mm)
{
	if (mm)
		kthread_use_mm(mm);
}

void vfprov_uaccess_end(struct mm_struct *mm)
{
	if (mm)
		kthread_unuse_mm(mm);
}
