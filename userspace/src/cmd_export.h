/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_CMD_EXPORT_H
#define VFCTL_CMD_EXPORT_H

#include "nl.h"

int cmd_export(int argc, char **argv);
int cmd_assert(int argc, char **argv);
int cmd_hook(int argc, char **argv);

/* The PFs @addrs as `vfctl show` reads them (PF get + VF dump, card). */
int read_host(struct vfnl *nl, const char *const *addrs, int n,
	      struct pf_state **out);

#endif
