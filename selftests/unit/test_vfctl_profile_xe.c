// SPDX-License-Identifier: GPL-2.0
/*
 * The xe profiles (Arc Pro B60/B50, Flex 170/140 on xe): each parses, and
 * N VFs of it fit the card with xe's PF spares and granules.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "vfctl_tap.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

struct card {
	const char *name;
	uint32_t vfs;
	uint64_t vram;		/* physical VRAM */
	uint64_t ggtt_align;	/* 64 KiB on ATS-M, else 4 KiB */
};

/* XE_SRIOV_ABI.md: PF spares GGTT 64 MiB, VRAM 128 MiB, contexts 256; GGTT 4 GiB, 65535 contexts, 256 doorbells per GT. */
static void fits(const struct profile_dirs *d, const struct card *c)
{
	char err[1024] = "";
	struct profile p;
	int rc = profile_load(d, c->name, 0, &p, err, sizeof(err));
	uint64_t n = c->vfs;

	ok(!rc && p.type == PROFILE_RESOURCES && p.req.num_vfs == c->vfs && p.description[0],
	   "%s parses as a %u-VF resource profile %s", c->name, c->vfs, err);
	if (rc)
		return;
	ok(n * p.req.all.lmem + 128 * MiB <= c->vram && p.req.all.lmem % (2 * MiB) == 0,
	   "%s: %llu x VRAM %llu + PF spare fit %llu, 2 MiB granules", c->name,
	   (unsigned long long)n, (unsigned long long)p.req.all.lmem, (unsigned long long)c->vram);
	ok(n * p.req.all.ggtt + 64 * MiB <= 4 * GiB && p.req.all.ggtt % c->ggtt_align == 0,
	   "%s: GGTT %llu x %llu + PF spare within 4 GiB, aligned", c->name,
	   (unsigned long long)n, (unsigned long long)p.req.all.ggtt);
	ok(n * p.req.all.contexts + 256 <= 65535 && n * p.req.all.doorbells <= 256 &&
	   p.req.all.contexts && p.req.all.doorbells,
	   "%s: contexts %u and doorbells %u x %u fit a GT", c->name, p.req.all.contexts,
	   p.req.all.doorbells, c->vfs);
}

int main(void)
{
	static const struct card cards[] = {
		{ "b60-1", 1, 24 * GiB, 4096 }, { "b60-2", 2, 24 * GiB, 4096 },
		{ "b60-4", 4, 24 * GiB, 4096 }, { "b60-8", 8, 24 * GiB, 4096 },
		{ "b50-1", 1, 16 * GiB, 4096 }, { "b50-2", 2, 16 * GiB, 4096 },
		{ "b50-4", 4, 16 * GiB, 4096 }, { "b50-8", 8, 16 * GiB, 4096 },
		{ "flex170-xe-1", 1, 16 * GiB, 65536 }, { "flex170-xe-2", 2, 16 * GiB, 65536 },
		{ "flex170-xe-4", 4, 16 * GiB, 65536 }, { "flex170-xe-5", 5, 16 * GiB, 65536 },
		{ "flex170-xe-8", 8, 16 * GiB, 65536 }, { "flex170-xe-16", 16, 16 * GiB, 65536 },
		{ "flex140-xe-1", 1, 6 * GiB, 65536 }, { "flex140-xe-3", 3, 6 * GiB, 65536 },
		{ "flex140-xe-6", 6, 6 * GiB, 65536 }, { "flex140-xe-12", 12, 6 * GiB, 65536 },
	};
	const char *src = getenv("VFCTL_PROFILE_DIR");
	struct profile_dirs d = { 0 };
	char err[1024] = "";
	struct profile p;
	size_t i;

	if (!src) {
		printf("not ok 1 - VFCTL_PROFILE_DIR names userspace/profiles\n1..1\n");
		return 1;
	}
	profile_dirs_add(&d, src);
	for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++)
		fits(&d, &cards[i]);
	ok(!profile_load(&d, "b60", 3, &p, err, sizeof(err)) && p.type == PROFILE_RESOURCES &&
	   p.div && !p.req.num_vfs, "b60 fallback divides by the VF count %s", err);
	ok(!profile_load(&d, "b50", 0, &p, err, sizeof(err)) && p.div,
	   "b50 fallback divides by the VF count %s", err);
	ok(!profile_load(&d, "b60", 4, &p, err, sizeof(err)) && p.req.num_vfs == 4,
	   "b60 with 4 VFs finds its row b60-4 %s", err);
	is_str(profile_for_device(0x8086, 0xe211), "b60", "8086:e211 -> b60");
	is_str(profile_for_device(0x8086, 0xe216), "b60", "8086:e216 -> b60");
	is_str(profile_for_device(0x8086, 0xe212), "b50", "8086:e212 -> b50");
	ok(!profile_for_device(0x8086, 0xe20b), "the consumer B580 has no profile");
	return tap_done();
}
