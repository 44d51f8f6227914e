# SPDX-License-Identifier: GPL-2.0
# Helpers for the core_* VM tests (sourced after tap.sh).

DEV=/sys/bus/pci/devices

# kv KEY: the value of KEY=... in the words on stdin (first match).
kv() {
	tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

load_vfprov() {
	grep -q '^vfprov ' /proc/modules || insmod "$VFPROV_MODDIR/vfprov.ko"
}

load_sim() {
	grep -q '^atsm_sim ' /proc/modules ||
		insmod "$VFPROV_MODDIR/atsm_sim.ko" 2>/dev/null
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

# Every readable prelim_iov file of PF $1 plus its PCI state, one per line.
sim_state() {
	_iov=$(echo "$DEV/$1"/drm/card*/prelim_iov)
	pci_state "$1"
	find "$_iov/" -type f | sort | while read -r _f; do
		case $_f in
		*/control | */id) continue ;;
		esac
		_v=$(cat "$_f" 2>/dev/null) || continue
		echo "${_f#"$_iov"/}=$_v"
	done
}
