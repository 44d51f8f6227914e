#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Personalities (I915_PRELIM_ABI.md "Layout" and "Corrections and
# additions"): abi=lts (default, the 23.10 LTS) has no sched_priority and
# no telemetry; abi=25.1 has the PF's sched_priority (range 0..2, EIO
# together with sched_if_idle) and vfK/telemetry/lmem_alloc_size. GGTT
# placement follows each branch: 23.10 inserts PIN_HIGH (top of the
# highest hole), 25.1 best-fit at the bottom of the smallest hole.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
ggtt_start() { sed -n "s/^  vf$1: ggtt=\(0x[0-9a-f]*\)+.*/\1/p" $DBG/state; }

sim_start
t_ok "lts: no pf/gt/sched_priority" test ! -e $G/sched_priority
t_ok "lts: no vf1/telemetry" test ! -e $IOV/vf1/telemetry
t_ok "lts: still has threshold/ and policies/" test -d $IOV/vf1/gt/threshold -a -d $G/policies
w $G/policies/sched_if_idle 1
t_eq "lts: sched_if_idle can be set (no priorities to conflict)" 1 "$(cat $G/policies/sched_if_idle)"
w $G/policies/sched_if_idle 0
w $(vf 1)/ggtt_quota $((64 * MiB))
t_eq "lts: GGTT placed at the top (below GUC_GGTT_TOP)" \
	$((0xFEE00000 - 64 * MiB)) $(( $(ggtt_start 1) ))

sim_start abi=25.1
t_ok "25.1: pf/gt/sched_priority" test -f $G/sched_priority
t_ok "25.1: no VF sched_priority (GuC does not allow it yet)" test ! -e $(vf 1)/sched_priority
t_eq "25.1: vf1/telemetry/lmem_alloc_size reads 0 (no guest driver)" 0 \
	"$(cat $IOV/vf1/telemetry/lmem_alloc_size)"
t_ok "25.1: no telemetry on the PF" test ! -e $IOV/pf/telemetry
w $G/sched_priority 2
t_err "25.1: sched_if_idle with a priority set: EIO" EIO $G/policies/sched_if_idle 1
w $G/sched_priority 0
w $(vf 1)/ggtt_quota $((64 * MiB))
t_eq "25.1: GGTT placed at the bottom (above the PF's 16 MiB)" \
	$((16 * MiB)) $(( $(ggtt_start 1) ))

sim_down
t_ok "unknown abi refused" sh -c "! insmod $VFPROV_MODDIR/atsm_sim.ko abi=24.0 2>/dev/null"
t_done
