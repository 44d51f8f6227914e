#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host unit tests (no VM), built with ASan and UBSan: planner, vfctl parsers
# and builders; the VM runner's kernel log scanner; and the generated
# netlink files against their spec. Prints framed TAP for tap-summary.awk.
set -uo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-build/unit}
mkdir -p "$OUT"
status=0
run_dir() { # dir target
	[ -f "$1/Makefile" ] || return 0
	make -s -C "$1" "$2" OUT="$PWD/$OUT/${1##*/}" || status=1
}
run_dir selftests/unit run
run_dir userspace unit
# the guest runner's kernel log scanner and TAP verdicts, on canned input
scripts/test-klog.sh || status=1
# uapi header and policies regenerated from the YNL spec: no diff
scripts/test-ynl-gen.sh || status=1
# the systemd units: systemd-analyze verify, warning-free
scripts/test-units.sh || status=1
# the template unit under the host's systemd as PID 1 (a PID namespace)
scripts/test-systemd.sh || status=1
exit $status
