// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl kernel-args --apply/--dry-run for each boot loader on a fake root:
 * detection, the plan (file text, commands), what is written and run (fake
 * tools in $VFCTL_TOOL_DIR record their argv), idempotence, refusal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bootldr.h"
#include "grub.h"
#include "host.h"
#include "vfctl_fakeroot.h"
#include "vfctl_tap.h"

#define SRIOV4 "intel_iommu=on iommu=pt i915.max_vfs=4"
#define PASS56 "intel_iommu=on iommu=pt vfio-pci.ids=8086:56c0"

static char tools[300], logf[320];

static const char *slurp(const char *abs)
{
	static char buf[8192];
	size_t n = 0;
	FILE *f = fopen(abs, "r");

	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	return f ? buf : "(absent)";
}

static const char *in_root(const char *path)
{
	char p[1024];

	snprintf(p, sizeof(p), "%s%s", fr_root, path);
	return slurp(p);
}

/* A fake tool: appends "name [arg] [arg]" to the log, exits @rc. */
static void fake_tool(const char *name, int rc)
{
	char p[400];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tools, name);
	f = fopen(p, "w");
	if (!f)
		return;
	fprintf(f, "#!/bin/sh\n{ printf '%%s' \"${0##*/}\"; for a in \"$@\"; do printf ' [%%s]' \"$a\"; done; echo; } >> '%s'\nexit %d\n",
		logf, rc);
	fclose(f);
	chmod(p, 0755);
}

static void no_tool(const char *name)
{
	char p[400];

	snprintf(p, sizeof(p), "%s/%s", tools, name);
	unlink(p);
}

static void clear_log(void)
{
	unlink(logf);
}

static const char *tool_log(void)
{
	return slurp(logf);
}

static void clean_root(void)
{
	fr_rm("/etc");
	fr_rm("/boot");
	clear_log();
}

static void test_tokens(void)
{
	char out[512], del[256], add[256];

	ok(kargs_managed("i915.max_vfs=7") && kargs_managed("iommu") &&
	   kargs_managed("vfio_pci.ids=1:2") && !kargs_managed("iommu.strict=1") &&
	   !kargs_managed("intel_iommu_x=on") && !kargs_managed("quiet"),
	   "managed keys: ours only, whole keys");
	ok(!kargs_merge("root=ZFS=rpool/ROOT/pve-1 boot=zfs quiet quiet", SRIOV4, out, sizeof(out)),
	   "merge into a line without ours");
	is_str(out, "root=ZFS=rpool/ROOT/pve-1 boot=zfs quiet quiet " SRIOV4,
	       "... appends ours, keeps the rest as it was");
	kargs_merge("ro iommu=soft i915.max_vfs=7 amd_iommu=on quiet", SRIOV4, out, sizeof(out));
	is_str(out, "ro quiet " SRIOV4, "stale iommu=soft, i915.max_vfs=7, amd_iommu=on replaced");
	kargs_merge("ro " SRIOV4 " quiet", SRIOV4, out, sizeof(out));
	is_str(out, "ro " SRIOV4 " quiet", "ours already there: line unchanged, order kept");
	kargs_merge("ro " SRIOV4, PASS56, out, sizeof(out));
	is_str(out, "ro intel_iommu=on iommu=pt vfio-pci.ids=8086:56c0", "sriov -> passthrough: max_vfs dropped");
	ok(kargs_merge("a b c", SRIOV4, out, 10) == -1, "too long for the buffer: -1");
	kargs_diff("quiet splash i915.max_vfs=7 iommu=pt", SRIOV4, del, sizeof(del), add, sizeof(add));
	is_str(del, "i915.max_vfs=7", "diff: the stale token to remove");
	is_str(add, "intel_iommu=on i915.max_vfs=4", "diff: ours that are missing");
	kargs_diff("quiet " SRIOV4, SRIOV4, del, sizeof(del), add, sizeof(add));
	ok(!del[0] && !add[0], "diff of an installed line: nothing");
}

static void test_detect(void)
{
	char why[512];

	clean_root();
	no_tool("grubby");
	ok(boot_detect(why, sizeof(why)) == BOOT_NONE, "empty root: no boot loader (%s)", why);
	fr_file(GRUB_DEFAULT, "GRUB_DEFAULT=0\n");
	ok(boot_detect(why, sizeof(why)) == BOOT_GRUB, "/etc/default/grub: grub");
	fr_file(BLS_ENTRIES "/abc-6.5.conf", "title Fedora\noptions root=/dev/sda1 ro\n");
	ok(boot_detect(why, sizeof(why)) == BOOT_GRUB, "BLS entries but no grubby, no BLSCFG: still grub");
	fr_file(GRUB_DEFAULT, "GRUB_DEFAULT=0\nGRUB_ENABLE_BLSCFG=true\n");
	ok(boot_detect(why, sizeof(why)) == BOOT_GRUBBY, "GRUB_ENABLE_BLSCFG=true with entries: grubby");
	fr_file(GRUB_DEFAULT, "GRUB_DEFAULT=0\n");
	fake_tool("grubby", 0);
	ok(boot_detect(why, sizeof(why)) == BOOT_GRUBBY, "entries and grubby: grubby (%s)", why);
	fr_file(KERNELSTUB_CONF, "{\"user\": {\"kernel_options\": [\"quiet\"]}}\n");
	ok(boot_detect(why, sizeof(why)) == BOOT_KERNELSTUB, "kernelstub configuration: kernelstub");
	fr_file(PROXMOX_UUIDS, "ABCD-1234\n");
	ok(boot_detect(why, sizeof(why)) == BOOT_KERNELSTUB,
	   "proxmox-boot-uuids without /etc/kernel/cmdline is no systemd-boot Proxmox");
	fr_file(KERNEL_CMDLINE, "root=ZFS=rpool/ROOT/pve-1 boot=zfs\n");
	ok(boot_detect(why, sizeof(why)) == BOOT_PROXMOX, "uuids and /etc/kernel/cmdline: proxmox (%s)", why);
	fr_rm(KERNELSTUB_CONF);
	fr_rm(BLS_ENTRIES);
	fr_rm(KERNEL_CMDLINE);
	ok(boot_detect(why, sizeof(why)) == BOOT_GRUB && strstr(why, "proxmox-boot-tool"),
	   "Proxmox on GRUB: grub, ESPs kept by proxmox-boot-tool (%s)", why);
}

static void test_grub(void)
{
	struct boot_plan p;
	char err[512], exp[1024];

	clean_root();
	fake_tool("update-grub", 0);
	fake_tool("proxmox-boot-tool", 0);
	fr_file(GRUB_DEFAULT, "GRUB_DEFAULT=0\n");
	grub_dropin_text(SRIOV4, "sriov", exp, sizeof(exp));
	ok(!boot_plan_build(BOOT_GRUB, SRIOV4, "sriov", &p, err, sizeof(err)), "grub plan %s", err);
	ok(!strcmp(p.file, GRUB_DROPIN) && !strcmp(p.text, exp) && !p.unchanged &&
	   p.ncmds == 1 && !strcmp(p.cmd[0].argv[0], "update-grub") && p.cmd[0].argc == 1,
	   "grub plan: the drop-in text, then update-grub");
	is_str(in_root(GRUB_DROPIN), "(absent)", "a plan (--dry-run) writes nothing");
	is_str(tool_log(), "(absent)", "... and runs nothing");
	ok(!boot_plan_run(&p, err, sizeof(err)), "grub plan runs %s", err);
	is_str(in_root(GRUB_DROPIN), exp, "drop-in written");
	is_str(tool_log(), "update-grub\n", "update-grub ran, without arguments");
	is_str(in_root(GRUB_DEFAULT), "GRUB_DEFAULT=0\n", "/etc/default/grub untouched");
	clear_log();
	boot_plan_build(BOOT_GRUB, SRIOV4, "sriov", &p, err, sizeof(err));
	ok(p.unchanged && !p.ncmds, "again: unchanged, nothing to run");
	ok(!boot_plan_run(&p, err, sizeof(err)), "running an unchanged plan succeeds");
	is_str(tool_log(), "(absent)", "... without running update-grub");
	fr_file(PROXMOX_UUIDS, "ABCD-1234\n");
	boot_plan_build(BOOT_GRUB, PASS56, "passthrough", &p, err, sizeof(err));
	ok(p.ncmds == 1 && !strcmp(p.cmd[0].argv[0], "proxmox-boot-tool") &&
	   !strcmp(p.cmd[0].argv[1], "refresh"),
	   "GRUB on a Proxmox ESP: proxmox-boot-tool refresh instead of update-grub");
	fr_rm("/etc/default/grub");
	ok(boot_plan_build(BOOT_GRUB, SRIOV4, "sriov", &p, err, sizeof(err)) == -1 &&
	   strstr(err, "not a GRUB system"), "--boot-loader grub without /etc/default/grub: refused (%s)", err);
}

static void test_proxmox(void)
{
	struct boot_plan p;
	char err[512], line[1024];

	clean_root();
	fake_tool("proxmox-boot-tool", 0);
	fr_file(PROXMOX_UUIDS, "ABCD-1234\n");
	fr_file(KERNEL_CMDLINE, "root=ZFS=rpool/ROOT/pve-1 boot=zfs i915.max_vfs=7\n");
	ok(!boot_plan_build(BOOT_PROXMOX, SRIOV4, "sriov", &p, err, sizeof(err)), "proxmox plan %s", err);
	is_str(p.text, "root=ZFS=rpool/ROOT/pve-1 boot=zfs " SRIOV4 "\n",
	       "new /etc/kernel/cmdline: one line, the old max_vfs replaced");
	boot_cmd_str(&p.cmd[0], line, sizeof(line));
	ok(p.ncmds == 1 && !strcmp(line, "proxmox-boot-tool refresh") && !strcmp(p.file, KERNEL_CMDLINE),
	   "then proxmox-boot-tool refresh (%s)", line);
	is_str(in_root(KERNEL_CMDLINE), "root=ZFS=rpool/ROOT/pve-1 boot=zfs i915.max_vfs=7\n",
	       "the plan alone leaves the file");
	ok(!boot_plan_run(&p, err, sizeof(err)), "proxmox plan runs %s", err);
	is_str(in_root(KERNEL_CMDLINE), "root=ZFS=rpool/ROOT/pve-1 boot=zfs " SRIOV4 "\n", "file written");
	is_str(tool_log(), "proxmox-boot-tool [refresh]\n", "proxmox-boot-tool refresh ran");
	is_str(in_root(KERNEL_CMDLINE ".tmp"), "(absent)", "no temp file left");
	clear_log();
	boot_plan_build(BOOT_PROXMOX, SRIOV4, "sriov", &p, err, sizeof(err));
	ok(p.unchanged && !p.ncmds, "again: unchanged, no refresh");
	boot_plan_build(BOOT_PROXMOX, PASS56, "passthrough", &p, err, sizeof(err));
	is_str(p.text, "root=ZFS=rpool/ROOT/pve-1 boot=zfs " PASS56 "\n", "switch to passthrough: max_vfs gone");
	fake_tool("proxmox-boot-tool", 3);
	ok(boot_plan_run(&p, err, sizeof(err)) == 1 && strstr(err, "proxmox-boot-tool refresh failed (3)"),
	   "a failing refresh is reported: %s", err);
	fake_tool("proxmox-boot-tool", 0);
}

static void test_kernelstub(void)
{
	struct boot_plan p;
	char err[512];

	clean_root();
	fake_tool("kernelstub", 0);
	fr_file(KERNELSTUB_CONF,
		"{\"default\": {\"kernel_options\": [\"quiet\", \"splash\"]},\n"
		" \"user\": {\"kernel_options\": [\"quiet\", \"splash\", \"i915.max_vfs=7\", \"iommu=pt\"],\n"
		"  \"esp_path\": \"/boot/efi\", \"live_mode\": false}}\n");
	ok(!boot_plan_build(BOOT_KERNELSTUB, SRIOV4, "sriov", &p, err, sizeof(err)), "kernelstub plan %s", err);
	ok(!p.file[0] && p.ncmds == 2 &&
	   !strcmp(p.cmd[0].argv[1], "--delete-options") && !strcmp(p.cmd[0].argv[2], "i915.max_vfs=7") &&
	   !strcmp(p.cmd[1].argv[1], "--add-options") &&
	   !strcmp(p.cmd[1].argv[2], "intel_iommu=on i915.max_vfs=4"),
	   "kernelstub: delete the stale option, add the missing ones; no file of ours");
	ok(!boot_plan_run(&p, err, sizeof(err)), "kernelstub plan runs %s", err);
	is_str(tool_log(), "kernelstub [--delete-options] [i915.max_vfs=7]\n"
	       "kernelstub [--add-options] [intel_iommu=on i915.max_vfs=4]\n",
	       "kernelstub ran twice, each list as one argument");
	clear_log();
	fr_file(KERNELSTUB_CONF, "{\"user\": {\"kernel_options\": [\"quiet\", \"intel_iommu=on\", \"iommu=pt\", \"i915.max_vfs=4\"]}}\n");
	boot_plan_build(BOOT_KERNELSTUB, SRIOV4, "sriov", &p, err, sizeof(err));
	ok(p.unchanged && !p.ncmds, "options already there: unchanged, kernelstub not run");
	fr_file(KERNELSTUB_CONF, "not json\n");
	ok(boot_plan_build(BOOT_KERNELSTUB, SRIOV4, "sriov", &p, err, sizeof(err)) == -1,
	   "unreadable configuration refused: %s", err);
	no_tool("kernelstub");
	ok(boot_plan_build(BOOT_KERNELSTUB, SRIOV4, "sriov", &p, err, sizeof(err)) == -1 &&
	   strstr(err, "kernelstub not found"), "no kernelstub binary: refused (%s)", err);
}

static void test_grubby(void)
{
	struct boot_plan p;
	char err[512];

	clean_root();
	fake_tool("grubby", 0);
	fr_file(GRUB_DEFAULT, "GRUB_ENABLE_BLSCFG=true\n");
	fr_file(BLS_ENTRIES "/m-6.5.0.conf", "title Fedora (6.5.0)\nversion 6.5.0\n"
		"options root=UUID=1 ro rhgb " SRIOV4 "\n");
	fr_file(BLS_ENTRIES "/m-6.6.0.conf", "title Fedora (6.6.0)\nversion 6.6.0\n"
		"options root=UUID=1 ro rhgb iommu=soft\n");
	fr_file(BLS_ENTRIES "/m-0-rescue.conf.bak", "options i915.max_vfs=9\n");
	ok(!boot_plan_build(BOOT_GRUBBY, SRIOV4, "sriov", &p, err, sizeof(err)), "grubby plan %s", err);
	ok(!p.file[0] && p.ncmds == 2 &&
	   !strcmp(p.cmd[0].argv[1], "--update-kernel=ALL") &&
	   !strcmp(p.cmd[0].argv[2], "--remove-args=iommu=soft") &&
	   !strcmp(p.cmd[1].argv[2], "--args=" SRIOV4),
	   "grubby: remove the stale iommu=soft, add what one entry lacks, for every kernel (%s | %s)",
	   p.cmd[0].argv[2], p.cmd[1].argv[2]);
	ok(!boot_plan_run(&p, err, sizeof(err)), "grubby plan runs %s", err);
	is_str(tool_log(), "grubby [--update-kernel=ALL] [--remove-args=iommu=soft]\n"
	       "grubby [--update-kernel=ALL] [--args=" SRIOV4 "]\n", "grubby's argv recorded");
	fr_file(BLS_ENTRIES "/m-6.6.0.conf", "title Fedora (6.6.0)\noptions root=UUID=1 ro " SRIOV4 " rhgb\n");
	boot_plan_build(BOOT_GRUBBY, SRIOV4, "sriov", &p, err, sizeof(err));
	ok(p.unchanged && !p.ncmds, "every entry has them: unchanged");
	no_tool("grubby");
	ok(boot_plan_build(BOOT_GRUBBY, SRIOV4, "sriov", &p, err, sizeof(err)) == -1 &&
	   strstr(err, "grubby not found"), "BLSCFG without grubby: refused (%s)", err);
}

/* Under a root prefix a tool comes from $VFCTL_TOOL_DIR only, never $PATH. */
static void test_no_tool_dir(void)
{
	struct boot_plan p;
	char err[512], path[400], exe[400], *old = getenv("PATH");
	char keep[4096];

	clean_root();
	snprintf(keep, sizeof(keep), "%s", old ? old : "");
	snprintf(path, sizeof(path), "%s", tools);
	setenv("PATH", path, 1);		/* update-grub is on PATH ... */
	unsetenv("VFCTL_TOOL_DIR");		/* ... but no tool dir */
	ok(!host_find_tool("update-grub", exe, sizeof(exe)), "fake root, no VFCTL_TOOL_DIR: PATH is not searched");
	fr_file(GRUB_DEFAULT, "GRUB_DEFAULT=0\n");
	boot_plan_build(BOOT_GRUB, SRIOV4, "sriov", &p, err, sizeof(err));
	ok(!p.ncmds && strstr(p.note, "not running update-grub under a root prefix"),
	   "grub plan says what to run instead: %s", p.note);
	ok(!boot_plan_run(&p, err, sizeof(err)) && strcmp(in_root(GRUB_DROPIN), "(absent)"),
	   "the drop-in is still written");
	is_str(tool_log(), "(absent)", "nothing ran");
	setenv("PATH", keep, 1);
	setenv("VFCTL_TOOL_DIR", tools, 1);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	fr_init();
	snprintf(tools, sizeof(tools), "%s/vfctl-tools-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tools))
		return 2;
	snprintf(logf, sizeof(logf), "%s/argv.log", tools);
	setenv("VFCTL_TOOL_DIR", tools, 1);
	test_tokens();
	test_detect();
	test_grub();
	test_proxmox();
	test_kernelstub();
	test_grubby();
	test_no_tool_dir();
	fr_cleanup();
	nftw(tools, fr_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
