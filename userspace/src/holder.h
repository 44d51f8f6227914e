/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who holds a VF through VFIO: the process with its /dev/vfio/<group> or
 * its /dev/vfio/devices/vfioN cdev open (a guest's qemu, as a rule). Read
 * through host.h's root prefix, so the unit tests use a fake /proc.
 */
#ifndef VFCTL_HOLDER_H
#define VFCTL_HOLDER_H

#include <stddef.h>

enum holder_kind {
	HOLDER_NONE,		/* nobody holds it (or it is not on vfio-pci) */
	HOLDER_FOUND,		/* pid, comm (and guest) are set */
	HOLDER_UNKNOWN,		/* nobody readable holds it, but some processes'
				   fds could not be read: not permitted */
};

struct holder {
	enum holder_kind kind;
	int pid;
	char comm[32];
	char guest[64];		/* qemu -name guest=NAME or -name NAME, "" */
};

/* The VF to look for: its PCI address and IOMMU group (-1 none). */
struct holder_vf {
	const char *addr;
	int group;
};

/*
 * One pass over /proc/<pid>/fd for @n VFs; out[i] answers vfs[i]. Returns
 * 0, or -1 when /proc cannot be read at all (every answer: unknown).
 */
int holder_find_many(const struct holder_vf *vfs, int n, struct holder *out);
int holder_find(const char *addr, int group, struct holder *h);

/* The guest name from a qemu command line (NUL-separated, @len bytes). */
void holder_guest_from_cmdline(const char *cmd, size_t len, char *out,
			       size_t outlen);

/* "qemu-system-x86[1234] guest vm1", "-", "unknown (not permitted)" */
const char *holder_text(const struct holder *h, char *buf, size_t len);

#endif
