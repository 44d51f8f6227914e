/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfprov internal API: what the front-ends (netlink.c, configfs.c) use of
 * the core (registry.c, txn.c). The core calls no front-end: it emits
 * events (events.h) the front-ends subscribe to.
 */
#ifndef _VFPROV_H
#define _VFPROV_H

#include <linux/types.h>
#include "vfprov_config.h"
#include "planner.h"
#include "fields.h"

struct vfprov_pf;	/* a registered SR-IOV PF, refcounted; see registry.c */

/* registry.c: lookups return a reference, drop it with vfprov_pf_put(). */
struct vfprov_pf *vfprov_pf_find(const char *addr);
struct vfprov_pf *vfprov_pf_next(unsigned long *pos);	/* dump iterator */
void vfprov_pf_put(struct vfprov_pf *pf);
/* Another reference to @pf, of which the caller holds one. */
struct vfprov_pf *vfprov_pf_get(struct vfprov_pf *pf);
const char *vfprov_pf_name(const struct vfprov_pf *pf);
__u32 vfprov_pf_state(struct vfprov_pf *pf);	/* enum vfprov_state */

struct vfprov_res_info {
	__u64 free;
	__u64 max_quota;
	__u64 granule;
	__u64 spare;
	__u64 spare_min;
	__u64 vf_max;
};

/* The transaction running on a PF (txn-status), 0 id = none. */
struct vfprov_txn_run {
	__u64 id;
	__u32 op;			/* enum vfprov_txn_op */
	__u32 step;			/* enum vfprov_step */
	__u32 vf;
};

/* The outcome of plan/apply/reset, for replies, events and configfs. */
struct vfprov_outcome {
	__u64 txn_id;			/* 0 for a plan */
	__u32 op;			/* enum vfprov_txn_op */
	int err;			/* 0 or negative errno */
	__u32 result;			/* enum vfprov_result */
	__u32 step;			/* enum vfprov_step that failed */
	__u32 vf;			/* VF at fault, 0 = PF */
	__u32 field;			/* enum vfprov_field at fault */
	char msg[VFPROV_MSG_LEN];	/* reason in words */
	__u64 generation;		/* after the transaction */
	/* bit i = VF i + 1 (existing now): disabled / rebound by the apply */
	__u64 disrupt_off;
	__u64 disrupt_rebind;
	/* short static reason, for extack */
	const char *emsg;
};

/* A snapshot of a PF, read live from the device and the registry. */
struct vfprov_pf_info {
	char addr[VFPROV_ADDR_LEN];
	__u32 backend;			/* enum vfprov_backend */
	char backend_name[16];
	char driver[32];
	__u32 total_vfs;
	__u32 num_vfs;
	__u64 generation;
	__u32 state;			/* enum vfprov_state */
	bool has_resources;		/* backend knows quotas (i915-prelim) */
	__u32 caps;			/* VFPROV_CAPS_* (uapi) */
	__u32 gts;			/* GTs a VF's values may differ on */
	struct vfprov_res_info res[VFPROV_RES_COUNT];
	struct vfprov_txn_run running;	/* .id 0: none */
	/* outcomes of finished transactions, newest first */
	unsigned int n_outcomes;
	struct vfprov_outcome outcome[VFPROV_OUTCOMES_KEPT];
	struct vfprov_pf_cfg *cfg;	/* optional out: live config, may be NULL */
};

/* Kinds of adverse events (enum vfprov_adverse). */
#define VFPROV_ADVERSE_KINDS	(VFPROV_ADVERSE_DOORBELL_TIME + 1)

struct vfprov_vf_info {
	__u32 id;
	bool enabled;
	char addr[VFPROV_ADDR_LEN];
	char driver[32];
	int iommu_group;
	bool in_use;
	struct vfprov_vf_cfg cfg;	/* live quotas and scheduling */
	__u32 state;			/* enum vfprov_vf_run_state */
	bool has_lmem_alloc;		/* telemetry (i915 25.1) */
	__u64 lmem_alloc;
	bool has_adverse;		/* the driver's counters were read */
	__u64 adverse[VFPROV_ADVERSE_KINDS];	/* enum vfprov_adverse */
};

int vfprov_pf_query(struct vfprov_pf *pf, struct vfprov_pf_info *info);
int vfprov_vf_query(struct vfprov_pf *pf, __u32 vf_id,
		    struct vfprov_vf_info *info);
__u32 vfprov_vf_last(struct vfprov_pf *pf);
/* Bumps when a PF is added or removed (dump consistency). */
unsigned int vfprov_registry_gen(void);

/* Who asked, for the audit group and logs. */
struct vfprov_who {
	__u32 pid;
	__u32 uid;
	char comm[16];
};

struct vfprov_request {
	const struct vfprov_pf_cfg *cfg;	/* NULL for reset */
	__u32 flags;				/* VFPROV_FLAGS_* (uapi) */
	bool check_gen;
	__u64 expected_gen;
	struct vfprov_who who;
	struct vfprov_pf_cfg *plan_out;		/* optional: the plan */
	__u32 vf;				/* vf-action: the VF */
	__u32 action;				/* vf-action: enum vfprov_vf_action */
};

void vfprov_who_current(struct vfprov_who *who);

/*
 * txn.c: the transaction engine. Apply and reset run in the engine's
 * worker. With @wait false they return once queued (0, res->txn_id set)
 * or refused before queueing (the errno, @res rejected); with @wait true
 * the caller sleeps killably until its transaction ended (@res its
 * outcome). Plans run in the caller and take no lock.
 */
int vfprov_txn_init(void);
void vfprov_txn_exit(void);
/*
 * vf_action.c: one action on one VF, a transaction of its own (op
 * vf-action), queued like apply and reset; refused with -EBUSY while
 * another transaction runs or is queued on the PF (docs/core.md).
 */
int vfprov_txn_vf_action(struct vfprov_pf *pf,
			 const struct vfprov_request *req, bool wait,
			 struct vfprov_outcome *res);
/* health.c: the adverse-event poller (module parameter health_interval_ms) */
int vfprov_health_init(void);
void vfprov_health_exit(void);
int vfprov_txn_plan(struct vfprov_pf *pf, const struct vfprov_request *req,
		    struct vfprov_outcome *res);
int vfprov_txn_apply(struct vfprov_pf *pf, const struct vfprov_request *req,
		     bool wait, struct vfprov_outcome *res);
int vfprov_txn_reset(struct vfprov_pf *pf, const struct vfprov_request *req,
		     bool wait, struct vfprov_outcome *res);

int vfprov_nl_init(void);
void vfprov_nl_exit(void);
int vfprov_configfs_init(void);
void vfprov_configfs_exit(void);
int vfprov_registry_init(void);
void vfprov_registry_exit(void);

#endif /* _VFPROV_H */
