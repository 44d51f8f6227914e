// SPDX-License-Identifier: GPL-2.0
/*
 * Planner benchmark: fair share of 1..31 VFs on the Flex 170 model.
 * Per VF count: utilisation of each resource (planned / usable after the
 * PF spare), unallocated whole granules, and the time of one vfprov_plan()
 * call (mean over many). LMEM as the i915 backend declares it: each VF's
 * LMTT and PPGTT estimate (vf_overhead) and 128 MiB fair headroom; its
 * utilisation is against what really remains for quotas, pool - spare -
 * 256 KiB of LMTT per VF (what i915 really takes). Last lines: the lowest
 * utilisation of GGTT, contexts and doorbells against the 99% product
 * target, and of LMEM against 98.5% (headroom and estimates are reserved
 * on purpose). Informational: always exits 0 unless planning fails.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "planner.h"

#define KiB	(1024ull)
#define MiB	(1024ull * KiB)
#define GiB	(1024ull * MiB)
#define TARGET	99.0
#define TARGET_LMEM	98.5
#define ITERS	2000	/* plans per batch */
#define BATCHES	15	/* the fastest batch counts: less noise */

static struct vfprov_plan_caps caps;
static struct vfprov_pf_cfg req, plan;
static struct vfprov_plan_err perr;

static void res_caps(int r, int required, __u64 pool, __u64 spare,
		     __u64 spare_min, __u64 granule)
{
	caps.res[r].present = 1;
	caps.res[r].required = required;
	caps.res[r].pool = pool;
	caps.res[r].spare = spare;
	caps.res[r].spare_min = spare_min;
	caps.res[r].granule = granule;
}

static void flex170(void)
{
	memset(&caps, 0, sizeof(caps));
	caps.total_vfs = 31;
	res_caps(VFPROV_RES_GGTT, 1, 4 * GiB, 64 * MiB, 64 * MiB, 64 * KiB);
	res_caps(VFPROV_RES_LMEM, 1, 16 * GiB, 128 * MiB, 128 * MiB, 2 * MiB);
	res_caps(VFPROV_RES_CONTEXTS, 1, 65536, 256, 256, 128);
	res_caps(VFPROV_RES_DOORBELLS, 0, 256, 16, 0, 1);
	/* backend_i915.c: vfprov_i915_lmem_overhead() */
	caps.res[VFPROV_RES_LMEM].vf_overhead = 256 * KiB + 4 * KiB;
	caps.res[VFPROV_RES_LMEM].vf_overhead_granule = 4 * KiB;
	caps.res[VFPROV_RES_LMEM].fair_headroom = 128 * MiB;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(void)
{
	double min_util = 100.0, min_lmem = 100.0, t0, ns;
	int sink = 0;
	__u32 n, i;
	int r, k, b;

	flex170();
	printf("planner bench: Flex 170 model (ggtt 4 GiB, lmem 16 GiB, ");
	printf("contexts 65536, doorbells 256)\n");
	printf("utilisation = planned / (pool - spare), lmem: / (pool - spare - 256 KiB LMTT per VF);\n");
	printf("ns/plan = best of %d batches of %d plans\n", BATCHES, ITERS);
	printf("%4s", "VFs");
	for (r = 0; r < VFPROV_RES_COUNT; r++)
		printf(" %9.9s%%", vfprov_res_names[r]);
	printf("   unalloc g/l/c/d  %9s\n", "ns/plan");

	for (n = 1; n <= 31; n++) {
		char un[48];
		int len = 0;

		memset(&req, 0, sizeof(req));
		req.set = VFPROV_SET_NUM_VFS;
		req.num_vfs = n;
		if (vfprov_plan(&caps, NULL, &req, &plan, &perr)) {
			printf("%4u plan failed: %s\n", n, perr.msg);
			return 1;
		}
		ns = 0;
		for (b = 0; b < BATCHES; b++) {
			double t;

			t0 = now_ns();
			for (k = 0; k < ITERS; k++)
				sink += vfprov_plan(&caps, NULL, &req, &plan,
						    &perr);
			t = (now_ns() - t0) / ITERS;
			if (!b || t < ns)
				ns = t;
		}

		printf("%4u", n);
		for (r = 0; r < VFPROV_RES_COUNT; r++) {
			__u64 usable = caps.res[r].pool - plan.spare[r], sum = 0;
			double u;

			for (i = 0; i < n; i++)
				sum += plan.vf[i].quota[r];
			if (r == VFPROV_RES_LMEM)
				usable -= n * 256 * KiB;
			u = usable ? 100.0 * (double)sum / (double)usable : 100.0;
			if (r == VFPROV_RES_LMEM && u < min_lmem)
				min_lmem = u;
			else if (r != VFPROV_RES_LMEM && u < min_util)
				min_util = u;
			printf(" %9.3f%%", u);
			len += snprintf(un + len, sizeof(un) - len, "%s%llu",
					r ? "/" : "",
					(unsigned long long)
					vfprov_plan_unallocated(&caps, &plan, r));
		}
		printf("   %-16s %9.0f\n", un, ns);
	}
	printf("min utilisation %.3f%% (ggtt, contexts, doorbells; target > %.0f%%): %s\n",
	       min_util, TARGET, min_util > TARGET ? "PASS" : "FAIL");
	printf("min lmem utilisation of what really remains %.3f%% (target > %.1f%%): %s\n",
	       min_lmem, TARGET_LMEM, min_lmem > TARGET_LMEM ? "PASS" : "FAIL");
	return sink ? 1 : 0;
}
