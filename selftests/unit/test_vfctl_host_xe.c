// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl check on a fake tree: each Intel GPU's generation and modes, and the
 * upstream xe PF's knobs (xe.max_vfs, xe.force_probe, configfs, sriov_admin).
 */
#include <stdint.h>

#include "check.h"
#include "check_int.h"
#include "bootldr.h"
#include "gpu_gen.h"
#include "grub.h"
#include "host.h"
#include "vfctl_fakeroot.h"
#include "vfctl_tap.h"

#define BMG "0000:03:00.0"
#define FLEX "0000:4d:00.0"
#define IGPU "0000:00:02.0"

static const struct check_limits unlimited = { .memlock = UINT64_MAX };
static struct check_report rep;

static const struct check_item *item(enum check_mode mode, const char *name)
{
	check_run(mode, &unlimited, &rep);
	return check_find(&rep, name);
}

static const char *detail(enum check_mode mode, const char *name)
{
	const struct check_item *it = item(mode, name);

	return it ? it->detail : "(missing)";
}

#define is_int(got, want, ...) do {					\
	int _g = (got), _w = (int)(want);				\
	ok(_g == _w, __VA_ARGS__);					\
	if (_g != _w)							\
		printf("#   got %d, want %d\n", _g, _w);			\
} while (0)

static int status(const char *name)
{
	const struct check_item *it = item(CHECK_SRIOV, name);

	return it ? (int)it->status : -1;
}

static void test_gen_table(void)
{
	const struct gpu_gen *g;

	ok((g = gpu_gen_find(0x56c0)) && g->family == FAM_ATSM, "56c0 is ATS-M");
	ok((g = gpu_gen_find(0x56c1)) && g->family == FAM_ATSM, "56c1 (Flex 140) is ATS-M");
	ok((g = gpu_gen_find(0xe211)) && g->family == FAM_BMG, "e211 (B60) is Battlemage");
	ok((g = gpu_gen_find(0x1616)) && !strncmp(g->name, "gen8", 4), "1616 is gen8 Broadwell");
	ok((g = gpu_gen_find(0x5912)) && g->family == FAM_GVT, "5912 (Kaby Lake) has GVT-g");
	ok((g = gpu_gen_find(0x8a52)) && !strncmp(g->name, "gen11", 5), "8a52 is gen11 Ice Lake");
	ok((g = gpu_gen_find(0x9a49)) && g->family == FAM_XE_FORCE, "9a49 is Tiger Lake");
	ok((g = gpu_gen_find(0x4906)) && strstr(g->name, "DG1"), "4906 is DG1");
	ok((g = gpu_gen_find(0x56a0)) && strstr(g->name, "Alchemist"), "56a0 is Alchemist");
	ok((g = gpu_gen_find(0x46a6)) && strstr(g->name, "Alder Lake"), "46a6 is Alder Lake");
	ok((g = gpu_gen_find(0xa7a0)) && strstr(g->name, "Raptor Lake"), "a7a0 is Raptor Lake");
	ok((g = gpu_gen_find(0xb080)) && g->family == FAM_PTL, "b080 is Panther Lake");
	ok((g = gpu_gen_find(0x7d51)) && strstr(g->name, "Arrow"), "7d51 (shared with MTL) is Arrow Lake");
	ok(!gpu_gen_find(0x1234), "1234 is unknown");
	ok(gpu_gen_bmg_sriov(0xe212) && !gpu_gen_bmg_sriov(0xe20b),
	   "B50 has SR-IOV firmware, B580 not");
	ok(gpu_kver("6.18.0-1-amd64") == 618 && gpu_kver("7.1.5") == 701 && !gpu_kver("x"),
	   "kernel release parsed to major*100+minor");
}

static void test_force_probe_list(void)
{
	ok(xe_force_probe_allows("56c0", 0x56c0), "id in the list allows it");
	ok(xe_force_probe_allows("4680,56c0", 0x56c0), "second id allows it");
	ok(xe_force_probe_allows("*", 0x56c0), "* allows it");
	ok(!xe_force_probe_allows("*,!56c0", 0x56c0), "a block wins over *");
	ok(!xe_force_probe_allows("56c1", 0x56c0), "another id does not");
	ok(!xe_force_probe_allows("", 0x56c0), "empty does not");
}

/* A Battlemage Pro B60 on xe under 6.19, a Flex 170 on i915 under it. */
static void host_bmg(void)
{
	fr_file("/proc/cmdline", "ro intel_iommu=on iommu=pt\n");
	fr_file("/proc/sys/kernel/osrelease", "6.19.0-1-amd64\n");
	fr_pci(BMG, "0x030000\n", "0x8086\n", "0xe211\n", "xe", 3);
	fr_file("/sys/bus/pci/devices/" BMG "/sriov_totalvfs", "24\n");
	fr_file("/sys/bus/pci/devices/" BMG "/sriov_numvfs", "0\n");
	fr_file("/sys/bus/pci/devices/" BMG "/sriov_admin/pf/profile/exec_quantum_ms", "0\n");
	fr_file("/sys/module/xe/parameters/max_vfs", "8\n");
	fr_pci(IGPU, "0x030000\n", "0x8086\n", "0x1234\n", "", 1);
}

static void test_gens(void)
{
	ok(strstr(detail(CHECK_SRIOV, "gen_" BMG), "Battlemage/Arc B (Arc Pro B60)") &&
	   strstr(detail(CHECK_SRIOV, "gen_" BMG), "driver xe") &&
	   strstr(detail(CHECK_SRIOV, "gen_" BMG), "on Linux 6.19.0-1-amd64") &&
	   strstr(detail(CHECK_SRIOV, "gen_" BMG), "xe PF (Linux 6.17+): this kernel has it"),
	   "B60 named, its driver and xe SR-IOV on this kernel: %s", detail(CHECK_SRIOV, "gen_" BMG));
	ok(strstr(detail(CHECK_PASSTHROUGH, "gen_" IGPU), "unknown generation (device id 0x1234)") &&
	   strstr(detail(CHECK_PASSTHROUGH, "gen_" IGPU), "driver none"),
	   "unknown id said so, in passthrough mode too: %s", detail(CHECK_PASSTHROUGH, "gen_" IGPU));
	fr_pci(IGPU, "0x030000\n", "0x8086\n", "0x46a6\n", "i915", 1);
	ok(strstr(detail(CHECK_SRIOV, "gen_" IGPU), "Alder Lake") &&
	   strstr(detail(CHECK_SRIOV, "gen_" IGPU), "xe.force_probe): this kernel has it"),
	   "Alder Lake: xe PF with force_probe since 6.18: %s", detail(CHECK_SRIOV, "gen_" IGPU));
	fr_file("/proc/sys/kernel/osrelease", "6.12.0\n");
	ok(strstr(detail(CHECK_SRIOV, "gen_" IGPU), "not on this kernel"),
	   "on 6.12 the xe PF is not there: %s", detail(CHECK_SRIOV, "gen_" IGPU));
	fr_pci(IGPU, "0x030000\n", "0x8086\n", "0x1916\n", "i915", 1);
	ok(strstr(detail(CHECK_SRIOV, "gen_" IGPU), "GVT-g"), "Skylake: GVT-g named");
	fr_file("/proc/sys/kernel/osrelease", "6.19.0-1-amd64\n");
	fr_pci(IGPU, "0x030000\n", "0x8086\n", "0x1234\n", "", 1);
}

static void test_xe_knobs(void)
{
	const struct check_item *it;

	is_int(status("xe_max_vfs"), CHECK_PASS, "xe.max_vfs=8 passes");
	fr_file("/sys/module/xe/parameters/max_vfs", "0\n");
	it = item(CHECK_SRIOV, "xe_max_vfs");
	ok(it && it->status == CHECK_FAIL && strstr(it->fix, "--driver xe"),
	   "xe.max_vfs=0 fails with the kernel-args fix");
	fr_rm("/sys/module/xe");
	fr_file("/proc/cmdline", "ro xe.max_vfs=0 intel_iommu=on iommu=pt xe.max_vfs=4\n");
	ok(strstr(detail(CHECK_SRIOV, "xe_max_vfs"), "xe.max_vfs=4 on the kernel command line"),
	   "xe not loaded: the command line is read, its last value");
	is_int(status("xe_force_probe"), -1, "B60 needs no force_probe: no line");
	is_int(status("xe_sriov_admin"), CHECK_PASS, "sriov_admin present passes");
	fr_rm("/sys/bus/pci/devices/" BMG "/sriov_admin");
	is_int(status("xe_sriov_admin"), CHECK_WARN, "sriov_admin missing on 6.19 warns");
	is_int(status("xe_configfs"), CHECK_PASS, "configfs not set: optional");
	fr_file("/sys/kernel/config/xe/" BMG "/sriov/max_vfs", "0\n");
	is_int(status("xe_configfs"), CHECK_FAIL, "configfs sriov/max_vfs 0 fails");
	fr_file("/sys/kernel/config/xe/" BMG "/sriov/max_vfs", "4\n");
	is_int(status("xe_configfs"), CHECK_PASS, "configfs sriov/max_vfs 4 passes");
}

/* An unbound Flex 170: xe takes it only with xe.force_probe. */
static void test_xe_force_probe(void)
{
	fr_pci(FLEX, "0x038000\n", "0x8086\n", "0x56c0\n", "", 4);
	fr_file("/sys/bus/pci/devices/" FLEX "/sriov_totalvfs", "31\n");
	fr_file("/proc/cmdline", "ro intel_iommu=on xe.force_probe=56c0\n");
	ok(strstr(detail(CHECK_SRIOV, "xe_force_probe"), FLEX) &&
	   status("xe_force_probe") == CHECK_PASS, "force_probe on the cmdline passes");
	fr_file("/sys/module/xe/parameters/force_probe", "4680\n");
	ok(!item(CHECK_SRIOV, "xe_force_probe") || !strstr(detail(CHECK_SRIOV, "xe_force_probe"), FLEX),
	   "xe loaded without 56c0: xe would not take the Flex, no xe lines for it");
	fr_pci(FLEX, "0x038000\n", "0x8086\n", "0x56c0\n", "xe", 4);
	is_int(status("xe_force_probe"), CHECK_PASS, "a Flex bound to xe was force-probed");
	fr_rm("/sys/module/xe");
	fr_rm("/sys/bus/pci/devices/" FLEX);
}

static void test_i915_unchanged(void)
{
	fr_pci(FLEX, "0x038000\n", "0x8086\n", "0x56c0\n", "i915", 4);
	fr_file("/sys/bus/pci/devices/" FLEX "/sriov_totalvfs", "31\n");
	fr_rm("/sys/bus/pci/devices/" BMG);
	check_run(CHECK_SRIOV, &unlimited, &rep);
	ok(!check_find(&rep, "xe_max_vfs") && !check_find(&rep, "xe_force_probe") &&
	   !check_find(&rep, "xe_configfs"), "a Flex on i915: no xe lines");
	ok(check_find(&rep, "i915_max_vfs") != NULL, "the i915 lines stay");
}

static void test_kargs_xe(void)
{
	struct kargs k = { .vfs = 8, .xe = true };
	char buf[512], err[256], fp[80], out[1024];

	ok(!kargs_build(&k, buf, sizeof(buf), err, sizeof(err)), "xe args build");
	is_str(buf, "intel_iommu=on iommu=pt xe.max_vfs=8", "B60 on xe: no force_probe");
	k.force_probe = "56c0,56c1";
	ok(!kargs_build(&k, buf, sizeof(buf), err, sizeof(err)), "xe args with force_probe build");
	is_str(buf, "intel_iommu=on iommu=pt xe.max_vfs=8 xe.force_probe=56c0,56c1 i915.force_probe=!56c0,!56c1",
	       "Flex on xe: forced to xe, blocked for i915");
	k.force_probe = "56c0;rm";
	ok(kargs_build(&k, buf, sizeof(buf), err, sizeof(err)) && strstr(err, "xe.force_probe"),
	   "bad force_probe ids refused: %s", err);
	k.xe = false;
	k.force_probe = NULL;
	ok(!kargs_build(&k, buf, sizeof(buf), err, sizeof(err)), "i915 args build");
	is_str(buf, "intel_iommu=on iommu=pt i915.max_vfs=8", "default driver stays i915");

	ok(!kargs_merge("ro xe.max_vfs=4 xe.force_probe=56c0", "intel_iommu=on iommu=pt xe.max_vfs=8",
			out, sizeof(out)), "merge xe");
	is_str(out, "ro intel_iommu=on iommu=pt xe.max_vfs=8", "xe install replaces its stale xe keys");
	ok(!kargs_merge("ro xe.max_vfs=4 i915.force_probe=!4680", "intel_iommu=on iommu=pt i915.max_vfs=8",
			out, sizeof(out)), "merge i915");
	is_str(out, "ro xe.max_vfs=4 i915.force_probe=!4680 intel_iommu=on iommu=pt i915.max_vfs=8",
	       "i915 install leaves xe.* and i915.force_probe alone");

	fr_pci(FLEX, "0x038000\n", "0x8086\n", "0x56c0\n", "i915", 4);
	fr_file("/sys/bus/pci/devices/" FLEX "/sriov_totalvfs", "31\n");
	fr_pci("0000:4e:00.0", "0x038000\n", "0x8086\n", "0x56c0\n", "i915", 6);
	fr_file("/sys/bus/pci/devices/0000:4e:00.0/sriov_totalvfs", "31\n");
	fr_pci(BMG, "0x030000\n", "0x8086\n", "0xe211\n", "xe", 3);
	fr_file("/sys/bus/pci/devices/" BMG "/sriov_totalvfs", "24\n");
	fr_pci(IGPU, "0x030000\n", "0x8086\n", "0x46a6\n", "i915", 1);
	gpu_xe_force_ids(fp, sizeof(fp));
	is_str(fp, "56c0", "two Flex 170 once, the B60 not, the iGPU without SR-IOV not");
	fr_file("/sys/bus/pci/devices/" IGPU "/sriov_totalvfs", "7\n");
	gpu_xe_force_ids(fp, sizeof(fp));
	is_str(fp, "46a6,56c0", "Alder Lake with SR-IOV needs force_probe too");
}

int main(void)
{
	fr_init();
	test_gen_table();
	test_force_probe_list();
	host_bmg();
	test_gens();
	test_xe_knobs();
	test_xe_force_probe();
	test_i915_unchanged();
	test_kargs_xe();
	fr_cleanup();
	return tap_done();
}
