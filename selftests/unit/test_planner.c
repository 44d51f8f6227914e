// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the planner (kmod/planner.c), TAP output.
 *
 * unit-links: planner.c
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "planner.h"
#include "tap.h"

#define KiB	(1024ull)
#define MiB	(1024ull * KiB)
#define GiB	(1024ull * MiB)
#define U64MAX	(~(__u64)0)

#define GGTT	VFPROV_RES_GGTT
#define LMEM	VFPROV_RES_LMEM
#define CTXS	VFPROV_RES_CONTEXTS
#define DBS	VFPROV_RES_DOORBELLS
#define NRES	VFPROV_RES_COUNT
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Big structs live here, not on the stack. */
static struct vfprov_plan_caps caps;
static struct vfprov_pf_cfg cur, req, plan, plan2;
static struct vfprov_plan_err perr;

static void res_caps(struct vfprov_res_caps *r, int required, __u64 pool,
		     __u64 spare, __u64 spare_min, __u64 granule)
{
	memset(r, 0, sizeof(*r));
	r->present = 1;
	r->required = required;
	r->pool = pool;
	r->spare = spare;
	r->spare_min = spare_min;
	r->granule = granule;
}

/* Flex 170: one GPU, 16 GiB LMEM, 4 GiB GGTT, 64K contexts, 256 doorbells. */
static void flex170(struct vfprov_plan_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->total_vfs = 31;
	res_caps(&c->res[GGTT], 1, 4 * GiB, 64 * MiB, 64 * MiB, 64 * KiB);
	res_caps(&c->res[LMEM], 1, 16 * GiB, 128 * MiB, 128 * MiB, 2 * MiB);
	res_caps(&c->res[CTXS], 1, 65536, 256, 256, 128);
	res_caps(&c->res[DBS], 0, 256, 16, 0, 1);
}

/* Flex 140: per GPU (two PFs per card) 6 GiB LMEM, the rest as Flex 170. */
static void flex140(struct vfprov_plan_caps *c)
{
	flex170(c);
	c->res[LMEM].pool = 6 * GiB;
}

static void req_init(__u32 num_vfs)
{
	memset(&req, 0, sizeof(req));
	req.set = VFPROV_SET_NUM_VFS;
	req.num_vfs = num_vfs;
}

static void req_quota(__u32 vf, int res, __u64 q)
{
	req.vf[vf - 1].set |= VFPROV_SET_QUOTA(res);
	req.vf[vf - 1].quota[res] = q;
}

static void req_weight(__u32 vf, __u32 w)
{
	req.vf[vf - 1].set |= VFPROV_SET_WEIGHT;
	req.vf[vf - 1].weight = w;
}

static __u64 usable(int res)
{
	return caps.res[res].pool - plan.spare[res];
}

static __u64 sum_quota(int res)
{
	__u64 s = 0;
	__u32 i;

	for (i = 0; i < plan.num_vfs; i++)
		s += plan.vf[i].quota[res];
	return s;
}

static int is_zero(const void *p, size_t len)
{
	const unsigned char *b = p;

	while (len--)
		if (*b++)
			return 0;
	return 1;
}

static int run_plan(const struct vfprov_pf_cfg *c)
{
	memset(&plan, 0xa5, sizeof(plan));	/* planner must not rely on it */
	return vfprov_plan(&caps, c, &req, &plan, &perr);
}

/*
 * Invariants of every successful plan; returns the number of violations.
 * @fair_vfs: VFs without an explicit quota (for the unallocated bound).
 */
static int check_plan(__u32 fair_vfs)
{
	int bad = 0, r;
	__u32 i;

	t_check(bad, plan.set & VFPROV_SET_NUM_VFS, "num_vfs set bit");
	t_check(bad, plan.num_vfs == req.num_vfs, "num_vfs %u", plan.num_vfs);
	for (r = 0; r < NRES; r++) {
		const struct vfprov_res_caps *rc = &caps.res[r];
		__u64 g = rc->granule ? rc->granule : 1;

		if (!rc->present) {
			t_check(bad, !(plan.set & VFPROV_SET_SPARE(r)),
				"absent %s spare bit", vfprov_res_names[r]);
			for (i = 0; i < plan.num_vfs; i++)
				t_check(bad, !plan.vf[i].quota[r] &&
					!(plan.vf[i].set & VFPROV_SET_QUOTA(r)),
					"absent %s on vf%u", vfprov_res_names[r],
					i + 1);
			continue;
		}
		t_check(bad, plan.set & VFPROV_SET_SPARE(r), "%s spare bit",
			vfprov_res_names[r]);
		t_check(bad, plan.spare[r] >= rc->spare_min, "%s spare %llu",
			vfprov_res_names[r], (unsigned long long)plan.spare[r]);
		t_check(bad, sum_quota(r) <= usable(r), "%s sum %llu > %llu",
			vfprov_res_names[r], (unsigned long long)sum_quota(r),
			(unsigned long long)usable(r));
		for (i = 0; i < plan.num_vfs; i++) {
			const struct vfprov_vf_cfg *v = &plan.vf[i];

			t_check(bad, v->set & VFPROV_SET_QUOTA(r),
				"vf%u %s set bit", i + 1, vfprov_res_names[r]);
			t_check(bad, v->quota[r] % g == 0,
				"vf%u %s %llu not granular", i + 1,
				vfprov_res_names[r],
				(unsigned long long)v->quota[r]);
			t_check(bad, !rc->required || v->quota[r],
				"vf%u %s is 0", i + 1, vfprov_res_names[r]);
			t_check(bad, !rc->vf_max || v->quota[r] <= rc->vf_max,
				"vf%u %s above vf_max", i + 1,
				vfprov_res_names[r]);
		}
		if (fair_vfs && !rc->vf_max)
			t_check(bad, vfprov_plan_unallocated(&caps, &plan, r) <
				fair_vfs, "%s unallocated %llu granules",
				vfprov_res_names[r],
				(unsigned long long)
				vfprov_plan_unallocated(&caps, &plan, r));
	}
	t_check(bad, is_zero(&plan.vf[plan.num_vfs],
			     sizeof(plan.vf[0]) *
			     (VFPROV_MAX_VFS - plan.num_vfs)),
		"VF entries beyond num_vfs must be zero");
	return bad;
}

/* ---- fair share on Flex 170 ------------------------------------------ */

/* XPU Manager reference profiles (I915_PRELIM_ABI.md). */
struct profile {
	__u32 vfs;
	__u64 lmem, ggtt, doorbells;
};

static const struct profile flex170_profiles[] = {
	{ 1, 16777216000ull, 4026531840ull, 240 },
	{ 2, 8388608000ull, 2013265920ull, 120 },
	{ 4, 4194304000ull, 1006632960ull, 60 },
	{ 5, 3355443200ull, 805306368ull, 48 },
	{ 8, 2097152000ull, 503316480ull, 30 },
	{ 16, 1048576000ull, 251658240ull, 15 },
};

static const struct profile flex140_profiles[] = {
	{ 1, 6039797760ull, 4026531840ull, 240 },
	{ 3, 2013265920ull, 1342177280ull, 80 },
	{ 6, 1006632960ull, 671088640ull, 40 },
	{ 12, 503316480ull, 335544320ull, 20 },
};

static const struct profile *find_profile(__u32 vfs)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flex170_profiles);
	     i++)
		if (flex170_profiles[i].vfs == vfs)
			return &flex170_profiles[i];
	return NULL;
}

static void test_fair_flex170(void)
{
	static const __u32 counts[] = { 1, 2, 4, 5, 8, 16, 31 };
	size_t k;

	for (k = 0; k < ARRAY_SIZE(counts); k++) {
		__u32 n = counts[k], i;
		const struct profile *p = find_profile(n);
		int bad = 0, rc, r;

		flex170(&caps);
		req_init(n);
		rc = run_plan(NULL);
		t_check(bad, rc == 0, "rc %d: %s", rc, perr.msg);
		if (!rc) {
			bad += check_plan(n);
			for (r = 0; r < NRES; r++) {
				__u64 g = caps.res[r].granule, lo = U64MAX,
				      hi = 0;

				for (i = 0; i < n; i++) {
					__u64 q = plan.vf[i].quota[r];

					lo = q < lo ? q : lo;
					hi = q > hi ? q : hi;
				}
				t_check(bad, hi - lo <= g,
					"%s equal weights differ by %llu",
					vfprov_res_names[r],
					(unsigned long long)(hi - lo));
			}
			/* spares default to max(current, minimum) */
			t_check(bad, plan.spare[LMEM] == 128 * MiB &&
				plan.spare[GGTT] == 64 * MiB &&
				plan.spare[CTXS] == 256 && plan.spare[DBS] == 16,
				"default spares");
			/* auto plan gives at least what XPU Manager gives */
			for (i = 0; p && i < n; i++)
				t_check(bad, plan.vf[i].quota[LMEM] >= p->lmem &&
					plan.vf[i].quota[GGTT] >= p->ggtt &&
					plan.vf[i].quota[DBS] >= p->doorbells &&
					plan.vf[i].quota[CTXS] >= 1024,
					"vf%u below the reference profile",
					i + 1);
		}
		t_ok(!bad, "Flex 170 fair share of %u VF%s: granular, fits, < %u granules unused",
		     n, n > 1 ? "s" : "", n);
	}
}

/* Exact values for one case, to pin the algorithm down. */
static void test_fair_exact(void)
{
	int bad = 0;
	__u32 i;

	flex170(&caps);
	req_init(31);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	/* LMEM 16256 MiB = 8128 granules / 31 = 262 r 6: VFs 1-6 get 263 */
	for (i = 0; i < 31; i++)
		t_check(bad, plan.vf[i].quota[LMEM] ==
			(i < 6 ? 263 : 262) * 2 * MiB, "vf%u lmem %llu", i + 1,
			(unsigned long long)plan.vf[i].quota[LMEM]);
	/* contexts: 65280 / 128 = 510 blocks / 31 = 16 r 14 */
	for (i = 0; i < 31; i++)
		t_check(bad, plan.vf[i].quota[CTXS] == (i < 14 ? 17 : 16) * 128,
			"vf%u contexts %llu", i + 1,
			(unsigned long long)plan.vf[i].quota[CTXS]);
	/* doorbells: 240 / 31 = 7 r 23 */
	for (i = 0; i < 31; i++)
		t_check(bad, plan.vf[i].quota[DBS] == (i < 23 ? 8u : 7u),
			"vf%u doorbells %llu", i + 1,
			(unsigned long long)plan.vf[i].quota[DBS]);
	for (i = 0; i < NRES; i++)
		t_check(bad, vfprov_plan_unallocated(&caps, &plan, i) == 0,
			"%s unallocated", vfprov_res_names[i]);
	t_ok(!bad, "31 VFs: leftover granules go one by one in VF order, 0 unused");
}

/* ---- reference profiles as explicit quotas ---------------------------- */

static void profile_request(const struct profile *p)
{
	__u32 i, n = p->vfs;

	req_init(n);
	req.set |= VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT |
		   VFPROV_SET_SCHED_IF_IDLE | VFPROV_SET_VF_DRIVER;
	req.exec_quantum_ms = 20;
	req.preempt_timeout_us = 20000;
	req.sched_if_idle = 0;
	req.vf_driver = VFPROV_VF_DRIVER_VFIO_PCI;
	for (i = 1; i <= n; i++) {
		struct vfprov_vf_cfg *v = &req.vf[i - 1];

		req_quota(i, LMEM, p->lmem);
		req_quota(i, GGTT, p->ggtt);
		req_quota(i, CTXS, 1024);
		req_quota(i, DBS, p->doorbells);
		/* Flexible_30fps_GPUTimeSlicing */
		v->set |= VFPROV_SET_EXEC_QUANTUM | VFPROV_SET_PREEMPT_TIMEOUT;
		v->exec_quantum_ms = 32 / n > 1 ? 32 / n : 1;
		v->preempt_timeout_us = n == 1 ? 128000 :
					64000 / n > 16000 ? 64000 / n : 16000;
	}
}

static void test_profiles(const char *card, const struct profile *tab,
			  size_t rows, void (*model)(struct vfprov_plan_caps *))
{
	size_t k;

	for (k = 0; k < rows; k++) {
		const struct profile *p = &tab[k];
		int bad = 0, rc;
		__u32 i;

		model(&caps);
		profile_request(p);
		rc = run_plan(NULL);
		t_check(bad, rc == 0, "rc %d: %s", rc, perr.msg);
		if (!rc) {
			bad += check_plan(0);
			for (i = 0; i < p->vfs; i++) {
				const struct vfprov_vf_cfg *v = &plan.vf[i];
				const struct vfprov_vf_cfg *q = &req.vf[i];

				t_check(bad, v->quota[LMEM] == p->lmem &&
					v->quota[GGTT] == p->ggtt &&
					v->quota[CTXS] == 1024 &&
					v->quota[DBS] == p->doorbells,
					"vf%u quotas differ", i + 1);
				t_check(bad, v->exec_quantum_ms ==
					q->exec_quantum_ms &&
					v->preempt_timeout_us ==
					q->preempt_timeout_us &&
					(v->set & VFPROV_SET_EXEC_QUANTUM) &&
					(v->set & VFPROV_SET_PREEMPT_TIMEOUT),
					"vf%u scheduling", i + 1);
			}
			t_check(bad, plan.exec_quantum_ms == 20 &&
				plan.preempt_timeout_us == 20000 &&
				plan.vf_driver == VFPROV_VF_DRIVER_VFIO_PCI &&
				(plan.set & VFPROV_SET_SCHED_IF_IDLE) &&
				(plan.set & VFPROV_SET_VF_DRIVER),
				"PF scheduling/driver");
		}
		t_ok(!bad, "%s reference profile %u VF%s reproduced exactly",
		     card, p->vfs, p->vfs > 1 ? "s" : "");
	}
}

/* ---- explicit + fair, weights, vf_max --------------------------------- */

static void test_explicit_then_fair(void)
{
	int bad = 0;

	flex170(&caps);
	req_init(4);
	req_quota(2, LMEM, 8 * GiB);
	req_quota(3, GGTT, 100 * KiB);	/* rounded up to 128 KiB */
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	/* (16256 - 8192) MiB / 3 = 2688 MiB each */
	t_check(bad, plan.vf[1].quota[LMEM] == 8 * GiB, "vf2 lmem");
	t_check(bad, plan.vf[0].quota[LMEM] == 2688 * MiB &&
		plan.vf[2].quota[LMEM] == 2688 * MiB &&
		plan.vf[3].quota[LMEM] == 2688 * MiB, "others lmem %llu",
		(unsigned long long)plan.vf[0].quota[LMEM]);
	t_check(bad, plan.vf[2].quota[GGTT] == 128 * KiB, "vf3 ggtt %llu",
		(unsigned long long)plan.vf[2].quota[GGTT]);
	/* (4032 MiB - 128 KiB) / 3 = 1343.96 MiB: 21503 granules r 1 */
	t_check(bad, plan.vf[0].quota[GGTT] == 21504 * 64 * KiB &&
		plan.vf[1].quota[GGTT] == 21503 * 64 * KiB &&
		plan.vf[3].quota[GGTT] == 21503 * 64 * KiB, "others ggtt %llu %llu",
		(unsigned long long)plan.vf[0].quota[GGTT],
		(unsigned long long)plan.vf[1].quota[GGTT]);
	bad += check_plan(3);
	t_ok(!bad, "explicit quotas first (rounded up), the rest shared by the others");
}

static void test_round_up(void)
{
	int bad = 0;

	flex170(&caps);
	req_init(2);
	req_quota(1, LMEM, 1);
	req_quota(1, CTXS, 129);
	req_quota(1, GGTT, 64 * KiB);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[LMEM] == 2 * MiB &&
		plan.vf[0].quota[CTXS] == 256 &&
		plan.vf[0].quota[GGTT] == 64 * KiB, "rounded");
	t_ok(!bad, "explicit quotas are rounded up to the granule");
}

static void test_weights(void)
{
	int bad = 0;

	/* optional resource, granule 1: exact 2:1 */
	memset(&caps, 0, sizeof(caps));
	caps.total_vfs = 8;
	res_caps(&caps.res[DBS], 0, 3016, 16, 16, 1);
	req_init(2);
	req_weight(1, 2);
	req_weight(2, 0);		/* 0 means 1 */
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[DBS] == 2000 &&
		plan.vf[1].quota[DBS] == 1000, "%llu:%llu",
		(unsigned long long)plan.vf[0].quota[DBS],
		(unsigned long long)plan.vf[1].quota[DBS]);
	t_check(bad, (plan.vf[0].set & VFPROV_SET_WEIGHT) &&
		plan.vf[0].weight == 2, "weight copied");
	t_ok(!bad, "weights 2:1 split an optional resource exactly");

	/* Flex 170: 2:1:1 over 3 VFs, required resources keep 1 granule min */
	bad = 0;
	flex170(&caps);
	req_init(3);
	req_weight(1, 2);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	/* lmem 8128 granules: base 1 each, 8125 by 2:1:1 = 4062 2031 2031 r 1 */
	t_check(bad, plan.vf[0].quota[LMEM] == 4064 * 2 * MiB &&
		plan.vf[1].quota[LMEM] == 2032 * 2 * MiB &&
		plan.vf[2].quota[LMEM] == 2032 * 2 * MiB, "lmem %llu %llu %llu",
		(unsigned long long)plan.vf[0].quota[LMEM],
		(unsigned long long)plan.vf[1].quota[LMEM],
		(unsigned long long)plan.vf[2].quota[LMEM]);
	bad += check_plan(3);
	t_ok(!bad, "weights 2:1:1 on Flex 170: 8 GiB-ish / 4 / 4, nothing lost");

	/* extreme weights: the light VF still gets one granule */
	bad = 0;
	flex170(&caps);
	req_init(2);
	req_weight(1, 4000000000u);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[1].quota[LMEM] == 2 * MiB &&
		plan.vf[1].quota[GGTT] == 64 * KiB &&
		plan.vf[1].quota[CTXS] == 128, "light VF %llu",
		(unsigned long long)plan.vf[1].quota[LMEM]);
	bad += check_plan(2);
	t_ok(!bad, "huge weight ratio: the light VF keeps one granule of each required resource");
}

static void test_vf_max(void)
{
	int bad = 0;

	/* 3 VFs weights 4:1:1, lmem vf_max 6 GiB: vf1 capped, rest shared */
	flex170(&caps);
	caps.res[LMEM].vf_max = 6 * GiB;
	req_init(3);
	req_weight(1, 4);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[LMEM] == 6 * GiB &&
		plan.vf[1].quota[LMEM] == 5056 * MiB &&
		plan.vf[2].quota[LMEM] == 5056 * MiB, "lmem %llu %llu %llu",
		(unsigned long long)plan.vf[0].quota[LMEM],
		(unsigned long long)plan.vf[1].quota[LMEM],
		(unsigned long long)plan.vf[2].quota[LMEM]);
	t_check(bad, vfprov_plan_unallocated(&caps, &plan, LMEM) == 0,
		"unallocated");
	bad += check_plan(3);
	t_ok(!bad, "vf_max caps a heavy VF, its excess goes to the others");

	/* every VF capped: the rest stays unused, not an error */
	bad = 0;
	flex170(&caps);
	caps.res[LMEM].vf_max = 4 * GiB + 1 * MiB;	/* not granular */
	req_init(2);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[LMEM] == 4 * GiB &&
		plan.vf[1].quota[LMEM] == 4 * GiB, "lmem %llu",
		(unsigned long long)plan.vf[0].quota[LMEM]);
	t_check(bad, vfprov_plan_unallocated(&caps, &plan, LMEM) ==
		(16256 - 8192) / 2, "unallocated %llu",
		(unsigned long long)vfprov_plan_unallocated(&caps, &plan, LMEM));
	bad += check_plan(0);
	t_ok(!bad, "all VFs at vf_max (rounded down to the granule): rest unused");

	/* an explicit quota at vf_max is fine, the others share the rest */
	bad = 0;
	flex170(&caps);
	caps.res[LMEM].vf_max = 6 * GiB;
	req_init(3);
	req_quota(3, LMEM, 6 * GiB);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[LMEM] == 5056 * MiB &&
		plan.vf[1].quota[LMEM] == 5056 * MiB, "lmem %llu",
		(unsigned long long)plan.vf[0].quota[LMEM]);
	t_ok(!bad, "explicit quota equal to vf_max accepted");
}

/* ---- errors ------------------------------------------------------------ */

struct err_case {
	const char *desc;
	void (*setup)(void);
	int err;
	__u32 vf;
	int res;
	const char *msg;	/* exact message */
};

static void e_no_num_vfs(void)
{
	req_init(4);
	req.set &= ~VFPROV_SET_NUM_VFS;
}

static void e_too_many(void)
{
	req_init(32);
}

static void e_over_max(void)
{
	caps.total_vfs = 100;
	req_init(64);
}

static void e_spare_min(void)
{
	req_init(2);
	req.set |= VFPROV_SET_SPARE(LMEM);
	req.spare[LMEM] = 64 * MiB;
}

static void e_spare_pool(void)
{
	req_init(2);
	req.set |= VFPROV_SET_SPARE(GGTT);
	req.spare[GGTT] = 5 * GiB;
}

static void e_vf_max(void)
{
	caps.res[LMEM].vf_max = 6 * GiB;
	req_init(4);
	req_quota(2, LMEM, 8 * GiB);
}

static void e_sum(void)
{
	req_init(4);
	req_quota(1, LMEM, 6 * GiB);
	req_quota(2, LMEM, 6 * GiB);
	req_quota(3, LMEM, 6 * GiB);
	req_quota(4, LMEM, 6 * GiB);
}

static void e_first(void)
{
	req_init(2);
	req_quota(2, GGTT, 4 * GiB);
}

static void e_zero(void)
{
	req_init(3);
	req_quota(2, GGTT, 0);
}

static void e_zero_optional(void)
{
	req_init(3);
	req_quota(2, DBS, 0);
	req_quota(2, LMEM, 17 * GiB);
}

static void e_short(void)
{
	caps.res[GGTT].pool = 64 * MiB + 30 * 64 * KiB;
	req_init(31);
}

static void e_short_after_explicit(void)
{
	caps.res[CTXS].pool = 256 + 4 * 128;
	req_init(4);
	req_quota(1, CTXS, 384);
}

static void e_overflow(void)
{
	req_init(1);
	req_quota(1, LMEM, U64MAX - 5);
}

static void e_absent_quota(void)
{
	caps.res[LMEM].present = 0;
	req_init(2);
	req_quota(2, LMEM, 1 * GiB);
}

static void e_absent_spare(void)
{
	caps.res[LMEM].present = 0;
	req_init(2);
	req.set |= VFPROV_SET_SPARE(LMEM);
	req.spare[LMEM] = 128 * MiB;
}

static void e_max_granule(void)
{
	caps.res[GGTT].vf_max = 32 * KiB;
	req_init(2);
}

static const struct err_case err_cases[] = {
	{ "num_vfs missing", e_no_num_vfs, -EINVAL, 0, -1,
	  "num_vfs is required" },
	{ "num_vfs above sriov_totalvfs", e_too_many, -ERANGE, 0, -1,
	  "num_vfs 32 exceeds sriov_totalvfs 31" },
	{ "num_vfs above VFPROV_MAX_VFS", e_over_max, -ERANGE, 0, -1,
	  "num_vfs 64 exceeds the vfprov limit of 63" },
	{ "spare below its minimum", e_spare_min, -EINVAL, 0, LMEM,
	  "lmem_spare 64.0 MiB is below the minimum 128.0 MiB" },
	{ "spare above the pool", e_spare_pool, -ENOSPC, 0, GGTT,
	  "ggtt_spare 5.0 GiB exceeds the 4.0 GiB ggtt pool" },
	{ "explicit quota above vf_max", e_vf_max, -EDQUOT, 2, LMEM,
	  "vf2 lmem_quota 8.0 GiB exceeds lmem_max_quota 6.0 GiB" },
	{ "sum over usable names the VF where it goes over", e_sum, -EDQUOT,
	  3, LMEM,
	  "vf3 lmem_quota 6.0 GiB exceeds the 3968.0 MiB left after lmem_spare and other VFs" },
	{ "one quota above usable", e_first, -EDQUOT, 2, GGTT,
	  "vf2 ggtt_quota 4.0 GiB exceeds the 4032.0 MiB left after ggtt_spare" },
	{ "required resource explicitly 0", e_zero, -EINVAL, 2, GGTT,
	  "vf2 ggtt_quota 0: a VF needs ggtt (at least 64.0 KiB)" },
	{ "optional resource 0 is fine, the next error is reported",
	  e_zero_optional, -EDQUOT, 2, LMEM,
	  "vf2 lmem_quota 17.0 GiB exceeds the 16256.0 MiB left after lmem_spare" },
	{ "fair share below one granule", e_short, -ENOSPC, 0, GGTT,
	  "31 VFs need 31 x 64.0 KiB ggtt, only 1920.0 KiB left after ggtt_spare" },
	{ "fair share below one granule after explicit quotas",
	  e_short_after_explicit, -ENOSPC, 0, CTXS,
	  "3 VFs need 3 x 128 contexts, only 128 left after contexts_spare and explicit quotas" },
	{ "rounding up overflows", e_overflow, -EOVERFLOW, 1, LMEM,
	  "vf1 lmem_quota 18446744073709551610 bytes overflows when rounded up to 2.0 MiB" },
	{ "quota for a resource the PF lacks", e_absent_quota, -EINVAL, 2,
	  LMEM, "vf2 lmem_quota 1.0 GiB is set but the PF has no lmem" },
	{ "spare for a resource the PF lacks", e_absent_spare, -EINVAL, 0,
	  LMEM, "lmem_spare 128.0 MiB is set but the PF has no lmem" },
	{ "vf_max below one granule of a required resource", e_max_granule,
	  -EDQUOT, 0, GGTT,
	  "ggtt_max_quota 32.0 KiB is below one 64.0 KiB granule: a VF needs ggtt" },
};

static void test_errors(void)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(err_cases); k++) {
		const struct err_case *e = &err_cases[k];
		int bad = 0, rc;

		flex170(&caps);
		e->setup();
		rc = run_plan(NULL);
		t_check(bad, rc == e->err, "rc %d want %d", rc, e->err);
		t_check(bad, perr.err == e->err, "perr.err %d", perr.err);
		t_check(bad, perr.vf == e->vf, "perr.vf %u want %u", perr.vf,
			e->vf);
		t_check(bad, perr.res == e->res, "perr.res %d want %d",
			perr.res, e->res);
		t_check(bad, !strcmp(perr.msg, e->msg), "msg \"%s\"\n"
			"#   want \"%s\"", perr.msg, e->msg);
		t_check(bad, strlen(perr.msg) < sizeof(perr.msg) - 1,
			"message may be truncated");
		t_check(bad, is_zero(&plan, sizeof(plan)),
			"plan not zeroed on failure");
		/* the same without perr */
		rc = vfprov_plan(&caps, NULL, &req, &plan, NULL);
		t_check(bad, rc == e->err, "rc %d without perr", rc);
		t_ok(!bad, "error: %s (%d)", e->desc, e->err);
	}
}

static void test_bad_args(void)
{
	int bad = 0;

	flex170(&caps);
	req_init(1);
	t_check(bad, vfprov_plan(&caps, NULL, &req, &req, &perr) == -EINVAL,
		"plan == req");
	t_check(bad, vfprov_plan(&caps, &plan, &req, &plan, &perr) == -EINVAL,
		"plan == cur");
	t_check(bad, vfprov_plan(NULL, NULL, &req, &plan, &perr) == -EINVAL,
		"no caps");
	t_check(bad, perr.err == -EINVAL && perr.res == -1, "perr");
	t_ok(!bad, "aliased or missing arguments: -EINVAL");
}

/* ---- cur fallback, absent resources, determinism ------------------------ */

static void cur_state(void)
{
	__u32 i;

	memset(&cur, 0, sizeof(cur));
	cur.set = VFPROV_SET_NUM_VFS | VFPROV_SET_SPARE(LMEM) |
		  VFPROV_SET_SPARE(DBS) | VFPROV_SET_EXEC_QUANTUM |
		  VFPROV_SET_PREEMPT_TIMEOUT | VFPROV_SET_SCHED_IF_IDLE |
		  VFPROV_SET_VF_DRIVER;
	cur.num_vfs = 8;
	cur.spare[LMEM] = 256 * MiB;
	cur.spare[DBS] = 0;
	cur.exec_quantum_ms = 25;
	cur.preempt_timeout_us = 40000;
	cur.sched_if_idle = 1;
	cur.vf_driver = VFPROV_VF_DRIVER_VFIO_PCI;
	for (i = 0; i < 8; i++) {
		cur.vf[i].set = VFPROV_SET_EXEC_QUANTUM |
				VFPROV_SET_PREEMPT_TIMEOUT |
				VFPROV_SET_WEIGHT | VFPROV_SET_QUOTA(LMEM);
		cur.vf[i].exec_quantum_ms = 10 + i;
		cur.vf[i].preempt_timeout_us = 20000 + i;
		cur.vf[i].weight = 7;		/* weights do not carry over */
		cur.vf[i].quota[LMEM] = 1 * GiB;	/* nor do quotas */
	}
}

static void test_cur_fallback(void)
{
	int bad = 0;
	__u32 i;

	flex170(&caps);
	cur_state();
	req_init(4);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.spare[LMEM] == 256 * MiB && plan.spare[DBS] == 0 &&
		plan.spare[GGTT] == 64 * MiB, "spares from cur, else caps");
	t_check(bad, plan.exec_quantum_ms == 25 &&
		plan.preempt_timeout_us == 40000 && plan.sched_if_idle == 1 &&
		plan.vf_driver == VFPROV_VF_DRIVER_VFIO_PCI, "PF from cur");
	t_check(bad, (plan.set & (VFPROV_SET_EXEC_QUANTUM |
		VFPROV_SET_PREEMPT_TIMEOUT | VFPROV_SET_SCHED_IF_IDLE |
		VFPROV_SET_VF_DRIVER)) == (VFPROV_SET_EXEC_QUANTUM |
		VFPROV_SET_PREEMPT_TIMEOUT | VFPROV_SET_SCHED_IF_IDLE |
		VFPROV_SET_VF_DRIVER), "PF set bits");
	for (i = 0; i < 4; i++) {
		t_check(bad, plan.vf[i].exec_quantum_ms == 10 + i &&
			plan.vf[i].preempt_timeout_us == 20000 + i,
			"vf%u scheduling from cur", i + 1);
		t_check(bad, !(plan.vf[i].set & VFPROV_SET_WEIGHT) &&
			!plan.vf[i].weight, "vf%u weight from cur", i + 1);
		t_check(bad, plan.vf[i].quota[LMEM] == (16384 - 256) / 4 * MiB,
			"vf%u lmem %llu", i + 1,
			(unsigned long long)plan.vf[i].quota[LMEM]);
	}
	bad += check_plan(4);
	t_ok(!bad, "unset spares, scheduling and driver keep cur's values");

	/* req wins over cur */
	bad = 0;
	req.set |= VFPROV_SET_SPARE(LMEM) | VFPROV_SET_EXEC_QUANTUM |
		   VFPROV_SET_SCHED_IF_IDLE | VFPROV_SET_VF_DRIVER;
	req.spare[LMEM] = 512 * MiB;
	req.exec_quantum_ms = 0;
	req.sched_if_idle = 0;
	req.vf_driver = VFPROV_VF_DRIVER_NONE;
	req.vf[1].set |= VFPROV_SET_PREEMPT_TIMEOUT;
	req.vf[1].preempt_timeout_us = 0;
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.spare[LMEM] == 512 * MiB && plan.exec_quantum_ms == 0 &&
		plan.preempt_timeout_us == 40000 && plan.sched_if_idle == 0 &&
		plan.vf_driver == VFPROV_VF_DRIVER_NONE, "PF values");
	t_check(bad, plan.vf[1].preempt_timeout_us == 0 &&
		plan.vf[1].exec_quantum_ms == 11, "vf2 scheduling");
	t_ok(!bad, "values set in req (even 0) override cur");

	/* nothing anywhere: no scheduling/driver bits, spares from caps */
	bad = 0;
	req_init(2);
	memset(&cur, 0, sizeof(cur));
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, !(plan.set & (VFPROV_SET_EXEC_QUANTUM |
		VFPROV_SET_PREEMPT_TIMEOUT | VFPROV_SET_SCHED_IF_IDLE |
		VFPROV_SET_VF_DRIVER)), "PF bits 0x%x", plan.set);
	t_check(bad, !(plan.vf[0].set & (VFPROV_SET_EXEC_QUANTUM |
		VFPROV_SET_PREEMPT_TIMEOUT | VFPROV_SET_WEIGHT)),
		"VF bits 0x%x", plan.vf[0].set);
	t_check(bad, plan.spare[DBS] == 16, "doorbells spare from caps");
	t_ok(!bad, "unset everywhere: left unset in the plan, spares from caps");

	/* spare from caps is raised to spare_min */
	bad = 0;
	caps.res[CTXS].spare = 0;
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	t_check(bad, plan.spare[CTXS] == 256, "contexts spare %llu",
		(unsigned long long)plan.spare[CTXS]);
	t_ok(!bad, "spare default is max(caps spare, spare_min)");
}

static void test_absent_and_zero(void)
{
	int bad = 0;

	flex170(&caps);
	caps.res[LMEM].present = 0;	/* integrated-like part */
	req_init(5);
	req_quota(1, LMEM, 0);		/* zero for an absent resource is ok */
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	bad += check_plan(5);
	t_ok(!bad, "absent resource: quotas 0, no set bits");

	bad = 0;
	flex170(&caps);
	req_init(0);
	req.vf[0].set = VFPROV_SET_QUOTA(LMEM);	/* ignored beyond num_vfs */
	req.vf[0].quota[LMEM] = 1 * GiB;
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	bad += check_plan(0);
	t_check(bad, plan.set & VFPROV_SET_SPARE(LMEM), "spares planned");
	t_ok(!bad, "num_vfs 0: only spares, VF entries zero");

	bad = 0;
	memset(&caps, 0, sizeof(caps));	/* "pci" backend: no resources */
	caps.total_vfs = 31;
	req_init(31);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	bad += check_plan(31);
	t_ok(!bad, "no resources at all (pci backend): VF count only");
}

static void test_determinism(void)
{
	int bad = 0, rc1, rc2;

	flex170(&caps);
	cur_state();
	req_init(7);
	req_weight(3, 5);
	req_quota(5, LMEM, 3 * GiB + 1);
	memset(&plan2, 0x5a, sizeof(plan2));
	rc1 = vfprov_plan(&caps, &cur, &req, &plan2, &perr);
	rc2 = run_plan(&cur);
	t_check(bad, rc1 == 0 && rc2 == 0, "%s", perr.msg);
	t_check(bad, !memcmp(&plan, &plan2, sizeof(plan)), "plans differ");
	t_ok(!bad, "planning twice gives byte-identical plans");
}

static void test_unallocated(void)
{
	int bad = 0;

	flex170(&caps);
	memset(&plan, 0, sizeof(plan));
	plan.num_vfs = 2;
	plan.spare[LMEM] = 128 * MiB;
	plan.vf[0].quota[LMEM] = 1 * GiB;
	plan.vf[1].quota[LMEM] = 1 * GiB + 2 * MiB;
	t_check(bad, vfprov_plan_unallocated(&caps, &plan, LMEM) ==
		(16256 - 2050) / 2, "%llu",
		(unsigned long long)vfprov_plan_unallocated(&caps, &plan, LMEM));
	plan.vf[1].quota[LMEM] = 20 * GiB;
	t_check(bad, vfprov_plan_unallocated(&caps, &plan, LMEM) == 0,
		"over-full");
	caps.res[LMEM].present = 0;
	t_check(bad, vfprov_plan_unallocated(&caps, &plan, LMEM) == 0,
		"absent");
	t_ok(!bad, "vfprov_plan_unallocated counts whole unused granules");
}

static void test_names(void)
{
	t_ok(!strcmp(vfprov_res_names[GGTT], "ggtt") &&
	     !strcmp(vfprov_res_names[LMEM], "lmem") &&
	     !strcmp(vfprov_res_names[CTXS], "contexts") &&
	     !strcmp(vfprov_res_names[DBS], "doorbells"),
	     "vfprov_res_names are the i915 sysfs stems");
}

static void test_mul_div(void)
{
	static const __u64 edge[][3] = {
		{ 0, 0, 1 }, { U64MAX, 1, 1 }, { U64MAX, U64MAX, U64MAX },
		{ U64MAX, 0xffffffffull, 0xffffffffull * 63 },
		{ U64MAX - 1, U64MAX, U64MAX }, { 1ull << 63, 2, 4 },
		{ 12345678901234567ull, 4000000000ull, 4000000001ull },
	};
	__u64 x = 88172645463325252ull;
	int bad = 0, k;

	for (k = 0; k < (int)ARRAY_SIZE(edge); k++) {
		unsigned __int128 want = (unsigned __int128)edge[k][0] *
					 edge[k][1] / edge[k][2];

		t_check(bad, vfprov_mul_div(edge[k][0], edge[k][1],
					    edge[k][2]) == (__u64)want,
			"edge %d", k);
	}
	for (k = 0; k < 100000; k++) {
		__u64 a, b, c;
		unsigned __int128 want;

		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		a = x >> (x & 31);
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		c = (x >> (x & 63)) | 1;
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		b = c > 1 ? x % c : 1;		/* b <= c: quotient fits */
		want = (unsigned __int128)a * b / c;
		if (vfprov_mul_div(a, b, c) != (__u64)want) {
			bad++;
			t_diag("%llu * %llu / %llu", (unsigned long long)a,
			       (unsigned long long)b, (unsigned long long)c);
			break;
		}
	}
	t_check(bad, vfprov_mul_div(U64MAX, 2, 1) == U64MAX, "saturates");
	t_ok(!bad, "vfprov_mul_div is exact against 128-bit arithmetic");
}

/* Huge pools with granule 1 and huge weights: no overflow in the share. */
static void test_huge(void)
{
	int bad = 0;
	__u64 s;

	memset(&caps, 0, sizeof(caps));
	caps.total_vfs = 63;
	res_caps(&caps.res[LMEM], 1, U64MAX, 0, 0, 1);
	req_init(63);
	req_weight(1, 0xffffffffu);
	req_weight(2, 0xffffffffu);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	s = sum_quota(LMEM);
	t_check(bad, s == U64MAX, "sum %llu", (unsigned long long)s);
	t_check(bad, plan.vf[0].quota[LMEM] > U64MAX / 3 &&
		plan.vf[0].quota[LMEM] - plan.vf[1].quota[LMEM] <= 1,
		"vf1 %llu vf2 %llu", (unsigned long long)plan.vf[0].quota[LMEM],
		(unsigned long long)plan.vf[1].quota[LMEM]);
	bad += check_plan(63);
	t_ok(!bad, "U64 max pool, 63 VFs, u32 max weights: exact, no overflow");
}

/* ---- i915's per-VF LMEM overhead -------------------------------------- */

/*
 * What i915 (23.10 and 25.1) charges the LMEM pool for one VF besides its
 * quota, written from the sources independently of the planner: the LMTT
 * leaf table (xehpsdv: 64 Ki entries x 4 B = 256 KiB) and the PPGTT
 * estimate, pd_count(q, 21) pages of 4 KiB with pd_count(q, s) =
 * (q + 2 * (2^s - 1)) >> s.
 */
static __u64 i915_charge(__u64 q)
{
	return 256 * KiB + ((q + 2 * (2 * MiB - 1)) >> 21) * 4 * KiB;
}

static __u64 rd2m(__u64 v)
{
	return v / (2 * MiB) * (2 * MiB);
}

/* pf_auto_provision_lmem(): i915's own fair LMEM share of @n VFs. */
static __u64 i915_auto_lmem(__u64 free, __u64 spare, __u32 n)
{
	__u64 avail = rd2m(free > spare ? free - spare : 0);
	__u64 fair = rd2m(avail / n), lmtt, pt;

	if (n > 1) {
		lmtt = 256 * KiB;	/* xehpsdv: one level, any size */
		pt = ((fair + 2 * (2 * MiB - 1)) >> 21) * 4 * KiB;
		fair = fair > lmtt ? fair - lmtt : 0;
		fair = fair > pt ? fair - pt : 0;
		fair = rd2m(fair);
	}
	return fair;
}

/* The overhead the i915 backend declares for LMEM (backend_i915.c). */
static void i915_overhead(struct vfprov_plan_caps *c)
{
	c->res[LMEM].vf_overhead = 256 * KiB + 4 * KiB;
	c->res[LMEM].vf_overhead_granule = 4 * KiB;
	c->res[GGTT].spare_granule = 64 * KiB;
}

static void test_overhead_fair(const char *card,
			       void (*model)(struct vfprov_plan_caps *))
{
	__u32 n, i;

	for (n = 1; n <= 31; n++) {
		__u64 spent = 0, fair;
		int bad = 0;

		model(&caps);
		i915_overhead(&caps);
		fair = i915_auto_lmem(caps.res[LMEM].pool, 128 * MiB, n);
		req_init(n);
		t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
		for (i = 0; i < plan.num_vfs; i++) {
			__u64 q = plan.vf[i].quota[LMEM];

			t_check(bad, q && q <= fair, "vf%u lmem %llu, i915 auto %llu",
				i + 1, (unsigned long long)q,
				(unsigned long long)fair);
			spent += q + i915_charge(q);
		}
		t_check(bad, plan.num_vfs == n && spent <= usable(LMEM),
			"%u VFs spend %llu of %llu", n,
			(unsigned long long)spent,
			(unsigned long long)usable(LMEM));
		/* no more than one granule per VF lost beyond i915's share */
		t_check(bad, n == 1 || plan.vf[n - 1].quota[LMEM] == fair,
			"vf%u lmem %llu != i915 auto %llu", n,
			(unsigned long long)plan.vf[n - 1].quota[LMEM],
			(unsigned long long)fair);
		t_ok(!bad, "%s, %u VF%s, i915 LMEM overhead: each <= i915 auto share, plan + overhead <= pool",
		     card, n, n > 1 ? "s" : "");
	}
}

/* With the backend's headroom: still <= i915 auto, at most headroom lost. */
static void test_headroom(void)
{
	__u32 n, i;

	for (n = 1; n <= 31; n++) {
		__u64 spent = 0, fair, q;
		int bad = 0;

		flex170(&caps);
		i915_overhead(&caps);
		caps.res[LMEM].fair_headroom = 128 * MiB;
		fair = i915_auto_lmem(caps.res[LMEM].pool, 128 * MiB, n);
		req_init(n);
		t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
		for (i = 0; i < n; i++) {
			q = plan.vf[i].quota[LMEM];
			t_check(bad, q <= fair, "vf%u %llu > %llu", i + 1,
				(unsigned long long)q, (unsigned long long)fair);
			/* n = 1: i915 takes no tables off its own share */
			t_check(bad, fair - q <= 128 * MiB / n + 4 * MiB +
				(n == 1 ? i915_charge(fair) : 0),
				"vf%u loses %llu", i + 1,
				(unsigned long long)(fair - q));
			spent += q + i915_charge(q);
		}
		t_check(bad, spent + 128 * MiB <= usable(LMEM),
			"headroom not kept: %llu", (unsigned long long)spent);
		t_ok(!bad, "%u VF%s, 128 MiB fair headroom: <= i915 auto, headroom kept, at most headroom / N + 2 granules lost (+ tables for 1 VF)",
		     n, n > 1 ? "s" : "");
	}
	/* explicit quotas may use it */
	flex170(&caps);
	i915_overhead(&caps);
	caps.res[LMEM].fair_headroom = 128 * MiB;
	req_init(1);
	req_quota(1, LMEM, 16000 * MiB);
	t_ok(run_plan(NULL) == 0, "explicit quota may use the fair headroom: %s",
	     perr.msg);
}

static void test_overhead_explicit(void)
{
	__u64 left;
	int bad = 0, rc;

	/* the whole usable pool to vf1: fits i915's max_quota, not its LMTT */
	flex170(&caps);
	i915_overhead(&caps);
	left = caps.res[LMEM].pool - 128 * MiB;
	req_init(1);
	req_quota(1, LMEM, left);
	rc = run_plan(NULL);
	t_check(bad, rc == -EDQUOT && perr.vf == 1 && perr.res == LMEM,
		"rc %d vf %u res %d", rc, perr.vf, perr.res);
	t_check(bad, strstr(perr.msg, "vf1 lmem_quota") &&
		strstr(perr.msg, "page tables"), "msg: %s", perr.msg);
	t_ok(!bad, "explicit quota: the VF's page tables count, EDQUOT names the VF");

	/* the same minus its overhead fits, and a second VF then cannot */
	bad = 0;
	req_init(2);
	req_quota(1, LMEM, rd2m(left - i915_charge(left)));
	rc = run_plan(NULL);
	t_check(bad, rc == -ENOSPC && perr.res == LMEM, "rc %d: %s", rc,
		perr.msg);
	req_init(1);
	req_quota(1, LMEM, rd2m(left - i915_charge(left)));
	rc = run_plan(NULL);
	t_check(bad, rc == 0, "rc %d: %s", rc, perr.msg);
	t_check(bad, rc || plan.vf[0].quota[LMEM] +
		i915_charge(plan.vf[0].quota[LMEM]) <= left, "overfull");
	t_ok(!bad, "explicit quota plus overhead up to the pool fits; nothing left for a fair VF");
}

static void test_spare_granule(void)
{
	int bad = 0, rc;

	flex170(&caps);
	i915_overhead(&caps);
	req_init(2);
	req.set |= VFPROV_SET_SPARE(GGTT);
	req.spare[GGTT] = 64 * MiB + 4 * KiB;
	rc = run_plan(NULL);
	t_check(bad, rc == 0, "%s", perr.msg);
	t_check(bad, plan.spare[GGTT] == 64 * MiB + 64 * KiB,
		"ggtt_spare %llu", (unsigned long long)plan.spare[GGTT]);
	req.spare[GGTT] = 128 * MiB;
	rc = run_plan(NULL);
	t_check(bad, rc == 0 && plan.spare[GGTT] == 128 * MiB,
		"aligned ggtt_spare %llu", (unsigned long long)plan.spare[GGTT]);
	req.spare[GGTT] = U64MAX;
	rc = run_plan(NULL);
	t_check(bad, rc == -ENOSPC, "rc %d", rc);
	t_ok(!bad, "ggtt_spare is planned as i915 stores it: rounded up to 64 KiB");
}

/* ---- least disruption: live quotas of VFs that stay ------------------ */

/* @n VFs live, i915-auto-provisioned (pool is free + held, as the backend). */
static void live_auto(__u32 n)
{
	__u32 i;
	int r;

	memset(&cur, 0, sizeof(cur));
	cur.set = VFPROV_SET_NUM_VFS;
	cur.num_vfs = n;
	for (i = 0; i < n; i++) {
		cur.vf[i].set = VFPROV_SET_QUOTA(GGTT) | VFPROV_SET_QUOTA(LMEM) |
				VFPROV_SET_QUOTA(CTXS) | VFPROV_SET_QUOTA(DBS);
		cur.vf[i].quota[GGTT] = 128 * MiB;
		cur.vf[i].quota[LMEM] = i915_auto_lmem(16 * GiB, 128 * MiB, n);
		cur.vf[i].quota[CTXS] = 1024 + 128 * (i % 2);	/* not fair */
		cur.vf[i].quota[DBS] = 7;
	}
	/* the tables of live VFs are outside lmem_free */
	for (r = 0; r < NRES; r++)
		for (i = 0; i < n; i++)
			caps.res[r].pool -= r == LMEM ?
				i915_charge(cur.vf[i].quota[r]) : 0;
}

static void test_keep_live(void)
{
	__u32 n = 31, i;
	int bad = 0, r;

	flex170(&caps);
	i915_overhead(&caps);
	live_auto(n);
	req_init(n);
	req_quota(1, GGTT, 128 * MiB);	/* the same as live: explicit */
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	for (i = 0; i < n; i++)
		for (r = 0; r < NRES; r++)
			t_check(bad, plan.vf[i].quota[r] == cur.vf[i].quota[r],
				"vf%u %s %llu, live %llu", i + 1,
				vfprov_res_names[r],
				(unsigned long long)plan.vf[i].quota[r],
				(unsigned long long)cur.vf[i].quota[r]);
	t_ok(!bad, "same VF count: unset quotas keep the live values (31 auto-provisioned VFs fit)");

	bad = 0;
	req.set |= VFPROV_SET_REBALANCE;
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[CTXS] == plan.vf[30].quota[CTXS] ||
		plan.vf[0].quota[CTXS] == plan.vf[30].quota[CTXS] + 128,
		"contexts not fair: %llu %llu",
		(unsigned long long)plan.vf[0].quota[CTXS],
		(unsigned long long)plan.vf[30].quota[CTXS]);
	t_check(bad, plan.vf[1].quota[CTXS] != cur.vf[1].quota[CTXS],
		"vf2 contexts kept under REBALANCE");
	t_ok(!bad, "REBALANCE: a fresh fair share of what the request leaves unset");

	bad = 0;
	req_init(n - 1);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[1].quota[CTXS] != cur.vf[1].quota[CTXS],
		"vf2 contexts kept although the VFs are re-created");
	t_ok(!bad, "another VF count: the VFs are re-created, quotas shared afresh");

	bad = 0;
	flex170(&caps);
	live_auto(4);
	cur.vf[2].quota[LMEM] = 0;	/* an empty VF (enable with a mix) */
	req_init(4);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[2].quota[LMEM] && plan.vf[0].quota[LMEM] ==
		cur.vf[0].quota[LMEM], "vf3 lmem %llu vf1 %llu",
		(unsigned long long)plan.vf[2].quota[LMEM],
		(unsigned long long)plan.vf[0].quota[LMEM]);
	t_ok(!bad, "a live VF without a required quota gets a fair one, the others keep theirs");

	/* configfs_lifecycle's case: one VF grows, the live shares cannot stay */
	bad = 0;
	flex170(&caps);
	live_auto(4);
	req_init(4);
	req_quota(1, LMEM, 2 * cur.vf[0].quota[LMEM]);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[LMEM] == 2 * cur.vf[0].quota[LMEM],
		"vf1 lmem %llu", (unsigned long long)plan.vf[0].quota[LMEM]);
	for (i = 1; i < 4; i++)
		t_check(bad, plan.vf[i].quota[LMEM] < cur.vf[i].quota[LMEM] &&
			plan.vf[i].quota[LMEM] + 2 * MiB >= plan.vf[1].quota[LMEM],
			"vf%u lmem %llu, live %llu", i + 1,
			(unsigned long long)plan.vf[i].quota[LMEM],
			(unsigned long long)cur.vf[i].quota[LMEM]);
	t_check(bad, plan.vf[1].quota[GGTT] == cur.vf[1].quota[GGTT],
		"vf2 ggtt %llu not kept", (unsigned long long)plan.vf[1].quota[GGTT]);
	t_ok(!bad, "an explicit quota with no room for the live ones: the unset quotas are shared afresh");

	/* i915 accepted more contexts than the planner's estimate of the pool */
	bad = 0;
	flex170(&caps);
	live_auto(1);
	cur.vf[0].quota[CTXS] = 63488;
	caps.res[CTXS].pool = 63488;
	req_init(1);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[CTXS] == 63488, "contexts %llu",
		(unsigned long long)plan.vf[0].quota[CTXS]);
	req_quota(1, CTXS, 63488);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	req_init(1);
	req.set |= VFPROV_SET_REBALANCE;
	t_check(bad, run_plan(&cur) == 0 && plan.vf[0].quota[CTXS] == 63232,
		"rebalance: contexts %llu %s",
		(unsigned long long)plan.vf[0].quota[CTXS], perr.msg);
	t_ok(!bad, "quotas every VF keeps are not checked against the estimated pool again");
}

/*
 * xe sysfs-only (lockdown) on 7.1: VRAM through sriov_admin, no pool to
 * read. Explicit quotas only, every VF one or none, no spare.
 */
static void xe_vram_admin(struct vfprov_plan_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->total_vfs = 24;
	c->res[LMEM].present = 1;
	c->res[LMEM].no_pool = 1;
	c->res[LMEM].granule = 2 * MiB;
}

static void test_no_pool(void)
{
	__u32 i;
	int bad = 0;

	xe_vram_admin(&caps);
	req_init(3);
	t_ok(run_plan(NULL) == 0 && !plan.vf[0].quota[LMEM] &&
	     !plan.vf[2].quota[LMEM] &&
	     plan.vf[0].set & VFPROV_SET_QUOTA(LMEM),
	     "no pool, no quota asked: every VF none (the driver's AUTO enable shares it)");

	req_quota(1, LMEM, 1 * GiB);
	req_quota(2, LMEM, 3 * MiB);
	req_quota(3, LMEM, 40 * GiB);
	t_ok(run_plan(NULL) == 0 && plan.vf[0].quota[LMEM] == 1 * GiB &&
	     plan.vf[1].quota[LMEM] == 4 * MiB &&
	     plan.vf[2].quota[LMEM] == 40 * GiB,
	     "no pool: explicit quotas taken as asked, rounded up to 2 MiB, no pool check");

	req_init(3);
	req_quota(1, LMEM, 1 * GiB);
	req_quota(3, LMEM, 1 * GiB);
	t_ok(run_plan(NULL) == -EINVAL && perr.vf == 2 && perr.res == LMEM &&
	     strstr(perr.msg, "vf2 has no lmem_quota") && is_zero(&plan, sizeof(plan)),
	     "no pool: a VF left without a quota next to VFs with one is refused, naming it (%s)",
	     perr.msg);

	req_init(2);
	req.set |= VFPROV_SET_SPARE(LMEM);
	req.spare[LMEM] = 256 * MiB;
	t_ok(run_plan(NULL) == -EINVAL && strstr(perr.msg, "lmem_spare") &&
	     strstr(perr.msg, "cannot be set"),
	     "no pool: a spare is refused (%s)", perr.msg);

	memset(&cur, 0, sizeof(cur));
	cur.set = VFPROV_SET_NUM_VFS;
	cur.num_vfs = 2;
	for (i = 0; i < 2; i++) {
		cur.vf[i].set = VFPROV_SET_QUOTA(LMEM);
		cur.vf[i].quota[LMEM] = (i + 1) * GiB;
	}
	req_init(2);
	req_quota(2, LMEM, 4 * GiB);
	t_check(bad, run_plan(&cur) == 0, "%s", perr.msg);
	t_check(bad, plan.vf[0].quota[LMEM] == 1 * GiB &&
		plan.vf[1].quota[LMEM] == 4 * GiB, "vf1 %llu vf2 %llu",
		(unsigned long long)plan.vf[0].quota[LMEM],
		(unsigned long long)plan.vf[1].quota[LMEM]);
	t_ok(!bad, "no pool, same VF count: an unset quota keeps the live one");

	req_init(3);
	req_quota(3, LMEM, 1 * GiB);
	t_ok(run_plan(&cur) == -EINVAL && perr.vf == 1,
	     "no pool, another VF count: live quotas are not kept, so vf1 lacks one (%s)",
	     perr.msg);
	t_ok(vfprov_plan_unallocated(&caps, &plan, LMEM) == 0,
	     "no pool: nothing is reported unallocated");
}

/* BMG as xe shows it: 2 GTs, 65535 contexts and 256 doorbells on each. */
static void xe_bmg(struct vfprov_plan_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->total_vfs = 24;
	c->gts = 2;
	res_caps(&c->res[GGTT], 1, 4 * GiB, 64 * MiB, 64 * MiB, 64 * KiB);
	res_caps(&c->res[LMEM], 1, 16 * GiB, 128 * MiB, 128 * MiB, 2 * MiB);
	res_caps(&c->res[CTXS], 1, 65535, 256, 256, 1);
	res_caps(&c->res[DBS], 0, 256, 0, 0, 1);
}

static void req_gt_quota(__u32 vf, __u32 gt, int res, __u64 q)
{
	req.vf[vf - 1].gt[gt].set |= VFPROV_SET_QUOTA(res);
	req.vf[vf - 1].gt[gt].quota[res] = q;
}

/* VF @vf's contexts on GT @gt as the plan gives them. */
static __u64 plan_gt(__u32 vf, __u32 gt, int res)
{
	return vfprov_gt_quota(&plan.vf[vf - 1], gt, res);
}

static void test_per_gt(void)
{
	__u32 i;
	int bad = 0;

	xe_bmg(&caps);
	req_init(2);
	t_check(bad, run_plan(NULL) == 0, "%s", perr.msg);
	for (i = 0; i < 2; i++)
		t_check(bad, !plan.vf[i].gt[1].set && !plan.vf[i].gt[0].set,
			"vf%u gt1 set %#x", i + 1, plan.vf[i].gt[1].set);
	t_ok(!bad && plan_gt(1, 1, CTXS) == plan_gt(1, 0, CTXS),
	     "two GTs, nothing per GT asked: every GT the VF's value, none its own");

	req_gt_quota(1, 1, CTXS, 60000);
	bad = run_plan(NULL) != 0;
	t_check(bad, plan_gt(1, 1, CTXS) == 60000 &&
		plan_gt(2, 1, CTXS) == 65535 - 256 - 60000,
		"gt1: vf1 %llu vf2 %llu", (unsigned long long)plan_gt(1, 1, CTXS),
		(unsigned long long)plan_gt(2, 1, CTXS));
	t_check(bad, plan_gt(1, 0, CTXS) + plan_gt(2, 0, CTXS) == 65535 - 256 &&
		plan_gt(1, 0, CTXS) - plan_gt(2, 0, CTXS) <= 1,
		"gt0: vf1 %llu vf2 %llu", (unsigned long long)plan_gt(1, 0, CTXS),
		(unsigned long long)plan_gt(2, 0, CTXS));
	t_check(bad, plan.vf[0].quota[CTXS] == plan_gt(1, 0, CTXS) &&
		plan.vf[0].gt[1].set == VFPROV_SET_QUOTA(CTXS),
		"vf1 own %llu gt1 set %#x",
		(unsigned long long)plan.vf[0].quota[CTXS], plan.vf[0].gt[1].set);
	t_ok(!bad, "a gt1 value is explicit there; gt1's fair share takes what it leaves, gt0's is shared as before");

	req_init(2);
	req_quota(1, CTXS, 1000);
	req_gt_quota(1, 0, CTXS, 2000);
	bad = run_plan(NULL) != 0;
	t_ok(!bad && plan_gt(1, 0, CTXS) == 2000 && plan_gt(1, 1, CTXS) == 1000 &&
	     plan.vf[0].quota[CTXS] == 2000 &&
	     plan.vf[0].gt[1].quota[CTXS] == 1000,
	     "a gt0 value overrides the VF's there, the VF's is every other GT's; the plan keeps gt0's as the VF's");

	req_init(2);
	req_gt_quota(2, 1, CTXS, 70000);
	t_ok(run_plan(NULL) == -EDQUOT && perr.vf == 2 && perr.gt == 1 &&
	     strstr(perr.msg, "on gt1") && is_zero(&plan, sizeof(plan)),
	     "a gt1 value beyond gt1's pool is refused naming VF and GT (%s)",
	     perr.msg);

	flex170(&caps);
	req_init(2);
	req_gt_quota(1, 1, DBS, 8);
	t_ok(run_plan(NULL) == -EINVAL && perr.vf == 1 && perr.gt == 1 &&
	     strstr(perr.msg, "no such GT"),
	     "a GT value on a one-GT PF is refused (%s)", perr.msg);

	xe_bmg(&caps);
	req_init(1);
	req.vf[0].gt[1].set = VFPROV_SET_QUOTA(GGTT);
	t_ok(run_plan(NULL) == -EINVAL && strstr(perr.msg, "per GT"),
	     "GGTT is not per GT: a GT value of it is refused (%s)", perr.msg);

	xe_bmg(&caps);
	caps.res[CTXS].present = 0;
	caps.res[DBS].present = 0;
	req_init(2);
	t_ok(run_plan(NULL) == 0 && !plan.vf[0].gt[1].set &&
	     !plan.vf[1].gt[1].set && !(plan.vf[0].set & VFPROV_SET_QUOTA(CTXS)),
	     "two GTs without contexts and doorbells (xe sysfs-only): no GT values planned");
	xe_bmg(&caps);

	/* live: gt1 of vf1 holds 500 contexts, gt0 1000; EQ 20 on gt1 */
	memset(&cur, 0, sizeof(cur));
	cur.set = VFPROV_SET_NUM_VFS;
	cur.num_vfs = 2;
	for (i = 0; i < 2; i++) {
		cur.vf[i].set = VFPROV_SET_QUOTA(CTXS) | VFPROV_SET_QUOTA(GGTT) |
				VFPROV_SET_QUOTA(LMEM) | VFPROV_SET_EXEC_QUANTUM;
		cur.vf[i].quota[CTXS] = 1000;
		cur.vf[i].quota[GGTT] = 1 * GiB;
		cur.vf[i].quota[LMEM] = 1 * GiB;
		cur.vf[i].exec_quantum_ms = 10;
	}
	cur.vf[0].gt[1].set = VFPROV_SET_QUOTA(CTXS) | VFPROV_SET_EXEC_QUANTUM;
	cur.vf[0].gt[1].quota[CTXS] = 500;
	cur.vf[0].gt[1].exec_quantum_ms = 20;
	req_init(2);
	bad = run_plan(&cur) != 0;
	t_ok(!bad && plan_gt(1, 1, CTXS) == 500 && plan_gt(1, 0, CTXS) == 1000 &&
	     vfprov_gt_sched(&plan.vf[0], 1, 1) == 20 &&
	     vfprov_gt_sched(&plan.vf[0], 0, 1) == 10 &&
	     plan_gt(2, 1, CTXS) == 1000,
	     "same VF count: every GT keeps its live contexts and EQ");

	req.vf[0].set |= VFPROV_SET_EXEC_QUANTUM;
	req.vf[0].exec_quantum_ms = 5;
	req.vf[1].gt[1].set |= VFPROV_SET_PREEMPT_TIMEOUT;
	req.vf[1].gt[1].preempt_timeout_us = 7000;
	bad = run_plan(&cur) != 0;
	t_ok(!bad && vfprov_gt_sched(&plan.vf[0], 1, 1) == 5 &&
	     !(plan.vf[0].gt[1].set & VFPROV_SET_EXEC_QUANTUM) &&
	     vfprov_gt_sched(&plan.vf[1], 1, 0) == 7000 &&
	     !(plan.vf[1].set & VFPROV_SET_PREEMPT_TIMEOUT),
	     "a VF's EQ is every GT's (the live gt1 one goes); a gt1 PT alone stays gt1's");
}

int main(void)
{
	test_names();
	test_fair_flex170();
	test_fair_exact();
	test_profiles("Flex 170", flex170_profiles,
		      ARRAY_SIZE(flex170_profiles),
		      flex170);
	test_profiles("Flex 140", flex140_profiles,
		      ARRAY_SIZE(flex140_profiles),
		      flex140);
	test_explicit_then_fair();
	test_round_up();
	test_weights();
	test_vf_max();
	test_errors();
	test_bad_args();
	test_cur_fallback();
	test_absent_and_zero();
	test_determinism();
	test_unallocated();
	test_mul_div();
	test_huge();
	test_overhead_fair("Flex 170", flex170);
	test_overhead_fair("Flex 140", flex140);
	test_overhead_explicit();
	test_headroom();
	test_spare_granule();
	test_keep_live();
	test_no_pool();
	test_per_gt();
	return t_done();
}
