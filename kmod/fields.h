/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fields of the configuration model, described once.
 *
 * The core (config model, txn.c validation, planner errors, backends) names
 * a field by its uapi id, enum vfprov_field; this table says what the id
 * is everywhere else: its name in messages, whether it belongs to the PF
 * or to a VF, the VFPROV_SET_* bit a request sets for it, the configfs
 * file that stages it, and the sysfs files the backends write for it. Only
 * netlink.c turns a field into a netlink attribute (for extack).
 */
#ifndef _VFPROV_FIELDS_H
#define _VFPROV_FIELDS_H

#include <linux/types.h>
#include "vfprov_config.h"

#define VFPROV_FIELD_COUNT	(VFPROV_FIELD_ACTION + 1)
#define VFPROV_STEP_COUNT	(VFPROV_STEP_ACTION + 1)

/* Where a field lives. */
#define VFPROV_SCOPE_PF		0x1	/* vfprov_pf_cfg */
#define VFPROV_SCOPE_VF		0x2	/* vfprov_vf_cfg */
#define VFPROV_SCOPE_REQ	0x4	/* the request around the config */

struct vfprov_field_info {
	const char *name;	/* in messages: "lmem", "num_vfs" */
	u8 scope;		/* VFPROV_SCOPE_* */
	u32 set;		/* VFPROV_SET_* bit, 0 if none */
	const char *cfs;	/* configfs file staging it, NULL if none */
	const char *file;	/* sysfs file a backend writes for it */
	const char *file_alt;	/* another one, NULL if none */
	const char *emsg;	/* static reason when an apply of it failed */
};

extern const struct vfprov_field_info vfprov_fields[VFPROV_FIELD_COUNT];
extern const char *const vfprov_step_names[VFPROV_STEP_COUNT];

/* Never NULL: out of range ids get the entry of VFPROV_FIELD_NONE. */
const struct vfprov_field_info *vfprov_field(u32 field);
const char *vfprov_step_name(u32 step);
/* The field of the lowest bit of @set that @scope has, or FIELD_NONE. */
enum vfprov_field vfprov_field_of_set(u32 set, u8 scope);
/* The field a backend's sysfs file name (op->attr) sets, or FIELD_NONE. */
enum vfprov_field vfprov_field_of_file(const char *file);
enum vfprov_field vfprov_field_quota(int res);
enum vfprov_field vfprov_field_spare(int res);
enum vfprov_field vfprov_field_threshold(int k);
/* The driver file name (under threshold/) of threshold @k. */
extern const char *const vfprov_threshold_names[VFPROV_THR_COUNT];

#endif /* _VFPROV_FIELDS_H */
