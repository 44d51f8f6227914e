// SPDX-License-Identifier: GPL-2.0
/*
 * xe_sim's provisioning model: GGTT and VRAM per tile, GuC contexts and
 * doorbells per GT, scheduling per GT, the AUTO/CUSTOM modes, fair
 * provisioning and the release rules (XE_SRIOV_ABI.md, "Resources" and
 * "Modes and life cycle").  Every function here runs under sim->lock.
 */
#include <linux/log2.h>
#include <linux/minmax.h>

#include "xe_sim.h"

void xs_model_init(struct xe_sim *sim)
{
	unsigned int i;

	sim->mode = XS_MODE_AUTO;
	sim->ggtt_spare = XS_GGTT_MIN_SPARE;
	sim->vram_spare = xs_has_vram(sim) ? XS_VRAM_MIN_SPARE : 0;
	sim->vram_free = sim->plat->vram - sim->plat->vram_pf_used;
	for (i = 0; i < sim->num_gts; i++) {
		sim->gt[i].sim = sim;
		sim->gt[i].id = i;
		sim->gt[i].ctx_spare = XS_CTXS_MIN_SPARE;
		sim->gt[i].db_spare = XS_DBS_MIN_SPARE;
	}
}

/* ---- ID ranges (contexts, doorbells): highest IDs first ---- */

static bool xs_range_busy(struct xs_gt *gt, bool ctx, u32 begin, u32 num)
{
	unsigned int v;

	for (v = 1; v <= gt->sim->totalvfs; v++) {
		const struct xs_gt_cfg *c = &gt->cfg[v];
		u32 b = ctx ? c->ctx_begin : c->db_begin;
		u32 n = ctx ? c->ctx_num : c->db_num;

		if (n && begin < b + n && b < begin + num)
			return true;
	}
	return false;
}

/* the highest free run of NUM IDs below TOTAL, or -ENOSPC */
static int xs_find_run(struct xs_gt *gt, bool ctx, u32 total, u32 num,
		       u32 *begin)
{
	u32 b;

	for (b = total - num + 1; b-- > 0;) {
		if (!xs_range_busy(gt, ctx, b, num)) {
			*begin = b;
			return 0;
		}
	}
	return -ENOSPC;
}

u32 xs_ctxs_used(struct xs_gt *gt)
{
	u32 used = 0;
	unsigned int v;

	for (v = 1; v <= gt->sim->totalvfs; v++)
		used += gt->cfg[v].ctx_num;
	return used;
}

u32 xs_dbs_used(struct xs_gt *gt)
{
	u32 used = 0;
	unsigned int v;

	for (v = 1; v <= gt->sim->totalvfs; v++)
		used += gt->cfg[v].db_num;
	return used;
}

/*
 * A resize pushes 0 first and frees, then reserves and pushes the new
 * value: a failure after the first push leaves 0, as xe does.
 */
int xs_set_ctxs(struct xs_gt *gt, unsigned int vfid, u64 num)
{
	struct xs_gt_cfg *c = &gt->cfg[vfid];
	u32 begin;
	int err;

	if (num > XS_CTXS_TOTAL)
		return -EINVAL;
	if (c->ctx_num) {
		err = xs_guc_push(gt, vfid, "ctxs");
		if (err)
			return err;
		c->ctx_num = 0;
	}
	if (!num)
		return 0;
	if (xs_ctxs_used(gt) + num + gt->ctx_spare > XS_CTXS_TOTAL)
		return -EDQUOT;
	err = xs_find_run(gt, true, XS_CTXS_TOTAL, num, &begin);
	if (err)
		return err;
	c->ctx_begin = begin;
	c->ctx_num = num;
	err = xs_guc_push(gt, vfid, "ctxs");
	if (err)
		c->ctx_num = 0;
	return err;
}

int xs_set_dbs(struct xs_gt *gt, unsigned int vfid, u64 num)
{
	struct xs_gt_cfg *c = &gt->cfg[vfid];
	u32 begin;
	int err;

	if (num > XS_DBS_TOTAL)
		return -EINVAL;
	if (c->db_num) {
		err = xs_guc_push(gt, vfid, "dbs");
		if (err)
			return err;
		c->db_num = 0;
	}
	if (!num)
		return 0;
	if (xs_dbs_used(gt) + num + gt->db_spare > XS_DBS_TOTAL)
		return -EDQUOT;
	err = xs_find_run(gt, false, XS_DBS_TOTAL, num, &begin);
	if (err)
		return err;
	c->db_begin = begin;
	c->db_num = num;
	err = xs_guc_push(gt, vfid, "dbs");
	if (err)
		c->db_num = 0;
	return err;
}

int xs_set_ctx_spare(struct xs_gt *gt, u64 num)
{
	if (!num)
		num = XS_CTXS_MIN_SPARE;
	if (num < XS_CTXS_MIN_SPARE || num > XS_CTXS_TOTAL)
		return -EINVAL;
	if (xs_ctxs_used(gt) + num > XS_CTXS_TOTAL)
		return -EDQUOT;
	gt->ctx_spare = num;
	return 0;
}

int xs_set_db_spare(struct xs_gt *gt, u64 num)
{
	if (num > XS_DBS_TOTAL)
		return -EINVAL;
	if (xs_dbs_used(gt) + num > XS_DBS_TOTAL)
		return -EDQUOT;
	gt->db_spare = num;
	return 0;
}

/* ---- GGTT: one address space per tile, VFs placed top-down ---- */

static u64 xs_ggtt_lo(void)
{
	return XS_GGTT_BASE + XS_GGTT_PF_USED;
}

/* the lowest VF range starting at or above ADDR, or NULL */
static const struct xs_tile_cfg *xs_ggtt_next(struct xe_sim *sim, u64 addr)
{
	const struct xs_tile_cfg *best = NULL;
	unsigned int v;

	for (v = 1; v <= sim->totalvfs; v++) {
		const struct xs_tile_cfg *t = &sim->tile[v];

		if (t->ggtt_size && t->ggtt_start >= addr &&
		    (!best || t->ggtt_start < best->ggtt_start))
			best = t;
	}
	return best;
}

/*
 * Walk the holes bottom-up; FN is called for each [start, end).  Returns
 * the sum of the holes.
 */
u64 xs_ggtt_walk(struct xe_sim *sim,
		 void (*fn)(void *arg, u64 start, u64 end), void *arg)
{
	const struct xs_tile_cfg *t;
	u64 addr = xs_ggtt_lo(), sum = 0;

	while ((t = xs_ggtt_next(sim, addr))) {
		if (t->ggtt_start > addr) {
			sum += t->ggtt_start - addr;
			if (fn)
				fn(arg, addr, t->ggtt_start);
		}
		addr = t->ggtt_start + t->ggtt_size;
	}
	if (addr < XS_GGTT_TOP) {
		sum += XS_GGTT_TOP - addr;
		if (fn)
			fn(arg, addr, XS_GGTT_TOP);
	}
	return sum;
}

struct xs_hole_pick {
	u64 size, align;
	u64 largest;
	u64 start;	/* the top-most fit */
	bool found;
};

static void xs_hole_visit(void *arg, u64 start, u64 end)
{
	struct xs_hole_pick *p = arg;
	u64 top = ALIGN_DOWN(end, p->align);

	p->largest = max(p->largest, end - start);
	if (p->size && top >= start + p->size) {
		p->start = top - p->size;
		p->found = true;
	}
}

u64 xs_ggtt_available(struct xe_sim *sim, u64 *largest)
{
	struct xs_hole_pick p = { .align = sim->plat->ggtt_align };
	u64 sum = xs_ggtt_walk(sim, xs_hole_visit, &p);

	if (largest)
		*largest = p.largest;
	return sum;
}

int xs_set_ggtt(struct xe_sim *sim, unsigned int vfid, u64 size)
{
	struct xs_tile_cfg *t = &sim->tile[vfid];
	struct xs_hole_pick p = { .align = sim->plat->ggtt_align };
	int err;

	size = round_up(size, sim->plat->ggtt_align);
	if (size > XS_GGTT_TOP)
		return -EINVAL;
	if (t->ggtt_size) {
		err = xs_guc_push(&sim->gt[0], vfid, "ggtt");
		if (err)
			return err;
		t->ggtt_size = 0;
	}
	if (!size)
		return 0;
	p.size = size;
	xs_ggtt_walk(sim, xs_hole_visit, &p);
	if (!p.found)
		return -ENOSPC;
	t->ggtt_start = p.start;
	t->ggtt_size = size;
	err = xs_guc_push(&sim->gt[0], vfid, "ggtt");
	if (err)
		t->ggtt_size = 0;
	return err;
}

int xs_set_ggtt_spare(struct xe_sim *sim, u64 size)
{
	if (!size)
		size = XS_GGTT_MIN_SPARE;
	if (size < XS_GGTT_MIN_SPARE)
		return -EINVAL;
	sim->ggtt_spare = round_up(size, sim->plat->ggtt_align);
	return 0;
}

/* ---- VRAM: a byte budget per tile, need not be contiguous ---- */

u64 xs_vram_used(struct xe_sim *sim)
{
	u64 used = 0;
	unsigned int v;

	for (v = 1; v <= sim->totalvfs; v++)
		used += sim->tile[v].vram;
	return used;
}

int xs_set_vram(struct xe_sim *sim, unsigned int vfid, u64 size)
{
	struct xs_tile_cfg *t = &sim->tile[vfid];
	int err;

	if (!xs_has_vram(sim))
		return -EPERM;		/* no LMTT */
	size = round_up(size, XS_VRAM_GRAN);	/* x tiles (1) */
	if (t->vram) {
		err = xs_guc_push(&sim->gt[0], vfid, "vram");
		if (err)
			return err;
		sim->vram_free += t->vram;
		t->vram = 0;
	}
	if (!size)
		return 0;
	if (size > sim->vram_free)
		return -ENOSPC;
	t->vram = size;
	sim->vram_free -= size;
	err = xs_guc_push(&sim->gt[0], vfid, "vram");
	if (err) {
		sim->vram_free += size;
		t->vram = 0;
	}
	return err;
}

int xs_set_vram_spare(struct xe_sim *sim, u64 size)
{
	if (!xs_has_vram(sim))
		return -EPERM;
	if (!size)
		size = XS_VRAM_MIN_SPARE;
	if (size < XS_VRAM_MIN_SPARE)
		return -EINVAL;
	sim->vram_spare = round_up(size, XS_VRAM_GRAN);
	return 0;
}

/* ---- scheduling ---- */

int xs_set_eq(struct xs_gt *gt, unsigned int vfid, u32 val)
{
	u32 old = gt->cfg[vfid].eq;
	int err;

	gt->cfg[vfid].eq = min_t(u32, val, XS_EQ_MAX);
	err = xs_guc_push(gt, vfid, "eq");
	if (err)
		gt->cfg[vfid].eq = old;
	return err;
}

int xs_set_pt(struct xs_gt *gt, unsigned int vfid, u32 val)
{
	u32 old = gt->cfg[vfid].pt;
	int err;

	gt->cfg[vfid].pt = min_t(u32, val, XS_PT_MAX);
	err = xs_guc_push(gt, vfid, "pt");
	if (err)
		gt->cfg[vfid].pt = old;
	return err;
}

int xs_set_prio(struct xs_gt *gt, unsigned int vfid, u32 prio)
{
	int err;

	if (prio >= XS_PRIO_NUM)
		return -EINVAL;
	if (prio == XS_PRIO_HIGH && vfid != XS_PFID)
		return -EPERM;
	err = xs_guc_push(gt, vfid, "prio");
	if (!err)
		gt->cfg[vfid].prio = prio;
	return err;
}

int xs_set_thr(struct xs_gt *gt, unsigned int vfid, unsigned int thr,
	       u32 val)
{
	int err = xs_guc_push(gt, vfid, "threshold");

	if (!err)
		gt->cfg[vfid].thr[thr] = val;
	return err;
}

/*
 * The sched_if_idle policy also resets the cached priority of every
 * function to the matching one; xe's loop runs n < totalvfs from the PF,
 * so the last VF keeps its old value.
 */
int xs_set_sched_if_idle(struct xs_gt *gt, bool on)
{
	unsigned int n;
	int err = xs_guc_push(gt, XS_PFID, "sched_if_idle");

	if (err)
		return err;
	gt->sched_if_idle = on;
	for (n = 0; n < gt->sim->totalvfs; n++)
		gt->cfg[n].prio = on ? XS_PRIO_NORMAL : XS_PRIO_LOW;
	return 0;
}

/* ---- release and fair provisioning ---- */

/* everything a VF holds, on every GT and the tile, with EQ/PT */
void xs_release_vf(struct xe_sim *sim, unsigned int vfid)
{
	unsigned int i;

	for (i = 0; i < sim->num_gts; i++) {
		u8 prio = sim->gt[i].cfg[vfid].prio;

		memset(&sim->gt[i].cfg[vfid], 0, sizeof(struct xs_gt_cfg));
		sim->gt[i].cfg[vfid].prio = prio;	/* a policy, kept */
	}
	sim->vram_free += sim->tile[vfid].vram;
	memset(&sim->tile[vfid], 0, sizeof(struct xs_tile_cfg));
}

static bool xs_vf_empty(struct xe_sim *sim, unsigned int vfid)
{
	unsigned int i;

	if (sim->tile[vfid].ggtt_size || sim->tile[vfid].vram)
		return false;
	for (i = 0; i < sim->num_gts; i++) {
		const struct xs_gt_cfg *c = &sim->gt[i].cfg[vfid];

		if (c->ctx_num || c->db_num || c->eq || c->pt)
			return false;
	}
	return true;
}

static u64 xs_pow2_floor(u64 v)
{
	return v ? rounddown_pow_of_two(v) : 0;
}

u64 xs_fair_ggtt(struct xe_sim *sim, unsigned int n)
{
	u64 align = sim->plat->ggtt_align, largest, est;

	xs_ggtt_available(sim, &largest);
	est = largest > sim->ggtt_spare ? largest - sim->ggtt_spare : 0;
	est = ALIGN_DOWN(div_u64(est, n), align);
	return min(est, ALIGN_DOWN(xs_pow2_floor(div_u64(XS_GGTT_SHAREABLE, n)),
				   align));
}

u32 xs_fair_ctxs(struct xs_gt *gt, unsigned int n)
{
	u32 used = xs_ctxs_used(gt) + gt->ctx_spare;
	u32 est = used < XS_CTXS_TOTAL ? (XS_CTXS_TOTAL - used) / n : 0;

	return min_t(u32, est, xs_pow2_floor(XS_CTXS_TOTAL / n));
}

u32 xs_fair_dbs(struct xs_gt *gt, unsigned int n)
{
	u32 used = xs_dbs_used(gt) + gt->db_spare;
	u32 est = used < XS_DBS_TOTAL ? (XS_DBS_TOTAL - used) / n : 0;

	return min_t(u32, est, xs_pow2_floor(XS_DBS_TOTAL / (n + 1)));
}

u64 xs_fair_vram(struct xe_sim *sim, unsigned int n)
{
	u64 usable = sim->plat->vram - sim->plat->vram_pf_used;
	u64 est = sim->vram_free > sim->vram_spare ?
		  sim->vram_free - sim->vram_spare : 0;
	u64 prof = usable > SZ_128M ? ALIGN_DOWN(usable - SZ_128M, SZ_1G) : 0;

	est = ALIGN_DOWN(div_u64(est, n), XS_VRAM_GRAN);
	return min(est, xs_pow2_floor(div_u64(prof, n + 1)));
}

static bool xs_any_vram(struct xe_sim *sim)
{
	unsigned int v;

	for (v = 1; v <= sim->totalvfs; v++)
		if (sim->tile[v].vram)
			return true;
	return false;
}

/* xe_gt_sriov_pf_config_set_fair() on every GT and the tile */
static int xs_fair_all(struct xe_sim *sim, unsigned int n)
{
	bool do_vram = xs_has_vram(sim) &&
		       !(sim->kver >= XS_K71 && xs_any_vram(sim));
	u64 ggtt = xs_fair_ggtt(sim, n), vram = 0;
	unsigned int v, i;
	int err = 0;

	if (do_vram)
		vram = xs_fair_vram(sim, n);
	if (!ggtt || (do_vram && !vram))
		return -ENOSPC;
	for (v = 1; v <= n && !err; v++)
		err = xs_set_ggtt(sim, v, ggtt);
	for (i = 0; i < sim->num_gts && !err; i++) {
		struct xs_gt *gt = &sim->gt[i];
		u32 ctxs = xs_fair_ctxs(gt, n), dbs = xs_fair_dbs(gt, n);

		for (v = 1; v <= n && !err; v++)
			err = xs_set_ctxs(gt, v, ctxs);
		for (v = 1; v <= n && !err; v++)
			err = xs_set_dbs(gt, v, dbs);
		/* 7.2 (unconfirmed): EQ/PT fair (GuC defaults), PF reset */
		for (v = 1; v <= n && !err && sim->kver >= XS_K72; v++)
			err = xs_set_eq(gt, v, 0) ?: xs_set_pt(gt, v, 0);
		if (!err && sim->kver >= XS_K72)
			err = xs_set_eq(gt, XS_PFID, 0) ?:
			      xs_set_pt(gt, XS_PFID, 0) ?:
			      xs_set_prio(gt, XS_PFID, XS_PRIO_LOW);
	}
	for (v = 1; v <= n && !err && do_vram; v++)
		err = xs_set_vram(sim, v, vram);
	return err;
}

/*
 * The provisioning step of an enable.  CUSTOM: nothing is provisioned or
 * checked, an incomplete VF comes up.  AUTO: 6.19/7.0 refuse any VF
 * config that is not empty (EUCLEAN); then fair provisioning, undone on
 * failure.
 */
int xs_enable_prepare(struct xe_sim *sim, unsigned int num_vfs)
{
	unsigned int v;
	int err;

	if (sim->mode == XS_MODE_CUSTOM)
		return 0;
	if (sim->kver <= XS_K70) {
		for (v = 1; v <= num_vfs; v++)
			if (!xs_vf_empty(sim, v))
				return -EUCLEAN;
	}
	err = xs_fair_all(sim, num_vfs);
	if (err)
		xs_disable_release(sim, num_vfs);
	return err;
}

/* AUTO releases VF1..n with EQ/PT at disable; CUSTOM keeps everything */
void xs_disable_release(struct xe_sim *sim, unsigned int num_vfs)
{
	unsigned int v;

	if (sim->mode == XS_MODE_CUSTOM)
		return;
	for (v = 1; v <= num_vfs; v++)
		xs_release_vf(sim, v);
}
