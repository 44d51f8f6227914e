/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Planner: turns a request (what the admin set) into a complete plan (every
 * VF's quotas), sharing what is left fairly. Pure C, no kernel headers: the
 * host unit tests and benchmarks link the same planner.c.
 */
#ifndef _VFPROV_PLANNER_H
#define _VFPROV_PLANNER_H

#include "vfprov_config.h"

/* What one resource of a PF offers to a plan. */
struct vfprov_res_caps {
	__u8 present;		/* the PF has it (no LMEM on integrated parts) */
	__u8 required;		/* a VF is invalid without a non-zero quota */
	__u64 pool;		/* free now + held by the VFs being replanned */
	__u64 spare;		/* PF spare now (part of pool) */
	__u64 spare_min;	/* smallest valid PF spare */
	__u64 granule;		/* quotas are rounded up to this */
	__u64 vf_max;		/* largest quota one VF may hold, 0 = pool */
	__u64 spare_granule;	/* spares are rounded up to this, 0 = exact */
	/*
	 * What a VF holding a non-zero quota costs the pool besides the quota
	 * itself (the driver's page tables for it): vf_overhead once, plus
	 * vf_overhead_granule per granule of the quota. 0 and 0 = nothing.
	 */
	__u64 vf_overhead;
	__u64 vf_overhead_granule;
	/*
	 * Left out of the fair share when what remains exceeds it: room for
	 * the PF's own use moving between the snapshot and the last write.
	 * Explicit quotas may use it.
	 */
	__u64 fair_headroom;
	/*
	 * The driver takes quotas of it but shows no pool to share (xe
	 * sysfs-only: VRAM through sriov_admin, its vram_mm locked away):
	 * the request's quotas or the live ones, every VF one or none, no
	 * spare, no fair share (xe's AUTO enable makes that one itself).
	 */
	__u8 no_pool;
};

struct vfprov_plan_caps {
	__u32 total_vfs;
	/*
	 * GTs whose contexts, doorbells and scheduling a VF may hold apart
	 * (xe: 2 on BMG/PTL); 0 or 1: one. Every GT offers res[]'s pool.
	 */
	__u32 gts;
	struct vfprov_res_caps res[VFPROV_RES_COUNT];
};

/* Where and why a request cannot be planned. */
struct vfprov_plan_err {
	int err;		/* negative errno */
	__u32 vf;		/* VF at fault, 0 = the PF */
	int res;		/* enum vfprov_res at fault, -1 = none */
	__u32 gt;		/* GT at fault where GTs are planned apart */
	char msg[VFPROV_MSG_LEN];
};

/*
 * vfprov_plan() - complete @req into @plan.
 *
 * Rules (see kmod/planner.c for the details):
 * - num_vfs must be set (-EINVAL), <= caps->total_vfs and VFPROV_MAX_VFS
 *   (-ERANGE). VF entries from num_vfs on are zero in @plan.
 * - Spares: @req's (>= spare_min, else -EINVAL; rounded up to
 *   spare_granule as the driver stores it), else @cur's, else
 *   max(caps spare, spare_min); above the pool: -ENOSPC.
 * - PF/VF scheduling and vf_driver: @req's, else @cur's, else left unset.
 *   Weights come from @req only.
 * - Per present resource: explicit quotas rounded up to the granule
 *   (-EOVERFLOW), non-zero if required (-EINVAL), <= vf_max (-EDQUOT), sum
 *   <= pool - spare (-EDQUOT, naming the VF that goes over). The rest is
 *   shared by weight among the other VFs in whole granules, capped at
 *   vf_max, leftover granules one by one in VF order: less than one granule
 *   per such VF stays unused. A required resource gives each of them at
 *   least one granule, or fails with -ENOSPC.
 * - Least disruption: when @cur has as many VFs enabled as @req asks
 *   for and @req does not set VFPROV_SET_REBALANCE, a quota @req leaves
 *   unset keeps @cur's (if @cur sets it, and it is non-zero for a required
 *   resource) and counts as explicit; only the rest is shared. A resource
 *   that no VF changes is not checked against the pool again (the driver
 *   accepted it, nothing of it is written).
 * - Per-VF overhead (vf_overhead, vf_overhead_granule): every non-zero
 *   quota costs quota + overhead(quota) of the pool, explicit ones included
 *   (-EDQUOT naming the VF); a VF planned to keep the quota @cur says it
 *   holds costs the quota only (its tables are already outside the pool
 *   and come back with the quota). The fair share then works as i915's own
 *   auto-provisioning: each fair VF's whole-granule budget by weight (no
 *   leftover pass), minus the overhead estimated on that budget, rounded
 *   down to the granule; so quota + overhead(quota) <= its budget.
 * - fair_headroom: when more than it is left for the fair share, it is
 *   taken off first.
 * - Per GT (caps->gts > 1): contexts and doorbells are planned as above
 *   once per GT, a VF's value on a GT being its GT value, else its own;
 *   EQ/PT per GT likewise (request, else live). The plan keeps gt0's as
 *   the VF's and a GT's own only where it differs; a failure names the
 *   GT (perr->gt, " on gtK"). A GT value for a GT beyond caps->gts, or
 *   of a field that is not per GT: -EINVAL.
 * - A non-zero quota or spare set for a resource the PF lacks: -EINVAL.
 *   Absent resources plan to 0 with no set bit.
 * - On failure @plan is all zero and @perr (optional) names VF and
 *   resource with an i915 sysfs attribute name in its message.
 * @caps: what the PF offers.
 * @cur:  the current state (scheduling, spares and driver not set in @req
 *        keep their current value); may be NULL.
 * @req:  the request; fields named in ->set are honoured exactly (quotas
 *        rounded up to the granule), the rest is filled in.
 * @plan: result; every ->set bit that applies is set on return. Must not
 *        be @req or @cur (-EINVAL).
 * @perr: filled on failure, may be NULL.
 *
 * Deterministic: the same inputs give the same plan. Returns 0 or a negative
 * errno (-EINVAL, -ERANGE, -EDQUOT, -ENOSPC, -EOVERFLOW) with @perr naming
 * the cause.
 */
int vfprov_plan(const struct vfprov_plan_caps *caps,
		const struct vfprov_pf_cfg *cur,
		const struct vfprov_pf_cfg *req,
		struct vfprov_pf_cfg *plan,
		struct vfprov_plan_err *perr);

/*
 * Unused whole granules of @res in @plan: (pool - spare - sum of the VF
 * quotas and their overheads) / granule. 0 for an absent resource or an
 * over-full plan.
 */
__u64 vfprov_plan_unallocated(const struct vfprov_plan_caps *caps,
			      const struct vfprov_pf_cfg *plan,
			      enum vfprov_res res);

/*
 * What a quota @q of a resource with caps @rc costs the pool: @q plus the
 * per-VF overhead (0 for @q = 0). U64 max if that does not fit.
 */
__u64 vfprov_quota_cost(const struct vfprov_res_caps *rc, __u64 q);

/* floor(@a * @b / @c) without 64-bit overflow; U64 max if it does not fit. */
__u64 vfprov_mul_div(__u64 a, __u64 b, __u64 c);

/* "ggtt", "lmem", "contexts", "doorbells": the i915 sysfs name stems. */
extern const char *const vfprov_res_names[VFPROV_RES_COUNT];

#endif /* _VFPROV_PLANNER_H */
