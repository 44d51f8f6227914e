/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where `vfctl kernel-args --apply` puts the kernel arguments, for the boot
 * loaders hosts use:
 *
 *   proxmox     Proxmox VE with systemd-boot (ZFS root on UEFI):
 *               /etc/kernel/cmdline, then `proxmox-boot-tool refresh`
 *   kernelstub  Pop!_OS (systemd-boot): `kernelstub --delete-options` /
 *               `--add-options`, no file of ours
 *   grubby      Fedora/RHEL BLS entries: `grubby --update-kernel=ALL
 *               --remove-args` / `--args`
 *   grub        Debian/Ubuntu GRUB: the drop-in of grub.h, then update-grub
 *               (`proxmox-boot-tool refresh` on a Proxmox GRUB ESP)
 *
 * Each is a plan first (the file and its new text, the commands), so
 * --dry-run prints exactly what --apply does. The arguments vfctl manages are
 * the keys of kargs_build(): a token with such a key but another value (an old
 * i915.max_vfs, intel_iommu on an AMD host, the other mode's) is replaced, so
 * applying twice changes nothing and switching modes leaves no stale token.
 */
#ifndef VFCTL_BOOTLDR_H
#define VFCTL_BOOTLDR_H

#include <stdbool.h>
#include <stddef.h>

#include "host.h"

enum boot_kind { BOOT_NONE, BOOT_PROXMOX, BOOT_KERNELSTUB, BOOT_GRUBBY, BOOT_GRUB };

#define KERNEL_CMDLINE "/etc/kernel/cmdline"
#define PROXMOX_UUIDS "/etc/kernel/proxmox-boot-uuids"
#define KERNELSTUB_CONF "/etc/kernelstub/configuration"
#define BLS_ENTRIES "/boot/loader/entries"

/* "proxmox", "kernelstub", "grubby", "grub", "none". */
const char *boot_kind_name(enum boot_kind k);
int boot_kind_parse(const char *s, enum boot_kind *k);

/* The boot loader of the host (under the root prefix); @why says what showed it. */
enum boot_kind boot_detect(char *why, size_t len);

/* Whether @tok ("key" or "key=value") has a key kargs_build() writes. */
bool kargs_managed(const char *tok);

/*
 * @line with every managed token that is not in @args removed and the
 * tokens of @args it lacks appended, in order, single-spaced. 0, or -1 when
 * it does not fit.
 */
int kargs_merge(const char *line, const char *args, char *out, size_t len);

/*
 * The managed tokens of @have not in @args (to remove), and the tokens of
 * @args not in @have (to add), space separated.
 */
void kargs_diff(const char *have, const char *args, char *del, size_t dlen,
		char *add, size_t alen);

#define BOOT_MAX_CMDS 3
#define BOOT_MAX_ARGV 6

struct boot_cmd {
	int argc;
	char argv[BOOT_MAX_ARGV][1024];
};

struct boot_plan {
	enum boot_kind kind;
	char file[HOST_PATH_MAX];	/* written by vfctl, "" none */
	char text[4096];		/* @file's new content */
	bool unchanged;			/* nothing to write, nothing to run */
	int ncmds;
	struct boot_cmd cmd[BOOT_MAX_CMDS];
	char note[256];			/* what the admin still has to do, "" */
};

/* The plan that installs @args (@mode names the drop-in's origin). 0 or -1 with @err. */
int boot_plan_build(enum boot_kind k, const char *args, const char *mode,
		    struct boot_plan *p, char *err, size_t len);

/* @c as one shell-quoted line. */
void boot_cmd_str(const struct boot_cmd *c, char *buf, size_t len);

/*
 * Write the file (atomically), then run the commands in order (through
 * host_run_tool()). 0, or -errno of the write (@err says which), or 1 when
 * a command failed or is missing (@err says which).
 */
int boot_plan_run(const struct boot_plan *p, char *err, size_t len);

#endif
