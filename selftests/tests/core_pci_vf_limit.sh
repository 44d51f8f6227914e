#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A PF with more VFs than vfprov handles (VFPROV_MAX_VFS, 63): $BIG_PF, a
# real QEMU NVMe PF with 127 VFs, 70 of them enabled. Queries report its
# real counts; every transaction is refused with EOPNOTSUPP and touches
# nothing (a clamped view would destroy VF 64 and up without a word, and
# "restore" 63 on an undo).
# timeout: 600
. "${0%/*}/../lib/core.sh"

load_vfprov
if [ -z "$BIG_PF" ]; then
	t_fail "the VM has a PF with 127 VFs" "no BIG_PF"
	t_done
fi
P=$DEV/$BIG_PF
echo 0 > "$P/sriov_drivers_autoprobe"
t_ok "enable 70 VFs through sysfs" sh -c "echo 70 > $P/sriov_numvfs"

line=$(vfnl pf-get "$BIG_PF")
t_eq "backend pci" pci "$(echo "$line" | kv backend)"
t_eq "total_vfs reported as 127" 127 "$(echo "$line" | kv total)"
t_eq "num_vfs reported as 70" 70 "$(echo "$line" | kv num)"
gen=$(echo "$line" | kv gen)

out=$(vfnl apply "$BIG_PF" num=2)
t_eq "apply refused: EOPNOTSUPP" EOPNOTSUPP "$(echo "$out" | kv ack)"
t_eq "  ...result rejected" rejected "$(echo "$out" | kv result)"
t_eq "  ...70 VFs still there" 70 "$(cat "$P/sriov_numvfs")"
out=$(vfnl reset "$BIG_PF")
t_eq "reset refused: EOPNOTSUPP" EOPNOTSUPP "$(echo "$out" | kv ack)"
t_eq "  ...70 VFs still there" 70 "$(cat "$P/sriov_numvfs")"
out=$(vfnl apply "$BIG_PF" --dry num=4)
t_eq "plan refused too" EOPNOTSUPP "$(echo "$out" | kv ack)"
t_eq "generation unchanged" "$gen" "$(vfnl pf-get "$BIG_PF" | kv gen)"
t_eq "autoprobe untouched" 0 "$(cat "$P/sriov_drivers_autoprobe")"

t_ok "disable through sysfs" sh -c "echo 0 > $P/sriov_numvfs"
t_eq "idle PF: total_vfs still 127" 127 "$(vfnl pf-get "$BIG_PF" | kv total)"
out=$(vfnl apply "$BIG_PF" num=1)
t_eq "refused with no VFs enabled as well" EOPNOTSUPP "$(echo "$out" | kv ack)"
t_eq "  ...still no VFs" 0 "$(cat "$P/sriov_numvfs")"
t_ok "rmmod vfprov" rmmod vfprov
t_done
