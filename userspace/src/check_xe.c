// SPDX-License-Identifier: GPL-2.0
/*
 * `vfctl check`: each Intel GPU's generation and modes (gpu_gen.h), and the
 * upstream xe PF's knobs for the GPUs xe drives. Facts: docs/host.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "check_int.h"
#include "gpu_gen.h"
#include "host.h"

/* The running kernel's release, from the root's /proc (uname(2) without one). */
static void kernel_release(char *buf, size_t len)
{
	struct utsname u;

	if (!host_read("/proc/sys/kernel/osrelease", buf, len) && buf[0])
		return;
	snprintf(buf, len, "%s", uname(&u) ? "?" : u.release);
}

static void check_gen_one(struct check_report *rep, const struct pci_gpu *g,
			  const char *rel, unsigned int kver)
{
	const struct gpu_gen *gen = gpu_gen_find(g->device);
	char name[32], modes[256], what[64];

	snprintf(name, sizeof(name), "gen_%.27s", g->addr);
	if (gen)
		snprintf(what, sizeof(what), "%s%s%s%s", gen->name,
			 gpu_gen_product(g->device) ? " (" : "",
			 gpu_gen_product(g->device) ? gpu_gen_product(g->device) : "",
			 gpu_gen_product(g->device) ? ")" : "");
	else
		snprintf(what, sizeof(what), "unknown generation (device id 0x%04x)",
			 g->device);
	gpu_gen_modes(gen, g->device, kver, modes, sizeof(modes));
	check_add(rep, name, CHECK_PASS, NULL, "%s: %s, driver %s; on Linux %s: %s",
		  g->addr, what, g->driver[0] ? g->driver : "none", rel, modes);
}

/* One line per Intel GPU: its generation and what it can do here. */
void check_gpu_gens(struct check_report *rep)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	char rel[128];
	int i, n = pci_list_gpus(g, PCI_MAX_GPUS);

	kernel_release(rel, sizeof(rel));
	for (i = 0; i < n; i++)
		if (g[i].vendor == 0x8086)
			check_gen_one(rep, &g[i], rel, gpu_kver(rel));
}

/* The value of "KEY=" on the kernel command line into @out; 0 found, -1 not. */
static int cmdline_value(const char *key, char *out, size_t len)
{
	char buf[4096], *tok, *save;
	size_t kl = strlen(key);
	int found = -1;

	if (host_read("/proc/cmdline", buf, sizeof(buf)))
		return -1;
	for (tok = strtok_r(buf, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save))
		if (!strncmp(tok, key, kl) && tok[kl] == '=') {
			snprintf(out, len, "%s", tok + kl + 1);
			found = 0;	/* the kernel keeps the last: so do we */
		}
	return found;
}

/* Whether xe's force_probe list @list ("56c0,!4680", "*") lets xe take @device. */
bool xe_force_probe_allows(const char *list, unsigned int device)
{
	char buf[256], *tok, *save, *end;
	bool yes = false;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save)) {
		bool neg = tok[0] == '!';
		unsigned long id;

		if (!strcmp(tok + neg, "*")) {
			yes = !neg;
			continue;
		}
		id = strtoul(tok + neg, &end, 16);
		if (end == tok + neg || *end || id != device)
			continue;
		if (neg)
			return false;	/* a block wins */
		yes = true;
	}
	return yes;
}

static void check_xe_max_vfs(struct check_report *rep, const struct pci_gpu *g,
			     unsigned int kver)
{
	const char *fix = "vfctl kernel-args --mode sriov --driver xe --apply (xe.max_vfs=N), then reboot";
	char val[32];
	unsigned long v;

	if (!host_read_ul("/sys/module/xe/parameters/max_vfs", &v))
		check_add(rep, "xe_max_vfs", v ? CHECK_PASS : CHECK_FAIL, fix,
			  "%s: xe.max_vfs=%lu%s", g->addr, v, v ? "" : ": xe enables no VFs");
	else if (!cmdline_value("xe.max_vfs", val, sizeof(val)))
		check_add(rep, "xe_max_vfs", strtoul(val, NULL, 0) ? CHECK_PASS : CHECK_FAIL,
			  fix, "%s: xe not loaded; xe.max_vfs=%s on the kernel command line",
			  g->addr, val);
	else
		check_add(rep, "xe_max_vfs", kver >= 617 ? CHECK_PASS : CHECK_WARN, fix,
			  "%s: xe not loaded, no xe.max_vfs on the command line%s", g->addr,
			  kver >= 617 ? " (unlimited by default since 6.17)" : "");
}

static void check_xe_force_probe(struct check_report *rep, const struct pci_gpu *g)
{
	const char *fix = "vfctl kernel-args --mode sriov --driver xe --apply (xe.force_probe=ID i915.force_probe=!ID), then reboot";
	char val[256] = "";
	const char *from = "/sys/module/xe/parameters/force_probe";
	bool ok;

	if (host_read(from, val, sizeof(val))) {
		from = "the kernel command line";
		if (cmdline_value("xe.force_probe", val, sizeof(val)))
			val[0] = 0;
	}
	ok = !strcmp(g->driver, "xe") || xe_force_probe_allows(val, g->device);
	check_add(rep, "xe_force_probe", ok ? CHECK_PASS : CHECK_FAIL, fix,
		  "%s (%04x) needs xe.force_probe: %s%s in %s", g->addr, g->device,
		  ok ? "allowed" : "not allowed", val[0] ? "" : " (empty)", from);
}

static void check_xe_configfs(struct check_report *rep, const struct pci_gpu *g,
			      unsigned int kver)
{
	char p[HOST_PATH_MAX];
	unsigned long v;

	if (snprintf(p, sizeof(p), "/sys/kernel/config/xe/%s/sriov/max_vfs",
		     g->addr) >= (int)sizeof(p))
		return;
	if (!host_read_ul(p, &v))
		check_add(rep, "xe_configfs", v ? CHECK_PASS : CHECK_FAIL,
			  "unbind xe from the PF, write the VF limit to that file, bind again (read at bind only)",
			  "%s = %lu%s", p, v, v ? " (read when xe binds)" : ": xe enables no VFs on this PF");
	else
		check_add(rep, "xe_configfs", CHECK_PASS, NULL, "%s: not set%s", p,
			  kver >= 619 ? " (optional: a per-PF VF limit, before bind)" :
			  " (needs Linux 6.19+)");
}

static void check_xe_admin(struct check_report *rep, const struct pci_gpu *g,
			   unsigned int kver)
{
	char p[HOST_PATH_MAX];

	if (snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/sriov_admin",
		     g->addr) >= (int)sizeof(p))
		return;
	if (host_exists(p))
		check_add(rep, "xe_sriov_admin", CHECK_PASS, NULL, "%s present", p);
	else
		check_add(rep, "xe_sriov_admin", CHECK_WARN,
			  kver >= 619 ? "check the kernel log: xe did not come up as a PF on it" :
			  "boot Linux 6.19+ (the stable sriov_admin scheduling ABI)",
			  "%s missing%s", p, kver >= 619 ? "" : ": needs Linux 6.19+");
}

/* Whether xe drives @g, or would take it: unbound and xe's by default or forced. */
static bool xe_claims(const struct pci_gpu *g, const struct gpu_gen *gen)
{
	char val[256];

	if (!strcmp(g->driver, "xe"))
		return true;
	if (g->driver[0] || !gpu_gen_xe_sriov(gen, g->device))
		return false;
	if (!strcmp(gen->native, "xe"))
		return true;
	return (!host_read("/sys/module/xe/parameters/force_probe", val, sizeof(val)) ||
		!cmdline_value("xe.force_probe", val, sizeof(val))) &&
	       xe_force_probe_allows(val, g->device);
}

/* Mode sriov: the xe knobs of every Intel GPU xe has (or would take). */
void check_xe(struct check_report *rep)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	char rel[128];
	unsigned int kver;
	int i, n = pci_list_gpus(g, PCI_MAX_GPUS);

	kernel_release(rel, sizeof(rel));
	kver = gpu_kver(rel);
	for (i = 0; i < n; i++) {
		const struct gpu_gen *gen = gpu_gen_find(g[i].device);

		if (g[i].vendor != 0x8086 || !xe_claims(&g[i], gen))
			continue;
		check_xe_max_vfs(rep, &g[i], kver);
		if (gpu_gen_needs_force_probe(gen))
			check_xe_force_probe(rep, &g[i]);
		check_xe_configfs(rep, &g[i], kver);
		if (!strcmp(g[i].driver, "xe"))
			check_xe_admin(rep, &g[i], kver);
	}
}
