// SPDX-License-Identifier: GPL-2.0
/*
 * atsm_sim sysfs: the i915 prelim_iov tree under <pf>/drm/cardN.
 *
 * drm.ko owns the "drm" class, so the simulator cannot register a class
 * of that name; it builds the same directory shape from plain kobjects
 * instead: <pf>/drm/cardN/{prelim_iov/..., iov -> prelim_iov, device}.
 * There is no /sys/class/drm/cardN link: consumers find the card through
 * the PCI device's drm/ directory (which also works for real i915).
 */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "atsm_sim.h"

struct sim_attr {
	struct attribute attr;
	ssize_t (*show)(struct sim_kobj *sk, char *buf);
	int (*store)(struct sim_kobj *sk, const char *buf);
};

#define SIM_RW(_name) \
static struct sim_attr sim_attr_##_name = \
	__ATTR(_name, 0644, _name##_show, _name##_store)
#define SIM_RO(_name) \
static struct sim_attr sim_attr_##_name = __ATTR(_name, 0444, _name##_show, NULL)
#define SIM_WO(_name) \
static struct sim_attr sim_attr_##_name = __ATTR(_name, 0200, NULL, _name##_store)

static struct sim_kobj *to_sim_kobj(struct kobject *kobj)
{
	return container_of(kobj, struct sim_kobj, kobj);
}

static ssize_t sim_attr_show(struct kobject *kobj, struct attribute *attr,
			     char *buf)
{
	struct sim_attr *sa = container_of(attr, struct sim_attr, attr);
	struct sim_kobj *sk = to_sim_kobj(kobj);
	ssize_t ret;

	if (!sa->show)
		return -EIO;
	mutex_lock(&sk->sim->lock);
	ret = sa->show(sk, buf);
	mutex_unlock(&sk->sim->lock);
	return ret;
}

static ssize_t sim_attr_store(struct kobject *kobj, struct attribute *attr,
			      const char *buf, size_t count)
{
	struct sim_attr *sa = container_of(attr, struct sim_attr, attr);
	struct sim_kobj *sk = to_sim_kobj(kobj);
	int err;

	if (!sa->store)
		return -EIO;
	/* counted, delayed or failed before the model is touched */
	err = sim_fault_before_write(sk->sim);
	if (err)
		return err;
	mutex_lock(&sk->sim->lock);
	err = sa->store(sk, buf);
	mutex_unlock(&sk->sim->lock);
	return err ?: count;
}

static const struct sysfs_ops sim_sysfs_ops = {
	.show = sim_attr_show,
	.store = sim_attr_store,
};

/* module-wide count of live kobjects, so tests can see releases happen */
static atomic_t sim_live_kobjs = ATOMIC_INIT(0);

int sim_sysfs_live_kobjs(void)
{
	return atomic_read(&sim_live_kobjs);
}

static void sim_kobj_release(struct kobject *kobj)
{
	kfree(to_sim_kobj(kobj));
	atomic_dec(&sim_live_kobjs);
}

static struct kobj_type sim_ktype = {
	.release = sim_kobj_release,
	.sysfs_ops = &sim_sysfs_ops,
};

/* ---- prelim_iov/mode, pf/auto_provisioning, vfK/{id,control} -------- */

static ssize_t mode_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "SR-IOV PF\n");
}

static ssize_t auto_provisioning_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%d\n", !sk->sim->auto_off);
}

static int auto_provisioning_store(struct sim_kobj *sk, const char *buf)
{
	bool val;
	int err = kstrtobool(buf, &val);

	return err ?: sim_set_auto_provisioning(sk->sim, val);
}

static ssize_t id_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->id);
}

/*
 * i915_sriov_pf_clear_vf(): per GT, a "no config" request to the GuC and,
 * only if it succeeds, the unprovisioning; the first error is returned.
 */
static int sim_control_clear(struct atsm_sim *sim, unsigned int id)
{
	unsigned int i;
	int err, ret = 0;

	for (i = 0; i < sim->num_gts; i++) {
		err = sim_guc_send(&sim->gt[i]);
		if (!err)
			sim_unprovision(&sim->gt[i], id);
		ret = ret ?: err;
	}
	return ret;
}

/*
 * The GuC's VF state machine as the simulator reads it (the firmware is
 * not in the i915 source; i915 keeps no state and sends every command):
 * pause needs a running VF, resume a paused one, stop a running or paused
 * one; any other command gets a failure response, which ct_send() turns
 * into EIO, and the VF keeps its state.
 */
static bool sim_control_allowed(u8 from, u8 to)
{
	switch (to) {
	case SIM_VF_PAUSED:
		return from == SIM_VF_RUNNING;
	case SIM_VF_RUNNING:
		return from == SIM_VF_PAUSED;
	default:
		return from != SIM_VF_STOPPED;
	}
}

/*
 * stop/pause/resume are GuC VF control commands, one per GT; they need an
 * enabled VF (ENODEV otherwise, a simulator choice); clear unprovisions.
 * Each GT's request can fail (guc_fail_nth, guc_down, a pending signal:
 * EINTR); as i915 does, the other GTs are still asked and the first error
 * is returned.
 */
static int control_store(struct sim_kobj *sk, const char *buf)
{
	struct atsm_sim *sim = sk->sim;
	unsigned int i;
	int err, ret = 0;
	u8 state;

	if (sysfs_streq(buf, "clear"))
		return sim_control_clear(sim, sk->id);
	if (sysfs_streq(buf, "stop"))
		state = SIM_VF_STOPPED;
	else if (sysfs_streq(buf, "pause"))
		state = SIM_VF_PAUSED;
	else if (sysfs_streq(buf, "resume"))
		state = SIM_VF_RUNNING;
	else
		return -EINVAL;
	if (sk->id > pci_num_vf(sim->pdev))
		return -ENODEV;
	for (i = 0; i < sim->num_gts; i++) {
		err = sim_guc_send(&sim->gt[i]);
		if (!err && !sim_control_allowed(sim->vf_state[sk->id], state))
			err = -EIO;
		if (err)
			pci_warn(sim->pdev, "Failed to %s VF%u on gt%u (%pe)\n",
				 state == SIM_VF_STOPPED ? "stop" :
				 state == SIM_VF_PAUSED ? "pause" : "resume",
				 sk->id, i, ERR_PTR(err));
		ret = ret ?: err;
	}
	if (!ret)
		sim->vf_state[sk->id] = state;
	return ret;
}

SIM_RO(mode);
SIM_RW(auto_provisioning);
SIM_RO(id);
SIM_WO(control);

static struct attribute *sim_home_attrs[] = {
	&sim_attr_mode.attr,
	NULL
};

static struct attribute *sim_pf_attrs[] = {
	&sim_attr_auto_provisioning.attr,
	NULL
};

static struct attribute *sim_vf_attrs[] = {
	&sim_attr_id.attr,
	&sim_attr_control.attr,
	NULL
};

static const struct attribute_group sim_home_group = {
	.attrs = sim_home_attrs,
};

static const struct attribute_group sim_pf_group = {
	.attrs = sim_pf_attrs,
};

static const struct attribute_group sim_vf_group = {
	.attrs = sim_vf_attrs,
};

/*
 * 25.1: vfK/telemetry/lmem_alloc_size, what the VF's own driver reports
 * it has allocated; no guest driver runs here: tests set it through the
 * lmem_alloc debugfs knob (0 until then and after a disable).
 */
static ssize_t lmem_alloc_size_show(struct sim_kobj *sk, char *buf)
{
	/* sim_attr_show() holds sim->lock */
	return sysfs_emit(buf, "%llu\n", sk->sim->lmem_alloc[sk->id]);
}
SIM_RO(lmem_alloc_size);

static struct attribute *sim_telemetry_attrs[] = {
	&sim_attr_lmem_alloc_size.attr,
	NULL
};

static const struct attribute_group sim_telemetry_group = {
	.name = "telemetry",
	.attrs = sim_telemetry_attrs,
};

/* ---- gt/ attributes shared by PF and VFs --------------------------- */

#define SIM_PARSE(type, buf, val) kstrto##type(buf, 0, val)

static ssize_t exec_quantum_ms_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->gt->cfg[sk->id].exec_quantum);
}

static int exec_quantum_ms_store(struct sim_kobj *sk, const char *buf)
{
	u32 val;
	int err = SIM_PARSE(u32, buf, &val);

	return err ?: sim_set_exec_quantum(sk->gt, sk->id, val);
}

static ssize_t preempt_timeout_us_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->gt->cfg[sk->id].preempt_timeout);
}

static int preempt_timeout_us_store(struct sim_kobj *sk, const char *buf)
{
	u32 val;
	int err = SIM_PARSE(u32, buf, &val);

	return err ?: sim_set_preempt_timeout(sk->gt, sk->id, val);
}

static ssize_t sched_priority_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->gt->cfg[sk->id].sched_priority);
}

static int sched_priority_store(struct sim_kobj *sk, const char *buf)
{
	u8 val;
	int err = SIM_PARSE(u8, buf, &val);

	return err ?: sim_set_sched_priority(sk->gt, sk->id, val);
}

/* the PF's contexts_quota is read-only in effect: EOPNOTSUPP on store */
static ssize_t contexts_quota_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%hu\n", sk->gt->cfg[sk->id].ctx_num);
}

static int contexts_quota_store(struct sim_kobj *sk, const char *buf)
{
	u16 val;
	int err = SIM_PARSE(u16, buf, &val);

	return err ?: sim_set_ctxs(sk->gt, sk->id, val);
}

static int doorbells_spare_store(struct sim_kobj *sk, const char *buf);

/* i915: on the PF, doorbells_quota aliases free (show) and spare (store) */
static ssize_t doorbells_quota_show(struct sim_kobj *sk, char *buf)
{
	if (sk->id == SIM_PFID)
		return sysfs_emit(buf, "%hu\n", sim_free_dbs(sk->gt));
	return sysfs_emit(buf, "%hu\n", sk->gt->cfg[sk->id].db_num);
}

static int doorbells_quota_store(struct sim_kobj *sk, const char *buf)
{
	u16 val;
	int err;

	if (sk->id == SIM_PFID)
		return doorbells_spare_store(sk, buf);
	err = SIM_PARSE(u16, buf, &val);
	return err ?: sim_set_dbs(sk->gt, sk->id, val);
}

SIM_RW(exec_quantum_ms);
SIM_RW(preempt_timeout_us);
SIM_RW(sched_priority);
SIM_RW(contexts_quota);
SIM_RW(doorbells_quota);

/* ---- PF gt/ spares, available/, policies/ -------------------------- */

#define SIM_SPARE_ATTR(_name, type, fmt, getter, setter)		\
static ssize_t _name##_show(struct sim_kobj *sk, char *buf)		\
{									\
	return sysfs_emit(buf, fmt "\n", getter(sk->gt));		\
}									\
static int _name##_store(struct sim_kobj *sk, const char *buf)		\
{									\
	type val;							\
	int err = SIM_PARSE(type, buf, &val);				\
									\
	return err ?: setter(sk->gt, val);				\
}									\
SIM_RW(_name)

SIM_SPARE_ATTR(ggtt_spare, u64, "%llu", sim_get_spare_ggtt, sim_set_spare_ggtt);
SIM_SPARE_ATTR(lmem_spare, u64, "%llu", sim_get_spare_lmem, sim_set_spare_lmem);
SIM_SPARE_ATTR(contexts_spare, u16, "%hu", sim_get_spare_ctxs, sim_set_spare_ctxs);
SIM_SPARE_ATTR(doorbells_spare, u16, "%hu", sim_get_spare_dbs, sim_set_spare_dbs);

#define SIM_AVAIL_ATTR(_name, fmt, getter)				\
static ssize_t _name##_show(struct sim_kobj *sk, char *buf)		\
{									\
	return sysfs_emit(buf, fmt "\n", getter(sk->gt));		\
}									\
SIM_RO(_name)

SIM_AVAIL_ATTR(ggtt_free, "%llu", sim_free_ggtt);
SIM_AVAIL_ATTR(ggtt_max_quota, "%llu", sim_max_ggtt);
/* pf_query_free_lmem() flushes the region and drains i915's workqueue */
static u64 sim_read_free_lmem(struct sim_gt *gt)
{
	sim_cost_drain(gt->sim);
	sim_drift(gt);
	return sim_free_lmem(gt);
}

static u64 sim_read_max_lmem(struct sim_gt *gt)
{
	sim_cost_drain(gt->sim);
	sim_drift(gt);
	return sim_max_lmem(gt);
}

SIM_AVAIL_ATTR(lmem_free, "%llu", sim_read_free_lmem);
SIM_AVAIL_ATTR(lmem_max_quota, "%llu", sim_read_max_lmem);
SIM_AVAIL_ATTR(contexts_free, "%hu", sim_free_ctxs);
SIM_AVAIL_ATTR(contexts_max_quota, "%hu", sim_max_ctxs);
SIM_AVAIL_ATTR(doorbells_free, "%hu", sim_free_dbs);
SIM_AVAIL_ATTR(doorbells_max_quota, "%hu", sim_max_dbs);

static ssize_t sched_if_idle_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->gt->sched_if_idle);
}

static int sched_if_idle_store(struct sim_kobj *sk, const char *buf)
{
	bool val;
	int err = kstrtobool(buf, &val);

	return err ?: sim_set_sched_if_idle(sk->gt, val);
}

static ssize_t engine_reset_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->gt->engine_reset);
}

static int engine_reset_store(struct sim_kobj *sk, const char *buf)
{
	bool val;
	int err = kstrtobool(buf, &val);

	return err ?: sim_set_engine_reset(sk->gt, val);
}

static ssize_t sample_period_ms_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%u\n", sk->gt->sample_period);
}

static int sample_period_ms_store(struct sim_kobj *sk, const char *buf)
{
	u32 val;
	int err = SIM_PARSE(u32, buf, &val);

	return err ?: sim_set_sample_period(sk->gt, val);
}

SIM_RW(sched_if_idle);
SIM_RW(engine_reset);
SIM_RW(sample_period_ms);

static struct attribute *sim_pf_gt_attrs[] = {
	&sim_attr_exec_quantum_ms.attr,
	&sim_attr_preempt_timeout_us.attr,
	&sim_attr_sched_priority.attr,
	&sim_attr_ggtt_spare.attr,
	&sim_attr_lmem_spare.attr,
	&sim_attr_contexts_spare.attr,
	&sim_attr_doorbells_spare.attr,
	/* deprecated i915 aliases, still present on the PF */
	&sim_attr_contexts_quota.attr,
	&sim_attr_doorbells_quota.attr,
	NULL
};

static struct attribute *sim_available_attrs[] = {
	&sim_attr_ggtt_free.attr,
	&sim_attr_ggtt_max_quota.attr,
	&sim_attr_contexts_free.attr,
	&sim_attr_contexts_max_quota.attr,
	&sim_attr_doorbells_free.attr,
	&sim_attr_doorbells_max_quota.attr,
	&sim_attr_lmem_free.attr,
	&sim_attr_lmem_max_quota.attr,
	NULL
};

static struct attribute *sim_policies_attrs[] = {
	&sim_attr_sched_if_idle.attr,
	&sim_attr_engine_reset.attr,
	&sim_attr_sample_period_ms.attr,
	NULL
};

/* sched_priority exists only in the 25.1 personality (PF only there) */
static umode_t sim_pf_gt_visible(struct kobject *kobj, struct attribute *attr,
				 int index)
{
	struct sim_kobj *sk = container_of(kobj, struct sim_kobj, kobj);

	if (attr == &sim_attr_sched_priority.attr && !sk->sim->abi_251)
		return 0;
	return attr->mode;
}

static const struct attribute_group sim_pf_gt_group = {
	.attrs = sim_pf_gt_attrs,
	.is_visible = sim_pf_gt_visible,
};

static const struct attribute_group sim_available_group = {
	.name = "available",
	.attrs = sim_available_attrs,
};

static const struct attribute_group sim_policies_group = {
	.name = "policies",
	.attrs = sim_policies_attrs,
};

static const struct attribute_group *sim_pf_gt_groups[] = {
	&sim_pf_gt_group,
	&sim_available_group,
	&sim_policies_group,
	NULL
};

/* ---- VF gt/ quotas and threshold/ ---------------------------------- */

static ssize_t ggtt_quota_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%llu\n", sk->gt->cfg[sk->id].ggtt_size);
}

static int ggtt_quota_store(struct sim_kobj *sk, const char *buf)
{
	u64 val;
	int err = SIM_PARSE(u64, buf, &val);

	return err ?: sim_set_ggtt(sk->gt, sk->id, val);
}

static ssize_t lmem_quota_show(struct sim_kobj *sk, char *buf)
{
	return sysfs_emit(buf, "%llu\n", sk->gt->cfg[sk->id].lmem);
}

static int lmem_quota_store(struct sim_kobj *sk, const char *buf)
{
	u64 val;
	int err = SIM_PARSE(u64, buf, &val);

	return err ?: sim_set_lmem(sk->gt, sk->id, val);
}

SIM_RW(ggtt_quota);
SIM_RW(lmem_quota);

#define SIM_THRESHOLD_ATTR(_name, thr)					\
static ssize_t _name##_show(struct sim_kobj *sk, char *buf)		\
{									\
	return sysfs_emit(buf, "%u\n",					\
			  sk->gt->cfg[sk->id].thresholds[thr]);		\
}									\
static int _name##_store(struct sim_kobj *sk, const char *buf)		\
{									\
	u32 val;							\
	int err = SIM_PARSE(u32, buf, &val);				\
									\
	return err ?: sim_set_threshold(sk->gt, sk->id, thr, val);	\
}									\
SIM_RW(_name)

SIM_THRESHOLD_ATTR(cat_error_count, SIM_THR_CAT_ERROR);
SIM_THRESHOLD_ATTR(engine_reset_count, SIM_THR_ENGINE_RESET);
SIM_THRESHOLD_ATTR(page_fault_count, SIM_THR_PAGE_FAULT);
SIM_THRESHOLD_ATTR(h2g_time_us, SIM_THR_H2G_TIME);
SIM_THRESHOLD_ATTR(irq_time_us, SIM_THR_IRQ_TIME);
SIM_THRESHOLD_ATTR(doorbell_time_us, SIM_THR_DOORBELL_TIME);

static struct attribute *sim_vf_gt_attrs[] = {
	&sim_attr_exec_quantum_ms.attr,
	&sim_attr_preempt_timeout_us.attr,
	&sim_attr_ggtt_quota.attr,
	&sim_attr_lmem_quota.attr,
	&sim_attr_contexts_quota.attr,
	&sim_attr_doorbells_quota.attr,
	NULL
};

static struct attribute *sim_threshold_attrs[] = {
	&sim_attr_cat_error_count.attr,
	&sim_attr_engine_reset_count.attr,
	&sim_attr_page_fault_count.attr,
	&sim_attr_h2g_time_us.attr,
	&sim_attr_irq_time_us.attr,
	&sim_attr_doorbell_time_us.attr,
	NULL
};

static const struct attribute_group sim_vf_gt_group = {
	.attrs = sim_vf_gt_attrs,
};

static const struct attribute_group sim_threshold_group = {
	.name = "threshold",
	.attrs = sim_threshold_attrs,
};

static const struct attribute_group *sim_vf_gt_groups[] = {
	&sim_vf_gt_group,
	&sim_threshold_group,
	NULL
};

/* ---- tree construction --------------------------------------------- */

static struct sim_kobj *sim_kobj_add(struct atsm_sim *sim,
				     struct kobject *parent,
				     const struct attribute_group *group,
				     const char *name)
{
	struct sim_kobj *sk = kzalloc(sizeof(*sk), GFP_KERNEL);
	int err;

	if (!sk)
		return ERR_PTR(-ENOMEM);
	atomic_inc(&sim_live_kobjs);
	sk->sim = sim;
	err = kobject_init_and_add(&sk->kobj, &sim_ktype, parent, "%s", name);
	if (!err && group)
		err = sysfs_create_group(&sk->kobj, group);
	if (err) {
		kobject_put(&sk->kobj);
		return ERR_PTR(err);
	}
	return sk;
}

static int sim_add_gt_dirs(struct atsm_sim *sim, unsigned int id)
{
	const struct attribute_group **groups;
	struct sim_kobj *sk;
	char name[16];
	unsigned int i;
	int err;

	groups = id ? sim_vf_gt_groups : sim_pf_gt_groups;
	for (i = 0; i < sim->num_gts; i++) {
		if (sim->num_gts > 1)
			snprintf(name, sizeof(name), "gt%u", i);
		else
			strscpy(name, "gt", sizeof(name));
		sk = sim_kobj_add(sim, &sim->node[id]->kobj, NULL, name);
		if (IS_ERR(sk))
			return PTR_ERR(sk);
		sk->id = id;
		sk->gt = &sim->gt[i];
		sim->gtnode[i][id] = sk;
		err = sysfs_create_groups(&sk->kobj, groups);
		if (err)
			return err;
	}
	return 0;
}

static int sim_add_node(struct atsm_sim *sim, unsigned int id)
{
	struct sim_kobj *sk;
	char name[16];

	if (id)
		snprintf(name, sizeof(name), "vf%u", id);
	else
		strscpy(name, "pf", sizeof(name));
	sk = sim_kobj_add(sim, &sim->home->kobj,
			  id ? &sim_vf_group : &sim_pf_group, name);
	if (IS_ERR(sk))
		return PTR_ERR(sk);
	sk->id = id;
	sim->node[id] = sk;
	if (id && sim->abi_251)
		return sysfs_create_group(&sk->kobj, &sim_telemetry_group);
	return 0;
}

static int sim_add_top(struct atsm_sim *sim)
{
	struct kobject *pf = &sim->pdev->dev.kobj;
	struct sim_kobj *sk;
	char name[16];

	sk = sim_kobj_add(sim, pf, NULL, "drm");
	if (IS_ERR(sk))
		return PTR_ERR(sk);
	sim->drm = sk;
	snprintf(name, sizeof(name), "card%d", sim->card);
	sk = sim_kobj_add(sim, &sim->drm->kobj, NULL, name);
	if (IS_ERR(sk))
		return PTR_ERR(sk);
	sim->cardk = sk;
	return sysfs_create_link(&sim->cardk->kobj, pf, "device");
}

/*
 * i915_sriov_sysfs_setup(): prelim_iov, pf/ and vfK/ first; the gt/
 * directories come later (sim_sysfs_add_gts(), intel_iov_sysfs_setup()
 * from intel_gt_driver_register()).  A card with max_vfs=0 runs as a
 * native device: drm/cardN without prelim_iov.
 */
int sim_sysfs_init(struct atsm_sim *sim)
{
	unsigned int id;
	struct sim_kobj *sk;
	int err;

	err = sim_add_top(sim);
	if (err || !sim->totalvfs)
		goto out;
	sk = sim_kobj_add(sim, &sim->cardk->kobj, &sim_home_group,
			  "prelim_iov");
	if (IS_ERR(sk)) {
		err = PTR_ERR(sk);
		goto out;
	}
	sim->home = sk;
	for (id = 0; !err && id <= sim->totalvfs; id++)
		err = sim_add_node(sim, id);
	if (!err)
		err = sysfs_create_link(&sim->node[SIM_PFID]->kobj,
					&sim->pdev->dev.kobj, "device");
	if (!err)
		err = sysfs_create_link(&sim->cardk->kobj, &sim->home->kobj,
					"iov");
out:
	if (err)
		sim_sysfs_fini(sim);
	return err;
}

/* the gt/ (or gtN/) directories of the PF and every VF */
int sim_sysfs_add_gts(struct atsm_sim *sim)
{
	unsigned int id;
	int err = 0;

	for (id = 0; !err && id <= sim->totalvfs; id++)
		err = sim_add_gt_dirs(sim, id);
	return err;
}

static void sim_put(struct sim_kobj **skp)
{
	if (*skp)
		kobject_put(&(*skp)->kobj);
	*skp = NULL;
}

/* children first: each child holds a reference on its parent */
void sim_sysfs_fini(struct atsm_sim *sim)
{
	unsigned int id, i;

	for (id = 0; id <= sim->totalvfs; id++) {
		for (i = 0; i < sim->num_gts; i++)
			sim_put(&sim->gtnode[i][id]);
		sim_put(&sim->node[id]);
	}
	sim_put(&sim->home);
	sim_put(&sim->cardk);
	sim_put(&sim->drm);
}

/* vfK/device exists only while VF K is enabled (i915 update_links) */
int sim_sysfs_add_vf_links(struct atsm_sim *sim, unsigned int num_vfs)
{
	struct pci_dev *vf;
	unsigned int n;
	int err = 0;

	for (n = 1; n <= num_vfs && !err; n++) {
		vf = sim_get_vf(sim, n);
		if (!vf) {
			err = -ENODEV;
			break;
		}
		err = sysfs_create_link(&sim->node[n]->kobj, &vf->dev.kobj,
					"device");
		pci_dev_put(vf);
	}
	sim->vf_links = true;
	if (err)
		sim_sysfs_remove_vf_links(sim);
	return err;
}

void sim_sysfs_remove_vf_links(struct atsm_sim *sim)
{
	unsigned int n;

	if (!sim->vf_links)
		return;
	/* removing a link that was never created is a silent no-op */
	for (n = 1; n <= sim->totalvfs; n++)
		sysfs_remove_link(&sim->node[n]->kobj, "device");
	sim->vf_links = false;
}
