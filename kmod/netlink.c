// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink front-end of vfprov: family "vfprov", version 2
 * (Documentation/netlink/specs/vfprov.yaml), with its "events" and
 * "audit" multicast groups.
 *
 * The ops table and every op's strict policy are generated from the spec
 * (netlink-gen.c, scripts/ynl-gen.sh): unknown attributes, wrong types,
 * out of range values, oversize strings and attributes nested where they
 * do not belong are refused by the genetlink core before our code runs,
 * with an extack naming the attribute. The family struct stays here: the
 * "audit" group needs GENL_MCAST_CAP_SYS_ADMIN, which the generator cannot
 * express, and resv_start_op is probed (compat.h).
 *
 * Namespaces: the family is not netnsok. PCI devices belong to no network
 * namespace and a mutation rebinds host devices, so vfprov is reachable
 * from the initial network namespace only, and its events go there.
 *
 * Privilege: PF_GET, VF_GET and PLAN are open to every user, and so is
 * the "events" group, which names no requester. APPLY and RESET need
 * CAP_NET_ADMIN (GENL_ADMIN_PERM, from the spec) and CAP_SYS_ADMIN, both
 * in the initial user namespace. "audit" (events plus who asked) only
 * CAP_SYS_ADMIN may join; where the kernel cannot enforce that
 * (compat.h), the group does not exist.
 *
 * APPLY and RESET are asynchronous: the core checks the request, queues it
 * to its transaction worker and the reply carries pf-addr and txn-id at
 * once; a request refused before it was queued adds the outcome (result
 * rejected) and acks with the errno. No doit waits for a transaction, so
 * genl's cb_lock is never held across one. The transaction's end is a
 * txn-ntf (and a pf-ntf with change "config" when it touched the PF).
 *
 * Extack: a short static message and the offending attribute; the whole
 * reason is the outcome's message. The core blames fields (enum
 * vfprov_field); this file alone maps a field to an attribute.
 * parallel_ops: the registry and the per-PF transaction lock serialise.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "compat.h"
#include "events.h"
#include "netlink-gen.h"
#include "vfprov.h"

/*
 * Message sizes, from what the fill functions below put: upper bounds
 * (every optional attribute, strings at their longest), so a fill never
 * fails for room.
 */
#define VFPROV_NL_U32		nla_total_size(sizeof(u32))
#define VFPROV_NL_U64		nla_total_size_64bit(sizeof(u64))
#define VFPROV_NL_STR(len)	nla_total_size(len)
#define VFPROV_NL_NEST		nla_total_size(0)

static size_t vfprov_vf_cfg_size(void)
{
	return VFPROV_NL_NEST + VFPROV_NL_U32 +
	       VFPROV_RES_COUNT * VFPROV_NL_U64 + 3 * VFPROV_NL_U32 +
	       VFPROV_THR_COUNT * VFPROV_NL_U32 +
	       VFPROV_MAX_GT * (VFPROV_NL_NEST + 3 * VFPROV_NL_U32 +
				2 * VFPROV_NL_U64);
}

/* A config nest; with its VFs (up to @num_vfs), or without any. */
static size_t vfprov_cfg_size(u32 num_vfs)
{
	u32 n = min_t(u32, num_vfs, VFPROV_MAX_VFS);

	return VFPROV_NL_NEST + 4 * VFPROV_NL_U32 +
	       VFPROV_RES_COUNT * VFPROV_NL_U64 + nla_total_size(sizeof(u8)) +
	       2 * VFPROV_NL_U32 + nla_total_size(sizeof(u8)) +
	       n * vfprov_vf_cfg_size();
}

static size_t vfprov_outcome_size(const struct vfprov_outcome *o, bool full)
{
	size_t n = VFPROV_NL_NEST + 2 * VFPROV_NL_U64 + 5 * VFPROV_NL_U32 +
		   VFPROV_NL_U32 + VFPROV_NL_STR(VFPROV_MSG_LEN);

	if (full)
		n += hweight64(o->disrupt_off | o->disrupt_rebind) *
		     (VFPROV_NL_NEST + 2 * VFPROV_NL_U32);
	return n;
}

/* A PF; @full: with per-VF config and the outcomes' disrupted VFs. */
static size_t vfprov_pf_size(const struct vfprov_pf_info *pi, bool full)
{
	size_t n = VFPROV_NL_STR(VFPROV_ADDR_LEN) +
		   VFPROV_NL_STR(sizeof_field(struct vfprov_pf_info, driver)) +
		   6 * VFPROV_NL_U32 + VFPROV_NL_U64 +
		   VFPROV_RES_COUNT * (VFPROV_NL_NEST + VFPROV_NL_U32 +
				       6 * VFPROV_NL_U64) +
		   VFPROV_NL_NEST + VFPROV_NL_U64 + 3 * VFPROV_NL_U32 +
		   2 * VFPROV_NL_U32;	/* caps, gts */
	unsigned int k;

	if (pi->cfg)
		n += vfprov_cfg_size(full ? pi->cfg->num_vfs : 0);
	for (k = 0; k < pi->n_outcomes; k++)
		n += vfprov_outcome_size(&pi->outcome[k], full);
	return n;
}

/* with state, lmem-alloc, the adverse nests, and a vf-ntf's change, action */
static size_t vfprov_vf_info_size(void)
{
	return VFPROV_NL_STR(VFPROV_ADDR_LEN) + 2 * VFPROV_NL_U32 +
	       2 * nla_total_size(sizeof(u8)) + VFPROV_NL_STR(VFPROV_ADDR_LEN) +
	       VFPROV_NL_STR(sizeof_field(struct vfprov_vf_info, driver)) +
	       vfprov_vf_cfg_size() + 3 * VFPROV_NL_U32 + VFPROV_NL_U64 +
	       VFPROV_ADVERSE_KINDS * (VFPROV_NL_NEST + VFPROV_NL_U32 +
				       VFPROV_NL_U64);
}

enum vfprov_mcgrp {
	VFPROV_MCGRP_EVENTS_ID,
#ifdef VFPROV_HAVE_MCAST_AUDIT
	VFPROV_MCGRP_AUDIT_ID,
#endif
};

static const struct genl_multicast_group vfprov_mcgrps[] = {
	[VFPROV_MCGRP_EVENTS_ID] = { .name = VFPROV_MCGRP_EVENTS },
#ifdef VFPROV_HAVE_MCAST_AUDIT
	[VFPROV_MCGRP_AUDIT_ID] = { .name = VFPROV_MCGRP_AUDIT,
				    .flags = GENL_MCAST_CAP_SYS_ADMIN },
#endif
};

static struct genl_family vfprov_genl_family __ro_after_init = {
	.name		= VFPROV_GENL_NAME,
	.version	= VFPROV_GENL_VERSION,
	.netnsok	= false,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= vfprov_nl_ops,
	.n_ops		= ARRAY_SIZE(vfprov_nl_ops),
#ifdef VFPROV_HAVE_RESV_START_OP
	/* Every real command gets strict header and attribute checks. */
	.resv_start_op	= VFPROV_CMD_PF_GET,
#endif
	.mcgrps		= vfprov_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vfprov_mcgrps),
};

/* ---- fields and attributes ------------------------------------------ */

/* Where a field of the core sits in a request: config, VF or txn. */
static const struct vfprov_nl_field_attr {
	u16 cfg;		/* VFPROV_A_CONFIG_* */
	u16 vf;			/* VFPROV_A_VF_CONFIG_* */
	u16 txn;		/* VFPROV_A_TXN_* */
} vfprov_nl_fields[VFPROV_FIELD_COUNT] = {
	[VFPROV_FIELD_NUM_VFS]	= { .cfg = VFPROV_A_CONFIG_NUM_VFS },
	[VFPROV_FIELD_VF_DRIVER] = { .cfg = VFPROV_A_CONFIG_VF_DRIVER },
	[VFPROV_FIELD_GGTT]	= { .vf = VFPROV_A_VF_CONFIG_GGTT },
	[VFPROV_FIELD_LMEM]	= { .vf = VFPROV_A_VF_CONFIG_LMEM },
	[VFPROV_FIELD_CONTEXTS]	= { .vf = VFPROV_A_VF_CONFIG_CONTEXTS },
	[VFPROV_FIELD_DOORBELLS] = { .vf = VFPROV_A_VF_CONFIG_DOORBELLS },
	[VFPROV_FIELD_EXEC_QUANTUM_MS] = {
		.cfg = VFPROV_A_CONFIG_EXEC_QUANTUM_MS,
		.vf = VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS },
	[VFPROV_FIELD_PREEMPT_TIMEOUT_US] = {
		.cfg = VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US,
		.vf = VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US },
	[VFPROV_FIELD_WEIGHT]	= { .vf = VFPROV_A_VF_CONFIG_WEIGHT },
	[VFPROV_FIELD_GGTT_SPARE] = { .cfg = VFPROV_A_CONFIG_GGTT_SPARE },
	[VFPROV_FIELD_LMEM_SPARE] = { .cfg = VFPROV_A_CONFIG_LMEM_SPARE },
	[VFPROV_FIELD_CONTEXTS_SPARE] = {
		.cfg = VFPROV_A_CONFIG_CONTEXTS_SPARE },
	[VFPROV_FIELD_DOORBELLS_SPARE] = {
		.cfg = VFPROV_A_CONFIG_DOORBELLS_SPARE },
	[VFPROV_FIELD_SCHED_IF_IDLE] = { .cfg = VFPROV_A_CONFIG_SCHED_IF_IDLE },
	[VFPROV_FIELD_VF_ID]	= { .vf = VFPROV_A_VF_CONFIG_ID },
	[VFPROV_FIELD_FLAGS]	= { .txn = VFPROV_A_TXN_FLAGS },
	[VFPROV_FIELD_EXPECTED_GEN] = { .txn = VFPROV_A_TXN_EXPECTED_GEN },
	[VFPROV_FIELD_THRESHOLD_CAT_ERROR_COUNT] = {
		.vf = VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT },
	[VFPROV_FIELD_THRESHOLD_ENGINE_RESET_COUNT] = {
		.vf = VFPROV_A_VF_CONFIG_THRESHOLD_ENGINE_RESET_COUNT },
	[VFPROV_FIELD_THRESHOLD_PAGE_FAULT_COUNT] = {
		.vf = VFPROV_A_VF_CONFIG_THRESHOLD_PAGE_FAULT_COUNT },
	[VFPROV_FIELD_THRESHOLD_H2G_TIME_US] = {
		.vf = VFPROV_A_VF_CONFIG_THRESHOLD_H2G_TIME_US },
	[VFPROV_FIELD_THRESHOLD_IRQ_TIME_US] = {
		.vf = VFPROV_A_VF_CONFIG_THRESHOLD_IRQ_TIME_US },
	[VFPROV_FIELD_THRESHOLD_DOORBELL_TIME_US] = {
		.vf = VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US },
	[VFPROV_FIELD_ENGINE_RESET] = { .cfg = VFPROV_A_CONFIG_ENGINE_RESET },
	[VFPROV_FIELD_SAMPLE_PERIOD_MS] = {
		.cfg = VFPROV_A_CONFIG_SAMPLE_PERIOD_MS },
	[VFPROV_FIELD_SCHED_PRIORITY] = { .cfg = VFPROV_A_CONFIG_SCHED_PRIORITY },
};

/*
 * PLAN, APPLY and RESET parse the same top-level txn attributes (the spec
 * gives them one request), so any VFPROV_A_TXN_* up to this one indexes
 * their info->attrs safely.
 */
#define VFPROV_NL_TXN_MAXATTR	VFPROV_A_TXN_EXPECTED_GEN

/* A parsed txn request and where each value came from, for extack. */
struct vfprov_nl_req {
	struct vfprov_request req;
	struct vfprov_pf_cfg cfg;
	struct nlattr *cfg_tb[VFPROV_A_CONFIG_MAX + 1];
	struct nlattr *vf_nest[VFPROV_MAX_VFS];
	struct nlattr *vf_tb[VFPROV_MAX_VFS][VFPROV_A_VF_CONFIG_MAX + 1];
};

/*
 * NL_SET_ERR_MSG*() want a string literal; ours are static strings chosen
 * at run time, which is just as long-lived. Never formatted: the 80 bytes
 * of NL_SET_ERR_MSG_FMT cut long reasons ("truncated extack").
 */
static void vfprov_extack(struct netlink_ext_ack *extack,
			  const struct nlattr *bad, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	if (bad)
		extack->bad_attr = bad;
}

/* The attribute the core's field (and VF) points at, or a fallback. */
static const struct nlattr *vfprov_nl_blame(struct genl_info *info,
					    const struct vfprov_nl_req *r,
					    const struct vfprov_outcome *o)
{
	const struct vfprov_nl_field_attr *fa;
	const struct nlattr *bad = NULL;

	fa = &vfprov_nl_fields[o->field < VFPROV_FIELD_COUNT ? o->field : 0];
	if (r && o->vf && o->vf <= VFPROV_MAX_VFS) {
		if (fa->vf)
			bad = r->vf_tb[o->vf - 1][fa->vf];
		if (!bad && !fa->cfg && !fa->txn)
			bad = r->vf_nest[o->vf - 1];
	}
	if (!bad && r && fa->cfg)
		bad = r->cfg_tb[fa->cfg];
	if (!bad && fa->txn && fa->txn <= VFPROV_NL_TXN_MAXATTR)
		bad = info->attrs[fa->txn];
	if (!bad && r && o->vf && o->vf <= VFPROV_MAX_VFS)
		bad = r->vf_nest[o->vf - 1];
	if (!bad && info->attrs[VFPROV_A_TXN_CONFIG])
		bad = info->attrs[VFPROV_A_TXN_CONFIG];
	return bad ? bad : info->attrs[VFPROV_A_TXN_PF_ADDR];
}

static void vfprov_nl_set_extack(struct genl_info *info,
				 const struct vfprov_nl_req *r,
				 const struct vfprov_outcome *o)
{
	vfprov_extack(info->extack, vfprov_nl_blame(info, r, o),
		      o->emsg ? o->emsg : vfprov_field(o->field)->emsg);
}

static int vfprov_require(struct genl_info *info, int attr, const char *msg)
{
	if (info->attrs[attr])
		return 0;
	vfprov_extack(info->extack, NULL, msg);
	NL_SET_ERR_ATTR_MISS(info->extack, NULL, attr);
	return -EINVAL;
}

/* @attr: the PF address attribute of the op's attribute set. */
static struct vfprov_pf *vfprov_nl_pf(struct genl_info *info, int attr)
{
	struct vfprov_pf *pf;

	if (vfprov_require(info, attr, "PF address (pf addr) required"))
		return ERR_PTR(-EINVAL);
	pf = vfprov_pf_find(nla_data(info->attrs[attr]));
	if (!pf) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
				    "no such SR-IOV PF");
		return ERR_PTR(-ENODEV);
	}
	return pf;
}

/* ---- request parsing ------------------------------------------------ */

static void vfprov_take_u32(const struct nlattr *a, u32 *field, u32 *set,
			    u32 flag)
{
	if (!a)
		return;
	*field = nla_get_u32(a);
	*set |= flag;
}

static void vfprov_take_u64(const struct nlattr *a, u64 *field, u32 *set,
			    u32 flag)
{
	if (!a)
		return;
	*field = nla_get_u64(a);
	*set |= flag;
}

static void vfprov_parse_vf_values(struct nlattr **tb, struct vfprov_vf_cfg *v)
{
	static const u16 quota_attr[VFPROV_RES_COUNT] = {
		VFPROV_A_VF_CONFIG_GGTT, VFPROV_A_VF_CONFIG_LMEM,
		VFPROV_A_VF_CONFIG_CONTEXTS, VFPROV_A_VF_CONFIG_DOORBELLS,
	};
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++)
		vfprov_take_u64(tb[quota_attr[r]], &v->quota[r], &v->set,
				VFPROV_SET_QUOTA(r));
	for (r = 0; r < VFPROV_THR_COUNT; r++)
		vfprov_take_u32(tb[VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT + r],
				&v->threshold[r], &v->set,
				VFPROV_SET_THRESHOLD(r));
	vfprov_take_u32(tb[VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS],
			&v->exec_quantum_ms, &v->set, VFPROV_SET_EXEC_QUANTUM);
	vfprov_take_u32(tb[VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US],
			&v->preempt_timeout_us, &v->set,
			VFPROV_SET_PREEMPT_TIMEOUT);
	vfprov_take_u32(tb[VFPROV_A_VF_CONFIG_WEIGHT], &v->weight, &v->set,
			VFPROV_SET_WEIGHT);
}

/* One GT entry of a VF entry: values that GT holds apart from the VF's. */
static int vfprov_parse_vf_gt(struct nlattr *a, struct vfprov_vf_cfg *v,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VFPROV_A_VF_GT_CONFIG_MAX + 1];
	struct vfprov_gt_cfg *g;
	int err;

	err = nla_parse_nested(tb, VFPROV_A_VF_GT_CONFIG_MAX, a,
			       vfprov_vf_gt_config_nl_policy, extack);
	if (err)
		return err;
	if (!tb[VFPROV_A_VF_GT_CONFIG_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, a, "GT entry without an id");
		return -EINVAL;
	}
	/* 0..VFPROV_MAX_GT: policy */
	g = &v->gt[nla_get_u32(tb[VFPROV_A_VF_GT_CONFIG_ID])];
	if (g->set) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPROV_A_VF_GT_CONFIG_ID],
				    "duplicate GT id");
		return -EINVAL;
	}
	vfprov_take_u64(tb[VFPROV_A_VF_GT_CONFIG_CONTEXTS],
			&g->quota[VFPROV_RES_CONTEXTS], &g->set,
			VFPROV_SET_QUOTA(VFPROV_RES_CONTEXTS));
	vfprov_take_u64(tb[VFPROV_A_VF_GT_CONFIG_DOORBELLS],
			&g->quota[VFPROV_RES_DOORBELLS], &g->set,
			VFPROV_SET_QUOTA(VFPROV_RES_DOORBELLS));
	vfprov_take_u32(tb[VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS],
			&g->exec_quantum_ms, &g->set, VFPROV_SET_EXEC_QUANTUM);
	vfprov_take_u32(tb[VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US],
			&g->preempt_timeout_us, &g->set,
			VFPROV_SET_PREEMPT_TIMEOUT);
	if (!g->set) {
		NL_SET_ERR_MSG_ATTR(extack, a, "GT entry without a value");
		return -EINVAL;
	}
	return 0;
}

static int vfprov_parse_vf_gts(struct nlattr *a, struct vfprov_vf_cfg *v,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *g;
	int rem, err;

	nla_for_each_nested(g, a, rem) {
		if (nla_type(g) != VFPROV_A_VF_CONFIG_GT)
			continue;
		err = vfprov_parse_vf_gt(g, v, extack);
		if (err)
			return err;
	}
	return 0;
}

/* One multi-attr VF entry of the config nest. */
static int vfprov_parse_vf(struct nlattr *a, struct vfprov_nl_req *r,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VFPROV_A_VF_CONFIG_MAX + 1];
	u32 id;
	int err;

	err = nla_parse_nested(tb, VFPROV_A_VF_CONFIG_MAX, a,
			       vfprov_vf_config_nl_policy, extack);
	if (err)
		return err;
	if (!tb[VFPROV_A_VF_CONFIG_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, a, "VF entry without an id");
		return -EINVAL;
	}
	id = nla_get_u32(tb[VFPROV_A_VF_CONFIG_ID]);	/* 1..MAX: policy */
	if (r->vf_nest[id - 1]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VFPROV_A_VF_CONFIG_ID],
				    "duplicate VF id");
		return -EINVAL;
	}
	r->vf_nest[id - 1] = a;
	memcpy(r->vf_tb[id - 1], tb, sizeof(tb));
	vfprov_parse_vf_values(tb, &r->cfg.vf[id - 1]);
	return vfprov_parse_vf_gts(a, &r->cfg.vf[id - 1], extack);
}

static void vfprov_parse_pf_values(struct nlattr **tb, struct vfprov_pf_cfg *c)
{
	int r;

	vfprov_take_u32(tb[VFPROV_A_CONFIG_NUM_VFS], &c->num_vfs, &c->set,
			VFPROV_SET_NUM_VFS);
	vfprov_take_u32(tb[VFPROV_A_CONFIG_VF_DRIVER], &c->vf_driver, &c->set,
			VFPROV_SET_VF_DRIVER);
	for (r = 0; r < VFPROV_RES_COUNT; r++)
		vfprov_take_u64(tb[VFPROV_A_CONFIG_GGTT_SPARE + r],
				&c->spare[r], &c->set, VFPROV_SET_SPARE(r));
	vfprov_take_u32(tb[VFPROV_A_CONFIG_EXEC_QUANTUM_MS],
			&c->exec_quantum_ms, &c->set, VFPROV_SET_EXEC_QUANTUM);
	vfprov_take_u32(tb[VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US],
			&c->preempt_timeout_us, &c->set,
			VFPROV_SET_PREEMPT_TIMEOUT);
	if (tb[VFPROV_A_CONFIG_SCHED_IF_IDLE]) {
		c->sched_if_idle = nla_get_u8(tb[VFPROV_A_CONFIG_SCHED_IF_IDLE]);
		c->set |= VFPROV_SET_SCHED_IF_IDLE;
	}
	if (tb[VFPROV_A_CONFIG_ENGINE_RESET]) {
		c->engine_reset = nla_get_u8(tb[VFPROV_A_CONFIG_ENGINE_RESET]);
		c->set |= VFPROV_SET_ENGINE_RESET;
	}
	vfprov_take_u32(tb[VFPROV_A_CONFIG_SAMPLE_PERIOD_MS],
			&c->sample_period_ms, &c->set, VFPROV_SET_SAMPLE_PERIOD);
	vfprov_take_u32(tb[VFPROV_A_CONFIG_SCHED_PRIORITY],
			&c->sched_priority, &c->set, VFPROV_SET_SCHED_PRIORITY);
}

static int vfprov_parse_config(struct genl_info *info, struct vfprov_nl_req *r)
{
	struct nlattr *nest = info->attrs[VFPROV_A_TXN_CONFIG];
	struct nlattr *a;
	int rem, err;

	err = vfprov_require(info, VFPROV_A_TXN_CONFIG,
			     "configuration (txn config) required");
	if (err)
		return err;
	err = nla_parse_nested(r->cfg_tb, VFPROV_A_CONFIG_MAX, nest,
			       vfprov_config_nl_policy, info->extack);
	if (err)
		return err;
	if (!r->cfg_tb[VFPROV_A_CONFIG_NUM_VFS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "config num-vfs required");
		return -EINVAL;
	}
	vfprov_parse_pf_values(r->cfg_tb, &r->cfg);
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != VFPROV_A_CONFIG_VF)
			continue;
		err = vfprov_parse_vf(a, r, info->extack);
		if (err)
			return err;
	}
	r->req.cfg = &r->cfg;
	return 0;
}

/* Flags and expected generation; the policy masked unknown flags. */
static void vfprov_parse_request(struct genl_info *info,
				 struct vfprov_nl_req *r)
{
	struct nlattr *gen = info->attrs[VFPROV_A_TXN_EXPECTED_GEN];

	if (info->attrs[VFPROV_A_TXN_FLAGS])
		r->req.flags = nla_get_u32(info->attrs[VFPROV_A_TXN_FLAGS]);
	if (r->req.flags & VFPROV_FLAGS_REBALANCE)
		r->cfg.set |= VFPROV_SET_REBALANCE;
	if (gen) {
		r->req.check_gen = true;
		r->req.expected_gen = nla_get_u64(gen);
	}
	vfprov_who_current(&r->req.who);
}

/* ---- filling messages ------------------------------------------------ */

/* GT entries of a VF: each GT that holds values of its own, those only. */
static int vfprov_put_vf_gts(struct sk_buff *skb, const struct vfprov_vf_cfg *v)
{
	struct nlattr *nest;
	u32 gt;
	int r;

	for (gt = 0; gt < VFPROV_GTS; gt++) {
		const struct vfprov_gt_cfg *g = &v->gt[gt];

		if (!(g->set & VFPROV_SET_GT_VALUES))
			continue;
		nest = nla_nest_start(skb, VFPROV_A_VF_CONFIG_GT);
		if (!nest || nla_put_u32(skb, VFPROV_A_VF_GT_CONFIG_ID, gt))
			return -EMSGSIZE;
		for (r = VFPROV_RES_CONTEXTS; r <= VFPROV_RES_DOORBELLS; r++)
			if (g->set & VFPROV_SET_QUOTA(r) &&
			    nla_put_u64_64bit(skb, r == VFPROV_RES_CONTEXTS ?
					      VFPROV_A_VF_GT_CONFIG_CONTEXTS :
					      VFPROV_A_VF_GT_CONFIG_DOORBELLS,
					      g->quota[r],
					      VFPROV_A_VF_GT_CONFIG_PAD))
				return -EMSGSIZE;
		if ((g->set & VFPROV_SET_EXEC_QUANTUM &&
		     nla_put_u32(skb, VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS,
				 g->exec_quantum_ms)) ||
		    (g->set & VFPROV_SET_PREEMPT_TIMEOUT &&
		     nla_put_u32(skb, VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US,
				 g->preempt_timeout_us)))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int vfprov_put_vf_cfg(struct sk_buff *skb, int type, u32 id,
			     const struct vfprov_vf_cfg *v)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int r;

	if (!nest || nla_put_u32(skb, VFPROV_A_VF_CONFIG_ID, id))
		return -EMSGSIZE;
	for (r = 0; r < VFPROV_RES_COUNT; r++)
		if (v->set & VFPROV_SET_QUOTA(r) &&
		    nla_put_u64_64bit(skb, VFPROV_A_VF_CONFIG_GGTT + r,
				      v->quota[r], VFPROV_A_VF_CONFIG_PAD))
			return -EMSGSIZE;
	if ((v->set & VFPROV_SET_EXEC_QUANTUM &&
	     nla_put_u32(skb, VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS,
			 v->exec_quantum_ms)) ||
	    (v->set & VFPROV_SET_PREEMPT_TIMEOUT &&
	     nla_put_u32(skb, VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US,
			 v->preempt_timeout_us)) ||
	    (v->set & VFPROV_SET_WEIGHT &&
	     nla_put_u32(skb, VFPROV_A_VF_CONFIG_WEIGHT, v->weight)))
		return -EMSGSIZE;
	for (r = 0; r < VFPROV_THR_COUNT; r++)
		if (v->set & VFPROV_SET_THRESHOLD(r) &&
		    nla_put_u32(skb, VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT + r,
				v->threshold[r]))
			return -EMSGSIZE;
	if (vfprov_put_vf_gts(skb, v))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A config nest of @type; @with_vfs: its VF entries too. */
static int vfprov_put_cfg(struct sk_buff *skb, int type,
			  const struct vfprov_pf_cfg *c, bool with_vfs)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	u32 i;
	int r;

	if (!nest ||
	    nla_put_u32(skb, VFPROV_A_CONFIG_NUM_VFS, c->num_vfs) ||
	    nla_put_u32(skb, VFPROV_A_CONFIG_VF_DRIVER, c->vf_driver))
		return -EMSGSIZE;
	for (r = 0; r < VFPROV_RES_COUNT; r++)
		if (c->set & VFPROV_SET_SPARE(r) &&
		    nla_put_u64_64bit(skb, VFPROV_A_CONFIG_GGTT_SPARE + r,
				      c->spare[r], VFPROV_A_CONFIG_PAD))
			return -EMSGSIZE;
	if ((c->set & VFPROV_SET_EXEC_QUANTUM &&
	     nla_put_u32(skb, VFPROV_A_CONFIG_EXEC_QUANTUM_MS,
			 c->exec_quantum_ms)) ||
	    (c->set & VFPROV_SET_PREEMPT_TIMEOUT &&
	     nla_put_u32(skb, VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US,
			 c->preempt_timeout_us)) ||
	    (c->set & VFPROV_SET_SCHED_IF_IDLE &&
	     nla_put_u8(skb, VFPROV_A_CONFIG_SCHED_IF_IDLE, c->sched_if_idle)) ||
	    (c->set & VFPROV_SET_ENGINE_RESET &&
	     nla_put_u8(skb, VFPROV_A_CONFIG_ENGINE_RESET, c->engine_reset)) ||
	    (c->set & VFPROV_SET_SAMPLE_PERIOD &&
	     nla_put_u32(skb, VFPROV_A_CONFIG_SAMPLE_PERIOD_MS,
			 c->sample_period_ms)) ||
	    (c->set & VFPROV_SET_SCHED_PRIORITY &&
	     nla_put_u32(skb, VFPROV_A_CONFIG_SCHED_PRIORITY, c->sched_priority)))
		return -EMSGSIZE;
	for (i = 0; with_vfs && i < c->num_vfs && i < VFPROV_MAX_VFS; i++)
		if (vfprov_put_vf_cfg(skb, VFPROV_A_CONFIG_VF, i + 1, &c->vf[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vfprov_put_disrupted(struct sk_buff *skb,
				const struct vfprov_outcome *o)
{
	struct nlattr *vf;
	u32 i, what;

	for (i = 0; i < VFPROV_MAX_VFS; i++) {
		what = (o->disrupt_off >> i & 1 ? VFPROV_DISRUPT_DISABLE : 0) |
		       (o->disrupt_rebind >> i & 1 ? VFPROV_DISRUPT_REBIND : 0);
		if (!what)
			continue;
		vf = nla_nest_start(skb, VFPROV_A_OUTCOME_DISRUPTED);
		if (!vf || nla_put_u32(skb, VFPROV_A_DISRUPTED_VF_ID, i + 1) ||
		    nla_put_u32(skb, VFPROV_A_DISRUPTED_VF_WHAT, what))
			return -EMSGSIZE;
		nla_nest_end(skb, vf);
	}
	return 0;
}

/* An outcome nest of @type; @full: with the disrupted VFs. */
static int vfprov_put_outcome(struct sk_buff *skb, int type,
			      const struct vfprov_outcome *o, bool full)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u64_64bit(skb, VFPROV_A_OUTCOME_TXN_ID, o->txn_id,
			      VFPROV_A_OUTCOME_PAD) ||
	    nla_put_u32(skb, VFPROV_A_OUTCOME_OP, o->op) ||
	    nla_put_u32(skb, VFPROV_A_OUTCOME_RESULT, o->result) ||
	    nla_put_s32(skb, VFPROV_A_OUTCOME_ERRNO, o->err) ||
	    nla_put_string(skb, VFPROV_A_OUTCOME_MESSAGE, o->msg) ||
	    nla_put_u32(skb, VFPROV_A_OUTCOME_STEP, o->step) ||
	    nla_put_u32(skb, VFPROV_A_OUTCOME_VF, o->vf) ||
	    nla_put_u32(skb, VFPROV_A_OUTCOME_FIELD, o->field) ||
	    nla_put_u64_64bit(skb, VFPROV_A_OUTCOME_GENERATION, o->generation,
			      VFPROV_A_OUTCOME_PAD) ||
	    (full && vfprov_put_disrupted(skb, o)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int vfprov_put_res(struct sk_buff *skb, const struct vfprov_pf_info *pi)
{
	struct nlattr *one;
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		const struct vfprov_res_info *ri = &pi->res[r];

		one = nla_nest_start(skb, VFPROV_A_PF_RESOURCE);
		if (!one ||
		    nla_put_u32(skb, VFPROV_A_RESOURCE_TYPE, r) ||
		    nla_put_u64_64bit(skb, VFPROV_A_RESOURCE_FREE, ri->free,
				      VFPROV_A_RESOURCE_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_A_RESOURCE_MAX_QUOTA,
				      ri->max_quota, VFPROV_A_RESOURCE_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_A_RESOURCE_GRANULE,
				      ri->granule, VFPROV_A_RESOURCE_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_A_RESOURCE_SPARE, ri->spare,
				      VFPROV_A_RESOURCE_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_A_RESOURCE_SPARE_MIN,
				      ri->spare_min, VFPROV_A_RESOURCE_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_A_RESOURCE_VF_MAX, ri->vf_max,
				      VFPROV_A_RESOURCE_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, one);
	}
	return 0;
}

static int vfprov_put_running(struct sk_buff *skb,
			      const struct vfprov_txn_run *run)
{
	struct nlattr *nest;

	if (!run->id)
		return 0;
	nest = nla_nest_start(skb, VFPROV_A_PF_RUNNING);
	if (!nest ||
	    nla_put_u64_64bit(skb, VFPROV_A_TXN_STATUS_TXN_ID, run->id,
			      VFPROV_A_TXN_STATUS_PAD) ||
	    nla_put_u32(skb, VFPROV_A_TXN_STATUS_OP, run->op) ||
	    nla_put_u32(skb, VFPROV_A_TXN_STATUS_STEP, run->step) ||
	    nla_put_u32(skb, VFPROV_A_TXN_STATUS_VF, run->vf))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The PF attributes; @full: per-VF config, outcomes' disrupted VFs. */
static int vfprov_put_pf(struct sk_buff *skb, const struct vfprov_pf_info *pi,
			 bool full)
{
	unsigned int k;

	if (nla_put_string(skb, VFPROV_A_PF_ADDR, pi->addr) ||
	    nla_put_u32(skb, VFPROV_A_PF_BACKEND, pi->backend) ||
	    nla_put_string(skb, VFPROV_A_PF_DRIVER, pi->driver) ||
	    nla_put_u32(skb, VFPROV_A_PF_TOTAL_VFS, pi->total_vfs) ||
	    nla_put_u32(skb, VFPROV_A_PF_NUM_VFS, pi->num_vfs) ||
	    nla_put_u64_64bit(skb, VFPROV_A_PF_GENERATION, pi->generation,
			      VFPROV_A_PF_PAD) ||
	    nla_put_u32(skb, VFPROV_A_PF_STATE, pi->state) ||
	    nla_put_u32(skb, VFPROV_A_PF_CAPS, pi->caps) ||
	    nla_put_u32(skb, VFPROV_A_PF_GTS, pi->gts) ||
	    (pi->has_resources && vfprov_put_res(skb, pi)) ||
	    (pi->cfg && vfprov_put_cfg(skb, VFPROV_A_PF_CONFIG, pi->cfg, full)) ||
	    vfprov_put_running(skb, &pi->running))
		return -EMSGSIZE;
	for (k = 0; k < pi->n_outcomes; k++)
		if (vfprov_put_outcome(skb, VFPROV_A_PF_OUTCOME,
				       &pi->outcome[k], full))
			return -EMSGSIZE;
	return 0;
}

static int vfprov_fill_pf(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			  const struct vfprov_pf_info *pi,
			  struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vfprov_genl_family, flags,
			  VFPROV_CMD_PF_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (vfprov_put_pf(skb, pi, !cb)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* Adverse counters: the non-zero ones, or (a vf-ntf) those in @mask. */
static int vfprov_put_adverse(struct sk_buff *skb, const u64 *cnt, u32 mask)
{
	struct nlattr *nest;
	u32 k;

	for (k = 0; k < VFPROV_ADVERSE_KINDS; k++) {
		if (mask ? !(mask & BIT(k)) : !cnt[k])
			continue;
		nest = nla_nest_start(skb, VFPROV_A_VF_ADVERSE);
		if (!nest || nla_put_u32(skb, VFPROV_A_ADVERSE_COUNT_TYPE, k) ||
		    nla_put_u64_64bit(skb, VFPROV_A_ADVERSE_COUNT_COUNT, cnt[k],
				      VFPROV_A_ADVERSE_COUNT_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/* state, lmem-alloc, adverse; and for a vf-ntf (@ev) change and action */
static int vfprov_put_vf_health(struct sk_buff *skb,
				const struct vfprov_vf_info *vi,
				const struct vfprov_event *ev)
{
	bool adv_ntf = ev && ev->change == VFPROV_VF_CHANGE_ADVERSE;

	if (nla_put_u32(skb, VFPROV_A_VF_STATE, vi->state) ||
	    (vi->has_lmem_alloc &&
	     nla_put_u64_64bit(skb, VFPROV_A_VF_LMEM_ALLOC, vi->lmem_alloc,
			       VFPROV_A_VF_PAD)))
		return -EMSGSIZE;
	if (adv_ntf ? vfprov_put_adverse(skb, ev->adverse, ev->adverse_grew) :
	    vi->has_adverse && vfprov_put_adverse(skb, vi->adverse, 0))
		return -EMSGSIZE;
	if (ev && (nla_put_u32(skb, VFPROV_A_VF_CHANGE, ev->change) ||
		   (ev->change == VFPROV_VF_CHANGE_ACTION &&
		    nla_put_u32(skb, VFPROV_A_VF_ACTION, ev->action))))
		return -EMSGSIZE;
	return 0;
}

/* vf-get's answer, or with @ev a vf-ntf */
static int vfprov_fill_vf_ev(struct sk_buff *skb, u32 portid, u32 seq,
			     int flags, const char *addr,
			     const struct vfprov_vf_info *vi,
			     const struct vfprov_event *ev)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vfprov_genl_family, flags,
			  ev ? VFPROV_CMD_VF_NTF : VFPROV_CMD_VF_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPROV_A_VF_PF_ADDR, addr) ||
	    nla_put_u32(skb, VFPROV_A_VF_ID, vi->id) ||
	    nla_put_u8(skb, VFPROV_A_VF_ENABLED, vi->enabled) ||
	    nla_put_string(skb, VFPROV_A_VF_PCI_ADDR, vi->addr) ||
	    nla_put_string(skb, VFPROV_A_VF_DRIVER, vi->driver) ||
	    nla_put_s32(skb, VFPROV_A_VF_IOMMU_GROUP, vi->iommu_group) ||
	    nla_put_u8(skb, VFPROV_A_VF_IN_USE, vi->in_use) ||
	    vfprov_put_vf_cfg(skb, VFPROV_A_VF_CONFIG, vi->id, &vi->cfg) ||
	    vfprov_put_vf_health(skb, vi, ev)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vfprov_fill_vf(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			  const char *addr, const struct vfprov_vf_info *vi)
{
	return vfprov_fill_vf_ev(skb, portid, seq, flags, addr, vi, NULL);
}

/* PF info with room for the live config. */
static struct vfprov_pf_info *vfprov_pf_info_alloc(void)
{
	struct vfprov_pf_info *pi = kzalloc(sizeof(*pi), GFP_KERNEL);

	if (!pi)
		return NULL;
	pi->cfg = kzalloc(sizeof(*pi->cfg), GFP_KERNEL);
	if (!pi->cfg) {
		kfree(pi);
		return NULL;
	}
	return pi;
}

static void vfprov_pf_info_free(struct vfprov_pf_info *pi)
{
	if (pi)
		kfree(pi->cfg);
	kfree(pi);
}

/* ---- ops ------------------------------------------------------------- */

int vfprov_nl_pf_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct vfprov_pf_info *pi;
	struct vfprov_pf *pf;
	int err;

	pf = vfprov_nl_pf(info, VFPROV_A_PF_ADDR);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	pi = vfprov_pf_info_alloc();
	if (!pi)
		goto out;
	err = vfprov_pf_query(pf, pi);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VFPROV_A_PF_ADDR],
				    "cannot read the PF");
		goto out;
	}
	err = -ENOMEM;
	msg = genlmsg_new(vfprov_pf_size(pi, true), GFP_KERNEL);
	if (!msg)
		goto out;
	err = vfprov_fill_pf(msg, info->snd_portid, info->snd_seq, 0, pi, NULL);
	if (!err) {
		err = genlmsg_reply(msg, info);
		msg = NULL;
	}
out:
	nlmsg_free(msg);
	vfprov_pf_info_free(pi);
	vfprov_pf_put(pf);
	return err;
}

/*
 * cb->args[0]: registry cursor of the next PF. Entries carry what fits
 * NLMSG_GOODSIZE: no per-VF config and no disrupted VFs in the outcomes
 * (pf-get's doit has them). A PF added or removed during the dump marks
 * it NLM_F_DUMP_INTR (the registry generation is the dump's seq).
 */
int vfprov_nl_pf_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long pos = cb->args[0], prev;
	struct vfprov_pf_info *pi;
	struct vfprov_pf *pf;
	int err = 0;

	pi = vfprov_pf_info_alloc();
	if (!pi)
		return -ENOMEM;
	for (;;) {
		cb->seq = vfprov_registry_gen();
		prev = pos;
		pf = vfprov_pf_next(&pos);
		if (!pf)
			break;
		err = vfprov_pf_query(pf, pi);
		vfprov_pf_put(pf);
		if (err) {	/* gone or unreadable: skip it */
			err = 0;
			continue;
		}
		err = vfprov_fill_pf(skb, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI, pi, cb);
		if (err) {
			pos = prev;	/* retry this PF in the next skb */
			break;
		}
	}
	vfprov_pf_info_free(pi);
	cb->args[0] = pos;
	if (err && !skb->len)
		return err;
	return skb->len;
}

int vfprov_nl_vf_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_vf_info *vi;
	struct vfprov_pf *pf;
	struct sk_buff *msg;
	int err;

	err = vfprov_require(info, VFPROV_A_VF_ID, "VF id (vf id) required");
	if (err)
		return err;
	pf = vfprov_nl_pf(info, VFPROV_A_VF_PF_ADDR);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	vi = kzalloc(sizeof(*vi), GFP_KERNEL);
	msg = genlmsg_new(vfprov_vf_info_size(), GFP_KERNEL);
	if (!vi || !msg)
		goto out;
	err = vfprov_vf_query(pf, nla_get_u32(info->attrs[VFPROV_A_VF_ID]), vi);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VFPROV_A_VF_ID],
				    "no such VF on this PF");
		goto out;
	}
	err = vfprov_fill_vf(msg, info->snd_portid, info->snd_seq, 0,
			     vfprov_pf_name(pf), vi);
	if (!err) {
		err = genlmsg_reply(msg, info);
		msg = NULL;
	}
out:
	nlmsg_free(msg);
	kfree(vi);
	vfprov_pf_put(pf);
	return err;
}

/* The PF a VF dump names; the core validated the request already. */
static struct vfprov_pf *vfprov_nl_dump_pf(struct netlink_callback *cb,
					   struct nlattr **addr)
{
	struct nlattr *tb[VFPROV_A_VF_ID + 1];
	struct vfprov_pf *pf;
	int err;

	/* parsed again: genl_dumpit_info() changed in 6.2 (compat.h) */
	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, VFPROV_A_VF_ID,
			  vfprov_vf_get_nl_policy, cb->extack);
	if (err)
		return ERR_PTR(err);
	*addr = tb[VFPROV_A_VF_PF_ADDR];
	if (!*addr) {
		NL_SET_ERR_MSG(cb->extack, "PF address (vf pf-addr) required");
		NL_SET_ERR_ATTR_MISS(cb->extack, NULL, VFPROV_A_VF_PF_ADDR);
		return ERR_PTR(-EINVAL);
	}
	pf = vfprov_pf_find(nla_data(*addr));
	if (!pf) {
		NL_SET_ERR_MSG_ATTR(cb->extack, *addr, "no such SR-IOV PF");
		return ERR_PTR(-ENODEV);
	}
	return pf;
}

/* cb->args[0]: next VF id - 1. */
int vfprov_nl_vf_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vfprov_vf_info *vi;
	struct vfprov_pf *pf;
	struct nlattr *a;
	u32 last;
	int err;

	pf = vfprov_nl_dump_pf(cb, &a);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	vi = kzalloc(sizeof(*vi), GFP_KERNEL);
	if (!vi) {
		vfprov_pf_put(pf);
		return -ENOMEM;
	}
	/*
	 * Only the last VF ends the dump: an -ENOENT from the backend (a
	 * file the driver lacks, a PF removed under us) is an error.
	 */
	last = vfprov_vf_last(pf);
	err = 0;
	while (cb->args[0] < last) {
		err = vfprov_vf_query(pf, cb->args[0] + 1, vi);
		if (!err)
			err = vfprov_fill_vf(skb, NETLINK_CB(cb->skb).portid,
					     cb->nlh->nlmsg_seq, NLM_F_MULTI,
					     vfprov_pf_name(pf), vi);
		if (err)
			break;
		cb->args[0]++;
	}
	if (err && err != -EMSGSIZE)
		NL_SET_ERR_MSG_ATTR(cb->extack, a, "cannot read a VF of this PF");
	kfree(vi);
	vfprov_pf_put(pf);
	if (err && (err != -EMSGSIZE || !skb->len))
		return err;
	return skb->len;
}

/*
 * The answer to PLAN (@plan), APPLY or RESET: pf-addr, the txn-id of a
 * queued (or refused) transaction, and the outcome when there is one to
 * give now (a plan, or a refusal); then the errno and extack in the ack.
 */
static int vfprov_nl_answer(struct genl_info *info, struct vfprov_pf *pf,
			    struct vfprov_nl_req *r,
			    const struct vfprov_outcome *o,
			    const struct vfprov_pf_cfg *plan)
{
	bool with_outcome = plan || o->err;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(VFPROV_NL_STR(VFPROV_ADDR_LEN) + VFPROV_NL_U64 +
			  (with_outcome ? vfprov_outcome_size(o, true) : 0) +
			  (plan && !o->err ? vfprov_cfg_size(plan->num_vfs) : 0),
			  GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vfprov_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr ||
	    nla_put_string(msg, VFPROV_A_TXN_PF_ADDR, vfprov_pf_name(pf)) ||
	    (o->txn_id && nla_put_u64_64bit(msg, VFPROV_A_TXN_TXN_ID,
					    o->txn_id, VFPROV_A_TXN_PAD)) ||
	    (with_outcome &&
	     vfprov_put_outcome(msg, VFPROV_A_TXN_OUTCOME, o, true)) ||
	    (plan && !o->err &&
	     vfprov_put_cfg(msg, VFPROV_A_TXN_PLAN, plan, true))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	if (o->err) {
		vfprov_nl_set_extack(info, r, o);
		return o->err;
	}
	return err;
}

/* PLAN: the unprivileged dry run. */
int vfprov_nl_plan_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_pf_cfg *plan;
	struct vfprov_outcome *o;
	struct vfprov_nl_req *r;
	struct vfprov_pf *pf;
	int err;

	pf = vfprov_nl_pf(info, VFPROV_A_TXN_PF_ADDR);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	r = kvzalloc(sizeof(*r), GFP_KERNEL);
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	plan = kzalloc(sizeof(*plan), GFP_KERNEL);
	if (!r || !o || !plan)
		goto out;
	err = vfprov_parse_config(info, r);
	if (err)
		goto out;
	vfprov_parse_request(info, r);
	r->req.plan_out = plan;
	vfprov_txn_plan(pf, &r->req, o);
	err = vfprov_nl_answer(info, pf, r, o, plan);
out:
	kfree(plan);
	kfree(o);
	kvfree(r);
	vfprov_pf_put(pf);
	return err;
}

/*
 * Mutations rebind PCI devices and write other drivers' files with the
 * module's credentials: CAP_NET_ADMIN (GENL_ADMIN_PERM, which many
 * daemons and containers hold) is not enough. netlink_capable() checks
 * the socket's opener and the sender, in the initial user namespace.
 */
static int vfprov_nl_may_mutate(struct sk_buff *skb, struct genl_info *info)
{
	if (netlink_capable(skb, CAP_SYS_ADMIN))
		return 0;
	NL_SET_ERR_MSG(info->extack, "CAP_SYS_ADMIN required");
	return -EPERM;
}

/* APPLY and RESET: check, queue, answer with the txn-id at once. */
static int vfprov_nl_mutate(struct sk_buff *skb, struct genl_info *info,
			    bool reset)
{
	struct vfprov_outcome *o;
	struct vfprov_nl_req *r;
	struct vfprov_pf *pf;
	int err;

	err = vfprov_nl_may_mutate(skb, info);
	if (err)
		return err;
	pf = vfprov_nl_pf(info, VFPROV_A_TXN_PF_ADDR);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	r = kvzalloc(sizeof(*r), GFP_KERNEL);
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!r || !o)
		goto out;
	err = reset ? 0 : vfprov_parse_config(info, r);
	if (err)
		goto out;
	vfprov_parse_request(info, r);
	if (reset)
		vfprov_txn_reset(pf, &r->req, false, o);
	else
		vfprov_txn_apply(pf, &r->req, false, o);
	err = vfprov_nl_answer(info, pf, reset ? NULL : r, o, NULL);
out:
	kfree(o);
	kvfree(r);
	vfprov_pf_put(pf);
	return err;
}

int vfprov_nl_apply_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vfprov_nl_mutate(skb, info, false);
}

int vfprov_nl_reset_doit(struct sk_buff *skb, struct genl_info *info)
{
	return vfprov_nl_mutate(skb, info, true);
}

/* The attribute a vf-action refusal points at. */
static const struct nlattr *vfprov_nl_action_blame(struct genl_info *info,
						   const struct vfprov_outcome *o)
{
	switch (o->field) {
	case VFPROV_FIELD_ACTION:
		return info->attrs[VFPROV_A_TXN_ACTION];
	case VFPROV_FIELD_VF_ID:
		return info->attrs[VFPROV_A_TXN_VF_ID];
	case VFPROV_FIELD_FLAGS:
		if (info->attrs[VFPROV_A_TXN_FLAGS])
			return info->attrs[VFPROV_A_TXN_FLAGS];
		return info->attrs[VFPROV_A_TXN_VF_ID];
	}
	return info->attrs[VFPROV_A_TXN_PF_ADDR];
}

/*
 * VF_ACTION: privileged like APPLY; queued as a transaction of its own,
 * answered with the txn-id at once (or the refusal's outcome and errno).
 */
int vfprov_nl_vf_action_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_request *req;
	struct vfprov_outcome *o;
	struct vfprov_pf *pf;
	int err;

	err = vfprov_nl_may_mutate(skb, info);
	if (err)
		return err;
	if (vfprov_require(info, VFPROV_A_TXN_VF_ID, "VF id (txn vf-id) required") ||
	    vfprov_require(info, VFPROV_A_TXN_ACTION, "action (txn action) required"))
		return -EINVAL;
	pf = vfprov_nl_pf(info, VFPROV_A_TXN_PF_ADDR);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	req = kzalloc(sizeof(*req), GFP_KERNEL);
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!req || !o)
		goto out;
	req->vf = nla_get_u32(info->attrs[VFPROV_A_TXN_VF_ID]);
	req->action = nla_get_u32(info->attrs[VFPROV_A_TXN_ACTION]);
	if (info->attrs[VFPROV_A_TXN_FLAGS])
		req->flags = nla_get_u32(info->attrs[VFPROV_A_TXN_FLAGS]);
	vfprov_who_current(&req->who);
	vfprov_txn_vf_action(pf, req, false, o);
	err = vfprov_nl_answer(info, pf, NULL, o, NULL);
	if (o->err)
		vfprov_extack(info->extack, vfprov_nl_action_blame(info, o),
			      o->emsg ? o->emsg : "VF action refused");
out:
	kfree(o);
	kfree(req);
	vfprov_pf_put(pf);
	return err;
}

/* ---- notifications ---------------------------------------------------- */

static void vfprov_nl_multicast(struct sk_buff *skb, unsigned int grp)
{
	genlmsg_multicast(&vfprov_genl_family, skb, 0, grp, GFP_KERNEL);
}

/* Send @skb to "events" and a copy to "audit" (where there is one). */
static void vfprov_nl_send_all(struct sk_buff *skb)
{
#ifdef VFPROV_HAVE_MCAST_AUDIT
	struct sk_buff *copy = skb_clone(skb, GFP_KERNEL);

	if (copy)
		vfprov_nl_multicast(copy, VFPROV_MCGRP_AUDIT_ID);
#endif
	vfprov_nl_multicast(skb, VFPROV_MCGRP_EVENTS_ID);
}

/*
 * pf-ntf: the whole PF as pf-get's doit has it, and why. A removed PF
 * (or one that can no longer be read) has only addr, state and change.
 */
static void vfprov_nl_pf_ntf(struct vfprov_pf *pf, u32 change)
{
	struct vfprov_pf_info *pi = vfprov_pf_info_alloc();
	bool whole = pi && change != VFPROV_PF_CHANGE_REMOVED &&
		     !vfprov_pf_query(pf, pi);
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(whole ? vfprov_pf_size(pi, true) :
			  VFPROV_NL_STR(VFPROV_ADDR_LEN) + 2 * VFPROV_NL_U32,
			  GFP_KERNEL);
	if (!skb)
		goto out;
	hdr = genlmsg_put(skb, 0, 0, &vfprov_genl_family, 0, VFPROV_CMD_PF_NTF);
	if (!hdr ||
	    (whole && vfprov_put_pf(skb, pi, true)) ||
	    (!whole && (nla_put_string(skb, VFPROV_A_PF_ADDR, vfprov_pf_name(pf)) ||
			nla_put_u32(skb, VFPROV_A_PF_STATE,
				    vfprov_pf_state(pf)))) ||
	    nla_put_u32(skb, VFPROV_A_PF_CHANGE, change)) {
		nlmsg_free(skb);
		goto out;
	}
	genlmsg_end(skb, hdr);
	vfprov_nl_send_all(skb);
out:
	vfprov_pf_info_free(pi);
}

static size_t vfprov_nl_txn_ntf_size(const struct vfprov_outcome *o)
{
	return VFPROV_NL_STR(VFPROV_ADDR_LEN) + VFPROV_NL_U64 +
	       vfprov_outcome_size(o, true) + VFPROV_NL_NEST +
	       2 * VFPROV_NL_U32 +
	       VFPROV_NL_STR(sizeof_field(struct vfprov_who, comm));
}

/* txn-ntf to @grp; with the requester only for "audit". */
static void vfprov_nl_txn_ntf_to(struct vfprov_pf *pf,
				 const struct vfprov_outcome *o,
				 const struct vfprov_who *who,
				 unsigned int grp)
{
	struct nlattr *nest;
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(vfprov_nl_txn_ntf_size(o), GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &vfprov_genl_family, 0, VFPROV_CMD_TXN_NTF);
	if (!hdr ||
	    nla_put_string(skb, VFPROV_A_TXN_PF_ADDR, vfprov_pf_name(pf)) ||
	    nla_put_u64_64bit(skb, VFPROV_A_TXN_TXN_ID, o->txn_id,
			      VFPROV_A_TXN_PAD) ||
	    vfprov_put_outcome(skb, VFPROV_A_TXN_OUTCOME, o, true))
		goto cancel;
	if (who) {
		nest = nla_nest_start(skb, VFPROV_A_TXN_REQUESTER);
		if (!nest ||
		    nla_put_u32(skb, VFPROV_A_REQUESTER_PID, who->pid) ||
		    nla_put_u32(skb, VFPROV_A_REQUESTER_UID, who->uid) ||
		    nla_put_string(skb, VFPROV_A_REQUESTER_COMM, who->comm))
			goto cancel;
		nla_nest_end(skb, nest);
	}
	genlmsg_end(skb, hdr);
	vfprov_nl_multicast(skb, grp);
	return;
cancel:
	nlmsg_free(skb);
}

static void vfprov_nl_txn_ntf(const struct vfprov_event *ev)
{
	u32 result = ev->res->result;

	vfprov_nl_txn_ntf_to(ev->pf, ev->res, NULL, VFPROV_MCGRP_EVENTS_ID);
#ifdef VFPROV_HAVE_MCAST_AUDIT
	vfprov_nl_txn_ntf_to(ev->pf, ev->res, ev->who, VFPROV_MCGRP_AUDIT_ID);
#endif
	/* what the PF looks like now, when the transaction touched it */
	if (result == VFPROV_RESULT_COMMITTED ||
	    result == VFPROV_RESULT_ROLLED_BACK ||
	    result == VFPROV_RESULT_DEGRADED)
		vfprov_nl_pf_ntf(ev->pf, VFPROV_PF_CHANGE_CONFIG);
}

/*
 * vf-ntf: the VF as vf-get has it, why, and (adverse) the kinds that grew
 * with their totals. To "events" only: it names no requester.
 */
static void vfprov_nl_vf_ntf(const struct vfprov_event *ev)
{
	struct vfprov_vf_info *vi = kzalloc(sizeof(*vi), GFP_KERNEL);
	struct sk_buff *skb = NULL;

	if (!vi)
		return;
	if (vfprov_vf_query(ev->pf, ev->vf, vi))
		goto out;
	skb = genlmsg_new(vfprov_vf_info_size(), GFP_KERNEL);
	if (!skb)
		goto out;
	if (vfprov_fill_vf_ev(skb, 0, 0, 0, vfprov_pf_name(ev->pf), vi, ev)) {
		nlmsg_free(skb);
		goto out;
	}
	vfprov_nl_multicast(skb, VFPROV_MCGRP_EVENTS_ID);
out:
	kfree(vi);
}

/*
 * The pf-ntf of a bus event (a PF added, removed, its driver changed) is
 * sent from an ordered workqueue, in the order the events came: the bus
 * notifier that emits them holds the bus's notifier rwsem, and the query
 * reads the PF's sysfs, whose kernfs and seq_file locks a sysfs write that
 * adds devices (sriov_numvfs) holds before that rwsem.
 */
static struct workqueue_struct *vfprov_nl_wq;

struct vfprov_nl_pf_work {
	struct work_struct work;
	struct vfprov_pf *pf;		/* a reference */
	u32 change;
};

static void vfprov_nl_pf_work(struct work_struct *work)
{
	struct vfprov_nl_pf_work *w =
		container_of(work, struct vfprov_nl_pf_work, work);

	vfprov_nl_pf_ntf(w->pf, w->change);
	vfprov_pf_put(w->pf);
	kfree(w);
}

static void vfprov_nl_pf_ntf_later(struct vfprov_pf *pf, u32 change)
{
	struct vfprov_nl_pf_work *w = kmalloc(sizeof(*w), GFP_KERNEL);

	if (!w)
		return;
	INIT_WORK(&w->work, vfprov_nl_pf_work);
	w->pf = vfprov_pf_get(pf);
	w->change = change;
	queue_work(vfprov_nl_wq, &w->work);
}

/* Process context (see events.h); listeners in init_net only. */
static void vfprov_nl_event(const struct vfprov_event *ev)
{
	if (ev->kind == VFPROV_EV_TXN)
		vfprov_nl_txn_ntf(ev);
	else if (ev->kind == VFPROV_EV_VF)
		vfprov_nl_vf_ntf(ev);
	else
		vfprov_nl_pf_ntf_later(ev->pf, ev->change);
}

static struct vfprov_event_sink vfprov_nl_sink = {
	.handle = vfprov_nl_event,
};

int __init vfprov_nl_init(void)
{
	int err;

	/* the plan, apply and reset requests share one attribute range */
	BUILD_BUG_ON(ARRAY_SIZE(vfprov_plan_nl_policy) !=
		     VFPROV_NL_TXN_MAXATTR + 1);
	BUILD_BUG_ON(ARRAY_SIZE(vfprov_apply_nl_policy) !=
		     VFPROV_NL_TXN_MAXATTR + 1);
	BUILD_BUG_ON(ARRAY_SIZE(vfprov_reset_nl_policy) !=
		     VFPROV_NL_TXN_MAXATTR + 1);
	vfprov_nl_wq = alloc_ordered_workqueue("vfprov_nl", 0);
	if (!vfprov_nl_wq)
		return -ENOMEM;
	err = genl_register_family(&vfprov_genl_family);
	if (err) {
		destroy_workqueue(vfprov_nl_wq);
		return err;
	}
	vfprov_events_subscribe(&vfprov_nl_sink);
	return 0;
}

void vfprov_nl_exit(void)
{
	vfprov_events_unsubscribe(&vfprov_nl_sink);
	/* the pf-ntfs queued before: sent (and their references put) */
	destroy_workqueue(vfprov_nl_wq);
	genl_unregister_family(&vfprov_genl_family);
}
