// SPDX-License-Identifier: GPL-2.0
/*
 * The "pci" backend: any PF whose driver implements sriov_configure. It sets
 * the VF count through the PF's sriov_numvfs attribute (the owner's
 * sriov_configure path; vfprov never calls pci_enable_sriov() itself) and
 * binds VF drivers through driver_override and drivers_probe. Its helpers
 * also do the PCI part of every other backend.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/iommu.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>

#include "backend.h"
#include "compat.h"

/*
 * A VF's driver_override, "" when unset (the attribute shows "(null)").
 * Read through sysfs, the one interface stable from 5.10 to 6.12; its show
 * takes the device lock, so never call this with it held.
 */
static void vfprov_read_override(struct pci_dev *vf, char *dst)
{
	char path[VFPROV_PATH_LEN];

	snprintf(path, sizeof(path), "bus/pci/devices/%s/driver_override",
		 pci_name(vf));
	if (vfprov_sysfs_read(path, dst, VFPROV_DRV_LEN) ||
	    !strcmp(dst, "(null)"))
		dst[0] = '\0';
}

int vfprov_vf_driver_now(struct vfprov_pf *pf, u32 id, char *drv,
			 char *override)
{
	struct pci_dev *vf = vfprov_vf_get(pf, id);

	if (!vf)
		return -ENODEV;
	vfprov_driver_of(&vf->dev, false, drv, NULL);
	vfprov_read_override(vf, override);
	pci_dev_put(vf);
	return 0;
}

/* The driver of enum vfprov_vf_driver @d; "" for none (or out of range). */
const char *vfprov_vf_driver_name(u32 d)
{
	static const char *const names[] = {
		[VFPROV_VF_DRIVER_NONE]		= "",
		[VFPROV_VF_DRIVER_VFIO_PCI]	= "vfio-pci",
		[VFPROV_VF_DRIVER_XE_VFIO_PCI]	= "xe-vfio-pci",
	};

	return d < ARRAY_SIZE(names) ? names[d] : "";
}

/* Which enum vfprov_vf_driver @drv is; VFPROV_VF_DRIVER_NONE for others. */
static u32 vfprov_vf_driver_id(const char *drv)
{
	u32 d;

	for (d = VFPROV_VF_DRIVER_VFIO_PCI; d <= VFPROV_VF_DRIVER_XE_VFIO_PCI; d++)
		if (!strcmp(drv, vfprov_vf_driver_name(d)))
			return d;
	return VFPROV_VF_DRIVER_NONE;
}

/*
 * "In use by a guest": bound to vfio-pci or xe-vfio-pci and enabled, which
 * they do only while the device file is open; or marked assigned by a
 * legacy assignment path (PCI_DEV_FLAGS_ASSIGNED).
 */
void vfprov_pci_vf_state(struct vfprov_pf *pf, u32 id, bool nowait,
			 struct vfprov_vf_state *st)
{
	struct iommu_group *group;
	struct pci_dev *vf;

	memset(st, 0, sizeof(*st));
	st->iommu_group = -1;
	vf = vfprov_vf_get(pf, id);
	if (!vf)
		return;
	st->present = true;
	strscpy(st->addr, pci_name(vf), sizeof(st->addr));
	vfprov_driver_of(&vf->dev, nowait, st->driver, NULL);
	st->in_use = (vfprov_vf_driver_id(st->driver) != VFPROV_VF_DRIVER_NONE &&
		      pci_is_enabled(vf)) ||
		     (vf->dev_flags & PCI_DEV_FLAGS_ASSIGNED);
	/* its show takes the device lock; no query reports it */
	if (!nowait)
		vfprov_read_override(vf, st->override);
	group = iommu_group_get(&vf->dev);
	if (group) {
		st->iommu_group = iommu_group_id(group);
		iommu_group_put(group);
	}
	pci_dev_put(vf);
}

/*
 * sriov_numvfs: a transaction reads the attribute (it serialises against
 * sriov_numvfs_store); a query asks the PCI core, which shows the count
 * of the enable or disable in progress without waiting for it.
 */
static int vfprov_pci_num_vfs(struct vfprov_be *be, u64 *v)
{
	char path[VFPROV_PATH_LEN];

	if (be->query) {
		*v = pci_num_vf(be->pf->pdev);
		return 0;
	}
	snprintf(path, sizeof(path), "%s/sriov_numvfs", be->dev);
	return vfprov_sysfs_read_u64_in(&be->dir, path, v);
}

int vfprov_pci_snapshot(struct vfprov_be *be, struct vfprov_snap *s)
{
	struct vfprov_pf *pf = be->pf;
	char path[VFPROV_PATH_LEN];
	u32 i, d, drv = VFPROV_VF_DRIVER_NONE;
	u64 v;
	int err;

	/*
	 * The arrays of a snapshot hold VFPROV_MAX_VFS VFs. A PF with more
	 * is described up to there and flagged: transactions refuse it
	 * (vfprov_check_request()), queries report its real counts.
	 */
	s->pci_total_vfs = pci_sriov_get_totalvfs(pf->pdev);
	s->total_vfs = min_t(u32, s->pci_total_vfs, VFPROV_MAX_VFS);
	s->auto_prov = -1;
	s->caps.total_vfs = s->total_vfs;
	s->pf_caps |= VFPROV_CAPS_VF_FLR;	/* pci_reset_function() of a VF */

	err = vfprov_pci_num_vfs(be, &v);
	if (err)
		return err;
	s->pci_num_vfs = v;
	s->cfg.num_vfs = min_t(u64, v, VFPROV_MAX_VFS);
	snprintf(path, sizeof(path), "%s/sriov_drivers_autoprobe", be->dev);
	err = vfprov_sysfs_read_u64_in(&be->dir, path, &v);
	if (err)
		return err;
	s->autoprobe = v;

	/* a VFIO driver when every VF is on the same one, else none */
	for (i = 0; i < s->total_vfs; i++) {
		vfprov_pci_vf_state(pf, i + 1, be->query, &s->vf[i]);
		if (i >= s->cfg.num_vfs)
			continue;
		d = vfprov_vf_driver_id(s->vf[i].driver);
		if (!i)
			drv = d;
		else if (d != drv)
			drv = VFPROV_VF_DRIVER_NONE;
	}
	s->cfg.vf_driver = drv;
	s->cfg.set |= VFPROV_SET_NUM_VFS | VFPROV_SET_VF_DRIVER;
	return 0;
}

/*
 * The PCI core hits BUG_ON() in pci_iov_add_virtfn() when a VF's address
 * is still taken, which happens after a PF was hot-removed with VFs enabled
 * and rescanned (the old VFs stay behind). Refuse such an enable instead.
 * Returns 0, or the first VF id (1-based) whose address is taken by a
 * device that is not this PF's VF.
 */
u32 vfprov_pci_stale_slot(struct vfprov_pf *pf, u32 num_vfs)
{
	int domain = pci_domain_nr(pf->pdev->bus);
	struct pci_dev *dev;
	bool stale;
	u32 i;
	int rid;

	for (i = 0; i < num_vfs; i++) {
		rid = vfprov_vf_rid(pf->pdev, i);
		if (rid < 0)
			return 0;
		dev = pci_get_domain_bus_and_slot(domain, rid >> 8, rid & 0xff);
		if (!dev)
			continue;
		stale = !dev->is_virtfn || dev->physfn != pf->pdev;
		pci_dev_put(dev);
		if (stale)
			return i + 1;
	}
	return 0;
}

/* Before any other change: no host driver may grab new VFs; VFs off. */
int vfprov_pci_build_pre(struct vfprov_be *be, const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, bool disable,
			 struct vfprov_oplist *ops)
{
	u32 i;
	int err;

	err = vfprov_op_add(ops, VFPROV_OP_WRITE, VFPROV_STEP_AUTOPROBE, 0,
			    "sriov_drivers_autoprobe", "0",
			    "%s/sriov_drivers_autoprobe", be->dev);
	if (err)
		return err;
	vfprov_op_old(ops, cur->autoprobe);
	if (!disable)
		return 0;
	for (i = 1; i <= cur->cfg.num_vfs; i++) {
		err = vfprov_op_add(ops, VFPROV_OP_DRIVER, VFPROV_STEP_UNBIND,
				    i, "driver", "", "vf%u", i);
		if (err)
			return err;
	}
	err = vfprov_op_add(ops, VFPROV_OP_WRITE, VFPROV_STEP_DISABLE, 0,
			    "sriov_numvfs", "0", "%s/sriov_numvfs", be->dev);
	if (err)
		return err;
	/* i915 releases auto-provisioned configs on disable */
	vfprov_op_old(ops, cur->cfg.num_vfs);
	vfprov_op_side_effects(ops);
	return 0;
}

/* After quotas: VFs on, then their drivers. */
int vfprov_pci_build_post(struct vfprov_be *be, const struct vfprov_snap *cur,
			  const struct vfprov_pf_cfg *plan, bool disabled,
			  struct vfprov_oplist *ops)
{
	const char *drv = vfprov_vf_driver_name(plan->vf_driver);
	u32 i;
	int err;

	if (plan->num_vfs && (disabled || plan->num_vfs != cur->cfg.num_vfs)) {
		err = vfprov_op_add_u64(ops, VFPROV_STEP_ENABLE, 0,
					"sriov_numvfs", plan->num_vfs,
					"%s/sriov_numvfs", be->dev);
		if (err)
			return err;
		/* ... and auto-provisions empty ones on enable */
		vfprov_op_old(ops, disabled ? 0 : cur->cfg.num_vfs);
		vfprov_op_side_effects(ops);
	}
	for (i = 1; i <= plan->num_vfs; i++) {
		err = vfprov_op_add(ops, VFPROV_OP_DRIVER, VFPROV_STEP_BIND, i,
				    "vf_driver", drv, "vf%u", i);
		if (err)
			return err;
	}
	return 0;
}

static int vfprov_pci_build(struct vfprov_be *be, const struct vfprov_snap *cur,
			    const struct vfprov_pf_cfg *plan,
			    struct vfprov_oplist *ops)
{
	bool disable = cur->cfg.num_vfs && plan->num_vfs != cur->cfg.num_vfs;
	int err;

	err = vfprov_pci_build_pre(be, cur, plan, disable, ops);
	if (err)
		return err;
	return vfprov_pci_build_post(be, cur, plan, disable, ops);
}

static int vfprov_vf_write_override(const char *name, const char *override)
{
	char path[VFPROV_PATH_LEN];

	snprintf(path, sizeof(path), "bus/pci/devices/%s/driver_override", name);
	return vfprov_sysfs_write(path, override[0] ? override : "\n");
}

/*
 * Bind VF @name to @drv, leaving driver_override unset. The PCI core probes
 * a VF whose PF has sriov_drivers_autoprobe 0 only when the VF has a
 * driver_override (pci_device_can_probe()), and the undo restores autoprobe
 * last: bind through a temporary override naming @drv, cleared after, even
 * when the bind failed.
 */
static int vfprov_vf_bind_native(const char *name, const char *drv)
{
	char path[VFPROV_PATH_LEN];
	int err, err2;

	err = vfprov_vf_write_override(name, drv);
	if (err)
		return err;
	snprintf(path, sizeof(path), "bus/pci/drivers/%s/bind", drv);
	err = vfprov_sysfs_write(path, name);
	err2 = vfprov_vf_write_override(name, "");
	return err ? err : err2;
}

/*
 * Whether VF @id ended up bound to @drv. drivers_probe and bind succeed
 * even when no driver took the device, and return before a probe that was
 * deferred or runs asynchronously has ended: so a VF not yet bound gets
 * one wait for probing to settle (wait_for_device_probe(), which takes
 * none of our locks) before it counts as -ENXIO.
 */
static int vfprov_vf_check_driver(struct vfprov_pf *pf, u32 id,
				  const char *drv)
{
	char drv_after[VFPROV_DRV_LEN], ovr_after[VFPROV_DRV_LEN];
	int err;

	err = vfprov_vf_driver_now(pf, id, drv_after, ovr_after);
	if (err || !strcmp(drv_after, drv))
		return err;
	wait_for_device_probe();
	err = vfprov_vf_driver_now(pf, id, drv_after, ovr_after);
	if (err)
		return err;
	if (strcmp(drv_after, drv)) {
		pr_warn("%s: VF %u is bound to \"%s\", not \"%s\"\n",
			pf->name, id, drv_after, drv);
		return -ENXIO;
	}
	return 0;
}

/*
 * Bind VF @id to @drv ("" = leave unbound) with driver_override @override,
 * from its current driver @now and override @now_ovr.
 * A new binding goes through drivers_probe with the override naming the
 * driver; restoring an old binding without override goes through a
 * temporary one (vfprov_vf_bind_native()).
 */
int vfprov_vf_bind_from(struct vfprov_pf *pf, u32 id, const char *now,
			const char *now_ovr, const char *drv,
			const char *override)
{
	char path[VFPROV_PATH_LEN], name[VFPROV_ADDR_LEN];
	struct pci_dev *vf = vfprov_vf_get(pf, id);
	int err;

	if (!vf)
		return -ENODEV;
	strscpy(name, pci_name(vf), sizeof(name));
	pci_dev_put(vf);

	if (now[0] && strcmp(now, drv)) {
		snprintf(path, sizeof(path), "bus/pci/devices/%s/driver/unbind",
			 name);
		err = vfprov_sysfs_write(path, name);
		if (err)
			return err;
	}
	if (strcmp(now_ovr, override)) {
		err = vfprov_vf_write_override(name, override);
		if (err)
			return err;
	}
	if (drv[0] && strcmp(now, drv)) {
		if (!strcmp(drv, override)) {
			err = vfprov_sysfs_write("bus/pci/drivers_probe", name);
		} else if (!override[0]) {
			err = vfprov_vf_bind_native(name, drv);
		} else {
			snprintf(path, sizeof(path), "bus/pci/drivers/%s/bind",
				 drv);
			err = vfprov_sysfs_write(path, name);
		}
		if (err)
			return err;
	}
	return vfprov_vf_check_driver(pf, id, drv);
}

int vfprov_vf_bind(struct vfprov_pf *pf, u32 id, const char *drv,
		   const char *override)
{
	char now[VFPROV_DRV_LEN], now_ovr[VFPROV_DRV_LEN];
	int err;

	err = vfprov_vf_driver_now(pf, id, now, now_ovr);
	if (err)
		return err;
	return vfprov_vf_bind_from(pf, id, now, now_ovr, drv, override);
}

/*
 * pci_allow: the PFs the generic backend may change, as comma-separated
 * PCI addresses ("0000:02:00.0,0000:03:00.0"); default none. Any PF whose
 * driver has sriov_configure (a NIC, an NVMe drive) would qualify, and
 * vfprov writes its files with the module's credentials: it changes only
 * what the admin named. Queries list every PF regardless. Writable at run
 * time (/sys/module/vfprov/parameters/pci_allow); a value with anything
 * but addresses is refused whole. vfprov_pci_allow_lock guards the copy
 * (a leaf: nothing is taken under it).
 */
#define VFPROV_PCI_ALLOW_LEN	512
static char vfprov_pci_allow[VFPROV_PCI_ALLOW_LEN];
static DEFINE_SPINLOCK(vfprov_pci_allow_lock);

/* "dddd:bb:ss.f", lower or upper case hex, slot < 0x20, function < 8 */
static bool vfprov_pci_addr_valid(const char *s, size_t len)
{
	static const char shape[] = "xxxx:xx:xx.x";
	size_t i;

	if (len != sizeof(shape) - 1)
		return false;
	for (i = 0; i < len; i++)
		if (shape[i] == 'x' ? !isxdigit(s[i]) : s[i] != shape[i])
			return false;
	return hex_to_bin(s[8]) < 2 && s[11] >= '0' && s[11] <= '7';
}

static int vfprov_pci_allow_set(const char *val, const struct kernel_param *kp)
{
	char buf[VFPROV_PCI_ALLOW_LEN], *s, *tok;
	size_t len = strcspn(val, "\n");

	if (len >= sizeof(buf) || val[len + (val[len] == '\n')])
		return -EINVAL;
	memcpy(buf, val, len);
	buf[len] = '\0';
	for (s = buf; s && *s; s = tok) {
		tok = strchr(s, ',');
		if (!vfprov_pci_addr_valid(s, tok ? tok - s : strlen(s)))
			return -EINVAL;
		if (tok && !*++tok)
			return -EINVAL;	/* trailing comma */
	}
	spin_lock(&vfprov_pci_allow_lock);
	strscpy(vfprov_pci_allow, buf, sizeof(vfprov_pci_allow));
	spin_unlock(&vfprov_pci_allow_lock);
	return 0;
}

static int vfprov_pci_allow_get(char *buffer, const struct kernel_param *kp)
{
	int n;

	spin_lock(&vfprov_pci_allow_lock);
	n = scnprintf(buffer, PAGE_SIZE, "%s\n", vfprov_pci_allow);
	spin_unlock(&vfprov_pci_allow_lock);
	return n;
}

static const struct kernel_param_ops vfprov_pci_allow_ops = {
	.set = vfprov_pci_allow_set,
	.get = vfprov_pci_allow_get,
};
module_param_cb(pci_allow, &vfprov_pci_allow_ops, NULL, 0644);
MODULE_PARM_DESC(pci_allow,
		 "PFs the generic pci backend may change: comma-separated PCI addresses (default: none)");

static bool vfprov_pci_allowed(const char *name)
{
	size_t n = strlen(name);
	const char *s;
	bool found = false;

	spin_lock(&vfprov_pci_allow_lock);
	for (s = vfprov_pci_allow; *s && !found; s += strcspn(s, ",")) {
		if (*s == ',')
			s++;
		found = !strncasecmp(s, name, n) && (!s[n] || s[n] == ',');
	}
	spin_unlock(&vfprov_pci_allow_lock);
	return found;
}

/*
 * A GPU whose i915 has SR-IOV off falls back to this backend (no
 * prelim_iov) but is no foreign device: it is not subject to pci_allow,
 * so its reset stays the way back and its apply says to set max_vfs.
 */
static int vfprov_pci_may_change(struct vfprov_be *be, const char **why)
{
	if (be->gpu_driver || vfprov_pci_allowed(be->pf->name))
		return 0;
	*why = "PF not in vfprov.pci_allow: the pci backend changes only the PFs the admin named there";
	return -EPERM;
}

/* Any PF whose driver can set its VF count; tried last. */
static int vfprov_pci_probe(struct vfprov_be *be)
{
	return be->sriov_configure ? 0 : -ENODEV;
}

const struct vfprov_backend_ops vfprov_backend_pci = {
	.name		= "pci",
	.id		= VFPROV_BACKEND_PCI,
	.probe		= vfprov_pci_probe,
	.may_change	= vfprov_pci_may_change,
	.snapshot	= vfprov_pci_snapshot,
	.build		= vfprov_pci_build,
};
