#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# EPERM at VF disable while a VF is assigned to a guest. The simulator
# marks a VF assigned through debugfs (vf_assign: sets PCI_DEV_FLAGS_ASSIGNED,
# which pci_vfs_assigned() checks, as a hypervisor would); vfio-pci does not
# set that flag, so binding vfio-pci would not exercise this path.
. "${0%/*}/../lib/tap.sh"

# --- common to the sim_*.sh tests (kept inline: each test stands alone) ---
PF=/sys/bus/pci/devices/$SIM_PF
sim_down() {
	if [ "$(basename "$(readlink $PF/driver 2>/dev/null)")" = atsm_sim ]; then
		echo 0 > $PF/sriov_numvfs 2>/dev/null
		echo "$SIM_PF" > $PF/driver/unbind
	fi
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	return 0
}
# sim_up [module params]: fresh module, PF bound, path variables set
sim_up() {
	sim_down
	insmod "$VFPROV_MODDIR/atsm_sim.ko" "$@" || return 1
	echo atsm_sim > $PF/driver_override
	echo 0 > $PF/sriov_drivers_autoprobe
	echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	CARD=$(ls -d $PF/drm/card* 2>/dev/null | head -n 1)
	IOV=$CARD/prelim_iov
	G=$IOV/pf/gt
	A=$G/available
	DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
	[ -d "$IOV" ]
}
# not through t_ok, which runs its command in a subshell
sim_start() {
	if sim_up "$@"; then
		t_pass "setup: atsm_sim $* bound to $SIM_PF"
	else
		t_fail "setup: atsm_sim $* bound to $SIM_PF"
		sim_down
		t_done
	fi
}
vf() { echo "$IOV/vf$1/gt"; }
# w FILE VALUE: a write that must succeed
w() { t_ok "write $2 > ${1#$IOV/}" sysw "$1" "$2"; }
numvfs() { cat $PF/sriov_numvfs; }
# --- end of common part ---

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
