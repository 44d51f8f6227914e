#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Per-VF thresholds and PF policies (engine_reset, sample_period_ms) go in
# the same transaction as the rest: set and read back from the driver's
# files, reported by pf-get and vf-get, and undone with everything else
# when a later step fails, when the threshold write itself fails (vfprov's
# write hook) and when the GuC refuses it (atsm_sim's GuC push). On the
# LTS personality sched_priority is refused at validate with the clear
# "not supported by this driver version" error and nothing is written;
# on 25.1 it is applied, and with sched_if_idle on it is refused at
# validate (i915 would answer EIO).
. "${0%/*}/../lib/rel.sh"

t_start "atsm_sim (lts) bound to $SIM_PF" sim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1

state() { sim_state "$SIM_PF" '[1-4]'; }
thr() { cat "$IOV/vf$1/gt/threshold/$2"; }
pol() { cat "$IOV/pf/gt/policies/$1"; }
res() { echo "$1" | head -n 1 | kv "$2"; }

vfnl reset "$SIM_PF" >/dev/null
pf=$(vfnl pf-get "$SIM_PF")
# VFPROV_CAPS_THRESHOLDS | VFPROV_CAPS_POLICIES, no SCHED_PRIORITY on lts
# caps bits 1 thresholds, 2 policies, 4 sched-priority (the VF action and
# health bits are core_vf_action's and core_health's)
t_eq "lts: pf-get caps thresholds+policies, no sched-priority" 3 \
	"$(($(echo "$pf" | kv caps) & 7))"
t_eq "lts: pf-get reports the live policies" "er=0 sp=0" \
	"er=$(echo "$pf" | kv er) sp=$(echo "$pf" | kv sp)"

A="num=2 vf1.lmem=1073741824 vf1.thr_cat=3 vf2.thr_h2g=500 er=1 sp=10"
out=$(vfnl apply "$SIM_PF" $A)
t_eq "thresholds and policies applied: committed" committed "$(res "$out" result)"
t_eq "  ...vf1 threshold/cat_error_count 3" 3 "$(thr 1 cat_error_count)"
t_eq "  ...vf2 threshold/h2g_time_us 500" 500 "$(thr 2 h2g_time_us)"
t_eq "  ...vf1 other thresholds stay 0" 0 "$(thr 1 page_fault_count)"
t_eq "  ...policies/engine_reset 1" 1 "$(pol engine_reset)"
t_eq "  ...policies/sample_period_ms 10" 10 "$(pol sample_period_ms)"
vf1=$(vfnl vf-get "$SIM_PF" 1)
t_eq "  ...vf-get reports vf1's thresholds" "3 0" \
	"$(echo "$vf1" | kv thr_cat) $(echo "$vf1" | kv thr_pf)"
pf=$(vfnl pf-get "$SIM_PF")
t_eq "  ...pf-get reports er=1 sp=10" "1 10" \
	"$(echo "$pf" | kv er) $(echo "$pf" | kv sp)"
out=$(vfnl apply "$SIM_PF" num=2)
t_eq "absent thresholds keep the live values" "committed 3 1" \
	"$(res "$out" result) $(thr 1 cat_error_count) $(pol engine_reset)"

# A later step fails: the thresholds and policies come back too.
B="num=3 vf1.thr_cat=7 vf3.thr_db=9 vf3.lmem=536870912 er=0 sp=20"
before=$(state)
sim_set fail_enable_errno 5
out=$(vfnl apply "$SIM_PF" $B)
sim_set fail_enable_errno 0
t_eq "VF enable fails after thresholds: rolled back at enable" \
	"rolled_back enable" "$(res "$out" result) $(res "$out" step)"
t_eq "  ...thresholds and policies restored" "3 0 1 10" \
	"$(thr 1 cat_error_count) $(thr 3 doorbell_time_us) $(pol engine_reset) $(pol sample_period_ms)"
t_eq "  ...whole state restored" "$before" "$(state)"

# The threshold write itself fails (vfprov's write hook, before the store).
fi_set match threshold/doorbell_time_us
fi_set errno 28
fi_set times 1
fi_set nth 1
out=$(vfnl apply "$SIM_PF" $B)
fi_set nth 0
fi_set match ""
t_eq "threshold write fails: rolled back at thresholds" \
	"rolled_back thresholds 3 threshold_doorbell_time_us -28" \
	"$(res "$out" result) $(res "$out" step) $(res "$out" vf) $(res "$out" field) $(res "$out" errno)"
t_eq "  ...whole state restored" "$before" "$(state)"

# The GuC refuses a threshold (atsm_sim pushes it at once, VFs enabled or
# not, and keeps the old value): the scheduling write before it is undone.
C="num=2 vf1.eq=7 vf2.thr_irq=40"
before=$(state)
sim_set guc_fail_errno 5
sim_set guc_fail_nth 2
out=$(vfnl apply "$SIM_PF" $C)
sim_set guc_fail_nth 0
t_eq "GuC refuses the threshold: rolled back at thresholds, EIO" \
	"rolled_back thresholds 2 -5" \
	"$(res "$out" result) $(res "$out" step) $(res "$out" vf) $(res "$out" errno)"
t_eq "  ...vf1 exec_quantum_ms and vf2 irq_time_us as before" "0 0" \
	"$(vfq 1 exec_quantum_ms) $(thr 2 irq_time_us)"
t_eq "  ...whole state restored" "$before" "$(state)"

# A policy write fails: the thresholds before it are undone.
fi_set match policies/sample_period_ms
fi_set errno 5
fi_set nth 1
out=$(vfnl apply "$SIM_PF" $B)
fi_set nth 0
fi_set match ""
t_eq "policy write fails: rolled back at policies, field sample_period_ms" \
	"rolled_back policies sample_period_ms" \
	"$(res "$out" result) $(res "$out" step) $(res "$out" field)"
t_eq "  ...whole state restored" "$before" "$(state)"

# sched_priority on the LTS personality: refused, nothing written.
w0=$(cat "$DBG/writes")
gen0=$(vfnl pf-get "$SIM_PF" | kv gen)
out=$(vfnl apply "$SIM_PF" num=2 vf1.thr_cat=5 prio=2)
t_eq "lts: sched_priority rejected at validate, EOPNOTSUPP" \
	"rejected validate sched_priority -95" \
	"$(res "$out" result) $(res "$out" step) $(res "$out" field) $(res "$out" errno)"
case $out in
*"sched_priority is not supported by this driver version (i915 25.1 or later needed)"*)
	t_pass "  ...the message names the field and the version needed" ;;
*) t_fail "  ...the message names the field and the version needed" "$out" ;;
esac
t_eq "  ...no store reached the driver" 0 $(($(cat "$DBG/writes") - w0))
t_eq "  ...generation unchanged" "$gen0" "$(vfnl pf-get "$SIM_PF" | kv gen)"
t_eq "  ...vf1 threshold unchanged" 3 "$(thr 1 cat_error_count)"

vfnl reset "$SIM_PF" >/dev/null
t_eq "reset clears the thresholds of the VFs it disables" "0 0" \
	"$(thr 1 cat_error_count) $(thr 2 h2g_time_us)"

# 25.1: sched_priority is there.
rmmod vfprov
t_start "atsm_sim abi=25.1 bound" sim_fresh abi=25.1
t_start "vfprov loaded" reload_vfprov
t_eq "25.1: caps thresholds+policies+sched-priority" 7 \
	"$(($(vfnl pf-get "$SIM_PF" | kv caps) & 7))"
out=$(vfnl apply "$SIM_PF" num=1 vf1.lmem=1073741824 prio=2)
t_eq "25.1: sched_priority high committed" "committed 2" \
	"$(res "$out" result) $(cat "$IOV/pf/gt/sched_priority")"
t_eq "  ...pf-get prio=2" 2 "$(vfnl pf-get "$SIM_PF" | kv prio)"
before=$(state)
w0=$(cat "$DBG/writes")
out=$(vfnl apply "$SIM_PF" num=1 idle=1)
t_eq "25.1: sched_if_idle with a priority set: rejected at validate" \
	"rejected validate sched_priority" \
	"$(res "$out" result) $(res "$out" step) $(res "$out" field)"
t_eq "  ...nothing written" 0 $(($(cat "$DBG/writes") - w0))
out=$(vfnl apply "$SIM_PF" num=1 idle=0 prio=0)
t_eq "25.1: priority back to low" "committed 0" \
	"$(res "$out" result) $(cat "$IOV/pf/gt/sched_priority")"
out=$(vfnl apply "$SIM_PF" num=1 idle=1 prio=1)
t_eq "25.1: sched_if_idle on with priority normal: rejected" \
	"rejected sched_priority" "$(res "$out" result) $(res "$out" field)"
before=$(state)
sim_set fail_enable_errno 5
out=$(vfnl apply "$SIM_PF" num=2 prio=1)
sim_set fail_enable_errno 0
t_eq "25.1: enable fails after sched_priority: rolled back" rolled_back \
	"$(res "$out" result)"
t_eq "  ...sched_priority back to low, whole state restored" "0" \
	"$(cat "$IOV/pf/gt/sched_priority")"
t_eq "  ...whole state restored" "$before" "$(state)"

vfnl reset "$SIM_PF" >/dev/null
rmmod vfprov
sim_down
t_done
