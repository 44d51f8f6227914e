#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl launch starts a nested guest with a VF of $PCI_PF through vfio-pci.
# qemu comes from the host's /usr (9p, mount_tag hostusr), the nested
# kernel from the host's /boot (mount_tag hostboot, see vm/run.sh); the
# nested initramfs is built here with busybox and prints the PCI devices it
# sees. TCG inside TCG: about 90-180 s.
# timeout: 480
. "${0%/*}/../lib/tap.sh"

T=/tmp/vfctl-launch
U=/mnt/hostusr
B=/mnt/hostboot
DEV=/sys/bus/pci/devices/$PCI_PF
NESTED_TIMEOUT=${VFCTL_NESTED_TIMEOUT:-400}
rm -rf "$T"
mkdir -p "$T" "$U" "$B"

driver_of() {
	_l=$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null)
	echo "${_l##*/}"
}

# The virtio transport is a module too; give the channels a moment to appear.
mount_share() { # tag dir
	grep -q " $2 9p " /proc/mounts && return 0
	for _i in 1 2 3 4 5; do
		mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 "$1" "$2" 2>/dev/null &&
			return 0
		sleep 1
	done
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 "$1" "$2"
}

for m in virtio_pci 9pnet_virtio 9p; do modprobe "$m" 2>/dev/null; done
t_ok "host /usr mounted over 9p" mount_share hostusr "$U"
t_ok "host /boot mounted over 9p" mount_share hostboot "$B"

# The host's qemu with the host's loader, libraries, modules and firmware.
cat >"$T/qemu" <<EOQ
#!/bin/sh
export QEMU_MODULE_DIR=$U/lib/x86_64-linux-gnu/qemu
exec $U/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \\
	--library-path $U/lib/x86_64-linux-gnu $U/bin/qemu-system-x86_64 \\
	-L $U/share/qemu -L $U/share/seabios -L $U/lib/ipxe/qemu "\$@"
EOQ
chmod +x "$T/qemu"
t_ok "host qemu runs in the guest" "$T/qemu" -version

kernel=$B/vmlinuz-$(uname -r)
[ -r "$kernel" ] || kernel=$(ls "$B"/vmlinuz-* 2>/dev/null | head -n 1)
t_ok "a kernel for the nested guest ($kernel)" test -r "$kernel"

# Nested initramfs: busybox and an /init that lists PCI vendor:device.
N=$T/nested
mkdir -p "$N/bin" "$N/proc" "$N/sys" "$N/dev"
cp /bin/busybox "$N/bin/busybox"
for a in sh cat mount poweroff; do ln -s busybox "$N/bin/$a"; done
cat >"$N/init" <<'EOI'
#!/bin/sh
mount -t sysfs sysfs /sys
for d in /sys/bus/pci/devices/*; do
	echo "NESTED-PCI ${d##*/} $(cat "$d/vendor"):$(cat "$d/device")"
done
echo NESTED-DONE
poweroff -f
EOI
chmod +x "$N/init"
(cd "$N" && find . | cpio -o -H newc 2>/dev/null) >"$T/nested.cpio"
t_ok "nested initramfs built" test -s "$T/nested.cpio"

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
