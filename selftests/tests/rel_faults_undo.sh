#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability: VF enable and disable failures roll back to the exact
# state; an undo that fails too (two faults in a row, or a permanent fault)
# gives "degraded", a degraded event on the multicast group, PF state
# degraded in PF_GET and EIO for further applies; reset recovers the
# pristine state. On atsm_sim and on the pci backend.
. "${0%/*}/../lib/rel.sh"

rel_faults_start

for e in 5 28 12; do
	_rel_fresh=0
	one_fault "$SIM_PF" sim_st "$CFG_A" "$CFG_B" sim_set fail_enable_errno "$e"
	t_eq "VF enable fails ($e): rolled back to the exact state" "" "$_why"
	t_eq "  ...step enable, errno -$e" "enable -$e" \
		"$(echo "$_out" | kv step) $(echo "$_out" | kv errno)"
	sim_set fail_enable_errno 0
done
_rel_fresh=0
one_fault "$SIM_PF" sim_st "$CFG_A" "$CFG_B" sim_set fail_disable_errno 16
t_eq "VF disable fails (EBUSY): rolled back to the exact state" "" "$_why"
sim_set fail_disable_errno 0
_rel_fresh=0
one_fault "$SIM_PF" sim_st "$CFG_B" "num=0" sim_set fail_disable_errno 1
t_eq "VF disable to 0 fails (EPERM): rolled back to the exact state" "" "$_why"
sim_set fail_disable_errno 0

# degraded DESC PF STATEFN PRISTINE FROM TO NTH TIMES: the NTH vfprov write
# of FROM -> TO fails, and TIMES-1 more (0: every one from then on, the
# undo's included).
degraded() {
	_d=$1 _p=$2 _s=$3 _pr=$4 _from=$5 _to=$6
	# shellcheck disable=SC2086
	setup "$_p" $_from >/dev/null
	fi_set match ""
	fi_set errno 5
	fi_set times "$8"
	fi_set nth "$7"
	# shellcheck disable=SC2086
	_out=$(vfnl apply "$_p" $_to)
	_line=$(vfnl pf-get "$_p")
	# shellcheck disable=SC2086
	_again=$(vfnl apply "$_p" $_from | kv ack)
	fi_set nth 0
	fi_set times 1
	injected=$((injected + 2))
	t_eq "$_d: result degraded" degraded "$(echo "$_out" | kv result)"
	t_eq "$_d: PF_GET state degraded" degraded "$(echo "$_line" | kv state)"
	t_eq "$_d: PF_GET last_result degraded" degraded "$(echo "$_line" | kv last_result)"
	t_eq "$_d: a degraded PF refuses apply (EIO)" EIO "$_again"
	t_ok "$_d: reset recovers" vfnl reset "$_p"
	t_eq "$_d: state idle after reset" idle "$(vfnl pf-get "$_p" | kv state)"
	_now=$($_s)
	t_eq "$_d: reset restores the pristine state" "$_pr" "$_now"
	[ "$_pr" = "$_now" ] || state_diff "$_pr" "$_now"
}

setup "$SIM_PF" pristine >/dev/null
pristine=$(sim_st)
degraded "two faults (3rd write + first undo write)" "$SIM_PF" sim_st \
	"$pristine" "$CFG_A" "$CFG_B" 3 2
degraded "permanent fault from the 3rd write" "$SIM_PF" sim_st \
	"$pristine" "$CFG_A" "$CFG_B" 3 0
setup "$PCI_PF" pristine >/dev/null
ppristine=$(pci_st)
degraded "pci: permanent fault from the 2nd write" "$PCI_PF" pci_st \
	"$ppristine" "num=3 drv=vfio" "num=2 drv=none" 2 0
sleep 1
t_eq "2 degraded events for the sim PF on the multicast group" 2 \
	"$(grep -c "^event=degraded pf=$SIM_PF" "$EV")"
t_eq "1 degraded event for the pci PF" 1 \
	"$(grep -c "^event=degraded pf=$PCI_PF" "$EV")"
rel_faults_end
t_done
