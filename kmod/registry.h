/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PF registry entry, shared by registry.c, txn.c and the backends.
 *
 * Lock orders that occur (outer -> inner):
 *   pf->txn_lock -> device_lock() of the PF or a VF: the sysfs stores and
 *                   shows a transaction calls take it, and so does
 *                   vfprov_driver_of() outside queries
 *   pf->txn_lock -> vfprov_fault_lock (fault.c, on every sysfs write)
 *   pf->txn_lock -> pf->stat_lock
 *   device_lock() of a PF -> nothing of vfprov's: the bus notifier runs
 *                   under it for BOUND/UNBOUND and only sends an event
 * vfprov_reg_lock, pf->stat_lock and configfs' pfd->lock are leaves:
 * nothing is taken under them, and they are never held across sysfs I/O.
 * pf->txn_lock is never taken under device_lock() (so never in the bus
 * notifier). Queries take only the leaves: no txn_lock, no device_lock().
 */
#ifndef _VFPROV_REGISTRY_H
#define _VFPROV_REGISTRY_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/spinlock.h>

#include "vfprov.h"

struct vfprov_pf {
	struct list_head node;		/* vfprov_reg_lock */
	struct kref ref;
	struct pci_dev *pdev;		/* referenced for the entry's life */
	unsigned long seq;		/* dump cursor: unique, increasing */
	char name[VFPROV_ADDR_LEN];

	/* Serialises transactions on this PF; see lock order above. */
	struct mutex txn_lock;

	/* Status, read by queries without waiting for a transaction. */
	spinlock_t stat_lock;
	u64 generation;
	u32 state;			/* enum vfprov_state */
	bool degraded;
	bool gone;			/* device deleted: holders get -ENODEV */
	struct vfprov_txn_run run;	/* running transaction, .id 0 = none */
	unsigned int queued;		/* transactions queued, not yet run */
	unsigned long started;		/* transactions started, ever */
	/* outcomes of finished transactions: ring, newest at out_head - 1 */
	struct vfprov_outcome outcome[VFPROV_OUTCOMES_KEPT];
	unsigned int n_outcomes;	/* how many of them are valid */
	unsigned int out_head;		/* where the next one goes */
	/*
	 * VF run state (enum vfprov_vf_run_state) that the last vf-action
	 * left, vf_run[0] is VF 1; a VF device added or removed resets it
	 * to running (vf_action.c).
	 */
	u8 vf_run[VFPROV_MAX_VFS];
	/*
	 * xe's provisioning mode as the last transaction left it (xe has no
	 * file for it): enum vfprov_xe_mode of backend_xe.c; under txn_lock.
	 */
	u8 xe_mode;

	/*
	 * The adverse-event counters the health poller last saw; only the
	 * poller (one work item, never concurrent with itself) touches them.
	 */
	u64 adverse_seen[VFPROV_MAX_VFS][VFPROV_ADVERSE_KINDS];
};

/*
 * Caller holds pf->stat_lock, after changing run, queued or degraded.
 * APPLYING while a transaction runs or waits for the PF, so that a client
 * polling for the end of its work never sees IDLE between two queued
 * transactions (or before the worker has picked up the first).
 */
static inline void vfprov_pf_state_settle(struct vfprov_pf *pf)
{
	if (pf->gone)
		pf->state = VFPROV_STATE_GONE;
	else if (pf->run.id || pf->queued)
		pf->state = VFPROV_STATE_APPLYING;
	else if (pf->degraded)
		pf->state = VFPROV_STATE_DEGRADED;
	else
		pf->state = VFPROV_STATE_IDLE;
}

static inline bool vfprov_pf_gone(struct vfprov_pf *pf)
{
	bool gone;

	spin_lock(&pf->stat_lock);
	gone = pf->gone;
	spin_unlock(&pf->stat_lock);
	return gone;
}

/* A VF of @pf by id (1..total), referenced, or NULL if not enabled. */
struct pci_dev *vfprov_vf_get(struct vfprov_pf *pf, u32 id);

#endif /* _VFPROV_REGISTRY_H */
