#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Removal of the PF: unbind or rmmod with VFs enabled (even assigned ones)
# disables them first and leaves nothing behind; the module never binds a
# device without driver_override.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

t_ok "enable all 31 VFs (auto)" sysw $PF/sriov_numvfs 31
t_ok "virtfn30 exists" test -e $PF/virtfn30
t_ok "vf31/device exists" test -e $IOV/vf31/device
t_ok "mark VF1 assigned" sysw $DBG/vf_assign 1
t_ok "unbind with 31 VFs enabled, one assigned" sh -c "echo $SIM_PF > $PF/driver/unbind"
t_eq "VFs disabled" 0 "$(numvfs)"
t_ok "virtfn0 gone" test ! -e $PF/virtfn0
t_ok "drm/ gone" test ! -e $PF/drm
t_ok "debugfs dir gone" test ! -e $DBG

t_ok "rebind" sh -c "echo $SIM_PF > /sys/bus/pci/drivers_probe"
CARD=$(ls -d $PF/drm/card* 2>/dev/null | head -n 1)
IOV=$CARD/prelim_iov
G=$IOV/pf/gt
t_ok "prelim_iov back" test -d $IOV
t_eq "fresh state after rebind" "1 0" \
	"$(echo $(cat $IOV/pf/auto_provisioning $(vf 1)/lmem_quota))"

t_ok "enable 4 VFs" sysw $PF/sriov_numvfs 4
t_ok "rmmod with VFs enabled" rmmod atsm_sim
t_ok "VFs gone" test ! -e $PF/virtfn0
t_ok "PF unbound" test ! -e $PF/driver
t_ok "drm/ gone" test ! -e $PF/drm

t_ok "clear driver_override" sh -c "echo > $PF/driver_override"
t_ok "insmod" insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31
t_ok "without driver_override the PF is not taken" test ! -e $PF/driver
t_ok "restore driver_override" sh -c "echo atsm_sim > $PF/driver_override"
t_ok "drivers_probe binds it" sh -c "echo $SIM_PF > /sys/bus/pci/drivers_probe && test -d $PF/drm"
t_ok "rmmod" rmmod atsm_sim

for i in 1 2 3; do
	insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 && sysw $PF/sriov_numvfs 8 >/dev/null
	rmmod atsm_sim
done
t_ok "3 x load/enable/unload cycles leave no module" sh -c "! grep -q '^atsm_sim ' /proc/modules"
t_ok "and no VFs" test ! -e $PF/virtfn0

sim_down
t_done
