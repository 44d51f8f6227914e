# SPDX-License-Identifier: GPL-2.0
# A nested guest inside the test guest (sourced): the host's qemu, firmware
# and kernels come over 9p (run.sh shares /usr as "hostusr" and /boot as
# "hostboot"); the nested guest's initramfs is busybox printing the PCI
# functions it sees ("NESTED-PCI addr vendor:device") and "NESTED-DONE".
#
#   nested_mount            mount both shares under /mnt
#   nested_qemu_wrapper F   write F, a qemu that runs from the 9p /usr
#   nested_kernel           print the kernel image to boot
#   nested_initramfs DIR F  build the nested initramfs F using DIR

NESTED_USR=/mnt/hostusr
NESTED_BOOT=/mnt/hostboot

nested_mount_one() { # tag dir
	grep -q " $2 9p " /proc/mounts && return 0
	mkdir -p "$2"
	# the virtio transport may still be probing right after modprobe
	for _i in 1 2 3 4 5; do
		mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 \
			"$1" "$2" 2>/dev/null && return 0
		sleep 1
	done
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000 "$1" "$2"
}

nested_mount() {
	for _m in virtio_pci 9pnet_virtio 9p; do modprobe "$_m" 2>/dev/null; done
	nested_mount_one hostusr "$NESTED_USR" &&
		nested_mount_one hostboot "$NESTED_BOOT"
}

# Debian's qemu loads TCG as a module and needs its firmware directories.
nested_qemu_wrapper() {
	_u=$NESTED_USR
	cat >"$1" <<EOQ
export QEMU_MODULE_DIR=$_u/lib/x86_64-linux-gnu/qemu
exec $_u/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \\
	--library-path $_u/lib/x86_64-linux-gnu $_u/bin/qemu-system-x86_64 \\
	-L $_u/share/qemu -L $_u/share/seabios -L $_u/lib/ipxe/qemu "\$@"
EOQ
	chmod +x "$1"
}

nested_kernel() {
	_k=$NESTED_BOOT/vmlinuz-$(uname -r)
	[ -r "$_k" ] || _k=$(ls "$NESTED_BOOT"/vmlinuz-* 2>/dev/null | head -n 1)
	echo "$_k"
}

nested_initramfs() { # workdir out.cpio
	mkdir -p "$1/bin" "$1/proc" "$1/sys" "$1/dev"
	cp /bin/busybox "$1/bin/busybox"
	for _a in sh cat mount poweroff; do ln -sf busybox "$1/bin/$_a"; done
	cat >"$1/init" <<'EOI'
#!/bin/sh
mount -t sysfs sysfs /sys
for d in /sys/bus/pci/devices/*; do
	echo "NESTED-PCI ${d##*/} $(cat "$d/vendor"):$(cat "$d/device")"
done
echo NESTED-DONE
poweroff -f
EOI
	chmod +x "$1/init"
	(cd "$1" && find . | cpio -o -H newc 2>/dev/null) >"$2"
	[ -s "$2" ]
}
