// SPDX-License-Identifier: GPL-2.0
/* JSON output: build from a fake PF, print, parse back with json-c, check paths. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <json-c/json.h>

#include "json_out.h"
#include "vfctl_tap.h"

/* "pf.vfs[1].lmem" -> the object, or NULL */
static json_object *at(json_object *o, const char *path)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok && o; tok = strtok_r(NULL, ".", &save)) {
		char *br = strchr(tok, '[');
		int idx = -1;

		if (br) {
			idx = atoi(br + 1);
			*br = 0;
		}
		if (*tok && !json_object_object_get_ex(o, tok, &o))
			return NULL;
		if (idx >= 0) {
			if (!json_object_is_type(o, json_type_array) ||
			    (size_t)idx >= json_object_array_length(o))
				return NULL;
			o = json_object_array_get_idx(o, (size_t)idx);
		}
	}
	return o;
}

static json_object *roundtrip(json_object *o)
{
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY);
	json_object *back = json_tokener_parse(s);

	json_object_put(o);
	return back;
}

static void fake_pf(struct pf_state *pf)
{
	memset(pf, 0, sizeof(*pf));
	strcpy(pf->addr, "0000:4d:00.0");
	strcpy(pf->card, "card1");
	strcpy(pf->backend, "i915-prelim");
	strcpy(pf->driver, "atsm_sim");
	pf->total_vfs = 31;
	pf->num_vfs = 2;
	pf->generation = 7;
	pf->state = VFPROV_STATE_IDLE;
	pf->last_result = VFPROV_RESULT_ROLLED_BACK;
	pf->last_errno = -EIO;
	strcpy(pf->last_error, "write vf2/gt/lmem_quota: \"quoted\" \\ and / slash");
	pf->nres = 2;
	strcpy(pf->res[0].name, "lmem");
	pf->res[0].free = 16ull << 30;
	pf->res[0].max_quota = (16ull << 30) - (128ull << 20);
	pf->res[0].granule = 2ull << 20;
	pf->res[0].spare_min = 128ull << 20;
	strcpy(pf->res[1].name, "contexts");
	pf->res[1].free = 65535;
	pf->nvfs = 2;
	pf->vf[0].id = 1;
	pf->vf[0].enabled = true;
	strcpy(pf->vf[0].pci_addr, "0000:4d:00.1");
	strcpy(pf->vf[0].driver, "vfio-pci");
	pf->vf[0].iommu_group = 12;
	pf->vf[0].cfg.set = VF_SET_LMEM | VF_SET_GGTT | VF_SET_EQ;
	pf->vf[0].cfg.lmem = 18446744073709551615ull;	/* u64 max survives */
	pf->vf[0].cfg.ggtt = 1ull << 30;
	pf->vf[0].cfg.eq = 16;
	pf->vf[1].id = 2;
	pf->vf[1].iommu_group = -1;
	pf->have_running = true;
	pf->running.txn_id = 21;
	pf->running.op = VFPROV_TXN_OP_APPLY;
	pf->running.step = VFPROV_STEP_SCHED;
	pf->running.vf = 2;
	pf->nout = 2;
	pf->out[0].have_txn = true;
	pf->out[0].txn_id = 20;
	pf->out[0].have_result = true;
	pf->out[0].result = VFPROV_RESULT_ROLLED_BACK;
	pf->out[0].err = -EIO;
	strcpy(pf->out[0].step, "quotas");
	pf->out[1].have_txn = true;
	pf->out[1].txn_id = 19;
	pf->out[1].op = VFPROV_TXN_OP_RESET;
	pf->out[1].have_result = true;
	pf->out[1].result = VFPROV_RESULT_COMMITTED;
}

int main(void)
{
	struct pf_state *pf = calloc(2, sizeof(*pf));
	struct vf_result res = { 0 };
	struct vf_req *plan = calloc(1, sizeof(*plan));
	json_object *o, *v;

	if (!pf || !plan)
		return 1;
	fake_pf(&pf[0]);

	o = roundtrip(json_show(&pf[0]));
	ok(o != NULL, "show JSON parses back");
	ok((v = at(o, "schema_version")) && json_object_get_int(v) == 1, "schema_version 1");
	is_str(json_object_get_string(at(o, "pf.address")), "0000:4d:00.0", "pf.address");
	is_str(json_object_get_string(at(o, "pf.card")), "card1", "pf.card");
	is_str(json_object_get_string(at(o, "pf.backend")), "i915-prelim", "pf.backend");
	is_u64(json_object_get_uint64(at(o, "pf.total_vfs")), 31, "pf.total_vfs");
	is_u64(json_object_get_uint64(at(o, "pf.generation")), 7, "pf.generation");
	is_str(json_object_get_string(at(o, "pf.state")), "idle", "pf.state");
	is_str(json_object_get_string(at(o, "pf.last_result")), "rolled-back", "pf.last_result");
	ok(json_object_get_int(at(o, "pf.last_errno")) == -EIO, "pf.last_errno -5");
	is_str(json_object_get_string(at(o, "pf.last_errno_name")), "EIO", "pf.last_errno_name");
	is_str(json_object_get_string(at(o, "pf.last_error")),
	       "write vf2/gt/lmem_quota: \"quoted\" \\ and / slash", "escaping survives");
	is_u64(json_object_get_uint64(at(o, "pf.running.txn_id")), 21, "pf.running.txn_id");
	is_str(json_object_get_string(at(o, "pf.running.step")), "scheduling", "pf.running.step: a word");
	is_str(json_object_get_string(at(o, "pf.running.op")), "apply", "pf.running.op: a word");
	ok(json_object_array_length(at(o, "pf.outcomes")) == 2, "pf.outcomes: both");
	is_u64(json_object_get_uint64(at(o, "pf.outcomes[0].txn_id")), 20, "outcomes[0]: the newest");
	is_str(json_object_get_string(at(o, "pf.outcomes[0].result")), "rolled-back", "outcomes[0].result word");
	is_str(json_object_get_string(at(o, "pf.outcomes[1].op")), "reset", "outcomes[1].op word");
	is_str(json_object_get_string(at(o, "pf.resources[0].name")), "lmem", "resources[0].name");
	is_u64(json_object_get_uint64(at(o, "pf.resources[0].granule")), 2ull << 20, "resources[0].granule");
	is_u64(json_object_get_uint64(at(o, "pf.resources[1].free")), 65535, "resources[1].free");
	ok(json_object_array_length(at(o, "pf.vfs")) == 2, "two VFs");
	is_u64(json_object_get_uint64(at(o, "pf.vfs[0].lmem")), 18446744073709551615ull,
	       "u64 max lmem is exact");
	ok(json_object_is_type(at(o, "pf.vfs[0].lmem"), json_type_int), "sizes are integers");
	is_u64(json_object_get_uint64(at(o, "pf.vfs[0].exec_quantum_ms")), 16, "vfs[0].exec_quantum_ms");
	ok(json_object_get_int(at(o, "pf.vfs[0].iommu_group")) == 12, "vfs[0].iommu_group");
	ok(json_object_get_boolean(at(o, "pf.vfs[0].enabled")), "vfs[0].enabled true");
	is_str(json_object_get_string(at(o, "pf.vfs[0].driver")), "vfio-pci", "vfs[0].driver");
	ok(json_object_object_get_ex(at(o, "pf.vfs[1]"), "iommu_group", &v) && v == NULL,
	   "vfs[1].iommu_group is null");
	ok(!at(o, "pf.vfs[1].lmem"), "unreported quota is absent");
	ok(!at(o, "pf.config"), "no config without A_CONFIG");
	ok(!at(o, "pf.gts") && !at(o, "pf.vfs[0].gt"), "no gts, no gt entries when not reported");
	json_object_put(o);

	/* two GTs: VF 1 holds other contexts and eq on gt1 */
	pf[0].gts = 2;
	pf[0].have_caps = true;
	pf[0].caps = VFPROV_CAPS_PER_GT;
	pf[0].vf[0].cfg.set |= VF_SET_GT;
	pf[0].vf[0].cfg.gt[1].set = VF_SET_CONTEXTS | VF_SET_EQ;
	pf[0].vf[0].cfg.gt[1].contexts = 512;
	pf[0].vf[0].cfg.gt[1].eq = 20;
	o = roundtrip(json_show(&pf[0]));
	is_u64(json_object_get_uint64(at(o, "pf.gts")), 2, "pf.gts");
	is_str(json_object_get_string(at(o, "pf.caps[0]")), "per-gt", "pf.caps: per-gt");
	ok(json_object_array_length(at(o, "pf.vfs[0].gt")) == 1, "vfs[0].gt: gt1 only");
	is_u64(json_object_get_uint64(at(o, "pf.vfs[0].gt[0].id")), 1, "vfs[0].gt[0].id");
	is_u64(json_object_get_uint64(at(o, "pf.vfs[0].gt[0].contexts")), 512, "vfs[0].gt[0].contexts");
	is_u64(json_object_get_uint64(at(o, "pf.vfs[0].gt[0].exec_quantum_ms")), 20,
	       "vfs[0].gt[0].exec_quantum_ms");
	ok(!at(o, "pf.vfs[0].gt[0].doorbells"), "a GT value the VF shares is absent");
	is_u64(json_object_get_uint64(at(o, "pf.vfs[0].exec_quantum_ms")), 16,
	       "the VF's own exec_quantum_ms beside it");
	json_object_put(o);
	pf[0].gts = 0;
	pf[0].have_caps = false;
	memset(pf[0].vf[0].cfg.gt, 0, sizeof(pf[0].vf[0].cfg.gt));
	pf[0].vf[0].cfg.set &= ~VF_SET_GT;

	fake_pf(&pf[1]);
	strcpy(pf[1].addr, "0000:03:00.0");
	pf[1].card[0] = 0;
	strcpy(pf[1].backend, "pci");
	pf[1].nres = 0;
	o = roundtrip(json_list(pf, 2));
	ok(json_object_array_length(at(o, "pfs")) == 2, "list: two PFs");
	ok(json_object_get_int(at(o, "pfs[1].index")) == 1, "list: index");
	ok(json_object_object_get_ex(at(o, "pfs[1]"), "card", &v) && v == NULL, "list: card null");
	ok(!at(o, "pfs[0].vfs"), "list has no vfs");
	ok(json_object_array_length(at(o, "pfs[1].resources")) == 0, "pci backend: empty resources");
	json_object_put(o);

	plan->set = REQ_SET_NUM_VFS | REQ_SET_DRIVER | REQ_SET_LMEM_SPARE | REQ_SET_IDLE;
	plan->num_vfs = 2;
	plan->driver = VFPROV_VF_DRIVER_VFIO_PCI;
	plan->lmem_spare = 1ull << 30;
	plan->sched_if_idle = 1;
	plan->vf[0].set = VF_SET_LMEM;
	plan->vf[0].lmem = 4ull << 30;
	o = roundtrip(json_plan("0000:4d:00.0", plan));
	is_u64(json_object_get_uint64(at(o, "plan.num_vfs")), 2, "plan.num_vfs");
	is_str(json_object_get_string(at(o, "plan.vf_driver")), "vfio-pci", "plan.vf_driver");
	is_u64(json_object_get_uint64(at(o, "plan.pf_spare.lmem")), 1ull << 30, "plan.pf_spare.lmem");
	ok(!at(o, "plan.pf_spare.ggtt"), "unset spare absent");
	ok(json_object_get_boolean(at(o, "plan.sched_if_idle")), "plan.sched_if_idle true");
	ok(json_object_array_length(at(o, "plan.vfs")) == 2, "plan lists every VF");
	is_u64(json_object_get_uint64(at(o, "plan.vfs[0].lmem")), 4ull << 30, "plan.vfs[0].lmem");
	is_u64(json_object_get_uint64(at(o, "plan.vfs[1].id")), 2, "plan.vfs[1].id");
	ok(!at(o, "plan.vfs[0].gt"), "plan: no gt without GT values");
	json_object_put(o);
	plan->vf[1].set = VF_SET_GT;
	plan->vf[1].gt[1].set = VF_SET_DOORBELLS;
	plan->vf[1].gt[1].doorbells = 8;
	o = roundtrip(json_plan("0000:4d:00.0", plan));
	is_u64(json_object_get_uint64(at(o, "plan.vfs[1].gt[0].doorbells")), 8,
	       "plan.vfs[1].gt[0].doorbells");
	is_u64(json_object_get_uint64(at(o, "plan.vfs[1].gt[0].id")), 1, "plan.vfs[1].gt[0].id");
	json_object_put(o);

	res.have_result = true;
	res.result = VFPROV_RESULT_ROLLED_BACK;
	res.err = -EIO;
	res.nl_err = -EIO;
	strcpy(res.message, "lmem_quota write failed");
	strcpy(res.step, "quotas");
	strcpy(res.extack, "vfprov: rolled back");
	res.have_failed_vf = true;
	res.failed_vf = 2;
	o = roundtrip(json_result("0000:4d:00.0", "rolled-back", 6, &res));
	is_str(json_object_get_string(at(o, "status")), "rolled-back", "result.status");
	ok(json_object_get_int(at(o, "exit_code")) == 6, "result.exit_code 6");
	is_str(json_object_get_string(at(o, "result")), "rolled-back", "result.result");
	is_str(json_object_get_string(at(o, "errno_name")), "EIO", "result.errno_name");
	is_str(json_object_get_string(at(o, "failed_step")), "quotas", "result.failed_step");
	is_u64(json_object_get_uint64(at(o, "failed_vf")), 2, "result.failed_vf");
	is_str(json_object_get_string(at(o, "extack")), "vfprov: rolled back", "result.extack");
	ok(!at(o, "generation"), "no generation when not sent");
	json_object_put(o);

	memset(&res, 0, sizeof(res));
	res.event = VFCTL_EV_TXN;
	res.have_result = true;
	res.result = VFPROV_RESULT_COMMITTED;
	strcpy(res.addr, "0000:4d:00.0");
	res.have_gen = true;
	res.generation = 8;
	res.have_who = true;
	res.pid = 42;
	strcpy(res.comm, "vfctl");
	o = roundtrip(json_event(&res, 1700000000));
	is_str(json_object_get_string(at(o, "event")), "committed", "event.event: the txn-ntf's result");
	is_u64(json_object_get_uint64(at(o, "generation")), 8, "event.generation");
	is_str(json_object_get_string(at(o, "comm")), "vfctl", "event.comm");
	ok(json_object_get_int64(at(o, "time")) == 1700000000, "event.time");
	json_object_put(o);

	memset(&res, 0, sizeof(res));
	res.event = VFCTL_EV_PF_CONFIG;
	res.have_pf = true;
	res.change = VFPROV_PF_CHANGE_CONFIG;
	res.state = VFPROV_STATE_DEGRADED;
	res.num_vfs = 2;
	strcpy(res.backend, "i915-prelim");
	o = roundtrip(json_event(&res, 1700000001));
	is_str(json_object_get_string(at(o, "event")), "pf-config", "pf event word");
	is_str(json_object_get_string(at(o, "state")), "degraded", "pf event: state as a word");
	is_str(json_object_get_string(at(o, "change")), "config", "pf event: change word");
	ok(!at(o, "result"), "pf event: no result");
	json_object_put(o);

	memset(&res, 0, sizeof(res));
	res.event = VFCTL_EV_LOST;
	o = roundtrip(json_event(&res, 1700000002));
	is_str(json_object_get_string(at(o, "event")), "events-lost", "overrun line");
	json_object_put(o);

	free(pf);
	free(plan);
	return tap_done();
}
