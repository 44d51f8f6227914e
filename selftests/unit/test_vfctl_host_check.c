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
#define VF1 "0000:4e:00.1"
#define VF2 "0000:4e:00.2"
#define OTHER "0000:4e:00.3"

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
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_FAIL, "i915 without max_vfs and a Flex: FAIL");
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

static const char *fix_of(enum check_mode mode, const char *name)
{
	static struct check_report rep;
	const struct check_item *it;

	check_run(mode, &unlimited, &rep);
	it = check_find(&rep, name);
	return it ? it->fix : "(missing)";
}

/* A module file under /lib/modules/KVER whose .modinfo declares @parm (or not). */
static void fake_ko(const char *rel, const char *parm)
{
	char text[256];

	/* .modinfo strings are NUL separated; fr_file writes a C string: spaces */
	snprintf(text, sizeof(text), "\177ELF license=GPL parm=%s:Limit VFs parmtype=%s:uint vermagic=x",
		 parm ? parm : "enable_guc", parm ? parm : "enable_guc");
	fr_modfile(rel, text);
}

static void test_max_vfs_unknown(void)
{
	struct utsname u;
	char want[256];

	uname(&u);
	fr_rm("/sys/module/i915/parameters");
	/* the backports are installed for this kernel, the old i915 still runs */
	fr_modfile("modules.dep", "updates/dkms/i915.ko: kernel/drivers/video/fbdev/core/fb.ko\n");
	fake_ko("updates/dkms/i915.ko", "max_vfs");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_FAIL, "installed i915 has max_vfs, the running one not: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "i915_max_vfs"), "not the installed one") &&
	   strstr(fix_of(CHECK_SRIOV, "i915_max_vfs"), "update-initramfs -u"),
	   "... says the loaded i915 is not the installed one, fix update-initramfs: %s",
	   detail_of(CHECK_SRIOV, "i915_max_vfs"));
	/* a compressed backports module: its place says what it is */
	fr_modfile("modules.dep", "updates/dkms/i915.ko.xz:\n");
	fr_modfile("updates/dkms/i915.ko.xz", "\3757zXZ");
	ok(strstr(detail_of(CHECK_SRIOV, "i915_max_vfs"), "not the installed one"),
	   "compressed i915 under updates/: the same diagnosis");
	/* DKMS built it for another kernel only */
	fr_modfile("modules.dep", "kernel/drivers/gpu/drm/i915/i915.ko:\n");
	fake_ko("kernel/drivers/gpu/drm/i915/i915.ko", NULL);
	fr_file("/var/lib/dkms/intel-i915-dkms/1.23.10/6.0.0-9-amd64/x86_64/module/i915.ko", "");
	fr_file("/var/lib/dkms/intel-i915-dkms/1.23.10/source/dkms.conf", "");
	fr_file("/var/lib/dkms/vfprov/0.1/6.0.0-9-amd64/x86_64/module/vfprov.ko", "");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_FAIL, "DKMS i915 for another kernel only: FAIL");
	snprintf(want, sizeof(want), "DKMS built i915 (intel-i915-dkms/1.23.10) for 6.0.0-9-amd64 but not for the running kernel %s",
		 u.release);
	ok(strstr(detail_of(CHECK_SRIOV, "i915_max_vfs"), want), "... names the package and both kernels: %s",
	   detail_of(CHECK_SRIOV, "i915_max_vfs"));
	snprintf(want, sizeof(want), "dkms autoinstall -k %s", u.release);
	ok(strstr(fix_of(CHECK_SRIOV, "i915_max_vfs"), want) &&
	   strstr(fix_of(CHECK_SRIOV, "i915_max_vfs"), "linux-headers-"),
	   "... fix: headers, then dkms autoinstall for the running kernel: %s", fix_of(CHECK_SRIOV, "i915_max_vfs"));
	/* built for this kernel too, but modules.dep still has the kernel's own */
	snprintf(want, sizeof(want), "/var/lib/dkms/intel-i915-dkms/1.23.10/%s/x86_64/module/i915.ko.xz", u.release);
	fr_file(want, "");
	ok(strstr(detail_of(CHECK_SRIOV, "i915_max_vfs"), "the build is not installed") &&
	   strstr(fix_of(CHECK_SRIOV, "i915_max_vfs"), "dkms install intel-i915-dkms/1.23.10 -k"),
	   "DKMS build for this kernel not installed: says so, fix dkms install: %s",
	   detail_of(CHECK_SRIOV, "i915_max_vfs"));
	fr_rm("/var/lib/dkms");
	ok(strstr(detail_of(CHECK_SRIOV, "i915_max_vfs"), "the upstream i915 (kernel/drivers/gpu/drm/i915/i915.ko)"),
	   "no DKMS, kernel's own i915: upstream i915 named with its file");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_FAIL, "... FAIL with a Flex on the host");
	fr_file("/sys/bus/pci/devices/" GPU "/device", "0x1234\n");
	is_status(CHECK_SRIOV, "i915_max_vfs", CHECK_WARN, "... WARN without a Flex");
	fr_rm("/lib/modules");
	ready_host();
}

static void test_pf_sriov(void)
{
	is_status(CHECK_SRIOV, "pf_sriov", CHECK_PASS, "backports i915 on the PF: PASS");
	fr_file("/dev/kmsg", "6,101,2000,-;pci 0000:4e:00.0: driver does not support SR-IOV configuration via sysfs\n");
	is_status(CHECK_SRIOV, "pf_sriov", CHECK_PASS, "the message for another device does not count");
	fr_file("/dev/kmsg", "6,100,1000,-;i915 0000:4d:00.0: [drm] GT0: ready\n"
		"6,101,2000,-;foo 0000:4d:00.0: driver does not support SR-IOV configuration via sysfs\n");
	is_status(CHECK_SRIOV, "pf_sriov", CHECK_FAIL, "kernel log: the PF's driver lacks sriov_configure: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "pf_sriov"),
		  "kernel log: foo 0000:4d:00.0: driver does not support SR-IOV configuration via sysfs"),
	   "... quotes the kernel's message: %s", detail_of(CHECK_SRIOV, "pf_sriov"));
	ok(strstr(fix_of(CHECK_SRIOV, "pf_sriov"), "i915 backports"), "... fix: a driver that creates VFs");
	fr_rm("/dev/kmsg");
	fr_rm("/sys/module/i915/parameters");
	is_status(CHECK_SRIOV, "pf_sriov", CHECK_FAIL, "upstream i915 (no max_vfs) on a PF with totalvfs: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "pf_sriov"), "driver does not support SR-IOV configuration via sysfs"),
	   "... says what writing sriov_numvfs would answer");
	fr_pci(GPU, "0x038000\n", "0x8086\n", "0x56c0\n", "", 5);
	is_status(CHECK_SRIOV, "pf_sriov", CHECK_FAIL, "PF without a driver: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "pf_sriov"), "0000:4d:00.0 has no driver"), "... says so");
	ready_host();
}

/* VFs 1 and 2 of the GPU, with their drivers and IOMMU groups. */
static void enable_vfs(const char *drv1, const char *drv2)
{
	fr_file("/sys/bus/pci/devices/" GPU "/sriov_numvfs", "2\n");
	fr_file("/sys/bus/pci/devices/" GPU "/sriov_drivers_autoprobe", "1\n");
	fr_link("/sys/bus/pci/devices/" GPU "/virtfn0", "../" VF1);
	fr_link("/sys/bus/pci/devices/" GPU "/virtfn1", "../" VF2);
	fr_pci(VF1, "0x038000\n", "0x8086\n", "0x56c0\n", drv1, 21);
	fr_pci(VF2, "0x038000\n", "0x8086\n", "0x56c0\n", drv2, 22);
}

static void remove_vfs(void)
{
	fr_rm("/sys/bus/pci/devices/" VF1);
	fr_rm("/sys/bus/pci/devices/" VF2);
	fr_rm("/sys/bus/pci/devices/" OTHER);
	fr_rm("/sys/kernel/iommu_groups/21");
	fr_rm("/sys/kernel/iommu_groups/22");
	fr_rm("/sys/bus/pci/devices/" GPU "/virtfn0");
	fr_rm("/sys/bus/pci/devices/" GPU "/virtfn1");
	ready_host();
}

static void test_vf_drivers(void)
{
	ok(!strcmp(detail_of(CHECK_SRIOV, "vf_driver"), "no VFs enabled"), "no VFs: vf_driver says so");
	enable_vfs("i915", "vfio-pci");
	is_status(CHECK_SRIOV, "vf_driver", CHECK_WARN, "VF 1 on i915 on the host: WARN");
	ok(strstr(detail_of(CHECK_SRIOV, "vf_driver"), "1 VF bound to a GPU driver on the host") &&
	   strstr(detail_of(CHECK_SRIOV, "vf_driver"), VF1 " on i915 (PF " GPU ", autoprobe 1)") &&
	   !strstr(detail_of(CHECK_SRIOV, "vf_driver"), VF2),
	   "... names it, its PF and autoprobe, not the vfio-pci one: %s", detail_of(CHECK_SRIOV, "vf_driver"));
	ok(strstr(fix_of(CHECK_SRIOV, "vf_driver"), "--driver vfio-pci"), "... fix: --driver vfio-pci");
	enable_vfs("xe", "xe");
	ok(strstr(detail_of(CHECK_SRIOV, "vf_driver"), "2 VFs bound"), "xe counts too");
	enable_vfs("vfio-pci", "");
	is_status(CHECK_SRIOV, "vf_driver", CHECK_PASS, "vfio-pci and unbound VFs: PASS");
	ok(!strcmp(detail_of(CHECK_SRIOV, "vf_driver"), "2 VFs, none bound to i915/xe on the host"),
	   "... counting both");
	ok(ready(CHECK_SRIOV), "host with 2 VFs for guests is ready");
	remove_vfs();
}

static void test_vf_groups(void)
{
	enable_vfs("vfio-pci", "vfio-pci");
	is_status(CHECK_SRIOV, "vf_iommu_group", CHECK_PASS, "each VF alone in its group: PASS");
	fr_pci(OTHER, "0x020000\n", "0x8086\n", "0x1572\n", "i40e", 22);
	is_status(CHECK_SRIOV, "vf_iommu_group", CHECK_FAIL, "a NIC on i40e in VF 2's group: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "vf_iommu_group"), VF2 " " OTHER " is bound to i40e") &&
	   !strstr(detail_of(CHECK_SRIOV, "vf_iommu_group"), VF1),
	   "... names the VF and the offender: %s", detail_of(CHECK_SRIOV, "vf_iommu_group"));
	ok(!ready(CHECK_SRIOV), "... the host is not ready");
	fr_pci(OTHER, "0x020000\n", "0x8086\n", "0x1572\n", "pci-stub", 22);
	is_status(CHECK_SRIOV, "vf_iommu_group", CHECK_PASS, "the NIC on pci-stub: viable");
	fr_pci(OTHER, "0x020000\n", "0x8086\n", "0x1572\n", "", 22);
	is_status(CHECK_SRIOV, "vf_iommu_group", CHECK_PASS, "the NIC unbound: viable");
	fr_rm("/sys/bus/pci/devices/" VF1 "/iommu_group");
	is_status(CHECK_SRIOV, "vf_iommu_group", CHECK_FAIL, "VF without an IOMMU group: FAIL");
	ok(strstr(detail_of(CHECK_SRIOV, "vf_iommu_group"), VF1 " has no IOMMU group"), "... says so");
	remove_vfs();
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
	test_max_vfs_unknown();
	test_pf_sriov();
	test_vf_drivers();
	test_vf_groups();
	test_memlock();
	test_groups();
	test_in_use();
	test_json();
	fr_cleanup();
	return tap_done();
}
