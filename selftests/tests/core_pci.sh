#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The generic "pci" backend on $PCI_PF (host nvme driver, 4 VFs): apply,
# change, bind to vfio-pci, reject bad requests without touching anything,
# reset. Checked through netlink and through sysfs itself.
. "${0%/*}/../lib/core.sh"

t_start "vfprov loaded" load_vfprov

line=$(vfnl pf-get "$PCI_PF")
t_eq "PCI PF: backend pci" pci "$(echo "$line" | kv backend)"
t_eq "PCI PF: driver nvme" nvme "$(echo "$line" | kv driver)"
t_eq "PCI PF: total_vfs 4" 4 "$(echo "$line" | kv total)"
t_eq "PCI PF: no VFs yet" 0 "$(echo "$line" | kv num)"
gen0=$(echo "$line" | kv gen)

t_ok "apply num=2" vfnl apply "$PCI_PF" num=2
t_eq "sriov_numvfs is 2" 2 "$(cat $DEV/$PCI_PF/sriov_numvfs)"
t_eq "generation +1" $((gen0 + 1)) "$(vfnl pf-get "$PCI_PF" | kv gen)"
t_eq "autoprobe left 0" 0 "$(cat $DEV/$PCI_PF/sriov_drivers_autoprobe)"

t_ok "apply num=3 drv=vfio" vfnl apply "$PCI_PF" num=3 drv=vfio
t_eq "sriov_numvfs is 3" 3 "$(cat $DEV/$PCI_PF/sriov_numvfs)"
t_eq "3 VFs bound to vfio-pci" "vfio-pci vfio-pci vfio-pci" "$(vf_drivers $PCI_PF)"
t_eq "VF_GET dump lists 4 VFs" 4 "$(vfnl vf-get "$PCI_PF" | grep -c '^vf=')"
t_eq "VF 1 reported on vfio-pci" vfio-pci "$(vfnl vf-get "$PCI_PF" 1 | kv driver)"

before=$(pci_state $PCI_PF)
gen=$(vfnl pf-get "$PCI_PF" | kv gen)
out=$(vfnl apply "$PCI_PF" num=9)
t_eq "num above total_vfs: ERANGE" ERANGE "$(echo "$out" | kv ack)"
out=$(vfnl apply "$PCI_PF" num=2 vf1.lmem=4096)
t_eq "quota on a pci PF: EOPNOTSUPP" EOPNOTSUPP "$(echo "$out" | kv ack)"
t_eq "  ...result rejected" rejected "$(echo "$out" | kv result)"
out=$(vfnl apply "$PCI_PF" --gen=$((gen + 5)) num=1)
t_eq "expected generation mismatch: ESTALE" ESTALE "$(echo "$out" | kv ack)"
t_eq "rejections changed nothing" "$before" "$(pci_state $PCI_PF)"
t_eq "rejections kept the generation" "$gen" "$(vfnl pf-get "$PCI_PF" | kv gen)"

t_ok "apply with the right expected generation" \
	vfnl apply "$PCI_PF" --gen="$gen" num=1 drv=none
t_eq "1 VF, unbound" "1 -" "$(cat $DEV/$PCI_PF/sriov_numvfs) $(vf_drivers $PCI_PF)"

out=$(vfnl apply "$PCI_PF" --dry num=4 drv=vfio)
t_eq "dry run answers the plan" "plan num=4 drv=1" "$(echo "$out" | grep '^plan ')"
t_eq "dry run changed nothing" 1 "$(cat $DEV/$PCI_PF/sriov_numvfs)"

t_ok "reset" vfnl reset "$PCI_PF"
t_eq "reset: no VFs" 0 "$(cat $DEV/$PCI_PF/sriov_numvfs)"
t_eq "last result committed" committed "$(vfnl pf-get "$PCI_PF" | kv last_result)"
t_ok "rmmod vfprov" rmmod vfprov
t_done
