#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Per-VF LMEM overhead (I915_PRELIM_ABI.md "Corrections and additions"):
# every VF holding LMEM also costs its LMTT leaf table, 256 KiB of the
# same pool lmem_free reports; i915's auto fair share takes the LMTT and
# PPGTT estimates off each share when num_vfs > 1; a plan that hands out
# all of lmem_max_quota fails with EDQUOT on its last VF.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
KiB=1024
LMTT=$((256 * KiB))

sim_start max_vfs=31

l0=$(cat $A/lmem_free)
t_eq "lmem_free: 16 GiB - 128 MiB PF use - 64 KiB LMTT root" \
	$(( (16384 - 128) * MiB - 64 * KiB )) $l0

w $(vf 1)/lmem_quota $((1024 * MiB))
t_eq "1 GiB for VF1 costs 1 GiB + its 256 KiB LMTT" $((l0 - 1024 * MiB - LMTT)) "$(cat $A/lmem_free)"
w $(vf 2)/lmem_quota $((2 * MiB))
t_eq "2 MiB for VF2 costs 2 MiB + 256 KiB" $((l0 - 1026 * MiB - 2 * LMTT)) "$(cat $A/lmem_free)"
w $(vf 1)/lmem_quota $((512 * MiB))
t_eq "a resize keeps one LMTT per VF" $((l0 - 514 * MiB - 2 * LMTT)) "$(cat $A/lmem_free)"
t_eq "lmem_max_quota is (free - spare) rounded down to 2 MiB" \
	$(( (l0 - 514 * MiB - 2 * LMTT - 128 * MiB) / (2 * MiB) * (2 * MiB) )) "$(cat $A/lmem_max_quota)"
w $(vf 1)/lmem_quota 0
t_eq "LMEM 0 releases the VF's LMTT too" $((l0 - 2 * MiB - LMTT)) "$(cat $A/lmem_free)"
w $IOV/vf2/control clear
t_eq "clear gives everything back" $l0 "$(cat $A/lmem_free)"

# A planner that hands out all of lmem_max_quota over 16 VFs (15 x max/16,
# the rest to the last) fails on the last VF: the 15 earlier VFs also took
# 256 KiB of LMTT each, more than the < 2 MiB that rounding can leave over.
max=$(cat $A/lmem_max_quota)
q=$(( max / 16 / (2 * MiB) * (2 * MiB) ))
k=1
while [ $k -le 15 ]; do
	w $(vf $k)/lmem_quota $q
	k=$((k + 1))
done
t_err "the 16th VF, given the rest of max_quota, is refused with EDQUOT" EDQUOT \
	$(vf 16)/lmem_quota $((max - 15 * q))
t_eq "the refused VF has no LMEM" 0 "$(cat $(vf 16)/lmem_quota)"
k=1
while [ $k -le 15 ]; do
	echo clear > $IOV/vf$k/control
	k=$((k + 1))
done
t_eq "all released" $l0 "$(cat $A/lmem_free)"
w $IOV/pf/auto_provisioning 1

# i915's own fair share for 4 VFs (pf_auto_provision_lmem)
fair=$(( max / 4 / (2 * MiB) * (2 * MiB) ))
pt=$(( (fair + 2 * (2 * MiB - 1)) / (2 * MiB) * 4096 ))
fair=$(( (fair - LMTT - pt) / (2 * MiB) * (2 * MiB) ))
t_ok "auto-provisioned enable of 4 VFs" sysw $PF/sriov_numvfs 4
t_eq "fair share = (max/4 - LMTT - PPGTT estimate), 2 MiB aligned" $fair "$(cat $(vf 4)/lmem_quota)"
t_eq "lmem_free dropped by 4 x (share + LMTT)" $((l0 - 4 * (fair + LMTT))) "$(cat $A/lmem_free)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_eq "auto share and LMTTs released" $l0 "$(cat $A/lmem_free)"
t_ok "one auto VF" sysw $PF/sriov_numvfs 1
t_eq "one VF gets all of max_quota (no estimate for num_vfs = 1)" $max "$(cat $(vf 1)/lmem_quota)"
t_ok "disable" sysw $PF/sriov_numvfs 0

# the kinder model, for comparison: lmem_overhead=0
sim_start max_vfs=31 lmem_overhead=0
l0=$(cat $A/lmem_free)
t_eq "without the overhead: no LMTT root" $(( (16384 - 128) * MiB )) $l0
w $(vf 1)/lmem_quota $((1024 * MiB))
t_eq "without the overhead: free drops by the quota only" $((l0 - 1024 * MiB)) "$(cat $A/lmem_free)"

sim_down
t_done
