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

struct vfprov_vf_cfg {
	__u32 set;
	__u64 quota[VFPROV_RES_COUNT];
	__u32 exec_quantum_ms;
	__u32 preempt_timeout_us;
	__u32 weight;			/* planner share weight, 0 means 1 */
	__u32 threshold[VFPROV_THR_COUNT];	/* 0: disabled */
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

#endif /* _VFPROV_CONFIG_H */
