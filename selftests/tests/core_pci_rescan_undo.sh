#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Identity, not name: a PF removed and rescanned while a transaction is
# undoing must not get the undo's writes; the new device at the same
# address is another device. The apply fails at the enable (atsm_sim's
# fail_enable_errno); the undo's write of the old sriov_numvfs is held for
# a few seconds (vfprov's delay_nth), and in that time the PF is removed
# and rescanned (nvme takes the new function). The new device's
# sriov_numvfs must stay 0, and the PF is reported degraded, not restored.
# timeout: 300
. "${0%/*}/../lib/rel.sh"

grep -q '^vfprov ' /proc/modules && rmmod vfprov
if ! sim_up max_vfs=31; then
	t_fail "atsm_sim bound to $SIM_PF"
	t_done
fi
t_start "vfprov loaded with fault injection" reload_vfprov fault_inject=1
vfnl reset "$SIM_PF" >/dev/null
t_ok "2 VFs" vfnl apply "$SIM_PF" num=2 vf1.eq=5 vf2.eq=5

# sriov_numvfs writes: 1 the disable, 2 the enable of 3 (fails in the
# sim), 3 the undo's write of 2: that one waits 6 s before it goes on.
fi_set match "$SIM_PF/sriov_numvfs"
fi_set delay_ms 6000
fi_set delay_nth 3
sim_set fail_enable_errno 5
vfnl apply "$SIM_PF" num=3 vf1.eq=7 vf2.eq=7 vf3.eq=7 > /tmp/rescan_undo.out 2>&1 &
txn=$!
i=0
while [ $i -lt 100 ] && ! dmesg | grep -q "sriov_numvfs delayed by"; do
	sleep 0.2
	i=$((i + 1))
done
t_ok "the undo reached the held write" \
	sh -c 'dmesg | grep -q "sriov_numvfs delayed by"'
echo 1 > "$DEV/$SIM_PF/remove"
echo 1 > /sys/bus/pci/rescan
wait $txn
fi_set delay_nth 0
fi_set match ""
t_diag "transaction said: $(head -n 1 /tmp/rescan_undo.out)"
t_eq "the new device at $SIM_PF kept 0 VFs" 0 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_eq "the transaction did not claim a rollback" degraded \
	"$(kv result < /tmp/rescan_undo.out)"

# Hand the new function back to atsm_sim, as core_remove does.
[ -e "$DEV/$SIM_PF/driver" ] && echo "$SIM_PF" > "$DEV/$SIM_PF/driver/unbind"
echo 0 > "$DEV/$SIM_PF/sriov_numvfs" 2>/dev/null
echo 0 > "$DEV/$SIM_PF/sriov_drivers_autoprobe"
if sim_up; then
	t_pass "atsm_sim bound again after rescan"
else
	t_fail "atsm_sim bound again after rescan"
fi
t_eq "registered again" i915-prelim "$(vfnl pf-get "$SIM_PF" | kv backend)"
t_ok "reset works" vfnl reset "$SIM_PF"
t_ok "rmmod vfprov" rmmod vfprov
t_done
