// SPDX-License-Identifier: GPL-2.0
/*
 * Backend selection: which backend drives a PF, decided by its driver. The
 * one file that knows every backend (the table below); backends never call
 * each other.
 */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/pci.h>

#include "backend.h"

/*
 * The driver bound to @dev, "" if none. Transactions read it under the
 * device lock so it cannot change while they look. Queries must not wait
 * for that lock (sriov_numvfs_store holds the PF's for a whole enable or
 * disable): they read the pointer once, unlocked. The name lives in the
 * driver, which outlives the read unless its module is being unloaded at
 * that moment; a query is allowed to see a value in between.
 */
void vfprov_driver_of(struct device *dev, bool nowait, char *name,
		      bool *sriov_configure)
{
	struct device_driver *drv;

	if (!nowait)
		device_lock(dev);
	drv = READ_ONCE(dev->driver);
	strscpy(name, drv ? drv->name : "", VFPROV_DRV_LEN);
	if (sriov_configure)
		*sriov_configure = drv && to_pci_driver(drv)->sriov_configure;
	if (!nowait)
		device_unlock(dev);
}

/*
 * The backends, most specific first: the first whose probe takes the PF
 * drives it. A PF none takes has backend "none" (queries only).
 */
static const struct vfprov_backend_ops *const vfprov_backends[] = {
	&vfprov_backend_xe,	/* sriov_admin, or an xe PF to refuse */
	&vfprov_backend_i915,
	&vfprov_backend_pci,	/* any sriov_configure driver: last */
};

static const struct vfprov_backend_ops *
vfprov_backend_probe(struct vfprov_be *be)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vfprov_backends); i++)
		if (!vfprov_backends[i]->probe(be))
			return vfprov_backends[i];
	return NULL;
}

static int vfprov_backend_pick(struct vfprov_pf *pf, struct vfprov_be *be,
			       bool query)
{
	memset(be, 0, sizeof(*be));
	be->pf = pf;
	be->query = query;
	if (vfprov_pf_gone(pf))
		return -ENODEV;
	snprintf(be->dev, sizeof(be->dev), "bus/pci/devices/%s", pf->name);

	/*
	 * A transaction works in this directory only (see vfprov_sysfs_dir).
	 * A device replaced at the same address was deleted first, so the
	 * gone check after anchoring cannot pass for the wrong device.
	 */
	if (!query) {
		if (vfprov_sysfs_anchor(&be->dir, be->dev))
			return -ENODEV;
		if (vfprov_pf_gone(pf)) {
			vfprov_sysfs_unanchor(&be->dir);
			return -ENODEV;
		}
	}
	vfprov_driver_of(&pf->pdev->dev, query, be->driver,
			 &be->sriov_configure);

	be->gpu_driver = vfprov_i915_driver(be) || vfprov_xe_driver(be);
	be->ops = vfprov_backend_probe(be);
	return 0;
}

/*
 * The PF driver decides the backend. We hold pf->txn_lock or nothing here,
 * which is the documented order.
 */
int vfprov_backend_select(struct vfprov_pf *pf, struct vfprov_be *be)
{
	return vfprov_backend_pick(pf, be, false);
}

/* The same for a query: never waits for a device lock, holds nothing. */
int vfprov_backend_select_query(struct vfprov_pf *pf, struct vfprov_be *be)
{
	return vfprov_backend_pick(pf, be, true);
}

/* Drops what vfprov_backend_select() holds; fine on a zeroed @be. */
void vfprov_backend_release(struct vfprov_be *be)
{
	vfprov_sysfs_unanchor(&be->dir);
}

const char *vfprov_backend_name(const struct vfprov_be *be)
{
	return be->ops ? be->ops->name : "none";
}

u32 vfprov_backend_id(const struct vfprov_be *be)
{
	return be->ops ? be->ops->id : VFPROV_BACKEND_NONE;
}
