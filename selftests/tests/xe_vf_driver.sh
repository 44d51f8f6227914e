#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# xe-vfio-pci as the VF driver of an xe PF (xe_sim, bmg). The stand-in
# (selftests/vfstub/xevfio_stub.c) registers under the real driver's name
# and binds only through driver_override, as xe-vfio-pci does.
# - Absent (no such module on the test kernels): vfctl apply --driver
#   xe-vfio-pci is refused (5) naming vf_driver and what to use instead,
#   and nothing changed.
# - Not an xe PF (the pci backend's NVMe PF): refused, EOPNOTSUPP, the
#   extack naming vf_driver; a value beyond the enum is refused by the
#   netlink policy (ERANGE) before vfprov sees it.
# - Present: both VFs end on xe-vfio-pci, show --json reads the driver
#   back, the same apply again changes nothing (the snapshot maps the
#   binding back to xe-vfio-pci instead of rebinding), configfs takes the
#   word, and reset frees the VFs.
# - A driver that does not take the VFs (its id table lacks them: match=0)
#   leaves them unbound after the override: the apply rolls back (6) to
#   exactly the state before.
. "${0%/*}/../lib/xesim.sh"
. "${0%/*}/../lib/load.sh"
. "${0%/*}/../lib/core.sh"
. "${0%/*}/../lib/cmd.sh"

T=/tmp/xe-vf-driver
rm -rf "$T"
mkdir -p "$T"

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded" load_vfprov

drivers_of_vfs() {
	for _v in "$PF"/virtfn*; do
		[ -e "$_v" ] || continue
		_d=$(readlink "$_v/driver")
		printf '%s ' "${_d##*/}"
	done
}

# --- absent
before=$(xe_st)
run vfctl apply "$XE_PF" --vfs 2 --driver xe-vfio-pci
t_rc "without xe-vfio-pci: apply --driver xe-vfio-pci is refused (5)" 5
t_grep "  ...naming vf_driver" "vf_driver" "$T/err"
t_grep "  ...saying what to use instead" "use vfio-pci" "$T/err"
t_eq "  ...and nothing changed" "$before" "$(xe_st)"

# --- not an xe PF, or not a driver at all
vfnl apply "$PCI_PF" num=1 drv=xevfio >"$T/nl"
t_eq "pci backend PF: xe-vfio-pci refused, EOPNOTSUPP" EOPNOTSUPP \
	"$(tail -n 1 "$T/nl" | kv ack)"
t_grep "  ...the outcome names the field vf_driver" "field=vf_driver" "$T/nl"
t_grep "  ...and says what to use" "use vfio-pci" "$T/nl"
t_eq "  ...and no VF was enabled" 0 \
	"$(cat "/sys/bus/pci/devices/$PCI_PF/sriov_numvfs")"
out=$(vfnl apply "$XE_PF" num=1 drv=3)
t_eq "vf-driver 3 (beyond the enum): the netlink policy refuses it, ERANGE" \
	ERANGE "$(echo "$out" | tail -n 1 | kv ack)"
t_ok "  ...pointing at the attribute (bad_off > 0)" \
	test "$(echo "$out" | tail -n 1 | kv bad_off)" -gt 0

# --- present
t_ok "insmod xevfio_stub (driver xe-vfio-pci)" \
	insmod "$VFPROV_MODDIR/xevfio_stub.ko"
run vfctl apply "$XE_PF" --vfs 2 --driver xe-vfio-pci
t_rc "apply --vfs 2 --driver xe-vfio-pci exits 0" 0
t_eq "  ...both VFs on xe-vfio-pci" "xe-vfio-pci xe-vfio-pci " \
	"$(drivers_of_vfs)"
run vfctl show "$XE_PF" --json
t_rc "show --json exits 0" 0
t_ok "  ...reads the VF driver back: xe-vfio-pci" \
	jsoncheck "$T/out" pf.config.vf_driver=xe-vfio-pci pf.num_vfs=2
after=$(xe_st)
run vfctl apply "$XE_PF" --vfs 2 --driver xe-vfio-pci
t_rc "the same apply again exits 0" 0
t_grep "  ...unchanged (every GT's old value and the priority known)" "unchanged" "$T/out"
t_eq "  ...and touched nothing" "$after" "$(xe_st)"

C=/sys/kernel/config/vfprov/$XE_PF
mkdir -p "$C"
t_ok "configfs vf_driver takes xe-vfio-pci" sysw "$C/vf_driver" xe-vfio-pci
t_eq "  ...and reads it back" xe-vfio-pci "$(cat "$C/vf_driver")"
t_ok "configfs vf_driver refuses xe_vfio_pci (not the driver's name)" \
	sh -c "! echo xe_vfio_pci > '$C/vf_driver' 2>/dev/null"
t_grep "  ...its last error lists xe-vfio-pci" "xe-vfio-pci" "$C/last_error"
rmdir "$C"

run vfctl reset "$XE_PF"
t_rc "reset exits 0" 0
t_eq "  ...VFs off" 0 "$(cat "$PF/sriov_numvfs")"

# --- a driver that does not take the VFs
echo 0 >/sys/module/xevfio_stub/parameters/match
before=$(xe_st)
run vfctl apply "$XE_PF" --vfs 2 --driver xe-vfio-pci
t_rc "xe-vfio-pci refusing the VFs: the apply rolls back (6)" 6
t_eq "  ...to exactly the state before" "$before" "$(xe_st)"
t_ok "  ...and the kernel log says which VF was left unbound" \
	sh -c "dmesg | grep -q 'VF 1 is bound to \"\", not \"xe-vfio-pci\"'"
rmmod xevfio_stub
xesim_down
t_done
