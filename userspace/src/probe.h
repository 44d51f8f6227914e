/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_PROBE_H
#define VFCTL_PROBE_H

#include <stdio.h>

/*
 * Probe the prelim_iov ABI of PF @addr (0 VFs only): reads, a few writes
 * each undone, into @out. 0: done and the state is as before; -ENODEV: no
 * SR-IOV PF there; -EBUSY: VFs are enabled (nothing written); -EIO: an undo
 * failed or a value differs.
 */
int probe_run(const char *addr, FILE *out);

#endif
