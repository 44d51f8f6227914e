/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel arguments for SR-IOV or passthrough, and the grub drop-in that
 * carries them. /etc/default/grub itself is never edited: Debian's grub
 * sources /etc/default/grub.d/ *.cfg after it, so one file of ours can be
 * rewritten or removed on its own.
 */
#ifndef VFCTL_GRUB_H
#define VFCTL_GRUB_H

#include <stdbool.h>
#include <stddef.h>

#define GRUB_DEFAULT "/etc/default/grub"
#define GRUB_DROPIN_DIR "/etc/default/grub.d"
#define GRUB_DROPIN GRUB_DROPIN_DIR "/90-vfctl.cfg"

struct kargs {
	bool passthrough;	/* else sriov */
	bool amd;		/* amd_iommu=on instead of intel_iommu=on */
	unsigned int vfs;	/* sriov: i915.max_vfs */
	const char *ids;	/* passthrough: "8086:56c0[,VVVV:DDDD...]" */
	bool xe;		/* sriov: xe.max_vfs instead of i915.max_vfs */
	const char *force_probe; /* xe: "56c0[,DDDD...]" xe must be forced to take, or NULL */
};

/* Whether @ids is a comma list of VVVV:DDDD (4 hex digits each). */
bool kargs_ids_valid(const char *ids);

/* Whether @ids is a comma list of DDDD (4 hex digits each). */
bool kargs_devids_valid(const char *ids);

/* The arguments, space separated. 0, or -1 with @err. */
int kargs_build(const struct kargs *k, char *buf, size_t len, char *err,
		size_t errlen);

/* The drop-in's whole text for @args (which grub appends to its own). */
int grub_dropin_text(const char *args, const char *mode, char *buf,
		     size_t len);

enum grub_write { GRUB_WRITTEN, GRUB_UNCHANGED };

/*
 * Write @text to GRUB_DROPIN under the host root, atomically (temp file +
 * rename). GRUB_UNCHANGED when it already holds exactly @text. -errno.
 */
int grub_write_dropin(const char *text);

/* The same for any file under the host root (its directory created). */
int host_replace(const char *file, const char *text);
/* Whether @file under the host root holds exactly @text. */
bool host_same_content(const char *file, const char *text);

#endif
