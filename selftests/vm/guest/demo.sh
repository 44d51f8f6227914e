#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The main job, end to end, as a readable transcript (make demo): a
# simulated Flex 170 is split into VFs with vfctl, a bad request is refused
# and a failing one rolled back without a trace, and a guest is launched
# with one of the VFs. Every step shows the command it runs; the demo stops
# at the first step that does not do what it says.

. /selftests/lib/nested.sh

PF=/sys/bus/pci/devices/$SIM_PF
W=/tmp/demo

say() {
	echo
	echo "## $*"
}

# step CMD...: show and run a command that must succeed
step() {
	echo "\$ $*"
	"$@" 2>&1 | sed 's/^/  /'
	_rc=$?
	return $_rc
}

# step_rc RC CMD...: show and run a command that must exit with RC
step_rc() {
	_want=$1
	shift
	echo "\$ $*"
	"$@" >/tmp/demo.out 2>&1
	_rc=$?
	sed 's/^/  /' /tmp/demo.out
	echo "  (exit status $_rc)"
	[ "$_rc" -eq "$_want" ]
}

# VF count and every prelim_iov value of the PF and its VFs
dump_state() {
	cat "$PF/sriov_numvfs"
	grep -r . "$(ls -d "$PF"/drm/card* | head -n 1)/prelim_iov/" 2>/dev/null
}

fail() {
	echo "demo: FAILED: $*"
	exit 1
}

mkdir -p "$W"
echo "== vfprov demo: Debian $(uname -r) under QEMU, simulated Flex 170 at $SIM_PF"

say "Load the simulated Flex PF driver and vfprov"
step insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 || fail "atsm_sim did not load"
echo "$SIM_PF" > /sys/bus/pci/drivers_probe
step insmod "$VFPROV_MODDIR/vfprov.ko" || fail "vfprov did not load"
step vfctl list || fail "vfctl list"

say "Plan 4 VFs from the XPU Manager Flex 170 profile: nothing is written"
step vfctl plan "$SIM_PF" --profile flex170 --vfs 4 || fail "plan"

say "Apply it atomically, VFs bound to vfio-pci"
step vfctl apply "$SIM_PF" --profile flex170 --vfs 4 --driver vfio-pci ||
	fail "apply"
step vfctl show "$SIM_PF" || fail "show"

say "A request that does not fit is refused before any write (exit 5)"
step_rc 5 vfctl apply "$SIM_PF" --vfs 2 --lmem 12G || fail "oversized apply"

say "A write failing half-way is rolled back (exit 6); the VFs stay as they were"
before=$(dump_state)
echo 20 > /sys/kernel/debug/atsm_sim/$SIM_PF/fail_write_nth
step_rc 6 vfctl apply "$SIM_PF" --vfs 8 --driver vfio-pci || fail "rollback"
echo 0 > /sys/kernel/debug/atsm_sim/$SIM_PF/fail_write_nth
after=$(dump_state)
[ "$before" = "$after" ] || fail "state after the rollback differs"
echo "  state read back after the rollback: identical to before"

say "The live configuration as configfs shows it (edits there commit the same way)"
C=/sys/kernel/config/vfprov/$SIM_PF
step mkdir "$C" || fail "configfs mkdir"
step cat "$C/applied" || fail "configfs applied"
step rmdir "$C" || fail "configfs rmdir"

say "Launch a guest with VF 1 (nested QEMU, no KVM here: TCG, a few minutes)"
nested_mount || fail "host /usr and /boot over 9p"
nested_qemu_wrapper "$W/qemu"
nested_initramfs "$W/nested" "$W/nested.cpio" || fail "nested initramfs"
step vfctl launch --vf "$SIM_PF:1" --as-root --firmware bios --headless --mem 256M --cpus 1 --no-net \
	--qemu "$W/qemu" --kernel "$(nested_kernel)" --initrd "$W/nested.cpio" \
	--append "console=ttyS0 panic=-1" --dry-run || fail "launch --dry-run"
timeout -s KILL 600 vfctl launch --vf "$SIM_PF:1" --as-root --firmware bios --headless --mem 256M \
	--cpus 1 --no-net --qemu "$W/qemu" --kernel "$(nested_kernel)" \
	--initrd "$W/nested.cpio" --append "console=ttyS0 panic=-1" \
	</dev/null >"$W/out" 2>"$W/err"
grep -E 'NESTED-PCI|falling back' "$W/out" "$W/err" | sed 's/^[^:]*:/  guest: /'
grep -q 'NESTED-PCI .* 0x1b36:0x0010' "$W/out" || fail "the guest did not see the VF"
echo "  the guest sees the VF"

say "Reset"
step vfctl reset "$SIM_PF" || fail "reset"
step rmmod vfprov || fail "vfprov did not unload"
echo
echo "== demo finished"
