/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_PERSIST_H
#define VFCTL_PERSIST_H

/*
 * Configuration that follows the hardware (docs/persistence.md): the udev
 * rule's template unit runs `apply -f DIR --pf ADDR`, `vfctl watch` does
 * the same from vfprov's pf-ntf events.
 */

/*
 * EXIT_OK if vfprov lists PF @addr with a driver bound and VFs to offer;
 * EXIT_NOTREADY (8) with the reason on stderr if not yet; EXIT_NOTFOUND
 * (3) if vfprov is not loaded; another code on other errors.
 */
int pf_ready_check(const char *addr);
/*
 * The same, polled once a second for up to @wait_sec while the answer is
 * 8 or 3: within one start of the template unit, so the units ordered
 * after it (libvirtd, kubelet) wait too. The reason is printed once.
 */
int pf_ready_wait(const char *addr, int wait_sec);

int cmd_watch(int argc, char **argv);

#endif
