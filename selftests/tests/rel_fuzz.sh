#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reliability: bad input.
#
# nlfuzz (selftests/tools/nlfuzz.c) sends a bounded number of seeded random
# messages to the vfprov family, as root and as uid 65534: random and
# near-valid commands, attribute types, lengths, nesting, garbage. Every
# APPLY/RESET it sends carries a dry-run or impossible-generation guard, so
# nothing it sends may change anything: afterwards the module answers,
# both PFs read back exactly as before (every prelim_iov file, VF counts,
# drivers), generations did not move, and unprivileged mutations were all
# refused with EPERM. Then cfsfuzz writes random values (huge strings,
# binary, negative numbers, bad words) to random configfs attributes and
# VF directories; between batches a commit is attempted: if it fails the
# state must be unchanged, if it succeeds the generation grows by one.
# The seed is printed; boot with rel.seed=N (VFPROV_VM_APPEND) to replay.
. "${0%/*}/../lib/rel.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
T0=$(uptime_s)
SEED=
for arg in $(cat /proc/cmdline); do
	case $arg in rel.seed=*) SEED=${arg#*=} ;; esac
done
[ -n "$SEED" ] || SEED=$(( $(od -An -N4 -tu4 /dev/urandom) + 1 ))
t_diag "seed $SEED"
N_ROOT=20000 N_USER=5000 SECS=45 CFS_ROUNDS=8 CFS_OPS=300
is_debug && N_ROOT=5000 N_USER=1500 SECS=40 CFS_ROUNDS=4

# Something provisioned on both PFs, so that a stray change would show.
vfnl reset "$SIM_PF" >/dev/null
vfnl apply "$SIM_PF" num=2 drv=vfio vf1.lmem=1073741824 vf1.eq=10 >/dev/null
vfnl apply "$PCI_PF" num=2 drv=vfio >/dev/null
before=$(full_state)
gs0=$(vfnl pf-get "$SIM_PF" | kv gen)
gp0=$(vfnl pf-get "$PCI_PF" | kv gen)

out=$(nlfuzz -s "$SEED" -n $N_ROOT -t $SECS -p "$SIM_PF" -p "$PCI_PF" -p 0000:00:00.0)
echo "$out" | grep '^#'
t_diag "root: $(echo "$out" | grep -v '^#' | tr '\n' ' ')"
t_eq "root fuzz: the family still answers (PF_GET dump)" 1 "$(echo "$out" | kv alive)"
t_ok "root fuzz: messages were sent" test "$(echo "$out" | sed -n 's/^# \([0-9]*\) messages.*/\1/p')" -gt 100
out=$(nlfuzz -u -s $((SEED + 1)) -n $N_USER -t $((SECS / 2)) -p "$SIM_PF" -p "$PCI_PF")
echo "$out" | grep '^#'
t_diag "uid 65534: $(echo "$out" | grep -v '^#' | tr '\n' ' ')"
t_eq "unprivileged fuzz: no APPLY/RESET accepted" 0 "$(echo "$out" | kv mutating_accepted)"
t_ok "unprivileged fuzz: APPLY/RESET refused with EPERM" test "$(echo "$out" | kv eperm)" -gt 0
t_eq "unprivileged fuzz: the family still answers" 1 "$(echo "$out" | kv alive)"
out=$(nlfuzz -c -s $((SEED + 2)) -n $N_USER -t $((SECS / 2)) -p "$SIM_PF" -p "$PCI_PF")
echo "$out" | grep '^#'
t_diag "CAP_NET_ADMIN only: $(echo "$out" | grep -v '^#' | tr '\n' ' ')"
t_eq "CAP_NET_ADMIN-only fuzz: no APPLY/RESET accepted" 0 "$(echo "$out" | kv mutating_accepted)"
t_ok "CAP_NET_ADMIN-only fuzz: APPLY/RESET refused with EPERM" test "$(echo "$out" | kv eperm)" -gt 0
t_eq "CAP_NET_ADMIN-only fuzz: the family still answers" 1 "$(echo "$out" | kv alive)"

after=$(full_state)
t_eq "fuzzing changed no device state (both PFs)" "$before" "$after"
[ "$before" = "$after" ] || state_diff "$before" "$after"
t_eq "sim PF generation unchanged" "$gs0" "$(vfnl pf-get "$SIM_PF" | kv gen)"
t_eq "pci PF generation unchanged" "$gp0" "$(vfnl pf-get "$PCI_PF" | kv gen)"
t_eq "sim PF state idle" idle "$(vfnl pf-get "$SIM_PF" | kv state)"
t_ok "a valid apply still commits" vfnl apply "$SIM_PF" num=3 vf2.eq=7
t_diag "netlink part: $(since "$T0")s"

# --- configfs ----------------------------------------------------------
C=/sys/kernel/config/vfprov
P=$C/$SIM_PF
vfnl apply "$SIM_PF" num=2 drv=none vf1.lmem=1073741824 >/dev/null
mkdir "$P"
cfsfuzz "$C" "$SEED" 200 | sed 's/^# /# root dir: /'
bad=0 commits=0 refused=0 r=1
while [ $r -le $CFS_ROUNDS ]; do
	cfsfuzz "$P" $((SEED + 100 + r)) $CFS_OPS
	if [ $((r % 2)) = 0 ]; then
		# every 2nd round: repair the tree into a valid one, so the
		# accepted-commit path is exercised too
		for d in "$P"/vf*/; do
			[ -d "$d" ] && rmdir "$d"
		done
		for a in vf_driver lmem_spare ggtt_spare contexts_spare \
			doorbells_spare exec_quantum_ms preempt_timeout_us \
			sched_if_idle expected_generation; do
			echo > "$P/$a"
		done 2>/dev/null
		echo 0 > "$P/force"
		echo $((r % 4 + 1)) > "$P/num_vfs"
	fi
	st0=$(full_state)
	g0=$(vfnl pf-get "$SIM_PF" | kv gen)
	e=$(sysw "$P/commit" 1)
	st1=$(full_state)
	g1=$(vfnl pf-get "$SIM_PF" | kv gen)
	if [ -z "$e" ]; then
		commits=$((commits + 1))
		if [ "$g1" != $((g0 + 1)) ]; then
			bad=$((bad + 1))
			t_diag "round $r: commit ok but generation $g0 -> $g1"
		elif [ "$(cat "$DEV/$SIM_PF/sriov_numvfs")" != "$(cat "$P/num_vfs")" ]; then
			bad=$((bad + 1))
			t_diag "round $r: commit ok but sriov_numvfs $(cat "$DEV/$SIM_PF/sriov_numvfs") != staged $(cat "$P/num_vfs")"
		fi
	else
		refused=$((refused + 1))
		if [ "$st0" != "$st1" ] || [ "$g0" != "$g1" ]; then
			bad=$((bad + 1))
			t_diag "round $r: commit refused ($e: $(cat "$P/last_error")) but the state changed (gen $g0 -> $g1)"
			state_diff "$st0" "$st1"
		fi
	fi
	r=$((r + 1))
done
t_diag "configfs: $CFS_ROUNDS rounds of $CFS_OPS random operations; commits: $commits ok, $refused refused"
t_eq "configfs: refused commits changed nothing, accepted ones bumped the generation" 0 "$bad"
t_ok "configfs: status still readable" grep -q '^state: ' "$P/status"
for d in "$P"/vf*/; do
	[ -d "$d" ] && rmdir "$d"
done
t_ok "configfs: PF directory removed" rmdir "$P"
vfnl reset "$SIM_PF" >/dev/null
vfnl reset "$PCI_PF" >/dev/null
t_diag "total $(since "$T0")s"
t_ok "rmmod vfprov (no reference leaked)" rmmod vfprov
t_done
