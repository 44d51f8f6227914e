#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test-systemd.sh: the template unit vfctl-apply@.service started by a real
# systemd (the host's, Debian 12's, as PID 1 of a PID namespace:
# selftests/systemd/run.sh) with a fake vfctl that is not ready twice:
# systemd restarts it on exit 8 until it succeeds, the reasons are in the
# journal (journalctl -u), the unit is ordered before libvirtd, virtqemud,
# pve-guests and kubelet and after systemd-modules-load, and those started
# only after its first attempt ended. Then with exit 8 in
# RestartPreventExitStatus the same run fails (no restart): the test can
# fail. Needs root (unshare, chroot). Framed TAP for unit.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/tap.sh
tap_begin systemd_run

check() { # NAME CMD...
	_n=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$_n"; else nok "$_n"; fi
}
prop() { sed -n "s/^$2=//p" "$1/show"; }
has() { prop "$1" "$2" | tr ' ' '\n' | grep -qx "$3"; }

if [ "$(id -u)" != 0 ]; then
	nok "systemd_pid1_runs_the_template_unit"
	echo "#   needs root: unshare --pid --mount and chroot"
else
	timeout 120 selftests/systemd/run.sh "$T/a"
	rc=$?
	if [ $rc = 130 ] && [ -s "$T/a/show" ]; then
		ok "systemd_pid1_runs_the_template_unit"
	else
		nok "systemd_pid1_runs_the_template_unit"
		echo "#   run.sh exit $rc (130 = powered off)"
		sed 's/^/#   /' "$T/a/console" 2>/dev/null | tail -n 20
	fi
	check "template_unit_restarted_twice_on_exit_8_then_succeeded" \
		test "$(prop "$T/a" NRestarts) $(prop "$T/a" Result) $(prop "$T/a" ExecMainStatus) $(wc -l <"$T/a/vfctl.calls")" = "2 success 0 3"
	check "template_unit_ran_vfctl_apply_dir_pf_wait_ready" \
		grep -qx "1 apply -f /etc/vfctl --pf 0000:01:00.0 --wait-ready 60" "$T/a/vfctl.calls"
	check "not_ready_reasons_in_the_unit_journal" \
		test "$(grep -c 'vfctl: not ready: PF 0000:01:00.0 has no driver bound' "$T/a/journal")" = 2
	check "success_in_the_unit_journal" grep -q "0000:01:00.0: applied" "$T/a/journal"
	check "template_unit_before_libvirtd_virtqemud_pve_guests_kubelet" \
		sh -c "$(declare -f prop has); for u in libvirtd virtqemud pve-guests kubelet; do has '$T/a' Before \$u.service || exit 1; done"
	check "template_unit_after_systemd_modules_load" has "$T/a" After systemd-modules-load.service
	check "libvirtd_and_kubelet_started_after_the_first_attempt_ended" \
		sh -c "[ \$(cat '$T/a/libvirtd.saw') -ge 1 ] && [ \$(cat '$T/a/kubelet.saw') -ge 1 ]"
	[ "$bad" = 0 ] || sed 's/^/#   /' "$T/a/show" "$T/a/journal" 2>/dev/null | head -n 20

	timeout 120 selftests/systemd/run.sh "$T/b" 8
	check "with_exit_8_in_RestartPreventExitStatus_it_fails_unrestarted" \
		test "$(prop "$T/b" NRestarts) $(prop "$T/b" Result) $(wc -l <"$T/b/vfctl.calls")" = "0 exit-code 1"
fi

tap_end
