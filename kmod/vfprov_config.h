/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration model of vfprov: the desired state of one PF.
 *
 * Pure C on top of <linux/types.h> so that the planner and the host unit
 * tests share it with the module. No kernel-only headers here.
 */
#ifndef _VFPROV_CONFIG_H
#define _VFPROV_CONFIG_H

#include <linux/types.h>
#include "include/uapi/linux/vfprov.h"

/*
 * Buffer sizes of the model (v2 keeps them out of the uapi): a PCI address
 * as the spec's max-len 31 plus NUL, an outcome's reason in words.
 */
#define VFPROV_ADDR_LEN		32
#define VFPROV_MSG_LEN		160

/* Resources a VF holds a quota of. Order is the apply order of quotas. */
enum vfprov_res {
	VFPROV_RES_GGTT,
	VFPROV_RES_LMEM,
	VFPROV_RES_CONTEXTS,
	VFPROV_RES_DOORBELLS,
	VFPROV_RES_COUNT
};

/*
 * Adverse-event thresholds a VF holds, in the order of the uapi's enum
 * vfprov_adverse (and of the threshold-* attributes).
 */
#define VFPROV_THR_COUNT	(VFPROV_ADVERSE_DOORBELL_TIME + 1)

/* Bits of vfprov_vf_cfg.set and vfprov_pf_cfg.set: what a request sets. */
#define VFPROV_SET_QUOTA(r)		(1u << (r))	/* r < VFPROV_RES_COUNT */
#define VFPROV_SET_EXEC_QUANTUM		(1u << 8)
#define VFPROV_SET_PREEMPT_TIMEOUT	(1u << 9)
#define VFPROV_SET_WEIGHT		(1u << 10)
/* VF only, bits 11..16 (in vfprov_pf_cfg.set bit 16 is a spare's) */
#define VFPROV_SET_THRESHOLD(k)		(1u << (11 + (k)))	/* k < THR_COUNT */
#define VFPROV_SET_THRESHOLDS		(0x3fu << 11)
#define VFPROV_SET_SPARE(r)		(1u << (16 + (r)))	/* PF only */
#define VFPROV_SET_SCHED_IF_IDLE	(1u << 24)		/* PF only */
#define VFPROV_SET_NUM_VFS		(1u << 25)		/* PF only */
#define VFPROV_SET_VF_DRIVER		(1u << 26)		/* PF only */
/* PF only: a fresh fair share, live quotas of enabled VFs are not kept */
#define VFPROV_SET_REBALANCE		(1u << 27)
/* PF only: policies (i915 pf/gt/policies/) and the PF's priority */
#define VFPROV_SET_ENGINE_RESET		(1u << 28)
#define VFPROV_SET_SAMPLE_PERIOD	(1u << 29)
#define VFPROV_SET_SCHED_PRIORITY	(1u << 30)

/* GTs a configuration may name: gt0 .. VFPROV_MAX_GT (uapi). */
#define VFPROV_GTS			(VFPROV_MAX_GT + 1)
/* Bits a GT of a VF may set apart from the VF's own values. */
#define VFPROV_SET_GT_VALUES	(VFPROV_SET_QUOTA(VFPROV_RES_CONTEXTS) | \
				 VFPROV_SET_QUOTA(VFPROV_RES_DOORBELLS) | \
				 VFPROV_SET_EXEC_QUANTUM | \
				 VFPROV_SET_PREEMPT_TIMEOUT)

/*
 * One GT of a VF where it holds other values than the VF's (xe: contexts,
 * doorbells and scheduling are per GT). ->set (VFPROV_SET_GT_VALUES bits)
 * says which; every other value of the GT is the VF's. quota[] holds the
 * per-GT resources only.
 */
struct vfprov_gt_cfg {
	__u32 set;
	__u64 quota[VFPROV_RES_COUNT];
	__u32 exec_quantum_ms;
	__u32 preempt_timeout_us;
};

/*
 * A VF: its values, which are every GT's, and gt[] where one GT differs.
 * In a request gt[k] overrides the VF's value on GT k (gt[0] included);
 * in a plan and a snapshot the VF's values are gt0's and only gt[1..]
 * are set, where they differ (vfprov_gt_val() reads either form).
 */
struct vfprov_vf_cfg {
	__u32 set;
	__u64 quota[VFPROV_RES_COUNT];
	__u32 exec_quantum_ms;
	__u32 preempt_timeout_us;
	__u32 weight;			/* planner share weight, 0 means 1 */
	__u32 threshold[VFPROV_THR_COUNT];	/* 0: disabled */
	struct vfprov_gt_cfg gt[VFPROV_GTS];
};

struct vfprov_pf_cfg {
	__u32 set;
	__u32 num_vfs;
	__u32 vf_driver;		/* enum vfprov_vf_driver (uapi) */
	__u64 spare[VFPROV_RES_COUNT];
	__u32 exec_quantum_ms;
	__u32 preempt_timeout_us;
	__u32 sched_if_idle;
	__u32 engine_reset;		/* 0 or 1 */
	__u32 sample_period_ms;
	__u32 sched_priority;		/* enum vfprov_sched_priority (uapi) */
	struct vfprov_vf_cfg vf[VFPROV_MAX_VFS];	/* vf[0] is VF 1 */
};

/* Every bit VF config @c sets, its own and its GTs'. */
static inline __u32 vfprov_vf_sets(const struct vfprov_vf_cfg *c)
{
	__u32 set = c->set, gt;

	for (gt = 0; gt < VFPROV_GTS; gt++)
		set |= c->gt[gt].set;
	return set;
}

/* Whether VF config @c sets @bit (VFPROV_SET_GT_VALUES) on GT @gt. */
static inline int vfprov_gt_has(const struct vfprov_vf_cfg *c, __u32 gt,
				__u32 bit)
{
	return (c->gt[gt].set | c->set) & bit;
}

/* VF config @c's quota of @r on GT @gt: the GT's own, else the VF's. */
static inline __u64 vfprov_gt_quota(const struct vfprov_vf_cfg *c, __u32 gt,
				    int r)
{
	const struct vfprov_gt_cfg *g = &c->gt[gt];

	return g->set & VFPROV_SET_QUOTA(r) ? g->quota[r] : c->quota[r];
}

/* VF config @c's exec quantum (@eq) or preempt timeout on GT @gt. */
static inline __u32 vfprov_gt_sched(const struct vfprov_vf_cfg *c, __u32 gt,
				    int eq)
{
	const struct vfprov_gt_cfg *g = &c->gt[gt];

	if (eq)
		return g->set & VFPROV_SET_EXEC_QUANTUM ? g->exec_quantum_ms :
		       c->exec_quantum_ms;
	return g->set & VFPROV_SET_PREEMPT_TIMEOUT ? g->preempt_timeout_us :
	       c->preempt_timeout_us;
}

/*
 * Canonical form (plans, snapshots): GT @gt > 0 of @c holds quota @v of
 * @r, kept as its own only where it differs from the VF's (gt0's) or the
 * VF has none.
 */
static inline void vfprov_gt_put_quota(struct vfprov_vf_cfg *c, __u32 gt,
				       int r, __u64 v)
{
	struct vfprov_gt_cfg *g = &c->gt[gt];

	g->set &= ~VFPROV_SET_QUOTA(r);
	g->quota[r] = v;
	if (v != c->quota[r] || !(c->set & VFPROV_SET_QUOTA(r)))
		g->set |= VFPROV_SET_QUOTA(r);
}

static inline void vfprov_gt_put_sched(struct vfprov_vf_cfg *c, __u32 gt,
				       int eq, __u32 v)
{
	struct vfprov_gt_cfg *g = &c->gt[gt];
	__u32 bit = eq ? VFPROV_SET_EXEC_QUANTUM : VFPROV_SET_PREEMPT_TIMEOUT;

	g->set &= ~bit;
	if (eq)
		g->exec_quantum_ms = v;
	else
		g->preempt_timeout_us = v;
	if (v != vfprov_gt_sched(c, 0, eq) || !(c->set & bit))
		g->set |= bit;
}

#endif /* _VFPROV_CONFIG_H */
