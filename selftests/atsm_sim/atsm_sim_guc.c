// SPDX-License-Identifier: GPL-2.0
/*
 * atsm_sim GuC and timing model.
 *
 * Every request i915 sends to the GuC on behalf of provisioning (a KLV
 * update for a VF or the PF, a policy update, the per-VF config push at
 * enable, the "no config" push at disable) goes through sim_guc_send().
 * It can be made to fail: the Nth request from now with a chosen errno,
 * or every request while the GuC is "down".  A request made by a task
 * with a signal pending fails with EINTR (ct_send() takes the send mutex
 * with mutex_lock_interruptible() and waits for H2G space in
 * TASK_INTERRUPTIBLE).
 *
 * The timing model charges each operation a cost (nanoseconds at the
 * realistic "bench" figures, scaled by time_scale per mille).  Costs
 * that stand for i915's interruptible waits sleep interruptibly and turn
 * a signal into EINTR; the others (drains, FLR polling) do not.
 *
 * Callers hold sim->lock.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#include "atsm_sim.h"

/* realistic figures (time_scale = 1000) */
#define SIM_NS_GUC_REQ		100000ULL	/* one H2G round trip: 100 us */
#define SIM_NS_LMEM_PER_MIB	50000ULL	/* alloc + clear: ~20 GB/s */
#define SIM_NS_DRAIN		2000000ULL	/* flush region + drain wq: 2 ms */
#define SIM_NS_FLR		100000000ULL	/* GuC FLR handshake: 100 ms */
#define SIM_NS_GGTT_PTE		20ULL		/* one PTE write per 4 KiB */

static int sim_sleep_ns(u64 ns, bool intr)
{
	ktime_t kt = ns_to_ktime(ns);

	if (intr && signal_pending(current))
		return -EINTR;
	if (!ns)
		return 0;
	if (!intr) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_hrtimeout(&kt, HRTIMER_MODE_REL);
		return 0;
	}
	set_current_state(TASK_INTERRUPTIBLE);
	schedule_hrtimeout(&kt, HRTIMER_MODE_REL);
	return signal_pending(current) ? -EINTR : 0;
}

static u64 sim_scaled(struct atsm_sim *sim, u64 ns)
{
	return div_u64(ns * sim->timing.scale, 1000);
}

/* LMEM object allocation and clear: interruptible ww locks and fence wait */
int sim_cost_lmem(struct atsm_sim *sim, u64 size)
{
	return sim_sleep_ns(sim_scaled(sim, (size >> 20) * SIM_NS_LMEM_PER_MIB),
			    true);
}

/* lmem_free/lmem_max_quota flush the region and drain i915's workqueue */
void sim_cost_drain(struct atsm_sim *sim)
{
	sim_sleep_ns(sim_scaled(sim, SIM_NS_DRAIN), false);
}

/* a GGTT insert or release rewrites one PTE per 4 KiB */
void sim_cost_ggtt(struct atsm_sim *sim, u64 size)
{
	sim_sleep_ns(sim_scaled(sim, (size >> 12) * SIM_NS_GGTT_PTE), false);
}

/* pf_wait_vfs_flr(): one GuC FLR handshake per VF, polled */
void sim_cost_flr(struct atsm_sim *sim, unsigned int num_vfs)
{
	sim_sleep_ns(sim_scaled(sim, num_vfs * SIM_NS_FLR), false);
}

/* intel_guc_send() as provisioning sees it */
int sim_guc_send(struct sim_gt *gt)
{
	struct sim_guc *guc = &gt->sim->guc;

	guc->calls++;
	if (guc->down_errno)
		return -(int)guc->down_errno;
	if (guc->fail_nth && !--guc->fail_nth) {
		/* guc_fail_sticky: down from this request on, until cleared */
		if (guc->fail_sticky)
			guc->down_errno = guc->fail_errno;
		return -(int)guc->fail_errno;
	}
	return sim_sleep_ns(sim_scaled(gt->sim, SIM_NS_GUC_REQ), true);
}

/*
 * pf_needs_push_config(): a quota reaches the GuC only for a VF that is
 * enabled and whose config was pushed at enable.
 */
int sim_push_quota(struct sim_gt *gt, unsigned int id, unsigned int nreq)
{
	int err = 0;

	if (id == SIM_PFID || id > pci_num_vf(gt->sim->pdev) ||
	    id > gt->num_pushed)
		return 0;
	while (nreq-- && !err)
		err = sim_guc_send(gt);
	return err;
}

/* pf_push_configs(): one request per VF with a non-empty config */
int sim_push_configs(struct sim_gt *gt, unsigned int num_vfs)
{
	unsigned int n;
	int err;

	for (n = 1; n <= num_vfs; n++) {
		if (sim_is_empty(gt, n))
			continue;
		err = sim_guc_send(gt);
		if (err)
			return err;
	}
	gt->num_pushed = num_vfs;
	return 0;
}

/* pf_push_no_configs(): stops at the first failure, as i915 does */
void sim_push_no_configs(struct sim_gt *gt)
{
	unsigned int n;

	for (n = gt->num_pushed; n > 0; n--)
		if (sim_guc_send(gt))
			break;
	gt->num_pushed = n;
}
