# SPDX-License-Identifier: GPL-2.0
# Helpers for the core_* VM tests (sourced after tap.sh).

DEV=/sys/bus/pci/devices

# kv KEY: the value of KEY=... in the words on stdin (first match).
kv() {
	tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# load_vfprov [PARAMS]: insmod unless loaded (then PARAMS are not applied)
load_vfprov() {
	grep -q '^vfprov ' /proc/modules ||
		insmod "$VFPROV_MODDIR/vfprov.ko" "$@"
}

load_sim() {
	grep -q '^atsm_sim ' /proc/modules ||
		insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 2>/dev/null
	[ -e "$DEV/$SIM_PF/driver" ]
}

# The driver of every enabled VF of PF $1 ("-" when unbound), in VF order.
vf_drivers() {
	_n=$(cat "$DEV/$1/sriov_numvfs")
	_i=0
	_out=
	while [ "$_i" -lt "$_n" ]; do
		_d=-
		[ -e "$DEV/$1/virtfn$_i/driver" ] &&
			_d=$(basename "$(readlink "$DEV/$1/virtfn$_i/driver")")
		_out="$_out $_d"
		_i=$((_i + 1))
	done
	echo "${_out# }"
}

# Everything a transaction may change on a pci-backend PF.
pci_state() {
	echo "numvfs=$(cat "$DEV/$1/sriov_numvfs")" \
	     "autoprobe=$(cat "$DEV/$1/sriov_drivers_autoprobe")" \
	     "drivers=$(vf_drivers "$1")"
}

# Every readable prelim_iov file of PF $1 (of pf/ and of the VFs matching
# glob $2, default all) plus its PCI state, one "path:value" per line. One
# grep reads them all: forks are slow under TCG.
sim_state() {
	_iov=$(echo "$DEV/$1"/drm/card*/prelim_iov)
	pci_state "$1"
	(cd "$_iov" && grep -rs '' pf vf${2:-*} | sort)
}

# Bind atsm_sim (module args: "$@") to $SIM_PF; sets IOV and DBG.
sim_up() {
	_pf=$DEV/$SIM_PF
	grep -q '^atsm_sim ' /proc/modules ||
		insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 "$@" || return 1
	if [ ! -e "$_pf/driver" ]; then
		echo atsm_sim > "$_pf/driver_override"
		echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	fi
	IOV=$(echo "$_pf"/drm/card*/prelim_iov)
	DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
	[ -d "$IOV" ]
}

# VF K's attribute of the simulated PF: vfq K ATTR
vfq() {
	cat "$IOV/vf$1/gt/$2"
}
