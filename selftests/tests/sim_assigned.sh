#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# EPERM at VF disable while a VF is assigned to a guest. The simulator
# marks a VF assigned through debugfs (vf_assign: sets PCI_DEV_FLAGS_ASSIGNED,
# which pci_vfs_assigned() checks, as a hypervisor would); vfio-pci does not
# set that flag, so binding vfio-pci would not exercise this path.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

t_ok "enable 3 VFs" sysw $PF/sriov_numvfs 3
t_err "vf_assign of a VF that is not enabled" EINVAL $DBG/vf_assign 4
t_err "vf_assign 0" EINVAL $DBG/vf_assign 0
t_ok "mark VF2 assigned" sysw $DBG/vf_assign 2
t_err "EPERM: disable while VF2 is assigned" EPERM $PF/sriov_numvfs 0
t_eq "VFs still enabled" 3 "$(numvfs)"
t_ok "vfK/device links still there" test -e $IOV/vf2/device
t_ok "writes still accepted" sysw $(vf 2)/exec_quantum_ms 5
t_ok "unassign VF2" sysw $DBG/vf_unassign 2
t_ok "disable once nothing is assigned" sysw $PF/sriov_numvfs 0
t_eq "no VFs" 0 "$(numvfs)"

sim_down
t_done
