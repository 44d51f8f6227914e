#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-units.sh: every systemd unit of userspace/systemd passes Debian 12's
# `systemd-analyze verify` without a single warning (the template as an
# instance, ExecStart pointed at the vfctl just built, since verify checks
# that the command exists), and verify does fail on a unit whose command
# is missing (tried on a scratch copy). Framed TAP for unit.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD

. scripts/lib/tap.sh
tap_begin systemd_units
VFCTL=$TOP/userspace/vfctl
[ -x "$VFCTL" ] || make -s -C userspace vfctl >/dev/null

# verify NAME FILE: rc 0 and nothing said
verify() {
	(cd "$T" && systemd-analyze verify --man=no "./$1") >"$T/out" 2>&1
}

if ! command -v systemd-analyze >/dev/null; then
	nok "systemd_analyze_present"
	echo "#   install systemd (scripts/deps.sh)"
else
	for u in userspace/systemd/*.service; do
		name=${u##*/}
		sed "s#/usr/sbin/vfctl#$VFCTL#g" "$u" >"$T/$name"
		t=unit_${name//[^a-zA-Z0-9]/_}_passes_systemd_analyze_verify
		if verify "$name" && [ ! -s "$T/out" ]; then
			ok "$t"
		else
			nok "$t"
			diag "$T/out" 20
		fi
	done
	sed "s#^ExecStart=.*#ExecStart=$T/no-such-vfctl apply --boot#" \
		userspace/systemd/vfctl-apply.service >"$T/broken.service"
	if verify broken.service; then
		nok "systemd_analyze_verify_fails_on_a_missing_command"
	elif grep -q "no-such-vfctl" "$T/out"; then
		ok "systemd_analyze_verify_fails_on_a_missing_command"
	else
		nok "systemd_analyze_verify_fails_on_a_missing_command"
		diag "$T/out" 20
	fi
fi

tap_end
