#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# APPLY is asynchronous (netlink ABI v2): during a slow 31-VF apply (every
# simulated store slowed down), the request is answered at once with a
# transaction id and ack 0; PF_GET shows that transaction running, its
# current step moving as the steps run; a second apply is queued behind it
# with a higher id; when both ended, PF_GET's outcome ring has the second
# one newest and committed, and a monitor got each one's txn-ntf.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null
EV=/tmp/async.events
vfnl monitor 100 120 > "$EV" &
mon=$!
i=0
while ! grep -q monitoring "$EV" && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done

echo 20 > "$DBG/write_delay_ms"
t0=$(date +%s)
out=$(vfnl apply "$SIM_PF" --nowait num=31)
t1=$(date +%s)
id=$(echo "$out" | kv txn)
t_ok "APPLY answered with a transaction id ($id)" test "${id:-0}" -gt 0
t_eq "  ...and ack 0" 0 "$(echo "$out" | tail -n 1 | kv ack)"
t_ok "  ...at once (within 2 s of a much longer apply)" test $((t1 - t0)) -lt 2
st=$(vfnl pf-get "$SIM_PF")
t_eq "PF_GET: the running transaction is that one" "$id" \
	"$(echo "$st" | kv running)"
t_eq "  ...state applying" applying "$(echo "$st" | kv state)"

out=$(vfnl apply "$SIM_PF" --nowait num=2)
id2=$(echo "$out" | kv txn)
t_ok "a second APPLY is queued with a higher id ($id2)" \
	test "${id2:-0}" -gt "$id"

# the running step, sampled until the PF is idle again
steps=
i=0
while [ "$(vfnl pf-get "$SIM_PF" | kv state)" != idle ] && [ $i -lt 1200 ]; do
	s=$(vfnl pf-get "$SIM_PF" | kv running_step)
	case " $steps " in
	*" $s "*) ;;
	*) steps="$steps $s" ;;
	esac
	sleep 0.1
	i=$((i + 1))
done
echo 0 > "$DBG/write_delay_ms"
t_diag "steps seen running:$steps"
t_ok "the running step moved (several steps seen)" \
	test "$(echo "$steps" | wc -w)" -ge 2
st=$(vfnl pf-get "$SIM_PF")
t_eq "newest outcome in PF_GET is the second apply's" "$id2" \
	"$(echo "$st" | kv last_txn)"
t_eq "  ...committed" committed "$(echo "$st" | kv last_result)"
t_eq "  ...and the ring holds the first reset and both applies" 3 \
	"$(echo "$st" | kv outcomes)"
t_eq "2 VFs" 2 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
sleep 0.5
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
t_ok "a txn-ntf of the first apply: committed" \
	grep -q "^event=committed pf=$SIM_PF txn=$id " "$EV"
t_ok "a txn-ntf of the second apply: committed" \
	grep -q "^event=committed pf=$SIM_PF txn=$id2 " "$EV"
t_ok "pf-ntf: the PF after each of them" \
	test "$(grep -c "^event=pf_config pf=$SIM_PF" "$EV")" -ge 2
t_ok "reset" vfnl reset "$SIM_PF"
t_done
