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
};

struct vfprov_plan_caps {
	__u32 total_vfs;
	struct vfprov_res_caps res[VFPROV_RES_COUNT];
};

/* Where and why a request cannot be planned. */
struct vfprov_plan_err {
	int err;		/* negative errno */
	__u32 vf;		/* VF at fault, 0 = the PF */
	int res;		/* enum vfprov_res at fault, -1 = none */
	char msg[VFPROV_MSG_LEN];
};

/*
 * vfprov_plan() - complete @req into @plan.
 * @caps: what the PF offers.
 * @cur:  the current state (scheduling, spares and driver not set in @req
 *        keep their current value).
 * @req:  the request; fields named in ->set are honoured exactly (quotas
 *        rounded up to the granule), the rest is filled in.
 * @plan: result; every ->set bit that applies is set on return.
 * @perr: filled on failure.
 *
 * Deterministic: the same inputs give the same plan. Returns 0 or a negative
 * errno (-EINVAL, -ERANGE, -EDQUOT, -ENOSPC) with @perr naming the cause.
 */
int vfprov_plan(const struct vfprov_plan_caps *caps,
		const struct vfprov_pf_cfg *cur,
		const struct vfprov_pf_cfg *req,
		struct vfprov_pf_cfg *plan,
		struct vfprov_plan_err *perr);

/* Sum over resources of (usable pool - planned total) / granule: unused granules. */
__u64 vfprov_plan_unallocated(const struct vfprov_plan_caps *caps,
			      const struct vfprov_pf_cfg *plan,
			      enum vfprov_res res);

extern const char *const vfprov_res_names[VFPROV_RES_COUNT];

#endif /* _VFPROV_PLANNER_H */
