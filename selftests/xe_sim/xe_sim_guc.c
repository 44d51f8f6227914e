// SPDX-License-Identifier: GPL-2.0
/*
 * xe_sim's GuC: every config change is a "push" that can fail, and the
 * fault-injection knobs in /sys/kernel/debug/xe_sim/<BDF>/ (not part of
 * xe's ABI).  Pushes run under sim->lock.
 */
#include <linux/debugfs.h>

#include "xe_sim.h"

/*
 * xe keeps a VF's VRAM in place while the VF runs: the GuC refuses a
 * change of a running VF's LMEM config.
 */
static bool xs_guc_refuses(struct xs_gt *gt, unsigned int vfid,
			   const char *what)
{
	u8 st = gt->vf_state[vfid];

	return vfid && !strcmp(what, "vram") &&
	       pci_num_vf(gt->sim->pdev) >= vfid &&
	       (st == XS_VF_RUNNING || st == XS_VF_PAUSED);
}

int xs_guc_push(struct xs_gt *gt, unsigned int vfid, const char *what)
{
	struct xe_sim *sim = gt->sim;
	bool here = !sim->guc.gt_mask || (sim->guc.gt_mask & BIT(gt->id));

	if (sim->guc.down)
		return -ETIMEDOUT;
	if (xs_guc_refuses(gt, vfid, what))
		return -EIO;
	if (!here || !sim->guc.nth)
		return 0;
	if (++sim->guc.calls < sim->guc.nth)
		return 0;
	if (!sim->guc.sticky) {
		sim->guc.nth = 0;
		sim->guc.calls = 0;
	}
	pci_dbg(sim->pdev, "gt%u: GuC refuses %s of VF%u\n", gt->id, what,
		vfid);
	return -(int)sim->guc.err;
}

/* u32 knobs under the model lock */
#define XS_KNOB(name, field)						\
static int name##_get(void *data, u64 *val)				\
{									\
	struct xe_sim *sim = data;					\
									\
	mutex_lock(&sim->lock);						\
	*val = sim->field;						\
	mutex_unlock(&sim->lock);					\
	return 0;							\
}									\
static int name##_set(void *data, u64 val)				\
{									\
	struct xe_sim *sim = data;					\
									\
	if (val > U32_MAX)						\
		return -EINVAL;						\
	mutex_lock(&sim->lock);						\
	sim->field = val;						\
	sim->guc.calls = 0;						\
	mutex_unlock(&sim->lock);					\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE(name##_fops, name##_get, name##_set, "%llu\n")

XS_KNOB(guc_fail_nth, guc.nth);
XS_KNOB(guc_fail_errno, guc.err);
XS_KNOB(guc_fail_sticky, guc.sticky);
XS_KNOB(guc_fail_gt_mask, guc.gt_mask);
XS_KNOB(guc_down, guc.down);
XS_KNOB(wedged, wedged);
XS_KNOB(fail_enable_errno, fail_enable_errno);

/* VFs running on every GT */
static int vfs_running_get(void *data, u64 *val)
{
	struct xe_sim *sim = data;
	unsigned int v, g;

	mutex_lock(&sim->lock);
	*val = 0;
	for (v = 1; v <= pci_num_vf(sim->pdev); v++) {
		for (g = 0; g < sim->num_gts; g++)
			if (sim->gt[g].vf_state[v] != XS_VF_RUNNING)
				break;
		if (g == sim->num_gts)
			*val |= BIT_ULL(v);
	}
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(vfs_running_fops, vfs_running_get, NULL,
			 "%llu\n");

/* "VF1: gt0 paused gt1 running", a line per enabled VF (xe has none) */
static int vf_states_show(struct seq_file *m, void *v)
{
	static const char *const name[] = {
		[XS_VF_READY] = "ready", [XS_VF_RUNNING] = "running",
		[XS_VF_PAUSED] = "paused", [XS_VF_STOPPED] = "stopped",
	};
	struct xe_sim *sim = m->private;
	unsigned int n, g;

	mutex_lock(&sim->lock);
	for (n = 1; n <= pci_num_vf(sim->pdev); n++) {
		seq_printf(m, "VF%u:", n);
		for (g = 0; g < sim->num_gts; g++)
			seq_printf(m, " gt%u %s", g,
				   name[sim->gt[g].vf_state[n]]);
		seq_putc(m, '\n');
	}
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vf_states);

/*
 * "VF GT KIND [N]": the GuC of GT reports N (default 1) adverse events of
 * threshold KIND (xe_sim's order: cat_error_count .. multi_lrc_count) of
 * VF, as xe_gt_sriov_pf_monitor_process_guc2pf() counts them.
 */
static ssize_t adverse_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct xe_sim *sim = file->private_data;
	unsigned int vf, gt, kind, n = 1;
	char buf[48];

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = 0;
	if (sscanf(buf, "%u %u %u %u", &vf, &gt, &kind, &n) < 3 || !vf ||
	    vf > sim->totalvfs || gt >= sim->num_gts || kind >= XS_THR_NUM)
		return -EINVAL;
	mutex_lock(&sim->lock);
	sim->gt[gt].events[vf][kind] += n;
	mutex_unlock(&sim->lock);
	return count;
}

static const struct file_operations adverse_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = adverse_write,
};

/*
 * The mode xe does not expose, for the selftests only (a backend must
 * never read it: real xe has no such file).
 */
static int mode_show(struct seq_file *m, void *v)
{
	struct xe_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_puts(m, sim->mode == XS_MODE_AUTO ? "auto\n" : "custom\n");
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mode);

void xs_debugfs_knobs_init(struct xe_sim *sim, struct dentry *root)
{
	struct dentry *d = debugfs_create_dir(pci_name(sim->pdev), root);

	sim->knobs = d;
	debugfs_create_file_unsafe("guc_fail_nth", 0644, d, sim,
				   &guc_fail_nth_fops);
	debugfs_create_file_unsafe("guc_fail_errno", 0644, d, sim,
				   &guc_fail_errno_fops);
	debugfs_create_file_unsafe("guc_fail_sticky", 0644, d, sim,
				   &guc_fail_sticky_fops);
	debugfs_create_file_unsafe("guc_fail_gt_mask", 0644, d, sim,
				   &guc_fail_gt_mask_fops);
	debugfs_create_file_unsafe("guc_down", 0644, d, sim, &guc_down_fops);
	debugfs_create_file_unsafe("wedged", 0644, d, sim, &wedged_fops);
	debugfs_create_file_unsafe("fail_enable_errno", 0644, d, sim,
				   &fail_enable_errno_fops);
	debugfs_create_file_unsafe("vfs_running", 0444, d, sim,
				   &vfs_running_fops);
	debugfs_create_file("mode", 0444, d, sim, &mode_fops);
	debugfs_create_file("vf_states", 0444, d, sim, &vf_states_fops);
	debugfs_create_file("adverse", 0200, d, sim, &adverse_fops);
}
