#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Requests that fail before their transaction starts are errors like any
# other: a RESET or APPLY whose allocation fails (vfprov's alloc_fail
# fault knob) replies result "rejected" and acks ENOMEM (it replied
# "result none" and acked 0), and changes nothing. A VF dump that cannot
# read a VF (ENOENT from the backend: read_match) reports the error instead
# of ending early as if that VF were the last one; only the real end ends
# it.
. "${0%/*}/../lib/rel.sh"

t_start "atsm_sim bound to $SIM_PF" sim_up
t_start "vfprov loaded with fault_inject=1" reload_vfprov fault_inject=1
setup "$SIM_PF" num=2 >/dev/null
before=$(full_state)

fi_set alloc_fail 1
out=$(vfnl reset "$SIM_PF")
t_eq "reset not started (ENOMEM): acked ENOMEM" ENOMEM "$(echo "$out" | kv ack)"
t_eq "  ...result rejected" rejected "$(echo "$out" | kv result)"
t_eq "  ...errno in the reply" -12 "$(echo "$out" | kv errno)"
t_ok "  ...reason says not started" sh -c "echo '$out' | grep -q 'msg=\"not started'"
fi_set alloc_fail 1
out=$(vfnl apply "$SIM_PF" num=3)
t_eq "apply not started (ENOMEM): acked ENOMEM" ENOMEM "$(echo "$out" | kv ack)"
t_eq "  ...result rejected" rejected "$(echo "$out" | kv result)"
fi_set alloc_fail 0
t_eq "nothing changed" "$before" "$(full_state)"

total=$(cat "$DEV/$SIM_PF/sriov_totalvfs")
out=$(vfnl vf-get "$SIM_PF")
t_eq "VF dump: every VF up to total_vfs ($total)" "$total" \
	"$(echo "$out" | grep -c '^vf=')"
t_eq "  ...acked 0" 0 "$(echo "$out" | tail -n 1 | kv ack)"
fi_set read_match "vf2/gt/exec_quantum_ms"
out=$(vfnl vf-get "$SIM_PF")
fi_set read_match ""
t_eq "VF dump with VF 2 unreadable (ENOENT): the error, not an end" ENOENT \
	"$(echo "$out" | tail -n 1 | kv ack)"
t_eq "  ...after VF 1" 1 "$(echo "$out" | grep -c '^vf=')"
t_eq "  ...with an extack" "cannot read a VF of this PF" \
	"$(echo "$out" | tail -n 1 | sed -n 's/.*extack="\([^"]*\)".*/\1/p')"
vfnl reset "$SIM_PF" >/dev/null
t_ok "rmmod vfprov" rmmod vfprov
t_done
