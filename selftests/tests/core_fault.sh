#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Journal and undo against atsm_sim's fault injection: for every store of
# four transactions (the Nth prelim_iov write fails, N = 1..all), the
# result is "rolled_back" with the injected errno, the generation stays,
# and the PF reads back exactly as before (every prelim_iov file of the PF
# and VFs 1-6, sriov_numvfs, autoprobe, VF drivers); armed past the last
# store, the apply commits. The sweep is rel_faults_sim's (lib/rel.sh);
# core_undo.sh covers enable/disable failures, a failing undo and events.
. "${0%/*}/../lib/rel.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov

state() { sim_state "$SIM_PF" '[1-6]'; }

A="num=2 drv=vfio vf1.lmem=1073741824 vf1.eq=10 vf2.pt=30000"
A_NONE="num=2 drv=none vf1.lmem=1073741824 vf1.eq=10 vf2.pt=30000"
B="num=3 drv=vfio vf2.lmem=2147483648 vf3.ggtt=268435456 eq=20 pt=20000 idle=1"
sweep sim "$SIM_PF" state "pristine -> 3 VFs" pristine "$B"
sweep sim "$SIM_PF" state "2 VFs -> 3 VFs" "$A" "$B"
sweep sim "$SIM_PF" state "2 VFs -> new quotas" "$A_NONE" "num=2 vf1.lmem=536870912 vf2.ctx=2048"
sweep sim "$SIM_PF" state "2 VFs -> 0 VFs" "$A_NONE" "num=0"

t_ok "rmmod vfprov" rmmod vfprov
t_done
