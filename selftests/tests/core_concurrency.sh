#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Concurrent transactions on one PF never interleave: with every prelim_iov
# store slowed down, pairs of applies with different configs run at once;
# each commits, the generation grows by exactly their number, and the end
# state is exactly one of the two configs, never a mix. Queries during a
# transaction answer at once and show it "applying".
. "${0%/*}/../lib/core.sh"

t_start "atsm_sim bound to $SIM_PF, vfprov loaded" sim_vfprov
vfnl reset "$SIM_PF" >/dev/null

X="num=2 vf1.lmem=1073741824 vf2.lmem=1073741824 vf1.eq=11 vf2.eq=11"
Y="num=3 vf1.lmem=536870912 vf2.lmem=536870912 vf3.lmem=536870912 vf1.eq=22 vf2.eq=22 vf3.eq=22"
vx=$(vfnl apply "$SIM_PF" $X >/dev/null; sim_state "$SIM_PF" '[1-6]')
vy=$(vfnl apply "$SIM_PF" $Y >/dev/null; sim_state "$SIM_PF" '[1-6]')
echo 10 > "$DBG/write_delay_ms"

bad=0 fails=0
gen0=$(vfnl pf-get "$SIM_PF" | kv gen)
for round in 1 2 3; do
	vfnl apply "$SIM_PF" $X > /tmp/cx.out &
	a=$!
	vfnl apply "$SIM_PF" $Y > /tmp/cy.out &
	b=$!
	sleep 0.3
	st=$(vfnl pf-get "$SIM_PF" | kv state)
	wait $a || fails=$((fails + 1))
	wait $b || fails=$((fails + 1))
	now=$(sim_state "$SIM_PF" '[1-6]')
	if [ "$now" != "$vx" ] && [ "$now" != "$vy" ]; then
		bad=$((bad + 1))
		t_diag "round $round: end state is neither X nor Y"
	fi
done
echo 0 > "$DBG/write_delay_ms"
t_eq "every concurrent apply committed" 0 "$fails"
t_eq "end state always exactly X or Y" 0 "$bad"
t_eq "generation grew by 6" $((gen0 + 6)) "$(vfnl pf-get "$SIM_PF" | kv gen)"
t_eq "PF_GET during a transaction: applying" applying "$st"
t_ok "reset" vfnl reset "$SIM_PF"
t_done
