#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-debug.sh [FILTER]: the VM suite on a debug kernel (KASAN, lockdep,
# kmemleak, UBSAN, DEBUG_ATOMIC_SLEEP) built by debug-kernel.sh. Any report
# in the guest's kernel log fails the run (the kernel_log test). Closes with
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

FILTER=${1:-}
CACHE=${VFPROV_DEBUG_CACHE:-/var/cache/vfprov-debug-kernel}
kver=$(scripts/debug-kernel.sh) || exit 1
b=build/$kver
RES=build/results-debug
mkdir -p "$RES"
rm -f "$RES"/*

echo "== build (debug kernel $kver)"
if ! make -s modules vfctl selftests KVER="$kver" KDIR="$CACHE/linux" \
	>"$RES/build.log" 2>&1 || grep -qE 'warning:|error:' "$RES/build.log"; then
	cat "$RES/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

echo "== VM tests on the debug kernel${FILTER:+, filter '$FILTER'}"
# KASAN and lockdep make the guest several times slower.
VFPROV_KIMAGE=$CACHE/vmlinuz VFPROV_MODROOT=$CACHE/root \
	VFPROV_VM_TIMEOUT=${VFPROV_VM_TIMEOUT:-2400} VFPROV_VM_MEM=3G \
	selftests/vm/run.sh "$kver" "$b" check "$FILTER" >"$RES/vm.log" 2>&1
grep '^# VM:' "$RES/vm.log"
{ cat "$b/vm/tap.log" 2>/dev/null || :; } | tr -d "\r" >"$RES/vm.tap"
awk -v require_done=1 -f selftests/vm/tap-summary.awk "$RES/vm.tap"
