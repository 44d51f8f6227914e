#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The registry's load-time walk races with PCI removal: a PF removed after
# the bus notifier is registered but before the walk adds it must not stay
# listed (its DEL notification found nothing to remove).
# timeout: 240
. "${0%/*}/../lib/core.sh"

grep -q '^vfprov ' /proc/modules && rmmod vfprov
# A PF removed while the load's walk holds it (after the bus notifier is
# registered, before the walk adds it): the notifier's DEL finds nothing,
# so the walk must not add it. The walk sleeps D s before adding each PF,
# in bus order; $PCI_PF is the second, so it is held from D to 2D.
D=4
vfprov_insmod test_walk_delay_ms=$((D * 1000)) &
ins=$!
sleep $((D * 3 / 2))
echo 1 > "$DEV/$PCI_PF/remove"
wait $ins
t_ok "loaded with the PF removed under its walk" grep -q '^vfprov ' /proc/modules
t_eq "PF removed during the walk is not listed" \
	0 "$(vfnl pf-get | grep -c "^pf=$PCI_PF ")"
t_eq "  ...and answers ENODEV" ENODEV "$(vfnl pf-get "$PCI_PF" | kv ack)"
echo 1 > /sys/bus/pci/rescan
sleep 1
echo 0 > "$DEV/$PCI_PF/sriov_drivers_autoprobe"
t_eq "rescanned, it is listed once" 1 "$(vfnl pf-get | grep -c "^pf=$PCI_PF ")"
t_ok "rmmod" rmmod vfprov
t_done
