#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Other simulated cards: a two-tile card (variant=max: gt0/, gt1/) is shown but
# refused with EOPNOTSUPP before any write; i915.max_vfs-style limits
# (sriov_totalvfs lowered by the driver) bound num_vfs. The default card is
# restored at the end.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

sim_reload() {
	[ -e "$DEV/$SIM_PF/driver" ] &&
		echo 0 > "$DEV/$SIM_PF/sriov_numvfs" &&
		echo "$SIM_PF" > "$DEV/$SIM_PF/driver/unbind"
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	sim_up "$@"
}

load_vfprov
if sim_reload variant=max; then
	t_pass "atsm_sim as max (two GTs)"
else
	t_fail "atsm_sim as max (two GTs)"
fi
line=$(vfnl pf-get "$SIM_PF")
t_eq "two-tile card still shown, backend i915-prelim" "0 i915-prelim" \
	"$(echo "$line" | kv ack) $(echo "$line" | kv backend)"
before=$(pci_state "$SIM_PF")
out=$(vfnl apply "$SIM_PF" num=2)
t_eq "two-tile apply: EOPNOTSUPP, rejected" "EOPNOTSUPP rejected" \
	"$(echo "$out" | kv ack) $(echo "$out" | kv result)"
t_eq "nothing written" "$before" "$(pci_state "$SIM_PF")"

if sim_reload max_vfs=8; then
	t_pass "atsm_sim with max_vfs=8"
else
	t_fail "atsm_sim with max_vfs=8"
fi
t_eq "total_vfs follows the driver's limit" 8 "$(vfnl pf-get "$SIM_PF" | kv total)"
out=$(vfnl apply "$SIM_PF" num=9)
t_eq "num_vfs 9 > 8: ERANGE" ERANGE "$(echo "$out" | kv ack)"
t_ok "num_vfs 8 commits" vfnl apply "$SIM_PF" num=8
t_ok "reset" vfnl reset "$SIM_PF"

if sim_reload; then
	t_pass "default atsm_sim restored"
else
	t_fail "default atsm_sim restored"
fi
t_done
