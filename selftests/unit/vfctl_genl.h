/* SPDX-License-Identifier: GPL-2.0 */
/* Crafting generic netlink messages for the vfctl parser unit tests. */
#ifndef VFCTL_GENL_H
#define VFCTL_GENL_H

#include <stdint.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

/* The family id of vfprov in the crafted messages (any id will do). */
#define FAM 0x1d

/* A new message of netlink @type (a family id) carrying @cmd, version 2. */
static inline struct nl_msg *msg_new(int type, uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, type, 0, 0, cmd, 2);
	return m;
}

#endif
