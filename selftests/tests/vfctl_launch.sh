#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl launch starts a nested guest with a VF of $XE_PF (xe_sim's PF,
# the VF created by `vfctl apply` without a driver, autoprobe off) through
# vfio-pci, for real: the nested guest sees the xe VF (its vendor:device as
# the host's sysfs reads it: QEMU's NVMe VF, which xe_sim drives as an xe
# PF's), qemu runs as an unprivileged user (its /proc status), the VF's
# /dev/vfio/N is that user's while it runs and root's again after, the ROM
# BAR is off in the command line qemu runs with, --create-disk makes a qcow2
# of the size asked that the nested kernel sees as a disk of that size,
# --cdrom hands over an ISO made here whose file the nested guest reads, and
# --firmware uefi starts qemu on OVMF with this guest's own vars copy (the
# template untouched), stopped by a TERM to vfctl that is passed on to qemu.
# qemu, qemu-img and xorriso come from the host's /usr (9p, mount_tag
# hostusr), the nested kernel and its modules from the host's /boot and
# /usr/lib/modules. TCG inside TCG: one nested boot, measured 198-323 s on
# the loaded 2-core host (the test 257 s in the passing run).
# timeout: 900
. "${0%/*}/../lib/xesim.sh"
. "${0%/*}/../lib/load.sh"
. "${0%/*}/../lib/nested.sh"

T=/tmp/vfctl-launch
DEV=/sys/bus/pci/devices/$XE_PF
NESTED_TIMEOUT=${VFCTL_NESTED_TIMEOUT:-600}
QUID=990
rm -rf "$T" /var/lib/vfctl/uefi-t_VARS.fd
mkdir -p "$T/bin"

driver_of() {
	_l=$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null)
	echo "${_l##*/}"
}

# A host tool run from the 9p /usr with the host's loader and libraries.
host_tool() { # name
	_u=$NESTED_USR
	printf 'exec %s --library-path %s %s "$@"\n' \
		"$_u/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \
		"$_u/lib/x86_64-linux-gnu" "$_u/bin/$1" >"$T/bin/$1"
	chmod +x "$T/bin/$1"
}

# The qemu process vfctl started: its child (vfctl waits for it).
qemu_child() { # vfctl-pid
	for _p in /proc/[0-9]*; do
		{ read -r _ _ _ _pp _ <"$_p/stat"; } 2>/dev/null || continue
		[ "$_pp" = "$1" ] && { echo "${_p#/proc/}"; return 0; }
	done
	return 1
}

uid_of() { sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$1/status" 2>/dev/null; }

# Wait (while vfctl lives) until its qemu has dropped to $QUID; print its pid.
wait_dropped() { # vfctl-pid
	while kill -0 "$1" 2>/dev/null; do
		_q=$(qemu_child "$1") && [ "$(uid_of "$_q")" = "$QUID" ] &&
			{ echo "$_q"; return 0; }
		sleep 1
	done
	return 1
}

t_grep() { # name pattern file
	t_ok "$1" grep -q -- "$2" "$3"
}

# TERM to vfctl (passed on to qemu) if it still runs after $2 s.
watchdog() { # pid seconds
	(sleep "$2"; kill -TERM "$1" 2>/dev/null) >/dev/null 2>&1 &
}

t_ok "host /usr and /boot mounted over 9p" nested_mount
nested_qemu_wrapper "$T/qemu"
t_ok "host qemu runs in the guest" "$T/qemu" -version
host_tool qemu-img
host_tool xorriso
PATH=$T/bin:$PATH
kernel=$(nested_kernel)
t_ok "a kernel for the nested guest ($kernel)" test -r "$kernel"

# The unprivileged user qemu runs as.
grep -q '^vfqemu:' /etc/passwd 2>/dev/null ||
	echo "vfqemu:x:$QUID:$QUID:vfctl test qemu:/nonexistent:/bin/false" >>/etc/passwd
grep -q '^vfqemu:' /etc/group 2>/dev/null || echo "vfqemu:x:$QUID:" >>/etc/group

# Nested initramfs: the PCI list of nested.sh, plus the disk and CD-ROM
# drivers of the nested kernel, and a report of what they found.
t_ok "nested initramfs base built" nested_initramfs "$T/nested" "$T/base.cpio"
mods=$NESTED_USR/lib/modules/$(basename "$kernel" | sed 's/^vmlinuz-//')/kernel
mkdir -p "$T/nested/mod"
n=0
for m in virtio/virtio_ring virtio/virtio virtio/virtio_pci_legacy_dev \
	virtio/virtio_pci_modern_dev virtio/virtio_pci block/virtio_blk \
	scsi/scsi_common scsi/scsi_mod ata/libata ata/libahci ata/ahci \
	cdrom/cdrom scsi/sr_mod; do
	n=$((n + 1))
	cp "$mods/drivers/$m.ko" "$T/nested/mod/$(printf %02d $n)-${m#*/}.ko" || break
done
cp "$mods/fs/isofs/isofs.ko" "$T/nested/mod/99-isofs.ko"
mkdir -p "$T/nested/proc"
for a in insmod sleep mkdir ls; do ln -sf busybox "$T/nested/bin/$a"; done
cat >"$T/nested/init" <<'EOI'
#!/bin/sh
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
mount -t proc proc /proc
echo "NESTED-INIT at $(cat /proc/uptime)"
for d in /sys/bus/pci/devices/*; do
	echo "NESTED-PCI ${d##*/} $(cat "$d/vendor"):$(cat "$d/device")"
done
for m in /mod/*.ko; do insmod "$m" || echo "NESTED-INSMOD-FAIL $m"; done
echo "NESTED-MODULES at $(cat /proc/uptime)"
i=0
while [ $i -lt 30 ] && ! [ -e /sys/block/vda ]; do sleep 1; i=$((i + 1)); done
echo "NESTED-DISK vda $(cat /sys/block/vda/size 2>&1)"
i=0
while [ $i -lt 30 ] && ! [ -e /dev/sr0 ]; do sleep 1; i=$((i + 1)); done
echo "NESTED-SR0 at $(cat /proc/uptime): $(ls /sys/block)"
mkdir -p /cd
mount -t iso9660 -o ro /dev/sr0 /cd && echo "NESTED-CD $(cat /cd/hello.txt)"
echo NESTED-DONE
poweroff -f
EOI
(cd "$T/nested" && find . | cpio -o -H newc 2>/dev/null) >"$T/nested.cpio"
t_ok "nested initramfs with disk and CD-ROM drivers ($n+1 modules)" test -s "$T/nested/mod/13-sr_mod.ko" -a -s "$T/nested.cpio"

mkdir -p "$T/iso"
echo "vfctl-cdrom-$$" >"$T/iso/hello.txt"
t_ok "ISO made with the host's xorriso" sh -c "xorriso -as mkisofs -quiet -o '$T/cd.iso' '$T/iso' 2>'$T/xorriso.err'"

# The guide's flow on the xe PF: vfctl apply makes the VF with autoprobe
# off and no driver; launch binds it (checked after the boot).
t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded" load_vfprov
t_ok "vfctl apply $XE_PF --vfs 1 (no driver)" vfctl apply "$XE_PF" --vfs 1
VF=$(readlink "$DEV/virtfn0")
VF=${VF##*/}
GRP=$(basename "$(readlink "/sys/bus/pci/devices/$VF/iommu_group")")
VFID=$(cat "/sys/bus/pci/devices/$VF/vendor"):$(cat "/sys/bus/pci/devices/$VF/device")
t_diag "VF 1 of $XE_PF is $VF ($VFID, IOMMU group $GRP), driver '$(driver_of "$VF")'"
t_eq "the xe VF has no driver before launch (autoprobe off)" "" "$(driver_of "$VF")"

# --- one nested boot: unprivileged, --create-disk, --cdrom, ROM BAR off -----
start=$(date +%s)
vfctl launch --vf "$XE_PF:1" --headless \
	--firmware bios --user vfqemu --mem 256M --cpus 1 --no-net \
	--qemu "$T/qemu" --disk "$T/new.qcow2" --create-disk 64M \
	--cdrom "$T/cd.iso" --kernel "$kernel" --initrd "$T/nested.cpio" \
	--append "console=ttyS0 panic=-1" </dev/null >"$T/out" 2>"$T/err" &
lpid=$!
watchdog "$lpid" "$NESTED_TIMEOUT"
qpid=$(wait_dropped "$lpid")
t_diag "qemu (pid $qpid) dropped to uid $QUID after $(($(date +%s) - start)) s"
t_eq "qemu runs as the unprivileged user (/proc status Uid)" "$QUID" "$(uid_of "$qpid")"
t_eq "/dev/vfio/$GRP handed to that user while qemu runs" "$QUID" "$(stat -c %u "/dev/vfio/$GRP")"
cmdline=$(tr '\0' ' ' <"/proc/$qpid/cmdline" 2>/dev/null)
t_ok "qemu runs with the VF's ROM BAR off (rombar=0)" \
	sh -c "echo '$cmdline' | grep -q -- '-device vfio-pci,host=$VF,rombar=0'"
t_ok "qemu runs with -runas vfqemu" sh -c "echo '$cmdline' | grep -q -- '-runas vfqemu'"
wait "$lpid"
rc=$?
t_diag "nested guest: exit $rc after $(($(date +%s) - start)) s; $(tr -d '\r' <"$T/out" | grep -a -E 'NESTED-(INIT|MODULES|DISK|SR0|INSMOD)' | tr '\n' ';')"
t_eq "vfctl launch (qemu's status) exits 0" 0 "$rc"
t_eq "/dev/vfio/$GRP is root's again after qemu exits" 0 "$(stat -c %u "/dev/vfio/$GRP")"
t_eq "VF bound to vfio-pci by launch" vfio-pci "$(driver_of "$VF")"
t_ok "launch said it falls back to TCG" grep -q 'falling back to TCG' "$T/err"
# qcow2 header: virtual size, 8 bytes big-endian at offset 24
size=$(od -An -tu1 -j24 -N8 "$T/new.qcow2" 2>/dev/null |
	awk '{ s = 0; for (i = 1; i <= NF; i++) s = s * 256 + $i; print s }')
t_eq "--create-disk made a qcow2 of 64M" 67108864 "$size"
if grep -q "NESTED-PCI .* $VFID" "$T/out"; then
	t_pass "nested guest sees the xe VF ($VFID, from the host's sysfs)"
else
	t_fail "nested guest sees the xe VF ($VFID, from the host's sysfs)" \
		"stdout: $(tr -d "\r" <"$T/out" | grep -E "NESTED|Kernel panic" | head -n 20); tail: $(tail -c 400 "$T/out"); stderr: $(head -c 600 "$T/err")"
fi
t_grep "nested kernel sees the created disk: 131072 sectors of 512 = 64M" "NESTED-DISK vda 131072" "$T/out"
t_grep "nested guest reads the file on the --cdrom ISO" "NESTED-CD vfctl-cdrom-$$" "$T/out"
t_ok "nested guest ran to its end" grep -q NESTED-DONE "$T/out"

# --- UEFI: OVMF with this guest's own vars copy --------------------------------
mkdir -p /usr/share
[ -e /usr/share/OVMF ] || ln -s "$NESTED_USR/share/OVMF" /usr/share/OVMF
tmpl=/usr/share/OVMF/OVMF_VARS_4M.fd
sum=$(md5sum <"$tmpl")
start=$(date +%s)
vfctl launch --vf "$XE_PF:1" --firmware uefi --name uefi-t --user vfqemu \
	--headless --mem 256M --cpus 1 --no-net --qemu "$T/qemu" \
	--kernel "$kernel" --initrd "$T/nested.cpio" \
	--append "console=ttyS0 panic=-1 quiet" </dev/null >"$T/uefi.out" 2>"$T/uefi.err" &
lpid=$!
watchdog "$lpid" "$NESTED_TIMEOUT"
qpid=$(wait_dropped "$lpid")
t_diag "UEFI qemu (pid $qpid) running as $QUID after $(($(date +%s) - start)) s"
cmdline=$(tr '\0' ' ' <"/proc/$qpid/cmdline" 2>/dev/null)
t_ok "qemu runs on OVMF code, read-only" sh -c "echo '$cmdline' | grep -q -- 'if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd'"
t_ok "... with the guest's own vars file" sh -c "echo '$cmdline' | grep -q -- 'if=pflash,format=raw,unit=1,file=/var/lib/vfctl/uefi-t_VARS.fd'"
t_eq "vars copy made from the template (same size)" "$(wc -c <"$tmpl")" "$(wc -c </var/lib/vfctl/uefi-t_VARS.fd 2>/dev/null)"
t_grep "launch said it created the vars file" "created /var/lib/vfctl/uefi-t_VARS.fd" "$T/uefi.err"
t_diag "UEFI serial output after $(($(date +%s) - start)) s: $(wc -c <"$T/uefi.out") bytes"
kill -TERM "$lpid"
wait "$lpid"
rc=$?
t_grep "TERM to vfctl is passed on to qemu" "terminating on signal 15" "$T/uefi.err"
t_eq "... which shuts down and vfctl returns its status 0" 0 "$rc"
t_ok "qemu is gone" sh -c "! kill -0 $qpid 2>/dev/null"
t_eq "/dev/vfio/$GRP is root's again after the TERM" 0 "$(stat -c %u "/dev/vfio/$GRP")"
t_eq "the shared OVMF vars template is untouched" "$sum" "$(md5sum <"$tmpl")"

[ -L /usr/share/OVMF ] && rm /usr/share/OVMF
xesim_down
t_done
