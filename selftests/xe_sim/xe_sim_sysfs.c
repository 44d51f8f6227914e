// SPDX-License-Identifier: GPL-2.0
/*
 * xe_sim's stable ABI: <pf>/sriov_admin/ (Documentation/ABI/testing/
 * sysfs-driver-intel-xe-sriov, as summarised in XE_SRIOV_ABI.md).  Stores
 * fan out to every GT and keep the first error; reads whose GTs disagree
 * return EUCLEAN; stores return ECANCELED on a wedged device.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "xe_sim.h"

struct xs_kobj {
	struct kobject kobj;
	struct xe_sim *sim;
	unsigned int vfid;
};

struct xs_attr {
	struct attribute attr;
	ssize_t (*show)(struct xs_kobj *k, char *buf);
	ssize_t (*store)(struct xs_kobj *k, const char *buf);
};

static const char * const xs_prio_names[XS_PRIO_NUM] = {
	"low", "normal", "high"
};

static struct xs_kobj *to_xs_kobj(struct kobject *kobj)
{
	return container_of(kobj, struct xs_kobj, kobj);
}

static ssize_t xs_attr_show(struct kobject *kobj, struct attribute *attr,
			    char *buf)
{
	struct xs_attr *a = container_of(attr, struct xs_attr, attr);
	struct xs_kobj *k = to_xs_kobj(kobj);
	ssize_t ret;

	if (!a->show)
		return -EPERM;
	mutex_lock(&k->sim->lock);
	ret = a->show(k, buf);
	mutex_unlock(&k->sim->lock);
	return ret;
}

static ssize_t xs_attr_store(struct kobject *kobj, struct attribute *attr,
			     const char *buf, size_t count)
{
	struct xs_attr *a = container_of(attr, struct xs_attr, attr);
	struct xs_kobj *k = to_xs_kobj(kobj);
	ssize_t ret;

	if (!a->store)
		return -EPERM;
	mutex_lock(&k->sim->lock);
	ret = k->sim->wedged ? -ECANCELED : a->store(k, buf);
	mutex_unlock(&k->sim->lock);
	return ret ?: count;
}

static const struct sysfs_ops xs_sysfs_ops = {
	.show = xs_attr_show,
	.store = xs_attr_store,
};

static void xs_kobj_release(struct kobject *kobj)
{
	kfree(to_xs_kobj(kobj));
}

static const struct kobj_type xs_ktype = {
	.release = xs_kobj_release,
	.sysfs_ops = &xs_sysfs_ops,
};

/* ---- one value across GTs ---- */

enum xs_field { XS_F_EQ, XS_F_PT, XS_F_PRIO };

static u32 xs_field(struct xs_gt *gt, unsigned int vfid, enum xs_field f)
{
	const struct xs_gt_cfg *c = &gt->cfg[vfid];

	return f == XS_F_EQ ? c->eq : f == XS_F_PT ? c->pt : c->prio;
}

static int xs_read_all(struct xe_sim *sim, unsigned int vfid,
		       enum xs_field f, u32 *val)
{
	unsigned int i;

	*val = xs_field(&sim->gt[0], vfid, f);
	for (i = 1; i < sim->num_gts; i++)
		if (xs_field(&sim->gt[i], vfid, f) != *val)
			return -EUCLEAN;
	return 0;
}

static int xs_write_gt(struct xs_gt *gt, unsigned int vfid, enum xs_field f,
		       u32 val)
{
	switch (f) {
	case XS_F_EQ:
		return xs_set_eq(gt, vfid, val);
	case XS_F_PT:
		return xs_set_pt(gt, vfid, val);
	default:
		return xs_set_prio(gt, vfid, val);
	}
}

/* every GT is written; the first error is the answer */
static int xs_write_all(struct xe_sim *sim, unsigned int vfid,
			enum xs_field f, u32 val)
{
	unsigned int i;
	int err = 0, e;

	for (i = 0; i < sim->num_gts; i++) {
		e = xs_write_gt(&sim->gt[i], vfid, f, val);
		if (e && !err)
			err = e;
	}
	return err;
}

static ssize_t xs_show_u32(struct xs_kobj *k, char *buf, enum xs_field f)
{
	u32 val;
	int err = xs_read_all(k->sim, k->vfid, f, &val);

	return err ?: sysfs_emit(buf, "%u\n", val);
}

static ssize_t xs_store_u32(struct xs_kobj *k, const char *buf,
			    enum xs_field f)
{
	u32 val;
	int err = kstrtou32(buf, 0, &val);

	return err ?: xs_write_all(k->sim, k->vfid, f, val);
}

static ssize_t eq_show(struct xs_kobj *k, char *buf)
{
	return xs_show_u32(k, buf, XS_F_EQ);
}

static ssize_t eq_store(struct xs_kobj *k, const char *buf)
{
	return xs_store_u32(k, buf, XS_F_EQ);
}

static ssize_t pt_show(struct xs_kobj *k, char *buf)
{
	return xs_show_u32(k, buf, XS_F_PT);
}

static ssize_t pt_store(struct xs_kobj *k, const char *buf)
{
	return xs_store_u32(k, buf, XS_F_PT);
}

/* a choice list, the current one in brackets */
static ssize_t prio_show(struct xs_kobj *k, char *buf)
{
	ssize_t len = 0;
	unsigned int p;
	u32 cur;
	int err = xs_read_all(k->sim, k->vfid, XS_F_PRIO, &cur);

	if (err)
		return err;
	for (p = 0; p < XS_PRIO_NUM; p++)
		len += sysfs_emit_at(buf, len, p == cur ? "[%s]%s" : "%s%s",
				     xs_prio_names[p],
				     p + 1 < XS_PRIO_NUM ? " " : "\n");
	return len;
}

static ssize_t prio_store(struct xs_kobj *k, const char *buf)
{
	int p = sysfs_match_string(xs_prio_names, buf);

	return p < 0 ? -EINVAL : xs_write_all(k->sim, k->vfid, XS_F_PRIO, p);
}

static ssize_t vram_show(struct xs_kobj *k, char *buf)
{
	return sysfs_emit(buf, "%llu\n", k->sim->tile[k->vfid].vram);
}

static ssize_t vram_store(struct xs_kobj *k, const char *buf)
{
	u64 val;
	int err = kstrtou64(buf, 0, &val);

	return err ?: xs_set_vram(k->sim, k->vfid, val);
}

/* only an FLR brings a stopped VF back */
static ssize_t stop_store(struct xs_kobj *k, const char *buf)
{
	struct xe_sim *sim = k->sim;
	bool yes;
	int err = kstrtobool(buf, &yes);

	if (err || !yes)
		return -EINVAL;
	if (k->vfid > pci_num_vf(sim->pdev))
		return -EPERM;
	return xs_vf_control(sim, k->vfid, XS_CTL_STOP);
}

/* ---- .bulk_profile: every VF, first error kept ---- */

static int xs_bulk(struct xe_sim *sim, enum xs_field f, u32 val)
{
	unsigned int v;
	int err = 0, e;

	for (v = 1; v <= sim->totalvfs; v++) {
		e = xs_write_all(sim, v, f, val);
		if (e && !err)
			err = e;
	}
	return err;
}

static ssize_t bulk_eq_store(struct xs_kobj *k, const char *buf)
{
	u32 val;
	int err = kstrtou32(buf, 0, &val);

	return err ?: xs_bulk(k->sim, XS_F_EQ, val);
}

static ssize_t bulk_pt_store(struct xs_kobj *k, const char *buf)
{
	u32 val;
	int err = kstrtou32(buf, 0, &val);

	return err ?: xs_bulk(k->sim, XS_F_PT, val);
}

/* not per VF: the GT policy sched_if_idle, on every GT */
static ssize_t bulk_prio_store(struct xs_kobj *k, const char *buf)
{
	struct xe_sim *sim = k->sim;
	int p = sysfs_match_string(xs_prio_names, buf);
	unsigned int i;
	int err = 0, e;

	if (p < 0 || p == XS_PRIO_HIGH)
		return -EINVAL;
	for (i = 0; i < sim->num_gts; i++) {
		e = xs_set_sched_if_idle(&sim->gt[i], p == XS_PRIO_NORMAL);
		if (e && !err)
			err = e;
	}
	return err;
}

static ssize_t bulk_vram_store(struct xs_kobj *k, const char *buf)
{
	struct xe_sim *sim = k->sim;
	unsigned int v;
	u64 val;
	int err = kstrtou64(buf, 0, &val), e;

	if (err)
		return err;
	for (v = 1; v <= sim->totalvfs; v++) {
		e = xs_set_vram(sim, v, val);
		if (e && !err)
			err = e;
	}
	return err;
}

#define XS_ATTR(_var, _name, _mode, _show, _store)			\
static struct xs_attr _var = {						\
	.attr = { .name = _name, .mode = _mode },			\
	.show = _show, .store = _store,					\
}

XS_ATTR(xs_eq_rw, "exec_quantum_ms", 0644, eq_show, eq_store);
XS_ATTR(xs_pt_rw, "preempt_timeout_us", 0644, pt_show, pt_store);
XS_ATTR(xs_prio_rw, "sched_priority", 0644, prio_show, prio_store);
XS_ATTR(xs_prio_ro, "sched_priority", 0444, prio_show, NULL);
XS_ATTR(xs_vram_rw, "vram_quota", 0644, vram_show, vram_store);
XS_ATTR(xs_stop, "stop", 0200, NULL, stop_store);
XS_ATTR(xs_bulk_eq, "exec_quantum_ms", 0200, NULL, bulk_eq_store);
XS_ATTR(xs_bulk_pt, "preempt_timeout_us", 0200, NULL, bulk_pt_store);
XS_ATTR(xs_bulk_prio, "sched_priority", 0200, NULL, bulk_prio_store);
XS_ATTR(xs_bulk_vram, "vram_quota", 0200, NULL, bulk_vram_store);

/* vram_quota: 7.1 and later, on cards with VRAM */
static umode_t xs_vram_visible(struct kobject *kobj, struct attribute *a,
			       int n)
{
	struct xe_sim *sim = to_xs_kobj(kobj)->sim;

	if ((a == &xs_vram_rw.attr || a == &xs_bulk_vram.attr) &&
	    (!xs_has_vram(sim) || sim->kver < XS_K71))
		return 0;
	return a->mode;
}

static struct attribute *xs_pf_profile_attrs[] = {
	&xs_eq_rw.attr, &xs_pt_rw.attr, &xs_prio_rw.attr, NULL
};

static struct attribute *xs_vf_profile_attrs[] = {
	&xs_eq_rw.attr, &xs_pt_rw.attr, &xs_prio_ro.attr, &xs_vram_rw.attr,
	NULL
};

static struct attribute *xs_vf_attrs[] = { &xs_stop.attr, NULL };

static struct attribute *xs_bulk_attrs[] = {
	&xs_bulk_eq.attr, &xs_bulk_pt.attr, &xs_bulk_prio.attr,
	&xs_bulk_vram.attr, NULL
};

static const struct attribute_group xs_pf_profile_group = {
	.attrs = xs_pf_profile_attrs,
};

static const struct attribute_group xs_vf_profile_group = {
	.attrs = xs_vf_profile_attrs, .is_visible = xs_vram_visible,
};

static const struct attribute_group xs_vf_group = { .attrs = xs_vf_attrs };

static const struct attribute_group xs_bulk_group = {
	.attrs = xs_bulk_attrs, .is_visible = xs_vram_visible,
};

static struct xs_kobj *xs_kobj_add(struct xe_sim *sim, unsigned int vfid,
				   struct kobject *parent, const char *name,
				   const struct attribute_group *group)
{
	struct xs_kobj *k = kzalloc(sizeof(*k), GFP_KERNEL);
	int err;

	if (!k)
		return ERR_PTR(-ENOMEM);
	k->sim = sim;
	k->vfid = vfid;
	err = kobject_init_and_add(&k->kobj, &xs_ktype, parent, "%s", name);
	if (!err && group)
		err = sysfs_create_group(&k->kobj, group);
	if (err) {
		kobject_put(&k->kobj);
		return ERR_PTR(err);
	}
	return k;
}

static void xs_kobj_del(struct xs_kobj **kp)
{
	if (!IS_ERR_OR_NULL(*kp))
		kobject_put(&(*kp)->kobj);
	*kp = NULL;
}

static int xs_add_function(struct xe_sim *sim, unsigned int vfid)
{
	char name[16];
	struct xs_kobj *k;

	if (vfid)
		snprintf(name, sizeof(name), "vf%u", vfid);
	else
		strscpy(name, "pf", sizeof(name));
	k = xs_kobj_add(sim, vfid, &sim->admin->kobj, name,
			vfid ? &xs_vf_group : NULL);
	if (IS_ERR(k))
		return PTR_ERR(k);
	sim->node[vfid] = k;
	k = xs_kobj_add(sim, vfid, &sim->node[vfid]->kobj, "profile",
			vfid ? &xs_vf_profile_group : &xs_pf_profile_group);
	if (IS_ERR(k))
		return PTR_ERR(k);
	sim->profile[vfid] = k;
	return 0;
}

int xs_sysfs_init(struct xe_sim *sim)
{
	struct xs_kobj *k;
	unsigned int v;
	int err;

	k = xs_kobj_add(sim, 0, &sim->pdev->dev.kobj, "sriov_admin", NULL);
	if (IS_ERR(k))
		return PTR_ERR(k);
	sim->admin = k;
	k = xs_kobj_add(sim, 0, &sim->admin->kobj, ".bulk_profile",
			&xs_bulk_group);
	err = PTR_ERR_OR_ZERO(k);
	if (!err)
		sim->bulk = k;
	for (v = 0; v <= sim->totalvfs && !err; v++)
		err = xs_add_function(sim, v);
	if (!err)
		err = sysfs_create_link(&sim->node[XS_PFID]->kobj,
					&sim->pdev->dev.kobj, "device");
	if (err)
		xs_sysfs_fini(sim);
	return err;
}

/* children before parents: a kobject pins its parent until released */
void xs_sysfs_fini(struct xe_sim *sim)
{
	unsigned int v;

	xs_sysfs_remove_vf_links(sim);
	if (sim->node[XS_PFID])
		sysfs_remove_link(&sim->node[XS_PFID]->kobj, "device");
	for (v = 0; v <= XS_MAX_VFS; v++) {
		xs_kobj_del(&sim->profile[v]);
		xs_kobj_del(&sim->node[v]);
	}
	xs_kobj_del(&sim->bulk);
	xs_kobj_del(&sim->admin);
}

int xs_sysfs_add_vf_links(struct xe_sim *sim, unsigned int num_vfs)
{
	struct pci_dev *vf;
	unsigned int v;
	int err = 0;

	for (v = 1; v <= num_vfs && !err; v++) {
		vf = xs_get_vf(sim, v);
		if (!vf)
			return -ENODEV;
		err = sysfs_create_link(&sim->node[v]->kobj, &vf->dev.kobj,
					"device");
		pci_dev_put(vf);
	}
	return err;
}

void xs_sysfs_remove_vf_links(struct xe_sim *sim)
{
	unsigned int v;

	for (v = 1; v <= sim->totalvfs; v++)
		if (sim->node[v])
			sysfs_remove_link(&sim->node[v]->kobj, "device");
}
