#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Health: the simulated GuC counts injected adverse events against a VF's
# thresholds within the sample period and i915's counter grows when one is
# reached (debugfs dri/<minor>/gt0/iov/adverse_events, the driver's
# format); vfprov's poller turns that into a vf-ntf (change adverse) on
# "events" naming the VF, its address, its holder's in-use state and only
# the kinds that grew, with their totals. A threshold of 0 and a sample
# period of 0 count nothing; vf-get reports the counters and the 25.1
# telemetry lmem_alloc_size as it moves; a disable clears the counters;
# health_interval_ms=0 stops the poller and a new interval starts it.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim (25.1) bound to $SIM_PF, vfprov polling every 100 ms" \
	sim_up abi=25.1
t_start "vfprov loaded" load_vfprov health_interval_ms=100
vfnl reset "$SIM_PF" >/dev/null
t_ok "apply num=2 drv=vfio" vfnl apply "$SIM_PF" num=2 drv=vfio
ADV=/sys/kernel/debug/dri/${CARD##*card}/gt0/iov/adverse_events
t_ok "i915's adverse_events file at $ADV" test -r "$ADV"
caps=$(vfnl pf-get "$SIM_PF" | kv caps)
t_eq "caps: adverse-events and telemetry" 96 $((caps & 96))

echo 60000 > "$IOV/pf/gt/policies/sample_period_ms"
echo 3 > "$IOV/vf1/gt/threshold/engine_reset_count"
vf1=$(basename "$(readlink "$DEV/$SIM_PF/virtfn0")")
hold_vf "$vf1" 20 /tmp/h_hold.out
t_ok "VF 1 held through VFIO" grep -q held /tmp/h_hold.out

echo "1 engine_reset_count 2" > "$DBG/inject_adverse"
t_eq "2 engine resets, threshold 3: no counter yet" "" "$(cat "$ADV")"
vfnl monitor 1 20 > /tmp/h_mon.out &
mon=$!
mon_ready /tmp/h_mon.out
echo "1 engine_reset_count 1" > "$DBG/inject_adverse"
t_eq "the 3rd reaches the threshold: the driver's line" \
	"$(printf 'VF1:\tcat_error:0 engine_reset:1 page_fault:0 guc_storm:0 irq_storm:0 dbs_storm:0 ')" \
	"$(cat "$ADV")"
t_ok "  ...and its log line" \
	sh -c "dmesg | grep -q \"VF1 has exceeded 'engine_reset' threshold\""
wait $mon
t_eq "vf-ntf arrived on events" 0 $?
ev=$(grep '^event=vf_adverse' /tmp/h_mon.out | head -n 1)
t_eq "  ...VF 1, its address, held (in_use=1, vfio-pci)" \
	"1 $vf1 1 vfio-pci" \
	"$(echo "$ev" | kv vf) $(echo "$ev" | kv addr) $(echo "$ev" | kv in_use) $(echo "$ev" | kv driver)"
t_eq "  ...only the kind that grew, with its total" "adv.engine_reset=1" \
	"$(echo "$ev" | tr ' ' '\n' | grep '^adv\.' | tr '\n' ' ' | sed 's/ $//')"
t_eq "vf-get VF 1: engine_reset 1" 1 \
	"$(vfnl vf-get "$SIM_PF" 1 | kv adv.engine_reset)"
t_eq "vf-get VF 2: no counters" "" \
	"$(vfnl vf-get "$SIM_PF" 2 | tr ' ' '\n' | grep '^adv\.')"

echo 0 > "$IOV/vf2/gt/threshold/page_fault_count"
echo "2 page_fault_count 100" > "$DBG/inject_adverse"
t_eq "threshold 0: page faults never counted" "" \
	"$(vfnl vf-get "$SIM_PF" 2 | tr ' ' '\n' | grep '^adv\.')"
echo 0 > "$IOV/pf/gt/policies/sample_period_ms"
echo "1 engine_reset_count 9" > "$DBG/inject_adverse"
t_eq "sample period 0: nothing counted" 1 \
	"$(vfnl vf-get "$SIM_PF" 1 | kv adv.engine_reset)"

echo 0 > /sys/module/vfprov/parameters/health_interval_ms
sleep 1		# a poll already running ends; none follows
echo 60000 > "$IOV/pf/gt/policies/sample_period_ms"
echo 1 > "$IOV/vf2/gt/threshold/cat_error_count"
echo "2 cat_error_count 1" > "$DBG/inject_adverse"
t_eq "VF 2's cat error is counted" 1 \
	"$(vfnl vf-get "$SIM_PF" 2 | kv adv.cat_error)"
vfnl monitor 1 3 > /tmp/h_mon2.out
t_eq "poller off (health_interval_ms=0): no vf-ntf" "" \
	"$(grep '^event=vf_adverse' /tmp/h_mon2.out)"
vfnl monitor 1 20 > /tmp/h_mon3.out &
mon=$!
mon_ready /tmp/h_mon3.out
echo 100 > /sys/module/vfprov/parameters/health_interval_ms
wait $mon
t_eq "poller back on: the growth is reported" 0 $?
ev=$(grep '^event=vf_adverse' /tmp/h_mon3.out | head -n 1)
t_eq "  ...VF 2 cat_error 1" "2 adv.cat_error=1" \
	"$(echo "$ev" | kv vf) $(echo "$ev" | tr ' ' '\n' | grep '^adv\.')"
kill $hold 2>/dev/null
wait $hold 2>/dev/null

t_eq "telemetry: VF 1 has allocated nothing" 0 \
	"$(vfnl vf-get "$SIM_PF" 1 | kv lmem_alloc)"
echo "1 268435456" > "$DBG/lmem_alloc"
t_eq "telemetry follows the guest's allocation" 268435456 \
	"$(vfnl vf-get "$SIM_PF" 1 | kv lmem_alloc)"
t_err "telemetry beyond VF 1's quota is refused" ENOSPC "$DBG/lmem_alloc" \
	"1 $(( $(vfq 1 lmem_quota) + 2097152 ))"

t_ok "disable" vfnl apply "$SIM_PF" num=0
t_ok "enable 2" vfnl apply "$SIM_PF" num=2 drv=vfio
t_eq "the VFs' FLRs at disable cleared the counters" "" "$(cat "$ADV")"
t_eq "  ...and vf-get has none" "" \
	"$(vfnl vf-get "$SIM_PF" 1 | tr ' ' '\n' | grep '^adv\.')"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
