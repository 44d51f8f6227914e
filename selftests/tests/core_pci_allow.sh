#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The generic "pci" backend changes only the PFs the admin named in the
# vfprov.pci_allow module parameter. With $PCI_PF (an nvme PF) left out,
# APPLY, RESET and a configfs commit are refused (result rejected, EPERM,
# a reason naming vfprov.pci_allow) and nothing changes, while queries
# still list the PF. A value that is not a list of PCI addresses is refused
# whole; a PF named at run time can then be changed.
. "${0%/*}/../lib/core.sh"

P=/sys/module/vfprov/parameters/pci_allow
t_start "vfprov loaded with an empty pci_allow" reload_vfprov pci_allow=
t_eq "pci_allow reads empty" "" "$(cat "$P")"
before=$(pci_state "$PCI_PF")
gen=$(vfnl pf-get "$PCI_PF" | kv gen)

out=$(vfnl apply "$PCI_PF" num=2)
t_eq "apply on a PF not in pci_allow: EPERM" EPERM "$(echo "$out" | kv ack)"
t_eq "  ...result rejected" rejected "$(echo "$out" | kv result)"
t_ok "  ...the reason names vfprov.pci_allow" \
	sh -c "echo '$out' | grep -q 'msg=\"[^\"]*vfprov.pci_allow'"
t_ok "  ...and so does the extack" \
	sh -c "echo '$out' | grep -q 'extack=\"[^\"]*vfprov.pci_allow'"
out=$(vfnl reset "$PCI_PF")
t_eq "reset: EPERM" EPERM "$(echo "$out" | kv ack)"
out=$(vfnl apply "$PCI_PF" --force num=1 drv=vfio)
t_eq "forced apply: EPERM too" EPERM "$(echo "$out" | kv ack)"

C=/sys/kernel/config/vfprov
[ -d "$C" ] || mount -t configfs none /sys/kernel/config 2>/dev/null
mkdir "$C/$PCI_PF"
echo 2 > "$C/$PCI_PF/num_vfs"
t_ok "configfs commit refused" sh -c "! echo 1 > $C/$PCI_PF/commit"
t_ok "  ...last_error names vfprov.pci_allow" \
	grep -q "EPERM.*vfprov.pci_allow" "$C/$PCI_PF/last_error"
rmdir "$C/$PCI_PF"

t_eq "nothing changed on the PF" "$before" "$(pci_state "$PCI_PF")"
t_eq "  ...no VF enabled" 0 "$(cat "$DEV/$PCI_PF/sriov_numvfs")"
t_eq "  ...generation kept" "$gen" "$(vfnl pf-get "$PCI_PF" | kv gen)"
line=$(vfnl pf-get "$PCI_PF")
t_eq "queries still list it: backend pci" pci "$(echo "$line" | kv backend)"
t_eq "  ...driver nvme" nvme "$(echo "$line" | kv driver)"
t_eq "  ...its VFs can be dumped" 0 "$(vfnl vf-get "$PCI_PF" | tail -n 1 | kv ack)"

t_ok "a value that is no PCI address is refused" \
	sh -c "! echo nvme0 > $P 2>/dev/null"
t_ok "a trailing comma is refused" sh -c "! echo '$PCI_PF,' > $P 2>/dev/null"
t_ok "a bad entry after a good one is refused" \
	sh -c "! echo '$PCI_PF,0000:02:20.0' > $P 2>/dev/null"
t_eq "  ...pci_allow stays empty" "" "$(cat "$P")"

t_ok "pci_allow set at run time" sh -c "echo '0000:7f:00.0,$PCI_PF' > $P"
t_eq "  ...reads back" "0000:7f:00.0,$PCI_PF" "$(cat "$P")"
out=$(vfnl apply "$PCI_PF" num=2)
t_eq "now the apply commits" committed "$(echo "$out" | kv result)"
t_eq "  ...2 VFs" 2 "$(cat "$DEV/$PCI_PF/sriov_numvfs")"
t_ok "reset" vfnl reset "$PCI_PF"
t_ok "rmmod vfprov" rmmod vfprov
t_done
