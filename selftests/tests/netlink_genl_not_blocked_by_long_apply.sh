#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# timeout: 600
# A long apply does not hold generic netlink: while a slowed simulator keeps
# one transaction running for minutes, a genl family registers (modprobe
# psample), the controller answers (genl ctrl list, with the new family in
# it) and vfprov itself answers pf-get (through the YNL CLI) and vfctl
# list, all before the apply ends, which pf-get's running nest proves. An
# apply run inside the genl doit (ABI v1) holds genl's cb_lock for its
# whole length: the registration then waits for the apply, and every genl
# request behind it.
. "${0%/*}/../lib/core.sh"
. "$VFPROV_LIB/ynl.sh"

W=/tmp/genl_long
mkdir -p "$W"
slow=${VFPROV_SLOW:-1}

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
t_start "host python3, YNL CLI and genl reachable in the guest" ynl_setup
rmmod psample 2>/dev/null
t_ok "psample (a genl family) is not registered yet" \
	sh -c "! genlfamily psample"

# Every prelim_iov store and the VF enable sleep first (the simulator's
# maximum, 10 s each): an apply of 4 VFs with their own scheduling makes
# more than a dozen stores, minutes in all. The delays are dropped once the
# checks are done, so the apply then finishes at once.
w0=$(cat "$DBG/writes")
echo 10000 > "$DBG/write_delay_ms"
echo 10000 > "$DBG/configure_delay_ms"
vfs=
for k in 1 2 3 4; do
	vfs="$vfs${vfs:+, }{\"id\": $k, \"exec-quantum-ms\": 10, \"preempt-timeout-us\": 20000}"
done
ynlq --do apply --json "{\"pf-addr\": \"$SIM_PF\", \"config\": {\"num-vfs\": 4, \"vf\": [$vfs]}}" \
	> "$W/apply" 2>&1
txn=$(jq_py "$W/apply" "r['txn-id']" 2>/dev/null)
t_ok "apply of 4 VFs queued (transaction $txn)" test "${txn:-0}" -gt 0

# running: the simulator has seen the apply's first store
i=0
while [ "$(cat "$DBG/writes")" = "$w0" ] && [ $i -lt $((100 * slow)) ]; do
	sleep 0.2
	i=$((i + 1))
done
t_ok "the apply is writing to the simulator" \
	test "$(cat "$DBG/writes")" != "$w0"

# A registration takes cb_lock for writing; a controller dump queues behind
# a waiting writer. Both in the background, waited for by a bounded count.
modprobe psample > "$W/modprobe" 2>&1 &
mpid=$!
hgenl ctrl list > "$W/list" 2>&1 &
gpid=$!
i=0
while [ $i -lt $((150 * slow)) ]; do
	kill -0 $mpid 2>/dev/null || kill -0 $gpid 2>/dev/null || break
	sleep 0.2
	i=$((i + 1))
done
mdone=0
kill -0 $mpid 2>/dev/null || mdone=1
gdone=0
kill -0 $gpid 2>/dev/null || gdone=1
t_eq "modprobe psample finished (genl family registered)" 1 "$mdone"
t_eq "genl ctrl list answered" 1 "$gdone"
[ $mdone = 1 ] && wait $mpid
t_ok "psample registered with the controller" genlfamily psample
if [ $gdone = 1 ]; then
	t_ok "genl ctrl list shows vfprov" grep -q '^Name: vfprov' "$W/list"
fi

# vfprov answers while its own transaction runs, and that it still runs
# is the proof the above finished during the apply
ynlq --do pf-get --json "{\"addr\": \"$SIM_PF\"}" > "$W/pf" 2>&1
jq_py "$W/pf" "r['state']" "r.get('running', {}).get('txn-id')" \
	"r['num-vfs']" > "$W/v" 2>&1
{ read -r state; read -r rtxn; read -r num; } < "$W/v"
t_eq "pf-get answered during the apply: the PF is applying" applying "$state"
t_eq "pf-get: the running transaction is ours" "$txn" "$rtxn"
# vfctl's own reads (a dump and a VF dump) need no lock the apply holds
vfctl list > "$W/vlist" 2>&1 &
lpid=$!
i=0
while kill -0 $lpid 2>/dev/null && [ $i -lt $((150 * slow)) ]; do
	sleep 0.2
	i=$((i + 1))
done
ldone=0
kill -0 $lpid 2>/dev/null || ldone=1
t_eq "vfctl list answered during the apply" 1 "$ldone"
t_ok "  ...and lists the PF" grep -q "$SIM_PF" "$W/vlist"

# let the apply finish, then see it committed
echo 0 > "$DBG/write_delay_ms"
echo 0 > "$DBG/configure_delay_ms"
i=0
res=
while [ $i -lt $((40 * slow)) ]; do
	ynlq --do pf-get --json "{\"addr\": \"$SIM_PF\"}" > "$W/pf" 2>&1
	res=$(jq_py "$W/pf" \
		"[o['result'] for o in r.get('outcome', []) if o['txn-id'] == ${txn:-0} and r['state'] == 'idle']" \
		2>/dev/null)
	[ "$res" = '["committed"]' ] && break
	sleep 1
	i=$((i + 1))
done
t_eq "the long apply then committed" '["committed"]' "$res"
t_eq "  ...with 4 VFs" 4 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_diag "the apply made $(($(cat "$DBG/writes") - w0)) stores"

kill $mpid $gpid $lpid 2>/dev/null
wait 2>/dev/null
rmmod psample 2>/dev/null
t_done
