// SPDX-License-Identifier: GPL-2.0
/*
 * The words of netlink ABI v2's enums (one table per enum; vfctl prints and
 * emits words, never numbers) and where a transaction stands from a pf-get.
 * Pure: no netlink, host unit tested.
 */
#include <string.h>

#include "vfctl.h"
#include "../../kmod/step_names.h"

#define WORD(t, v) word((t), sizeof(t) / sizeof((t)[0]), (v))

static const char *word(const char *const *t, size_t n, uint32_t v)
{
	return v < n && t[v] ? t[v] : "unknown";
}

const char *state_name(uint32_t s)
{
	static const char *const t[] = {
		[VFPROV_STATE_IDLE] = "idle",
		[VFPROV_STATE_APPLYING] = "applying",
		[VFPROV_STATE_DEGRADED] = "degraded",
		[VFPROV_STATE_GONE] = "gone",
	};

	return WORD(t, s);
}

const char *result_name(uint32_t r)
{
	static const char *const t[] = {
		[VFPROV_RESULT_NONE] = "none",
		[VFPROV_RESULT_COMMITTED] = "committed",
		[VFPROV_RESULT_REJECTED] = "rejected",
		[VFPROV_RESULT_ROLLED_BACK] = "rolled-back",
		[VFPROV_RESULT_DEGRADED] = "degraded",
		[VFPROV_RESULT_UNCHANGED] = "unchanged",
	};

	return WORD(t, r);
}

const char *backend_name(uint32_t b)
{
	static const char *const t[] = {
		[VFPROV_BACKEND_NONE] = "none",
		[VFPROV_BACKEND_PCI] = "pci",
		[VFPROV_BACKEND_I915_PRELIM] = "i915-prelim",
		[VFPROV_BACKEND_XE] = "xe",
	};

	return WORD(t, b);
}

/* The module's words of the steps (kmod/step_names.h). */
const char *step_name(uint32_t s)
{
	static const char *const t[] = VFPROV_STEP_WORDS;

	return WORD(t, s);
}

/* The config file keys of the fields, where a key names them. */
const char *field_name(uint32_t f)
{
	static const char *const t[] = {
		[VFPROV_FIELD_NONE] = "",
		[VFPROV_FIELD_NUM_VFS] = "vfs",
		[VFPROV_FIELD_VF_DRIVER] = "driver",
		[VFPROV_FIELD_GGTT] = "ggtt",
		[VFPROV_FIELD_LMEM] = "lmem",
		[VFPROV_FIELD_CONTEXTS] = "contexts",
		[VFPROV_FIELD_DOORBELLS] = "doorbells",
		[VFPROV_FIELD_EXEC_QUANTUM_MS] = "exec_quantum_ms",
		[VFPROV_FIELD_PREEMPT_TIMEOUT_US] = "preempt_timeout_us",
		[VFPROV_FIELD_WEIGHT] = "weight",
		[VFPROV_FIELD_GGTT_SPARE] = "spare.ggtt",
		[VFPROV_FIELD_LMEM_SPARE] = "spare.lmem",
		[VFPROV_FIELD_CONTEXTS_SPARE] = "spare.contexts",
		[VFPROV_FIELD_DOORBELLS_SPARE] = "spare.doorbells",
		[VFPROV_FIELD_SCHED_IF_IDLE] = "sched_if_idle",
		[VFPROV_FIELD_VF_ID] = "vf",
		[VFPROV_FIELD_FLAGS] = "flags",
		[VFPROV_FIELD_EXPECTED_GEN] = "expect-gen",
		[VFPROV_FIELD_THRESHOLD_CAT_ERROR_COUNT] = "threshold.cat_error_count",
		[VFPROV_FIELD_THRESHOLD_ENGINE_RESET_COUNT] = "threshold.engine_reset_count",
		[VFPROV_FIELD_THRESHOLD_PAGE_FAULT_COUNT] = "threshold.page_fault_count",
		[VFPROV_FIELD_THRESHOLD_H2G_TIME_US] = "threshold.h2g_time_us",
		[VFPROV_FIELD_THRESHOLD_IRQ_TIME_US] = "threshold.irq_time_us",
		[VFPROV_FIELD_THRESHOLD_DOORBELL_TIME_US] = "threshold.doorbell_time_us",
		[VFPROV_FIELD_ENGINE_RESET] = "engine_reset",
		[VFPROV_FIELD_SAMPLE_PERIOD_MS] = "sample_period_ms",
		[VFPROV_FIELD_SCHED_PRIORITY] = "sched_priority",
		[VFPROV_FIELD_ACTION] = "action",
	};

	return WORD(t, f);
}

const char *txn_op_name(uint32_t op)
{
	static const char *const t[] = {
		[VFPROV_TXN_OP_APPLY] = "apply",
		[VFPROV_TXN_OP_RESET] = "reset",
		[VFPROV_TXN_OP_VF_ACTION] = "vf-action",
	};

	return WORD(t, op);
}

const char *resource_name(uint32_t r)
{
	static const char *const t[] = {
		[VFPROV_RESOURCE_GGTT] = "ggtt",
		[VFPROV_RESOURCE_LMEM] = "lmem",
		[VFPROV_RESOURCE_CONTEXTS] = "contexts",
		[VFPROV_RESOURCE_DOORBELLS] = "doorbells",
	};

	return WORD(t, r);
}

const char *pf_change_name(uint32_t c)
{
	static const char *const t[] = {
		[VFPROV_PF_CHANGE_ADDED] = "added",
		[VFPROV_PF_CHANGE_REMOVED] = "removed",
		[VFPROV_PF_CHANGE_DRIVER] = "driver",
		[VFPROV_PF_CHANGE_CONFIG] = "config",
	};

	return WORD(t, c);
}

/* v1's event words, kept: a commit still reads "committed". */
const char *event_name(uint32_t e)
{
	static const char *const t[] = {
		[VFCTL_EV_NONE] = "unspec",
		[VFCTL_EV_PF_ADDED] = "pf-added",
		[VFCTL_EV_PF_REMOVED] = "pf-removed",
		[VFCTL_EV_PF_DRIVER] = "pf-driver",
		[VFCTL_EV_PF_CONFIG] = "pf-config",
		[VFCTL_EV_TXN] = "txn",
		[VFCTL_EV_LOST] = "events-lost",
		[VFCTL_EV_VF_ACTION] = "vf-action",
		[VFCTL_EV_VF_ADVERSE] = "vf-adverse",
	};

	return WORD(t, e);
}

const char *event_word(const struct vf_result *ev)
{
	if (ev->event == VFCTL_EV_TXN && ev->have_result)
		return result_name(ev->result);
	return event_name(ev->event);
}

const char *driver_name(uint32_t d)
{
	static const char *const t[] = {
		[VFPROV_VF_DRIVER_NONE] = "none",
		[VFPROV_VF_DRIVER_VFIO_PCI] = "vfio-pci",
		[VFPROV_VF_DRIVER_XE_VFIO_PCI] = "xe-vfio-pci",
	};

	return WORD(t, d);
}

int driver_parse(const char *s, uint32_t *drv)
{
	if (!strcmp(s, "vfio-pci") || !strcmp(s, "vfio"))
		*drv = VFPROV_VF_DRIVER_VFIO_PCI;
	else if (!strcmp(s, "xe-vfio-pci"))
		*drv = VFPROV_VF_DRIVER_XE_VFIO_PCI;
	else if (!strcmp(s, "none") || !strcmp(s, ""))
		*drv = VFPROV_VF_DRIVER_NONE;
	else
		return -1;
	return 0;
}

/*
 * Transaction ids grow in queue order and a PF runs its transactions one
 * after another, so a newer id running or ended on the PF means ours has
 * ended: if its outcome is not in the list, it fell out of it.
 */
enum txn_fate txn_find(const struct pf_state *pf, uint64_t id,
		       const struct vf_result **out)
{
	bool newer = false;
	int i;

	*out = NULL;
	for (i = 0; i < pf->nout && i < VFPROV_OUTCOMES_KEPT; i++) {
		if (pf->out[i].have_txn && pf->out[i].txn_id == id) {
			*out = &pf->out[i];
			return TXN_DONE;
		}
		if (pf->out[i].txn_id > id)
			newer = true;
	}
	if (pf->have_running) {
		if (pf->running.txn_id == id)
			return TXN_RUNNING;
		if (pf->running.txn_id > id)
			newer = true;
	}
	return newer ? TXN_LOST : TXN_QUEUED;
}

const char *txn_fate_name(enum txn_fate f)
{
	static const char *const t[] = {
		[TXN_QUEUED] = "queued",
		[TXN_RUNNING] = "running",
		[TXN_DONE] = "done",
		[TXN_LOST] = "lost",
	};

	return WORD(t, (uint32_t)f);
}

/* ---- issue 21: thresholds, policies, VF actions and health */

const char *adverse_name(uint32_t k)
{
	static const char *const t[] = {
		[VFPROV_ADVERSE_CAT_ERROR] = "cat-error",
		[VFPROV_ADVERSE_ENGINE_RESET] = "engine-reset",
		[VFPROV_ADVERSE_PAGE_FAULT] = "page-fault",
		[VFPROV_ADVERSE_H2G_TIME] = "h2g-time",
		[VFPROV_ADVERSE_IRQ_TIME] = "irq-time",
		[VFPROV_ADVERSE_DOORBELL_TIME] = "doorbell-time",
	};

	return WORD(t, k);
}

/* The i915 threshold file names, which are also vfctl's keys. */
const char *threshold_key(uint32_t k)
{
	static const char *const t[] = {
		[VFPROV_ADVERSE_CAT_ERROR] = "cat_error_count",
		[VFPROV_ADVERSE_ENGINE_RESET] = "engine_reset_count",
		[VFPROV_ADVERSE_PAGE_FAULT] = "page_fault_count",
		[VFPROV_ADVERSE_H2G_TIME] = "h2g_time_us",
		[VFPROV_ADVERSE_IRQ_TIME] = "irq_time_us",
		[VFPROV_ADVERSE_DOORBELL_TIME] = "doorbell_time_us",
	};

	return WORD(t, k);
}

static const char *const prio_names[] = {
	[VFPROV_SCHED_PRIORITY_LOW] = "low",
	[VFPROV_SCHED_PRIORITY_NORMAL] = "normal",
	[VFPROV_SCHED_PRIORITY_HIGH] = "high",
};

const char *sched_prio_name(uint32_t p)
{
	return WORD(prio_names, p);
}

int sched_prio_parse(const char *s, uint32_t *p)
{
	uint32_t i;

	for (i = 0; i < sizeof(prio_names) / sizeof(prio_names[0]); i++)
		if (!strcmp(s, prio_names[i])) {
			*p = i;
			return 0;
		}
	return -1;
}

static const char *const action_names[] = {
	[VFPROV_VF_ACTION_STOP] = "stop",
	[VFPROV_VF_ACTION_PAUSE] = "pause",
	[VFPROV_VF_ACTION_RESUME] = "resume",
	[VFPROV_VF_ACTION_CLEAR] = "clear",
	[VFPROV_VF_ACTION_FLR] = "flr",
};

const char *vf_action_name(uint32_t a)
{
	return WORD(action_names, a);
}

int vf_action_parse(const char *s, uint32_t *a)
{
	uint32_t i;

	for (i = 0; i < sizeof(action_names) / sizeof(action_names[0]); i++)
		if (!strcmp(s, action_names[i])) {
			*a = i;
			return 0;
		}
	return -1;
}

const char *vf_action_done(uint32_t a)
{
	static const char *const t[] = {
		[VFPROV_VF_ACTION_STOP] = "stopped",
		[VFPROV_VF_ACTION_PAUSE] = "paused",
		[VFPROV_VF_ACTION_RESUME] = "resumed",
		[VFPROV_VF_ACTION_CLEAR] = "cleared",
		[VFPROV_VF_ACTION_FLR] = "reset (FLR)",
	};

	return WORD(t, a);
}

const char *vf_run_state_name(uint32_t s)
{
	static const char *const t[] = {
		[VFPROV_VF_RUN_STATE_UNKNOWN] = "unknown",
		[VFPROV_VF_RUN_STATE_RUNNING] = "running",
		[VFPROV_VF_RUN_STATE_PAUSED] = "paused",
		[VFPROV_VF_RUN_STATE_STOPPED] = "stopped",
	};

	return WORD(t, s);
}

const char *cap_name(uint32_t bit)
{
	switch (bit) {
	case VFPROV_CAPS_THRESHOLDS:
		return "thresholds";
	case VFPROV_CAPS_POLICIES:
		return "policies";
	case VFPROV_CAPS_SCHED_PRIORITY:
		return "sched-priority";
	case VFPROV_CAPS_VF_CONTROL:
		return "vf-control";
	case VFPROV_CAPS_VF_FLR:
		return "vf-flr";
	case VFPROV_CAPS_TELEMETRY:
		return "telemetry";
	case VFPROV_CAPS_ADVERSE_EVENTS:
		return "adverse-events";
	case VFPROV_CAPS_PER_GT:
		return "per-gt";
	default:
		return "unknown";
	}
}
