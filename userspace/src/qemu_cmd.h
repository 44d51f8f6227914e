/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The qemu command line of `vfctl launch`, built from its options without
 * touching the host (pure: unit tested), and printed shell-quoted.
 */
#ifndef VFCTL_QEMU_CMD_H
#define VFCTL_QEMU_CMD_H

#include <stdbool.h>
#include <stddef.h>

struct qemu_opts {
	const char *qemu;	/* binary; NULL: qemu-system-x86_64 */
	const char *name;	/* -name, NULL: none */
	const char *mem;	/* -m, NULL: 4G */
	unsigned int cpus;	/* -smp, 0: 4 */
	bool kvm;		/* -accel kvm -cpu host, else TCG -cpu max */
	const char *host_pci;	/* -device vfio-pci,host=..., NULL: none */
	const char *disk;	/* virtio disk image */
	const char *cdrom;	/* install medium, booted once */
	const char *vnc;	/* ":N" */
	bool headless;		/* -nographic, serial console on stdio */
	unsigned int ssh_port;	/* host port forwarded to guest 22, 0: none */
	const char *forwards;	/* "tcp:H:G,udp:H:G" */
	bool no_net;		/* no network device at all */
	const char *kernel, *initrd, *append;	/* direct kernel boot */
	/* UEFI: OVMF code (read-only) and this guest's own vars copy */
	const char *fw_code, *fw_vars;
	bool windows;		/* Hyper-V enlightenments, localtime RTC, AHCI, e1000e */
	bool rom;		/* keep the device's ROM BAR (else rombar=0) */
	const char *runas;	/* -runas USER: qemu drops root after opening */
	const char *debugcon;	/* file for port 0x402 (OVMF's debug output) */
};

struct qemu_argv {
	int argc;
	int cap;
	char **argv;		/* NULL terminated */
};

/* 0, or -1 with @err (bad option value or combination). */
int qemu_build(const struct qemu_opts *o, struct qemu_argv *out, char *err,
	       size_t errlen);
void qemu_argv_free(struct qemu_argv *a);

/*
 * Guest RAM in bytes for --mem (qemu's reading: no suffix is MiB; NULL is
 * the 4G default); 0 when it does not parse.
 */
unsigned long long qemu_mem_bytes(const char *mem);

/* The argv as one line a POSIX shell reads back as the same words. malloc'd. */
char *shell_join(char *const *argv);

/* A qemu option value: commas doubled (qemu's escape for ','). malloc'd. */
char *qemu_escape(const char *s);

#endif
