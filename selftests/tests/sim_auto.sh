#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# auto_provisioning (I915_PRELIM_ABI.md "Sharp edges"): any non-zero VF
# quota, and also a non-zero VF exec_quantum_ms / preempt_timeout_us,
# switches it off; turning it back on needs every VF config empty (ESTALE).
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start abi=25.1

AP=$IOV/pf/auto_provisioning
t_eq "starts on" 1 "$(cat $AP)"
w $(vf 1)/exec_quantum_ms 0
w $(vf 1)/preempt_timeout_us 0
w $(vf 1)/ggtt_quota 0
t_eq "zero writes on empty VFs keep it on" 1 "$(cat $AP)"
w $G/exec_quantum_ms 20
w $G/preempt_timeout_us 20000
w $G/sched_priority 1
t_eq "PF scheduling writes keep it on" 1 "$(cat $AP)"
w $G/ggtt_spare 0x10000000
t_eq "PF spare writes keep it on" 1 "$(cat $AP)"
w $G/sched_priority 0

for f in exec_quantum_ms:5 preempt_timeout_us:1000 ggtt_quota:0x100000 \
	lmem_quota:0x200000 contexts_quota:128 doorbells_quota:1 \
	threshold/irq_time_us:1; do
	w $AP 1
	w $(vf 3)/${f%%:*} ${f#*:}
	t_eq "non-zero VF ${f%%:*} switches it off" 0 "$(cat $AP)"
	w $(vf 3)/${f%%:*} 0
done

w $(vf 2)/lmem_quota 0x200000
t_err "on again with VF2 holding LMEM" ESTALE $AP 1
w $(vf 2)/exec_quantum_ms 7
w $(vf 2)/lmem_quota 0
w $AP 1
t_eq "a VF with only scheduling values counts as empty" 1 "$(cat $AP)"
w $AP 0
t_eq "off is always allowed" 0 "$(cat $AP)"
w $AP 0
t_eq "writing the current value is accepted" 0 "$(cat $AP)"

# "Writing only scheduling values and then enabling VFs gives VFs without
# GGTT/LMEM" - late provisioning
w $AP 1
w $(vf 1)/exec_quantum_ms 10
t_ok "enable 2 VFs after a scheduling-only write" sysw $PF/sriov_numvfs 2
t_eq "VF1 got no GGTT/LMEM" "0 0" "$(echo $(cat $(vf 1)/ggtt_quota $(vf 1)/lmem_quota))"
t_ok "disable" sysw $PF/sriov_numvfs 0

sim_down
t_done
