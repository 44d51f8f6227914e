# SPDX-License-Identifier: GPL-2.0
# The simulated xe PF (selftests/xe_sim, docs/xe_sim.md) for the xesim_*
# tests (sourced after tap.sh, busybox sh). $XE_PF carries the override
# xe_sim from boot, so loading the module binds it; the runner unloads it
# after every test (baseline.sh).
#
#   xesim_up [PARAMS]   xe_sim loaded with PARAMS (reloaded if it was) and
#                       bound to $XE_PF; sets PF ADMIN DRI SR KNOB
#   xesim_bound         whether xe_sim drives $XE_PF
#   xesim_down          VFs off, xe_sim unloaded
#   xw FILE VALUE       a write that must succeed (a TAP case)
#   xr FILE             read FILE, or print the errno name of the failure
#   gt_eq DESC WANT FILE...  every FILE (one per GT, VF...) reads WANT
#   xe_st               everything a transaction may change on $XE_PF:
#                       PCI state, every readable sriov_admin and debugfs
#                       sriov/ file, and the mode xe_sim is in (xe has no
#                       file for it: the backend tracks it); but where in
#                       GGTT and the GuC ID space a VF sits (the
#                       *_provisioned ranges, ggtt_available's holes): an
#                       undo gives quotas back newest first, so the blocks
#                       may swap places (docs/xe_backend.md)

. "${0%/*}/../lib/tap.sh"
PATH=$PATH:/selftests/tools

xesim_down() {
	_pf=/sys/bus/pci/devices/$XE_PF
	[ -e "$_pf/sriov_numvfs" ] && echo 0 > "$_pf/sriov_numvfs" 2>/dev/null
	grep -q '^xe_sim ' /proc/modules && rmmod xe_sim
	return 0
}

xesim_up() {
	xesim_down
	insmod "$VFPROV_MODDIR/xe_sim.ko" "$@" || return 1
	PF=/sys/bus/pci/devices/$XE_PF
	ADMIN=$PF/sriov_admin
	DRI=/sys/kernel/debug/dri/$XE_PF
	SR=$DRI/sriov
	KNOB=/sys/kernel/debug/xe_sim/$XE_PF
	xesim_bound
}

xesim_bound() {
	[ -e "$PF/driver" ] &&
		[ "$(basename "$(readlink "$PF/driver")")" = xe_sim ]
}

xw() { t_ok "write $2 > ${1#/sys/}" sysw "$1" "$2"; }
xr() { sysr "$1"; }

gt_eq() {
	_d=$1 _want=$2
	shift 2
	_got=
	for _f in "$@"; do
		_got="$_got $(sysr "$_f")"
	done
	_exp=
	for _f in "$@"; do
		_exp="$_exp $_want"
	done
	t_eq "$_d" "$_exp" "$_got"
}

# One grep per tree reads them all (forks are slow under TCG); -r does not
# follow the compat links, so each value is read once.
xe_st() {
	echo "numvfs=$(cat "$PF/sriov_numvfs")" \
	     "autoprobe=$(cat "$PF/sriov_drivers_autoprobe")" \
	     "mode=$(cat "$KNOB/mode")"
	for _v in "$PF"/virtfn*; do
		[ -e "$_v/driver" ] && echo "${_v##*/}: $(basename "$(readlink "$_v/driver")")"
	done
	(cd "$ADMIN" && grep -rs '' pf vf* | sort)
	(cd "$SR" && grep -rs '' pf vf* | grep -v '_provisioned:\|ggtt_available:range' | sort)
}
