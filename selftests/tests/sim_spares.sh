#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# PF spares (I915_PRELIM_ABI.md): GGTT >= 64 MiB, LMEM >= 128 MiB,
# contexts >= 256, doorbells <= 256 (i915 has no doorbell minimum); 0
# means "the minimum"; spares shrink what VFs may get.
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

sim_start

MiB=1048576
t_err "ggtt_spare 1 MiB below minimum" EINVAL $G/ggtt_spare $MiB
t_err "ggtt_spare 64 MiB - 1 below minimum" EINVAL $G/ggtt_spare $((64 * MiB - 1))
w $G/ggtt_spare $((64 * MiB))
t_err "lmem_spare 64 MiB below minimum" EINVAL $G/lmem_spare $((64 * MiB))
w $G/lmem_spare $((128 * MiB))
t_err "contexts_spare 255 below minimum" EINVAL $G/contexts_spare 255
w $G/contexts_spare 256
t_err "doorbells_spare 257 above GUC_NUM_DOORBELLS" EINVAL $G/doorbells_spare 257
w $G/doorbells_spare 1
t_eq "doorbells_spare 1 accepted (no minimum)" 1 "$(cat $G/doorbells_spare)"
w $G/doorbells_spare 0

g0=$(cat $A/ggtt_free); l0=$(cat $A/lmem_free); lm0=$(cat $A/lmem_max_quota)
c0=$(cat $A/contexts_free)
w $G/ggtt_spare $((1024 * MiB))
t_eq "ggtt_free shrinks by the extra spare" $((g0 - 960 * MiB)) "$(cat $A/ggtt_free)"
t_eq "ggtt_max_quota follows" $((g0 - 960 * MiB)) "$(cat $A/ggtt_max_quota)"
w $G/lmem_spare $((1024 * MiB))
t_eq "lmem_free ignores the spare (as in i915)" $l0 "$(cat $A/lmem_free)"
t_eq "lmem_max_quota shrinks by the extra spare" $((lm0 - 896 * MiB)) "$(cat $A/lmem_max_quota)"
t_err "a VF cannot take the LMEM spare" EDQUOT $(vf 1)/lmem_quota $((lm0 - 512 * MiB))
# PF keeps 2047 contexts; a spare above that reserves whole 128-blocks
w $G/contexts_spare 4096
t_eq "contexts_free shrinks by the reserve (2049 -> 2176)" $((c0 - 2176)) "$(cat $A/contexts_free)"
w $G/contexts_spare 0
t_eq "contexts_free restored" $c0 "$(cat $A/contexts_free)"

w $G/doorbells_spare 250
t_eq "doorbells_max_quota ignores the spare (as in i915)" 256 "$(cat $A/doorbells_max_quota)"
w $(vf 1)/doorbells_quota 6
t_err "doorbells beyond total - spare" EDQUOT $(vf 1)/doorbells_quota 7
t_eq "the failed resize released the 6 doorbells" 0 "$(cat $(vf 1)/doorbells_quota)"
w $G/doorbells_quota 3
t_eq "PF doorbells_quota store is an alias of doorbells_spare" 3 "$(cat $G/doorbells_spare)"
t_eq "PF doorbells_quota show is an alias of doorbells_free" 256 "$(cat $G/doorbells_quota)"

sim_down
t_done
