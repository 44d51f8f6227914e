# SPDX-License-Identifier: GPL-2.0
# Loading the modules under test (sourced after tap.sh, busybox sh). The
# runner unloads both after every test (selftests/lib/baseline.sh), so a
# test starts with neither loaded, $SIM_PF unbound with driver_override
# atsm_sim, and no VFs anywhere.
#
#   sim_insmod [PARAMS]   the one place that loads atsm_sim.ko
#   sim_up [PARAMS]       atsm_sim loaded (PARAMS apply only if it was not)
#                         and bound to $SIM_PF; sets CARD IOV DBG
#   sim_down              VFs off, $SIM_PF unbound, atsm_sim unloaded
#   sim_fresh [PARAMS]    sim_down, then sim_up PARAMS
#   vfprov_insmod [PARAMS] the one place that loads vfprov.ko: with
#                         pci_allow naming $PCI_PF (and $BIG_PF), so the
#                         generic pci backend may change them (a later
#                         pci_allow= in PARAMS wins)
#   load_vfprov [PARAMS]  insmod vfprov.ko unless loaded
#   reload_vfprov [PARAMS] rmmod (if loaded) and insmod with PARAMS
#   sim_vfprov [PARAMS]   sim_up, then load_vfprov PARAMS
#   t_start DESC CMD...   run CMD in this shell: a passing case, or a failing
#                         one and the end of the test (nothing can follow)

# atsm_sim's max_vfs defaults to 0 as i915's does: ask for the 31 VFs of
# the test PF (a later max_vfs=N in PARAMS wins).
sim_insmod() {
	insmod "$VFPROV_MODDIR/atsm_sim.ko" max_vfs=31 "$@"
}

_sim_paths() {
	CARD=$(ls -d "/sys/bus/pci/devices/$SIM_PF"/drm/card* 2>/dev/null | head -n 1)
	IOV=$CARD/prelim_iov
	DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
}

sim_up() {
	_pf=/sys/bus/pci/devices/$SIM_PF
	grep -q '^atsm_sim ' /proc/modules || sim_insmod "$@" || return 1
	if [ ! -e "$_pf/driver" ]; then
		echo atsm_sim > "$_pf/driver_override"
		echo 0 > "$_pf/sriov_drivers_autoprobe"
		echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	fi
	_sim_paths
	[ -n "$CARD" ] && [ -d "$IOV" ]
}

sim_down() {
	_pf=/sys/bus/pci/devices/$SIM_PF
	if [ "$(basename "$(readlink "$_pf/driver" 2>/dev/null)")" = atsm_sim ]; then
		echo 0 > "$_pf/sriov_numvfs" 2>/dev/null
		echo "$SIM_PF" > "$_pf/driver/unbind"
	fi
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	return 0
}

sim_fresh() {
	sim_down
	sim_up "$@"
}

vfprov_insmod() {
	insmod "$VFPROV_MODDIR/vfprov.ko" \
		"pci_allow=$PCI_PF${BIG_PF:+,$BIG_PF}" "$@"
}

load_vfprov() {
	grep -q '^vfprov ' /proc/modules || vfprov_insmod "$@"
}

reload_vfprov() {
	if grep -q '^vfprov ' /proc/modules; then
		rmmod vfprov || return 1
	fi
	vfprov_insmod "$@"
}

sim_vfprov() {
	sim_up && load_vfprov "$@"
}

# Not through t_ok, which runs its command in a subshell: CMD sets
# variables (IOV, DBG) the test goes on using.
t_start() {
	_d=$1
	shift
	if "$@"; then
		t_pass "setup: $_d"
	else
		t_fail "setup: $_d" "failed: $*"
		t_done
	fi
}
