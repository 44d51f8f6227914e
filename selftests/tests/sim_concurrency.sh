#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Concurrent writers: background loops provisioning different VFs and
# reading available/ at once, then VF enable/disable racing with writers.
# Afterwards the accounting must add up and every store must be counted.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

MiB=1048576
w $IOV/pf/auto_provisioning 0
g0=$(cat $A/ggtt_free); l0=$(cat $A/lmem_free)
c0=$(cat $A/contexts_free); d0=$(cat $A/doorbells_free)
w0=$(cat $DBG/writes)
N=25

writer() { # VF
	V=$(vf $1)
	i=0
	while [ $i -lt $N ]; do
		s=$(( (i % 3) + 1 ))
		sysw $V/ggtt_quota $((s * 64 * MiB)) || echo "vf$1 ggtt $i"
		sysw $V/lmem_quota $((s * 256 * MiB)) || echo "vf$1 lmem $i"
		sysw $V/contexts_quota $((s * 256)) || echo "vf$1 ctxs $i"
		sysw $V/doorbells_quota $((s * 4)) || echo "vf$1 dbs $i"
		cat $A/ggtt_free $A/lmem_max_quota $A/contexts_max_quota >/dev/null
		i=$((i + 1))
	done
}
for k in 1 2 3 4 5 6; do
	writer $k > /tmp/sim_conc.$k 2>&1 &
done
wait
errs=$(cat /tmp/sim_conc.* 2>/dev/null)
t_eq "every concurrent write succeeded" "" "$errs"
t_eq "writes counter saw all $((6 * N * 4)) stores" $((w0 + 6 * N * 4)) "$(cat $DBG/writes)"

sg=0; sl=0; sc=0; sd=0
for k in 1 2 3 4 5 6; do
	V=$(vf $k)
	sg=$((sg + $(cat $V/ggtt_quota))); sl=$((sl + $(cat $V/lmem_quota)))
	# each VF holding LMEM also holds its 256 KiB LMTT leaf
	[ "$(cat $V/lmem_quota)" = 0 ] || sl=$((sl + 262144))
	sc=$((sc + $(cat $V/contexts_quota))); sd=$((sd + $(cat $V/doorbells_quota)))
done
t_eq "GGTT accounting adds up" $g0 $(( $(cat $A/ggtt_free) + sg ))
t_eq "LMEM accounting adds up" $l0 $(( $(cat $A/lmem_free) + sl ))
t_eq "contexts accounting adds up" $c0 $(( $(cat $A/contexts_free) + sc ))
t_eq "doorbells accounting adds up" $d0 $(( $(cat $A/doorbells_free) + sd ))

# several writers resizing the same VF: whatever wins, nothing leaks
same() { # size in MiB
	i=0
	while [ $i -lt $N ]; do
		sysw $(vf 7)/lmem_quota $(($1 * MiB)) >/dev/null
		sysw $(vf 7)/ggtt_quota $(($1 * MiB)) >/dev/null
		i=$((i + 1))
	done
}
same 64 & same 128 & same 256 &
wait
q=$(cat $(vf 7)/lmem_quota)
t_ok "VF7 ended with one of the sizes ($q)" sh -c "[ $q = $((64 * MiB)) ] || [ $q = $((128 * MiB)) ] || [ $q = $((256 * MiB)) ]"
t_eq "LMEM accounting with the racing VF" $l0 $(( $(cat $A/lmem_free) + sl + q + 262144 ))
t_eq "GGTT accounting with the racing VF" $g0 $(( $(cat $A/ggtt_free) + sg + $(cat $(vf 7)/ggtt_quota) ))
w $(vf 7)/lmem_quota 0
w $(vf 7)/ggtt_quota 0

# enable/disable racing with writers on scheduling values
flipper() {
	i=0
	while [ $i -lt 10 ]; do
		echo 6 > $PF/sriov_numvfs 2>/dev/null
		echo 0 > $PF/sriov_numvfs 2>/dev/null
		i=$((i + 1))
	done
}
sched() { # VF
	i=0
	while [ $i -lt 40 ]; do
		sysw $(vf $1)/exec_quantum_ms $((i + 1)) >/dev/null
		sysw $(vf $1)/preempt_timeout_us $((i * 1000)) >/dev/null
		cat $IOV/vf$1/device/vendor >/dev/null 2>&1
		i=$((i + 1))
	done
}
flipper &
for k in 1 2 3; do sched $k & done
wait
t_ok "no hang; VFs can still be toggled" sh -c "echo 2 > $PF/sriov_numvfs && echo 0 > $PF/sriov_numvfs"
t_eq "scheduling writes all landed" "40 40 40" \
	"$(echo $(cat $(vf 1)/exec_quantum_ms $(vf 2)/exec_quantum_ms $(vf 3)/exec_quantum_ms))"
t_eq "quotas untouched by the toggling" $l0 $(( $(cat $A/lmem_free) + sl ))

rm -f /tmp/sim_conc.*
sim_down
t_done
