// SPDX-License-Identifier: GPL-2.0
/* Exit codes from kernel replies, and the "unchanged" comparison. */
#include <errno.h>
#include <stdlib.h>

#include "cmd.h"
#include "vfctl_tap.h"

struct gopts g_opts;

static struct vf_result R(bool have, uint32_t result)
{
	struct vf_result r = { 0 };

	r.have_result = have;
	r.result = result;
	return r;
}

int main(void)
{
	struct vf_result r;
	struct pf_state *live = calloc(1, sizeof(*live));
	struct vf_req *plan = calloc(1, sizeof(*plan));
	uint32_t i;

	if (!live || !plan)
		return 1;
	r = R(true, VFPROV_RESULT_COMMITTED);
	ok(result_exit_code(0, &r) == EXIT_OK, "committed -> 0");
	r = R(true, VFPROV_RESULT_REJECTED);
	ok(result_exit_code(-EDQUOT, &r) == EXIT_REJECTED, "rejected -> 5");
	r = R(true, VFPROV_RESULT_ROLLED_BACK);
	ok(result_exit_code(-EIO, &r) == EXIT_ROLLEDBACK, "rolled back -> 6");
	ok(result_exit_code(0, &r) == EXIT_ROLLEDBACK, "rolled back in a successful reply -> 6");
	r = R(true, VFPROV_RESULT_DEGRADED);
	ok(result_exit_code(-EIO, &r) == EXIT_DEGRADED, "degraded -> 7");
	r = R(false, 0);
	ok(result_exit_code(-EPERM, &r) == EXIT_PERM, "EPERM -> 4");
	ok(result_exit_code(-ENODEV, &r) == EXIT_NOTFOUND, "ENODEV -> 3");
	ok(result_exit_code(-EINVAL, &r) == EXIT_REJECTED, "EINVAL without result -> 5");
	ok(result_exit_code(-EBUSY, &r) == EXIT_REJECTED, "EBUSY -> 5");
	ok(result_exit_code(-EIO, &r) == EXIT_ERR, "EIO without result -> 1");
	ok(result_exit_code(0, &r) == EXIT_OK, "plain ack -> 0");
	is_str(result_status(EXIT_ROLLEDBACK, &r), "rolled-back", "status word 6");
	is_str(result_status(EXIT_DEGRADED, &r), "degraded", "status word 7");

	/* live state equal to the plan */
	plan->set = REQ_SET_NUM_VFS | REQ_SET_DRIVER | REQ_SET_LMEM_SPARE | REQ_SET_PF_EQ;
	plan->num_vfs = 2;
	plan->driver = VFPROV_VF_DRIVER_VFIO_PCI;
	plan->lmem_spare = 1ull << 30;
	plan->pf_eq = 20;
	live->num_vfs = 2;
	live->nres = 1;
	strcpy(live->res[0].name, "lmem");
	live->res[0].spare = 1ull << 30;
	live->have_cfg = true;
	live->cfg.set = REQ_SET_PF_EQ;
	live->cfg.pf_eq = 20;
	live->nvfs = 2;
	for (i = 0; i < 2; i++) {
		plan->vf[i].set = VF_SET_LMEM | VF_SET_GGTT | VF_SET_WEIGHT;
		plan->vf[i].lmem = (i + 1) << 30;
		plan->vf[i].ggtt = 1 << 28;
		plan->vf[i].weight = 2;
		live->vf[i].id = i + 1;
		live->vf[i].enabled = true;
		strcpy(live->vf[i].driver, "vfio-pci");
		live->vf[i].cfg.set = VF_SET_LMEM | VF_SET_GGTT | VF_SET_CONTEXTS;
		live->vf[i].cfg.lmem = (i + 1) << 30;
		live->vf[i].cfg.ggtt = 1 << 28;
		live->vf[i].cfg.contexts = 1024;
	}
	ok(req_matches_live(plan, NULL, live), "equal live state: unchanged (weights are not state)");
	live->vf[1].cfg.lmem++;
	ok(!req_matches_live(plan, NULL, live), "one quota differs");
	live->vf[1].cfg.lmem--;
	strcpy(live->vf[0].driver, "");
	ok(!req_matches_live(plan, NULL, live), "VF driver differs");
	strcpy(live->vf[0].driver, "vfio-pci");
	live->res[0].spare = 0;
	ok(!req_matches_live(plan, NULL, live), "spare differs");
	live->res[0].spare = 1ull << 30;
	live->cfg.pf_eq = 21;
	ok(!req_matches_live(plan, NULL, live), "PF scheduling differs");
	live->cfg.pf_eq = 20;
	live->vf[1].cfg.set &= ~VF_SET_GGTT;
	ok(!req_matches_live(plan, NULL, live), "an unreported field counts as different");
	live->vf[1].cfg.set |= VF_SET_GGTT;
	live->num_vfs = 3;
	ok(!req_matches_live(plan, NULL, live), "VF count differs");
	live->num_vfs = 2;
	live->vf[1].enabled = false;
	ok(!req_matches_live(plan, NULL, live), "a disabled VF differs");
	live->vf[1].enabled = true;
	ok(req_matches_live(plan, NULL, live), "back to equal");
	{
		struct vf_req req = { 0 };

		live->have_cfg = false;
		ok(!req_matches_live(plan, NULL, live), "PF EQ not reported live: different");
		ok(req_matches_live(plan, &req, live),
		   "PF EQ the request does not set is the planner's copy: not compared");
		req.set = REQ_SET_PF_EQ;
		ok(!req_matches_live(plan, &req, live), "PF EQ the request sets must be reported");
	}
	memset(plan, 0, sizeof(*plan));
	memset(live, 0, sizeof(*live));
	plan->set = REQ_SET_NUM_VFS;
	ok(req_matches_live(plan, NULL, live), "0 VFs planned, 0 live: unchanged");
	free(live);
	free(plan);
	return tap_done();
}
