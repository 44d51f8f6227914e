/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Backends: how one kind of PF driver is read and written.
 *
 * A backend never writes by itself. It reads a snapshot of the PF and turns
 * (snapshot, plan) into an ordered list of operations; txn.c executes that
 * list with a journal, verifies it and undoes it. Every operation is a
 * sysfs attribute write or a VF driver binding, so one undo serves all
 * backends.
 */
#ifndef _VFPROV_BACKEND_H
#define _VFPROV_BACKEND_H

#include "registry.h"
#include "sysfs_io.h"
#include "fields.h"

#define VFPROV_DRV_LEN		32

/*
 * Apply steps are the uapi's enum vfprov_step, in apply order; their names
 * are vfprov_step_names[] (fields.h).
 */

struct vfprov_vf_state {
	bool present;			/* VF enabled (pci_dev exists) */
	bool in_use;
	int iommu_group;
	char addr[VFPROV_ADDR_LEN];
	char driver[VFPROV_DRV_LEN];	/* "" if unbound */
	char override[VFPROV_DRV_LEN];	/* driver_override, "" if unset */
};

/* Everything a transaction reads of a PF, and compares after an undo. */
struct vfprov_snap {
	/*
	 * VFs the arrays describe: the PF's, up to VFPROV_MAX_VFS. The PCI
	 * core's own counts are pci_*; a PF whose pci_total_vfs exceeds the
	 * limit is refused by transactions and reported as it is by queries.
	 */
	u32 total_vfs;
	u32 pci_total_vfs;
	u32 pci_num_vfs;
	u32 autoprobe;
	int auto_prov;			/* -1: the backend has none */
	bool has_res;
	struct vfprov_res_info res[VFPROV_RES_COUNT];
	struct vfprov_plan_caps caps;
	/*
	 * What the backend and driver version can do: VFPROV_CAPS_* (uapi),
	 * probed by the backend's snapshot from the files that exist.
	 */
	u32 pf_caps;
	/* Why resources the PF has are not there to set (static), or NULL. */
	const char *res_why;
	/*
	 * Why a field missing from pf_caps is missing, when it is not the
	 * driver version (static; NULL: the i915 versions are named).
	 */
	const char *caps_why;
	/*
	 * xe: a per-GT PF value (spare, sched_if_idle, policy) or a VF's
	 * threshold on a GT other than gt0 differs from gt0's, which is what
	 * cfg holds (VF quotas and EQ/PT are in cfg per GT). The build then
	 * journals what the other GTs hold as read at the write.
	 */
	bool gts_differ;
	struct vfprov_pf_cfg cfg;	/* live values, ->set says what is known */
	struct vfprov_vf_state vf[VFPROV_MAX_VFS];
};

enum vfprov_op_kind {
	VFPROV_OP_WRITE,		/* write val to path */
	VFPROV_OP_DRIVER,		/* bind VF vf to driver val ("" = none) */
	/*
	 * Writes nothing when executed, only journals itself; its undo
	 * writes val to path. For a change the driver makes by itself and
	 * that no file reads back: xe switches to CUSTOM provisioning at the
	 * first debugfs config write, and only "1" to
	 * restore_auto_provisioning (VFs off) switches it back.
	 */
	VFPROV_OP_MARK,
	/*
	 * Writes val to a write-only file and journals nothing to undo: for
	 * a switch whose undo the later undos make by themselves (writing
	 * an old quota back puts xe in CUSTOM mode again after
	 * restore_auto_provisioning).
	 */
	VFPROV_OP_TRIGGER,
};

/* Which filesystem an op's path is in (relative to its root). */
enum vfprov_op_fs {
	VFPROV_FS_SYSFS,
	VFPROV_FS_DEBUGFS,
};

/*
 * One operation, and its journal record once executed.
 *
 * A WRITE op whose backend knew the value before it (.old_known: from the
 * transaction's snapshot, or the value an earlier op of the list wrote to
 * the same file) is journaled without reading the file again. An op with
 * .side_effects may change files other than its own (enabling VFs makes
 * i915 auto-provision them); once one has written, every later op reads
 * its file before writing it.
 */
struct vfprov_op {
	u8 kind;			/* enum vfprov_op_kind */
	u8 step;			/* enum vfprov_step */
	u8 fs;				/* enum vfprov_op_fs */
	/* reads as a choice list ("[low] normal high"): the [word] is it */
	bool choice;
	bool old_known;			/* WRITE: .old holds the value before */
	bool side_effects;
	/*
	 * The driver provisions the file anew after this write (xe's AUTO
	 * enable fills a VRAM quota released before it): not read back.
	 */
	bool refilled;
	u32 vf;				/* 0 = the PF */
	const char *attr;		/* attribute name for errors */
	char path[VFPROV_PATH_LEN];
	char val[VFPROV_VAL_LEN];
	/* journal: valid once .journaled, written before the change */
	bool journaled;
	char old[VFPROV_VAL_LEN];	/* WRITE: old value, DRIVER: old driver */
	char old_override[VFPROV_DRV_LEN];
};

struct vfprov_oplist {
	struct vfprov_op *op;
	unsigned int n;
	unsigned int max;
};

struct vfprov_be;
struct vfprov_adverse_counts;

struct vfprov_backend_ops {
	const char *name;
	u32 id;					/* enum vfprov_backend */
	/*
	 * Does this backend drive @be's PF? 0 if so (it may fill its part
	 * of @be, e.g. ->iov), else a negative errno. backend.c tries the
	 * backends in its table's order.
	 */
	int (*probe)(struct vfprov_be *be);
	/*
	 * VF drivers this PF's VFs may be bound to besides none and vfio-pci:
	 * BIT(enum vfprov_vf_driver) each, e.g. xe's VFIO variant driver.
	 */
	u32 vf_drivers;
	/*
	 * Optional: may this PF be changed at all? 0, or a negative errno
	 * with the reason in *why (static).
	 */
	int (*may_change)(struct vfprov_be *be, const char **why);
	/* Read the live state. */
	int (*snapshot)(struct vfprov_be *be, struct vfprov_snap *s);
	/* Append the operations that turn @cur into @plan. */
	int (*build)(struct vfprov_be *be, const struct vfprov_snap *cur,
		     const struct vfprov_pf_cfg *plan,
		     struct vfprov_oplist *ops);
	/*
	 * Optional: the transaction is over (under txn_lock). @applied: the
	 * list was applied and verified; else it was undone (or the undo
	 * failed: @ops' journal tells what was written). For state a backend
	 * keeps of a PF that no file shows (xe's provisioning mode).
	 */
	void (*finish)(struct vfprov_be *be, const struct vfprov_oplist *ops,
		       bool applied, int undo_err);
	/*
	 * Optional hooks for what only some drivers offer; callers test the
	 * pointer, and a backend without one offers none of it. They are
	 * called for queries too (be->query: no lock held, none taken).
	 */
	/* VF @vf's live config (vf-get); without it vf-get has none. */
	int (*vf_cfg)(struct vfprov_be *be, u32 vf, struct vfprov_vf_cfg *c);
	/*
	 * VF @vf's run control (vf-action): 0 if @action (enum
	 * vfprov_vf_action, not flr: the PCI core's) can be done, else an
	 * errno and *@why (static); then done by vf_act, @word its name.
	 */
	int (*vf_control)(struct vfprov_be *be, u32 vf, u32 action,
			  const char **why);
	int (*vf_act)(struct vfprov_be *be, u32 vf, u32 action,
		      const char *word);
	/*
	 * The driver's adverse-event counters of every VF (health.c polls
	 * them and vf-get shows them); -ENODEV when they cannot be read.
	 */
	int (*adverse)(struct vfprov_be *be, struct vfprov_adverse_counts *c);
	/* VF @vf's LMEM in use, bytes (vf-get's telemetry). */
	int (*vf_lmem_alloc)(struct vfprov_be *be, u32 vf, u64 *bytes);
};

/* A PF bound to its backend for one transaction or query. */
struct vfprov_be {
	const struct vfprov_backend_ops *ops;	/* NULL: "none", query only */
	struct vfprov_pf *pf;
	char dev[64];				/* "bus/pci/devices/<pf>" */
	struct vfprov_sysfs_dir dir;		/* dev, held by transactions */
	char iov[VFPROV_PATH_LEN];		/* i915: ".../prelim_iov" */
	/* xe: "<dev>/sriov_admin" in iov, its debugfs "dri/<BDF>/sriov" */
	char dfs[VFPROV_PATH_LEN];
	u8 gts;					/* xe: GTs of tile 0 */
	bool dgpu;				/* xe: VRAM (LMTT) */
	bool vram_admin;			/* xe: sriov_admin vram_quota (7.1) */
	char driver[VFPROV_DRV_LEN];		/* PF driver, "" if none */
	bool sriov_configure;			/* PF driver can set VFs */
	/*
	 * The PF driver is a GPU driver a backend knows, whether or not that
	 * backend took the PF (i915 with SR-IOV off falls back to "pci"):
	 * no foreign device, so not subject to pci_allow.
	 */
	bool gpu_driver;
	bool query;				/* never wait for a lock */
};

/* backend.c */
int vfprov_backend_select(struct vfprov_pf *pf, struct vfprov_be *be);
int vfprov_backend_select_query(struct vfprov_pf *pf, struct vfprov_be *be);
void vfprov_backend_release(struct vfprov_be *be);
const char *vfprov_backend_name(const struct vfprov_be *be);
u32 vfprov_backend_id(const struct vfprov_be *be);
/* @dev's driver name, and whether it has sriov_configure (may be NULL). */
void vfprov_driver_of(struct device *dev, bool nowait, char *name,
		      bool *sriov_configure);

/* oplist.c */
int vfprov_op_add(struct vfprov_oplist *ops, u8 kind, u8 step, u32 vf,
		  const char *attr, const char *val, const char *fmt, ...)
	__printf(7, 8);
int vfprov_op_add_u64(struct vfprov_oplist *ops, u8 step, u32 vf,
		      const char *attr, u64 val, const char *fmt, ...)
	__printf(6, 7);
/* What the op just added finds in its file, or that it has side effects. */
void vfprov_op_old(struct vfprov_oplist *ops, u64 old);
void vfprov_op_old_word(struct vfprov_oplist *ops, const char *old);
void vfprov_op_side_effects(struct vfprov_oplist *ops);
/* The op just added is in debugfs (paths from the debugfs root). */
void vfprov_op_debugfs(struct vfprov_oplist *ops);
/* The op just added reads its value as a choice list's [word]. */
void vfprov_op_choice(struct vfprov_oplist *ops);
void vfprov_op_refilled(struct vfprov_oplist *ops);
/* The [word] of a choice list in @buf, in place; -EPROTO if none. */
int vfprov_choice_word(char *buf);
/*
 * VF @i's quota of @r, EQ (@eq) or PT once @plan is applied over @cur:
 * the VF's (gt0's), or on GT @gt.
 */
u64 vfprov_plan_quota(const struct vfprov_snap *cur,
		      const struct vfprov_pf_cfg *plan, u32 i, int r);
u64 vfprov_plan_gt_quota(const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, u32 i, int r, u32 gt);
u32 vfprov_plan_vf_sched(const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, u32 i, bool eq);
u32 vfprov_plan_gt_sched(const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, u32 i, u32 gt,
			 bool eq);
/* VF @i's threshold @k once @plan is applied (0 beyond num_vfs). */
u32 vfprov_plan_vf_thr(const struct vfprov_snap *cur,
		       const struct vfprov_pf_cfg *plan, u32 i, int k);
/* Whether any VF's quota of @r changes with @plan, on any GT. */
bool vfprov_plan_res_changes(const struct vfprov_snap *cur,
			     const struct vfprov_pf_cfg *plan, int r);

/* backend_pci.c: the PCI core's part, shared by every backend. */
extern const struct vfprov_backend_ops vfprov_backend_pci;
int vfprov_pci_snapshot(struct vfprov_be *be, struct vfprov_snap *s);
/* @nowait: for queries, no device lock and no driver_override */
void vfprov_pci_vf_state(struct vfprov_pf *pf, u32 id, bool nowait,
			 struct vfprov_vf_state *st);
int vfprov_pci_build_pre(struct vfprov_be *be, const struct vfprov_snap *cur,
			 const struct vfprov_pf_cfg *plan, bool disable,
			 struct vfprov_oplist *ops);
int vfprov_pci_build_post(struct vfprov_be *be, const struct vfprov_snap *cur,
			  const struct vfprov_pf_cfg *plan, bool disabled,
			  struct vfprov_oplist *ops);
u32 vfprov_pci_stale_slot(struct vfprov_pf *pf, u32 num_vfs);
const char *vfprov_vf_driver_name(u32 d);
int vfprov_vf_driver_now(struct vfprov_pf *pf, u32 id, char *drv,
			 char *override);
int vfprov_vf_bind(struct vfprov_pf *pf, u32 id, const char *drv,
		   const char *override);
int vfprov_vf_bind_from(struct vfprov_pf *pf, u32 id, const char *now,
			const char *now_ovr, const char *drv,
			const char *override);

/* backend_i915.c */
extern const struct vfprov_backend_ops vfprov_backend_i915;
int vfprov_i915_probe(struct vfprov_be *be);
/* The PF's driver is i915 (or atsm_sim, which imitates it). */
bool vfprov_i915_driver(const struct vfprov_be *be);
int vfprov_i915_not_ready(const struct vfprov_be *be, const char **why);

/* backend_xe.c */
extern const struct vfprov_backend_ops vfprov_backend_xe;
/* The PF's driver is xe (or xe_sim, which imitates it). */
bool vfprov_xe_driver(const struct vfprov_be *be);

#endif /* _VFPROV_BACKEND_H */
