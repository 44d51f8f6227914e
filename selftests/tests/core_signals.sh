#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A signal to the requester never interrupts a transaction: SIGINT, SIGTERM
# and SIGKILL sent to `vfctl apply` at every stage of a 31-VF apply (before
# the first store, then each sixth of its stores), and to a configfs
# `commit` writer, leave the PF in exactly the new config or exactly the
# old one, never DEGRADED, with the outcome on the PF; the next apply
# commits. The transaction runs in vfprov's worker, so the simulator's
# interruptible stores (EINTR while the writer has a signal pending) never
# see the requester's signal.
# Quotas are explicit and fit with i915's per-VF LMEM overhead, so the test
# does not depend on the planner's fair share.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
echo 0 > "$DBG/write_delay_ms"

A="--vfs 2 --driver none --lmem 1G --exec-quantum 10 --preempt-timeout 20000"
B="--vfs 31 --driver none --lmem 256M --exec-quantum 20 --preempt-timeout 40000"
# shellcheck disable=SC2086
vfctl apply "$SIM_PF" $B >/dev/null 2>&1
sb=$(sim_state "$SIM_PF")
read -r w0 < "$DBG/writes"
# shellcheck disable=SC2086
vfctl apply "$SIM_PF" $A >/dev/null 2>&1
sa=$(sim_state "$SIM_PF")
read -r w1 < "$DBG/writes"
# the stores of the larger of the two applies (B -> A is as long as A -> B)
span=$((w1 - w0))
t_diag "an apply between the two configs makes $span stores"
[ "$sa" != "$sb" ] && [ "$span" -gt 60 ]
t_ok "the two configs differ and an apply makes many stores" \
	test "$sa" != "$sb" -a "$span" -gt 60

# wait_idle: until the PF is no longer applying (at most ~60 s)
wait_idle() {
	_i=0
	while [ "$_i" -lt 600 ]; do
		_s=$(vfnl pf-get "$SIM_PF" | kv state)
		[ "$_s" != applying ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# wait_writes N: until the simulator has seen N more stores than $base
wait_writes() {
	while :; do
		read -r _w < "$DBG/writes"
		[ $((_w - base)) -ge "$1" ] && return 0
		kill -0 "$pid" 2>/dev/null || return 0
	done
}

cur=A bad=0 degraded=0 runs=0 newcfg=0
echo 2 > "$DBG/write_delay_ms"
for sig in INT TERM KILL; do
	k=0
	while [ "$k" -le 5 ]; do
		if [ "$cur" = A ]; then to=B; args=$B; else to=A; args=$A; fi
		read -r base < "$DBG/writes"
		# shellcheck disable=SC2086
		vfctl apply "$SIM_PF" $args >/dev/null 2>&1 &
		pid=$!
		wait_writes $((span * k / 6))
		kill -"$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		runs=$((runs + 1))
		if ! wait_idle; then
			t_fail "SIG$sig at stage $k: the transaction ends"
			break 2
		fi
		st=$(vfnl pf-get "$SIM_PF")
		now=$(sim_state "$SIM_PF")
		case $(echo "$st" | kv state) in degraded)
			degraded=$((degraded + 1))
			t_diag "SIG$sig at stage $k: PF degraded: $st" ;;
		esac
		if [ "$now" = "$sa" ]; then
			cur=A
		elif [ "$now" = "$sb" ]; then
			cur=B
		else
			bad=$((bad + 1))
			t_diag "SIG$sig at stage $k: neither the old nor the new config"
			cur=X
			break 2
		fi
		[ "$cur" = "$to" ] && newcfg=$((newcfg + 1))
		k=$((k + 1))
	done
done
echo 0 > "$DBG/write_delay_ms"
t_eq "18 signalled applies ran" 18 "$runs"
t_eq "each ended in exactly the old or the new config" 0 "$bad"
t_eq "none left the PF degraded" 0 "$degraded"
t_diag "$newcfg of $runs signalled applies committed the new config"
t_ok "a signalled requester's transaction still completes (some committed)" \
	test "$newcfg" -gt 0
st=$(vfnl pf-get "$SIM_PF")
t_ok "the outcome of the last one stays on the PF" \
	test "$(echo "$st" | kv last_result)" != none
# shellcheck disable=SC2086
t_ok "the next apply commits" vfctl apply "$SIM_PF" $B
t_eq "it wrote the new config" "$sb" "$(sim_state "$SIM_PF")"

# The configfs writer of `commit`, killed half-way through.
C=/sys/kernel/config/vfprov
[ -d "$C" ] || mount -t configfs none /sys/kernel/config 2>/dev/null
P=$C/$SIM_PF
mkdir "$P" 2>/dev/null
echo 2 > "$P/num_vfs"
echo none > "$P/vf_driver"
i=1
while [ "$i" -le 2 ]; do
	mkdir -p "$P/vf$i"
	echo 1073741824 > "$P/vf$i/lmem_quota"
	echo 10 > "$P/vf$i/exec_quantum_ms"
	echo 20000 > "$P/vf$i/preempt_timeout_us"
	i=$((i + 1))
done
cfsbad=0
echo 2 > "$DBG/write_delay_ms"
for sig in INT TERM KILL; do
	read -r base < "$DBG/writes"
	sh -c "echo 1 > $P/commit" 2>/dev/null &
	pid=$!
	wait_writes $((span / 2))
	kill -"$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	wait_idle || cfsbad=$((cfsbad + 1))
	now=$(sim_state "$SIM_PF")
	if [ "$now" != "$sa" ] && [ "$now" != "$sb" ]; then
		cfsbad=$((cfsbad + 1))
		t_diag "configfs SIG$sig: neither the old nor the new config"
	fi
	[ "$(vfnl pf-get "$SIM_PF" | kv state)" = degraded ] &&
		cfsbad=$((cfsbad + 1))
	# back to B for the next round
	echo 0 > "$DBG/write_delay_ms"
	# shellcheck disable=SC2086
	vfctl apply "$SIM_PF" $B >/dev/null 2>&1
	echo 2 > "$DBG/write_delay_ms"
done
echo 0 > "$DBG/write_delay_ms"
t_eq "configfs commit writer killed: old or new config, never degraded" 0 "$cfsbad"
t_ok "configfs commit afterwards" sh -c "echo 1 > $P/commit"
t_eq "configfs commit wrote its config" "$sa" "$(sim_state "$SIM_PF")"
for d in "$P"/vf[0-9]*; do rmdir "$d"; done
rmdir "$P"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
