#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Health on an xe PF (xe_sim bmg, two GTs): xe counts the GuC's adverse
# event notifications per VF and GT and prints them in
# sriov/pf/tile0/gtK/adverse_events (its names: cat_error_count ..
# guc_time_us .. multi_lrc_count); pf-get has the adverse-events cap;
# vfprov's poller sums the GTs and sends a vf-ntf (change adverse) with
# only the kinds that grew; vf-get reports the sums; a VF reset (FLR)
# clears xe's counters and the next growth is reported again; under
# debugfs lockdown the 0444 files still read, so health keeps working on
# a Secure Boot host.
. "${0%/*}/../lib/core.sh"
. "${0%/*}/../lib/xesim.sh"

adv() { vfnl vf-get "$XE_PF" "$1" | tr ' ' '\n' | grep '^adv\.' | tr '\n' ' ' | sed 's/ $//'; }
inject() { echo "$*" > "$KNOB/adverse"; }

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded, polling every 100 ms" load_vfprov health_interval_ms=100
t_ok "apply num=2 drv=vfio" vfnl apply "$XE_PF" num=2 drv=vfio
caps=$(vfnl pf-get "$XE_PF" | kv caps)
t_eq "caps: adverse-events" 64 $((caps & 64))
t_eq "no events yet: xe prints no line" "" \
	"$(cat "$SR/pf/tile0/gt0/adverse_events" "$SR/pf/tile0/gt1/adverse_events")"

vfnl monitor 1 20 > /tmp/xh_mon.out &
mon=$!
mon_ready /tmp/xh_mon.out
inject 1 0 0 2
inject 1 1 0 1
t_eq "gt0's file: xe's line for VF1" \
	"$(printf 'VF1:\tcat_error_count:2 engine_reset_count:0 page_fault_count:0 guc_time_us:0 irq_time_us:0 doorbell_time_us:0 multi_lrc_count:0 ')" \
	"$(cat "$SR/pf/tile0/gt0/adverse_events")"
wait $mon
t_eq "vf-ntf arrived on events" 0 $?
ev=$(grep '^event=vf_adverse' /tmp/xh_mon.out | tail -n 1)
t_eq "  ...VF 1, cat_error summed over both GTs (2 + 1)" "1 adv.cat_error=3" \
	"$(echo "$ev" | kv vf) $(echo "$ev" | tr ' ' '\n' | grep '^adv\.' | tr '\n' ' ' | sed 's/ $//')"
inject 2 1 3 5
inject 2 0 6 4
t_eq "vf-get VF 2: guc_time_us is the h2g kind; multi_lrc_count has no uapi kind" \
	"adv.h2g_time=5" "$(adv 2)"
t_eq "vf-get VF 1: cat_error 3" "adv.cat_error=3" "$(adv 1)"

t_ok "VF 1 reset (xe's FLR path): its counters are cleared" \
	sysw "$SR/vf1/reset" 1
t_eq "  ...no VF1 line in either GT's file" "" \
	"$(cat "$SR/pf/tile0/gt0/adverse_events" "$SR/pf/tile0/gt1/adverse_events" | grep '^VF1:')"
vfnl monitor 1 20 > /tmp/xh_mon2.out &
mon=$!
mon_ready /tmp/xh_mon2.out
inject 1 1 1 1
wait $mon
ev=$(grep '^event=vf_adverse' /tmp/xh_mon2.out | tail -n 1)
t_eq "after the reset the counters start again: engine_reset 1 reported" \
	"1 adv.engine_reset=1" \
	"$(echo "$ev" | kv vf) $(echo "$ev" | tr ' ' '\n' | grep '^adv\.' | tr '\n' ' ' | sed 's/ $//')"

echo 1 > /sys/module/xe_sim/parameters/lockdown
inject 1 0 2 7
t_eq "lockdown: vf-get still reads the counters" \
	"adv.engine_reset=1 adv.page_fault=7" "$(adv 1)"
caps=$(vfnl pf-get "$XE_PF" | kv caps)
t_eq "  ...and pf-get keeps the cap" 64 $((caps & 64))
echo 0 > /sys/module/xe_sim/parameters/lockdown

vfnl reset "$XE_PF" >/dev/null
t_ok "rmmod vfprov" rmmod vfprov
xesim_down
t_done
