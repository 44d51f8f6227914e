// SPDX-License-Identifier: GPL-2.0
/*
 * Operation lists: what a backend's build appends and txn.c executes. Shared
 * by every backend, so that none of them has to call another to add an op.
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

void vfprov_op_side_effects(struct vfprov_oplist *ops)
{
	ops->op[ops->n - 1].side_effects = true;
}

void vfprov_op_debugfs(struct vfprov_oplist *ops)
{
	ops->op[ops->n - 1].fs = VFPROV_FS_DEBUGFS;
}
