#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host-wide transactions (issue 20): `vfctl apply -f` of one file for three
# PFs (atsm_sim on SIM_PF and SIM_PF2, the pci backend on PCI_PF). All
# three commit (exit 0). A rejection in planning of the third writes
# nothing anywhere (exit 5, no store seen by the simulator, generations
# kept). A fault in the third PF's apply (atsm_sim fail_write_nth) makes
# the kernel roll it back and vfctl undo the first two: every prelim_iov
# file, VF count and VF driver of all three is back as before, exit 6,
# and each PF's line says what happened. A change by another client to a
# committed PF before the undo is not overwritten ("changed by someone
# else", exit 7). SIGKILL of vfctl while the applies run leaves each PF
# committed or at its previous state, `show` names the stale journal and
# `apply --recover` puts the host back.
. "${0%/*}/../lib/core.sh"

T=/tmp/vfctl-hostwide
mkdir -p "$T"
PF2=$DEV/$SIM_PF2
t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_up
echo atsm_sim > "$PF2/driver_override"
echo 0 > "$PF2/sriov_drivers_autoprobe"
echo "$SIM_PF2" > /sys/bus/pci/drivers_probe
DBG2=/sys/kernel/debug/atsm_sim/$SIM_PF2
t_start "atsm_sim bound to $SIM_PF2 too" test -d "$DBG2"
t_start "vfprov loaded" load_vfprov

gen() { vfnl pf-get "$1" | kv gen; }
# host: the state of all three PFs, every file the transactions may change
host() {
	sim_state "$SIM_PF"
	pci_state "$PCI_PF"
	sim_state "$SIM_PF2"
}
gens() { echo "$(gen "$SIM_PF") $(gen "$PCI_PF") $(gen "$SIM_PF2")"; }
pfstate() {
	vfctl show "$1" --json 2>/dev/null |
		sed -n 's/.*"state" *: *"\([a-z-]*\)".*/\1/p' | head -n 1
}
gen_is() { test "$(gen "$1")" = "$2"; }
state_is() { test "$(pfstate "$1")" = "$2"; }
# wait_for CMD...: until CMD succeeds (at most ~120 s)
wait_for() {
	_i=0
	until "$@"; do
		[ $_i -ge 1200 ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}

# apply_slow_third: `vfctl apply -f after.conf` in the background ($pid,
# output in $T/out) with every store of the third PF waiting 1 s; a case
# that the PCI PF commits while the third still applies.
apply_slow_third() {
	echo 1000 > "$DBG2/write_delay_ms"
	# shellcheck disable=SC2046 # split into the three generations
	set -- $(gens)
	vfctl apply -f "$T/after.conf" > "$T/out" 2>&1 &
	pid=$!
	t_ok "the PCI PF commits while the third PF still applies" \
		wait_for gen_is "$PCI_PF" $(($2 + 1))
}

cat > "$T/before.conf" <<EOF
[pf $SIM_PF]
vfs = 2
lmem = 1G
driver = none

[pf $PCI_PF]
vfs = 1
driver = none

[pf $SIM_PF2]
vfs = 2
lmem = 1G
driver = none
EOF
cat > "$T/after.conf" <<EOF
[pf $SIM_PF]
vfs = 4
lmem = 512M
driver = none

[pf $PCI_PF]
vfs = 2
driver = none

[pf $SIM_PF2]
vfs = 4
lmem = 512M
contexts = 512
driver = none
EOF
sed "s/^lmem = 512M\$/lmem = 100G/" "$T/after.conf" > "$T/big.conf"
# only the third PF asks for too much
awk -v pf="[pf $SIM_PF2]" '$0 == pf { s = 1 } { if (!s) sub(/100G/, "512M"); print }' \
	"$T/big.conf" > "$T/reject.conf"

# --- all commit
vfctl apply -f "$T/before.conf" > "$T/out" 2>&1
t_eq "host-wide apply of three PFs: exit 0" 0 $?
t_eq "each PF's line says committed" 3 "$(grep -c ': committed, generation' "$T/out")"
vfctl apply -f "$T/after.conf" > "$T/out" 2>&1
t_eq "host-wide apply to the new state: exit 0" 0 $?
after=$(host)
vfctl apply -f "$T/before.conf" > "$T/out" 2>&1
t_eq "and back: exit 0" 0 $?
before=$(host)
g0=$(gens)
t_ok "the two states differ" test "$before" != "$after"
t_ok "no journal left behind" test -z "$(ls /run/vfctl/apply-*.json 2>/dev/null)"

# --- a rejection in planning writes nothing anywhere
w0="$(cat "/sys/kernel/debug/atsm_sim/$SIM_PF/writes") $(cat "$DBG2/writes")"
vfctl apply -f "$T/reject.conf" > "$T/out" 2>&1
t_eq "third PF rejected in planning: exit 5" 5 $?
t_ok "  the rejection names the third PF" grep -q "$SIM_PF2" "$T/out"
t_ok "  says nothing was written" grep -q "nothing was written on any PF" "$T/out"
t_eq "  no store on either simulated PF" "$w0" \
	"$(cat "/sys/kernel/debug/atsm_sim/$SIM_PF/writes") $(cat "$DBG2/writes")"
t_eq "  every PF as before" "$before" "$(host)"
t_eq "  generations kept" "$g0" "$(gens)"

# --- a fault in the third PF rolls back the first two
echo 1 > "$DBG2/fail_write_nth"
vfctl apply -f "$T/after.conf" > "$T/out" 2>&1
rc=$?
t_eq "fault in the third PF: exit 6 (every PF restored)" 6 $rc
[ $rc = 6 ] || t_diag "$(cat "$T/out")"
t_ok "  $SIM_PF: committed, undone" \
	grep -q "^$SIM_PF: committed, undone (restored generation [0-9]*)" "$T/out"
t_ok "  $PCI_PF: committed, undone" \
	grep -q "^$PCI_PF: committed, undone (restored generation [0-9]*)" "$T/out"
t_ok "  $SIM_PF2: rolled back by the kernel, with the reason" \
	grep -q "^$SIM_PF2: rolled back by the kernel: ." "$T/out"
t_eq "  every prelim_iov file, VF count and driver of the three as before" \
	"$before" "$(host)"
# shellcheck disable=SC2086
set -- $g0
t_eq "  generations: +2 on the undone PFs (commit, undo), kept on the third" \
	"$(($1 + 2)) $(($2 + 2)) $3" "$(gens)"
t_eq "  the restored generation is the one printed" \
	"$(($1 + 2))" "$(sed -n "s/^$SIM_PF: .*restored generation \([0-9]*\).*/\1/p" "$T/out")"
t_ok "  no journal left behind" test -z "$(ls /run/vfctl/apply-*.json 2>/dev/null)"

# --- another client changes a committed PF before the undo: kept
# The third PF is slow (every store waits) and its fault is armed only
# after the other client's change, so the order is certain.
before=$(host)
apply_slow_third
vfctl apply "$PCI_PF" --vfs 3 --driver none > "$T/other" 2>&1
t_eq "another client changes the PCI PF: exit 0" 0 $?
t_eq "  the third PF is still applying" applying "$(pfstate "$SIM_PF2")"
echo 1 > "$DBG2/fail_write_nth"
wait $pid
rc=$?
echo 0 > "$DBG2/write_delay_ms"
t_eq "one PF changed by someone else: exit 7" 7 $rc
[ $rc = 7 ] || t_diag "$(cat "$T/out")"
t_ok "  $PCI_PF: changed by someone else, not undone" \
	grep -q "^$PCI_PF: committed, changed by someone else.*not undone" "$T/out"
t_ok "  $SIM_PF: committed, undone" grep -q "^$SIM_PF: committed, undone" "$T/out"
t_eq "  the other client's 3 VFs stay" 3 "$(cat "$DEV/$PCI_PF/sriov_numvfs")"
t_eq "  $SIM_PF exactly as before" "$(echo "$before" | sed -n "1,$(sim_state "$SIM_PF" | wc -l)p")" \
	"$(sim_state "$SIM_PF")"
t_eq "  $SIM_PF2 exactly as before" "$(echo "$before" | tail -n "$(sim_state "$SIM_PF2" | wc -l)")" \
	"$(sim_state "$SIM_PF2")"
t_ok "put the PCI PF back" vfctl apply "$PCI_PF" --vfs 1 --driver none
before=$(host)
t_eq "host as before" "$before" "$(host)"

# --- SIGKILL of vfctl while the applies run
apply_slow_third
t_ok "the journal is on disk" test -s "/run/vfctl/apply-$pid.json"
kill -9 $pid
wait $pid 2>/dev/null
echo 0 > "$DBG2/write_delay_ms"
t_ok "the third PF's transaction ends in the kernel" wait_for state_is "$SIM_PF2" idle
# one PF's part of a host() listing: part N TEXT (1 = SIM_PF, 2 = PCI_PF, 3 = SIM_PF2)
part() {
	_n1=$(sim_state "$SIM_PF" | wc -l)
	case $1 in
	1) echo "$2" | sed -n "1,${_n1}p" ;;
	2) echo "$2" | sed -n "$((_n1 + 1))p" ;;
	3) echo "$2" | sed -n "$((_n1 + 2)),\$p" ;;
	esac
}
now=$(host)
for k in 1 2 3; do
	p=$(part $k "$now")
	t_ok "PF $k of the file is committed or at its previous state (never half)" \
		test "$p" = "$(part $k "$after")" -o "$p" = "$(part $k "$before")"
done
t_eq "  here: all three committed (the kernel finished the third)" "$after" "$now"
vfctl show "$SIM_PF" > /dev/null 2> "$T/show.err"
t_ok "show names the stale journal and --recover" \
	grep -q "stale host journal.*apply-$pid.json.*--recover" "$T/show.err"
vfctl apply --recover > "$T/rec" 2>&1
rc=$?
t_eq "apply --recover: exit 0" 0 $rc
[ $rc = 0 ] || t_diag "$(cat "$T/rec")"
t_eq "  undid all three" 3 "$(grep -c ': committed, undone' "$T/rec")"
t_eq "  the host is back at its previous state" "$before" "$(host)"
t_ok "  the journal is gone" test ! -e "/run/vfctl/apply-$pid.json"
vfctl apply --recover > "$T/rec" 2>&1
t_eq "a second --recover: nothing to do, exit 0" 0 $?

for pf in "$SIM_PF" "$PCI_PF" "$SIM_PF2"; do
	vfctl reset "$pf" --force > /dev/null 2>&1
done
rmmod vfprov
echo "$SIM_PF2" > "$PF2/driver/unbind"
echo flex140-gpu1 > "$PF2/driver_override"
sim_down
t_done
