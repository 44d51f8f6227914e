#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs: the PF attributes engine_reset, sample_period_ms and
# sched_priority (low|normal|high) and the per-VF threshold_<name>
# attributes stage, commit and read back from the driver (applied too);
# bad input is refused, changes nothing and says why in last_error; on the
# LTS personality a staged sched_priority fails the commit at validate
# with the "not supported by this driver version" reason and no store.
. "${0%/*}/../lib/cfs.sh"

t_start "atsm_sim (lts) bound, vfprov loaded" cfs_setup
t_eq "mkdir $SIM_PF" "" "$(mkdir_err "$P")"
t_eq "mkdir vf1" "" "$(mkdir_err "$P/vf1")"

for f in engine_reset sample_period_ms sched_priority; do
	t_ok "PF attribute $f exists" test -f "$P/$f"
done
for f in cat_error_count engine_reset_count page_fault_count h2g_time_us \
	irq_time_us doorbell_time_us; do
	t_ok "vf1/threshold_$f exists" test -f "$P/vf1/threshold_$f"
done

# bad WORD FILE VALUE ERRNO: refused, staged value unchanged, last_error
# names WORD.
bad() {
	_b=$(cat "$2")
	t_err "$1 '$3': $4" "$4" "$2" "$3"
	t_eq "  ...$1 unchanged" "$_b" "$(cat "$2")"
	t_ok "  ...last_error names $1" grep -q "$1" "$P/last_error"
}

t_ok "stage engine_reset 1" sysw "$P/engine_reset" 1
t_ok "stage sample_period_ms 10" sysw "$P/sample_period_ms" 10
t_ok "stage vf1/threshold_cat_error_count 4" sysw "$P/vf1/threshold_cat_error_count" 4
t_ok "stage vf1/threshold_irq_time_us 0x20" sysw "$P/vf1/threshold_irq_time_us" 0x20
bad engine_reset "$P/engine_reset" 2 ERANGE
bad engine_reset "$P/engine_reset" yes EINVAL
bad sample_period_ms "$P/sample_period_ms" 4294967296 ERANGE
bad sample_period_ms "$P/sample_period_ms" -1 EINVAL
bad vf1/threshold_cat_error_count "$P/vf1/threshold_cat_error_count" 4294967296 ERANGE
bad vf1/threshold_cat_error_count "$P/vf1/threshold_cat_error_count" ten EINVAL
bad sched_priority "$P/sched_priority" highest EINVAL
bad sched_priority "$P/sched_priority" 2 EINVAL
t_eq "last_error lists the priority words" \
	"sched_priority: '2' is not low, normal, high or auto" "$(cat "$P/last_error")"
t_eq "sched_priority unset reads empty" "" "$(cat "$P/sched_priority")"

t_ok "num_vfs 1" sysw "$P/num_vfs" 1
t_ok "vf1 lmem_quota 1G" sysw "$P/vf1/lmem_quota" 1G
cfs_do "commit thresholds and policies" "$P" commit
t_eq "  ...driver vf1 threshold/cat_error_count 4" 4 \
	"$(iov_vf 1 threshold/cat_error_count)"
t_eq "  ...driver vf1 threshold/irq_time_us 32" 32 \
	"$(iov_vf 1 threshold/irq_time_us)"
t_eq "  ...driver policies engine_reset 1, sample_period_ms 10" "1 10" \
	"$(cat "$IOV/pf/gt/policies/engine_reset") $(cat "$IOV/pf/gt/policies/sample_period_ms")"
t_ok "  ...applied shows the PF policies" grep -qx 'engine_reset 1' "$P/applied"
t_ok "  ...applied shows vf1's thresholds in force" \
	grep -q '^vf1 .* threshold_cat_error_count=4 threshold_irq_time_us=32' "$P/applied"
t_ok "  ...applied shows no sched_priority on lts" \
	sh -c "! grep -q sched_priority '$P/applied'"

hw_dump > /tmp/cfs_thr_hw0
w0=$(cat "$DBG/writes")
t_ok "stage sched_priority high" sysw "$P/sched_priority" high
t_eq "  ...reads back high" high "$(cat "$P/sched_priority")"
t_ok "stage vf1/threshold_cat_error_count 9" sysw "$P/vf1/threshold_cat_error_count" 9
t_err "lts: commit with sched_priority: EOPNOTSUPP" EOPNOTSUPP "$P/commit" 1
t_ok "  ...last_error: not supported by this driver version" \
	grep -q "sched_priority is not supported by this driver version (i915 25.1 or later needed)" "$P/last_error"
t_eq "  ...no store reached the driver" 0 $(($(cat "$DBG/writes") - w0))
hw_dump > /tmp/cfs_thr_hw1
t_ok "  ...driver state unchanged" cmp -s /tmp/cfs_thr_hw0 /tmp/cfs_thr_hw1
t_ok "unset sched_priority (auto)" sysw "$P/sched_priority" auto
cfs_do "the rest commits" "$P" commit
t_eq "  ...vf1 threshold/cat_error_count 9" 9 "$(iov_vf 1 threshold/cat_error_count)"
t_ok "unset vf1/threshold_cat_error_count (auto)" sysw "$P/vf1/threshold_cat_error_count" auto
t_eq "  ...reads empty" "" "$(cat "$P/vf1/threshold_cat_error_count")"
cfs_do "reset" "$P" reset
cfs_teardown

# 25.1 has sched_priority.
t_start "atsm_sim abi=25.1 bound" sim_fresh abi=25.1
t_start "vfprov loaded" load_vfprov
t_eq "mkdir $SIM_PF" "" "$(mkdir_err "$P")"
t_ok "num_vfs 0" sysw "$P/num_vfs" 0
t_ok "stage sched_priority normal" sysw "$P/sched_priority" normal
cfs_do "25.1: commit sched_priority normal" "$P" commit
t_eq "  ...driver pf/gt/sched_priority 1" 1 "$(cat "$IOV/pf/gt/sched_priority")"
t_ok "  ...applied shows sched_priority normal" grep -qx 'sched_priority normal' "$P/applied"
t_ok "stage sched_if_idle 1" sysw "$P/sched_if_idle" 1
t_err "25.1: commit sched_if_idle with priority normal: EINVAL" EINVAL "$P/commit" 1
t_ok "  ...last_error says why" grep -q "sched_if_idle" "$P/last_error"
t_eq "  ...driver sched_if_idle still 0" 0 "$(cat "$IOV/pf/gt/policies/sched_if_idle")"
t_ok "stage sched_priority low" sysw "$P/sched_priority" low
t_ok "stage sched_if_idle 0" sysw "$P/sched_if_idle" 0
cfs_do "25.1: back to low" "$P" commit
t_eq "  ...driver pf/gt/sched_priority 0" 0 "$(cat "$IOV/pf/gt/sched_priority")"
cfs_teardown
t_done
