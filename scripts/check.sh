#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check.sh KVER BUILD [FILTER]: build everything, run the host unit tests and
# the VM tests (those whose name contains FILTER), and close with one line
# "N passed, N failed". Exits non-zero on any failure, including a build
# failure or a guest that crashed or hung.
set -uo pipefail
cd "$(dirname "$0")/.."

KVER=$1
BUILD=$2
FILTER=${3:-}
RES=$BUILD/results
mkdir -p "$RES"
rm -f "$RES"/*.tap

step() { echo "== $*"; }

step "build (kernel $KVER)"
if ! make -s modules vfctl selftests KVER="$KVER" >"$RES/build.log" 2>&1; then
	cat "$RES/build.log"
	echo "# BEGIN build" >"$RES/build.tap"
	echo "not ok 1 build" >>"$RES/build.tap"
	echo "1..1" >>"$RES/build.tap"
	echo "# END build rc=1" >>"$RES/build.tap"
	awk -f selftests/vm/tap-summary.awk "$RES/build.tap"
	exit 1
fi
grep -E 'warning:|error:' "$RES/build.log" && {
	echo "build warnings are errors here"; exit 1; }

if [ -z "$FILTER" ] || [ "$FILTER" = unit ]; then
	step "host unit tests"
	scripts/unit.sh "$BUILD/unit" >"$RES/unit.tap" 2>&1
	awk -f selftests/vm/tap-summary.awk "$RES/unit.tap" | sed '$d'
fi

if [ "$FILTER" != unit ]; then
	step "VM tests (QEMU TCG, kernel $KVER${FILTER:+, filter '$FILTER'})"
	selftests/vm/run.sh "$KVER" "$BUILD" check "$FILTER" >"$RES/vm.out" 2>&1
	cp "$BUILD/vm/tap.log" "$RES/vm.tap" 2>/dev/null || : >"$RES/vm.tap"
	grep '^# VM:' "$RES/vm.out"
	awk -v require_done=1 -f selftests/vm/tap-summary.awk "$RES/vm.tap" | sed '$d'
fi

step "summary"
awk -v require_done="$([ "$FILTER" = unit ] && echo 0 || echo 1)" \
	-f selftests/vm/tap-summary.awk $(ls "$RES"/unit.tap "$RES"/vm.tap 2>/dev/null) | tail -n 1
exit "${PIPESTATUS[0]}"
