#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guide's flow on an xe PF (xe_sim, bmg), through the real vfctl: on a
# PF whose sriov_drivers_autoprobe is 1 (the kernel's default), `vfctl
# apply PF --vfs 2 --driver vfio-pci` leaves autoprobe 0 (vfprov writes it
# before enabling the VFs and keeps it on commit, so the host's driver
# does not grab a VF created later either), and no VF of the PF is ever
# bound to another driver than vfio-pci (every bind uevent seen from
# before the apply to after it); both VFs end on vfio-pci, each in an
# IOMMU group with its /dev/vfio/N. The nested guest that sees an xe VF
# is vfctl_launch.sh's.
. "${0%/*}/../lib/xesim.sh"
. "${0%/*}/../lib/load.sh"
. "${0%/*}/../lib/cmd.sh"

T=/tmp/vfctl-xe-guide
rm -rf "$T"
mkdir -p "$T"

t_start "xe_sim (bmg) bound to $XE_PF" xesim_up
t_start "vfprov loaded" load_vfprov
echo 1 >"$PF/sriov_drivers_autoprobe"
t_eq "before: autoprobe 1 (the kernel's default), no VFs" "1 0" \
	"$(cat "$PF/sriov_drivers_autoprobe" "$PF/sriov_numvfs" | tr '\n' ' ' | sed 's/ $//')"

# Every uevent as "ACTION DEVPATH DRIVER", one line each (uevlisten: no
# handler forked per event, which a loaded guest falls behind, an 8 MiB
# socket buffer, and a line "overflow" if the kernel still dropped some).
# A change uevent of the PF is a marker: listen_start returns once the
# listener has seen one (it is listening), listen_stop once it has seen a
# second (every event before it is in the file).
marker() { # count: send a change uevent until COUNT are in the file
	_i=0
	while [ $_i -lt 30 ]; do
		[ "$(grep -c "^change .*/$XE_PF " "$T/uevents")" -ge "$1" ] && return 0
		echo change >"$PF/uevent"
		sleep 1
		_i=$((_i + 1))
	done
	return 1
}
listen_start() {
	: >"$T/uevents"
	uevlisten "$T/uevents" &
	upid=$!
	marker 1
}
listen_stop() {
	_n=$(grep -c "^change .*/$XE_PF " "$T/uevents")
	marker $((_n + 1))
	_rc=$?
	kill "$upid" 2>/dev/null
	wait "$upid" 2>/dev/null
	return $_rc
}

t_start "a uevent listener runs (it saw a change event of the PF)" listen_start
run vfctl apply "$XE_PF" --vfs 2 --driver vfio-pci
t_rc "vfctl apply $XE_PF --vfs 2 --driver vfio-pci exits 0" 0

t_ok "the uevent listener saw a change event of the PF after the apply (it saw all of it)" listen_stop
t_eq "  ...and the kernel dropped none (no overflow)" 0 "$(grep -c '^overflow ' "$T/uevents")"

t_eq "sriov_drivers_autoprobe is 0 after the apply (the guide's autoprobe off)" \
	0 "$(cat "$PF/sriov_drivers_autoprobe")"
t_eq "2 VFs enabled" 2 "$(cat "$PF/sriov_numvfs")"

vfs=
for n in 0 1; do
	vf=$(readlink "$PF/virtfn$n")
	vf=${vf##*/}
	vfs="$vfs $vf"
	l=$(readlink "/sys/bus/pci/devices/$vf/driver")
	t_eq "VF $((n + 1)) ($vf) bound to vfio-pci" vfio-pci "${l##*/}"
	g=$(readlink "/sys/bus/pci/devices/$vf/iommu_group")
	g=${g##*/}
	t_ok "VF $((n + 1)) in IOMMU group '$g'" test -n "$g" -a -d "/sys/kernel/iommu_groups/$g"
	t_ok "/dev/vfio/$g present for VF $((n + 1))" test -c "/dev/vfio/$g"
	t_ok "the listener saw VF $((n + 1)) bound to vfio-pci" \
		grep -q "^bind .*/$vf vfio-pci$" "$T/uevents"
done
other=
for vf in $vfs; do
	other="$other$(grep "^bind .*/$vf " "$T/uevents" | grep -v ' vfio-pci$')"
done
t_eq "no VF was ever bound to another driver (xe_sim, the host's nvme)" "" "$other"
t_diag "uevents: $(grep -c '' "$T/uevents"); binds: $(grep '^bind ' "$T/uevents" | tr '\n' ';')"

run vfctl reset "$XE_PF"
t_rc "vfctl reset exits 0" 0
t_eq "... VFs off" 0 "$(cat "$PF/sriov_numvfs")"

# The control: what the check above excludes does happen without vfctl.
# With autoprobe 1, a VF enabled by hand is taken by a host driver:
# vfstub, a native VF driver matched by ID, stands for it (the host's
# nvme cannot drive QEMU's NVMe VFs: 6.1's probes asynchronously and binds
# first, 7.2's fails before binding). Wait for the bind before the marker.
echo 1 >"$PF/sriov_drivers_autoprobe"
t_start "control: vfstub (a native VF driver) loaded" \
	insmod "$VFPROV_MODDIR/vfstub.ko"
t_start "control: a uevent listener runs again" listen_start
echo 1 >"$PF/sriov_numvfs"
i=0
while [ $i -lt 20 ] && ! grep -q '^bind ' "$T/uevents"; do
	sleep 1
	i=$((i + 1))
done
listen_stop
t_diag "by hand: binds: $(grep '^bind ' "$T/uevents" | tr '\n' ';')"
vf=$(readlink "$PF/virtfn0")
vf=${vf##*/}
t_ok "control: autoprobe 1 and a VF enabled by hand: the listener sees it bound to a host driver" \
	sh -c "grep '^bind .*/$vf ' '$T/uevents' | grep -qv ' vfio-pci\$'"
echo 0 >"$PF/sriov_numvfs"
rmmod vfstub
xesim_down
t_done
