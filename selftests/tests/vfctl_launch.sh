#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl launch starts a nested guest with a VF of $PCI_PF through vfio-pci.
# qemu comes from the host's /usr (9p, mount_tag hostusr), the nested
# kernel from the host's /boot (mount_tag hostboot, see vm/run.sh); the
# nested initramfs is built here with busybox and prints the PCI devices it
# sees. TCG inside TCG: about 90-180 s.
# timeout: 480
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/nested.sh"

T=/tmp/vfctl-launch
DEV=/sys/bus/pci/devices/$PCI_PF
NESTED_TIMEOUT=${VFCTL_NESTED_TIMEOUT:-400}
rm -rf "$T"
mkdir -p "$T"

driver_of() {
	_l=$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null)
	echo "${_l##*/}"
}

# The virtio transport is a module too; give the channels a moment to appear.
t_ok "host /usr and /boot mounted over 9p" nested_mount

# The host's qemu with the host's loader, libraries, modules and firmware.
nested_qemu_wrapper "$T/qemu"
t_ok "host qemu runs in the guest" "$T/qemu" -version

kernel=$(nested_kernel)
t_ok "a kernel for the nested guest ($kernel)" test -r "$kernel"

# Nested initramfs: busybox and an /init that lists PCI vendor:device.
t_ok "nested initramfs built" nested_initramfs "$T/nested" "$T/nested.cpio"

echo 0 >"$DEV/sriov_numvfs"
echo 1 >"$DEV/sriov_numvfs"
VF=$(readlink "$DEV/virtfn0")
VF=${VF##*/}
t_diag "VF 1 of $PCI_PF is $VF, driver '$(driver_of "$VF")'"

start=$(date +%s)
timeout -s KILL "$NESTED_TIMEOUT" vfctl launch --vf "$PCI_PF:1" --headless \
	--mem 256M --cpus 1 --no-net --qemu "$T/qemu" --kernel "$kernel" \
	--initrd "$T/nested.cpio" --append "console=ttyS0 panic=-1" \
	</dev/null >"$T/out" 2>"$T/err"
rc=$?
t_diag "nested guest: exit $rc after $(($(date +%s) - start)) s"
t_eq "vfctl launch (exec'd qemu) exits 0" 0 "$rc"
t_eq "VF bound to vfio-pci by launch" vfio-pci "$(driver_of "$VF")"
t_ok "launch said it falls back to TCG" grep -q 'falling back to TCG' "$T/err"
if grep -q 'NESTED-PCI .* 0x1b36:0x0010' "$T/out"; then
	t_pass "nested guest sees the VF (1b36:0010)"
else
	t_fail "nested guest sees the VF (1b36:0010)" \
		"stdout: $(tr -d "\r" <"$T/out" | grep -E "NESTED|Kernel panic" | head -n 20); tail: $(tail -c 400 "$T/out"); stderr: $(head -c 600 "$T/err")"
fi
t_ok "nested guest ran to its end" grep -q NESTED-DONE "$T/out"

echo 0 >"$DEV/sriov_numvfs"
t_done
