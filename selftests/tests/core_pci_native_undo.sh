#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Rollback puts VFs back on their native driver. $PCI_PF's VFs are bound to
# vfstub (selftests/vfstub, matched by ID) with no driver_override and
# sriov_drivers_autoprobe 0, as NIC VFs sit on their own driver. An apply
# that fails at the enable must undo the unbinds: the PCI core refuses a
# plain drivers/vfstub/bind there (pci_device_can_probe()), so the undo
# binds through a temporary override and clears it. The rollback ends
# rolled_back with every VF on vfstub and no override left behind.
. "${0%/*}/../lib/rel.sh"

# The driver_override of every enabled VF of PF $1, in VF order.
vf_overrides() {
	_n=$(cat "$DEV/$1/sriov_numvfs")
	_i=0
	_out=
	while [ "$_i" -lt "$_n" ]; do
		_out="$_out $(cat "$DEV/$1/virtfn$_i/driver_override")"
		_i=$((_i + 1))
	done
	echo "${_out# }"
}

t_start "vfprov loaded with fault injection" reload_vfprov fault_inject=1
t_ok "insmod vfstub" insmod "$VFPROV_MODDIR/vfstub.ko"
P=$DEV/$PCI_PF
vfnl reset "$PCI_PF" >/dev/null
echo 0 > "$P/sriov_drivers_autoprobe"
echo 2 > "$P/sriov_numvfs"
for i in 0 1; do
	vf=$(basename "$(readlink "$P/virtfn$i")")
	echo vfstub > "$DEV/$vf/driver_override"
	echo "$vf" > /sys/bus/pci/drivers/vfstub/bind
	echo > "$DEV/$vf/driver_override"
done
t_eq "2 VFs on vfstub" "vfstub vfstub" "$(vf_drivers "$PCI_PF")"
t_eq "  ...without driver_override" "(null) (null)" "$(vf_overrides "$PCI_PF")"
before=$(pci_state "$PCI_PF")

# sriov_numvfs writes: 1st the disable, 2nd the enable of 3 (fails)
fi_set match "$PCI_PF/sriov_numvfs"
fi_set nth 2
out=$(vfnl apply "$PCI_PF" num=3)
fi_set nth 0
fi_set match ""
t_eq "apply failed at the enable" EIO "$(echo "$out" | kv ack)"
t_eq "  ...and rolled back cleanly" rolled_back "$(echo "$out" | kv result)"
t_eq "PF state as before" "$before" "$(pci_state "$PCI_PF")"
t_eq "VFs back on vfstub" "vfstub vfstub" "$(vf_drivers "$PCI_PF")"
t_eq "no driver_override left" "(null) (null)" "$(vf_overrides "$PCI_PF")"
t_eq "PF not degraded" idle "$(vfnl pf-get "$PCI_PF" | kv state)"

t_ok "reset" vfnl reset "$PCI_PF"
t_ok "rmmod vfstub" rmmod vfstub
t_ok "rmmod vfprov" rmmod vfprov
t_done
