/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_HOOK_H
#define VFCTL_HOOK_H

#include <stddef.h>

#define HOOK_MAX_DEVS 64

/*
 * The PCI addresses a libvirt domain passes through: <hostdev mode=
 * "subsystem" type="pci"> and <interface type="hostdev">, under
 * <domain><devices>, normalised to dddd:bb:dd.f. Returns the count, or -1
 * with the reason in @err (unreadable XML, a bad address).
 */
int hook_domain_pci(const char *xml, char (*addrs)[16], int max, char *err,
		    size_t errlen);

/*
 * 0 if the domain may start; 1 if it passes through a PF that has VFs
 * enabled (its driver would be unbound and every VF destroyed), with one
 * line per such PF in @msg; -1 if the XML cannot be read (@msg says why).
 * @sysroot is "/sys" outside tests.
 */
int hook_check(const char *sysroot, const char *domain, const char *xml,
	       char *msg, size_t len);

/*
 * The domain's PCI host devices that are VFs (a "physfn" link in sysfs):
 * what `vfctl hook --bind-vfio` binds to vfio-pci at "prepare begin". The
 * count into @vfs, or -1 with the reason in @err (as hook_domain_pci).
 */
int hook_domain_vfs(const char *sysroot, const char *xml, char (*vfs)[16],
		    int max, char *err, size_t errlen);

#endif
