#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xe after 7.1.5 (xe_sim kver=7.2, bmg): an AUTO enable fair-provisions
# the VFs' EQ/PT too and resets the PF's EQ, PT and priority. xe stays in
# AUTO mode where only sriov_admin is written: on a Secure Boot host
# (debugfs locked down, sysfs-only). There an apply that asks for VF and
# PF scheduling still ends with the values asked (they are written after
# the enable, read at the write);
# an apply that disables and re-enables the VFs and fails at any write
# rolls back to the exact state, the VF EQ/PT an AUTO disable released
# and the PF scheduling the re-enable reset included (written back after
# the undo's enable).
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

res() { echo "$1" | head -n 1 | kv "$2"; }
X2="num=2 drv=vfio vf1.eq=10 vf2.pt=30000 eq=20 pt=40000 prio=1"
X3="num=3 drv=vfio vf1.eq=12 vf3.eq=5 eq=25 prio=1"

t_start "xe_sim (bmg, 7.2) bound to $XE_PF" xesim_up kver=7.2
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1
t_eq "xe in AUTO mode" auto "$(cat "$KNOB/mode")"
# the state as xe holds it, debugfs included: the lockdown is lifted for
# the read only (no transaction runs then)
xe_st_locked() {
	echo 0 > /sys/module/xe_sim/parameters/lockdown
	xe_st
	echo 1 > /sys/module/xe_sim/parameters/lockdown
}
echo 1 > /sys/module/xe_sim/parameters/lockdown

out=$(vfnl apply "$XE_PF" $X2)
t_eq "AUTO apply with VF and PF scheduling: committed" committed \
	"$(res "$out" result)"
t_eq "  ...still AUTO (sysfs-only: sriov_admin only)" auto "$(cat "$KNOB/mode")"
t_eq "  ...VF EQ/PT as asked, not the enable's fair 0" "10 30000" \
	"$(cat "$ADMIN/vf1/profile/exec_quantum_ms") $(cat "$ADMIN/vf2/profile/preempt_timeout_us")"
t_eq "  ...PF EQ/PT and priority as asked, not the enable's reset" \
	"20 40000 low [normal] high" \
	"$(cat "$ADMIN/pf/profile/exec_quantum_ms") $(cat "$ADMIN/pf/profile/preempt_timeout_us") $(cat "$ADMIN/pf/profile/sched_priority")"

sweep hook "$XE_PF" xe_st_locked "7.2 AUTO: 2 -> 3 VFs, scheduling changed" "$X2" "$X3"
sweep hook "$XE_PF" xe_st_locked "7.2 AUTO: 3 -> 2 VFs" "$X3" "$X2" 2

vfnl reset "$XE_PF" >/dev/null
echo 0 > /sys/module/xe_sim/parameters/lockdown
t_eq "reset: AUTO" auto "$(cat "$KNOB/mode")"
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
