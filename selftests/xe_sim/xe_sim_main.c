// SPDX-License-Identifier: GPL-2.0
/*
 * xe_sim - a simulated upstream xe SR-IOV PF.
 *
 * Binds only through driver_override (empty ID table) to any SR-IOV
 * capable PCI function - in the tests a QEMU NVMe PF of its own - and
 * gives it xe's PF provisioning interface: sysfs <pf>/sriov_admin and
 * debugfs dri/<BDF>/sriov.  VFs are real: sriov_configure calls
 * pci_enable_sriov()/pci_disable_sriov().  See docs/xe_sim.md.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "xe_sim.h"

static char *platform = "bmg";
module_param(platform, charp, 0444);
MODULE_PARM_DESC(platform, "Card: bmg (dGPU, 2 GTs, 24 VFs) [default], atsm (dGPU, 1 GT, 64 KiB GGTT, 31 VFs), ptl (iGPU, 2 GTs, 7 VFs), adl (iGPU, 1 GT, 7 VFs)");

static char *kver = "7.1";
module_param(kver, charp, 0444);
MODULE_PARM_DESC(kver, "xe of kernel 6.19, 7.0, 7.1 [default] or 7.2 (after 7.1.5); the 6.17/6.18 layouts are not modelled");

static unsigned int max_vfs = UINT_MAX;
module_param(max_vfs, uint, 0444);
MODULE_PARM_DESC(max_vfs, "Like xe.max_vfs: limit of VFs (default unlimited; 0 = no PF mode, no sriov_admin)");

bool xs_lockdown;
module_param_named(lockdown, xs_lockdown, bool, 0644);
MODULE_PARM_DESC(lockdown, "Act as under lockdown=integrity: debugfs files with a mode above 0444 fail to open with EPERM (default off; may change at any time)");

bool xs_debugfs_off;
module_param_named(debugfs_off, xs_debugfs_off, bool, 0444);
MODULE_PARM_DESC(debugfs_off, "Act as with debugfs=off: no dri/<BDF> tree (default off)");

/*
 * TotalVFs of the hardware and the memory each card reports.  VRAM and
 * the PF's own use are round figures, not measured on a card.
 */
static const struct xs_platform xs_platforms[] = {
	{ "bmg", 2, 24, 24ULL << 30, SZ_512M, SZ_4K },
	{ "atsm", 1, 31, 16ULL << 30, SZ_512M, SZ_64K },
	{ "ptl", 2, 7, 0, 0, SZ_4K },
	{ "adl", 1, 7, 0, 0, SZ_4K },
};

static const char * const xs_kvers[] = { "6.19", "7.0", "7.1", "7.2" };

static const struct xs_platform *xs_plat;
static enum xs_kver xs_kv;

/*
 * VF K's routing ID from the SR-IOV capability (pci_iov_virtfn_bus() and
 * _devfn() are not exported on every kernel we build for).
 */
struct pci_dev *xs_get_vf(struct xe_sim *sim, unsigned int vfid)
{
	struct pci_dev *pdev = sim->pdev;
	int pos = pci_find_ext_capability(pdev, PCI_EXT_CAP_ID_SRIOV);
	struct pci_dev *vf;
	u16 offset, stride;
	u32 rid;

	if (!pos || !vfid)
		return NULL;
	pci_read_config_word(pdev, pos + PCI_SRIOV_VF_OFFSET, &offset);
	pci_read_config_word(pdev, pos + PCI_SRIOV_VF_STRIDE, &stride);
	rid = (pdev->bus->number << 8) + pdev->devfn + offset +
	      stride * (vfid - 1);
	vf = pci_get_domain_bus_and_slot(pci_domain_nr(pdev->bus), rid >> 8,
					 rid & 0xff);
	if (vf && (!vf->is_virtfn || vf->physfn != pdev)) {
		pci_dev_put(vf);
		vf = NULL;
	}
	return vf;
}

/*
 * xe_pci_sriov_configure() enable: the guard (lockdown_vfs_enabling),
 * fair provisioning in AUTO, pci_enable_sriov(), the device links.  The
 * lock is not held across pci_enable_sriov(): bus notifiers may read our
 * sysfs.  The PCI core serialises sriov_configure with the device lock.
 */
static int xs_enable_vfs(struct xe_sim *sim, unsigned int num_vfs)
{
	unsigned int v, g;
	int err = 0;

	mutex_lock(&sim->lock);
	if (sim->enabling_locks)
		err = -EBUSY;
	if (!err && sim->fail_enable_errno) {
		err = -(int)sim->fail_enable_errno;
		sim->fail_enable_errno = 0;
	}
	if (!err)
		err = xs_enable_prepare(sim, num_vfs);
	mutex_unlock(&sim->lock);
	if (!err) {
		err = pci_enable_sriov(sim->pdev, num_vfs);
		mutex_lock(&sim->lock);
		if (err) {
			xs_disable_release(sim, num_vfs);
		} else {
			for (g = 0; g < sim->num_gts; g++)
				for (v = 1; v <= num_vfs; v++)
					sim->gt[g].vf_state[v] = XS_VF_RUNNING;
			if (xs_sysfs_add_vf_links(sim, num_vfs))
				pci_warn(sim->pdev, "no VF device links\n");
		}
		mutex_unlock(&sim->lock);
	}
	if (err) {
		pci_err(sim->pdev, "Failed to enable %u VFs (%pe)\n", num_vfs,
			ERR_PTR(err));
		return err;
	}
	pci_info(sim->pdev, "Enabled %u VFs\n", num_vfs);
	return num_vfs;
}

static int xs_disable_vfs(struct xe_sim *sim)
{
	unsigned int num_vfs = pci_num_vf(sim->pdev), g;

	if (!num_vfs)
		return 0;
	mutex_lock(&sim->lock);
	xs_sysfs_remove_vf_links(sim);
	mutex_unlock(&sim->lock);
	pci_disable_sriov(sim->pdev);
	mutex_lock(&sim->lock);
	xs_disable_release(sim, num_vfs);
	for (g = 0; g < sim->num_gts; g++)
		memset(sim->gt[g].vf_state, XS_VF_READY,
		       sizeof(sim->gt[g].vf_state));
	mutex_unlock(&sim->lock);
	pci_info(sim->pdev, "Disabled %u VFs\n", num_vfs);
	return 0;
}

static int xs_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct xe_sim *sim = pci_get_drvdata(pdev);

	if (num_vfs)
		return xs_enable_vfs(sim, num_vfs);
	return xs_disable_vfs(sim);
}

static int xs_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct xe_sim *sim;
	int err;

	if (!pdev->is_physfn || !pci_sriov_get_totalvfs(pdev) ||
	    pci_num_vf(pdev))
		return -ENODEV;
	sim = kzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return -ENOMEM;
	mutex_init(&sim->lock);
	sim->pdev = pdev;
	sim->plat = xs_plat;
	sim->kver = xs_kv;
	sim->num_gts = xs_plat->num_gts;
	sim->device_vfs = pci_sriov_get_totalvfs(pdev);
	sim->totalvfs = min3(max_vfs, xs_plat->hw_vfs,
			     (unsigned int)sim->device_vfs);
	sim->guc.err = EIO;
	xs_model_init(sim);
	err = pci_sriov_set_totalvfs(pdev, sim->totalvfs);
	if (!err && sim->totalvfs)
		err = xs_sysfs_init(sim);
	if (err) {
		/* the PCI core restores TotalVFs on unbind, not here */
		pci_sriov_set_totalvfs(pdev, sim->device_vfs);
		mutex_destroy(&sim->lock);
		kfree(sim);
		return err;
	}
	pci_set_drvdata(pdev, sim);
	if (sim->totalvfs)
		xs_debugfs_init(sim);
	pci_info(pdev, "simulated xe %s PF (kernel %s), %u VFs, %u GT(s)\n",
		 xs_plat->name, xs_kvers[xs_kv], sim->totalvfs, sim->num_gts);
	return 0;
}

static void xs_remove(struct pci_dev *pdev)
{
	struct xe_sim *sim = pci_get_drvdata(pdev);

	xs_disable_vfs(sim);
	/* both removals wait for running handlers, which take sim->lock */
	xs_debugfs_fini(sim);
	if (sim->totalvfs)
		xs_sysfs_fini(sim);
	pci_set_drvdata(pdev, NULL);
	mutex_destroy(&sim->lock);
	kfree(sim);
}

/* empty: the simulator must never grab a device by itself */
static const struct pci_device_id xs_pci_ids[] = {
	{ }
};

static struct pci_driver xs_pci_driver = {
	.name = "xe_sim",
	.id_table = xs_pci_ids,
	.probe = xs_probe,
	.remove = xs_remove,
	.sriov_configure = xs_sriov_configure,
};

static int __init xs_init(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(xs_platforms); i++)
		if (sysfs_streq(platform, xs_platforms[i].name))
			xs_plat = &xs_platforms[i];
	if (!xs_plat) {
		pr_err("xe_sim: unknown platform '%s'\n", platform);
		return -EINVAL;
	}
	err = match_string(xs_kvers, ARRAY_SIZE(xs_kvers), kver);
	if (err < 0) {
		pr_err("xe_sim: kver '%s' not modelled (6.19, 7.0, 7.1, 7.2)\n",
		       kver);
		return -EINVAL;
	}
	xs_kv = err;
	xs_debugfs_module_init();
	err = pci_register_driver(&xs_pci_driver);
	if (err)
		xs_debugfs_module_exit();
	return err;
}

static void __exit xs_exit(void)
{
	pci_unregister_driver(&xs_pci_driver);
	xs_debugfs_module_exit();
}

module_init(xs_init);
module_exit(xs_exit);

MODULE_DESCRIPTION("Simulated Intel xe SR-IOV PF (sriov_admin sysfs and debugfs provisioning)");
MODULE_LICENSE("GPL");
