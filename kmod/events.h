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
};

struct vfprov_event {
	enum vfprov_event_kind kind;
	u32 change;			/* VFPROV_EV_PF */
	struct vfprov_pf *pf;		/* referenced by the emitter */
	const struct vfprov_outcome *res;	/* VFPROV_EV_TXN */
	const struct vfprov_who *who;		/* VFPROV_EV_TXN */
};

/*
 * A subscriber's handler runs in the emitter's process context (the bus
 * notifier, with the PF's device_lock() held for driver changes; the
 * transaction worker, with pf->txn_lock held): it may sleep and allocate,
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
