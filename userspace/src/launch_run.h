/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vfctl launch on the host: OVMF and the guest's own vars file, and qemu run
 * as an unprivileged user with the VF's VFIO group handed over for the
 * guest's life (as libvirt does) and handed back when it exits.
 */
#ifndef VFCTL_LAUNCH_RUN_H
#define VFCTL_LAUNCH_RUN_H

#include <stddef.h>

#define LAUNCH_DEFAULT_USER "nobody"
#define LAUNCH_STATE_DIR "/var/lib/vfctl"

/* OVMF code and vars template under the host root. 0, or -1: not installed. */
int fw_locate(char *code, size_t clen, char *vars, size_t vlen);

/*
 * STATE_DIR/<name>_VARS.fd, copied from @tmpl the first time and kept after
 * (the guest's UEFI settings live there; the template is never written).
 * Its path into @out. An exit code.
 */
int fw_vars_copy(const char *tmpl, const char *name, char *out, size_t len,
		 bool dry_run);

/*
 * Run @argv (which drops to @user with -runas) with the VFIO group of
 * @addr owned by @user and RLIMIT_MEMLOCK raised to @memlock bytes; wait
 * for it and give the group back. qemu's exit status, or an exit code.
 */
int launch_as_user(char *const *argv, const char *addr, const char *user,
		   unsigned long long memlock);

/* 0 when @user exists; else the exit code after saying so. */
int launch_user_check(const char *user);

#endif
