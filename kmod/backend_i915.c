// SPDX-License-Identifier: GPL-2.0
/*
 * The "i915-prelim" backend: PFs whose driver exposes
 * <pf>/drm/cardN/prelim_iov (i915 backports for ATS-M, or atsm_sim).
 * See I915_PRELIM_ABI.md for the files and their sharp edges; the ones that
 * shape this file:
 *  - a quota resize frees first: a failed write leaves the VF at 0, so the
 *    journal keeps the old value and the undo writes it back;
 *  - any non-zero VF value switches auto_provisioning off, and turning it
 *    back on needs every VF config empty: it is written explicitly, before
 *    the first non-zero VF write, so that the reverse undo restores it only
 *    after the VF values are back;
 *  - single-tile layout ("gt/") only; multi-tile ("gt0/", "gt1/") is
 *    refused with -EOPNOTSUPP until it can be tested.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/sizes.h>

#include "vf_action.h"

static const char *const vfprov_i915_res[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= "ggtt",
	[VFPROV_RES_LMEM]	= "lmem",
	[VFPROV_RES_CONTEXTS]	= "contexts",
	[VFPROV_RES_DOORBELLS]	= "doorbells",
};

/* Granularity and PF minimums of I915_PRELIM_ABI.md. */
static const u64 vfprov_i915_granule[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= SZ_64K,
	[VFPROV_RES_LMEM]	= SZ_2M,
	[VFPROV_RES_CONTEXTS]	= 128,
	[VFPROV_RES_DOORBELLS]	= 1,
};

static const u64 vfprov_i915_spare_min[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= SZ_64M,
	[VFPROV_RES_LMEM]	= SZ_128M,
	[VFPROV_RES_CONTEXTS]	= 256,
	[VFPROV_RES_DOORBELLS]	= 0,
};

static const char *const vfprov_i915_quota_attr[VFPROV_RES_COUNT] = {
	"ggtt_quota", "lmem_quota", "contexts_quota", "doorbells_quota",
};

static const char *const vfprov_i915_spare_attr[VFPROV_RES_COUNT] = {
	"ggtt_spare", "lmem_spare", "contexts_spare", "doorbells_spare",
};

int vfprov_i915_probe(struct vfprov_be *be)
{
	char dir[VFPROV_PATH_LEN], card[VFPROV_VAL_LEN];
	int err;

	snprintf(dir, sizeof(dir), "%s/drm", be->dev);
	err = vfprov_sysfs_find_in(&be->dir, dir, "card", "prelim_iov", card,
				   sizeof(card));
	if (err)
		return err;
	if (snprintf(be->iov, sizeof(be->iov), "%s/%s/prelim_iov", dir,
		     card) >= sizeof(be->iov))
		return -ENAMETOOLONG;
	return 0;
}

/*
 * A PF driven by i915 (or by atsm_sim, which imitates it) that gave the
 * i915 backend nothing to drive: i915 creates prelim_iov and a non-zero
 * sriov_totalvfs only with i915.max_vfs > 0, a load-time parameter (its
 * default is 0). Say so, rather than let the PF pass for one without
 * SR-IOV (the generic backend would answer ERANGE: total_vfs 0).
 */
bool vfprov_i915_driver(const struct vfprov_be *be)
{
	static const char *const i915_like[] = { "i915", "atsm_sim" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(i915_like); i++)
		if (!strcmp(be->driver, i915_like[i]))
			return true;
	return false;
}

int vfprov_i915_not_ready(const struct vfprov_be *be, const char **why)
{
	if (be->ops == &vfprov_backend_i915 || !vfprov_i915_driver(be))
		return 0;
	*why = "i915 has SR-IOV off: set i915.max_vfs=N (module parameter, load time)";
	return -EOPNOTSUPP;
}

static int vfprov_i915_read(struct vfprov_be *be, u64 *v, const char *fmt,
			    ...) __printf(3, 4);

static int vfprov_i915_read(struct vfprov_be *be, u64 *v, const char *fmt,
			    ...)
{
	char rel[VFPROV_PATH_LEN], path[VFPROV_PATH_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	/* a cut name could be another file's: never read it */
	if (n >= sizeof(rel) ||
	    snprintf(path, sizeof(path), "%s/%s", be->iov, rel) >= sizeof(path))
		return -ENAMETOOLONG;
	return vfprov_sysfs_read_u64_in(&be->dir, path, v);
}

/* Whether prelim_iov/@rel exists (a file this driver version has). */
static bool vfprov_i915_has(struct vfprov_be *be, const char *rel)
{
	char path[VFPROV_PATH_LEN];

	if (snprintf(path, sizeof(path), "%s/%s", be->iov, rel) >=
	    sizeof(path))
		return false;
	return vfprov_sysfs_exists_in(&be->dir, path);
}

/*
 * What this i915 version offers (VFPROV_CAPS_*), from the files it has:
 * thresholds and the engine_reset / sample_period_ms policies are in every
 * prelim_iov release vfprov knows (23.6 on), sched_priority only in 25.1.
 * VF 1's threshold directory stands for every VF's.
 */
static u32 vfprov_i915_caps(struct vfprov_be *be, const struct vfprov_snap *s)
{
	u32 caps = 0;

	if (s->total_vfs &&
	    vfprov_i915_has(be, "vf1/gt/threshold/cat_error_count"))
		caps |= VFPROV_CAPS_THRESHOLDS;
	if (vfprov_i915_has(be, "pf/gt/policies/engine_reset") &&
	    vfprov_i915_has(be, "pf/gt/policies/sample_period_ms"))
		caps |= VFPROV_CAPS_POLICIES;
	if (vfprov_i915_has(be, "pf/gt/sched_priority"))
		caps |= VFPROV_CAPS_SCHED_PRIORITY;
	return caps;
}

/* A driver without threshold/ (none vfprov knows) leaves them unknown. */
static int vfprov_i915_vf_thresholds(struct vfprov_be *be, u32 id,
				     struct vfprov_vf_cfg *c)
{
	u64 v;
	int k, err;

	for (k = 0; k < VFPROV_THR_COUNT; k++) {
		err = vfprov_i915_read(be, &v, "vf%u/gt/threshold/%s", id,
				       vfprov_threshold_names[k]);
		if (err == -ENOENT)
			continue;
		if (err)
			return err;
		c->threshold[k] = v;
		c->set |= VFPROV_SET_THRESHOLD(k);
	}
	return 0;
}

static int vfprov_i915_vf_cfg(struct vfprov_be *be, u32 id,
			      struct vfprov_vf_cfg *c)
{
	u64 v;
	int r, err;

	memset(c, 0, sizeof(*c));
	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		err = vfprov_i915_read(be, &c->quota[r], "vf%u/gt/%s", id,
				       vfprov_i915_quota_attr[r]);
		if (err == -ENOENT && r == VFPROV_RES_LMEM)
			continue;	/* no LMEM on this part */
		if (err)
			return err;
		c->set |= VFPROV_SET_QUOTA(r);
	}
	err = vfprov_i915_read(be, &v, "vf%u/gt/exec_quantum_ms", id);
	if (err)
		return err;
	c->exec_quantum_ms = v;
	err = vfprov_i915_read(be, &v, "vf%u/gt/preempt_timeout_us", id);
	if (err)
		return err;
	c->preempt_timeout_us = v;
	c->set |= VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT;
	return vfprov_i915_vf_thresholds(be, id, c);
}

/*
 * What a VF's LMEM costs besides its quota, as i915 estimates it in its own
 * fair share (pf_auto_provision_lmem): the VF's LMTT table, on ATS-M one
 * level of 64 Ki 4-byte entries (256 KiB whatever the size), plus the PPGTT
 * estimate of one 4 KiB page per 2 MiB of quota and one more (i915 rounds
 * the page-directory count up with room for misalignment). Both come from
 * the pool lmem_free reports. The tables of VFs holding LMEM now are not
 * added back to the pool: what the PPGTT part still holds is not visible,
 * and staying short by one overhead per VF is safe.
 */
static void vfprov_i915_lmem_overhead(struct vfprov_res_caps *rc)
{
	rc->vf_overhead = SZ_256K + SZ_4K;
	rc->vf_overhead_granule = SZ_4K;
	/*
	 * The PF's own LMEM objects come and go (GuC logs, context images,
	 * the buffer pool), so lmem_free read at the snapshot is not what the
	 * last VF write finds, and i915 checks each write against free - spare
	 * as it is then. A fair share as large as i915's own fails on the last
	 * VF when the PF grew meanwhile: leave one minimum PF spare (128 MiB,
	 * 0.8% of a Flex 170) out of it. Explicit quotas may still use it.
	 */
	rc->fair_headroom = SZ_128M;
}

static int vfprov_i915_snap_res(struct vfprov_be *be, struct vfprov_snap *s,
				int r)
{
	struct vfprov_res_info *ri = &s->res[r];
	struct vfprov_res_caps *rc = &s->caps.res[r];
	const char *n = vfprov_i915_res[r];
	u64 held = 0;
	u32 i;
	int err;

	err = vfprov_i915_read(be, &ri->free, "pf/gt/available/%s_free", n);
	if (err == -ENOENT && r == VFPROV_RES_LMEM)
		return 0;
	if (err)
		return err;
	err = vfprov_i915_read(be, &ri->max_quota,
			       "pf/gt/available/%s_max_quota", n);
	if (err)
		return err;
	err = vfprov_i915_read(be, &ri->spare, "pf/gt/%s",
			       vfprov_i915_spare_attr[r]);
	if (err)
		return err;
	ri->granule = vfprov_i915_granule[r];
	ri->spare_min = vfprov_i915_spare_min[r];
	ri->vf_max = ri->max_quota;

	for (i = 0; i < s->total_vfs; i++)
		held += s->cfg.vf[i].quota[r];
	rc->present = ri->free + held > 0;
	rc->required = r != VFPROV_RES_DOORBELLS;
	rc->pool = ri->free + held;
	/*
	 * i915 reports ggtt_free with the PF's spare already taken off (the
	 * other *_free values include it), while the planner takes the spare
	 * off the pool itself: put it back, or the VFs lose one spare's worth
	 * of GGTT. contexts_free also excludes a PF reserve, but one sized by
	 * what the PF itself holds, which the ABI does not show: staying
	 * conservative there costs less than one block per VF.
	 */
	if (r == VFPROV_RES_GGTT)
		rc->pool += ri->spare;
	rc->spare = ri->spare;
	rc->spare_min = ri->spare_min;
	rc->granule = ri->granule;
	rc->vf_max = 0;
	/* i915 stores ggtt_spare rounded up to 64 KiB: plan what reads back */
	if (r == VFPROV_RES_GGTT)
		rc->spare_granule = SZ_64K;
	if (r == VFPROV_RES_LMEM)
		vfprov_i915_lmem_overhead(rc);
	s->cfg.spare[r] = ri->spare;
	s->cfg.set |= VFPROV_SET_SPARE(r);
	return 0;
}

/*
 * Single-tile prelim_iov: 0. Multi-tile (pf/gt0/): -EOPNOTSUPP. The probe
 * window, where i915 has created prelim_iov/pf/ but not yet pf/gt/:
 * -EAGAIN.
 */
static int vfprov_i915_layout(struct vfprov_be *be)
{
	char path[VFPROV_PATH_LEN];
	u64 v;

	if (!vfprov_i915_read(be, &v, "pf/gt/exec_quantum_ms"))
		return 0;
	if (snprintf(path, sizeof(path), "%s/pf/gt0", be->iov) >= sizeof(path))
		return -ENAMETOOLONG;
	if (!vfprov_sysfs_exists_in(&be->dir, be->iov) ||
	    vfprov_sysfs_exists_in(&be->dir, path))
		return -EOPNOTSUPP;	/* gone, or multi-tile */
	return -EAGAIN;		/* prelim_iov (or pf/) without pf/gt/ yet */
}

/* One PF value of a file this driver version may lack (then unknown). */
static int vfprov_i915_snap_opt(struct vfprov_be *be, struct vfprov_snap *s,
				u32 cap, u32 bit, u32 *val, const char *rel)
{
	u64 v;
	int err;

	if (!(s->pf_caps & cap))
		return 0;
	err = vfprov_i915_read(be, &v, "%s", rel);
	if (err)
		return err;
	*val = v;
	s->cfg.set |= bit;
	return 0;
}

static int vfprov_i915_snap_policies(struct vfprov_be *be,
				     struct vfprov_snap *s)
{
	int err;

	err = vfprov_i915_snap_opt(be, s, VFPROV_CAPS_POLICIES,
				   VFPROV_SET_ENGINE_RESET,
				   &s->cfg.engine_reset,
				   "pf/gt/policies/engine_reset");
	if (!err)
		err = vfprov_i915_snap_opt(be, s, VFPROV_CAPS_POLICIES,
					   VFPROV_SET_SAMPLE_PERIOD,
					   &s->cfg.sample_period_ms,
					   "pf/gt/policies/sample_period_ms");
	if (!err)
		err = vfprov_i915_snap_opt(be, s, VFPROV_CAPS_SCHED_PRIORITY,
					   VFPROV_SET_SCHED_PRIORITY,
					   &s->cfg.sched_priority,
					   "pf/gt/sched_priority");
	return err;
}

static int vfprov_i915_snapshot(struct vfprov_be *be, struct vfprov_snap *s)
{
	u64 v;
	u32 i;
	int r, err;

	err = vfprov_i915_layout(be);
	if (err)
		return err;
	err = vfprov_pci_snapshot(be, s);
	if (err)
		return err;
	s->has_res = true;
	s->pf_caps = vfprov_i915_caps(be, s);
	s->pf_caps |= vfprov_i915_action_caps(be, s);
	err = vfprov_i915_read(be, &v, "pf/auto_provisioning");
	if (err)
		return err;
	s->auto_prov = !!v;
	for (i = 0; i < s->total_vfs; i++) {
		err = vfprov_i915_vf_cfg(be, i + 1, &s->cfg.vf[i]);
		if (err)
			return err;
	}
	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		err = vfprov_i915_snap_res(be, s, r);
		if (err)
			return err;
	}
	err = vfprov_i915_read(be, &v, "pf/gt/exec_quantum_ms");
	if (err)
		return err;
	s->cfg.exec_quantum_ms = v;
	err = vfprov_i915_read(be, &v, "pf/gt/preempt_timeout_us");
	if (err)
		return err;
	s->cfg.preempt_timeout_us = v;
	err = vfprov_i915_read(be, &v, "pf/gt/policies/sched_if_idle");
	if (err)
		return err;
	s->cfg.sched_if_idle = !!v;
	s->cfg.set |= VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT |
		      VFPROV_SET_SCHED_IF_IDLE;
	return vfprov_i915_snap_policies(be, s);
}

/*
 * VF @i's threshold @k once @plan is applied: the plan's, and 0 beyond
 * num_vfs, as the VF's quotas and scheduling (a reset clears them all).
 */
/*
 * A non-zero threshold write switches auto_provisioning off in i915, as
 * any non-zero VF value does (intel_iov_provisioning_set_threshold).
 */
static bool vfprov_i915_thr_set(const struct vfprov_snap *cur,
				const struct vfprov_pf_cfg *plan, u32 i)
{
	u32 t;
	int k;

	for (k = 0; k < VFPROV_THR_COUNT; k++) {
		t = vfprov_plan_vf_thr(cur, plan, i, k);
		if (t && t != cur->cfg.vf[i].threshold[k])
			return true;
	}
	return false;
}

/* Whether VF @i ends with any non-zero threshold. */
static bool vfprov_i915_thr_any(const struct vfprov_snap *cur,
				const struct vfprov_pf_cfg *plan, u32 i)
{
	int k;

	for (k = 0; k < VFPROV_THR_COUNT; k++)
		if (vfprov_plan_vf_thr(cur, plan, i, k))
			return true;
	return false;
}

/* Whether every VF config ends up empty (then auto-provisioning is on). */
static bool vfprov_i915_all_empty(const struct vfprov_snap *cur,
				  const struct vfprov_pf_cfg *plan)
{
	u32 i;
	int r;

	for (i = 0; i < cur->total_vfs; i++) {
		for (r = 0; r < VFPROV_RES_COUNT; r++)
			if (vfprov_plan_quota(cur, plan, i, r))
				return false;
		if (vfprov_plan_vf_sched(cur, plan, i, true) ||
		    vfprov_plan_vf_sched(cur, plan, i, false) ||
		    vfprov_i915_thr_any(cur, plan, i))
			return false;
	}
	return true;
}

/* A write of @val over @old, the value the file holds before it. */
static int vfprov_i915_add(struct vfprov_be *be, struct vfprov_oplist *ops,
			   u8 step, u32 vf, const char *attr, u64 val, u64 old)
{
	int err;

	if (vf)
		err = vfprov_op_add_u64(ops, step, vf, attr, val,
					"%s/vf%u/gt/%s", be->iov, vf, attr);
	else
		err = vfprov_op_add_u64(ops, step, 0, attr, val, "%s/pf/gt/%s",
					be->iov, attr);
	if (!err)
		vfprov_op_old(ops, old);
	return err;
}

/* @changes[r]: whether any VF's quota of resource r changes. */
static int vfprov_i915_build_quotas(struct vfprov_be *be,
				    const struct vfprov_snap *cur,
				    const struct vfprov_pf_cfg *plan,
				    const bool *changes,
				    struct vfprov_oplist *ops)
{
	u32 i;
	int r, err;

	/*
	 * i915 places GGTT, contexts and doorbells in contiguous holes, so a
	 * VF left holding its block can split the free space and make a plan
	 * that fits the pool fail with ENOSPC. When any VF's quota of a
	 * resource changes, release every VF's quota of it, VFs in order,
	 * before any is set again: the new blocks are then packed.
	 */
	for (i = 0; i < cur->total_vfs; i++) {
		for (r = 0; r < VFPROV_RES_COUNT; r++) {
			if (!cur->caps.res[r].present ||
			    !cur->cfg.vf[i].quota[r] || !changes[r])
				continue;
			err = vfprov_i915_add(be, ops, VFPROV_STEP_RELEASE,
					      i + 1, vfprov_i915_quota_attr[r],
					      0, cur->cfg.vf[i].quota[r]);
			if (err)
				return err;
		}
	}
	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (!cur->caps.res[r].present ||
		    !(plan->set & VFPROV_SET_SPARE(r)))
			continue;
		err = vfprov_i915_add(be, ops, VFPROV_STEP_SPARES, 0,
				      vfprov_i915_spare_attr[r],
				      plan->spare[r], cur->cfg.spare[r]);
		if (err)
			return err;
	}
	for (i = 0; i < plan->num_vfs; i++) {
		for (r = 0; r < VFPROV_RES_COUNT; r++) {
			u64 t = vfprov_plan_quota(cur, plan, i, r);
			u64 old = cur->cfg.vf[i].quota[r];

			if (!cur->caps.res[r].present || !t)
				continue;
			if (changes[r])
				old = 0;	/* released above */
			err = vfprov_i915_add(be, ops, VFPROV_STEP_QUOTAS,
					      i + 1, vfprov_i915_quota_attr[r],
					      t, old);
			if (err)
				return err;
		}
	}
	return 0;
}

static int vfprov_i915_build_sched(struct vfprov_be *be,
				   const struct vfprov_snap *cur,
				   const struct vfprov_pf_cfg *plan,
				   struct vfprov_oplist *ops)
{
	const struct vfprov_pf_cfg *c = &cur->cfg;
	u32 i;
	int err = 0;

	if (plan->set & VFPROV_SET_EXEC_QUANTUM)
		err = vfprov_i915_add(be, ops, VFPROV_STEP_SCHED, 0,
				      "exec_quantum_ms", plan->exec_quantum_ms,
				      c->exec_quantum_ms);
	if (!err && plan->set & VFPROV_SET_PREEMPT_TIMEOUT)
		err = vfprov_i915_add(be, ops, VFPROV_STEP_SCHED, 0,
				      "preempt_timeout_us",
				      plan->preempt_timeout_us,
				      c->preempt_timeout_us);
	for (i = 0; !err && i < cur->total_vfs; i++) {
		err = vfprov_i915_add(be, ops, VFPROV_STEP_SCHED, i + 1,
				      "exec_quantum_ms",
				      vfprov_plan_vf_sched(cur, plan, i, true),
				      c->vf[i].exec_quantum_ms);
		if (!err)
			err = vfprov_i915_add(be, ops, VFPROV_STEP_SCHED, i + 1,
					      "preempt_timeout_us",
					      vfprov_plan_vf_sched(cur, plan, i,
								false),
					      c->vf[i].preempt_timeout_us);
	}
	if (!err && plan->set & VFPROV_SET_SCHED_IF_IDLE)
		err = vfprov_i915_add(be, ops, VFPROV_STEP_SCHED, 0,
				      "policies/sched_if_idle",
				      plan->sched_if_idle, c->sched_if_idle);
	/* after sched_if_idle: i915 refuses a priority while it is on */
	if (!err && plan->set & VFPROV_SET_SCHED_PRIORITY &&
	    cur->pf_caps & VFPROV_CAPS_SCHED_PRIORITY)
		err = vfprov_i915_add(be, ops, VFPROV_STEP_SCHED, 0,
				      "sched_priority", plan->sched_priority,
				      c->sched_priority);
	return err;
}

/*
 * Thresholds of every VF (0 beyond num_vfs), then the PF policies. i915 sends
 * each to the GuC at once, VFs enabled or not, and keeps the new value
 * only when the GuC took it: a failed write leaves the old one.
 */
static int vfprov_i915_build_policies(struct vfprov_be *be,
				      const struct vfprov_snap *cur,
				      const struct vfprov_pf_cfg *plan,
				      struct vfprov_oplist *ops)
{
	const struct vfprov_pf_cfg *c = &cur->cfg;
	const char *attr;
	u32 i;
	int k, err = 0;

	for (i = 0; !err && i < cur->total_vfs; i++) {
		for (k = 0; !err && k < VFPROV_THR_COUNT; k++) {
			u32 t = vfprov_plan_vf_thr(cur, plan, i, k);

			/*
			 * No such file, or 0 staying 0: 31 VFs of six zeroes
			 * would cost 186 read-backs. A non-zero value is
			 * always written (after an op with side effects the
			 * file is read first), so that it holds even if i915
			 * released the VF's config on the way.
			 */
			if (!(c->vf[i].set & VFPROV_SET_THRESHOLD(k)) ||
			    (!t && !c->vf[i].threshold[k]))
				continue;
			/* static: the op keeps the pointer */
			attr = vfprov_field(vfprov_field_threshold(k))->file;
			err = vfprov_i915_add(be, ops, VFPROV_STEP_THRESHOLDS,
					      i + 1, attr, t,
					      c->vf[i].threshold[k]);
		}
	}
	if (!(cur->pf_caps & VFPROV_CAPS_POLICIES))
		return err;
	if (!err && plan->set & VFPROV_SET_ENGINE_RESET)
		err = vfprov_i915_add(be, ops, VFPROV_STEP_POLICIES, 0,
				      "policies/engine_reset",
				      plan->engine_reset, c->engine_reset);
	if (!err && plan->set & VFPROV_SET_SAMPLE_PERIOD)
		err = vfprov_i915_add(be, ops, VFPROV_STEP_POLICIES, 0,
				      "policies/sample_period_ms",
				      plan->sample_period_ms,
				      c->sample_period_ms);
	return err;
}

/*
 * auto_provisioning, on or off. Over enabled VFs that keep running it may
 * change their configs (auto ones are released or given), so what the
 * snapshot says of the VF files no longer holds after it.
 */
static int vfprov_i915_add_auto(struct vfprov_be *be,
				const struct vfprov_snap *cur, bool disable,
				struct vfprov_oplist *ops, u8 step)
{
	bool on = step == VFPROV_STEP_AUTO_PROV_ON;
	int err;

	err = vfprov_op_add(ops, VFPROV_OP_WRITE, step, 0, "auto_provisioning",
			    on ? "1" : "0", "%s/pf/auto_provisioning", be->iov);
	if (err)
		return err;
	vfprov_op_old(ops, cur->auto_prov);
	if (cur->cfg.num_vfs && !disable)
		vfprov_op_side_effects(ops);
	return 0;
}

/*
 * Over VFs that keep running, auto_provisioning goes off only when a VF
 * value goes non-zero (i915 would switch it off then anyway): it cannot be
 * turned on again while those VFs hold configs, so a change of PF values
 * alone must leave it as it is, or its undo fails with -ESTALE.
 */
static bool vfprov_i915_vf_sched_set(const struct vfprov_snap *cur,
				     const struct vfprov_pf_cfg *plan)
{
	u32 i, eq, pt;

	for (i = 0; i < cur->total_vfs; i++) {
		eq = vfprov_plan_vf_sched(cur, plan, i, true);
		pt = vfprov_plan_vf_sched(cur, plan, i, false);
		if ((eq && eq != cur->cfg.vf[i].exec_quantum_ms) ||
		    (pt && pt != cur->cfg.vf[i].preempt_timeout_us) ||
		    vfprov_i915_thr_set(cur, plan, i))
			return true;
	}
	return false;
}

static int vfprov_i915_build(struct vfprov_be *be,
			     const struct vfprov_snap *cur,
			     const struct vfprov_pf_cfg *plan,
			     struct vfprov_oplist *ops)
{
	bool empty = vfprov_i915_all_empty(cur, plan);
	bool changes[VFPROV_RES_COUNT], any = false, disable;
	int r, err;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		changes[r] = vfprov_plan_res_changes(cur, plan, r);
		any |= changes[r];
	}
	/* quotas change with the VFs off; scheduling alone keeps them on */
	disable = cur->cfg.num_vfs &&
		  (plan->num_vfs != cur->cfg.num_vfs || any);
	err = vfprov_pci_build_pre(be, cur, plan, disable, ops);
	if (!err && !empty && (disable || !cur->cfg.num_vfs ||
			       vfprov_i915_vf_sched_set(cur, plan)))
		err = vfprov_i915_add_auto(be, cur, disable, ops,
					   VFPROV_STEP_AUTO_PROV_OFF);
	if (!err)
		err = vfprov_i915_build_quotas(be, cur, plan, changes, ops);
	if (!err)
		err = vfprov_i915_build_sched(be, cur, plan, ops);
	if (!err)
		err = vfprov_i915_build_policies(be, cur, plan, ops);
	if (!err && empty)
		err = vfprov_i915_add_auto(be, cur, disable, ops,
					   VFPROV_STEP_AUTO_PROV_ON);
	if (!err)
		err = vfprov_pci_build_post(be, cur, plan, disable, ops);
	return err;
}

/* prelim_iov/vfK/control exists: not every prelim_iov release has it. */
static int vfprov_i915_vf_control(struct vfprov_be *be, u32 vf, u32 action,
				  const char **why)
{
	char rel[32];

	snprintf(rel, sizeof(rel), "vf%u/control", vf);
	if (vfprov_i915_has(be, rel))
		return 0;
	*why = "only flr with this i915 (no prelim_iov control)";
	return -EOPNOTSUPP;
}

/* One word to prelim_iov/vfK/control: stop, pause, resume or clear. */
static int vfprov_i915_vf_act(struct vfprov_be *be, u32 vf, u32 action,
			      const char *word)
{
	char path[VFPROV_PATH_LEN];

	if (snprintf(path, sizeof(path), "%s/vf%u/control", be->iov, vf) >=
	    sizeof(path))
		return -ENAMETOOLONG;
	return vfprov_sysfs_write_in(&be->dir, path, word);
}

static int vfprov_i915_vf_lmem_alloc(struct vfprov_be *be, u32 vf, u64 *bytes)
{
	return vfprov_i915_read(be, bytes, "vf%u/telemetry/lmem_alloc_size", vf);
}

const struct vfprov_backend_ops vfprov_backend_i915 = {
	.name		= "i915-prelim",
	.id		= VFPROV_BACKEND_I915_PRELIM,
	.probe		= vfprov_i915_probe,
	.snapshot	= vfprov_i915_snapshot,
	.build		= vfprov_i915_build,
	.vf_cfg		= vfprov_i915_vf_cfg,
	.vf_control	= vfprov_i915_vf_control,
	.vf_act		= vfprov_i915_vf_act,
	.adverse	= vfprov_health_read,
	.vf_lmem_alloc	= vfprov_i915_vf_lmem_alloc,
};
