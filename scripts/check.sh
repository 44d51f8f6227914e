#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check.sh [K] [FILTER]: build, run the host tests (unit, compat, dkms) and
# the VM tests, and close with one line "N passed, N failed".
#
#   K       kernel release prefix to build for and boot (6.1, 6.12, 7.2).
#           Empty: the whole matrix, every supported kernel that is
#           installed: the full VM suite on 6.1, $SUBSET on the others.
#   FILTER  run only the VM tests whose name contains it, on one kernel;
#           "unit", "compat" or "dkms" run only that host group.
#
# Exits non-zero on any failure, including a build failure or a guest that
# crashed, hung or timed out.
set -uo pipefail
cd "$(dirname "$0")/.."

K=${1:-}
FILTER=${2:-}
RES=build/results
mkdir -p "$RES"
rm -f "$RES"/*.tap "$RES"/*.log

step() { echo "== $*"; }
host_group() { [ -z "$FILTER" ] || [ "$FILTER" = "$1" ]; }

# The whole matrix (no K, no FILTER) fits CI's time on 2 cores only split:
# the full VM suite on 6.1 (Debian 12's own kernel), and on 6.12 the tests
# that exercise what differs between kernels (module life cycle,
# sysfs I/O, PCI core, genl, configfs, the transaction worker, signals).
SUBSET=module_load,core_sim,core_vf_action,core_health,xesim_layout,xe_backend_apply,xe_vram_lockdown,xe_vf_control,xe_gt_values,xe_health,core_pci_query,core_pci_rescan,core_unload_txn,core_undo,configfs_lifecycle,configfs_invalid,netlink_abi,netlink_async,netlink_genl_ctrl_policy,rel_faults_undo,sim_layout,sim_signals,vfctl_cli
START=$(date +%s)

# Kernels to boot: the one asked for, or the supported ones installed.
if [ -n "$K" ]; then
	kernels=$(scripts/kver.sh "$K") || exit 1
elif [ -n "$FILTER" ]; then
	kernels=$(scripts/kver.sh 6.1) || exit 1
else
	kernels=$(for k in 6.1 6.12 7.2; do scripts/kver.sh "$k" 2>/dev/null; done)
fi
primary=$(set -- $kernels; echo "$1")

# The VM tests a kernel runs: FILTER, or all on the first kernel and the
# subset on the others.
vm_filter() {
	if [ -n "$FILTER" ] || [ -n "$K" ] || [ "$1" = "$primary" ]; then
		echo "$FILTER"
	else
		echo "$SUBSET"
	fi
}

build_failed() { # kver log
	cat "$2"
	printf '# BEGIN build-%s\nnot ok 1 build\n1..1\n# END build-%s rc=1\n' \
		"$1" "$1" >"$RES/build-$1.tap"
}

for kver in $kernels; do
	step "build (kernel $kver)"
	log=$RES/build-$kver.log
	if ! make -s modules vfctl selftests KVER="$kver" >"$log" 2>&1 ||
		grep -qE 'warning:|error:' "$log"; then
		build_failed "$kver" "$log"
	fi
done

if host_group unit; then
	step "host unit tests (ASan, UBSan)"
	scripts/unit.sh build/unit >"$RES/unit.tap" 2>&1
	awk -f selftests/vm/tap-summary.awk "$RES/unit.tap" | sed '$d'
fi
if host_group compat; then
	step "kernel compatibility, sparse, checkpatch"
	scripts/test-compat.sh >"$RES/compat.tap" 2>&1
	awk -f selftests/vm/tap-summary.awk "$RES/compat.tap" | sed '$d'
fi
if host_group dkms; then
	step "DKMS in a scratch tree"
	scripts/test-dkms.sh >"$RES/dkms.tap" 2>&1
	awk -f selftests/vm/tap-summary.awk "$RES/dkms.tap" | sed '$d'
fi

case $FILTER in
unit | compat | dkms) kernels= ;;
esac
for kver in $kernels; do
	[ -f "$RES/build-$kver.tap" ] && continue
	f=$(vm_filter "$kver")
	step "VM tests (QEMU TCG, kernel $kver${f:+, filter '$f'})"
	b=build/$kver
	selftests/vm/run.sh "$kver" "$b" check "$f" >"$RES/vm-$kver.log" 2>&1
	grep '^# VM:' "$RES/vm-$kver.log"
	# Name every program after the kernel it ran on, so both are counted.
	{ cat "$b/vm/tap.log" 2>/dev/null || :; } | tr -d '\r' |
		sed -E "s/^# (BEGIN|END) ([^ ]+)/# \1 \2@$kver/" >"$RES/vm-$kver.tap"
	awk -v require_done=1 -f selftests/vm/tap-summary.awk "$RES/vm-$kver.tap" | sed '$d'
done

step "summary ($(($(date +%s) - START)) s)"
status=0
for f in "$RES"/*.tap; do
	req=0
	case $f in */vm-*) req=1 ;; esac
	awk -v require_done=$req -f selftests/vm/tap-summary.awk "$f" >/dev/null || status=1
done
# One closing line over every group (VM-DONE was checked per run above).
cat "$RES"/*.tap | grep -v '^# VM-DONE' |
	awk -f selftests/vm/tap-summary.awk | tail -n 1
exit $status
