#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# auto_provisioning (I915_PRELIM_ABI.md "Sharp edges"): any non-zero VF
# quota, and also a non-zero VF exec_quantum_ms / preempt_timeout_us,
# switches it off; turning it back on needs every VF config empty (ESTALE).
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

AP=$IOV/pf/auto_provisioning
t_eq "starts on" 1 "$(cat $AP)"
w $(vf 1)/exec_quantum_ms 0
w $(vf 1)/preempt_timeout_us 0
w $(vf 1)/ggtt_quota 0
t_eq "zero writes on empty VFs keep it on" 1 "$(cat $AP)"
w $G/exec_quantum_ms 20
w $G/preempt_timeout_us 20000
w $G/sched_priority 1
t_eq "PF scheduling writes keep it on" 1 "$(cat $AP)"
w $G/ggtt_spare 0x10000000
t_eq "PF spare writes keep it on" 1 "$(cat $AP)"
w $G/sched_priority 0

for f in exec_quantum_ms:5 preempt_timeout_us:1000 ggtt_quota:0x100000 \
	lmem_quota:0x200000 contexts_quota:128 doorbells_quota:1 \
	threshold/irq_time_us:1; do
	w $AP 1
	w $(vf 3)/${f%%:*} ${f#*:}
	t_eq "non-zero VF ${f%%:*} switches it off" 0 "$(cat $AP)"
	w $(vf 3)/${f%%:*} 0
done

w $(vf 2)/lmem_quota 0x200000
t_err "on again with VF2 holding LMEM" ESTALE $AP 1
w $(vf 2)/exec_quantum_ms 7
w $(vf 2)/lmem_quota 0
w $AP 1
t_eq "a VF with only scheduling values counts as empty" 1 "$(cat $AP)"
w $AP 0
t_eq "off is always allowed" 0 "$(cat $AP)"
w $AP 0
t_eq "writing the current value is accepted" 0 "$(cat $AP)"

# "Writing only scheduling values and then enabling VFs gives VFs without
# GGTT/LMEM" - late provisioning
w $AP 1
w $(vf 1)/exec_quantum_ms 10
t_ok "enable 2 VFs after a scheduling-only write" sysw $PF/sriov_numvfs 2
t_eq "VF1 got no GGTT/LMEM" "0 0" "$(echo $(cat $(vf 1)/ggtt_quota $(vf 1)/lmem_quota))"
t_ok "disable" sysw $PF/sriov_numvfs 0

sim_down
t_done
