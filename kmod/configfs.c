// SPDX-License-Identifier: GPL-2.0
/*
 * configfs front-end of vfprov: /sys/kernel/config/vfprov/.
 *
 *   vfprov/<pci addr>/          mkdir claims a registered SR-IOV PF
 *   vfprov/<pci addr>/vfN/      mkdir stages per-VF quotas and scheduling
 *
 * Attributes hold a *staged* configuration; writing "1" to commit applies
 * the whole staged tree through the transaction engine (vfprov_txn_apply),
 * exactly as a netlink APPLY does. See docs/configfs.md for the user view.
 *
 * Locking (outermost first):
 *
 *   configfs su_mutex (mkdir/rmdir)  -> pfd->lock
 *   configfs frag_sem (read, held by configfs around show/store)
 *                                    -> pfd->lock
 *                                    -> (waits for) the core's worker,
 *                                       which takes pf->txn_lock -> ...
 *
 * The core's events (events.h) reach claimed PFs through vfprov_cfs_pfs:
 * (the event sink's SRCU read side) -> vfprov_cfs_list_lock -> pfd->lock;
 * make and drop take vfprov_cfs_list_lock under su_mutex.
 *
 * pfd->lock protects the staged values, the VF directory bitmap, the
 * committing flag and last_error. It is a leaf with respect to the core:
 * it is never held across a call into the transaction engine or a query,
 * and no configfs helper (which could take su_mutex or an inode lock) is
 * ever called with it held. A commit takes a snapshot of the staged tree
 * under pfd->lock, sets ->committing and drops the lock before it calls
 * vfprov_txn_apply(); staged writes and mkdir vfN that come in while
 * ->committing is set fail with -EBUSY instead of waiting. rmdir of a PF
 * directory cannot race a running commit: configfs waits for stores in
 * flight (frag_sem) before it calls ->drop_item().
 *
 * The commit runs in the core's transaction worker; the writer waits
 * killably. A writer killed half-way returns -EINTR (recorded in
 * last_error) and the transaction goes on to commit or undo; its outcome
 * is the PF's (status). `plan` runs in the reader and takes no core lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/configfs.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "events.h"
#include "vfprov.h"

#define VFPROV_CFS_ERR_LEN	256
#define VFPROV_CFS_IN_MAX	40	/* longest value we parse, incl. NUL */
#define VFPROV_CFS_DOORBELLS	256	/* GUC_NUM_DOORBELLS */
#define VFPROV_CFS_WEIGHT_MAX	1000

/* One claimed PF: /sys/kernel/config/vfprov/<addr>/ */
struct vfprov_cfs_pf {
	struct config_group group;
	struct vfprov_pf *pf;		/* reference for the directory's life */
	struct list_head node;		/* vfprov_cfs_pfs, vfprov_cfs_list_lock */

	struct mutex lock;		/* everything below */
	bool committing;		/* commit or reset in flight */
	u64 vf_dirs;			/* BIT_ULL(id - 1): vfN directory exists */
	struct vfprov_pf_cfg staged;	/* vf[] only meaningful for vf_dirs */
	bool force;
	bool check_gen;
	u64 expected_gen;
	char last_error[VFPROV_CFS_ERR_LEN];
};

/* One staged VF: /sys/kernel/config/vfprov/<addr>/vfN/ */
struct vfprov_cfs_vf {
	struct config_item item;
	struct vfprov_cfs_pf *pfd;	/* parent; pinned by configfs */
	u32 id;				/* 1..VFPROV_MAX_VFS */
};

static inline struct vfprov_cfs_pf *to_cfs_pf(struct config_item *item)
{
	return container_of(to_config_group(item), struct vfprov_cfs_pf, group);
}

static inline struct vfprov_cfs_vf *to_cfs_vf(struct config_item *item)
{
	return container_of(item, struct vfprov_cfs_vf, item);
}

static __printf(2, 3)
void vfprov_cfs_seterr(struct vfprov_cfs_pf *pfd, const char *fmt, ...)
{
	va_list args;

	lockdep_assert_held(&pfd->lock);
	va_start(args, fmt);
	vscnprintf(pfd->last_error, sizeof(pfd->last_error), fmt, args);
	va_end(args);
}

/* ------------------------------------------------------------------ */
/* Staged numeric fields, described once, shared by the PF and VF dirs */

enum vfprov_cfs_kind {
	VFPROV_CFS_SIZE,		/* u64 bytes, K/M/G/T suffixes */
	VFPROV_CFS_COUNT,		/* plain number, base 0 */
};

struct vfprov_cfs_field {
	const char *name;
	enum vfprov_cfs_kind kind;
	u64 min;
	u64 max;
	u32 field;			/* enum vfprov_field: its VFPROV_SET_* bit */
	size_t off;			/* in vfprov_pf_cfg or vfprov_vf_cfg */
	size_t size;			/* 4 or 8 */
	bool planned;			/* unset shows "auto" (planner) */
	u8 gt;				/* VF: 0 its own, K: GT K's (gt[K]) */
};

/* Where field @f of VF @vf (0: the PF) is staged, and its set bits. */
static void *vfprov_cfs_base(struct vfprov_cfs_pf *pfd, u32 vf,
			     const struct vfprov_cfs_field *f, u32 **set)
{
	struct vfprov_vf_cfg *v;

	if (!vf) {
		*set = &pfd->staged.set;
		return &pfd->staged;
	}
	v = &pfd->staged.vf[vf - 1];
	*set = f->gt ? &v->gt[f->gt].set : &v->set;
	return v;
}

static u64 vfprov_cfs_get(const void *base, const struct vfprov_cfs_field *f)
{
	const void *p = base + f->off;

	return f->size == sizeof(u64) ? *(const u64 *)p : *(const u32 *)p;
}

static void vfprov_cfs_put(void *base, const struct vfprov_cfs_field *f,
			   u64 v)
{
	void *p = base + f->off;

	if (f->size == sizeof(u64))
		*(u64 *)p = v;
	else
		*(u32 *)p = (u32)v;
}

/* Copy a written value into @buf without surrounding white space. */
static int vfprov_cfs_input(const char *page, size_t count, char *buf,
			    size_t len, char **s)
{
	if (count >= len)
		return -EINVAL;
	memcpy(buf, page, count);
	buf[count] = '\0';
	*s = strim(buf);
	return 0;
}

static bool vfprov_cfs_is_unset(const char *s)
{
	return !*s || !strcmp(s, "auto");
}

/*
 * Parse a number of @f's kind. Returns 0, -EINVAL (not a number) or
 * -ERANGE (does not fit or outside [min, max]).
 */
static int vfprov_cfs_parse_num(const struct vfprov_cfs_field *f, char *s,
				u64 *val)
{
	static const char units[] = "kmgt";
	unsigned int shift = 0;
	size_t len = strlen(s);
	const char *u;
	u64 v;
	int err;

	/*
	 * Sizes: a binary unit, K or KiB (either case) up to T/TiB, as vfctl
	 * reads them. KB..TB are refused: a disk vendor's GB is 10^9 bytes.
	 */
	if (f->kind == VFPROV_CFS_SIZE && len >= 3 &&
	    !strcasecmp(s + len - 2, "ib"))
		len -= 2;
	else if (f->kind == VFPROV_CFS_SIZE && len >= 2 &&
		 tolower(s[len - 1]) == 'b' && strchr(units, tolower(s[len - 2])))
		return -EINVAL;
	if (f->kind == VFPROV_CFS_SIZE && len) {
		u = strchr(units, tolower(s[len - 1]));
		if (u && *u)
			shift = 10 * (unsigned int)(u - units + 1);
		else if (len != strlen(s))
			return -EINVAL;		/* "iB" without a unit */
	}
	if (shift)
		len--;
	s[len] = '\0';
	if (!len || !isdigit(s[0]))
		return -EINVAL;
	err = kstrtoull(s, 0, &v);
	if (err)
		return err;
	if (shift && v > (U64_MAX >> shift))
		return -ERANGE;
	v <<= shift;
	if (v < f->min || v > f->max)
		return -ERANGE;
	*val = v;
	return 0;
}

static const char *vfprov_cfs_expect(const struct vfprov_cfs_field *f)
{
	return f->kind == VFPROV_CFS_SIZE ?
		"a size, K/M/G/T or KiB/MiB/GiB/TiB (GB is ambiguous: write G or GiB), or auto" :
		"a number, or auto";
}

/*
 * Write one staged field. @vf is 0 for a PF field. The parse happens
 * before the lock; the lock only covers the check for a running commit and
 * the update, so a value is either fully staged or not at all.
 */
static ssize_t vfprov_cfs_store_field(struct vfprov_cfs_pf *pfd, u32 vf,
				      const struct vfprov_cfs_field *f,
				      const char *page, size_t count)
{
	char buf[VFPROV_CFS_IN_MAX], shown[VFPROV_CFS_IN_MAX] = "(too long)";
	char where[16] = "";
	bool unset = false;
	u64 v = 0;
	void *base;
	u32 *set;
	char *s;
	int err;

	if (vf)
		snprintf(where, sizeof(where), "vf%u/", vf);

	err = vfprov_cfs_input(page, count, buf, sizeof(buf), &s);
	if (!err) {
		strscpy(shown, s, sizeof(shown));
		if (vfprov_cfs_is_unset(s))
			unset = true;
		else
			err = vfprov_cfs_parse_num(f, s, &v);
	}

	mutex_lock(&pfd->lock);
	if (err == -ERANGE) {
		vfprov_cfs_seterr(pfd, "%s%s: '%s' out of range %llu..%llu",
				  where, f->name, shown, f->min, f->max);
		goto out;
	}
	if (err) {
		vfprov_cfs_seterr(pfd, "%s%s: '%s' is not %s", where,
				  f->name, shown, vfprov_cfs_expect(f));
		goto out;
	}
	if (pfd->committing) {
		err = -EBUSY;
		vfprov_cfs_seterr(pfd, "%s%s: busy, a commit is running",
				  where, f->name);
		goto out;
	}
	base = vfprov_cfs_base(pfd, vf, f, &set);
	if (unset) {
		*set &= ~vfprov_field(f->field)->set;
		vfprov_cfs_put(base, f, 0);
	} else {
		*set |= vfprov_field(f->field)->set;
		vfprov_cfs_put(base, f, v);
	}
out:
	mutex_unlock(&pfd->lock);
	return err ? err : count;
}

static ssize_t vfprov_cfs_show_field(struct vfprov_cfs_pf *pfd, u32 vf,
				     const struct vfprov_cfs_field *f,
				     char *page)
{
	const void *base;
	ssize_t n;
	u32 *set;

	mutex_lock(&pfd->lock);
	base = vfprov_cfs_base(pfd, vf, f, &set);
	if (*set & vfprov_field(f->field)->set)
		n = sprintf(page, "%llu\n", vfprov_cfs_get(base, f));
	else
		n = sprintf(page, "%s\n", f->planned ? "auto" : "");
	mutex_unlock(&pfd->lock);
	return n;
}

/* _field: VFPROV_FIELD_*, whose configfs file (fields.c) is _name */
#define VFPROV_CFS_FIELD(_pfx, _name, _kind, _min, _max, _field, _type,	\
			 _member, _planned, _gt)			\
static const struct vfprov_cfs_field _pfx##f_##_name = {		\
	.name = #_name, .kind = _kind, .min = _min, .max = _max,	\
	.field = _field, .off = offsetof(_type, _member),		\
	.size = sizeof_field(_type, _member), .planned = _planned,	\
	.gt = _gt,							\
}

#define VFPROV_CFS_PF_ATTR(_name, _kind, _min, _max, _field, _member)	\
VFPROV_CFS_FIELD(vfprov_cfs_pf_, _name, _kind, _min, _max, _field,	\
		 struct vfprov_pf_cfg, _member, false, 0);		\
static ssize_t vfprov_cfs_pf_##_name##_show(struct config_item *item,	\
					    char *page)			\
{									\
	return vfprov_cfs_show_field(to_cfs_pf(item), 0,		\
				     &vfprov_cfs_pf_f_##_name, page);	\
}									\
static ssize_t vfprov_cfs_pf_##_name##_store(struct config_item *item,	\
					     const char *page,		\
					     size_t count)		\
{									\
	return vfprov_cfs_store_field(to_cfs_pf(item), 0,		\
				      &vfprov_cfs_pf_f_##_name,		\
				      page, count);			\
}									\
CONFIGFS_ATTR(vfprov_cfs_pf_, _name)

#define VFPROV_CFS_VF_ATTR(_name, _kind, _min, _max, _field, _member,	\
			   _planned)					\
	VFPROV_CFS_VF_GT_ATTR(_name, _kind, _min, _max, _field, _member, \
			      _planned, 0)

/* _gt: the value of GT _gt (gt[_gt]), else the VF's own (0) */
#define VFPROV_CFS_VF_GT_ATTR(_name, _kind, _min, _max, _field, _member, \
			      _planned, _gt)				\
VFPROV_CFS_FIELD(vfprov_cfs_vf_, _name, _kind, _min, _max, _field,	\
		 struct vfprov_vf_cfg, _member, _planned, _gt);		\
static ssize_t vfprov_cfs_vf_##_name##_show(struct config_item *item,	\
					    char *page)			\
{									\
	struct vfprov_cfs_vf *vf = to_cfs_vf(item);			\
									\
	return vfprov_cfs_show_field(vf->pfd, vf->id,			\
				     &vfprov_cfs_vf_f_##_name, page);	\
}									\
static ssize_t vfprov_cfs_vf_##_name##_store(struct config_item *item,	\
					     const char *page,		\
					     size_t count)		\
{									\
	struct vfprov_cfs_vf *vf = to_cfs_vf(item);			\
									\
	return vfprov_cfs_store_field(vf->pfd, vf->id,			\
				      &vfprov_cfs_vf_f_##_name,		\
				      page, count);			\
}									\
CONFIGFS_ATTR(vfprov_cfs_vf_, _name)

/* ------------------------------------------------------------------ */
/* VF directories */

VFPROV_CFS_VF_ATTR(lmem_quota, VFPROV_CFS_SIZE, 0, U64_MAX,
		   VFPROV_FIELD_LMEM, quota[VFPROV_RES_LMEM],
		   true);
VFPROV_CFS_VF_ATTR(ggtt_quota, VFPROV_CFS_SIZE, 0, U64_MAX,
		   VFPROV_FIELD_GGTT, quota[VFPROV_RES_GGTT],
		   true);
VFPROV_CFS_VF_ATTR(contexts_quota, VFPROV_CFS_COUNT, 0, U16_MAX,
		   VFPROV_FIELD_CONTEXTS,
		   quota[VFPROV_RES_CONTEXTS], true);
VFPROV_CFS_VF_ATTR(doorbells_quota, VFPROV_CFS_COUNT, 0,
		   VFPROV_CFS_DOORBELLS,
		   VFPROV_FIELD_DOORBELLS,
		   quota[VFPROV_RES_DOORBELLS], true);
VFPROV_CFS_VF_ATTR(exec_quantum_ms, VFPROV_CFS_COUNT, 0, U32_MAX,
		   VFPROV_FIELD_EXEC_QUANTUM_MS, exec_quantum_ms, false);
VFPROV_CFS_VF_ATTR(preempt_timeout_us, VFPROV_CFS_COUNT, 0, U32_MAX,
		   VFPROV_FIELD_PREEMPT_TIMEOUT_US, preempt_timeout_us, false);
VFPROV_CFS_VF_ATTR(weight, VFPROV_CFS_COUNT, 1, VFPROV_CFS_WEIGHT_MAX,
		   VFPROV_FIELD_WEIGHT, weight, true);

/* threshold_<name>: i915's vfN/gt/threshold/<name>, 0 disables it */
#define VFPROV_CFS_THR_ATTR(_name, _id, _k)				\
VFPROV_CFS_VF_ATTR(threshold_##_name, VFPROV_CFS_COUNT, 0, U32_MAX,	\
		   VFPROV_FIELD_THRESHOLD_##_id, threshold[_k], false)

VFPROV_CFS_THR_ATTR(cat_error_count, CAT_ERROR_COUNT,
		    VFPROV_ADVERSE_CAT_ERROR);
VFPROV_CFS_THR_ATTR(engine_reset_count, ENGINE_RESET_COUNT,
		    VFPROV_ADVERSE_ENGINE_RESET);
VFPROV_CFS_THR_ATTR(page_fault_count, PAGE_FAULT_COUNT,
		    VFPROV_ADVERSE_PAGE_FAULT);
VFPROV_CFS_THR_ATTR(h2g_time_us, H2G_TIME_US, VFPROV_ADVERSE_H2G_TIME);
VFPROV_CFS_THR_ATTR(irq_time_us, IRQ_TIME_US, VFPROV_ADVERSE_IRQ_TIME);
VFPROV_CFS_THR_ATTR(doorbell_time_us, DOORBELL_TIME_US,
		    VFPROV_ADVERSE_DOORBELL_TIME);

/*
 * gt1_*: what the media GT holds apart from the VF's own values (which are
 * gt0's and, unless set here, gt1's); "" or "auto" unsets it.
 */
VFPROV_CFS_VF_GT_ATTR(gt1_contexts_quota, VFPROV_CFS_COUNT, 0, U16_MAX,
		      VFPROV_FIELD_CONTEXTS,
		      gt[1].quota[VFPROV_RES_CONTEXTS], false, 1);
VFPROV_CFS_VF_GT_ATTR(gt1_doorbells_quota, VFPROV_CFS_COUNT, 0,
		      VFPROV_CFS_DOORBELLS, VFPROV_FIELD_DOORBELLS,
		      gt[1].quota[VFPROV_RES_DOORBELLS], false, 1);
VFPROV_CFS_VF_GT_ATTR(gt1_exec_quantum_ms, VFPROV_CFS_COUNT, 0, U32_MAX,
		      VFPROV_FIELD_EXEC_QUANTUM_MS, gt[1].exec_quantum_ms,
		      false, 1);
VFPROV_CFS_VF_GT_ATTR(gt1_preempt_timeout_us, VFPROV_CFS_COUNT, 0, U32_MAX,
		      VFPROV_FIELD_PREEMPT_TIMEOUT_US,
		      gt[1].preempt_timeout_us, false, 1);

static struct configfs_attribute *vfprov_cfs_vf_attrs[] = {
	&vfprov_cfs_vf_attr_lmem_quota,
	&vfprov_cfs_vf_attr_ggtt_quota,
	&vfprov_cfs_vf_attr_contexts_quota,
	&vfprov_cfs_vf_attr_doorbells_quota,
	&vfprov_cfs_vf_attr_exec_quantum_ms,
	&vfprov_cfs_vf_attr_preempt_timeout_us,
	&vfprov_cfs_vf_attr_weight,
	&vfprov_cfs_vf_attr_threshold_cat_error_count,
	&vfprov_cfs_vf_attr_threshold_engine_reset_count,
	&vfprov_cfs_vf_attr_threshold_page_fault_count,
	&vfprov_cfs_vf_attr_threshold_h2g_time_us,
	&vfprov_cfs_vf_attr_threshold_irq_time_us,
	&vfprov_cfs_vf_attr_threshold_doorbell_time_us,
	&vfprov_cfs_vf_attr_gt1_contexts_quota,
	&vfprov_cfs_vf_attr_gt1_doorbells_quota,
	&vfprov_cfs_vf_attr_gt1_exec_quantum_ms,
	&vfprov_cfs_vf_attr_gt1_preempt_timeout_us,
	NULL,
};

static void vfprov_cfs_vf_release(struct config_item *item)
{
	kfree(to_cfs_vf(item));
}

static struct configfs_item_operations vfprov_cfs_vf_item_ops = {
	.release	= vfprov_cfs_vf_release,
};

static const struct config_item_type vfprov_cfs_vf_type = {
	.ct_item_ops	= &vfprov_cfs_vf_item_ops,
	.ct_attrs	= vfprov_cfs_vf_attrs,
	.ct_owner	= THIS_MODULE,
};

/* "vf1".."vf63": decimal, no sign, no leading zero. 0 if invalid. */
static u32 vfprov_cfs_vf_id(const char *name)
{
	u32 id = 0;
	int i;

	if (strncmp(name, "vf", 2) || name[2] == '0')
		return 0;
	for (i = 2; name[i]; i++) {
		if (i > 3 || !isdigit(name[i]))
			return 0;
		id = id * 10 + (name[i] - '0');
	}
	return id <= VFPROV_MAX_VFS ? id : 0;
}

/* Called by configfs with su_mutex held. */
static struct config_item *vfprov_cfs_make_vf(struct config_group *group,
					      const char *name)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(&group->cg_item);
	struct vfprov_cfs_vf *vf;
	u32 id = vfprov_cfs_vf_id(name);

	if (!id) {
		mutex_lock(&pfd->lock);
		vfprov_cfs_seterr(pfd, "mkdir %.16s: VF directories are vf1..vf%d",
				  name, VFPROV_MAX_VFS);
		mutex_unlock(&pfd->lock);
		return ERR_PTR(-EINVAL);
	}

	vf = kzalloc(sizeof(*vf), GFP_KERNEL);
	if (!vf)
		return ERR_PTR(-ENOMEM);
	vf->pfd = pfd;
	vf->id = id;

	mutex_lock(&pfd->lock);
	if (pfd->committing || (pfd->vf_dirs & BIT_ULL(id - 1))) {
		int err = pfd->committing ? -EBUSY : -EEXIST;

		vfprov_cfs_seterr(pfd, "mkdir %s: %s", name,
				  pfd->committing ? "busy, a commit is running" :
				  "exists");
		mutex_unlock(&pfd->lock);
		kfree(vf);
		return ERR_PTR(err);
	}
	memset(&pfd->staged.vf[id - 1], 0, sizeof(pfd->staged.vf[0]));
	pfd->vf_dirs |= BIT_ULL(id - 1);
	mutex_unlock(&pfd->lock);

	config_item_init_type_name(&vf->item, name, &vfprov_cfs_vf_type);
	return &vf->item;
}

/*
 * Called by configfs with su_mutex held. configfs cannot refuse an rmdir
 * here; a commit in flight works on its own snapshot, so dropping the
 * staged VF only affects the next commit.
 */
static void vfprov_cfs_drop_vf(struct config_group *group,
			       struct config_item *item)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(&group->cg_item);
	struct vfprov_cfs_vf *vf = to_cfs_vf(item);

	mutex_lock(&pfd->lock);
	pfd->vf_dirs &= ~BIT_ULL(vf->id - 1);
	memset(&pfd->staged.vf[vf->id - 1], 0, sizeof(pfd->staged.vf[0]));
	mutex_unlock(&pfd->lock);
	config_item_put(item);
}

/* ------------------------------------------------------------------ */
/* PF directories: staged PF values */

VFPROV_CFS_PF_ATTR(lmem_spare, VFPROV_CFS_SIZE, 0, U64_MAX,
		   VFPROV_FIELD_LMEM_SPARE, spare[VFPROV_RES_LMEM]);
VFPROV_CFS_PF_ATTR(ggtt_spare, VFPROV_CFS_SIZE, 0, U64_MAX,
		   VFPROV_FIELD_GGTT_SPARE, spare[VFPROV_RES_GGTT]);
VFPROV_CFS_PF_ATTR(contexts_spare, VFPROV_CFS_COUNT, 0, U16_MAX,
		   VFPROV_FIELD_CONTEXTS_SPARE,
		   spare[VFPROV_RES_CONTEXTS]);
VFPROV_CFS_PF_ATTR(doorbells_spare, VFPROV_CFS_COUNT, 0,
		   VFPROV_CFS_DOORBELLS,
		   VFPROV_FIELD_DOORBELLS_SPARE,
		   spare[VFPROV_RES_DOORBELLS]);
VFPROV_CFS_PF_ATTR(exec_quantum_ms, VFPROV_CFS_COUNT, 0, U32_MAX,
		   VFPROV_FIELD_EXEC_QUANTUM_MS, exec_quantum_ms);
VFPROV_CFS_PF_ATTR(preempt_timeout_us, VFPROV_CFS_COUNT, 0, U32_MAX,
		   VFPROV_FIELD_PREEMPT_TIMEOUT_US, preempt_timeout_us);
VFPROV_CFS_PF_ATTR(sched_if_idle, VFPROV_CFS_COUNT, 0, 1,
		   VFPROV_FIELD_SCHED_IF_IDLE, sched_if_idle);
VFPROV_CFS_PF_ATTR(engine_reset, VFPROV_CFS_COUNT, 0, 1,
		   VFPROV_FIELD_ENGINE_RESET, engine_reset);
VFPROV_CFS_PF_ATTR(sample_period_ms, VFPROV_CFS_COUNT, 0, U32_MAX,
		   VFPROV_FIELD_SAMPLE_PERIOD_MS, sample_period_ms);

static const struct vfprov_cfs_field vfprov_cfs_pf_f_num_vfs = {
	.name = "num_vfs", .kind = VFPROV_CFS_COUNT,
	.min = 0, .max = VFPROV_MAX_VFS, .field = VFPROV_FIELD_NUM_VFS,
	.off = offsetof(struct vfprov_pf_cfg, num_vfs),
	.size = sizeof_field(struct vfprov_pf_cfg, num_vfs),
};

static ssize_t vfprov_cfs_pf_num_vfs_show(struct config_item *item,
					  char *page)
{
	return vfprov_cfs_show_field(to_cfs_pf(item), 0,
				     &vfprov_cfs_pf_f_num_vfs, page);
}

/* Like any field, plus the PF's own limit (sriov_totalvfs). */
static ssize_t vfprov_cfs_pf_num_vfs_store(struct config_item *item,
					   const char *page, size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	char buf[VFPROV_CFS_IN_MAX];
	struct vfprov_pf_info *info;
	u64 v;
	char *s;

	if (!vfprov_cfs_input(page, count, buf, sizeof(buf), &s) &&
	    !vfprov_cfs_is_unset(s) &&
	    !vfprov_cfs_parse_num(&vfprov_cfs_pf_f_num_vfs, s, &v)) {
		info = kzalloc(sizeof(*info), GFP_KERNEL);
		if (!info)
			return -ENOMEM;
		if (!vfprov_pf_query(pfd->pf, info) && v > info->total_vfs) {
			mutex_lock(&pfd->lock);
			vfprov_cfs_seterr(pfd,
					  "num_vfs: %llu above the PF's total_vfs %u",
					  v, info->total_vfs);
			mutex_unlock(&pfd->lock);
			kfree(info);
			return -ERANGE;
		}
		kfree(info);
	}
	return vfprov_cfs_store_field(pfd, 0, &vfprov_cfs_pf_f_num_vfs,
				      page, count);
}

CONFIGFS_ATTR(vfprov_cfs_pf_, num_vfs);

static const char *const vfprov_cfs_drivers[] = {
	[VFPROV_VF_DRIVER_NONE]		= "none",
	[VFPROV_VF_DRIVER_VFIO_PCI]	= "vfio-pci",
	[VFPROV_VF_DRIVER_XE_VFIO_PCI]	= "xe-vfio-pci",
};

/*
 * Show the word of @words that *@val indexes, or an empty line when @bit
 * is not staged (or *@val is out of range).
 */
static ssize_t vfprov_cfs_show_word(struct vfprov_cfs_pf *pfd, char *page,
				    const char *const *words, size_t nwords,
				    u32 bit, const u32 *val)
{
	const char *s = "";
	ssize_t n;

	mutex_lock(&pfd->lock);
	if ((pfd->staged.set & bit) && *val < nwords)
		s = words[*val];
	n = sprintf(page, "%s\n", s);
	mutex_unlock(&pfd->lock);
	return n;
}

static ssize_t vfprov_cfs_pf_vf_driver_show(struct config_item *item,
					    char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);

	return vfprov_cfs_show_word(pfd, page, vfprov_cfs_drivers,
				    ARRAY_SIZE(vfprov_cfs_drivers),
				    VFPROV_SET_VF_DRIVER,
				    &pfd->staged.vf_driver);
}

/*
 * Stage a word of @words (its index) into *@val and @bit of the staged
 * set, or unset both ("auto" or empty). @choices names the words for
 * last_error.
 */
static ssize_t vfprov_cfs_store_word(struct vfprov_cfs_pf *pfd,
				     const char *page, size_t count,
				     const char *name, const char *choices,
				     const char *const *words, size_t nwords,
				     u32 bit, u32 *val)
{
	char buf[VFPROV_CFS_IN_MAX];
	int w = -1, err;
	bool unset = false;
	char *s;

	err = vfprov_cfs_input(page, count, buf, sizeof(buf), &s);
	if (!err) {
		if (vfprov_cfs_is_unset(s))
			unset = true;
		else
			w = match_string(words, nwords, s);
		if (!unset && w < 0)
			err = -EINVAL;
	}

	mutex_lock(&pfd->lock);
	if (err) {
		vfprov_cfs_seterr(pfd, "%s: '%.32s' is not %s", name,
				  count < sizeof(buf) ? s : "(too long)",
				  choices);
	} else if (pfd->committing) {
		err = -EBUSY;
		vfprov_cfs_seterr(pfd, "%s: busy, a commit is running", name);
	} else if (unset) {
		pfd->staged.set &= ~bit;
		*val = 0;
	} else {
		pfd->staged.set |= bit;
		*val = w;
	}
	mutex_unlock(&pfd->lock);
	return err ? err : count;
}

static ssize_t vfprov_cfs_pf_vf_driver_store(struct config_item *item,
					     const char *page, size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);

	return vfprov_cfs_store_word(pfd, page, count, "vf_driver",
				     "vfio-pci, xe-vfio-pci, none or auto",
				     vfprov_cfs_drivers,
				     ARRAY_SIZE(vfprov_cfs_drivers),
				     VFPROV_SET_VF_DRIVER,
				     &pfd->staged.vf_driver);
}

CONFIGFS_ATTR(vfprov_cfs_pf_, vf_driver);

/* The words of enum vfprov_sched_priority (uapi), as vfctl writes them. */
static const char *const vfprov_cfs_prios[] = {
	[VFPROV_SCHED_PRIORITY_LOW]	= "low",
	[VFPROV_SCHED_PRIORITY_NORMAL]	= "normal",
	[VFPROV_SCHED_PRIORITY_HIGH]	= "high",
};

static ssize_t vfprov_cfs_pf_sched_priority_show(struct config_item *item,
						 char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);

	return vfprov_cfs_show_word(pfd, page, vfprov_cfs_prios,
				    ARRAY_SIZE(vfprov_cfs_prios),
				    VFPROV_SET_SCHED_PRIORITY,
				    &pfd->staged.sched_priority);
}

static ssize_t vfprov_cfs_pf_sched_priority_store(struct config_item *item,
						  const char *page,
						  size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);

	return vfprov_cfs_store_word(pfd, page, count, "sched_priority",
				     "low, normal, high or auto",
				     vfprov_cfs_prios,
				     ARRAY_SIZE(vfprov_cfs_prios),
				     VFPROV_SET_SCHED_PRIORITY,
				     &pfd->staged.sched_priority);
}

CONFIGFS_ATTR(vfprov_cfs_pf_, sched_priority);

static ssize_t vfprov_cfs_pf_force_show(struct config_item *item, char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	ssize_t n;

	mutex_lock(&pfd->lock);
	n = sprintf(page, "%d\n", pfd->force);
	mutex_unlock(&pfd->lock);
	return n;
}

static ssize_t vfprov_cfs_pf_force_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	bool force;
	int err;

	err = kstrtobool(page, &force);
	mutex_lock(&pfd->lock);
	if (err) {
		vfprov_cfs_seterr(pfd, "force: not 0 or 1");
		err = -EINVAL;
	} else if (pfd->committing) {
		err = -EBUSY;
		vfprov_cfs_seterr(pfd, "force: busy, a commit is running");
	} else {
		pfd->force = force;
	}
	mutex_unlock(&pfd->lock);
	return err ? err : count;
}

CONFIGFS_ATTR(vfprov_cfs_pf_, force);

static ssize_t vfprov_cfs_pf_expected_generation_show(struct config_item *item,
						      char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	ssize_t n;

	mutex_lock(&pfd->lock);
	if (pfd->check_gen)
		n = sprintf(page, "%llu\n", pfd->expected_gen);
	else
		n = sprintf(page, "\n");
	mutex_unlock(&pfd->lock);
	return n;
}

static ssize_t
vfprov_cfs_pf_expected_generation_store(struct config_item *item,
					const char *page, size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	char buf[VFPROV_CFS_IN_MAX];
	bool unset = false;
	u64 gen = 0;
	char *s;
	int err;

	err = vfprov_cfs_input(page, count, buf, sizeof(buf), &s);
	if (!err) {
		if (vfprov_cfs_is_unset(s) || !strcmp(s, "none"))
			unset = true;
		else if (!isdigit(s[0]))
			err = -EINVAL;
		else
			err = kstrtoull(s, 0, &gen);
	}

	mutex_lock(&pfd->lock);
	if (err) {
		vfprov_cfs_seterr(pfd,
				  "expected_generation: '%.32s' is not a generation number or none",
				  count < sizeof(buf) ? s : "(too long)");
	} else if (pfd->committing) {
		err = -EBUSY;
		vfprov_cfs_seterr(pfd,
				  "expected_generation: busy, a commit is running");
	} else {
		pfd->check_gen = !unset;
		pfd->expected_gen = gen;
	}
	mutex_unlock(&pfd->lock);
	return err ? err : count;
}

CONFIGFS_ATTR(vfprov_cfs_pf_, expected_generation);

/* ------------------------------------------------------------------ */
/* PF directories: commit, reset and the read-only views */

static const char *const vfprov_cfs_results[] = {
	[VFPROV_RESULT_NONE]		= "failed",
	[VFPROV_RESULT_COMMITTED]	= "committed",
	[VFPROV_RESULT_REJECTED]	= "rejected, nothing changed",
	[VFPROV_RESULT_ROLLED_BACK]	= "rolled back",
	[VFPROV_RESULT_DEGRADED]	= "DEGRADED, the undo failed too",
	[VFPROV_RESULT_UNCHANGED]	= "unchanged",
};

static const char *const vfprov_cfs_states[] = {
	[VFPROV_STATE_IDLE]		= "idle",
	[VFPROV_STATE_APPLYING]		= "applying",
	[VFPROV_STATE_DEGRADED]		= "degraded",
	[VFPROV_STATE_GONE]		= "gone",
};

static const char *vfprov_cfs_result_str(u32 r)
{
	if (r == VFPROV_RESULT_NONE)
		return "none";
	return r < ARRAY_SIZE(vfprov_cfs_results) ? vfprov_cfs_results[r] :
						    "unknown";
}

static const char *vfprov_cfs_state_str(u32 s)
{
	return s < ARRAY_SIZE(vfprov_cfs_states) ? vfprov_cfs_states[s] :
						   "unknown";
}

/* A field as this tree names it: its file, else its name. */
static const char *vfprov_cfs_field_name(u32 field)
{
	const struct vfprov_field_info *fi = vfprov_field(field);

	return fi->cfs ? fi->cfs : fi->name;
}

/*
 * "<op>: <result>: step <step> vf<N> <attr>: -EXXX: <reason>", leaving out
 * what the outcome does not name. Caller holds pfd->lock.
 */
static void vfprov_cfs_set_outcome(struct vfprov_cfs_pf *pfd, const char *op,
				   int err, const struct vfprov_outcome *o)
{
	char *buf = pfd->last_error;
	size_t len = sizeof(pfd->last_error);
	size_t n;

	lockdep_assert_held(&pfd->lock);
	n = scnprintf(buf, len, "%s: %s:", op,
		      o->result < ARRAY_SIZE(vfprov_cfs_results) ?
		      vfprov_cfs_results[o->result] : "failed");
	if (o->step)
		n += scnprintf(buf + n, len - n, " step %s",
			       vfprov_step_name(o->step));
	if (o->vf)
		n += scnprintf(buf + n, len - n, " vf%u", o->vf);
	if (o->field)
		n += scnprintf(buf + n, len - n, " %s",
			       vfprov_cfs_field_name(o->field));
	n += scnprintf(buf + n, len - n, ": %pe", ERR_PTR(err));
	if (o->msg[0])
		scnprintf(buf + n, len - n, ": %s", o->msg);
	else if (err == -ENODEV)
		scnprintf(buf + n, len - n, ": the PF is gone");
}

/*
 * Can the staged tree be committed as it is? Caller holds pfd->lock.
 * Returns 0 or -EINVAL with the reason in @why.
 */
static int vfprov_cfs_check(struct vfprov_cfs_pf *pfd, char *why, size_t len)
{
	u64 beyond;

	lockdep_assert_held(&pfd->lock);
	if (!(pfd->staged.set & VFPROV_SET_NUM_VFS)) {
		strscpy(why, "num_vfs is not set", len);
		return -EINVAL;
	}
	/* num_vfs <= VFPROV_MAX_VFS (63), so the shift is defined. */
	beyond = pfd->vf_dirs & ~(BIT_ULL(pfd->staged.num_vfs) - 1);
	if (beyond) {
		scnprintf(why, len,
			  "vf%u is staged but num_vfs is %u; rmdir it or raise num_vfs",
			  (unsigned int)__ffs64(beyond) + 1,
			  pfd->staged.num_vfs);
		return -EINVAL;
	}
	return 0;
}

/* Check the staged tree and copy it to @cfg. Caller holds pfd->lock. */
static int vfprov_cfs_snapshot(struct vfprov_cfs_pf *pfd,
			       struct vfprov_pf_cfg *cfg)
{
	char why[96];
	int err;

	err = vfprov_cfs_check(pfd, why, sizeof(why));
	if (err) {
		vfprov_cfs_seterr(pfd, "commit: %s", why);
		return err;
	}
	*cfg = pfd->staged;
	return 0;
}

static void vfprov_cfs_request(struct vfprov_cfs_pf *pfd,
			       struct vfprov_request *req,
			       const struct vfprov_pf_cfg *cfg)
{
	memset(req, 0, sizeof(*req));
	req->cfg = cfg;
	req->flags = pfd->force ? VFPROV_FLAGS_FORCE : 0;
	req->check_gen = pfd->check_gen;
	req->expected_gen = pfd->expected_gen;
	vfprov_who_current(&req->who);
}

/*
 * Run a commit (@cfg != NULL) or a reset with ->committing set and without
 * pfd->lock, then record the outcome. Staged values are never touched
 * here: a failed commit leaves the staged tree as the admin wrote it.
 */
static int vfprov_cfs_run(struct vfprov_cfs_pf *pfd, const char *op,
			  struct vfprov_pf_cfg *cfg)
{
	struct vfprov_outcome *out;
	struct vfprov_request req;
	int err;

	out = kzalloc(sizeof(*out), GFP_KERNEL);
	if (!out)
		return -ENOMEM;

	mutex_lock(&pfd->lock);
	if (pfd->committing) {
		vfprov_cfs_seterr(pfd, "%s: busy, a commit is running", op);
		mutex_unlock(&pfd->lock);
		kfree(out);
		return -EBUSY;
	}
	if (cfg) {
		err = vfprov_cfs_snapshot(pfd, cfg);
		if (err) {
			mutex_unlock(&pfd->lock);
			kfree(out);
			return err;
		}
	}
	vfprov_cfs_request(pfd, &req, cfg);
	pfd->committing = true;
	mutex_unlock(&pfd->lock);

	/* through the transaction worker, and wait for it: commit is sync */
	if (cfg)
		err = vfprov_txn_apply(pfd->pf, &req, true, out);
	else
		err = vfprov_txn_reset(pfd->pf, &req, true, out);
	if (!err && out->err)
		err = out->err;

	mutex_lock(&pfd->lock);
	pfd->committing = false;
	if (err) {
		vfprov_cfs_set_outcome(pfd, op, err, out);
	} else {
		pfd->last_error[0] = '\0';
		/* The expectation was for this commit; it is used up. */
		pfd->check_gen = false;
		pfd->expected_gen = 0;
	}
	mutex_unlock(&pfd->lock);
	kfree(out);
	return err;
}

static ssize_t vfprov_cfs_pf_commit_store(struct config_item *item,
					  const char *page, size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	struct vfprov_pf_cfg *cfg;
	int err;

	if (!sysfs_streq(page, "1")) {
		mutex_lock(&pfd->lock);
		vfprov_cfs_seterr(pfd,
				  "commit: write 1 to apply (read plan for a dry run)");
		mutex_unlock(&pfd->lock);
		return -EINVAL;
	}
	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	err = vfprov_cfs_run(pfd, "commit", cfg);
	kfree(cfg);
	return err ? err : count;
}

CONFIGFS_ATTR_WO(vfprov_cfs_pf_, commit);

static ssize_t vfprov_cfs_pf_reset_store(struct config_item *item,
					 const char *page, size_t count)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	int err;

	if (!sysfs_streq(page, "1")) {
		mutex_lock(&pfd->lock);
		vfprov_cfs_seterr(pfd, "reset: write 1 to disable all VFs");
		mutex_unlock(&pfd->lock);
		return -EINVAL;
	}
	err = vfprov_cfs_run(pfd, "reset", NULL);
	return err ? err : count;
}

CONFIGFS_ATTR_WO(vfprov_cfs_pf_, reset);

static ssize_t vfprov_cfs_pf_last_error_show(struct config_item *item,
					     char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	ssize_t n;

	mutex_lock(&pfd->lock);
	n = sprintf(page, "%s\n", pfd->last_error);
	mutex_unlock(&pfd->lock);
	return n;
}

CONFIGFS_ATTR_RO(vfprov_cfs_pf_, last_error);

static ssize_t vfprov_cfs_pf_status_show(struct config_item *item,
					 char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	const struct vfprov_outcome *last;
	struct vfprov_pf_info *info;
	bool committing;
	ssize_t n = 0;
	int err;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	err = vfprov_pf_query(pfd->pf, info);
	mutex_lock(&pfd->lock);
	committing = pfd->committing;
	mutex_unlock(&pfd->lock);

	if (err) {
		/* Removed from the bus, or no backend can read it now. */
		n = scnprintf(page, PAGE_SIZE,
			      "state: %s\ncommitting: %s\nquery_error: %pe\n",
			      err == -ENODEV ? "gone" : "unknown",
			      committing ? "yes" : "no", ERR_PTR(err));
		err = 0;
		goto out;
	}
	n += scnprintf(page + n, PAGE_SIZE - n, "state: %s\n",
		       vfprov_cfs_state_str(info->state));
	n += scnprintf(page + n, PAGE_SIZE - n, "committing: %s\n",
		       committing ? "yes" : "no");
	/* the newest outcome of the PF's ring, whoever asked */
	last = info->n_outcomes ? &info->outcome[0] : NULL;
	n += scnprintf(page + n, PAGE_SIZE - n, "last_result: %s\n",
		       vfprov_cfs_result_str(last ? last->result :
					     VFPROV_RESULT_NONE));
	if (last && last->err)
		n += scnprintf(page + n, PAGE_SIZE - n,
			       "last_errno: %pe\n", ERR_PTR(last->err));
	if (last && last->msg[0])
		n += scnprintf(page + n, PAGE_SIZE - n, "last_error: %s\n",
			       last->msg);
	if (info->running.id)
		n += scnprintf(page + n, PAGE_SIZE - n,
			       "running: %llu step %s vf%u\n",
			       info->running.id,
			       vfprov_step_name(info->running.step),
			       info->running.vf);
	n += scnprintf(page + n, PAGE_SIZE - n, "generation: %llu\n",
		       info->generation);
	n += scnprintf(page + n, PAGE_SIZE - n, "backend: %s\n",
		       info->backend_name[0] ? info->backend_name : "none");
	n += scnprintf(page + n, PAGE_SIZE - n, "driver: %s\n",
		       info->driver[0] ? info->driver : "none");
	n += scnprintf(page + n, PAGE_SIZE - n, "num_vfs: %u\n",
		       info->num_vfs);
	n += scnprintf(page + n, PAGE_SIZE - n, "total_vfs: %u\n",
		       info->total_vfs);
out:
	kfree(info);
	return err ? err : n;
}

CONFIGFS_ATTR_RO(vfprov_cfs_pf_, status);

static ssize_t vfprov_cfs_pf_generation_show(struct config_item *item,
					     char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	struct vfprov_pf_info *info;
	ssize_t n;
	int err;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	err = vfprov_pf_query(pfd->pf, info);
	n = err ? err : sprintf(page, "%llu\n", info->generation);
	kfree(info);
	return n;
}

CONFIGFS_ATTR_RO(vfprov_cfs_pf_, generation);

static const char *const vfprov_cfs_res_attr[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= "ggtt",
	[VFPROV_RES_LMEM]	= "lmem",
	[VFPROV_RES_CONTEXTS]	= "contexts",
	[VFPROV_RES_DOORBELLS]	= "doorbells",
};

static bool vfprov_cfs_vf_nonempty(const struct vfprov_vf_cfg *vf)
{
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++)
		if (vf->quota[r])
			return true;
	for (r = 0; r < VFPROV_THR_COUNT; r++)
		if (vf->threshold[r])
			return true;
	return vf->exec_quantum_ms || vf->preempt_timeout_us ||
	       vfprov_vf_sets(vf) & ~vf->set;
}

/*
 * Append to a configfs page; once something did not fit, *n stays at
 * PAGE_SIZE and nothing more is written.
 */
static __printf(3, 4) void vfprov_cfs_emit(char *page, ssize_t *n,
					   const char *fmt, ...)
{
	va_list ap;
	int len;

	if (*n >= PAGE_SIZE)
		return;
	va_start(ap, fmt);
	len = vsnprintf(page + *n, PAGE_SIZE - *n, fmt, ap);
	va_end(ap);
	*n = len < PAGE_SIZE - *n ? *n + len : PAGE_SIZE;
}

/*
 * Print a whole configuration, one line per item: the PF settings one per
 * line, then one line per VF. A line is printed for what @cfg sets or
 * holds (non-zero); the pci backend has no quotas, so none are shown.
 * A configuration that does not fit in the page (configfs' limit) fails
 * the read with -EFBIG instead of being cut.
 */
static void vfprov_cfs_print_policies(char *page, ssize_t *n,
				      const struct vfprov_pf_cfg *cfg)
{
	if (cfg->set & VFPROV_SET_ENGINE_RESET)
		vfprov_cfs_emit(page, n, "engine_reset %u\n", cfg->engine_reset);
	if (cfg->set & VFPROV_SET_SAMPLE_PERIOD)
		vfprov_cfs_emit(page, n, "sample_period_ms %u\n",
				cfg->sample_period_ms);
	if (cfg->set & VFPROV_SET_SCHED_PRIORITY)
		vfprov_cfs_emit(page, n, "sched_priority %s\n",
				cfg->sched_priority < ARRAY_SIZE(vfprov_cfs_prios) ?
				vfprov_cfs_prios[cfg->sched_priority] : "?");
}

/* Only the thresholds in force: 31 VFs of six zeroes do not fit a page. */
static void vfprov_cfs_print_thresholds(char *page, ssize_t *n,
					const struct vfprov_vf_cfg *vf)
{
	int k;

	for (k = 0; k < VFPROV_THR_COUNT; k++)
		if (vf->threshold[k])
			vfprov_cfs_emit(page, n, " threshold_%s=%u",
					vfprov_threshold_names[k],
					vf->threshold[k]);
}

/* A GT's own values: " gt1.contexts_quota=N gt1.exec_quantum_ms=N" */
static void vfprov_cfs_print_gts(char *page, ssize_t *n,
				 const struct vfprov_vf_cfg *vf)
{
	u32 gt;
	int r;

	for (gt = 0; gt < VFPROV_GTS; gt++) {
		const struct vfprov_gt_cfg *g = &vf->gt[gt];

		for (r = VFPROV_RES_CONTEXTS; r <= VFPROV_RES_DOORBELLS; r++)
			if (g->set & VFPROV_SET_QUOTA(r))
				vfprov_cfs_emit(page, n, " gt%u.%s_quota=%llu",
						gt, vfprov_cfs_res_attr[r],
						g->quota[r]);
		if (g->set & VFPROV_SET_EXEC_QUANTUM)
			vfprov_cfs_emit(page, n, " gt%u.exec_quantum_ms=%u",
					gt, g->exec_quantum_ms);
		if (g->set & VFPROV_SET_PREEMPT_TIMEOUT)
			vfprov_cfs_emit(page, n, " gt%u.preempt_timeout_us=%u",
					gt, g->preempt_timeout_us);
	}
}

static ssize_t vfprov_cfs_print_cfg(char *page, const struct vfprov_pf_cfg *cfg,
				    u32 total_vfs)
{
	u32 i, last = min_t(u32, total_vfs, VFPROV_MAX_VFS);
	ssize_t n = 0;
	int r;

	vfprov_cfs_emit(page, &n, "num_vfs %u\n", cfg->num_vfs);
	if (cfg->set & VFPROV_SET_VF_DRIVER)
		vfprov_cfs_emit(page, &n, "vf_driver %s\n",
			       cfg->vf_driver < ARRAY_SIZE(vfprov_cfs_drivers) ?
			       vfprov_cfs_drivers[cfg->vf_driver] : "?");
	for (r = 0; r < VFPROV_RES_COUNT; r++)
		if ((cfg->set & VFPROV_SET_SPARE(r)) || cfg->spare[r])
			vfprov_cfs_emit(page, &n,
				       "%s_spare %llu\n", vfprov_cfs_res_attr[r],
				       cfg->spare[r]);
	if ((cfg->set & VFPROV_SET_EXEC_QUANTUM) || cfg->exec_quantum_ms)
		vfprov_cfs_emit(page, &n, "exec_quantum_ms %u\n",
			       cfg->exec_quantum_ms);
	if ((cfg->set & VFPROV_SET_PREEMPT_TIMEOUT) || cfg->preempt_timeout_us)
		vfprov_cfs_emit(page, &n,
			       "preempt_timeout_us %u\n",
			       cfg->preempt_timeout_us);
	if ((cfg->set & VFPROV_SET_SCHED_IF_IDLE) || cfg->sched_if_idle)
		vfprov_cfs_emit(page, &n, "sched_if_idle %u\n",
			       cfg->sched_if_idle);
	vfprov_cfs_print_policies(page, &n, cfg);

	for (i = 0; i < last; i++) {
		const struct vfprov_vf_cfg *vf = &cfg->vf[i];

		if (i >= cfg->num_vfs && !vfprov_cfs_vf_nonempty(vf))
			continue;
		vfprov_cfs_emit(page, &n, "vf%u", i + 1);
		for (r = 0; r < VFPROV_RES_COUNT; r++)
			if ((vf->set & VFPROV_SET_QUOTA(r)) || vf->quota[r])
				vfprov_cfs_emit(page, &n,
					       " %s_quota=%llu",
					       vfprov_cfs_res_attr[r],
					       vf->quota[r]);
		if ((vf->set & VFPROV_SET_EXEC_QUANTUM) || vf->exec_quantum_ms)
			vfprov_cfs_emit(page, &n,
				       " exec_quantum_ms=%u",
				       vf->exec_quantum_ms);
		if ((vf->set & VFPROV_SET_PREEMPT_TIMEOUT) ||
		    vf->preempt_timeout_us)
			vfprov_cfs_emit(page, &n,
				       " preempt_timeout_us=%u",
				       vf->preempt_timeout_us);
		vfprov_cfs_print_thresholds(page, &n, vf);
		vfprov_cfs_print_gts(page, &n, vf);
		vfprov_cfs_emit(page, &n, "\n");
	}
	return n < PAGE_SIZE ? n : -EFBIG;
}

/* The live configuration, read from the device by the core. */
static ssize_t vfprov_cfs_pf_applied_show(struct config_item *item,
					  char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	struct vfprov_pf_info *info;
	struct vfprov_pf_cfg *cfg;
	ssize_t n;
	int err;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!info || !cfg) {
		n = -ENOMEM;
		goto out;
	}
	info->cfg = cfg;
	err = vfprov_pf_query(pfd->pf, info);
	if (err) {
		n = scnprintf(page, PAGE_SIZE, "%s: %pe\n",
			      err == -ENODEV ? "gone" : "unavailable",
			      ERR_PTR(err));
		goto out;
	}
	n = vfprov_cfs_print_cfg(page, cfg, info->total_vfs);
out:
	kfree(cfg);
	kfree(info);
	return n;
}

CONFIGFS_ATTR_RO(vfprov_cfs_pf_, applied);

/*
 * The full plan the staged tree would produce now (a dry run: nothing is
 * written). A staged tree the planner refuses shows the reason instead.
 */
static ssize_t vfprov_cfs_pf_plan_show(struct config_item *item, char *page)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);
	struct vfprov_pf_cfg *cfg, *plan;
	struct vfprov_outcome *out;
	struct vfprov_request req;
	char why[96];
	ssize_t n;
	int err;

	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	plan = kzalloc(sizeof(*plan), GFP_KERNEL);
	out = kzalloc(sizeof(*out), GFP_KERNEL);
	if (!cfg || !plan || !out) {
		n = -ENOMEM;
		goto out;
	}

	mutex_lock(&pfd->lock);
	err = vfprov_cfs_check(pfd, why, sizeof(why));
	if (!err)
		*cfg = pfd->staged;
	mutex_unlock(&pfd->lock);
	if (err) {
		n = sprintf(page, "error: %s\n", why);
		goto out;
	}

	memset(&req, 0, sizeof(req));
	req.cfg = cfg;
	req.plan_out = plan;
	vfprov_who_current(&req.who);
	err = vfprov_txn_plan(pfd->pf, &req, out);
	if (!err && out->err)
		err = out->err;
	if (err) {
		const char *f = vfprov_cfs_field_name(out->field);

		if (out->vf)
			n = scnprintf(page, PAGE_SIZE, "error: vf%u %s: %pe: %s\n",
				      out->vf, f, ERR_PTR(err), out->msg);
		else
			n = scnprintf(page, PAGE_SIZE, "error: %s%s%pe: %s\n",
				      f, f[0] ? ": " : "", ERR_PTR(err),
				      out->msg);
		goto out;
	}
	n = vfprov_cfs_print_cfg(page, plan, plan->num_vfs);
out:
	kfree(out);
	kfree(plan);
	kfree(cfg);
	return n;
}

CONFIGFS_ATTR_RO(vfprov_cfs_pf_, plan);

static struct configfs_attribute *vfprov_cfs_pf_attrs[] = {
	&vfprov_cfs_pf_attr_num_vfs,
	&vfprov_cfs_pf_attr_vf_driver,
	&vfprov_cfs_pf_attr_lmem_spare,
	&vfprov_cfs_pf_attr_ggtt_spare,
	&vfprov_cfs_pf_attr_contexts_spare,
	&vfprov_cfs_pf_attr_doorbells_spare,
	&vfprov_cfs_pf_attr_exec_quantum_ms,
	&vfprov_cfs_pf_attr_preempt_timeout_us,
	&vfprov_cfs_pf_attr_sched_if_idle,
	&vfprov_cfs_pf_attr_engine_reset,
	&vfprov_cfs_pf_attr_sample_period_ms,
	&vfprov_cfs_pf_attr_sched_priority,
	&vfprov_cfs_pf_attr_force,
	&vfprov_cfs_pf_attr_expected_generation,
	&vfprov_cfs_pf_attr_commit,
	&vfprov_cfs_pf_attr_reset,
	&vfprov_cfs_pf_attr_plan,
	&vfprov_cfs_pf_attr_status,
	&vfprov_cfs_pf_attr_last_error,
	&vfprov_cfs_pf_attr_applied,
	&vfprov_cfs_pf_attr_generation,
	NULL,
};

static void vfprov_cfs_pf_release(struct config_item *item)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);

	vfprov_pf_put(pfd->pf);
	mutex_destroy(&pfd->lock);
	kfree(pfd);
}

static struct configfs_item_operations vfprov_cfs_pf_item_ops = {
	.release	= vfprov_cfs_pf_release,
};

static struct configfs_group_operations vfprov_cfs_pf_group_ops = {
	.make_item	= vfprov_cfs_make_vf,
	.drop_item	= vfprov_cfs_drop_vf,
};

static const struct config_item_type vfprov_cfs_pf_type = {
	.ct_item_ops	= &vfprov_cfs_pf_item_ops,
	.ct_group_ops	= &vfprov_cfs_pf_group_ops,
	.ct_attrs	= vfprov_cfs_pf_attrs,
	.ct_owner	= THIS_MODULE,
};

/* ------------------------------------------------------------------ */
/* The subsystem root */

/*
 * A PCI address as the kernel names it (pci_name()): lower-case hex
 * "dddd:bb:dd.f", domain 4 to 8 digits, device 00..1f, function 0..7.
 */
static bool vfprov_cfs_lhex(char c)
{
	return isdigit(c) || (c >= 'a' && c <= 'f');
}

static bool vfprov_cfs_valid_addr(const char *s)
{
	size_t len = strlen(s), i, dom = 0;

	while (dom < len && vfprov_cfs_lhex(s[dom]))
		dom++;
	if (dom < 4 || dom > 8 || len != dom + 8)
		return false;
	s += dom;
	/* ":bb:dd.f" */
	for (i = 0; i < 8; i++) {
		char c = s[i];

		switch (i) {
		case 0:
		case 3:
			if (c != ':')
				return false;
			break;
		case 6:
			if (c != '.')
				return false;
			break;
		case 4:
			if (c != '0' && c != '1')
				return false;
			break;
		case 7:
			if (c < '0' || c > '7')
				return false;
			break;
		default:
			if (!vfprov_cfs_lhex(c))
				return false;
		}
	}
	return true;
}

static LIST_HEAD(vfprov_cfs_pfs);
static DEFINE_MUTEX(vfprov_cfs_list_lock);

/* Called by configfs with su_mutex held. */
static struct config_group *vfprov_cfs_make_pf(struct config_group *group,
					       const char *name)
{
	struct vfprov_cfs_pf *pfd;
	struct vfprov_pf *pf;

	if (!vfprov_cfs_valid_addr(name))
		return ERR_PTR(-EINVAL);
	pf = vfprov_pf_find(name);
	if (!pf)
		return ERR_PTR(-ENODEV);

	pfd = kzalloc(sizeof(*pfd), GFP_KERNEL);
	if (!pfd) {
		vfprov_pf_put(pf);
		return ERR_PTR(-ENOMEM);
	}
	pfd->pf = pf;
	mutex_init(&pfd->lock);
	config_group_init_type_name(&pfd->group, name, &vfprov_cfs_pf_type);
	mutex_lock(&vfprov_cfs_list_lock);
	list_add_tail(&pfd->node, &vfprov_cfs_pfs);
	mutex_unlock(&vfprov_cfs_list_lock);
	return &pfd->group;
}

/*
 * rmdir of a PF directory drops the staging only; the hardware keeps what
 * was committed (see docs/configfs.md). configfs refuses the rmdir while
 * vfN directories exist (ENOTEMPTY) and waits for a commit in flight.
 */
static void vfprov_cfs_drop_pf(struct config_group *group,
			       struct config_item *item)
{
	struct vfprov_cfs_pf *pfd = to_cfs_pf(item);

	mutex_lock(&vfprov_cfs_list_lock);
	list_del(&pfd->node);
	mutex_unlock(&vfprov_cfs_list_lock);
	config_item_put(item);
}

static struct configfs_group_operations vfprov_cfs_root_group_ops = {
	.make_group	= vfprov_cfs_make_pf,
	.drop_item	= vfprov_cfs_drop_pf,
};

static const struct config_item_type vfprov_root_type = {
	.ct_group_ops	= &vfprov_cfs_root_group_ops,
	.ct_owner	= THIS_MODULE,
};

static struct configfs_subsystem vfprov_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf	= "vfprov",
			.ci_type	= &vfprov_root_type,
		},
	},
};

/*
 * A claimed PF removed from the bus: say so in last_error at once, for
 * whoever polls the directory, before a commit finds out (ENODEV).
 */
static void vfprov_cfs_event(const struct vfprov_event *ev)
{
	struct vfprov_cfs_pf *pfd;

	if (ev->kind != VFPROV_EV_PF || ev->change != VFPROV_PF_CHANGE_REMOVED)
		return;
	mutex_lock(&vfprov_cfs_list_lock);
	list_for_each_entry(pfd, &vfprov_cfs_pfs, node) {
		if (pfd->pf != ev->pf)
			continue;
		mutex_lock(&pfd->lock);
		vfprov_cfs_seterr(pfd,
				  "%s was removed from the bus: nothing can be committed; rmdir this directory",
				  vfprov_pf_name(pfd->pf));
		mutex_unlock(&pfd->lock);
	}
	mutex_unlock(&vfprov_cfs_list_lock);
}

static struct vfprov_event_sink vfprov_cfs_sink = {
	.handle = vfprov_cfs_event,
};

/* Every staged file is the one the field table names for its field. */
static int __init vfprov_cfs_check_fields(void)
{
	static const struct vfprov_cfs_field *const all[] __initconst = {
		&vfprov_cfs_vf_f_lmem_quota, &vfprov_cfs_vf_f_ggtt_quota,
		&vfprov_cfs_vf_f_contexts_quota,
		&vfprov_cfs_vf_f_doorbells_quota,
		&vfprov_cfs_vf_f_exec_quantum_ms,
		&vfprov_cfs_vf_f_preempt_timeout_us, &vfprov_cfs_vf_f_weight,
		&vfprov_cfs_pf_f_lmem_spare, &vfprov_cfs_pf_f_ggtt_spare,
		&vfprov_cfs_pf_f_contexts_spare,
		&vfprov_cfs_pf_f_doorbells_spare,
		&vfprov_cfs_pf_f_exec_quantum_ms,
		&vfprov_cfs_pf_f_preempt_timeout_us,
		&vfprov_cfs_pf_f_sched_if_idle, &vfprov_cfs_pf_f_num_vfs,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(all); i++) {
		const char *cfs = vfprov_field(all[i]->field)->cfs;

		if (WARN_ON(!cfs || strcmp(cfs, all[i]->name)))
			return -EINVAL;
	}
	return 0;
}

int __init vfprov_configfs_init(void)
{
	int err;

	err = vfprov_cfs_check_fields();
	if (err)
		return err;

	config_group_init(&vfprov_subsys.su_group);
	mutex_init(&vfprov_subsys.su_mutex);
	err = configfs_register_subsystem(&vfprov_subsys);
	if (!err)
		vfprov_events_subscribe(&vfprov_cfs_sink);
	return err;
}

void vfprov_configfs_exit(void)
{
	vfprov_events_unsubscribe(&vfprov_cfs_sink);
	configfs_unregister_subsystem(&vfprov_subsys);
}
