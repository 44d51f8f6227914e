#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The main job, end to end, as a readable transcript (make demo). Every step
# echoes the command it runs; the demo stops at the first failing step.

step() {
	echo
	echo "\$ $*"
	"$@" 2>&1 | sed 's/^/  /'
	rc=$?
	return $rc
}

fail() {
	echo "demo: FAILED: $*"
	exit 1
}

echo "== vfprov demo: Debian $(uname -r) under QEMU, simulated Flex PF at $SIM_PF"

step insmod "$VFPROV_MODDIR/vfprov.ko" || fail "vfprov.ko did not load"
step genlfamily vfprov || fail "generic netlink family missing"
step ls /sys/kernel/config/vfprov || fail "configfs subsystem missing"

echo
echo "SR-IOV capable PCI functions:"
for d in /sys/bus/pci/devices/*; do
	[ -f "$d/sriov_totalvfs" ] || continue
	drv=none
	[ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
	echo "  ${d##*/}  vendor $(cat "$d/vendor") device $(cat "$d/device")" \
		"totalvfs $(cat "$d/sriov_totalvfs") driver $drv"
done

if [ -x /usr/sbin/vfctl ]; then
	step vfctl list || fail "vfctl list"
fi

step rmmod vfprov || fail "vfprov.ko did not unload"
echo
echo "== demo finished"
