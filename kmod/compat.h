/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API differences between 5.10 and 6.12, in one place.
 *
 * Probe a macro the feature defines where one exists; fall back to
 * LINUX_VERSION_CODE only where the change left no macro behind.
 */
#ifndef _VFPROV_COMPAT_H
#define _VFPROV_COMPAT_H

#include <linux/version.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/pci.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <net/genetlink.h>

/*
 * genl_family.resv_start_op (6.1): ops from this one on get strict header
 * and attribute validation. No macro marks it; GENL_REQ_ATTR_CHECK came in
 * the same release (6.1), so use it as the probe.
 */
#ifdef GENL_REQ_ATTR_CHECK
#define VFPROV_HAVE_RESV_START_OP	1
#endif

/* NLA_POLICY_MASK (5.16): reject unknown flag bits in the policy. */
#ifdef NLA_POLICY_MASK
#define VFPROV_POLICY_FLAGS	NLA_POLICY_MASK(NLA_U32, VFPROV_F_ALL)
#else
#define VFPROV_POLICY_FLAGS	{ .type = NLA_U32 }
#endif

/* Formatted extack messages (6.2); before that only static strings. */
#ifdef NL_SET_ERR_MSG_FMT
#define VFPROV_HAVE_EXTACK_FMT	1
#endif

/* file_open_root() takes a struct path since 5.12. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0)
static inline struct file *vfprov_open_root(struct vfsmount *mnt,
					    const char *name, int flags)
{
	return file_open_root_mnt(mnt, name, flags, 0);
}
#else
static inline struct file *vfprov_open_root(struct vfsmount *mnt,
					    const char *name, int flags)
{
	return file_open_root(mnt->mnt_root, mnt, name, flags, 0);
}
#endif

/* filldir_t returns bool ("continue") since 6.1, int before. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
#define VFPROV_FILLDIR_RET		bool
#define VFPROV_FILLDIR_CONTINUE		true
#define VFPROV_FILLDIR_STOP		false
#else
#define VFPROV_FILLDIR_RET		int
#define VFPROV_FILLDIR_CONTINUE		0
#define VFPROV_FILLDIR_STOP		1
#endif

/* prepare_kernel_cred(NULL) is refused from 6.2 on: pass &init_task. */
static inline struct cred *vfprov_kernel_cred(void)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return prepare_kernel_cred(&init_task);
#else
	return prepare_kernel_cred(NULL);
#endif
}

/* pci_iov_vf_id() (5.16): index of a VF under its PF. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 16, 0)
static inline bool vfprov_vf_is(struct pci_dev *pf, struct pci_dev *vf, int i)
{
	return pci_iov_vf_id(vf) == i;
}
#else
/* What pci_iov_vf_id() does, from the SR-IOV capability in config space. */
static inline bool vfprov_vf_is(struct pci_dev *pf, struct pci_dev *vf, int i)
{
	int pos = pci_find_ext_capability(pf, PCI_EXT_CAP_ID_SRIOV);
	u16 offset, stride;

	if (!pos ||
	    pci_read_config_word(pf, pos + PCI_SRIOV_VF_OFFSET, &offset) ||
	    pci_read_config_word(pf, pos + PCI_SRIOV_VF_STRIDE, &stride))
		return false;
	return (vf->bus->number << 8) + vf->devfn ==
	       (pf->bus->number << 8) + pf->devfn + offset + stride * i;
}
#endif

/* The parsed attributes of a dump request moved into a genl_info in 6.2. */
static inline struct nlattr **vfprov_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* _VFPROV_COMPAT_H */
