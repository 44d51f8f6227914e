// SPDX-License-Identifier: GPL-2.0
/* vfctl check on a fake sysfs/proc tree: each requirement PASS/WARN/FAIL. */
#include <stdint.h>

#include <json-c/json.h>

#include "check.h"
#include "host.h"
#include "vfctl_fakeroot.h"
#include "vfctl_tap.h"

#define GPU "0000:4d:00.0"
#define AUDIO "0000:4d:00.1"
#define BRIDGE "0000:00:01.0"

static const struct check_limits unlimited = { .memlock = UINT64_MAX };

/* A host ready for both modes: Flex 170 on i915, vfio loaded, IOMMU on. */
static void ready_host(void)
{
	fr_file("/proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\n"
		"flags\t\t: fpu vme de pse vmx smx est\n\nprocessor\t: 1\n");
	fr_file("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro intel_iommu=on iommu=pt\n");
	fr_file("/sys/firmware/acpi/tables/DMAR", "");
	fr_file("/sys/class/iommu/dmar0/.keep", "");
	fr_file("/dev/kvm", "");
	fr_file("/sys/module/vfio/refcnt", "0\n");
	fr_file("/sys/module/vfio_pci/refcnt", "0\n");
	fr_file("/sys/module/vfio_iommu_type1/refcnt", "0\n");
	fr_file("/sys/module/i915/parameters/max_vfs", "31\n");
	fr_file("/sys/module/vfprov/refcnt", "0\n");
	fr_pci(GPU, "0x038000\n", "0x8086\n", "0x56c0\n", "i915", 5);
	fr_file("/sys/bus/pci/devices/" GPU "/sriov_totalvfs", "31\n");
	fr_file("/sys/bus/pci/devices/" GPU "/sriov_numvfs", "0\n");
	fr_pci(BRIDGE, "0x060400\n", "0x8086\n", "0x4fa1\n", "pcieport", 5);
}

static enum check_status status_of(enum check_mode mode, const char *name,
				   const struct check_limits *lim)
{
	struct check_report rep;
	const struct check_item *it;

	check_run(mode, lim, &rep);
	it = check_find(&rep, name);
	return it ? it->status : (enum check_status)-1;
}

static const char *detail_of(enum check_mode mode, const char *name)
{
	static struct check_report rep;
	const struct check_item *it;

	check_run(mode, &unlimited, &rep);
	it = check_find(&rep, name);
	return it ? it->detail : "(missing)";
}

static bool ready(enum check_mode mode)
{
	struct check_report rep;
	int i;

	check_run(mode, &unlimited, &rep);
	for (i = 0; i < rep.n; i++)
		if (rep.item[i].status != CHECK_PASS)
			printf("#   %s %s: %s\n", check_status_name(rep.item[i].status),
			       rep.item[i].name, rep.item[i].detail);
	return check_ready(&rep);
}

#define is_status(mode, name, want, ...) do {				\
	enum check_status _s = status_of(mode, name, &unlimited);	\
	ok(_s == (want), __VA_ARGS__);					\
	if (_s != (want))						\
		printf("#   %s is %d, want %s\n", name, (int)_s, check_status_name(want)); \
} while (0)

static void test_ready(void)
{
	ok(ready(CHECK_SRIOV), "ready host: sriov ready");
	ok(ready(CHECK_PASSTHROUGH), "ready host: passthrough ready");
	ok(strstr(detail_of(CHECK_SRIOV, "sriov_gpu"), "0000:4d:00.0 8086:56c0 (Intel Data Center GPU Flex 170) totalvfs 31"),
	   "Flex 170 named with its totalvfs: %s", detail_of(CHECK_SRIOV, "sriov_gpu"));
}

static void test_cpu(void)
{
	fr_file("/proc/cpuinfo", "vendor_id\t: GenuineIntel\nflags\t\t: fpu vmxx smx\n");
	is_status(CHECK_SRIOV, "cpu_virt", CHECK_FAIL, "no vmx (vmxx is not vmx): FAIL");
	ok(!ready(CHECK_SRIOV), "no vmx: not ready");
	/* TCG's -cpu max: svm on an Intel-IOMMU machine still wants intel_iommu=on. */
	fr_file("/proc/cpuinfo", "vendor_id\t: GenuineIntel\nflags\t\t: fpu svm\n");
	is_status(CHECK_SRIOV, "cpu_virt", CHECK_PASS, "svm: PASS");
	is_status(CHECK_SRIOV, "cmdline_iommu", CHECK_PASS, "svm flag with DMAR: intel_iommu=on counts");
	fr_file("/proc/cpuinfo", "vendor_id\t: AuthenticAMD\nflags\t\t: fpu svm\n");
	fr_rm("/sys/firmware/acpi/tables/DMAR");
	fr_file("/sys/firmware/acpi/tables/IVRS", "");
	is_status(CHECK_SRIOV, "cmdline_iommu", CHECK_WARN, "AMD wants amd_iommu=on, IOMMU on: WARN");
	fr_file("/proc/cmdline", "ro amd_iommu=on iommu=pt\n");
	is_status(CHECK_SRIOV, "cmdline_iommu", CHECK_PASS, "amd_iommu=on: PASS");
	fr_rm("/sys/firmware/acpi/tables/IVRS");
	ready_host();
}

static void test_iommu(void)
{
	fr_rm("/sys/class/iommu/dmar0");
	is_status(CHECK_SRIOV, "iommu", CHECK_FAIL, "empty /sys/class/iommu: FAIL");
	fr_file("/proc/cmdline", "ro quiet\n");
	is_status(CHECK_SRIOV, "cmdline_iommu", CHECK_FAIL, "no intel_iommu=on and IOMMU off: FAIL");
	is_status(CHECK_SRIOV, "cmdline_iommu_pt", CHECK_WARN, "no iommu=pt: WARN");
	fr_file("/sys/class/iommu/dmar0/.keep", "");
	is_status(CHECK_SRIOV, "cmdline_iommu", CHECK_WARN, "no intel_iommu=on but IOMMU on by default: WARN");
	fr_file("/proc/cmdline", "ro xintel_iommu=on\n");
	is_status(CHECK_SRIOV, "cmdline_iommu", CHECK_WARN, "xintel_iommu=on does not count");
	fr_rm("/sys/firmware/acpi/tables/DMAR");
	is_status(CHECK_SRIOV, "iommu_firmware", CHECK_FAIL, "no DMAR/IVRS: FAIL");
	fr_file("/sys/firmware/acpi/tables/IVRS", "");
	is_status(CHECK_SRIOV, "iommu_firmware", CHECK_PASS, "IVRS: PASS");
	fr_rm("/sys/firmware/acpi/tables/IVRS");
	ready_host();
}

static void test_modules(void)
{
	fr_rm("/sys/module/vfio_pci");
	is_status(CHECK_SRIOV, "vfio_pci", CHECK_FAIL, "vfio-pci neither loaded nor installed: FAIL");
	fr_modfile("modules.dep", "kernel/drivers/vfio/pci/vfio-pci.ko: kernel/drivers/vfio/vfio.ko\n"
		   "kernel/drivers/vfio/vfio.ko:\n");
	is_status(CHECK_SRIOV, "vfio_pci", CHECK_PASS, "vfio-pci.ko in modules.dep: PASS");
	ok(strstr(detail_of(CHECK_SRIOV, "vfio_pci"), "available"), "... reported as available");
	fr_modfile("modules.dep", "");
	fr_modfile("modules.builtin", "kernel/drivers/vfio/pci/vfio-pci.ko\n");
	ok(strstr(detail_of(CHECK_SRIOV, "vfio_pci"), "built in"), "vfio-pci in modules.builtin: built in");
	fr_rm("/sys/module/vfprov");
	is_status(CHECK_SRIOV, "vfprov", CHECK_FAIL, "vfprov not loaded: FAIL");
	is_status(CHECK_PASSTHROUGH, "vfprov", (enum check_status)-1, "passthrough does not need vfprov");
	fr_rm("/dev/kvm");
	is_status(CHECK_SRIOV, "kvm", CHECK_FAIL, "no /dev/kvm: FAIL");
	ready_host();
}

static void test_max_vfs(void)
{
	fr_file("/sys/module/i915/parameters/max_vfs", "0\n");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_FAIL, "i915.max_vfs=0: FAIL");
	fr_rm("/sys/module/i915/parameters");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_WARN, "i915 without max_vfs: WARN");
	fr_rm("/sys/module/i915");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_WARN, "i915 not loaded: WARN");
	fr_rm("/sys/bus/pci/devices/" GPU "/sriov_totalvfs");
	is_status(CHECK_SRIOV, "sriov_gpu", CHECK_FAIL, "Flex without SR-IOV capability: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "sriov_gpu"), "Flex 170 0000:4d:00.0 shows no SR-IOV"),
	   "... and it says which card");
	fr_rm("/sys/bus/pci/devices/" GPU);
	is_status(CHECK_SRIOV, "sriov_gpu", CHECK_FAIL, "no GPU: FAIL");
	is_status(CHECK_PASSTHROUGH, "gpu", CHECK_FAIL, "passthrough without a GPU: FAIL");
	ready_host();
}

static void test_memlock(void)
{
	struct check_limits low = { .memlock = 64 << 10 };
	struct check_limits cap = { .memlock = 64 << 10, .ipc_lock = true };
	struct check_limits big = { .memlock = 8ull << 30 };

	ok(status_of(CHECK_SRIOV, "memlock", &low) == CHECK_WARN, "memlock 64 KiB: WARN");
	ok(status_of(CHECK_SRIOV, "memlock", &cap) == CHECK_PASS, "CAP_IPC_LOCK: PASS");
	ok(status_of(CHECK_SRIOV, "memlock", &big) == CHECK_PASS, "memlock 8 GiB: PASS");
}

static void test_groups(void)
{
	char why[256];

	fr_pci(AUDIO, "0x040300\n", "0x8086\n", "0x4f92\n", "snd_hda_intel", 5);
	is_status(CHECK_PASSTHROUGH, "iommu_group", CHECK_FAIL, "group with a host-bound audio function: FAIL");
	ok(strstr(detail_of(CHECK_PASSTHROUGH, "iommu_group"), "0000:4d:00.1 is bound to snd_hda_intel"),
	   "... naming it: %s", detail_of(CHECK_PASSTHROUGH, "iommu_group"));
	ok(!ready(CHECK_PASSTHROUGH), "passthrough not ready");
	ok(ready(CHECK_SRIOV), "sriov does not care about the PF's group");
	fr_pci(AUDIO, "0x040300\n", "0x8086\n", "0x4f92\n", "vfio-pci", 5);
	is_status(CHECK_PASSTHROUGH, "iommu_group", CHECK_PASS, "audio on vfio-pci: viable");
	fr_pci(AUDIO, "0x040300\n", "0x8086\n", "0x4f92\n", "", 5);
	is_status(CHECK_PASSTHROUGH, "iommu_group", CHECK_PASS, "audio unbound: viable");
	ok(iommu_group_viable(5, NULL, why, sizeof(why)) == 0 && strstr(why, "i915"),
	   "without the exception the GPU itself on i915 spoils the group");
	ok(iommu_group_viable(99, NULL, why, sizeof(why)) == -1, "no such group: -1");
	fr_rm("/sys/bus/pci/devices/" GPU "/iommu_group");
	is_status(CHECK_PASSTHROUGH, "iommu_group", CHECK_FAIL, "GPU without an IOMMU group: FAIL");
	fr_rm("/sys/kernel/iommu_groups/5/devices/" AUDIO);
	fr_rm("/sys/bus/pci/devices/" AUDIO);
	ready_host();
}

static void test_in_use(void)
{
	char why[256];

	fr_file("/sys/bus/pci/devices/" GPU "/drm/card1/dev", "226:1\n");
	fr_file("/sys/bus/pci/devices/" GPU "/drm/renderD129/dev", "226:129\n");
	fr_file("/proc/77/comm", "Xorg\n");
	fr_link("/proc/77/fd/0", "/dev/null");
	ok(!pci_in_use(GPU, why, sizeof(why)), "nothing open: not in use");
	fr_link("/proc/77/fd/9", "/dev/dri/card10");
	ok(!pci_in_use(GPU, why, sizeof(why)), "card10 is another card");
	fr_link("/proc/77/fd/9", "/dev/dri/renderD129");
	ok(pci_in_use(GPU, why, sizeof(why)), "renderD129 open: in use");
	is_str(why, "pid 77 (Xorg) has /dev/dri/renderD129 open", "... says who");
	fr_link("/proc/77/fd/9", "/dev/vfio/5");
	ok(pci_in_use(GPU, why, sizeof(why)), "/dev/vfio/5 open: in use");
	fr_rm("/proc/77");
}

static void test_json(void)
{
	struct check_report rep;
	struct json_object *o, *back, *v, *arr, *c;
	const char *s;

	check_run(CHECK_SRIOV, &unlimited, &rep);
	o = check_json(&rep);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY);
	back = json_tokener_parse(s);
	ok(back != NULL, "check JSON parses back");
	ok(json_object_object_get_ex(back, "mode", &v) &&
	   !strcmp(json_object_get_string(v), "sriov"), "mode is sriov");
	ok(json_object_object_get_ex(back, "ready", &v) && json_object_get_boolean(v),
	   "ready is true");
	ok(json_object_object_get_ex(back, "checks", &arr) &&
	   (int)json_object_array_length(arr) == rep.n, "one entry per check (%d)", rep.n);
	c = arr ? json_object_array_get_idx(arr, 0) : NULL;
	ok(c && json_object_object_get_ex(c, "name", &v) &&
	   !strcmp(json_object_get_string(v), "cpu_virt") &&
	   json_object_object_get_ex(c, "status", &v) &&
	   !strcmp(json_object_get_string(v), "PASS") &&
	   json_object_object_get_ex(c, "fix", &v) &&
	   json_object_object_get_ex(c, "detail", &v), "entry has name, status, detail, fix");
	json_object_put(back);
	json_object_put(o);
}

int main(void)
{
	fr_init();
	ready_host();
	test_ready();
	test_cpu();
	test_iommu();
	test_modules();
	test_max_vfs();
	test_memlock();
	test_groups();
	test_in_use();
	test_json();
	fr_cleanup();
	return tap_done();
}
