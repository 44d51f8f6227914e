#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The GuC is in the path (I915_PRELIM_ABI.md "Corrections and additions"):
# exec_quantum_ms, preempt_timeout_us, threshold/* and policies/* writes go
# to the GuC at once, VFs enabled or not; quota writes only for live VFs;
# the enable pushes every non-empty config. The cached value changes only
# if the push succeeds. Failures: ENOKEY, EPROTO, ENODEV, EIO, ETIMEDOUT.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
sim_start max_vfs=31
calls() { cat $DBG/guc_calls; }

c=$(calls)
w $G/exec_quantum_ms 20
t_eq "PF exec_quantum_ms is one GuC request" $((c + 1)) "$(calls)"
w $(vf 1)/preempt_timeout_us 1000
t_eq "VF preempt_timeout_us with VFs disabled is one request" $((c + 2)) "$(calls)"
w $(vf 1)/preempt_timeout_us 1000
t_eq "an unchanged value is not sent again" $((c + 2)) "$(calls)"
w $(vf 1)/threshold/irq_time_us 7
t_eq "a threshold is one request" $((c + 3)) "$(calls)"
w $G/policies/sched_if_idle 0
w $G/policies/sched_if_idle 0
t_eq "a policy is sent even when unchanged" $((c + 5)) "$(calls)"
w $(vf 2)/ggtt_quota $((256 * MiB))
w $(vf 2)/lmem_quota $((256 * MiB))
w $(vf 2)/contexts_quota 128
t_eq "quotas of disabled VFs do not reach the GuC" $((c + 5)) "$(calls)"
w $IOV/vf2/control clear
w $IOV/vf1/control clear
w $IOV/pf/auto_provisioning 1

for e in ENOKEY EPROTO ENODEV EIO ETIMEDOUT; do
	case $e in ENOKEY) n=126 ;; EPROTO) n=71 ;; ENODEV) n=19 ;; EIO) n=5 ;; ETIMEDOUT) n=110 ;; esac
	echo 1 > $DBG/guc_fail_nth
	echo $n > $DBG/guc_fail_errno
	t_err "the next GuC request fails with $e" $e $(vf 3)/exec_quantum_ms 9
	t_eq "exec_quantum_ms keeps its old value after $e" 0 "$(cat $(vf 3)/exec_quantum_ms)"
done
t_eq "a refused VF value does not switch auto_provisioning off" 1 "$(cat $IOV/pf/auto_provisioning)"
t_err "EPERM is not a GuC errno (knob refuses it)" EINVAL $DBG/guc_fail_errno 1

echo 2 > $DBG/guc_fail_nth
echo 5 > $DBG/guc_fail_errno
w $(vf 3)/exec_quantum_ms 9
t_err "guc_fail_nth=2 fails the second request" EIO $(vf 3)/preempt_timeout_us 9
t_eq "...and is one-shot" "" "$(sysw $(vf 3)/preempt_timeout_us 9)"
w $(vf 3)/exec_quantum_ms 0
w $(vf 3)/preempt_timeout_us 0
w $IOV/pf/auto_provisioning 1

echo 19 > $DBG/guc_down	# ENODEV: CT channel down during a GT reset
for f in $G/exec_quantum_ms $G/preempt_timeout_us $(vf 4)/exec_quantum_ms \
	$(vf 4)/threshold/page_fault_count $G/policies/engine_reset \
	$G/policies/sample_period_ms; do
	t_err "GuC down: ${f#$IOV/} refused" ENODEV $f 1
done
t_eq "GuC down: sample_period_ms kept" 0 "$(cat $G/policies/sample_period_ms)"
t_err "GuC down: the enable push fails" ENODEV $PF/sriov_numvfs 2
t_eq "no VFs after the failed enable" 0 "$(numvfs)"
t_eq "the auto share was released" 0 "$(cat $(vf 1)/lmem_quota)"
echo 0 > $DBG/guc_down
w $G/policies/sample_period_ms 3
t_eq "GuC up again: the write sticks" 3 "$(cat $G/policies/sample_period_ms)"

# live VFs: quotas are pushed (push 0, free, allocate, push new)
c=$(calls)
t_ok "enable 2 VFs (auto)" sysw $PF/sriov_numvfs 2
t_eq "the enable pushed one config per non-empty VF" $((c + 2)) "$(calls)"
c=$(calls)
l=$(cat $(vf 1)/lmem_quota)
w $(vf 1)/lmem_quota $((l - 2 * MiB))
t_eq "a live LMEM resize is two requests (0, then the new size)" $((c + 2)) "$(calls)"
free=$(cat $A/lmem_free)
echo 2 > $DBG/guc_fail_nth
echo 110 > $DBG/guc_fail_errno
t_err "live LMEM resize: the push of the new size fails" ETIMEDOUT $(vf 1)/lmem_quota $((l - 4 * MiB))
t_eq "...and the VF is left with no LMEM" 0 "$(cat $(vf 1)/lmem_quota)"
t_eq "...its object and LMTT are freed" $((free + l - 2 * MiB + 262144)) "$(cat $A/lmem_free)"
echo 1 > $DBG/guc_fail_nth
echo 71 > $DBG/guc_fail_errno
t_err "live GGTT resize: the release push fails (EPROTO)" EPROTO $(vf 2)/ggtt_quota $((64 * MiB))
t_eq "...and the VF keeps no GGTT" 0 "$(cat $(vf 2)/ggtt_quota)"
c=$(calls)
w $(vf 2)/ggtt_quota $((64 * MiB))
t_eq "live GGTT provisioning is two requests (size, start)" $((c + 2)) "$(calls)"
echo 5 > $DBG/guc_down
t_ok "disable works with the GuC down (pushes ignored)" sysw $PF/sriov_numvfs 0
echo 0 > $DBG/guc_down
t_eq "VFs disabled" 0 "$(numvfs)"

sim_down
t_done
