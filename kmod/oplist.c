// SPDX-License-Identifier: GPL-2.0
/*
 * Operation lists: what a backend's build appends and txn.c executes, and
 * the values once a plan is applied that every build compares with the
 * live ones. Shared by every backend, so that none calls another.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "backend.h"

static __printf(7, 0)
int vfprov_op_vadd(struct vfprov_oplist *ops, u8 kind, u8 step, u32 vf,
		   const char *attr, const char *val, const char *fmt,
		   va_list ap)
{
	struct vfprov_op *op;

	if (ops->n == ops->max)
		return -E2BIG;
	op = &ops->op[ops->n];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->step = step;
	op->vf = vf;
	op->attr = attr;
	if (strscpy(op->val, val, sizeof(op->val)) < 0 ||
	    vsnprintf(op->path, sizeof(op->path), fmt, ap) >= sizeof(op->path))
		return -ENAMETOOLONG;
	ops->n++;
	return 0;
}

int vfprov_op_add(struct vfprov_oplist *ops, u8 kind, u8 step, u32 vf,
		  const char *attr, const char *val, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vfprov_op_vadd(ops, kind, step, vf, attr, val, fmt, ap);
	va_end(ap);
	return err;
}

int vfprov_op_add_u64(struct vfprov_oplist *ops, u8 step, u32 vf,
		      const char *attr, u64 val, const char *fmt, ...)
{
	char buf[VFPROV_VAL_LEN];
	va_list ap;
	int err;

	snprintf(buf, sizeof(buf), "%llu", val);
	va_start(ap, fmt);
	err = vfprov_op_vadd(ops, VFPROV_OP_WRITE, step, vf, attr, buf, fmt,
			     ap);
	va_end(ap);
	return err;
}

/* Only for an op just added successfully: n > 0. */
void vfprov_op_old(struct vfprov_oplist *ops, u64 old)
{
	struct vfprov_op *op = &ops->op[ops->n - 1];

	snprintf(op->old, sizeof(op->old), "%llu", old);
	op->old_known = true;
}

/* As vfprov_op_old(), for a file holding a word. */
void vfprov_op_old_word(struct vfprov_oplist *ops, const char *old)
{
	struct vfprov_op *op = &ops->op[ops->n - 1];

	strscpy(op->old, old, sizeof(op->old));
	op->old_known = true;
}

void vfprov_op_side_effects(struct vfprov_oplist *ops)
{
	ops->op[ops->n - 1].side_effects = true;
}

void vfprov_op_debugfs(struct vfprov_oplist *ops)
{
	ops->op[ops->n - 1].fs = VFPROV_FS_DEBUGFS;
}

void vfprov_op_choice(struct vfprov_oplist *ops)
{
	ops->op[ops->n - 1].choice = true;
}

void vfprov_op_refilled(struct vfprov_oplist *ops)
{
	ops->op[ops->n - 1].refilled = true;
}

int vfprov_choice_word(char *buf)
{
	char *open = strchr(buf, '['), *close;

	close = open ? strchr(open, ']') : NULL;
	if (!close)
		return -EPROTO;
	*close = '\0';
	memmove(buf, open + 1, close - open);
	return 0;
}

/*
 * What a build compares: VF @i's (0-based) value on GT @gt once @plan is
 * applied, the plan's where it sets one, else the live one; 0 beyond
 * num_vfs (a VF that goes away keeps nothing).
 */
u64 vfprov_plan_gt_quota(const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, u32 i, int r, u32 gt)
{
	if (i >= plan->num_vfs)
		return 0;
	if (plan->vf[i].set & VFPROV_SET_QUOTA(r))
		return vfprov_gt_quota(&plan->vf[i], gt, r);
	return vfprov_gt_quota(&cur->cfg.vf[i], gt, r);
}

u64 vfprov_plan_quota(const struct vfprov_snap *cur,
		      const struct vfprov_pf_cfg *plan, u32 i, int r)
{
	return vfprov_plan_gt_quota(cur, plan, i, r, 0);
}

u32 vfprov_plan_gt_sched(const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, u32 i, u32 gt,
			 bool eq)
{
	const struct vfprov_vf_cfg *p = &plan->vf[i], *c = &cur->cfg.vf[i];
	u32 bit = eq ? VFPROV_SET_EXEC_QUANTUM : VFPROV_SET_PREEMPT_TIMEOUT;

	if (i >= plan->num_vfs)
		return 0;
	return vfprov_gt_sched(vfprov_gt_has(p, gt, bit) ? p : c, gt, eq);
}

u32 vfprov_plan_vf_sched(const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, u32 i, bool eq)
{
	return vfprov_plan_gt_sched(cur, plan, i, 0, eq);
}

u32 vfprov_plan_vf_thr(const struct vfprov_snap *cur,
		       const struct vfprov_pf_cfg *plan, u32 i, int k)
{
	if (i >= plan->num_vfs)
		return 0;
	if (plan->vf[i].set & VFPROV_SET_THRESHOLD(k))
		return plan->vf[i].threshold[k];
	return cur->cfg.vf[i].threshold[k];
}

bool vfprov_plan_res_changes(const struct vfprov_snap *cur,
			     const struct vfprov_pf_cfg *plan, int r)
{
	u32 i, gt;

	for (i = 0; i < cur->total_vfs; i++)
		for (gt = 0; gt < max_t(u32, cur->caps.gts, 1); gt++)
			if (vfprov_plan_gt_quota(cur, plan, i, r, gt) !=
			    vfprov_gt_quota(&cur->cfg.vf[i], gt, r))
				return true;
	return false;
}
