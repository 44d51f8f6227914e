#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The XPU Manager reference profiles (I915_PRELIM_ABI.md, vgpu.conf),
# written one file after another the way XPU Manager does, must fit the
# simulated cards: every write succeeds and the VFs enable. For Flex 140
# the values are written on both GTs.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

sim_start

apply() { # gts vfs lmem ggtt doorbells
	gts=$1; n=$2; ok=1
	for k in $(seq 1 $n); do
		for g in $gts; do
			V=$IOV/vf$k/$g
			sysw $V/lmem_quota $3 >/dev/null || ok=0
			sysw $V/ggtt_quota $4 >/dev/null || ok=0
			sysw $V/contexts_quota 1024 >/dev/null || ok=0
			sysw $V/doorbells_quota $5 >/dev/null || ok=0
		done
	done
	sysw $PF/sriov_numvfs $n >/dev/null || ok=0
	[ "$(numvfs)" = "$n" ] || ok=0
	sysw $PF/sriov_numvfs 0 >/dev/null || ok=0
	for k in $(seq 1 $n); do echo clear > $IOV/vf$k/control; done
	echo $ok
}

for p in "1 16777216000 4026531840 240" "2 8388608000 2013265920 120" \
	"4 4194304000 1006632960 60" "5 3355443200 805306368 48" \
	"8 2097152000 503316480 30" "16 1048576000 251658240 15"; do
	set -- $p
	t_eq "Flex 170 profile: $1 VFs" 1 "$(apply gt $p)"
done

sim_up variant=flex140 >/dev/null 2>&1
for p in "1 6039797760 4026531840 240" "3 2013265920 1342177280 80" \
	"6 1006632960 671088640 40" "12 503316480 335544320 20"; do
	set -- $p
	t_eq "Flex 140 profile (one GPU): $1 VFs" 1 "$(apply gt $p)"
done

sim_down
t_done
