#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Undo against atsm_sim's fault injection, beyond single stores: a failing
# VF enable and disable roll back to the exact previous state; a failing
# undo gives "degraded", applies are refused with EIO until a reset. A
# listener sees an event for every outcome, with who asked.
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov

EV=/tmp/core_undo.events
# who asked: only the privileged "audit" group carries it (none on 5.10)
grp=audit
vfnl monitor 0 1 audit >/dev/null 2>&1 || grp=
vfnl monitor 1000 600 $grp > "$EV" &
monpid=$!
sleep 1

state() { sim_state "$SIM_PF" '[1-6]'; }

# setup FROM...: reset, then apply FROM (nothing for "pristine").
setup() {
	vfnl reset "$SIM_PF" >/dev/null || return 1
	[ "$1" = pristine ] && return 0
	vfnl apply "$SIM_PF" "$@" >/dev/null
}

A="num=2 drv=vfio vf1.lmem=1073741824 vf1.eq=10 vf2.pt=30000"
B="num=3 drv=vfio vf2.lmem=2147483648 vf3.ggtt=268435456 eq=20 pt=20000 idle=1"

for e in 5 28; do
	setup $A
	before=$(state)
	echo $e > "$DBG/fail_enable_errno"
	out=$(vfnl apply "$SIM_PF" $B)
	t_eq "VF enable fails ($e): rolled back" rolled_back "$(echo "$out" | kv result)"
	t_eq "  ...at step enable" enable "$(echo "$out" | kv step)"
	t_eq "  ...state restored" "$before" "$(state)"
	echo 0 > "$DBG/fail_enable_errno"
done
setup $A
before=$(state)
echo 5 > "$DBG/fail_disable_errno"
out=$(vfnl apply "$SIM_PF" $B)
t_eq "VF disable fails: rolled back at disable" "rolled_back disable" \
	"$(echo "$out" | kv result) $(echo "$out" | kv step)"
t_eq "  ...state restored" "$before" "$(state)"
echo 0 > "$DBG/fail_disable_errno"

# Degraded: the enable fails, then the first store of the undo fails too.
setup $A
w0=$(cat "$DBG/writes")
vfnl apply "$SIM_PF" $B >/dev/null
stores=$(($(cat "$DBG/writes") - w0))
setup $A
echo 5 > "$DBG/fail_enable_errno"
echo $((stores + 1)) > "$DBG/fail_write_nth"
out=$(vfnl apply "$SIM_PF" $B)
echo 0 > "$DBG/fail_write_nth"
echo 0 > "$DBG/fail_enable_errno"
t_eq "undo fails: degraded" degraded "$(echo "$out" | kv result)"
t_eq "PF state degraded" degraded "$(vfnl pf-get "$SIM_PF" | kv state)"
out=$(vfnl apply "$SIM_PF" $A)
t_eq "degraded PF refuses apply: EIO" EIO "$(echo "$out" | kv ack)"
t_ok "reset recovers a degraded PF" vfnl reset "$SIM_PF"
t_eq "PF state idle again" idle "$(vfnl pf-get "$SIM_PF" | kv state)"
out=$(vfnl apply "$SIM_PF" num=99)
t_eq "rejected (policy: num_vfs out of range)" ERANGE "$(echo "$out" | kv ack)"
out=$(vfnl apply "$SIM_PF" num=31 vf1.lmem=0x7fffffffffff)
t_eq "rejected by validation" EDQUOT "$(echo "$out" | kv ack)"
vfnl reset "$SIM_PF" >/dev/null

sleep 1
kill "$monpid" 2>/dev/null
wait "$monpid" 2>/dev/null
me=$$
for ev in committed rolled_back degraded rejected; do
	t_ok "event $ev received" grep -q "^event=$ev pf=$SIM_PF" "$EV"
done
if [ "$grp" ]; then
	t_ok "audit events carry who (comm vfnl, uid 0)" \
		grep -q "^event=committed .* uid=0 comm=vfnl" "$EV"
else
	t_ok "no audit group: the kernel log names who (comm vfnl, uid 0)" \
		sh -c "dmesg | grep -q 'committed generation .* (vfnl pid [0-9]* uid 0)'"
fi
t_ok "rolled_back event names the step" \
	grep -q "^event=rolled_back .* step=enable " "$EV"
t_ok "rmmod vfprov" rmmod vfprov
t_done
