#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# variant=flex140: two GTs (gt0/, gt1/ instead of gt/), 6 GiB LMEM each;
# verification and auto-provisioning run per GT.
. "${0%/*}/../lib/tap.sh"

# --- common to the sim_*.sh tests (kept inline: each test stands alone) ---
PF=/sys/bus/pci/devices/$SIM_PF
sim_down() {
	if [ "$(basename "$(readlink $PF/driver 2>/dev/null)")" = atsm_sim ]; then
		echo 0 > $PF/sriov_numvfs 2>/dev/null
		echo "$SIM_PF" > $PF/driver/unbind
	fi
	grep -q '^atsm_sim ' /proc/modules && rmmod atsm_sim
	return 0
}
# sim_up [module params]: fresh module, PF bound, path variables set
sim_up() {
	sim_down
	insmod "$VFPROV_MODDIR/atsm_sim.ko" "$@" || return 1
	echo atsm_sim > $PF/driver_override
	echo 0 > $PF/sriov_drivers_autoprobe
	echo "$SIM_PF" > /sys/bus/pci/drivers_probe
	CARD=$(ls -d $PF/drm/card* 2>/dev/null | head -n 1)
	IOV=$CARD/prelim_iov
	G=$IOV/pf/gt
	A=$G/available
	DBG=/sys/kernel/debug/atsm_sim/$SIM_PF
	[ -d "$IOV" ]
}
# not through t_ok, which runs its command in a subshell
sim_start() {
	if sim_up "$@"; then
		t_pass "setup: atsm_sim $* bound to $SIM_PF"
	else
		t_fail "setup: atsm_sim $* bound to $SIM_PF"
		sim_down
		t_done
	fi
}
vf() { echo "$IOV/vf$1/gt"; }
# w FILE VALUE: a write that must succeed
w() { t_ok "write $2 > ${1#$IOV/}" sysw "$1" "$2"; }
numvfs() { cat $PF/sriov_numvfs; }
# --- end of common part ---

sim_start variant=flex140

MiB=1048576
t_ok "pf has gt0 and gt1, no gt" test -d $IOV/pf/gt0 -a -d $IOV/pf/gt1 -a ! -e $IOV/pf/gt
t_ok "vf1 has gt0 and gt1" test -d $IOV/vf1/gt0 -a -d $IOV/vf1/gt1
t_eq "gt1 LMEM free: 6 GiB - 128 MiB" $(((6144 - 128) * MiB)) "$(cat $IOV/pf/gt1/available/lmem_free)"
t_eq "each GT has its own GGTT" "$(cat $IOV/pf/gt0/available/ggtt_free)" \
	"$(cat $IOV/pf/gt1/available/ggtt_free)"

lm=$(cat $IOV/pf/gt1/available/lmem_max_quota)
t_ok "enable 3 VFs (auto)" sysw $PF/sriov_numvfs 3
t_eq "gt1 fair LMEM share" $(( lm / 3 / (2 * MiB) * (2 * MiB) )) "$(cat $IOV/vf3/gt1/lmem_quota)"
t_eq "gt0 got a share too" "$(cat $IOV/vf3/gt1/lmem_quota)" "$(cat $IOV/vf3/gt0/lmem_quota)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_eq "released on both GTs" "0 0" "$(echo $(cat $IOV/vf3/gt0/lmem_quota $IOV/vf3/gt1/lmem_quota))"

w $IOV/vf1/gt1/lmem_quota $((512 * MiB))
t_err "ESTALE looks at every GT" ESTALE $IOV/pf/auto_provisioning 1
w $IOV/vf1/gt1/ggtt_quota $((256 * MiB))
t_err "ENOKEY: VF1 partial on gt1" ENOKEY $PF/sriov_numvfs 1
w $IOV/vf1/gt1/contexts_quota 1024
w $IOV/vf1/gt0/ggtt_quota $((256 * MiB))
t_err "ENOKEY: VF1 partial on gt0" ENOKEY $PF/sriov_numvfs 1
w $IOV/vf1/gt0/ggtt_quota 0
t_ok "valid on gt1 and empty on gt0 is accepted (i915: per-GT check)" sysw $PF/sriov_numvfs 1
t_ok "disable" sysw $PF/sriov_numvfs 0

sim_down
t_done
