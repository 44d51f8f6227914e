/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What vf_action.c and health.c share with txn.c, registry.c, query.c and
 * the backends (the front-ends use vfprov.h).
 */
#ifndef _VFPROV_VF_ACTION_H
#define _VFPROV_VF_ACTION_H

#include "backend.h"

/* txn.c: a transaction's bookkeeping, for vf_action.c's worker part. */
int vfprov_txn_begin(struct vfprov_pf *pf, struct vfprov_outcome *res,
		     u32 step, u32 vf);
void vfprov_txn_end(struct vfprov_pf *pf, struct vfprov_outcome *res,
		    bool changed);

/* vf_action.c */
/* Runs in the transaction worker; takes pf->txn_lock. */
void vfprov_vf_action_exec(struct vfprov_pf *pf,
			   const struct vfprov_request *req,
			   struct vfprov_outcome *res);
/* The checks before queueing, as a query (no lock). */
int vfprov_vf_action_check(struct vfprov_pf *pf,
			   const struct vfprov_request *req,
			   struct vfprov_outcome *res);
/* The bus notifier saw VF @vdev added or removed: it runs afresh. */
void vfprov_vf_run_device(struct pci_dev *vdev);
u32 vfprov_vf_run_get(struct vfprov_pf *pf, u32 vf);
/* VFPROV_CAPS_* of an i915 PF beyond kcfg's (control, telemetry, adverse) */
u32 vfprov_i915_action_caps(struct vfprov_be *be,
			    const struct vfprov_snap *s);

/* health.c */
/* Adverse-event counters of every VF of a PF: vf[0] is VF 1. */
struct vfprov_adverse_counts {
	u64 vf[VFPROV_MAX_VFS][VFPROV_ADVERSE_KINDS];
};

/*
 * The driver's adverse-event counters of an i915 PF, summed over its GTs;
 * -ENODEV without debugfs or the file. The i915 backend's ->adverse; for
 * any PF, call the hook.
 */
int vfprov_health_read(struct vfprov_be *be, struct vfprov_adverse_counts *c);
/*
 * Add the counters of one GT's file (in @buf, consumed) to @c: lines
 * "VF%u:\t<name>:<count> ...", @names the driver's words for the kinds in
 * the order of enum vfprov_adverse (others are skipped).
 */
void vfprov_health_parse(char *buf, const char *const *names,
			 struct vfprov_adverse_counts *c);
/* vf-get's extras: run state, telemetry, adverse counters. */
void vfprov_health_vf_query(struct vfprov_pf *pf, struct vfprov_be *be,
			    u32 vf, struct vfprov_vf_info *info);

#endif /* _VFPROV_VF_ACTION_H */
