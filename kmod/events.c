// SPDX-License-Identifier: GPL-2.0
/*
 * The event sink (see events.h).
 *
 * Emitters walk the sinks under SRCU: a handler runs under whatever the
 * emitter holds (a bus notifier's rwsem and the PF's device_lock(),
 * pf->txn_lock) and may read sysfs (the netlink sink queries the PF), so
 * a lock here would sit between those and kernfs; an SRCU reader never
 * waits. vfprov_sinks_lock serialises (un)subscribers only, and
 * unsubscribe waits for the handlers running (synchronize_srcu()).
 */
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/srcu.h>

#include "events.h"

static LIST_HEAD(vfprov_sinks);
static DEFINE_MUTEX(vfprov_sinks_lock);
DEFINE_STATIC_SRCU(vfprov_events_srcu);

void vfprov_events_subscribe(struct vfprov_event_sink *sink)
{
	mutex_lock(&vfprov_sinks_lock);
	list_add_tail_rcu(&sink->node, &vfprov_sinks);
	mutex_unlock(&vfprov_sinks_lock);
}

/* Once this returns, the handler runs no more. */
void vfprov_events_unsubscribe(struct vfprov_event_sink *sink)
{
	mutex_lock(&vfprov_sinks_lock);
	list_del_rcu(&sink->node);
	mutex_unlock(&vfprov_sinks_lock);
	synchronize_srcu(&vfprov_events_srcu);
}

void vfprov_event_emit(const struct vfprov_event *ev)
{
	struct vfprov_event_sink *sink;
	int idx;

	idx = srcu_read_lock(&vfprov_events_srcu);
	list_for_each_entry_srcu(sink, &vfprov_sinks, node,
				 srcu_read_lock_held(&vfprov_events_srcu))
		sink->handle(ev);
	srcu_read_unlock(&vfprov_events_srcu, idx);
}
