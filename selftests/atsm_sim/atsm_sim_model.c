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

/*
 * drm_mm insertion.  23.10 passes PIN_HIGH: the top of the highest hole
 * that fits.  25.1 passes no flag: DRM_MM_INSERT_BEST, the bottom of the
 * smallest hole that fits.
 */
static int sim_ggtt_insert(struct sim_gt *gt, struct sim_cfg *cfg, u64 size)
{
	unsigned long n = size / SIM_GGTT_ALIGN;
	unsigned long pos = 0, rs, re, at = ULONG_MAX, best = ULONG_MAX;
	bool high = !gt->sim->abi_251;

	while (sim_next_hole(gt->ggtt_map, SIM_GGTT_BITS, &pos, &rs, &re)) {
		if (re - rs < n)
			continue;
		if (high) {
			at = re - n;
		} else if (re - rs < best) {
			best = re - rs;
			at = rs;
		}
	}
	if (at == ULONG_MAX)
		return -ENOSPC;
	bitmap_set(gt->ggtt_map, at, n);
	cfg->ggtt_start = (u64)at * SIM_GGTT_ALIGN;
	cfg->ggtt_size = size;
	return 0;
}

/*
 * pf_provision_ggtt(): on a live VF the old range is pushed away (size
 * and start: two GuC requests) and released even if that push fails;
 * a failed push of the new range releases it again.  Every insert and
 * release rewrites the range's PTEs (i915_ggtt_set_space_owner).
 */
static int sim_provision_ggtt(struct sim_gt *gt, unsigned int id, u64 size)
{
	struct sim_cfg *cfg = &gt->cfg[id];
	int err = 0;

	if (sim_round_up_overflows(size, SIM_GGTT_ALIGN, &size))
		return -EOVERFLOW;
	if (cfg->ggtt_size) {
		if (size == cfg->ggtt_size)
			return 0;
		err = sim_push_quota(gt, id, 2);
		sim_cost_ggtt(gt->sim, cfg->ggtt_size);
		sim_ggtt_release(gt, cfg);
		if (err)
			return err;
	}
	if (!size)
		return 0;
	if (size > SIM_GGTT_TOTAL)
		return -E2BIG;
	if (size > sim_max_ggtt(gt))
		return -EDQUOT;
	err = sim_ggtt_insert(gt, cfg, size);
	if (err)
		return err;
	sim_cost_ggtt(gt->sim, size);
	err = sim_push_quota(gt, id, 2);
	if (err) {
		sim_cost_ggtt(gt->sim, size);
		sim_ggtt_release(gt, cfg);
	}
	return err;
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

/*
 * What the LMTT of a VF with @size bytes of LMEM (all tiles) allocates,
 * which is also intel_lmtt_estimate_pt_size(): one 256 KiB leaf on
 * ATS-M whatever the size; on the two-level LMTT one L2 table plus a leaf
 * per 32 GiB started.
 */
static u64 sim_lmtt_pt_size(struct atsm_sim *sim, u64 size)
{
	if (!sim->lmem_overhead)
		return 0;
	if (sim->lmtt_levels == 1)
		return SIM_LMTT_PT_SIZE;
	return SIM_LMTT2_L2_SIZE +
	       SIM_LMTT2_PT_SIZE * ((size >> SIM_LMTT2_PT_SHIFT) + 1);
}

/* i915_vm_estimate_pt_size(): pd_count(size, 21) pages of 4 KiB */
static u64 sim_ppgtt_pt_size(struct atsm_sim *sim, u64 size)
{
	u64 n = (size + 2 * (BIT_ULL(SIM_PPGTT_PD_SHIFT) - 1)) >>
		SIM_PPGTT_PD_SHIFT;

	return sim->lmem_overhead ? n * SZ_4K : 0;
}

/*
 * intel_lmtt_update_entries() on every GT (pf_update_all_lmtt): the VF's
 * tables are destroyed, then rebuilt if it holds LMEM on any GT.  The
 * leaf comes from the same LMEM pool as the quotas; i915 reports a
 * failed allocation from that pool as ENXIO.
 */
static int sim_update_lmtt(struct atsm_sim *sim, unsigned int id)
{
	u64 total = 0, pt;
	unsigned int i;

	for (i = 0; i < sim->num_gts; i++)
		total += sim->gt[i].cfg[id].lmem;
	for (i = 0; i < sim->num_gts; i++) {
		struct sim_gt *gt = &sim->gt[i];

		gt->lmem_used -= gt->lmtt[id];
		gt->lmtt[id] = 0;
		if (!total)
			continue;
		pt = sim_lmtt_pt_size(sim, total);
		if (pt > sim_free_lmem(gt))
			return -ENXIO;
		gt->lmtt[id] = pt;
		gt->lmem_used += pt;
	}
	return 0;
}

static void sim_lmem_release(struct sim_gt *gt, struct sim_cfg *cfg)
{
	gt->lmem_used -= cfg->lmem;
	cfg->lmem = 0;
}

/*
 * Creating, pinning and clearing the object: the buddy allocator hands
 * out 2 MiB chunks, so free LMEM in smaller pieces (lmem_frag) cannot be
 * used and the allocation fails with ENXIO (i915_ttm_err_to_gem) even
 * below lmem_max_quota; the waits are interruptible.
 */
static int sim_lmem_alloc(struct sim_gt *gt, u64 size)
{
	u64 free = sim_free_lmem(gt);
	u64 frag = min(gt->sim->lmem_frag, free);

	if (size > free - frag)
		return -ENXIO;
	return sim_cost_lmem(gt->sim, size);
}

/* xorshift32: the PF's own use moves in a seeded, repeatable way */
static u32 sim_rand(struct atsm_sim *sim)
{
	u32 x = sim->drift_seed;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	sim->drift_seed = x;
	return x;
}

/*
 * PF usage drift: with a seed set, every LMEM read or write first moves
 * the PF's own LMEM use by -8..+8 MiB in 64 KiB steps (buffer pools,
 * GuC logs, user objects), within 64 MiB of its use at probe and never
 * past free LMEM; a step that would leave that range is turned around.
 */
void sim_drift(struct sim_gt *gt)
{
	u64 lo = gt->pf_lmem_base - SZ_64M, hi = gt->pf_lmem_base + SZ_64M;
	u64 size;
	bool up;

	if (!gt->sim->drift_seed)
		return;
	size = ((sim_rand(gt->sim) % 128) + 1) * (u64)SZ_64K;
	up = sim_rand(gt->sim) & 1;
	if (up && (gt->pf_lmem + size > hi || size > sim_free_lmem(gt)))
		up = false;
	else if (!up && gt->pf_lmem < lo + size)
		up = true;
	if (up && size > sim_free_lmem(gt))
		return;
	if (up) {
		gt->pf_lmem += size;
		gt->lmem_used += size;
	} else {
		gt->pf_lmem -= size;
		gt->lmem_used -= size;
	}
}

/* debugfs pf_lmem_used: set the PF's own LMEM use (bounded by free) */
int sim_set_pf_lmem(struct sim_gt *gt, u64 used)
{
	if (used > gt->pf_lmem + sim_free_lmem(gt))
		return -ENOSPC;
	gt->lmem_used = gt->lmem_used - gt->pf_lmem + used;
	gt->pf_lmem = used;
	return 0;
}

/*
 * pf_provision_lmem(): the old object is pushed away (0) and put before
 * the new one is created, so any later failure leaves the VF without
 * LMEM; the LMTT is rebuilt whatever happened.
 */
static int sim_provision_lmem(struct sim_gt *gt, unsigned int id, u64 size)
{
	struct sim_cfg *cfg = &gt->cfg[id];
	int err = 0, ret;

	if (sim_round_up_overflows(size, SIM_LMEM_ALIGN, &size))
		return -EOVERFLOW;
	if (cfg->lmem) {
		if (size == cfg->lmem)
			return 0;
		err = sim_push_quota(gt, id, 1);
		sim_lmem_release(gt, cfg);
		if (err)
			goto finish;
	}
	if (!size)
		goto finish;
	sim_drift(gt);
	if (size > sim_max_lmem(gt)) {
		err = -EDQUOT;
		goto finish;
	}
	err = sim_lmem_alloc(gt, size);
	if (err)
		goto finish;
	gt->lmem_used += size;
	cfg->lmem = size;
	err = sim_push_quota(gt, id, 1);
	if (err)
		sim_lmem_release(gt, cfg);
finish:
	ret = sim_update_lmtt(gt->sim, id);
	return err ?: ret;
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
	/* __pf_provision_ctxs(0, 0): cleared whether the push works or not */
	ret = sim_push_quota(gt, id, 2);
	cfg->ctx_begin = 0;
	cfg->ctx_num = 0;
	if (!quota || ret)
		return ret;
	if (quota > sim_max_ctxs(gt))
		return -EDQUOT;
	ret = sim_alloc_ctxs_range(gt, quota);
	if (ret < 0)
		return ret;
	cfg->ctx_begin = ret;
	cfg->ctx_num = quota;
	ret = sim_push_quota(gt, id, 2);
	if (ret) {
		cfg->ctx_begin = 0;
		cfg->ctx_num = 0;
	}
	return ret;
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
	if (cfg->db_num) {
		cfg->db_begin = 0;
		cfg->db_num = 0;
		ret = sim_push_quota(gt, id, 2);
		if (ret)
			return ret;
	}
	if (!num)
		return 0;
	ret = sim_alloc_dbs_range(gt, num);
	if (ret < 0)
		return ret;
	/* the range is recorded only once the GuC took it */
	cfg->db_begin = ret;
	cfg->db_num = num;
	ret = sim_push_quota(gt, id, 2);
	if (ret) {
		cfg->db_begin = 0;
		cfg->db_num = 0;
	}
	return ret;
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

/*
 * Scheduling values and thresholds go to the GuC at once, whether the VF
 * is enabled or not, and are cached only once the GuC took them.  An
 * unchanged value is not sent again.
 */
static int sim_push_u32(struct sim_gt *gt, u32 *cached, u32 val)
{
	int err;

	if (*cached == val)
		return 0;
	err = sim_guc_send(gt);
	if (!err)
		*cached = val;
	return err;
}

static int sim_provision_exec_quantum(struct sim_gt *gt, unsigned int id,
				      u32 val)
{
	return sim_push_u32(gt, &gt->cfg[id].exec_quantum, val);
}

static int sim_provision_preempt_timeout(struct sim_gt *gt, unsigned int id,
					 u32 val)
{
	return sim_push_u32(gt, &gt->cfg[id].preempt_timeout, val);
}

static int sim_provision_threshold(struct sim_gt *gt, unsigned int id,
				   enum sim_threshold thr, u32 val)
{
	return sim_push_u32(gt, &gt->cfg[id].thresholds[thr], val);
}

int sim_set_exec_quantum(struct sim_gt *gt, unsigned int id, u32 val)
{
	int err = sim_provision_exec_quantum(gt, id, val);

	if (!err && val && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return err;
}

int sim_set_preempt_timeout(struct sim_gt *gt, unsigned int id, u32 val)
{
	int err = sim_provision_preempt_timeout(gt, id, val);

	if (!err && val && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return err;
}

/* the EIO check comes first, as in the i915 sysfs handler */
int sim_set_sched_priority(struct sim_gt *gt, unsigned int id, u8 val)
{
	if (gt->sched_if_idle)
		return -EIO;
	if (val >= SIM_PRIO_NUM)
		return -EINVAL;
	if (val != gt->cfg[id].sched_priority) {
		int err = sim_guc_send(gt);

		if (err)
			return err;
		gt->cfg[id].sched_priority = val;
	}
	if (val && id != SIM_PFID)
		sim_mark_manual(gt->sim);
	return 0;
}

int sim_set_sched_if_idle(struct sim_gt *gt, bool val)
{
	unsigned int n;

	int err;

	for (n = 0; n <= gt->sim->totalvfs; n++)
		if (gt->cfg[n].sched_priority)
			return -EIO;
	/* policies are sent even when unchanged (pf_update_bool_policy) */
	err = sim_guc_send(gt);
	if (!err)
		gt->sched_if_idle = val;
	return err;
}

int sim_set_engine_reset(struct sim_gt *gt, bool val)
{
	int err = sim_guc_send(gt);

	if (!err)
		gt->engine_reset = val;
	return err;
}

int sim_set_sample_period(struct sim_gt *gt, u32 val)
{
	int err = sim_guc_send(gt);

	if (!err)
		gt->sample_period = val;
	return err;
}

int sim_set_threshold(struct sim_gt *gt, unsigned int id,
		      enum sim_threshold thr, u32 val)
{
	int err = sim_provision_threshold(gt, id, thr, val);

	if (!err && val)
		sim_mark_manual(gt->sim);
	return err;
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

bool sim_is_empty(struct sim_gt *gt, unsigned int id)
{
	return sim_validate(gt, id) == -ENODATA;
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

/*
 * i915 pf_unprovision_config(): resources, scheduling and thresholds,
 * each through its provisioning path with 0.  Resources are released
 * even when the GuC refuses; a scheduling value or threshold the GuC
 * refused to reset keeps its value, as in i915.
 */
void sim_unprovision(struct sim_gt *gt, unsigned int id)
{
	unsigned int thr;

	sim_provision_ggtt(gt, id, 0);
	sim_provision_ctxs(gt, id, 0);
	sim_provision_dbs(gt, id, 0);
	sim_provision_exec_quantum(gt, id, 0);
	sim_provision_preempt_timeout(gt, id, 0);
	sim_provision_lmem(gt, id, 0);
	for (thr = 0; thr < SIM_THR_NUM; thr++)
		sim_provision_threshold(gt, id, thr, 0);
	gt->cfg[id].sched_priority = 0;
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

/*
 * pf_auto_provision_lmem(): with more than one VF the LMTT estimate (for
 * the VF's LMEM on all tiles) and the PPGTT estimate come off each share.
 */
static int sim_auto_lmem(struct sim_gt *gt, unsigned int num_vfs)
{
	struct atsm_sim *sim = gt->sim;
	u64 fair = div_u64(sim_max_lmem(gt), num_vfs);
	u64 lmtt, pt;
	unsigned int n;
	int err;

	fair = round_down(fair, (u64)SIM_LMEM_ALIGN);
	if (num_vfs > 1) {
		lmtt = sim_lmtt_pt_size(sim, fair * sim->num_gts);
		pt = sim_ppgtt_pt_size(sim, fair);
		fair = fair > lmtt ? fair - lmtt : 0;
		fair = fair > pt ? fair - pt : 0;
		fair = round_down(fair, (u64)SIM_LMEM_ALIGN);
	}
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
	/* the PF's own objects and, with the overhead on, its LMTT root */
	gt->pf_lmem = SIM_LMEM_PF_USED;
	if (sim->lmem_overhead)
		gt->pf_lmem += SIM_LMTT_PD_SIZE;
	gt->pf_lmem_base = gt->pf_lmem;
	gt->lmem_used = gt->pf_lmem;
	sim_assign_pf_ctxs(gt);
	return 0;
}

void sim_gt_fini(struct sim_gt *gt)
{
	bitmap_free(gt->ggtt_map);
	gt->ggtt_map = NULL;
}
