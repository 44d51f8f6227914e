#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfctl on ABI v2's asynchronous transactions (issue 17): plan and
# apply --dry-run are PLAN, open to every user; apply waits for its own
# transaction and shows its progress only on a terminal (selftests/tools/
# ptyrun gives it one); SIGINT while waiting leaves the transaction running
# in the kernel (exit 10) and `vfctl show` then has its outcome under the
# id vfctl named;
# an apply whose events socket overran while it was stopped still reports
# its own outcome (recovered from pf-get), and so does `vfctl monitor`,
# which says events were lost and keeps going.
. "${0%/*}/../lib/core.sh"

T=/tmp/vfctl-async
mkdir -p "$T"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfctl reset "$SIM_PF" --force >/dev/null 2>&1
echo 0 > "$DBG/write_delay_ms"
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd

SLOW="--vfs 31 --driver none --lmem 256M"

# state: the PF's state word from show --json
state() {
	vfctl show "$SIM_PF" --json 2>/dev/null |
		sed -n 's/.*"state" *: *"\([a-z-]*\)".*/\1/p' | head -n 1
}

# wait_state WORD: until the PF is in state WORD (at most ~60 s)
wait_state() {
	_i=0
	while [ "$(state)" != "$1" ]; do
		[ $_i -ge 600 ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}

# --- PLAN for every user
out=$(su -s /bin/sh nobody -c "vfctl plan $SIM_PF --vfs 2" 2>&1)
t_eq "unprivileged plan: exit 0" 0 $?
out=$(su -s /bin/sh nobody -c "vfctl apply $SIM_PF --vfs 2 --dry-run" 2>&1)
rc=$?
t_eq "unprivileged apply --dry-run (PLAN): exit 0" 0 $rc
[ $rc = 0 ] || t_diag "$out"
case $out in *"dry run: the kernel accepts this request"*) t_pass "dry run says the kernel accepts it" ;;
*) t_fail "dry run says the kernel accepts it" "$out" ;; esac
su -s /bin/sh nobody -c "vfctl apply $SIM_PF --vfs 2" >/dev/null 2>&1
t_eq "unprivileged apply: needs root (4)" 4 $?
t_eq "the dry runs changed nothing" 0 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"

# --- progress on a terminal (ptyrun: a pty, as script(1)), nothing extra otherwise
if [ ! -e /dev/pts/ptmx ]; then
	mkdir -p /dev/pts
	mount -t devpts devpts /dev/pts
fi
echo 4 > "$DBG/write_delay_ms"
# shellcheck disable=SC2086
ptyrun "$T/tty.log" vfctl apply "$SIM_PF" $SLOW >/dev/null 2>&1
t_eq "apply on a terminal: exit 0" 0 $?
t_ok "terminal: a progress line names the transaction and its step" \
	grep -aqE "apply, transaction [0-9]+: (starting|queued|[a-z_]+)" "$T/tty.log"
t_ok "terminal: the progress line is cleared (ESC [K) before the result" \
	grep -aq "$(printf '\033\\[K')" "$T/tty.log"
t_ok "terminal: the result as before" grep -aq "committed, generation" "$T/tty.log"
vfctl apply "$SIM_PF" --vfs 2 --driver none --lmem 1G >"$T/out" 2>"$T/err"
t_eq "apply not on a terminal: exit 0" 0 $?
t_ok "not a terminal: stdout is the result line alone" \
	test "$(wc -l < "$T/out")" = 1 -a "$(grep -c committed "$T/out")" = 1
t_ok "not a terminal: nothing on stderr" test ! -s "$T/err"

# --- SIGINT while waiting: the transaction goes on
echo 10 > "$DBG/write_delay_ms"
# shellcheck disable=SC2086
vfctl apply "$SIM_PF" $SLOW >"$T/int.out" 2>"$T/int.err" &
pid=$!
t_ok "the slow apply runs" wait_state applying
kill -INT "$pid"
wait "$pid"
t_eq "SIGINT while waiting: exit 10" 10 $?
t_ok "it says the transaction goes on in the kernel" \
	grep -q "goes on in the kernel" "$T/int.err"
t_ok "it says how to see the outcome" grep -q "vfctl show $SIM_PF" "$T/int.err"
id=$(sed -n 's/.*interrupted; transaction \([0-9]*\) goes on.*/\1/p' "$T/int.err")
t_ok "it names the transaction ($id)" test -n "$id"
t_ok "the transaction ends on its own" wait_state idle
echo 0 > "$DBG/write_delay_ms"
t_eq "and commits: 31 VFs" 31 "$(cat "$DEV/$SIM_PF/sriov_numvfs")"
vfctl show "$SIM_PF" >"$T/show"
t_ok "vfctl show lists its outcome by id" \
	grep -q "transaction $id (apply): committed" "$T/show"

# --- an overrun while the apply waits: its outcome from pf-get. Stopped
# mid-transaction with the smallest socket buffer, the pci PF's events
# fill it first, so its own txn-ntf (sent at the end) is dropped.
SLOW2="--vfs 31 --driver none --lmem 384M"
echo 10 > "$DBG/write_delay_ms"
# shellcheck disable=SC2086
VFCTL_RCVBUF=1 vfctl apply "$SIM_PF" $SLOW2 >"$T/ovr.out" 2>"$T/ovr.err" &
pid=$!
t_ok "the apply runs" wait_state applying
kill -STOP "$pid"
vfctl apply "$PCI_PF" --vfs 1 >/dev/null 2>&1
t_eq "the pci PF's events came first: the apply still runs" applying "$(state)"
wait_state idle
kill -CONT "$pid"
wait "$pid"
rc=$?
t_eq "apply whose own notification was dropped: exit 0" 0 $rc
[ $rc = 0 ] || t_diag "$(cat "$T/ovr.err")"
t_ok "it reports its own outcome (from pf-get)" grep -q "committed, generation" "$T/ovr.out"
t_ok "31 VFs of 384 MiB" test "$(grep -l '^402653184$' "$IOV"/vf*/gt/lmem_quota | wc -l)" = 31

# --- the same, and 4 more transactions end before it looks: its outcome
# fell out of the PF's list; vfctl says so (exit 1), it does not hang
# shellcheck disable=SC2086
VFCTL_RCVBUF=1 vfctl apply "$SIM_PF" $SLOW >"$T/lost.out" 2>"$T/lost.err" &
pid=$!
t_ok "the apply runs" wait_state applying
kill -STOP "$pid"
vfctl reset "$PCI_PF" >/dev/null 2>&1
wait_state idle
echo 0 > "$DBG/write_delay_ms"
for n in 1 2 3 4; do
	vfctl apply "$SIM_PF" --vfs $n --driver none >/dev/null 2>&1
done
kill -CONT "$pid"
wait "$pid"
t_eq "outcome no longer kept: exit 1" 1 $?
t_ok "it says the outcome is no longer kept" grep -q "no longer kept" "$T/lost.err"
t_ok "and where to look" grep -q "its outcome is unknown to vfctl: .vfctl show $SIM_PF" "$T/lost.err"
echo 0 > "$DBG/write_delay_ms"

# --- monitor survives an overrun
VFCTL_RCVBUF=1 vfctl monitor >"$T/mon.txt" 2>/dev/null &
mpid=$!
sleep 1
kill -STOP "$mpid"
vfctl apply "$SIM_PF" --vfs 1 --driver none --lmem 1G >/dev/null 2>&1
vfctl apply "$SIM_PF" --vfs 2 --driver none --lmem 1G >/dev/null 2>&1
kill -CONT "$mpid"
sleep 1
vfctl apply "$SIM_PF" --vfs 3 --driver none --lmem 1G >/dev/null 2>&1
sleep 1
kill -INT "$mpid"
wait "$mpid"
t_eq "monitor after an overrun: exit 0 on SIGINT" 0 $?
t_ok "monitor says events were lost" grep -q "events-lost" "$T/mon.txt"
t_ok "and goes on: the next commit is printed" \
	sh -c "sed -n '/events-lost/,\$p' $T/mon.txt | grep -q 'committed $SIM_PF gen='"
t_ok "a PF event carries the PF's state" \
	grep -qE "pf-config $SIM_PF state=(idle|applying)" "$T/mon.txt"

t_ok "reset" vfctl reset "$SIM_PF"
t_done
