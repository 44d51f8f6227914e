// SPDX-License-Identifier: GPL-2.0
/*
 * configfs front-end of vfprov: /sys/kernel/config/vfprov/.
 */
#include <linux/configfs.h>
#include <linux/module.h>

#include "vfprov.h"

static const struct config_item_type vfprov_root_type = {
	.ct_owner	= THIS_MODULE,
};

static struct configfs_subsystem vfprov_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf	= "vfprov",
			.ci_type	= &vfprov_root_type,
		},
	},
};

int __init vfprov_configfs_init(void)
{
	config_group_init(&vfprov_subsys.su_group);
	mutex_init(&vfprov_subsys.su_mutex);
	return configfs_register_subsystem(&vfprov_subsys);
}

void vfprov_configfs_exit(void)
{
	configfs_unregister_subsystem(&vfprov_subsys);
}
