#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ECC (I915_PRELIM_ABI.md "Corrections and additions"): with ECC on, usable
# LMEM is smaller. XPU Manager learns the state from the GSC firmware
# (igsc_ecc_config_get over MEI), not from i915 sysfs; the simulator shows
# that answer in debugfs ecc_state ("current pending").
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
sim_start
t_eq "ECC off: state 0 0" "0 0" "$(cat $DBG/ecc_state)"
off=$(cat $A/lmem_free)

sim_start ecc=1
t_eq "ECC on: state 1 1" "1 1" "$(cat $DBG/ecc_state)"
on=$(cat $A/lmem_free)
t_eq "ECC on: 1/8 of the 16 GiB holds the codes" $((off - 2048 * MiB)) $on
# XPU Manager's Flex 170 1-VF rows: VF_LMEM without ECC does not fit, VF_LMEM_ECC does
w $(vf 1)/ggtt_quota 4026531840
w $(vf 1)/contexts_quota 1024
t_err "ECC on: the non-ECC 1-VF LMEM (16777216000) is refused" EDQUOT $(vf 1)/lmem_quota 16777216000
w $(vf 1)/lmem_quota 14199816192
t_ok "ECC on: the VF_LMEM_ECC value fits and enables" sysw $PF/sriov_numvfs 1
t_ok "disable" sysw $PF/sriov_numvfs 0

sim_start variant=flex140 ecc=1
t_eq "ECC on, Flex 140 GPU: 6 GiB x 7/8 - 128 MiB - 64 KiB" $(( (5376 - 128) * MiB - 65536 )) "$(cat $A/lmem_free)"
sim_down
t_done
