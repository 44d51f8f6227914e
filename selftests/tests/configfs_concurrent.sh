#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs: staged edits while a commit runs get EBUSY (deterministically,
# with atsm_sim slowing every store down), and background writers racing
# a series of commits only ever see success or EBUSY, never a torn value:
# the staged tree ends with the last successful write of every writer and
# every commit applied one consistent snapshot.
. "${0%/*}/../lib/cfs.sh"

t_start "atsm_sim bound, vfprov loaded" cfs_setup

mkdir "$P" "$P/vf1" "$P/vf2"
echo 2 > "$P/num_vfs"
echo 1G > "$P/vf1/lmem_quota"

# --- 1. deterministic: a slow commit and every kind of edit ----------------
sim_fault write_delay_ms 300
(sysw "$P/commit" 1; echo "rc=$?") > /tmp/cfs_bg 2>&1 &
bg=$!
if wait_for grep -q '^committing: yes' "$P/status"; then
	t_pass "status shows the commit running"
else
	t_fail "status shows the commit running"
fi
t_err "PF attribute while committing: EBUSY" EBUSY "$P/num_vfs" 3
t_err "VF attribute while committing: EBUSY" EBUSY "$P/vf1/lmem_quota" 2G
t_err "vf_driver while committing: EBUSY" EBUSY "$P/vf_driver" none
t_err "force while committing: EBUSY" EBUSY "$P/force" 1
t_err "second commit while committing: EBUSY" EBUSY "$P/commit" 1
t_err "reset while committing: EBUSY" EBUSY "$P/reset" 1
t_eq "mkdir vf3 while committing: EBUSY" EBUSY "$(mkdir_err "$P/vf3")"
t_ok "reads still work while committing" grep -q '^state: ' "$P/status"
t_eq "staged num_vfs unchanged by the refused write" 2 "$(cat "$P/num_vfs")"
t_eq "staged vf1 unchanged by the refused write" 1073741824 \
	"$(cat "$P/vf1/lmem_quota")"
wait $bg
t_eq "the slow commit itself succeeded" "rc=0" "$(cat /tmp/cfs_bg)"
t_ok "status: committing no afterwards" grep -q '^committing: no' "$P/status"
t_eq "live vf1 lmem_quota" 1073741824 "$(iov_vf 1 lmem_quota)"
t_ok "edits work again" sysw "$P/num_vfs" 2

# --- 2. random races: writers vs. a series of commits ----------------------
sim_fault write_delay_ms 5
# Stage a first value of every raced attribute, so even a commit that wins
# the race against all writers applies staged values, not auto ones.
echo 512M > "$P/vf2/lmem_quota"
echo 10 > "$P/vf1/exec_quantum_ms"
# writer NAME FILE VALUE_A VALUE_B: alternate values, log every result
writer() {
	_i=0
	: > "/tmp/cfs_w_$1"
	while [ $_i -lt 60 ]; do
		if [ $((_i % 2)) -eq 0 ]; then _v=$3; else _v=$4; fi
		_r=$(sysw "$2" "$_v")
		echo "$_v ${_r:-ok}" >> "/tmp/cfs_w_$1"
		_i=$((_i + 1))
	done
}
writer a "$P/vf1/lmem_quota" 1G 2G &
wa=$!
writer b "$P/vf2/lmem_quota" 512M 768M &
wb=$!
writer c "$P/vf1/exec_quantum_ms" 10 20 &
wc=$!
ncommit=0
nbusy=0
torn=
while kill -0 $wa 2>/dev/null || kill -0 $wb 2>/dev/null ||
	kill -0 $wc 2>/dev/null; do
	r=$(sysw "$P/commit" 1)
	case $r in
	"") ncommit=$((ncommit + 1))
	    # what was applied is one of the values the writers staged
	    case $(iov_vf 1 lmem_quota) in
	    1073741824|2147483648) ;;
	    *) torn="$torn vf1.lmem=$(iov_vf 1 lmem_quota)" ;;
	    esac
	    case $(iov_vf 2 lmem_quota) in
	    536870912|805306368) ;;
	    *) torn="$torn vf2.lmem=$(iov_vf 2 lmem_quota)" ;;
	    esac
	    case $(iov_vf 1 exec_quantum_ms) in
	    10|20) ;;
	    *) torn="$torn vf1.eq=$(iov_vf 1 exec_quantum_ms)" ;;
	    esac ;;
	EBUSY) nbusy=$((nbusy + 1)) ;;
	*) torn="$torn commit=$r" ;;
	esac
done
wait $wa $wb $wc
t_diag "$ncommit commits, $nbusy EBUSY commits while writers ran"
t_ok "at least one commit ran during the races" test "$ncommit" -gt 0
t_eq "every commit applied values some writer staged" "" "$torn"

bad=$(cat /tmp/cfs_w_a /tmp/cfs_w_b /tmp/cfs_w_c | grep -v ' ok$' | grep -v ' EBUSY$')
t_eq "writers saw only success or EBUSY" "" "$bad"
busy=$(cat /tmp/cfs_w_a /tmp/cfs_w_b /tmp/cfs_w_c | grep -c ' EBUSY$')
t_diag "writers: $busy of 180 writes got EBUSY"
t_ok "some writes raced a commit and got EBUSY" test "$busy" -gt 0

# The staged tree holds each writer's last successful value.
last_ok() { grep ' ok$' "/tmp/cfs_w_$1" | tail -n 1 | cut -d' ' -f1; }
exp_a=$(last_ok a)
exp_b=$(last_ok b)
exp_c=$(last_ok c)
to_bytes() {
	case $1 in
	1G) echo 1073741824 ;; 2G) echo 2147483648 ;;
	512M) echo 536870912 ;; 768M) echo 805306368 ;;
	*) echo "$1" ;;
	esac
}
t_eq "vf1 lmem_quota is writer a's last success" "$(to_bytes "$exp_a")" \
	"$(cat "$P/vf1/lmem_quota")"
t_eq "vf2 lmem_quota is writer b's last success" "$(to_bytes "$exp_b")" \
	"$(cat "$P/vf2/lmem_quota")"
t_eq "vf1 exec_quantum_ms is writer c's last success" "$exp_c" \
	"$(cat "$P/vf1/exec_quantum_ms")"

# A final quiet commit makes the hardware equal to the staged tree.
sim_fault write_delay_ms 0
cfs_do "final commit" "$P" commit
t_eq "live vf1 lmem_quota = staged" "$(cat "$P/vf1/lmem_quota")" "$(iov_vf 1 lmem_quota)"
t_eq "live vf2 lmem_quota = staged" "$(cat "$P/vf2/lmem_quota")" "$(iov_vf 2 lmem_quota)"
t_eq "live vf1 exec_quantum_ms = staged" "$(cat "$P/vf1/exec_quantum_ms")" \
	"$(iov_vf 1 exec_quantum_ms)"

# mkdir/rmdir racing commits: no crash, the tree stays consistent.
(
	i=0
	while [ $i -lt 30 ]; do
		mkdir "$P/vf2" 2>/dev/null
		rmdir "$P/vf2" 2>/dev/null
		i=$((i + 1))
	done
) &
wm=$!
while kill -0 $wm 2>/dev/null; do
	sysw "$P/commit" 1 >/dev/null
done
wait $wm
t_ok "PF directory still readable after mkdir/rmdir races" cat "$P/status"
rmdir "$P/vf2" 2>/dev/null
cfs_do "commit after the races" "$P" commit

cfs_teardown
t_done
