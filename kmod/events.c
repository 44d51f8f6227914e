// SPDX-License-Identifier: GPL-2.0
/*
 * The event sink (see events.h).
 *
 * vfprov_events_rwsem: readers are emitters, writers (un)subscribe. It is
 * taken last, under whatever the emitter holds (device_lock() of a PF,
 * pf->txn_lock), and nothing vfprov takes is taken under it except what a
 * handler takes (its own leaf locks, genl's multicast).
 */
#include <linux/rwsem.h>

#include "events.h"

static LIST_HEAD(vfprov_sinks);
static DECLARE_RWSEM(vfprov_events_rwsem);

void vfprov_events_subscribe(struct vfprov_event_sink *sink)
{
	down_write(&vfprov_events_rwsem);
	list_add_tail(&sink->node, &vfprov_sinks);
	up_write(&vfprov_events_rwsem);
}

/* Once this returns, the handler runs no more. */
void vfprov_events_unsubscribe(struct vfprov_event_sink *sink)
{
	down_write(&vfprov_events_rwsem);
	list_del(&sink->node);
	up_write(&vfprov_events_rwsem);
}

void vfprov_event_emit(const struct vfprov_event *ev)
{
	struct vfprov_event_sink *sink;

	down_read(&vfprov_events_rwsem);
	list_for_each_entry(sink, &vfprov_sinks, node)
		sink->handle(ev);
	up_read(&vfprov_events_rwsem);
}
