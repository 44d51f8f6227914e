#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Error codes of I915_PRELIM_ABI.md "Errors", one by one.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start abi=25.1

MiB=1048576
V=$(vf 1)
gm=$(cat $A/ggtt_max_quota); lm=$(cat $A/lmem_max_quota)
cm=$(cat $A/contexts_max_quota)

t_err "EDQUOT: LMEM above lmem_max_quota" EDQUOT $V/lmem_quota $((lm + 2 * MiB))
t_err "EDQUOT: GGTT above ggtt_max_quota" EDQUOT $V/ggtt_quota $((gm + 65536))
t_err "EDQUOT: contexts above contexts_max_quota" EDQUOT $V/contexts_quota $((cm + 128))
t_err "EDQUOT: doorbells above 256" EDQUOT $V/doorbells_quota 257
w $V/lmem_quota $lm
t_eq "exactly lmem_max_quota is accepted" $lm "$(cat $V/lmem_quota)"
w $V/lmem_quota 0

t_err "E2BIG: GGTT larger than the whole 4 GiB GGTT" E2BIG $V/ggtt_quota $((4096 * MiB + 65536))
t_err "EDQUOT (not E2BIG) for exactly 4 GiB" EDQUOT $V/ggtt_quota $((4096 * MiB))
t_err "EOVERFLOW: GGTT rounding overflows" EOVERFLOW $V/ggtt_quota 0xffffffffffff0001
t_err "EOVERFLOW: LMEM rounding overflows" EOVERFLOW $V/lmem_quota 0xffffffffffe00001

# ENOSPC: enough doorbells in total, but no contiguous range
w $(vf 1)/doorbells_quota 100
w $(vf 2)/doorbells_quota 56
w $(vf 3)/doorbells_quota 100
w $(vf 1)/doorbells_quota 0
w $(vf 3)/doorbells_quota 0
t_eq "200 doorbells free, largest hole 100" "200 100" \
	"$(echo $(cat $A/doorbells_free $A/doorbells_max_quota))"
t_err "ENOSPC: 150 doorbells with no 150-hole" ENOSPC $(vf 4)/doorbells_quota 150
w $(vf 4)/doorbells_quota 100
w $(vf 2)/doorbells_quota 0
w $(vf 4)/doorbells_quota 0

t_err "EOPNOTSUPP: setting PF contexts" EOPNOTSUPP $G/contexts_quota 1024

w $G/sched_priority 2
t_err "EINVAL: sched_priority out of range" EINVAL $G/sched_priority 3
t_err "EIO: sched_if_idle while a priority is set" EIO $G/policies/sched_if_idle 1
w $G/sched_priority 0
w $G/policies/sched_if_idle 1
t_err "EIO: sched_priority while sched_if_idle" EIO $G/sched_priority 1
t_err "EIO even for priority 0 (checked first, as in i915)" EIO $G/sched_priority 0
t_err "EIO before EINVAL (checked first, as in i915)" EIO $G/sched_priority 7
w $G/policies/sched_if_idle 0

w $V/ggtt_quota $((64 * MiB))
t_eq "a VF quota switched auto_provisioning off" 0 "$(cat $IOV/pf/auto_provisioning)"
t_err "ESTALE: auto_provisioning on with a non-empty VF" ESTALE $IOV/pf/auto_provisioning 1
w $V/ggtt_quota 0
w $IOV/pf/auto_provisioning 1
t_eq "auto_provisioning back on once all VFs are empty" 1 "$(cat $IOV/pf/auto_provisioning)"

# the PCI core's own errors on sriov_numvfs
t_err "ERANGE: more VFs than sriov_totalvfs" ERANGE $PF/sriov_numvfs 32
t_ok "enable 2 VFs" sysw $PF/sriov_numvfs 2
t_err "EBUSY: nonzero -> other nonzero" EBUSY $PF/sriov_numvfs 3
t_eq "still 2 VFs" 2 "$(numvfs)"
t_ok "disable" sysw $PF/sriov_numvfs 0
t_ok "unbind" sh -c "echo $SIM_PF > $PF/driver/unbind"
t_err "ENOENT: no PF driver" ENOENT $PF/sriov_numvfs 1

sim_down
t_done
