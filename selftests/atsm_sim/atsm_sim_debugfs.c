// SPDX-License-Identifier: GPL-2.0
/*
 * atsm_sim debugfs: fault injection and introspection for tests.
 *
 * /sys/kernel/debug/atsm_sim/<pci address>/
 *   writes              RO  prelim_iov stores seen (failed ones included)
 *   fail_write_nth      RW  0 = off; N = the Nth store from now fails
 *   fail_write_errno    RW  errno for that failure (default EIO = 5)
 *   fail_enable_errno   RW  next sriov_configure(n > 0) fails with it
 *   fail_disable_errno  RW  next sriov_configure(0) fails with it
 *   write_delay_ms      RW  sleep before every store (max 10000)
 *   configure_delay_ms  RW  sleep in every sriov_configure, with the PCI
 *                           core holding the PF's device lock (max 10000)
 *   vf_assign           WO  K: flag VF K as assigned to a guest
 *   vf_unassign         WO  K: clear that flag
 *   state               RO  dump of the model
 *   inject_adverse      WO  "K KIND N [GT]": adverse events on VF K
 *   lmem_alloc          WO  "K BYTES": VF K's telemetry (25.1)
 *                           (both atsm_sim_events.c, as is i915's
 *                           dri/<card>/gt<N>/iov/adverse_events)
 * Injected failures happen before the store touches the model.
 *
 * /sys/kernel/debug/atsm_sim/live_kobjects  RO  kobjects not yet released
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/seq_file.h>

#include "atsm_sim.h"

#define SIM_MAX_DELAY_MS 10000

static struct dentry *sim_dbg_root;
/* debugfs "dri": DRM's if it is loaded (looked up), else ours */
static struct dentry *sim_dri_root;
static bool sim_dri_ours;

int sim_fault_before_write(struct atsm_sim *sim)
{
	u32 delay;
	int err = 0;

	mutex_lock(&sim->lock);
	sim->fault.writes++;
	delay = sim->fault.write_delay_ms;
	if (sim->fault.fail_write_nth && !--sim->fault.fail_write_nth)
		err = -(int)sim->fault.fail_write_errno;
	mutex_unlock(&sim->lock);
	/* outside the lock, so that slow writers still overlap */
	if (delay)
		msleep(delay);
	return err;
}

#define SIM_DBG_U32(_field, _min, _max)					\
static int _field##_get(void *data, u64 *val)				\
{									\
	struct atsm_sim *sim = data;					\
									\
	mutex_lock(&sim->lock);						\
	*val = sim->fault._field;					\
	mutex_unlock(&sim->lock);					\
	return 0;							\
}									\
static int _field##_set(void *data, u64 val)				\
{									\
	struct atsm_sim *sim = data;					\
									\
	if (val < (_min) || val > (_max))				\
		return -EINVAL;						\
	mutex_lock(&sim->lock);						\
	sim->fault._field = val;					\
	mutex_unlock(&sim->lock);					\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE(_field##_fops, _field##_get, _field##_set,	\
			 "%llu\n")

SIM_DBG_U32(fail_write_nth, 0, U32_MAX);
SIM_DBG_U32(fail_write_errno, 1, MAX_ERRNO);
SIM_DBG_U32(fail_enable_errno, 0, MAX_ERRNO);
SIM_DBG_U32(fail_disable_errno, 0, MAX_ERRNO);
SIM_DBG_U32(write_delay_ms, 0, SIM_MAX_DELAY_MS);
SIM_DBG_U32(configure_delay_ms, 0, SIM_MAX_DELAY_MS);

/* the errnos the GuC paths of i915 return to a store */
static bool sim_guc_errno_ok(u64 val)
{
	return val == ENOKEY || val == EPROTO || val == ENODEV || val == EIO ||
	       val == ETIMEDOUT;
}

#define SIM_DBG_FIELD(_name, _field, _check)				\
static int _name##_get(void *data, u64 *val)				\
{									\
	struct atsm_sim *sim = data;					\
									\
	mutex_lock(&sim->lock);						\
	*val = sim->_field;						\
	mutex_unlock(&sim->lock);					\
	return 0;							\
}									\
static int _name##_set(void *data, u64 val)				\
{									\
	struct atsm_sim *sim = data;					\
									\
	if (!(_check))							\
		return -EINVAL;						\
	mutex_lock(&sim->lock);						\
	sim->_field = val;						\
	mutex_unlock(&sim->lock);					\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE(_name##_fops, _name##_get, _name##_set, "%llu\n")

SIM_DBG_FIELD(guc_fail_nth, guc.fail_nth, val <= U32_MAX);
SIM_DBG_FIELD(guc_fail_errno, guc.fail_errno, sim_guc_errno_ok(val));
SIM_DBG_FIELD(guc_down, guc.down_errno, !val || sim_guc_errno_ok(val));
SIM_DBG_FIELD(guc_fail_sticky, guc.fail_sticky, val <= 1);
SIM_DBG_FIELD(time_scale, timing.scale, val <= SIM_MAX_TIME_SCALE);
SIM_DBG_FIELD(drift_seed, drift_seed, val <= U32_MAX);
SIM_DBG_FIELD(lmem_frag, lmem_frag, true);

/*
 * What igsc_ecc_config_get() returns to XPU Manager (current and pending
 * state, 1 = on): i915 has no sysfs file for it, the GSC firmware answers
 * over MEI, which the simulator does not provide.
 */
static int ecc_state_show(struct seq_file *m, void *unused)
{
	struct atsm_sim *sim = m->private;

	seq_printf(m, "%u %u\n", sim->ecc, sim->ecc);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ecc_state);

/* the PF's own LMEM use on gt0 (drift "set through debugfs") */
static int pf_lmem_used_get(void *data, u64 *val)
{
	struct atsm_sim *sim = data;

	mutex_lock(&sim->lock);
	*val = sim->gt[0].pf_lmem;
	mutex_unlock(&sim->lock);
	return 0;
}

static int pf_lmem_used_set(void *data, u64 val)
{
	struct atsm_sim *sim = data;
	int err;

	mutex_lock(&sim->lock);
	err = sim_set_pf_lmem(&sim->gt[0], val);
	mutex_unlock(&sim->lock);
	return err;
}
DEFINE_DEBUGFS_ATTRIBUTE(pf_lmem_used_fops, pf_lmem_used_get,
			 pf_lmem_used_set, "%llu\n");

/* 1: PF init done (ends a probe window at once); 0: init "unfinished" */
static int pf_ready_get(void *data, u64 *val)
{
	struct atsm_sim *sim = data;

	mutex_lock(&sim->lock);
	*val = !sim->pf_status;
	mutex_unlock(&sim->lock);
	return 0;
}

static int pf_ready_set(void *data, u64 val)
{
	struct atsm_sim *sim = data;

	if (val > 1 || !sim->totalvfs)
		return -EINVAL;
	if (val)
		sim_probe_finish_now(sim);
	mutex_lock(&sim->lock);
	if (!val)
		sim->pf_status = -EBUSY;
	else if (sim->pf_status == -EBUSY)
		sim->pf_status = 0;
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(pf_ready_fops, pf_ready_get, pf_ready_set, "%llu\n");

static int guc_calls_get(void *data, u64 *val)
{
	struct atsm_sim *sim = data;

	mutex_lock(&sim->lock);
	*val = sim->guc.calls;
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(guc_calls_fops, guc_calls_get, NULL, "%llu\n");

static int writes_get(void *data, u64 *val)
{
	struct atsm_sim *sim = data;

	mutex_lock(&sim->lock);
	*val = sim->fault.writes;
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(writes_fops, writes_get, NULL, "%llu\n");

/*
 * PCI_DEV_FLAGS_ASSIGNED is what pci_vfs_assigned() looks at; setting it
 * stands in for a hypervisor that owns the VF (vfio does not set it).
 */
static int sim_set_assigned(struct atsm_sim *sim, u64 vfid, bool on)
{
	struct pci_dev *vf = NULL;
	int err = -EINVAL;

	mutex_lock(&sim->lock);
	if (vfid && vfid <= pci_num_vf(sim->pdev))
		vf = sim_get_vf(sim, vfid);
	if (vf) {
		if (on)
			vf->dev_flags |= PCI_DEV_FLAGS_ASSIGNED;
		else
			vf->dev_flags &= ~PCI_DEV_FLAGS_ASSIGNED;
		pci_dev_put(vf);
		err = 0;
	}
	mutex_unlock(&sim->lock);
	return err;
}

static int vf_assign_set(void *data, u64 val)
{
	return sim_set_assigned(data, val, true);
}
DEFINE_DEBUGFS_ATTRIBUTE(vf_assign_fops, NULL, vf_assign_set, "%llu\n");

static int vf_unassign_set(void *data, u64 val)
{
	return sim_set_assigned(data, val, false);
}
DEFINE_DEBUGFS_ATTRIBUTE(vf_unassign_fops, NULL, vf_unassign_set, "%llu\n");

static const char * const sim_vf_state_names[] = {
	[SIM_VF_RUNNING] = "running",
	[SIM_VF_PAUSED] = "paused",
	[SIM_VF_STOPPED] = "stopped",
};

static void sim_show_cfg(struct seq_file *m, struct atsm_sim *sim,
			 struct sim_gt *gt, unsigned int id)
{
	struct sim_cfg *c = &gt->cfg[id];
	unsigned int numvfs = pci_num_vf(sim->pdev);

	seq_printf(m, "  %s%u: ggtt=%#llx+%#llx lmem=%llu lmtt=%llu ctxs=%u+%u dbs=%u+%u eq=%u pt=%u prio=%u",
		   id ? "vf" : "pf", id, c->ggtt_start, c->ggtt_size, c->lmem,
		   gt->lmtt[id],
		   c->ctx_begin, c->ctx_num, c->db_begin, c->db_num,
		   c->exec_quantum, c->preempt_timeout, c->sched_priority);
	if (id && id <= numvfs)
		seq_printf(m, " %s", sim_vf_state_names[sim->vf_state[id]]);
	seq_putc(m, '\n');
}

static int state_show(struct seq_file *m, void *unused)
{
	struct atsm_sim *sim = m->private;
	struct sim_gt *gt;
	unsigned int i, id;

	mutex_lock(&sim->lock);
	seq_printf(m, "card: %d\ntotalvfs: %u\nnumvfs: %u\nauto_provisioning: %d\n",
		   sim->card, sim->totalvfs, pci_num_vf(sim->pdev),
		   !sim->auto_off);
	for (i = 0; i < sim->num_gts; i++) {
		gt = &sim->gt[i];
		seq_printf(m, "gt%u: auto_mode=%d pushed=%u lmem_used=%llu sched_if_idle=%d engine_reset=%d sample_period=%u\n",
			   i, gt->auto_mode, gt->num_pushed, gt->lmem_used,
			   gt->sched_if_idle, gt->engine_reset,
			   gt->sample_period);
		for (id = 0; id <= sim->totalvfs; id++)
			sim_show_cfg(m, sim, gt, id);
	}
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(state);

void sim_debugfs_init(struct atsm_sim *sim)
{
	struct dentry *d = debugfs_create_dir(pci_name(sim->pdev), sim_dbg_root);

	sim->dbg = d;
	debugfs_create_file_unsafe("writes", 0444, d, sim, &writes_fops);
	debugfs_create_file_unsafe("fail_write_nth", 0644, d, sim,
				   &fail_write_nth_fops);
	debugfs_create_file_unsafe("fail_write_errno", 0644, d, sim,
				   &fail_write_errno_fops);
	debugfs_create_file_unsafe("fail_enable_errno", 0644, d, sim,
				   &fail_enable_errno_fops);
	debugfs_create_file_unsafe("fail_disable_errno", 0644, d, sim,
				   &fail_disable_errno_fops);
	debugfs_create_file_unsafe("write_delay_ms", 0644, d, sim,
				   &write_delay_ms_fops);
	debugfs_create_file_unsafe("configure_delay_ms", 0644, d, sim,
				   &configure_delay_ms_fops);
	debugfs_create_file_unsafe("vf_assign", 0200, d, sim, &vf_assign_fops);
	debugfs_create_file_unsafe("vf_unassign", 0200, d, sim,
				   &vf_unassign_fops);
	debugfs_create_file("state", 0444, d, sim, &state_fops);
	debugfs_create_file_unsafe("guc_calls", 0444, d, sim, &guc_calls_fops);
	debugfs_create_file_unsafe("pf_ready", 0644, d, sim, &pf_ready_fops);
	debugfs_create_file_unsafe("drift_seed", 0644, d, sim, &drift_seed_fops);
	debugfs_create_file_unsafe("lmem_frag", 0644, d, sim, &lmem_frag_fops);
	debugfs_create_file_unsafe("pf_lmem_used", 0644, d, sim,
				   &pf_lmem_used_fops);
	debugfs_create_file("ecc_state", 0444, d, sim, &ecc_state_fops);
	debugfs_create_file_unsafe("guc_fail_nth", 0644, d, sim,
				   &guc_fail_nth_fops);
	debugfs_create_file_unsafe("guc_fail_errno", 0644, d, sim,
				   &guc_fail_errno_fops);
	debugfs_create_file_unsafe("guc_down", 0644, d, sim, &guc_down_fops);
	debugfs_create_file_unsafe("guc_fail_sticky", 0644, d, sim,
				   &guc_fail_sticky_fops);
	debugfs_create_file_unsafe("time_scale", 0644, d, sim,
				   &time_scale_fops);
	sim_events_debugfs_init(sim, d, sim_dri_root);
}

void sim_debugfs_fini(struct atsm_sim *sim)
{
	sim_events_debugfs_fini(sim);
	debugfs_remove_recursive(sim->dbg);
	sim->dbg = NULL;
}

static int live_kobjects_get(void *data, u64 *val)
{
	*val = sim_sysfs_live_kobjs();
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(live_kobjects_fops, live_kobjects_get, NULL,
			 "%llu\n");

void sim_debugfs_module_init(void)
{
	sim_dbg_root = debugfs_create_dir("atsm_sim", NULL);
	sim_dri_root = debugfs_lookup("dri", NULL);
	if (!sim_dri_root) {
		sim_dri_root = debugfs_create_dir("dri", NULL);
		sim_dri_ours = true;
	}
	debugfs_create_file_unsafe("live_kobjects", 0444, sim_dbg_root, NULL,
				   &live_kobjects_fops);
}

void sim_debugfs_module_exit(void)
{
	debugfs_remove_recursive(sim_dbg_root);
	sim_dbg_root = NULL;
	if (sim_dri_ours)
		debugfs_remove(sim_dri_root);	/* empty: the cards removed theirs */
	else
		dput(sim_dri_root);
	sim_dri_root = NULL;
	sim_dri_ours = false;
}
