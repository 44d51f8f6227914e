#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfprov.ko loads, registers its generic netlink family and its configfs
# subsystem, and takes both away again when it unloads.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/load.sh"

genl_has_vfprov() {
	# /proc/net/genetlink is not there; ask the kernel through the ctrl
	# family with the tool shipped for tests.
	genlfamily vfprov >/dev/null 2>&1
}

rmmod vfprov 2>/dev/null
t_ok "insmod vfprov.ko" vfprov_insmod
t_ok "genl family 'vfprov' registered" genlfamily vfprov
t_ok "configfs subsystem /sys/kernel/config/vfprov exists" \
	test -d /sys/kernel/config/vfprov
t_ok "module listed in /proc/modules" grep -q '^vfprov ' /proc/modules
t_ok "rmmod vfprov" rmmod vfprov
if genl_has_vfprov; then
	t_fail "genl family gone after rmmod"
else
	t_pass "genl family gone after rmmod"
fi
if [ -e /sys/kernel/config/vfprov ]; then
	t_fail "configfs subsystem gone after rmmod"
else
	t_pass "configfs subsystem gone after rmmod"
fi
t_ok "reload after unload" vfprov_insmod
t_ok "unload again" rmmod vfprov
t_done
