// SPDX-License-Identifier: GPL-2.0
/*
 * QoS presets (60 fps, media, vdi, compute): their formulas for every VF
 * count, and the warning for several VFs with unlimited time slices.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "qos.h"
#include "vfctl_tap.h"

static const uint32_t ns[] = { 1, 2, 3, 4, 5, 7, 8, 16, 17, 20, 21, 31, 40 };
#define NNS (sizeof(ns) / sizeof(ns[0]))

static uint32_t maxu(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

struct want {
	const char *name;
	uint32_t pf_eq, pf_pt, idle;
	uint32_t (*eq)(uint32_t n), (*pt)(uint32_t n);
};

static uint32_t eq60(uint32_t n) { return maxu(16 / n, 1); }
static uint32_t pt60(uint32_t n) { return n == 1 ? 64000 : maxu(32000 / n, 8000); }
static uint32_t eq30(uint32_t n) { return maxu(32 / n, 1); }
static uint32_t ptmedia(uint32_t n) { return n == 1 ? 200000 : maxu(100000 / n, 50000); }
static uint32_t eqcomp(uint32_t n) { return maxu(1000 / n, 50); }
static uint32_t ptcomp(uint32_t n) { return maxu(2000000 / n, 100000); }

/* The formulas each preset's comment and vfctl(8) state. */
static const struct want wants[] = {
	{ "flexible_60fps", 10, 10000, 0, eq60, pt60 },
	{ "fixed_60fps", 10, 10000, 1, eq60, pt60 },
	{ "vdi", 10, 10000, 0, eq60, pt60 },
	{ "media", 20, 20000, 1, eq30, ptmedia },
	{ "compute", 20, 20000, 0, eqcomp, ptcomp },
};

static void test_formula(const struct profile_dirs *d, const struct want *w)
{
	struct profile p;
	char err[512];
	size_t i;
	int bad = 0;

	if (profile_load(d, w->name, 0, &p, err, sizeof(err)) || p.type != PROFILE_SCHED) {
		ok(0, "%s loads as a scheduler preset: %s", w->name, err);
		return;
	}
	ok(p.description[0], "%s has a description", w->name);
	for (i = 0; i < NNS; i++) {
		struct vf_req s;
		uint32_t n = ns[i];

		profile_sched_eval(&p, n, &s);
		if (s.all.eq != w->eq(n) || s.all.pt != w->pt(n) ||
		    s.pf_eq != w->pf_eq || s.pf_pt != w->pf_pt ||
		    s.sched_if_idle != w->idle ||
		    (s.set & (REQ_SET_PF_EQ | REQ_SET_PF_PT | REQ_SET_IDLE)) !=
		    (REQ_SET_PF_EQ | REQ_SET_PF_PT | REQ_SET_IDLE)) {
			printf("#   %s N=%u: EQ %u PT %u PF %u/%u idle %u; want EQ %u PT %u PF %u/%u idle %u\n",
			       w->name, n, s.all.eq, s.all.pt, s.pf_eq, s.pf_pt,
			       s.sched_if_idle, w->eq(n), w->pt(n), w->pf_eq,
			       w->pf_pt, w->idle);
			bad++;
		}
	}
	ok(!bad, "%s follows its documented formula for %zu VF counts", w->name, NNS);
}

/* 60 fps slices are half the 30 fps ones (the derivation the files state). */
static void test_60_is_30_halved(const struct profile_dirs *d)
{
	struct profile p30, p60;
	char err[512];
	size_t i;
	int bad = 0;

	if (profile_load(d, "flexible_30fps", 0, &p30, err, sizeof(err)) ||
	    profile_load(d, "flexible_60fps", 0, &p60, err, sizeof(err))) {
		ok(0, "30 and 60 fps presets load: %s", err);
		return;
	}
	for (i = 0; i < NNS; i++) {
		struct vf_req a, b;

		profile_sched_eval(&p30, ns[i], &a);
		profile_sched_eval(&p60, ns[i], &b);
		bad += b.all.pt != a.all.pt / 2 || b.pf_eq != a.pf_eq / 2 ||
		       b.pf_pt != a.pf_pt / 2 || b.all.eq != maxu(a.all.eq / 2, 1);
	}
	ok(!bad, "flexible_60fps = flexible_30fps with EQ, PT and the PF's slice halved");
}

static void one(const struct profile *p, void *arg)
{
	char *seen = arg;
	size_t used = strlen(seen);

	snprintf(seen + used, 1024 - used, " %s", p->name);
}

static void test_listed(const struct profile_dirs *d)
{
	char seen[1024] = "";
	size_t i;
	int missing = 0;

	profile_list(d, one, seen);
	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		char word[80];

		snprintf(word, sizeof(word), " %s", wants[i].name);
		if (!strstr(seen, word))
			missing++;
	}
	ok(!missing, "vfctl profiles lists the new presets:%s", seen);
}

/* No shipped preset gives a VF exec quantum 0, at any VF count. */
static void test_presets_never_unlimited(const struct profile_dirs *d)
{
	static const char *const all[] = {
		"flexible_30fps", "fixed_30fps", "flexible_burstable", "guide",
		"flexible_60fps", "fixed_60fps", "vdi", "media", "compute",
	};
	size_t i, k;
	int zero = 0;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		struct profile p;
		char err[512];

		if (profile_load(d, all[i], 0, &p, err, sizeof(err))) {
			zero++;
			continue;
		}
		for (k = 0; k < NNS; k++) {
			struct vf_req s;

			profile_sched_eval(&p, ns[k], &s);
			zero += !s.all.eq || !s.all.pt;
		}
	}
	ok(!zero, "no shipped preset gives a VF EQ or PT of 0 (unlimited)");
}

static void test_warning(const struct profile_dirs *d)
{
	struct vf_req r, expl;
	char buf[1024], list[128], err[512];

	memset(&r, 0, sizeof(r));
	r.num_vfs = 4;
	r.set = REQ_SET_NUM_VFS;
	ok(!qos_eq0_warning("0000:4d:00.0", &r, buf, sizeof(buf)) && !buf[0],
	   "EQ unset everywhere: no warning (the live value stays)");
	r.vf[0].set = VF_SET_EQ;
	ok(!qos_eq0_warning("0000:4d:00.0", &r, buf, sizeof(buf)),
	   "one VF with EQ 0: no warning (nobody to starve but the PF)");
	r.vf[2].set = VF_SET_EQ;
	r.vf[1].set = VF_SET_EQ;
	r.vf[1].eq = 5;
	ok(qos_eq0_warning("0000:4d:00.0", &r, buf, sizeof(buf)),
	   "VFs 1 and 3 with EQ 0: warning");
	ok(strstr(buf, "0000:4d:00.0") && strstr(buf, "2 VFs (1, 3)") &&
	   strstr(buf, "unlimited time slices") && strstr(buf, "fix: ") &&
	   strstr(buf, "--sched"), "... names the PF, the VFs and the fix: %s", buf);
	is_u64(qos_unlimited_vfs(&r, list, sizeof(list)), 2, "two unlimited VFs counted");
	is_str(list, "1, 3", "... VF 1 and VF 3");
	r.vf[5].set = VF_SET_EQ;	/* VF 6: beyond num_vfs */
	is_u64(qos_unlimited_vfs(&r, list, sizeof(list)), 2, "a VF beyond num_vfs is not counted");
	r.vf[2].eq = 1;
	ok(!qos_eq0_warning("0000:4d:00.0", &r, buf, sizeof(buf)) && !buf[0],
	   "EQ 1 ms is a limit: one unlimited VF left, no warning");

	/* Through the resolver, as plan/apply build it: --vfs 3 --exec-quantum 0. */
	memset(&expl, 0, sizeof(expl));
	ok(!req_set_key(&expl, "vfs", "3", err, sizeof(err)) &&
	   !req_set_key(&expl, "exec_quantum_ms", "0", err, sizeof(err)) &&
	   !request_resolve(d, &expl, &r, err, sizeof(err)), "--vfs 3 --exec-quantum 0 resolves %s", err);
	ok(qos_eq0_warning("pf", &r, buf, sizeof(buf)) && strstr(buf, "3 VFs (1, 2, 3)"),
	   "--exec-quantum 0 for 3 VFs warns for all three: %s", buf);
	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "vfs", "3", err, sizeof(err));
	req_set_key(&expl, "sched", "compute", err, sizeof(err));
	req_set_key(&expl, "vf.2.exec_quantum_ms", "0", err, sizeof(err));
	ok(!request_resolve(d, &expl, &r, err, sizeof(err)) &&
	   !qos_eq0_warning("pf", &r, buf, sizeof(buf)),
	   "--sched compute with VF 2 at EQ 0: one unlimited VF, no warning %s", err);
	req_set_key(&expl, "vf.3.exec_quantum_ms", "0", err, sizeof(err));
	ok(!request_resolve(d, &expl, &r, err, sizeof(err)) &&
	   qos_eq0_warning("pf", &r, buf, sizeof(buf)) && strstr(buf, "2 VFs (2, 3)"),
	   "... VF 3 too: warning for VFs 2 and 3: %s", buf);
}

int main(void)
{
	struct profile_dirs d = { 0 };
	const char *src = getenv("VFCTL_PROFILE_DIR");
	size_t i;

	if (!src) {
		printf("not ok 1 - VFCTL_PROFILE_DIR names userspace/profiles\n1..1\n");
		return 1;
	}
	profile_dirs_add(&d, src);
	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++)
		test_formula(&d, &wants[i]);
	test_60_is_30_halved(&d);
	test_listed(&d);
	test_presets_never_unlimited(&d);
	test_warning(&d);
	return tap_done();
}
