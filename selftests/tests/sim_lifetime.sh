#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Object lifetime (the Debian kernels have no kmemleak or lockdep): every
# kobject the simulator creates is released on unbind, counted through
# /sys/kernel/debug/atsm_sim/live_kobjects; rmmod would log "BUG: ... not
# released" otherwise. Flex 170: drm + cardN + prelim_iov + 32 x (node + gt)
# = 67 kobjects; Flex 140: 3 + 32 x 3 = 99.
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

L=/sys/kernel/debug/atsm_sim/live_kobjects
t_eq "67 kobjects while bound" 67 "$(cat $L)"
t_ok "enable 31" sysw $PF/sriov_numvfs 31
t_eq "enabling VFs creates no kobjects" 67 "$(cat $L)"
t_ok "unbind with VFs enabled" sh -c "echo $SIM_PF > $PF/driver/unbind"
t_eq "all released after unbind" 0 "$(cat $L)"
ok=1
i=0
while [ $i -lt 10 ]; do
	echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	[ "$(cat $L)" = 67 ] || ok=0
	sysw $PF/sriov_numvfs 4 >/dev/null || ok=0
	sysw $(vf 1)/lmem_quota 0x40000000 >/dev/null
	cat $DBG/state >/dev/null
	sysw $PF/sriov_numvfs 0 >/dev/null || ok=0
	echo "$SIM_PF" > $PF/driver/unbind
	[ "$(cat $L)" = 0 ] || ok=0
	i=$((i + 1))
done
t_eq "10 bind/enable/disable/unbind cycles: 67 up, 0 down" 1 $ok
t_ok "rmmod" rmmod atsm_sim
t_ok "no unreleased kobjects reported" sh -c "! dmesg | grep -q 'kobjects not released'"

sim_up variant=flex140 >/dev/null 2>&1
t_eq "flex140: 99 kobjects" 99 "$(cat $L)"
sim_down
t_ok "no unreleased kobjects reported after flex140" sh -c "! dmesg | grep -q 'kobjects not released'"
t_done
