// SPDX-License-Identifier: GPL-2.0
/*
 * The field table (see fields.h) and the names of the apply steps.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "fields.h"
#include "step_names.h"

#define PF	VFPROV_SCOPE_PF
#define VF	VFPROV_SCOPE_VF
#define REQ	VFPROV_SCOPE_REQ

#define VFPROV_FIELD(_id, _name, _scope, _set, _cfs, _file, _alt)	\
	[VFPROV_FIELD_##_id] = {					\
		.name = _name, .scope = _scope, .set = _set,		\
		.cfs = _cfs, .file = _file, .file_alt = _alt,		\
		.emsg = "apply failed at " _name "; previous state restored", \
	}

/*
 * A VF threshold: configfs threshold_<name>, i915 vfK/gt/threshold/<name>,
 * xe sriov/vfK/tile0/gtN/threshold_<name>
 */
/* _xe: xe's name of it (its debugfs threshold_<_xe>), which may differ */
#define VFPROV_THRESHOLD(_id, _name, _xe, _k)				\
	VFPROV_FIELD(THRESHOLD_##_id, "threshold_" #_name, VF,		\
		     VFPROV_SET_THRESHOLD(_k), "threshold_" #_name,	\
		     "threshold/" #_name, "threshold_" #_xe)

const struct vfprov_field_info vfprov_fields[VFPROV_FIELD_COUNT] = {
	[VFPROV_FIELD_NONE] = { .name = "", .emsg = "vfprov request failed" },
	VFPROV_FIELD(NUM_VFS, "num_vfs", PF, VFPROV_SET_NUM_VFS, "num_vfs",
		     "sriov_numvfs", NULL),
	VFPROV_FIELD(VF_DRIVER, "vf_driver", PF, VFPROV_SET_VF_DRIVER,
		     "vf_driver", "vf_driver", "driver"),
	VFPROV_FIELD(GGTT, "ggtt", VF, VFPROV_SET_QUOTA(VFPROV_RES_GGTT),
		     "ggtt_quota", "ggtt_quota", NULL),
	VFPROV_FIELD(LMEM, "lmem", VF, VFPROV_SET_QUOTA(VFPROV_RES_LMEM),
		     "lmem_quota", "lmem_quota", "vram_quota"),
	VFPROV_FIELD(CONTEXTS, "contexts", VF,
		     VFPROV_SET_QUOTA(VFPROV_RES_CONTEXTS), "contexts_quota",
		     "contexts_quota", NULL),
	VFPROV_FIELD(DOORBELLS, "doorbells", VF,
		     VFPROV_SET_QUOTA(VFPROV_RES_DOORBELLS), "doorbells_quota",
		     "doorbells_quota", NULL),
	VFPROV_FIELD(EXEC_QUANTUM_MS, "exec_quantum_ms", PF | VF,
		     VFPROV_SET_EXEC_QUANTUM, "exec_quantum_ms",
		     "exec_quantum_ms", NULL),
	VFPROV_FIELD(PREEMPT_TIMEOUT_US, "preempt_timeout_us", PF | VF,
		     VFPROV_SET_PREEMPT_TIMEOUT, "preempt_timeout_us",
		     "preempt_timeout_us", NULL),
	VFPROV_FIELD(WEIGHT, "weight", VF, VFPROV_SET_WEIGHT, "weight",
		     NULL, NULL),
	VFPROV_FIELD(GGTT_SPARE, "ggtt_spare", PF,
		     VFPROV_SET_SPARE(VFPROV_RES_GGTT), "ggtt_spare",
		     "ggtt_spare", NULL),
	VFPROV_FIELD(LMEM_SPARE, "lmem_spare", PF,
		     VFPROV_SET_SPARE(VFPROV_RES_LMEM), "lmem_spare",
		     "lmem_spare", "vram_spare"),
	VFPROV_FIELD(CONTEXTS_SPARE, "contexts_spare", PF,
		     VFPROV_SET_SPARE(VFPROV_RES_CONTEXTS), "contexts_spare",
		     "contexts_spare", NULL),
	VFPROV_FIELD(DOORBELLS_SPARE, "doorbells_spare", PF,
		     VFPROV_SET_SPARE(VFPROV_RES_DOORBELLS), "doorbells_spare",
		     "doorbells_spare", NULL),
	VFPROV_FIELD(SCHED_IF_IDLE, "sched_if_idle", PF,
		     VFPROV_SET_SCHED_IF_IDLE, "sched_if_idle",
		     "policies/sched_if_idle", "sched_if_idle"),
	VFPROV_FIELD(VF_ID, "vf", VF, 0, NULL, NULL, NULL),
	VFPROV_FIELD(FLAGS, "flags", REQ, 0, "force", NULL, NULL),
	VFPROV_FIELD(EXPECTED_GEN, "expected_generation", REQ, 0,
		     "expected_generation", NULL, NULL),
	VFPROV_THRESHOLD(CAT_ERROR_COUNT, cat_error_count, cat_error_count,
			 VFPROV_ADVERSE_CAT_ERROR),
	VFPROV_THRESHOLD(ENGINE_RESET_COUNT, engine_reset_count,
			 engine_reset_count, VFPROV_ADVERSE_ENGINE_RESET),
	VFPROV_THRESHOLD(PAGE_FAULT_COUNT, page_fault_count, page_fault_count,
			 VFPROV_ADVERSE_PAGE_FAULT),
	/* i915's h2g_time_us is xe's guc_time_us (the H2G_STORM KLV) */
	VFPROV_THRESHOLD(H2G_TIME_US, h2g_time_us, guc_time_us,
			 VFPROV_ADVERSE_H2G_TIME),
	VFPROV_THRESHOLD(IRQ_TIME_US, irq_time_us, irq_time_us,
			 VFPROV_ADVERSE_IRQ_TIME),
	VFPROV_THRESHOLD(DOORBELL_TIME_US, doorbell_time_us, doorbell_time_us,
			 VFPROV_ADVERSE_DOORBELL_TIME),
	VFPROV_FIELD(ENGINE_RESET, "engine_reset", PF, VFPROV_SET_ENGINE_RESET,
		     "engine_reset", "policies/engine_reset", "reset_engine"),
	VFPROV_FIELD(SAMPLE_PERIOD_MS, "sample_period_ms", PF,
		     VFPROV_SET_SAMPLE_PERIOD, "sample_period_ms",
		     "policies/sample_period_ms", "sample_period_ms"),
	VFPROV_FIELD(SCHED_PRIORITY, "sched_priority", PF,
		     VFPROV_SET_SCHED_PRIORITY, "sched_priority",
		     "sched_priority", NULL),
	/* vf-action's, not a config field (kact) */
	VFPROV_FIELD(ACTION, "action", REQ, 0, NULL, NULL, NULL),
};

const char *const vfprov_threshold_names[VFPROV_THR_COUNT] = {
	"cat_error_count", "engine_reset_count", "page_fault_count",
	"h2g_time_us", "irq_time_us", "doorbell_time_us",
};

/* Also the words of outcome messages and configfs' last_error. */
const char *const vfprov_step_names[VFPROV_STEP_COUNT] = VFPROV_STEP_WORDS;

const struct vfprov_field_info *vfprov_field(u32 field)
{
	return &vfprov_fields[field < VFPROV_FIELD_COUNT ? field : 0];
}

const char *vfprov_step_name(u32 step)
{
	return step < VFPROV_STEP_COUNT ? vfprov_step_names[step] : "";
}

enum vfprov_field vfprov_field_of_set(u32 set, u8 scope)
{
	enum vfprov_field f, best = VFPROV_FIELD_NONE;
	u32 bit = 0;

	for (f = VFPROV_FIELD_NONE + 1; f < VFPROV_FIELD_COUNT; f++) {
		const struct vfprov_field_info *fi = &vfprov_fields[f];

		if (!(fi->scope & scope) || !(fi->set & set))
			continue;
		if (!bit || fi->set < bit) {
			bit = fi->set;
			best = f;
		}
	}
	return best;
}

enum vfprov_field vfprov_field_of_file(const char *file)
{
	enum vfprov_field f;

	for (f = VFPROV_FIELD_NONE + 1; f < VFPROV_FIELD_COUNT; f++) {
		const struct vfprov_field_info *fi = &vfprov_fields[f];

		if ((fi->file && !strcmp(fi->file, file)) ||
		    (fi->file_alt && !strcmp(fi->file_alt, file)))
			return f;
	}
	return VFPROV_FIELD_NONE;
}

enum vfprov_field vfprov_field_quota(int res)
{
	static const u8 f[VFPROV_RES_COUNT] = {
		VFPROV_FIELD_GGTT, VFPROV_FIELD_LMEM,
		VFPROV_FIELD_CONTEXTS, VFPROV_FIELD_DOORBELLS,
	};

	return res >= 0 && res < VFPROV_RES_COUNT ? f[res] : VFPROV_FIELD_NONE;
}

enum vfprov_field vfprov_field_spare(int res)
{
	static const u8 f[VFPROV_RES_COUNT] = {
		VFPROV_FIELD_GGTT_SPARE, VFPROV_FIELD_LMEM_SPARE,
		VFPROV_FIELD_CONTEXTS_SPARE, VFPROV_FIELD_DOORBELLS_SPARE,
	};

	return res >= 0 && res < VFPROV_RES_COUNT ? f[res] : VFPROV_FIELD_NONE;
}

enum vfprov_field vfprov_field_threshold(int k)
{
	return k >= 0 && k < VFPROV_THR_COUNT ?
	       VFPROV_FIELD_THRESHOLD_CAT_ERROR_COUNT + k : VFPROV_FIELD_NONE;
}
