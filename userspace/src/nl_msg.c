// SPDX-License-Identifier: GPL-2.0
/*
 * vfprov ABI v2 messages: per-object attribute sets, multi-attr entries
 * (VFs, resources, outcomes, disrupted VFs), u64 quantities and enums.
 *
 * Attributes are parsed without a policy and with lengths checked by hand,
 * so that a newer kernel which appends attributes keeps working.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nl_msg.h"

/* ---- attribute accessors: a short or absent attribute reads as absent */

static bool a_u8(struct nlattr *a, uint8_t *v)
{
	if (!a || nla_len(a) < 1)
		return false;
	*v = nla_get_u8(a);
	return true;
}

static bool a_u16(struct nlattr *a, uint16_t *v)
{
	if (!a || nla_len(a) < 2)
		return false;
	*v = nla_get_u16(a);
	return true;
}

static bool a_u32(struct nlattr *a, uint32_t *v)
{
	if (!a || nla_len(a) < 4)
		return false;
	*v = nla_get_u32(a);
	return true;
}

static bool a_s32(struct nlattr *a, int32_t *v)
{
	uint32_t u;

	if (!a_u32(a, &u))
		return false;
	memcpy(v, &u, sizeof(*v));
	return true;
}

static bool a_u64(struct nlattr *a, uint64_t *v)
{
	if (!a || nla_len(a) < 8)
		return false;
	*v = nla_get_u64(a);
	return true;
}

/* A u64 count into a u32 field: larger values read as absent. */
static bool a_u64_32(struct nlattr *a, uint32_t *v)
{
	uint64_t w;

	if (!a_u64(a, &w) || w > UINT32_MAX)
		return false;
	*v = (uint32_t)w;
	return true;
}

static bool a_str(struct nlattr *a, char *buf, size_t len)
{
	size_t n;

	if (!a || !len)
		return false;
	n = (size_t)nla_len(a);
	if (n >= len)
		n = len - 1;
	memcpy(buf, nla_data(a), n);
	buf[n] = 0;
	return true;
}

static int parse_nested(struct nlattr **tb, int max, struct nlattr *nest)
{
	return nla_parse(tb, max, nla_data(nest), nla_len(nest), NULL);
}

static int genl_parse(struct nlmsghdr *nlh, struct nlattr **tb, int max)
{
	if (!genlmsg_valid_hdr(nlh, 0))
		return -1;
	return genlmsg_parse(nlh, 0, tb, max, NULL) ? -1 : 0;
}

/* ---- nests */

/* The threshold attributes follow enum vfprov_adverse's order. */
static void parse_thresholds(struct nlattr **tb, struct vf_cfg *c)
{
	int i;

	for (i = 0; i < VFCTL_NTHR; i++)
		if (a_u32(tb[VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT + i],
			  &c->thr[i]))
			c->set |= VF_SET_THR(i);
}

static void parse_policies(struct nlattr **tb, struct vf_req *r)
{
	uint8_t b;

	if (a_u8(tb[VFPROV_A_CONFIG_ENGINE_RESET], &b)) {
		r->engine_reset = b;
		r->set |= REQ_SET_ENGINE_RESET;
	}
	if (a_u32(tb[VFPROV_A_CONFIG_SAMPLE_PERIOD_MS], &r->sample_period_ms))
		r->set |= REQ_SET_SAMPLE_PERIOD;
	if (a_u32(tb[VFPROV_A_CONFIG_SCHED_PRIORITY], &r->sched_priority))
		r->set |= REQ_SET_SCHED_PRIO;
}

/* A GT entry of a VF entry: the values that GT holds apart from the VF's */
static void parse_vf_gt(struct nlattr *nest, struct vf_cfg *c)
{
	struct nlattr *tb[VFPROV_A_VF_GT_CONFIG_MAX + 1];
	struct vf_gt *g;
	uint32_t id;

	if (parse_nested(tb, VFPROV_A_VF_GT_CONFIG_MAX, nest) ||
	    !a_u32(tb[VFPROV_A_VF_GT_CONFIG_ID], &id) || id > VFPROV_MAX_GT)
		return;
	g = &c->gt[id];
	if (a_u64_32(tb[VFPROV_A_VF_GT_CONFIG_CONTEXTS], &g->contexts))
		g->set |= VF_SET_CONTEXTS;
	if (a_u64_32(tb[VFPROV_A_VF_GT_CONFIG_DOORBELLS], &g->doorbells))
		g->set |= VF_SET_DOORBELLS;
	if (a_u32(tb[VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS], &g->eq))
		g->set |= VF_SET_EQ;
	if (a_u32(tb[VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US], &g->pt))
		g->set |= VF_SET_PT;
	if (g->set)
		c->set |= VF_SET_GT;
}

static void parse_vf_config(struct nlattr *nest, uint32_t *id,
			    struct vf_cfg *c)
{
	struct nlattr *tb[VFPROV_A_VF_CONFIG_MAX + 1], *a;
	int rem;

	memset(c, 0, sizeof(*c));
	*id = 0;
	if (parse_nested(tb, VFPROV_A_VF_CONFIG_MAX, nest))
		return;
	a_u32(tb[VFPROV_A_VF_CONFIG_ID], id);
	if (a_u64(tb[VFPROV_A_VF_CONFIG_GGTT], &c->ggtt))
		c->set |= VF_SET_GGTT;
	if (a_u64(tb[VFPROV_A_VF_CONFIG_LMEM], &c->lmem))
		c->set |= VF_SET_LMEM;
	if (a_u64_32(tb[VFPROV_A_VF_CONFIG_CONTEXTS], &c->contexts))
		c->set |= VF_SET_CONTEXTS;
	if (a_u64_32(tb[VFPROV_A_VF_CONFIG_DOORBELLS], &c->doorbells))
		c->set |= VF_SET_DOORBELLS;
	if (a_u32(tb[VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS], &c->eq))
		c->set |= VF_SET_EQ;
	if (a_u32(tb[VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US], &c->pt))
		c->set |= VF_SET_PT;
	if (a_u32(tb[VFPROV_A_VF_CONFIG_WEIGHT], &c->weight))
		c->set |= VF_SET_WEIGHT;
	parse_thresholds(tb, c);
	/* multi-attr: every VFPROV_A_VF_CONFIG_GT */
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == VFPROV_A_VF_CONFIG_GT)
			parse_vf_gt(a, c);
}

static void parse_config(struct nlattr *nest, struct vf_req *r)
{
	struct nlattr *tb[VFPROV_A_CONFIG_MAX + 1], *a;
	uint8_t b;
	int rem;

	memset(r, 0, sizeof(*r));
	if (parse_nested(tb, VFPROV_A_CONFIG_MAX, nest))
		return;
	if (a_u32(tb[VFPROV_A_CONFIG_NUM_VFS], &r->num_vfs))
		r->set |= REQ_SET_NUM_VFS;
	if (a_u32(tb[VFPROV_A_CONFIG_VF_DRIVER], &r->driver))
		r->set |= REQ_SET_DRIVER;
	if (a_u64(tb[VFPROV_A_CONFIG_GGTT_SPARE], &r->ggtt_spare))
		r->set |= REQ_SET_GGTT_SPARE;
	if (a_u64(tb[VFPROV_A_CONFIG_LMEM_SPARE], &r->lmem_spare))
		r->set |= REQ_SET_LMEM_SPARE;
	if (a_u64_32(tb[VFPROV_A_CONFIG_CONTEXTS_SPARE], &r->contexts_spare))
		r->set |= REQ_SET_CTX_SPARE;
	if (a_u64_32(tb[VFPROV_A_CONFIG_DOORBELLS_SPARE], &r->doorbells_spare))
		r->set |= REQ_SET_DB_SPARE;
	if (a_u32(tb[VFPROV_A_CONFIG_EXEC_QUANTUM_MS], &r->pf_eq))
		r->set |= REQ_SET_PF_EQ;
	if (a_u32(tb[VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US], &r->pf_pt))
		r->set |= REQ_SET_PF_PT;
	if (a_u8(tb[VFPROV_A_CONFIG_SCHED_IF_IDLE], &b)) {
		r->sched_if_idle = b;
		r->set |= REQ_SET_IDLE;
	}
	parse_policies(tb, r);
	/* multi-attr: every VFPROV_A_CONFIG_VF, not only the last */
	nla_for_each_nested(a, nest, rem) {
		struct vf_cfg c;
		uint32_t id;

		if (nla_type(a) != VFPROV_A_CONFIG_VF)
			continue;
		parse_vf_config(a, &id, &c);
		if (id >= 1 && id <= VFPROV_MAX_VFS)
			r->vf[id - 1] = c;
	}
}

static void parse_resource(struct nlattr *nest, struct res_info *ri)
{
	struct nlattr *tb[VFPROV_A_RESOURCE_MAX + 1];
	uint32_t type;

	memset(ri, 0, sizeof(*ri));
	if (parse_nested(tb, VFPROV_A_RESOURCE_MAX, nest))
		return;
	if (a_u32(tb[VFPROV_A_RESOURCE_TYPE], &type))
		snprintf(ri->name, sizeof(ri->name), "%s", resource_name(type));
	a_u64(tb[VFPROV_A_RESOURCE_FREE], &ri->free);
	a_u64(tb[VFPROV_A_RESOURCE_MAX_QUOTA], &ri->max_quota);
	a_u64(tb[VFPROV_A_RESOURCE_GRANULE], &ri->granule);
	a_u64(tb[VFPROV_A_RESOURCE_SPARE], &ri->spare);
	a_u64(tb[VFPROV_A_RESOURCE_SPARE_MIN], &ri->spare_min);
	a_u64(tb[VFPROV_A_RESOURCE_VF_MAX], &ri->vf_max);
}

static void parse_disrupted(struct nlattr *nest, struct vf_result *r)
{
	struct nlattr *tb[VFPROV_A_DISRUPTED_VF_MAX + 1];
	uint32_t id, what;

	if (parse_nested(tb, VFPROV_A_DISRUPTED_VF_MAX, nest) ||
	    !a_u32(tb[VFPROV_A_DISRUPTED_VF_ID], &id) ||
	    !a_u32(tb[VFPROV_A_DISRUPTED_VF_WHAT], &what) ||
	    id < 1 || id > 64)
		return;
	if (what & VFPROV_DISRUPT_DISABLE)
		r->disrupt_off |= 1ull << (id - 1);
	if (what & VFPROV_DISRUPT_REBIND)
		r->disrupt_rebind |= 1ull << (id - 1);
}

/* An outcome nest into @r (the ack fields of @r are left alone). */
static void parse_outcome(struct nlattr *nest, struct vf_result *r)
{
	struct nlattr *tb[VFPROV_A_OUTCOME_MAX + 1], *a;
	uint32_t v;
	int rem;

	if (parse_nested(tb, VFPROV_A_OUTCOME_MAX, nest))
		return;
	if (a_u64(tb[VFPROV_A_OUTCOME_TXN_ID], &r->txn_id))
		r->have_txn = r->txn_id != 0;
	a_u32(tb[VFPROV_A_OUTCOME_OP], &r->op);
	if (a_u32(tb[VFPROV_A_OUTCOME_RESULT], &r->result))
		r->have_result = true;
	a_s32(tb[VFPROV_A_OUTCOME_ERRNO], &r->err);
	a_str(tb[VFPROV_A_OUTCOME_MESSAGE], r->message, sizeof(r->message));
	if (a_u32(tb[VFPROV_A_OUTCOME_STEP], &v))
		snprintf(r->step, sizeof(r->step), "%s", step_name(v));
	if (a_u32(tb[VFPROV_A_OUTCOME_VF], &r->failed_vf))
		r->have_failed_vf = true;
	if (a_u32(tb[VFPROV_A_OUTCOME_FIELD], &v))
		snprintf(r->field, sizeof(r->field), "%s", field_name(v));
	if (a_u64(tb[VFPROV_A_OUTCOME_GENERATION], &r->generation))
		r->have_gen = true;
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == VFPROV_A_OUTCOME_DISRUPTED)
			parse_disrupted(a, r);
}

static void parse_status(struct nlattr *nest, struct txn_status *s)
{
	struct nlattr *tb[VFPROV_A_TXN_STATUS_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (parse_nested(tb, VFPROV_A_TXN_STATUS_MAX, nest))
		return;
	a_u64(tb[VFPROV_A_TXN_STATUS_TXN_ID], &s->txn_id);
	a_u32(tb[VFPROV_A_TXN_STATUS_OP], &s->op);
	a_u32(tb[VFPROV_A_TXN_STATUS_STEP], &s->step);
	a_u32(tb[VFPROV_A_TXN_STATUS_VF], &s->vf);
}

static void parse_requester(struct nlattr *nest, struct vf_result *r)
{
	struct nlattr *tb[VFPROV_A_REQUESTER_MAX + 1];

	if (parse_nested(tb, VFPROV_A_REQUESTER_MAX, nest))
		return;
	if (a_u32(tb[VFPROV_A_REQUESTER_PID], &r->pid))
		r->have_who = true;
	a_u32(tb[VFPROV_A_REQUESTER_UID], &r->uid);
	a_str(tb[VFPROV_A_REQUESTER_COMM], r->comm, sizeof(r->comm));
}

/* ---- whole messages */

static void pf_multi(struct nlmsghdr *nlh, struct pf_state *pf)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		if (nla_type(a) == VFPROV_A_PF_RESOURCE &&
		    pf->nres < VFCTL_MAX_RES)
			parse_resource(a, &pf->res[pf->nres++]);
		if (nla_type(a) == VFPROV_A_PF_OUTCOME &&
		    pf->nout < VFPROV_OUTCOMES_KEPT) {
			memset(&pf->out[pf->nout], 0, sizeof(pf->out[0]));
			parse_outcome(a, &pf->out[pf->nout++]);
		}
	}
}

int nlm_pf(struct nlmsghdr *nlh, struct pf_state *pf)
{
	struct nlattr *tb[VFPROV_A_PF_MAX + 1];
	uint32_t backend;

	if (genl_parse(nlh, tb, VFPROV_A_PF_MAX))
		return -1;
	a_str(tb[VFPROV_A_PF_ADDR], pf->addr, sizeof(pf->addr));
	if (a_u32(tb[VFPROV_A_PF_BACKEND], &backend))
		snprintf(pf->backend, sizeof(pf->backend), "%s",
			 backend_name(backend));
	a_str(tb[VFPROV_A_PF_DRIVER], pf->driver, sizeof(pf->driver));
	a_u32(tb[VFPROV_A_PF_TOTAL_VFS], &pf->total_vfs);
	a_u32(tb[VFPROV_A_PF_NUM_VFS], &pf->num_vfs);
	a_u64(tb[VFPROV_A_PF_GENERATION], &pf->generation);
	a_u32(tb[VFPROV_A_PF_STATE], &pf->state);
	if (tb[VFPROV_A_PF_CONFIG]) {
		parse_config(tb[VFPROV_A_PF_CONFIG], &pf->cfg);
		pf->have_cfg = true;
	}
	if (tb[VFPROV_A_PF_RUNNING]) {
		parse_status(tb[VFPROV_A_PF_RUNNING], &pf->running);
		pf->have_running = true;
	}
	if (a_u32(tb[VFPROV_A_PF_CAPS], &pf->caps))
		pf->have_caps = true;
	a_u32(tb[VFPROV_A_PF_GTS], &pf->gts);
	pf->nres = 0;
	pf->nout = 0;
	pf_multi(nlh, pf);
	/* v1's "last result": the newest outcome */
	if (pf->nout) {
		const struct vf_result *o = &pf->out[0];

		pf->last_result = o->result;
		pf->last_errno = o->err;
		snprintf(pf->last_error, sizeof(pf->last_error), "%s",
			 o->result == VFPROV_RESULT_COMMITTED ||
			 o->result == VFPROV_RESULT_UNCHANGED ? "" : o->message);
	}
	return 0;
}

/* multi-attr VFPROV_A_VF_ADVERSE: one nest per kind with a count */
static void vf_adverse(struct nlmsghdr *nlh, struct vf_state *vs)
{
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(nlmsg_data(nlh), 0),
			  genlmsg_attrlen(nlmsg_data(nlh), 0), rem) {
		struct nlattr *tb[VFPROV_A_ADVERSE_COUNT_MAX + 1];
		uint32_t type;
		uint64_t n;

		if (nla_type(a) != VFPROV_A_VF_ADVERSE ||
		    parse_nested(tb, VFPROV_A_ADVERSE_COUNT_MAX, a) ||
		    !a_u32(tb[VFPROV_A_ADVERSE_COUNT_TYPE], &type) ||
		    !a_u64(tb[VFPROV_A_ADVERSE_COUNT_COUNT], &n) ||
		    type >= VFCTL_NTHR)
			continue;
		vs->adverse[type] = n;
		vs->adverse_set |= 1u << type;
	}
}

int nlm_vf(struct nlmsghdr *nlh, struct vf_state *vs)
{
	struct nlattr *tb[VFPROV_A_VF_MAX + 1];
	uint32_t id;
	uint8_t b;

	memset(vs, 0, sizeof(*vs));
	vs->iommu_group = -1;
	if (genl_parse(nlh, tb, VFPROV_A_VF_MAX))
		return -1;
	a_u32(tb[VFPROV_A_VF_ID], &vs->id);
	if (a_u8(tb[VFPROV_A_VF_ENABLED], &b))
		vs->enabled = b;
	if (a_u8(tb[VFPROV_A_VF_IN_USE], &b))
		vs->in_use = b;
	a_str(tb[VFPROV_A_VF_PCI_ADDR], vs->pci_addr, sizeof(vs->pci_addr));
	a_str(tb[VFPROV_A_VF_DRIVER], vs->driver, sizeof(vs->driver));
	a_s32(tb[VFPROV_A_VF_IOMMU_GROUP], &vs->iommu_group);
	if (tb[VFPROV_A_VF_CONFIG])
		parse_vf_config(tb[VFPROV_A_VF_CONFIG], &id, &vs->cfg);
	if (a_u32(tb[VFPROV_A_VF_STATE], &vs->run_state))
		vs->have_state = true;
	if (a_u64(tb[VFPROV_A_VF_LMEM_ALLOC], &vs->lmem_alloc))
		vs->have_lmem_alloc = true;
	vf_adverse(nlh, vs);
	return 0;
}

static int parse_txn(struct nlmsghdr *nlh, struct vf_result *res,
		     struct vf_req *plan)
{
	struct nlattr *tb[VFPROV_A_TXN_MAX + 1];

	if (genl_parse(nlh, tb, VFPROV_A_TXN_MAX))
		return -1;
	a_str(tb[VFPROV_A_TXN_PF_ADDR], res->addr, sizeof(res->addr));
	if (tb[VFPROV_A_TXN_OUTCOME])
		parse_outcome(tb[VFPROV_A_TXN_OUTCOME], res);
	/* after the outcome: a queued request's id is the reply's */
	if (a_u64(tb[VFPROV_A_TXN_TXN_ID], &res->txn_id))
		res->have_txn = res->txn_id != 0;
	if (tb[VFPROV_A_TXN_REQUESTER])
		parse_requester(tb[VFPROV_A_TXN_REQUESTER], res);
	if (plan && tb[VFPROV_A_TXN_PLAN])
		parse_config(tb[VFPROV_A_TXN_PLAN], plan);
	return 0;
}

int nlm_txn_reply(struct nlmsghdr *nlh, struct vf_result *res,
		  struct vf_req *plan)
{
	return parse_txn(nlh, res, plan);
}

static uint32_t change_event(uint32_t change)
{
	switch (change) {
	case VFPROV_PF_CHANGE_ADDED:
		return VFCTL_EV_PF_ADDED;
	case VFPROV_PF_CHANGE_REMOVED:
		return VFCTL_EV_PF_REMOVED;
	case VFPROV_PF_CHANGE_DRIVER:
		return VFCTL_EV_PF_DRIVER;
	default:
		return VFCTL_EV_PF_CONFIG;
	}
}

/* A pf-ntf: the PF's words and numbers, its newest outcome's generation. */
static int parse_pf_ntf(struct nlmsghdr *nlh, struct vf_result *ev)
{
	struct nlattr *tb[VFPROV_A_PF_MAX + 1];
	uint32_t backend;

	if (genl_parse(nlh, tb, VFPROV_A_PF_MAX))
		return -1;
	ev->have_pf = true;
	a_str(tb[VFPROV_A_PF_ADDR], ev->addr, sizeof(ev->addr));
	a_u32(tb[VFPROV_A_PF_CHANGE], &ev->change);
	ev->event = change_event(ev->change);
	a_u32(tb[VFPROV_A_PF_STATE], &ev->state);
	a_u32(tb[VFPROV_A_PF_NUM_VFS], &ev->num_vfs);
	a_u32(tb[VFPROV_A_PF_TOTAL_VFS], &ev->total_vfs);
	if (a_u32(tb[VFPROV_A_PF_BACKEND], &backend))
		snprintf(ev->backend, sizeof(ev->backend), "%s",
			 backend_name(backend));
	a_str(tb[VFPROV_A_PF_DRIVER], ev->driver, sizeof(ev->driver));
	if (a_u64(tb[VFPROV_A_PF_GENERATION], &ev->generation))
		ev->have_gen = true;
	return 0;
}

/* A vf-ntf: the VF as vf-get shows it, why it was sent, which action. */
static int parse_vf_ntf(struct nlmsghdr *nlh, struct vf_result *ev)
{
	struct nlattr *tb[VFPROV_A_VF_MAX + 1];
	uint32_t change = VFPROV_VF_CHANGE_ACTION;

	if (genl_parse(nlh, tb, VFPROV_A_VF_MAX) || nlm_vf(nlh, &ev->vf))
		return -1;
	ev->have_vf = true;
	a_str(tb[VFPROV_A_VF_PF_ADDR], ev->addr, sizeof(ev->addr));
	a_u32(tb[VFPROV_A_VF_CHANGE], &change);
	ev->change = change;
	ev->event = change == VFPROV_VF_CHANGE_ADVERSE ? VFCTL_EV_VF_ADVERSE
						       : VFCTL_EV_VF_ACTION;
	if (a_u32(tb[VFPROV_A_VF_ACTION], &ev->action))
		ev->have_action = true;
	return 0;
}

int nlm_event(struct nlmsghdr *nlh, struct vf_result *ev)
{
	struct genlmsghdr *g;

	memset(ev, 0, sizeof(*ev));
	if (!genlmsg_valid_hdr(nlh, 0))
		return -1;
	g = nlmsg_data(nlh);
	if (g->cmd == VFPROV_CMD_PF_NTF)
		return parse_pf_ntf(nlh, ev);
	if (g->cmd == VFPROV_CMD_VF_NTF)
		return parse_vf_ntf(nlh, ev);
	if (g->cmd != VFPROV_CMD_TXN_NTF || parse_txn(nlh, ev, NULL))
		return -1;
	ev->event = VFCTL_EV_TXN;
	return 0;
}

static void family_groups(struct nlattr *nest, const char *grp,
			  struct nlm_family *f)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
		char name[GENL_NAMSIZ];
		uint32_t id;

		if (parse_nested(tb, CTRL_ATTR_MCAST_GRP_MAX, a) ||
		    !a_str(tb[CTRL_ATTR_MCAST_GRP_NAME], name, sizeof(name)) ||
		    !a_u32(tb[CTRL_ATTR_MCAST_GRP_ID], &id))
			continue;
		if (!strcmp(name, grp))
			f->mcgrp = (int)id;
	}
}

int nlm_family(struct nlmsghdr *nlh, const char *grp, struct nlm_family *f)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	uint16_t id;

	f->id = -1;
	f->version = 0;
	f->mcgrp = -1;
	if (genl_parse(nlh, tb, CTRL_ATTR_MAX) ||
	    !a_u16(tb[CTRL_ATTR_FAMILY_ID], &id))
		return -1;
	f->id = id;
	a_u32(tb[CTRL_ATTR_VERSION], &f->version);
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		family_groups(tb[CTRL_ATTR_MCAST_GROUPS], grp, f);
	return 0;
}

/* v1 numbers every attribute differently: nothing of it would parse. */
int nlm_check_version(uint32_t version, char *err, size_t errlen)
{
	if (version >= VFCTL_NL_ABI)
		return 0;
	snprintf(err, errlen,
		 "vfprov module speaks netlink ABI v%u, this vfctl needs v%d: rebuild/reinstall the module (dkms)",
		 version, VFCTL_NL_ABI);
	return EXIT_ABI;
}

/* ---- requests */

/* A GT entry: the values GT @id holds apart from its VF's */
static int put_vf_gt(struct nl_msg *msg, uint32_t id, const struct vf_gt *g)
{
	struct nlattr *n = nla_nest_start(msg, VFPROV_A_VF_CONFIG_GT);

	if (!n || nla_put_u32(msg, VFPROV_A_VF_GT_CONFIG_ID, id) ||
	    ((g->set & VF_SET_CONTEXTS) && nla_put_u64(msg, VFPROV_A_VF_GT_CONFIG_CONTEXTS, g->contexts)) ||
	    ((g->set & VF_SET_DOORBELLS) && nla_put_u64(msg, VFPROV_A_VF_GT_CONFIG_DOORBELLS, g->doorbells)) ||
	    ((g->set & VF_SET_EQ) && nla_put_u32(msg, VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS, g->eq)) ||
	    ((g->set & VF_SET_PT) && nla_put_u32(msg, VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US, g->pt)))
		return -1;
	nla_nest_end(msg, n);
	return 0;
}

static int put_vf(struct nl_msg *msg, uint32_t id, const struct vf_cfg *c)
{
	struct nlattr *n = nla_nest_start(msg, VFPROV_A_CONFIG_VF);
	int i;

	if (!n)
		return -1;
	if (nla_put_u32(msg, VFPROV_A_VF_CONFIG_ID, id) ||
	    ((c->set & VF_SET_GGTT) && nla_put_u64(msg, VFPROV_A_VF_CONFIG_GGTT, c->ggtt)) ||
	    ((c->set & VF_SET_LMEM) && nla_put_u64(msg, VFPROV_A_VF_CONFIG_LMEM, c->lmem)) ||
	    ((c->set & VF_SET_CONTEXTS) && nla_put_u64(msg, VFPROV_A_VF_CONFIG_CONTEXTS, c->contexts)) ||
	    ((c->set & VF_SET_DOORBELLS) && nla_put_u64(msg, VFPROV_A_VF_CONFIG_DOORBELLS, c->doorbells)) ||
	    ((c->set & VF_SET_EQ) && nla_put_u32(msg, VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS, c->eq)) ||
	    ((c->set & VF_SET_PT) && nla_put_u32(msg, VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US, c->pt)) ||
	    ((c->set & VF_SET_WEIGHT) && nla_put_u32(msg, VFPROV_A_VF_CONFIG_WEIGHT, c->weight)))
		return -1;
	for (i = 0; i < VFCTL_NTHR; i++)
		if ((c->set & VF_SET_THR(i)) &&
		    nla_put_u32(msg, VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT + i,
				c->thr[i]))
			return -1;
	for (i = 0; i < VFCTL_NGT; i++)
		if ((c->gt[i].set & VF_SET_GT_KEYS) &&
		    put_vf_gt(msg, (uint32_t)i, &c->gt[i]))
			return -1;
	nla_nest_end(msg, n);
	return 0;
}

int nlm_put_config(struct nl_msg *msg, int attr, const struct vf_req *r)
{
	struct nlattr *cfg = nla_nest_start(msg, attr);
	uint32_t i;

	if (!cfg)
		return -1;
	if (((r->set & REQ_SET_NUM_VFS) && nla_put_u32(msg, VFPROV_A_CONFIG_NUM_VFS, r->num_vfs)) ||
	    ((r->set & REQ_SET_DRIVER) && nla_put_u32(msg, VFPROV_A_CONFIG_VF_DRIVER, r->driver)) ||
	    ((r->set & REQ_SET_GGTT_SPARE) && nla_put_u64(msg, VFPROV_A_CONFIG_GGTT_SPARE, r->ggtt_spare)) ||
	    ((r->set & REQ_SET_LMEM_SPARE) && nla_put_u64(msg, VFPROV_A_CONFIG_LMEM_SPARE, r->lmem_spare)) ||
	    ((r->set & REQ_SET_CTX_SPARE) && nla_put_u64(msg, VFPROV_A_CONFIG_CONTEXTS_SPARE, r->contexts_spare)) ||
	    ((r->set & REQ_SET_DB_SPARE) && nla_put_u64(msg, VFPROV_A_CONFIG_DOORBELLS_SPARE, r->doorbells_spare)) ||
	    ((r->set & REQ_SET_PF_EQ) && nla_put_u32(msg, VFPROV_A_CONFIG_EXEC_QUANTUM_MS, r->pf_eq)) ||
	    ((r->set & REQ_SET_PF_PT) && nla_put_u32(msg, VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US, r->pf_pt)) ||
	    ((r->set & REQ_SET_IDLE) && nla_put_u8(msg, VFPROV_A_CONFIG_SCHED_IF_IDLE, (uint8_t)r->sched_if_idle)) ||
	    ((r->set & REQ_SET_ENGINE_RESET) && nla_put_u8(msg, VFPROV_A_CONFIG_ENGINE_RESET, (uint8_t)r->engine_reset)) ||
	    ((r->set & REQ_SET_SAMPLE_PERIOD) && nla_put_u32(msg, VFPROV_A_CONFIG_SAMPLE_PERIOD_MS, r->sample_period_ms)) ||
	    ((r->set & REQ_SET_SCHED_PRIO) && nla_put_u32(msg, VFPROV_A_CONFIG_SCHED_PRIORITY, r->sched_priority)))
		return -1;
	for (i = 0; i < r->num_vfs && i < VFPROV_MAX_VFS; i++)
		if (r->vf[i].set && put_vf(msg, i + 1, &r->vf[i]))
			return -1;
	nla_nest_end(msg, cfg);
	return 0;
}

int nlm_put_vf_action(struct nl_msg *msg, const char *addr, uint32_t vf,
		      uint32_t action, uint32_t flags)
{
	if (nla_put_string(msg, VFPROV_A_TXN_PF_ADDR, addr) ||
	    nla_put_u32(msg, VFPROV_A_TXN_VF_ID, vf) ||
	    nla_put_u32(msg, VFPROV_A_TXN_ACTION, action) ||
	    (flags && nla_put_u32(msg, VFPROV_A_TXN_FLAGS, flags)))
		return -1;
	return 0;
}
