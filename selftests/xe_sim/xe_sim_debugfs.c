// SPDX-License-Identifier: GPL-2.0
/*
 * xe_sim's debugfs, laid out as xe 6.19+ does (XE_SRIOV_ABI.md, "Not ABI:
 * debugfs"): /sys/kernel/debug/dri/<BDF>/sriov/..., the compat links that
 * XPU Manager uses, and lockdown: with the lockdown parameter set, a file
 * whose mode has any bit above 0444 fails to open with EPERM (as under
 * lockdown=integrity); debugfs_off=1 at bind creates no dri tree.
 *
 * Every successful config, spare, policy or threshold write switches the
 * PF to CUSTOM mode.  Values read "%llu\n" and parse with kstrtoull base
 * 0; too large for the field is EOVERFLOW.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "xe_sim.h"

static struct dentry *xs_dri_root, *xs_knob_root;
static bool xs_made_dri;

enum xs_df {
	/* tile, PF */
	DF_GGTT_SPARE, DF_VRAM_SPARE,
	/* tile, VF */
	DF_GGTT_QUOTA, DF_VRAM_QUOTA,
	/* GT, PF */
	DF_CTX_SPARE, DF_DB_SPARE, DF_RESET_ENGINE, DF_SCHED_IF_IDLE,
	DF_SAMPLE_PERIOD, DF_PRIO,
	/* GT, any function */
	DF_EQ, DF_PT,
	/* GT, VF */
	DF_CTX_QUOTA, DF_DB_QUOTA, DF_THR0,
	DF_NUM = DF_THR0 + XS_THR_NUM
};

static const char * const xs_thr_names[XS_THR_NUM] = {
	"threshold_cat_error_count", "threshold_engine_reset_count",
	"threshold_page_fault_count", "threshold_guc_time_us",
	"threshold_irq_time_us", "threshold_doorbell_time_us",
	"threshold_multi_lrc_count",
};

/* what one file is about; a pool per PF, freed at unbind */
struct xs_dfile {
	struct xe_sim *sim;
	u8 vfid;
	u8 gt;
	u8 field;
};

#define XS_DFILES	2048
static struct xs_dfile *xs_pool_get(struct xe_sim *sim, unsigned int vfid,
				    unsigned int gt, unsigned int field)
{
	struct xs_dfile *f = sim->dpool ? &sim->dpool[sim->dpool_used] : NULL;

	if (!f || sim->dpool_used >= XS_DFILES)
		return NULL;
	sim->dpool_used++;
	f->sim = sim;
	f->vfid = vfid;
	f->gt = gt;
	f->field = field;
	return f;
}

/* debugfs_locked_down(): any mode bit above 0444 needs the lockdown OK */
static int xs_open(struct inode *inode, struct file *file)
{
	if (READ_ONCE(xs_lockdown) && (inode->i_mode & 07777 & ~0444))
		return -EPERM;
	file->private_data = inode->i_private;
	return nonseekable_open(inode, file);
}

static u64 xs_df_get(struct xs_dfile *f)
{
	struct xe_sim *sim = f->sim;
	struct xs_gt *gt = &sim->gt[f->gt];
	const struct xs_gt_cfg *c = &gt->cfg[f->vfid];

	switch (f->field) {
	case DF_GGTT_SPARE: return sim->ggtt_spare;
	case DF_VRAM_SPARE: return sim->vram_spare;
	case DF_GGTT_QUOTA: return sim->tile[f->vfid].ggtt_size;
	case DF_VRAM_QUOTA: return sim->tile[f->vfid].vram;
	case DF_CTX_SPARE: return gt->ctx_spare;
	case DF_DB_SPARE: return gt->db_spare;
	case DF_RESET_ENGINE: return gt->reset_engine;
	case DF_SCHED_IF_IDLE: return gt->sched_if_idle;
	case DF_SAMPLE_PERIOD: return gt->sample_period;
	case DF_PRIO: return c->prio;
	case DF_EQ: return c->eq;
	case DF_PT: return c->pt;
	case DF_CTX_QUOTA: return c->ctx_num;
	case DF_DB_QUOTA: return c->db_num;
	default: return c->thr[f->field - DF_THR0];
	}
}

static bool xs_df_is_u64(unsigned int field)
{
	return field <= DF_VRAM_QUOTA;
}

static int xs_df_set(struct xs_dfile *f, u64 val)
{
	struct xe_sim *sim = f->sim;
	struct xs_gt *gt = &sim->gt[f->gt];

	if (!xs_df_is_u64(f->field) && val > U32_MAX)
		return -EOVERFLOW;
	switch (f->field) {
	case DF_GGTT_SPARE: return xs_set_ggtt_spare(sim, val);
	case DF_VRAM_SPARE: return xs_set_vram_spare(sim, val);
	case DF_GGTT_QUOTA: return xs_set_ggtt(sim, f->vfid, val);
	case DF_VRAM_QUOTA: return xs_set_vram(sim, f->vfid, val);
	case DF_CTX_SPARE: return xs_set_ctx_spare(gt, val);
	case DF_DB_SPARE: return xs_set_db_spare(gt, val);
	case DF_RESET_ENGINE:
		gt->reset_engine = !!val;
		return xs_guc_push(gt, XS_PFID, "reset_engine");
	case DF_SCHED_IF_IDLE: return xs_set_sched_if_idle(gt, !!val);
	case DF_SAMPLE_PERIOD:
		gt->sample_period = val;
		return xs_guc_push(gt, XS_PFID, "sample_period");
	case DF_PRIO: return xs_set_prio(gt, f->vfid, val);
	case DF_EQ: return xs_set_eq(gt, f->vfid, val);
	case DF_PT: return xs_set_pt(gt, f->vfid, val);
	case DF_CTX_QUOTA: return xs_set_ctxs(gt, f->vfid, val);
	case DF_DB_QUOTA: return xs_set_dbs(gt, f->vfid, val);
	default: return xs_set_thr(gt, f->vfid, f->field - DF_THR0, val);
	}
}

static ssize_t xs_val_read(struct file *file, char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	struct xs_dfile *f = file->private_data;
	char buf[24];
	int len;

	mutex_lock(&f->sim->lock);
	len = scnprintf(buf, sizeof(buf), "%llu\n", xs_df_get(f));
	mutex_unlock(&f->sim->lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static ssize_t xs_val_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct xs_dfile *f = file->private_data;
	u64 val;
	int err = kstrtoull_from_user(ubuf, count, 0, &val);

	if (err)
		return err;
	mutex_lock(&f->sim->lock);
	err = xs_df_set(f, val);
	if (!err)
		f->sim->mode = XS_MODE_CUSTOM;
	mutex_unlock(&f->sim->lock);
	return err ?: count;
}

static const struct file_operations xs_val_fops = {
	.owner = THIS_MODULE,
	.open = xs_open,
	.read = xs_val_read,
	.write = xs_val_write,
};

/* ---- VF control: vfN/{pause,resume,stop,reset}, gtK/control ---- */

static const char * const xs_ctl_names[] = { "pause", "resume", "stop",
					     "reset" };

/*
 * What a GT's VF state machine refuses before asking its GuC
 * (xe_gt_sriov_pf_control_{pause,resume,stop}_vf()): a pause of a
 * stopped VF EPERM, of a paused one ESTALE; a resume of a VF that is not
 * paused EPERM; a stop of a stopped VF ESTALE.
 */
static int xs_ctl_refused(u8 st, int cmd)
{
	switch (cmd) {
	case XS_CTL_PAUSE:
		if (st == XS_VF_STOPPED)
			return -EPERM;
		return st == XS_VF_PAUSED ? -ESTALE : 0;
	case XS_CTL_RESUME:
		return st == XS_VF_PAUSED ? 0 : -EPERM;
	case XS_CTL_STOP:
		return st == XS_VF_STOPPED ? -ESTALE : 0;
	}
	return 0;
}

/*
 * xe_sriov_pf_control_*_vf(): every GT is tried with its own state
 * machine, and once one failed the answer is EUCLEAN. A GT that took the
 * command keeps its new state when another refused it: the VF is then
 * paused on one GT and running on the other, as in xe.
 */
int xs_vf_control(struct xe_sim *sim, unsigned int vfid, int cmd)
{
	static const u8 next[] = { XS_VF_PAUSED, XS_VF_RUNNING, XS_VF_STOPPED,
				   XS_VF_READY };
	unsigned int i;
	int result = 0, err;

	for (i = 0; i < sim->num_gts; i++) {
		struct xs_gt *gt = &sim->gt[i];

		err = xs_ctl_refused(gt->vf_state[vfid], cmd);
		if (!err)
			err = xs_guc_push(gt, vfid, xs_ctl_names[cmd]);
		if (!err)
			gt->vf_state[vfid] = next[cmd];
		result = result ? -EUCLEAN : err;
	}
	/* xe_gt_sriov_pf_monitor_flr(): a VF's reset clears its counters */
	for (i = 0; !result && cmd == XS_CTL_RESET && i < sim->num_gts; i++)
		memset(sim->gt[i].events[vfid], 0,
		       sizeof(sim->gt[i].events[vfid]));
	return result;
}

static ssize_t xs_ctl_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct xs_dfile *f = file->private_data;
	char buf[16];
	int cmd = f->field, err;
	bool yes;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = 0;
	if (cmd == ARRAY_SIZE(xs_ctl_names)) {	/* gtK/control: a word */
		cmd = sysfs_match_string(xs_ctl_names, buf);
		if (cmd < 0)
			return -EINVAL;
	} else if (kstrtobool(buf, &yes) || !yes) {
		return -EINVAL;
	}
	mutex_lock(&f->sim->lock);
	err = f->vfid > pci_num_vf(f->sim->pdev) ? -ENODEV :
	      xs_vf_control(f->sim, f->vfid, cmd);
	mutex_unlock(&f->sim->lock);
	return err ?: count;
}

static const struct file_operations xs_ctl_fops = {
	.owner = THIS_MODULE,
	.open = xs_open,
	.write = xs_ctl_write,
};

/* ---- sriov/restore_auto_provisioning, sriov/lockdown_vfs_enabling ---- */

static ssize_t xs_restore_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct xe_sim *sim = file->private_data;
	unsigned int v;
	bool yes;
	int err = kstrtobool_from_user(ubuf, count, &yes);

	if (err || !yes)
		return -EINVAL;
	mutex_lock(&sim->lock);
	if (pci_num_vf(sim->pdev)) {
		err = -EBUSY;
	} else {
		for (v = 1; v <= sim->totalvfs; v++)
			xs_release_vf(sim, v);
		sim->mode = XS_MODE_AUTO;
	}
	mutex_unlock(&sim->lock);
	return err ?: count;
}

static const struct file_operations xs_restore_fops = {
	.owner = THIS_MODULE,
	.open = xs_open,
	.write = xs_restore_write,
};

static int xs_lock_open(struct inode *inode, struct file *file)
{
	struct xe_sim *sim = inode->i_private;
	int err = xs_open(inode, file);

	if (err)
		return err;
	mutex_lock(&sim->lock);
	if (pci_num_vf(sim->pdev))
		err = -EBUSY;
	else
		sim->enabling_locks++;
	mutex_unlock(&sim->lock);
	return err;
}

static int xs_lock_release(struct inode *inode, struct file *file)
{
	struct xe_sim *sim = inode->i_private;

	mutex_lock(&sim->lock);
	sim->enabling_locks--;
	mutex_unlock(&sim->lock);
	return 0;
}

static const struct file_operations xs_lock_fops = {
	.owner = THIS_MODULE,
	.open = xs_lock_open,
	.release = xs_lock_release,
};

/* ---- text files (not a stable format in xe either) ---- */

static void xs_print_hole(void *arg, u64 start, u64 end)
{
	seq_printf(arg, "range:\t%#llx-%#llx\t(%llu KiB)\n", start, end - 1,
		   (end - start) >> 10);
}

static int ggtt_available_show(struct seq_file *m, void *v)
{
	struct xe_sim *sim = m->private;
	u64 sum;

	mutex_lock(&sim->lock);
	sum = xs_ggtt_available(sim, NULL);
	xs_ggtt_walk(sim, xs_print_hole, m);
	seq_printf(m, "total:\t%llu\t(%llu KiB)\n", sum, sum >> 10);
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ggtt_available);

static int ggtt_provisioned_show(struct seq_file *m, void *v)
{
	struct xe_sim *sim = m->private;
	unsigned int n;

	mutex_lock(&sim->lock);
	for (n = 1; n <= sim->totalvfs; n++) {
		const struct xs_tile_cfg *t = &sim->tile[n];

		if (t->ggtt_size)
			seq_printf(m, "VF%u:\t%#llx-%#llx\t(%llu KiB)\n", n,
				   t->ggtt_start,
				   t->ggtt_start + t->ggtt_size - 1,
				   t->ggtt_size >> 10);
	}
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ggtt_provisioned);

static int vram_provisioned_show(struct seq_file *m, void *v)
{
	struct xe_sim *sim = m->private;
	unsigned int n;

	mutex_lock(&sim->lock);
	for (n = 1; n <= sim->totalvfs; n++)
		if (sim->tile[n].vram)
			seq_printf(m, "VF%u:\t%llu\t(%llu MiB)\n", n,
				   sim->tile[n].vram, sim->tile[n].vram >> 20);
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vram_provisioned);

/* a TTM range manager dump: only "visible_avail" is used by tools */
static int vram_mm_show(struct seq_file *m, void *v)
{
	struct xe_sim *sim = m->private;

	mutex_lock(&sim->lock);
	seq_printf(m, "  visible_avail: %llu MiB\n", sim->vram_free >> 20);
	seq_printf(m, "  visible_size: %llu MiB\n", sim->plat->vram >> 20);
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vram_mm);

static int provisioned_show(struct seq_file *m, bool ctx)
{
	struct xs_dfile *f = m->private;
	struct xs_gt *gt = &f->sim->gt[f->gt];
	unsigned int n;

	mutex_lock(&f->sim->lock);
	for (n = 1; n <= f->sim->totalvfs; n++) {
		const struct xs_gt_cfg *c = &gt->cfg[n];
		u32 b = ctx ? c->ctx_begin : c->db_begin;
		u32 num = ctx ? c->ctx_num : c->db_num;

		if (num)
			seq_printf(m, "VF%u:\t%u-%u\t(%u)\n", n, b,
				   b + num - 1, num);
	}
	mutex_unlock(&f->sim->lock);
	return 0;
}

/*
 * xe_gt_sriov_pf_monitor_print_events(): a line per VF with any event,
 * "VF%u:\t" then "<name>:<count> " for every threshold, names without
 * their threshold_ prefix.
 */
static int adverse_events_show(struct seq_file *m, void *v)
{
	struct xs_dfile *f = m->private;
	struct xs_gt *gt = &f->sim->gt[f->gt];
	unsigned int n, k;

	mutex_lock(&f->sim->lock);
	for (n = 1; n <= f->sim->totalvfs; n++) {
		for (k = 0; k < XS_THR_NUM && !gt->events[n][k]; k++)
			;
		if (k == XS_THR_NUM)
			continue;
		seq_printf(m, "VF%u:\t", n);
		for (k = 0; k < XS_THR_NUM; k++)
			seq_printf(m, "%s:%u ",
				   xs_thr_names[k] + strlen("threshold_"),
				   gt->events[n][k]);
		seq_putc(m, '\n');
	}
	mutex_unlock(&f->sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(adverse_events);

static int contexts_provisioned_show(struct seq_file *m, void *v)
{
	return provisioned_show(m, true);
}
DEFINE_SHOW_ATTRIBUTE(contexts_provisioned);

static int doorbells_provisioned_show(struct seq_file *m, void *v)
{
	return provisioned_show(m, false);
}
DEFINE_SHOW_ATTRIBUTE(doorbells_provisioned);

/* ---- the tree ---- */

static void xs_val(struct xe_sim *sim, struct dentry *d, const char *name,
		   umode_t mode, unsigned int vfid, unsigned int gt,
		   unsigned int field)
{
	struct xs_dfile *f = xs_pool_get(sim, vfid, gt, field);

	if (f)
		debugfs_create_file(name, mode, d, f, &xs_val_fops);
}

static void xs_ctl(struct xe_sim *sim, struct dentry *d, const char *name,
		   unsigned int vfid, unsigned int cmd)
{
	struct xs_dfile *f = xs_pool_get(sim, vfid, 0, cmd);

	if (f)
		debugfs_create_file(name, 0200, d, f, &xs_ctl_fops);
}

static void xs_pf_gt(struct xe_sim *sim, struct dentry *d, unsigned int g)
{
	struct xs_dfile *f = xs_pool_get(sim, XS_PFID, g, 0);

	xs_val(sim, d, "contexts_spare", 0644, XS_PFID, g, DF_CTX_SPARE);
	xs_val(sim, d, "doorbells_spare", 0644, XS_PFID, g, DF_DB_SPARE);
	xs_val(sim, d, "exec_quantum_ms", 0644, XS_PFID, g, DF_EQ);
	xs_val(sim, d, "preempt_timeout_us", 0644, XS_PFID, g, DF_PT);
	xs_val(sim, d, "sched_priority", 0644, XS_PFID, g, DF_PRIO);
	xs_val(sim, d, "reset_engine", 0644, XS_PFID, g, DF_RESET_ENGINE);
	xs_val(sim, d, "sched_if_idle", 0644, XS_PFID, g, DF_SCHED_IF_IDLE);
	xs_val(sim, d, "sample_period_ms", 0644, XS_PFID, g,
	       DF_SAMPLE_PERIOD);
	if (f) {
		debugfs_create_file("contexts_provisioned", 0444, d, f,
				    &contexts_provisioned_fops);
		debugfs_create_file("doorbells_provisioned", 0444, d, f,
				    &doorbells_provisioned_fops);
		debugfs_create_file("adverse_events", 0444, d, f,
				    &adverse_events_fops);
	}
	debugfs_create_symlink("ggtt_spare", d, "../ggtt_spare");
	if (xs_has_vram(sim))
		debugfs_create_symlink("lmem_spare", d, "../vram_spare");
}

static void xs_vf_gt(struct xe_sim *sim, struct dentry *d, unsigned int v,
		     unsigned int g)
{
	unsigned int t;

	xs_val(sim, d, "contexts_quota", 0644, v, g, DF_CTX_QUOTA);
	xs_val(sim, d, "doorbells_quota", 0644, v, g, DF_DB_QUOTA);
	xs_val(sim, d, "exec_quantum_ms", 0644, v, g, DF_EQ);
	xs_val(sim, d, "preempt_timeout_us", 0644, v, g, DF_PT);
	for (t = 0; t < XS_THR_NUM; t++)
		xs_val(sim, d, xs_thr_names[t], 0644, v, g, DF_THR0 + t);
	{
		struct xs_dfile *f = xs_pool_get(sim, v, g,
						 ARRAY_SIZE(xs_ctl_names));

		if (f)
			debugfs_create_file("control", 0600, d, f,
					    &xs_ctl_fops);
	}
	debugfs_create_symlink("ggtt_quota", d, "../ggtt_quota");
	if (xs_has_vram(sim))
		debugfs_create_symlink("lmem_quota", d, "../vram_quota");
}

static void xs_function(struct xe_sim *sim, unsigned int v)
{
	struct dentry *fn, *tile;
	char name[16];
	unsigned int g, c;

	if (v)
		snprintf(name, sizeof(name), "vf%u", v);
	else
		strscpy(name, "pf", sizeof(name));
	fn = debugfs_create_dir(name, sim->sriov);
	tile = debugfs_create_dir("tile0", fn);
	if (!v) {
		xs_val(sim, tile, "ggtt_spare", 0644, v, 0, DF_GGTT_SPARE);
		debugfs_create_file("ggtt_available", 0444, tile, sim,
				    &ggtt_available_fops);
		debugfs_create_file("ggtt_provisioned", 0444, tile, sim,
				    &ggtt_provisioned_fops);
		if (xs_has_vram(sim)) {
			xs_val(sim, tile, "vram_spare", 0644, v, 0,
			       DF_VRAM_SPARE);
			debugfs_create_file("vram_provisioned", 0444, tile,
					    sim, &vram_provisioned_fops);
		}
	} else {
		xs_val(sim, tile, "ggtt_quota", 0644, v, 0, DF_GGTT_QUOTA);
		if (xs_has_vram(sim))
			xs_val(sim, tile, "vram_quota", 0644, v, 0,
			       DF_VRAM_QUOTA);
		for (c = 0; c < ARRAY_SIZE(xs_ctl_names); c++)
			xs_ctl(sim, fn, xs_ctl_names[c], v, c);
	}
	for (g = 0; g < sim->num_gts; g++) {
		struct dentry *gd;

		snprintf(name, sizeof(name), "gt%u", g);
		gd = debugfs_create_dir(name, tile);
		if (v)
			xs_vf_gt(sim, gd, v, g);
		else
			xs_pf_gt(sim, gd, g);
	}
}

/* dri/<BDF>/gtK -> tile0/gtK; tile0/gtK/{pf,vfN} -> the sriov tree */
static void xs_compat(struct xe_sim *sim)
{
	struct dentry *tile = debugfs_create_dir("tile0", sim->dri);
	char name[16], target[48];
	unsigned int g, v;

	if (xs_has_vram(sim))
		debugfs_create_file("vram_mm", 0444, tile, sim, &vram_mm_fops);
	for (g = 0; g < sim->num_gts; g++) {
		struct dentry *gd;

		snprintf(name, sizeof(name), "gt%u", g);
		snprintf(target, sizeof(target), "tile0/gt%u", g);
		gd = debugfs_create_dir(name, tile);
		debugfs_create_symlink(name, sim->dri, target);
		for (v = 0; v <= sim->totalvfs; v++) {
			if (v)
				snprintf(name, sizeof(name), "vf%u", v);
			else
				strscpy(name, "pf", sizeof(name));
			snprintf(target, sizeof(target),
				 "../../sriov/%s/tile0/gt%u", name, g);
			debugfs_create_symlink(name, gd, target);
		}
	}
}

void xs_debugfs_init(struct xe_sim *sim)
{
	unsigned int v;

	if (xs_knob_root)
		xs_debugfs_knobs_init(sim, xs_knob_root);
	if (xs_debugfs_off || IS_ERR_OR_NULL(xs_dri_root))
		return;
	sim->dpool = kcalloc(XS_DFILES, sizeof(*sim->dpool), GFP_KERNEL);
	if (!sim->dpool)
		return;
	sim->dri = debugfs_create_dir(pci_name(sim->pdev), xs_dri_root);
	sim->sriov = debugfs_create_dir("sriov", sim->dri);
	debugfs_create_file("restore_auto_provisioning", 0200, sim->sriov,
			    sim, &xs_restore_fops);
	debugfs_create_file("lockdown_vfs_enabling", 0600, sim->sriov, sim,
			    &xs_lock_fops);
	for (v = 0; v <= sim->totalvfs; v++)
		xs_function(sim, v);
	xs_compat(sim);
}

void xs_debugfs_fini(struct xe_sim *sim)
{
	debugfs_remove(sim->knobs);
	debugfs_remove(sim->dri);
	sim->knobs = NULL;
	sim->dri = NULL;
	kfree(sim->dpool);
	sim->dpool = NULL;
}

/* the dri directory is DRM's; make it when no DRM driver is loaded */
void xs_debugfs_module_init(void)
{
	xs_knob_root = debugfs_create_dir("xe_sim", NULL);
	xs_dri_root = debugfs_lookup("dri", NULL);
	if (!xs_dri_root) {
		xs_dri_root = debugfs_create_dir("dri", NULL);
		xs_made_dri = true;
	}
}

void xs_debugfs_module_exit(void)
{
	debugfs_remove(xs_knob_root);
	if (xs_made_dri)
		debugfs_remove(xs_dri_root);
	else
		dput(xs_dri_root);
	xs_dri_root = NULL;
	xs_knob_root = NULL;
}
