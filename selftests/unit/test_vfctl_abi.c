// SPDX-License-Identifier: GPL-2.0
/*
 * ABI v2's enums as words (one table each, every value named, unknown
 * values "unknown") and where a transaction stands from a pf-get's
 * running nest and outcome list (txn_find).
 */
#include <string.h>

#include "vfctl.h"
#include "vfctl_tap.h"

/* every value 0..@last has a word, distinct from the others; @last+1 none */
static void table(const char *what, const char *(*fn)(uint32_t),
		  uint32_t last, bool none_empty)
{
	uint32_t i, j;
	bool all = true, distinct = true;

	for (i = 0; i <= last; i++) {
		const char *w = fn(i);

		if (!w || !strcmp(w, "unknown") ||
		    (!*w && !(none_empty && i == 0)))
			all = false;
		for (j = 0; j < i; j++)
			if (!strcmp(w, fn(j)))
				distinct = false;
	}
	ok(all, "%s: every value 0..%u has a word", what, last);
	ok(distinct, "%s: the words are distinct", what);
	is_str(fn(last + 1), "unknown", "%s: %u (a newer kernel's) is unknown",
	       what, last + 1);
	is_str(fn(UINT32_MAX), "unknown", "%s: UINT32_MAX is unknown", what);
}

static void words(void)
{
	struct vf_result ev = { 0 };

	table("state", state_name, VFPROV_STATE_GONE, false);
	table("result", result_name, VFPROV_RESULT_UNCHANGED, false);
	table("backend", backend_name, VFPROV_BACKEND_XE, false);
	table("step", step_name, VFPROV_STEP_ACTION, true);
	table("field", field_name, VFPROV_FIELD_ACTION, true);
	table("txn-op", txn_op_name, VFPROV_TXN_OP_VF_ACTION, false);
	table("resource", resource_name, VFPROV_RESOURCE_DOORBELLS, false);
	table("pf-change", pf_change_name, VFPROV_PF_CHANGE_CONFIG, false);
	table("vf-driver", driver_name, VFPROV_VF_DRIVER_XE_VFIO_PCI, false);
	table("event", event_name, VFCTL_EV_VF_ADVERSE, false);
	/* issue 21 */
	table("adverse", adverse_name, VFPROV_ADVERSE_DOORBELL_TIME, false);
	table("threshold", threshold_key, VFPROV_ADVERSE_DOORBELL_TIME, false);
	table("sched-priority", sched_prio_name, VFPROV_SCHED_PRIORITY_HIGH, false);
	table("vf-action", vf_action_name, VFPROV_VF_ACTION_FLR, false);
	table("vf-action done", vf_action_done, VFPROV_VF_ACTION_FLR, false);
	/* run state 0 is the spec's "unknown" itself */
	is_str(vf_run_state_name(VFPROV_VF_RUN_STATE_RUNNING), "running", "run state running");
	is_str(vf_run_state_name(VFPROV_VF_RUN_STATE_PAUSED), "paused", "run state paused");
	is_str(vf_run_state_name(VFPROV_VF_RUN_STATE_STOPPED), "stopped", "run state stopped");
	is_str(vf_run_state_name(VFPROV_VF_RUN_STATE_STOPPED + 1), "unknown", "run state: a newer one is unknown");
	is_str(cap_name(VFPROV_CAPS_VF_FLR), "vf-flr", "cap vf-flr");
	is_str(cap_name(VFPROV_CAPS_PER_GT), "per-gt", "cap per-gt");
	is_str(cap_name(VFPROV_CAPS_PER_GT << 1), "unknown", "cap: a newer bit is unknown");

	/* the words v1 printed and --json emitted stay the same */
	is_str(state_name(VFPROV_STATE_APPLYING), "applying", "state applying");
	is_str(result_name(VFPROV_RESULT_ROLLED_BACK), "rolled-back", "result rolled-back");
	is_str(backend_name(VFPROV_BACKEND_I915_PRELIM), "i915-prelim", "backend i915-prelim");
	is_str(backend_name(VFPROV_BACKEND_PCI), "pci", "backend pci");
	is_str(backend_name(VFPROV_BACKEND_XE), "xe", "backend xe");
	is_str(step_name(VFPROV_STEP_NONE), "", "step none: no word");
	is_str(step_name(VFPROV_STEP_SCHED), "scheduling", "step sched: v1's 'scheduling'");
	is_str(step_name(VFPROV_STEP_AUTO_PROV_OFF), "auto_provisioning_off",
	       "step auto-prov-off: v1's word");
	is_str(step_name(VFPROV_STEP_ENABLE), "enable", "step enable");
	is_str(field_name(VFPROV_FIELD_LMEM_SPARE), "spare.lmem", "field: the config key");
	is_str(resource_name(VFPROV_RESOURCE_LMEM), "lmem", "resource lmem");
	is_str(driver_name(VFPROV_VF_DRIVER_VFIO_PCI), "vfio-pci", "driver vfio-pci");
	is_str(driver_name(VFPROV_VF_DRIVER_XE_VFIO_PCI), "xe-vfio-pci",
	       "driver xe-vfio-pci: the kernel's driver name");

	ev.event = VFCTL_EV_TXN;
	ev.have_result = true;
	ev.result = VFPROV_RESULT_COMMITTED;
	is_str(event_word(&ev), "committed", "a txn-ntf reads as its result");
	ev.result = VFPROV_RESULT_DEGRADED;
	is_str(event_word(&ev), "degraded", "a degraded txn-ntf");
	ev.event = VFCTL_EV_PF_ADDED;
	is_str(event_word(&ev), "pf-added", "a pf-ntf added");
	ev.event = VFCTL_EV_PF_CONFIG;
	is_str(event_word(&ev), "pf-config", "a pf-ntf config");
	ev.event = VFCTL_EV_LOST;
	is_str(event_word(&ev), "events-lost", "an overrun");
}

static void outcome(struct pf_state *pf, uint64_t id, uint32_t result)
{
	struct vf_result *o = &pf->out[pf->nout++];

	memset(o, 0, sizeof(*o));
	o->have_txn = id != 0;
	o->txn_id = id;
	o->have_result = true;
	o->result = result;
}

static void running(struct pf_state *pf, uint64_t id)
{
	pf->have_running = true;
	pf->running.txn_id = id;
	pf->running.step = VFPROV_STEP_QUOTAS;
}

static void ring(void)
{
	static struct pf_state pf;
	const struct vf_result *o;

	memset(&pf, 0, sizeof(pf));
	ok(txn_find(&pf, 7, &o) == TXN_QUEUED && !o,
	   "no outcome, nothing running: queued");

	running(&pf, 7);
	ok(txn_find(&pf, 7, &o) == TXN_RUNNING, "ours running: running");

	memset(&pf, 0, sizeof(pf));
	running(&pf, 6);
	outcome(&pf, 5, VFPROV_RESULT_COMMITTED);
	ok(txn_find(&pf, 7, &o) == TXN_QUEUED,
	   "an older one runs, older ones ended: ours is queued");

	memset(&pf, 0, sizeof(pf));
	outcome(&pf, 9, VFPROV_RESULT_COMMITTED);
	outcome(&pf, 8, VFPROV_RESULT_UNCHANGED);
	outcome(&pf, 7, VFPROV_RESULT_ROLLED_BACK);
	outcome(&pf, 3, VFPROV_RESULT_COMMITTED);
	ok(txn_find(&pf, 7, &o) == TXN_DONE && o == &pf.out[2] &&
	   o->result == VFPROV_RESULT_ROLLED_BACK,
	   "ours third in the list (newer ones ended since): done, its own outcome");
	ok(txn_find(&pf, 9, &o) == TXN_DONE && o == &pf.out[0],
	   "ours the newest: done");

	memset(&pf, 0, sizeof(pf));
	outcome(&pf, 12, VFPROV_RESULT_COMMITTED);
	outcome(&pf, 11, VFPROV_RESULT_COMMITTED);
	outcome(&pf, 10, VFPROV_RESULT_COMMITTED);
	outcome(&pf, 9, VFPROV_RESULT_COMMITTED);
	ok(txn_find(&pf, 7, &o) == TXN_LOST && !o,
	   "four newer outcomes kept, ours gone: lost, not waited for forever");

	memset(&pf, 0, sizeof(pf));
	running(&pf, 8);
	ok(txn_find(&pf, 7, &o) == TXN_LOST,
	   "a newer transaction runs and ours is not listed: lost");

	memset(&pf, 0, sizeof(pf));
	outcome(&pf, 0, VFPROV_RESULT_REJECTED);
	ok(txn_find(&pf, 0, &o) == TXN_QUEUED,
	   "an entry without a transaction id never matches");

	memset(&pf, 0, sizeof(pf));
	outcome(&pf, 4, VFPROV_RESULT_COMMITTED);
	running(&pf, 5);
	ok(txn_find(&pf, 5, &o) == TXN_RUNNING,
	   "ours running after an older outcome: running");
	is_str(txn_fate_name(TXN_LOST), "lost", "fate word");
}

int main(void)
{
	words();
	ring();
	return tap_done();
}
