// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl probe on a fake prelim_iov tree: it refuses with VFs enabled, says
 * what is missing without prelim_iov, and otherwise records each write and
 * undoes it, so the tree ends as it began.
 */
#include <stdio.h>
#include <stdlib.h>

#include "host.h"
#include "probe.h"
#include "vfctl_fakeroot.h"
#include "vfctl_tap.h"

#define PF "0000:03:00.0"
#define IOV "/sys/bus/pci/devices/" PF "/drm/card1/prelim_iov"

static const char *const files[][2] = {
	{ "pf/auto_provisioning", "1\n" },
	{ "pf/gt/ggtt_spare", "67108864\n" }, { "pf/gt/lmem_spare", "134217728\n" },
	{ "pf/gt/contexts_spare", "256\n" }, { "pf/gt/doorbells_spare", "0\n" },
	{ "pf/gt/exec_quantum_ms", "0\n" }, { "pf/gt/preempt_timeout_us", "0\n" },
	{ "pf/gt/policies/sched_if_idle", "0\n" },
	{ "pf/gt/available/lmem_free", "17045651456\n" },
	{ "pf/gt/available/lmem_max_quota", "16911433728\n" },
	{ "pf/gt/available/ggtt_free", "4194304000\n" },
	{ "vf1/gt/ggtt_quota", "0\n" }, { "vf1/gt/lmem_quota", "0\n" },
	{ "vf1/gt/contexts_quota", "0\n" }, { "vf1/gt/doorbells_quota", "0\n" },
	{ "vf1/gt/exec_quantum_ms", "0\n" }, { "vf1/gt/preempt_timeout_us", "0\n" },
	{ "vf2/gt/lmem_quota", "0\n" },
};
#define NFILES (sizeof(files) / sizeof(files[0]))

static void card(const char *numvfs)
{
	size_t i;
	char p[256];

	fr_pci(PF, "0x038000\n", "0x8086\n", "0x56c0\n", "i915", 7);
	fr_file("/sys/bus/pci/devices/" PF "/sriov_numvfs", numvfs);
	fr_file("/sys/bus/pci/devices/" PF "/sriov_totalvfs", "31\n");
	fr_file("/sys/module/i915/parameters/max_vfs", "31\n");
	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), IOV "/%s", files[i][0]);
		fr_file(p, files[i][1]);
	}
}

static int run(char *buf, size_t len)
{
	FILE *f = fmemopen(buf, len, "w");
	int rc;

	if (!f)
		return -1;
	rc = probe_run(PF, f);
	fclose(f);
	return rc;
}

static int tree_unchanged(void)
{
	char p[256], v[64], want[64];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), IOV "/%s", files[i][0]);
		snprintf(want, sizeof(want), "%s", files[i][1]);
		want[strcspn(want, "\n")] = 0;
		if (host_read(p, v, sizeof(v)) || strcmp(v, want)) {
			printf("#   %s: '%s', want '%s'\n", files[i][0], v, want);
			return 0;
		}
	}
	return 1;
}

int main(void)
{
	static char out[65536];
	int rc;

	fr_init();
	card("1\n");
	rc = run(out, sizeof(out));
	ok(rc == -EBUSY && strstr(out, "refused: the probe runs with 0 VFs only"),
	   "VFs enabled: refused (%d)", rc);
	ok(tree_unchanged(), "refused: nothing written");

	card("0\n");
	rc = run(out, sizeof(out));
	ok(rc == 0, "0 VFs: probe done (%d)", rc);
	ok(strstr(out, "vfprov-probe: 1\n") && strstr(out, "device: 0x56c0\n") &&
	   strstr(out, "i915.max_vfs: 31\n") && strstr(out, "layout: single-tile (gt/)\n"),
	   "header: format, card, i915.max_vfs, layout");
	ok(strstr(out, "write pf/gt/ggtt_spare = 67112960: ok") &&
	   strstr(out, "rounding ggtt_spare: 67112960 -> 67112960"),
	   "ggtt_spare write, errno, time and read-back recorded");
	ok(strstr(out, "write vf1/gt/lmem_quota = 2097153: ok") &&
	   strstr(out, "lmem overhead vf1 (2097153):") &&
	   strstr(out, "write vf1/gt/lmem_quota = 16913530880:"),
	   "LMEM rounding, overhead and the write above lmem_max_quota recorded");
	ok(strstr(out, "ecc: not in sysfs"), "ECC line recorded");
	ok(strstr(out, "state restored: yes\n") && !strstr(out, "differs after undo"),
	   "every write undone: state restored");
	ok(tree_unchanged(), "the tree reads as before");

	{
		FILE *f = fmemopen(out, sizeof(out), "w");

		rc = f ? probe_run("0000:09:00.0", f) : -1;
		if (f)
			fclose(f);
		ok(rc == -ENODEV && strstr(out, "no SR-IOV PF at 0000:09:00.0"),
		   "no such PF: ENODEV, nothing probed (%d)", rc);
	}

	fr_rm(IOV);
	rc = run(out, sizeof(out));
	ok(rc == 0 && strstr(out, "prelim_iov: absent (i915 without SR-IOV: i915.max_vfs=0"),
	   "no prelim_iov: says i915.max_vfs (%d)", rc);
	fr_cleanup();
	return tap_done();
}
