#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Values are parsed with kstrto* base 0 (I915_PRELIM_ABI.md "Layout"):
# hex and octal accepted, malformed input refused by the parser itself.
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

V=$(vf 1)
w $V/ggtt_quota 0x100000
t_eq "hex GGTT quota" 1048576 "$(cat $V/ggtt_quota)"
w $V/lmem_quota 0x40000000
t_eq "hex LMEM quota" 1073741824 "$(cat $V/lmem_quota)"
w $V/contexts_quota 0400
t_eq "octal contexts quota (0400 = 256)" 256 "$(cat $V/contexts_quota)"
w $V/doorbells_quota 0x10
t_eq "hex doorbells quota" 16 "$(cat $V/doorbells_quota)"
w $V/exec_quantum_ms 0x14
t_eq "hex exec_quantum_ms" 20 "$(cat $V/exec_quantum_ms)"
w $V/preempt_timeout_us 0x4e20
t_eq "hex preempt_timeout_us" 20000 "$(cat $V/preempt_timeout_us)"
w $V/threshold/page_fault_count 0x7
t_eq "hex threshold" 7 "$(cat $V/threshold/page_fault_count)"
w $G/ggtt_spare 0x8000000
t_eq "hex ggtt_spare" 134217728 "$(cat $G/ggtt_spare)"
w $G/policies/sample_period_ms 0x0a
t_eq "hex sample_period_ms" 10 "$(cat $G/policies/sample_period_ms)"
t_ok "trailing newline accepted" sh -c "echo 0x20 > $V/doorbells_quota"
t_eq "doorbells after 'echo 0x20'" 32 "$(cat $V/doorbells_quota)"

t_err "garbage refused" EINVAL $V/ggtt_quota 12abc
t_err "blank value refused" EINVAL $V/lmem_quota " "
t_err "negative refused" EINVAL $V/lmem_quota -1
t_err "u16 contexts above 65535" ERANGE $V/contexts_quota 70000
t_err "u16 doorbells above 65535" ERANGE $V/doorbells_quota 0x10000
t_err "u32 exec_quantum above 2^32-1" ERANGE $V/exec_quantum_ms 0x100000000
t_err "u8 sched_priority above 255" ERANGE $G/sched_priority 256
t_eq "refused writes changed nothing" "1048576 1073741824 32" \
	"$(echo $(cat $V/ggtt_quota $V/lmem_quota $V/doorbells_quota))"

w $G/policies/sched_if_idle y
t_eq "bool 'y'" 1 "$(cat $G/policies/sched_if_idle)"
w $G/policies/sched_if_idle off
t_eq "bool 'off'" 0 "$(cat $G/policies/sched_if_idle)"
t_err "bool garbage" EINVAL $G/policies/engine_reset maybe
w $IOV/pf/auto_provisioning 0
t_eq "auto_provisioning 0" 0 "$(cat $IOV/pf/auto_provisioning)"

t_err "control: unknown word" EINVAL $IOV/vf1/control bogus
t_err "control: stop on a disabled VF (simulator: ENODEV)" ENODEV $IOV/vf1/control stop
w $IOV/vf1/control clear
t_eq "control clear unprovisions the VF" "0 0 0 0 0" \
	"$(echo $(cat $V/ggtt_quota $V/lmem_quota $V/contexts_quota $V/doorbells_quota $V/exec_quantum_ms))"
t_ok "control: sysfs_streq accepts a newline" sh -c "echo clear > $IOV/vf1/control"

sim_down
t_done
