// SPDX-License-Identifier: GPL-2.0
/*
 * atsm_sim adverse events and telemetry.
 *
 * The GuC counts a VF's adverse events (CAT errors, engine resets, page
 * faults, time spent in H2G, IRQ and doorbell storms) per sampling
 * interval, the PF policy sample_period_ms (0: nothing is counted, the
 * GuC's default), against the VF's threshold values (0: not reported).
 * When a count reaches its threshold within one interval the GuC sends
 * GUC2PF_ADVERSE_EVENT once for that interval; i915 bumps the VF's
 * counter (gt/iov/intel_iov_event.c), logs "VF%u has exceeded '%s'
 * threshold" (rate limited) and prints the counters in its GT's debugfs,
 * dri/<minor>/gt<N>/iov/adverse_events, one line per VF with any:
 * "VF%u:\tcat_error:%u engine_reset:%u page_fault:%u guc_storm:%u
 * irq_storm:%u dbs_storm:%u ". The counters are cleared when the PF
 * processes a VF FLR (pf_process_vf_flr_finish()), which every VF goes
 * through at disable.
 *
 * Tests inject events through /sys/kernel/debug/atsm_sim/<pf>/inject_adverse
 * ("K KIND N [GT]": N events, or N us of time, on VF K; KIND is a
 * threshold file name) and set telemetry/lmem_alloc_size (25.1) through
 * .../lmem_alloc ("K BYTES"): what a guest driver would report.
 *
 * Callers hold sim->lock unless said otherwise.
 */
#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include "atsm_sim.h"

/* threshold file names (inject) and i915's counter names (debugfs) */
static const char *const sim_thr_files[SIM_THR_NUM] = {
	"cat_error_count", "engine_reset_count", "page_fault_count",
	"h2g_time_us", "irq_time_us", "doorbell_time_us",
};

static const char *const sim_thr_events[SIM_THR_NUM] = {
	"cat_error", "engine_reset", "page_fault", "guc_storm", "irq_storm",
	"dbs_storm",
};

/* The GuC: count @n against VF @id's threshold @t in the current interval. */
static void sim_adverse_count(struct sim_gt *gt, unsigned int id,
			      enum sim_threshold t, u64 n)
{
	u32 thr = gt->cfg[id].thresholds[t];
	unsigned long now = jiffies;

	if (!gt->sample_period || !thr)
		return;
	if (!gt->adv_start[id] || time_after_eq(now, gt->adv_start[id] +
				msecs_to_jiffies(gt->sample_period))) {
		gt->adv_start[id] = now ?: 1;
		memset(gt->adv_acc[id], 0, sizeof(gt->adv_acc[id]));
		memset(gt->adv_told[id], 0, sizeof(gt->adv_told[id]));
	}
	gt->adv_acc[id][t] += n;
	if (gt->adv_told[id][t] || gt->adv_acc[id][t] < thr)
		return;
	gt->adv_told[id][t] = true;
	gt->adverse[id][t]++;
	dev_info_ratelimited(&gt->sim->pdev->dev,
			     "VF%u has exceeded '%s' threshold\n", id,
			     sim_thr_events[t]);
}

/* intel_iov_event_reset() of every VF: the FLRs at disable */
void sim_adverse_reset_all(struct atsm_sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->num_gts; i++) {
		memset(sim->gt[i].adverse, 0, sizeof(sim->gt[i].adverse));
		memset(sim->gt[i].adv_start, 0, sizeof(sim->gt[i].adv_start));
	}
	memset(sim->lmem_alloc, 0, sizeof(sim->lmem_alloc));
}

static int adverse_events_show(struct seq_file *m, void *unused)
{
	struct sim_gt *gt = m->private;
	struct atsm_sim *sim = gt->sim;
	unsigned int id, t;

	mutex_lock(&sim->lock);
	for (id = 1; id <= sim->totalvfs; id++) {
		for (t = 0; t < SIM_THR_NUM; t++)
			if (gt->adverse[id][t])
				break;
		if (t == SIM_THR_NUM)
			continue;
		seq_printf(m, "VF%u:\t", id);
		for (t = 0; t < SIM_THR_NUM; t++)
			seq_printf(m, "%s:%u ", sim_thr_events[t],
				   gt->adverse[id][t]);
		seq_putc(m, '\n');
	}
	mutex_unlock(&sim->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(adverse_events);

static ssize_t sim_dbg_words(const char __user *ubuf, size_t len, char *buf,
			     size_t size)
{
	if (len >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	return len;
}

/* "K KIND N [GT]" */
static ssize_t inject_adverse_write(struct file *f, const char __user *ubuf,
				    size_t len, loff_t *pos)
{
	struct atsm_sim *sim = file_inode(f)->i_private;
	unsigned int id, gt = 0, t;
	char buf[80], kind[24];
	ssize_t ret;
	u64 n;

	ret = sim_dbg_words(ubuf, len, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (sscanf(buf, "%u %23s %llu %u", &id, kind, &n, &gt) < 3)
		return -EINVAL;
	for (t = 0; t < SIM_THR_NUM; t++)
		if (!strcmp(kind, sim_thr_files[t]))
			break;
	if (t == SIM_THR_NUM || !id || id > SIM_MAX_VFS)
		return -EINVAL;
	mutex_lock(&sim->lock);
	if (gt >= sim->num_gts)
		ret = -EINVAL;
	else if (id > pci_num_vf(sim->pdev))
		ret = -ENODEV;	/* no VF runs there: nothing to count */
	else
		sim_adverse_count(&sim->gt[gt], id, t, n);
	mutex_unlock(&sim->lock);
	return ret;
}

static const struct file_operations inject_adverse_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = inject_adverse_write,
};

/* "K BYTES": what VF K's guest driver reports it allocated */
static ssize_t lmem_alloc_write(struct file *f, const char __user *ubuf,
				size_t len, loff_t *pos)
{
	struct atsm_sim *sim = file_inode(f)->i_private;
	unsigned int id;
	char buf[64];
	ssize_t ret;
	u64 bytes;

	ret = sim_dbg_words(ubuf, len, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (sscanf(buf, "%u %llu", &id, &bytes) != 2 || !id ||
	    id > SIM_MAX_VFS)
		return -EINVAL;
	mutex_lock(&sim->lock);
	if (id > pci_num_vf(sim->pdev))
		ret = -ENODEV;
	else if (bytes > sim->gt[0].cfg[id].lmem)
		ret = -ENOSPC;	/* a guest cannot allocate beyond its quota */
	else
		sim->lmem_alloc[id] = bytes;
	mutex_unlock(&sim->lock);
	return ret;
}

static const struct file_operations lmem_alloc_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = lmem_alloc_write,
};

void sim_events_debugfs_init(struct atsm_sim *sim, struct dentry *knobs,
			     struct dentry *dri)
{
	struct dentry *card, *gtd, *iov;
	char name[16];
	unsigned int i;

	debugfs_create_file("inject_adverse", 0200, knobs, sim,
			    &inject_adverse_fops);
	debugfs_create_file("lmem_alloc", 0200, knobs, sim, &lmem_alloc_fops);
	if (IS_ERR_OR_NULL(dri))
		return;
	snprintf(name, sizeof(name), "%d", sim->card);
	card = debugfs_create_dir(name, dri);
	sim->dri_dbg = card;
	for (i = 0; i < sim->num_gts; i++) {
		snprintf(name, sizeof(name), "gt%u", i);
		gtd = debugfs_create_dir(name, card);
		iov = debugfs_create_dir("iov", gtd);
		debugfs_create_file("adverse_events", 0444, iov, &sim->gt[i],
				    &adverse_events_fops);
	}
}

void sim_events_debugfs_fini(struct atsm_sim *sim)
{
	debugfs_remove_recursive(sim->dri_dbg);
	sim->dri_dbg = NULL;
}
