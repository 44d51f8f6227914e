/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's event sink: registry.c and txn.c emit, the front-ends
 * (netlink.c, configfs.c) subscribe at init. No core file knows who
 * listens.
 */
#ifndef _VFPROV_EVENTS_H
#define _VFPROV_EVENTS_H

#include <linux/list.h>
#include "vfprov.h"

enum vfprov_event_kind {
	VFPROV_EV_PF,		/* .change: enum vfprov_pf_change */
	VFPROV_EV_TXN,		/* a transaction ended: .res, .who */
	VFPROV_EV_VF,		/* VF .vf: .change is enum vfprov_vf_change */
};

struct vfprov_event {
	enum vfprov_event_kind kind;
	u32 change;			/* VFPROV_EV_PF */
	struct vfprov_pf *pf;		/* referenced by the emitter */
	const struct vfprov_outcome *res;	/* VFPROV_EV_TXN */
	const struct vfprov_who *who;		/* VFPROV_EV_TXN */
	u32 vf;				/* VFPROV_EV_VF */
	u32 action;			/* VFPROV_EV_VF, change action */
	/* VFPROV_EV_VF, change adverse: kinds that grew, and all totals */
	u32 adverse_grew;		/* bit k: enum vfprov_adverse k */
	const u64 *adverse;		/* [VFPROV_ADVERSE_KINDS] */
};

/*
 * A subscriber's handler runs in the emitter's process context (the bus
 * notifier, with the PF's device_lock() held for driver changes; the
 * transaction worker, with or without pf->txn_lock held; the health
 * poller, holding nothing): it may sleep and allocate,
 * and must take neither of those locks nor wait for a transaction.
 */
struct vfprov_event_sink {
	struct list_head node;
	void (*handle)(const struct vfprov_event *ev);
};

void vfprov_events_subscribe(struct vfprov_event_sink *sink);
void vfprov_events_unsubscribe(struct vfprov_event_sink *sink);
void vfprov_event_emit(const struct vfprov_event *ev);

#endif /* _VFPROV_EVENTS_H */
