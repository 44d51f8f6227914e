// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink client of the "vfprov" family, ABI v2: family and
 * version resolution, request/reply with extack, dumps, the events group,
 * and waiting for an asynchronous transaction (with recovery from a lost
 * notification through pf-get). Message contents: nl_msg.c.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <sys/socket.h>

#include "nl.h"
#include "nl_msg.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* pf-get polls while waiting: on a terminal (progress), else a safety net */
#define POLL_TTY_MS	250
#define POLL_QUIET_MS	2000
/* a transaction neither running nor ended on an idle PF for this long */
#define QUEUED_GIVE_UP_MS 10000
#define EV_RCVBUF	(1 << 20)

/* ---- the request/reply loop */

struct rx {
	int done;
	struct vf_result *res;
	int (*valid)(struct nlmsghdr *nlh, void *arg);
	void *arg;
};

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct rx *rx = arg;

	if (rx->valid && rx->valid(nlmsg_hdr(msg), rx->arg))
		return NL_STOP;
	return NL_OK;
}

/* Extended ack TLVs after struct nlmsgerr (and the echoed request unless capped). */
static void parse_extack(struct nlmsghdr *nlh, struct vf_result *res)
{
	struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off, total;
	int n;

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
		      (int)(total - off), NULL) || !tb[NLMSGERR_ATTR_MSG])
		return;
	n = nla_len(tb[NLMSGERR_ATTR_MSG]);
	if (n >= (int)sizeof(res->extack))
		n = sizeof(res->extack) - 1;
	memcpy(res->extack, nla_data(tb[NLMSGERR_ATTR_MSG]), (size_t)n);
	res->extack[n] = 0;
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
		    int (*valid)(struct nlmsghdr *, void *), void *arg,
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

/* ---- family, version and group in one CTRL_CMD_GETFAMILY */

static int family_one(struct nlmsghdr *nlh, void *arg)
{
	nlm_family(nlh, VFPROV_MCGRP_EVENTS, arg);
	return 0;
}

static int resolve_family(struct vfnl *nl, struct nlm_family *f)
{
	struct vf_result res = { 0 };
	struct nl_msg *msg = nlmsg_alloc();

	f->id = -1;
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, 0,
			 CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, VFPROV_GENL_NAME)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	transact(nl, msg, family_one, f, &res);
	return f->id < 0 ? (res.nl_err ? res.nl_err : -ENOENT) : 0;
}

int vfnl_open(struct vfnl *nl, char *err, size_t errlen)
{
	struct nlm_family f;
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->ev_fd = -1;
	nl->mcgrp = -1;
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
	if (resolve_family(nl, &f)) {
		snprintf(err, errlen, "vfprov module not loaded: modprobe vfprov");
		vfnl_close(nl);
		return EXIT_NOTFOUND;
	}
	if (nlm_check_version(f.version, err, errlen)) {
		vfnl_close(nl);
		return EXIT_ABI;
	}
	nl->family = f.id;
	nl->version = f.version;
	nl->mcgrp = f.mcgrp;
	return 0;
}

void vfnl_close(struct vfnl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
	if (nl->ev_fd >= 0)
		close(nl->ev_fd);
	nl->ev_fd = -1;
}

/* ---- PF and VF queries */

struct pf_vec {
	struct pf_state *v;
	int n, cap;
};

static int pf_dump_one(struct nlmsghdr *nlh, void *arg)
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
	if (!nlm_pf(nlh, &pv->v[pv->n]) && pv->v[pv->n].addr[0])
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

static int pf_get_one(struct nlmsghdr *nlh, void *arg)
{
	nlm_pf(nlh, arg);
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

static int vf_dump_one(struct nlmsghdr *nlh, void *arg)
{
	struct pf_state *pf = arg;
	struct vf_state vs;

	if (pf->nvfs >= VFPROV_MAX_VFS || nlm_vf(nlh, &vs) || !vs.id)
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
	if (nla_put_string(msg, VFPROV_A_VF_PF_ADDR, pf->addr)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	err = transact(nl, msg, vf_dump_one, pf, res);
	if (pf->nvfs > 1)
		qsort(pf->vf, (size_t)pf->nvfs, sizeof(pf->vf[0]), cmp_vf);
	return err;
}

/* ---- plan / apply / reset */

struct reply_arg {
	struct vf_result *res;
	struct vf_req *plan;
};

static int reply_one(struct nlmsghdr *nlh, void *arg)
{
	struct reply_arg *ra = arg;

	nlm_txn_reply(nlh, ra->res, ra->plan);
	return 0;
}

static int request(struct vfnl *nl, uint8_t cmd, const char *addr,
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
	flags &= ~VFCTL_F_DRY_RUN;
	if (nla_put_string(msg, VFPROV_A_TXN_PF_ADDR, addr) ||
	    (req && nlm_put_config(msg, VFPROV_A_TXN_CONFIG, req)) ||
	    (flags && nla_put_u32(msg, VFPROV_A_TXN_FLAGS, flags)) ||
	    (expect_gen && nla_put_u64(msg, VFPROV_A_TXN_EXPECTED_GEN, *expect_gen))) {
		nlmsg_free(msg);
		res->nl_err = -EMSGSIZE;
		snprintf(res->extack, sizeof(res->extack), "request too large");
		return -EMSGSIZE;
	}
	return transact(nl, msg, reply_one, &ra, res);
}

int vfnl_plan_flags(struct vfnl *nl, const char *addr,
		    const struct vf_req *req, uint32_t flags,
		    const uint64_t *expect_gen, struct vf_req *plan,
		    struct vf_result *res)
{
	return request(nl, VFPROV_CMD_PLAN, addr, req, flags, expect_gen, plan,
		       res);
}

int vfnl_plan(struct vfnl *nl, const char *addr, const struct vf_req *req,
	      struct vf_req *plan, struct vf_result *res)
{
	return vfnl_plan_flags(nl, addr, req, 0, NULL, plan, res);
}

/* ---- the events socket */

static int subscribe(struct vfnl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, grp = nl->mcgrp, size = EV_RCVBUF;
	const char *env = getenv("VFCTL_RCVBUF");

	if (nl->ev_fd >= 0)
		return 0;
	if (grp < 0)
		return -ENOENT;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -errno;
	/* tests make it small to overrun it */
	if (env && *env)
		size = atoi(env);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
		       sizeof(grp))) {
		int e = -errno;

		close(fd);
		return e;
	}
	nl->ev_fd = fd;
	return 0;
}

/*
 * Read what is queued on the events socket (without blocking), calling
 * @cb per vfprov event. Returns 1 when @cb asked to stop, 0 when drained,
 * -ENOBUFS when the socket overran (events were lost), another -errno.
 */
static int drain(struct vfnl *nl, int (*cb)(const struct vf_result *, void *),
		 void *arg)
{
	static char buf[65536] __attribute__((aligned(NLMSG_ALIGNTO)));

	for (;;) {
		ssize_t n = recv(nl->ev_fd, buf, sizeof(buf), MSG_DONTWAIT);
		struct nlmsghdr *nlh;
		int len;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
		}
		len = (int)n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			struct vf_result ev;

			if (nlh->nlmsg_type != nl->family || nlm_event(nlh, &ev))
				continue;
			if (cb(&ev, arg))
				return 1;
		}
	}
}

/* ---- waiting for a transaction */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The outcome into @res; the ack's errno and extack stay. */
static void take_outcome(struct vf_result *res, const struct vf_result *o)
{
	struct vf_result keep = *res;

	*res = *o;
	res->nl_err = keep.nl_err;
	memcpy(res->extack, keep.extack, sizeof(res->extack));
	memcpy(res->addr, keep.addr, sizeof(res->addr));
	res->have_txn = true;
	res->txn_id = keep.txn_id;
}

struct waiter {
	const char *addr;
	struct vf_result *res;
	int done;
};

static int mine(const struct vf_result *ev, void *arg)
{
	struct waiter *wt = arg;

	if (ev->event != VFCTL_EV_TXN || !ev->have_txn ||
	    ev->txn_id != wt->res->txn_id || strcmp(ev->addr, wt->addr))
		return 0;
	take_outcome(wt->res, ev);
	wt->done = 1;
	return 1;
}

/* The outcome of our transaction cannot be learnt: say why. */
static int lost(struct vf_result *res, const char *why)
{
	snprintf(res->message, sizeof(res->message), "transaction %llu: %s",
		 (unsigned long long)res->txn_id, why);
	return -ENOMSG;
}

/*
 * One pf-get: 1 when it settled the wait (outcome taken, or -ENOMSG in
 * *rc), 0 to keep waiting. *idle_since tracks a transaction the PF shows
 * neither running nor ended.
 */
static int check_pf(struct vfnl *nl, struct waiter *wt, struct pf_state *pf,
		    const struct vfnl_wait *w, long long *idle_since, int *rc)
{
	struct vf_result r = { 0 };
	const struct vf_result *o;

	if (vfnl_pf_get(nl, wt->addr, pf, &r)) {
		/* the module may be going: its notification may be queued */
		if (drain(nl, mine, wt) == 1)
			return 1;
		*rc = lost(wt->res, r.nl_err == -ENODEV ?
			   "the PF went away while waiting for its outcome" :
			   "vfprov went away while waiting for its outcome");
		return 1;
	}
	switch (txn_find(pf, wt->res->txn_id, &o)) {
	case TXN_DONE:
		take_outcome(wt->res, o);
		wt->done = 1;
		return 1;
	case TXN_LOST:
		*rc = lost(wt->res, "it ended, but its outcome is no longer kept (more transactions ended since)");
		return 1;
	case TXN_RUNNING:
		*idle_since = 0;
		break;
	case TXN_QUEUED:
		if (pf->state == VFPROV_STATE_APPLYING || pf->have_running) {
			*idle_since = 0;
		} else if (!*idle_since) {
			*idle_since = now_ms();
		} else if (now_ms() - *idle_since > QUEUED_GIVE_UP_MS) {
			*rc = lost(wt->res, "the PF is idle and shows neither it running nor its outcome");
			return 1;
		}
		break;
	}
	if (w && w->progress)
		w->progress(pf, wt->res->txn_id, w->arg);
	return 0;
}

static int wait_txn(struct vfnl *nl, const char *addr, struct vf_result *res,
		    const struct vfnl_wait *w)
{
	struct waiter wt = { .addr = addr, .res = res };
	int period = w && w->progress ? POLL_TTY_MS : POLL_QUIET_MS;
	long long next = now_ms() + period, idle_since = 0;
	struct pf_state *pf = malloc(sizeof(*pf));
	int rc = 0;

	if (!pf)
		return -ENOMEM;
	for (;;) {
		struct pollfd pfd = { .fd = nl->ev_fd, .events = POLLIN };
		long long left = next - now_ms();
		bool check = left <= 0;

		if (w && w->stop && *w->stop) {
			rc = -EINTR;
			break;
		}
		if (!check && nl->ev_fd >= 0 &&
		    poll(&pfd, 1, (int)left) > 0) {
			int d = drain(nl, mine, &wt);

			if (d == 1)
				break;
			/* overrun: ours may be among the lost ones */
			check = d < 0;
		} else if (!check && nl->ev_fd < 0) {
			usleep((useconds_t)left * 1000);
			check = true;
		}
		if (!check)
			continue;
		if (check_pf(nl, &wt, pf, w, &idle_since, &rc))
			break;
		next = now_ms() + period;
	}
	if (w && w->progress)
		w->progress(NULL, res->txn_id, w->arg);
	free(pf);
	return rc ? rc : res->nl_err;
}

static int wait_queued(struct vfnl *nl, const char *addr, int rc,
		       const struct vfnl_wait *w, struct vf_result *res);

/*
 * Subscribed BEFORE the request goes out: the notification of a quick
 * transaction cannot slip past. Without the group, pf-get polls alone.
 */
static int submit_wait(struct vfnl *nl, uint8_t cmd, const char *addr,
		       const struct vf_req *req, uint32_t flags,
		       const uint64_t *expect_gen, const struct vfnl_wait *w,
		       struct vf_result *res)
{
	int rc;

	subscribe(nl);
	rc = request(nl, cmd, addr, req, flags, expect_gen, NULL, res);
	return wait_queued(nl, addr, rc, w, res);
}

int vfnl_vf_action_wait(struct vfnl *nl, const char *addr, uint32_t vf,
			uint32_t action, uint32_t flags,
			const struct vfnl_wait *w, struct vf_result *res)
{
	struct reply_arg ra = { .res = res };
	struct nl_msg *msg = new_msg(nl, VFPROV_CMD_VF_ACTION, 0);
	int rc;

	if (!msg)
		return -ENOMEM;
	if (nlm_put_vf_action(msg, addr, vf, action, flags)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	subscribe(nl);
	rc = transact(nl, msg, reply_one, &ra, res);
	return wait_queued(nl, addr, rc, w, res);
}

/* After the request: wait for the transaction it queued, if it did. */
static int wait_queued(struct vfnl *nl, const char *addr, int rc,
		       const struct vfnl_wait *w, struct vf_result *res)
{
	if (rc || !res->have_txn)
		return rc;	/* refused before it was queued */
	/* an outcome "none" with the id only says it is queued */
	if (res->have_result && res->result != VFPROV_RESULT_NONE)
		return rc;
	res->have_result = false;
	snprintf(res->addr, sizeof(res->addr), "%s", addr);
	return wait_txn(nl, addr, res, w);
}

/*
 * Host-wide apply (hostwide.c): queue one transaction without waiting.
 * 0 with res->txn_id when queued; a reply that already carries an outcome
 * (refused at once) sets *@queued false.
 */
int vfnl_submit(struct vfnl *nl, uint8_t cmd, const char *addr,
		const struct vf_req *req, uint32_t flags,
		const uint64_t *expect_gen, struct vf_result *res,
		bool *queued)
{
	int rc;

	*queued = false;
	subscribe(nl);
	rc = request(nl, cmd, addr, req, flags & ~VFCTL_F_DRY_RUN, expect_gen,
		     NULL, res);
	snprintf(res->addr, sizeof(res->addr), "%s", addr);
	if (rc || !res->have_txn)
		return rc;
	if (res->have_result && res->result != VFPROV_RESULT_NONE)
		return rc;
	res->have_result = false;
	*queued = true;
	return 0;
}

struct many {
	struct vf_result **res;
	int *done;
	int n;
};

static int mine_many(const struct vf_result *ev, void *arg)
{
	struct many *m = arg;
	int i;

	if (ev->event != VFCTL_EV_TXN || !ev->have_txn)
		return 0;
	for (i = 0; i < m->n; i++)
		if (!m->done[i] && ev->txn_id == m->res[i]->txn_id &&
		    !strcmp(ev->addr, m->res[i]->addr)) {
			take_outcome(m->res[i], ev);
			m->done[i] = 1;
		}
	return 0;
}

/*
 * Wait for @n queued transactions at once (res[i]->addr and ->txn_id name
 * them, as vfnl_submit left them): one events socket, a pf-get per
 * unfinished one every POLL_QUIET_MS as the safety net. rc[i] is 0 or
 * -ENOMSG (outcome lost) or -EINTR (*stop).
 */
int vfnl_wait_many(struct vfnl *nl, struct vf_result **res, int *rc, int n,
		   volatile sig_atomic_t *stop)
{
	int *done = calloc((size_t)n + 1, sizeof(*done));
	long long *idle = calloc((size_t)n + 1, sizeof(*idle));
	struct pf_state *pf = malloc(sizeof(*pf));
	struct many m = { .res = res, .done = done, .n = n };
	long long next = now_ms();	/* one pf-get at once: quick ones */
	int i, left = n;

	if (!done || !idle || !pf) {
		free(done);
		free(idle);
		free(pf);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		rc[i] = 0;
	while (left > 0) {
		struct pollfd pfd = { .fd = nl->ev_fd, .events = POLLIN };
		long long wait = next - now_ms();
		bool check = wait <= 0;

		if (stop && *stop) {
			for (i = 0; i < n; i++)
				if (!done[i])
					rc[i] = -EINTR;
			break;
		}
		if (!check && nl->ev_fd >= 0 && poll(&pfd, 1, (int)wait) > 0)
			check = drain(nl, mine_many, &m) < 0;
		else if (!check && nl->ev_fd < 0)
			check = !usleep((useconds_t)wait * 1000);
		for (i = 0; check && i < n; i++) {
			struct waiter wt = { .addr = res[i]->addr, .res = res[i] };

			if (!done[i] &&
			    check_pf(nl, &wt, pf, NULL, &idle[i], &rc[i]))
				done[i] = 1;
		}
		if (check)
			next = now_ms() + POLL_QUIET_MS;
		for (left = 0, i = 0; i < n; i++)
			left += !done[i];
	}
	free(done);
	free(idle);
	free(pf);
	return 0;
}

int vfnl_apply_wait(struct vfnl *nl, const char *addr,
		    const struct vf_req *req, uint32_t flags,
		    const uint64_t *expect_gen, struct vf_req *plan,
		    const struct vfnl_wait *w, struct vf_result *res)
{
	if (flags & VFCTL_F_DRY_RUN)
		return vfnl_plan_flags(nl, addr, req, flags, expect_gen, plan,
				       res);
	if (plan)
		memset(plan, 0, sizeof(*plan));
	return submit_wait(nl, VFPROV_CMD_APPLY, addr, req, flags, expect_gen,
			   w, res);
}

int vfnl_reset_wait(struct vfnl *nl, const char *addr, uint32_t flags,
		    const uint64_t *expect_gen, const struct vfnl_wait *w,
		    struct vf_result *res)
{
	return submit_wait(nl, VFPROV_CMD_RESET, addr, NULL, flags, expect_gen,
			   w, res);
}

int vfnl_apply(struct vfnl *nl, const char *addr, const struct vf_req *req,
	       uint32_t flags, const uint64_t *expect_gen, struct vf_req *plan,
	       struct vf_result *res)
{
	return vfnl_apply_wait(nl, addr, req, flags, expect_gen, plan, NULL,
			       res);
}

int vfnl_reset(struct vfnl *nl, const char *addr, uint32_t flags,
	       const uint64_t *expect_gen, struct vf_result *res)
{
	return vfnl_reset_wait(nl, addr, flags, expect_gen, NULL, res);
}

/* ---- monitor */

int vfnl_monitor(struct vfnl *nl,
		 int (*cb)(const struct vf_result *ev, void *arg), void *arg,
		 volatile sig_atomic_t *stop)
{
	return vfnl_monitor_timed(nl, cb, arg, stop, -1);
}

int vfnl_monitor_timed(struct vfnl *nl,
		       int (*cb)(const struct vf_result *ev, void *arg),
		       void *arg, volatile sig_atomic_t *stop, int timeout_ms)
{
	int err = subscribe(nl);

	if (err)
		return err;
	while (!*stop) {
		struct pollfd pfd = { .fd = nl->ev_fd, .events = POLLIN };
		int r = poll(&pfd, 1, timeout_ms);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0) {
			struct vf_result tick = { .event = VFCTL_EV_NONE };

			if (cb(&tick, arg))
				break;
			continue;
		}
		r = drain(nl, cb, arg);
		if (r == 1)
			break;
		if (r == -ENOBUFS) {
			struct vf_result ev = { .event = VFCTL_EV_LOST };

			if (cb(&ev, arg))
				break;
		} else if (r < 0) {
			return r;
		}
	}
	return 0;
}
