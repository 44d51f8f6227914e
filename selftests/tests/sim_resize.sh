#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A resize is not atomic (I915_PRELIM_ABI.md "Sharp edges"): the old
# allocation is freed first, so a rejected resize leaves the VF with nothing.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

MiB=1048576
V=$(vf 1)
w $IOV/pf/auto_provisioning 0
g0=$(cat $A/ggtt_free); l0=$(cat $A/lmem_free)
c0=$(cat $A/contexts_free); d0=$(cat $A/doorbells_free)

w $V/lmem_quota $((1024 * MiB))
w $V/lmem_quota $((2048 * MiB))
t_eq "a valid resize moves the accounting (quota + 256 KiB LMTT)" $((l0 - 2048 * MiB - 262144)) "$(cat $A/lmem_free)"
w $V/lmem_quota $((2048 * MiB - 1))
t_eq "same rounded size is a no-op" $((2048 * MiB)) "$(cat $V/lmem_quota)"
big=$(( $(cat $A/lmem_max_quota) + 2048 * MiB + 2 * MiB ))
t_err "LMEM resize beyond what exists" EDQUOT $V/lmem_quota $big
t_eq "VF left with no LMEM" 0 "$(cat $V/lmem_quota)"
t_eq "its old LMEM went back to the pool" $l0 "$(cat $A/lmem_free)"

w $V/ggtt_quota $((512 * MiB))
big=$(( $(cat $A/ggtt_max_quota) + 512 * MiB + 65536 ))
t_err "GGTT resize beyond what exists" EDQUOT $V/ggtt_quota $big
t_eq "VF left with no GGTT" 0 "$(cat $V/ggtt_quota)"
t_eq "ggtt_free restored" $g0 "$(cat $A/ggtt_free)"

w $V/contexts_quota 1024
t_err "contexts resize beyond what exists" EDQUOT $V/contexts_quota $((c0 + 128))
t_eq "VF left with no contexts" 0 "$(cat $V/contexts_quota)"
t_eq "contexts_free restored" $c0 "$(cat $A/contexts_free)"

w $V/doorbells_quota 16
t_err "doorbells resize beyond 256" EDQUOT $V/doorbells_quota 257
t_eq "VF left with no doorbells" 0 "$(cat $V/doorbells_quota)"
t_eq "doorbells_free restored" $d0 "$(cat $A/doorbells_free)"

# the same on a running VF: the live VF loses its LMEM
w $V/ggtt_quota $((512 * MiB))
w $V/lmem_quota $((1024 * MiB))
w $V/contexts_quota 1024
t_ok "enable 1 VF" sysw $PF/sriov_numvfs 1
big=$(( $(cat $A/lmem_max_quota) + 1024 * MiB + 2 * MiB ))
t_err "resize of a running VF fails" EDQUOT $V/lmem_quota $big
t_eq "running VF left with no LMEM" 0 "$(cat $V/lmem_quota)"
t_eq "VF is still enabled" 1 "$(numvfs)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_eq "manual GGTT survives the disable" $((512 * MiB)) "$(cat $V/ggtt_quota)"

sim_down
t_done
