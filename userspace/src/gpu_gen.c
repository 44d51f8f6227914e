// SPDX-License-Identifier: GPL-2.0
/*
 * Intel GPU generations by PCI device id (see gpu_gen.h). The id lists are
 * the public ones of Linux's include/drm/intel/i915_pciids.h and
 * xe_pciids.h (6.12), Battlemage and Panther/Wildcat Lake from the later
 * include/drm/intel/pciids.h. ARL shares ids with MTL there: ARL comes first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_gen.h"
#include "host.h"

static const uint16_t ids_bdw[] = {
	0x1602, 0x1606, 0x160a, 0x160b, 0x160d, 0x160e, 0x1612, 0x1616,
	0x161a, 0x161b, 0x161d, 0x161e, 0x1622, 0x1626, 0x162a, 0x162b,
	0x162d, 0x162e, 0x1632, 0x1636, 0x163a, 0x163b, 0x163d, 0x163e,
	0
};
static const uint16_t ids_chv[] = {
	0x22b0, 0x22b1, 0x22b2, 0x22b3,
	0
};
static const uint16_t ids_skl[] = {
	0x1902, 0x1906, 0x190a, 0x190b, 0x190e, 0x1912, 0x1913, 0x1915,
	0x1916, 0x1917, 0x191a, 0x191b, 0x191d, 0x191e, 0x1921, 0x1923,
	0x1926, 0x1927, 0x192a, 0x192b, 0x192d, 0x1932, 0x193a, 0x193b,
	0x193d,
	0
};
static const uint16_t ids_bxt[] = {
	0x0a84, 0x1a84, 0x1a85, 0x5a84, 0x5a85,
	0
};
static const uint16_t ids_glk[] = {
	0x3184, 0x3185,
	0
};
static const uint16_t ids_kbl[] = {
	0x5902, 0x5906, 0x5908, 0x590a, 0x590b, 0x590e, 0x5912, 0x5913,
	0x5915, 0x5916, 0x5917, 0x591a, 0x591b, 0x591c, 0x591d, 0x591e,
	0x5921, 0x5923, 0x5926, 0x5927, 0x593b, 0x87c0,
	0
};
static const uint16_t ids_cfl[] = {
	0x3e90, 0x3e91, 0x3e92, 0x3e93, 0x3e94, 0x3e96, 0x3e98, 0x3e99,
	0x3e9a, 0x3e9b, 0x3e9c, 0x3ea0, 0x3ea1, 0x3ea2, 0x3ea3, 0x3ea4,
	0x3ea5, 0x3ea6, 0x3ea7, 0x3ea8, 0x3ea9, 0x87ca,
	0
};
static const uint16_t ids_cml[] = {
	0x9b21, 0x9b41, 0x9ba2, 0x9ba4, 0x9ba5, 0x9ba8, 0x9baa, 0x9bac,
	0x9bc2, 0x9bc4, 0x9bc5, 0x9bc6, 0x9bc8, 0x9bca, 0x9bcc, 0x9be6,
	0x9bf6,
	0
};
static const uint16_t ids_cnl[] = {
	0x5a40, 0x5a41, 0x5a42, 0x5a44, 0x5a49, 0x5a4a, 0x5a4c, 0x5a50,
	0x5a51, 0x5a52, 0x5a54, 0x5a59, 0x5a5a, 0x5a5c,
	0
};
static const uint16_t ids_icl[] = {
	0x8a50, 0x8a51, 0x8a52, 0x8a53, 0x8a54, 0x8a56, 0x8a57, 0x8a58,
	0x8a59, 0x8a5a, 0x8a5b, 0x8a5c, 0x8a5d, 0x8a70, 0x8a71,
	0
};
static const uint16_t ids_ehl[] = {
	0x4541, 0x4551, 0x4555, 0x4557, 0x4570, 0x4571, 0x4e51, 0x4e55,
	0x4e57, 0x4e61, 0x4e71,
	0
};
static const uint16_t ids_tgl[] = {
	0x9a40, 0x9a49, 0x9a59, 0x9a60, 0x9a68, 0x9a70, 0x9a78, 0x9ac0,
	0x9ac9, 0x9ad9, 0x9af8,
	0
};
static const uint16_t ids_rkl[] = {
	0x4c80, 0x4c8a, 0x4c8b, 0x4c8c, 0x4c90, 0x4c9a,
	0
};
static const uint16_t ids_dg1[] = {
	0x4905, 0x4906, 0x4907, 0x4908, 0x4909,
	0
};
static const uint16_t ids_adl[] = {
	0x4626, 0x4628, 0x462a, 0x4680, 0x4682, 0x4688, 0x468a, 0x468b,
	0x4690, 0x4692, 0x4693, 0x46a0, 0x46a1, 0x46a2, 0x46a3, 0x46a6,
	0x46a8, 0x46aa, 0x46b0, 0x46b1, 0x46b2, 0x46b3, 0x46c0, 0x46c1,
	0x46c2, 0x46c3, 0x46d0, 0x46d1, 0x46d2, 0x46d3, 0x46d4,
	0
};
static const uint16_t ids_rpl[] = {
	0xa720, 0xa721, 0xa780, 0xa781, 0xa782, 0xa783, 0xa788, 0xa789,
	0xa78a, 0xa78b, 0xa7a0, 0xa7a1, 0xa7a8, 0xa7a9, 0xa7aa, 0xa7ab,
	0xa7ac, 0xa7ad,
	0
};
static const uint16_t ids_dg2[] = {
	0x5690, 0x5691, 0x5692, 0x5693, 0x5694, 0x5695, 0x5696, 0x5697,
	0x56a0, 0x56a1, 0x56a2, 0x56a3, 0x56a4, 0x56a5, 0x56a6, 0x56b0,
	0x56b1, 0x56b2, 0x56b3, 0x56ba, 0x56bb, 0x56bc, 0x56bd, 0x56be,
	0x56bf,
	0
};
static const uint16_t ids_atsm[] = {
	0x56c0, 0x56c1, 0x56c2,
	0
};
static const uint16_t ids_arl[] = {
	0x7d41, 0x7d51, 0x7d67, 0x7dd1, 0xb640,
	0
};
static const uint16_t ids_mtl[] = {
	0x7d40, 0x7d45, 0x7d55, 0x7d60, 0x7dd5,
	0
};
static const uint16_t ids_lnl[] = {
	0x6420, 0x64a0, 0x64b0,
	0
};
static const uint16_t ids_bmg[] = {
	0xe202, 0xe20b, 0xe20c, 0xe20d, 0xe210, 0xe211, 0xe212,
	0xe215, 0xe216,
	0
};
static const uint16_t ids_ptl[] = {
	0xb080, 0xb081, 0xb082, 0xb083, 0xb084, 0xb085, 0xb086, 0xb087,
	0xb08f, 0xb090, 0xb0a0, 0xb0b0,
	0
};
static const uint16_t ids_wcl[] = { 0xfd80, 0xfd81, 0 };

struct gen_row {
	struct gpu_gen gen;
	const uint16_t *ids;
};

static const struct gen_row rows[] = {
	{ { "gen8 Broadwell", FAM_GVT, "i915" }, ids_bdw },
	{ { "gen8 Cherry View", FAM_LEGACY, "i915" }, ids_chv },
	{ { "gen9 Skylake", FAM_GVT, "i915" }, ids_skl },
	{ { "gen9 Broxton/Apollo Lake", FAM_GVT, "i915" }, ids_bxt },
	{ { "gen9 Gemini Lake", FAM_LEGACY, "i915" }, ids_glk },
	{ { "gen9 Kaby Lake/Amber Lake", FAM_GVT, "i915" }, ids_kbl },
	{ { "gen9 Coffee Lake/Whiskey Lake", FAM_GVT, "i915" }, ids_cfl },
	{ { "gen9 Comet Lake", FAM_GVT, "i915" }, ids_cml },
	{ { "gen10 Cannon Lake", FAM_LEGACY, "i915" }, ids_cnl },
	{ { "gen11 Ice Lake", FAM_LEGACY, "i915" }, ids_icl },
	{ { "gen11 Elkhart Lake/Jasper Lake", FAM_LEGACY, "i915" }, ids_ehl },
	{ { "gen12 Tiger Lake", FAM_XE_FORCE, "i915" }, ids_tgl },
	{ { "gen12 Rocket Lake", FAM_LEGACY, "i915" }, ids_rkl },
	{ { "gen12 DG1 (Iris Xe MAX)", FAM_LEGACY, "i915" }, ids_dg1 },
	{ { "gen12 Alder Lake", FAM_XE_FORCE, "i915" }, ids_adl },
	{ { "gen12 Raptor Lake", FAM_XE_FORCE, "i915" }, ids_rpl },
	{ { "Alchemist/DG2 (Arc A)", FAM_LEGACY, "i915" }, ids_dg2 },
	{ { "ATS-M (Data Center GPU Flex)", FAM_ATSM, "i915" }, ids_atsm },
	{ { "Arrow Lake", FAM_LEGACY, "i915" }, ids_arl },
	{ { "Meteor Lake", FAM_LEGACY, "i915" }, ids_mtl },
	{ { "Lunar Lake", FAM_XE_NOVF, "xe" }, ids_lnl },
	{ { "Battlemage/Arc B", FAM_BMG, "xe" }, ids_bmg },
	{ { "Panther Lake", FAM_PTL, "xe" }, ids_ptl },
	{ { "Wildcat Lake", FAM_PTL, "xe" }, ids_wcl },
};

const struct gpu_gen *gpu_gen_find(unsigned int device)
{
	size_t i;
	int k;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (k = 0; rows[i].ids[k]; k++)
			if (rows[i].ids[k] == device)
				return &rows[i].gen;
	return NULL;
}

const char *gpu_gen_product(unsigned int device)
{
	switch (device) {
	case 0xe211:
	case 0xe216:
		return "Arc Pro B60";
	case 0xe212:
		return "Arc Pro B50";
	default:
		return NULL;
	}
}

/* Arc Pro B60 (e211, e216) and B50 (e212): the consumer cards have no SR-IOV firmware. */
bool gpu_gen_bmg_sriov(unsigned int device)
{
	return device == 0xe211 || device == 0xe212 || device == 0xe216;
}

unsigned int gpu_kver(const char *release)
{
	char *end;
	unsigned long major = strtoul(release, &end, 10), minor;

	if (end == release || *end != '.')
		return 0;
	minor = strtoul(end + 1, &end, 10);
	if (major > 99 || minor > 99)
		return 0;
	return (unsigned int)(major * 100 + minor);
}

bool gpu_gen_needs_force_probe(const struct gpu_gen *g)
{
	return g && (g->family == FAM_XE_FORCE || g->family == FAM_ATSM);
}

bool gpu_gen_xe_sriov(const struct gpu_gen *g, unsigned int device)
{
	if (!g)
		return false;
	switch (g->family) {
	case FAM_XE_FORCE:
	case FAM_ATSM:
	case FAM_PTL:
		return true;
	case FAM_BMG:
		return gpu_gen_bmg_sriov(device);
	default:
		return false;
	}
}

/* The kernel xe's PF for @g arrived in. */
static unsigned int xe_pf_since(const struct gpu_gen *g)
{
	return g->family == FAM_BMG || g->family == FAM_PTL ? 617 : 618;
}

/* "xe PF (since 6.18, xe.force_probe): this kernel has it" and the like. */
static void xe_sriov_words(const struct gpu_gen *g, unsigned int kver, char *buf,
			   size_t len)
{
	unsigned int since = xe_pf_since(g);

	snprintf(buf, len, "xe PF (Linux %u.%u+%s): %s", since / 100, since % 100,
		 gpu_gen_needs_force_probe(g) ? ", xe.force_probe" : "",
		 !kver ? "kernel version unknown" :
		 kver >= since ? "this kernel has it" : "not on this kernel");
}

void gpu_gen_modes(const struct gpu_gen *g, unsigned int device,
		   unsigned int kver, char *buf, size_t len)
{
	char xe[96];

	if (!g) {
		snprintf(buf, len, "passthrough (vfio-pci, whole GPU); SR-IOV: not known to vfctl");
		return;
	}
	if (gpu_gen_xe_sriov(g, device))
		xe_sriov_words(g, kver, xe, sizeof(xe));
	switch (g->family) {
	case FAM_GVT:
		snprintf(buf, len, "passthrough (vfio-pci, whole GPU); SR-IOV: none; GVT-g mediated vGPUs: i915 (i915.enable_gvt=1, kvmgt)");
		break;
	case FAM_ATSM:
		snprintf(buf, len, "passthrough (vfio-pci, whole GPU); SR-IOV: i915 backports (prelim_iov, i915.max_vfs) or %s", xe);
		break;
	case FAM_XE_FORCE:
	case FAM_PTL:
		snprintf(buf, len, "passthrough (vfio-pci, whole GPU); SR-IOV: %s", xe);
		break;
	case FAM_BMG:
		snprintf(buf, len, "passthrough (vfio-pci, whole GPU); SR-IOV: %s",
			 gpu_gen_bmg_sriov(device) ? xe :
			 "none (only the Arc Pro B50/B60 firmware has it)");
		break;
	default:
		snprintf(buf, len, "passthrough (vfio-pci, whole GPU); SR-IOV: none");
		break;
	}
}

void gpu_xe_force_ids(char *buf, size_t len)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	int i, n = pci_list_gpus(g, PCI_MAX_GPUS);
	char one[8];

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		if (g[i].vendor != 0x8086 || g[i].total_vfs <= 0 ||
		    !gpu_gen_needs_force_probe(gpu_gen_find(g[i].device)))
			continue;
		snprintf(one, sizeof(one), "%04x", g[i].device);
		if (!strstr(buf, one) && strlen(buf) + 6 < len)
			str_append(buf, len, "%s%s", buf[0] ? "," : "", one);
	}
}
