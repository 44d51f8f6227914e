// SPDX-License-Identifier: GPL-2.0
/*
 * vfprov - atomic SR-IOV VF provisioning for Intel Data Center GPU Flex.
 *
 * Module entry: brings the pieces up in dependency order and down in
 * reverse. The registry goes before the front-ends are torn down so that no
 * new PF event races the family's removal; requests still running hold
 * their own references on the PFs they use.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "sysfs_io.h"
#include "vfprov.h"

static int __init vfprov_init(void)
{
	int err;

	err = vfprov_sysfs_init();
	if (err)
		return err;
	err = vfprov_txn_init();
	if (err)
		goto err_sysfs;
	err = vfprov_registry_init();
	if (err)
		goto err_txn;
	err = vfprov_nl_init();
	if (err)
		goto err_registry;
	err = vfprov_configfs_init();
	if (err)
		goto err_nl;
	vfprov_health_init();

	pr_info("loaded (genl family %s v%d)\n", VFPROV_GENL_NAME,
		VFPROV_GENL_VERSION);
	return 0;

err_nl:
	vfprov_nl_exit();
err_registry:
	vfprov_registry_exit();
err_txn:
	vfprov_txn_exit();
err_sysfs:
	vfprov_sysfs_exit();
	return err;
}

/*
 * The health poller goes first (it sends events), then the transaction
 * worker: it refuses new requests and finishes
 * the running ones while the registry, the family (for their events) and
 * the private sysfs mount are still there.
 */
static void __exit vfprov_exit(void)
{
	vfprov_health_exit();
	vfprov_txn_exit();
	vfprov_configfs_exit();
	vfprov_registry_exit();
	vfprov_nl_exit();
	vfprov_sysfs_exit();
}

module_init(vfprov_init);
module_exit(vfprov_exit);

MODULE_DESCRIPTION("Atomic SR-IOV VF provisioning for Intel GPU Flex");
MODULE_AUTHOR("vfprov developers");
MODULE_LICENSE("GPL");
MODULE_SOFTDEP("pre: configfs");
