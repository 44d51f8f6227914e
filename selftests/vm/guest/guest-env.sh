# SPDX-License-Identifier: GPL-2.0
# Sourced by /init: the environment every guest test sees.
#
#   SIM_PF         NVMe PF (31 VFs) reserved for atsm_sim, the simulated Flex
#   PCI_PF         NVMe PF (4 VFs) left to the nvme driver: the "pci" backend
#   SIM_PF2        NVMe PF (31 VFs) for a second atsm_sim card: with SIM_PF,
#                  the two PFs (two GPUs) of a simulated Flex 140
#   BIG_PF         NVMe PF (127 VFs, more than VFPROV_MAX_VFS), nvme driver
#   XE_PF          NVMe PF (32 VFs) reserved for xe_sim, the simulated xe PF
#   VFPROV_MODDIR  where vfprov.ko and atsm_sim.ko are
#   VFPROV_LIB     the shell helpers (selftests/lib)

export VFPROV_MODDIR=/vfprov
export VFPROV_LIB=/selftests/lib
export SIM_PF=0000:01:00.0
export PCI_PF=0000:02:00.0
export SIM_PF2=0000:03:00.0
# by its VF count: its bus number depends on the devices added before it
for _d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$_d/sriov_totalvfs" 2>/dev/null)" = 127 ]; then
		BIG_PF=${_d##*/}
	fi
	if [ "$(cat "$_d/sriov_totalvfs" 2>/dev/null)" = 32 ]; then
		XE_PF=${_d##*/}
	fi
done
export BIG_PF XE_PF

# Keep the host nvme driver off the simulated Flex PF before nvme loads;
# atsm_sim binds it through driver_override.
echo atsm_sim > /sys/bus/pci/devices/$SIM_PF/driver_override
echo 0 > /sys/bus/pci/devices/$SIM_PF/sriov_drivers_autoprobe
# SIM_PF2 stays unbound (an override no driver has) until a test binds
# atsm_sim to it, so loading atsm_sim does not create a second card.
echo flex140-gpu1 > /sys/bus/pci/devices/$SIM_PF2/driver_override
echo 0 > /sys/bus/pci/devices/$SIM_PF2/sriov_drivers_autoprobe
echo 0 > /sys/bus/pci/devices/$PCI_PF/sriov_drivers_autoprobe
if [ -n "$BIG_PF" ]; then
	echo 0 > /sys/bus/pci/devices/$BIG_PF/sriov_drivers_autoprobe
fi
# xe_sim binds XE_PF as soon as it is loaded (selftests/lib/xesim.sh).
if [ -n "$XE_PF" ]; then
	echo xe_sim > /sys/bus/pci/devices/$XE_PF/driver_override
	echo 0 > /sys/bus/pci/devices/$XE_PF/sriov_drivers_autoprobe
fi
modprobe nvme
modprobe vfio_iommu_type1
modprobe vfio-pci
