/* SPDX-License-Identifier: GPL-2.0 */
/* The host commands: check, kernel-args, passthrough, release, launch. */
#ifndef VFCTL_CMD_HOST_H
#define VFCTL_CMD_HOST_H

#include <stdbool.h>

int cmd_check(int argc, char **argv);
int cmd_kargs(int argc, char **argv);
int cmd_passthrough(int argc, char **argv);
int cmd_release(int argc, char **argv);
int cmd_launch(int argc, char **argv);
int cmd_probe(int argc, char **argv);

/*
 * cmd_passthrough.c: make @addr usable by a guest: bound to vfio-pci (binding
 * it when needed and safe), its IOMMU group viable and /dev/vfio/<group>
 * there. @whole_pf: refuse with VFs enabled and remember the old driver for
 * `release`. Prints why it refuses; returns an exit code.
 */
int vfio_take(const char *addr, bool whole_pf);

#endif
