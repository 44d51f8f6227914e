#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The GuC goes down (ENODEV, a GT reset) at every GuC call of a 4-VF apply
# in turn, and stays down: atsm_sim's guc_fail_nth = K with guc_fail_sticky
# takes it down exactly at the Kth call, K = 1..N over all N calls the
# apply makes. Each apply ends ROLLED_BACK with the whole state equal to the
# state before, or DEGRADED with a reason naming the GuC (the undo needs it
# too); `vfctl reset` then brings the PF back to the pristine state once the
# GuC answers again. Then each call fails once (EIO), the GuC answering the
# undo: the exact old state (ROLLED_BACK, -EIO) or, where i915 ignores the
# failure, the exact new one. core_guc_down covers three points with a
# watcher, and a GuC back within vfprov's retries.
# timeout: 400
. "${0%/*}/../lib/rel.sh"

if ! sim_up; then
	t_fail "atsm_sim bound to $SIM_PF"
	t_done
fi
load_vfprov
t_start "atsm_sim can keep the GuC down from the Nth call" \
	test -e "$DBG/guc_fail_sticky"
vfnl reset "$SIM_PF" >/dev/null
pristine=$(full_state)

G=1073741824
# Y: 3 VFs; X: the 4-VF config the apply moves to (quotas and scheduling)
Y="num=3 drv=none vf1.lmem=$((G / 2)) vf2.lmem=$((G / 2)) vf3.lmem=$((G / 2)) vf3.eq=20"
X="num=4 drv=none vf1.lmem=$G vf2.lmem=$G vf3.lmem=$G vf4.lmem=$G vf1.eq=10 vf2.eq=10"

# the GuC calls of a clean Y -> X (the second run: the first may also set
# PF values that a reset keeps)
for i in 1 2; do
	setup "$SIM_PF" $Y >/dev/null
	read -r c0 < "$DBG/guc_calls"
	# shellcheck disable=SC2086
	vfnl apply "$SIM_PF" $X >/dev/null
	read -r c1 < "$DBG/guc_calls"
done
sx=$(full_state)
n=$((c1 - c0))
t_diag "a Y -> X apply makes $n GuC calls"
t_ok "setup: the 4-VF apply makes GuC calls" test "$n" -gt 3

guc_up() {
	sim_set guc_fail_nth 0
	sim_set guc_fail_sticky 0
	sim_set guc_down 0
}

t0=$(uptime_s)
bad=0 rb=0 deg=0 named=0 k=1
while [ "$k" -le "$n" ]; do
	setup "$SIM_PF" $Y >/dev/null || { bad=$((bad + 1)); break; }
	before=$(full_state)
	sim_set guc_fail_errno 19
	sim_set guc_fail_sticky 1
	sim_set guc_fail_nth "$k"
	# shellcheck disable=SC2086
	out=$(vfnl apply "$SIM_PF" $X)
	down=$(cat "$DBG/guc_down")
	case $(echo "$out" | kv result) in
	rolled_back)
		rb=$((rb + 1))
		now=$(full_state)
		if [ "$now" != "$before" ]; then
			bad=$((bad + 1))
			t_diag "GuC down at call $k/$n: rolled back, state differs"
			state_diff "$before" "$now"
		fi ;;
	degraded)
		deg=$((deg + 1))
		case $out in
		*"GuC unavailable"*) named=$((named + 1)) ;;
		*) t_diag "GuC down at call $k/$n: degraded: $(echo "$out" | head -n 1)" ;;
		esac ;;
	*)
		bad=$((bad + 1))
		t_diag "GuC down at call $k/$n: $(echo "$out" | head -n 1)" ;;
	esac
	[ "$down" = 19 ] || {
		bad=$((bad + 1))
		t_diag "GuC down at call $k/$n: the apply never reached call $k"
	}
	guc_up
	if ! vfctl reset "$SIM_PF" >/dev/null 2>&1; then
		bad=$((bad + 1))
		t_diag "GuC down at call $k/$n: vfctl reset failed: $(vfnl pf-get "$SIM_PF")"
	elif [ "$(full_state)" != "$pristine" ]; then
		bad=$((bad + 1))
		t_diag "GuC down at call $k/$n: reset did not give the pristine state"
		state_diff "$pristine" "$(full_state)"
	fi
	k=$((k + 1))
done
t_diag "$n points in $(since "$t0")s: $rb rolled back, $deg degraded"
t_eq "GuC down at each of the $n calls: rolled back to the exact state or degraded; reset recovers" 0 "$bad"
t_eq "every DEGRADED names the GuC" "$deg" "$named"
t_eq "PF idle, not degraded, after the last reset" idle \
	"$(vfnl pf-get "$SIM_PF" | kv state)"

# One failed call (EIO, not retried), the GuC up again for the undo: every
# point rolls back to the exact state, or commits the exact new state where
# i915 ignores the failure (the "no config" pushes of a disable).
bad=0 rb=0 ok=0 k=1
while [ "$k" -le "$n" ]; do
	setup "$SIM_PF" $Y >/dev/null || { bad=$((bad + 1)); break; }
	before=$(full_state)
	sim_set guc_fail_errno 5
	sim_set guc_fail_nth "$k"
	# shellcheck disable=SC2086
	out=$(vfnl apply "$SIM_PF" $X)
	guc_up
	now=$(full_state)
	case $(echo "$out" | kv result) in
	rolled_back)
		rb=$((rb + 1))
		[ "$now" = "$before" ] || {
			bad=$((bad + 1))
			t_diag "GuC call $k/$n fails once: rolled back, state differs"
			state_diff "$before" "$now"
		}
		[ "$(echo "$out" | kv errno)" = -5 ] || {
			bad=$((bad + 1))
			t_diag "GuC call $k/$n fails once: errno $(echo "$out" | kv errno)"
		} ;;
	committed)
		ok=$((ok + 1))
		[ "$now" = "$sx" ] || {
			bad=$((bad + 1))
			t_diag "GuC call $k/$n fails once: committed, not the new state"
			state_diff "$sx" "$now"
		} ;;
	*)
		bad=$((bad + 1))
		t_diag "GuC call $k/$n fails once: $(echo "$out" | head -n 1)" ;;
	esac
	k=$((k + 1))
done
t_diag "one failed GuC call at each of $n: $rb rolled back, $ok committed (failure ignored by i915)"
t_eq "one failed GuC call at each point: the exact old state or the exact new one" 0 "$bad"
t_ok "some of those rolled back" test "$rb" -gt 0

# never reached: the apply commits
setup "$SIM_PF" $Y >/dev/null
sim_set guc_fail_errno 19
sim_set guc_fail_sticky 1
sim_set guc_fail_nth $((n + 1))
# shellcheck disable=SC2086
t_eq "GuC down past the last call: committed" committed \
	"$(vfnl apply "$SIM_PF" $X | kv result)"
guc_up
t_ok "reset" vfnl reset "$SIM_PF"
t_done
