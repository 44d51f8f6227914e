#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The PF's own use moves (I915_PRELIM_ABI.md "Corrections and additions"):
# free and max values drift between two reads, and LMEM comes from a buddy
# allocator in 2 MiB chunks that can fail with ENXIO below lmem_max_quota.
# Both are off by default (a kinder default); this test turns them on.
. "${0%/*}/../lib/tap.sh"
. "${0%/*}/../lib/sim.sh"

MiB=1048576
sim_start
a=$(cat $A/lmem_free); b=$(cat $A/lmem_free)
t_eq "default: no drift between two reads" "$a" "$b"

pf=$(cat $DBG/pf_lmem_used)
w $DBG/pf_lmem_used $((pf + 300 * MiB))
t_eq "pf_lmem_used set through debugfs moves lmem_free" $((a - 300 * MiB)) "$(cat $A/lmem_free)"
w $DBG/pf_lmem_used $pf
t_eq "and back" "$a" "$(cat $A/lmem_free)"

echo 12345 > $DBG/drift_seed
moved=0; last=$(cat $A/lmem_free)
for i in 1 2 3 4 5 6 7 8; do
	cur=$(cat $A/lmem_free)
	[ "$cur" != "$last" ] && moved=$((moved + 1))
	last=$cur
done
t_ok "drift_seed: lmem_free moves between reads ($moved of 8)" test $moved -ge 6
m1=$(cat $A/lmem_max_quota)
w $(vf 1)/ggtt_quota $((256 * MiB))
w $(vf 1)/contexts_quota 1024
r=$(sysw $(vf 1)/lmem_quota $m1)
t_ok "drift_seed: writing the max_quota just read may fail (${r:-ok}, EDQUOT or ok)" \
	sh -c "[ '$r' = '' ] || [ '$r' = EDQUOT ]"
echo 0 > $DBG/drift_seed
w $(vf 1)/lmem_quota 0

echo $((512 * MiB)) > $DBG/lmem_frag
max=$(cat $A/lmem_max_quota)
t_err "lmem_frag 512 MiB: max_quota - 256 MiB fails with ENXIO" ENXIO $(vf 1)/lmem_quota $((max - 256 * MiB))
t_eq "...leaving the VF without LMEM" 0 "$(cat $(vf 1)/lmem_quota)"
w $(vf 1)/lmem_quota $((max - 640 * MiB))
echo 0 > $DBG/lmem_frag

sim_down
t_done
