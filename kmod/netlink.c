// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink front-end of vfprov: family "vfprov" and its "events"
 * multicast group.
 *
 * Every op has its own strict policy: unknown attributes, wrong types, out
 * of range values, oversize strings and attributes nested where they do
 * not belong are refused by the genetlink core before our code runs, with
 * an extack naming the attribute. Mutations need CAP_NET_ADMIN
 * (GENL_ADMIN_PERM) and CAP_SYS_ADMIN, both in the initial user
 * namespace; reading and PLAN are open to everyone, and so is the
 * "events" group, which names no requester.
 * parallel_ops: the registry and the per-PF transaction lock serialise.
 *
 * APPLY and RESET always answer with a reply message carrying the outcome
 * (VFPROV_A_RESULT ...); on failure the ack that follows carries the
 * negative errno and the extack.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat.h"
#include "vfprov.h"

/*
 * Reply sizes, from what the fill functions below put: upper bounds (every
 * optional attribute, strings at their longest), so a fill never fails
 * for room, and no reply allocates more than its content needs.
 */
#define VFPROV_NL_U32		nla_total_size(sizeof(u32))
#define VFPROV_NL_U64		nla_total_size_64bit(sizeof(u64))
#define VFPROV_NL_STR(len)	nla_total_size(len)
#define VFPROV_NL_NEST		nla_total_size(0)

static size_t vfprov_vf_cfg_size(void)
{
	return VFPROV_RES_COUNT * VFPROV_NL_U64 + 3 * VFPROV_NL_U32;
}

/* A_CONFIG of @num_vfs VFs: the PF settings and one nest per VF. */
static size_t vfprov_plan_size(u32 num_vfs)
{
	u32 n = min_t(u32, num_vfs, VFPROV_MAX_VFS);

	return 2 * VFPROV_NL_NEST + 4 * VFPROV_NL_U32 +
	       VFPROV_RES_COUNT * VFPROV_NL_U64 + nla_total_size(sizeof(u8)) +
	       n * (VFPROV_NL_NEST + VFPROV_NL_U32 + vfprov_vf_cfg_size());
}

static size_t vfprov_outcome_size(void)
{
	return VFPROV_NL_STR(VFPROV_ADDR_LEN) + 3 * VFPROV_NL_U32 +
	       VFPROV_NL_STR(VFPROV_MSG_LEN) +
	       VFPROV_NL_STR(sizeof_field(struct vfprov_outcome, step)) +
	       VFPROV_NL_U64;
}

/* A_DISRUPTED: one nest per VF the apply disables or rebinds */
static size_t vfprov_disrupted_size(const struct vfprov_outcome *o)
{
	u32 n = hweight64(o->disrupt_off | o->disrupt_rebind);

	return n ? VFPROV_NL_NEST + n * (VFPROV_NL_NEST + 2 * VFPROV_NL_U32) : 0;
}

/* A PF without its config */
static size_t vfprov_pf_base_size(void)
{
	return VFPROV_NL_STR(VFPROV_ADDR_LEN) +
	       VFPROV_NL_STR(sizeof_field(struct vfprov_pf_info, backend)) +
	       VFPROV_NL_STR(sizeof_field(struct vfprov_pf_info, driver)) +
	       5 * VFPROV_NL_U32 + VFPROV_NL_U64 +
	       VFPROV_NL_STR(VFPROV_MSG_LEN) +
	       VFPROV_NL_NEST + VFPROV_RES_COUNT * (VFPROV_NL_NEST +
	       /* "doorbells": the longest resource name */
	       VFPROV_NL_STR(sizeof("doorbells")) + 6 * VFPROV_NL_U64);
}

static size_t vfprov_pf_info_size(const struct vfprov_pf_info *pi)
{
	return vfprov_pf_base_size() +
	       (pi->cfg ? vfprov_plan_size(pi->cfg->num_vfs) : 0);
}

static size_t vfprov_vf_info_size(void)
{
	return VFPROV_NL_STR(VFPROV_ADDR_LEN) + VFPROV_NL_NEST +
	       2 * VFPROV_NL_U32 + vfprov_vf_cfg_size() +
	       2 * nla_total_size(sizeof(u8)) + VFPROV_NL_STR(VFPROV_ADDR_LEN) +
	       VFPROV_NL_STR(sizeof_field(struct vfprov_vf_info, driver));
}

enum vfprov_mcgrp {
	VFPROV_MCGRP_EVENTS_ID,
#ifdef VFPROV_HAVE_MCAST_AUDIT
	VFPROV_MCGRP_AUDIT_ID,
#endif
};

/*
 * "events" is open to every user and carries no requester identity;
 * "audit" (same events plus pid, uid, comm) only CAP_SYS_ADMIN may join,
 * and exists only where genl can enforce that.
 */
static const struct genl_multicast_group vfprov_mcgrps[] = {
	[VFPROV_MCGRP_EVENTS_ID] = { .name = VFPROV_MCGRP_EVENTS },
#ifdef VFPROV_HAVE_MCAST_AUDIT
	[VFPROV_MCGRP_AUDIT_ID] = { .name = VFPROV_MCGRP_AUDIT,
				    .flags = GENL_MCAST_CAP_SYS_ADMIN },
#endif
};

/* ---- policies ------------------------------------------------------ */

static struct netlink_range_validation vfprov_u16_range = {
	.min = 0, .max = U16_MAX,
};

static const struct nla_policy vfprov_vf_policy[VFPROV_VF_A_MAX + 1] = {
	[VFPROV_VF_A_ID]		= NLA_POLICY_RANGE(NLA_U32, 1,
							   VFPROV_MAX_VFS),
	[VFPROV_VF_A_GGTT]		= { .type = NLA_U64 },
	[VFPROV_VF_A_LMEM]		= { .type = NLA_U64 },
	[VFPROV_VF_A_CONTEXTS]		= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vfprov_u16_range),
	[VFPROV_VF_A_DOORBELLS]		= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vfprov_u16_range),
	[VFPROV_VF_A_EXEC_QUANTUM_MS]	= { .type = NLA_U32 },
	[VFPROV_VF_A_PREEMPT_TIMEOUT_US] = { .type = NLA_U32 },
	[VFPROV_VF_A_WEIGHT]		= NLA_POLICY_RANGE(NLA_U32, 1, 1000),
	[VFPROV_VF_A_ENABLED]		= { .type = NLA_REJECT,
		.reject_message = "VF state attribute: not settable" },
	[VFPROV_VF_A_PCI_ADDR]		= { .type = NLA_REJECT,
		.reject_message = "VF state attribute: not settable" },
	[VFPROV_VF_A_DRIVER]		= { .type = NLA_REJECT,
		.reject_message = "VF state attribute: not settable" },
	[VFPROV_VF_A_IOMMU_GROUP]	= { .type = NLA_REJECT,
		.reject_message = "VF state attribute: not settable" },
	[VFPROV_VF_A_IN_USE]		= { .type = NLA_REJECT,
		.reject_message = "VF state attribute: not settable" },
	[VFPROV_VF_A_DISRUPT]		= { .type = NLA_REJECT,
		.reject_message = "VF state attribute: not settable" },
};

/* The inside of VFPROV_CFG_A_VFS: only VFPROV_A_VF entries. */
static const struct nla_policy vfprov_vfs_policy[VFPROV_A_VF + 1] = {
	[VFPROV_A_VF]		= NLA_POLICY_NESTED(vfprov_vf_policy),
};

static const struct nla_policy vfprov_cfg_policy[VFPROV_CFG_A_MAX + 1] = {
	[VFPROV_CFG_A_NUM_VFS]		= NLA_POLICY_MAX(NLA_U32,
							 VFPROV_MAX_VFS),
	[VFPROV_CFG_A_VF_DRIVER]	= NLA_POLICY_MAX(NLA_U32,
							 VFPROV_VF_DRIVER_MAX),
	[VFPROV_CFG_A_GGTT_SPARE]	= { .type = NLA_U64 },
	[VFPROV_CFG_A_LMEM_SPARE]	= { .type = NLA_U64 },
	[VFPROV_CFG_A_CONTEXTS_SPARE]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vfprov_u16_range),
	[VFPROV_CFG_A_DOORBELLS_SPARE]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vfprov_u16_range),
	[VFPROV_CFG_A_EXEC_QUANTUM_MS]	= { .type = NLA_U32 },
	[VFPROV_CFG_A_PREEMPT_TIMEOUT_US] = { .type = NLA_U32 },
	[VFPROV_CFG_A_SCHED_IF_IDLE]	= NLA_POLICY_MAX(NLA_U8, 1),
	[VFPROV_CFG_A_VFS]		= NLA_POLICY_NESTED(vfprov_vfs_policy),
};

#define VFPROV_POLICY_ADDR \
	[VFPROV_A_PF_ADDR] = { .type = NLA_NUL_STRING, \
			       .len = VFPROV_ADDR_LEN - 1 }

static const struct nla_policy vfprov_pf_get_policy[VFPROV_A_PF_ADDR + 1] = {
	VFPROV_POLICY_ADDR,
};

static const struct nla_policy vfprov_vf_get_policy[VFPROV_A_VF_ID + 1] = {
	VFPROV_POLICY_ADDR,
	[VFPROV_A_VF_ID]	= NLA_POLICY_RANGE(NLA_U32, 1, VFPROV_MAX_VFS),
};

static const struct nla_policy vfprov_plan_policy[VFPROV_A_CONFIG + 1] = {
	VFPROV_POLICY_ADDR,
	[VFPROV_A_CONFIG]	= NLA_POLICY_NESTED(vfprov_cfg_policy),
};

static const struct nla_policy vfprov_apply_policy[VFPROV_A_EXPECTED_GEN + 1] = {
	VFPROV_POLICY_ADDR,
	[VFPROV_A_CONFIG]	= NLA_POLICY_NESTED(vfprov_cfg_policy),
	[VFPROV_A_FLAGS]	= VFPROV_POLICY_FLAGS,
	[VFPROV_A_EXPECTED_GEN]	= { .type = NLA_U64 },
};

static const struct nla_policy vfprov_reset_policy[VFPROV_A_EXPECTED_GEN + 1] = {
	VFPROV_POLICY_ADDR,
	[VFPROV_A_FLAGS]	= VFPROV_POLICY_FLAGS,
	[VFPROV_A_EXPECTED_GEN]	= { .type = NLA_U64 },
};

static struct genl_family vfprov_genl_family;
static bool vfprov_nl_ready;

/* ---- request parsing --------------------------------------------------- */

/* A parsed request and where each value came from, for extack. */
struct vfprov_nl_req {
	struct vfprov_pf_cfg cfg;
	struct nlattr *cfg_tb[VFPROV_CFG_A_MAX + 1];
	struct nlattr *vf_nest[VFPROV_MAX_VFS];
	struct nlattr *vf_tb[VFPROV_MAX_VFS][VFPROV_VF_A_MAX + 1];
};

/*
 * NL_SET_ERR_MSG*() want a string literal; ours are static strings chosen
 * at run time, which is just as long-lived.
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

static int vfprov_require(struct genl_info *info, int attr, const char *msg)
{
	if (info->attrs[attr])
		return 0;
	vfprov_extack(info->extack, NULL, msg);
#ifdef NL_SET_ERR_ATTR_MISS
	NL_SET_ERR_ATTR_MISS(info->extack, NULL, attr);
#endif
	return -EINVAL;
}

static struct vfprov_pf *vfprov_nl_pf(struct genl_info *info)
{
	struct nlattr *a = info->attrs[VFPROV_A_PF_ADDR];
	struct vfprov_pf *pf;

	if (vfprov_require(info, VFPROV_A_PF_ADDR, "PF address (VFPROV_A_PF_ADDR) required"))
		return ERR_PTR(-EINVAL);
	pf = vfprov_pf_find(nla_data(a));
	if (!pf) {
		NL_SET_ERR_MSG_ATTR(info->extack, a, "no such SR-IOV PF");
		return ERR_PTR(-ENODEV);
	}
	return pf;
}

/* Copy an optional attribute into a config field and mark it set. */
static void vfprov_take_u32(const struct nlattr *a, u32 *field, u32 *set,
			    u32 flag)
{
	if (!a)
		return;
	*field = nla_get_u32(a);
	*set |= flag;
}

/* GGTT and LMEM are u64 quantities, contexts and doorbells u32 ones. */
static void vfprov_take_res(const struct nlattr *a, int r, u64 *field,
			    u32 *set, u32 flag)
{
	if (!a)
		return;
	*field = r < VFPROV_RES_CONTEXTS ? nla_get_u64(a) : nla_get_u32(a);
	*set |= flag;
}

static void vfprov_parse_vf_values(struct nlattr **tb, struct vfprov_vf_cfg *v)
{
	static const int quota_attr[VFPROV_RES_COUNT] = {
		VFPROV_VF_A_GGTT, VFPROV_VF_A_LMEM,
		VFPROV_VF_A_CONTEXTS, VFPROV_VF_A_DOORBELLS,
	};
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++)
		vfprov_take_res(tb[quota_attr[r]], r, &v->quota[r], &v->set,
				VFPROV_SET_QUOTA(r));
	vfprov_take_u32(tb[VFPROV_VF_A_EXEC_QUANTUM_MS], &v->exec_quantum_ms,
			&v->set, VFPROV_SET_EXEC_QUANTUM);
	vfprov_take_u32(tb[VFPROV_VF_A_PREEMPT_TIMEOUT_US],
			&v->preempt_timeout_us, &v->set,
			VFPROV_SET_PREEMPT_TIMEOUT);
	vfprov_take_u32(tb[VFPROV_VF_A_WEIGHT], &v->weight, &v->set,
			VFPROV_SET_WEIGHT);
}

static int vfprov_parse_vfs(struct nlattr *vfs, struct vfprov_nl_req *r,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VFPROV_VF_A_MAX + 1];
	struct nlattr *a;
	int rem, err;
	u32 id;

	nla_for_each_nested(a, vfs, rem) {
		err = nla_parse_nested(tb, VFPROV_VF_A_MAX, a,
				       vfprov_vf_policy, extack);
		if (err)
			return err;
		if (!tb[VFPROV_VF_A_ID]) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "VF entry without VFPROV_VF_A_ID");
			return -EINVAL;
		}
		id = nla_get_u32(tb[VFPROV_VF_A_ID]);
		if (r->vf_nest[id - 1]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VFPROV_VF_A_ID],
					    "duplicate VF id");
			return -EINVAL;
		}
		r->vf_nest[id - 1] = a;
		memcpy(r->vf_tb[id - 1], tb, sizeof(tb));
		vfprov_parse_vf_values(tb, &r->cfg.vf[id - 1]);
	}
	return 0;
}

static void vfprov_parse_pf_values(struct nlattr **tb, struct vfprov_pf_cfg *c)
{
	int r;

	vfprov_take_u32(tb[VFPROV_CFG_A_NUM_VFS], &c->num_vfs, &c->set,
			VFPROV_SET_NUM_VFS);
	vfprov_take_u32(tb[VFPROV_CFG_A_VF_DRIVER], &c->vf_driver, &c->set,
			VFPROV_SET_VF_DRIVER);
	for (r = 0; r < VFPROV_RES_COUNT; r++)
		vfprov_take_res(tb[VFPROV_CFG_A_GGTT_SPARE + r], r,
				&c->spare[r], &c->set, VFPROV_SET_SPARE(r));
	vfprov_take_u32(tb[VFPROV_CFG_A_EXEC_QUANTUM_MS], &c->exec_quantum_ms,
			&c->set, VFPROV_SET_EXEC_QUANTUM);
	vfprov_take_u32(tb[VFPROV_CFG_A_PREEMPT_TIMEOUT_US],
			&c->preempt_timeout_us, &c->set,
			VFPROV_SET_PREEMPT_TIMEOUT);
	if (tb[VFPROV_CFG_A_SCHED_IF_IDLE]) {
		c->sched_if_idle = nla_get_u8(tb[VFPROV_CFG_A_SCHED_IF_IDLE]);
		c->set |= VFPROV_SET_SCHED_IF_IDLE;
	}
}

static int vfprov_parse_config(struct genl_info *info, struct vfprov_nl_req *r)
{
	struct nlattr *nest = info->attrs[VFPROV_A_CONFIG];
	int err;

	err = vfprov_require(info, VFPROV_A_CONFIG,
			     "configuration (VFPROV_A_CONFIG) required");
	if (err)
		return err;
	err = nla_parse_nested(r->cfg_tb, VFPROV_CFG_A_MAX, nest,
			       vfprov_cfg_policy, info->extack);
	if (err)
		return err;
	if (!r->cfg_tb[VFPROV_CFG_A_NUM_VFS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "VFPROV_CFG_A_NUM_VFS required");
		return -EINVAL;
	}
	vfprov_parse_pf_values(r->cfg_tb, &r->cfg);
	if (r->cfg_tb[VFPROV_CFG_A_VFS])
		return vfprov_parse_vfs(r->cfg_tb[VFPROV_CFG_A_VFS], r,
					info->extack);
	return 0;
}

static u32 vfprov_op_maxattr(u8 cmd);

/*
 * info->attrs has room for the op's maxattr + 1 entries only (PLAN's ends
 * at VFPROV_A_CONFIG): the core may blame any VFPROV_A_* (FLAGS for a
 * degraded PF or a VF in use), so look only at what the op parsed.
 */
static const struct nlattr *vfprov_info_attr(struct genl_info *info, u16 attr)
{
	if (!attr || attr > vfprov_op_maxattr(info->genlhdr->cmd))
		return NULL;
	return info->attrs[attr];
}

/* Point the extack at the attribute the core blamed, with its reason. */
static void vfprov_set_extack(struct genl_info *info, struct vfprov_nl_req *r,
			      const struct vfprov_outcome *o)
{
	const struct nlattr *bad = vfprov_info_attr(info, o->bad_attr);

	if (!bad && r && o->vf && o->vf <= VFPROV_MAX_VFS) {
		if (o->bad_vf_attr && o->bad_vf_attr <= VFPROV_VF_A_MAX)
			bad = r->vf_tb[o->vf - 1][o->bad_vf_attr];
		if (!bad)
			bad = r->vf_nest[o->vf - 1];
	}
	if (!bad && r && o->bad_cfg_attr && o->bad_cfg_attr <= VFPROV_CFG_A_MAX)
		bad = r->cfg_tb[o->bad_cfg_attr];
	if (!bad)
		bad = vfprov_info_attr(info, VFPROV_A_CONFIG) ?:
		      vfprov_info_attr(info, VFPROV_A_PF_ADDR);
	/*
	 * A short static message: the formatted reason (up to VFPROV_MSG_LEN)
	 * does not fit NL_SET_ERR_MSG_FMT's 80 bytes, which cuts it and logs
	 * "truncated extack"; the whole reason is the reply's A_MESSAGE.
	 */
	vfprov_extack(info->extack, bad,
		      o->emsg ? o->emsg : "vfprov request failed");
}

/* ---- replies --------------------------------------------------------- */

/* PF info with room for the live config, which PF_GET replies carry. */
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

static int vfprov_put_res(struct sk_buff *skb, const struct vfprov_pf_info *pi)
{
	struct nlattr *all, *one;
	int r;

	all = nla_nest_start(skb, VFPROV_A_PF_RESOURCES);
	if (!all)
		return -EMSGSIZE;
	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		const struct vfprov_res_info *ri = &pi->res[r];

		one = nla_nest_start(skb, VFPROV_A_RES);
		if (!one ||
		    nla_put_string(skb, VFPROV_RES_A_NAME, vfprov_res_names[r]) ||
		    nla_put_u64_64bit(skb, VFPROV_RES_A_FREE, ri->free,
				      VFPROV_RES_A_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_RES_A_MAX_QUOTA, ri->max_quota,
				      VFPROV_RES_A_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_RES_A_GRANULE, ri->granule,
				      VFPROV_RES_A_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_RES_A_SPARE, ri->spare,
				      VFPROV_RES_A_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_RES_A_SPARE_MIN, ri->spare_min,
				      VFPROV_RES_A_PAD) ||
		    nla_put_u64_64bit(skb, VFPROV_RES_A_VF_MAX, ri->vf_max,
				      VFPROV_RES_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, one);
	}
	nla_nest_end(skb, all);
	return 0;
}

static int vfprov_put_plan(struct sk_buff *skb, const struct vfprov_pf_cfg *c);

/* A PF with its capacity and, if known, its live config (A_CONFIG). */
static int vfprov_fill_pf(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			  const struct vfprov_pf_info *pi)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vfprov_genl_family, flags,
			  VFPROV_CMD_PF_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPROV_A_PF_ADDR, pi->addr) ||
	    nla_put_string(skb, VFPROV_A_PF_BACKEND, pi->backend) ||
	    nla_put_string(skb, VFPROV_A_PF_DRIVER, pi->driver) ||
	    nla_put_u32(skb, VFPROV_A_PF_TOTAL_VFS, pi->total_vfs) ||
	    nla_put_u32(skb, VFPROV_A_PF_NUM_VFS, pi->num_vfs) ||
	    nla_put_u64_64bit(skb, VFPROV_A_PF_GENERATION, pi->generation,
			      VFPROV_A_PAD) ||
	    nla_put_u32(skb, VFPROV_A_PF_STATE, pi->state) ||
	    nla_put_u32(skb, VFPROV_A_PF_LAST_RESULT, pi->last_result) ||
	    nla_put_s32(skb, VFPROV_A_PF_LAST_ERRNO, pi->last_errno) ||
	    nla_put_string(skb, VFPROV_A_PF_LAST_ERROR, pi->last_error) ||
	    (pi->has_resources && vfprov_put_res(skb, pi)) ||
	    (pi->cfg && vfprov_put_plan(skb, pi->cfg))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vfprov_put_vf_cfg(struct sk_buff *skb, const struct vfprov_vf_cfg *v)
{
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (!(v->set & VFPROV_SET_QUOTA(r)))
			continue;
		if (r < VFPROV_RES_CONTEXTS ?
		    nla_put_u64_64bit(skb, VFPROV_VF_A_GGTT + r, v->quota[r],
				      VFPROV_VF_A_PAD) :
		    nla_put_u32(skb, VFPROV_VF_A_GGTT + r, v->quota[r]))
			return -EMSGSIZE;
	}
	if ((v->set & VFPROV_SET_EXEC_QUANTUM &&
	     nla_put_u32(skb, VFPROV_VF_A_EXEC_QUANTUM_MS, v->exec_quantum_ms)) ||
	    (v->set & VFPROV_SET_PREEMPT_TIMEOUT &&
	     nla_put_u32(skb, VFPROV_VF_A_PREEMPT_TIMEOUT_US,
			 v->preempt_timeout_us)) ||
	    (v->set & VFPROV_SET_WEIGHT &&
	     nla_put_u32(skb, VFPROV_VF_A_WEIGHT, v->weight)))
		return -EMSGSIZE;
	return 0;
}

static int vfprov_fill_vf(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			  const char *addr, const struct vfprov_vf_info *vi)
{
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vfprov_genl_family, flags,
			  VFPROV_CMD_VF_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, VFPROV_A_PF_ADDR, addr))
		goto cancel;
	nest = nla_nest_start(skb, VFPROV_A_VF);
	if (!nest ||
	    nla_put_u32(skb, VFPROV_VF_A_ID, vi->id) ||
	    vfprov_put_vf_cfg(skb, &vi->cfg) ||
	    nla_put_u8(skb, VFPROV_VF_A_ENABLED, vi->enabled) ||
	    nla_put_string(skb, VFPROV_VF_A_PCI_ADDR, vi->addr) ||
	    nla_put_string(skb, VFPROV_VF_A_DRIVER, vi->driver) ||
	    nla_put_s32(skb, VFPROV_VF_A_IOMMU_GROUP, vi->iommu_group) ||
	    nla_put_u8(skb, VFPROV_VF_A_IN_USE, vi->in_use))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int vfprov_put_pf_cfg(struct sk_buff *skb, const struct vfprov_pf_cfg *c)
{
	int r;

	if (nla_put_u32(skb, VFPROV_CFG_A_NUM_VFS, c->num_vfs) ||
	    nla_put_u32(skb, VFPROV_CFG_A_VF_DRIVER, c->vf_driver))
		return -EMSGSIZE;
	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (!(c->set & VFPROV_SET_SPARE(r)))
			continue;
		if (r < VFPROV_RES_CONTEXTS ?
		    nla_put_u64_64bit(skb, VFPROV_CFG_A_GGTT_SPARE + r,
				      c->spare[r], VFPROV_CFG_A_PAD) :
		    nla_put_u32(skb, VFPROV_CFG_A_GGTT_SPARE + r, c->spare[r]))
			return -EMSGSIZE;
	}
	if ((c->set & VFPROV_SET_EXEC_QUANTUM &&
	     nla_put_u32(skb, VFPROV_CFG_A_EXEC_QUANTUM_MS, c->exec_quantum_ms)) ||
	    (c->set & VFPROV_SET_PREEMPT_TIMEOUT &&
	     nla_put_u32(skb, VFPROV_CFG_A_PREEMPT_TIMEOUT_US,
			 c->preempt_timeout_us)) ||
	    (c->set & VFPROV_SET_SCHED_IF_IDLE &&
	     nla_put_u8(skb, VFPROV_CFG_A_SCHED_IF_IDLE, c->sched_if_idle)))
		return -EMSGSIZE;
	return 0;
}

static int vfprov_put_plan(struct sk_buff *skb, const struct vfprov_pf_cfg *c)
{
	struct nlattr *cfg, *vfs, *vf;
	u32 i;

	cfg = nla_nest_start(skb, VFPROV_A_CONFIG);
	if (!cfg || vfprov_put_pf_cfg(skb, c))
		return -EMSGSIZE;
	vfs = nla_nest_start(skb, VFPROV_CFG_A_VFS);
	if (!vfs)
		return -EMSGSIZE;
	for (i = 0; i < c->num_vfs && i < VFPROV_MAX_VFS; i++) {
		vf = nla_nest_start(skb, VFPROV_A_VF);
		if (!vf || nla_put_u32(skb, VFPROV_VF_A_ID, i + 1) ||
		    vfprov_put_vf_cfg(skb, &c->vf[i]))
			return -EMSGSIZE;
		nla_nest_end(skb, vf);
	}
	nla_nest_end(skb, vfs);
	nla_nest_end(skb, cfg);
	return 0;
}

static int vfprov_put_outcome(struct sk_buff *skb, const char *addr,
			      const struct vfprov_outcome *o)
{
	if (nla_put_string(skb, VFPROV_A_PF_ADDR, addr) ||
	    nla_put_u32(skb, VFPROV_A_RESULT, o->result) ||
	    nla_put_s32(skb, VFPROV_A_ERRNO, o->err) ||
	    nla_put_string(skb, VFPROV_A_MESSAGE, o->msg) ||
	    nla_put_string(skb, VFPROV_A_FAILED_STEP, o->step) ||
	    nla_put_u32(skb, VFPROV_A_FAILED_VF, o->vf) ||
	    nla_put_u64_64bit(skb, VFPROV_A_PF_GENERATION, o->generation,
			      VFPROV_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* VFPROV_A_DISRUPTED: the VFs the apply disables or rebinds, if any. */
static int vfprov_put_disrupted(struct sk_buff *skb,
				const struct vfprov_outcome *o)
{
	struct nlattr *list, *vf;
	u32 i, what;

	if (!o->disrupt_off && !o->disrupt_rebind)
		return 0;
	list = nla_nest_start(skb, VFPROV_A_DISRUPTED);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < VFPROV_MAX_VFS; i++) {
		what = (o->disrupt_off >> i & 1 ? VFPROV_DISRUPT_DISABLE : 0) |
		       (o->disrupt_rebind >> i & 1 ? VFPROV_DISRUPT_REBIND : 0);
		if (!what)
			continue;
		vf = nla_nest_start(skb, VFPROV_A_VF);
		if (!vf || nla_put_u32(skb, VFPROV_VF_A_ID, i + 1) ||
		    nla_put_u32(skb, VFPROV_VF_A_DISRUPT, what))
			return -EMSGSIZE;
		nla_nest_end(skb, vf);
	}
	nla_nest_end(skb, list);
	return 0;
}

/* Reply with the outcome (and the plan, if any); then errno + extack. */
static int vfprov_reply_outcome(struct genl_info *info, struct vfprov_pf *pf,
				struct vfprov_nl_req *r,
				const struct vfprov_outcome *o,
				const struct vfprov_pf_cfg *plan)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(vfprov_outcome_size() + vfprov_disrupted_size(o) +
			  (plan && !o->err ? vfprov_plan_size(plan->num_vfs) : 0),
			  GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vfprov_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr ||
	    vfprov_put_outcome(msg, vfprov_pf_name(pf), o) ||
	    vfprov_put_disrupted(msg, o) ||
	    (plan && !o->err && vfprov_put_plan(msg, plan))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
	if (o->err) {
		vfprov_set_extack(info, r, o);
		return o->err;
	}
	return err;
}

/* ---- ops ------------------------------------------------------------- */

static int vfprov_nl_pf_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct vfprov_pf_info *pi;
	struct vfprov_pf *pf;
	int err;

	pf = vfprov_nl_pf(info);
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
	msg = genlmsg_new(vfprov_pf_info_size(pi), GFP_KERNEL);
	if (!msg)
		goto out;
	err = vfprov_fill_pf(msg, info->snd_portid, info->snd_seq, 0, pi);
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
 * One PF message with its live config may exceed NLMSG_GOODSIZE: room for
 * the largest, a PF of VFPROV_MAX_VFS VFs.
 */
static int vfprov_nl_pf_dump_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = nlmsg_total_size(GENL_HDRLEN +
					      vfprov_pf_base_size() +
					      vfprov_plan_size(VFPROV_MAX_VFS));
	return 0;
}

/* cb->args[0]: registry cursor of the next PF. */
static int vfprov_nl_pf_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned long pos = cb->args[0], prev;
	struct vfprov_pf_info *pi;
	struct vfprov_pf *pf;
	int err = 0;

	pi = vfprov_pf_info_alloc();
	if (!pi)
		return -ENOMEM;
	for (;;) {
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
				     cb->nlh->nlmsg_seq, NLM_F_MULTI, pi);
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

static int vfprov_nl_vf_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_vf_info *vi;
	struct vfprov_pf *pf;
	struct sk_buff *msg;
	int err;

	err = vfprov_require(info, VFPROV_A_VF_ID,
			     "VF id (VFPROV_A_VF_ID) required");
	if (err)
		return err;
	pf = vfprov_nl_pf(info);
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

/* cb->args[0]: next VF id - 1. */
static int vfprov_nl_vf_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *tb[VFPROV_A_VF_ID + 1], *a;
	struct vfprov_vf_info *vi;
	struct vfprov_pf *pf;
	u32 last;
	int err;

	/* The core validated the request; parse it again (stable API). */
	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, VFPROV_A_VF_ID,
			  vfprov_vf_get_policy, cb->extack);
	if (err)
		return err;
	a = tb[VFPROV_A_PF_ADDR];
	if (!a) {
		NL_SET_ERR_MSG(cb->extack, "PF address (VFPROV_A_PF_ADDR) required");
		return -EINVAL;
	}
	pf = vfprov_pf_find(nla_data(a));
	if (!pf) {
		NL_SET_ERR_MSG_ATTR(cb->extack, a, "no such SR-IOV PF");
		return -ENODEV;
	}
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

static int vfprov_nl_plan_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_outcome *o;
	struct vfprov_nl_req *r;
	struct vfprov_pf_cfg *plan;
	struct vfprov_pf *pf;
	int err;

	pf = vfprov_nl_pf(info);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	plan = kzalloc(sizeof(*plan), GFP_KERNEL);
	if (!r || !o || !plan)
		goto out;
	err = vfprov_parse_config(info, r);
	if (err)
		goto out;
	vfprov_txn_plan(pf, &r->cfg, plan, o);
	err = vfprov_reply_outcome(info, pf, r, o, plan);
out:
	kfree(plan);
	kfree(o);
	kfree(r);
	vfprov_pf_put(pf);
	return err;
}

static int vfprov_nl_request(struct genl_info *info, struct vfprov_request *req)
{
	req->flags = info->attrs[VFPROV_A_FLAGS] ?
		     nla_get_u32(info->attrs[VFPROV_A_FLAGS]) : 0;
	if (req->flags & ~VFPROV_F_ALL) {	/* before NLA_POLICY_MASK */
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VFPROV_A_FLAGS],
				    "unknown flags");
		return -EINVAL;
	}
	if (info->attrs[VFPROV_A_EXPECTED_GEN]) {
		req->check_gen = true;
		req->expected_gen =
			nla_get_u64(info->attrs[VFPROV_A_EXPECTED_GEN]);
	}
	vfprov_who_current(&req->who);
	return 0;
}

/*
 * The core fills the outcome on every path; should an error ever come
 * back without one, the reply still says REJECTED and the ack the errno,
 * never "result none" with ack 0.
 */
static void vfprov_nl_started(struct vfprov_outcome *o, int err)
{
	if (!err || o->err)
		return;
	o->err = err;
	o->result = VFPROV_RESULT_REJECTED;
	o->emsg = "request not started";
	snprintf(o->msg, sizeof(o->msg), "not started (%d)", err);
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

static int vfprov_nl_apply_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_request req = {};
	struct vfprov_pf_cfg *plan = NULL;
	struct vfprov_outcome *o;
	struct vfprov_nl_req *r;
	struct vfprov_pf *pf;
	int err;

	err = vfprov_nl_may_mutate(skb, info);
	if (err)
		return err;
	pf = vfprov_nl_pf(info);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!r || !o)
		goto out;
	err = vfprov_nl_request(info, &req);
	if (!err)
		err = vfprov_parse_config(info, r);
	if (err)
		goto out;
	if (req.flags & VFPROV_F_DRY_RUN) {
		plan = kzalloc(sizeof(*plan), GFP_KERNEL);
		if (!plan) {
			err = -ENOMEM;
			goto out;
		}
	}
	if (req.flags & VFPROV_F_REBALANCE)
		r->cfg.set |= VFPROV_SET_REBALANCE;
	req.cfg = &r->cfg;
	req.plan_out = plan;
	/*
	 * Runs in the core's worker (a dry run: here, lock-free); we wait
	 * killably with genl's cb_lock held (read) until the async ABI.
	 */
	vfprov_nl_started(o, vfprov_txn_apply(pf, &req, o));
	err = vfprov_reply_outcome(info, pf, r, o, plan);
out:
	kfree(plan);
	kfree(o);
	kfree(r);
	vfprov_pf_put(pf);
	return err;
}

static int vfprov_nl_reset_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vfprov_request req = {};
	struct vfprov_outcome *o;
	struct vfprov_pf *pf;
	int err;

	err = vfprov_nl_may_mutate(skb, info);
	if (err)
		return err;
	pf = vfprov_nl_pf(info);
	if (IS_ERR(pf))
		return PTR_ERR(pf);
	err = -ENOMEM;
	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		goto out;
	err = vfprov_nl_request(info, &req);
	if (err)
		goto out;
	vfprov_nl_started(o, vfprov_txn_reset(pf, &req, o));
	err = vfprov_reply_outcome(info, pf, NULL, o, NULL);
out:
	kfree(o);
	vfprov_pf_put(pf);
	return err;
}

static const struct genl_ops vfprov_genl_ops[] = {
	{
		.cmd	= VFPROV_CMD_PF_GET,
		.doit	= vfprov_nl_pf_get_doit,
		.start	= vfprov_nl_pf_dump_start,
		.dumpit	= vfprov_nl_pf_dumpit,
		.policy	= vfprov_pf_get_policy,
		.maxattr = ARRAY_SIZE(vfprov_pf_get_policy) - 1,
	},
	{
		.cmd	= VFPROV_CMD_VF_GET,
		.doit	= vfprov_nl_vf_get_doit,
		.dumpit	= vfprov_nl_vf_dumpit,
		.policy	= vfprov_vf_get_policy,
		.maxattr = ARRAY_SIZE(vfprov_vf_get_policy) - 1,
	},
	{
		.cmd	= VFPROV_CMD_PLAN,
		.doit	= vfprov_nl_plan_doit,
		.policy	= vfprov_plan_policy,
		.maxattr = ARRAY_SIZE(vfprov_plan_policy) - 1,
	},
	{
		.cmd	= VFPROV_CMD_APPLY,
		.flags	= GENL_ADMIN_PERM,
		.doit	= vfprov_nl_apply_doit,
		.policy	= vfprov_apply_policy,
		.maxattr = ARRAY_SIZE(vfprov_apply_policy) - 1,
	},
	{
		.cmd	= VFPROV_CMD_RESET,
		.flags	= GENL_ADMIN_PERM,
		.doit	= vfprov_nl_reset_doit,
		.policy	= vfprov_reset_policy,
		.maxattr = ARRAY_SIZE(vfprov_reset_policy) - 1,
	},
};

/* The largest attribute type info->attrs of @cmd has room for. */
static u32 vfprov_op_maxattr(u8 cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vfprov_genl_ops); i++)
		if (vfprov_genl_ops[i].cmd == cmd)
			return vfprov_genl_ops[i].maxattr;
	return 0;
}

static struct genl_family vfprov_genl_family __ro_after_init = {
	.name		= VFPROV_GENL_NAME,
	.version	= VFPROV_GENL_VERSION,
	.maxattr	= VFPROV_A_MAX,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= vfprov_genl_ops,
	.n_ops		= ARRAY_SIZE(vfprov_genl_ops),
#ifdef VFPROV_HAVE_RESV_START_OP
	/* Every real command gets strict header and attribute checks. */
	.resv_start_op	= VFPROV_CMD_PF_GET,
#endif
	.mcgrps		= vfprov_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vfprov_mcgrps),
};

/* ---- events ----------------------------------------------------------- */

static int vfprov_fill_event(struct sk_buff *skb, enum vfprov_event ev,
			     const char *addr, const struct vfprov_outcome *res,
			     const struct vfprov_who *who)
{
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &vfprov_genl_family, 0, VFPROV_CMD_EVENT);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VFPROV_A_EVENT, ev) ||
	    (res && vfprov_put_outcome(skb, addr, res)) ||
	    (!res && nla_put_string(skb, VFPROV_A_PF_ADDR, addr)) ||
	    (who && (nla_put_u32(skb, VFPROV_A_PID, who->pid) ||
		     nla_put_u32(skb, VFPROV_A_UID, who->uid) ||
		     nla_put_string(skb, VFPROV_A_COMM, who->comm)))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static void vfprov_nl_send(unsigned int grp, enum vfprov_event ev,
			   const char *addr, const struct vfprov_outcome *res,
			   const struct vfprov_who *who)
{
	struct sk_buff *skb;

	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return;
	if (vfprov_fill_event(skb, ev, addr, res, who)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_multicast(&vfprov_genl_family, skb, 0, grp, GFP_KERNEL);
}

/*
 * Callers are in process context (transactions, the bus notifier), so
 * GFP_KERNEL. Events go to listeners in the initial network namespace;
 * the requester's identity only to the privileged "audit" group.
 */
void vfprov_nl_event(enum vfprov_event ev, const char *addr,
		     const struct vfprov_outcome *res,
		     const struct vfprov_who *who)
{
	if (!READ_ONCE(vfprov_nl_ready))
		return;
	vfprov_nl_send(VFPROV_MCGRP_EVENTS_ID, ev, addr, res, NULL);
#ifdef VFPROV_HAVE_MCAST_AUDIT
	vfprov_nl_send(VFPROV_MCGRP_AUDIT_ID, ev, addr, res, who);
#endif
}

int __init vfprov_nl_init(void)
{
	int err;

	err = genl_register_family(&vfprov_genl_family);
	if (!err)
		WRITE_ONCE(vfprov_nl_ready, true);
	return err;
}

void vfprov_nl_exit(void)
{
	WRITE_ONCE(vfprov_nl_ready, false);
	genl_unregister_family(&vfprov_genl_family);
}
