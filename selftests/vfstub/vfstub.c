// SPDX-License-Identifier: GPL-2.0
/*
 * vfstub: a native VF driver for the tests. It binds by ID to the VFs of
 * QEMU's NVMe PF (1b36:0010; the nvme driver cannot drive those VFs in the
 * test VM), so that a test can put VFs on a driver of their own, with no
 * driver_override, as a NIC's VFs sit on iavf or mlx5_core. It never binds
 * a PF, and does nothing with the device.
 *
 * refuse_probe=1 makes every probe fail, as a native VF driver whose
 * device init fails (an iavf VF whose PF mailbox does not answer): a bind
 * that vfprov's undo depends on then leaves the VF unbound.
 */
#include <linux/module.h>
#include <linux/pci.h>

static bool refuse_probe;
module_param(refuse_probe, bool, 0644);
MODULE_PARM_DESC(refuse_probe, "fail every probe with -EIO (default: 0)");

static int vfstub_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	if (!pdev->is_virtfn)
		return -ENODEV;
	return READ_ONCE(refuse_probe) ? -EIO : 0;
}

static void vfstub_remove(struct pci_dev *pdev)
{
}

static const struct pci_device_id vfstub_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_REDHAT, 0x0010) },
	{ }
};
MODULE_DEVICE_TABLE(pci, vfstub_ids);

static struct pci_driver vfstub_driver = {
	.name		= "vfstub",
	.id_table	= vfstub_ids,
	.probe		= vfstub_probe,
	.remove		= vfstub_remove,
};
module_pci_driver(vfstub_driver);

MODULE_DESCRIPTION("vfprov selftests: stub native driver for QEMU NVMe VFs");
MODULE_LICENSE("GPL");
