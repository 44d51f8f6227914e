// SPDX-License-Identifier: GPL-2.0
/*
 * vfprov - atomic SR-IOV VF provisioning for Intel Data Center GPU Flex.
 *
 * Module entry: brings up the front-ends in dependency order and tears them
 * down in reverse.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "vfprov.h"

static int __init vfprov_init(void)
{
	int err;

	err = vfprov_nl_init();
	if (err)
		return err;

	err = vfprov_configfs_init();
	if (err)
		goto err_nl;

	pr_info("loaded (genl family %s v%d)\n", VFPROV_GENL_NAME,
		VFPROV_GENL_VERSION);
	return 0;

err_nl:
	vfprov_nl_exit();
	return err;
}

static void __exit vfprov_exit(void)
{
	vfprov_configfs_exit();
	vfprov_nl_exit();
}

module_init(vfprov_init);
module_exit(vfprov_exit);

MODULE_DESCRIPTION("Atomic SR-IOV VF provisioning for Intel GPU Flex");
MODULE_AUTHOR("vfprov developers");
MODULE_LICENSE("GPL");
MODULE_SOFTDEP("pre: configfs");
