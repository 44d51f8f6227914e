#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability of the xe backend, with the fault sweeps the i915 backend
# has (lib/rel.sh): every vfprov write of an apply on a simulated xe PF
# (bmg, two GTs) fails once in turn, sriov_admin and debugfs alike, and
# each failure rolls back to the exact state, xe's provisioning mode
# included (an apply from AUTO is undone through
# restore_auto_provisioning); then GuC failures inside xe_sim, where a push
# to gt1 fails after gt0 was changed; then the sysfs-only sweeps under
# debugfs lockdown, VRAM through sriov_admin around xe's AUTO enable (the
# VRAM an AUTO disable released is what the undo must write back).
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

G=268435456 M=1073741824
# FROM is AUTO with no VFs; A and B are CUSTOM (GGTT, VRAM and contexts
# on every VF: complete, as the backend requires).
XE_A="num=2 drv=vfio vf1.ggtt=$G vf1.lmem=$M vf1.ctx=1024 vf1.eq=10 vf2.ggtt=$G vf2.lmem=$M vf2.ctx=512 vf2.db=8"
XE_B="num=3 drv=vfio vf1.ggtt=$((2 * G)) vf1.lmem=$((2 * M)) vf1.ctx=2048 vf1.db=16 vf2.ggtt=$G vf2.lmem=$M vf2.ctx=512 vf3.ggtt=$G vf3.lmem=$M vf3.ctx=256 vf3.pt=30000 eq=20 idle=1"

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1
T0=$(uptime_s)

sweep hook "$XE_PF" xe_st "xe AUTO -> A" pristine "$XE_A"
sweep hook "$XE_PF" xe_st "xe A -> B" "$XE_A" "$XE_B" 3

# GuC failures: the Nth push from now fails in xe_sim (every GT's push
# is one); mask 2 fails only gt1's, after gt0 took the value.
guc_fault() { # DESC MASK NTH
	_rel_fresh=0
	one_fault "$XE_PF" xe_st "$XE_A" "$XE_B" xe_guc "$2" "$3"
	t_eq "$1: rolled back to the exact state" "" "$_why"
}
xe_guc() {
	echo "$1" > "$KNOB/guc_fail_gt_mask"
	echo 5 > "$KNOB/guc_fail_errno"
	echo "$2" > "$KNOB/guc_fail_nth"
}
for n in 1 2 5; do
	guc_fault "gt1's push $n fails after gt0's" 2 "$n"
done
guc_fault "gt0's first push fails" 1 1
echo 0 > "$KNOB/guc_fail_nth"
echo 0 > "$KNOB/guc_fail_gt_mask"

# The state as xe holds it, debugfs included: the lockdown is lifted for
# the read only (no transaction runs then).
xe_st_locked() {
	echo 0 > /sys/module/xe_sim/parameters/lockdown
	xe_st
	echo 1 > /sys/module/xe_sim/parameters/lockdown
}
XE_L1="num=2 drv=vfio vf1.lmem=$M vf2.lmem=$((2 * M))"
XE_L2="num=3 drv=vfio vf1.lmem=$((2 * M)) vf2.lmem=$M vf3.lmem=$M vf1.eq=10"
vfnl reset "$XE_PF" >/dev/null
t_eq "before the lockdown sweeps: xe in AUTO mode" auto "$(cat "$KNOB/mode")"
echo 1 > /sys/module/xe_sim/parameters/lockdown
sweep hook "$XE_PF" xe_st_locked "lockdown: xe AUTO -> VRAM L1" pristine "$XE_L1"
sweep hook "$XE_PF" xe_st_locked "lockdown: VRAM L1 -> L2" "$XE_L1" "$XE_L2"
sweep hook "$XE_PF" xe_st_locked "lockdown: VRAM L2 -> L1 (vf1's EQ released)" "$XE_L2" "$XE_L1"
vfnl reset "$XE_PF" >/dev/null
echo 0 > /sys/module/xe_sim/parameters/lockdown

t_diag "$injected faults injected in $(since "$T0")s"
vfnl reset "$XE_PF" >/dev/null
t_eq "reset: AUTO again" auto "$(cat "$KNOB/mode")"
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
