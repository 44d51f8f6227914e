#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The PF moves between vfprov's snapshot and its writes: the PF's own LMEM
# use grows (atsm_sim pf_lmem_used), so an explicit config that fitted at
# the snapshot no longer does (EDQUOT on the last VF), or the free LMEM
# fragments (lmem_frag: ENXIO below lmem_max_quota). Each apply ends
# ROLLED_BACK (not DEGRADED) naming the errno and the VF, the generation
# stays, and the whole simulated state (every prelim_iov file, sriov_numvfs,
# autoprobe, VF drivers, and the PCI PF's) reads back as before. The same
# apply commits when nothing moves: the failure is the drift's.
. "${0%/*}/../lib/rel.sh"

if ! sim_up; then
	t_fail "atsm_sim bound to $SIM_PF"
	t_done
fi
load_vfprov
vfnl reset "$SIM_PF" >/dev/null
GiB=1073741824

# X: 2 provisioned VFs, enabled. Y: 3 VFs of 4 GiB (12 GiB + LMTTs fit the
# 16 GiB Flex 170 at the snapshot).
X="num=2 drv=none vf1.lmem=$GiB vf2.lmem=$GiB vf1.eq=10 vf2.pt=30000"
Y="num=3 drv=none vf1.lmem=$((4 * GiB)) vf2.lmem=$((4 * GiB)) vf3.lmem=$((4 * GiB)) eq=20"

# after_store KNOB VALUE: once the apply made its first prelim_iov store
# (after the snapshot and the plan), write atsm_sim knob KNOB. Background.
after_store() {
	read -r _b < "$DBG/writes"
	(
		while :; do
			read -r _c < "$DBG/writes"
			[ "$_c" -gt "$_b" ] && break
		done
		echo "$2" > "$DBG/$1"
	) &
	watcher=$!
}

# moved NAME KNOB VALUE ERRNO: apply X -> Y while KNOB moves to VALUE
moved() {
	g0=$(setup "$SIM_PF" $X)
	before=$(full_state)
	used0=$(cat "$DBG/pf_lmem_used")
	# every store waits 50 ms, so the knob moves long before the LMEM writes
	sim_set write_delay_ms 50
	after_store "$2" "$3"
	# shellcheck disable=SC2086
	out=$(vfnl apply "$SIM_PF" $Y)
	wait "$watcher"
	sim_set write_delay_ms 0
	moved_to=$(cat "$DBG/$2")
	# the PF's own use and the fragments are not vfprov's: put them back
	# before comparing (lmem_free reads them)
	sim_set lmem_frag 0
	sim_set pf_lmem_used "$used0"
	after=$(full_state)
	t_diag "$1: $(echo "$out" | head -n 1)"
	t_eq "$1: $2 moved to $3 during the apply" "$3" "$moved_to"
	t_eq "$1: ROLLED_BACK, not DEGRADED" rolled_back "$(echo "$out" | kv result)"
	t_eq "$1: the reply names -$4" "-$4" "$(echo "$out" | kv errno)"
	case $out in
	*"lmem_quota failed (-$4)"*) t_pass "$1: the message names lmem_quota and -$4" ;;
	*) t_fail "$1: the message names lmem_quota and -$4" ;;
	esac
	t_eq "$1: generation kept" "$g0" "$(echo "$out" | kv gen)"
	if [ "$before" = "$after" ]; then
		t_pass "$1: the state read back equals the state before"
	else
		t_fail "$1: the state read back equals the state before"
		state_diff "$before" "$after"
	fi
	t_eq "$1: PF idle" idle "$(vfnl pf-get "$SIM_PF" | kv state)"
}

# 6 GiB more PF use after the releases: VF 1 and 2 still fit, VF 3 does not
moved "PF LMEM use grows by 6 GiB" pf_lmem_used \
	$(($(cat "$DBG/pf_lmem_used") + 6 * GiB)) 122
# all but 2 GiB of the free LMEM (at X) in pieces: after the releases one
# 4 GiB object still fits, the next is ENXIO (below lmem_max_quota, which
# does not see fragmentation)
moved "LMEM fragments" lmem_frag \
	$(($(cat "$IOV/pf/gt/available/lmem_free") - 2 * GiB)) 6

# control: nothing moves, the same apply commits
setup "$SIM_PF" $X >/dev/null
# shellcheck disable=SC2086
t_eq "nothing moves: X -> Y commits" committed \
	"$(vfnl apply "$SIM_PF" $Y | kv result)"
t_eq "VF 3 holds its 4 GiB" $((4 * GiB)) "$(vfq 3 lmem_quota)"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
