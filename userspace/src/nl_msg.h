/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Encoding and decoding of vfprov ABI v2 messages, apart from any socket
 * so that the host unit tests can feed crafted messages to the parsers.
 */
#ifndef VFCTL_NL_MSG_H
#define VFCTL_NL_MSG_H

#include <linux/netlink.h>

#include "vfctl.h"

/* The netlink ABI version this vfctl speaks (and refuses a module below). */
#define VFCTL_NL_ABI	2

struct nl_msg;

/* What CTRL_CMD_GETFAMILY answered for a family. */
struct nlm_family {
	int id;			/* -1 until found */
	uint32_t version;
	int mcgrp;		/* the asked group's id, -1 if absent */
};

/*
 * Each parser takes a whole generic netlink message and returns 0, or -1
 * when it is not one (short header, attributes that do not parse). Absent
 * or short attributes read as absent, unknown ones are ignored (a newer
 * kernel may add some).
 */
int nlm_family(struct nlmsghdr *nlh, const char *grp, struct nlm_family *f);
int nlm_pf(struct nlmsghdr *nlh, struct pf_state *pf);
int nlm_vf(struct nlmsghdr *nlh, struct vf_state *vs);
/* plan, apply and reset replies; @plan may be NULL */
int nlm_txn_reply(struct nlmsghdr *nlh, struct vf_result *res,
		  struct vf_req *plan);
/* pf-ntf, txn-ntf and vf-ntf; -1 for any other command */
int nlm_event(struct nlmsghdr *nlh, struct vf_result *ev);

/*
 * 0 when vfctl speaks the family version a module reported, else EXIT_ABI
 * with what to do in @err (an older module: rebuild it).
 */
int nlm_check_version(uint32_t version, char *err, size_t errlen);

/* A config nest @attr of @r's set fields; -1 when @msg is full. */
int nlm_put_config(struct nl_msg *msg, int attr, const struct vf_req *r);

/* The attributes of a vf-action request; -1 when @msg is full. */
int nlm_put_vf_action(struct nl_msg *msg, const char *addr, uint32_t vf,
		      uint32_t action, uint32_t flags);

#endif
