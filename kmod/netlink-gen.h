/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vfprov.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_VFPROV_GEN_H
#define _LINUX_VFPROV_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/vfprov.h>

/* Common nested types */
extern const struct nla_policy vfprov_config_nl_policy[VFPROV_A_CONFIG_SCHED_PRIORITY + 1];
extern const struct nla_policy vfprov_vf_config_nl_policy[VFPROV_A_VF_CONFIG_GT + 1];
extern const struct nla_policy vfprov_vf_gt_config_nl_policy[VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US + 1];

extern const struct nla_policy vfprov_pf_get_nl_policy[VFPROV_A_PF_ADDR + 1];

extern const struct nla_policy vfprov_vf_get_nl_policy[VFPROV_A_VF_ID + 1];

extern const struct nla_policy vfprov_plan_nl_policy[VFPROV_A_TXN_EXPECTED_GEN + 1];

extern const struct nla_policy vfprov_apply_nl_policy[VFPROV_A_TXN_EXPECTED_GEN + 1];

extern const struct nla_policy vfprov_reset_nl_policy[VFPROV_A_TXN_EXPECTED_GEN + 1];

extern const struct nla_policy vfprov_vf_action_nl_policy[VFPROV_A_TXN_ACTION + 1];

/* Ops table for vfprov */
extern const struct genl_ops vfprov_nl_ops[6];

int vfprov_nl_pf_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfprov_nl_pf_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfprov_nl_vf_get_doit(struct sk_buff *skb, struct genl_info *info);
int vfprov_nl_vf_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vfprov_nl_plan_doit(struct sk_buff *skb, struct genl_info *info);
int vfprov_nl_apply_doit(struct sk_buff *skb, struct genl_info *info);
int vfprov_nl_reset_doit(struct sk_buff *skb, struct genl_info *info);
int vfprov_nl_vf_action_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	VFPROV_NLGRP_EVENTS,
	VFPROV_NLGRP_AUDIT,
};

#endif /* _LINUX_VFPROV_GEN_H */
