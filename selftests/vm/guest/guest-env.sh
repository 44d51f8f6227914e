# SPDX-License-Identifier: GPL-2.0
# Sourced by /init: the environment every guest test sees.
#
#   SIM_PF         NVMe PF (31 VFs) reserved for atsm_sim, the simulated Flex
#   PCI_PF         NVMe PF (4 VFs) left to the nvme driver: the "pci" backend
#   SIM_PF2        NVMe PF (31 VFs) for a second atsm_sim card: with SIM_PF,
#                  the two PFs (two GPUs) of a simulated Flex 140
#   VFPROV_MODDIR  where vfprov.ko and atsm_sim.ko are

export VFPROV_MODDIR=/vfprov
export SIM_PF=0000:01:00.0
export PCI_PF=0000:02:00.0
export SIM_PF2=0000:03:00.0

# Keep the host nvme driver off the simulated Flex PF before nvme loads;
# atsm_sim binds it through driver_override.
echo atsm_sim > /sys/bus/pci/devices/$SIM_PF/driver_override
echo 0 > /sys/bus/pci/devices/$SIM_PF/sriov_drivers_autoprobe
# SIM_PF2 stays unbound (an override no driver has) until a test binds
# atsm_sim to it, so loading atsm_sim does not create a second card.
echo flex140-gpu1 > /sys/bus/pci/devices/$SIM_PF2/driver_override
echo 0 > /sys/bus/pci/devices/$SIM_PF2/sriov_drivers_autoprobe
echo 0 > /sys/bus/pci/devices/$PCI_PF/sriov_drivers_autoprobe
modprobe nvme
modprobe vfio_iommu_type1
modprobe vfio-pci
