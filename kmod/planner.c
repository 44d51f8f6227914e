// SPDX-License-Identifier: GPL-2.0
/*
 * Planner: complete a request into a plan (every VF's quotas), sharing what
 * is left after the PF spares and the explicit quotas fairly by weight.
 *
 * Pure C: built into vfprov.ko and linked as is into the host unit tests and
 * the benchmark. Deterministic, no allocation, small stack.
 */
#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/math64.h>
#else
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#define noinline
#endif

#include "planner.h"

#define VP_U64_MAX	(~(__u64)0)

/* The fair pass keeps the set of VFs in a __u64 bit mask. */
static_assert(VFPROV_MAX_VFS <= 64, "VF masks are 64 bits wide");

const char *const vfprov_res_names[VFPROV_RES_COUNT] = {
	[VFPROV_RES_GGTT]	= "ggtt",
	[VFPROV_RES_LMEM]	= "lmem",
	[VFPROV_RES_CONTEXTS]	= "contexts",
	[VFPROV_RES_DOORBELLS]	= "doorbells",
};

/* The only 64-bit division of the planner (32-bit kernels need div64_u64). */
static __u64 vp_div(__u64 a, __u64 b)
{
#ifdef __KERNEL__
	return div64_u64(a, b);
#else
	return a / b;
#endif
}

__u64 vfprov_mul_div(__u64 a, __u64 b, __u64 c)
{
	__u64 al = a & 0xffffffffu, ah = a >> 32;
	__u64 bl = b & 0xffffffffu, bh = b >> 32;
	__u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	__u64 mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
	__u64 lo = (ll & 0xffffffffu) | (mid << 32);
	__u64 hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	__u64 q = 0, rem, top;
	int i;

	if (!c)
		return VP_U64_MAX;
	if (!hi)
		return vp_div(lo, c);
	if (hi >= c)		/* the quotient does not fit 64 bits */
		return VP_U64_MAX;
	/* 128 by 64 bit long division; hi < c keeps the quotient in 64 bits */
	rem = hi;
	for (i = 63; i >= 0; i--) {
		top = rem >> 63;
		rem = (rem << 1) | ((lo >> i) & 1);
		q <<= 1;
		if (top || rem >= c) {
			rem -= c;
			q |= 1;
		}
	}
	return q;
}

static int vp_is_bytes(int res)
{
	return res == VFPROV_RES_GGTT || res == VFPROV_RES_LMEM;
}

/*
 * Print a value of @res: a count for contexts/doorbells, otherwise a size
 * with one decimal in the largest binary unit that shows it exactly
 * ("8.0 GiB", "5760.0 MiB", "1920.0 KiB"), else in bytes.
 */
static const char *vp_val(char *buf, size_t len, int res, __u64 v)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB" };
	__u64 frac;
	int u, shift;

	if (!vp_is_bytes(res)) {
		snprintf(buf, len, "%llu", (unsigned long long)v);
		return buf;
	}
	for (u = 2; u >= 0; u--) {
		shift = 10 * (u + 1);
		frac = v & ((1ull << shift) - 1);
		if (v >> shift && !((frac * 10) & ((1ull << shift) - 1))) {
			snprintf(buf, len, "%llu.%llu %s",
				 (unsigned long long)(v >> shift),
				 (unsigned long long)((frac * 10) >> shift),
				 unit[u]);
			return buf;
		}
	}
	snprintf(buf, len, "%llu bytes", (unsigned long long)v);
	return buf;
}

#define VP_VAL_LEN	32

/* Fill @perr (optional) with a fixed message and return @err. */
static int vp_fail(struct vfprov_plan_err *perr, int err, __u32 vf, int res,
		   const char *msg)
{
	if (perr) {
		perr->err = err;
		perr->vf = vf;
		perr->res = res;
		snprintf(perr->msg, sizeof(perr->msg), "%s", msg);
	}
	return err;
}

enum vp_why {
	VP_SPARE_MIN,		/* a = spare, b = spare_min */
	VP_SPARE_POOL,		/* a = spare, b = pool */
	VP_SPARE_ABSENT,	/* a = spare */
	VP_QUOTA_ABSENT,	/* a = quota */
	VP_QUOTA_OVERFLOW,	/* a = quota, b = granule */
	VP_QUOTA_ZERO,		/* b = granule */
	VP_QUOTA_VF_MAX,	/* a = quota, b = vf_max */
	VP_QUOTA_LEFT,		/* a = quota, b = what is left */
	VP_QUOTA_LEFT_OVH,	/* a = quota, b = what is left, c = overhead */
	VP_MAX_GRANULE,		/* a = vf_max, b = granule */
	VP_SPARE_FIXED,		/* a = spare */
	VP_QUOTA_SOME,		/* vf has none, others have */
};

/*
 * One place formats every per-resource message, so that the value buffers
 * live in this frame only. @vf is 1-based, 0 for the PF.
 */
static noinline int vp_fail_res3(struct vfprov_plan_err *perr,
				 enum vp_why why, __u32 vf, int res,
				 __u64 a, __u64 b, __u64 c, int others)
{
	const char *name = vfprov_res_names[res];
	char va[VP_VAL_LEN], vb[VP_VAL_LEN], vc[VP_VAL_LEN];
	char *m;
	size_t len;
	int err;

	switch (why) {
	case VP_SPARE_POOL:
		err = -ENOSPC;
		break;
	case VP_QUOTA_OVERFLOW:
		err = -EOVERFLOW;
		break;
	case VP_QUOTA_VF_MAX:
	case VP_QUOTA_LEFT:
	case VP_QUOTA_LEFT_OVH:
	case VP_MAX_GRANULE:
		err = -EDQUOT;
		break;
	default:
		err = -EINVAL;
		break;
	}
	if (!perr)
		return err;
	perr->err = err;
	perr->vf = vf;
	perr->res = res;
	m = perr->msg;
	len = sizeof(perr->msg);
	vp_val(va, sizeof(va), res, a);
	vp_val(vb, sizeof(vb), res, b);
	vp_val(vc, sizeof(vc), res, c);

	switch (why) {
	case VP_SPARE_MIN:
		snprintf(m, len, "%s_spare %s is below the minimum %s",
			 name, va, vb);
		break;
	case VP_SPARE_POOL:
		snprintf(m, len, "%s_spare %s exceeds the %s %s pool",
			 name, va, vb, name);
		break;
	case VP_SPARE_ABSENT:
		snprintf(m, len, "%s_spare %s is set but the PF has no %s",
			 name, va, name);
		break;
	case VP_QUOTA_ABSENT:
		snprintf(m, len, "vf%u %s_quota %s is set but the PF has no %s",
			 vf, name, va, name);
		break;
	case VP_QUOTA_OVERFLOW:
		snprintf(m, len,
			 "vf%u %s_quota %s overflows when rounded up to %s",
			 vf, name, va, vb);
		break;
	case VP_QUOTA_ZERO:
		snprintf(m, len,
			 "vf%u %s_quota 0: a VF needs %s (at least %s)",
			 vf, name, name, vb);
		break;
	case VP_QUOTA_VF_MAX:
		snprintf(m, len, "vf%u %s_quota %s exceeds %s_max_quota %s",
			 vf, name, va, name, vb);
		break;
	case VP_QUOTA_LEFT:
		snprintf(m, len,
			 "vf%u %s_quota %s exceeds the %s left after %s_spare%s",
			 vf, name, va, vb, name,
			 others ? " and other VFs" : "");
		break;
	case VP_QUOTA_LEFT_OVH:
		snprintf(m, len,
			 "vf%u %s_quota %s + %s page tables > %s left%s",
			 vf, name, va, vc, vb,
			 others ? " (spare, other VFs)" : " (spare)");
		break;
	case VP_MAX_GRANULE:
		snprintf(m, len,
			 "%s_max_quota %s is below one %s granule: a VF needs %s",
			 name, va, vb, name);
		break;
	case VP_SPARE_FIXED:
		snprintf(m, len,
			 "%s_spare %s cannot be set on this PF, only VF %s quotas",
			 name, va, name);
		break;
	case VP_QUOTA_SOME:
		snprintf(m, len,
			 "vf%u has no %s_quota while other VFs have one: the driver then gives it no %s (give every VF one, or none)",
			 vf, name, name);
		break;
	}
	return err;
}

static int vp_fail_res(struct vfprov_plan_err *perr, enum vp_why why,
		       __u32 vf, int res, __u64 a, __u64 b, int others)
{
	return vp_fail_res3(perr, why, vf, res, a, b, 0, others);
}

static noinline int vp_fail_num_vfs(struct vfprov_plan_err *perr, __u32 n,
				    __u32 max, const char *what)
{
	if (perr) {
		perr->err = -ERANGE;
		snprintf(perr->msg, sizeof(perr->msg), "num_vfs %u exceeds %s %u",
			 n, what, max);
	}
	return -ERANGE;
}

/* A required resource is too short to give each fair VF one granule. */
static noinline int vp_fail_short(struct vfprov_plan_err *perr, int res,
				  __u32 nfair, __u64 granule, __u64 avail,
				  int others)
{
	const char *name = vfprov_res_names[res];
	char vg[VP_VAL_LEN], va[VP_VAL_LEN];

	if (!perr)
		return -ENOSPC;
	perr->err = -ENOSPC;
	perr->res = res;
	vp_val(vg, sizeof(vg), res, granule);
	vp_val(va, sizeof(va), res, avail);
	snprintf(perr->msg, sizeof(perr->msg),
		 "%u VF%s %s %u x %s %s, only %s left after %s_spare%s",
		 nfair, nfair == 1 ? "" : "s", nfair == 1 ? "needs" : "need",
		 nfair, vg, name, va, name,
		 others ? " and explicit quotas" : "");
	return -ENOSPC;
}

/* Weight of VF @i in the fair share: its VFPROV_SET_WEIGHT value, 0 -> 1. */
static __u64 vp_weight(const struct vfprov_vf_cfg *vf)
{
	if (!(vf->set & VFPROV_SET_WEIGHT) || !vf->weight)
		return 1;
	return vf->weight;
}

/*
 * The column of one GT: contexts and doorbells are per GT (xe), and a VF's
 * quota of one on GT @gt is the GT's own, else the VF's. The other
 * resources are planned once, as GT 0's column, which is the VF's.
 */
static int vp_set(const struct vfprov_vf_cfg *c, __u32 gt, int res)
{
	return vfprov_gt_has(c, gt, VFPROV_SET_QUOTA(res));
}

static __u64 vp_q(const struct vfprov_vf_cfg *c, __u32 gt, int res)
{
	return vfprov_gt_quota(c, gt, res);
}

/* Where the plan of GT @gt keeps VF @i's quota: gt0's is the VF's. */
static __u64 *vp_out(struct vfprov_pf_cfg *plan, __u32 i, __u32 gt, int res)
{
	struct vfprov_vf_cfg *v = &plan->vf[i];

	if (!gt) {
		v->set |= VFPROV_SET_QUOTA(res);
		return &v->quota[res];
	}
	v->gt[gt].set |= VFPROV_SET_QUOTA(res);
	return &v->gt[gt].quota[res];
}

/*
 * Share @extra granules among the VFs of @fair (their weight in @req) by
 * weight, each at most @cap granules, into plan->vf[i].quota[res] (in
 * granules). Water filling: VFs whose weighted share reaches @cap are
 * capped and the rest is shared again among the others; then the granules
 * lost to rounding down are handed out one by one in VF order to VFs below
 * @cap, so less than one granule per VF stays unused (unless !@spread).
 */
static void vp_share(const struct vfprov_pf_cfg *req,
		     struct vfprov_pf_cfg *plan, int res, __u32 gt, __u64 fair,
		     __u64 extra, __u64 cap, int spread)
{
	__u64 capped = 0, rem = extra, r0, sw, given, s;
	__u32 i, n = plan->num_vfs;
	int more;

	for (;;) {
		sw = 0;
		for (i = 0; i < n; i++)
			if ((fair & ~capped) >> i & 1)
				sw += vp_weight(&req->vf[i]);
		if (!sw)
			break;
		more = 0;
		r0 = rem;
		for (i = 0; i < n; i++) {
			if (!((fair & ~capped) >> i & 1))
				continue;
			s = vfprov_mul_div(r0, vp_weight(&req->vf[i]), sw);
			if (s >= cap) {
				capped |= 1ull << i;
				rem -= cap;
				more = 1;
			}
		}
		if (!more)
			break;
	}

	given = 0;
	for (i = 0; i < n; i++) {
		if (!(fair >> i & 1))
			continue;
		if (capped >> i & 1)
			s = cap;
		else
			s = vfprov_mul_div(rem, vp_weight(&req->vf[i]), sw);
		*vp_out(plan, i, gt, res) = s;
		given += s;
	}

	/* Leftover whole granules, one by one in VF order. */
	while (spread && given < extra) {
		more = 0;
		for (i = 0; i < n && given < extra; i++) {
			if (!(fair >> i & 1) || *vp_out(plan, i, gt, res) >= cap)
				continue;
			(*vp_out(plan, i, gt, res))++;
			given++;
			more = 1;
		}
		if (!more)
			break;
	}
}

/* Round @q up to @g in place; -EOVERFLOW if that does not fit 64 bits. */
static int vp_round_up(__u64 *q, __u64 g)
{
	__u64 r = *q - vp_div(*q, g) * g;

	if (!r)
		return 0;
	if (*q > VP_U64_MAX - (g - r))
		return -EOVERFLOW;
	*q += g - r;
	return 0;
}

/* Spare of @res: checked, and recorded in @plan. */
static int vp_plan_spare(const struct vfprov_res_caps *rc,
			 const struct vfprov_pf_cfg *cur,
			 const struct vfprov_pf_cfg *req,
			 struct vfprov_pf_cfg *plan, int res,
			 struct vfprov_plan_err *perr)
{
	__u64 spare;

	if (!rc->present || rc->no_pool) {
		if (req->set & VFPROV_SET_SPARE(res) && req->spare[res])
			return vp_fail_res(perr, rc->present ? VP_SPARE_FIXED :
					   VP_SPARE_ABSENT, 0, res,
					   req->spare[res], 0, 0);
		return 0;
	}
	if (req->set & VFPROV_SET_SPARE(res)) {
		spare = req->spare[res];
		if (spare < rc->spare_min)
			return vp_fail_res(perr, VP_SPARE_MIN, 0, res, spare,
					   rc->spare_min, 0);
		/* the driver stores it rounded: plan what will read back */
		if (rc->spare_granule &&
		    vp_round_up(&spare, rc->spare_granule))
			return vp_fail_res(perr, VP_SPARE_POOL, 0, res, spare,
					   rc->pool, 0);
	} else if (cur && cur->set & VFPROV_SET_SPARE(res)) {
		spare = cur->spare[res];
	} else {
		spare = rc->spare > rc->spare_min ? rc->spare : rc->spare_min;
	}
	if (spare > rc->pool)
		return vp_fail_res(perr, VP_SPARE_POOL, 0, res, spare,
				   rc->pool, 0);
	plan->spare[res] = spare;
	plan->set |= VFPROV_SET_SPARE(res);
	return 0;
}

static int vp_has_overhead(const struct vfprov_res_caps *rc)
{
	return rc->vf_overhead || rc->vf_overhead_granule;
}

__u64 vfprov_quota_cost(const struct vfprov_res_caps *rc, __u64 q)
{
	__u64 g = rc->granule ? rc->granule : 1;
	__u64 k, ovh;

	if (!q)
		return 0;
	k = vp_div(q, g);
	if (q - k * g)
		k++;
	ovh = vfprov_mul_div(k, rc->vf_overhead_granule, 1);
	if (ovh > VP_U64_MAX - rc->vf_overhead)
		return VP_U64_MAX;
	ovh += rc->vf_overhead;
	return q > VP_U64_MAX - ovh ? VP_U64_MAX : q + ovh;
}

/*
 * Smallest budget in granules that leaves one granule of quota once the
 * overhead estimated on the budget is taken off; U64 max if none does.
 */
static __u64 vp_min_budget(const struct vfprov_res_caps *rc, __u64 g)
{
	if (rc->vf_overhead_granule >= g)
		return VP_U64_MAX;
	return vp_div(g + rc->vf_overhead + (g - rc->vf_overhead_granule) - 1,
		      g - rc->vf_overhead_granule);
}

/*
 * The fair share of a resource with a per-VF overhead, as i915's own
 * auto-provisioning computes it: each fair VF's budget of @avail whole
 * granules by weight (capped, no leftover pass), then the overhead
 * estimated on the budget taken off and the rest rounded down to the
 * granule. quota + overhead(quota) <= budget, so the plan fits the pool.
 */
static int vp_share_overhead(const struct vfprov_res_caps *rc,
			     const struct vfprov_pf_cfg *req,
			     struct vfprov_pf_cfg *plan, int res, __u32 gt,
			     __u64 fair, __u32 nfair, __u64 avail, __u64 cap, __u64 left,
			     int others, struct vfprov_plan_err *perr)
{
	__u64 g = rc->granule ? rc->granule : 1;
	__u64 bmin = vp_min_budget(rc, g), bcap = VP_U64_MAX, b, ovh, q;
	__u32 i, n = plan->num_vfs;

	if (rc->required && (bmin == VP_U64_MAX ||
			     vfprov_mul_div(bmin, nfair, 1) > avail))
		return vp_fail_short(perr, res, nfair, bmin == VP_U64_MAX ?
				     VP_U64_MAX : bmin * g, left, others);
	if (cap != VP_U64_MAX)
		bcap = cap + vp_div(vfprov_quota_cost(rc, cap * g) - cap * g +
				    g - 1, g);
	vp_share(req, plan, res, gt, fair, avail, bcap, 0);
	for (i = 0; i < n; i++) {
		if (!(fair >> i & 1))
			continue;
		b = *vp_out(plan, i, gt, res);
		ovh = rc->vf_overhead + b * rc->vf_overhead_granule;
		q = b * g > ovh ? vp_div(b * g - ovh, g) : 0;
		if (q > cap)
			q = cap;
		if (!q && rc->required)
			return vp_fail_short(perr, res, nfair, bmin * g, left,
					     others);
		*vp_out(plan, i, gt, res) = q * g;
	}
	return 0;
}

/*
 * Least disruption: with the same number of VFs and no REBALANCE, a VF
 * whose quota of @res the request leaves unset keeps the one it holds (if
 * valid), so that nothing about it changes and it need not be disabled.
 */
static int vp_keep(const struct vfprov_res_caps *rc,
		   const struct vfprov_pf_cfg *cur,
		   const struct vfprov_pf_cfg *req, __u32 i, int res, __u32 gt)
{
	const struct vfprov_vf_cfg *c;

	if (!cur || req->set & VFPROV_SET_REBALANCE ||
	    cur->num_vfs != req->num_vfs || i >= cur->num_vfs)
		return 0;
	c = &cur->vf[i];
	return vp_set(c, gt, res) && (vp_q(c, gt, res) || !rc->required);
}

/*
 * What VF @i's quota @q costs: a VF that holds @q already (its tables are
 * outside the pool, they return with its quota) costs @q, others the quota
 * plus the overhead.
 */
static __u64 vp_cost(const struct vfprov_res_caps *rc,
		     const struct vfprov_pf_cfg *cur, __u32 i, int res,
		     __u32 gt, __u64 q)
{
	if (cur && vp_set(&cur->vf[i], gt, res) &&
	    vp_q(&cur->vf[i], gt, res) == q)
		return q;
	return vfprov_quota_cost(rc, q);
}

/*
 * Whether every VF ends with the quota of @res it holds now (same VF count,
 * each quota kept or requested as it is). Then nothing of @res is written
 * and the quotas the driver accepted are not checked again against a pool
 * the planner only estimates (contexts_free hides a PF reserve).
 */
static int vp_unchanged(const struct vfprov_res_caps *rc,
			const struct vfprov_pf_cfg *cur,
			const struct vfprov_pf_cfg *req, int res, __u32 gt)
{
	__u64 g = rc->granule ? rc->granule : 1, q;
	__u32 i;

	if (!cur || !req->num_vfs || cur->num_vfs != req->num_vfs)
		return 0;
	for (i = 0; i < req->num_vfs; i++) {
		if (!(vp_set(&cur->vf[i], gt, res)))
			return 0;
		if (!(vp_set(&req->vf[i], gt, res))) {
			if (!vp_keep(rc, cur, req, i, res, gt))
				return 0;
			continue;
		}
		q = vp_q(&req->vf[i], gt, res);
		if (vp_round_up(&q, g) || q != vp_q(&cur->vf[i], gt, res) ||
		    (!q && rc->required))
			return 0;
	}
	return 1;
}

/*
 * Quotas of a resource without a pool (rc->no_pool): the request's, else
 * the live ones kept, else none. The driver fair-provisions it at an AUTO
 * enable only while no VF holds any (xe 7.1), so a VF left without one
 * next to VFs with one would come up without it.
 */
static int vp_plan_explicit(const struct vfprov_res_caps *rc,
			    const struct vfprov_pf_cfg *cur,
			    const struct vfprov_pf_cfg *req,
			    struct vfprov_pf_cfg *plan, int res, __u32 gt,
			    struct vfprov_plan_err *perr)
{
	__u64 g = rc->granule ? rc->granule : 1, q;
	__u32 i, n = plan->num_vfs, with = 0;

	for (i = 0; i < n; i++) {
		if (vp_set(&req->vf[i], gt, res))
			q = vp_q(&req->vf[i], gt, res);
		else if (vp_keep(rc, cur, req, i, res, gt))
			q = vp_q(&cur->vf[i], gt, res);
		else
			q = 0;
		if (vp_round_up(&q, g))
			return vp_fail_res(perr, VP_QUOTA_OVERFLOW, i + 1, res,
					   q, g, 0);
		*vp_out(plan, i, gt, res) = q;
		with += q != 0;
	}
	for (i = 0; with && with < n; i++)
		if (!*vp_out(plan, i, gt, res))
			return vp_fail_res(perr, VP_QUOTA_SOME, i + 1, res, 0,
					   0, 1);
	return 0;
}

/* Quotas of @res for every VF: explicit ones first, then the fair share. */
static int vp_plan_quotas_try(const struct vfprov_res_caps *rc,
			      const struct vfprov_pf_cfg *cur,
			      const struct vfprov_pf_cfg *req,
			      struct vfprov_pf_cfg *plan, int res, __u32 gt,
			      int keep, struct vfprov_plan_err *perr)
{
	__u64 g = rc->granule ? rc->granule : 1;
	__u64 usable, sum = 0, fair = 0, q, c, avail, base, cap, left;
	__u32 i, n = plan->num_vfs, nfair = 0;

	if (!rc->present) {
		for (i = 0; i < n; i++)
			if (vp_set(&req->vf[i], gt, res) &&
			    vp_q(&req->vf[i], gt, res))
				return vp_fail_res(perr, VP_QUOTA_ABSENT,
						   i + 1, res,
						   vp_q(&req->vf[i], gt, res), 0, 0);
		return 0;
	}
	if (rc->no_pool)
		return vp_plan_explicit(rc, cur, req, plan, res, gt, perr);
	if (vp_unchanged(rc, cur, req, res, gt)) {
		for (i = 0; i < n; i++)
			*vp_out(plan, i, gt, res) = vp_q(&cur->vf[i], gt, res);
		return 0;
	}
	usable = rc->pool - plan->spare[res];

	for (i = 0; i < n; i++) {
		if (!(vp_set(&req->vf[i], gt, res)) && keep &&
		    vp_keep(rc, cur, req, i, res, gt)) {
			q = vp_q(&cur->vf[i], gt, res);
		} else if (!(vp_set(&req->vf[i], gt, res))) {
			fair |= 1ull << i;
			nfair++;
			continue;
		} else {
			q = vp_q(&req->vf[i], gt, res);
		}
		if (vp_round_up(&q, g))
			return vp_fail_res(perr, VP_QUOTA_OVERFLOW, i + 1, res,
					   q, g, 0);
		if (!q && rc->required)
			return vp_fail_res(perr, VP_QUOTA_ZERO, i + 1, res,
					   0, g, 0);
		if (rc->vf_max && q > rc->vf_max)
			return vp_fail_res(perr, VP_QUOTA_VF_MAX, i + 1, res,
					   q, rc->vf_max, 0);
		c = vp_cost(rc, cur, i, res, gt, q);
		if (c > usable - sum && c != q)
			return vp_fail_res3(perr, VP_QUOTA_LEFT_OVH, i + 1, res,
					    q, usable - sum, c - q, sum != 0);
		if (c > usable - sum)
			return vp_fail_res(perr, VP_QUOTA_LEFT, i + 1, res,
					   q, usable - sum, sum != 0);
		sum += c;
		*vp_out(plan, i, gt, res) = q;
	}
	if (!nfair)
		return 0;

	left = usable - sum;
	if (rc->fair_headroom && left > rc->fair_headroom)
		left -= rc->fair_headroom;
	avail = vp_div(left, g);
	cap = rc->vf_max ? vp_div(rc->vf_max, g) : VP_U64_MAX;
	base = rc->required ? 1 : 0;
	if (rc->required && !cap)
		return vp_fail_res(perr, VP_MAX_GRANULE, 0, res,
				   rc->vf_max, g, 0);
	if (vp_has_overhead(rc))
		return vp_share_overhead(rc, req, plan, res, gt, fair, nfair, avail,
					 cap, left, sum != 0, perr);
	if (rc->required && avail < nfair)
		return vp_fail_short(perr, res, nfair, g, left, sum != 0);

	vp_share(req, plan, res, gt, fair, avail - nfair * base, cap - base, 1);
	for (i = 0; i < n; i++)
		if (fair >> i & 1)
			*vp_out(plan, i, gt, res) = (*vp_out(plan, i, gt, res) + base) * g;
	return 0;
}

/*
 * Unset quotas keep the live values where they fit (least disruption).
 * When the request's explicit quotas leave no room for them, some quota of
 * @res changes anyway, so the backend releases them all with the VFs off:
 * nothing stays running to be kept, and the unset quotas are shared afresh.
 */
static int vp_plan_quotas_gt(const struct vfprov_res_caps *rc,
			     const struct vfprov_pf_cfg *cur,
			     const struct vfprov_pf_cfg *req,
			     struct vfprov_pf_cfg *plan, int res, __u32 gt,
			     struct vfprov_plan_err *perr)
{
	int ret = vp_plan_quotas_try(rc, cur, req, plan, res, gt, 1, perr);

	if (ret && (ret == -EDQUOT || ret == -ENOSPC))
		ret = vp_plan_quotas_try(rc, cur, req, plan, res, gt, 0, perr);
	return ret;
}

static int vp_per_gt(int res)
{
	return res == VFPROV_RES_CONTEXTS || res == VFPROV_RES_DOORBELLS;
}

/* GTs of @caps whose columns are planned apart (1: only the VF's). */
static __u32 vp_gts(const struct vfprov_plan_caps *caps)
{
	if (caps->gts < 1)
		return 1;
	return caps->gts < VFPROV_GTS ? caps->gts : VFPROV_GTS;
}

/* A failure on GT @gt of a PF with several: the message names the GT. */
static int vp_fail_gt(struct vfprov_plan_err *perr, int err, __u32 gt)
{
	size_t len;

	if (!perr)
		return err;
	perr->gt = gt;
	len = strlen(perr->msg);
	snprintf(perr->msg + len, sizeof(perr->msg) - len, " on gt%u", gt);
	return err;
}

/*
 * Quotas of @res: once for the VFs, or for a per-GT resource of a PF with
 * several GTs once per GT (each GT has its own pool, and the fair share
 * on one takes what the others' own values leave), kept as the GT's own
 * only where it differs from gt0's.
 */
static int vp_plan_quotas(const struct vfprov_plan_caps *caps,
			  const struct vfprov_pf_cfg *cur,
			  const struct vfprov_pf_cfg *req,
			  struct vfprov_pf_cfg *plan, int res,
			  struct vfprov_plan_err *perr)
{
	__u32 gts = vp_per_gt(res) ? vp_gts(caps) : 1, gt, i;
	int ret;

	for (gt = 0; gt < gts; gt++) {
		ret = vp_plan_quotas_gt(&caps->res[res], cur, req, plan, res,
					gt, perr);
		if (ret)
			return gts > 1 ? vp_fail_gt(perr, ret, gt) : ret;
	}
	for (i = 0; i < plan->num_vfs; i++) {
		if (!(plan->vf[i].set & VFPROV_SET_QUOTA(res)))
			continue;	/* the PF lacks it */
		for (gt = 1; gt < gts; gt++)
			vfprov_gt_put_quota(&plan->vf[i], gt, res,
					    plan->vf[i].gt[gt].quota[res]);
	}
	return 0;
}

/* A GT value set for a GT the PF does not have (or not per GT). */
static int vp_check_gts(const struct vfprov_plan_caps *caps,
			const struct vfprov_pf_cfg *req,
			struct vfprov_plan_err *perr)
{
	__u32 i, gt;

	for (i = 0; i < req->num_vfs; i++) {
		for (gt = 0; gt < VFPROV_GTS; gt++) {
			__u32 set = req->vf[i].gt[gt].set;

			if (set & ~VFPROV_SET_GT_VALUES)
				return vp_fail(perr, -EINVAL, i + 1, -1,
					       "only contexts, doorbells, exec_quantum_ms and preempt_timeout_us are per GT");
			if (set && gt >= vp_gts(caps))
				return vp_fail_gt(perr,
						  vp_fail(perr, -EINVAL, i + 1, -1,
							  "the PF has no such GT: a value is set"),
						  gt);
		}
	}
	return 0;
}

/* Where a PF value comes from: @req if it sets @bit, else @cur if it does. */
static const struct vfprov_pf_cfg *vp_src(const struct vfprov_pf_cfg *cur,
					  const struct vfprov_pf_cfg *req,
					  __u32 bit)
{
	if (req->set & bit)
		return req;
	if (cur && cur->set & bit)
		return cur;
	return NULL;
}

/* PF policies and priority: the request's, else the live ones. */
static void vp_plan_policies(const struct vfprov_pf_cfg *cur,
			     const struct vfprov_pf_cfg *req,
			     struct vfprov_pf_cfg *plan)
{
	const struct vfprov_pf_cfg *src;

	src = vp_src(cur, req, VFPROV_SET_ENGINE_RESET);
	if (src) {
		plan->engine_reset = src->engine_reset;
		plan->set |= VFPROV_SET_ENGINE_RESET;
	}
	src = vp_src(cur, req, VFPROV_SET_SAMPLE_PERIOD);
	if (src) {
		plan->sample_period_ms = src->sample_period_ms;
		plan->set |= VFPROV_SET_SAMPLE_PERIOD;
	}
	src = vp_src(cur, req, VFPROV_SET_SCHED_PRIORITY);
	if (src) {
		plan->sched_priority = src->sched_priority;
		plan->set |= VFPROV_SET_SCHED_PRIORITY;
	}
}

/* A VF's thresholds: each the request's, else the live one (@c may be NULL). */
static void vp_plan_thresholds(const struct vfprov_vf_cfg *c,
			       const struct vfprov_vf_cfg *r,
			       struct vfprov_vf_cfg *p)
{
	const struct vfprov_vf_cfg *vsrc;
	int k;

	for (k = 0; k < VFPROV_THR_COUNT; k++) {
		__u32 bit = VFPROV_SET_THRESHOLD(k);

		vsrc = r->set & bit ? r : c && c->set & bit ? c : NULL;
		if (vsrc) {
			p->threshold[k] = vsrc->threshold[k];
			p->set |= bit;
		}
	}
}

/*
 * A VF's EQ (@eq) or PT on every GT: gt0's (the VF's) and each other GT's
 * from the request's column of that GT, else the live one's.
 */
static void vp_plan_vf_sched(const struct vfprov_vf_cfg *c,
			     const struct vfprov_vf_cfg *r,
			     struct vfprov_vf_cfg *p, __u32 gts, int eq)
{
	__u32 bit = eq ? VFPROV_SET_EXEC_QUANTUM : VFPROV_SET_PREEMPT_TIMEOUT;
	const struct vfprov_vf_cfg *vsrc;
	__u32 gt, v;

	for (gt = 0; gt < gts; gt++) {
		vsrc = vfprov_gt_has(r, gt, bit) ? r :
		       c && vfprov_gt_has(c, gt, bit) ? c : NULL;
		if (!vsrc)
			continue;
		v = vfprov_gt_sched(vsrc, gt, eq);
		if (gt)
			vfprov_gt_put_sched(p, gt, eq, v);
		else if (eq)
			p->exec_quantum_ms = v;
		else
			p->preempt_timeout_us = v;
		if (!gt)
			p->set |= bit;
	}
}

static void vp_plan_sched(const struct vfprov_pf_cfg *cur,
			  const struct vfprov_pf_cfg *req,
			  struct vfprov_pf_cfg *plan, __u32 gts)
{
	const struct vfprov_pf_cfg *src;
	__u32 i;

	src = vp_src(cur, req, VFPROV_SET_EXEC_QUANTUM);
	if (src) {
		plan->exec_quantum_ms = src->exec_quantum_ms;
		plan->set |= VFPROV_SET_EXEC_QUANTUM;
	}
	src = vp_src(cur, req, VFPROV_SET_PREEMPT_TIMEOUT);
	if (src) {
		plan->preempt_timeout_us = src->preempt_timeout_us;
		plan->set |= VFPROV_SET_PREEMPT_TIMEOUT;
	}
	src = vp_src(cur, req, VFPROV_SET_SCHED_IF_IDLE);
	if (src) {
		plan->sched_if_idle = src->sched_if_idle;
		plan->set |= VFPROV_SET_SCHED_IF_IDLE;
	}
	src = vp_src(cur, req, VFPROV_SET_VF_DRIVER);
	if (src) {
		plan->vf_driver = src->vf_driver;
		plan->set |= VFPROV_SET_VF_DRIVER;
	}
	vp_plan_policies(cur, req, plan);

	for (i = 0; i < plan->num_vfs; i++) {
		struct vfprov_vf_cfg *p = &plan->vf[i];
		const struct vfprov_vf_cfg *r = &req->vf[i];
		const struct vfprov_vf_cfg *c = cur ? &cur->vf[i] : NULL;

		vp_plan_vf_sched(c, r, p, gts, 1);
		vp_plan_vf_sched(c, r, p, gts, 0);
		if (r->set & VFPROV_SET_WEIGHT) {
			p->weight = r->weight;
			p->set |= VFPROV_SET_WEIGHT;
		}
		vp_plan_thresholds(c, r, p);
	}
}

int vfprov_plan(const struct vfprov_plan_caps *caps,
		const struct vfprov_pf_cfg *cur,
		const struct vfprov_pf_cfg *req,
		struct vfprov_pf_cfg *plan,
		struct vfprov_plan_err *perr)
{
	int res, ret;

	if (perr) {
		memset(perr, 0, sizeof(*perr));
		perr->res = -1;
	}
	if (!caps || !req || !plan || plan == req || plan == cur)
		return vp_fail(perr, -EINVAL, 0, -1,
			       "planner: missing or overlapping arguments");
	memset(plan, 0, sizeof(*plan));

	if (!(req->set & VFPROV_SET_NUM_VFS))
		return vp_fail(perr, -EINVAL, 0, -1, "num_vfs is required");
	if (req->num_vfs > caps->total_vfs) {
		ret = vp_fail_num_vfs(perr, req->num_vfs, caps->total_vfs,
				      "sriov_totalvfs");
		goto fail;
	}
	if (req->num_vfs > VFPROV_MAX_VFS) {
		ret = vp_fail_num_vfs(perr, req->num_vfs, VFPROV_MAX_VFS,
				      "the vfprov limit of");
		goto fail;
	}
	ret = vp_check_gts(caps, req, perr);
	if (ret)
		goto fail;
	plan->num_vfs = req->num_vfs;
	plan->set |= VFPROV_SET_NUM_VFS;

	vp_plan_sched(cur, req, plan, vp_gts(caps));

	for (res = 0; res < VFPROV_RES_COUNT; res++) {
		ret = vp_plan_spare(&caps->res[res], cur, req, plan, res, perr);
		if (ret)
			goto fail;
	}
	for (res = 0; res < VFPROV_RES_COUNT; res++) {
		ret = vp_plan_quotas(caps, cur, req, plan, res, perr);
		if (ret)
			goto fail;
	}
	return 0;

fail:
	memset(plan, 0, sizeof(*plan));
	return ret;
}

__u64 vfprov_plan_unallocated(const struct vfprov_plan_caps *caps,
			      const struct vfprov_pf_cfg *plan,
			      enum vfprov_res res)
{
	const struct vfprov_res_caps *rc;
	__u64 usable, sum = 0;
	__u32 i;

	if ((unsigned int)res >= VFPROV_RES_COUNT)
		return 0;
	rc = &caps->res[res];
	if (!rc->present || rc->no_pool || plan->spare[res] > rc->pool)
		return 0;
	usable = rc->pool - plan->spare[res];
	for (i = 0; i < plan->num_vfs && i < VFPROV_MAX_VFS; i++) {
		__u64 c = vfprov_quota_cost(rc, plan->vf[i].quota[res]);

		if (c > usable - sum)
			return 0;
		sum += c;
	}
	return vp_div(usable - sum, rc->granule ? rc->granule : 1);
}
