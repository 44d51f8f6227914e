/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_NL_H
#define VFCTL_NL_H

#include <signal.h>

#include "vfctl.h"

struct nl_sock;

struct vfnl {
	struct nl_sock *sk;		/* requests */
	int family;
	int mcgrp;			/* "events", -1 if absent */
	uint32_t version;		/* the family's CTRL_ATTR_VERSION */
	int ev_fd;			/* events socket, -1 until subscribed */
};

/*
 * Returns an exit code: 0, EXIT_NOTFOUND (family absent), EXIT_ABI (the
 * module speaks an older ABI: rebuild it), EXIT_ERR.
 */
int vfnl_open(struct vfnl *nl, char *err, size_t errlen);
void vfnl_close(struct vfnl *nl);

/*
 * Request flags: the uapi's VFPROV_FLAGS_* and DRY_RUN, which vfctl turns
 * into the PLAN op (ABI v2 has no dry-run flag).
 */
#define VFCTL_F_FORCE		VFPROV_FLAGS_FORCE
#define VFCTL_F_IF_CHANGED	VFPROV_FLAGS_IF_CHANGED
#define VFCTL_F_REBALANCE	VFPROV_FLAGS_REBALANCE
#define VFCTL_F_DRY_RUN		(1u << 31)
/* ABI v1's names, for callers written against them (new code: VFCTL_F_*) */
#define VFPROV_F_FORCE		VFCTL_F_FORCE
#define VFPROV_F_IF_CHANGED	VFCTL_F_IF_CHANGED
#define VFPROV_F_REBALANCE	VFCTL_F_REBALANCE
#define VFPROV_F_DRY_RUN	VFCTL_F_DRY_RUN

/*
 * Requests. Each returns 0 when the kernel acknowledged the request, or a
 * negative errno (also in res->nl_err, with the extack text in
 * res->extack). Reply attributes (result, message, step, VF, generation)
 * land in @res either way.
 */
int vfnl_pf_dump(struct vfnl *nl, struct pf_state **pfs, int *n,
		 struct vf_result *res);
int vfnl_pf_get(struct vfnl *nl, const char *addr, struct pf_state *pf,
		struct vf_result *res);
int vfnl_vf_dump(struct vfnl *nl, struct pf_state *pf, struct vf_result *res);
/* @plan may be NULL; plan->set == 0 if the reply carried no plan. */
int vfnl_plan(struct vfnl *nl, const char *addr, const struct vf_req *req,
	      struct vf_req *plan, struct vf_result *res);
int vfnl_plan_flags(struct vfnl *nl, const char *addr,
		    const struct vf_req *req, uint32_t flags,
		    const uint64_t *expect_gen, struct vf_req *plan,
		    struct vf_result *res);

/*
 * Waiting for a transaction (APPLY and RESET are asynchronous in ABI v2).
 * @stop: when it becomes non-zero, the wait ends with -EINTR (the
 * transaction goes on in the kernel; res->txn_id names it). @progress is
 * called a few times a second with the PF (pf-get) and the id of our
 * transaction while it is queued or runs, and once with a NULL PF before
 * the wait returns (to clear what it printed).
 */
struct vfnl_wait {
	volatile sig_atomic_t *stop;
	void (*progress)(const struct pf_state *pf, uint64_t txn_id, void *arg);
	void *arg;
};

/*
 * Queue the transaction and wait for its outcome; @w may be NULL (wait
 * quietly). An outcome that cannot be learnt (it fell out of the PF's
 * list, or the PF or the module went away) returns -ENOMSG with the reason
 * in res->message. @plan is cleared: v2 replies carry no plan (DRY_RUN is
 * answered by PLAN, with the plan).
 */
int vfnl_apply_wait(struct vfnl *nl, const char *addr,
		    const struct vf_req *req, uint32_t flags,
		    const uint64_t *expect_gen, struct vf_req *plan,
		    const struct vfnl_wait *w, struct vf_result *res);
int vfnl_reset_wait(struct vfnl *nl, const char *addr, uint32_t flags,
		    const uint64_t *expect_gen, const struct vfnl_wait *w,
		    struct vf_result *res);
/*
 * Host-wide apply (hostwide.c): queue without waiting (*@queued: the
 * kernel answered with a txn id and no outcome yet), then wait for many
 * transactions on one socket; see nl.c.
 */
int vfnl_submit(struct vfnl *nl, uint8_t cmd, const char *addr,
		const struct vf_req *req, uint32_t flags,
		const uint64_t *expect_gen, struct vf_result *res,
		bool *queued);
int vfnl_wait_many(struct vfnl *nl, struct vf_result **res, int *rc, int n,
		   volatile sig_atomic_t *stop);
/*
 * vf-action: queue @action (enum vfprov_vf_action) on VF @vf of PF @addr as
 * a transaction of its own and wait for its outcome, like apply.
 */
int vfnl_vf_action_wait(struct vfnl *nl, const char *addr, uint32_t vf,
			uint32_t action, uint32_t flags,
			const struct vfnl_wait *w, struct vf_result *res);
/* The same without progress or signals. */
int vfnl_apply(struct vfnl *nl, const char *addr, const struct vf_req *req,
	       uint32_t flags, const uint64_t *expect_gen, struct vf_req *plan,
	       struct vf_result *res);
int vfnl_reset(struct vfnl *nl, const char *addr, uint32_t flags,
	       const uint64_t *expect_gen, struct vf_result *res);

/*
 * Calls @cb for each event until *@stop or @cb returns non-zero. When the
 * socket overran, @cb gets an event VFCTL_EV_LOST and the monitor goes on.
 */
int vfnl_monitor(struct vfnl *nl,
		 int (*cb)(const struct vf_result *ev, void *arg), void *arg,
		 volatile sig_atomic_t *stop);
/* The same, and @cb gets an event VFCTL_EV_NONE after @timeout_ms idle. */
int vfnl_monitor_timed(struct vfnl *nl,
		       int (*cb)(const struct vf_result *ev, void *arg),
		       void *arg, volatile sig_atomic_t *stop, int timeout_ms);

/* Every known PF, sorted by address (the index order of `vfctl list`). */
int vfnl_pf_list_sorted(struct vfnl *nl, struct pf_state **pfs, int *n,
			struct vf_result *res);

#endif
