// SPDX-License-Identifier: GPL-2.0
/*
 * atsm_sim resource model: the provisioning rules of one GT, following
 * the i915 backports (gt/iov/intel_iov_provisioning.c) including their
 * sharp edges:
 *  - a resize frees the old allocation before trying the new one, so a
 *    failed resize leaves the VF with nothing;
 *  - a successful VF resource write (or a non-zero VF scheduling or
 *    threshold value) switches device-wide auto-provisioning off;
 *  - "free" and "max_quota" are computed exactly as i915 computes them
 *    (e.g. doorbell max ignores the doorbell spare, LMEM free ignores the
 *    LMEM spare).
 * GGTT, contexts and doorbells are bitmaps, so holes and fragmentation are
 * real; LMEM is a byte counter like i915's gt->lmem->avail.
 *
 * All functions expect the caller to hold sim->lock.
 */
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/slab.h>

#include "atsm_sim.h"

/* Walk the clear runs [rs, re) of a bitmap, starting at *pos. */
static bool sim_next_hole(const unsigned long *map, unsigned long nbits,
			  unsigned long *pos, unsigned long *rs,
			  unsigned long *re)
{
	*rs = find_next_zero_bit(map, nbits, *pos);
	if (*rs >= nbits)
		return false;
	*re = find_next_bit(map, nbits, *rs);
	*pos = *re;
	return true;
}

/* i915's check_round_up_overflow() */
static bool sim_round_up_overflows(u64 size, u64 align, u64 *out)
{
	u64 sum = size + (align - 1);

	if (sum < size)
		return true;
	*out = sum & ~(align - 1);
	return false;
}

void sim_mark_manual(struct atsm_sim *sim)
{
	sim->auto_off = true;
}

/* i915_sriov_pf_set_auto_provisioning(): enable only over empty configs */
int sim_set_auto_provisioning(struct atsm_sim *sim, bool enable)
{
	unsigned int i;

	if (enable == !sim->auto_off)
		return 0;
	if (enable) {
		for (i = 0; i < sim->num_gts; i++)
			if (sim_verify(&sim->gt[i], sim->totalvfs) != -ENODATA)
				return -ESTALE;
	}
	sim->auto_off = !enable;
	return 0;
}

/* ---- GGTT ---------------------------------------------------------- */

u64 sim_get_spare_ggtt(struct sim_gt *gt)
{
	return max_t(u64, gt->spare_ggtt, SIM_GGTT_MIN_SPARE);
}

int sim_set_spare_ggtt(struct sim_gt *gt, u64 size)
{
	if (size && size < SIM_GGTT_MIN_SPARE)
		return -EINVAL;
	if (sim_round_up_overflows(size, SIM_GGTT_ALIGN, &size))
		size = U64_MAX;
	gt->spare_ggtt = size;
	return 0;
}

u64 sim_free_ggtt(struct sim_gt *gt)
{
	unsigned long pos = 0, rs, re;
	u64 spare = sim_get_spare_ggtt(gt);
	u64 free = 0;

	while (sim_next_hole(gt->ggtt_map, SIM_GGTT_BITS, &pos, &rs, &re))
		free += (u64)(re - rs) * SIM_GGTT_ALIGN;
	return free > spare ? free - spare : 0;
}

/* i915 pf_get_max_ggtt(): largest hole, spare taken from smaller holes */
u64 sim_max_ggtt(struct sim_gt *gt)
{
	unsigned long pos = 0, rs, re;
	u64 spare = sim_get_spare_ggtt(gt);
	u64 max_hole = 0, size;

	while (sim_next_hole(gt->ggtt_map, SIM_GGTT_BITS, &pos, &rs, &re)) {
		size = (u64)(re - rs) * SIM_GGTT_ALIGN;
		spare -= min3(spare, size, max_hole);
		max_hole = max(max_hole, size);
	}
	return max_hole > spare ? max_hole - spare : 0;
}

static void sim_ggtt_release(struct sim_gt *gt, struct sim_cfg *cfg)
{
	if (!cfg->ggtt_size)
		return;
	bitmap_clear(gt->ggtt_map, cfg->ggtt_start / SIM_GGTT_ALIGN,
		     cfg->ggtt_size / SIM_GGTT_ALIGN);
	cfg->ggtt_start = 0;
	cfg->ggtt_size = 0;
}

/* drm_mm insertion with PIN_HIGH: top of the highest hole that fits */
static int sim_ggtt_insert(struct sim_gt *gt, struct sim_cfg *cfg, u64 size)
{
	unsigned long n = size / SIM_GGTT_ALIGN;
	unsigned long pos = 0, rs, re, at = ULONG_MAX;

	while (sim_next_hole(gt->ggtt_map, SIM_GGTT_BITS, &pos, &rs, &re))
		if (re - rs >= n)
			at = re - n;
	if (at == ULONG_MAX)
		return -ENOSPC;
	bitmap_set(gt->ggtt_map, at, n);
	cfg->ggtt_start = (u64)at * SIM_GGTT_ALIGN;
	cfg->ggtt_size = size;
	return 0;
}

static int sim_provision_ggtt(struct sim_gt *gt, unsigned int id, u64 size)
{
	struct sim_cfg *cfg = &gt->cfg[id];

	if (sim_round_up_overflows(size, SIM_GGTT_ALIGN, &size))
		return -EOVERFLOW;
	if (cfg->ggtt_size) {
		if (size == cfg->ggtt_size)
			return 0;
		/* i915 releases the old node before looking for a new one */
		sim_ggtt_release(gt, cfg);
	}
	if (!size)
		return 0;
	if (size > SIM_GGTT_TOTAL)
		return -E2BIG;
	if (size > sim_max_ggtt(gt))
		return -EDQUOT;
	return sim_ggtt_insert(gt, cfg, size);
}

int sim_set_ggtt(struct sim_gt *gt, unsigned int id, u64 size)
{
	bool reprovisioning = gt->cfg[id].ggtt_size || size;
	int err = sim_provision_ggtt(gt, id, size);

	if (!err && reprovisioning)
		sim_mark_manual(gt->sim);
	return err;
}

/* ---- LMEM ---------------------------------------------------------- */

u64 sim_get_spare_lmem(struct sim_gt *gt)
{
	return max_t(u64, gt->spare_lmem, SIM_LMEM_MIN_SPARE);
}

int sim_set_spare_lmem(struct sim_gt *gt, u64 size)
{
	if (size && size < SIM_LMEM_MIN_SPARE)
		return -EINVAL;
	gt->spare_lmem = size;
	return 0;
}

u64 sim_free_lmem(struct sim_gt *gt)
{
	return gt->lmem_size - gt->lmem_used;
}

u64 sim_max_lmem(struct sim_gt *gt)
{
	u64 spare = sim_get_spare_lmem(gt);
	u64 free = sim_free_lmem(gt);
	u64 avail = free > spare ? free - spare : 0;

	return round_down(avail, (u64)SIM_LMEM_ALIGN);
}

static int sim_provision_lmem(struct sim_gt *gt, unsigned int id, u64 size)
{
	struct sim_cfg *cfg = &gt->cfg[id];

	if (sim_round_up_overflows(size, SIM_LMEM_ALIGN, &size))
		return -EOVERFLOW;
	if (cfg->lmem) {
		if (size == cfg->lmem)
			return 0;
		/* the old object is put before the new one is created */
		gt->lmem_used -= cfg->lmem;
		cfg->lmem = 0;
	}
	if (!size)
		return 0;
	if (size > sim_max_lmem(gt))
		return -EDQUOT;
	gt->lmem_used += size;
	cfg->lmem = size;
	return 0;
}

int sim_set_lmem(struct sim_gt *gt, unsigned int id, u64 size)
{
	bool reprovisioning = gt->cfg[id].lmem || size;
	int err = sim_provision_lmem(gt, id, size);

	if (!err && reprovisioning)
		sim_mark_manual(gt->sim);
	return err;
}

/* ---- contexts ------------------------------------------------------ */
/*
 * As in i915: context IDs are handed out in blocks of 128; the first
 * block belongs to the PF and is one ID short because GUC_MAX_CONTEXT_ID
 * (65535) is odd.
 */
static u16 sim_enc_ctxs_count(u16 num, bool first)
{
	return first ? (num + SIM_CTXS_DELTA) / SIM_CTXS_GRAN :
		       num / SIM_CTXS_GRAN;
}

static u16 sim_enc_ctxs_start(u16 start, bool first)
{
	if (!start || first)
		return 0;
	return (start + SIM_CTXS_DELTA) / SIM_CTXS_GRAN;
}

static u16 sim_dec_vf_ctxs_count(u16 bits)
{
	return bits * SIM_CTXS_GRAN;
}

static u16 sim_dec_vf_ctxs_start(u16 bit)
{
	return bit * SIM_CTXS_GRAN - SIM_CTXS_DELTA;
}

/* i915 align_ctxs(), including its u16 wrap for values above 65408 */
static u16 sim_align_ctxs(unsigned int id, u16 num)
{
	if (!num)
		return 0;
	num = ALIGN(num, SIM_CTXS_GRAN);
	return id ? num : num - SIM_CTXS_DELTA;
}

static void sim_ctxs_bitmap(struct sim_gt *gt, unsigned long *map)
{
	struct sim_cfg *cfg;
	unsigned int id;

	bitmap_zero(map, SIM_CTXS_BITS);
	for (id = 0; id <= gt->sim->totalvfs; id++) {
		cfg = &gt->cfg[id];
		if (!cfg->ctx_num)
			continue;
		bitmap_set(map, sim_enc_ctxs_start(cfg->ctx_begin, !id),
			   sim_enc_ctxs_count(cfg->ctx_num, !id));
	}
}

/* i915 pf_reserved_ctxs(); the simulated PF uses none of its own IDs */
static u16 sim_reserved_ctx_bits(struct sim_gt *gt)
{
	u16 avail = gt->cfg[SIM_PFID].ctx_num;
	u16 spare = sim_get_spare_ctxs(gt);

	if (spare < avail)
		return 0;
	return sim_enc_ctxs_count(sim_align_ctxs(1, spare - avail), false);
}

u16 sim_get_spare_ctxs(struct sim_gt *gt)
{
	return max_t(u16, gt->spare_ctxs, SIM_CTXS_MIN_SPARE);
}

int sim_set_spare_ctxs(struct sim_gt *gt, u16 num)
{
	if (num && num < SIM_CTXS_MIN_SPARE)
		return -EINVAL;
	gt->spare_ctxs = num;
	return 0;
}

u16 sim_free_ctxs(struct sim_gt *gt)
{
	DECLARE_BITMAP(map, SIM_CTXS_BITS);
	unsigned long pos = 0, rs, re;
	u16 reserved = sim_reserved_ctx_bits(gt);
	u16 sum = 0;

	sim_ctxs_bitmap(gt, map);
	while (sim_next_hole(map, SIM_CTXS_BITS, &pos, &rs, &re))
		sum += re - rs;
	sum = sum > reserved ? sum - reserved : 0;
	return sim_dec_vf_ctxs_count(sum);
}

u16 sim_max_ctxs(struct sim_gt *gt)
{
	DECLARE_BITMAP(map, SIM_CTXS_BITS);
	unsigned long pos = 0, rs, re;
	u16 reserved = sim_reserved_ctx_bits(gt);
	u16 max = 0;

	sim_ctxs_bitmap(gt, map);
	while (sim_next_hole(map, SIM_CTXS_BITS, &pos, &rs, &re)) {
		reserved -= min3(reserved, (u16)(re - rs), max);
		max = max_t(u16, max, re - rs);
	}
	max = max > reserved ? max - reserved : 0;
	return sim_dec_vf_ctxs_count(max);
}

/* i915 pf_alloc_vf_ctxs_range(): last exact hole, else end of last bigger */
static int sim_alloc_ctxs_range(struct sim_gt *gt, u16 num)
{
	DECLARE_BITMAP(map, SIM_CTXS_BITS);
	unsigned long pos = 0, rs, re;
	u16 bits = sim_enc_ctxs_count(num, false);
	u16 index = U16_MAX, last_equal = 0;

	sim_ctxs_bitmap(gt, map);
	while (sim_next_hole(map, SIM_CTXS_BITS, &pos, &rs, &re)) {
		if (re - rs == bits)
			last_equal = rs;
		else if (re - rs > bits)
			index = re - bits;
	}
	if (last_equal)
		index = last_equal;
	if (index >= U16_MAX)
		return -ENOSPC;
	return sim_dec_vf_ctxs_start(index);
}

static int sim_provision_ctxs(struct sim_gt *gt, unsigned int id, u16 num)
{
	struct sim_cfg *cfg = &gt->cfg[id];
	u16 quota = sim_align_ctxs(id, num);
	int ret;

	if (id == SIM_PFID)
		return -EOPNOTSUPP;
	if (quota == cfg->ctx_num)
		return 0;
	cfg->ctx_begin = 0;
	cfg->ctx_num = 0;
	if (!quota)
		return 0;
	if (quota > sim_max_ctxs(gt))
		return -EDQUOT;
	ret = sim_alloc_ctxs_range(gt, quota);
	if (ret < 0)
		return ret;
	cfg->ctx_begin = ret;
	cfg->ctx_num = quota;
	return 0;
}

int sim_set_ctxs(struct sim_gt *gt, unsigned int id, u16 num)
{
	bool reprovisioning = gt->cfg[id].ctx_num || num;
	int err = sim_provision_ctxs(gt, id, num);

	if (!err && reprovisioning && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return err;
}

/* ---- doorbells ----------------------------------------------------- */

static void sim_dbs_bitmap(struct sim_gt *gt, unsigned long *map)
{
	struct sim_cfg *cfg;
	unsigned int id;

	bitmap_zero(map, SIM_DBS_MAX);
	for (id = 1; id <= gt->sim->totalvfs; id++) {
		cfg = &gt->cfg[id];
		if (cfg->db_num)
			bitmap_set(map, cfg->db_begin, cfg->db_num);
	}
}

u16 sim_get_spare_dbs(struct sim_gt *gt)
{
	return max_t(u16, gt->spare_dbs, SIM_DBS_MIN_SPARE);
}

int sim_set_spare_dbs(struct sim_gt *gt, u16 num)
{
	if (num > SIM_DBS_MAX)
		return -EINVAL;
	if (num && num < SIM_DBS_MIN_SPARE)
		return -EINVAL;
	gt->spare_dbs = num;
	return 0;
}

u16 sim_free_dbs(struct sim_gt *gt)
{
	DECLARE_BITMAP(map, SIM_DBS_MAX);

	sim_dbs_bitmap(gt, map);
	return SIM_DBS_MAX - bitmap_weight(map, SIM_DBS_MAX);
}

u16 sim_max_dbs(struct sim_gt *gt)
{
	DECLARE_BITMAP(map, SIM_DBS_MAX);
	unsigned long pos = 0, rs, re;
	u16 limit = 0;

	sim_dbs_bitmap(gt, map);
	while (sim_next_hole(map, SIM_DBS_MAX, &pos, &rs, &re))
		limit = max_t(u16, limit, re - rs);
	return limit;
}

static int sim_alloc_dbs_range(struct sim_gt *gt, u16 num)
{
	DECLARE_BITMAP(map, SIM_DBS_MAX);
	unsigned long index;
	unsigned int used;

	sim_dbs_bitmap(gt, map);
	used = bitmap_weight(map, SIM_DBS_MAX);
	if (used + sim_get_spare_dbs(gt) + num > SIM_DBS_MAX)
		return -EDQUOT;
	index = bitmap_find_next_zero_area(map, SIM_DBS_MAX, 0, num, 0);
	if (index >= SIM_DBS_MAX)
		return -ENOSPC;
	return index;
}

static int sim_provision_dbs(struct sim_gt *gt, unsigned int id, u16 num)
{
	struct sim_cfg *cfg = &gt->cfg[id];
	int ret;

	if (num == cfg->db_num)
		return 0;
	cfg->db_begin = 0;
	cfg->db_num = 0;
	if (!num)
		return 0;
	ret = sim_alloc_dbs_range(gt, num);
	if (ret < 0)
		return ret;
	cfg->db_begin = ret;
	cfg->db_num = num;
	return 0;
}

int sim_set_dbs(struct sim_gt *gt, unsigned int id, u16 num)
{
	struct sim_cfg *cfg = &gt->cfg[id];
	bool reprovisioning = cfg->db_num || cfg->db_begin || num;
	int err = sim_provision_dbs(gt, id, num);

	if (!err && reprovisioning && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return err;
}

/* ---- scheduling, policies, thresholds ------------------------------ */

int sim_set_exec_quantum(struct sim_gt *gt, unsigned int id, u32 val)
{
	gt->cfg[id].exec_quantum = val;
	if (val && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return 0;
}

int sim_set_preempt_timeout(struct sim_gt *gt, unsigned int id, u32 val)
{
	gt->cfg[id].preempt_timeout = val;
	if (val && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return 0;
}

/* the EIO check comes first, as in the i915 sysfs handler */
int sim_set_sched_priority(struct sim_gt *gt, unsigned int id, u8 val)
{
	if (gt->sched_if_idle)
		return -EIO;
	if (val >= SIM_PRIO_NUM)
		return -EINVAL;
	gt->cfg[id].sched_priority = val;
	if (val && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return 0;
}

int sim_set_sched_if_idle(struct sim_gt *gt, bool val)
{
	unsigned int n;

	for (n = 0; n <= gt->sim->totalvfs; n++)
		if (gt->cfg[n].sched_priority)
			return -EIO;
	gt->sched_if_idle = val;
	return 0;
}

int sim_set_threshold(struct sim_gt *gt, unsigned int id,
		      enum sim_threshold thr, u32 val)
{
	gt->cfg[id].thresholds[thr] = val;
	if (val)
		sim_mark_manual(gt->sim);
	return 0;
}

/* ---- whole-config operations --------------------------------------- */

/* i915 pf_validate_config(): GGTT + contexts + LMEM, doorbells optional */
static int sim_validate(struct sim_gt *gt, unsigned int id)
{
	struct sim_cfg *cfg = &gt->cfg[id];
	bool ggtt = cfg->ggtt_size, ctxs = cfg->ctx_num, lmem = cfg->lmem;
	bool dbs = cfg->db_num || cfg->db_begin;

	if (ggtt && ctxs && lmem)
		return 0;
	return (ggtt || ctxs || dbs || lmem) ? -ENOKEY : -ENODATA;
}

/* 0: all valid or empty; -ENODATA: all empty; -ENOKEY: some partial */
int sim_verify(struct sim_gt *gt, unsigned int num_vfs)
{
	unsigned int n, valid = 0, empty = 0;
	int err;

	for (n = 1; n <= num_vfs; n++) {
		err = sim_validate(gt, n);
		if (!err)
			valid++;
		else if (err == -ENODATA)
			empty++;
	}
	if (empty == num_vfs)
		return -ENODATA;
	if (valid + empty != num_vfs)
		return -ENOKEY;
	return 0;
}

/* i915 pf_unprovision_config(): resources, scheduling and thresholds */
void sim_unprovision(struct sim_gt *gt, unsigned int id)
{
	struct sim_cfg *cfg = &gt->cfg[id];

	sim_ggtt_release(gt, cfg);
	gt->lmem_used -= cfg->lmem;
	memset(cfg, 0, sizeof(*cfg));
}

void sim_auto_unprovision(struct sim_gt *gt)
{
	unsigned int n;

	if (gt->auto_mode)
		for (n = gt->sim->totalvfs; n > 0; n--)
			sim_unprovision(gt, n);
	gt->auto_mode = false;
}

static int sim_auto_ggtt(struct sim_gt *gt, unsigned int num_vfs)
{
	u64 fair = div_u64(sim_max_ggtt(gt), num_vfs);
	unsigned int n;
	int err;

	fair = ALIGN_DOWN(fair, (u64)SIM_GGTT_ALIGN);
	if (!fair)
		return -ENOSPC;
	for (n = 1; n <= num_vfs; n++) {
		if (gt->cfg[n].ggtt_size)
			return -EUCLEAN;
		err = sim_provision_ggtt(gt, n, fair);
		if (err)
			return err;
	}
	return 0;
}

static int sim_auto_ctxs(struct sim_gt *gt, unsigned int num_vfs)
{
	u16 fair = ALIGN_DOWN(sim_free_ctxs(gt) / num_vfs, SIM_CTXS_GRAN);
	unsigned int n;
	int err;

	if (!fair)
		return -ENOSPC;
	for (n = 1; n <= num_vfs; n++) {
		if (gt->cfg[n].ctx_num)
			return -EUCLEAN;
		err = sim_provision_ctxs(gt, n, fair);
		if (err)
			return err;
	}
	return 0;
}

/* like i915, the doorbell fair share ignores the doorbell spare */
static int sim_auto_dbs(struct sim_gt *gt, unsigned int num_vfs)
{
	u16 fair = (SIM_DBS_MAX - gt->cfg[SIM_PFID].db_num) / num_vfs;
	unsigned int n;
	int err;

	if (!fair)
		return -ENOSPC;
	for (n = 1; n <= num_vfs; n++) {
		if (gt->cfg[n].db_num || gt->cfg[n].db_begin)
			return -EUCLEAN;
		err = sim_provision_dbs(gt, n, fair);
		if (err)
			return err;
	}
	return 0;
}

/* no LMTT/PPGTT page-table overhead is modelled (see docs/atsm_sim.md) */
static int sim_auto_lmem(struct sim_gt *gt, unsigned int num_vfs)
{
	u64 fair = div_u64(sim_max_lmem(gt), num_vfs);
	unsigned int n;
	int err;

	fair = round_down(fair, (u64)SIM_LMEM_ALIGN);
	if (!fair)
		return -ENOSPC;
	for (n = 1; n <= num_vfs; n++) {
		if (gt->cfg[n].lmem)
			return -EUCLEAN;
		err = sim_provision_lmem(gt, n, fair);
		if (err)
			return err;
	}
	return 0;
}

int sim_auto_provision(struct sim_gt *gt, unsigned int num_vfs)
{
	int err = -EPERM;

	if (gt->sim->auto_off)
		goto fail;
	gt->auto_mode = true;
	err = sim_auto_ggtt(gt, num_vfs);
	if (!err)
		err = sim_auto_ctxs(gt, num_vfs);
	if (!err)
		err = sim_auto_dbs(gt, num_vfs);
	if (!err)
		err = sim_auto_lmem(gt, num_vfs);
	if (!err)
		return 0;
fail:
	sim_auto_unprovision(gt);
	return err;
}

/* ---- life cycle ---------------------------------------------------- */

/* i915 pf_assign_ctxs_for_pf(): PF keeps what is left over by the VFs */
static void sim_assign_pf_ctxs(struct sim_gt *gt)
{
	unsigned int total = gt->sim->totalvfs;
	u16 pf_bits = SIM_CTXS_BITS - (SIM_CTXS_BITS / (1 + total)) * total;

	gt->cfg[SIM_PFID].ctx_begin = 0;
	gt->cfg[SIM_PFID].ctx_num = pf_bits * SIM_CTXS_GRAN - SIM_CTXS_DELTA;
}

int sim_gt_init(struct sim_gt *gt, struct atsm_sim *sim, unsigned int id,
		u64 lmem_size)
{
	gt->sim = sim;
	gt->id = id;
	gt->ggtt_map = bitmap_zalloc(SIM_GGTT_BITS, GFP_KERNEL);
	if (!gt->ggtt_map)
		return -ENOMEM;
	bitmap_set(gt->ggtt_map, 0, SIM_GGTT_PF_USED / SIM_GGTT_ALIGN);
	gt->lmem_size = lmem_size;
	gt->lmem_used = SIM_LMEM_PF_USED;
	sim_assign_pf_ctxs(gt);
	return 0;
}

void sim_gt_fini(struct sim_gt *gt)
{
	bitmap_free(gt->ggtt_map);
	gt->ggtt_map = NULL;
}
