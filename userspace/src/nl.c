// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink client of the "vfprov" family: family resolution,
 * request/reply with extack, dumps and the events group.
 *
 * Attributes are parsed without a policy and with lengths checked by hand,
 * so that a newer kernel which appends attributes keeps working.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <sys/socket.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* ---- attribute accessors: a short or absent attribute reads as absent */

static bool a_u8(struct nlattr *a, uint8_t *v)
{
	if (!a || nla_len(a) < 1)
		return false;
	*v = nla_get_u8(a);
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
	n = strnlen(buf, n);
	buf[n] = 0;
	return true;
}

static int parse_nested(struct nlattr **tb, int max, struct nlattr *nest)
{
	return nla_parse(tb, max, nla_data(nest), nla_len(nest), NULL);
}

/* ---- decoding */

static void parse_vf_attrs(struct nlattr *nest, struct vf_state *vs)
{
	struct nlattr *tb[VFPROV_VF_A_MAX + 1];
	struct vf_cfg *c = &vs->cfg;
	uint8_t b;

	memset(vs, 0, sizeof(*vs));
	vs->iommu_group = -1;
	if (parse_nested(tb, VFPROV_VF_A_MAX, nest))
		return;
	a_u32(tb[VFPROV_VF_A_ID], &vs->id);
	if (a_u64(tb[VFPROV_VF_A_GGTT], &c->ggtt))
		c->set |= VF_SET_GGTT;
	if (a_u64(tb[VFPROV_VF_A_LMEM], &c->lmem))
		c->set |= VF_SET_LMEM;
	if (a_u32(tb[VFPROV_VF_A_CONTEXTS], &c->contexts))
		c->set |= VF_SET_CONTEXTS;
	if (a_u32(tb[VFPROV_VF_A_DOORBELLS], &c->doorbells))
		c->set |= VF_SET_DOORBELLS;
	if (a_u32(tb[VFPROV_VF_A_EXEC_QUANTUM_MS], &c->eq))
		c->set |= VF_SET_EQ;
	if (a_u32(tb[VFPROV_VF_A_PREEMPT_TIMEOUT_US], &c->pt))
		c->set |= VF_SET_PT;
	if (a_u32(tb[VFPROV_VF_A_WEIGHT], &c->weight))
		c->set |= VF_SET_WEIGHT;
	if (a_u8(tb[VFPROV_VF_A_ENABLED], &b))
		vs->enabled = b;
	if (a_u8(tb[VFPROV_VF_A_IN_USE], &b))
		vs->in_use = b;
	a_str(tb[VFPROV_VF_A_PCI_ADDR], vs->pci_addr, sizeof(vs->pci_addr));
	a_str(tb[VFPROV_VF_A_DRIVER], vs->driver, sizeof(vs->driver));
	a_s32(tb[VFPROV_VF_A_IOMMU_GROUP], &vs->iommu_group);
}

static void parse_config(struct nlattr *nest, struct vf_req *r)
{
	struct nlattr *tb[VFPROV_CFG_A_MAX + 1];
	uint8_t b;

	memset(r, 0, sizeof(*r));
	if (parse_nested(tb, VFPROV_CFG_A_MAX, nest))
		return;
	if (a_u32(tb[VFPROV_CFG_A_NUM_VFS], &r->num_vfs))
		r->set |= REQ_SET_NUM_VFS;
	if (a_u32(tb[VFPROV_CFG_A_VF_DRIVER], &r->driver))
		r->set |= REQ_SET_DRIVER;
	if (a_u64(tb[VFPROV_CFG_A_GGTT_SPARE], &r->ggtt_spare))
		r->set |= REQ_SET_GGTT_SPARE;
	if (a_u64(tb[VFPROV_CFG_A_LMEM_SPARE], &r->lmem_spare))
		r->set |= REQ_SET_LMEM_SPARE;
	if (a_u32(tb[VFPROV_CFG_A_CONTEXTS_SPARE], &r->contexts_spare))
		r->set |= REQ_SET_CTX_SPARE;
	if (a_u32(tb[VFPROV_CFG_A_DOORBELLS_SPARE], &r->doorbells_spare))
		r->set |= REQ_SET_DB_SPARE;
	if (a_u32(tb[VFPROV_CFG_A_EXEC_QUANTUM_MS], &r->pf_eq))
		r->set |= REQ_SET_PF_EQ;
	if (a_u32(tb[VFPROV_CFG_A_PREEMPT_TIMEOUT_US], &r->pf_pt))
		r->set |= REQ_SET_PF_PT;
	if (a_u8(tb[VFPROV_CFG_A_SCHED_IF_IDLE], &b)) {
		r->sched_if_idle = b;
		r->set |= REQ_SET_IDLE;
	}
	if (tb[VFPROV_CFG_A_VFS]) {
		struct nlattr *a;
		int rem;

		nla_for_each_nested(a, tb[VFPROV_CFG_A_VFS], rem) {
			struct vf_state vs;

			if (nla_type(a) != VFPROV_A_VF)
				continue;
			parse_vf_attrs(a, &vs);
			if (vs.id < 1 || vs.id > VFPROV_MAX_VFS)
				continue;
			r->vf[vs.id - 1] = vs.cfg;
		}
	}
}

static void parse_res(struct nlattr *nest, struct pf_state *pf)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		struct nlattr *tb[VFPROV_RES_A_MAX + 1];
		struct res_info *ri;

		if (nla_type(a) != VFPROV_A_RES || pf->nres >= VFCTL_MAX_RES)
			continue;
		if (parse_nested(tb, VFPROV_RES_A_MAX, a))
			continue;
		ri = &pf->res[pf->nres++];
		memset(ri, 0, sizeof(*ri));
		a_str(tb[VFPROV_RES_A_NAME], ri->name, sizeof(ri->name));
		a_u64(tb[VFPROV_RES_A_FREE], &ri->free);
		a_u64(tb[VFPROV_RES_A_MAX_QUOTA], &ri->max_quota);
		a_u64(tb[VFPROV_RES_A_GRANULE], &ri->granule);
		a_u64(tb[VFPROV_RES_A_SPARE], &ri->spare);
		a_u64(tb[VFPROV_RES_A_SPARE_MIN], &ri->spare_min);
		a_u64(tb[VFPROV_RES_A_VF_MAX], &ri->vf_max);
	}
}

static void parse_pf(struct nlattr **tb, struct pf_state *pf)
{
	a_str(tb[VFPROV_A_PF_ADDR], pf->addr, sizeof(pf->addr));
	a_str(tb[VFPROV_A_PF_BACKEND], pf->backend, sizeof(pf->backend));
	a_str(tb[VFPROV_A_PF_DRIVER], pf->driver, sizeof(pf->driver));
	a_u32(tb[VFPROV_A_PF_TOTAL_VFS], &pf->total_vfs);
	a_u32(tb[VFPROV_A_PF_NUM_VFS], &pf->num_vfs);
	a_u64(tb[VFPROV_A_PF_GENERATION], &pf->generation);
	a_u32(tb[VFPROV_A_PF_STATE], &pf->state);
	a_u32(tb[VFPROV_A_PF_LAST_RESULT], &pf->last_result);
	a_s32(tb[VFPROV_A_PF_LAST_ERRNO], &pf->last_errno);
	a_str(tb[VFPROV_A_PF_LAST_ERROR], pf->last_error, sizeof(pf->last_error));
	if (tb[VFPROV_A_PF_RESOURCES])
		parse_res(tb[VFPROV_A_PF_RESOURCES], pf);
	if (tb[VFPROV_A_CONFIG]) {
		parse_config(tb[VFPROV_A_CONFIG], &pf->cfg);
		pf->have_cfg = true;
	}
}

static void parse_disrupted(struct nlattr *nest, struct vf_result *r)
{
	struct nlattr *a, *tb[VFPROV_VF_A_MAX + 1];
	uint32_t id, what;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != VFPROV_A_VF ||
		    parse_nested(tb, VFPROV_VF_A_MAX, a) ||
		    !a_u32(tb[VFPROV_VF_A_ID], &id) ||
		    !a_u32(tb[VFPROV_VF_A_DISRUPT], &what) ||
		    id < 1 || id > 64)
			continue;
		if (what & VFPROV_DISRUPT_DISABLE)
			r->disrupt_off |= 1ull << (id - 1);
		if (what & VFPROV_DISRUPT_REBIND)
			r->disrupt_rebind |= 1ull << (id - 1);
	}
}

static void parse_result(struct nlattr **tb, struct vf_result *r)
{
	if (tb[VFPROV_A_DISRUPTED])
		parse_disrupted(tb[VFPROV_A_DISRUPTED], r);
	if (a_u32(tb[VFPROV_A_RESULT], &r->result))
		r->have_result = true;
	a_s32(tb[VFPROV_A_ERRNO], &r->err);
	a_str(tb[VFPROV_A_MESSAGE], r->message, sizeof(r->message));
	a_str(tb[VFPROV_A_FAILED_STEP], r->step, sizeof(r->step));
	if (a_u32(tb[VFPROV_A_FAILED_VF], &r->failed_vf))
		r->have_failed_vf = true;
	if (a_u64(tb[VFPROV_A_PF_GENERATION], &r->generation))
		r->have_gen = true;
	a_u32(tb[VFPROV_A_EVENT], &r->event);
	a_str(tb[VFPROV_A_PF_ADDR], r->addr, sizeof(r->addr));
	if (a_u32(tb[VFPROV_A_PID], &r->pid))
		r->have_who = true;
	a_u32(tb[VFPROV_A_UID], &r->uid);
	a_str(tb[VFPROV_A_COMM], r->comm, sizeof(r->comm));
}

/* ---- the request/reply loop */

struct rx {
	int done;
	struct vf_result *res;
	int (*valid)(struct nlattr **tb, void *arg);
	void *arg;
};

static int genl_attrs(struct nl_msg *msg, struct nlattr **tb)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (!genlmsg_valid_hdr(nlh, 0))
		return -1;
	return genlmsg_parse(nlh, 0, tb, VFPROV_A_MAX, NULL);
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1];
	struct rx *rx = arg;

	if (genl_attrs(msg, tb))
		return NL_SKIP;
	if (rx->valid && rx->valid(tb, rx->arg))
		return NL_STOP;
	return NL_OK;
}

/* Extended ack TLVs after struct nlmsgerr (and the echoed request unless capped). */
static void parse_extack(struct nlmsghdr *nlh, struct vf_result *res)
{
	struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off, total;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	total = nlh->nlmsg_len - NLMSG_HDRLEN;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	off = NLMSG_ALIGN(off);
	if (off >= total)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
		      (int)(total - off), NULL))
		return;
	a_str(tb[NLMSGERR_ATTR_MSG], res->extack, sizeof(res->extack));
}

static int err_cb(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct rx *rx = arg;

	(void)who;
	rx->res->nl_err = e->error;
	parse_extack(nlh, rx->res);
	rx->done = 1;
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct rx *rx = arg;

	parse_extack(nlmsg_hdr(msg), rx->res);	/* warnings ride on acks */
	rx->done = 1;
	return NL_STOP;
}

static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct rx *rx = arg;

	/* A dump that failed carries its errno in NLMSG_DONE. */
	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		int v;

		memcpy(&v, nlmsg_data(nlh), sizeof(v));
		if (v < 0)
			rx->res->nl_err = v;
	}
	rx->done = 1;
	return NL_STOP;
}

static int transact(struct vfnl *nl, struct nl_msg *msg,
		    int (*valid)(struct nlattr **, void *), void *arg,
		    struct vf_result *res)
{
	struct rx rx = { .res = res, .valid = valid, .arg = arg };
	struct nl_cb *cb;
	int err;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, &rx);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, &rx);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, &rx);
	nl_cb_err(cb, NL_CB_CUSTOM, err_cb, &rx);
	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	if (err < 0) {
		res->nl_err = -EIO;
		snprintf(res->extack, sizeof(res->extack), "netlink send: %s",
			 nl_geterror(err));
		nl_cb_put(cb);
		return res->nl_err;
	}
	while (!rx.done) {
		err = nl_recvmsgs(nl->sk, cb);
		if (err < 0 && !rx.done) {
			res->nl_err = -EIO;
			snprintf(res->extack, sizeof(res->extack),
				 "netlink receive: %s", nl_geterror(err));
			break;
		}
	}
	nl_cb_put(cb);
	return res->nl_err;
}

static struct nl_msg *new_msg(struct vfnl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, VFPROV_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int vfnl_open(struct vfnl *nl, char *err, size_t errlen)
{
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		snprintf(err, errlen, "out of memory");
		return EXIT_ERR;
	}
	if (genl_connect(nl->sk)) {
		snprintf(err, errlen, "cannot open a generic netlink socket");
		vfnl_close(nl);
		return EXIT_ERR;
	}
	/* Best effort: older kernels lack extended acks. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, VFPROV_GENL_NAME);
	if (nl->family < 0) {
		snprintf(err, errlen, "vfprov module not loaded: modprobe vfprov");
		vfnl_close(nl);
		return EXIT_NOTFOUND;
	}
	nl->mcgrp = genl_ctrl_resolve_grp(nl->sk, VFPROV_GENL_NAME,
					  VFPROV_MCGRP_EVENTS);
	return 0;
}

void vfnl_close(struct vfnl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

/* ---- PF and VF queries */

struct pf_vec {
	struct pf_state *v;
	int n, cap;
};

static int pf_dump_one(struct nlattr **tb, void *arg)
{
	struct pf_vec *pv = arg;

	if (pv->n == pv->cap) {
		int cap = pv->cap ? pv->cap * 2 : 8;
		struct pf_state *v = realloc(pv->v, (size_t)cap * sizeof(*v));

		if (!v)
			return -1;
		pv->v = v;
		pv->cap = cap;
	}
	memset(&pv->v[pv->n], 0, sizeof(pv->v[0]));
	parse_pf(tb, &pv->v[pv->n]);
	if (pv->v[pv->n].addr[0])
		pv->n++;
	return 0;
}

int vfnl_pf_dump(struct vfnl *nl, struct pf_state **pfs, int *n,
		 struct vf_result *res)
{
	struct pf_vec pv = { 0 };
	struct nl_msg *msg = new_msg(nl, VFPROV_CMD_PF_GET, NLM_F_DUMP);
	int err;

	*pfs = NULL;
	*n = 0;
	if (!msg)
		return -ENOMEM;
	err = transact(nl, msg, pf_dump_one, &pv, res);
	if (err) {
		free(pv.v);
		return err;
	}
	*pfs = pv.v;
	*n = pv.n;
	return 0;
}

static int cmp_pf(const void *a, const void *b)
{
	return strcmp(((const struct pf_state *)a)->addr,
		      ((const struct pf_state *)b)->addr);
}

int vfnl_pf_list_sorted(struct vfnl *nl, struct pf_state **pfs, int *n,
			struct vf_result *res)
{
	int err = vfnl_pf_dump(nl, pfs, n, res);

	if (!err && *n > 1)
		qsort(*pfs, (size_t)*n, sizeof(**pfs), cmp_pf);
	return err;
}

static int pf_get_one(struct nlattr **tb, void *arg)
{
	struct pf_state *pf = arg;

	parse_pf(tb, pf);
	return 0;
}

int vfnl_pf_get(struct vfnl *nl, const char *addr, struct pf_state *pf,
		struct vf_result *res)
{
	struct nl_msg *msg = new_msg(nl, VFPROV_CMD_PF_GET, 0);

	memset(pf, 0, sizeof(*pf));
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, VFPROV_A_PF_ADDR, addr)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return transact(nl, msg, pf_get_one, pf, res);
}

static int vf_dump_one(struct nlattr **tb, void *arg)
{
	struct pf_state *pf = arg;
	struct vf_state vs;

	if (!tb[VFPROV_A_VF] || pf->nvfs >= VFPROV_MAX_VFS)
		return 0;
	parse_vf_attrs(tb[VFPROV_A_VF], &vs);
	if (!vs.id)
		return 0;
	pf->vf[pf->nvfs++] = vs;
	return 0;
}

static int cmp_vf(const void *a, const void *b)
{
	uint32_t x = ((const struct vf_state *)a)->id;
	uint32_t y = ((const struct vf_state *)b)->id;

	return x < y ? -1 : x > y;
}

int vfnl_vf_dump(struct vfnl *nl, struct pf_state *pf, struct vf_result *res)
{
	struct nl_msg *msg = new_msg(nl, VFPROV_CMD_VF_GET, NLM_F_DUMP);
	int err;

	pf->nvfs = 0;
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, VFPROV_A_PF_ADDR, pf->addr)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	err = transact(nl, msg, vf_dump_one, pf, res);
	if (pf->nvfs > 1)
		qsort(pf->vf, (size_t)pf->nvfs, sizeof(pf->vf[0]), cmp_vf);
	return err;
}

/* ---- plan / apply / reset */

static int put_vf(struct nl_msg *msg, uint32_t id, const struct vf_cfg *c)
{
	struct nlattr *n = nla_nest_start(msg, VFPROV_A_VF);

	if (!n)
		return -1;
	if (nla_put_u32(msg, VFPROV_VF_A_ID, id) ||
	    ((c->set & VF_SET_GGTT) && nla_put_u64(msg, VFPROV_VF_A_GGTT, c->ggtt)) ||
	    ((c->set & VF_SET_LMEM) && nla_put_u64(msg, VFPROV_VF_A_LMEM, c->lmem)) ||
	    ((c->set & VF_SET_CONTEXTS) && nla_put_u32(msg, VFPROV_VF_A_CONTEXTS, c->contexts)) ||
	    ((c->set & VF_SET_DOORBELLS) && nla_put_u32(msg, VFPROV_VF_A_DOORBELLS, c->doorbells)) ||
	    ((c->set & VF_SET_EQ) && nla_put_u32(msg, VFPROV_VF_A_EXEC_QUANTUM_MS, c->eq)) ||
	    ((c->set & VF_SET_PT) && nla_put_u32(msg, VFPROV_VF_A_PREEMPT_TIMEOUT_US, c->pt)) ||
	    ((c->set & VF_SET_WEIGHT) && nla_put_u32(msg, VFPROV_VF_A_WEIGHT, c->weight)))
		return -1;
	nla_nest_end(msg, n);
	return 0;
}

static int put_config(struct nl_msg *msg, const struct vf_req *r)
{
	struct nlattr *cfg = nla_nest_start(msg, VFPROV_A_CONFIG), *vfs;
	uint32_t i;

	if (!cfg)
		return -1;
	if (((r->set & REQ_SET_NUM_VFS) && nla_put_u32(msg, VFPROV_CFG_A_NUM_VFS, r->num_vfs)) ||
	    ((r->set & REQ_SET_DRIVER) && nla_put_u32(msg, VFPROV_CFG_A_VF_DRIVER, r->driver)) ||
	    ((r->set & REQ_SET_GGTT_SPARE) && nla_put_u64(msg, VFPROV_CFG_A_GGTT_SPARE, r->ggtt_spare)) ||
	    ((r->set & REQ_SET_LMEM_SPARE) && nla_put_u64(msg, VFPROV_CFG_A_LMEM_SPARE, r->lmem_spare)) ||
	    ((r->set & REQ_SET_CTX_SPARE) && nla_put_u32(msg, VFPROV_CFG_A_CONTEXTS_SPARE, r->contexts_spare)) ||
	    ((r->set & REQ_SET_DB_SPARE) && nla_put_u32(msg, VFPROV_CFG_A_DOORBELLS_SPARE, r->doorbells_spare)) ||
	    ((r->set & REQ_SET_PF_EQ) && nla_put_u32(msg, VFPROV_CFG_A_EXEC_QUANTUM_MS, r->pf_eq)) ||
	    ((r->set & REQ_SET_PF_PT) && nla_put_u32(msg, VFPROV_CFG_A_PREEMPT_TIMEOUT_US, r->pf_pt)) ||
	    ((r->set & REQ_SET_IDLE) && nla_put_u8(msg, VFPROV_CFG_A_SCHED_IF_IDLE, (uint8_t)r->sched_if_idle)))
		return -1;
	vfs = nla_nest_start(msg, VFPROV_CFG_A_VFS);
	if (!vfs)
		return -1;
	for (i = 0; i < r->num_vfs && i < VFPROV_MAX_VFS; i++)
		if (r->vf[i].set && put_vf(msg, i + 1, &r->vf[i]))
			return -1;
	nla_nest_end(msg, vfs);
	nla_nest_end(msg, cfg);
	return 0;
}

struct reply_arg {
	struct vf_result *res;
	struct vf_req *plan;
};

static int reply_one(struct nlattr **tb, void *arg)
{
	struct reply_arg *ra = arg;

	parse_result(tb, ra->res);
	if (ra->plan && tb[VFPROV_A_CONFIG])
		parse_config(tb[VFPROV_A_CONFIG], ra->plan);
	return 0;
}

static int mutate(struct vfnl *nl, uint8_t cmd, const char *addr,
		  const struct vf_req *req, uint32_t flags,
		  const uint64_t *expect_gen, struct vf_req *plan,
		  struct vf_result *res)
{
	struct reply_arg ra = { .res = res, .plan = plan };
	struct nl_msg *msg = new_msg(nl, cmd, 0);

	if (plan)
		memset(plan, 0, sizeof(*plan));
	if (!msg)
		return -ENOMEM;
	if (nla_put_string(msg, VFPROV_A_PF_ADDR, addr) ||
	    (req && put_config(msg, req)) ||
	    (flags && nla_put_u32(msg, VFPROV_A_FLAGS, flags)) ||
	    (expect_gen && nla_put_u64(msg, VFPROV_A_EXPECTED_GEN, *expect_gen))) {
		nlmsg_free(msg);
		res->nl_err = -EMSGSIZE;
		snprintf(res->extack, sizeof(res->extack), "request too large");
		return -EMSGSIZE;
	}
	return transact(nl, msg, reply_one, &ra, res);
}

int vfnl_plan(struct vfnl *nl, const char *addr, const struct vf_req *req,
	      struct vf_req *plan, struct vf_result *res)
{
	return mutate(nl, VFPROV_CMD_PLAN, addr, req, 0, NULL, plan, res);
}

int vfnl_apply(struct vfnl *nl, const char *addr, const struct vf_req *req,
	       uint32_t flags, const uint64_t *expect_gen, struct vf_req *plan,
	       struct vf_result *res)
{
	return mutate(nl, VFPROV_CMD_APPLY, addr, req, flags, expect_gen, plan,
		      res);
}

int vfnl_reset(struct vfnl *nl, const char *addr, uint32_t flags,
	       const uint64_t *expect_gen, struct vf_result *res)
{
	return mutate(nl, VFPROV_CMD_RESET, addr, NULL, flags, expect_gen, NULL,
		      res);
}

/* ---- events */

struct mon {
	int (*cb)(const struct vf_result *ev, void *arg);
	void *arg;
	int stop;
};

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VFPROV_A_MAX + 1];
	struct mon *m = arg;
	struct vf_result ev;

	if (genlmsg_hdr(nlmsg_hdr(msg))->cmd != VFPROV_CMD_EVENT)
		return NL_SKIP;
	if (genl_attrs(msg, tb))
		return NL_SKIP;
	memset(&ev, 0, sizeof(ev));
	parse_result(tb, &ev);
	if (m->cb(&ev, m->arg))
		m->stop = 1;
	return NL_OK;
}

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

int vfnl_monitor(struct vfnl *nl,
		 int (*cb)(const struct vf_result *ev, void *arg), void *arg,
		 volatile sig_atomic_t *stop)
{
	struct mon m = { .cb = cb, .arg = arg };
	struct pollfd pfd;
	struct nl_cb *ncb;
	int err;

	if (nl->mcgrp < 0)
		return -ENOENT;
	err = nl_socket_add_membership(nl->sk, nl->mcgrp);
	if (err < 0)
		return -EIO;
	nl_socket_disable_seq_check(nl->sk);
	nl_socket_set_nonblocking(nl->sk);
	ncb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!ncb)
		return -ENOMEM;
	nl_cb_set(ncb, NL_CB_VALID, NL_CB_CUSTOM, event_cb, &m);
	/* multicast messages carry sequence number 0 */
	nl_cb_set(ncb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	pfd.fd = nl_socket_get_fd(nl->sk);
	pfd.events = POLLIN;
	err = 0;
	while (!*stop && !m.stop) {
		int r = poll(&pfd, 1, -1);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		r = nl_recvmsgs(nl->sk, ncb);
		if (r < 0 && r != -NLE_AGAIN) {
			/* Overrun: events were lost, keep going. */
			if (r == -NLE_NOMEM)
				continue;
			err = -EIO;
			break;
		}
	}
	nl_cb_put(ncb);
	return err;
}
