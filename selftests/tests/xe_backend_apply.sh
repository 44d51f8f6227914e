#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The xe backend against xe_sim (bmg: two GTs, VRAM): the PF is driven by
# backend "xe"; an apply writes GGTT and VRAM per tile and contexts and
# doorbells on every GT, EQ/PT through sriov_admin, and leaves xe in
# CUSTOM mode; a fair share gives every VF all it needs (xe does not check
# at enable); a reset gives the PF back to AUTO. A push that fails on gt1
# after gt0 took it rolls back exactly, AUTO included. A VF without
# contexts is refused before any write; a VF threshold and the PF
# policies (reset_engine, sample_period_ms) are set on every GT, and a
# threshold gt1 refuses rolls back; sched_if_idle is set on every GT, the
# PF's sched_priority through sriov_admin's choice list, and undone when
# its write fails; under debugfs lockdown the backend is sysfs-only
# (scheduling works, quotas and thresholds are refused by name); an xe PF
# without sriov_admin is refused naming the kernel needed.
. "${0%/*}/../lib/rel.sh"
. "${0%/*}/../lib/xesim.sh"

G=268435456 M=1073741824
res() { echo "$1" | head -n 1 | kv "$2"; }
has() { echo "$out" | grep -q "$1"; }
q() { cat "$SR/vf$1/tile0/$2"; }
gts() { echo $(cat "$SR/vf$1/tile0/gt0/$2" "$SR/vf$1/tile0/gt1/$2"); }
pol() { echo $(cat "$SR/pf/tile0/gt0/$1" "$SR/pf/tile0/gt1/$1"); }

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1

t_eq "pf-get: backend xe" xe "$(vfnl pf-get "$XE_PF" | kv backend)"
A="num=2 drv=vfio vf1.ggtt=$G vf1.lmem=$M vf1.ctx=1024 vf1.eq=10 vf2.ggtt=$G vf2.lmem=$M vf2.ctx=512 vf2.db=8 vf2.pt=30000"
out=$(vfnl apply "$XE_PF" $A)
t_eq "apply: committed" committed "$(res "$out" result)"
t_eq "  ...2 VFs" 2 "$(cat "$PF/sriov_numvfs")"
t_eq "  ...vf1 GGTT and VRAM per tile" "$G $M" "$(q 1 ggtt_quota) $(q 1 vram_quota)"
t_eq "  ...vf1 contexts on gt0 and gt1" "1024 1024" "$(gts 1 contexts_quota)"
t_eq "  ...vf2 doorbells on gt0 and gt1" "8 8" "$(gts 2 doorbells_quota)"
t_eq "  ...vf1 EQ and vf2 PT through sriov_admin" "10 30000" \
	"$(cat "$ADMIN/vf1/profile/exec_quantum_ms") $(cat "$ADMIN/vf2/profile/preempt_timeout_us")"
t_eq "  ...xe is in CUSTOM mode" custom "$(cat "$KNOB/mode")"
t_eq "  ...vf-get reads contexts back" 1024 "$(vfnl vf-get "$XE_PF" 1 | kv ctx)"

out=$(vfnl apply "$XE_PF" num=2 idle=1)
t_eq "sched_if_idle: committed, on both GTs" "committed 1 1" \
	"$(res "$out" result) $(cat "$SR/pf/tile0/gt0/sched_if_idle" "$SR/pf/tile0/gt1/sched_if_idle" | tr '\n' ' ' | sed 's/ $//')"
out=$(vfnl apply "$XE_PF" num=2 idle=0 prio=2)
t_eq "PF sched_priority high: committed, sriov_admin shows [high]" \
	"committed low normal [high] 2" \
	"$(res "$out" result) $(cat "$ADMIN/pf/profile/sched_priority") $(vfnl pf-get "$XE_PF" | kv prio)"
fi_set match sched_priority
fi_set errno 5
fi_set times 1
fi_set nth 1
out=$(vfnl apply "$XE_PF" num=2 vf1.eq=9 prio=1)
fi_set nth 0
fi_set match ""
t_eq "the priority write fails: rolled back, still [high], vf1 EQ as before" \
	"rolled_back low normal [high] 10" \
	"$(res "$out" result) $(cat "$ADMIN/pf/profile/sched_priority") $(cat "$ADMIN/vf1/profile/exec_quantum_ms")"
vfnl apply "$XE_PF" num=2 prio=0 >/dev/null
out=$(vfnl apply "$XE_PF" num=2 vf1.thr_cat=3 er=1 sp=20)
t_eq "vf1's cat-error threshold and the PF policies: committed" committed \
	"$(res "$out" result)"
t_eq "  ...the threshold on gt0 and gt1" "3 3" "$(gts 1 threshold_cat_error_count)"
t_eq "  ...reset_engine and sample_period_ms on gt0 and gt1" "1 1 20 20" \
	"$(pol reset_engine) $(pol sample_period_ms)"
t_eq "  ...vf-get and pf-get read them back" "3 1 20" \
	"$(vfnl vf-get "$XE_PF" 1 | kv thr_cat) $(vfnl pf-get "$XE_PF" | kv er) $(vfnl pf-get "$XE_PF" | kv sp)"
echo 2 > "$KNOB/guc_fail_gt_mask"
echo 5 > "$KNOB/guc_fail_errno"
echo 1 > "$KNOB/guc_fail_nth"
out=$(vfnl apply "$XE_PF" num=2 vf1.thr_cat=7)
echo 0 > "$KNOB/guc_fail_nth"
echo 0 > "$KNOB/guc_fail_gt_mask"
t_eq "gt1 refuses the threshold after gt0 took it: rolled back (EIO) at it" \
	"rolled_back -5 threshold_cat_error_count" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field)"
t_eq "  ...3 on both GTs again" "3 3" "$(gts 1 threshold_cat_error_count)"
out=$(vfnl apply "$XE_PF" num=2 vf1.thr_cat=0 er=0 sp=0)
t_eq "threshold and policies back to 0: committed" "committed 0 0 0 0" \
	"$(res "$out" result) $(gts 1 threshold_cat_error_count) $(pol reset_engine)"

out=$(vfnl apply "$XE_PF" --rebalance num=3)
t_eq "fair share of 3 VFs: committed" committed "$(res "$out" result)"
bad=0
for v in 1 2 3; do
	for f in tile0/ggtt_quota tile0/vram_quota tile0/gt0/contexts_quota tile0/gt1/contexts_quota; do
		[ "$(cat "$SR/vf$v/$f")" -gt 0 ] || bad=$((bad + 1))
	done
done
t_eq "  ...every VF holds GGTT, VRAM and contexts on both GTs" 0 "$bad"

out=$(vfnl reset "$XE_PF")
t_eq "reset: committed" committed "$(res "$out" result)"
t_eq "  ...AUTO again, vf1 empty" "auto 0 0" "$(cat "$KNOB/mode") $(q 1 ggtt_quota) $(q 1 gt1/contexts_quota)"

before=$(xe_st)
echo 2 > "$KNOB/guc_fail_gt_mask"
echo 5 > "$KNOB/guc_fail_errno"
echo 1 > "$KNOB/guc_fail_nth"
out=$(vfnl apply "$XE_PF" $A)
echo 0 > "$KNOB/guc_fail_nth"
echo 0 > "$KNOB/guc_fail_gt_mask"
t_eq "gt1's push fails after gt0's: rolled back, EIO" "rolled_back -5" \
	"$(res "$out" result) $(res "$out" errno)"
t_eq "  ...every file as before, AUTO again" "$before" "$(xe_st)"

out=$(vfnl apply "$XE_PF" num=1 vf1.ggtt=$G vf1.lmem=$M vf1.ctx=0)
t_eq "a VF without contexts: rejected before any write (EINVAL)" "rejected -22" \
	"$(res "$out" result) $(res "$out" errno)"
t_eq "  ...nothing changed" "$before" "$(xe_st)"

echo 1 > /sys/module/xe_sim/parameters/lockdown
out=$(vfnl apply "$XE_PF" num=1 vf1.ctx=64)
t_eq "lockdown: a contexts quota is rejected (sysfs-only, EOPNOTSUPP)" \
	"rejected -95 contexts" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field)"
t_ok "  ...the reason says debugfs is locked down" has 'locked down'
out=$(vfnl apply "$XE_PF" num=1 vf1.thr_cat=3)
t_eq "lockdown: a threshold is rejected (EOPNOTSUPP), the reason says why" \
	"rejected -95 threshold_cat_error_count 1" \
	"$(res "$out" result) $(res "$out" errno) $(res "$out" field) $(echo "$out" | grep -c 'locked down')"
out=$(vfnl apply "$XE_PF" num=2 vf1.eq=5)
t_eq "lockdown: VFs and EQ through sriov_admin: committed" "committed 2 5" \
	"$(res "$out" result) $(cat "$PF/sriov_numvfs") $(cat "$ADMIN/vf1/profile/exec_quantum_ms")"
vfnl reset "$XE_PF" >/dev/null
echo 0 > /sys/module/xe_sim/parameters/lockdown

t_start "xe_sim without PF mode (max_vfs=0)" xesim_up max_vfs=0
out=$(vfnl apply "$XE_PF" num=1)
t_eq "xe without sriov_admin: refused (EOPNOTSUPP)" "rejected -95" \
	"$(res "$out" result) $(res "$out" errno)"
t_ok "  ...the reason names Linux 6.19" has 'Linux 6.19'
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
