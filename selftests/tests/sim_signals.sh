#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Interruptible waits (I915_PRELIM_ABI.md "Corrections and additions"):
# GuC requests and LMEM writes fail with EINTR when the writing task gets
# a signal; an LMEM resize has already freed the old object by then. The
# writer here is sigw, which takes a SIGALRM (handler, no SA_RESTART) a
# given time after its write(2) started; time_scale stretches the
# simulated waits so the signal lands inside them.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
sim_start max_vfs=31
l0=$(cat $A/lmem_free)

# one GuC request takes 100 us x 1000 = 100 ms at time_scale 1000000
echo 1000000 > $DBG/time_scale
t_eq "a GuC request interrupted by a signal: EINTR" "EINTR signalled" \
	"$(sigw 20 $(vf 1)/exec_quantum_ms 9)"
t_eq "...and the value is not cached" 0 "$(cat $(vf 1)/exec_quantum_ms)"
t_eq "...and auto_provisioning stays on" 1 "$(cat $IOV/pf/auto_provisioning)"
t_eq "a policy write interrupted: EINTR" "EINTR signalled" \
	"$(sigw 20 $G/policies/sample_period_ms 5)"
t_eq "...value kept" 0 "$(cat $G/policies/sample_period_ms)"
t_eq "the same write with the signal after it completes" "ok early" \
	"$(sigw 2000 $(vf 1)/exec_quantum_ms 9)"
w $(vf 1)/exec_quantum_ms 0

# an LMEM write clears the whole object: 50 us per MiB realistic
echo 1000 > $DBG/time_scale
w $(vf 1)/lmem_quota $((1024 * MiB))
echo 20000 > $DBG/time_scale	# 8 GiB: 8 s unless interrupted
t_eq "an LMEM resize interrupted while clearing: EINTR" "EINTR signalled" \
	"$(sigw 300 $(vf 1)/lmem_quota $((8192 * MiB)))"
t_eq "...the old 1 GiB object was freed first: no LMEM left" 0 "$(cat $(vf 1)/lmem_quota)"
echo 10 > $DBG/time_scale
t_eq "...and the pool has it all back (object and LMTT)" $l0 "$(cat $A/lmem_free)"

# VF enable: auto-provisioning clears each VF's LMEM (interruptible)
w $IOV/pf/auto_provisioning 1
echo 1000 > $DBG/time_scale
t_eq "VF enable interrupted while auto-provisioning LMEM: EINTR" "EINTR signalled" \
	"$(sigw 100 $PF/sriov_numvfs 2)"
echo 10 > $DBG/time_scale
t_eq "no VFs" 0 "$(numvfs)"
t_eq "the auto share was released" 0 "$(cat $(vf 1)/lmem_quota)"
t_eq "the pool is whole" $l0 "$(cat $A/lmem_free)"

# VF enable: the config push to the GuC (manual configs, nothing to clear)
for k in 1 2; do
	w $(vf $k)/ggtt_quota $((256 * MiB))
	w $(vf $k)/lmem_quota $((256 * MiB))
	w $(vf $k)/contexts_quota 1024
done
echo 1000000 > $DBG/time_scale
t_eq "VF enable interrupted during the GuC config push: EINTR" "EINTR signalled" \
	"$(sigw 50 $PF/sriov_numvfs 2)"
echo 10 > $DBG/time_scale
t_eq "no VFs" 0 "$(numvfs)"
t_eq "manual configs survive the failed enable" $((256 * MiB)) "$(cat $(vf 2)/lmem_quota)"
t_ok "a later enable without a signal works" sysw $PF/sriov_numvfs 2
t_ok "disable" sysw $PF/sriov_numvfs 0

sim_down
t_done
