#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Hot removal of a PF in the middle of a transaction: the transaction ends
# (whatever its result) without a crash or a hang, the PF answers ENODEV,
# listeners see pf_removed, and after a rescan the PF is registered again
# and works. The kernel_log test catches any use-after-free report.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
EV=/tmp/core_remove.events
vfnl monitor 100 120 > "$EV" &
mon=$!
sleep 1

echo 100 > "$DBG/write_delay_ms"
vfnl apply "$SIM_PF" num=4 vf1.eq=5 vf2.eq=5 > /tmp/remove.out 2>&1 &
txn=$!
sleep 1
t_eq "transaction running" applying "$(vfnl pf-get "$SIM_PF" | kv state)"
echo 1 > "$DEV/$SIM_PF/remove"
wait $txn
t_diag "transaction said: $(head -n 1 /tmp/remove.out)"
t_ok "transaction finished with a result" grep -q '^result=' /tmp/remove.out
out=$(vfnl pf-get "$SIM_PF")
t_eq "removed PF: ENODEV" ENODEV "$(echo "$out" | kv ack)"
out=$(vfnl apply "$SIM_PF" num=1)
t_eq "apply on the removed PF: ENODEV" ENODEV "$(echo "$out" | kv ack)"

# Rescan: nvme grabs the new function first; hand it back to atsm_sim.
echo 1 > /sys/bus/pci/rescan
sleep 1
[ -e "$DEV/$SIM_PF/driver" ] && echo "$SIM_PF" > "$DEV/$SIM_PF/driver/unbind"
echo 0 > "$DEV/$SIM_PF/sriov_drivers_autoprobe"
if sim_up; then
	t_pass "atsm_sim bound again after rescan"
else
	t_fail "atsm_sim bound again after rescan"
fi
t_eq "registered again" i915-prelim "$(vfnl pf-get "$SIM_PF" | kv backend)"
t_ok "apply works" vfnl apply "$SIM_PF" num=2
t_ok "reset works" vfnl reset "$SIM_PF"
sleep 1
kill $mon 2>/dev/null
wait $mon 2>/dev/null
t_ok "event pf_removed" grep -q "^event=pf_removed pf=$SIM_PF" "$EV"
t_ok "event pf_added" grep -q "^event=pf_added pf=$SIM_PF" "$EV"
t_done
