#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# sriov_admin rules of xe (XE_SRIOV_ABI.md "Stable ABI"): parsing and
# clamping, the sched_priority choices, the bulk sched_priority side
# effects, vram_quota rounding and the running-VF refusal, fan-out to both
# GTs with the first error kept and EUCLEAN on disagreement, wedged.
. "${0%/*}/../lib/xesim.sh"

xesim_up
A=$ADMIN
G0=$SR/vf1/tile0/gt0
G1=$SR/vf1/tile0/gt1

xw $A/vf1/profile/exec_quantum_ms 0x14
t_eq "EQ parsed base 0 (0x14)" 20 "$(cat $A/vf1/profile/exec_quantum_ms)"
gt_eq "EQ fanned out to both GTs" 20 $G0/exec_quantum_ms $G1/exec_quantum_ms
xw $A/vf1/profile/exec_quantum_ms 100001
t_eq "EQ clamped to 100000 ms, clamped value reads back" 100000 "$(cat $A/vf1/profile/exec_quantum_ms)"
xw $A/vf1/profile/preempt_timeout_us 4000000000
t_eq "PT clamped to 100000000 us" 100000000 "$(cat $A/vf1/profile/preempt_timeout_us)"
t_err "EQ garbage EINVAL" EINVAL $A/vf1/profile/exec_quantum_ms 12abc
t_err "EQ above u32 ERANGE (kstrtou32)" ERANGE $A/vf1/profile/exec_quantum_ms 0x100000000
t_err "EQ negative EINVAL" EINVAL $A/vf1/profile/exec_quantum_ms -1
xw $A/.bulk_profile/preempt_timeout_us 0x3e8
gt_eq "bulk PT reaches every VF on every GT" 1000 \
	$A/vf1/profile/preempt_timeout_us $A/vf24/profile/preempt_timeout_us \
	$SR/vf24/tile0/gt0/preempt_timeout_us $SR/vf24/tile0/gt1/preempt_timeout_us

t_eq "sched_priority reads as a choice list" "[low] normal high" "$(cat $A/pf/profile/sched_priority)"
xw $A/pf/profile/sched_priority high
t_eq "the PF may be high" "low normal [high]" "$(cat $A/pf/profile/sched_priority)"
t_err "VF sched_priority is read-only" EACCES $A/vf1/profile/sched_priority normal
t_err "bad choice EINVAL" EINVAL $A/pf/profile/sched_priority highest
t_err "bulk sched_priority has no high" EINVAL $A/.bulk_profile/sched_priority high
xw $A/.bulk_profile/sched_priority normal
gt_eq "bulk normal: sched_if_idle=1 on every GT" 1 \
	$SR/pf/tile0/gt0/sched_if_idle $SR/pf/tile0/gt1/sched_if_idle
t_eq "bulk resets the PF's cached priority too" "low [normal] high" "$(cat $A/pf/profile/sched_priority)"
t_eq "bulk sets VF1's cached priority" "low [normal] high" "$(cat $A/vf1/profile/sched_priority)"
t_eq "bulk loop skips the last VF (vf24 stays low)" "[low] normal high" "$(cat $A/vf24/profile/sched_priority)"
xw $A/.bulk_profile/sched_priority low
gt_eq "bulk low: sched_if_idle=0 on every GT" 0 \
	$SR/pf/tile0/gt0/sched_if_idle $SR/pf/tile0/gt1/sched_if_idle

xw $A/vf2/profile/vram_quota 1
t_eq "vram_quota rounded up to 2 MiB" 2097152 "$(cat $A/vf2/profile/vram_quota)"
xw $A/vf2/profile/vram_quota 0x400001
t_eq "vram_quota 4 MiB + 1 -> 6 MiB" 6291456 "$(cat $A/vf2/profile/vram_quota)"
xw $A/.bulk_profile/vram_quota 0x200000
t_eq "bulk vram_quota reaches vf24" 2097152 "$(cat $A/vf24/profile/vram_quota)"
xw $A/.bulk_profile/vram_quota 0
echo 2 > $PF/sriov_numvfs
t_err "vram_quota refused while VF1 runs (GuC: EIO)" EIO $A/vf1/profile/vram_quota 0x200000
xw $A/vf1/profile/exec_quantum_ms 30
t_eq "EQ may change while the VF runs" 30 "$(cat $A/vf1/profile/exec_quantum_ms)"
t_err "stop on a disabled VF refused" EPERM $A/vf3/stop 1
xw $A/vf1/stop 1
xw $A/vf1/profile/vram_quota 0x200000
t_eq "vram_quota of a stopped VF changes" 2097152 "$(cat $A/vf1/profile/vram_quota)"
echo 0 > $PF/sriov_numvfs

# gt1 refuses the next push: gt0 is changed, the store fails
xw $A/vf3/profile/exec_quantum_ms 10
echo 2 > $KNOB/guc_fail_gt_mask
echo 1 > $KNOB/guc_fail_nth
t_err "fan-out: gt1's failure is the answer" EIO $A/vf3/profile/exec_quantum_ms 50
t_eq "fan-out: gt0 was changed" 50 "$(cat $SR/vf3/tile0/gt0/exec_quantum_ms)"
t_eq "fan-out: gt1 kept its value" 10 "$(cat $SR/vf3/tile0/gt1/exec_quantum_ms)"
t_eq "GTs disagree: the read is EUCLEAN" EUCLEAN "$(xr $A/vf3/profile/exec_quantum_ms)"
echo 1 > $KNOB/guc_fail_gt_mask
echo 1 > $KNOB/guc_fail_nth
t_err "fan-out: gt0's failure kept, gt1 still written" EIO $A/vf3/profile/exec_quantum_ms 60
t_eq "fan-out: gt0 old, gt1 new" "50 60" "$(echo $(cat $SR/vf3/tile0/gt0/exec_quantum_ms $SR/vf3/tile0/gt1/exec_quantum_ms))"
echo 0 > $KNOB/guc_fail_gt_mask
xw $A/vf3/profile/exec_quantum_ms 60
t_eq "agreeing again reads" 60 "$(cat $A/vf3/profile/exec_quantum_ms)"

echo 1 > $KNOB/guc_down
t_err "GuC down: store times out" ETIMEDOUT $A/pf/profile/preempt_timeout_us 5
echo 0 > $KNOB/guc_down

echo 1 > $KNOB/wedged
t_err "wedged: EQ store ECANCELED" ECANCELED $A/vf1/profile/exec_quantum_ms 5
t_err "wedged: bulk store ECANCELED" ECANCELED $A/.bulk_profile/exec_quantum_ms 5
t_err "wedged: PF sched_priority ECANCELED" ECANCELED $A/pf/profile/sched_priority low
t_eq "wedged: reads still answer" 60 "$(cat $A/vf3/profile/exec_quantum_ms)"
echo 0 > $KNOB/wedged

xesim_down
t_done
