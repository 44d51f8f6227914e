# SPDX-License-Identifier: GPL-2.0
# Framed TAP for the host test scripts scripts/unit.sh runs (sourced by
# bash, after `set -uo pipefail` and the cd to the top of the tree).
#
#   tap_begin NAME      a scratch directory $T (removed on exit), the
#                       counters and the "# BEGIN NAME" line
#   ok DESC             a passing case
#   nok DESC [WHY]      a failing case, WHY as a diagnostic line
#   diag FILE [LINES]   the first LINES (40) of FILE as diagnostics
#   tap_end             the plan, "# END NAME rc=", and exit with it

tap_begin() {
	_tap_name=$1
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
	n=0
	bad=0
	echo "# BEGIN $_tap_name"
}

ok() { n=$((n + 1)); echo "ok $n $1"; }

nok() {
	n=$((n + 1))
	bad=1
	echo "not ok $n $1"
	if [ -n "${2:-}" ]; then echo "#   $2"; fi
}

diag() { sed 's/^/#   /' "$1" | head -n "${2:-40}"; }

tap_end() {
	echo "1..$n"
	echo "# END $_tap_name rc=$bad"
	exit $bad
}
