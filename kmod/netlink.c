// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink front-end of vfprov: family "vfprov" and its "events"
 * multicast group.
 */
#include <net/genetlink.h>

#include "vfprov.h"

enum vfprov_mcgrp {
	VFPROV_MCGRP_EVENTS_ID,
};

static const struct genl_multicast_group vfprov_mcgrps[] = {
	[VFPROV_MCGRP_EVENTS_ID] = { .name = VFPROV_MCGRP_EVENTS },
};

static struct genl_family vfprov_genl_family __ro_after_init = {
	.name		= VFPROV_GENL_NAME,
	.version	= VFPROV_GENL_VERSION,
	.maxattr	= VFPROV_A_MAX,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.mcgrps		= vfprov_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vfprov_mcgrps),
};

int __init vfprov_nl_init(void)
{
	return genl_register_family(&vfprov_genl_family);
}

void vfprov_nl_exit(void)
{
	genl_unregister_family(&vfprov_genl_family);
}
