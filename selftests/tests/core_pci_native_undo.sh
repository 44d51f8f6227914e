#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Rollback puts VFs back on their native driver. $PCI_PF's VFs are bound to
# vfstub (selftests/vfstub, matched by ID) with no driver_override and
# sriov_drivers_autoprobe 0, as NIC VFs sit on their own driver. An apply
# that fails at the enable must undo the unbinds: the PCI core refuses a
# plain drivers/vfstub/bind there (pci_device_can_probe()), so the undo
# binds through a temporary override and clears it. The rollback ends
# rolled_back with every VF on vfstub and no override left behind.
# Then vfstub refuses every probe (refuse_probe=1, a native driver whose
# device init fails) and the same failing apply cannot put the VFs back:
# without an override the bind write itself fails with the probe's error
# (EIO); with driver_override "vfstub" kept, the undo rebinds through
# drivers_probe, which succeeds and leaves the VF unbound, so vfprov must
# check the driver itself (ENXIO, the kernel log naming VF and driver).
# Either way the PF is degraded, never reported as rolled back, the VFs
# are left unbound, and a reset recovers it.
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
REFUSE=/sys/module/vfstub/parameters/refuse_probe
O=/tmp/native-undo
mkdir -p $O

# vfs_on_vfstub OVERRIDE: 2 VFs, autoprobe off, bound to vfstub by hand
# with driver_override OVERRIDE left behind ("" clears it).
vfs_on_vfstub() {
	vfnl reset "$PCI_PF" >/dev/null
	echo 0 > "$P/sriov_drivers_autoprobe"
	echo 2 > "$P/sriov_numvfs"
	for i in 0 1; do
		vf=$(basename "$(readlink "$P/virtfn$i")")
		echo vfstub > "$DEV/$vf/driver_override"
		echo "$vf" > /sys/bus/pci/drivers/vfstub/bind
		echo "$1" > "$DEV/$vf/driver_override"
	done
}

# failing_apply: 3 VFs asked; sriov_numvfs writes: 1st the disable, 2nd
# the enable of 3 (fails).
failing_apply() {
	fi_set match "$PCI_PF/sriov_numvfs"
	fi_set nth 2
	out=$(vfnl apply "$PCI_PF" num=3)
	fi_set nth 0
	fi_set match ""
}

vfs_on_vfstub ""
t_eq "2 VFs on vfstub" "vfstub vfstub" "$(vf_drivers "$PCI_PF")"
t_eq "  ...without driver_override" "(null) (null)" "$(vf_overrides "$PCI_PF")"
before=$(pci_state "$PCI_PF")
failing_apply
t_eq "apply failed at the enable" EIO "$(echo "$out" | kv ack)"
t_eq "  ...and rolled back cleanly" rolled_back "$(echo "$out" | kv result)"
t_eq "PF state as before" "$before" "$(pci_state "$PCI_PF")"
t_eq "VFs back on vfstub" "vfstub vfstub" "$(vf_drivers "$PCI_PF")"
t_eq "no driver_override left" "(null) (null)" "$(vf_overrides "$PCI_PF")"
t_eq "PF not degraded" idle "$(vfnl pf-get "$PCI_PF" | kv state)"

# refused_undo DESC OVERRIDE ERRNO KLOG: with vfstub refusing probes the
# failing apply's undo fails with ERRNO, the kernel log matching KLOG.
refused_undo() {
	vfs_on_vfstub "$2"
	dmesg -c >/dev/null
	echo 1 > $REFUSE
	failing_apply
	echo 0 > $REFUSE
	echo "$out" > $O/out
	dmesg > $O/klog
	t_eq "$1: degraded" degraded "$(echo "$out" | kv result)"
	t_ok "  ...the undo's error is $3" \
		grep -q "undo failed ($(errno_num "$3"))" $O/out
	t_ok "  ...the kernel log says why" grep -q "$4" $O/klog
	t_eq "  ...the VFs are left unbound" "- -" "$(vf_drivers "$PCI_PF")"
	t_eq "  ...the PF reads degraded" degraded \
		"$(vfnl pf-get "$PCI_PF" | kv state)"
	t_ok "  ...a reset recovers it" vfnl reset "$PCI_PF"
	t_eq "  ...idle again" idle "$(vfnl pf-get "$PCI_PF" | kv state)"
}
errno_num() { case $1 in EIO) echo -5 ;; ENXIO) echo -6 ;; esac; }

refused_undo "no override: the native bind fails with the probe's error" \
	"" EIO 'undo of unbind driver (VF [0-9]) failed: -5'
refused_undo "override kept: drivers_probe leaves the VF unbound" \
	vfstub ENXIO 'VF [0-9]* is bound to "", not "vfstub"'

t_ok "rmmod vfstub" rmmod vfstub
t_ok "rmmod vfprov" rmmod vfprov
t_done
