// SPDX-License-Identifier: GPL-2.0
/*
 * The "xe" backend: PFs whose driver has <pf>/sriov_admin (upstream xe
 * from Linux 6.19, or xe_sim). XE_SRIOV_ABI.md has the files; the edges
 * that shape this file:
 *  - scheduling (EQ/PT) is sysfs (sriov_admin, stable ABI); GGTT, VRAM,
 *    contexts, doorbells, spares and sched_if_idle are debugfs (not ABI),
 *    reached through a private debugfs mount and a user page
 *    (debugfs_io.c). Without debugfs (locked down, debugfs=off) the
 *    backend is sysfs-only: resources read as absent, and the planner
 *    refuses a quota or spare for them, naming it;
 *  - contexts and doorbells are per GT: a VF's value is written to every
 *    GT of the tile (the fan-out), each GT its own journaled op, so a
 *    failure on gt1 after gt0 took the value is undone exactly;
 *  - the first debugfs config write switches xe from AUTO to CUSTOM
 *    provisioning and no file reads the mode back: this file keeps it in
 *    pf->xe_mode, and journals the switch as a MARK whose undo is
 *    restore_auto_provisioning (VFs off: the MARK follows the disable);
 *  - a resize frees first (a failed write leaves 0): the journal keeps
 *    the old value, as for i915;
 *  - xe does not check a VF is complete at enable in CUSTOM mode: the
 *    planner's required resources (GGTT, contexts, VRAM on a dGPU) are.
 * Old layouts (6.17 and 6.18: debugfs gt0/ or tile0/gt0/ without
 * sriov_admin) are not this backend's: the PF is refused by name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/sizes.h>

#include "backend.h"
#include "vf_action.h"

enum vfprov_xe_mode {
	VFPROV_XE_MODE_UNKNOWN,		/* not seen by a transaction yet */
	VFPROV_XE_MODE_AUTO,
	VFPROV_XE_MODE_CUSTOM,
};

/* xe_gt_sriov_pf_config.c: GuC IDs and doorbells per GT. */
#define VFPROV_XE_CONTEXTS	65535
#define VFPROV_XE_DOORBELLS	256

/*
 * GGTT is 4 KiB granular, 64 KiB on ATS-M. The device id is the
 * hardware's and xe_sim runs on any PF, so plan every xe PF in 64 KiB:
 * what reads back is then what was asked for on both.
 */
static const u64 vfprov_xe_granule[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= SZ_64K,
	[VFPROV_RES_LMEM]	= SZ_2M,
	[VFPROV_RES_CONTEXTS]	= 1,
	[VFPROV_RES_DOORBELLS]	= 1,
};

static const u64 vfprov_xe_spare_min[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= SZ_64M,
	[VFPROV_RES_LMEM]	= SZ_128M,
	[VFPROV_RES_CONTEXTS]	= 256,
	[VFPROV_RES_DOORBELLS]	= 0,
};

/* debugfs names; GGTT and VRAM are per tile, the rest per GT */
static const char *const vfprov_xe_quota[VFPROV_RES_COUNT] = {
	"ggtt_quota", "vram_quota", "contexts_quota", "doorbells_quota",
};

static const char *const vfprov_xe_spare[VFPROV_RES_COUNT] = {
	"ggtt_spare", "vram_spare", "contexts_spare", "doorbells_spare",
};

static bool vfprov_xe_per_gt(int r)
{
	return r == VFPROV_RES_CONTEXTS || r == VFPROV_RES_DOORBELLS;
}

bool vfprov_xe_driver(const struct vfprov_be *be)
{
	return !strcmp(be->driver, "xe") || !strcmp(be->driver, "xe_sim");
}

static __printf(3, 4)
int vfprov_xe_path(char *buf, const char *base, const char *fmt, ...)
{
	char rel[VFPROV_PATH_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	/* a cut name could be another file's: never use it */
	if (n >= sizeof(rel) ||
	    snprintf(buf, VFPROV_PATH_LEN, "%s/%s", base, rel) >=
	    VFPROV_PATH_LEN)
		return -ENAMETOOLONG;
	return 0;
}

/* Whether the debugfs tree has @rel (an O_PATH open: under lockdown too). */
static bool vfprov_xe_dfs_has(struct vfprov_be *be, const char *rel)
{
	char path[VFPROV_PATH_LEN];

	return !vfprov_xe_path(path, be->dfs, "%s", rel) &&
	       vfprov_debugfs_exists(path);
}

/*
 * sriov_admin makes the PF this backend's. An xe PF without it is too, so
 * that it is refused by name (vfprov_xe_may_change()) instead of passing
 * for a plain PCI PF; be->iov stays empty then.
 */
static int vfprov_xe_probe(struct vfprov_be *be)
{
	char path[VFPROV_PATH_LEN];

	snprintf(path, sizeof(path), "%s/sriov_admin/pf/profile", be->dev);
	if (vfprov_sysfs_exists_in(&be->dir, path))
		snprintf(be->iov, sizeof(be->iov), "%s/sriov_admin", be->dev);
	else if (!vfprov_xe_driver(be))
		return -ENOENT;
	/* 7.1 on a dGPU; every vfN/profile has it, enabled or not */
	snprintf(path, sizeof(path), "%s/sriov_admin/vf1/profile/vram_quota",
		 be->dev);
	be->vram_admin = be->iov[0] && vfprov_sysfs_exists_in(&be->dir, path);
	snprintf(be->dfs, sizeof(be->dfs), "dri/%s/sriov", be->pf->name);
	/* with debugfs=off there is no tree: one GT, no VRAM known */
	be->gts = vfprov_xe_dfs_has(be, "pf/tile0/gt1") ? 2 : 1;
	be->dgpu = vfprov_xe_dfs_has(be, "pf/tile0/vram_spare");
	return 0;
}

/* A u64 of sriov_admin/@rel. */
static int vfprov_xe_sysfs_u64(struct vfprov_be *be, const char *rel, u64 *v)
{
	char path[VFPROV_PATH_LEN];
	int err = vfprov_xe_path(path, be->iov, "%s", rel);

	return err ? err : vfprov_sysfs_read_u64_in(&be->dir, path, v);
}

/* A u64 of debugfs sriov/@rel. */
static int vfprov_xe_dfs_u64(struct vfprov_be *be, const char *rel, u64 *v)
{
	char path[VFPROV_PATH_LEN], buf[VFPROV_VAL_LEN];
	int err = vfprov_xe_path(path, be->dfs, "%s", rel);

	if (!err)
		err = vfprov_debugfs_attr_read(path, buf, sizeof(buf));
	return err ? err : kstrtou64(buf, 0, v);
}

/*
 * Whether debugfs can be used: 0, or why not (-EPERM: locked down,
 * -ENODEV/-ENOENT: no debugfs or no tree, -EOPNOTSUPP: no address space
 * to pass values through). Then the backend is sysfs-only.
 */
static int vfprov_xe_dfs_probe(struct vfprov_be *be)
{
	u64 v;

	return vfprov_xe_dfs_u64(be, "pf/tile0/gt0/contexts_spare", &v);
}

/* VF @id's quota of @r on GT @gt (ignored for per-tile resources). */
static int vfprov_xe_quota_read(struct vfprov_be *be, u32 id, int r, u32 gt,
				u64 *v)
{
	char rel[VFPROV_PATH_LEN];

	if (vfprov_xe_per_gt(r))
		snprintf(rel, sizeof(rel), "vf%u/tile0/gt%u/%s", id, gt,
			 vfprov_xe_quota[r]);
	else
		snprintf(rel, sizeof(rel), "vf%u/tile0/%s", id,
			 vfprov_xe_quota[r]);
	return vfprov_xe_dfs_u64(be, rel, v);
}

/*
 * Every GT's quota of the per-GT resources: gt0's is the VF's, another
 * GT's is kept as its own where it differs (a gt0-only tool such as XPU
 * Manager 2.x leaves gt1's as it was, or the admin set it apart).
 */
static int vfprov_xe_vf_quotas(struct vfprov_be *be, u32 id,
			       struct vfprov_vf_cfg *c)
{
	u64 v;
	u32 gt;
	int r, err;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (r == VFPROV_RES_LMEM && !be->dgpu)
			continue;
		err = vfprov_xe_quota_read(be, id, r, 0, &c->quota[r]);
		if (err)
			return err;
		c->set |= VFPROV_SET_QUOTA(r);
		for (gt = 1; vfprov_xe_per_gt(r) && gt < be->gts; gt++) {
			err = vfprov_xe_quota_read(be, id, r, gt, &v);
			if (err)
				return err;
			vfprov_gt_put_quota(c, gt, r, v);
		}
	}
	return 0;
}

/*
 * EQ/PT of VF @id on every GT, from debugfs (sriov_admin's files read
 * EUCLEAN once the GTs disagree).
 */
static int vfprov_xe_vf_sched_gts(struct vfprov_be *be, u32 id,
				  struct vfprov_vf_cfg *c)
{
	static const char *const file[] = {
		"preempt_timeout_us", "exec_quantum_ms",
	};
	char rel[VFPROV_PATH_LEN];
	int eq, err;
	u64 v;
	u32 gt;

	for (gt = 0; gt < be->gts; gt++) {
		for (eq = 0; eq <= 1; eq++) {
			snprintf(rel, sizeof(rel), "vf%u/tile0/gt%u/%s", id, gt,
				 file[eq]);
			err = vfprov_xe_dfs_u64(be, rel, &v);
			if (err)
				return err;
			if (gt)
				vfprov_gt_put_sched(c, gt, eq, v);
			else if (eq)
				c->exec_quantum_ms = v;
			else
				c->preempt_timeout_us = v;
		}
	}
	return 0;
}

/* xe's debugfs name of threshold @k (vfN/tile0/gtK/threshold_*). */
static const char *vfprov_xe_thr_file(int k)
{
	return vfprov_field(vfprov_field_threshold(k))->file_alt;
}

/* VF @id's thresholds, gt0's; another GT's that differs sets *@differ. */
static int vfprov_xe_vf_thresholds(struct vfprov_be *be, u32 id,
				   struct vfprov_vf_cfg *c, bool *differ)
{
	char rel[VFPROV_PATH_LEN];
	u64 v;
	u32 gt;
	int k, err;

	for (k = 0; k < VFPROV_THR_COUNT; k++) {
		for (gt = 0; gt < be->gts; gt++) {
			snprintf(rel, sizeof(rel), "vf%u/tile0/gt%u/%s", id, gt,
				 vfprov_xe_thr_file(k));
			err = vfprov_xe_dfs_u64(be, rel, &v);
			if (err)
				return err;
			if (!gt)
				c->threshold[k] = v;
			else if (v != c->threshold[k])
				*differ = true;
		}
		c->set |= VFPROV_SET_THRESHOLD(k);
	}
	return 0;
}

/* EQ/PT of sriov_admin/{pf,vfN}/profile; -EUCLEAN when GTs disagree. */
static int vfprov_xe_sched_read(struct vfprov_be *be, const char *fn,
				u32 *eq, u32 *pt)
{
	char rel[VFPROV_PATH_LEN];
	u64 v;
	int err;

	snprintf(rel, sizeof(rel), "%s/profile/exec_quantum_ms", fn);
	err = vfprov_xe_sysfs_u64(be, rel, &v);
	if (err)
		return err;
	*eq = v;
	snprintf(rel, sizeof(rel), "%s/profile/preempt_timeout_us", fn);
	err = vfprov_xe_sysfs_u64(be, rel, &v);
	if (err)
		return err;
	*pt = v;
	return 0;
}

static const char *const vfprov_xe_prio[] = {
	[VFPROV_SCHED_PRIORITY_LOW]	= "low",
	[VFPROV_SCHED_PRIORITY_NORMAL]	= "normal",
	[VFPROV_SCHED_PRIORITY_HIGH]	= "high",
};

/*
 * The PF's sched_priority, read as xe shows it ("[low] normal high"). It
 * is sriov_admin's (6.19): a PF without the file has no such cap.
 */
static int vfprov_xe_snap_prio(struct vfprov_be *be, struct vfprov_snap *s)
{
	char path[VFPROV_PATH_LEN], buf[VFPROV_VAL_LEN];
	int err, i;

	err = vfprov_xe_path(path, be->iov, "pf/profile/sched_priority");
	if (!err)
		err = vfprov_sysfs_read_in(&be->dir, path, buf, sizeof(buf));
	if (err == -ENOENT)
		return 0;
	if (!err)
		err = vfprov_choice_word(buf);
	if (err)
		return err;
	i = match_string(vfprov_xe_prio, ARRAY_SIZE(vfprov_xe_prio), buf);
	if (i < 0)
		return -EPROTO;
	s->cfg.sched_priority = i;
	s->cfg.set |= VFPROV_SET_SCHED_PRIORITY;
	s->pf_caps |= VFPROV_CAPS_SCHED_PRIORITY;
	return 0;
}

static int vfprov_xe_vf_cfg(struct vfprov_be *be, u32 id, bool dfs,
			    struct vfprov_vf_cfg *c, bool *differ)
{
	char fn[32];
	int err;

	memset(c, 0, sizeof(*c));
	c->set |= VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT;
	if (dfs) {
		err = vfprov_xe_vf_sched_gts(be, id, c);
		if (!err)
			err = vfprov_xe_vf_quotas(be, id, c);
		return err ?: vfprov_xe_vf_thresholds(be, id, c, differ);
	}
	snprintf(fn, sizeof(fn), "vf%u", id);
	err = vfprov_xe_sched_read(be, fn, &c->exec_quantum_ms,
				   &c->preempt_timeout_us);
	if (err)
		return err;
	if (!be->vram_admin)
		return 0;
	snprintf(fn, sizeof(fn), "vf%u/profile/vram_quota", id);
	err = vfprov_xe_sysfs_u64(be, fn, &c->quota[VFPROV_RES_LMEM]);
	if (!err)
		c->set |= VFPROV_SET_QUOTA(VFPROV_RES_LMEM);
	return err;
}

/* For queries: debugfs where it can be read, else scheduling only. */
static int vfprov_xe_vf_query(struct vfprov_be *be, u32 id,
			      struct vfprov_vf_cfg *c)
{
	bool differ;

	if (!be->iov[0])
		return 0;
	return vfprov_xe_vf_cfg(be, id, !vfprov_xe_dfs_probe(be), c, &differ);
}

/* "total:\t<bytes>" of xe's ggtt_available, "visible_avail: <MiB> MiB". */
static int vfprov_xe_text_u64(struct vfprov_be *be, const char *rel,
			      const char *key, u64 *v)
{
	char path[VFPROV_PATH_LEN], *buf, *p;
	int err;

	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = vfprov_xe_path(path, be->dfs, "%s", rel);
	if (!err)
		err = vfprov_debugfs_read(path, buf, PAGE_SIZE);
	p = err ? NULL : strstr(buf, key);
	if (!err)
		err = p && sscanf(p + strlen(key), "%llu", v) == 1 ? 0 : -EPROTO;
	kfree(buf);
	return err;
}

/* What is free of @r besides the VFs' quotas (not ABI: text files). */
static int vfprov_xe_free(struct vfprov_be *be, int r, u64 *free)
{
	int err;

	switch (r) {
	case VFPROV_RES_GGTT:
		return vfprov_xe_text_u64(be, "pf/tile0/ggtt_available",
					  "total:", free);
	case VFPROV_RES_LMEM:
		/* the TTM dump lives beside sriov/, in dri/<BDF>/tile0 */
		err = vfprov_xe_text_u64(be, "../tile0/vram_mm",
					 "visible_avail:", free);
		*free <<= 20;
		return err;
	case VFPROV_RES_CONTEXTS:
		*free = VFPROV_XE_CONTEXTS;
		return 0;
	default:
		*free = VFPROV_XE_DOORBELLS;
		return 0;
	}
}

/*
 * Whether every GT past gt0 holds @v0 in pf/tile0/gtN/@file; if one does
 * not, s->gts_differ is set (cfg has gt0's).
 */
static int vfprov_xe_gts_same(struct vfprov_be *be, struct vfprov_snap *s,
			      const char *file, u64 v0)
{
	char rel[VFPROV_PATH_LEN];
	u64 v;
	u32 gt;
	int err;

	for (gt = 1; gt < be->gts; gt++) {
		snprintf(rel, sizeof(rel), "pf/tile0/gt%u/%s", gt, file);
		err = vfprov_xe_dfs_u64(be, rel, &v);
		if (err)
			return err;
		if (v != v0)
			s->gts_differ = true;
	}
	return 0;
}

static int vfprov_xe_snap_res(struct vfprov_be *be, struct vfprov_snap *s,
			      int r)
{
	struct vfprov_res_caps *rc = &s->caps.res[r];
	struct vfprov_res_info *ri = &s->res[r];
	char rel[VFPROV_PATH_LEN];
	u64 held = 0, free;
	u32 i;
	int err;

	if (r == VFPROV_RES_LMEM && !be->dgpu)
		return 0;
	snprintf(rel, sizeof(rel), vfprov_xe_per_gt(r) ? "pf/tile0/gt0/%s" :
		 "pf/tile0/%s", vfprov_xe_spare[r]);
	err = vfprov_xe_dfs_u64(be, rel, &ri->spare);
	if (!err && vfprov_xe_per_gt(r))
		err = vfprov_xe_gts_same(be, s, vfprov_xe_spare[r], ri->spare);
	if (!err)
		err = vfprov_xe_free(be, r, &free);
	if (err)
		return err;
	for (i = 0; i < s->total_vfs; i++)
		held += s->cfg.vf[i].quota[r];
	/* contexts and doorbells are totals already, the others free */
	rc->pool = vfprov_xe_per_gt(r) ? free : free + held;
	ri->free = rc->pool - min(held, rc->pool);
	ri->granule = vfprov_xe_granule[r];
	ri->spare_min = vfprov_xe_spare_min[r];
	ri->max_quota = rc->pool;
	ri->vf_max = rc->pool;
	rc->present = true;
	rc->required = r != VFPROV_RES_DOORBELLS;
	/* the GGTT free text has the spare taken off, as i915's */
	if (r == VFPROV_RES_GGTT)
		rc->pool += ri->spare;
	rc->spare = ri->spare;
	rc->spare_min = ri->spare_min;
	rc->granule = ri->granule;
	if (r == VFPROV_RES_GGTT)
		rc->spare_granule = SZ_64K;
	s->cfg.spare[r] = ri->spare;
	s->cfg.set |= VFPROV_SET_SPARE(r);
	return 0;
}

/*
 * The mode: with VFs off, every config empty is AUTO (an AUTO disable
 * releases them all, an unbind too) and anything else CUSTOM; with VFs on
 * only what the last transaction left tells, and a PF no transaction
 * touched yet counts as CUSTOM (then nothing relies on xe provisioning by
 * itself).
 */
static u8 vfprov_xe_mode_off(const struct vfprov_be *be,
			     const struct vfprov_snap *s)
{
	u32 i;
	int r, k;

	for (i = 0; i < s->total_vfs; i++) {
		const struct vfprov_vf_cfg *c = &s->cfg.vf[i];

		for (r = 0; r < VFPROV_RES_COUNT; r++)
			if (c->quota[r] &&
			    !(r == VFPROV_RES_LMEM && be->vram_admin))
				return VFPROV_XE_MODE_CUSTOM;
		if (c->exec_quantum_ms || c->preempt_timeout_us)
			return VFPROV_XE_MODE_CUSTOM;
		for (k = 0; k < VFPROV_THR_COUNT; k++)
			if (c->threshold[k])
				return VFPROV_XE_MODE_CUSTOM;
	}
	return VFPROV_XE_MODE_AUTO;
}

/*
 * Transactions (under txn_lock) keep what they read with VFs off. A VRAM
 * quota alone does not tell CUSTOM where sriov_admin has vram_quota: that
 * write leaves the mode as it is (a VRAM-only config written to debugfs
 * is taken for AUTO too). Sysfs-only (lockdown, debugfs=off: both fixed
 * at boot), nothing but this backend wrote debugfs since boot, so the
 * mode with VFs on is AUTO unless it tracked CUSTOM; then the other
 * quotas are not read and only scheduling and VRAM tell with VFs off.
 */
static bool vfprov_xe_auto(struct vfprov_be *be, const struct vfprov_snap *s,
			   bool dfs)
{
	struct vfprov_pf *pf = be->pf;
	u8 mode;

	if (s->cfg.num_vfs && !dfs)
		return pf->xe_mode != VFPROV_XE_MODE_CUSTOM;
	if (s->cfg.num_vfs)
		return pf->xe_mode == VFPROV_XE_MODE_AUTO;
	mode = vfprov_xe_mode_off(be, s);
	if (!be->query)
		pf->xe_mode = mode;
	return mode == VFPROV_XE_MODE_AUTO;
}

/* Why a sysfs-only snapshot has no resources: said when one is set. */
static const char *vfprov_xe_dfs_why(int err)
{
	switch (err) {
	case -EPERM:
		return "xe debugfs is locked down (lockdown=integrity?): only sriov_admin scheduling (and VRAM from Linux 7.1) can be set";
	case -EOPNOTSUPP:
		return "xe debugfs needs a requesting process (this request has none): only sriov_admin scheduling (and VRAM from Linux 7.1) can be set";
	default:
		return "xe debugfs is absent (debugfs=off?): only sriov_admin scheduling (and VRAM from Linux 7.1) can be set";
	}
}

/*
 * Sysfs-only with sriov_admin's vram_quota (7.1, dGPU): VRAM can be set,
 * but its pool is only in debugfs (vram_mm). The planner takes explicit
 * quotas then (rc->no_pool), and xe's AUTO enable shares it otherwise.
 */
static void vfprov_xe_snap_vram_admin(struct vfprov_snap *s)
{
	struct vfprov_res_caps *rc = &s->caps.res[VFPROV_RES_LMEM];

	rc->present = true;
	rc->no_pool = true;
	rc->granule = vfprov_xe_granule[VFPROV_RES_LMEM];
	s->res[VFPROV_RES_LMEM].granule = rc->granule;
}

/* A PF policy of pf/tile0/gtK/@file, gt0's (every GT compared). */
static int vfprov_xe_snap_policy(struct vfprov_be *be, struct vfprov_snap *s,
				 const char *file, u32 bit, u32 *val)
{
	char rel[VFPROV_PATH_LEN];
	u64 v;
	int err;

	snprintf(rel, sizeof(rel), "pf/tile0/gt0/%s", file);
	err = vfprov_xe_dfs_u64(be, rel, &v);
	if (!err)
		err = vfprov_xe_gts_same(be, s, file, v);
	if (err)
		return err;
	*val = v;
	s->cfg.set |= bit;
	return 0;
}

/* Policies and thresholds are debugfs: there only with debugfs. */
static int vfprov_xe_snap_policies(struct vfprov_be *be, struct vfprov_snap *s)
{
	int err;

	err = vfprov_xe_snap_policy(be, s, "reset_engine",
				    VFPROV_SET_ENGINE_RESET,
				    &s->cfg.engine_reset);
	if (!err)
		err = vfprov_xe_snap_policy(be, s, "sample_period_ms",
					    VFPROV_SET_SAMPLE_PERIOD,
					    &s->cfg.sample_period_ms);
	if (!err)
		s->pf_caps |= VFPROV_CAPS_POLICIES | VFPROV_CAPS_THRESHOLDS |
			      VFPROV_CAPS_VF_CONTROL;
	return err;
}

static int vfprov_xe_snapshot(struct vfprov_be *be, struct vfprov_snap *s)
{
	bool dfs;
	u64 v;
	u32 i;
	int r, err;

	err = vfprov_pci_snapshot(be, s);
	if (err || !be->iov[0])
		return err;
	err = vfprov_xe_dfs_probe(be);
	dfs = !err;
	s->has_res = true;
	s->res_why = dfs ? NULL : vfprov_xe_dfs_why(err);
	s->caps_why = dfs ? "this xe has no such file" : s->res_why;
	/* sysfs-only, one value per VF: sriov_admin writes every GT */
	s->caps.gts = be->gts;
	if (vfprov_xe_dfs_has(be, "pf/tile0/gt0/adverse_events"))
		s->pf_caps |= VFPROV_CAPS_ADVERSE_EVENTS;
	if (dfs && be->gts > 1)
		s->pf_caps |= VFPROV_CAPS_PER_GT;
	err = vfprov_xe_sched_read(be, "pf", &s->cfg.exec_quantum_ms,
				   &s->cfg.preempt_timeout_us);
	if (err)
		return err;
	s->cfg.set |= VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT;
	err = vfprov_xe_snap_prio(be, s);
	if (err)
		return err;
	for (i = 0; i < s->total_vfs; i++) {
		err = vfprov_xe_vf_cfg(be, i + 1, dfs, &s->cfg.vf[i],
				       &s->gts_differ);
		if (err)
			return err;
	}
	for (r = 0; dfs && r < VFPROV_RES_COUNT; r++) {
		err = vfprov_xe_snap_res(be, s, r);
		if (err)
			return err;
	}
	if (!dfs && be->vram_admin)
		vfprov_xe_snap_vram_admin(s);
	if (dfs) {
		err = vfprov_xe_dfs_u64(be, "pf/tile0/gt0/sched_if_idle", &v);
		if (!err)
			err = vfprov_xe_gts_same(be, s, "sched_if_idle", v);
		if (err)
			return err;
		s->cfg.sched_if_idle = !!v;
		s->cfg.set |= VFPROV_SET_SCHED_IF_IDLE;
		err = vfprov_xe_snap_policies(be, s);
		if (err)
			return err;
	}
	s->auto_prov = vfprov_xe_auto(be, s, dfs);
	return 0;
}

static bool vfprov_xe_idle_flips(const struct vfprov_snap *cur,
				 const struct vfprov_pf_cfg *plan)
{
	return plan->set & VFPROV_SET_SCHED_IF_IDLE &&
	       plan->sched_if_idle != cur->cfg.sched_if_idle;
}

static bool vfprov_xe_thr_changes(const struct vfprov_snap *cur,
				  const struct vfprov_pf_cfg *plan, u32 i,
				  int k)
{
	return cur->cfg.vf[i].set & VFPROV_SET_THRESHOLD(k) &&
	       vfprov_plan_vf_thr(cur, plan, i, k) !=
	       cur->cfg.vf[i].threshold[k];
}

static bool vfprov_xe_policy_changes(const struct vfprov_snap *cur,
				     const struct vfprov_pf_cfg *plan, u32 bit)
{
	const struct vfprov_pf_cfg *c = &cur->cfg;

	if (!(plan->set & bit) || !(c->set & bit))
		return false;
	if (bit == VFPROV_SET_ENGINE_RESET)
		return plan->engine_reset != c->engine_reset;
	return plan->sample_period_ms != c->sample_period_ms;
}

/* Whether a threshold or policy changes (each a debugfs write). */
static bool vfprov_xe_policies_change(const struct vfprov_snap *cur,
				      const struct vfprov_pf_cfg *plan)
{
	u32 i;
	int k;

	for (i = 0; i < cur->total_vfs; i++)
		for (k = 0; k < VFPROV_THR_COUNT; k++)
			if (vfprov_xe_thr_changes(cur, plan, i, k))
				return true;
	return vfprov_xe_policy_changes(cur, plan, VFPROV_SET_ENGINE_RESET) ||
	       vfprov_xe_policy_changes(cur, plan, VFPROV_SET_SAMPLE_PERIOD);
}

/*
 * Whether VF @i's EQ/PT differ between GTs, live or planned: then they go
 * through debugfs, GT by GT (sriov_admin writes every GT one value, and
 * its undo would give gt1 gt0's old one).
 */
static bool vfprov_xe_sched_gts(const struct vfprov_snap *cur,
				const struct vfprov_pf_cfg *plan, u32 i)
{
	const u32 bits = VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT;
	u32 gt;

	if (!(cur->pf_caps & VFPROV_CAPS_PER_GT))
		return false;
	for (gt = 1; gt < VFPROV_GTS; gt++)
		if ((cur->cfg.vf[i].gt[gt].set |
		     (i < plan->num_vfs ? plan->vf[i].gt[gt].set : 0)) & bits)
			return true;
	return false;
}

/* Whether a VF's EQ/PT changes on a GT where it goes through debugfs. */
static bool vfprov_xe_sched_gts_change(const struct vfprov_snap *cur,
				       const struct vfprov_pf_cfg *plan)
{
	u32 i, gt;
	int eq;

	for (i = 0; i < cur->total_vfs; i++) {
		if (!vfprov_xe_sched_gts(cur, plan, i))
			continue;
		for (gt = 0; gt < cur->caps.gts; gt++)
			for (eq = 0; eq <= 1; eq++)
				if (vfprov_plan_gt_sched(cur, plan, i, gt, eq) !=
				    vfprov_gt_sched(&cur->cfg.vf[i], gt, eq))
					return true;
	}
	return false;
}

/*
 * Whether @plan writes any debugfs file: quotas or spares change,
 * sched_if_idle flips, a threshold or policy changes.
 */
static bool vfprov_xe_dfs_changes(const struct vfprov_snap *cur,
				  const struct vfprov_pf_cfg *plan)
{
	int r;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (!cur->caps.res[r].present || cur->caps.res[r].no_pool)
			continue;
		if (vfprov_plan_res_changes(cur, plan, r) ||
		    (plan->set & VFPROV_SET_SPARE(r) &&
		     plan->spare[r] != cur->cfg.spare[r]))
			return true;
	}
	return vfprov_xe_idle_flips(cur, plan) ||
	       vfprov_xe_policies_change(cur, plan) ||
	       vfprov_xe_sched_gts_change(cur, plan);
}

struct vfprov_xe_build {
	struct vfprov_be *be;
	const struct vfprov_snap *cur;
	struct vfprov_oplist *ops;
	bool marked;		/* the CUSTOM switch is journaled */
};

/*
 * The snapshot holds gt0's per-GT values; another GT's old value is that
 * one only when every GT agreed. Otherwise it is read at the write, and
 * the op counts as a change (an apply then evens the GTs out).
 */
static bool vfprov_xe_gt_known(const struct vfprov_xe_build *b, u32 gt)
{
	return !gt || !b->cur->gts_differ;
}

/*
 * A debugfs write of @val over @old (known: the snapshot's). The first
 * one of an AUTO PF is preceded by the MARK of the switch to CUSTOM.
 */
static int vfprov_xe_add_dfs(struct vfprov_xe_build *b, u8 step, u32 vf,
			     const char *attr, u64 val, bool known, u64 old,
			     const char *rel)
{
	struct vfprov_oplist *ops = b->ops;
	int err;

	if (!b->marked && b->cur->auto_prov == 1) {
		err = vfprov_op_add(ops, VFPROV_OP_MARK, step, 0,
				    "restore_auto_provisioning", "1",
				    "%s/restore_auto_provisioning",
				    b->be->dfs);
		if (err)
			return err;
		vfprov_op_debugfs(ops);
		b->marked = true;
	}
	err = vfprov_op_add_u64(ops, step, vf, attr, val, "%s/%s",
				b->be->dfs, rel);
	if (err)
		return err;
	vfprov_op_debugfs(ops);
	if (known)
		vfprov_op_old(ops, old);
	return 0;
}

/* @file of VF @vf (0: the PF) on GT @gt. */
static int vfprov_xe_add_gt(struct vfprov_xe_build *b, u8 step, u32 vf,
			    const char *file, u32 gt, u64 val, bool known,
			    u64 old)
{
	char rel[VFPROV_PATH_LEN];

	if (vf)
		snprintf(rel, sizeof(rel), "vf%u/tile0/gt%u/%s", vf, gt, file);
	else
		snprintf(rel, sizeof(rel), "pf/tile0/gt%u/%s", gt, file);
	return vfprov_xe_add_dfs(b, step, vf, file, val, known, old, rel);
}

/* @file of VF @vf (0: the PF) on every GT of the tile, one op each. */
static int vfprov_xe_add_gts(struct vfprov_xe_build *b, u8 step, u32 vf,
			     const char *file, u64 val, u64 old)
{
	u32 gt;
	int err;

	for (gt = 0; gt < b->be->gts; gt++) {
		err = vfprov_xe_add_gt(b, step, vf, file, gt, val,
				       vfprov_xe_gt_known(b, gt), old);
		if (err)
			return err;
	}
	return 0;
}

/*
 * VF @i's quota of @r: @plan's (NULL: 0, a release), over @changed ? 0
 * : what the VF holds. One op per GT for per-GT resources, each with the
 * GT's own value; none where a GT ends with 0 (or, released, holds 0).
 */
static int vfprov_xe_add_quota(struct vfprov_xe_build *b, u8 step, u32 i,
			       int r, const struct vfprov_pf_cfg *plan,
			       bool changed)
{
	const struct vfprov_vf_cfg *c = &b->cur->cfg.vf[i];
	const char *file = vfprov_xe_quota[r];
	char rel[VFPROV_PATH_LEN];
	u64 val, old;
	u32 gt;
	int err;

	for (gt = 0; gt < (vfprov_xe_per_gt(r) ? b->be->gts : 1); gt++) {
		val = plan ? vfprov_plan_gt_quota(b->cur, plan, i, r, gt) : 0;
		old = changed ? 0 : vfprov_gt_quota(c, gt, r);
		if (plan ? !val : !old)
			continue;
		if (vfprov_xe_per_gt(r)) {
			err = vfprov_xe_add_gt(b, step, i + 1, file, gt, val,
					       true, old);
		} else {
			snprintf(rel, sizeof(rel), "vf%u/tile0/%s", i + 1,
				 file);
			err = vfprov_xe_add_dfs(b, step, i + 1, file, val,
						true, old, rel);
		}
		if (err)
			return err;
	}
	return 0;
}

/*
 * sched_if_idle is a GT policy in debugfs, one op per GT. Sysfs-only, it
 * cannot be set: refused rather than left out of the list unseen.
 */
static int vfprov_xe_add_idle(struct vfprov_xe_build *b,
			      const struct vfprov_pf_cfg *plan)
{
	if (!(plan->set & VFPROV_SET_SCHED_IF_IDLE))
		return 0;
	if (b->cur->res_why)
		return -EOPNOTSUPP;
	return vfprov_xe_add_gts(b, VFPROV_STEP_SCHED, 0, "sched_if_idle",
				 plan->sched_if_idle,
				 b->cur->cfg.sched_if_idle);
}

/*
 * A threshold of VF @vf (@vf 0: a PF policy) on every GT. Written only
 * where it changes (or GTs disagree): each write switches xe to CUSTOM.
 */
static int vfprov_xe_add_per_gt(struct vfprov_xe_build *b, u8 step, u32 vf,
				const char *file, u64 val, u64 old)
{
	if (val == old && !b->cur->gts_differ)
		return 0;
	return vfprov_xe_add_gts(b, step, vf, file, val, old);
}

/*
 * Thresholds of every VF (0 beyond num_vfs), then the PF policies. xe
 * keeps a VF's thresholds at a CUSTOM disable and releases them at an
 * AUTO one, where none can be set (a threshold write makes CUSTOM).
 */
static int vfprov_xe_build_policies(struct vfprov_xe_build *b,
				    const struct vfprov_pf_cfg *plan)
{
	const struct vfprov_snap *cur = b->cur;
	const struct vfprov_pf_cfg *c = &cur->cfg;
	u32 i;
	int k, err = 0;

	if (!(cur->pf_caps & VFPROV_CAPS_THRESHOLDS))
		return 0;
	for (i = 0; !err && i < cur->total_vfs; i++)
		for (k = 0; !err && k < VFPROV_THR_COUNT; k++)
			err = vfprov_xe_add_per_gt(b, VFPROV_STEP_THRESHOLDS,
						   i + 1, vfprov_xe_thr_file(k),
						   vfprov_plan_vf_thr(cur, plan,
								      i, k),
						   c->vf[i].threshold[k]);
	if (!err && plan->set & VFPROV_SET_ENGINE_RESET)
		err = vfprov_xe_add_per_gt(b, VFPROV_STEP_POLICIES, 0,
					   "reset_engine", plan->engine_reset,
					   c->engine_reset);
	if (!err && plan->set & VFPROV_SET_SAMPLE_PERIOD)
		err = vfprov_xe_add_per_gt(b, VFPROV_STEP_POLICIES, 0,
					   "sample_period_ms",
					   plan->sample_period_ms,
					   c->sample_period_ms);
	return err;
}

static int vfprov_xe_add_spare(struct vfprov_xe_build *b, int r, u64 val)
{
	char rel[VFPROV_PATH_LEN];

	if (!vfprov_xe_per_gt(r)) {
		snprintf(rel, sizeof(rel), "pf/tile0/%s", vfprov_xe_spare[r]);
		return vfprov_xe_add_dfs(b, VFPROV_STEP_SPARES, 0,
					 vfprov_xe_spare[r], val, true,
					 b->cur->cfg.spare[r], rel);
	}
	return vfprov_xe_add_gts(b, VFPROV_STEP_SPARES, 0, vfprov_xe_spare[r],
				 val, b->cur->cfg.spare[r]);
}

/* Whether the disable of an apply releases VF @i's config (xe AUTO). */
static bool vfprov_xe_released(const struct vfprov_snap *cur, bool disable,
			       u32 i)
{
	return disable && cur->auto_prov == 1 && i < cur->cfg.num_vfs;
}

/* A resource set through debugfs (not VRAM through sriov_admin). */
static bool vfprov_xe_dfs_res(const struct vfprov_snap *cur, int r)
{
	return cur->caps.res[r].present && !cur->caps.res[r].no_pool;
}

/*
 * VRAM through sriov_admin (sysfs-only, 7.1), with the VFs off: each VF's
 * quota where it differs from what the VF holds by then (an AUTO disable
 * has released VF1..n: vfprov_xe_mark_released() put it in the journal).
 * A VF left without VRAM before an AUTO enable gets xe's fair share there
 * (no VF holds any then, the planner saw to that): that write is not read
 * back.
 */
static int vfprov_xe_build_vram_admin(struct vfprov_xe_build *b,
				      const struct vfprov_pf_cfg *plan,
				      bool disable)
{
	const struct vfprov_snap *cur = b->cur;
	bool aut = cur->auto_prov == 1;
	const int r = VFPROV_RES_LMEM;
	u64 held, want;
	u32 i;
	int err;

	if (!cur->caps.res[r].no_pool)
		return 0;
	for (i = 0; i < cur->total_vfs; i++) {
		held = vfprov_xe_released(cur, disable, i) ? 0 :
		       cur->cfg.vf[i].quota[r];
		want = i < plan->num_vfs ? plan->vf[i].quota[r] : 0;
		if (want == held)
			continue;
		err = vfprov_op_add_u64(b->ops, VFPROV_STEP_QUOTAS, i + 1,
					"vram_quota", want,
					"%s/vf%u/profile/vram_quota",
					b->be->iov, i + 1);
		if (err)
			return err;
		vfprov_op_old(b->ops, held);
		if (!want && aut && i < plan->num_vfs)
			vfprov_op_refilled(b->ops);
	}
	return 0;
}

/*
 * A MARK whose undo writes @val to sriov_admin/{pf,vf@vf}/profile/@attr
 * (@vf 0: the PF's); none for 0, which is what xe leaves there.
 */
static int vfprov_xe_mark_vf(struct vfprov_xe_build *b, u32 vf,
			     const char *attr, u64 val)
{
	char v[VFPROV_VAL_LEN];

	if (!val)
		return 0;
	snprintf(v, sizeof(v), "%llu", val);
	if (!vf)
		return vfprov_op_add(b->ops, VFPROV_OP_MARK, VFPROV_STEP_SCHED,
				     0, attr, v, "%s/pf/profile/%s",
				     b->be->iov, attr);
	return vfprov_op_add(b->ops, VFPROV_OP_MARK, VFPROV_STEP_QUOTAS, vf,
			     attr, v, "%s/vf%u/profile/%s", b->be->iov, vf,
			     attr);
}

/*
 * An AUTO disable releases everything of VF1..n, the VRAM set through
 * sriov_admin included, and the undo's enable gives back xe's fair
 * share, not that. Right after the disable, a MARK per VF puts it in the
 * journal: the undo writes it back with the VFs off, however far the
 * apply got (xe 7.1 keeps VRAM at an AUTO enable once a VF holds some).
 */
static int vfprov_xe_mark_released(struct vfprov_xe_build *b, bool disable)
{
	const struct vfprov_snap *cur = b->cur;
	u32 i;
	int err = 0;

	if (!cur->caps.res[VFPROV_RES_LMEM].no_pool)
		return 0;
	for (i = 0; !err && vfprov_xe_released(cur, disable, i); i++)
		err = vfprov_xe_mark_vf(b, i + 1, "vram_quota",
					cur->cfg.vf[i].quota[VFPROV_RES_LMEM]);
	return err;
}

/*
 * The scheduling that an AUTO disable and the undo's enable lose: the
 * disable releases VF1..n's EQ/PT, and xe after 7.1.5 fair-provisions
 * them at an AUTO enable and resets the PF's EQ, PT and priority. MARKs
 * before the disable put the values in the journal so that the undo
 * writes them after its enable (EQ/PT and priority may change while VFs
 * run); on 7.1 the PF's writes only repeat what is there.
 */
static int vfprov_xe_mark_sched(struct vfprov_xe_build *b, bool disable)
{
	const struct vfprov_snap *cur = b->cur;
	const struct vfprov_pf_cfg *c = &cur->cfg;
	u32 i;
	int err = 0;

	if (!disable || cur->auto_prov != 1)
		return 0;
	err = vfprov_xe_mark_vf(b, 0, "exec_quantum_ms", c->exec_quantum_ms);
	if (!err)
		err = vfprov_xe_mark_vf(b, 0, "preempt_timeout_us",
					c->preempt_timeout_us);
	if (!err && cur->pf_caps & VFPROV_CAPS_SCHED_PRIORITY &&
	    c->sched_priority != VFPROV_SCHED_PRIORITY_LOW)
		err = vfprov_op_add(b->ops, VFPROV_OP_MARK, VFPROV_STEP_SCHED,
				    0, "sched_priority",
				    vfprov_xe_prio[c->sched_priority],
				    "%s/pf/profile/sched_priority",
				    b->be->iov);
	for (i = 0; !err && vfprov_xe_released(cur, disable, i); i++) {
		err = vfprov_xe_mark_vf(b, i + 1, "exec_quantum_ms",
					c->vf[i].exec_quantum_ms);
		if (!err)
			err = vfprov_xe_mark_vf(b, i + 1, "preempt_timeout_us",
						c->vf[i].preempt_timeout_us);
	}
	return err;
}

/*
 * As for i915: xe places GGTT and GuC IDs in contiguous ranges, so when a
 * resource changes every VF's quota of it is released first, VFs in order,
 * and the new blocks are packed.
 */
static int vfprov_xe_build_quotas(struct vfprov_xe_build *b,
				  const struct vfprov_pf_cfg *plan,
				  const bool *changes)
{
	const struct vfprov_snap *cur = b->cur;
	u32 i;
	int r, err;

	for (i = 0; i < cur->total_vfs; i++) {
		for (r = 0; r < VFPROV_RES_COUNT; r++) {
			if (!vfprov_xe_dfs_res(cur, r) || !changes[r])
				continue;
			err = vfprov_xe_add_quota(b, VFPROV_STEP_RELEASE, i, r,
						  NULL, false);
			if (err)
				return err;
		}
	}
	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		if (!vfprov_xe_dfs_res(cur, r) ||
		    !(plan->set & VFPROV_SET_SPARE(r)))
			continue;
		err = vfprov_xe_add_spare(b, r, plan->spare[r]);
		if (err)
			return err;
	}
	for (i = 0; i < plan->num_vfs; i++) {
		for (r = 0; r < VFPROV_RES_COUNT; r++) {
			if (!vfprov_xe_dfs_res(cur, r))
				continue;
			err = vfprov_xe_add_quota(b, VFPROV_STEP_QUOTAS, i, r,
						  plan, changes[r]);
			if (err)
				return err;
		}
	}
	return 0;
}

/* sriov_admin/{pf,vfN}/profile/@attr: every GT at once (xe fans out). */
static int vfprov_xe_add_sched(struct vfprov_be *be,
			       struct vfprov_oplist *ops, u32 vf,
			       const char *attr, u64 val, u64 old)
{
	int err;

	if (vf)
		err = vfprov_op_add_u64(ops, VFPROV_STEP_SCHED, vf, attr, val,
					"%s/vf%u/profile/%s", be->iov, vf,
					attr);
	else
		err = vfprov_op_add_u64(ops, VFPROV_STEP_SCHED, 0, attr, val,
					"%s/pf/profile/%s", be->iov, attr);
	if (!err)
		vfprov_op_old(ops, old);
	return err;
}

/* VF @i's EQ (@eq) or PT in debugfs, on each GT where it changes. */
static int vfprov_xe_add_sched_gts(struct vfprov_xe_build *b,
				   const struct vfprov_pf_cfg *plan, u32 i,
				   bool eq)
{
	const struct vfprov_vf_cfg *c = &b->cur->cfg.vf[i];
	u32 gt, val, old;
	int err;

	for (gt = 0; gt < b->be->gts; gt++) {
		val = vfprov_plan_gt_sched(b->cur, plan, i, gt, eq);
		old = vfprov_gt_sched(c, gt, eq);
		if (val == old)
			continue;
		err = vfprov_xe_add_gt(b, VFPROV_STEP_SCHED, i + 1,
				       eq ? "exec_quantum_ms" :
				       "preempt_timeout_us", gt, val, true,
				       old);
		if (err)
			return err;
	}
	return 0;
}

/* VF @i's EQ/PT: through sriov_admin, or GT by GT where GTs differ. */
static int vfprov_xe_add_vf_sched(struct vfprov_xe_build *b,
				  const struct vfprov_pf_cfg *plan, u32 i)
{
	const struct vfprov_vf_cfg *c = &b->cur->cfg.vf[i];
	int err;

	if (vfprov_xe_sched_gts(b->cur, plan, i)) {
		err = vfprov_xe_add_sched_gts(b, plan, i, true);
		return err ?: vfprov_xe_add_sched_gts(b, plan, i, false);
	}
	err = vfprov_xe_add_sched(b->be, b->ops, i + 1, "exec_quantum_ms",
				  vfprov_plan_vf_sched(b->cur, plan, i, true),
				  c->exec_quantum_ms);
	return err ?: vfprov_xe_add_sched(b->be, b->ops, i + 1,
					  "preempt_timeout_us",
					  vfprov_plan_vf_sched(b->cur, plan,
							       i, false),
					  c->preempt_timeout_us);
}

static int vfprov_xe_build_sched(struct vfprov_xe_build *b,
				 const struct vfprov_pf_cfg *plan)
{
	const struct vfprov_snap *cur = b->cur;
	const struct vfprov_pf_cfg *c = &cur->cfg;
	struct vfprov_oplist *ops = b->ops;
	struct vfprov_be *be = b->be;
	u32 i;
	int err = 0;

	if (plan->set & VFPROV_SET_EXEC_QUANTUM)
		err = vfprov_xe_add_sched(be, ops, 0, "exec_quantum_ms",
					  plan->exec_quantum_ms,
					  c->exec_quantum_ms);
	if (!err && plan->set & VFPROV_SET_PREEMPT_TIMEOUT)
		err = vfprov_xe_add_sched(be, ops, 0, "preempt_timeout_us",
					  plan->preempt_timeout_us,
					  c->preempt_timeout_us);
	for (i = 0; !err && i < cur->total_vfs; i++)
		err = vfprov_xe_add_vf_sched(b, plan, i);
	/*
	 * The file shows a choice list. Its old word is the snapshot's unless
	 * sched_if_idle changes before it (xe resets cached priorities when
	 * that policy flips): then it is read at the write.
	 */
	if (!err && plan->set & VFPROV_SET_SCHED_PRIORITY &&
	    cur->pf_caps & VFPROV_CAPS_SCHED_PRIORITY) {
		err = vfprov_op_add(ops, VFPROV_OP_WRITE, VFPROV_STEP_SCHED, 0,
				    "sched_priority",
				    vfprov_xe_prio[plan->sched_priority],
				    "%s/pf/profile/sched_priority", be->iov);
		if (!err)
			vfprov_op_choice(ops);
		if (!err && !vfprov_xe_idle_flips(cur, plan))
			vfprov_op_old_word(ops,
					   vfprov_xe_prio[c->sched_priority]);
	}
	return err;
}

/*
 * A plan ending with no VFs and every config empty gives the PF back to
 * xe's AUTO mode, as a freshly bound PF is; the VFs are off by then.
 */
static int vfprov_xe_add_restore(struct vfprov_be *be,
				 const struct vfprov_snap *cur,
				 const struct vfprov_pf_cfg *plan,
				 struct vfprov_oplist *ops)
{
	int err;

	if (plan->num_vfs || cur->auto_prov == 1 || cur->res_why)
		return 0;
	err = vfprov_op_add(ops, VFPROV_OP_TRIGGER, VFPROV_STEP_QUOTAS, 0,
			    "restore_auto_provisioning", "1",
			    "%s/restore_auto_provisioning", be->dfs);
	if (!err)
		vfprov_op_debugfs(ops);
	return err;
}

static int vfprov_xe_build(struct vfprov_be *be,
			   const struct vfprov_snap *cur,
			   const struct vfprov_pf_cfg *plan,
			   struct vfprov_oplist *ops)
{
	struct vfprov_xe_build b = { .be = be, .cur = cur, .ops = ops };
	bool changes[VFPROV_RES_COUNT], any = false, disable;
	int r, err;

	for (r = 0; r < VFPROV_RES_COUNT; r++) {
		changes[r] = cur->caps.res[r].present &&
			     vfprov_plan_res_changes(cur, plan, r);
		any |= changes[r];
	}
	/*
	 * Quotas change with the VFs off (xe's GuC refuses VRAM of a running
	 * VF), and so does any debugfs write of an AUTO PF: its undo,
	 * restore_auto_provisioning, is refused while VFs are on.
	 */
	disable = cur->cfg.num_vfs &&
		  (plan->num_vfs != cur->cfg.num_vfs || any ||
		   (cur->auto_prov == 1 && vfprov_xe_dfs_changes(cur, plan)));
	err = vfprov_xe_mark_sched(&b, disable);
	if (!err)
		err = vfprov_pci_build_pre(be, cur, plan, disable, ops);
	if (!err)
		err = vfprov_xe_mark_released(&b, disable);
	if (!err)
		err = vfprov_xe_build_quotas(&b, plan, changes);
	if (!err)
		err = vfprov_xe_build_vram_admin(&b, plan, disable);
	if (!err)
		err = vfprov_xe_add_idle(&b, plan);
	if (!err)
		err = vfprov_xe_build_policies(&b, plan);
	if (!err)
		err = vfprov_xe_add_restore(be, cur, plan, ops);
	/*
	 * An AUTO enable of xe after 7.1.5 fair-provisions VF EQ/PT and
	 * resets the PF's scheduling: from AUTO, scheduling is written after
	 * the enable (its ops then read what they find at the write).
	 */
	if (!err && cur->auto_prov != 1)
		err = vfprov_xe_build_sched(&b, plan);
	if (!err)
		err = vfprov_pci_build_post(be, cur, plan, disable, ops);
	if (!err && cur->auto_prov == 1)
		err = vfprov_xe_build_sched(&b, plan);
	return err;
}

/*
 * The mode after the transaction: a committed MARK means CUSTOM, a
 * committed restore AUTO, any other debugfs config write CUSTOM. An undo
 * puts back what was (the MARK's undo is the restore); a failed undo
 * leaves it unknown, which counts as CUSTOM.
 */
static void vfprov_xe_finish(struct vfprov_be *be,
			     const struct vfprov_oplist *ops, bool applied,
			     int undo_err)
{
	struct vfprov_pf *pf = be->pf;
	unsigned int i;

	if (!applied) {
		if (undo_err)
			pf->xe_mode = VFPROV_XE_MODE_UNKNOWN;
		return;
	}
	for (i = 0; i < ops->n; i++) {
		const struct vfprov_op *op = &ops->op[i];

		if (!op->journaled || op->fs != VFPROV_FS_DEBUGFS)
			continue;
		pf->xe_mode = op->kind == VFPROV_OP_TRIGGER ?
			      VFPROV_XE_MODE_AUTO : VFPROV_XE_MODE_CUSTOM;
	}
}

/*
 * xe of 6.17 and 6.18 had a PF debugfs tree (gt0/ or tile0/gt0/) but no
 * sriov_admin; xe of any version has none without PF mode.
 */
static int vfprov_xe_may_change(struct vfprov_be *be, const char **why)
{
	if (be->iov[0])
		return 0;
	*why = "xe without sriov_admin: Linux 6.19 or later needed (the 6.17/6.18 layouts are not supported), or SR-IOV is off (xe.max_vfs=0)";
	return -EOPNOTSUPP;
}

/*
 * VF run control: stop through sriov_admin/vfN/stop (stable ABI, so also
 * sysfs-only; only an FLR revives the VF), pause and resume through
 * debugfs sriov/vfN/{pause,resume}. None is a config write: the mode
 * stays. xe has no clear.
 */
static int vfprov_xe_vf_control(struct vfprov_be *be, u32 vf, u32 action,
				const char **why)
{
	if (!be->iov[0]) {
		*why = "xe without sriov_admin: only flr";
		return -EOPNOTSUPP;
	}
	switch (action) {
	case VFPROV_VF_ACTION_STOP:
		return 0;
	case VFPROV_VF_ACTION_PAUSE:
	case VFPROV_VF_ACTION_RESUME:
		if (!vfprov_xe_dfs_probe(be))
			return 0;
		*why = "pause and resume are xe debugfs files, out of reach here (locked down or absent): stop and flr work";
		return -EOPNOTSUPP;
	default:
		*why = "xe has no clear: an apply or a reset releases a VF's config";
		return -EOPNOTSUPP;
	}
}

static int vfprov_xe_vf_act(struct vfprov_be *be, u32 vf, u32 action,
			    const char *word)
{
	char path[VFPROV_PATH_LEN];
	int err;

	if (action == VFPROV_VF_ACTION_STOP) {
		err = vfprov_xe_path(path, be->iov, "vf%u/stop", vf);
		return err ?: vfprov_sysfs_write_in(&be->dir, path, "1");
	}
	err = vfprov_xe_path(path, be->dfs, "vf%u/%s", vf, word);
	return err ?: vfprov_debugfs_attr_write(path, "1");
}

/* 63 VFs of seven "name:4294967295 " words each */
#define VFPROV_XE_EVENTS_BUF	SZ_16K

/*
 * xe's adverse-event counters (xe_gt_sriov_pf_monitor_print_events()):
 * pf/tile0/gtK/adverse_events, a line per VF with any event, the kinds
 * named as xe's threshold files are (without threshold_), summed over the
 * GTs. The files are 0444 seq_files: readable under lockdown, and from the
 * health poller, which has no address space to pass values through.
 * Cleared by a VF FLR, as i915's are.
 */
static int vfprov_xe_adverse(struct vfprov_be *be,
			     struct vfprov_adverse_counts *c)
{
	const char *names[VFPROV_ADVERSE_KINDS];
	char path[VFPROV_PATH_LEN], *buf;
	int k, err = 0;
	u32 gt;

	if (!be->dfs[0])
		return -ENODEV;
	for (k = 0; k < VFPROV_ADVERSE_KINDS; k++)
		names[k] = vfprov_xe_thr_file(k) + strlen("threshold_");
	buf = kmalloc(VFPROV_XE_EVENTS_BUF, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	for (gt = 0; !err && gt < be->gts; gt++) {
		err = vfprov_xe_path(path, be->dfs,
				     "pf/tile0/gt%u/adverse_events", gt);
		if (!err)
			err = vfprov_debugfs_read(path, buf,
						  VFPROV_XE_EVENTS_BUF);
		if (!err)
			vfprov_health_parse(buf, names, c);
	}
	kfree(buf);
	return err ? -ENODEV : 0;
}

const struct vfprov_backend_ops vfprov_backend_xe = {
	.name		= "xe",
	.id		= VFPROV_BACKEND_XE,
	.probe		= vfprov_xe_probe,
	.vf_drivers	= BIT(VFPROV_VF_DRIVER_XE_VFIO_PCI),
	.may_change	= vfprov_xe_may_change,
	.snapshot	= vfprov_xe_snapshot,
	.build		= vfprov_xe_build,
	.finish		= vfprov_xe_finish,
	.vf_cfg		= vfprov_xe_vf_query,
	.vf_control	= vfprov_xe_vf_control,
	.vf_act		= vfprov_xe_vf_act,
	.adverse	= vfprov_xe_adverse,
};
