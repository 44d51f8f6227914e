// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only views of a PF and its VFs for the front-ends. They take neither
 * pf->txn_lock nor a device lock (the backend is selected and read with
 * be->query set), so a query never waits for a transaction, not even for
 * the PCI core's enable or disable inside one; while one runs the state
 * reads VFPROV_STATE_APPLYING and live values may be in between.
 */
#include <linux/slab.h>

#include "vf_action.h"

/* The status, the running transaction and the outcome ring, newest first. */
static void vfprov_status_copy(struct vfprov_pf *pf, struct vfprov_pf_info *i)
{
	unsigned int k, slot;

	spin_lock(&pf->stat_lock);
	i->generation = pf->generation;
	i->state = pf->state;
	i->running = pf->run;
	i->n_outcomes = pf->n_outcomes;
	for (k = 0; k < pf->n_outcomes; k++) {
		slot = (pf->out_head + VFPROV_OUTCOMES_KEPT - 1 - k) %
		       VFPROV_OUTCOMES_KEPT;
		i->outcome[k] = pf->outcome[slot];
	}
	spin_unlock(&pf->stat_lock);
}

int vfprov_pf_query(struct vfprov_pf *pf, struct vfprov_pf_info *info)
{
	struct vfprov_pf_cfg *cfg_out = info->cfg;
	struct vfprov_snap *s;
	struct vfprov_be be;
	int err;

	memset(info, 0, sizeof(*info));
	info->cfg = cfg_out;
	err = vfprov_backend_select_query(pf, &be);
	if (err)
		return err;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	err = be.ops ? be.ops->snapshot(&be, s) : -EOPNOTSUPP;
	if (err == -EOPNOTSUPP) {	/* no backend, or one it cannot read */
		memset(s, 0, sizeof(*s));
		err = vfprov_pci_snapshot(&be, s);
	}
	if (err)
		goto out;

	strscpy(info->addr, pf->name, sizeof(info->addr));
	info->backend = vfprov_backend_id(&be);
	strscpy(info->backend_name, vfprov_backend_name(&be),
		sizeof(info->backend_name));
	strscpy(info->driver, be.driver, sizeof(info->driver));
	/* the PCI core's counts, even beyond what vfprov can change */
	info->total_vfs = s->pci_total_vfs;
	info->num_vfs = s->pci_num_vfs;
	info->has_resources = s->has_res;
	info->caps = s->pf_caps;
	info->gts = max_t(u32, s->caps.gts, 1);
	memcpy(info->res, s->res, sizeof(info->res));
	if (cfg_out)
		memcpy(cfg_out, &s->cfg, sizeof(*cfg_out));
	vfprov_status_copy(pf, info);
out:
	kfree(s);
	return err;
}

/* The highest VF id vfprov_vf_query() answers for (VF dumps end there). */
u32 vfprov_vf_last(struct vfprov_pf *pf)
{
	int total = pci_sriov_get_totalvfs(pf->pdev);

	return clamp(total, 0, VFPROV_MAX_VFS);
}

int vfprov_vf_query(struct vfprov_pf *pf, __u32 vf_id,
		    struct vfprov_vf_info *info)
{
	struct vfprov_vf_state st;
	struct vfprov_be be;
	int total, err;

	memset(info, 0, sizeof(*info));
	err = vfprov_backend_select_query(pf, &be);
	if (err)
		return err;
	total = pci_sriov_get_totalvfs(pf->pdev);
	if (!vf_id || vf_id > total || vf_id > VFPROV_MAX_VFS)
		return -ENOENT;
	if (be.ops && be.ops->vf_cfg) {
		err = be.ops->vf_cfg(&be, vf_id, &info->cfg);
		if (err)
			return err;
	}
	vfprov_pci_vf_state(pf, vf_id, true, &st);
	info->id = vf_id;
	info->enabled = st.present;
	strscpy(info->addr, st.addr, sizeof(info->addr));
	strscpy(info->driver, st.driver, sizeof(info->driver));
	info->iommu_group = st.iommu_group;
	info->in_use = st.in_use;
	vfprov_health_vf_query(pf, &be, vf_id, info);
	return 0;
}
