# SPDX-License-Identifier: GPL-2.0
# Sourced by /init: the environment every guest test sees.
#
#   SIM_PF         NVMe PF (31 VFs) reserved for atsm_sim, the simulated Flex
#   PCI_PF         NVMe PF (4 VFs) left to the nvme driver: the "pci" backend
#   VFPROV_MODDIR  where vfprov.ko and atsm_sim.ko are
#   VFPROV_LIB     the shell helpers (selftests/lib)

export VFPROV_MODDIR=/vfprov
export VFPROV_LIB=/selftests/lib
export SIM_PF=0000:01:00.0
export PCI_PF=0000:02:00.0

# Keep the host nvme driver off the simulated Flex PF before nvme loads;
# atsm_sim binds it through driver_override.
echo atsm_sim > /sys/bus/pci/devices/$SIM_PF/driver_override
echo 0 > /sys/bus/pci/devices/$SIM_PF/sriov_drivers_autoprobe
echo 0 > /sys/bus/pci/devices/$PCI_PF/sriov_drivers_autoprobe
modprobe nvme
modprobe vfio_iommu_type1
modprobe vfio-pci
