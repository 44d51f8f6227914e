# SPDX-License-Identifier: GPL-2.0
# Setup shared by the sim_*.sh tests (sourced after tap.sh): a fresh
# atsm_sim bound to $SIM_PF, and path variables into its prelim_iov tree.
#   PF CARD IOV G A DBG   PF device, drm card, prelim_iov, pf/gt, available,
#                         debugfs knobs of the PF
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
	insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 "$@" || return 1
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
