#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# variant=flex140: two GTs (gt0/, gt1/ instead of gt/), 6 GiB LMEM each;
# verification and auto-provisioning run per GT.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start variant=flex140

MiB=1048576
t_ok "pf has gt0 and gt1, no gt" test -d $IOV/pf/gt0 -a -d $IOV/pf/gt1 -a ! -e $IOV/pf/gt
t_ok "vf1 has gt0 and gt1" test -d $IOV/vf1/gt0 -a -d $IOV/vf1/gt1
t_eq "gt1 LMEM free: 6 GiB - 128 MiB - 64 KiB LMTT root" $(((6144 - 128) * MiB - 65536)) "$(cat $IOV/pf/gt1/available/lmem_free)"
t_eq "each GT has its own GGTT" "$(cat $IOV/pf/gt0/available/ggtt_free)" \
	"$(cat $IOV/pf/gt1/available/ggtt_free)"

lm=$(cat $IOV/pf/gt1/available/lmem_max_quota)
t_ok "enable 3 VFs (auto)" sysw $PF/sriov_numvfs 3
f=$(( lm / 3 / (2 * MiB) * (2 * MiB) ))
f=$(( (f - 262144 - (f + 2 * (2 * MiB - 1)) / (2 * MiB) * 4096) / (2 * MiB) * (2 * MiB) ))
t_eq "gt1 fair LMEM share (less the LMTT and PPGTT estimates)" $f "$(cat $IOV/vf3/gt1/lmem_quota)"
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
