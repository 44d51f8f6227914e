/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfprov internal API: what the front-ends (netlink.c, configfs.c) use of
 * the core (registry.c, txn.c) and what the core calls back.
 */
#ifndef _VFPROV_H
#define _VFPROV_H

#include <linux/types.h>
#include "vfprov_config.h"
#include "planner.h"

struct vfprov_pf;	/* a registered SR-IOV PF, refcounted; see registry.c */

/* registry.c: lookups return a reference, drop it with vfprov_pf_put(). */
struct vfprov_pf *vfprov_pf_find(const char *addr);
struct vfprov_pf *vfprov_pf_next(unsigned long *pos);	/* dump iterator */
void vfprov_pf_put(struct vfprov_pf *pf);
const char *vfprov_pf_name(const struct vfprov_pf *pf);

struct vfprov_res_info {
	__u64 free;
	__u64 max_quota;
	__u64 granule;
	__u64 spare;
	__u64 spare_min;
	__u64 vf_max;
};

/* A snapshot of a PF, read live from the device and the registry. */
struct vfprov_pf_info {
	char addr[VFPROV_ADDR_LEN];
	char backend[16];
	char driver[32];
	__u32 total_vfs;
	__u32 num_vfs;
	__u64 generation;
	__u32 state;			/* enum vfprov_state */
	__u32 last_result;		/* enum vfprov_result */
	int last_errno;
	char last_error[VFPROV_MSG_LEN];
	bool has_resources;		/* backend knows quotas (i915-prelim) */
	struct vfprov_res_info res[VFPROV_RES_COUNT];
	struct vfprov_pf_cfg *cfg;	/* optional out: live config, may be NULL */
};

struct vfprov_vf_info {
	__u32 id;
	bool enabled;
	char addr[VFPROV_ADDR_LEN];
	char driver[32];
	int iommu_group;
	bool in_use;
	struct vfprov_vf_cfg cfg;	/* live quotas and scheduling */
};

int vfprov_pf_query(struct vfprov_pf *pf, struct vfprov_pf_info *info);
int vfprov_vf_query(struct vfprov_pf *pf, __u32 vf_id,
		    struct vfprov_vf_info *info);
__u32 vfprov_vf_last(struct vfprov_pf *pf);

/* Who asked, for events and logs. */
struct vfprov_who {
	__u32 pid;
	__u32 uid;
	char comm[16];
};

struct vfprov_request {
	const struct vfprov_pf_cfg *cfg;	/* NULL for reset */
	__u32 flags;				/* VFPROV_F_* */
	bool check_gen;
	__u64 expected_gen;
	struct vfprov_who who;
	struct vfprov_pf_cfg *plan_out;		/* optional: the plan */
};

void vfprov_who_current(struct vfprov_who *who);

/* The outcome of plan/apply/reset, for replies, events and configfs. */
struct vfprov_outcome {
	int err;			/* 0 or negative errno */
	__u32 result;			/* enum vfprov_result */
	__u32 vf;			/* VF at fault, 0 = PF */
	char attr[32];			/* attribute at fault ("lmem_quota"), or "" */
	char step[32];			/* apply step that failed, or "" */
	char msg[VFPROV_MSG_LEN];	/* reason in words */
	__u64 generation;		/* after the transaction */
	/* bit i = VF i + 1 (existing now): disabled / rebound by the apply */
	__u64 disrupt_off;
	__u64 disrupt_rebind;
	/* where in the request (netlink attribute types), 0 = unknown */
	__u16 bad_attr;			/* VFPROV_A_* */
	__u16 bad_cfg_attr;		/* VFPROV_CFG_A_* */
	__u16 bad_vf_attr;		/* VFPROV_VF_A_* of VF .vf */
	/* static reason for extack where formatted messages are missing */
	const char *emsg;
};

/*
 * txn.c: the transaction engine. Apply and reset run in the engine's
 * worker (the caller sleeps killably until it is done); plan and dry runs
 * run in the caller and take no lock.
 */
int vfprov_txn_init(void);
void vfprov_txn_exit(void);
int vfprov_txn_plan(struct vfprov_pf *pf, const struct vfprov_pf_cfg *req,
		    struct vfprov_pf_cfg *plan, struct vfprov_outcome *res);
int vfprov_txn_apply(struct vfprov_pf *pf, const struct vfprov_request *req,
		     struct vfprov_outcome *res);
int vfprov_txn_reset(struct vfprov_pf *pf, const struct vfprov_request *req,
		     struct vfprov_outcome *res);

/* netlink.c: events to the "events" multicast group; may sleep. */
void vfprov_nl_event(enum vfprov_event ev, const char *addr,
		     const struct vfprov_outcome *res,
		     const struct vfprov_who *who);

int vfprov_nl_init(void);
void vfprov_nl_exit(void);
int vfprov_configfs_init(void);
void vfprov_configfs_exit(void);
int vfprov_registry_init(void);
void vfprov_registry_exit(void);

#endif /* _VFPROV_H */
