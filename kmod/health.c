// SPDX-License-Identifier: GPL-2.0
/*
 * Health: the adverse-event counters i915 keeps per VF, read where the
 * driver prints them, and the poller that turns their growth into vf-ntf
 * (change adverse).
 *
 * i915 counts a GUC2PF_ADVERSE_EVENT (the GuC saw a VF pass one of its
 * threshold values within a sample period) in
 * iov->pf.state.data[vf].adverse_events[] (gt/iov/intel_iov_event.c), logs
 * "VF%u has exceeded '%s' threshold" (rate limited) and sends a uevent only
 * in selftest builds. The counters are printed by the PF's debugfs file
 * dri/<minor>/gt<N>/iov/adverse_events, one line per VF with any event:
 * "VF%u:\tcat_error:%u engine_reset:%u page_fault:%u guc_storm:%u
 * irq_storm:%u dbs_storm:%u ", and cleared when the PF processes a VF FLR
 * (intel_iov_event_reset() from pf_process_vf_flr_finish()). vfprov reads
 * that file through a private debugfs mount (sysfs_io.c) and sums the GTs.
 * xe prints the same lines with its own names (backend_xe.c reads them).
 *
 * The poller is one delayed work for all PFs (so a PF's removal needs no
 * cancel: the walk holds a reference on the PF it reads), every
 * health_interval_ms (0: off). It takes no vfprov lock but the registry's
 * and pf->stat_lock, both briefly, never pf->txn_lock nor a device lock:
 * it never waits for a transaction and a transaction never waits for it.
 * What it reads while a transaction disables VFs is the driver's file as
 * it is at that moment; the file belongs to the PF and outlives its VFs.
 * Counters that went down (an FLR, a driver reload) become the new
 * baseline. The first poll after load reports every non-zero counter.
 * pf->adverse_seen is the poller's alone (a work item never runs
 * concurrently with itself). Module unload cancels it first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "events.h"
#include "vf_action.h"

#define VFPROV_HEALTH_GTS	4
#define VFPROV_HEALTH_BUF	8192

/* i915's names, in the order of enum vfprov_adverse */
static const char *const vfprov_adverse_names[VFPROV_ADVERSE_KINDS] = {
	[VFPROV_ADVERSE_CAT_ERROR]	= "cat_error",
	[VFPROV_ADVERSE_ENGINE_RESET]	= "engine_reset",
	[VFPROV_ADVERSE_PAGE_FAULT]	= "page_fault",
	[VFPROV_ADVERSE_H2G_TIME]	= "guc_storm",
	[VFPROV_ADVERSE_IRQ_TIME]	= "irq_storm",
	[VFPROV_ADVERSE_DOORBELL_TIME]	= "dbs_storm",
};

/* The DRM minor of an i915 PF from be->iov (".../drm/card<N>/prelim_iov"). */
static int vfprov_health_minor(const struct vfprov_be *be, unsigned int *minor)
{
	const char *p = strstr(be->iov, "/drm/card");
	char num[12];
	size_t n;

	if (!p)
		return -ENOENT;
	p += strlen("/drm/card");
	n = strcspn(p, "/");
	if (!n || n >= sizeof(num))
		return -ENOENT;
	memcpy(num, p, n);
	num[n] = '\0';
	return kstrtouint(num, 10, minor);
}

/* One "name:value" word of a VF's line, @names the driver's kinds. */
static void vfprov_health_word(char *word, const char *const *names,
			       u64 *cnt)
{
	char *colon = strchr(word, ':');
	unsigned int k;
	u64 v;

	if (!colon)
		return;
	*colon = '\0';
	if (kstrtou64(colon + 1, 10, &v))
		return;
	for (k = 0; k < VFPROV_ADVERSE_KINDS; k++)
		if (!strcmp(word, names[k]))
			cnt[k] += v;
}

void vfprov_health_parse(char *buf, const char *const *names,
			 struct vfprov_adverse_counts *c)
{
	char *line, *word;
	unsigned int vf;

	while ((line = strsep(&buf, "\n"))) {
		word = strsep(&line, "\t");
		if (!line || sscanf(word, "VF%u:", &vf) != 1 || !vf ||
		    vf > VFPROV_MAX_VFS)
			continue;
		while ((word = strsep(&line, " ")))
			if (*word)
				vfprov_health_word(word, names, c->vf[vf - 1]);
	}
}

int vfprov_health_read(struct vfprov_be *be, struct vfprov_adverse_counts *c)
{
	char path[VFPROV_PATH_LEN];
	unsigned int minor, gt;
	bool any = false;
	char *buf;
	int err;

	err = vfprov_health_minor(be, &minor);
	if (err)
		return -ENODEV;
	buf = kmalloc(VFPROV_HEALTH_BUF, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	for (gt = 0; gt < VFPROV_HEALTH_GTS; gt++) {
		snprintf(path, sizeof(path), "dri/%u/gt%u/iov/adverse_events",
			 minor, gt);
		if (vfprov_debugfs_read(path, buf, VFPROV_HEALTH_BUF))
			continue;
		any = true;
		vfprov_health_parse(buf, vfprov_adverse_names, c);
	}
	kfree(buf);
	return any ? 0 : -ENODEV;
}

/* The PF's adverse-event counters, if its backend reads any. */
static int vfprov_health_adverse(struct vfprov_be *be,
				 struct vfprov_adverse_counts *c)
{
	if (!be->ops || !be->ops->adverse)
		return -ENODEV;
	return be->ops->adverse(be, c);
}

/* vf-get's run state, telemetry and counters; what cannot be read is absent. */
void vfprov_health_vf_query(struct vfprov_pf *pf, struct vfprov_be *be,
			    u32 vf, struct vfprov_vf_info *info)
{
	const struct vfprov_backend_ops *ops = be->ops;
	struct vfprov_adverse_counts *cnt;

	info->state = vfprov_vf_run_get(pf, vf);
	if (!ops || !vf || vf > VFPROV_MAX_VFS)
		return;
	if (ops->vf_lmem_alloc && !ops->vf_lmem_alloc(be, vf, &info->lmem_alloc))
		info->has_lmem_alloc = true;
	cnt = kzalloc(sizeof(*cnt), GFP_KERNEL);
	if (cnt && !vfprov_health_adverse(be, cnt)) {
		info->has_adverse = true;
		memcpy(info->adverse, cnt->vf[vf - 1], sizeof(info->adverse));
	}
	kfree(cnt);
}

static unsigned int health_interval_ms = 1000;
static struct delayed_work vfprov_health_work;
/* Guards vfprov_health_live against a parameter write during unload. */
static DEFINE_MUTEX(vfprov_health_lock);
static bool vfprov_health_live;

static void vfprov_health_emit(struct vfprov_pf *pf, u32 vf, u32 grew,
			       const u64 *cnt)
{
	struct vfprov_event ev = {
		.kind = VFPROV_EV_VF, .pf = pf, .vf = vf,
		.change = VFPROV_VF_CHANGE_ADVERSE,
		.adverse_grew = grew, .adverse = cnt,
	};

	vfprov_event_emit(&ev);
}

static void vfprov_health_pf(struct vfprov_pf *pf,
			     struct vfprov_adverse_counts *c)
{
	struct vfprov_be be;
	unsigned int i, k;
	u32 grew;

	if (!pci_num_vf(pf->pdev) || vfprov_backend_select_query(pf, &be))
		return;
	if (vfprov_health_adverse(&be, c))
		return;
	for (i = 0; i < VFPROV_MAX_VFS; i++) {
		grew = 0;
		for (k = 0; k < VFPROV_ADVERSE_KINDS; k++) {
			if (c->vf[i][k] > pf->adverse_seen[i][k])
				grew |= BIT(k);
			pf->adverse_seen[i][k] = c->vf[i][k];
		}
		if (grew)
			vfprov_health_emit(pf, i + 1, grew, c->vf[i]);
	}
}

static void vfprov_health_poll(struct work_struct *work)
{
	struct vfprov_adverse_counts *cnt;
	unsigned long pos = 0;
	struct vfprov_pf *pf;
	unsigned int ms;

	cnt = kzalloc(sizeof(*cnt), GFP_KERNEL);
	while (cnt && (pf = vfprov_pf_next(&pos))) {
		vfprov_health_pf(pf, cnt);
		vfprov_pf_put(pf);
	}
	kfree(cnt);
	ms = READ_ONCE(health_interval_ms);
	if (ms)
		queue_delayed_work(system_unbound_wq, &vfprov_health_work,
				   msecs_to_jiffies(ms));
}

/* A new interval takes effect at once (0 stops the poller). */
static int vfprov_health_set(const char *val, const struct kernel_param *kp)
{
	int err = param_set_uint(val, kp);

	if (err)
		return err;
	mutex_lock(&vfprov_health_lock);
	if (vfprov_health_live && READ_ONCE(health_interval_ms))
		mod_delayed_work(system_unbound_wq, &vfprov_health_work, 0);
	mutex_unlock(&vfprov_health_lock);
	return 0;
}

static const struct kernel_param_ops vfprov_health_ops = {
	.set = vfprov_health_set,
	.get = param_get_uint,
};
module_param_cb(health_interval_ms, &vfprov_health_ops, &health_interval_ms,
		0644);
MODULE_PARM_DESC(health_interval_ms,
		 "poll the driver's adverse-event counters every N ms (0: off)");

int vfprov_health_init(void)
{
	INIT_DELAYED_WORK(&vfprov_health_work, vfprov_health_poll);
	mutex_lock(&vfprov_health_lock);
	vfprov_health_live = true;
	if (READ_ONCE(health_interval_ms))
		queue_delayed_work(system_unbound_wq, &vfprov_health_work, 0);
	mutex_unlock(&vfprov_health_lock);
	return 0;
}

/* Before the registry and the front-ends go: no event after this. */
void vfprov_health_exit(void)
{
	mutex_lock(&vfprov_health_lock);
	vfprov_health_live = false;
	mutex_unlock(&vfprov_health_lock);
	/* the work may requeue itself once more: _sync cancels that too */
	cancel_delayed_work_sync(&vfprov_health_work);
}
