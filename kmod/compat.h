/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences between 6.1, 6.12 and 7.2, in one place. The
 * supported floor is 6.1 (dkms.conf, README). 5.10 no longer compiles:
 * the netlink policies generated from the v2 spec need NLA_POLICY_MASK
 * (5.16), netlink.c NL_SET_ERR_ATTR_MISS (6.0).
 *
 * Probe a macro the feature defines, or the type a feature changed;
 * LINUX_VERSION_CODE only where neither exists (distributions backport,
 * e.g. Debian's 6.12 has a newer driver_override than upstream 6.12).
 * Differences avoided rather than probed: the kernel credentials come from
 * prepare_kernel_cred(&init_task) (NULL refused from 6.2), dump requests
 * are parsed again with nlmsg_parse() (genl_dumpit_info changed in 6.2),
 * VFs are found by routing ID (pci_iov_vf_id() is 5.16+), and
 * driver_override is read through sysfs (its field moved in 6.12).
 */
#ifndef _VFPROV_COMPAT_H
#define _VFPROV_COMPAT_H

#include <linux/version.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/pci.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <net/genetlink.h>

/*
 * hex_to_bin(): <linux/kernel.h> no longer brings <linux/hex.h> (7.2); 6.1
 * has no <linux/hex.h> and 6.12 has it (sparse 0.6.4 knows no
 * __has_include, hence the version).
 */
#if KERNEL_VERSION(6, 12, 0) <= LINUX_VERSION_CODE
#include <linux/hex.h>
#endif

/*
 * genl_family.resv_start_op (6.1): ops from this one on get strict header
 * and attribute validation. No macro marks it; GENL_REQ_ATTR_CHECK came in
 * the same release (6.1), so use it as the probe.
 */
#ifdef GENL_REQ_ATTR_CHECK
#define VFPROV_HAVE_RESV_START_OP	1
#endif

/*
 * A multicast group only CAP_SYS_ADMIN may join (6.6, backported to
 * Debian's 6.1 and to 6.12; not in 5.10): without it there is no "audit"
 * group, since a group without the flag is open to every user.
 */
#ifdef GENL_MCAST_CAP_SYS_ADMIN
#define VFPROV_HAVE_MCAST_AUDIT	1
#endif

/*
 * filldir_t returns bool (true: go on) since 6.1 and int (0: go on) before.
 * Take the type from the typedef itself instead of guessing a version.
 */
#define VFPROV_FILLDIR_RET \
	typeof(((filldir_t)NULL)(NULL, NULL, 0, 0, 0, 0))
#define VFPROV_FILLDIR_CONTINUE \
	((VFPROV_FILLDIR_RET)__builtin_types_compatible_p(VFPROV_FILLDIR_RET, bool))
#define VFPROV_FILLDIR_STOP	((VFPROV_FILLDIR_RET)!VFPROV_FILLDIR_CONTINUE)

/*
 * file_open_root() takes a struct path since 5.12 (no macro marks it; a
 * version check, as is the <linux/hex.h> one).
 */
#if KERNEL_VERSION(5, 12, 0) <= LINUX_VERSION_CODE
static inline struct file *vfprov_open_root(struct vfsmount *mnt,
					    const char *name, int flags)
{
	return file_open_root_mnt(mnt, name, flags, 0);
}

static inline struct file *vfprov_open_at(const struct path *dir,
					  const char *name, int flags)
{
	return file_open_root(dir, name, flags, 0);
}
#else
static inline struct file *vfprov_open_root(struct vfsmount *mnt,
					    const char *name, int flags)
{
	return file_open_root(mnt->mnt_root, mnt, name, flags, 0);
}

static inline struct file *vfprov_open_at(const struct path *dir,
					  const char *name, int flags)
{
	return file_open_root(dir->dentry, dir->mnt, name, flags, 0);
}
#endif

/*
 * Routing ID of VF @i (0-based) of @pf from its SR-IOV capability, as the
 * PCI core computes it (pci_iov_virtfn_bus() is not exported, and
 * pci_iov_virtfn_devfn() only from 5.12). -1 if the PF has no SR-IOV.
 */
static inline int vfprov_vf_rid(struct pci_dev *pf, int i)
{
	int pos = pci_find_ext_capability(pf, PCI_EXT_CAP_ID_SRIOV);
	u16 offset, stride;

	if (!pos ||
	    pci_read_config_word(pf, pos + PCI_SRIOV_VF_OFFSET, &offset) ||
	    pci_read_config_word(pf, pos + PCI_SRIOV_VF_STRIDE, &stride))
		return -1;
	return (pf->bus->number << 8) + pf->devfn + offset + stride * i;
}

/*
 * Is debugfs file @f (opened through debugfs's full proxy) a seq_file?
 * On 6.1 and 6.12 the proxy gives the driver's own fops
 * (debugfs_real_fops()) and there is no debugfs_get_aux(); 7.2 has
 * debugfs_get_aux() (the probe: debugfs_get_aux_num) and neither declares
 * nor exports debugfs_real_fops() (a release in between with both takes
 * the check below, which holds there too).
 * There the proxy's open has called the driver's, and seq_open() made
 * private_data a seq_file pointing back at @f. That check reads a field
 * of whatever private_data is, so callers only ask it of files they know
 * to be seq_files on the kernels that have them (health.c's
 * adverse_events): it keeps a changed driver from being read wrongly, it
 * is not a type check.
 */
#ifdef debugfs_get_aux_num
static inline bool vfprov_debugfs_is_seq(struct file *f)
{
	const struct seq_file *m = f->private_data;

	return m && m->file == f;
}
#else
static inline bool vfprov_debugfs_is_seq(struct file *f)
{
	const struct file_operations *real = debugfs_real_fops(f);

	return real && real->read == seq_read;
}
#endif

#endif /* _VFPROV_COMPAT_H */
