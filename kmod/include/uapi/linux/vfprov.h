/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vfprov: atomic SR-IOV VF provisioning - generic netlink ABI.
 *
 * Family "vfprov", version VFPROV_GENL_VERSION. The ABI only grows:
 * commands and attributes are appended, never renumbered or removed.
 *
 * Addresses are PCI names as in sysfs ("0000:4d:00.0"). Sizes are bytes.
 * A VF is numbered 1..total_vfs as in prelim_iov/vfK and the PCI core's
 * virtfn(K-1).
 */
#ifndef _UAPI_LINUX_VFPROV_H
#define _UAPI_LINUX_VFPROV_H

#include <linux/types.h>

#define VFPROV_GENL_NAME		"vfprov"
#define VFPROV_GENL_VERSION		1
#define VFPROV_MCGRP_EVENTS		"events"	/* every user */
/* CAP_SYS_ADMIN only, where the kernel can say so: events + requester */
#define VFPROV_MCGRP_AUDIT		"audit"

/* Largest VF count a configuration may carry (ATS-M has 31). */
#define VFPROV_MAX_VFS			63
#define VFPROV_ADDR_LEN			32	/* incl. NUL */
#define VFPROV_MSG_LEN			160	/* incl. NUL */

enum vfprov_cmd {
	VFPROV_CMD_UNSPEC,
	VFPROV_CMD_PF_GET,	/* doit: A_PF_ADDR; dumpit: every PF */
	VFPROV_CMD_VF_GET,	/* doit: A_PF_ADDR + A_VF_ID; dumpit: A_PF_ADDR */
	VFPROV_CMD_PLAN,	/* A_PF_ADDR, A_CONFIG -> reply A_CONFIG (full plan) */
	VFPROV_CMD_APPLY,	/* A_PF_ADDR, A_CONFIG, [A_FLAGS], [A_EXPECTED_GEN] */
	VFPROV_CMD_RESET,	/* A_PF_ADDR, [A_FLAGS], [A_EXPECTED_GEN]: 0 VFs */
	VFPROV_CMD_EVENT,	/* multicast only, groups "events" and "audit" */

	__VFPROV_CMD_MAX
};
#define VFPROV_CMD_MAX (__VFPROV_CMD_MAX - 1)

/* Top-level attributes. */
enum vfprov_attr {
	VFPROV_A_UNSPEC,
	VFPROV_A_PAD,
	VFPROV_A_PF_ADDR,		/* string */
	VFPROV_A_PF_BACKEND,		/* string: "i915-prelim", "pci" */
	VFPROV_A_PF_DRIVER,		/* string: PF driver name, "" if none */
	VFPROV_A_PF_TOTAL_VFS,		/* u32 */
	VFPROV_A_PF_NUM_VFS,		/* u32: VFs enabled now */
	VFPROV_A_PF_GENERATION,		/* u64: bumps on every commit */
	VFPROV_A_PF_STATE,		/* u32: enum vfprov_state */
	VFPROV_A_PF_LAST_RESULT,	/* u32: enum vfprov_result */
	VFPROV_A_PF_LAST_ERRNO,		/* s32: negative errno of last failure */
	VFPROV_A_PF_LAST_ERROR,		/* string: last failure in words */
	VFPROV_A_PF_RESOURCES,		/* nest: VFPROV_A_RES entries */
	VFPROV_A_RES,			/* nest: enum vfprov_res_attr */
	VFPROV_A_CONFIG,		/* nest: vfprov_cfg_attr (PF_GET: live) */
	VFPROV_A_FLAGS,			/* u32: VFPROV_F_* */
	VFPROV_A_EXPECTED_GEN,		/* u64; mismatch: -ESTALE */
	VFPROV_A_VF_ID,			/* u32: 1..total_vfs */
	VFPROV_A_VF,			/* nest: enum vfprov_vf_attr */
	VFPROV_A_EVENT,			/* u32: enum vfprov_event */
	VFPROV_A_RESULT,		/* u32: enum vfprov_result (apply reply) */
	VFPROV_A_ERRNO,			/* s32: negative errno of the failure */
	VFPROV_A_MESSAGE,		/* string: reason in words */
	VFPROV_A_FAILED_STEP,		/* string: apply step that failed */
	VFPROV_A_FAILED_VF,		/* u32: VF at fault, 0 = the PF */
	VFPROV_A_PID,			/* u32: requester ("audit" group only) */
	VFPROV_A_UID,			/* u32: requester (initial userns; "audit") */
	VFPROV_A_COMM,			/* string: requester ("audit" group only) */
	/*
	 * nest of VFPROV_A_VF (VF_A_ID, VF_A_DISRUPT): the VFs an apply of
	 * this request disables or rebinds (APPLY replies, dry run too)
	 */
	VFPROV_A_DISRUPTED,

	__VFPROV_A_MAX
};
#define VFPROV_A_MAX (__VFPROV_A_MAX - 1)

/* Per-resource capacity of a PF (inside VFPROV_A_RES). */
enum vfprov_res_attr {
	VFPROV_RES_A_UNSPEC,
	VFPROV_RES_A_PAD,
	VFPROV_RES_A_NAME,		/* string: "ggtt", "lmem", ... */
	VFPROV_RES_A_FREE,		/* u64: available/<res>_free */
	VFPROV_RES_A_MAX_QUOTA,		/* u64: available/<res>_max_quota */
	VFPROV_RES_A_GRANULE,		/* u64: allocation unit */
	VFPROV_RES_A_SPARE,		/* u64: PF spare now */
	VFPROV_RES_A_SPARE_MIN,		/* u64: smallest valid PF spare */
	VFPROV_RES_A_VF_MAX,		/* u64: largest quota of one VF */

	__VFPROV_RES_A_MAX
};
#define VFPROV_RES_A_MAX (__VFPROV_RES_A_MAX - 1)

/*
 * A desired PF state (inside VFPROV_A_CONFIG). Absent attributes are left
 * to the planner (quotas: fair share) or keep their current value
 * (scheduling, spares, driver).
 */
enum vfprov_cfg_attr {
	VFPROV_CFG_A_UNSPEC,
	VFPROV_CFG_A_PAD,
	VFPROV_CFG_A_NUM_VFS,		/* u32, required for APPLY/PLAN */
	VFPROV_CFG_A_VF_DRIVER,		/* u32: enum vfprov_vf_driver */
	VFPROV_CFG_A_GGTT_SPARE,	/* u64 */
	VFPROV_CFG_A_LMEM_SPARE,	/* u64 */
	VFPROV_CFG_A_CONTEXTS_SPARE,	/* u32 */
	VFPROV_CFG_A_DOORBELLS_SPARE,	/* u32 */
	VFPROV_CFG_A_EXEC_QUANTUM_MS,	/* u32: PF, 0 = unlimited */
	VFPROV_CFG_A_PREEMPT_TIMEOUT_US,/* u32: PF, 0 = unlimited */
	VFPROV_CFG_A_SCHED_IF_IDLE,	/* u8: 0/1 */
	VFPROV_CFG_A_VFS,		/* nest: VFPROV_A_VF entries */

	__VFPROV_CFG_A_MAX
};
#define VFPROV_CFG_A_MAX (__VFPROV_CFG_A_MAX - 1)

/* One VF: its config in requests/plans, its state in VF_GET replies. */
enum vfprov_vf_attr {
	VFPROV_VF_A_UNSPEC,
	VFPROV_VF_A_PAD,
	VFPROV_VF_A_ID,			/* u32: 1..total_vfs */
	VFPROV_VF_A_GGTT,		/* u64 */
	VFPROV_VF_A_LMEM,		/* u64 */
	VFPROV_VF_A_CONTEXTS,		/* u32 */
	VFPROV_VF_A_DOORBELLS,		/* u32 */
	VFPROV_VF_A_EXEC_QUANTUM_MS,	/* u32 */
	VFPROV_VF_A_PREEMPT_TIMEOUT_US,	/* u32 */
	VFPROV_VF_A_WEIGHT,		/* u32: planner share weight, 1..1000 */
	/* state only (VF_GET replies) */
	VFPROV_VF_A_ENABLED,		/* u8 */
	VFPROV_VF_A_PCI_ADDR,		/* string */
	VFPROV_VF_A_DRIVER,		/* string, "" if none */
	VFPROV_VF_A_IOMMU_GROUP,	/* s32, -1 if none */
	VFPROV_VF_A_IN_USE,		/* u8: opened by a guest (vfio) */
	VFPROV_VF_A_DISRUPT,		/* u32: VFPROV_DISRUPT_* (in A_DISRUPTED) */

	__VFPROV_VF_A_MAX
};
#define VFPROV_VF_A_MAX (__VFPROV_VF_A_MAX - 1)

/* VFPROV_VF_A_DISRUPT: what an apply does to a VF that exists now */
#define VFPROV_DISRUPT_DISABLE	(1u << 0)	/* disabled (and re-created) */
#define VFPROV_DISRUPT_REBIND	(1u << 1)	/* its driver changes */

enum vfprov_vf_driver {
	VFPROV_VF_DRIVER_NONE,		/* leave VFs unbound */
	VFPROV_VF_DRIVER_VFIO_PCI,	/* bind every VF to vfio-pci */

	__VFPROV_VF_DRIVER_MAX
};
#define VFPROV_VF_DRIVER_MAX (__VFPROV_VF_DRIVER_MAX - 1)

/* VFPROV_A_FLAGS */
#define VFPROV_F_DRY_RUN	(1u << 0)	/* validate + plan, change nothing */
/* FORCE: reconfigure VFs in use by a guest, or apply on a DEGRADED PF */
#define VFPROV_F_FORCE		(1u << 1)
/*
 * IF_CHANGED: apply only if the plan differs from the live state;
 * otherwise write nothing and answer VFPROV_RESULT_UNCHANGED (the
 * generation stays, no event is sent).
 */
#define VFPROV_F_IF_CHANGED	(1u << 2)
/*
 * REBALANCE: share every quota the request leaves unset afresh. Without
 * it, when the VF count stays, such quotas keep the live values, so that a
 * running VF is disabled only if something it needs changes.
 */
#define VFPROV_F_REBALANCE	(1u << 3)
#define VFPROV_F_ALL		(VFPROV_F_DRY_RUN | VFPROV_F_FORCE | \
				 VFPROV_F_IF_CHANGED | VFPROV_F_REBALANCE)

enum vfprov_state {
	VFPROV_STATE_IDLE,		/* no transaction running */
	VFPROV_STATE_APPLYING,		/* a transaction holds the PF */
	VFPROV_STATE_DEGRADED,		/* an undo failed: state unknown */
	VFPROV_STATE_GONE,		/* PF removed, entry draining */

	__VFPROV_STATE_MAX
};

enum vfprov_result {
	VFPROV_RESULT_NONE,		/* nothing applied yet */
	VFPROV_RESULT_COMMITTED,
	VFPROV_RESULT_REJECTED,		/* validation failed, nothing written */
	VFPROV_RESULT_ROLLED_BACK,	/* failed, previous state restored */
	VFPROV_RESULT_DEGRADED,		/* failed and the undo failed too */
	VFPROV_RESULT_UNCHANGED,	/* IF_CHANGED: the PF already matched */

	__VFPROV_RESULT_MAX
};

enum vfprov_event {
	VFPROV_EVENT_UNSPEC,
	VFPROV_EVENT_PF_ADDED,
	VFPROV_EVENT_PF_REMOVED,
	VFPROV_EVENT_COMMITTED,
	VFPROV_EVENT_ROLLED_BACK,
	VFPROV_EVENT_DEGRADED,
	VFPROV_EVENT_PF_DRIVER,		/* PF driver bound/unbound (backend may change) */
	VFPROV_EVENT_REJECTED,		/* apply/reset refused, nothing written */

	__VFPROV_EVENT_MAX
};

#endif /* _UAPI_LINUX_VFPROV_H */
