#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The PF registry follows the PCI core: a removed PF answers ENODEV and
# leaves the dump, a rescanned one comes back and works; unbinding the PF
# driver turns the backend to "none" and applies into ENOENT; every change
# is an event. Module load and unload with PFs around leave no trace.
. "${0%/*}/../lib/core.sh"

t_start "vfprov loaded" load_vfprov
vfnl reset "$PCI_PF" >/dev/null
EV=/tmp/core_registry.events
vfnl monitor 100 120 > "$EV" &
mon=$!
sleep 1

t_eq "dump lists the PCI PF" 1 "$(vfnl pf-get | grep -c "^pf=$PCI_PF ")"
echo "$PCI_PF" > "$DEV/$PCI_PF/driver/unbind"
t_eq "no driver: backend none" none "$(vfnl pf-get "$PCI_PF" | kv backend)"
out=$(vfnl apply "$PCI_PF" num=1)
t_eq "apply without a PF driver: ENOENT" ENOENT "$(echo "$out" | kv ack)"
echo "$PCI_PF" > /sys/bus/pci/drivers/nvme/bind
t_eq "driver back: backend pci" pci "$(vfnl pf-get "$PCI_PF" | kv backend)"

echo 1 > "$DEV/$PCI_PF/remove"
out=$(vfnl pf-get "$PCI_PF")
t_eq "removed PF: ENODEV" ENODEV "$(echo "$out" | kv ack)"
t_eq "removed PF left the dump" 0 "$(vfnl pf-get | grep -c "^pf=$PCI_PF ")"
echo 1 > /sys/bus/pci/rescan
sleep 1
echo 0 > "$DEV/$PCI_PF/sriov_drivers_autoprobe"
t_eq "rescanned PF is back" pci "$(vfnl pf-get "$PCI_PF" | kv backend)"
t_ok "and takes an apply" vfnl apply "$PCI_PF" num=1
t_ok "and a reset" vfnl reset "$PCI_PF"

sleep 1
kill $mon 2>/dev/null
wait $mon 2>/dev/null
for ev in pf_driver pf_removed pf_added; do
	t_ok "event $ev for $PCI_PF" grep -q "^event=$ev pf=$PCI_PF" "$EV"
done

t_ok "rmmod with PFs registered" rmmod vfprov
t_ok "insmod again" vfprov_insmod
npf=$(cat "$DEV"/*/sriov_totalvfs | grep -vc '^0$')
t_eq "every PF registered at load" "$npf" "$(vfnl pf-get | grep -c '^pf=')"
t_ok "rmmod" rmmod vfprov

t_done
