#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl's host commands in the test guest: check --json (parsed by jsoncheck),
# kernel-args --apply on a scratch root (GRUB; Proxmox with a fake
# proxmox-boot-tool: --dry-run writes and runs nothing; no boot loader: 3),
# launch --dry-run (exact quoting, the TCG fallback message), and
# passthrough/release of a real NVMe PF ($PCI_PF) with its refusals (VFs
# enabled, /dev/vfio/<group> open).
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/cmd.sh"

T=/tmp/vfctl-host
rm -rf "$T"
mkdir -p "$T"
DEV=/sys/bus/pci/devices/$PCI_PF

t_json() {
	_d=$1
	shift
	if _o=$(jsoncheck "$T/out" "$@" 2>&1); then
		t_pass "$_d"
	else
		t_fail "$_d" "$_o"
	fi
}

driver_of() {
	_l=$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null)
	echo "${_l##*/}"
}

set_vfs() {
	echo 0 >"$DEV/sriov_numvfs"
	[ "$1" = 0 ] || echo "$1" >"$DEV/sriov_numvfs"
}

# --- check ---------------------------------------------------------------
run vfctl check --json
t_json "check --json: mode, ready, checks" mode=sriov ready:bool checks:array
if jsoncheck "$T/out" ready=true >/dev/null 2>&1; then want=0; else want=8; fi
t_rc "check exit status matches ready (0 ready, 8 not ready)" "$want"
t_json "check: emulated VT-d seen (DMAR, /sys/class/iommu, intel_iommu=on, iommu=pt)" \
	checks[1].name=iommu_firmware checks[1].status=PASS \
	checks[2].name=iommu checks[2].status=PASS \
	checks[3].name=cmdline_iommu checks[3].status=PASS \
	checks[4].name=cmdline_iommu_pt checks[4].status=PASS
t_json "check: vfio and vfio-pci loaded" checks[6].name=vfio checks[6].status=PASS \
	checks[7].name=vfio_pci checks[7].status=PASS
run vfctl check --mode passthrough --json
t_json "check --mode passthrough: no GPU in the guest, not ready" mode=passthrough ready=false
t_rc "check --mode passthrough exits 8" 8
run vfctl check --mode gpu
t_rc "check --mode gpu is a usage error" 2

# --- kernel-args on a scratch root -----------------------------------------
R=$T/root
mkdir -p "$R/etc/default"
printf 'GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=""\n' >"$R/etc/default/grub"
cp "$R/etc/default/grub" "$T/grub.orig"
run vfctl kernel-args --root "$R" --mode sriov --vfs 4 --apply
t_rc "kernel-args --apply exits 0" 0
t_eq "prints the arguments" "intel_iommu=on iommu=pt i915.max_vfs=4" "$(head -n 1 "$T/out")"
t_ok "drop-in written" grep -qx 'GRUB_CMDLINE_LINUX="$GRUB_CMDLINE_LINUX intel_iommu=on iommu=pt i915.max_vfs=4"' \
	"$R/etc/default/grub.d/90-vfctl.cfg"
run vfctl kernel-args --root "$R" --mode sriov --vfs 4 --apply
t_ok "second --apply says unchanged" grep -q 'unchanged' "$T/out"
t_ok "/etc/default/grub untouched" cmp -s "$R/etc/default/grub" "$T/grub.orig"
run vfctl --json kernel-args --root "$R" --mode passthrough --ids 8086:56c0,8086:56c1 --apply
t_json "kernel-args --json passthrough" mode=passthrough status=written \
	"args=intel_iommu=on iommu=pt vfio-pci.ids=8086:56c0,8086:56c1"
run vfctl kernel-args --mode passthrough --ids '8086:56c0;reboot'
t_rc "malformed --ids refused" 2

# --- kernel-args for Proxmox (systemd-boot), a fake tool recording argv -----
TD=$T/tools
mkdir -p "$TD"
printf '#!/bin/sh\necho "${0##*/} $*" >>%s/argv\n' "$T" >"$TD/proxmox-boot-tool"
chmod +x "$TD/proxmox-boot-tool"
P=$T/pve
mkdir -p "$P/etc/kernel"
echo "root=ZFS=rpool/ROOT/pve-1 boot=zfs i915.max_vfs=7" >"$P/etc/kernel/cmdline"
: >"$P/etc/kernel/proxmox-boot-uuids"
export VFCTL_TOOL_DIR="$TD"
run vfctl kernel-args --root "$P" --mode sriov --vfs 4 --dry-run
t_rc "kernel-args --dry-run on Proxmox exits 0" 0
t_ok "dry run names the boot loader" grep -qx 'boot loader: proxmox' "$T/out"
t_ok "dry run shows the new /etc/kernel/cmdline" \
	grep -qx 'root=ZFS=rpool/ROOT/pve-1 boot=zfs intel_iommu=on iommu=pt i915.max_vfs=4' "$T/out"
t_ok "dry run shows the command" grep -qx 'would run: proxmox-boot-tool refresh' "$T/out"
t_eq "dry run wrote nothing" "root=ZFS=rpool/ROOT/pve-1 boot=zfs i915.max_vfs=7" "$(cat "$P/etc/kernel/cmdline")"
t_ok "dry run ran nothing" test ! -e "$T/argv"
run vfctl kernel-args --root "$P" --mode sriov --vfs 4 --apply
t_rc "kernel-args --apply on Proxmox exits 0" 0
t_eq "/etc/kernel/cmdline: the stale max_vfs replaced" \
	"root=ZFS=rpool/ROOT/pve-1 boot=zfs intel_iommu=on iommu=pt i915.max_vfs=4" "$(cat "$P/etc/kernel/cmdline")"
t_eq "proxmox-boot-tool refresh ran once" "proxmox-boot-tool refresh" "$(cat "$T/argv" 2>&1)"
run vfctl kernel-args --root "$P" --mode sriov --vfs 4 --apply
t_eq "second --apply runs nothing" "proxmox-boot-tool refresh" "$(cat "$T/argv" 2>&1)"
unset VFCTL_TOOL_DIR
mkdir -p "$T/bare"
run vfctl kernel-args --root "$T/bare" --mode sriov --vfs 4 --apply
t_rc "no boot loader known: exit 3" 3
t_ok "... says to add the arguments by hand" grep -q 'by hand: intel_iommu=on iommu=pt i915.max_vfs=4' "$T/err"

# --- launch --dry-run ------------------------------------------------------
set_vfs 1
VF=$(readlink "$DEV/virtfn0")
VF=${VF##*/}
run vfctl launch --vf "$PCI_PF:1" --dry-run --as-root --firmware bios --headless --mem 512M --cpus 2 \
	--disk "$T/my disk,1.qcow2" --ssh-port 2222 --forward tcp:8080:80 \
	--name "it's" --kernel /k --append "console=ttyS0 quiet"
t_rc "launch --dry-run exits 0" 0
want="qemu-system-x86_64 -name 'it'\\''s' -machine q35 -accel tcg -cpu max -m 512M -smp 2 -nographic -drive 'file=$T/my disk,,1.qcow2,if=virtio,format=qcow2' -kernel /k -append 'console=ttyS0 quiet' -netdev user,id=net0,hostfwd=tcp::2222-:22,hostfwd=tcp::8080-:80 -device virtio-net-pci,netdev=net0 -device vfio-pci,host=$VF,rombar=0"
t_eq "dry run prints the exact, shell-quoted qemu command" "$want" "$(cat "$T/out")"
t_ok "no /dev/kvm: says it falls back to TCG" grep -q 'falling back to TCG' "$T/err"
t_eq "dry run touched nothing: VF still without a driver" "" "$(driver_of "$VF")"
run vfctl launch --vf "$PCI_PF:3" --dry-run --kernel /k
t_rc "VF 3 not enabled: exit 3" 3
run vfctl launch --vf "$PCI_PF:1" --pf "$PCI_PF" --dry-run --kernel /k
t_rc "--vf and --pf together: exit 2" 2
run vfctl launch --vf "$PCI_PF:1" --dry-run --headless --vnc :1 --kernel /k
t_rc "--headless with --vnc: exit 2" 2

# --- passthrough / release of a whole PF ------------------------------------
before=$(driver_of "$PCI_PF")
t_diag "PCI_PF $PCI_PF driver $before"
run vfctl passthrough "$PCI_PF"
t_rc "passthrough refused while VFs are enabled (5)" 5
set_vfs 0
run vfctl passthrough "$PCI_PF"
t_rc "passthrough exits 0" 0
t_eq "PF bound to vfio-pci" vfio-pci "$(driver_of "$PCI_PF")"
grp=$(readlink "$DEV/iommu_group")
grp=${grp##*/}
t_ok "/dev/vfio/$grp exists" test -e "/dev/vfio/$grp"
run vfctl passthrough "$PCI_PF"
t_rc "passthrough again is a no-op (0)" 0
exec 7<>"/dev/vfio/$grp"
run vfctl release "$PCI_PF"
t_rc "release refused while /dev/vfio/$grp is open (5)" 5
t_ok "... and says who holds it" grep -q "has /dev/vfio/$grp open" "$T/err"
exec 7>&-
run vfctl release "$PCI_PF"
t_rc "release exits 0" 0
t_eq "PF back on its previous driver" "$before" "$(driver_of "$PCI_PF")"
t_eq "driver_override cleared" "(null)" "$(cat "$DEV/driver_override")"
run vfctl release "$PCI_PF"
t_rc "release again: nothing to do (0)" 0
t_done
