# SPDX-License-Identifier: GPL-2.0
# Helpers for the configfs VM tests (sourced after tap.sh, busybox sh).
#
#   cfs_setup            atsm_sim bound to $SIM_PF, vfprov.ko loaded fresh;
#                        sets PF, IOV, DBG, C (the vfprov configfs root), P
#                        (P=$C/$SIM_PF, not created)
#   cfs_teardown         rmdir every vfprov configfs dir, VFs off, unload
#   hw_dump              every readable prelim_iov file + sriov_numvfs, sorted
#   mkdir_err DIR        mkdir; prints "" on success or the errno name
#   rmdir_err DIR        same for rmdir
#   sim_fault KNOB VAL   write an atsm_sim debugfs knob
#   wait_for CMD...      poll CMD (up to ~20 s), status 0 when it succeeded

C=/sys/kernel/config/vfprov
PF=/sys/bus/pci/devices/$SIM_PF
P=$C/$SIM_PF

# busybox prints strerror(); map the texts we expect back to errno names.
_errname() {
	case $1 in
	*"No such device"*) echo ENODEV ;;
	*"Invalid argument"*) echo EINVAL ;;
	*"File exists"*) echo EEXIST ;;
	*"Device or resource busy"*) echo EBUSY ;;
	*"Directory not empty"*) echo ENOTEMPTY ;;
	*"No such file or directory"*) echo ENOENT ;;
	*"Operation not permitted"*) echo EPERM ;;
	*"Out of memory"*|*"Cannot allocate memory"*) echo ENOMEM ;;
	*) echo "?($1)" ;;
	esac
}

mkdir_err() {
	_m=$(mkdir "$1" 2>&1) && return 0
	_errname "$_m"
}

rmdir_err() {
	_m=$(rmdir "$1" 2>&1) && return 0
	_errname "$_m"
}

sim_fault() {
	echo "$2" > "$DBG/$1"
}

wait_for() {
	_i=0
	while [ $_i -lt 200 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# Remove every staging directory (VF dirs first), so vfprov can unload.
cfs_rmdirs() {
	[ -d "$C" ] || return 0
	for _d in "$C"/*/; do
		[ -d "$_d" ] || continue
		for _v in "$_d"vf*/; do
			[ -d "$_v" ] && rmdir "$_v"
		done
		rmdir "$_d"
	done
	return 0
}

sim_down() {
	if [ "$(basename "$(readlink "$PF/driver" 2>/dev/null)")" = atsm_sim ]; then
		echo 0 > "$PF/sriov_numvfs" 2>/dev/null
		echo "$SIM_PF" > "$PF/driver/unbind"
	fi
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	return 0
}

sim_up() {
	sim_down
	insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 "$@" || return 1
	echo atsm_sim > "$PF/driver_override"
	echo 0 > "$PF/sriov_drivers_autoprobe"
	echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	CARD=$(ls -d "$PF"/drm/card* 2>/dev/null | head -n 1)
	IOV=$CARD/prelim_iov
	DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
	[ -d "$IOV" ]
}

cfs_setup() {
	cfs_rmdirs
	grep -q '^vfprov ' /proc/modules && rmmod vfprov
	sim_up || return 1
	insmod "$VFPROV_MODDIR/vfprov.ko" || return 1
	[ -d "$C" ]
}

cfs_teardown() {
	cfs_rmdirs
	echo 0 > "$PF/sriov_numvfs" 2>/dev/null
	echo 0 > "/sys/bus/pci/devices/$PCI_PF/sriov_numvfs" 2>/dev/null
	grep -q '^vfprov ' /proc/modules && rmmod vfprov
	sim_down
}

# The whole device-side provisioning state: what a failed commit must not
# change. Write-only files (vfK/control) read as errors and are skipped.
hw_dump() {
	find "$IOV/" -type f | sort | while read -r _f; do
		_v=$(cat "$_f" 2>/dev/null) || continue
		echo "${_f#"$IOV"/}=$_v"
	done
	echo "sriov_numvfs=$(cat "$PF/sriov_numvfs")"
}

# Live value of a prelim_iov file of VF $1: iov_vf 3 lmem_quota
iov_vf() {
	cat "$IOV/vf$1/gt/$2"
}

# cfs_do DESC DIR commit|reset: must succeed; a failure shows last_error.
cfs_do() {
	_r=$(sysw "$2/$3" 1)
	if [ -z "$_r" ]; then
		t_pass "$1"
	else
		t_fail "$1" "$3 -> $_r; last_error: $(cat "$2/last_error")"
	fi
}
