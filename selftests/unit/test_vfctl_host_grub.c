// SPDX-License-Identifier: GPL-2.0
/* vfctl kernel-args: the arguments, the grub drop-in text and its idempotent write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grub.h"
#include "host.h"
#include "vfctl_fakeroot.h"
#include "vfctl_tap.h"

static const char *args(const struct kargs *k)
{
	static char buf[512];
	char err[256];

	if (kargs_build(k, buf, sizeof(buf), err, sizeof(err)))
		snprintf(buf, sizeof(buf), "ERR: %s", err);
	return buf;
}

static void test_args(void)
{
	struct kargs k = { .vfs = 31 };

	is_str(args(&k), "intel_iommu=on iommu=pt i915.max_vfs=31", "sriov, Intel, 31 VFs");
	k.amd = true;
	k.vfs = 4;
	is_str(args(&k), "amd_iommu=on iommu=pt i915.max_vfs=4", "sriov, AMD host, 4 VFs");
	k.vfs = 0;
	ok(!strncmp(args(&k), "ERR: --vfs", 10), "0 VFs refused");
	k = (struct kargs){ .passthrough = true, .ids = "8086:56c0" };
	is_str(args(&k), "intel_iommu=on iommu=pt vfio-pci.ids=8086:56c0", "passthrough, one id");
	k.ids = "8086:56c0,8086:56C1";
	is_str(args(&k), "intel_iommu=on iommu=pt vfio-pci.ids=8086:56c0,8086:56C1", "passthrough, two ids");
	k.ids = NULL;
	ok(!strncmp(args(&k), "ERR: bad device ids", 19), "passthrough without ids refused");
}

static void test_ids(void)
{
	static const char *const bad[] = {
		"", "8086", "8086:56c", "8086:56c0,", "8086:56c0 x", "808g:56c0",
		"8086:56c0;rm -rf", "8086-56c0", ",8086:56c0", "8086:56c00",
	};
	size_t i;
	int refused = 0;

	ok(kargs_ids_valid("8086:56c0"), "8086:56c0 valid");
	ok(kargs_ids_valid("8086:56c0,1b36:0010"), "list valid");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused += !kargs_ids_valid(bad[i]);
	ok(refused == (int)(sizeof(bad) / sizeof(bad[0])), "%d malformed id lists refused", refused);
}

static const char *read_file(const char *path)
{
	static char buf[4096];
	char p[1024];
	size_t n = 0;
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", fr_root, path);
	f = fopen(p, "r");
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	return f ? buf : "(absent)";
}

static void test_dropin(void)
{
	char text[1024], other[1024];
	static const char grub[] = "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=\"quiet\"\n";

	ok(!grub_dropin_text("intel_iommu=on iommu=pt i915.max_vfs=31", "sriov", text, sizeof(text)),
	   "drop-in text built");
	is_str(text,
	       "# Written by `vfctl kernel-args --mode sriov --apply`; rerun it to change.\n"
	       "# Removing this file (then update-grub) drops the arguments again.\n"
	       "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX intel_iommu=on iommu=pt i915.max_vfs=31\"\n",
	       "drop-in appends to GRUB_CMDLINE_LINUX");
	fr_file(GRUB_DEFAULT, grub);
	ok(grub_write_dropin(text) == GRUB_WRITTEN, "first write: written (grub.d created)");
	is_str(read_file(GRUB_DROPIN), text, "file holds the text");
	ok(grub_write_dropin(text) == GRUB_UNCHANGED, "same text again: unchanged");
	ok(grub_write_dropin(text) == GRUB_UNCHANGED, "and again: unchanged");
	grub_dropin_text("intel_iommu=on iommu=pt vfio-pci.ids=8086:56c0", "passthrough", other, sizeof(other));
	ok(grub_write_dropin(other) == GRUB_WRITTEN, "other mode: written");
	is_str(read_file(GRUB_DROPIN), other, "file replaced, not appended");
	is_str(read_file(GRUB_DROPIN ".tmp"), "(absent)", "no temp file left");
	is_str(read_file(GRUB_DEFAULT), grub, "/etc/default/grub untouched");
	fr_file(GRUB_DROPIN, "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX iommu=pt\"\n");
	ok(grub_write_dropin(other) == GRUB_WRITTEN, "hand-edited drop-in is rewritten");
	is_str(read_file(GRUB_DROPIN), other, "... to vfctl's text");
}

int main(void)
{
	fr_init();
	test_args();
	test_ids();
	test_dropin();
	fr_cleanup();
	return tap_done();
}
