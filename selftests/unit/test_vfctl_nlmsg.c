// SPDX-License-Identifier: GPL-2.0
/*
 * The ABI v2 message parsers fed crafted messages: a pf-get reply with
 * multi-attr resources, VFs and outcomes; apply replies (queued, refused);
 * pf-ntf and txn-ntf; a CTRL_CMD_GETFAMILY reply of a v1 and a v2 module;
 * short attributes; and a config nest built by vfctl read back.
 */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl_msg.h"
#include "vfctl_genl.h"
#include "vfctl_tap.h"

static void put_res(struct nl_msg *m, uint32_t type, uint64_t free)
{
	struct nlattr *n = nla_nest_start(m, VFPROV_A_PF_RESOURCE);

	nla_put_u32(m, VFPROV_A_RESOURCE_TYPE, type);
	nla_put_u64(m, VFPROV_A_RESOURCE_FREE, free);
	nla_put_u64(m, VFPROV_A_RESOURCE_GRANULE, 4096);
	nla_nest_end(m, n);
}

static void put_outcome(struct nl_msg *m, int attr, uint64_t id,
			uint32_t result, int32_t err, const char *msg)
{
	struct nlattr *n = nla_nest_start(m, attr);

	nla_put_u64(m, VFPROV_A_OUTCOME_TXN_ID, id);
	nla_put_u32(m, VFPROV_A_OUTCOME_OP, VFPROV_TXN_OP_APPLY);
	nla_put_u32(m, VFPROV_A_OUTCOME_RESULT, result);
	nla_put_u32(m, VFPROV_A_OUTCOME_ERRNO, (uint32_t)err);
	if (msg)
		nla_put_string(m, VFPROV_A_OUTCOME_MESSAGE, msg);
	nla_put_u64(m, VFPROV_A_OUTCOME_GENERATION, 40 + id);
	nla_nest_end(m, n);
}

static void put_vf(struct nl_msg *m, uint32_t id, uint64_t lmem)
{
	struct nlattr *n = nla_nest_start(m, VFPROV_A_CONFIG_VF);

	nla_put_u32(m, VFPROV_A_VF_CONFIG_ID, id);
	nla_put_u64(m, VFPROV_A_VF_CONFIG_LMEM, lmem);
	nla_put_u64(m, VFPROV_A_VF_CONFIG_CONTEXTS, 1024);
	nla_nest_end(m, n);
}

static void put_gt(struct nl_msg *m, uint32_t id, uint64_t contexts, uint32_t eq)
{
	struct nlattr *n = nla_nest_start(m, VFPROV_A_VF_CONFIG_GT);

	nla_put_u32(m, VFPROV_A_VF_GT_CONFIG_ID, id);
	nla_put_u64(m, VFPROV_A_VF_GT_CONFIG_CONTEXTS, contexts);
	nla_put_u32(m, VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS, eq);
	nla_nest_end(m, n);
}

/* an xe PF with two GTs: VF 2 holds other values on gt1 */
static void pf_gt_reply(void)
{
	static struct pf_state pf;
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_PF_GET);
	struct nlattr *n, *v;

	nla_put_string(m, VFPROV_A_PF_ADDR, "0000:03:00.0");
	nla_put_u32(m, VFPROV_A_PF_CAPS, VFPROV_CAPS_PER_GT);
	nla_put_u32(m, VFPROV_A_PF_GTS, 2);
	n = nla_nest_start(m, VFPROV_A_PF_CONFIG);
	nla_put_u32(m, VFPROV_A_CONFIG_NUM_VFS, 2);
	put_vf(m, 1, 1ull << 30);
	v = nla_nest_start(m, VFPROV_A_CONFIG_VF);
	nla_put_u32(m, VFPROV_A_VF_CONFIG_ID, 2);
	nla_put_u64(m, VFPROV_A_VF_CONFIG_CONTEXTS, 1024);
	put_gt(m, 1, 512, 20);
	put_gt(m, 2, 1, 1);			/* a GT this vfctl does not know */
	nla_nest_end(m, v);
	nla_nest_end(m, n);

	memset(&pf, 0, sizeof(pf));
	ok(!nlm_pf(nlmsg_hdr(m), &pf), "pf-get reply with GT entries parses");
	ok(pf.gts == 2 && pf.have_caps && pf.caps == VFPROV_CAPS_PER_GT,
	   "pf gts and the per-gt cap");
	ok(!(pf.cfg.vf[0].set & VF_SET_GT), "VF 1: no GT entry, no GT values");
	ok((pf.cfg.vf[1].set & VF_SET_GT) && pf.cfg.vf[1].contexts == 1024,
	   "VF 2: its own value and GT values");
	ok(pf.cfg.vf[1].gt[1].set == (VF_SET_CONTEXTS | VF_SET_EQ) &&
	   pf.cfg.vf[1].gt[1].contexts == 512 && pf.cfg.vf[1].gt[1].eq == 20,
	   "VF 2 gt1: u64 contexts and eq");
	ok(!pf.cfg.vf[1].gt[0].set, "VF 2 gt0: nothing apart from the VF's");
	nlmsg_free(m);
}

static void pf_reply(void)
{
	static struct pf_state pf;
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_PF_GET);
	struct nlattr *n;

	nla_put_string(m, VFPROV_A_PF_ADDR, "0000:4d:00.0");
	nla_put_u32(m, VFPROV_A_PF_BACKEND, VFPROV_BACKEND_I915_PRELIM);
	nla_put_string(m, VFPROV_A_PF_DRIVER, "i915");
	nla_put_u32(m, VFPROV_A_PF_TOTAL_VFS, 31);
	nla_put_u32(m, VFPROV_A_PF_NUM_VFS, 3);
	nla_put_u64(m, VFPROV_A_PF_GENERATION, 1ull << 40);
	nla_put_u32(m, VFPROV_A_PF_STATE, VFPROV_STATE_APPLYING);
	put_res(m, VFPROV_RESOURCE_GGTT, 1ull << 32);
	put_res(m, VFPROV_RESOURCE_LMEM, 15ull << 30);
	n = nla_nest_start(m, VFPROV_A_PF_CONFIG);
	nla_put_u32(m, VFPROV_A_CONFIG_NUM_VFS, 3);
	nla_put_u32(m, VFPROV_A_CONFIG_VF_DRIVER, VFPROV_VF_DRIVER_VFIO_PCI);
	nla_put_u64(m, VFPROV_A_CONFIG_DOORBELLS_SPARE, 16);
	put_vf(m, 1, 1ull << 30);
	put_vf(m, 2, 2ull << 30);
	put_vf(m, 3, 5ull << 30);
	put_vf(m, 99, 1);	/* out of range: ignored */
	nla_nest_end(m, n);
	n = nla_nest_start(m, VFPROV_A_PF_RUNNING);
	nla_put_u64(m, VFPROV_A_TXN_STATUS_TXN_ID, 13);
	nla_put_u32(m, VFPROV_A_TXN_STATUS_OP, VFPROV_TXN_OP_APPLY);
	nla_put_u32(m, VFPROV_A_TXN_STATUS_STEP, VFPROV_STEP_QUOTAS);
	nla_put_u32(m, VFPROV_A_TXN_STATUS_VF, 2);
	nla_nest_end(m, n);
	put_outcome(m, VFPROV_A_PF_OUTCOME, 12, VFPROV_RESULT_ROLLED_BACK, -EIO,
		    "write vf2/gt/lmem_quota: EIO");
	put_outcome(m, VFPROV_A_PF_OUTCOME, 11, VFPROV_RESULT_COMMITTED, 0, NULL);
	put_outcome(m, VFPROV_A_PF_OUTCOME, 9, VFPROV_RESULT_COMMITTED, 0, NULL);
	nla_put_u32(m, 200, 1);	/* an attribute of a newer kernel */

	memset(&pf, 0, sizeof(pf));
	ok(!nlm_pf(nlmsg_hdr(m), &pf), "pf-get reply parses");
	is_str(pf.addr, "0000:4d:00.0", "addr");
	is_str(pf.backend, "i915-prelim", "backend enum as its word");
	is_str(pf.driver, "i915", "driver");
	ok(pf.total_vfs == 31 && pf.num_vfs == 3, "total and enabled VFs");
	is_u64(pf.generation, 1ull << 40, "u64 generation");
	is_str(state_name(pf.state), "applying", "state");
	ok(pf.nres == 2, "both resource entries (multi-attr), got %d", pf.nres);
	is_str(pf.res[1].name, "lmem", "resource type enum as its name");
	is_u64(pf.res[1].free, 15ull << 30, "lmem free (u64)");
	ok(pf.have_cfg && pf.cfg.num_vfs == 3 &&
	   pf.cfg.driver == VFPROV_VF_DRIVER_VFIO_PCI, "live config");
	ok((pf.cfg.set & REQ_SET_DB_SPARE) && pf.cfg.doorbells_spare == 16,
	   "u64 doorbells spare into its field");
	is_u64(pf.cfg.vf[0].lmem, 1ull << 30, "VF 1 lmem");
	is_u64(pf.cfg.vf[2].lmem, 5ull << 30, "VF 3 lmem: every VF entry, not the last only");
	ok((pf.cfg.vf[1].set & VF_SET_CONTEXTS) && pf.cfg.vf[1].contexts == 1024,
	   "u64 contexts");
	ok(pf.have_running && pf.running.txn_id == 13 &&
	   pf.running.step == VFPROV_STEP_QUOTAS && pf.running.vf == 2,
	   "running: transaction, step, VF");
	ok(pf.nout == 3, "three outcomes, got %d", pf.nout);
	ok(pf.out[0].txn_id == 12 && pf.out[1].txn_id == 11 &&
	   pf.out[2].txn_id == 9, "outcomes in the kernel's order, newest first");
	ok(pf.last_result == VFPROV_RESULT_ROLLED_BACK && pf.last_errno == -EIO,
	   "last result and errno: the newest outcome");
	is_str(pf.last_error, "write vf2/gt/lmem_quota: EIO", "last error");
	nlmsg_free(m);
}

static void apply_replies(void)
{
	struct vf_result r = { 0 };
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_APPLY);
	struct nlattr *n;

	nla_put_string(m, VFPROV_A_TXN_PF_ADDR, "0000:4d:00.0");
	nla_put_u64(m, VFPROV_A_TXN_TXN_ID, 77);
	ok(!nlm_txn_reply(nlmsg_hdr(m), &r, NULL), "queued apply reply parses");
	ok(r.have_txn && r.txn_id == 77 && !r.have_result,
	   "queued: a transaction id, no outcome yet");
	nlmsg_free(m);

	memset(&r, 0, sizeof(r));
	m = msg_new(FAM, VFPROV_CMD_APPLY);
	nla_put_string(m, VFPROV_A_TXN_PF_ADDR, "0000:4d:00.0");
	put_outcome(m, VFPROV_A_TXN_OUTCOME, 0, VFPROV_RESULT_REJECTED, -EDQUOT,
		    "lmem: 900 TiB for 2 VFs, 14 GiB free");
	ok(!nlm_txn_reply(nlmsg_hdr(m), &r, NULL), "refused apply reply parses");
	ok(!r.have_txn && r.have_result && r.result == VFPROV_RESULT_REJECTED &&
	   r.err == -EDQUOT, "refused: rejected with its errno, no transaction");
	nlmsg_free(m);

	memset(&r, 0, sizeof(r));
	m = msg_new(FAM, VFPROV_CMD_PLAN);
	n = nla_nest_start(m, VFPROV_A_TXN_OUTCOME);
	nla_put_u32(m, VFPROV_A_OUTCOME_RESULT, VFPROV_RESULT_NONE);
	nla_put_u32(m, VFPROV_A_OUTCOME_ERRNO, 0);
	nla_put(m, VFPROV_A_OUTCOME_GENERATION, 4, "\1\0\0\0");	/* short */
	nla_nest_end(m, n);
	ok(!nlm_txn_reply(nlmsg_hdr(m), &r, NULL) && !r.have_gen,
	   "a short u64 reads as absent");
	nlmsg_free(m);
}

static void put_disrupted(struct nl_msg *m, uint32_t id, uint32_t what)
{
	struct nlattr *n = nla_nest_start(m, VFPROV_A_OUTCOME_DISRUPTED);

	nla_put_u32(m, VFPROV_A_DISRUPTED_VF_ID, id);
	nla_put_u32(m, VFPROV_A_DISRUPTED_VF_WHAT, what);
	nla_nest_end(m, n);
}

static void events(void)
{
	struct vf_result ev;
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_TXN_NTF);
	struct nlattr *n;

	nla_put_string(m, VFPROV_A_TXN_PF_ADDR, "0000:4d:00.0");
	nla_put_u64(m, VFPROV_A_TXN_TXN_ID, 5);
	n = nla_nest_start(m, VFPROV_A_TXN_OUTCOME);
	nla_put_u64(m, VFPROV_A_OUTCOME_TXN_ID, 5);
	nla_put_u32(m, VFPROV_A_OUTCOME_OP, VFPROV_TXN_OP_RESET);
	nla_put_u32(m, VFPROV_A_OUTCOME_RESULT, VFPROV_RESULT_DEGRADED);
	nla_put_u32(m, VFPROV_A_OUTCOME_ERRNO, (uint32_t)-EIO);
	nla_put_u32(m, VFPROV_A_OUTCOME_STEP, VFPROV_STEP_SCHED);
	nla_put_u32(m, VFPROV_A_OUTCOME_VF, 3);
	nla_put_u32(m, VFPROV_A_OUTCOME_FIELD, VFPROV_FIELD_EXEC_QUANTUM_MS);
	put_disrupted(m, 1, VFPROV_DISRUPT_DISABLE);
	put_disrupted(m, 4, VFPROV_DISRUPT_REBIND);
	put_disrupted(m, 5, VFPROV_DISRUPT_DISABLE | VFPROV_DISRUPT_REBIND);
	nla_nest_end(m, n);
	n = nla_nest_start(m, VFPROV_A_TXN_REQUESTER);
	nla_put_u32(m, VFPROV_A_REQUESTER_PID, 4242);
	nla_put_u32(m, VFPROV_A_REQUESTER_UID, 0);
	nla_put_string(m, VFPROV_A_REQUESTER_COMM, "vfctl");
	nla_nest_end(m, n);
	ok(!nlm_event(nlmsg_hdr(m), &ev), "txn-ntf parses");
	ok(ev.event == VFCTL_EV_TXN && ev.have_txn && ev.txn_id == 5,
	   "txn-ntf: the transaction id");
	is_str(event_word(&ev), "degraded", "txn-ntf: named after its result");
	is_str(ev.addr, "0000:4d:00.0", "txn-ntf: the PF");
	is_str(txn_op_name(ev.op), "reset", "txn-ntf: op");
	is_str(ev.step, "scheduling", "txn-ntf: the step enum as v1's word");
	is_str(ev.field, "exec_quantum_ms", "txn-ntf: the field at fault");
	ok(ev.have_failed_vf && ev.failed_vf == 3, "txn-ntf: the VF at fault");
	is_u64(ev.disrupt_off, (1u << 0) | (1u << 4), "every disrupted entry: disabled VFs 1, 5");
	is_u64(ev.disrupt_rebind, (1u << 3) | (1u << 4), "rebound VFs 4, 5");
	ok(ev.have_who && ev.pid == 4242, "audit: the requester");
	is_str(ev.comm, "vfctl", "audit: comm");
	nlmsg_free(m);

	m = msg_new(FAM, VFPROV_CMD_PF_NTF);
	nla_put_string(m, VFPROV_A_PF_ADDR, "0000:4e:00.0");
	nla_put_u32(m, VFPROV_A_PF_CHANGE, VFPROV_PF_CHANGE_CONFIG);
	nla_put_u32(m, VFPROV_A_PF_STATE, VFPROV_STATE_IDLE);
	nla_put_u32(m, VFPROV_A_PF_NUM_VFS, 2);
	nla_put_u32(m, VFPROV_A_PF_BACKEND, VFPROV_BACKEND_PCI);
	nla_put_u64(m, VFPROV_A_PF_GENERATION, 9);
	ok(!nlm_event(nlmsg_hdr(m), &ev), "pf-ntf parses");
	ok(ev.have_pf && ev.event == VFCTL_EV_PF_CONFIG && !ev.have_result,
	   "pf-ntf config: a PF event, no outcome");
	is_str(event_word(&ev), "pf-config", "pf-ntf: its word");
	ok(ev.num_vfs == 2 && ev.have_gen && ev.generation == 9 &&
	   ev.state == VFPROV_STATE_IDLE, "pf-ntf: the PF's state");
	is_str(ev.backend, "pci", "pf-ntf: backend word");
	nlmsg_free(m);

	m = msg_new(FAM, VFPROV_CMD_PF_NTF);
	nla_put_string(m, VFPROV_A_PF_ADDR, "0000:4e:00.0");
	nla_put_u32(m, VFPROV_A_PF_CHANGE, VFPROV_PF_CHANGE_REMOVED);
	nla_put_u32(m, VFPROV_A_PF_STATE, VFPROV_STATE_GONE);
	ok(!nlm_event(nlmsg_hdr(m), &ev) && ev.event == VFCTL_EV_PF_REMOVED,
	   "pf-ntf removed");
	nlmsg_free(m);

	m = msg_new(FAM, VFPROV_CMD_PF_GET);
	ok(nlm_event(nlmsg_hdr(m), &ev), "a reply is not an event");
	nlmsg_free(m);
}

static void put_grp(struct nl_msg *m, int idx, const char *name, uint32_t id)
{
	struct nlattr *n = nla_nest_start(m, idx);

	nla_put_string(m, CTRL_ATTR_MCAST_GRP_NAME, name);
	nla_put_u32(m, CTRL_ATTR_MCAST_GRP_ID, id);
	nla_nest_end(m, n);
}

static void family(void)
{
	struct nlm_family f;
	struct nl_msg *m;
	struct nlattr *n;
	uint32_t v;

	for (v = 1; v <= 2; v++) {
		m = msg_new(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
		nla_put_string(m, CTRL_ATTR_FAMILY_NAME, "vfprov");
		nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FAM);
		nla_put_u32(m, CTRL_ATTR_VERSION, v);
		n = nla_nest_start(m, CTRL_ATTR_MCAST_GROUPS);
		put_grp(m, 1, "audit", 11);
		put_grp(m, 2, "events", 10);
		nla_nest_end(m, n);
		ok(!nlm_family(nlmsg_hdr(m), "events", &f), "family reply v%u parses", v);
		ok(f.id == FAM && f.version == v, "family id and version %u", v);
		ok(f.mcgrp == 10, "the events group among two, got %d", f.mcgrp);
		nlmsg_free(m);
	}
	{
		char err[256] = "";

		ok(nlm_check_version(1, err, sizeof(err)) == EXIT_ABI,
		   "a v1 module is refused with EXIT_ABI (%d)", EXIT_ABI);
		is_str(err, "vfprov module speaks netlink ABI v1, this vfctl needs v2: rebuild/reinstall the module (dkms)",
		       "the v1 refusal says what to do");
		ok(nlm_check_version(2, err, sizeof(err)) == 0, "v2 is spoken");
		ok(nlm_check_version(3, err, sizeof(err)) == 0,
		   "a newer version (attributes only appended) is spoken");
	}
	m = msg_new(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FAM);
	ok(!nlm_family(nlmsg_hdr(m), "events", &f) && f.version == 0 &&
	   f.mcgrp == -1, "no version, no groups: version 0 (refused), no group");
	nlmsg_free(m);
}

static void roundtrip(void)
{
	static struct vf_req req, back;
	struct vf_result r = { 0 };
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_PLAN);
	struct nlattr *cfg, *a;
	int rem, n64 = 0;

	memset(&req, 0, sizeof(req));
	req.set = REQ_SET_NUM_VFS | REQ_SET_LMEM_SPARE | REQ_SET_CTX_SPARE |
		  REQ_SET_IDLE | REQ_SET_PF_EQ;
	req.num_vfs = 3;
	req.lmem_spare = 3ull << 30;
	req.contexts_spare = 256;
	req.sched_if_idle = 1;
	req.pf_eq = 20;
	req.vf[1].set = VF_SET_LMEM | VF_SET_DOORBELLS | VF_SET_WEIGHT;
	req.vf[1].lmem = 6ull << 30;
	req.vf[1].doorbells = 60;
	req.vf[1].weight = 3;
	req.vf[2].set = VF_SET_EQ;
	req.vf[2].eq = 8;
	ok(!nlm_put_config(m, VFPROV_A_TXN_PLAN, &req), "config nest built");
	cfg = nlmsg_find_attr(nlmsg_hdr(m), GENL_HDRLEN, VFPROV_A_TXN_PLAN);
	nla_for_each_nested(a, cfg, rem)
		if (nla_type(a) == VFPROV_A_CONFIG_CONTEXTS_SPARE ||
		    nla_type(a) == VFPROV_A_CONFIG_LMEM_SPARE)
			n64 += nla_len(a) == 8;
	ok(n64 == 2, "spares go out as u64 (contexts too)");
	ok(!nlm_txn_reply(nlmsg_hdr(m), &r, &back), "read back as a plan");
	ok(back.set == req.set && back.num_vfs == 3 &&
	   back.lmem_spare == req.lmem_spare && back.contexts_spare == 256 &&
	   back.sched_if_idle == 1 && back.pf_eq == 20, "PF fields round-trip");
	ok(back.vf[1].set == req.vf[1].set && back.vf[1].lmem == req.vf[1].lmem &&
	   back.vf[1].doorbells == 60 && back.vf[1].weight == 3,
	   "VF 2 round-trips");
	ok(back.vf[2].set == VF_SET_EQ && back.vf[2].eq == 8 && !back.vf[0].set,
	   "VF 3 round-trips, VF 1 (unset) is not sent");
	nlmsg_free(m);
}

/* GT values go out as GT entries of their VF entry */
static void roundtrip_gt(void)
{
	static struct vf_req req, back;
	struct vf_result r = { 0 };
	struct nl_msg *m = msg_new(FAM, VFPROV_CMD_PLAN);
	struct nlattr *cfg, *a, *g;
	char err[256];
	int rem, grem, ngt = 0, n64 = 0;

	memset(&req, 0, sizeof(req));
	ok(!req_set_key(&req, "vfs", "2", err, sizeof(err)) &&
	   !req_set_key(&req, "vf.1.gt1.contexts", "512", err, sizeof(err)) &&
	   !req_set_key(&req, "vf.1.gt1.doorbells", "16", err, sizeof(err)) &&
	   !req_set_key(&req, "vf.2.gt0.exec_quantum_ms", "10", err, sizeof(err)) &&
	   !req_set_key(&req, "vf.2.gt1.preempt_timeout_us", "0", err, sizeof(err)),
	   "gt keys set (%s)", err);
	ok(!nlm_put_config(m, VFPROV_A_TXN_PLAN, &req), "config nest with GT entries built");
	cfg = nlmsg_find_attr(nlmsg_hdr(m), GENL_HDRLEN, VFPROV_A_TXN_PLAN);
	nla_for_each_nested(a, cfg, rem) {
		if (nla_type(a) != VFPROV_A_CONFIG_VF)
			continue;
		nla_for_each_nested(g, a, grem) {
			struct nlattr *tb[VFPROV_A_VF_GT_CONFIG_MAX + 1];

			if (nla_type(g) != VFPROV_A_VF_CONFIG_GT)
				continue;
			ngt++;
			nla_parse_nested(tb, VFPROV_A_VF_GT_CONFIG_MAX, g, NULL);
			n64 += tb[VFPROV_A_VF_GT_CONFIG_CONTEXTS] &&
			       nla_len(tb[VFPROV_A_VF_GT_CONFIG_CONTEXTS]) == 8;
			n64 += tb[VFPROV_A_VF_GT_CONFIG_DOORBELLS] &&
			       nla_len(tb[VFPROV_A_VF_GT_CONFIG_DOORBELLS]) == 8;
		}
	}
	ok(ngt == 3, "three GT entries (VF 1 gt1, VF 2 gt0 and gt1), got %d", ngt);
	ok(n64 == 2, "GT contexts and doorbells go out as u64");
	ok(!nlm_txn_reply(nlmsg_hdr(m), &r, &back), "read back as a plan");
	ok(back.vf[0].set == VF_SET_GT && back.vf[0].gt[1].contexts == 512 &&
	   back.vf[0].gt[1].doorbells == 16 && !back.vf[0].gt[0].set,
	   "VF 1 gt1 round-trips");
	ok(back.vf[1].gt[0].set == VF_SET_EQ && back.vf[1].gt[0].eq == 10 &&
	   back.vf[1].gt[1].set == VF_SET_PT && back.vf[1].gt[1].pt == 0,
	   "VF 2 gt0 and gt1 round-trip");
	nlmsg_free(m);
}

int main(void)
{
	pf_reply();
	apply_replies();
	events();
	family();
	roundtrip();
	pf_gt_reply();
	roundtrip_gt();
	return tap_done();
}
