// SPDX-License-Identifier: GPL-2.0
/* Profiles: the shipped data files, scheduler formulas, precedence, errors. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "vfctl_tap.h"

static void write_file(const char *dir, const char *name, const char *text)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	if (!f) {
		perror(p);
		return;
	}
	fputs(text, f);
	fclose(f);
}

int main(void)
{
	/* I915_PRELIM_ABI.md "Reference profiles" */
	static const struct {
		const char *name;
		uint32_t vfs;
		uint64_t lmem, ggtt;
		uint32_t db;
	} table[] = {
		{ "flex170-1", 1, 16777216000ull, 4026531840ull, 240 },
		{ "flex170-2", 2, 8388608000ull, 2013265920ull, 120 },
		{ "flex170-4", 4, 4194304000ull, 1006632960ull, 60 },
		{ "flex170-5", 5, 3355443200ull, 805306368ull, 48 },
		{ "flex170-8", 8, 2097152000ull, 503316480ull, 30 },
		{ "flex170-16", 16, 1048576000ull, 251658240ull, 15 },
		{ "flex140-1", 1, 6039797760ull, 4026531840ull, 240 },
		{ "flex140-3", 3, 2013265920ull, 1342177280ull, 80 },
		{ "flex140-6", 6, 1006632960ull, 671088640ull, 40 },
		{ "flex140-12", 12, 503316480ull, 335544320ull, 20 },
	};
	static const uint32_t ns[] = { 1, 2, 3, 4, 5, 8, 16, 31, 40 };
	struct profile_dirs d = { 0 }, d2 = { 0 };
	const char *src = getenv("VFCTL_PROFILE_DIR");
	char err[1024], tmp[] = "/tmp/vfctl-prof-XXXXXX";
	struct vf_req expl, out;
	struct profile p;
	size_t i;

	if (!src) {
		printf("not ok 1 - VFCTL_PROFILE_DIR names userspace/profiles\n1..1\n");
		return 1;
	}
	profile_dirs_add(&d, src);
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		int rc = profile_load(&d, table[i].name, 0, &p, err, sizeof(err));

		ok(!rc && p.type == PROFILE_RESOURCES && p.req.num_vfs == table[i].vfs &&
		   p.req.all.lmem == table[i].lmem && p.req.all.ggtt == table[i].ggtt &&
		   p.req.all.doorbells == table[i].db && p.req.all.contexts == 1024 &&
		   !strcmp(p.req.sched, "flexible_30fps") && p.description[0],
		   "%s matches the XPU Manager table %s", table[i].name, rc ? err : "");
	}
	/* flexible_30fps: EQ max(32/N,1), PT N=1 ? 128000 : max(64000/N,16000) */
	ok(!profile_load(&d, "flexible_30fps", 0, &p, err, sizeof(err)) &&
	   p.type == PROFILE_SCHED, "flexible_30fps is a scheduler preset %s", err);
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		uint32_t n = ns[i], eq = 32 / n ? 32 / n : 1;
		uint32_t pt = n == 1 ? 128000 : (64000 / n > 16000 ? 64000 / n : 16000);
		struct vf_req s;

		profile_sched_eval(&p, n, &s);
		ok(s.all.eq == eq && s.all.pt == pt && (s.all.set & (VF_SET_EQ | VF_SET_PT)) ==
		   (VF_SET_EQ | VF_SET_PT), "flexible_30fps N=%u: EQ %u PT %u (got %u %u)",
		   n, eq, pt, s.all.eq, s.all.pt);
		if (i == 0)
			ok(s.pf_eq == 20 && s.pf_pt == 20000 && (s.set & REQ_SET_IDLE) &&
			   !s.sched_if_idle, "flexible_30fps PF EQ 20 PT 20000 sched_if_idle 0");
	}
	ok(!profile_load(&d, "fixed_30fps", 0, &p, err, sizeof(err)) &&
	   p.req.sched_if_idle == 1 && sched_rule_eval(&p.eq, 4) == 8 &&
	   sched_rule_eval(&p.pt, 4) == 16000, "fixed_30fps: sched_if_idle 1, N=4 EQ 8 PT 16000");
	ok(!profile_load(&d, "guide", 0, &p, err, sizeof(err)) && p.req.pf_eq == 20 &&
	   p.req.pf_pt == 40000 && sched_rule_eval(&p.eq, 7) == 20 &&
	   sched_rule_eval(&p.pt, 7) == 40000, "guide: EQ 20 / PT 40000 for PF and VFs");
	ok(!profile_load(&d, "fair", 0, &p, err, sizeof(err)) && p.type == PROFILE_RESOURCES &&
	   !p.req.set && !p.req.all.set, "fair sets nothing");

	/* lookup by family + VF count */
	ok(!profile_load(&d, "flex170", 8, &p, err, sizeof(err)) && !strcmp(p.name, "flex170-8"),
	   "flex170 with 8 VFs -> flex170-8");
	ok(!profile_load(&d, "flex170", 3, &p, err, sizeof(err)) && !strcmp(p.name, "flex170") &&
	   p.div == (PROF_DIV_LMEM | PROF_DIV_LMEM_ECC | PROF_DIV_GGTT | PROF_DIV_DOORBELLS),
	   "flex170 with 3 VFs (no row) -> the fallback, divided by the VF count %s", err);
	ok(profile_load(&d, "flex999", 3, &p, err, sizeof(err)) &&
	   strstr(err, "no profile 'flex999' for VF count 3"), "no such family: %s", err);
	ok(profile_load(&d, "../x", 0, &p, err, sizeof(err)) && strstr(err, "not a profile name"),
	   "path in a name rejected");

	/* request_resolve: profile < sched preset < explicit */
	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "profile", "flex170", err, sizeof(err));
	req_set_key(&expl, "vfs", "4", err, sizeof(err));
	req_set_key(&expl, "vf.2.lmem", "2G", err, sizeof(err));
	req_set_key(&expl, "doorbells", "50", err, sizeof(err));
	ok(!request_resolve(&d, &expl, &out, err, sizeof(err)), "resolve flex170 + vfs 4 %s", err);
	ok(out.num_vfs == 4 && out.vf[0].lmem == 4194304000ull && out.vf[1].lmem == 2ull << 30 &&
	   out.vf[3].ggtt == 1006632960ull, "profile quotas per VF, vf.2.lmem overrides");
	ok(out.vf[0].doorbells == 50 && out.vf[3].doorbells == 50, "explicit doorbells beat the profile");
	ok(out.vf[2].eq == 8 && out.vf[2].pt == 16000 && out.pf_eq == 20,
	   "profile's sched preset (flexible_30fps) evaluated for 4 VFs");
	ok(!out.vf[4].set, "no VF 5 in a 4-VF plan");
	is_str(out.profile, "flex170-4", "resolved profile name");
	is_str(out.sched, "flexible_30fps", "resolved sched name");

	req_set_key(&expl, "sched", "guide", err, sizeof(err));
	req_set_key(&expl, "exec_quantum_ms", "5", err, sizeof(err));
	ok(!request_resolve(&d, &expl, &out, err, sizeof(err)) && out.vf[0].eq == 5 &&
	   out.vf[0].pt == 40000 && out.pf_pt == 40000,
	   "--sched guide replaces the profile's preset; explicit EQ wins");

	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "profile", "flex170-4", err, sizeof(err));
	ok(!request_resolve(&d, &expl, &out, err, sizeof(err)) && out.num_vfs == 4,
	   "VF count from the profile");
	req_set_key(&expl, "vfs", "2", err, sizeof(err));
	ok(request_resolve(&d, &expl, &out, err, sizeof(err)) &&
	   strstr(err, "is for 4 VFs, but 2 were asked"), "count mismatch: %s", err);

	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "lmem", "1G", err, sizeof(err));
	ok(request_resolve(&d, &expl, &out, err, sizeof(err)) &&
	   strstr(err, "number of VFs is not set"), "no VF count: %s", err);
	req_set_key(&expl, "vfs", "2", err, sizeof(err));
	req_set_key(&expl, "vf.3.lmem", "1G", err, sizeof(err));
	ok(request_resolve(&d, &expl, &out, err, sizeof(err)) &&
	   strstr(err, "VF 3 is configured but only 2 VFs"), "VF beyond the count: %s", err);

	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "vfs", "3", err, sizeof(err));
	req_set_key(&expl, "profile", "fair", err, sizeof(err));
	ok(!request_resolve(&d, &expl, &out, err, sizeof(err)) && out.num_vfs == 3 &&
	   !out.vf[0].set && !out.vf[2].set, "fair: 3 VFs, no quota set");
	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "vfs", "3", err, sizeof(err));
	req_set_key(&expl, "profile", "guide", err, sizeof(err));
	ok(request_resolve(&d, &expl, &out, err, sizeof(err)) &&
	   strstr(err, "is a scheduler preset"), "a preset as profile: %s", err);
	memset(&expl, 0, sizeof(expl));
	req_set_key(&expl, "vfs", "3", err, sizeof(err));
	req_set_key(&expl, "sched", "fair", err, sizeof(err));
	ok(request_resolve(&d, &expl, &out, err, sizeof(err)) &&
	   strstr(err, "not a scheduler preset"), "a profile as preset: %s", err);

	/* ECC rows (XPU Manager VF_LMEM_ECC), chosen by the card's ECC state */
	{
		static const struct {
			const char *name;
			uint32_t vfs;
			uint64_t ecc;
		} rows[] = {
			{ "flex170", 1, 14199816192ull }, { "flex170", 2, 7098859520ull },
			{ "flex170", 4, 3548381184ull }, { "flex170", 5, 2839543808ull },
			{ "flex170", 8, 1774190592ull }, { "flex170", 16, 887095296ull },
			{ "flex140", 1, 4880072704ull }, { "flex140", 3, 1625292800ull },
			{ "flex140", 6, 811597824ull }, { "flex140", 12, 404750336ull },
		};
		char vfs[8];

		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			uint64_t plain;

			memset(&expl, 0, sizeof(expl));
			req_set_key(&expl, "profile", rows[i].name, err, sizeof(err));
			snprintf(vfs, sizeof(vfs), "%u", rows[i].vfs);
			req_set_key(&expl, "vfs", vfs, err, sizeof(err));
			request_resolve(&d, &expl, &out, err, sizeof(err));
			plain = out.vf[0].lmem;
			req_set_key(&expl, "ecc", "on", err, sizeof(err));
			ok(!request_resolve(&d, &expl, &out, err, sizeof(err)) &&
			   out.vf[0].lmem == rows[i].ecc &&
			   out.vf[rows[i].vfs - 1].lmem == rows[i].ecc && plain > rows[i].ecc,
			   "%s-%u with ECC on: VF_LMEM_ECC %llu (got %llu, off %llu)",
			   rows[i].name, rows[i].vfs, (unsigned long long)rows[i].ecc,
			   (unsigned long long)out.vf[0].lmem, (unsigned long long)plain);
		}
		memset(&expl, 0, sizeof(expl));
		ok(req_set_key(&expl, "ecc", "maybe", err, sizeof(err)) &&
		   strstr(err, "not on, off or auto"), "ecc = maybe: %s", err);
	}
	/* XPU Manager's fallback (56c0DEF, 56c1DEF) for unlisted counts */
	{
		static const struct {
			const char *name;
			uint32_t vfs;
			uint64_t lmem, ecc, ggtt;
			uint32_t db;
		} fb[] = {
			{ "flex170", 3, 16777216000ull, 14199816192ull, 4026531840ull, 240 },
			{ "flex170", 7, 16777216000ull, 14199816192ull, 4026531840ull, 240 },
			{ "flex170", 31, 16777216000ull, 14199816192ull, 4026531840ull, 240 },
			{ "flex140", 2, 6039797760ull, 4880072704ull, 4026531840ull, 240 },
			{ "flex140", 31, 6039797760ull, 4880072704ull, 4026531840ull, 240 },
		};
		char vfs[8];

		for (i = 0; i < sizeof(fb) / sizeof(fb[0]); i++) {
			uint32_t n = fb[i].vfs;
			int bad;

			memset(&expl, 0, sizeof(expl));
			req_set_key(&expl, "profile", fb[i].name, err, sizeof(err));
			snprintf(vfs, sizeof(vfs), "%u", n);
			req_set_key(&expl, "vfs", vfs, err, sizeof(err));
			bad = request_resolve(&d, &expl, &out, err, sizeof(err));
			ok(!bad && out.num_vfs == n && out.vf[n - 1].lmem == fb[i].lmem / n &&
			   out.vf[0].ggtt == fb[i].ggtt / n && out.vf[0].doorbells == fb[i].db / n &&
			   out.vf[0].contexts == 1024 && out.vf[0].eq == (32 / n ? 32 / n : 1),
			   "%s, %u VFs (no row): XPU Manager's fallback divided by %u %s",
			   fb[i].name, n, n, bad ? err : "");
			req_set_key(&expl, "ecc", "on", err, sizeof(err));
			ok(!request_resolve(&d, &expl, &out, err, sizeof(err)) &&
			   out.vf[0].lmem == fb[i].ecc / n,
			   "%s, %u VFs, ECC on: fallback ECC LMEM / %u", fb[i].name, n, n);
		}
	}
	/* Flexible_BurstableQoS_GPUTimeSlicing, as XPU Manager computes it */
	ok(!profile_load(&d, "flexible_burstable", 0, &p, err, sizeof(err)) &&
	   p.type == PROFILE_SCHED && p.req.pf_eq == 20 && p.req.pf_pt == 20000 &&
	   (p.req.set & REQ_SET_IDLE) && !p.req.sched_if_idle,
	   "flexible_burstable: PF EQ 20 / PT 20000, sched_if_idle 0 %s", err);
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		int n = (int)ns[i], s2 = 2000 / (n - 1 > 1 ? n - 1 : 1);
		int eq = (int)(s2 * 0.5) < 50 ? (int)(s2 * 0.5) : 50;
		int pt = (s2 - eq) * 1000;
		struct vf_req sv;

		profile_sched_eval(&p, (uint32_t)n, &sv);
		ok(sv.all.eq == (uint32_t)eq && sv.all.pt == (uint32_t)pt,
		   "burstable N=%d: EQ %d PT %d (got %u %u)", n, eq, pt, sv.all.eq, sv.all.pt);
	}
	/* card rows by PCI ID: Flex 170V (56c2) uses 56c0's */
	is_str(profile_for_device(0x8086, 0x56c0), "flex170", "8086:56c0 -> flex170");
	is_str(profile_for_device(0x8086, 0x56c2), "flex170", "8086:56c2 (Flex 170V) -> flex170");
	is_str(profile_for_device(0x8086, 0x56c1), "flex140", "8086:56c1 -> flex140");
	ok(!profile_for_device(0x8086, 0x4680) && !profile_for_device(0x10de, 0x56c0),
	   "other cards have no XPU Manager rows");

	/* a user directory first in the search path wins */
	if (!mkdtemp(tmp))
		return tap_done();
	write_file(tmp, "flex170-4.conf", "type = resources\ndescription = mine\nvfs = 4\nlmem = 1G\n");
	write_file(tmp, "bad1.conf", "vfs = 4\n");
	write_file(tmp, "bad2.conf", "type = gpu\n");
	write_file(tmp, "bad3.conf", "type = resources\nvf.1.lmem = 1G\n");
	write_file(tmp, "bad4.conf", "type = sched\nlmem = 1G\n");
	write_file(tmp, "bad5.conf", "type = sched\nexec_quantum_ms = 32 / cpus\n");
	write_file(tmp, "bad6.conf", "type = sched\n\npreempt_timeout_us@0 = 1\n");
	write_file(tmp, "bad7.conf", "type = resources\n[pf 0]\n");
	write_file(tmp, "bad8.conf", "type = sched\nexec_quantum_ms = 32 / vfs, max 3\n");
	write_file(tmp, "bad9.conf", "type = resources\nlmem = lots\n");
	profile_dirs_add(&d2, tmp);
	profile_dirs_add(&d2, src);
	ok(!profile_load(&d2, "flex170", 4, &p, err, sizeof(err)) && p.req.all.lmem == 1ull << 30 &&
	   !strcmp(p.description, "mine"), "user profile dir shadows the shipped one");
	ok(!profile_load(&d2, "flex170-8", 0, &p, err, sizeof(err)) && p.req.num_vfs == 8,
	   "shipped profile still found behind it");
	{
		static const struct {
			const char *name, *want;
		} bads[] = {
			{ "bad1", "bad1.conf:1: the first key must be 'type = resources' or 'type = sched'" },
			{ "bad2", "bad2.conf:1: type: 'gpu' is not resources or sched" },
			{ "bad3", "bad3.conf:2: 'vf.1.lmem' does not belong in a profile" },
			{ "bad4", "bad4.conf:2: 'lmem' does not belong in a scheduler preset" },
			{ "bad5", "bad5.conf:2: exec_quantum_ms: '32 / cpus': only '/ vfs' may divide" },
			{ "bad6", "bad6.conf:3: preempt_timeout_us@0: bad VF count" },
			{ "bad7", "bad7.conf:2: expected 'key = value'" },
			{ "bad8", "bad8.conf:2: exec_quantum_ms: '32 / vfs, max 3': expected ', min N'" },
			{ "bad9", "bad9.conf:2: lmem: bad size 'lots'" },
		};

		for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
			err[0] = 0;
			ok(profile_load(&d2, bads[i].name, 0, &p, err, sizeof(err)) &&
			   strstr(err, bads[i].want), "bad profile: %s", err);
			if (!strstr(err, bads[i].want))
				printf("#   want '%s'\n", bads[i].want);
		}
	}
	{
		char cmd[PATH_MAX + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
		if (system(cmd))
			printf("# cleanup failed\n");
	}
	return tap_done();
}
