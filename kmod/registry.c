// SPDX-License-Identifier: GPL-2.0
/*
 * PF registry: every SR-IOV capable PCI physical function, found at load
 * time and kept current by a PCI bus notifier.
 *
 * Entries are kref counted. The list holds one reference; every lookup
 * returns another, dropped with vfprov_pf_put(). An entry holds a pci_dev
 * reference until its last put, so a holder never sees freed memory; once
 * the device is deleted the entry is marked gone and leaves the list, and
 * the transaction engine answers -ENODEV to its holders.
 *
 * vfprov_reg_lock (a mutex: every user is in process context) protects the
 * list and the sequence counter. It is a leaf lock apart from
 * pf->stat_lock: never held across sysfs I/O or device_lock().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "compat.h"
#include "events.h"
#include "registry.h"
#include "vf_action.h"

static LIST_HEAD(vfprov_pfs);
static DEFINE_MUTEX(vfprov_reg_lock);
static unsigned long vfprov_next_seq = 1;
/* Bumps on every add and remove; read locklessly by dumps. */
static atomic_t vfprov_reg_gen = ATOMIC_INIT(1);

unsigned int vfprov_registry_gen(void)
{
	return atomic_read(&vfprov_reg_gen);
}

/*
 * The initial walk races with removal: the walk can hold a PF the bus
 * notifier has already seen deleted (its DEL found nothing to remove), and
 * the PCI core keeps the device registered until after that notification,
 * so no "still registered" test can tell. While the walk runs, deletions
 * of PFs not (yet) listed are remembered here, referenced so that the
 * pointer cannot be reused, and the walk does not add them.
 */
struct vfprov_gone_pdev {
	struct list_head node;
	struct pci_dev *pdev;
};

static bool vfprov_walking;		/* vfprov_reg_lock */
static LIST_HEAD(vfprov_walk_gone);	/* vfprov_reg_lock */

static unsigned int test_walk_delay_ms;
module_param(test_walk_delay_ms, uint, 0444);
MODULE_PARM_DESC(test_walk_delay_ms,
		 "test only: sleep before adding each PF found at load (default 0)");

static bool vfprov_is_pf(struct pci_dev *pdev)
{
	return !pdev->is_virtfn &&
	       (pdev->is_physfn || pci_sriov_get_totalvfs(pdev) > 0);
}

static void vfprov_pf_release(struct kref *ref)
{
	struct vfprov_pf *pf = container_of(ref, struct vfprov_pf, ref);

	pci_dev_put(pf->pdev);
	mutex_destroy(&pf->txn_lock);
	kfree(pf);
}

struct vfprov_pf *vfprov_pf_get(struct vfprov_pf *pf)
{
	kref_get(&pf->ref);
	return pf;
}

void vfprov_pf_put(struct vfprov_pf *pf)
{
	if (pf)
		kref_put(&pf->ref, vfprov_pf_release);
}

const char *vfprov_pf_name(const struct vfprov_pf *pf)
{
	return pf->name;
}

u32 vfprov_pf_state(struct vfprov_pf *pf)
{
	u32 state;

	spin_lock(&pf->stat_lock);
	state = pf->state;
	spin_unlock(&pf->stat_lock);
	return state;
}

/* Caller holds vfprov_reg_lock. */
static struct vfprov_pf *vfprov_pf_lookup(struct pci_dev *pdev)
{
	struct vfprov_pf *pf;

	list_for_each_entry(pf, &vfprov_pfs, node)
		if (pf->pdev == pdev)
			return pf;
	return NULL;
}

struct vfprov_pf *vfprov_pf_find(const char *addr)
{
	struct vfprov_pf *pf, *found = NULL;

	mutex_lock(&vfprov_reg_lock);
	list_for_each_entry(pf, &vfprov_pfs, node) {
		if (!strcmp(pf->name, addr)) {
			kref_get(&pf->ref);
			found = pf;
			break;
		}
	}
	mutex_unlock(&vfprov_reg_lock);
	return found;
}

/*
 * Dump iterator: the first entry at or after cursor *pos, which then moves
 * past it. Entries keep their sequence number for life, so a dump resumed
 * in a later skb neither repeats nor skips the PFs that stayed.
 */
struct vfprov_pf *vfprov_pf_next(unsigned long *pos)
{
	struct vfprov_pf *pf, *found = NULL;

	mutex_lock(&vfprov_reg_lock);
	list_for_each_entry(pf, &vfprov_pfs, node) {
		if (pf->seq >= *pos) {
			kref_get(&pf->ref);
			found = pf;
			*pos = pf->seq + 1;
			break;
		}
	}
	mutex_unlock(&vfprov_reg_lock);
	return found;
}

/* Caller holds vfprov_reg_lock. */
static bool vfprov_walk_saw_gone(struct pci_dev *pdev)
{
	struct vfprov_gone_pdev *g;

	list_for_each_entry(g, &vfprov_walk_gone, node)
		if (g->pdev == pdev)
			return true;
	return false;
}

/*
 * Returns true if @pdev was added (it was not yet registered). @walk: found
 * by the initial walk, which must not add a PF already deleted.
 */
static bool vfprov_pf_add(struct pci_dev *pdev, bool walk)
{
	struct vfprov_pf *pf;

	pf = kzalloc(sizeof(*pf), GFP_KERNEL);
	if (!pf)
		return false;
	kref_init(&pf->ref);
	mutex_init(&pf->txn_lock);
	spin_lock_init(&pf->stat_lock);
	strscpy(pf->name, pci_name(pdev), sizeof(pf->name));

	mutex_lock(&vfprov_reg_lock);
	if (vfprov_pf_lookup(pdev) || (walk && vfprov_walk_saw_gone(pdev))) {
		mutex_unlock(&vfprov_reg_lock);
		mutex_destroy(&pf->txn_lock);
		kfree(pf);
		return false;
	}
	pf->pdev = pci_dev_get(pdev);
	pf->seq = vfprov_next_seq++;
	/* Kept sorted by seq: new entries go last. */
	list_add_tail(&pf->node, &vfprov_pfs);
	atomic_inc(&vfprov_reg_gen);
	mutex_unlock(&vfprov_reg_lock);
	return true;
}

/* Unlist the PF of @pdev; returns it with the list's reference, or NULL. */
static struct vfprov_pf *vfprov_pf_del(struct pci_dev *pdev)
{
	struct vfprov_gone_pdev *g;
	struct vfprov_pf *pf;

	/* the walk only ever ends: a false read here is final */
	g = READ_ONCE(vfprov_walking) ? kzalloc(sizeof(*g), GFP_KERNEL) : NULL;
	mutex_lock(&vfprov_reg_lock);
	pf = vfprov_pf_lookup(pdev);
	if (pf) {
		list_del(&pf->node);
		atomic_inc(&vfprov_reg_gen);
	} else if (vfprov_walking && g) {
		g->pdev = pci_dev_get(pdev);
		list_add(&g->node, &vfprov_walk_gone);
		g = NULL;
	} else if (vfprov_walking) {
		pr_warn("%s: removed during load and out of memory: may stay listed\n",
			pci_name(pdev));
	}
	mutex_unlock(&vfprov_reg_lock);
	kfree(g);
	if (!pf)
		return NULL;

	spin_lock(&pf->stat_lock);
	pf->gone = true;
	pf->state = VFPROV_STATE_GONE;
	spin_unlock(&pf->stat_lock);
	return pf;
}

static void vfprov_pf_event(struct vfprov_pf *pf, u32 change)
{
	struct vfprov_event ev = {
		.kind = VFPROV_EV_PF, .change = change, .pf = pf,
	};

	vfprov_event_emit(&ev);
}

/*
 * Runs in process context, for BOUND/UNBOUND with the device lock held:
 * only registry bookkeeping and events here, never the txn lock.
 */
static int vfprov_pci_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	struct pci_dev *pdev = to_pci_dev(data);
	struct vfprov_pf *pf;
	u32 change;

	if (pdev->is_virtfn && (action == BUS_NOTIFY_ADD_DEVICE ||
				action == BUS_NOTIFY_DEL_DEVICE))
		vfprov_vf_run_device(pdev);
	if (!vfprov_is_pf(pdev))
		return NOTIFY_DONE;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		if (!vfprov_pf_add(pdev, false))
			return NOTIFY_DONE;
		pf = vfprov_pf_find(pci_name(pdev));
		change = VFPROV_PF_CHANGE_ADDED;
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		pf = vfprov_pf_del(pdev);
		change = VFPROV_PF_CHANGE_REMOVED;
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
	case BUS_NOTIFY_UNBOUND_DRIVER:
		/* The backend is chosen per transaction; just tell listeners. */
		pf = vfprov_pf_find(pci_name(pdev));
		change = VFPROV_PF_CHANGE_DRIVER;
		break;
	default:
		return NOTIFY_DONE;
	}
	if (!pf)
		return NOTIFY_DONE;
	vfprov_pf_event(pf, change);
	vfprov_pf_put(pf);
	return NOTIFY_OK;
}

static struct notifier_block vfprov_pci_nb = {
	.notifier_call = vfprov_pci_notify,
};

struct pci_dev *vfprov_vf_get(struct vfprov_pf *pf, u32 id)
{
	struct pci_dev *vf;
	int rid;

	if (!id)
		return NULL;
	rid = vfprov_vf_rid(pf->pdev, id - 1);
	if (rid < 0)
		return NULL;
	vf = pci_get_domain_bus_and_slot(pci_domain_nr(pf->pdev->bus),
					 rid >> 8, rid & 0xff);
	if (vf && (!vf->is_virtfn || vf->physfn != pf->pdev)) {
		pci_dev_put(vf);	/* a stale device, not our VF */
		vf = NULL;
	}
	return vf;
}

static void vfprov_walk_end(void)
{
	struct vfprov_gone_pdev *g, *tmp;
	LIST_HEAD(drain);

	mutex_lock(&vfprov_reg_lock);
	vfprov_walking = false;
	list_splice_init(&vfprov_walk_gone, &drain);
	mutex_unlock(&vfprov_reg_lock);
	list_for_each_entry_safe(g, tmp, &drain, node) {
		pci_dev_put(g->pdev);
		kfree(g);
	}
}

/*
 * The notifier goes first so that no PF added during the walk is missed;
 * vfprov_pf_add() ignores the ones seen twice, and the ones deleted since
 * (see vfprov_walk_gone).
 */
int __init vfprov_registry_init(void)
{
	struct pci_dev *pdev = NULL;
	int err;

	vfprov_walking = true;
	err = bus_register_notifier(&pci_bus_type, &vfprov_pci_nb);
	if (err)
		return err;
	for_each_pci_dev(pdev) {
		if (!vfprov_is_pf(pdev))
			continue;
		if (test_walk_delay_ms)
			msleep(test_walk_delay_ms);
		vfprov_pf_add(pdev, true);
	}
	vfprov_walk_end();
	return 0;
}

void vfprov_registry_exit(void)
{
	struct vfprov_pf *pf, *tmp;
	LIST_HEAD(drain);

	bus_unregister_notifier(&pci_bus_type, &vfprov_pci_nb);
	mutex_lock(&vfprov_reg_lock);
	list_splice_init(&vfprov_pfs, &drain);
	mutex_unlock(&vfprov_reg_lock);
	/* The front-ends are gone: the list holds the last references. */
	list_for_each_entry_safe(pf, tmp, &drain, node) {
		list_del(&pf->node);
		vfprov_pf_put(pf);
	}
}
