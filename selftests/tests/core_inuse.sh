#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# "In use by a guest" for real: a VF of the pci-backend PF bound to vfio-pci
# and opened through VFIO like a VMM does. VF_GET reports in_use; an apply
# that would disable it or change its driver is refused with EBUSY and
# changes nothing; forced, it waits for the holder to let go and commits.
. "${0%/*}/../lib/core.sh"

t_start "vfprov loaded" load_vfprov
vfnl reset "$PCI_PF" >/dev/null
t_ok "apply num=2 drv=vfio" vfnl apply "$PCI_PF" num=2 drv=vfio
vf1=$(basename "$(readlink "$DEV/$PCI_PF/virtfn0")")
t_eq "VF 1 not in use yet" 0 "$(vfnl vf-get "$PCI_PF" 1 | kv in_use)"

hold_vf "$vf1" 6 /tmp/hold.out
t_ok "VF 1 opened through VFIO" grep -q held /tmp/hold.out
t_eq "VF_GET: VF 1 in use" 1 "$(vfnl vf-get "$PCI_PF" 1 | kv in_use)"
t_eq "VF_GET: VF 2 not in use" 0 "$(vfnl vf-get "$PCI_PF" 2 | kv in_use)"
t_ok "VF_GET: VF 1 has an IOMMU group" \
	test "$(vfnl vf-get "$PCI_PF" 1 | kv group)" -ge 0

before=$(pci_state "$PCI_PF")
out=$(vfnl apply "$PCI_PF" num=3 drv=vfio)
t_eq "resize with VF 1 in use: EBUSY" EBUSY "$(echo "$out" | kv ack)"
t_eq "  ...names VF 1" 1 "$(echo "$out" | kv vf)"
out=$(vfnl apply "$PCI_PF" num=2 drv=none)
t_eq "unbinding VF 1 in use: EBUSY" EBUSY "$(echo "$out" | kv ack)"
out=$(vfnl reset "$PCI_PF")
t_eq "reset with VF 1 in use: EBUSY" EBUSY "$(echo "$out" | kv ack)"
t_eq "refusals changed nothing" "$before" "$(pci_state "$PCI_PF")"
t_ok "holder still running" kill -0 $hold

out=$(vfnl apply "$PCI_PF" --force num=3 drv=vfio)
t_eq "forced resize commits once the holder lets go" 0 "$(echo "$out" | kv ack)"
t_ok "holder had exited" sh -c "! kill -0 $hold 2>/dev/null"
wait $hold
t_eq "3 VFs on vfio-pci" "vfio-pci vfio-pci vfio-pci" "$(vf_drivers "$PCI_PF")"
t_ok "reset" vfnl reset "$PCI_PF"
t_done
