// SPDX-License-Identifier: GPL-2.0
/* Host readiness checks for `vfctl check` (see check.h). */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "check.h"
#include "check_int.h"
#include "host.h"

/* Guests of a few GiB: a lower memlock limit breaks VFIO's pinning. */
#define MEMLOCK_WANT (4ull << 30)

static const char *const status_names[] = { "PASS", "WARN", "FAIL" };
static const char *const mode_names[] = { "sriov", "passthrough" };

const char *check_status_name(enum check_status s)
{
	return status_names[s];
}

const char *check_mode_name(enum check_mode m)
{
	return mode_names[m];
}

int check_parse_mode(const char *s, enum check_mode *m)
{
	if (!strcmp(s, "sriov"))
		*m = CHECK_SRIOV;
	else if (!strcmp(s, "passthrough"))
		*m = CHECK_PASSTHROUGH;
	else
		return -1;
	return 0;
}

static void vadd(struct check_report *rep, const char *name,
		 enum check_status st, const char *fix, const char *fmt, va_list ap)
{
	struct check_item *it;

	if (rep->n >= CHECK_MAX_ITEMS)
		return;
	it = &rep->item[rep->n++];
	snprintf(it->name, sizeof(it->name), "%s", name);
	it->status = st;
	snprintf(it->fix, sizeof(it->fix), "%s", st != CHECK_PASS && fix ? fix : "");
	vsnprintf(it->detail, sizeof(it->detail), fmt, ap);
}

/* Add an item; @fix may be NULL. detail is printf-formatted. */
static void add(struct check_report *rep, const char *name,
		enum check_status st, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add(struct check_report *rep, const char *name,
		enum check_status st, const char *fix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(rep, name, st, fix, fmt, ap);
	va_end(ap);
}

void check_add(struct check_report *rep, const char *name, enum check_status st,
	       const char *fix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(rep, name, st, fix, fmt, ap);
	va_end(ap);
}

static void check_cpu(struct check_report *rep)
{
	if (host_cpu_flag("vmx"))
		add(rep, "cpu_virt", CHECK_PASS, NULL, "Intel VT-x (vmx)");
	else if (host_cpu_flag("svm"))
		add(rep, "cpu_virt", CHECK_PASS, NULL, "AMD-V (svm)");
	else
		add(rep, "cpu_virt", CHECK_FAIL,
		    "enable Intel VT-x / AMD-V in the firmware setup (in a VM: nested virtualisation)",
		    "no vmx or svm flag in /proc/cpuinfo");
}

static void check_acpi(struct check_report *rep)
{
	if (host_exists("/sys/firmware/acpi/tables/DMAR"))
		add(rep, "iommu_firmware", CHECK_PASS, NULL, "ACPI DMAR table (Intel VT-d)");
	else if (host_exists("/sys/firmware/acpi/tables/IVRS"))
		add(rep, "iommu_firmware", CHECK_PASS, NULL, "ACPI IVRS table (AMD-Vi)");
	else
		add(rep, "iommu_firmware", CHECK_FAIL,
		    "enable VT-d (Intel) or AMD-Vi/IOMMU (AMD) in the firmware setup",
		    "no DMAR or IVRS table in /sys/firmware/acpi/tables");
}

/* The names under /sys/class/iommu ("dmar0 dmar1"); their count. */
static int iommu_units(char *names, size_t len)
{
	char p[HOST_PATH_MAX];
	struct dirent *de;
	int n = 0;
	DIR *d;

	names[0] = 0;
	if (host_path(p, sizeof(p), "/sys/class/iommu") || !(d = opendir(p)))
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		str_append(names, len, "%s%s", n ? " " : "", de->d_name);
		n++;
	}
	closedir(d);
	return n;
}

static void check_iommu_active(struct check_report *rep, enum check_mode mode,
			       bool *active)
{
	char names[256];

	*active = iommu_units(names, sizeof(names)) > 0;
	if (*active)
		add(rep, "iommu", CHECK_PASS, NULL, "IOMMU active: %s", names);
	else
		add(rep, "iommu", CHECK_FAIL,
		    mode == CHECK_SRIOV ?
		    "vfctl kernel-args --mode sriov --apply, reboot (and enable VT-d/AMD-Vi in the firmware)" :
		    "vfctl kernel-args --mode passthrough --apply, reboot (and enable VT-d/AMD-Vi in the firmware)",
		    "/sys/class/iommu is empty: the kernel runs without an IOMMU");
}

static void check_cmdline(struct check_report *rep, enum check_mode mode,
			  bool active)
{
	const char *arg = host_iommu_amd() ? "amd_iommu=on" : "intel_iommu=on";
	const char *fix = mode == CHECK_SRIOV ?
		"vfctl kernel-args --mode sriov --apply, then reboot" :
		"vfctl kernel-args --mode passthrough --apply, then reboot";

	if (host_cmdline_has(arg))
		add(rep, "cmdline_iommu", CHECK_PASS, NULL, "%s on the kernel command line", arg);
	else
		/* Some kernels turn the IOMMU on by default: then it is only advice. */
		add(rep, "cmdline_iommu", active ? CHECK_WARN : CHECK_FAIL, fix,
		    "%s missing from /proc/cmdline%s", arg,
		    active ? " (the IOMMU is on by the kernel's default)" : "");
	if (host_cmdline_has("iommu=pt"))
		add(rep, "cmdline_iommu_pt", CHECK_PASS, NULL, "iommu=pt on the kernel command line");
	else
		add(rep, "cmdline_iommu_pt", CHECK_WARN, fix,
		    "iommu=pt missing: host DMA goes through IOMMU translation (slower)");
}

static void check_kvm(struct check_report *rep)
{
	char why[128];

	if (host_kvm_usable(why, sizeof(why)))
		add(rep, "kvm", CHECK_PASS, NULL, "/dev/kvm usable");
	else if (host_exists("/dev/kvm"))
		add(rep, "kvm", CHECK_FAIL,
		    "run as root or add the user to group kvm",
		    "/dev/kvm is there but cannot be opened: %s", why);
	else
		add(rep, "kvm", CHECK_FAIL,
		    "modprobe kvm_intel (or kvm_amd); enable virtualisation in the firmware",
		    "no /dev/kvm: guests would run in slow TCG emulation");
}

static void check_module(struct check_report *rep, const char *item,
			 const char *mod, const char *fix)
{
	enum host_mod m = host_module(mod);

	if (m == MOD_ABSENT)
		add(rep, item, CHECK_FAIL, fix, "module %s not found (not loaded, not in modules.dep)", mod);
	else
		add(rep, item, CHECK_PASS, NULL, "module %s %s", mod, host_mod_name(m));
}

static void check_vfio(struct check_report *rep)
{
	const char *fix = "install a kernel built with VFIO (CONFIG_VFIO_PCI, CONFIG_VFIO_IOMMU_TYPE1)";

	check_module(rep, "vfio", "vfio", fix);
	check_module(rep, "vfio_pci", "vfio-pci", fix);
	check_module(rep, "vfio_iommu_type1", "vfio_iommu_type1", fix);
}

/* "0000:03:00.0 8086:56c0 (Intel ... Flex 170) totalvfs 31 numvfs 0 i915" */
static void describe_gpu(const struct pci_gpu *g, char *buf, size_t len)
{
	char vfs[48] = "no SR-IOV";

	if (g->total_vfs >= 0)
		snprintf(vfs, sizeof(vfs), "totalvfs %d, numvfs %d", g->total_vfs,
			 g->num_vfs);
	snprintf(buf, len, "%s %04x:%04x%s%s%s %s, driver %s", g->addr,
		 g->vendor, g->device, g->model ? " (" : "",
		 g->model ? g->model : "", g->model ? ")" : "", vfs,
		 g->driver[0] ? g->driver : "none");
}

/* All GPUs matching @want_sriov described into @buf; their count. */
static int describe_gpus(const struct pci_gpu *g, int n, bool want_sriov,
			 char *buf, size_t len)
{
	int i, hits = 0;

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		size_t used;

		if (want_sriov && g[i].total_vfs <= 0)
			continue;
		if (hits++)
			str_append(buf, len, "; ");
		used = strlen(buf);
		describe_gpu(&g[i], buf + used, len - used);
	}
	return hits;
}

static void check_sriov_gpus(struct check_report *rep, const struct pci_gpu *g,
			     int n)
{
	char buf[512];
	int i;

	if (describe_gpus(g, n, true, buf, sizeof(buf))) {
		add(rep, "sriov_gpu", CHECK_PASS, NULL, "%s", buf);
		return;
	}
	for (i = 0; i < n && !g[i].model; i++)
		;
	if (i < n)
		add(rep, "sriov_gpu", CHECK_FAIL,
		    "enable SR-IOV in the firmware setup and use Intel's i915 backports (i915.max_vfs)",
		    "%s %s shows no SR-IOV capability", g[i].model, g[i].addr);
	else
		add(rep, "sriov_gpu", CHECK_FAIL,
		    "an SR-IOV GPU (Intel Data Center GPU Flex 170/140: 8086:56c0/56c1) is needed",
		    "no GPU with sriov_totalvfs among %d display controllers", n);
}

/*
 * Whether the module file @rel (under /lib/modules/KVER) declares parameter
 * @parm, as `modinfo -F parm` would list it: its .modinfo section holds
 * "parm=NAME:". 1 yes, 0 no, -1 cannot tell (compressed, unreadable).
 */
static int module_has_parm(const char *rel, const char *parm)
{
	char p[HOST_PATH_MAX], needle[80], buf[65536];
	size_t nl, keep = 0;
	struct utsname u;
	int found = 0;
	FILE *f;

	if (strlen(rel) < 3 || strcmp(rel + strlen(rel) - 3, ".ko") || uname(&u) ||
	    host_path(p, sizeof(p), "/lib/modules/%s/%s", u.release, rel) ||
	    !(f = fopen(p, "re")))
		return -1;
	nl = (size_t)snprintf(needle, sizeof(needle), "parm=%s:", parm);
	while (!found) {
		size_t n = fread(buf + keep, 1, sizeof(buf) - keep, f);

		if (!n)
			break;
		n += keep;
		found = memmem(buf, n, needle, nl) != NULL;
		/* a needle across two reads: keep the tail */
		keep = n < nl ? n : nl - 1;
		memmove(buf, buf + n - keep, keep);
	}
	fclose(f);
	return found;
}

/* DKMS builds of i915 (/var/lib/dkms/PKG/VER/KVER/ARCH/module/i915.ko*). */
struct dkms_i915 {
	char pkg[128];		/* "intel-i915-dkms/1.23.10" of the last seen */
	char kernels[256];	/* the kernels it was built for */
	bool for_running;
};

/* @out = @a/@b; false when it does not fit. */
static bool join(char *out, size_t len, const char *a, const char *b)
{
	int n = snprintf(out, len, "%s/%s", a, b);

	return n > 0 && (size_t)n < len;
}

static bool dir_has_i915(const char *dir)
{
	char p[HOST_PATH_MAX], m[HOST_PATH_MAX];
	static const char *const names[] = { "i915.ko", "i915.ko.xz", "i915.ko.zst", "i915.ko.gz" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (join(m, sizeof(m), dir, "module") && join(p, sizeof(p), m, names[i]) &&
		    !access(p, F_OK))
			return true;
	}
	return false;
}

/* Visit KVER/ARCH under /var/lib/dkms/PKG/VER (@dir, absolute). */
static void dkms_scan_version(const char *dir, const char *pv, struct dkms_i915 *d,
			      const char *running)
{
	char kd[HOST_PATH_MAX], ad[HOST_PATH_MAX];
	struct dirent *k, *a;
	DIR *kdir, *adir;

	if (!(kdir = opendir(dir)))
		return;
	while ((k = readdir(kdir))) {
		if (k->d_name[0] == '.' || !strcmp(k->d_name, "source") ||
		    !strcmp(k->d_name, "build"))
			continue;
		if (!join(kd, sizeof(kd), dir, k->d_name) || !(adir = opendir(kd)))
			continue;
		while ((a = readdir(adir))) {
			if (a->d_name[0] == '.')
				continue;
			if (!join(ad, sizeof(ad), kd, a->d_name) || !dir_has_i915(ad))
				continue;
			snprintf(d->pkg, sizeof(d->pkg), "%s", pv);
			str_append(d->kernels, sizeof(d->kernels), "%s%s",
				   d->kernels[0] ? ", " : "", k->d_name);
			d->for_running |= !strcmp(k->d_name, running);
		}
		closedir(adir);
	}
	closedir(kdir);
}

/* What `dkms status` would say of i915: 1 some build, 0 none. */
static int dkms_find_i915(struct dkms_i915 *d)
{
	char root[HOST_PATH_MAX], pd[HOST_PATH_MAX], vd[HOST_PATH_MAX], pv[128];
	struct dirent *pk, *v;
	struct utsname u;
	DIR *rdir, *pdir;

	memset(d, 0, sizeof(*d));
	if (uname(&u) || host_path(root, sizeof(root), "/var/lib/dkms") ||
	    !(rdir = opendir(root)))
		return 0;
	while ((pk = readdir(rdir))) {
		if (pk->d_name[0] == '.')
			continue;
		if (!join(pd, sizeof(pd), root, pk->d_name) || !(pdir = opendir(pd)))
			continue;
		while ((v = readdir(pdir))) {
			if (v->d_name[0] == '.' || !strcmp(v->d_name, "source") ||
			    !strncmp(v->d_name, "kernel-", 7))
				continue;
			if (join(vd, sizeof(vd), pd, v->d_name) &&
			    join(pv, sizeof(pv), pk->d_name, v->d_name))
				dkms_scan_version(vd, pv, d, u.release);
		}
		closedir(pdir);
	}
	closedir(rdir);
	return d->kernels[0] != 0;
}

/* A module path DKMS or a vendor package installed (not the kernel's own). */
static bool out_of_tree(const char *rel)
{
	return !strncmp(rel, "updates/", 8) || !strncmp(rel, "extra/", 6);
}

/* Whether a known SR-IOV GPU (Flex) is on the host: then i915 must do SR-IOV. */
static bool have_flex(void)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	int i, n = pci_list_gpus(g, PCI_MAX_GPUS);

	for (i = 0; i < n; i++)
		if (g[i].model)
			return true;
	return false;
}

/* i915 has no max_vfs: why, from the module on disk and DKMS. */
static void max_vfs_unknown(struct check_report *rep, bool loaded)
{
	char rel[HOST_PATH_MAX] = "", fix[512];
	struct dkms_i915 dk;
	struct utsname u;
	bool on_disk = !host_module_path("i915", rel, sizeof(rel));
	int parm = on_disk ? module_has_parm(rel, "max_vfs") : -1;
	bool backports = on_disk && (parm == 1 || (parm < 0 && out_of_tree(rel)));
	enum check_status st = have_flex() ? CHECK_FAIL : CHECK_WARN;

	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "?");
	dkms_find_i915(&dk);
	if (loaded && backports) {
		add(rep, "i915_max_vfs", CHECK_FAIL,
		    "update-initramfs -u (the initramfs still carries the old i915), then reboot; or modprobe -r i915 && modprobe i915",
		    "the running i915 has no max_vfs parameter, but /lib/modules/%s/%s has it: the loaded i915 is not the installed one",
		    u.release, rel);
	} else if (dk.kernels[0] && !dk.for_running) {
		snprintf(fix, sizeof(fix),
			 "install linux-headers-%s, then dkms autoinstall -k %s (or dkms install %s -k %s), then reboot",
			 u.release, u.release, dk.pkg, u.release);
		add(rep, "i915_max_vfs", CHECK_FAIL, fix,
		    "DKMS built i915 (%s) for %s but not for the running kernel %s: %s i915 has no max_vfs",
		    dk.pkg, dk.kernels, u.release, loaded ? "the loaded" : "its");
	} else if (dk.for_running && !backports) {
		snprintf(fix, sizeof(fix), "dkms install %s -k %s, then reboot", dk.pkg, u.release);
		add(rep, "i915_max_vfs", CHECK_FAIL, fix,
		    "DKMS built i915 (%s) for %s, but modules.dep has the kernel's own i915 (%s): the build is not installed",
		    dk.pkg, u.release, on_disk ? rel : "none");
	} else if (loaded) {
		add(rep, "i915_max_vfs", st,
		    "install Intel's i915 backports (intel-i915-dkms); upstream i915 has no Flex SR-IOV",
		    "i915 is loaded but has no max_vfs parameter: the upstream i915 (%s), not Intel's backports",
		    on_disk ? rel : "not in modules.dep");
	} else {
		add(rep, "i915_max_vfs", CHECK_WARN, "modprobe i915 (Intel's backports)",
		    "i915 is not loaded%s", on_disk ? "" : " (and no i915 in modules.dep)");
	}
}

static void check_max_vfs(struct check_report *rep)
{
	const char *fix = "vfctl kernel-args --mode sriov --apply (i915.max_vfs=N), then reboot";
	unsigned long v;

	if (!host_read_ul("/sys/module/i915/parameters/max_vfs", &v))
		add(rep, "i915_max_vfs", v ? CHECK_PASS : CHECK_FAIL, fix,
		    "i915.max_vfs=%lu%s", v, v ? "" : ": i915 enables no VFs");
	else
		max_vfs_unknown(rep, host_exists("/sys/module/i915"));
}

/*
 * The PF driver must implement sriov_configure, or writing sriov_numvfs
 * fails with ENOENT and the PCI core logs "driver does not support SR-IOV
 * configuration via sysfs". sysfs does not show the callback, so: the
 * kernel log, and upstream i915 (no max_vfs) has none.
 */
static void pf_sriov_problem(const struct pci_gpu *g, char *why, size_t len)
{
	char msg[256];

	why[0] = 0;
	if (!g->driver[0]) {
		snprintf(why, len, "%s has no driver: sriov_numvfs cannot create VFs", g->addr);
		return;
	}
	if (host_kmsg_find(g->addr, "does not support SR-IOV configuration via sysfs",
			   msg, sizeof(msg)) == 1) {
		snprintf(why, len, "%s (%s): kernel log: %s", g->addr, g->driver, msg);
		return;
	}
	if (!strcmp(g->driver, "i915") &&
	    !host_exists("/sys/module/i915/parameters/max_vfs"))
		snprintf(why, len,
			 "%s: upstream i915 (no max_vfs) has no SR-IOV for it: writing sriov_numvfs fails with \"driver does not support SR-IOV configuration via sysfs\"",
			 g->addr);
}

static void check_pf_sriov(struct check_report *rep, const struct pci_gpu *g,
			   int n)
{
	char buf[512] = "", why[320];
	int i, pfs = 0, bad = 0;

	for (i = 0; i < n; i++) {
		if (g[i].total_vfs <= 0)
			continue;
		pfs++;
		pf_sriov_problem(&g[i], why, sizeof(why));
		if (why[0])
			bad++;
		str_append(buf, sizeof(buf), "%s%s", buf[0] ? "; " : "",
			   why[0] ? why : g[i].addr);
		if (!why[0])
			str_append(buf, sizeof(buf), " (%s)", g[i].driver);
	}
	if (!pfs)
		return;		/* sriov_gpu already FAILs */
	add(rep, "pf_sriov", bad ? CHECK_FAIL : CHECK_PASS,
	    "bind the PF to a driver that creates VFs: Intel's i915 backports (intel-i915-dkms) for Flex; then modprobe -r i915 && modprobe i915",
	    "%s", buf);
}

/* Each enabled VF of the SR-IOV GPUs: @fn(vf address, pf, arg). Their count. */
static int each_vf(const struct pci_gpu *g, int n,
		   void (*fn)(const char *vf, const char *pf, void *arg), void *arg)
{
	char vf[PCI_ADDR_LEN];
	int i, k, count = 0;

	for (i = 0; i < n; i++)
		for (k = 1; g[i].total_vfs > 0 && k <= g[i].num_vfs; k++)
			if (!pci_vf_addr(g[i].addr, (unsigned int)k, vf, sizeof(vf))) {
				fn(vf, g[i].addr, arg);
				count++;
			}
	return count;
}

struct vf_scan {
	int bad;
	char buf[512];
};

static void vf_host_driver(const char *vf, const char *pf, void *arg)
{
	struct vf_scan *s = arg;
	char drv[64], p[HOST_PATH_MAX];
	unsigned long autoprobe = 0;

	pci_driver(vf, drv, sizeof(drv));
	if (strcmp(drv, "i915") && strcmp(drv, "xe"))
		return;
	if (snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/sriov_drivers_autoprobe",
		     pf) < (int)sizeof(p))
		host_read_ul(p, &autoprobe);
	str_append(s->buf, sizeof(s->buf), "%s%s on %s (PF %s, autoprobe %lu)",
		   s->bad ? "; " : "", vf, drv, pf, autoprobe);
	s->bad++;
}

static void check_vf_drivers(struct check_report *rep, const struct pci_gpu *g,
			     int n)
{
	struct vf_scan s = { 0 };
	int vfs = each_vf(g, n, vf_host_driver, &s);

	if (s.bad)
		add(rep, "vf_driver", CHECK_WARN,
		    "vfctl apply PF --vfs N --driver vfio-pci (sets sriov_drivers_autoprobe 0, binds the VFs to vfio-pci)",
		    "%d VF%s bound to a GPU driver on the host, not usable by a guest: %s",
		    s.bad, s.bad == 1 ? "" : "s", s.buf);
	else if (!vfs)
		add(rep, "vf_driver", CHECK_PASS, NULL, "no VFs enabled");
	else
		add(rep, "vf_driver", CHECK_PASS, NULL,
		    "%d VF%s, none bound to i915/xe on the host", vfs, vfs == 1 ? "" : "s");
}

static void vf_group(const char *vf, const char *pf, void *arg)
{
	struct vf_scan *s = arg;
	char why[160];
	int g = pci_iommu_group(vf), v;

	(void)pf;
	v = g < 0 ? -1 : iommu_group_viable(g, vf, why, sizeof(why));
	if (v == 1)
		return;
	str_append(s->buf, sizeof(s->buf), "%s%s %s", s->bad ? "; " : "", vf,
		   g < 0 ? "has no IOMMU group" : why);
	s->bad++;
}

static void check_vf_groups(struct check_report *rep, const struct pci_gpu *g,
			    int n)
{
	struct vf_scan s = { 0 };
	int vfs = each_vf(g, n, vf_group, &s);

	if (s.bad)
		add(rep, "vf_iommu_group", CHECK_FAIL,
		    "bind the other devices of the group to vfio-pci or unbind them (vfctl passthrough/apply --driver vfio-pci); a VF without a group needs the IOMMU on (vfctl kernel-args --mode sriov --apply)",
		    "%d VF%s not in a viable IOMMU group: %s", s.bad,
		    s.bad == 1 ? "" : "s", s.buf);
	else if (!vfs)
		add(rep, "vf_iommu_group", CHECK_PASS, NULL, "no VFs enabled");
	else
		add(rep, "vf_iommu_group", CHECK_PASS, NULL,
		    "%d VF%s, each in a viable IOMMU group", vfs, vfs == 1 ? "" : "s");
}

/* Mode sriov: the PFs' drivers and the VFs that exist. */
static void check_sriov_state(struct check_report *rep)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	int n = pci_list_gpus(g, PCI_MAX_GPUS);

	check_pf_sriov(rep, g, n);
	check_vf_drivers(rep, g, n);
	check_vf_groups(rep, g, n);
}

static void check_vfprov(struct check_report *rep)
{
	enum host_mod m = host_module("vfprov");

	if (m == MOD_LOADED)
		add(rep, "vfprov", CHECK_PASS, NULL, "vfprov loaded");
	else
		add(rep, "vfprov", CHECK_FAIL,
		    m == MOD_AVAILABLE ? "modprobe vfprov" :
		    "install it (make dkms-install), then modprobe vfprov",
		    "vfprov is not loaded (%s)", host_mod_name(m));
}

void check_limits_self(struct check_limits *l)
{
	struct rlimit r;
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");

	l->memlock = UINT64_MAX;
	if (!getrlimit(RLIMIT_MEMLOCK, &r) && r.rlim_cur != RLIM_INFINITY)
		l->memlock = r.rlim_cur;
	l->ipc_lock = false;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapEff:", 7))
			l->ipc_lock = strtoull(line + 7, NULL, 16) & (1ull << 14);
	if (f)
		fclose(f);
}

static void check_memlock(struct check_report *rep, const struct check_limits *l)
{
	const char *fix = "run guests as root (CAP_IPC_LOCK), or raise memlock above guest memory (ulimit -l, limits.conf)";

	if (l->ipc_lock)
		add(rep, "memlock", CHECK_PASS, NULL, "CAP_IPC_LOCK: VFIO may pin any amount");
	else if (l->memlock == UINT64_MAX)
		add(rep, "memlock", CHECK_PASS, NULL, "memlock unlimited");
	else
		add(rep, "memlock", l->memlock >= MEMLOCK_WANT ? CHECK_PASS : CHECK_WARN,
		    fix, "memlock limit %llu KiB (VFIO pins all guest memory)",
		    (unsigned long long)(l->memlock >> 10));
}

/* Passthrough: some GPU whose group has nothing else bound to a host driver. */
static void check_groups(struct check_report *rep, const struct pci_gpu *g, int n)
{
	char buf[512] = "", why[160];
	int i, viable = 0;

	for (i = 0; i < n; i++) {
		int v = g[i].group < 0 ? -1 :
			iommu_group_viable(g[i].group, g[i].addr, why, sizeof(why));

		viable += v == 1;
		str_append(buf, sizeof(buf), "%s%s group %d: %s", i ? "; " : "",
			   g[i].addr, g[i].group,
			   v == 1 ? "viable" : v == 0 ? why : "no IOMMU group");
	}
	if (!n)
		add(rep, "iommu_group", CHECK_FAIL, "install a GPU", "no GPU found");
	else
		add(rep, "iommu_group", viable ? CHECK_PASS : CHECK_FAIL,
		    "bind the other devices of the group to vfio-pci or unbind them; or move the card to another slot",
		    "%s", buf);
}

static void check_gpus(struct check_report *rep, enum check_mode mode)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	char buf[512];
	int n = pci_list_gpus(g, PCI_MAX_GPUS);

	if (mode == CHECK_SRIOV) {
		check_sriov_gpus(rep, g, n);
		return;
	}
	if (describe_gpus(g, n, false, buf, sizeof(buf)))
		add(rep, "gpu", CHECK_PASS, NULL, "%s", buf);
	else
		add(rep, "gpu", CHECK_FAIL, "install a GPU", "no display controller (PCI class 03)");
	check_groups(rep, g, n);
}

void check_run(enum check_mode mode, const struct check_limits *lim,
	       struct check_report *rep)
{
	bool active;

	memset(rep, 0, sizeof(*rep));
	rep->mode = mode;
	check_cpu(rep);
	check_acpi(rep);
	check_iommu_active(rep, mode, &active);
	check_cmdline(rep, mode, active);
	check_kvm(rep);
	check_vfio(rep);
	check_gpus(rep, mode);
	check_gpu_gens(rep);
	if (mode == CHECK_SRIOV) {
		check_max_vfs(rep);
		check_xe(rep);
		check_sriov_state(rep);
		check_vfprov(rep);
	}
	check_memlock(rep, lim);
}

bool check_ready(const struct check_report *rep)
{
	int i;

	for (i = 0; i < rep->n; i++)
		if (rep->item[i].status == CHECK_FAIL)
			return false;
	return true;
}

const struct check_item *check_find(const struct check_report *rep,
				    const char *name)
{
	int i;

	for (i = 0; i < rep->n; i++)
		if (!strcmp(rep->item[i].name, name))
			return &rep->item[i];
	return NULL;
}

struct json_object *check_json(const struct check_report *rep)
{
	struct json_object *o = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	int i;

	json_object_object_add(o, "mode", json_object_new_string(check_mode_name(rep->mode)));
	json_object_object_add(o, "ready", json_object_new_boolean(check_ready(rep)));
	for (i = 0; i < rep->n; i++) {
		const struct check_item *it = &rep->item[i];
		struct json_object *c = json_object_new_object();

		json_object_object_add(c, "name", json_object_new_string(it->name));
		json_object_object_add(c, "status",
				       json_object_new_string(check_status_name(it->status)));
		json_object_object_add(c, "detail", json_object_new_string(it->detail));
		json_object_object_add(c, "fix", json_object_new_string(it->fix));
		json_object_array_add(arr, c);
	}
	json_object_object_add(o, "checks", arr);
	return o;
}
