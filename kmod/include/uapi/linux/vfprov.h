/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vfprov.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VFPROV_H
#define _UAPI_LINUX_VFPROV_H

#define VFPROV_GENL_NAME	"vfprov"
#define VFPROV_GENL_VERSION	2

#define VFPROV_MAX_VFS		63
#define VFPROV_MAX_GT		1
#define VFPROV_OUTCOMES_KEPT	4

/**
 * enum vfprov_backend - How vfprov drives the PF.
 * @VFPROV_BACKEND_NONE: No backend can drive this PF (query only).
 * @VFPROV_BACKEND_PCI: Any PF whose driver has sriov_configure: VF count and
 *   VF driver only. Mutations need the PF in the pci_allow module parameter.
 * @VFPROV_BACKEND_I915_PRELIM: i915 with the prelim_iov sysfs tree (i915
 *   backports).
 * @VFPROV_BACKEND_XE: Upstream xe with sriov_admin (Linux 6.19 or later):
 *   scheduling through sysfs, resources through debugfs (sysfs-only when
 *   debugfs is locked down or absent).
 */
enum vfprov_backend {
	VFPROV_BACKEND_NONE,
	VFPROV_BACKEND_PCI,
	VFPROV_BACKEND_I915_PRELIM,
	VFPROV_BACKEND_XE,
};

/**
 * enum vfprov_state - What the PF is doing.
 * @VFPROV_STATE_IDLE: No transaction is running or queued.
 * @VFPROV_STATE_APPLYING: A transaction holds the PF or is queued on it (also
 *   between two queued transactions).
 * @VFPROV_STATE_DEGRADED: An undo failed, the PF's state is unknown; only
 *   force applies.
 * @VFPROV_STATE_GONE: The PF was removed.
 */
enum vfprov_state {
	VFPROV_STATE_IDLE,
	VFPROV_STATE_APPLYING,
	VFPROV_STATE_DEGRADED,
	VFPROV_STATE_GONE,
};

/**
 * enum vfprov_result - How a transaction (or a plan) ended.
 * @VFPROV_RESULT_NONE: Nothing has been applied yet.
 * @VFPROV_RESULT_REJECTED: Validation failed, nothing was written.
 * @VFPROV_RESULT_ROLLED_BACK: A step failed, the previous state was restored.
 * @VFPROV_RESULT_DEGRADED: A step failed and the undo failed too.
 * @VFPROV_RESULT_UNCHANGED: if-changed was set and the PF already matched.
 */
enum vfprov_result {
	VFPROV_RESULT_NONE,
	VFPROV_RESULT_COMMITTED,
	VFPROV_RESULT_REJECTED,
	VFPROV_RESULT_ROLLED_BACK,
	VFPROV_RESULT_DEGRADED,
	VFPROV_RESULT_UNCHANGED,
};

/**
 * enum vfprov_txn_op - What a transaction does.
 */
enum vfprov_txn_op {
	VFPROV_TXN_OP_APPLY,
	VFPROV_TXN_OP_RESET,
	VFPROV_TXN_OP_VF_ACTION,
};

/**
 * enum vfprov_step - The step of a transaction, in apply order.
 * @VFPROV_STEP_THRESHOLDS: Per-VF adverse-event thresholds; applied after
 *   sched (the step values are stable, their order of application is in
 *   docs/core.md).
 * @VFPROV_STEP_POLICIES: PF policies (engine-reset, sample-period-ms), after
 *   sched.
 * @VFPROV_STEP_ACTION: A vf-action transaction's one step.
 */
enum vfprov_step {
	VFPROV_STEP_NONE,
	VFPROV_STEP_VALIDATE,
	VFPROV_STEP_AUTOPROBE,
	VFPROV_STEP_UNBIND,
	VFPROV_STEP_DISABLE,
	VFPROV_STEP_AUTO_PROV_OFF,
	VFPROV_STEP_RELEASE,
	VFPROV_STEP_SPARES,
	VFPROV_STEP_QUOTAS,
	VFPROV_STEP_SCHED,
	VFPROV_STEP_AUTO_PROV_ON,
	VFPROV_STEP_ENABLE,
	VFPROV_STEP_BIND,
	VFPROV_STEP_VERIFY,
	VFPROV_STEP_UNDO,
	VFPROV_STEP_THRESHOLDS,
	VFPROV_STEP_POLICIES,
	VFPROV_STEP_ACTION,
};

/**
 * enum vfprov_field - A field of the configuration model, as the core names
 *   it; an outcome says which one was at fault.
 */
enum vfprov_field {
	VFPROV_FIELD_NONE,
	VFPROV_FIELD_NUM_VFS,
	VFPROV_FIELD_VF_DRIVER,
	VFPROV_FIELD_GGTT,
	VFPROV_FIELD_LMEM,
	VFPROV_FIELD_CONTEXTS,
	VFPROV_FIELD_DOORBELLS,
	VFPROV_FIELD_EXEC_QUANTUM_MS,
	VFPROV_FIELD_PREEMPT_TIMEOUT_US,
	VFPROV_FIELD_WEIGHT,
	VFPROV_FIELD_GGTT_SPARE,
	VFPROV_FIELD_LMEM_SPARE,
	VFPROV_FIELD_CONTEXTS_SPARE,
	VFPROV_FIELD_DOORBELLS_SPARE,
	VFPROV_FIELD_SCHED_IF_IDLE,
	VFPROV_FIELD_VF_ID,
	VFPROV_FIELD_FLAGS,
	VFPROV_FIELD_EXPECTED_GEN,
	VFPROV_FIELD_THRESHOLD_CAT_ERROR_COUNT,
	VFPROV_FIELD_THRESHOLD_ENGINE_RESET_COUNT,
	VFPROV_FIELD_THRESHOLD_PAGE_FAULT_COUNT,
	VFPROV_FIELD_THRESHOLD_H2G_TIME_US,
	VFPROV_FIELD_THRESHOLD_IRQ_TIME_US,
	VFPROV_FIELD_THRESHOLD_DOORBELL_TIME_US,
	VFPROV_FIELD_ENGINE_RESET,
	VFPROV_FIELD_SAMPLE_PERIOD_MS,
	VFPROV_FIELD_SCHED_PRIORITY,
	VFPROV_FIELD_ACTION,
};

/**
 * enum vfprov_resource - Resources a VF holds a quota of, in the order quotas
 *   are applied.
 */
enum vfprov_resource {
	VFPROV_RESOURCE_GGTT,
	VFPROV_RESOURCE_LMEM,
	VFPROV_RESOURCE_CONTEXTS,
	VFPROV_RESOURCE_DOORBELLS,
};

/**
 * enum vfprov_vf_driver - The driver VFs are bound to after an apply.
 * @VFPROV_VF_DRIVER_NONE: Leave VFs unbound.
 * @VFPROV_VF_DRIVER_XE_VFIO_PCI: xe's VFIO variant driver with VF migration
 *   (Linux 6.19+, VFs of Battlemage, Panther Lake and Wildcat Lake; xe PFs
 *   only).
 */
enum vfprov_vf_driver {
	VFPROV_VF_DRIVER_NONE,
	VFPROV_VF_DRIVER_VFIO_PCI,
	VFPROV_VF_DRIVER_XE_VFIO_PCI,
};

/**
 * enum vfprov_adverse - Kinds of adverse events the GuC counts against a VF's
 *   thresholds, in the order of the threshold attributes.
 */
enum vfprov_adverse {
	VFPROV_ADVERSE_CAT_ERROR,
	VFPROV_ADVERSE_ENGINE_RESET,
	VFPROV_ADVERSE_PAGE_FAULT,
	VFPROV_ADVERSE_H2G_TIME,
	VFPROV_ADVERSE_IRQ_TIME,
	VFPROV_ADVERSE_DOORBELL_TIME,
};

/**
 * enum vfprov_sched_priority - Scheduling priority of a PF (i915 25.1) or a VF
 *   (xe).
 */
enum vfprov_sched_priority {
	VFPROV_SCHED_PRIORITY_LOW,
	VFPROV_SCHED_PRIORITY_NORMAL,
	VFPROV_SCHED_PRIORITY_HIGH,
};

/**
 * enum vfprov_vf_action - What a vf-action does to one VF (docs/core.md, "VF
 *   actions").
 * @VFPROV_VF_ACTION_STOP: The GuC stops the VF's work for good (until an FLR).
 * @VFPROV_VF_ACTION_PAUSE: The GuC suspends the VF's scheduling.
 * @VFPROV_VF_ACTION_RESUME: Undoes pause.
 * @VFPROV_VF_ACTION_CLEAR: i915's "clear" control command.
 * @VFPROV_VF_ACTION_FLR: A function-level reset of the VF through the PCI
 *   core.
 */
enum vfprov_vf_action {
	VFPROV_VF_ACTION_STOP,
	VFPROV_VF_ACTION_PAUSE,
	VFPROV_VF_ACTION_RESUME,
	VFPROV_VF_ACTION_CLEAR,
	VFPROV_VF_ACTION_FLR,
};

/**
 * enum vfprov_vf_run_state - What vfprov knows of a VF's run state: the
 *   driver's control file cannot be read, so it is what the last action left
 *   (any FLR, disable or re-enable makes it running again).
 */
enum vfprov_vf_run_state {
	VFPROV_VF_RUN_STATE_UNKNOWN,
	VFPROV_VF_RUN_STATE_RUNNING,
	VFPROV_VF_RUN_STATE_PAUSED,
	VFPROV_VF_RUN_STATE_STOPPED,
};

/**
 * enum vfprov_vf_change - Why a vf-ntf was sent.
 * @VFPROV_VF_CHANGE_ACTION: A vf-action changed the VF's state.
 * @VFPROV_VF_CHANGE_ADVERSE: Adverse-event counters of the VF grew; the
 *   adverse nests give the kinds that grew with their new totals.
 */
enum vfprov_vf_change {
	VFPROV_VF_CHANGE_ACTION,
	VFPROV_VF_CHANGE_ADVERSE,
};

/**
 * enum vfprov_caps - What the PF's backend and driver version can do.
 * @VFPROV_CAPS_PER_GT: A VF's contexts, doorbells and scheduling can differ
 *   per GT (xe with debugfs on a PF with two GTs).
 */
enum vfprov_caps {
	VFPROV_CAPS_THRESHOLDS = 1,
	VFPROV_CAPS_POLICIES = 2,
	VFPROV_CAPS_SCHED_PRIORITY = 4,
	VFPROV_CAPS_VF_CONTROL = 8,
	VFPROV_CAPS_VF_FLR = 16,
	VFPROV_CAPS_TELEMETRY = 32,
	VFPROV_CAPS_ADVERSE_EVENTS = 64,
	VFPROV_CAPS_PER_GT = 128,
};

/**
 * enum vfprov_pf_change - Why a pf-ntf was sent.
 * @VFPROV_PF_CHANGE_REMOVED: The PF is gone; only addr and state are present.
 * @VFPROV_PF_CHANGE_DRIVER: Its driver bound or unbound (the backend may
 *   change).
 * @VFPROV_PF_CHANGE_CONFIG: A transaction changed it (or tried to).
 */
enum vfprov_pf_change {
	VFPROV_PF_CHANGE_ADDED,
	VFPROV_PF_CHANGE_REMOVED,
	VFPROV_PF_CHANGE_DRIVER,
	VFPROV_PF_CHANGE_CONFIG,
};

/**
 * enum vfprov_flags - Flags of a plan, apply or reset.
 * @VFPROV_FLAGS_FORCE: Reconfigure VFs a guest holds, or apply on a degraded
 *   PF.
 * @VFPROV_FLAGS_IF_CHANGED: Apply only if the plan differs from the live
 *   state; otherwise write nothing and end unchanged (no generation bump).
 * @VFPROV_FLAGS_REBALANCE: Share every quota the request leaves unset afresh.
 *   Without it, when the VF count stays, such quotas keep their live values.
 */
enum vfprov_flags {
	VFPROV_FLAGS_FORCE = 1,
	VFPROV_FLAGS_IF_CHANGED = 2,
	VFPROV_FLAGS_REBALANCE = 4,
};

/**
 * enum vfprov_disrupt - What an apply does to a VF that exists now.
 * @VFPROV_DISRUPT_DISABLE: The VF is disabled (and re-created).
 * @VFPROV_DISRUPT_REBIND: Its driver changes.
 */
enum vfprov_disrupt {
	VFPROV_DISRUPT_DISABLE = 1,
	VFPROV_DISRUPT_REBIND = 2,
};

enum {
	VFPROV_A_RESOURCE_PAD = 1,
	VFPROV_A_RESOURCE_TYPE,
	VFPROV_A_RESOURCE_FREE,
	VFPROV_A_RESOURCE_MAX_QUOTA,
	VFPROV_A_RESOURCE_GRANULE,
	VFPROV_A_RESOURCE_SPARE,
	VFPROV_A_RESOURCE_SPARE_MIN,
	VFPROV_A_RESOURCE_VF_MAX,

	__VFPROV_A_RESOURCE_MAX,
	VFPROV_A_RESOURCE_MAX = (__VFPROV_A_RESOURCE_MAX - 1)
};

enum {
	VFPROV_A_VF_CONFIG_PAD = 1,
	VFPROV_A_VF_CONFIG_ID,
	VFPROV_A_VF_CONFIG_GGTT,
	VFPROV_A_VF_CONFIG_LMEM,
	VFPROV_A_VF_CONFIG_CONTEXTS,
	VFPROV_A_VF_CONFIG_DOORBELLS,
	VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS,
	VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US,
	VFPROV_A_VF_CONFIG_WEIGHT,
	VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT,
	VFPROV_A_VF_CONFIG_THRESHOLD_ENGINE_RESET_COUNT,
	VFPROV_A_VF_CONFIG_THRESHOLD_PAGE_FAULT_COUNT,
	VFPROV_A_VF_CONFIG_THRESHOLD_H2G_TIME_US,
	VFPROV_A_VF_CONFIG_THRESHOLD_IRQ_TIME_US,
	VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US,
	VFPROV_A_VF_CONFIG_GT,

	__VFPROV_A_VF_CONFIG_MAX,
	VFPROV_A_VF_CONFIG_MAX = (__VFPROV_A_VF_CONFIG_MAX - 1)
};

enum {
	VFPROV_A_VF_GT_CONFIG_PAD = 1,
	VFPROV_A_VF_GT_CONFIG_ID,
	VFPROV_A_VF_GT_CONFIG_CONTEXTS,
	VFPROV_A_VF_GT_CONFIG_DOORBELLS,
	VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS,
	VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US,

	__VFPROV_A_VF_GT_CONFIG_MAX,
	VFPROV_A_VF_GT_CONFIG_MAX = (__VFPROV_A_VF_GT_CONFIG_MAX - 1)
};

enum {
	VFPROV_A_CONFIG_PAD = 1,
	VFPROV_A_CONFIG_NUM_VFS,
	VFPROV_A_CONFIG_VF_DRIVER,
	VFPROV_A_CONFIG_GGTT_SPARE,
	VFPROV_A_CONFIG_LMEM_SPARE,
	VFPROV_A_CONFIG_CONTEXTS_SPARE,
	VFPROV_A_CONFIG_DOORBELLS_SPARE,
	VFPROV_A_CONFIG_EXEC_QUANTUM_MS,
	VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US,
	VFPROV_A_CONFIG_SCHED_IF_IDLE,
	VFPROV_A_CONFIG_VF,
	VFPROV_A_CONFIG_ENGINE_RESET,
	VFPROV_A_CONFIG_SAMPLE_PERIOD_MS,
	VFPROV_A_CONFIG_SCHED_PRIORITY,

	__VFPROV_A_CONFIG_MAX,
	VFPROV_A_CONFIG_MAX = (__VFPROV_A_CONFIG_MAX - 1)
};

enum {
	VFPROV_A_DISRUPTED_VF_ID = 1,
	VFPROV_A_DISRUPTED_VF_WHAT,

	__VFPROV_A_DISRUPTED_VF_MAX,
	VFPROV_A_DISRUPTED_VF_MAX = (__VFPROV_A_DISRUPTED_VF_MAX - 1)
};

enum {
	VFPROV_A_OUTCOME_PAD = 1,
	VFPROV_A_OUTCOME_TXN_ID,
	VFPROV_A_OUTCOME_OP,
	VFPROV_A_OUTCOME_RESULT,
	VFPROV_A_OUTCOME_ERRNO,
	VFPROV_A_OUTCOME_MESSAGE,
	VFPROV_A_OUTCOME_STEP,
	VFPROV_A_OUTCOME_VF,
	VFPROV_A_OUTCOME_FIELD,
	VFPROV_A_OUTCOME_GENERATION,
	VFPROV_A_OUTCOME_DISRUPTED,

	__VFPROV_A_OUTCOME_MAX,
	VFPROV_A_OUTCOME_MAX = (__VFPROV_A_OUTCOME_MAX - 1)
};

enum {
	VFPROV_A_ADVERSE_COUNT_PAD = 1,
	VFPROV_A_ADVERSE_COUNT_TYPE,
	VFPROV_A_ADVERSE_COUNT_COUNT,

	__VFPROV_A_ADVERSE_COUNT_MAX,
	VFPROV_A_ADVERSE_COUNT_MAX = (__VFPROV_A_ADVERSE_COUNT_MAX - 1)
};

enum {
	VFPROV_A_TXN_STATUS_PAD = 1,
	VFPROV_A_TXN_STATUS_TXN_ID,
	VFPROV_A_TXN_STATUS_OP,
	VFPROV_A_TXN_STATUS_STEP,
	VFPROV_A_TXN_STATUS_VF,

	__VFPROV_A_TXN_STATUS_MAX,
	VFPROV_A_TXN_STATUS_MAX = (__VFPROV_A_TXN_STATUS_MAX - 1)
};

enum {
	VFPROV_A_REQUESTER_PID = 1,
	VFPROV_A_REQUESTER_UID,
	VFPROV_A_REQUESTER_COMM,

	__VFPROV_A_REQUESTER_MAX,
	VFPROV_A_REQUESTER_MAX = (__VFPROV_A_REQUESTER_MAX - 1)
};

enum {
	VFPROV_A_PF_PAD = 1,
	VFPROV_A_PF_ADDR,
	VFPROV_A_PF_BACKEND,
	VFPROV_A_PF_DRIVER,
	VFPROV_A_PF_TOTAL_VFS,
	VFPROV_A_PF_NUM_VFS,
	VFPROV_A_PF_GENERATION,
	VFPROV_A_PF_STATE,
	VFPROV_A_PF_RESOURCE,
	VFPROV_A_PF_CONFIG,
	VFPROV_A_PF_RUNNING,
	VFPROV_A_PF_OUTCOME,
	VFPROV_A_PF_CHANGE,
	VFPROV_A_PF_CAPS,
	VFPROV_A_PF_GTS,

	__VFPROV_A_PF_MAX,
	VFPROV_A_PF_MAX = (__VFPROV_A_PF_MAX - 1)
};

enum {
	VFPROV_A_VF_PAD = 1,
	VFPROV_A_VF_PF_ADDR,
	VFPROV_A_VF_ID,
	VFPROV_A_VF_ENABLED,
	VFPROV_A_VF_PCI_ADDR,
	VFPROV_A_VF_DRIVER,
	VFPROV_A_VF_IOMMU_GROUP,
	VFPROV_A_VF_IN_USE,
	VFPROV_A_VF_CONFIG,
	VFPROV_A_VF_STATE,
	VFPROV_A_VF_LMEM_ALLOC,
	VFPROV_A_VF_ADVERSE,
	VFPROV_A_VF_CHANGE,
	VFPROV_A_VF_ACTION,

	__VFPROV_A_VF_MAX,
	VFPROV_A_VF_MAX = (__VFPROV_A_VF_MAX - 1)
};

enum {
	VFPROV_A_TXN_PAD = 1,
	VFPROV_A_TXN_PF_ADDR,
	VFPROV_A_TXN_CONFIG,
	VFPROV_A_TXN_FLAGS,
	VFPROV_A_TXN_EXPECTED_GEN,
	VFPROV_A_TXN_TXN_ID,
	VFPROV_A_TXN_OUTCOME,
	VFPROV_A_TXN_PLAN,
	VFPROV_A_TXN_REQUESTER,
	VFPROV_A_TXN_VF_ID,
	VFPROV_A_TXN_ACTION,

	__VFPROV_A_TXN_MAX,
	VFPROV_A_TXN_MAX = (__VFPROV_A_TXN_MAX - 1)
};

enum {
	VFPROV_CMD_UNSPEC,
	VFPROV_CMD_PF_GET,
	VFPROV_CMD_VF_GET,
	VFPROV_CMD_PLAN,
	VFPROV_CMD_APPLY,
	VFPROV_CMD_RESET,
	VFPROV_CMD_VF_ACTION,
	VFPROV_CMD_PF_NTF,
	VFPROV_CMD_TXN_NTF,
	VFPROV_CMD_VF_NTF,

	__VFPROV_CMD_MAX,
	VFPROV_CMD_MAX = (__VFPROV_CMD_MAX - 1)
};

#define VFPROV_MCGRP_EVENTS	"events"
#define VFPROV_MCGRP_AUDIT	"audit"

#endif /* _UAPI_LINUX_VFPROV_H */
