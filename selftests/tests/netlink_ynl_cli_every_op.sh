#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# timeout: 900
# The kernel's own YNL CLI (tools/net/ynl/cli.py of linux-source-6.12),
# driven only by Documentation/netlink/specs/vfprov.yaml, speaks every
# operation of the family: pf-get and vf-get (do and dump), plan, apply,
# vf-action, reset, and the events group's notifications. The replies decode against
# the spec and say what the spec promises: the plan's VF count and fair
# quotas, which the apply then commits unchanged; the apply's txn-id, which
# its txn-ntf and pf-get's latest outcome carry; the generation, which
# bumps once per commit; a pf-ntf carrying the whole changed PF.
. "${0%/*}/../lib/core.sh"
. "$VFPROV_LIB/ynl.sh"

W=/tmp/ynl_ops
mkdir -p "$W"
slow=${VFPROV_SLOW:-1}

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
t_start "host python3, YNL CLI and spec reachable in the guest" ynl_setup

# vals FILE EXPR...: evaluate over cli.py's output into $W/v, one a line
vals() {
	jq_py "$@" > "$W/v" 2> "$W/v.err" || {
		t_diag "jq_py: $(head -n 3 "$W/v.err")"
		: > "$W/v"
	}
}

# ynl_poll_txn TXN FILE: pf-get of $SIM_PF into FILE until its latest
# outcome is transaction TXN and nothing runs (a bounded number of polls)
ynl_poll_txn() {
	_i=0
	while [ "$_i" -lt $((30 * slow)) ]; do
		ynlq --do pf-get --json "{\"addr\": \"$SIM_PF\"}" > "$2" 2>&1 &&
			[ "$(jq_py "$2" \
				"r['state'] == 'idle' and r.get('outcome', [{}])[0].get('txn-id') == $1" \
				2>/dev/null)" = True ] &&
			return 0
		sleep 0.5
		_i=$((_i + 1))
	done
	return 1
}

# -- pf-get dump, through the schema check a user's run would do
if ynl --dump pf-get > "$W/dump" 2>&1; then
	t_pass "pf-get dump (spec validated against genetlink-legacy.yaml)"
else
	t_fail "pf-get dump (spec validated against genetlink-legacy.yaml)" \
		"$(tail -n 3 "$W/dump")"
	t_done
fi
vals "$W/dump" \
	"[p for p in r if p['addr'] == '$SIM_PF'][0]['backend']" \
	"[p for p in r if p['addr'] == '$PCI_PF'][0]['backend']" \
	"[p for p in r if p['addr'] == '$SIM_PF'][0]['total-vfs']" \
	"[p for p in r if p['addr'] == '$SIM_PF'][0]['state']" \
	"[p for p in r if p['addr'] == '$SIM_PF'][0]['generation']" \
	"sorted(x['type'] for x in [p for p in r if p['addr'] == '$SIM_PF'][0]['resource'])"
{ read -r be_sim; read -r be_pci; read -r total; read -r state; read -r gen0
  read -r restypes; } < "$W/v"
t_eq "dump: $SIM_PF is driven by the i915-prelim backend" i915-prelim "$be_sim"
t_eq "dump: $PCI_PF (nvme) by the pci backend" pci "$be_pci"
t_eq "dump: $SIM_PF has 31 VFs in total" 31 "$total"
t_eq "dump: $SIM_PF is idle" idle "$state"
t_eq "dump: $SIM_PF reports every resource" \
	'["contexts", "doorbells", "ggtt", "lmem"]' "$restypes"

# -- pf-get do agrees with the dump
ynlq --do pf-get --json "{\"addr\": \"$SIM_PF\"}" > "$W/pf0" 2>&1
vals "$W/pf0" "r['addr']" "r['generation']" "r['num-vfs']" \
	"[x['free'] for x in r['resource'] if x['type'] == 'lmem'][0]"
{ read -r addr; read -r gen; read -r num; read -r lmem_free; } < "$W/v"
t_eq "pf-get do: the PF asked for" "$SIM_PF" "$addr"
t_eq "pf-get do: the dump's generation" "$gen0" "$gen"
t_eq "pf-get do: no VF enabled yet" 0 "$num"

# -- plan: a fair share of 2 VFs, then one quota pinned; nothing changes
ynlq --do plan --json "{\"pf-addr\": \"$SIM_PF\", \"config\": {\"num-vfs\": 2}}" \
	> "$W/plan" 2>&1
vals "$W/plan" "r['plan']['num-vfs']" \
	"sorted(v['id'] for v in r['plan']['vf'])" \
	"len(set((v['ggtt'], v['lmem'], v['contexts'], v['doorbells']) for v in r['plan']['vf']))" \
	"all(v[k] > 0 for v in r['plan']['vf'] for k in ('ggtt', 'lmem', 'contexts'))" \
	"sum(v['lmem'] for v in r['plan']['vf']) <= $lmem_free" \
	"(r['outcome']['result'] != 'rejected', r['outcome']['errno'])" \
	"r['outcome'].get('txn-id', 0)" \
	"sorted((v['id'], v['ggtt'], v['lmem'], v['contexts'], v['doorbells']) for v in r['plan']['vf'])"
{ read -r pnum; read -r pids; read -r distinct; read -r nonzero; read -r fits
  read -r presult; read -r ptxn; read -r pquotas; } < "$W/v"
t_eq "plan: 2 VFs" 2 "$pnum"
t_eq "plan: VFs 1 and 2" "[1, 2]" "$pids"
t_eq "plan: both VFs get the same (fair) quotas" 1 "$distinct"
t_eq "plan: every VF gets GGTT, LMEM and contexts" True "$nonzero"
t_eq "plan: the VFs' LMEM fits in the PF's free LMEM" True "$fits"
t_eq "plan: possible (not rejected, errno 0)" "(True, 0)" "$presult"
t_eq "plan: no transaction id" 0 "$ptxn"
ynlq --do plan --json "{\"pf-addr\": \"$SIM_PF\", \"config\": {\"num-vfs\": 2, \"vf\": [{\"id\": 1, \"contexts\": 1024}]}}" \
	> "$W/plan2" 2>&1
vals "$W/plan2" "[v['contexts'] for v in r['plan']['vf'] if v['id'] == 1][0]"
t_eq "plan: a quota the request names (VF 1: 1024 contexts) is kept" \
	1024 "$(cat "$W/v")"
t_eq "plan wrote nothing: VFs still off" 0 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"

# -- apply, with the CLI subscribed to "events" and to "audit" in the
# background. cli.py reads notifications once, after --sleep: a listener
# sleeps longer than the apply takes and prints all it got. It has joined
# its group once a genl socket shows the group's bit in /proc/net/netlink.
hgenl ctrl get name vfprov > "$W/ctrl" 2>&1
grp_id() { sed -n "s/.*ID-\(0x[0-9a-fA-F]*\)  *name: $1 *$/\1/p" "$W/ctrl"; }
ev=$(grp_id events)
au=$(grp_id audit)
t_ok "the family has an events group ($ev) and an audit group ($au)" \
	test -n "$ev" -a -n "$au"
ynlq --subscribe events --sleep $((60 * slow)) > "$W/ntf" 2>&1 &
lpid=$!
ynlq --subscribe audit --sleep $((60 * slow)) > "$W/audit" 2>&1 &
apid=$!

# joined GROUP_ID: some genl socket is in the group (Groups shows the first
# 32 groups only; vfprov's ids are small in the guest)
joined() {
	[ -n "$1" ] && [ $(($1)) -le 32 ] || return 1
	while read -r _sk _eth _pid _groups _rest; do
		[ "$_eth" = 16 ] || continue
		[ $((0x$_groups & (1 << ($1 - 1)))) -ne 0 ] && return 0
	done < /proc/net/netlink
	return 1
}
i=0
while [ $i -lt $((150 * slow)) ] && ! { joined "$ev" && joined "$au"; }; do
	sleep 0.2
	i=$((i + 1))
done
t_ok "a listening CLI joined the events group" joined "$ev"
t_ok "a listening CLI joined the audit group" joined "$au"

ynl --do apply --json "{\"pf-addr\": \"$SIM_PF\", \"config\": {\"num-vfs\": 2}}" \
	> "$W/apply" 2>&1
vals "$W/apply" "r['pf-addr']" "r['txn-id']" \
	"r.get('outcome', {}).get('result', 'none')"
{ read -r aaddr; read -r txn; read -r ares; } < "$W/v"
t_eq "apply: answers for the PF asked" "$SIM_PF" "$aaddr"
t_ok "apply: answers with a transaction id ($txn)" test "${txn:-0}" -gt 0
t_eq "apply: queued, not refused" none "$ares"

if ynl_poll_txn "${txn:-0}" "$W/pf1"; then
	t_pass "pf-get: transaction $txn ended, latest outcome first"
else
	t_fail "pf-get: transaction $txn ended, latest outcome first" \
		"$(tail -n 2 "$W/pf1")"
fi
vals "$W/pf1" "r['outcome'][0]['result']" "r['outcome'][0]['op']" \
	"r['outcome'][0]['generation']" "r['generation']" "r['num-vfs']" \
	"sorted((v['id'], v['ggtt'], v['lmem'], v['contexts'], v['doorbells']) for v in r['config']['vf'])" \
	"'running' in r"
{ read -r res; read -r op; read -r ogen; read -r gen1; read -r num1
  read -r lquotas; read -r running; } < "$W/v"
t_eq "pf-get: outcome committed" committed "$res"
t_eq "pf-get: outcome of an apply" apply "$op"
t_eq "pf-get: generation bumped once by the commit" $((gen0 + 1)) "$gen1"
t_eq "pf-get: the outcome names that generation" "$gen1" "$ogen"
t_eq "pf-get: 2 VFs enabled" 2 "$num1"
t_eq "pf-get: live quotas are the plan's" "$pquotas" "$lquotas"
t_eq "pf-get: nothing running any more" False "$running"
t_eq "sysfs: 2 VFs enabled" 2 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"

# -- vf-get dump and do
vf1=$(basename "$(readlink "$DEV/$SIM_PF/virtfn0")")
vf2=$(basename "$(readlink "$DEV/$SIM_PF/virtfn1")")
ynlq --dump vf-get --json "{\"pf-addr\": \"$SIM_PF\"}" > "$W/vfs" 2>&1
vals "$W/vfs" "[(v['id'], v['pci-addr'], v['enabled']) for v in r if v['enabled']]" \
	"sorted((v['id'], v['config']['ggtt'], v['config']['lmem'], v['config']['contexts'], v['config']['doorbells']) for v in r if v['enabled'])" \
	"sorted(v['id'] for v in r)" \
	"sorted(set(v['pf-addr'] for v in r))"
{ read -r vlist; read -r vquotas; read -r vids; read -r vpf; } < "$W/v"
t_eq "vf-get dump: VFs 1 and 2 enabled, at virtfn0/1" \
	"[[1, \"$vf1\", 1], [2, \"$vf2\", 1]]" "$vlist"
t_eq "vf-get dump: each enabled VF's quotas are the plan's" "$pquotas" "$vquotas"
t_eq "vf-get dump: every VF of the PF, 1..$total" \
	"$(seq -s ', ' 1 "$total" | sed 's/^/[/; s/$/]/')" "$vids"
t_eq "vf-get dump: of the PF asked" "[\"$SIM_PF\"]" "$vpf"
ynlq --do vf-get --json "{\"pf-addr\": \"$SIM_PF\", \"id\": 2}" > "$W/vf2" 2>&1
vals "$W/vf2" "r['id']" "r['pci-addr']" "r['in-use']"
{ read -r id; read -r addr; read -r inuse; } < "$W/v"
t_eq "vf-get do: VF 2" 2 "$id"
t_eq "vf-get do: at virtfn1" "$vf2" "$addr"
t_eq "vf-get do: no guest holds it" 0 "$inuse"

# -- the listeners' notifications
wait "$lpid"
wait "$apid"
vals "$W/ntf" \
	"[m['msg']['outcome']['result'] for m in n if m['name'] == 'txn-ntf' and m['msg'].get('txn-id') == ${txn:-0}]" \
	"[m['msg']['outcome']['generation'] for m in n if m['name'] == 'txn-ntf' and m['msg'].get('txn-id') == ${txn:-0}]" \
	"[m['msg']['pf-addr'] for m in n if m['name'] == 'txn-ntf']" \
	"any('requester' in m['msg'] for m in n)" \
	"[(m['msg']['change'], m['msg']['generation'], m['msg']['num-vfs'], m['msg']['state']) for m in n if m['name'] == 'pf-ntf' and m['msg']['addr'] == '$SIM_PF'][-1:]"
{ read -r nres; read -r ngen; read -r npf; read -r nreq; read -r pfntf; } < "$W/v"
[ -s "$W/v" ] || t_diag "events listener: $(tail -n 3 "$W/ntf")"
t_eq "txn-ntf: transaction $txn committed, seen by the CLI" '["committed"]' "$nres"
t_eq "txn-ntf: with the new generation" "[$gen1]" "$ngen"
t_eq "txn-ntf: for the PF (once)" "[\"$SIM_PF\"]" "$npf"
t_eq "events group: no requester identity" False "$nreq"
t_eq "pf-ntf: the whole PF after the commit (config, gen, 2 VFs, idle)" \
	"[[\"config\", $gen1, 2, \"idle\"]]" "$pfntf"
# The requester of a CLI run through the host's loader is named after it.
vals "$W/audit" \
	"[(m['msg']['requester']['uid'], m['msg']['requester']['comm'], m['msg']['requester']['pid'] > 0) for m in n if m['name'] == 'txn-ntf' and m['msg'].get('txn-id') == ${txn:-0}]"
[ -s "$W/v" ] || t_diag "audit listener: $(tail -n 3 "$W/audit")"
t_eq "audit group: txn-ntf names who asked (uid 0, the CLI's comm, a pid)" \
	'[[0, "ld-linux-x86-64", true]]' "$(cat "$W/v")"

# -- vf-action: pause VF 1, a transaction of its own without a generation bump
ynlq --do vf-action --json \
	"{\"pf-addr\": \"$SIM_PF\", \"vf-id\": 1, \"action\": \"pause\"}" \
	> "$W/act" 2>&1
atxn=$(jq_py "$W/act" "r['txn-id']")
if ynl_poll_txn "${atxn:-0}" "$W/pf3"; then
	t_pass "pf-get: vf-action transaction $atxn ended"
else
	t_fail "pf-get: vf-action transaction $atxn ended" "$(tail -n 2 "$W/act" "$W/pf3")"
fi
vals "$W/pf3" "r['outcome'][0]['result']" "r['outcome'][0]['op']" \
	"r['generation']"
{ read -r ares; read -r aop; read -r agen; } < "$W/v"
t_eq "vf-action: committed" committed "$ares"
t_eq "vf-action: outcome of a vf-action" vf-action "$aop"
t_eq "vf-action: no generation bump" "$gen1" "$agen"
ynlq --do vf-get --json "{\"pf-addr\": \"$SIM_PF\", \"id\": 1}" > "$W/vf1" 2>&1
vals "$W/vf1" "r['state']"
t_eq "vf-get do: VF 1 paused" paused "$(cat "$W/v")"

# -- reset
ynlq --do reset --json "{\"pf-addr\": \"$SIM_PF\"}" > "$W/reset" 2>&1
rtxn=$(jq_py "$W/reset" "r['txn-id']")
t_ok "reset: a newer transaction id ($rtxn > $txn)" \
	test "${rtxn:-0}" -gt "${txn:-0}"
if ynl_poll_txn "${rtxn:-0}" "$W/pf2"; then
	t_pass "pf-get: reset transaction $rtxn ended"
else
	t_fail "pf-get: reset transaction $rtxn ended" "$(tail -n 2 "$W/pf2")"
fi
vals "$W/pf2" "r['outcome'][0]['result']" "r['outcome'][0]['op']" \
	"r['generation']" "r['num-vfs']" "[o['txn-id'] for o in r['outcome']][:3]"
{ read -r res; read -r op; read -r gen2; read -r num2; read -r hist; } < "$W/v"
t_eq "reset: committed" committed "$res"
t_eq "reset: outcome of a reset" reset "$op"
t_eq "reset: generation bumped again" $((gen0 + 2)) "$gen2"
t_eq "reset: no VF left" 0 "$num2"
t_eq "pf-get: outcomes newest first (reset, vf-action, then apply)" \
	"[$rtxn, $atxn, $txn]" "$hist"
t_eq "sysfs: VFs off" 0 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
t_done
