#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A resize is not atomic (I915_PRELIM_ABI.md "Sharp edges"): the old
# allocation is freed first, so a rejected resize leaves the VF with nothing.
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

MiB=1048576
V=$(vf 1)
w $IOV/pf/auto_provisioning 0
g0=$(cat $A/ggtt_free); l0=$(cat $A/lmem_free)
c0=$(cat $A/contexts_free); d0=$(cat $A/doorbells_free)

w $V/lmem_quota $((1024 * MiB))
w $V/lmem_quota $((2048 * MiB))
t_eq "a valid resize moves the accounting" $((l0 - 2048 * MiB)) "$(cat $A/lmem_free)"
w $V/lmem_quota $((2048 * MiB - 1))
t_eq "same rounded size is a no-op" $((2048 * MiB)) "$(cat $V/lmem_quota)"
big=$(( $(cat $A/lmem_max_quota) + 2048 * MiB + 2 * MiB ))
t_err "LMEM resize beyond what exists" EDQUOT $V/lmem_quota $big
t_eq "VF left with no LMEM" 0 "$(cat $V/lmem_quota)"
t_eq "its old LMEM went back to the pool" $l0 "$(cat $A/lmem_free)"

w $V/ggtt_quota $((512 * MiB))
big=$(( $(cat $A/ggtt_max_quota) + 512 * MiB + 65536 ))
t_err "GGTT resize beyond what exists" EDQUOT $V/ggtt_quota $big
t_eq "VF left with no GGTT" 0 "$(cat $V/ggtt_quota)"
t_eq "ggtt_free restored" $g0 "$(cat $A/ggtt_free)"

w $V/contexts_quota 1024
t_err "contexts resize beyond what exists" EDQUOT $V/contexts_quota $((c0 + 128))
t_eq "VF left with no contexts" 0 "$(cat $V/contexts_quota)"
t_eq "contexts_free restored" $c0 "$(cat $A/contexts_free)"

w $V/doorbells_quota 16
t_err "doorbells resize beyond 256" EDQUOT $V/doorbells_quota 257
t_eq "VF left with no doorbells" 0 "$(cat $V/doorbells_quota)"
t_eq "doorbells_free restored" $d0 "$(cat $A/doorbells_free)"

# the same on a running VF: the live VF loses its LMEM
w $V/ggtt_quota $((512 * MiB))
w $V/lmem_quota $((1024 * MiB))
w $V/contexts_quota 1024
t_ok "enable 1 VF" sysw $PF/sriov_numvfs 1
big=$(( $(cat $A/lmem_max_quota) + 1024 * MiB + 2 * MiB ))
t_err "resize of a running VF fails" EDQUOT $V/lmem_quota $big
t_eq "running VF left with no LMEM" 0 "$(cat $V/lmem_quota)"
t_eq "VF is still enabled" 1 "$(numvfs)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_eq "manual GGTT survives the disable" $((512 * MiB)) "$(cat $V/ggtt_quota)"

sim_down
t_done
