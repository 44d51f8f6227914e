#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The GuC goes down (ENODEV: a GT reset) at each stage of an apply and
# stays down (atsm_sim's guc_down): vfprov retries each store with backoff,
# then rolls back cleanly, or reports DEGRADED with a reason naming the GuC
# when the undo needs the GuC too; `vfnl reset` recovers once the GuC is
# back, and the next apply commits. A GuC that is back within the retries
# is not a failure at all. core_guc_down_sweep takes it down at every call.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
if [ ! -e "$DBG/guc_down" ]; then
	t_fail "atsm_sim has a GuC model (guc_down, guc_calls)"
	t_done
fi

X="num=4 drv=none vf1.lmem=1073741824 vf2.lmem=1073741824 vf3.lmem=1073741824 vf4.lmem=1073741824 vf1.eq=10 vf2.eq=10"
Y="num=3 drv=none vf1.lmem=536870912 vf2.lmem=536870912 vf3.lmem=536870912 vf3.eq=20"
vfnl apply "$SIM_PF" $X >/dev/null
read -r c0 < "$DBG/guc_calls"
vfnl apply "$SIM_PF" $Y >/dev/null
read -r c1 < "$DBG/guc_calls"
vfnl apply "$SIM_PF" $X >/dev/null
sx=$(sim_state "$SIM_PF")
n=$((c1 - c0))
t_diag "an apply X -> Y makes $n GuC calls"
t_ok "setup: an apply makes several GuC calls" test "$n" -gt 3

# down_at K [UP_S]: during an apply X -> Y the GuC goes down exactly at
# its Kth call from now (atsm_sim's guc_fail_nth with guc_fail_sticky) and,
# if UP_S is given, comes back UP_S seconds after it went down; prints the
# outcome
down_at() {
	echo 19 > "$DBG/guc_fail_errno"
	echo 1 > "$DBG/guc_fail_sticky"
	echo "$1" > "$DBG/guc_fail_nth"
	w=
	if [ -n "$2" ]; then
		(
			until [ "$(cat "$DBG/guc_down")" != 0 ]; do
				sleep 0.01
			done
			sleep "$2"
			echo 0 > "$DBG/guc_down"
		) &
		w=$!
	fi
	# shellcheck disable=SC2086
	vfnl apply "$SIM_PF" $Y
	[ -z "$w" ] || wait "$w"
	echo 0 > "$DBG/guc_fail_nth"
	echo 0 > "$DBG/guc_fail_sticky"
}

# every store waits 50 ms, so that a GuC back after 0.3 s comes back
# within the retries of the store it failed
echo 50 > "$DBG/write_delay_ms"
bad=0 named=0 deg=0 k=1
for k in 1 $((n / 3)) $((2 * n / 3)); do
	[ "$k" -ge 1 ] || continue
	out=$(down_at "$k")
	res=$(echo "$out" | kv result)
	case $res in
	rolled_back)
		[ "$(sim_state "$SIM_PF")" = "$sx" ] || {
			bad=$((bad + 1))
			t_diag "GuC down at call $k: rolled back, but not to X"
		} ;;
	degraded)
		deg=$((deg + 1))
		case $out in *"GuC unavailable"*) named=$((named + 1)) ;; esac ;;
	*)
		bad=$((bad + 1))
		t_diag "GuC down at call $k: $out" ;;
	esac
	echo 0 > "$DBG/guc_down"
	out=$(vfnl reset "$SIM_PF")
	[ "$(echo "$out" | kv result)" = committed ] || {
		bad=$((bad + 1))
		t_diag "reset after GuC down at call $k: $out"
	}
	vfnl apply "$SIM_PF" $X >/dev/null || bad=$((bad + 1))
	sx=$(sim_state "$SIM_PF")
done
t_eq "GuC down at each stage: rolled back to X or degraded, reset recovers" 0 "$bad"
t_diag "$deg of those ended DEGRADED (the undo needed the GuC), the rest rolled back"
t_eq "every DEGRADED names the GuC" "$deg" "$named"

# back within the retries (50+100+200+400+800 ms): the apply commits
out=$(down_at 2 0.3)
t_eq "GuC down for 0.3 s: retried, committed" committed \
	"$(echo "$out" | kv result)"
echo 0 > "$DBG/guc_down"
echo 0 > "$DBG/write_delay_ms"
t_eq "PF idle" idle "$(vfnl pf-get "$SIM_PF" | kv state)"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
