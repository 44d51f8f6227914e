#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl against the simulated Flex PF ($SIM_PF, atsm_sim) and the generic
# pci backend ($PCI_PF): every command, exit codes, --json parsed by
# jsoncheck (json-c), idempotent apply, a failed apply that rolls back (6),
# config files with several PFs, monitor events.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/cmd.sh"

T=/tmp/vfctl-cli
mkdir -p "$T"
JC=jsoncheck

. "${0%/*}/../lib/load.sh"

# The guest is fixed: debugfs is mounted, atsm_sim binds, su works. What
# is missing is a failure, not a reason to skip.
t_start "vfprov loaded, atsm_sim bound to $SIM_PF" sim_vfprov
t_start "atsm_sim debugfs at $DBG" test -e "$DBG/fail_write_nth"

# t_json DESC FILE CHECK...: jsoncheck holds
t_json() {
	_d=$1
	_f=$2
	shift 2
	if _o=$($JC "$_f" "$@" 2>&1); then
		t_pass "$_d"
	else
		t_fail "$_d" "$_o; json: $(head -c 600 "$_f")"
	fi
}

gen_of() { # PF: its generation, from show --json
	vfctl show "$1" --json >"$T/gen.json" 2>/dev/null &&
		sed -n 's/.*"generation" *: *\([0-9]*\).*/\1/p' "$T/gen.json" | head -1
}

# --- basics
run vfctl --version
t_rc "vfctl --version exits 0" 0
t_grep "version names the ABI" "genl ABI version" "$T/out"
run vfctl help
t_rc "vfctl help exits 0" 0
t_grep "help documents exit codes" "6 failed and rolled back" "$T/out"
run vfctl frobnicate
t_rc "unknown command: usage (2)" 2

# --- list / show
run vfctl list
t_rc "list exits 0" 0
t_grep "list shows the simulated Flex PF" "$SIM_PF" "$T/out"
t_grep "list shows the pci backend PF" "$PCI_PF" "$T/out"
run vfctl list --json
cp "$T/out" "$T/list.json"
t_rc "list --json exits 0" 0
t_json "list --json: schema and PF array" "$T/list.json" schema_version=1 pfs:array \
	'pfs[0].index=0' 'pfs[0].address:string' 'pfs[0].total_vfs:int'
idx=$(vfctl list 2>/dev/null | awk -v pf="$SIM_PF" '$2 == pf { print $1 }')
t_json "list --json: index $idx is $SIM_PF" "$T/list.json" "pfs[$idx].address=$SIM_PF" \
	"pfs[$idx].backend=i915-prelim"

run vfctl show "$SIM_PF"
t_rc "show by address exits 0" 0
t_grep "show names the backend" "i915-prelim" "$T/out"
run vfctl show "$SIM_PF" --json
cp "$T/out" "$T/show.json"
t_json "show --json: PF fields" "$T/show.json" schema_version=1 "pf.address=$SIM_PF" \
	pf.backend=i915-prelim pf.total_vfs=31 pf.generation:int pf.state=idle \
	pf.resources:array pf.vfs:array
t_json "show --json: lmem and ggtt resources" "$T/show.json" 'pf.resources[0].name:string' \
	'pf.resources[0].free:int' 'pf.resources[0].granule:int'
run vfctl show "$idx" --json
t_json "show by index" "$T/out" "pf.address=$SIM_PF"
card=
for c in /sys/bus/pci/devices/$SIM_PF/drm/card*; do
	[ -e "$c" ] && card=${c##*/}
done
if [ -n "$card" ]; then
	run vfctl show "$card" --json
	t_json "show by drm card name ($card)" "$T/out" "pf.address=$SIM_PF"
else
	t_fail "show by drm card name" "no drm card under $SIM_PF"
fi
run vfctl show 0000:7f:1f.7
t_rc "show of an unknown PF: not found (3)" 3
run vfctl show nvme0
t_rc "show of a malformed PF: usage (2)" 2
run vfctl show "$PCI_PF" --json
t_json "pci backend PF" "$T/out" "pf.address=$PCI_PF" pf.backend=pci

# start from 0 VFs
vfctl reset "$SIM_PF" --force >/dev/null 2>&1

# --- plan
run vfctl plan "$SIM_PF" --vfs 2 --json
cp "$T/out" "$T/plan.json"
t_rc "plan exits 0" 0
t_json "plan --json: 2 VFs, every quota filled in" "$T/plan.json" plan.num_vfs=2 '#plan.vfs=2' \
	'plan.vfs[0].lmem:int' 'plan.vfs[1].ggtt:int'
run vfctl plan "$SIM_PF" --profile flex170 --vfs 4 --json
t_rc "plan with the flex170 profile exits 0" 0
t_json "plan: flex170-4 quotas and flexible_30fps" "$T/out" plan.num_vfs=4 \
	'plan.vfs[3].lmem=4194304000' 'plan.vfs[3].ggtt=1006632960' 'plan.vfs[0].exec_quantum_ms=8'
run vfctl plan "$SIM_PF" --vfs 3 --sched guide --json
t_json "plan: the guide scheduler preset" "$T/out" plan.pf_exec_quantum_ms=20 \
	plan.pf_preempt_timeout_us=40000 'plan.vfs[2].exec_quantum_ms=20'
run vfctl show "$SIM_PF" --json
t_json "plan changed nothing" "$T/out" pf.num_vfs=0

# --- apply, idempotence
g0=$(gen_of "$SIM_PF")
run vfctl apply "$SIM_PF" --vfs 2 --driver none
t_rc "apply 2 VFs exits 0" 0
t_grep "apply reports committed" "committed" "$T/out"
run vfctl show "$SIM_PF" --json
cp "$T/out" "$T/show2.json"
t_json "2 VFs enabled, quotas reported" "$T/show2.json" pf.num_vfs=2 pf.last_result=committed \
	'pf.vfs[0].id=1' 'pf.vfs[0].enabled=true' 'pf.vfs[1].enabled=true' 'pf.vfs[0].lmem:int' \
	'pf.vfs[0].pci_address:string'
t_json "VF 3 is not enabled" "$T/show2.json" 'pf.vfs[2].id=3' 'pf.vfs[2].enabled=false'
g1=$(gen_of "$SIM_PF")
t_ok "generation bumped by the commit ($g0 -> $g1)" test "$g1" -gt "${g0:-0}"
run vfctl apply "$SIM_PF" --vfs 2 --driver none
t_rc "the same apply again exits 0" 0
t_grep "the same apply again is unchanged" "unchanged" "$T/out"
t_eq "unchanged does not bump the generation" "$g1" "$(gen_of "$SIM_PF")"
run vfctl apply "$SIM_PF" --vfs 2 --driver none --json
t_json "apply --json: status unchanged" "$T/out" status=unchanged exit_code=0 "address=$SIM_PF"

run vfctl apply "$SIM_PF" --vfs 3 --dry-run --json
t_rc "dry run exits 0" 0
t_json "dry run --json" "$T/out" status=dry-run
run vfctl show "$SIM_PF" --json
t_json "dry run changed nothing" "$T/out" pf.num_vfs=2

# --- rejected: nothing changed
run vfctl apply "$SIM_PF" --vfs 2 --lmem 900T
t_rc "over-quota apply: rejected (5)" 5
t_grep "rejection shows a hint" "hint:" "$T/err"
t_grep "rejection says nothing changed" "nothing was changed" "$T/err"
run vfctl apply "$SIM_PF" --vfs 3 --expect-gen 999999
t_rc "wrong --expect-gen: rejected (5)" 5
run vfctl show "$SIM_PF" --json
t_json "rejections left 2 VFs" "$T/out" pf.num_vfs=2 "pf.generation=$g1"

# --- a failed apply rolls back (atsm_sim fault injection)
if [ -w "$DBG/fail_write_nth" ]; then
	echo 5 >"$DBG/fail_write_errno"
	echo 3 >"$DBG/fail_write_nth"
	run vfctl apply "$SIM_PF" --vfs 4 --lmem 1G
	t_rc "apply with an injected EIO: rolled back (6)" 6
	t_grep "rollback reported" "rolled-back" "$T/err"
	t_grep "the kernel's errno is shown" "EIO" "$T/err"
	t_grep "rollback hint" "previous configuration was restored" "$T/err"
	echo 0 >"$DBG/fail_write_nth"
	run vfctl show "$SIM_PF" --json
	t_json "after the rollback: still 2 VFs, last result rolled-back" "$T/out" \
		pf.num_vfs=2 pf.last_result=rolled-back "pf.generation=$g1"
	echo 3 >"$DBG/fail_write_nth"
	run vfctl apply "$SIM_PF" --vfs 4 --lmem 1G --json
	t_json "failed apply --json: status and exit code" "$T/out" status=rolled-back \
		exit_code=6 result=rolled-back errno_name=EIO
	echo 0 >"$DBG/fail_write_nth"
else
	t_fail "failed apply rolls back" "no $DBG/fail_write_nth"
fi

# --- monitor
vfctl monitor --json >"$T/mon.json" 2>"$T/mon.err" &
mpid=$!
sleep 1
run vfctl apply "$SIM_PF" --vfs 1
t_rc "apply 1 VF while monitoring" 0
sleep 1
kill -INT "$mpid"
wait "$mpid"
mrc=$?
if [ "$mrc" = 0 ]; then
	t_pass "monitor stops on SIGINT with 0"
else
	t_fail "monitor stops on SIGINT with 0" "exit $mrc: $(cat "$T/mon.err")"
fi
# ABI v2 sends a pf-ntf (change config) and a txn-ntf per commit, in no
# fixed order: the commit's line is the first "committed" one
grep -m1 '"event":"committed"' "$T/mon.json" >"$T/ev.json"
# the open "events" group names no requester (issue 17)
t_json "monitor --json: a committed event for the PF, no requester" "$T/ev.json" \
	event=committed "address=$SIM_PF" generation:int 'comm!' 'pid!' 'uid!'
vfctl monitor >"$T/mon.txt" 2>/dev/null &
mpid=$!
sleep 1
vfctl apply "$SIM_PF" --vfs 2 >/dev/null 2>&1
sleep 1
kill -TERM "$mpid"
wait "$mpid"
t_grep "monitor: one text line per event" "committed $SIM_PF gen=" "$T/mon.txt"

# --- config files: several PFs, idempotent, bad lines
cat >"$T/two.conf" <<EOF2
# two PFs
[pf $SIM_PF]
vfs = 2
profile = fair
exec_quantum_ms = 20
preempt_timeout_us = 40000

[pf $PCI_PF]
vfs = 2
EOF2
run vfctl apply -f "$T/two.conf"
t_rc "apply -f with two PFs exits 0" 0
run vfctl show "$PCI_PF" --json
t_json "pci backend PF has 2 VFs" "$T/out" pf.num_vfs=2
run vfctl show "$SIM_PF" --json
t_json "per-VF scheduling from the file applied" "$T/out" pf.num_vfs=2 'pf.vfs[0].exec_quantum_ms=20' \
	'pf.vfs[1].preempt_timeout_us=40000'
run vfctl apply -f "$T/two.conf" --json
t_json "apply -f again: both unchanged" "$T/out" '#results=2' 'results[0].status=unchanged' \
	'results[1].status=unchanged'
mkdir -p "$T/etc"
cp "$T/two.conf" "$T/etc/10-two.conf"
run env VFCTL_CONF_DIR="$T/etc" vfctl apply --boot
t_rc "apply --boot on an applied config exits 0" 0
printf '[pf %s]\nvfs = 2\nlmem = 2Q\n' "$SIM_PF" >"$T/bad.conf"
run vfctl apply -f "$T/bad.conf"
t_rc "bad config file: usage (2)" 2
t_grep "the bad line is named" "bad.conf:3: lmem" "$T/err"

# --- permissions: busybox su to nobody
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >>/etc/group
if su -s /bin/sh nobody -c 'test "$(id -u)" = 65534' 2>/dev/null; then
	run su -s /bin/sh nobody -c "/usr/sbin/vfctl show $SIM_PF --json"
	t_rc "unprivileged show works" 0
	run su -s /bin/sh nobody -c "/usr/sbin/vfctl list"
	t_rc "unprivileged list works" 0
	run su -s /bin/sh nobody -c "/usr/sbin/vfctl apply $SIM_PF --vfs 1"
	t_rc "unprivileged apply: needs root (4)" 4
	t_grep "says it needs root" "needs root" "$T/err"
	# ABI v2: a dry run is the PLAN op, open to every user
	run su -s /bin/sh nobody -c "/usr/sbin/vfctl apply $SIM_PF --vfs 1 --dry-run"
	t_rc "unprivileged dry run (PLAN): allowed (0)" 0
else
	t_fail "unprivileged show, list and apply" "cannot su to nobody"
fi

# --- reset
run vfctl reset "$SIM_PF"
t_rc "reset exits 0" 0
run vfctl show "$SIM_PF" --json
t_json "reset: 0 VFs" "$T/out" pf.num_vfs=0
run vfctl reset "$PCI_PF" --json
t_json "reset of the pci PF --json" "$T/out" status=committed
run vfctl reset 0000:7f:1f.7
t_rc "reset of an unknown PF: not found (3)" 3

t_done
