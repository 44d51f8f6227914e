// SPDX-License-Identifier: GPL-2.0
/*
 * xevfio_stub: stands in for xe's VFIO variant driver in the tests. It
 * registers under the real driver's name, "xe-vfio-pci", and like it binds
 * only through driver_override (an override-only id entry), here for the
 * VFs of QEMU's NVMe PF that xe_sim drives (1b36:0010).
 *
 * Kinder than the real driver: it registers no VFIO device (no
 * /dev/vfio/devices entry, no migration) and needs no xe PF behind the VF.
 *
 * match=0 makes every probe fail with -ENODEV, as the real driver's id
 * table does for a VF that is not a Battlemage, Panther Lake or Wildcat
 * Lake one: the override is written, the probe finds no driver, and the
 * VF stays unbound.
 */
#include <linux/module.h>
#include <linux/pci.h>

static bool match = true;
module_param(match, bool, 0644);
MODULE_PARM_DESC(match, "take the VFs offered (default: 1)");

static int xevfio_stub_probe(struct pci_dev *pdev,
			     const struct pci_device_id *id)
{
	if (!pdev->is_virtfn || !READ_ONCE(match))
		return -ENODEV;
	return 0;
}

static void xevfio_stub_remove(struct pci_dev *pdev)
{
}

static const struct pci_device_id xevfio_stub_ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_REDHAT, 0x0010) },
	{ }
};
MODULE_DEVICE_TABLE(pci, xevfio_stub_ids);

static struct pci_driver xevfio_stub_driver = {
	.name		= "xe-vfio-pci",
	.id_table	= xevfio_stub_ids,
	.probe		= xevfio_stub_probe,
	.remove		= xevfio_stub_remove,
};
module_pci_driver(xevfio_stub_driver);

MODULE_DESCRIPTION("vfprov selftests: stand-in for xe-vfio-pci on QEMU NVMe VFs");
MODULE_LICENSE("GPL");
