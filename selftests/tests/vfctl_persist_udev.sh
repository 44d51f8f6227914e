#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The udev rule (userspace/udev/60-vfctl.rules) against a real bind: the
# host's own udevadm (Debian 12's, from /usr over 9p) runs `udevadm test
# --action=bind` on $SIM_PF bound to atsm_sim and the rule tags the device
# for systemd and names vfctl-apply@$SIM_PF.service in SYSTEMD_WANTS; it
# names nothing for an unbind, for a PF bound to another driver (the
# emulated NVMe), or for a function that is not an SR-IOV PF. No udevd or
# systemd runs in the guest: this proves the match, not the start (see
# docs/persistence.md for what is tested where).
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/load.sh"
. "${0%/*}/../lib/ynl.sh"

T=/tmp/vfctl-udev
mkdir -p "$T" /etc/udev/rules.d /run/udev
DEV=/sys/bus/pci/devices

t_start "the host's /usr over 9p" ynl_setup
# The shipped rule with the simulated PF's driver added to the GPU drivers
# it matches (the rule itself names only i915 and xe).
t_start "the rule in /etc/udev/rules.d, atsm_sim added to its drivers" sh -c \
	"sed 's/DRIVER!=\"i915|xe\"/DRIVER!=\"i915|xe|atsm_sim\"/' \
	/selftests/udev/60-vfctl.rules > /etc/udev/rules.d/60-vfctl.rules &&
	grep -q 'i915|xe|atsm_sim' /etc/udev/rules.d/60-vfctl.rules"
t_start "atsm_sim bound to $SIM_PF" sim_up

# utest ACTION DEV: udevadm test's output in $T/out
utest() {
	_hlib=$NESTED_USR/lib/x86_64-linux-gnu
	"$_hlib/ld-linux-x86-64.so.2" --library-path "$_hlib:$_hlib/systemd" \
		"$NESTED_USR/bin/udevadm" test --action="$1" "$2" >"$T/out" 2>&1
	rc=$?
}
UNIT="vfctl-apply@$SIM_PF.service"

utest bind "$DEV/$SIM_PF"
t_eq "udevadm test --action=bind runs" 0 "$rc"
t_ok "  it read our rule" grep -q "60-vfctl.rules" "$T/out"
t_ok "  bind of atsm_sim: SYSTEMD_WANTS names $UNIT" \
	grep -qx "SYSTEMD_WANTS=$UNIT" "$T/out"
t_ok "  and the device is tagged for systemd" grep -q "^TAGS=.*:systemd:" "$T/out"
[ "$rc" = 0 ] || t_diag "$(tail -n 12 "$T/out" | tr '\n' '|')"

utest add "$DEV/$SIM_PF"
t_ok "add with the driver bound (boot coldplug): names $UNIT" \
	grep -qx "SYSTEMD_WANTS=$UNIT" "$T/out"

utest unbind "$DEV/$SIM_PF"
t_ok "unbind: names no unit" sh -c "! grep -q SYSTEMD_WANTS $T/out"

t_ok "$PCI_PF is an SR-IOV PF bound to nvme" test -e "$DEV/$PCI_PF/sriov_totalvfs"
utest bind "$DEV/$PCI_PF"
t_ok "bind of nvme (not a GPU driver): names no unit" sh -c "! grep -q SYSTEMD_WANTS $T/out"

# a function without SR-IOV: the host bridge
utest bind "$DEV/0000:00:00.0"
t_ok "a device that is not an SR-IOV PF: names no unit" sh -c "! grep -q SYSTEMD_WANTS $T/out"

rm -f /etc/udev/rules.d/60-vfctl.rules
utest bind "$DEV/$SIM_PF"
t_ok "without the rule nothing names the unit (the test can fail)" \
	sh -c "! grep -q SYSTEMD_WANTS $T/out"

sim_down
t_done
