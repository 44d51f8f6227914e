// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vfprov.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/vfprov.h>

/* Common nested types */
const struct nla_policy vfprov_config_nl_policy[VFPROV_A_CONFIG_SCHED_PRIORITY + 1] = {
	[VFPROV_A_CONFIG_NUM_VFS] = NLA_POLICY_MAX(NLA_U32, VFPROV_MAX_VFS),
	[VFPROV_A_CONFIG_VF_DRIVER] = NLA_POLICY_MAX(NLA_U32, 2),
	[VFPROV_A_CONFIG_GGTT_SPARE] = { .type = NLA_U64, },
	[VFPROV_A_CONFIG_LMEM_SPARE] = { .type = NLA_U64, },
	[VFPROV_A_CONFIG_CONTEXTS_SPARE] = { .type = NLA_U64, },
	[VFPROV_A_CONFIG_DOORBELLS_SPARE] = { .type = NLA_U64, },
	[VFPROV_A_CONFIG_EXEC_QUANTUM_MS] = { .type = NLA_U32, },
	[VFPROV_A_CONFIG_PREEMPT_TIMEOUT_US] = { .type = NLA_U32, },
	[VFPROV_A_CONFIG_SCHED_IF_IDLE] = NLA_POLICY_MAX(NLA_U8, 1),
	[VFPROV_A_CONFIG_VF] = NLA_POLICY_NESTED(vfprov_vf_config_nl_policy),
	[VFPROV_A_CONFIG_ENGINE_RESET] = NLA_POLICY_MAX(NLA_U8, 1),
	[VFPROV_A_CONFIG_SAMPLE_PERIOD_MS] = { .type = NLA_U32, },
	[VFPROV_A_CONFIG_SCHED_PRIORITY] = NLA_POLICY_MAX(NLA_U32, 2),
};

const struct nla_policy vfprov_vf_config_nl_policy[VFPROV_A_VF_CONFIG_GT + 1] = {
	[VFPROV_A_VF_CONFIG_ID] = NLA_POLICY_RANGE(NLA_U32, 1, VFPROV_MAX_VFS),
	[VFPROV_A_VF_CONFIG_GGTT] = { .type = NLA_U64, },
	[VFPROV_A_VF_CONFIG_LMEM] = { .type = NLA_U64, },
	[VFPROV_A_VF_CONFIG_CONTEXTS] = { .type = NLA_U64, },
	[VFPROV_A_VF_CONFIG_DOORBELLS] = { .type = NLA_U64, },
	[VFPROV_A_VF_CONFIG_EXEC_QUANTUM_MS] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_PREEMPT_TIMEOUT_US] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_WEIGHT] = NLA_POLICY_RANGE(NLA_U32, 1, 1000),
	[VFPROV_A_VF_CONFIG_THRESHOLD_CAT_ERROR_COUNT] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_THRESHOLD_ENGINE_RESET_COUNT] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_THRESHOLD_PAGE_FAULT_COUNT] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_THRESHOLD_H2G_TIME_US] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_THRESHOLD_IRQ_TIME_US] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_THRESHOLD_DOORBELL_TIME_US] = { .type = NLA_U32, },
	[VFPROV_A_VF_CONFIG_GT] = NLA_POLICY_NESTED(vfprov_vf_gt_config_nl_policy),
};

const struct nla_policy vfprov_vf_gt_config_nl_policy[VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US + 1] = {
	[VFPROV_A_VF_GT_CONFIG_ID] = NLA_POLICY_MAX(NLA_U32, VFPROV_MAX_GT),
	[VFPROV_A_VF_GT_CONFIG_CONTEXTS] = { .type = NLA_U64, },
	[VFPROV_A_VF_GT_CONFIG_DOORBELLS] = { .type = NLA_U64, },
	[VFPROV_A_VF_GT_CONFIG_EXEC_QUANTUM_MS] = { .type = NLA_U32, },
	[VFPROV_A_VF_GT_CONFIG_PREEMPT_TIMEOUT_US] = { .type = NLA_U32, },
};

/* VFPROV_CMD_PF_GET - do */
const struct nla_policy vfprov_pf_get_nl_policy[VFPROV_A_PF_ADDR + 1] = {
	[VFPROV_A_PF_ADDR] = { .type = NLA_NUL_STRING, .len = 31, },
};

/* VFPROV_CMD_VF_GET - do */
const struct nla_policy vfprov_vf_get_nl_policy[VFPROV_A_VF_ID + 1] = {
	[VFPROV_A_VF_PF_ADDR] = { .type = NLA_NUL_STRING, .len = 31, },
	[VFPROV_A_VF_ID] = NLA_POLICY_RANGE(NLA_U32, 1, VFPROV_MAX_VFS),
};

/* VFPROV_CMD_PLAN - do */
const struct nla_policy vfprov_plan_nl_policy[VFPROV_A_TXN_EXPECTED_GEN + 1] = {
	[VFPROV_A_TXN_PF_ADDR] = { .type = NLA_NUL_STRING, .len = 31, },
	[VFPROV_A_TXN_CONFIG] = NLA_POLICY_NESTED(vfprov_config_nl_policy),
	[VFPROV_A_TXN_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[VFPROV_A_TXN_EXPECTED_GEN] = { .type = NLA_U64, },
};

/* VFPROV_CMD_APPLY - do */
const struct nla_policy vfprov_apply_nl_policy[VFPROV_A_TXN_EXPECTED_GEN + 1] = {
	[VFPROV_A_TXN_PF_ADDR] = { .type = NLA_NUL_STRING, .len = 31, },
	[VFPROV_A_TXN_CONFIG] = NLA_POLICY_NESTED(vfprov_config_nl_policy),
	[VFPROV_A_TXN_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[VFPROV_A_TXN_EXPECTED_GEN] = { .type = NLA_U64, },
};

/* VFPROV_CMD_RESET - do */
const struct nla_policy vfprov_reset_nl_policy[VFPROV_A_TXN_EXPECTED_GEN + 1] = {
	[VFPROV_A_TXN_PF_ADDR] = { .type = NLA_NUL_STRING, .len = 31, },
	[VFPROV_A_TXN_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
	[VFPROV_A_TXN_EXPECTED_GEN] = { .type = NLA_U64, },
};

/* VFPROV_CMD_VF_ACTION - do */
const struct nla_policy vfprov_vf_action_nl_policy[VFPROV_A_TXN_ACTION + 1] = {
	[VFPROV_A_TXN_PF_ADDR] = { .type = NLA_NUL_STRING, .len = 31, },
	[VFPROV_A_TXN_VF_ID] = NLA_POLICY_RANGE(NLA_U32, 1, VFPROV_MAX_VFS),
	[VFPROV_A_TXN_ACTION] = NLA_POLICY_MAX(NLA_U32, 4),
	[VFPROV_A_TXN_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x7),
};

/* Ops table for vfprov */
const struct genl_ops vfprov_nl_ops[6] = {
	{
		.cmd		= VFPROV_CMD_PF_GET,
		.doit		= vfprov_nl_pf_get_doit,
		.dumpit		= vfprov_nl_pf_get_dumpit,
		.policy		= vfprov_pf_get_nl_policy,
		.maxattr	= VFPROV_A_PF_ADDR,
	},
	{
		.cmd		= VFPROV_CMD_VF_GET,
		.doit		= vfprov_nl_vf_get_doit,
		.dumpit		= vfprov_nl_vf_get_dumpit,
		.policy		= vfprov_vf_get_nl_policy,
		.maxattr	= VFPROV_A_VF_ID,
	},
	{
		.cmd		= VFPROV_CMD_PLAN,
		.doit		= vfprov_nl_plan_doit,
		.policy		= vfprov_plan_nl_policy,
		.maxattr	= VFPROV_A_TXN_EXPECTED_GEN,
	},
	{
		.cmd		= VFPROV_CMD_APPLY,
		.doit		= vfprov_nl_apply_doit,
		.policy		= vfprov_apply_nl_policy,
		.maxattr	= VFPROV_A_TXN_EXPECTED_GEN,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VFPROV_CMD_RESET,
		.doit		= vfprov_nl_reset_doit,
		.policy		= vfprov_reset_nl_policy,
		.maxattr	= VFPROV_A_TXN_EXPECTED_GEN,
		.flags		= GENL_ADMIN_PERM,
	},
	{
		.cmd		= VFPROV_CMD_VF_ACTION,
		.doit		= vfprov_nl_vf_action_doit,
		.policy		= vfprov_vf_action_nl_policy,
		.maxattr	= VFPROV_A_TXN_ACTION,
		.flags		= GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group vfprov_nl_mcgrps[] = {
	[VFPROV_NLGRP_EVENTS] = { "events", },
	[VFPROV_NLGRP_AUDIT] = { "audit", },
};
