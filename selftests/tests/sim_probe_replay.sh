#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Replaying a `vfctl probe` record against atsm_sim (selftests/lib/
# probe_replay.sh): a record taken from atsm_sim replays against a fresh
# atsm_sim without a difference and leaves the PF as it was; against
# atsm_sim with lmem_overhead=0 (no LMTT charged) the replay names the
# lmem overhead lines and fails, and against abi=25.1 it names the
# sched_priority read. This is how a real card's record shows where the
# model is wrong.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/core.sh"

T=/tmp/probe-replay
mkdir -p "$T"
REPLAY="sh $_lib/probe_replay.sh"

t_start "atsm_sim bound to $SIM_PF" sim_up
vfctl probe "$SIM_PF" -o "$T/rec.txt" > "$T/out" 2>&1
t_ok "vfctl probe recorded atsm_sim" grep -q "^state restored: yes" "$T/rec.txt"
t_diag "record: $(grep -c . "$T/rec.txt") lines, $(grep -c '^write ' "$T/rec.txt") writes"

# replay RECORD: the replay's output in $T/replay, its exit status in rc
replay() {
	$REPLAY "$1" "$SIM_PF" > "$T/replay" 2>&1
	rc=$?
}

sim_fresh
before=$(sim_state "$SIM_PF")
replay "$T/rec.txt"
t_eq "fresh atsm_sim: replay exits 0" 0 "$rc"
[ "$rc" = 0 ] || t_diag "$(head -n 20 "$T/replay")"
t_ok "fresh atsm_sim: no differences" grep -q " 0 differences$" "$T/replay"
t_ok "fresh atsm_sim: every write replayed" grep -q \
	" $(grep -c '^write ' "$T/rec.txt") writes," "$T/replay"
t_eq "the replay leaves the PF as it found it" "$before" "$(sim_state "$SIM_PF")"

sim_fresh lmem_overhead=0
before=$(sim_state "$SIM_PF")
replay "$T/rec.txt"
t_eq "lmem_overhead=0: replay exits 1" 1 "$rc"
t_diag "$(grep '^line ' "$T/replay" | head -n 6)"
t_ok "lmem_overhead=0: names the lmem overhead line" \
	grep -q "^line [0-9]*: lmem overhead vf1 (4194304): record '262144', atsm_sim '0'$" \
	"$T/replay"
t_ok "lmem_overhead=0: counts its differences" \
	grep -q " [1-9][0-9]* differences$" "$T/replay"
t_eq "lmem_overhead=0: the PF as before" "$before" "$(sim_state "$SIM_PF")"

sim_fresh abi=25.1
replay "$T/rec.txt"
t_eq "abi=25.1: replay exits 1" 1 "$rc"
t_ok "abi=25.1: names the sched_priority read (absent on the LTS record)" \
	grep -q "^line [0-9]*: read pf/gt/sched_priority: record '- (ENOENT)'" \
	"$T/replay"

printf 'vfprov-probe: 1\nfrobnicate: 3\n' > "$T/bad.txt"
sim_fresh
replay "$T/bad.txt"
t_eq "a line it does not know: exit 1" 1 "$rc"
t_ok "and names it" grep -q "^line 2: line not understood" "$T/replay"
sim_down
t_done
