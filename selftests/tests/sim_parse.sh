#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Values are parsed with kstrto* base 0 (I915_PRELIM_ABI.md "Layout"):
# hex and octal accepted, malformed input refused by the parser itself.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start abi=25.1

V=$(vf 1)
w $V/ggtt_quota 0x100000
t_eq "hex GGTT quota" 1048576 "$(cat $V/ggtt_quota)"
w $V/lmem_quota 0x40000000
t_eq "hex LMEM quota" 1073741824 "$(cat $V/lmem_quota)"
w $V/contexts_quota 0400
t_eq "octal contexts quota (0400 = 256)" 256 "$(cat $V/contexts_quota)"
w $V/doorbells_quota 0x10
t_eq "hex doorbells quota" 16 "$(cat $V/doorbells_quota)"
w $V/exec_quantum_ms 0x14
t_eq "hex exec_quantum_ms" 20 "$(cat $V/exec_quantum_ms)"
w $V/preempt_timeout_us 0x4e20
t_eq "hex preempt_timeout_us" 20000 "$(cat $V/preempt_timeout_us)"
w $V/threshold/page_fault_count 0x7
t_eq "hex threshold" 7 "$(cat $V/threshold/page_fault_count)"
w $G/ggtt_spare 0x8000000
t_eq "hex ggtt_spare" 134217728 "$(cat $G/ggtt_spare)"
w $G/policies/sample_period_ms 0x0a
t_eq "hex sample_period_ms" 10 "$(cat $G/policies/sample_period_ms)"
t_ok "trailing newline accepted" sh -c "echo 0x20 > $V/doorbells_quota"
t_eq "doorbells after 'echo 0x20'" 32 "$(cat $V/doorbells_quota)"

t_err "garbage refused" EINVAL $V/ggtt_quota 12abc
t_err "blank value refused" EINVAL $V/lmem_quota " "
t_err "negative refused" EINVAL $V/lmem_quota -1
t_err "u16 contexts above 65535" ERANGE $V/contexts_quota 70000
t_err "u16 doorbells above 65535" ERANGE $V/doorbells_quota 0x10000
t_err "u32 exec_quantum above 2^32-1" ERANGE $V/exec_quantum_ms 0x100000000
t_err "u8 sched_priority above 255" ERANGE $G/sched_priority 256
t_eq "refused writes changed nothing" "1048576 1073741824 32" \
	"$(echo $(cat $V/ggtt_quota $V/lmem_quota $V/doorbells_quota))"

w $G/policies/sched_if_idle y
t_eq "bool 'y'" 1 "$(cat $G/policies/sched_if_idle)"
w $G/policies/sched_if_idle off
t_eq "bool 'off'" 0 "$(cat $G/policies/sched_if_idle)"
t_err "bool garbage" EINVAL $G/policies/engine_reset maybe
w $IOV/pf/auto_provisioning 0
t_eq "auto_provisioning 0" 0 "$(cat $IOV/pf/auto_provisioning)"

t_err "control: unknown word" EINVAL $IOV/vf1/control bogus
t_err "control: stop on a disabled VF (simulator: ENODEV)" ENODEV $IOV/vf1/control stop
w $IOV/vf1/control clear
t_eq "control clear unprovisions the VF" "0 0 0 0 0" \
	"$(echo $(cat $V/ggtt_quota $V/lmem_quota $V/contexts_quota $V/doorbells_quota $V/exec_quantum_ms))"
t_ok "control: sysfs_streq accepts a newline" sh -c "echo clear > $IOV/vf1/control"

sim_down
t_done
