/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_NL_H
#define VFCTL_NL_H

#include <signal.h>

#include "vfctl.h"

struct nl_sock;

struct vfnl {
	struct nl_sock *sk;
	int family;
	int mcgrp;
};

/* Returns an exit code: 0, EXIT_NOTFOUND (family absent), EXIT_ERR. */
int vfnl_open(struct vfnl *nl, char *err, size_t errlen);
void vfnl_close(struct vfnl *nl);

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
/* @plan may be NULL; plan->set == 0 if the reply carried no A_CONFIG. */
int vfnl_plan(struct vfnl *nl, const char *addr, const struct vf_req *req,
	      struct vf_req *plan, struct vf_result *res);
int vfnl_apply(struct vfnl *nl, const char *addr, const struct vf_req *req,
	       uint32_t flags, const uint64_t *expect_gen, struct vf_req *plan,
	       struct vf_result *res);
int vfnl_reset(struct vfnl *nl, const char *addr, uint32_t flags,
	       const uint64_t *expect_gen, struct vf_result *res);

/* Calls @cb for each event until *@stop or @cb returns non-zero. */
int vfnl_monitor(struct vfnl *nl,
		 int (*cb)(const struct vf_result *ev, void *arg), void *arg,
		 volatile sig_atomic_t *stop);

/* Every known PF, sorted by address (the index order of `vfctl list`). */
int vfnl_pf_list_sorted(struct vfnl *nl, struct pf_state **pfs, int *n,
			struct vf_result *res);

#endif
