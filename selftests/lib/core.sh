# SPDX-License-Identifier: GPL-2.0
# Helpers for the core_* VM tests (sourced first; brings tap.sh and load.sh).

_lib=${VFPROV_LIB:-${0%/*}/../lib}
. "$_lib/tap.sh"
. "$_lib/load.sh"
DEV=/sys/bus/pci/devices

# kv KEY: the value of KEY=... in the words on stdin (first match).
kv() {
	tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# hold_vf VF SECS OUT: open VF through VFIO in the background as a guest
# would (vfio_hold, writing OUT) for SECS seconds and wait (bounded) until
# it holds it; $hold is its pid. The caller asserts with grep -q held OUT.
hold_vf() {
	vfio_hold "$1" "$2" > "$3" 2>&1 &
	hold=$!
	_i=0
	while ! grep -q held "$3" && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}

# mon_ready FILE: the monitor writing FILE has subscribed (bounded wait)
mon_ready() {
	_i=0
	while ! grep -q '^monitoring' "$1" 2>/dev/null && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
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

# VF K's attribute of the simulated PF: vfq K ATTR
vfq() {
	cat "$IOV/vf$1/gt/$2"
}
