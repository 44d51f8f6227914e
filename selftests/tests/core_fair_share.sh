#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The fair share against a simulator that charges what i915 charges (each
# VF's LMEM also holds its 256 KiB LMTT): for 1..31 VFs, vfprov's plan is
# at most what i915's own auto-provisioning gives each VF (read from the
# simulator after enabling the VFs by hand), and with PF usage drift on,
# the fair apply of every count commits (EDQUOT on the last VF before the
# planner reserved the overhead).
# timeout: 540
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
PF=$DEV/$SIM_PF
A=$IOV/pf/gt/available
MiB=1048576

# plan_lmem N: the LMEM vfprov's plan gives VF 1 and VF N of N VFs
plan_lmem() {
	vfnl plan "$SIM_PF" num="$1" > /tmp/fair.plan || return 1
	awk -v n="$1" '$1 == "plan.vf=1" || $1 == "plan.vf=" n {
		for (i = 2; i <= NF; i++)
			if ($i ~ /^lmem=/)
				printf "%s ", substr($i, 6)
	}' /tmp/fair.plan
}

# --- the plan is never above i915's own fair share
bad=
n=1
while [ "$n" -le 31 ]; do
	echo 0 > "$PF/sriov_numvfs"
	echo 1 > "$IOV/pf/auto_provisioning"
	echo "$n" > "$PF/sriov_numvfs"
	auto=$(vfq 1 lmem_quota)
	echo 0 > "$PF/sriov_numvfs"
	set -- $(plan_lmem "$n")
	if [ -z "$1" ] || [ "$1" -gt "$auto" ] || [ "${2:-$1}" -gt "$auto" ]; then
		bad="$bad n=$n:plan=${1:-none}/${2:-}>auto=$auto"
	fi
	n=$((n + 1))
done
t_eq "1..31 VFs: plan <= i915's auto share per VF" "" "$bad"

# --- with drift on, every fair apply commits and fits what is left
echo 12345 > "$DBG/drift_seed"
bad=
util=
n=1
while [ "$n" -le 31 ]; do
	vfnl reset "$SIM_PF" > /dev/null
	free=$(cat "$A/lmem_free")
	spare=$(cat "$IOV/pf/gt/lmem_spare")
	out=$(vfnl apply "$SIM_PF" num="$n")
	case "$out" in
	*result=committed*) ;;
	*) bad="$bad n=$n:$(echo "$out" | head -n 1)" ;;
	esac
	sum=0
	k=1
	while [ "$k" -le "$n" ]; do
		sum=$((sum + $(vfq $k lmem_quota)))
		k=$((k + 1))
	done
	# utilisation: VF LMEM against what really remains (free - spare)
	util="$util $n:$((sum * 1000 / (free - spare)))"
	n=$((n + 1))
done
echo 0 > "$DBG/drift_seed"
t_eq "drift on: the fair apply of 1..31 VFs commits every time" "" "$bad"
t_diag "LMEM utilisation per mille of free - spare (VFs:util):$util"
# 31 VFs lose at most one granule and the estimated tables per VF
t_ok "31 VFs use >= 98% of what remains" test "${util##*:}" -ge 980

vfnl reset "$SIM_PF" > /dev/null
t_eq "reset: 0 VFs" 0 "$(cat "$PF/sriov_numvfs")"
t_done
