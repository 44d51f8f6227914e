#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh KVER BUILD MODE [FILTER]
#
# Boot Debian's kernel KVER under QEMU (TCG, q35, emulated intel-iommu) with
# two NVMe PFs that have real SR-IOV, run MODE (check|demo|bench|shell) in
# the guest and bring the guest's TAP back. The guest's output is in
# BUILD/vm/{console,tap}.log. A guest that panics, hangs or runs past
# VFPROV_VM_TIMEOUT seconds fails.
set -euo pipefail

KVER=$1
BUILD=$2
MODE=$3
FILTER=${4:-}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$BUILD/vm
TIMEOUT=${VFPROV_VM_TIMEOUT:-3600}
MEM=${VFPROV_VM_MEM:-2G}

# A kernel in the trixie chroot (scripts/kchroot.sh: 7.2) boots from there.
KROOT=${VFPROV_CACHE:-$TOP/.cache}/trixie
if [ ! -e "/boot/vmlinuz-$KVER" ] && [ -z "${VFPROV_KIMAGE:-}" ] &&
	[ -e "$KROOT/usr/lib/modules/$KVER/vmlinuz" ]; then
	export VFPROV_KIMAGE=$KROOT/usr/lib/modules/$KVER/vmlinuz
	export VFPROV_MODROOT=$KROOT
fi

mkdir -p "$OUT"
rm -f "$OUT"/{console,tap}.log
"$TOP/selftests/vm/mkinitramfs.sh" "$KVER" "$BUILD" "$OUT/initramfs.cpio.gz"

# SIM PF: 31 VFs for atsm_sim (bus 01). PCI PF: 4 VFs for the nvme driver
# and the generic backend (bus 02). SIM PF2: 31 VFs, the second GPU of a
# simulated Flex 140 (bus 03). BIG PF: 127 VFs (QEMU's maximum), more than
# vfprov's 63, found in the guest by that count. New PFs are added last so
# the others keep their addresses. Limits follow QEMU's nvme SR-IOV rules.
nvme_pf() { # id bus chassis vfs
	local id=$1 bus=$2 chassis=$3 vfs=$4
	echo "-device nvme-subsys,id=subsys$id"
	echo "-device pcie-root-port,id=$bus,bus=pcie.0,chassis=$chassis,slot=$chassis"
	echo "-device nvme,bus=$bus,serial=vfprov$id,subsys=subsys$id,sriov_max_vfs=$vfs,sriov_vq_flexible=$((2 * vfs)),sriov_vi_flexible=$vfs,max_ioqpairs=$((2 * vfs + 2)),msix_qsize=$((vfs + 1))"
}

# Bench mode only: two more 31-VF PFs, so the host-wide bench (issue 20)
# has four simulated Flex 170 PFs (SIM PF, SIM PF2 and these two).
bench_pfs() {
	[ "$MODE" = bench ] || return 0
	nvme_pf 11 rp11 11 31
	nvme_pf 12 rp12 12 31
}

# no_timer_check: under a loaded TCG host the IO-APIC timer check through
# interrupt remapping can time out and panic the guest at boot.
# log_buf_len: the runner reads and clears the log after every test, but
# one test's fault sweep or fuzzer can log more than the default 128 KiB
# (a report must never scroll out before it is read).
append="console=ttyS0 panic=-1 oops=panic intel_iommu=on iommu=pt quiet no_timer_check"
append+=" log_buf_len=16M"
append+=" vfprov.mode=$MODE vfprov.filter=$FILTER vfprov.slow=${VFPROV_SLOW:-1}"
append+=" ${VFPROV_VM_APPEND:-}"

serial=(-serial "file:$OUT/console.log" -serial "file:$OUT/tap.log")
[ "$MODE" = shell ] && serial=(-serial mon:stdio -serial "file:$OUT/tap.log")

qemu=(qemu-system-x86_64 -accel tcg -machine q35,kernel-irqchip=split
	-cpu max -smp 2 -m "$MEM" -no-reboot -display none -nodefaults
	-device intel-iommu,intremap=on,caching-mode=on
	-kernel "${VFPROV_KIMAGE:-/boot/vmlinuz-$KVER}" -initrd "$OUT/initramfs.cpio.gz"
	-append "$append" "${serial[@]}"
	$(nvme_pf 0 rp0 1 31) $(nvme_pf 1 rp1 2 4) $(nvme_pf 2 rp2 3 31)
	$(nvme_pf 9 rp9 9 127)
	# XE PF: 32 VFs for xe_sim (the simulated xe PF caps them per
	# platform: ATS-M 31, BMG 24, PTL/ADL 7); found in the guest by that
	# count. Bench mode adds its PFs after it, so that it keeps its address.
	$(nvme_pf 10 rp10 10 32)
	$(bench_pfs)
	-virtfs local,path=/usr,mount_tag=hostusr,security_model=none,readonly=on
	# vfctl_launch.sh boots a nested guest with a kernel from the host's /boot.
	-virtfs local,path=/boot,mount_tag=hostboot,security_model=none,readonly=on)

if [ "$MODE" = shell ]; then
	exec "${qemu[@]}"
fi

# Stream the guest's results while it runs so a long run shows progress;
# tail ends by itself when QEMU does.
touch "$OUT/tap.log"
timeout -s KILL "$TIMEOUT" "${qemu[@]}" </dev/null &
qpid=$!
tail -n +1 -f --pid="$qpid" "$OUT/tap.log" | tr -d '\r'
rc=0
wait "$qpid" || rc=$?
if [ "$rc" -ne 0 ]; then
	echo "# VM: qemu exited with $rc (137 = killed after ${TIMEOUT}s)"
fi
if grep -qE 'Kernel panic|end Kernel panic' "$OUT/console.log"; then
	echo "# VM: the guest kernel panicked; console tail:"
	tail -n 40 "$OUT/console.log" | sed 's/^/#   /'
fi
grep -q '^# VM-DONE' "$OUT/tap.log" || exit 1
if [ "$MODE" = demo ]; then
	grep -q '^== demo finished' "$OUT/tap.log" || exit 1
fi
exit 0
